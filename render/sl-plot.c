/* sl-plot.c: axes, ticks, lines, bars and legends with cairo + pango. */
#include "sl-plot.h"

#include <math.h>
#include <pango/pangocairo.h>

#define PAD_LEFT_EM   5.8
#define PAD_BOTTOM_EM 3.2
#define PAD_TOP_EM    1.0
#define PAD_TITLE_EM  1.8
#define PAD_RIGHT_EM  1.0

double
sl_plot_nice_step (double span,
                   int    n_ticks)
{
  double raw, mag, norm;

  if (!(span > 0) || !isfinite (span) || n_ticks < 1)
    return 1.0;
  raw = span / n_ticks;
  mag = pow (10.0, floor (log10 (raw)));
  norm = raw / mag;
  if (norm < 1.5)
    return mag;
  if (norm < 3.5)
    return 2 * mag;
  if (norm < 7.5)
    return 5 * mag;
  return 10 * mag;
}

/* A layout of text in the plots' font at an absolute size (user units). */
static PangoLayout *
plot_layout (cairo_t    *cr,
             const char *text,
             double      size)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, "Sans");
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (desc);
  return layout;
}

void
sl_plot_text (cairo_t    *cr,
              const char *text,
              double      x,
              double      y,
              double      size,
              double      halign,
              double      valign,
              double      angle)
{
  PangoLayout *layout = plot_layout (cr, text, size);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, angle);
  cairo_move_to (cr, -halign * w / PANGO_SCALE, -valign * h / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  g_object_unref (layout);
}

void
sl_plot_text_size (cairo_t    *cr,
                   const char *text,
                   double      size,
                   double     *width,
                   double     *height)
{
  PangoLayout *layout = plot_layout (cr, text, size);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  if (width != NULL)
    *width = (double) w / PANGO_SCALE;
  if (height != NULL)
    *height = (double) h / PANGO_SCALE;
  g_object_unref (layout);
}

static void
format_tick (char   *buf,
             gsize   len,
             double  value,
             double  step)
{
  int decimals = step >= 1 ? 0 : (int) ceil (-log10 (step) - 1e-9);

  if (fabs (value) < step * 1e-6)
    value = 0;
  if (fabs (value) >= 1e7 || (fabs (value) > 0 && fabs (value) < 1e-3))
    g_snprintf (buf, len, "%.2g", value);
  else
    g_snprintf (buf, len, "%.*f", CLAMP (decimals, 0, 6), value);
}

static void
data_range (const SlPlot *plot,
            gboolean      want_x,
            double       *lo,
            double       *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  for (guint s = 0; s < plot->n_series; s++)
    {
      const SlPlotSeries *ser = &plot->series[s];
      const double *v = want_x ? ser->x : ser->y;
      guint stride = want_x ? (ser->x_stride ? ser->x_stride : 1) : (ser->y_stride ? ser->y_stride : 1);

      if (v == NULL)
        continue;
      for (guint i = 0; i < ser->n; i++)
        {
          double d = v[(gsize) i * stride];
          if (isfinite (d))
            {
              *lo = MIN (*lo, d);
              *hi = MAX (*hi, d);
            }
        }
    }
  if (!isfinite (*lo))
    {
      *lo = 0;
      *hi = 1;
    }
}

typedef struct
{
  double fx, fy, fw, fh;    /* frame in user units */
  double x0, x1, y0, y1;    /* data range */
  double fg[3];
  double bg[3];             /* what the plot is drawn on (the legend's backdrop) */
  double font;
} Frame;

static double
map_x (const Frame *f, double x)
{
  return f->fx + (x - f->x0) / (f->x1 - f->x0) * f->fw;
}

static double
map_y (const Frame *f, double y)
{
  return f->fy + f->fh - (y - f->y0) / (f->y1 - f->y0) * f->fh;
}

