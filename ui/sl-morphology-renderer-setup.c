/* sl-morphology-renderer-setup.c: the renderer's GL objects — the unit
 * shapes (batched cylinder and quad, soma sphere), the programs and their
 * uniform locations, the segment and head buffers — created in
 * sl_morphology_renderer_new and deleted in sl_morphology_renderer_free
 * (the design: sl-morphology-renderer.c). */
#include "sl-morphology-renderer-private.h"

#include <math.h>
#include <string.h>

#include "sl-gl.h"

/* Shapes --------------------------------------------------------------------- */

static void
upload_batched (BatchShape    *shape,
                const float   *verts,
                int            floats_per_vertex,
                int            n_verts,
                const guint16 *indices,
                int            n_indices)
{
  gsize vsize = sizeof (float) * floats_per_vertex * n_verts;
  g_autofree float *all_verts = g_malloc (vsize * SEGMENTS_PER_BATCH);
  g_autofree guint16 *all_indices = g_new (guint16, (gsize) n_indices * SEGMENTS_PER_BATCH);

  g_assert (n_verts * SEGMENTS_PER_BATCH <= G_MAXUINT16);

  /* The same shape in every slot of a batch, indices shifted by whole shapes. */
  for (int b = 0; b < SEGMENTS_PER_BATCH; b++)
    {
      memcpy ((char *) all_verts + vsize * b, verts, vsize);
      for (int i = 0; i < n_indices; i++)
        all_indices[b * n_indices + i] = indices[i] + b * n_verts;
    }

  glGenVertexArrays (1, &shape->vao);
  glBindVertexArray (shape->vao);
  glGenBuffers (1, &shape->vbo);
  glBindBuffer (GL_ARRAY_BUFFER, shape->vbo);
  glBufferData (GL_ARRAY_BUFFER, vsize * SEGMENTS_PER_BATCH, all_verts, GL_STATIC_DRAW);
  glGenBuffers (1, &shape->ibo);
  glBindBuffer (GL_ELEMENT_ARRAY_BUFFER, shape->ibo);
  glBufferData (GL_ELEMENT_ARRAY_BUFFER, sizeof (guint16) * n_indices * SEGMENTS_PER_BATCH,
                all_indices, GL_STATIC_DRAW);
  glEnableVertexAttribArray (0);
  glVertexAttribPointer (0, floats_per_vertex, GL_FLOAT, GL_FALSE,
                         floats_per_vertex * sizeof (float), NULL);
  glBindVertexArray (0);
  shape->n_vertices = n_verts;
  shape->n_indices = n_indices;
}

/* Unit cylinder: per vertex (cos θ, sin θ, t, φ), see segment.vert.glsl. */
static void
build_cylinder (BatchShape *shape)
{
  enum { N_VERTS = 2 * CYL_SIDES + CAP_STEPS * CYL_SIDES + 1 };
  const int pole = N_VERTS - 1;
  float verts[4 * N_VERTS];
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
      int last = 2 * CYL_SIDES + (CAP_STEPS - 1) * CYL_SIDES;
      guint16 wall[6] = { 2 * j, 2 * jn, 2 * j + 1, 2 * j + 1, 2 * jn, 2 * jn + 1 };
      guint16 tip[3] = { last + j, last + jn, pole };

      g_array_append_vals (idx, wall, 6);
      for (int k = 0; k + 1 < CAP_STEPS; k++)
        {
          int r0 = 2 * CYL_SIDES + k * CYL_SIDES, r1 = r0 + CYL_SIDES;
          guint16 band[6] = { r0 + j, r0 + jn, r1 + j, r1 + j, r0 + jn, r1 + jn };

          g_array_append_vals (idx, band, 6);
        }
      g_array_append_vals (idx, tip, 3);
    }
  upload_batched (shape, verts, 4, N_VERTS, (const guint16 *) idx->data, idx->len);
}

/* Quad: per vertex (side, end), see ribbon.vert.glsl. */
static void
build_quad (BatchShape *shape)
{
  static const float verts[] = { -1.f, 0.f, 1.f, 0.f, -1.f, 1.f, 1.f, 1.f };
  static const guint16 indices[] = { 0, 1, 2, 2, 1, 3 };

  upload_batched (shape, verts, 2, 4, indices, 6);
}

