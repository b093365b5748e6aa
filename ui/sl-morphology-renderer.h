/* sl-morphology-renderer.h: the GL side of the 3D morphology view.
 *
 * Owns the programs, the unit cylinder and sphere meshes, the instance
 * buffers (geometry static, colours dynamic) and an optional multisampled
 * target.  Every call needs the view's GL context to be current.
 */
#pragma once

#include <epoxy/gl.h>
#include <graphene.h>

#include "sl-morphology-mesh.h"

G_BEGIN_DECLS

typedef struct _SlMorphologyRenderer SlMorphologyRenderer;

SlMorphologyRenderer *sl_morphology_renderer_new        (int                      max_samples,
                                                         GError                 **error);
void                  sl_morphology_renderer_free       (SlMorphologyRenderer    *self);
void                  sl_morphology_renderer_set_mesh   (SlMorphologyRenderer    *self,
                                                         const SlMorphologyMesh  *mesh);
/* colors: n_segments + 1 RGBA8 entries, the last one the soma's. */
void                  sl_morphology_renderer_set_colors (SlMorphologyRenderer    *self,
                                                         const guint8            *colors,
                                                         int                      n_colors);
/* Spines (necks and heads) drawn with the cell; colours one RGBA8 per
 * spine whose alpha carries flags: SL_SPINE_FLAG_SELECTED, _STIMULATED. */
#define SL_SPINE_FLAG_SELECTED   1
#define SL_SPINE_FLAG_STIMULATED 2
void                  sl_morphology_renderer_set_spines (SlMorphologyRenderer    *self,
                                                         const SlSpineInstance   *spines,
                                                         int                      n_spines);
void                  sl_morphology_renderer_set_spine_colors (SlMorphologyRenderer *self,
                                                               const guint8       *colors,
                                                               int                 n_colors);
/* Size of the target in device pixels, and device pixels per logical
 * pixel (the minimum on-screen radius is in logical pixels). */
gboolean              sl_morphology_renderer_set_size   (SlMorphologyRenderer    *self,
                                                         int                      width_px,
                                                         int                      height_px,
                                                         int                      scale,
                                                         GError                 **error);
void                  sl_morphology_renderer_draw       (SlMorphologyRenderer    *self,
                                                         GLuint                   target_fbo,
                                                         const graphene_matrix_t *view,
                                                         const graphene_matrix_t *proj,
                                                         const float              background[4]);
int                   sl_morphology_renderer_get_samples (SlMorphologyRenderer   *self);
/* Segments drawn as cylinders and as quads in the last frame. */
void                  sl_morphology_renderer_get_lod_counts (SlMorphologyRenderer *self,
                                                             int                  *n_cylinders,
                                                             int                  *n_quads);
/* Spine heads drawn, and necks long enough on screen to be drawn, in the
 * last frame. */
void                  sl_morphology_renderer_get_spine_counts (SlMorphologyRenderer *self,
                                                               int                  *n_heads,
                                                               int                  *n_necks);
int                   sl_morphology_renderer_get_triangles_per_segment (void);

G_END_DECLS
