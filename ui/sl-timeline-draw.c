/* sl-timeline-draw.c: the timeline in cairo — rows, time axis, the
 * stimuli as blocks and event ticks, the selection and the time cursor. */
#include "sl-config.h"

#include <math.h>

#include <pango/pangocairo.h>

#include "sl-plot.h"
#include "sl-timeline-private.h"

static void
set_rgba (cairo_t *cr,
          const double rgb[3],
          double alpha)
{
  cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], alpha);
}

/* Segment colour by rate: the slower half teal, the faster orange. */
static void
segment_color (cairo_t *cr,
               double   rate,
               double   lo,
               double   hi)
{
  static const double slow[3] = { 0.10, 0.62, 0.60 }, fast[3] = { 0.93, 0.50, 0.13 };
  double f = hi > lo ? (rate - lo) / (hi - lo) : 0.5;

  cairo_set_source_rgba (cr, slow[0] + f * (fast[0] - slow[0]), slow[1] + f * (fast[1] - slow[1]),
                         slow[2] + f * (fast[2] - slow[2]), 0.45);
}

/* In rows too low for a line of text above the blocks, the text goes
 * over them on a backdrop of the inverse of the text colour. */
static void
label_backdrop (cairo_t      *cr,
                const char   *text,
                double        x,
                double        y,
                double        size,
                const double  fg[3])
{
  double w, h;

  sl_plot_text_size (cr, text, size, &w, &h);
  cairo_set_source_rgba (cr, 1 - fg[0], 1 - fg[1], 1 - fg[2], 0.75);
  cairo_rectangle (cr, x - 2, y, w + 4, h);
  cairo_fill (cr);
}

