/* sl-morphology-renderer.c: instanced tapered cylinders and a soma sphere.
 *
 * One draw call for all segments (glDrawElementsInstanced), so a
 * reconstruction of tens of thousands of segments costs one upload of
 * 32 bytes of geometry and 4 bytes of colour per segment.
 */
#include "sl-morphology-renderer.h"

#include <math.h>
#include <string.h>

#include "sl-gl.h"

#define CYL_SIDES      10 /* around the axis */
#define CAP_STEPS      2  /* latitude rings of the distal cap below its pole */
#define SPHERE_SLICES  32
#define SPHERE_STACKS  16
#define AMBIENT        0.28f
#define MIN_RADIUS_PX  1.1f /* thinnest neurite on screen: about 2 px wide */

struct _SlMorphologyRenderer
{
  GLuint segment_program;
  GLint  seg_u_view, seg_u_proj, seg_u_ambient, seg_u_px_per_depth, seg_u_min_radius_px;
  GLuint sphere_program;
  GLint  sph_u_view, sph_u_proj, sph_u_ambient, sph_u_center_radius, sph_u_color;

  GLuint segment_vao;
  GLuint shape_vbo, shape_ibo;    /* unit cylinder with cap */
  GLsizei n_shape_indices;
  GLuint instance_vbo;            /* (n_segments) SlSegmentInstance */
  GLuint color_vbo;               /* (n_segments) RGBA8 */
  int    n_segments;

  GLuint sphere_vao, sphere_vbo, sphere_ibo;
  GLsizei n_sphere_indices;
  gboolean has_sphere;
  float  sphere[4];               /* µm: centre, radius */
  float  sphere_color[4];

  int    max_samples;
  int    samples;                 /* of the multisampled target, 0 if none */
  GLuint msaa_fbo, msaa_color, msaa_depth;
  int    width, height;           /* px of the target */
};

static void
build_cylinder (SlMorphologyRenderer *self)
{
  const int n_verts = 2 * CYL_SIDES + CAP_STEPS * CYL_SIDES + 1;
  const int pole = 2 * CYL_SIDES + CAP_STEPS * CYL_SIDES;
  g_autofree float *verts = g_new (float, 4 * n_verts);
  g_autoptr(GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint16));

  for (int j = 0; j < CYL_SIDES; j++)
    {
      float a = 2.f * (float) G_PI * j / CYL_SIDES;
      float c = cosf (a), s = sinf (a);
      float side[8] = { c, s, 0.f, -1.f, c, s, 1.f, -1.f };

      memcpy (&verts[8 * j], side, sizeof side);
      for (int k = 0; k < CAP_STEPS; k++)
        {
          float *v = &verts[4 * (2 * CYL_SIDES + k * CYL_SIDES + j)];

          v[0] = c; v[1] = s; v[2] = 1.f;
          v[3] = (float) G_PI / 2.f * k / CAP_STEPS;
        }
    }
  verts[4 * pole + 0] = 1.f;
  verts[4 * pole + 1] = 0.f;
  verts[4 * pole + 2] = 1.f;
  verts[4 * pole + 3] = (float) G_PI / 2.f;

  for (int j = 0; j < CYL_SIDES; j++)
    {
      int jn = (j + 1) % CYL_SIDES;
      guint16 q[6] = { 2 * j, 2 * jn, 2 * j + 1, 2 * j + 1, 2 * jn, 2 * jn + 1 };

      g_array_append_vals (idx, q, 6);
      for (int k = 0; k + 1 < CAP_STEPS; k++)
        {
          int r0 = 2 * CYL_SIDES + k * CYL_SIDES, r1 = r0 + CYL_SIDES;
          guint16 c[6] = { r0 + j, r0 + jn, r1 + j, r1 + j, r0 + jn, r1 + jn };

          g_array_append_vals (idx, c, 6);
        }
      {
        int rl = 2 * CYL_SIDES + (CAP_STEPS - 1) * CYL_SIDES;
        guint16 t[3] = { rl + j, rl + jn, pole };

        g_array_append_vals (idx, t, 3);
      }
    }

  glGenBuffers (1, &self->shape_vbo);
  glBindBuffer (GL_ARRAY_BUFFER, self->shape_vbo);
  glBufferData (GL_ARRAY_BUFFER, sizeof (float) * 4 * n_verts, verts, GL_STATIC_DRAW);
  glGenBuffers (1, &self->shape_ibo);
  glBindBuffer (GL_ELEMENT_ARRAY_BUFFER, self->shape_ibo);
  glBufferData (GL_ELEMENT_ARRAY_BUFFER, sizeof (guint16) * idx->len, idx->data, GL_STATIC_DRAW);
  self->n_shape_indices = idx->len;
}