/* Resolves the ranges, draws title, frame, ticks and labels; returns the frame. */
static Frame
draw_axes (cairo_t      *cr,
           const SlPlot *plot,
           double        x,
           double        y,
           double        width,
           double        height)
{
  Frame f;
  double em, xstep, ystep;
  char buf[64];

  f.font = plot->font_size > 0 ? plot->font_size : 9.0;
  em = f.font;
  f.fg[0] = f.fg[1] = f.fg[2] = plot->dark ? 0.88 : 0.15;
  f.bg[0] = f.bg[1] = f.bg[2] = plot->dark ? 0.14 : 1.0;

  f.x0 = plot->x_min;
  f.x1 = plot->x_max;
  if (!(f.x1 > f.x0))
    data_range (plot, TRUE, &f.x0, &f.x1);
  if (!(f.x1 > f.x0))
    f.x1 = f.x0 + 1;

  f.y0 = plot->y_min;
  f.y1 = plot->y_max;
  if (!(f.y1 > f.y0))
    {
      double margin;
      data_range (plot, FALSE, &f.y0, &f.y1);
      if (isfinite (plot->zero_line))
        {
          f.y0 = MIN (f.y0, plot->zero_line);
          f.y1 = MAX (f.y1, plot->zero_line);
        }
      /* A trace flat to the last digits (a resting membrane) must not get
       * a range of 1e-5 mV whose tick labels run to eight digits: at
       * least 1 % of the value's magnitude. */
      {
        double mid = 0.5 * (f.y0 + f.y1), min_span = MAX (0.01 * fabs (mid), 1e-9);

        if (f.y1 - f.y0 < min_span)
          {
            f.y0 = mid - min_span / 2;
            f.y1 = mid + min_span / 2;
          }
      }
      margin = (f.y1 - f.y0) * 0.08;
      if (!(margin > 0))
        margin = MAX (fabs (f.y0) * 0.05, 1e-9);
      f.y0 -= margin;
      f.y1 += margin;
    }

  f.fy = y + (plot->title ? PAD_TITLE_EM : PAD_TOP_EM) * em;
  f.fh = MAX (height - (f.fy - y) - PAD_BOTTOM_EM * em, 10);
  ystep = sl_plot_nice_step (f.y1 - f.y0, CLAMP ((int) (f.fh / (5 * em)), 2, 8));
  /* The frame starts right of the widest y tick label and the rotated
   * axis label (a 0.0705 µM tick is wider than the usual pad). */
  {
    double left = PAD_LEFT_EM * em;

    for (double v = ceil (f.y0 / ystep - 1e-9) * ystep; v <= f.y1 + 1e-9 * ystep; v += ystep)
      {
        double tw;

        format_tick (buf, sizeof buf, v, ystep);
        sl_plot_text_size (cr, buf, em, &tw, NULL);
        left = MAX (left, tw + 0.6 * em + (plot->y_label ? 1.6 * em : 0.2 * em));
      }
    f.fx = x + left;
    f.fw = MAX (width - left - PAD_RIGHT_EM * em, 10);
  }

  cairo_save (cr);
  cairo_set_source_rgb (cr, f.fg[0], f.fg[1], f.fg[2]);

  if (plot->title)
    sl_plot_text (cr, plot->title, f.fx, y + 0.2 * em, 1.1 * em, 0, 0, 0);

  /* Ticks and grid. */
  xstep = sl_plot_nice_step (f.x1 - f.x0, CLAMP ((int) (f.fw / (8 * em)), 2, 10));
  cairo_set_line_width (cr, 1.0);
  for (double t = ceil (f.x0 / xstep - 1e-9) * xstep; t <= f.x1 + 1e-9 * xstep; t += xstep)
    {
      double px = map_x (&f, t);
      cairo_set_source_rgba (cr, f.fg[0], f.fg[1], f.fg[2], 0.12);
      cairo_move_to (cr, px, f.fy);
      cairo_line_to (cr, px, f.fy + f.fh);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, f.fg[0], f.fg[1], f.fg[2]);
      cairo_move_to (cr, px, f.fy + f.fh);
      cairo_line_to (cr, px, f.fy + f.fh + 0.4 * em);
      cairo_stroke (cr);
      format_tick (buf, sizeof buf, t, xstep);
      sl_plot_text (cr, buf, px, f.fy + f.fh + 0.5 * em, em, 0.5, 0, 0);
    }
  for (double v = ceil (f.y0 / ystep - 1e-9) * ystep; v <= f.y1 + 1e-9 * ystep; v += ystep)
    {
      double py = map_y (&f, v);
      cairo_set_source_rgba (cr, f.fg[0], f.fg[1], f.fg[2], 0.12);
      cairo_move_to (cr, f.fx, py);
      cairo_line_to (cr, f.fx + f.fw, py);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, f.fg[0], f.fg[1], f.fg[2]);
      cairo_move_to (cr, f.fx - 0.4 * em, py);
      cairo_line_to (cr, f.fx, py);
      cairo_stroke (cr);
      format_tick (buf, sizeof buf, v, ystep);
      sl_plot_text (cr, buf, f.fx - 0.6 * em, py, em, 1, 0.5, 0);
    }

  /* Frame. */
  cairo_set_source_rgb (cr, f.fg[0], f.fg[1], f.fg[2]);
  cairo_rectangle (cr, f.fx, f.fy, f.fw, f.fh);
  cairo_stroke (cr);

  if (plot->x_label)
    sl_plot_text (cr, plot->x_label, f.fx + f.fw / 2, f.fy + f.fh + 1.9 * em, em, 0.5, 0, 0);
  if (plot->y_label)
    sl_plot_text (cr, plot->y_label, x + 0.2 * em, f.fy + f.fh / 2, em, 0.5, 0, -G_PI / 2);

  if (isfinite (plot->zero_line) && plot->zero_line > f.y0 && plot->zero_line < f.y1)
    {
      double dash[] = { 3, 3 };
      cairo_set_source_rgba (cr, f.fg[0], f.fg[1], f.fg[2], 0.5);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_move_to (cr, f.fx, map_y (&f, plot->zero_line));
      cairo_line_to (cr, f.fx + f.fw, map_y (&f, plot->zero_line));
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  cairo_restore (cr);
  return f;
}