static void
draw_item (SlTimeline           *self,
           cairo_t              *cr,
           const SlTimelineItem *item,
           const double          fg[3],
           gboolean              selected,
           const char           *name,
           double                width)
{
  static const double train_rgb[3] = { 0.26, 0.52, 0.90 }, step_rgb[3] = { 0.85, 0.65, 0.10 },
                      repeat_rgb[3] = { 0.58, 0.40, 0.85 }, post_rgb[3] = { 0.86, 0.22, 0.22 };
  double text_h = self->row_h >= 30 ? TEXT_H : 0;
  double y = _sl_timeline_row_y (self, item->row), top = y + text_h + 2, h = self->row_h - text_h - 5;
  double t_lo = _sl_timeline_x_to_time (self, LABEL_W - 2), t_hi = _sl_timeline_x_to_time (self, width + 2);
  double rate_lo = INFINITY, rate_hi = -INFINITY, last_px = -1;
  double x0 = sl_timeline_time_to_x (self, item->start);
  double x1 = MAX (sl_timeline_time_to_x (self, item->end), x0 + 4);

  if (item->draw_end < t_lo - 1 || item->start > t_hi + 1)
    return;
  for (guint i = 0; i < item->blocks->len; i++)
    {
      const SlTimelineBlock *b = &g_array_index (item->blocks, SlTimelineBlock, i);

      if (b->kind == SL_BLOCK_SEGMENT)
        {
          rate_lo = MIN (rate_lo, b->rate);
          rate_hi = MAX (rate_hi, b->rate);
        }
    }
  /* Blocks. */
  for (guint i = 0; i < item->blocks->len; i++)
    {
      const SlTimelineBlock *b = &g_array_index (item->blocks, SlTimelineBlock, i);
      double bx0, bx1;

      if (b->t1 < t_lo || b->t0 > t_hi)
        continue;
      bx0 = sl_timeline_time_to_x (self, b->t0);
      bx1 = MAX (sl_timeline_time_to_x (self, b->t1), bx0 + 1);
      switch (b->kind)
        {
        case SL_BLOCK_SEGMENT:
          segment_color (cr, b->rate, rate_lo, rate_hi);
          break;
        case SL_BLOCK_STEP:
          set_rgba (cr, step_rgb, 0.55);
          break;
        case SL_BLOCK_REPEAT:
          set_rgba (cr, repeat_rgb, 0.35);
          break;
        case SL_BLOCK_TRAIN:
        case SL_BLOCK_BURST:
        default:
          set_rgba (cr, train_rgb, 0.30);
          break;
        }
      cairo_rectangle (cr, bx0, top, bx1 - bx0, h);
      cairo_fill (cr);
      if (b->kind == SL_BLOCK_SEGMENT && bx1 - bx0 > 34)
        {
          g_autofree char *text = g_strdup_printf ("%g Hz", b->rate);

          set_rgba (cr, fg, 0.85);
          sl_plot_text (cr, text, (bx0 + bx1) / 2, top + h - 1, 9, 0.5, 1, 0);
        }
    }
  /* Events: presynaptic in the upper part, somatic pulses below. */
  cairo_set_line_width (cr, 1);
  set_rgba (cr, fg, 0.85);
  for (guint i = 0; i < item->ticks->len; i++)
    {
      double t = g_array_index (item->ticks, double, i), px;

      if (t < t_lo || t > t_hi)
        continue;
      px = floor (sl_timeline_time_to_x (self, t)) + 0.5;
      if (px == last_px)
        continue;  /* one line per pixel column */
      last_px = px;
      cairo_move_to (cr, px, top + 2);
      cairo_line_to (cr, px, top + (item->post->len > 0 ? h * 0.45 : h * 0.62));
    }
  cairo_stroke (cr);
  last_px = -1;
  set_rgba (cr, post_rgb, 0.9);
  for (guint i = 0; i < item->post->len; i++)
    {
      double t = g_array_index (item->post, double, i), px;

      if (t < t_lo || t > t_hi)
        continue;
      px = floor (sl_timeline_time_to_x (self, t)) + 0.5;
      if (px == last_px)
        continue;
      last_px = px;
      cairo_move_to (cr, px, top + h * 0.55);
      cairo_line_to (cr, px, top + h * 0.80);
    }
  cairo_stroke (cr);
  /* Name and summary at the start, where it fits. */
  if (width - MAX (x0, LABEL_W) > 60)
    {
      g_autofree char *text = g_strdup_printf ("%s · %s", name != NULL ? name : "", item->label);
      double lx = MAX (x0, LABEL_W) + 3, right = width, prev = x0;

      /* In compact rows the label sits over the events: it stops before
       * the first event after a gap (the next burst or episode) so that
       * it hides none of them; evenly spaced trains keep the whole label. */
      for (guint i = 0; text_h == 0 && i < item->ticks->len; i++)
        {
          double px = sl_timeline_time_to_x (self, g_array_index (item->ticks, double, i));

          if (px > lx && px - prev > 30)
            {
              right = px - 2;
              break;
            }
          prev = px;
        }
      if (right - lx >= 24)
        {
          cairo_save (cr);
          cairo_rectangle (cr, lx - 2, y, right - lx + 2, self->row_h);
          cairo_clip (cr);
          if (text_h == 0)
            label_backdrop (cr, text, lx, y + 1, 9.5, fg);
          set_rgba (cr, fg, 0.95);
          sl_plot_text (cr, text, lx, y + 1, 9.5, 0, 0, 0);
          cairo_restore (cr);
        }
    }
  if (selected)
    {
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, x0 - 1, top - 1, x1 - x0 + 2, h + 2);
      cairo_stroke (cr);
      if (item->stretchable)
        {
          cairo_rectangle (cr, x1 - 2, top + h * 0.25, 4, h * 0.5);
          cairo_fill (cr);
        }
    }
}

