/* sl-morphology-view.h: the 3D view of a neuron (GtkGLArea, GL 3.3 core).
 *
 * Draws an SlMorphology as shaded tapered cylinders coloured by region,
 * or by one value per point through a colour map (the hook for colouring
 * by calcium or voltage every frame).  Mouse: left drag orbits, middle or
 * shift+left drag pans, scroll and pinch zoom.  Keys: arrows orbit, +/-
 * zoom, F fits the cell in view, R resets the view.
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-camera.h"
#include "sl-colormap.h"
#include "sl-morphology.h"

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