/* Line segments of every series that touch the rectangle (x, y, w, h),
 * in device units (by their bounding boxes: a spike drawn with two
 * samples still counts). */
static guint
segments_under (const SlPlot *plot,
                const Frame  *f,
                double        x,
                double        y,
                double        w,
                double        h)
{
  guint n = 0;

  for (guint s = 0; s < plot->n_series; s++)
    {
      const SlPlotSeries *ser = &plot->series[s];
      guint xs = ser->x_stride ? ser->x_stride : 1, ys = ser->y_stride ? ser->y_stride : 1;
      double px0 = NAN, py0 = NAN;

      if (ser->x == NULL || ser->y == NULL)
        continue;
      for (guint i = 0; i < ser->n; i++)
        {
          double px = map_x (f, ser->x[(gsize) i * xs]), py = map_y (f, ser->y[(gsize) i * ys]);

          if (isfinite (px0) && isfinite (px) && MAX (px0, px) >= x && MIN (px0, px) <= x + w
              && MAX (py0, py) >= y && MIN (py0, py) <= y + h)
            n++;
          px0 = px;
          py0 = py;
        }
    }
  return n;
}

/* One legend entry: a line sample in the series' colour, then its label,
 * centred on yc; returns the label's width. */
static double
legend_entry (cairo_t            *cr,
              const Frame        *f,
              const SlPlotSeries *ser,
              double              x,
              double              yc)
{
  double em = f->font, w;

  cairo_set_source_rgb (cr, ser->rgb[0], ser->rgb[1], ser->rgb[2]);
  cairo_set_line_width (cr, 2.0);
  cairo_move_to (cr, x, yc);
  cairo_line_to (cr, x + 1.6 * em, yc);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, f->fg[0], f->fg[1], f->fg[2]);
  sl_plot_text (cr, ser->label, x + 2.0 * em, yc, em, 0, 0.5, 0);
  sl_plot_text_size (cr, ser->label, em, &w, NULL);
  return w;
}

static void
draw_legend (cairo_t      *cr,
             const SlPlot *plot,
             const Frame  *f)
{
  double em = f->font, row = 1.3 * em, box_w, box_h, lx, y;
  guint n = 0, best = G_MAXUINT;
  glong chars = 0;

  for (guint s = 0; s < plot->n_series; s++)
    if (plot->series[s].label != NULL)
      {
        n++;
        chars = MAX (chars, g_utf8_strlen (plot->series[s].label, -1));
      }
  if (n == 0)
    return;
  /* Line sample, gap and the longest label (about 0.6 em per character). */
  box_w = 2.8 * em + 0.62 * em * chars;
  box_h = n * row + 0.6 * em;

  /* More entries than the frame is tall (the short live plots with five
   * spines): one row in the title line, right of the title, if it fits. */
  if (box_h > 0.7 * f->fh && plot->title != NULL)
    {
      double total = 0, title_w, w, x, yc = f->fy - 1.0 * em;

      for (guint s = 0; s < plot->n_series; s++)
        if (plot->series[s].label != NULL)
          {
            sl_plot_text_size (cr, plot->series[s].label, em, &w, NULL);
            total += 2.0 * em + w + 0.8 * em;
          }
      sl_plot_text_size (cr, plot->title, 1.1 * em, &title_w, NULL);
      if (total <= f->fw - title_w - 1.0 * em)
        {
          x = f->fx + f->fw - total + 0.8 * em;
          cairo_save (cr);
          for (guint s = 0; s < plot->n_series; s++)
            {
              const SlPlotSeries *ser = &plot->series[s];

              if (ser->label == NULL)
                continue;
              w = legend_entry (cr, f, ser, x, yc);
              x += 2.0 * em + w + 0.8 * em;
            }
          cairo_restore (cr);
          return;
        }
    }

  /* The corner of the frame that hides the fewest data points (the top
   * right wins ties: where readers look first). */
  lx = f->fx + f->fw - box_w;
  y = f->fy + 0.6 * em;
  for (int corner = 0; corner < 4; corner++)
    {
      double cx = corner % 2 == 0 ? f->fx + f->fw - box_w : f->fx + 0.8 * em;
      double cy = corner < 2 ? f->fy : f->fy + f->fh - box_h;
      guint under = segments_under (plot, f, cx - 0.5 * em, cy, box_w, box_h);

      if (under < best)
        {
          best = under;
          lx = cx;
          y = cy + 0.3 * em;
        }
    }

  cairo_save (cr);
  /* A translucent backdrop keeps the labels readable over what remains. */
  cairo_set_source_rgba (cr, f->bg[0], f->bg[1], f->bg[2], 0.8);
  cairo_rectangle (cr, lx - 0.5 * em, y - 0.2 * em, box_w, n * row + 0.4 * em);
  cairo_fill (cr);
  for (guint s = 0; s < plot->n_series; s++)
    {
      const SlPlotSeries *ser = &plot->series[s];

      if (ser->label == NULL)
        continue;
      legend_entry (cr, f, ser, lx, y + row / 2);
      y += row;
    }
  cairo_restore (cr);
}