static void
draw_axis (SlTimeline   *self,
           cairo_t      *cr,
           const double  fg[3],
           double        width,
           double        height)
{
  double t0 = _sl_timeline_x_to_time (self, LABEL_W), t1 = _sl_timeline_x_to_time (self, width);
  double step = sl_plot_nice_step (t1 - t0, CLAMP ((int) ((width - LABEL_W) / 90), 2, 12));

  set_rgba (cr, fg, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, LABEL_W, AXIS_H - 0.5);
  cairo_line_to (cr, width, AXIS_H - 0.5);
  cairo_stroke (cr);
  for (double t = ceil (t0 / step - 1e-9) * step; t <= t1 + 1e-9 * step; t += step)
    {
      double px = floor (sl_timeline_time_to_x (self, t)) + 0.5;
      double shown = fabs (t) < 1e-9 * step ? 0 : step >= 1000 ? t / 1000 : t;
      g_autofree char *text = g_strdup_printf (step >= 1000 ? "%g s" : "%g ms", shown);

      set_rgba (cr, fg, 0.08);
      cairo_move_to (cr, px, AXIS_H);
      cairo_line_to (cr, px, height);
      cairo_stroke (cr);
      set_rgba (cr, fg, 0.4);
      cairo_move_to (cr, px, AXIS_H - 5);
      cairo_line_to (cr, px, AXIS_H);
      cairo_stroke (cr);
      set_rgba (cr, fg, 0.75);
      sl_plot_text (cr, text, px + 3, 3, 9.5, 0, 0, 0);
    }
}

void
_sl_timeline_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  SlTimeline *self = SL_TIMELINE (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  const SlProtocolSpec *ps = _sl_timeline_session (self) != NULL ? _sl_timeline_session (self)->protocol : NULL;
  double fg[3];
  GdkRGBA color;
  gboolean dark;
  cairo_t *cr;

  if (w < 10 || h < 10)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  fg[0] = color.red, fg[1] = color.green, fg[2] = color.blue;
  dark = 0.2126 * fg[0] + 0.7152 * fg[1] + 0.0722 * fg[2] > 0.5;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));

  /* Rows, shaded alternately. */
  for (guint r = 0; r < self->row_keys->len; r++)
    {
      double y = _sl_timeline_row_y (self, r);

      if (r % 2 == 1)
        {
          set_rgba (cr, fg, dark ? 0.05 : 0.04);
          cairo_rectangle (cr, 0, y, w, self->row_h);
          cairo_fill (cr);
        }
    }
  draw_axis (self, cr, fg, w, h);

  cairo_save (cr);
  cairo_rectangle (cr, LABEL_W, AXIS_H, w - LABEL_W, h - AXIS_H);
  cairo_clip (cr);
  for (guint i = 0; ps != NULL && i < self->items->len && i < ps->stimuli->len; i++)
    draw_item (self, cr, _sl_timeline_item_at (self, i), fg, (int) i == self->selected,
               g_array_index (ps->stimuli, SlStimulusSpec, i).name, w);
  cairo_restore (cr);

  /* Row labels over the scrolled content. */
  cairo_save (cr);
  cairo_rectangle (cr, 0, AXIS_H, LABEL_W, h - AXIS_H);
  cairo_clip (cr);
  for (guint r = 0; r < self->row_labels->len; r++)
    {
      set_rgba (cr, fg, 0.85);
      sl_plot_text (cr, g_ptr_array_index (self->row_labels, r), 8, _sl_timeline_row_y (self, r) + self->row_h / 2,
                    10, 0, 0.5, 0);
    }
  cairo_restore (cr);
  set_rgba (cr, fg, 0.15);
  cairo_move_to (cr, LABEL_W - 0.5, 0);
  cairo_line_to (cr, LABEL_W - 0.5, h);
  cairo_stroke (cr);

  if (self->items->len == 0)
    {
      set_rgba (cr, fg, 0.6);
      sl_plot_text (cr, "No stimuli: select a spine or the soma and add one from the inspector",
                    (LABEL_W + w) / 2, (AXIS_H + h) / 2, 11, 0.5, 0.5, 0);
    }

  /* The simulated time. */
  self->drawn_time = self->time;
  if (self->time > 0)
    {
      double px = floor (sl_timeline_time_to_x (self, self->time)) + 0.5;

      if (px >= LABEL_W && px <= w)
        {
          cairo_set_source_rgba (cr, 0.90, 0.15, 0.15, 0.9);
          cairo_set_line_width (cr, 1.5);
          cairo_move_to (cr, px, 0);
          cairo_line_to (cr, px, h);
          cairo_stroke (cr);
        }
    }
  cairo_destroy (cr);
}
