/* sl-morphology-renderer-private.h: what the renderer's two files share —
 * its constants, GL program and buffer records and the renderer struct.
 * sl-morphology-renderer-setup.c creates and deletes the GL objects
 * (unit shapes, programs, buffers); sl-morphology-renderer.c uploads the
 * data, sizes the target and draws. */
#pragma once

#include "sl-morphology-renderer.h"

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

/* Deletes the multisampled target (set_size makes a new one). */
void _sl_morphology_renderer_drop_target (SlMorphologyRenderer *self);
