/* sl-figure.h: the morphology as a vector drawing, colour bars, and the
 * composed figure (morphology coloured by a variable beside the traces of
 * the recordings), into any cairo_t — the window's export and
 * `spinelab figure` use the same code.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "sl-colormap.h"
#include "sl-model.h"
#include "sl-protocol.h"
#include "sl-session-run.h"
#include "sl-state.h"

G_BEGIN_DECLS

typedef struct
{
  double yaw, pitch;         /* radians: rotation about the vertical, then the horizontal axis */
  const float *node_values;  /* (n_nodes) or NULL: cable drawn in neutral grey */
  const float *spine_values; /* (n_spines) or NULL: spines in the cable's colour */
  SlColormap   map;
  double       vmin, vmax;
  gboolean     dark;
  double       spine_scale;  /* spine dot diameter in µm of the drawing (0 = 2.5) */
  double       min_stroke;   /* thinnest cable stroke, device units (0 = 0.6) */
  double       min_spine;    /* smallest spine dot diameter, device units (0 = 2.2) */
  /* A fixed view instead of the fit (the window's camera): when
   * um_per_unit > 0, `center` (µm) is drawn at the rectangle's centre and
   * one device unit covers um_per_unit µm; what falls outside is clipped. */
  double       center[3];
  double       um_per_unit;
} SlMorphologyStyle;

/* Orthographic projection of the cable (pt3d frusta as round-capped
 * strokes of their diameter, far ones first) and the spines, fitted into
 * the rectangle (or at the style's fixed view). */
void sl_figure_draw_morphology (cairo_t                 *cr,
                                const SlModel           *model,
                                const SlMorphologyStyle *style,
                                double                   x,
                                double                   y,
                                double                   width,
                                double                   height);

/* Vertical colour bar with ticks and a label. */
void sl_figure_draw_colorbar (cairo_t    *cr,
                              SlColormap  map,
                              double      vmin,
                              double      vmax,
                              const char *label,
                              gboolean    dark,
                              double      x,
                              double      y,
                              double      width,
                              double      height);

typedef enum
{
  SL_FIGURE_COLOR_DW,
  SL_FIGURE_COLOR_W,
  SL_FIGURE_COLOR_CA,
  SL_FIGURE_COLOR_V,
} SlFigureColor;

gboolean sl_figure_color_from_string (const char    *name,
                                      SlFigureColor *color);

/* Panel A: the morphology coloured by `color` at the end of the run (Δw
 * and w on the spines, Ca and V on cable and spines) with its colour bar;
 * panel B: the recordings, one plot per variable kind. */
void sl_figure_compose (cairo_t            *cr,
                        double              width,
                        double              height,
                        const char         *title,
                        const SlSessionRun *run,
                        SlFigureColor       color);

/* Writes the composed figure to path; the format follows the extension
 * (.png, .svg, .pdf). */
gboolean sl_figure_write (const char         *path,
                          double              width,
                          double              height,
                          const char         *title,
                          const SlSessionRun *run,
                          SlFigureColor       color,
                          GError            **error);

/* Any drawing written like sl_figure_write: draw(cr, width, height, data)
 * on a PNG (2×), SVG or PDF surface chosen by the extension, written
 * beside the target and renamed. */
typedef void (*SlFigureDrawFn) (cairo_t  *cr,
                                double    width,
                                double    height,
                                gpointer  data);
gboolean sl_figure_write_drawing (const char    *path,
                                  double         width,
                                  double         height,
                                  SlFigureDrawFn draw,
                                  gpointer       data,
                                  GError       **error);

G_END_DECLS