int
sl_morphology_renderer_get_triangles_per_segment (void)
{
  return 2 * CYL_SIDES + 2 * CYL_SIDES * (CAP_STEPS - 1) + CYL_SIDES;
}

static void
build_sphere (SlMorphologyRenderer *self)
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

static void
delete_shape (BatchShape *shape)
{
  GLuint bufs[2] = { shape->vbo, shape->ibo };

  if (shape->vao == 0)
    return;
  glDeleteBuffers (2, bufs);
  glDeleteVertexArrays (1, &shape->vao);
  memset (shape, 0, sizeof *shape);
}

/* Programs -------------------------------------------------------------------- */

static gboolean
segment_program_init (SegmentProgram  *prog,
                      const char      *vertex,
                      const char      *fragment,
                      GError         **error)
{
  prog->id = sl_gl_program_new_from_resources (vertex, fragment, error);
  if (prog->id == 0)
    return FALSE;
  prog->view = glGetUniformLocation (prog->id, "u_view");
  prog->proj = glGetUniformLocation (prog->id, "u_proj");
  prog->ambient = glGetUniformLocation (prog->id, "u_ambient");
  prog->um_per_px = glGetUniformLocation (prog->id, "u_um_per_px");
  prog->ortho = glGetUniformLocation (prog->id, "u_ortho");
  prog->min_radius_px = glGetUniformLocation (prog->id, "u_min_radius_px");
  prog->segments = glGetUniformLocation (prog->id, "u_segments");
  prog->colors = glGetUniformLocation (prog->id, "u_colors");
  prog->order = glGetUniformLocation (prog->id, "u_order");
  prog->first = glGetUniformLocation (prog->id, "u_first_segment");
  prog->batch = glGetUniformLocation (prog->id, "u_segments_per_batch");
  prog->shape_vertices = glGetUniformLocation (prog->id, "u_shape_vertices");
  return TRUE;
}

static void
segment_set_init (SegmentSet *set,
                  float       min_radius_px,
                  float       min_length_px)
{
  GLuint bufs[3], textures[3];

  glGenBuffers (3, bufs);
  glGenTextures (3, textures);
  set->segment_buffer = bufs[0];
  set->color_buffer = bufs[1];
  set->order_buffer = bufs[2];
  set->segment_texture = textures[0];
  set->color_texture = textures[1];
  set->order_texture = textures[2];
  set->min_radius_px = min_radius_px;
  set->min_length_px = min_length_px;
}

static void
segment_set_clear (SegmentSet *set)
{
  if (set->segment_buffer)
    {
      GLuint bufs[3] = { set->segment_buffer, set->color_buffer, set->order_buffer };
      GLuint textures[3] = { set->segment_texture, set->color_texture, set->order_texture };

      glDeleteBuffers (3, bufs);
      glDeleteTextures (3, textures);
    }
  g_free (set->segments);
  g_free (set->order);
  memset (set, 0, sizeof *set);
}

static gboolean
head_program_init (HeadProgram  *prog,
                   const char   *defines,
                   GError      **error)
{
  prog->id = sl_gl_program_new_from_resources_defines ("spine-head.vert.glsl",
                                                       "spine-head.frag.glsl", defines, error);
  if (prog->id == 0)
    return FALSE;
  prog->view = glGetUniformLocation (prog->id, "u_view");
  prog->proj = glGetUniformLocation (prog->id, "u_proj");
  prog->ambient = glGetUniformLocation (prog->id, "u_ambient");
  prog->um_per_px = glGetUniformLocation (prog->id, "u_um_per_px");
  prog->ortho = glGetUniformLocation (prog->id, "u_ortho");
  prog->min_radius_px = glGetUniformLocation (prog->id, "u_min_radius_px");
  prog->scale = glGetUniformLocation (prog->id, "u_scale");
  prog->heads = glGetUniformLocation (prog->id, "u_heads");
  prog->colors = glGetUniformLocation (prog->id, "u_colors");
  prog->max_point_px = glGetUniformLocation (prog->id, "u_max_point_px");
  return TRUE;
}

