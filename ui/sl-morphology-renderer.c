/* sl-morphology-renderer.c: instanced tapered cylinders and a soma sphere.
 *
 * The segments' data sit in buffer textures: geometry (two RGBA32F texels
 * per segment: p0 r0, p1 r1; uploaded once) and colour (one RGBA8 texel per
 * segment; rewritten whenever the colouring changes, every frame when
 * colouring by calcium).  The vertex shaders build each segment from a unit
 * shape and its texels.
 *
 * Two levels of detail, chosen per segment every frame: a segment whose
 * radius covers THIN_RADIUS_PX or more on screen is a real tapered cylinder
 * with a rounded cap (50 triangles); a thinner one is a camera-facing quad
 * shaded as a tube (2 triangles).  At fit-to-view nearly every segment of a
 * reconstruction is thin, and geometry would be spent on sub-pixel detail.
 * An order buffer lists the thick segments, then the thin ones; segments
 * outside the view are left out of both.
 *
 * Instances are batches of SEGMENTS_PER_BATCH segments rather than single
 * segments: Mesa's software rasteriser (llvmpipe) pays a fixed cost per
 * instance.  The shape buffers hold their unit shape SEGMENTS_PER_BATCH
 * times and a segment's slot is gl_InstanceID * SEGMENTS_PER_BATCH +
 * gl_VertexID / vertices-per-shape.
 *
 * Spines are geometry of the same pass, depth-tested with the cell: necks
 * are a second set of segments (same programs, grey), heads are sphere
 * impostors — a camera-facing square per head (a point when small, a quad
 * writing the sphere's true depth when large) whose fragment shader
 * intersects the view ray with the sphere and shades it — with a minimum
 * on-screen radius, the selected head larger and ringed, stimulated heads
 * ringed in the accent colour.
 */
#include "sl-morphology-renderer-private.h"

#include <math.h>
#include <string.h>

#include "sl-gl.h"

static const guint8 NECK_COLOR[4] = { 0xa8, 0xa8, 0xa8, 0xff };

/* Data ------------------------------------------------------------------------- */

static void
attach_texture (GLuint texture,
                GLenum format,
                GLuint buffer)
{
  glBindTexture (GL_TEXTURE_BUFFER, texture);
  glTexBuffer (GL_TEXTURE_BUFFER, format, buffer);
  glBindTexture (GL_TEXTURE_BUFFER, 0);
}

static void
upload_buffer (GLuint      buffer,
               gsize       size,
               const void *data,
               GLenum      usage)
{
  glBindBuffer (GL_TEXTURE_BUFFER, buffer);
  glBufferData (GL_TEXTURE_BUFFER, MAX (size, 16), NULL, usage);
  if (size > 0 && data != NULL)
    glBufferSubData (GL_TEXTURE_BUFFER, 0, size, data);
  glBindBuffer (GL_TEXTURE_BUFFER, 0);
}

static void
segment_set_upload (SegmentSet              *set,
                    const SlSegmentInstance *segments,
                    int                      n,
                    GLint                    max_texels,
                    const char              *what)
{
  G_STATIC_ASSERT (sizeof (SlSegmentInstance) == 8 * sizeof (float));

  if (2 * (gint64) n > max_texels)
    {
      g_warning ("3D view: %d %s exceed this driver's buffer texture size (%d texels); "
                 "drawing the first %d", n, what, max_texels, max_texels / 2);
      n = max_texels / 2;
    }
  g_free (set->segments);
  g_free (set->order);
  set->segments = n ? g_memdup2 (segments, sizeof (SlSegmentInstance) * n) : NULL;
  set->order = g_new0 (gint32, MAX (n, 1));
  set->n_segments = n;
  set->n_thick = set->n_thin = 0;

  upload_buffer (set->segment_buffer, sizeof (SlSegmentInstance) * n, segments, GL_STATIC_DRAW);
  upload_buffer (set->color_buffer, 4 * (gsize) n, NULL, GL_DYNAMIC_DRAW);
  upload_buffer (set->order_buffer, sizeof (gint32) * n, NULL, GL_STREAM_DRAW);
  attach_texture (set->segment_texture, GL_RGBA32F, set->segment_buffer);
  attach_texture (set->color_texture, GL_RGBA8, set->color_buffer);
  attach_texture (set->order_texture, GL_R32I, set->order_buffer);
}

