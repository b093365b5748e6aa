/* sl-sweep-plot.h: the plot of a parameter sweep (sl-sweep.h) — w/w0 of
 * each spine of interest (or the mean over the cell) above, peak head
 * calcium below, against the swept parameter — for the window's sweep
 * dialog and `spinelab sweep --plot`. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "sl-sweep.h"

G_BEGIN_DECLS

/* Draws into the rectangle (x, y, width, height) of cr; the background
 * is left to the caller. */
void     sl_sweep_plot_draw  (cairo_t             *cr,
                              const SlSweepResult *result,
                              const char          *title,
                              gboolean             dark,
                              double               x,
                              double               y,
                              double               width,
                              double               height);

/* PNG, SVG or PDF by the extension, on white, written atomically. */
gboolean sl_sweep_plot_write (const SlSweepResult *result,
                              const char          *title,
                              const char          *path,
                              double               width,
                              double               height,
                              GError             **error);

G_END_DECLS
