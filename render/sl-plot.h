/* sl-plot.h: plots drawn into any cairo_t.
 *
 * The same functions draw the live plots of the window (inside a
 * GtkSnapshot's cairo node) and the exported figures (PNG, SVG, PDF
 * surfaces), so that what a person sees is what they export.  Needs cairo
 * and pango only, never GTK.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char   *label;     /* legend text, NULL for none */
  const double *x;         /* (n) values, stride x_stride */
  const double *y;         /* (n) values, stride y_stride; NaN breaks the line */
  guint         n;
  guint         x_stride;  /* in doubles, 0 = 1 */
  guint         y_stride;  /* in doubles, 0 = 1 */
  double        rgb[3];
  double        line_width;/* in points, 0 = 1.5 */
  gboolean      dashed;
} SlPlotSeries;

typedef struct
{
  const char   *title;       /* above the frame, may be NULL */
  const char   *x_label;     /* "t (ms)" */
  const char   *y_label;     /* "V (mV)" */
  double        x_min, x_max;/* equal: from the data */
  double        y_min, y_max;/* equal: from the data, with a margin */
  SlPlotSeries *series;
  guint         n_series;
  gboolean      dark;        /* light text on a dark background */
  gboolean      legend;
  double        font_size;   /* points, 0 = 9 */
  double        zero_line;   /* draw a dashed horizontal line at this y if finite (NAN = none) */
} SlPlot;

/* Draws plot into the rectangle (x, y, width, height) of cr (user units). */
void sl_plot_draw (cairo_t      *cr,
                   const SlPlot *plot,
                   double        x,
                   double        y,
                   double        width,
                   double        height);

/* Bars: one per item at position x[i] (e.g. path distance, µm) of height
 * y[i] (e.g. Δw), coloured by colour[i] (rgb triples) or by sign when
 * colour is NULL (warm for positive, cool for negative). */
void sl_plot_draw_bars (cairo_t      *cr,
                        const SlPlot *frame,
                        const double *x,
                        const double *y,
                        const double *colour,
                        guint         n,
                        double        bar_width,
                        double        px,
                        double        py,
                        double        width,
                        double        height);

/* "Nice" tick spacing (1, 2, 5 × 10^k) for about n_ticks ticks over span. */
double sl_plot_nice_step (double span,
                          int    n_ticks);

/* Text with pango (so SVG/PDF keep real glyphs); halign/valign in 0..1. */
void sl_plot_text (cairo_t    *cr,
                   const char *text,
                   double      x,
                   double      y,
                   double      size,
                   double      halign,
                   double      valign,
                   double      angle);

/* Width and height (user units) that sl_plot_text gives text at size;
 * either pointer may be NULL. */
void sl_plot_text_size (cairo_t    *cr,
                        const char *text,
                        double      size,
                        double     *width,
                        double     *height);

G_END_DECLS