void
sl_morphology_renderer_set_mesh (SlMorphologyRenderer   *self,
                                 const SlMorphologyMesh *mesh)
{
  segment_set_upload (&self->cable, mesh ? mesh->segments : NULL, mesh ? mesh->n_segments : 0,
                      self->max_texels, "segments");
  self->has_sphere = mesh && mesh->has_soma_sphere;
  if (self->has_sphere)
    {
      memcpy (self->sphere, mesh->soma_center, 3 * sizeof (float));
      self->sphere[3] = mesh->soma_radius;
    }
}

void
sl_morphology_renderer_set_colors (SlMorphologyRenderer *self,
                                   const guint8         *colors,
                                   int                   n_colors)
{
  g_return_if_fail (n_colors >= self->cable.n_segments + 1);

  /* Orphan the old storage so a frame still using it never stalls us. */
  upload_buffer (self->cable.color_buffer, 4 * (gsize) self->cable.n_segments, colors,
                 GL_DYNAMIC_DRAW);
  for (int k = 0; k < 4; k++)
    self->sphere_color[k] = colors[4 * (n_colors - 1) + k] / 255.f;
}

void
sl_morphology_renderer_set_spines (SlMorphologyRenderer  *self,
                                   const SlSpineInstance *spines,
                                   int                    n_spines)
{
  g_autofree SlSegmentInstance *necks = g_new0 (SlSegmentInstance, MAX (n_spines, 1));
  g_autofree float *heads = g_new (float, 4 * (gsize) MAX (n_spines, 1));
  g_autofree guint8 *grey = g_new (guint8, 4 * (gsize) MAX (n_spines, 1));

  if (n_spines > self->max_texels)
    n_spines = self->max_texels;
  for (int k = 0; k < n_spines; k++)
    {
      const SlSpineInstance *sp = &spines[k];

      /* The neck runs into the head's centre, its cap hidden inside. */
      memcpy (necks[k].p0, sp->base, sizeof sp->base);
      memcpy (necks[k].p1, sp->head, sizeof sp->head);
      necks[k].r0 = necks[k].r1 = sp->neck_r;
      memcpy (&heads[4 * k], sp->head, sizeof sp->head);
      heads[4 * k + 3] = sp->head_r;
      memcpy (&grey[4 * k], NECK_COLOR, 4);
    }
  segment_set_upload (&self->necks, necks, n_spines, self->max_texels, "spine necks");
  upload_buffer (self->necks.color_buffer, 4 * (gsize) self->necks.n_segments, grey, GL_STATIC_DRAW);

  self->n_heads = n_spines;
  upload_buffer (self->head_buffer, 4 * sizeof (float) * n_spines, heads, GL_STATIC_DRAW);
  upload_buffer (self->head_color_buffer, 4 * (gsize) n_spines, NULL, GL_DYNAMIC_DRAW);
  attach_texture (self->head_texture, GL_RGBA32F, self->head_buffer);
  attach_texture (self->head_color_texture, GL_RGBA8, self->head_color_buffer);
}

void
sl_morphology_renderer_set_spine_colors (SlMorphologyRenderer *self,
                                         const guint8         *colors,
                                         int                   n_colors)
{
  g_return_if_fail (n_colors >= self->n_heads);
  upload_buffer (self->head_color_buffer, 4 * (gsize) self->n_heads, colors, GL_DYNAMIC_DRAW);
}