int
sl_morphology_renderer_get_triangles_per_segment (void)
{
  return 2 * CYL_SIDES + 2 * CYL_SIDES * (CAP_STEPS - 1) + CYL_SIDES;
}

static void
build_segment_vao (SlMorphologyRenderer *self)
{
  glGenVertexArrays (1, &self->segment_vao);
  glBindVertexArray (self->segment_vao);
  build_cylinder (self);

  glBindBuffer (GL_ARRAY_BUFFER, self->shape_vbo);
  glEnableVertexAttribArray (0);
  glVertexAttribPointer (0, 4, GL_FLOAT, GL_FALSE, 4 * sizeof (float), NULL);

  glGenBuffers (1, &self->instance_vbo);
  glBindBuffer (GL_ARRAY_BUFFER, self->instance_vbo);
  glEnableVertexAttribArray (1);
  glVertexAttribPointer (1, 4, GL_FLOAT, GL_FALSE, sizeof (SlSegmentInstance),
                         (void *) G_STRUCT_OFFSET (SlSegmentInstance, p0));
  glVertexAttribDivisor (1, 1);
  glEnableVertexAttribArray (2);
  glVertexAttribPointer (2, 4, GL_FLOAT, GL_FALSE, sizeof (SlSegmentInstance),
                         (void *) G_STRUCT_OFFSET (SlSegmentInstance, p1));
  glVertexAttribDivisor (2, 1);

  glGenBuffers (1, &self->color_vbo);
  glBindBuffer (GL_ARRAY_BUFFER, self->color_vbo);
  glEnableVertexAttribArray (3);
  glVertexAttribPointer (3, 4, GL_UNSIGNED_BYTE, GL_TRUE, 4, NULL);
  glVertexAttribDivisor (3, 1);

  glBindVertexArray (0);
}

static void
build_sphere_vao (SlMorphologyRenderer *self)
{
  const int n_verts = (SPHERE_STACKS + 1) * (SPHERE_SLICES + 1);
  g_autofree float *verts = g_new (float, 3 * n_verts);
  g_autoptr(GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint16));
  int v = 0;

  for (int i = 0; i <= SPHERE_STACKS; i++)
    {
      float lat = (float) G_PI * i / SPHERE_STACKS;

      for (int j = 0; j <= SPHERE_SLICES; j++)
        {
          float lon = 2.f * (float) G_PI * j / SPHERE_SLICES;

          verts[v++] = sinf (lat) * cosf (lon);
          verts[v++] = cosf (lat);
          verts[v++] = sinf (lat) * sinf (lon);
        }
    }
  for (int i = 0; i < SPHERE_STACKS; i++)
    for (int j = 0; j < SPHERE_SLICES; j++)
      {
        guint16 a = i * (SPHERE_SLICES + 1) + j, b = a + SPHERE_SLICES + 1;
        guint16 q[6] = { a, b, a + 1, a + 1, b, b + 1 };

        g_array_append_vals (idx, q, 6);
      }

  glGenVertexArrays (1, &self->sphere_vao);
  glBindVertexArray (self->sphere_vao);
  glGenBuffers (1, &self->sphere_vbo);
  glBindBuffer (GL_ARRAY_BUFFER, self->sphere_vbo);
  glBufferData (GL_ARRAY_BUFFER, sizeof (float) * 3 * n_verts, verts, GL_STATIC_DRAW);
  glGenBuffers (1, &self->sphere_ibo);
  glBindBuffer (GL_ELEMENT_ARRAY_BUFFER, self->sphere_ibo);
  glBufferData (GL_ELEMENT_ARRAY_BUFFER, sizeof (guint16) * idx->len, idx->data, GL_STATIC_DRAW);
  self->n_sphere_indices = idx->len;
  glEnableVertexAttribArray (0);
  glVertexAttribPointer (0, 3, GL_FLOAT, GL_FALSE, 3 * sizeof (float), NULL);
  glBindVertexArray (0);
}

