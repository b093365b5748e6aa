/* sl-morphology-view-private.h: the SlMorphologyView instance, shared by
 * sl-morphology-view.c (widget, GL, input, colouring) and
 * sl-morphology-view-spines.c (spine instances, projection, picking). */
#pragma once

#include "sl-camera.h"
#include "sl-colormap.h"
#include "sl-morphology-mesh.h"
#include "sl-morphology-renderer.h"
#include "sl-morphology-view.h"

G_BEGIN_DECLS

struct _SlMorphologyView
{
  GtkGLArea             parent_instance;

  SlMorphology         *morph;
  SlMorphologyMesh     *mesh;
  SlMorphologyRenderer *renderer;   /* while realized */
  gboolean              mesh_dirty;
  gboolean              colors_dirty;
  guint8               *colors;     /* (n_segments + 1) RGBA8, last = soma */

  float                *values;     /* (n_points) or NULL for region colours */
  float                 value_lo, value_hi;
  SlColormap            colormap;

  SlSpineInstance      *spines;     /* (n_spines) or NULL */
  int                   n_spines;
  gboolean              spines_dirty;
  gboolean              spine_colors_dirty;
  guint8               *spine_colors; /* (n_spines) RGBA8, alpha = SL_SPINE_FLAG_* */
  float                *spine_values; /* (n_spines) or NULL: grey */
  gboolean             *spine_marked; /* (n_spines) or NULL */
  int                   spine_selected; /* −1 for none */
  SlColormap            spine_map;
  float                 spine_lo, spine_hi;

  SlCamera              camera;
  /* fit_pending: a new cell not yet fitted (the first frame with a size
   * fits it, whatever the camera did before).  auto_fit: fitted and not
   * moved by the user since, so every change of the view's size (the
   * window's panels and banner settling after a load) fits again.
   * fit_width/height: the size of the last fit, 0 for none. */
  gboolean              fit_pending;
  gboolean              auto_fit;
  int                   fit_width, fit_height;
  SlCamera              drag_start;
  gboolean              drag_pans;
  float                 zoom_start_distance;

  gboolean              capture_next;
  GdkTexture           *captured;
  gboolean              finish_frames;
  double                last_draw_ms;
};

G_END_DECLS
