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
#include "sl-morphology-renderer.h"

#include <math.h>
#include <string.h>

#include "sl-gl.h"

#define CYL_SIDES          10  /* around the axis */
#define CAP_STEPS          2   /* latitude rings of the distal cap below its pole */
#define SEGMENTS_PER_BATCH 512
#define SPHERE_SLICES      32
#define SPHERE_STACKS      16
#define AMBIENT            0.28f
#define MIN_RADIUS_PX      1.1f /* logical px: the thinnest neurite is about 2 px wide */
#define THIN_RADIUS_PX     3.0f /* device px: below this on-screen radius, a quad will do */
#define NECK_MIN_RADIUS_PX 0.6f /* logical px: a neck is thinner than the shaft it leaves */
#define NECK_MIN_LENGTH_PX 2.0f /* device px: shorter necks are not drawn */
#define HEAD_MIN_RADIUS_PX 2.0f /* logical px: a 0.5 µm head on a 1 mm cell stays a dot */
#define HEAD_MAX_POINT_PX  32.f /* device px: larger heads get exact per-fragment depth */

static const guint8 NECK_COLOR[4] = { 0xa8, 0xa8, 0xa8, 0xff };

typedef struct
{
  GLuint id;
  GLint  view, proj, ambient, um_per_px, ortho, min_radius_px;
  GLint  segments, colors, order, first, batch, shape_vertices;
} SegmentProgram;

typedef struct
{
  GLuint  vao, vbo, ibo;
  GLsizei n_vertices;   /* of one shape */
  GLsizei n_indices;    /* of one shape */
} BatchShape;

/* A set of segments drawn with the same programs: the cell's cable, or the
 * spine necks. */
typedef struct
{
  SlSegmentInstance *segments;        /* (n_segments) CPU copy, for the level of detail */
  int                n_segments;
  GLuint             segment_buffer, segment_texture; /* (2 n_segments) RGBA32F */
  GLuint             color_buffer, color_texture;     /* (n_segments) RGBA8 */
  GLuint             order_buffer, order_texture;     /* (n_segments) R32I */
  gint32            *order;           /* (n_segments) thick first, then thin */
  int                n_thick, n_thin; /* of the last frame; the rest were culled */
  float              min_radius_px;   /* logical px, the thinnest drawn */
  float              min_length_px;   /* device px: shorter ones on screen are culled */
} SegmentSet;

typedef struct
{
  GLuint id;
  GLint  view, proj, ambient, um_per_px, ortho, min_radius_px, scale, heads, colors, max_point_px;
} HeadProgram;

/* The view's scale: µm per device pixel at a depth d in front of the eye is
 * a + b d (perspective: a = 0; orthographic: b = 0). */
typedef struct
{
  float a, b;
  gboolean ortho;
} PixelScale;

struct _SlMorphologyRenderer
{
  SegmentProgram     tube;          /* cylinders */
  SegmentProgram     ribbon;        /* quads */
  BatchShape         cylinder;
  BatchShape         quad;

  GLuint             sphere_program;
  GLint              sph_u_view, sph_u_proj, sph_u_ambient, sph_u_ortho, sph_u_center_radius, sph_u_color;
  GLuint             sphere_vao, sphere_vbo, sphere_ibo;
  GLsizei            n_sphere_indices;
  gboolean           has_sphere;
  float              sphere[4];       /* µm: centre, radius */
  float              sphere_color[4];

  GLint              max_texels;
  SegmentSet         cable;
  SegmentSet         necks;

  /* Spine heads: sphere impostors without vertex attributes, as points
   * (flat depth) up to max_point_px across, as quads (exact depth) above. */
  HeadProgram        head_points;
  HeadProgram        head_quads;
  float              max_point_px;    /* device px */
  GLuint             head_vao;
  GLuint             head_buffer, head_texture;             /* (n_heads) RGBA32F centre, radius */
  GLuint             head_color_buffer, head_color_texture; /* (n_heads) RGBA8, alpha = flags */
  int                n_heads;

  int                max_samples;
  int                samples;         /* of the multisampled target, 0 if none */
  GLuint             msaa_fbo, msaa_color, msaa_depth;
  int                width, height;   /* device px of the target */
  int                scale;           /* device px per logical px */
};

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