SlMorphologyRenderer *
sl_morphology_renderer_new (int      max_samples,
                            GError **error)
{
  SlMorphologyRenderer *self = g_new0 (SlMorphologyRenderer, 1);
  GLint gl_max_samples = 0;

  self->segment_program = sl_gl_program_new_from_resources ("segment.vert.glsl",
                                                            "shade.frag.glsl", error);
  if (self->segment_program == 0)
    {
      sl_morphology_renderer_free (self);
      return NULL;
    }
  self->sphere_program = sl_gl_program_new_from_resources ("sphere.vert.glsl",
                                                           "shade.frag.glsl", error);
  if (self->sphere_program == 0)
    {
      sl_morphology_renderer_free (self);
      return NULL;
    }
  self->seg_u_view = glGetUniformLocation (self->segment_program, "u_view");
  self->seg_u_proj = glGetUniformLocation (self->segment_program, "u_proj");
  self->seg_u_ambient = glGetUniformLocation (self->segment_program, "u_ambient");
  self->seg_u_px_per_depth = glGetUniformLocation (self->segment_program, "u_px_per_depth");
  self->seg_u_min_radius_px = glGetUniformLocation (self->segment_program, "u_min_radius_px");
  self->sph_u_view = glGetUniformLocation (self->sphere_program, "u_view");
  self->sph_u_proj = glGetUniformLocation (self->sphere_program, "u_proj");
  self->sph_u_ambient = glGetUniformLocation (self->sphere_program, "u_ambient");
  self->sph_u_center_radius = glGetUniformLocation (self->sphere_program, "u_center_radius");
  self->sph_u_color = glGetUniformLocation (self->sphere_program, "u_color");

  build_segment_vao (self);
  build_sphere_vao (self);

  glGetIntegerv (GL_MAX_SAMPLES, &gl_max_samples);
  self->max_samples = MIN (max_samples, gl_max_samples);
  return self;
}

static void
drop_target (SlMorphologyRenderer *self)
{
  if (self->msaa_fbo)
    glDeleteFramebuffers (1, &self->msaa_fbo);
  if (self->msaa_color)
    glDeleteRenderbuffers (1, &self->msaa_color);
  if (self->msaa_depth)
    glDeleteRenderbuffers (1, &self->msaa_depth);
  self->msaa_fbo = self->msaa_color = self->msaa_depth = 0;
  self->samples = 0;
}

void
sl_morphology_renderer_free (SlMorphologyRenderer *self)
{
  if (self == NULL)
    return;
  drop_target (self);
  if (self->segment_program)
    glDeleteProgram (self->segment_program);
  if (self->sphere_program)
    glDeleteProgram (self->sphere_program);
  if (self->segment_vao)
    {
      GLuint bufs[4] = { self->shape_vbo, self->shape_ibo, self->instance_vbo, self->color_vbo };

      glDeleteBuffers (4, bufs);
      glDeleteVertexArrays (1, &self->segment_vao);
    }
  if (self->sphere_vao)
    {
      GLuint bufs[2] = { self->sphere_vbo, self->sphere_ibo };

      glDeleteBuffers (2, bufs);
      glDeleteVertexArrays (1, &self->sphere_vao);
    }
  g_free (self);
}