/* Sorts a set's segments into thick (cylinders) and thin (quads) for this
 * view and drops those outside the view volume.  view is row-vector
 * (graphene), so a point's view-space x, y, z are p·column 0, 1, 2 plus the
 * last row; proj gives the tangents of the half fields of view
 * (perspective) or the half sizes of the view (orthographic). */
static void
classify (SlMorphologyRenderer *self,
          SegmentSet           *set,
          const float           view[16],
          const float           proj[16],
          const PixelScale     *ps)
{
  int n_thick = 0, n_thin = 0;
  gint32 *thin = set->order + set->n_segments; /* thin ones fill from the end */
  float half_x = 1.f / proj[0], half_y = 1.f / proj[5];
  float sec_x = ps->ortho ? 1.f : sqrtf (1.f + half_x * half_x);
  float sec_y = ps->ortho ? 1.f : sqrtf (1.f + half_y * half_y);
  float min_r_px = set->min_radius_px * self->scale;

  for (int i = 0; i < set->n_segments; i++)
    {
      const SlSegmentInstance *s = &set->segments[i];
      float d0 = -(s->p0[0] * view[2] + s->p0[1] * view[6] + s->p0[2] * view[10] + view[14]);
      float d1 = -(s->p1[0] * view[2] + s->p1[1] * view[6] + s->p1[2] * view[10] + view[14]);
      float c[3], x, y, d, half, bound, r_px, reach_x, reach_y;

      /* Bounding sphere of the drawn tube (the minimum on-screen width and
       * the distal cap included) against the side planes of the view
       * volume: in perspective a point (x, d) is inside the right plane
       * when x <= d tan_x, and a sphere when x <= d tan_x + R sec_x. */
      for (int k = 0; k < 3; k++)
        c[k] = 0.5f * (s->p0[k] + s->p1[k]);
      half = 0.5f * sqrtf ((s->p1[0] - s->p0[0]) * (s->p1[0] - s->p0[0]) +
                           (s->p1[1] - s->p0[1]) * (s->p1[1] - s->p0[1]) +
                           (s->p1[2] - s->p0[2]) * (s->p1[2] - s->p0[2]));
      x = c[0] * view[0] + c[1] * view[4] + c[2] * view[8] + view[12];
      y = c[0] * view[1] + c[1] * view[5] + c[2] * view[9] + view[13];
      d = -(c[0] * view[2] + c[1] * view[6] + c[2] * view[10] + view[14]);
      bound = half + 2.f * MAX (s->r0, s->r1)
              + min_r_px * (ps->a + ps->b * MAX (d + half, 0.f));
      reach_x = ps->ortho ? half_x : d * half_x;
      reach_y = ps->ortho ? half_y : d * half_y;
      if ((!ps->ortho && d < -bound) ||
          fabsf (x) > reach_x + bound * sec_x ||
          fabsf (y) > reach_y + bound * sec_y)
        continue;

      /* Spine necks shorter than a pixel or two on screen are hidden by
       * the head and the shaft: not worth a draw. */
      if (set->min_length_px > 0.f)
        {
          float dx = (s->p1[0] - s->p0[0]) * view[0] + (s->p1[1] - s->p0[1]) * view[4]
                     + (s->p1[2] - s->p0[2]) * view[8];
          float dy = (s->p1[0] - s->p0[0]) * view[1] + (s->p1[1] - s->p0[1]) * view[5]
                     + (s->p1[2] - s->p0[2]) * view[9];
          float um_px = ps->a + ps->b * MAX (d, 1e-6f);

          if (sqrtf (dx * dx + dy * dy) < set->min_length_px * um_px)
            continue;
        }

      /* Radius in pixels at the nearer end (the larger on screen). */
      if (!ps->ortho && (d0 <= 0.f || d1 <= 0.f))
        r_px = G_MAXFLOAT;
      else
        r_px = MAX (s->r0 / (ps->a + ps->b * d0), s->r1 / (ps->a + ps->b * d1));
      if (r_px >= THIN_RADIUS_PX)
        set->order[n_thick++] = i;
      else
        {
          *--thin = i;
          n_thin++;
        }
    }
  /* Close the gap between the two lists left by culled segments. */
  if (n_thick + n_thin < set->n_segments)
    memmove (set->order + n_thick, thin, sizeof (gint32) * n_thin);
  set->n_thick = n_thick;
  set->n_thin = n_thin;
  upload_buffer (set->order_buffer, sizeof (gint32) * (n_thick + n_thin), set->order,
                 GL_STREAM_DRAW);
}