void
sl_plot_draw (cairo_t      *cr,
              const SlPlot *plot,
              double        x,
              double        y,
              double        width,
              double        height)
{
  Frame f = draw_axes (cr, plot, x, y, width, height);

  cairo_save (cr);
  cairo_rectangle (cr, f.fx, f.fy, f.fw, f.fh);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint s = 0; s < plot->n_series; s++)
    {
      const SlPlotSeries *ser = &plot->series[s];
      guint xs = ser->x_stride ? ser->x_stride : 1, ys = ser->y_stride ? ser->y_stride : 1;
      gboolean pen_down = FALSE;
      double dash[] = { 5, 3 };

      if (ser->x == NULL || ser->y == NULL)
        continue;
      cairo_set_source_rgb (cr, ser->rgb[0], ser->rgb[1], ser->rgb[2]);
      cairo_set_line_width (cr, ser->line_width > 0 ? ser->line_width : 1.5);
      cairo_set_dash (cr, dash, ser->dashed ? 2 : 0, 0);
      for (guint i = 0; i < ser->n; i++)
        {
          double dx = ser->x[(gsize) i * xs], dy = ser->y[(gsize) i * ys];

          if (!isfinite (dx) || !isfinite (dy))
            {
              pen_down = FALSE;
              continue;
            }
          if (pen_down)
            cairo_line_to (cr, map_x (&f, dx), map_y (&f, dy));
          else
            cairo_move_to (cr, map_x (&f, dx), map_y (&f, dy));
          pen_down = TRUE;
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  if (plot->legend)
    draw_legend (cr, plot, &f);
}

void
sl_plot_draw_bars (cairo_t      *cr,
                   const SlPlot *frame,
                   const double *xs,
                   const double *ys,
                   const double *colour,
                   guint         n,
                   double        bar_width,
                   double        px,
                   double        py,
                   double        width,
                   double        height)
{
  SlPlot plot = *frame;
  SlPlotSeries range = { 0 };
  Frame f;
  double zero;

  /* The bars define the data range when the frame does not. */
  range.x = xs;
  range.y = ys;
  range.n = n;
  plot.series = &range;
  plot.n_series = 1;
  if (!isfinite (plot.zero_line))
    plot.zero_line = 0;
  if (!(plot.x_max > plot.x_min) && n > 0)
    {
      double lo = INFINITY, hi = -INFINITY;
      for (guint i = 0; i < n; i++)
        {
          lo = MIN (lo, xs[i]);
          hi = MAX (hi, xs[i]);
        }
      plot.x_min = lo - bar_width;
      plot.x_max = hi + bar_width;
      if (!(plot.x_max > plot.x_min))
        plot.x_max = plot.x_min + 1;
    }
  f = draw_axes (cr, &plot, px, py, width, height);

  zero = map_y (&f, CLAMP (0, f.y0, f.y1));
  cairo_save (cr);
  cairo_rectangle (cr, f.fx, f.fy, f.fw, f.fh);
  cairo_clip (cr);
  for (guint i = 0; i < n; i++)
    {
      double bx = map_x (&f, xs[i] - bar_width / 2);
      double bw = MAX (map_x (&f, xs[i] + bar_width / 2) - bx, 1.0);
      double by = map_y (&f, ys[i]);

      if (!isfinite (ys[i]))
        continue;
      if (colour != NULL)
        cairo_set_source_rgb (cr, colour[3 * i], colour[3 * i + 1], colour[3 * i + 2]);
      else if (ys[i] >= 0)
        cairo_set_source_rgb (cr, 0.80, 0.25, 0.18);
      else
        cairo_set_source_rgb (cr, 0.20, 0.40, 0.80);
      cairo_rectangle (cr, bx, MIN (by, zero), bw, MAX (fabs (by - zero), 0.5));
      cairo_fill (cr);
    }
  cairo_restore (cr);
}