void
sl_morphology_renderer_set_mesh (SlMorphologyRenderer   *self,
                                 const SlMorphologyMesh *mesh)
{
  int n = mesh ? mesh->n_segments : 0;

  glBindBuffer (GL_ARRAY_BUFFER, self->instance_vbo);
  glBufferData (GL_ARRAY_BUFFER, sizeof (SlSegmentInstance) * n,
                n ? mesh->segments : NULL, GL_STATIC_DRAW);
  glBindBuffer (GL_ARRAY_BUFFER, self->color_vbo);
  glBufferData (GL_ARRAY_BUFFER, 4 * MAX (n, 1), NULL, GL_DYNAMIC_DRAW);
  glBindBuffer (GL_ARRAY_BUFFER, 0);
  self->n_segments = n;

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
  g_return_if_fail (n_colors == self->n_segments + 1);

  /* Orphan the old storage so a frame still using it never stalls us. */
  glBindBuffer (GL_ARRAY_BUFFER, self->color_vbo);
  glBufferData (GL_ARRAY_BUFFER, 4 * MAX (self->n_segments, 1), NULL, GL_DYNAMIC_DRAW);
  if (self->n_segments > 0)
    glBufferSubData (GL_ARRAY_BUFFER, 0, 4 * self->n_segments, colors);
  glBindBuffer (GL_ARRAY_BUFFER, 0);
  for (int k = 0; k < 4; k++)
    self->sphere_color[k] = colors[4 * self->n_segments + k] / 255.f;
}

gboolean
sl_morphology_renderer_set_size (SlMorphologyRenderer  *self,
                                 int                    width_px,
                                 int                    height_px,
                                 GError               **error)
{
  GLenum status;

  width_px = MAX (width_px, 1);
  height_px = MAX (height_px, 1);
  if (width_px == self->width && height_px == self->height && self->msaa_fbo)
    return TRUE;
  self->width = width_px;
  self->height = height_px;
  drop_target (self);
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
      drop_target (self);
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
sl_morphology_renderer_draw (SlMorphologyRenderer    *self,
                             GLuint                   target_fbo,
                             const graphene_matrix_t *view,
                             const graphene_matrix_t *proj,
                             const float              background[4])
{
  /* proj[1][1] = 1 / tan(fov_y / 2): a pixel spans 2 tan(fov_y / 2) / height
   * at unit depth. */
  float px_per_depth = 2.f / (graphene_matrix_get_value (proj, 1, 1) * self->height);
  float v[16], p[16];

  graphene_matrix_to_float (view, v);
  graphene_matrix_to_float (proj, p);

  glBindFramebuffer (GL_FRAMEBUFFER, self->msaa_fbo ? self->msaa_fbo : target_fbo);
  glViewport (0, 0, self->width, self->height);
  glClearColor (background[0], background[1], background[2], background[3]);
  glClearDepth (1.0);
  glClear (GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  glEnable (GL_DEPTH_TEST);
  glDepthFunc (GL_LESS);
  glDisable (GL_BLEND);
  glDisable (GL_CULL_FACE);

  if (self->n_segments > 0)
    {
      glUseProgram (self->segment_program);
      glUniformMatrix4fv (self->seg_u_view, 1, GL_FALSE, v);
      glUniformMatrix4fv (self->seg_u_proj, 1, GL_FALSE, p);
      glUniform1f (self->seg_u_ambient, AMBIENT);
      glUniform1f (self->seg_u_px_per_depth, px_per_depth);
      glUniform1f (self->seg_u_min_radius_px, MIN_RADIUS_PX);
      glBindVertexArray (self->segment_vao);
      glDrawElementsInstanced (GL_TRIANGLES, self->n_shape_indices, GL_UNSIGNED_SHORT,
                               NULL, self->n_segments);
    }
  if (self->has_sphere)
    {
      glUseProgram (self->sphere_program);
      glUniformMatrix4fv (self->sph_u_view, 1, GL_FALSE, v);
      glUniformMatrix4fv (self->sph_u_proj, 1, GL_FALSE, p);
      glUniform1f (self->sph_u_ambient, AMBIENT);
      glUniform4fv (self->sph_u_center_radius, 1, self->sphere);
      glUniform4fv (self->sph_u_color, 1, self->sphere_color);
      glBindVertexArray (self->sphere_vao);
      glDrawElements (GL_TRIANGLES, self->n_sphere_indices, GL_UNSIGNED_SHORT, NULL);
    }
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