/* Target ------------------------------------------------------------------------ */

gboolean
sl_morphology_renderer_set_size (SlMorphologyRenderer  *self,
                                 int                    width_px,
                                 int                    height_px,
                                 int                    scale,
                                 GError               **error)
{
  GLenum status;

  self->scale = MAX (scale, 1);
  width_px = MAX (width_px, 1);
  height_px = MAX (height_px, 1);
  if (width_px == self->width && height_px == self->height &&
      (self->msaa_fbo || self->max_samples < 2))
    return TRUE;
  self->width = width_px;
  self->height = height_px;
  _sl_morphology_renderer_drop_target (self);
  if (self->max_samples < 2)
    return TRUE;

  glGenRenderbuffers (1, &self->msaa_color);
  glBindRenderbuffer (GL_RENDERBUFFER, self->msaa_color);
  glRenderbufferStorageMultisample (GL_RENDERBUFFER, self->max_samples, GL_RGBA8,
                                    width_px, height_px);
  glGenRenderbuffers (1, &self->msaa_depth);
  glBindRenderbuffer (GL_RENDERBUFFER, self->msaa_depth);
  glRenderbufferStorageMultisample (GL_RENDERBUFFER, self->max_samples, GL_DEPTH_COMPONENT24,
                                    width_px, height_px);
  glBindRenderbuffer (GL_RENDERBUFFER, 0);
  glGenFramebuffers (1, &self->msaa_fbo);
  glBindFramebuffer (GL_FRAMEBUFFER, self->msaa_fbo);
  glFramebufferRenderbuffer (GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, self->msaa_color);
  glFramebufferRenderbuffer (GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, self->msaa_depth);
  status = glCheckFramebufferStatus (GL_FRAMEBUFFER);
  glBindFramebuffer (GL_FRAMEBUFFER, 0);
  if (status != GL_FRAMEBUFFER_COMPLETE)
    {
      /* Not fatal: draw straight into the widget's buffer without MSAA. */
      _sl_morphology_renderer_drop_target (self);
      self->max_samples = 0;
      g_set_error (error, SL_GL_ERROR, SL_GL_ERROR_FRAMEBUFFER,
                   "Multisampled framebuffer incomplete (status 0x%x); antialiasing off",
                   status);
      return FALSE;
    }
  self->samples = self->max_samples;
  return TRUE;
}

int
sl_morphology_renderer_get_samples (SlMorphologyRenderer *self)
{
  return self->samples;
}

void
sl_morphology_renderer_get_lod_counts (SlMorphologyRenderer *self,
                                       int                  *n_cylinders,
                                       int                  *n_quads)
{
  *n_cylinders = self->cable.n_thick;
  *n_quads = self->cable.n_thin;
}

void
sl_morphology_renderer_get_spine_counts (SlMorphologyRenderer *self,
                                         int                  *n_heads,
                                         int                  *n_necks)
{
  *n_heads = self->n_heads;
  *n_necks = self->necks.n_thick + self->necks.n_thin;
}

/* Drawing ------------------------------------------------------------------------- */

