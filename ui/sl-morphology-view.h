/* sl-morphology-view.h: the 3D view of a neuron (GtkGLArea, GL 3.3 core).
 *
 * Draws an SlMorphology as shaded tapered cylinders coloured by region,
 * or by one value per point through a colour map (the hook for colouring
 * by calcium or voltage every frame).  Mouse: left drag orbits, middle or
 * shift+left drag pans, scroll and pinch zoom.  Keys: arrows orbit, +/-
 * zoom, F fits the cell in view, R resets the view, 5 or O toggles
 * perspective / orthographic.  The view fits a newly set cell, and fits
 * again whenever its size changes until the user moves the camera.
 * Spines of a compiled model are drawn with the cell (see set_spines).
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-camera.h"
#include "sl-colormap.h"
#include "sl-model.h"
#include "sl-morphology.h"
#include "sl-morphology-mesh.h"

G_BEGIN_DECLS

#define SL_TYPE_MORPHOLOGY_VIEW (sl_morphology_view_get_type ())
G_DECLARE_FINAL_TYPE (SlMorphologyView, sl_morphology_view, SL, MORPHOLOGY_VIEW, GtkGLArea)

GtkWidget    *sl_morphology_view_new                (void);

void          sl_morphology_view_set_morphology     (SlMorphologyView *self,
                                                     SlMorphology     *morph);
SlMorphology *sl_morphology_view_get_morphology     (SlMorphologyView *self);
int           sl_morphology_view_get_n_segments     (SlMorphologyView *self);

/* One value per point of the morphology (n_values == n_points): the value
 * of point i colours the segment ending at i (and the soma takes its first
 * point's).  NaN draws grey.  NULL goes back to region colours. */
void          sl_morphology_view_set_segment_values (SlMorphologyView *self,
                                                     const float      *values,
                                                     gsize             n_values);
void          sl_morphology_view_set_value_range    (SlMorphologyView *self,
                                                     float             lo,
                                                     float             hi);
void          sl_morphology_view_set_colormap       (SlMorphologyView *self,
                                                     SlColormap        map);

void          sl_morphology_view_fit                (SlMorphologyView *self);
void          sl_morphology_view_reset              (SlMorphologyView *self);
void          sl_morphology_view_orbit              (SlMorphologyView *self,
                                                     double            d_yaw_deg,
                                                     double            d_pitch_deg);
void          sl_morphology_view_zoom               (SlMorphologyView *self,
                                                     double            factor);
const SlCamera *sl_morphology_view_get_camera       (SlMorphologyView *self);
/* Replaces the camera (scene box included), as the user moving it would:
 * no automatic fit after this. */
void          sl_morphology_view_set_camera         (SlMorphologyView *self,
                                                     const SlCamera   *camera);
/* Perspective (default) or orthographic; action view.projection (keys 5,
 * keypad 5, O) toggles it.  Property "orthographic" (read-only). */
void          sl_morphology_view_set_orthographic   (SlMorphologyView *self,
                                                     gboolean          orthographic);
gboolean      sl_morphology_view_get_orthographic   (SlMorphologyView *self);

/* Spines, drawn in the GL pass with the cell (neck + head, depth-tested).
 * set_spines takes the geometry from a compiled model (NULL: none) and
 * clears values, selection and marks; values: one per spine (copied; NULL
 * or a wrong count draws grey) coloured through map over [lo, hi]. */
void          sl_morphology_view_set_spines         (SlMorphologyView *self,
                                                     const SlModel    *model);
const SlSpineInstance *sl_morphology_view_get_spines (SlMorphologyView *self,
                                                     int              *n_spines);
void          sl_morphology_view_set_spine_values   (SlMorphologyView *self,
                                                     const float      *values,
                                                     int               n_values);
void          sl_morphology_view_set_spine_colormap (SlMorphologyView *self,
                                                     SlColormap        map,
                                                     float             lo,
                                                     float             hi);
/* The selected spine (larger, brighter, ringed in blue; −1 none) and the
 * stimulated ones (ringed in yellow; n_marked booleans, NULL none). */
void          sl_morphology_view_set_spine_selected (SlMorphologyView *self,
                                                     int               spine);
void          sl_morphology_view_set_spine_marked   (SlMorphologyView *self,
                                                     const gboolean   *marked,
                                                     int               n_marked);
/* Heads drawn, and necks long enough on screen to be drawn, last frame. */
void          sl_morphology_view_get_spine_counts   (SlMorphologyView *self,
                                                     int              *n_heads,
                                                     int              *n_necks);

/* A world point (µm) in widget coordinates, its depth in front of the eye
 * (µm) and the pixels per µm there; FALSE when behind the eye or outside
 * the depth range.  Any output may be NULL. */
gboolean      sl_morphology_view_project            (SlMorphologyView *self,
                                                     const float       world[3],
                                                     double           *x,
                                                     double           *y,
                                                     double           *depth,
                                                     double           *px_per_um);
/* Depth (µm from the eye) of the nearest drawn cable or soma surface under
 * a widget point, G_MAXDOUBLE when none: what hides a spine there. */
double        sl_morphology_view_cable_depth_at     (SlMorphologyView *self,
                                                     double            x,
                                                     double            y);

/* Frames: "frame-rendered" is emitted after every render.  A capture reads
 * back the next rendered frame as a texture (tests, export); with
 * finish-frames on, each frame waits for the GPU so get_last_draw_ms is
 * the true cost of drawing (benchmarks). */
void          sl_morphology_view_capture_next_frame (SlMorphologyView *self);
GdkTexture   *sl_morphology_view_get_captured_frame (SlMorphologyView *self);
void          sl_morphology_view_set_finish_frames  (SlMorphologyView *self,
                                                     gboolean          finish);
double        sl_morphology_view_get_last_draw_ms   (SlMorphologyView *self);
int           sl_morphology_view_get_samples        (SlMorphologyView *self);
void          sl_morphology_view_get_lod_counts     (SlMorphologyView *self,
                                                     int              *n_cylinders,
                                                     int              *n_quads);
void          sl_morphology_view_get_background     (SlMorphologyView *self,
                                                     guint8            rgb[3]);

G_END_DECLS