static gboolean
heads_init (SlMorphologyRenderer  *self,
            GError               **error)
{
  GLuint bufs[2], textures[2];
  GLfloat range[2] = { 1.f, 1.f };

  if (!head_program_init (&self->head_points, "#define SL_POINTS 1\n", error) ||
      !head_program_init (&self->head_quads, NULL, error))
    return FALSE;
  /* Exact depth matters where a head is large on screen (close-ups); the
   * flat-depth points keep the early depth test for all the small ones. */
  glGetFloatv (GL_POINT_SIZE_RANGE, range);
  self->max_point_px = MIN (range[1], HEAD_MAX_POINT_PX);
  /* Core profile draws need a vertex array even without attributes. */
  glGenVertexArrays (1, &self->head_vao);
  glGenBuffers (2, bufs);
  glGenTextures (2, textures);
  self->head_buffer = bufs[0];
  self->head_color_buffer = bufs[1];
  self->head_texture = textures[0];
  self->head_color_texture = textures[1];
  return TRUE;
}

SlMorphologyRenderer *
sl_morphology_renderer_new (int      max_samples,
                            GError **error)
{
  SlMorphologyRenderer *self = g_new0 (SlMorphologyRenderer, 1);
  GLint gl_max_samples = 0;

  if (!segment_program_init (&self->tube, "segment.vert.glsl", "shade.frag.glsl", error) ||
      !segment_program_init (&self->ribbon, "ribbon.vert.glsl", "ribbon.frag.glsl", error) ||
      !heads_init (self, error))
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
  self->sph_u_view = glGetUniformLocation (self->sphere_program, "u_view");
  self->sph_u_proj = glGetUniformLocation (self->sphere_program, "u_proj");
  self->sph_u_ambient = glGetUniformLocation (self->sphere_program, "u_ambient");
  self->sph_u_ortho = glGetUniformLocation (self->sphere_program, "u_ortho");
  self->sph_u_center_radius = glGetUniformLocation (self->sphere_program, "u_center_radius");
  self->sph_u_color = glGetUniformLocation (self->sphere_program, "u_color");

  build_cylinder (&self->cylinder);
  build_quad (&self->quad);
  build_sphere (self);

  segment_set_init (&self->cable, MIN_RADIUS_PX, 0.f);
  segment_set_init (&self->necks, NECK_MIN_RADIUS_PX, NECK_MIN_LENGTH_PX);
  glGetIntegerv (GL_MAX_TEXTURE_BUFFER_SIZE, &self->max_texels);
  glGetIntegerv (GL_MAX_SAMPLES, &gl_max_samples);
  self->max_samples = MIN (max_samples, gl_max_samples);
  return self;
}

void
_sl_morphology_renderer_drop_target (SlMorphologyRenderer *self)
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
  _sl_morphology_renderer_drop_target (self);
  if (self->tube.id)
    glDeleteProgram (self->tube.id);
  if (self->ribbon.id)
    glDeleteProgram (self->ribbon.id);
  if (self->sphere_program)
    glDeleteProgram (self->sphere_program);
  if (self->head_points.id)
    glDeleteProgram (self->head_points.id);
  if (self->head_quads.id)
    glDeleteProgram (self->head_quads.id);
  delete_shape (&self->cylinder);
  delete_shape (&self->quad);
  if (self->sphere_vao)
    {
      GLuint bufs[2] = { self->sphere_vbo, self->sphere_ibo };

      glDeleteBuffers (2, bufs);
      glDeleteVertexArrays (1, &self->sphere_vao);
    }
  if (self->head_vao)
    {
      GLuint bufs[2] = { self->head_buffer, self->head_color_buffer };
      GLuint textures[2] = { self->head_texture, self->head_color_texture };

      glDeleteBuffers (2, bufs);
      glDeleteTextures (2, textures);
      glDeleteVertexArrays (1, &self->head_vao);
    }
  segment_set_clear (&self->cable);
  segment_set_clear (&self->necks);
  g_free (self);
}