static void
draw_segments (SlMorphologyRenderer *self,
               const SegmentSet     *set,
               const SegmentProgram *prog,
               const BatchShape     *shape,
               int                   first,
               int                   count,
               const float           view[16],
               const float           proj[16],
               const PixelScale     *ps)
{
  int n_full = count / SEGMENTS_PER_BATCH;
  int rest = count % SEGMENTS_PER_BATCH;

  if (count == 0)
    return;
  glUseProgram (prog->id);
  glUniformMatrix4fv (prog->view, 1, GL_FALSE, view);
  glUniformMatrix4fv (prog->proj, 1, GL_FALSE, proj);
  glUniform1f (prog->ambient, AMBIENT);
  glUniform2f (prog->um_per_px, ps->a, ps->b);
  glUniform1f (prog->ortho, ps->ortho ? 1.f : 0.f);
  glUniform1f (prog->min_radius_px, set->min_radius_px * self->scale);
  glUniform1i (prog->batch, SEGMENTS_PER_BATCH);
  glUniform1i (prog->shape_vertices, shape->n_vertices);
  glUniform1i (prog->segments, 0);
  glUniform1i (prog->colors, 1);
  glUniform1i (prog->order, 2);
  glBindVertexArray (shape->vao);
  if (n_full > 0)
    {
      glUniform1i (prog->first, first);
      glDrawElementsInstanced (GL_TRIANGLES, shape->n_indices * SEGMENTS_PER_BATCH,
                               GL_UNSIGNED_SHORT, NULL, n_full);
    }
  if (rest > 0)
    {
      glUniform1i (prog->first, first + n_full * SEGMENTS_PER_BATCH);
      glDrawElementsInstanced (GL_TRIANGLES, shape->n_indices * rest,
                               GL_UNSIGNED_SHORT, NULL, 1);
    }
}

static void
draw_set (SlMorphologyRenderer *self,
          SegmentSet           *set,
          const float           view[16],
          const float           proj[16],
          const PixelScale     *ps)
{
  if (set->n_segments == 0)
    return;
  classify (self, set, view, proj, ps);
  glActiveTexture (GL_TEXTURE0);
  glBindTexture (GL_TEXTURE_BUFFER, set->segment_texture);
  glActiveTexture (GL_TEXTURE1);
  glBindTexture (GL_TEXTURE_BUFFER, set->color_texture);
  glActiveTexture (GL_TEXTURE2);
  glBindTexture (GL_TEXTURE_BUFFER, set->order_texture);

  draw_segments (self, set, &self->tube, &self->cylinder, 0, set->n_thick, view, proj, ps);
  draw_segments (self, set, &self->ribbon, &self->quad, set->n_thick, set->n_thin, view, proj, ps);

  for (int unit = 2; unit >= 0; unit--)
    {
      glActiveTexture (GL_TEXTURE0 + unit);
      glBindTexture (GL_TEXTURE_BUFFER, 0);
    }
}

static void
draw_head_pass (SlMorphologyRenderer *self,
                const HeadProgram    *prog,
                GLenum                mode,
                int                   vertices_per_head,
                const float           view[16],
                const float           proj[16],
                const PixelScale     *ps)
{
  glUseProgram (prog->id);
  glUniformMatrix4fv (prog->view, 1, GL_FALSE, view);
  glUniformMatrix4fv (prog->proj, 1, GL_FALSE, proj);
  glUniform1f (prog->ambient, AMBIENT);
  glUniform2f (prog->um_per_px, ps->a, ps->b);
  glUniform1f (prog->ortho, ps->ortho ? 1.f : 0.f);
  glUniform1f (prog->min_radius_px, HEAD_MIN_RADIUS_PX * self->scale);
  glUniform1f (prog->scale, (float) self->scale);
  glUniform1f (prog->max_point_px, self->max_point_px);
  glUniform1i (prog->heads, 0);
  glUniform1i (prog->colors, 1);
  glDrawArrays (mode, 0, vertices_per_head * self->n_heads);
}

static void
draw_heads (SlMorphologyRenderer *self,
            const float           view[16],
            const float           proj[16],
            const PixelScale     *ps)
{
  if (self->n_heads == 0)
    return;
  glActiveTexture (GL_TEXTURE0);
  glBindTexture (GL_TEXTURE_BUFFER, self->head_texture);
  glActiveTexture (GL_TEXTURE1);
  glBindTexture (GL_TEXTURE_BUFFER, self->head_color_texture);
  glBindVertexArray (self->head_vao);
  /* The vertex shaders find their head from gl_VertexID.  llvmpipe's cost
   * is mostly per primitive: a point per head costs a third of two
   * triangles. */
  glEnable (GL_PROGRAM_POINT_SIZE);
  draw_head_pass (self, &self->head_points, GL_POINTS, 1, view, proj, ps);
  glDisable (GL_PROGRAM_POINT_SIZE);
  draw_head_pass (self, &self->head_quads, GL_TRIANGLES, 6, view, proj, ps);
  glActiveTexture (GL_TEXTURE1);
  glBindTexture (GL_TEXTURE_BUFFER, 0);
  glActiveTexture (GL_TEXTURE0);
  glBindTexture (GL_TEXTURE_BUFFER, 0);
}

void
sl_morphology_renderer_draw (SlMorphologyRenderer    *self,
                             GLuint                   target_fbo,
                             const graphene_matrix_t *view,
                             const graphene_matrix_t *proj,
                             const float              background[4])
{
  float v[16], p[16];
  PixelScale ps;
  /* proj[1][1] = 1 / tan(fov_y / 2) in perspective: a pixel spans
   * 2 tan(fov_y / 2) / height µm at 1 µm from the eye; orthographic, it is
   * 1 / half height, and a pixel spans 2 half height / height µm at any
   * depth. */
  float unit = 2.f / (graphene_matrix_get_value (proj, 1, 1) * self->height);

  graphene_matrix_to_float (view, v);
  graphene_matrix_to_float (proj, p);
  ps.ortho = p[15] != 0.f;
  ps.a = ps.ortho ? unit : 0.f;
  ps.b = ps.ortho ? 0.f : unit;

  glBindFramebuffer (GL_FRAMEBUFFER, self->msaa_fbo ? self->msaa_fbo : target_fbo);
  glViewport (0, 0, self->width, self->height);
  glClearColor (background[0], background[1], background[2], background[3]);
  glClearDepth (1.0);
  glClear (GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  glEnable (GL_DEPTH_TEST);
  glDepthFunc (GL_LESS);
  glDisable (GL_BLEND);
  glDisable (GL_CULL_FACE);

  draw_set (self, &self->cable, v, p, &ps);
  if (self->has_sphere)
    {
      glUseProgram (self->sphere_program);
      glUniformMatrix4fv (self->sph_u_view, 1, GL_FALSE, v);
      glUniformMatrix4fv (self->sph_u_proj, 1, GL_FALSE, p);
      glUniform1f (self->sph_u_ambient, AMBIENT);
      glUniform1f (self->sph_u_ortho, ps.ortho ? 1.f : 0.f);
      glUniform4fv (self->sph_u_center_radius, 1, self->sphere);
      glUniform4fv (self->sph_u_color, 1, self->sphere_color);
      glBindVertexArray (self->sphere_vao);
      glDrawElements (GL_TRIANGLES, self->n_sphere_indices, GL_UNSIGNED_SHORT, NULL);
    }
  /* Spines last: their heads write their depth per fragment, which turns
   * off the early depth test for them; drawn after the cable, their hidden
   * fragments are rejected by the depth the cable left. */
  draw_set (self, &self->necks, v, p, &ps);
  draw_heads (self, v, p, &ps);
  glBindVertexArray (0);
  glUseProgram (0);
  glDisable (GL_DEPTH_TEST);

  if (self->msaa_fbo)
    {
      glBindFramebuffer (GL_READ_FRAMEBUFFER, self->msaa_fbo);
      glBindFramebuffer (GL_DRAW_FRAMEBUFFER, target_fbo);
      glBlitFramebuffer (0, 0, self->width, self->height, 0, 0, self->width, self->height,
                         GL_COLOR_BUFFER_BIT, GL_NEAREST);
    }
  glBindFramebuffer (GL_FRAMEBUFFER, target_fbo);
}
