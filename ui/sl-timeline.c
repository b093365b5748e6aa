/* sl-timeline.c: the protocol timeline widget — drawing, gestures,
 * scrolling and the edits of the selection. */
#include "sl-config.h"

#include <math.h>
#include <string.h>

#include "sl-plot.h"
#include "sl-timeline-private.h"

#define AXIS_H   22.0   /* px, time axis at the top */
#define LABEL_W  112.0  /* px, row labels at the left */
#define ROW_H    40.0   /* px: a line of text over the blocks */
#define TEXT_H   13.0   /* px, that line */
#define MARGIN   12.0   /* px right of the last stimulus when fitted */
#define EDGE_PX  6.0    /* px either side of a right edge that stretch */
#define DRAG_MIN 3.0    /* px a drag must move to edit */
#define MIN_MS   100.0  /* shortest time axis, ms */

struct _SlTimeline
{
  GtkWidget       parent_instance;

  SlWorkbench    *workbench;     /* weak */
  GArray         *items;         /* (SlTimelineItem) one per stimulus, in protocol order */
  GPtrArray      *row_keys;      /* (char *) targets in order of first use */
  GPtrArray      *row_labels;    /* (char *) row_keys->len */
  double          t_content;     /* ms the axis spans */
  double          scale;         /* px per ms */
  gboolean        fit;           /* the scale follows the width */
  double          time;          /* ms, cursor */
  int             selected;      /* stimulus index, −1 */
  double          pointer_x;     /* px, last pointer position (zoom centre) */

  SlTimelineDrag  drag;
  int             drag_index;
  double          drag_delta;    /* ms, snapped */
  SlTimelineItem  preview;       /* the dragged stimulus as it would become */
  gboolean        have_preview;

  SlProtocolSpec *clipboard;     /* one stimulus, or NULL */
  GtkAdjustment  *hadj, *vadj;   /* px */
  GtkScrollablePolicy hpolicy, vpolicy;
  GtkWidget      *editor;        /* popover, NULL when closed */
  GtkWidget      *menu;          /* context popover, NULL until the first right click */
};

enum { PROP_0, PROP_HADJUSTMENT, PROP_VADJUSTMENT, PROP_HSCROLL_POLICY, PROP_VSCROLL_POLICY };

G_DEFINE_FINAL_TYPE_WITH_CODE (SlTimeline, sl_timeline, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

/* ------------------------------------------------------------------ */
/* Geometry. */

static double
hvalue (SlTimeline *self)
{
  return self->hadj != NULL ? gtk_adjustment_get_value (self->hadj) : 0;
}

static double
vvalue (SlTimeline *self)
{
  return self->vadj != NULL ? gtk_adjustment_get_value (self->vadj) : 0;
}

double
sl_timeline_time_to_x (SlTimeline *self,
                       double      t)
{
  g_return_val_if_fail (SL_IS_TIMELINE (self), 0);
  return LABEL_W + t * self->scale - hvalue (self);
}

static double
x_to_time (SlTimeline *self,
           double      x)
{
  return (x - LABEL_W + hvalue (self)) / self->scale;
}

static double
row_y (SlTimeline *self,
       int         row)
{
  return AXIS_H + row * ROW_H - vvalue (self);
}

static void
configure_adjustments (SlTimeline *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  double avail = MAX (w - LABEL_W, 10), content, page;

  if (self->fit || self->scale <= 0)
    self->scale = MAX (avail - MARGIN, 10) / self->t_content;
  content = MAX (self->t_content * self->scale + MARGIN, avail);
  if (self->hadj != NULL)
    gtk_adjustment_configure (self->hadj, CLAMP (hvalue (self), 0, content - avail), 0, content,
                              avail * 0.1, avail * 0.9, avail);
  page = MAX (h - AXIS_H, 1);
  content = MAX (self->row_keys->len * ROW_H + 4, page);
  if (self->vadj != NULL)
    gtk_adjustment_configure (self->vadj, CLAMP (vvalue (self), 0, content - page), 0, content,
                              ROW_H, page * 0.9, page);
}

double
sl_timeline_get_snap (SlTimeline *self)
{
  double raw, p;

  g_return_val_if_fail (SL_IS_TIMELINE (self), 1);
  raw = 8.0 / MAX (self->scale, 1e-9);
  p = pow (10, floor (log10 (raw)));
  for (int m = 1; m < 10; m = m == 1 ? 2 : m == 2 ? 5 : 10)
    if (m * p >= raw * (1 - 1e-9))
      return m * p;
  return 10 * p;
}

static double
snap_delta (SlTimeline *self,
            double      dx)
{
  double step = sl_timeline_get_snap (self);

  return round (dx / self->scale / step) * step;
}

static const SlTimelineItem *
item_at (SlTimeline *self,
         guint       index)
{
  if (index >= self->items->len)
    return NULL;
  if (self->have_preview && (int) index == self->drag_index)
    return &self->preview;
  return &g_array_index (self->items, SlTimelineItem, index);
}

gboolean
sl_timeline_get_stimulus_rect (SlTimeline      *self,
                               guint            index,
                               graphene_rect_t *rect)
{
  const SlTimelineItem *item;
  double x0, x1, y;

  g_return_val_if_fail (SL_IS_TIMELINE (self), FALSE);
  if ((item = item_at (self, index)) == NULL)
    return FALSE;
  x0 = sl_timeline_time_to_x (self, item->start);
  x1 = MAX (sl_timeline_time_to_x (self, item->end), x0 + 4);
  y = row_y (self, item->row);
  graphene_rect_init (rect, x0, y + 3, x1 - x0, ROW_H - 6);
  return TRUE;
}

/* The stimulus under (x, y), the topmost (last drawn) first; *edge when
 * the point is on its right edge and it can stretch. */
static int
hit (SlTimeline *self,
     double      x,
     double      y,
     gboolean   *edge)
{
  *edge = FALSE;
  if (x < LABEL_W || y < AXIS_H)
    return -1;
  for (int i = (int) self->items->len - 1; i >= 0; i--)
    {
      graphene_rect_t r;
      const SlTimelineItem *item = item_at (self, i);
      double right;

      sl_timeline_get_stimulus_rect (self, i, &r);
      right = r.origin.x + r.size.width;
      if (y < r.origin.y || y > r.origin.y + r.size.height)
        continue;
      if (item->stretchable && fabs (x - right) <= EDGE_PX)
        {
          *edge = TRUE;
          return i;
        }
      if (x >= r.origin.x && x <= right)
        return i;
    }
  return -1;
}

/* ------------------------------------------------------------------ */
/* Reading the session. */

static SlSession *
session (SlTimeline *self)
{
  return self->workbench != NULL ? sl_workbench_get_session (self->workbench) : NULL;
}

static void
update_actions (SlTimeline *self)
{
  gboolean sel = self->selected >= 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.delete", sel);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.copy", sel);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.duplicate", sel);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.edit", sel);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.paste", self->clipboard != NULL);
}

void
sl_timeline_refresh (SlTimeline *self)
{
  SlSession *s;
  const SlProtocolSpec *ps;
  double tstop, t_max = 0;

  g_return_if_fail (SL_IS_TIMELINE (self));

  g_array_set_size (self->items, 0);
  g_ptr_array_set_size (self->row_keys, 0);
  g_ptr_array_set_size (self->row_labels, 0);
  if ((s = session (self)) != NULL)
    {
      ps = s->protocol;
      tstop = ps->tstop;
      for (guint i = 0; i < ps->stimuli->len; i++)
        {
          const SlStimulusSpec *st = &g_array_index (ps->stimuli, SlStimulusSpec, i);
          SlTimelineItem item = { 0 };
          g_autofree char *key = _sl_timeline_row_key (st);
          guint row;

          if (!g_ptr_array_find_with_equal_func (self->row_keys, key, g_str_equal, &row))
            {
              row = self->row_keys->len;
              g_ptr_array_add (self->row_labels, _sl_timeline_row_label (key));
              g_ptr_array_add (self->row_keys, g_steal_pointer (&key));
            }
          item.row = row;
          _sl_timeline_item_build (&item, st, tstop);
          t_max = MAX (t_max, item.draw_end);
          g_array_append_val (self->items, item);
        }
      self->t_content = MAX (t_max * 1.04, MIN_MS);
      /* A lesson's tstop just past its stimuli belongs on the axis; the
       * open-ended 10^6 ms of a fresh session does not. */
      if (tstop > 0 && tstop < 4 * self->t_content)
        self->t_content = MAX (self->t_content, tstop);
    }
  else
    self->t_content = MIN_MS;
  if (self->selected >= (int) self->items->len)
    self->selected = -1;
  self->have_preview = FALSE;
  self->drag = SL_TIMELINE_DRAG_NONE;
  configure_adjustments (self);
  update_actions (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
sl_timeline_set_time (SlTimeline *self,
                      double      t)
{
  g_return_if_fail (SL_IS_TIMELINE (self));

  if (fabs ((t - self->time) * self->scale) >= 0.5)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  self->time = t;
}

int
sl_timeline_get_selected (SlTimeline *self)
{
  g_return_val_if_fail (SL_IS_TIMELINE (self), -1);
  return self->selected;
}

void
sl_timeline_select (SlTimeline *self,
                    int         index)
{
  g_return_if_fail (SL_IS_TIMELINE (self));

  self->selected = index >= 0 && index < (int) self->items->len ? index : -1;
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
sl_timeline_get_n_rows (SlTimeline *self)
{
  g_return_val_if_fail (SL_IS_TIMELINE (self), 0);
  return self->row_keys->len;
}

const char *
sl_timeline_get_row_label (SlTimeline *self,
                           guint       row)
{
  g_return_val_if_fail (SL_IS_TIMELINE (self), NULL);
  return row < self->row_labels->len ? g_ptr_array_index (self->row_labels, row) : NULL;
}

int
sl_timeline_get_row (SlTimeline *self,
                     guint       index)
{
  g_return_val_if_fail (SL_IS_TIMELINE (self), -1);
  return index < self->items->len ? g_array_index (self->items, SlTimelineItem, index).row : -1;
}

gboolean
sl_timeline_get_extent (SlTimeline *self,
                        guint       index,
                        double     *start,
                        double     *end)
{
  const SlTimelineItem *item;

  g_return_val_if_fail (SL_IS_TIMELINE (self), FALSE);
  if ((item = item_at (self, index)) == NULL)
    return FALSE;
  *start = item->start;
  *end = item->end;
  return TRUE;
}

void
sl_timeline_set_scale (SlTimeline *self,
                       double      px_per_ms)
{
  g_return_if_fail (SL_IS_TIMELINE (self));

  self->fit = px_per_ms <= 0;
  if (px_per_ms > 0)
    self->scale = px_per_ms;
  configure_adjustments (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
sl_timeline_get_scale (SlTimeline *self)
{
  g_return_val_if_fail (SL_IS_TIMELINE (self), 0);
  return self->scale;
}

/* ------------------------------------------------------------------ */
/* Edits: each a modified copy of the session. */

/* A piecewise train whose windows are the protocol's theta cycles (the
 * Jang lesson) carries the theta clock along when it moves, so the rule
 * still reads at the end of each window. */
static void
move_with_clock (SlProtocolSpec *ps,
                 SlStimulusSpec *st,
                 double          delta)
{
  double before = st->train.start;

  _sl_timeline_move (st, delta);
  if (st->kind != SL_STIM_SEQUENCE && st->train.kind == SL_TRAIN_PIECEWISE && ps->theta_period > 0
      && st->train.segments != NULL)
    {
      double period = st->train.gap;

      for (guint k = 0; k < st->train.segments->len; k++)
        period += g_array_index (st->train.segments, SlRateSegment, k).duration;
      if (fabs (period - ps->theta_period) < 1e-9)
        ps->theta_start += st->train.start - before;
    }
}

static void
apply_drag (SlTimeline     *self,
            SlProtocolSpec *ps,
            SlStimulusSpec *st,
            double          delta)
{
  const SlTimelineItem *item = &g_array_index (self->items, SlTimelineItem, self->drag_index);

  if (self->drag == SL_TIMELINE_DRAG_MOVE)
    move_with_clock (ps, st, delta);
  else
    _sl_timeline_stretch (st, item, item->end + delta, sl_timeline_get_snap (self));
}

SlTimelineDrag
sl_timeline_drag_begin (SlTimeline *self,
                        double      x,
                        double      y)
{
  gboolean edge;
  int i;

  g_return_val_if_fail (SL_IS_TIMELINE (self), SL_TIMELINE_DRAG_NONE);

  self->have_preview = FALSE;
  self->drag = SL_TIMELINE_DRAG_NONE;
  i = hit (self, x, y, &edge);
  sl_timeline_select (self, i);
  if (i < 0 || session (self) == NULL)
    return SL_TIMELINE_DRAG_NONE;
  self->drag = edge ? SL_TIMELINE_DRAG_STRETCH : SL_TIMELINE_DRAG_MOVE;
  self->drag_index = i;
  self->drag_delta = 0;
  return self->drag;
}

void
sl_timeline_drag_update (SlTimeline *self,
                         double      dx,
                         double      dy)
{
  g_autoptr(SlProtocolSpec) ps = NULL;
  const SlProtocolSpec *src;
  SlStimulusSpec *st;
  double delta;

  g_return_if_fail (SL_IS_TIMELINE (self));

  if (self->drag == SL_TIMELINE_DRAG_NONE || session (self) == NULL)
    return;
  delta = fabs (dx) < DRAG_MIN ? 0 : snap_delta (self, dx);
  if (self->have_preview && delta == self->drag_delta)
    return;
  self->drag_delta = delta;
  /* The preview is the stimulus as the edit would leave it. */
  src = session (self)->protocol;
  ps = sl_protocol_spec_new ();
  ps->theta_period = src->theta_period;
  st = _sl_timeline_append_copy (ps->stimuli, &g_array_index (src->stimuli, SlStimulusSpec, self->drag_index));
  apply_drag (self, ps, st, delta);
  self->preview.row = g_array_index (self->items, SlTimelineItem, self->drag_index).row;
  _sl_timeline_item_build (&self->preview, st, src->tstop);
  self->have_preview = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_timeline_drag_end (SlTimeline *self,
                      double      dx,
                      double      dy)
{
  SlTimelineDrag drag = self->drag;
  SlSession *copy;
  double delta;

  g_return_if_fail (SL_IS_TIMELINE (self));

  self->have_preview = FALSE;
  self->drag = SL_TIMELINE_DRAG_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (drag == SL_TIMELINE_DRAG_NONE || session (self) == NULL || fabs (dx) < DRAG_MIN
      || (delta = snap_delta (self, dx)) == 0)
    return;
  copy = sl_session_copy (session (self));
  self->drag = drag;  /* apply_drag reads it */
  apply_drag (self, copy->protocol,
              &g_array_index (copy->protocol->stimuli, SlStimulusSpec, self->drag_index), delta);
  self->drag = SL_TIMELINE_DRAG_NONE;
  _sl_timeline_fit_tstop (copy->protocol, session (self)->protocol);
  if (sl_protocol_spec_equal (copy->protocol, session (self)->protocol))
    {
      sl_session_free (copy);  /* clamped at t = 0, or the same count */
      return;
    }
  sl_workbench_edit_session (self->workbench, copy,
                             drag == SL_TIMELINE_DRAG_MOVE ? "Move stimulus" : "Stretch stimulus");
}

gboolean
sl_timeline_delete_selected (SlTimeline *self)
{
  SlSession *copy;

  g_return_val_if_fail (SL_IS_TIMELINE (self), FALSE);
  if (self->selected < 0 || session (self) == NULL)
    return FALSE;
  copy = sl_session_copy (session (self));
  g_array_remove_index (copy->protocol->stimuli, self->selected);
  self->selected = -1;
  sl_workbench_edit_session (self->workbench, copy, "Delete stimulus");
  return TRUE;
}

gboolean
sl_timeline_copy_selected (SlTimeline *self)
{
  g_return_val_if_fail (SL_IS_TIMELINE (self), FALSE);
  if (self->selected < 0 || session (self) == NULL)
    return FALSE;
  g_clear_pointer (&self->clipboard, sl_protocol_spec_free);
  self->clipboard = sl_protocol_spec_new ();
  _sl_timeline_append_copy (self->clipboard->stimuli,
                            &g_array_index (session (self)->protocol->stimuli, SlStimulusSpec,
                                            self->selected));
  update_actions (self);
  return TRUE;
}

/* "theta" → "theta 2" (or the next free number). */
static char *
unique_name (const SlProtocolSpec *ps,
             const char           *name)
{
  g_autofree char *base = g_strdup (name != NULL ? name : "stimulus");
  char *end = base + strlen (base);

  /* "theta 2" copies as "theta 3", not "theta 2 2". */
  while (end > base && g_ascii_isdigit (end[-1]))
    end--;
  if (end > base && end < base + strlen (base) && end[-1] == ' ')
    end[-1] = '\0';
  for (int n = 2;; n++)
    {
      char *candidate = g_strdup_printf ("%s %d", base, n);
      gboolean taken = FALSE;

      for (guint i = 0; i < ps->stimuli->len && !taken; i++)
        taken = g_strcmp0 (g_array_index (ps->stimuli, SlStimulusSpec, i).name, candidate) == 0;
      if (!taken)
        return candidate;
      g_free (candidate);
    }
}

/* Inserts a copy of the clipboard's stimulus right after the selection
 * (or after itself when nothing is selected). */
static gboolean
paste_from (SlTimeline           *self,
            const SlStimulusSpec *src,
            const char           *label)
{
  SlSession *copy;
  SlStimulusSpec *st;
  SlTimelineItem clip = { 0 };
  double after;

  if (session (self) == NULL)
    return FALSE;
  copy = sl_session_copy (session (self));
  _sl_timeline_item_build (&clip, src, copy->protocol->tstop);
  after = self->selected >= 0 ? g_array_index (self->items, SlTimelineItem, self->selected).end : clip.end;
  st = _sl_timeline_append_copy (copy->protocol->stimuli, src);
  g_free (st->name);
  st->name = unique_name (copy->protocol, src->name);
  _sl_timeline_move (st, after - clip.start);
  _sl_timeline_item_clear (&clip);
  _sl_timeline_fit_tstop (copy->protocol, session (self)->protocol);
  self->selected = copy->protocol->stimuli->len - 1;
  sl_workbench_edit_session (self->workbench, copy, label);
  return TRUE;
}

gboolean
sl_timeline_paste (SlTimeline *self)
{
  g_return_val_if_fail (SL_IS_TIMELINE (self), FALSE);
  if (self->clipboard == NULL || self->clipboard->stimuli->len == 0)
    return FALSE;
  return paste_from (self, &g_array_index (self->clipboard->stimuli, SlStimulusSpec, 0), "Paste stimulus");
}

gboolean
sl_timeline_duplicate_selected (SlTimeline *self)
{
  g_autoptr(SlProtocolSpec) tmp = NULL;

  g_return_val_if_fail (SL_IS_TIMELINE (self), FALSE);
  if (self->selected < 0 || session (self) == NULL)
    return FALSE;
  /* A private copy: the session is replaced while pasting. */
  tmp = sl_protocol_spec_new ();
  _sl_timeline_append_copy (tmp->stimuli, &g_array_index (session (self)->protocol->stimuli,
                                                          SlStimulusSpec, self->selected));
  return paste_from (self, &g_array_index (tmp->stimuli, SlStimulusSpec, 0), "Duplicate stimulus");
}

static void
editor_closed (GtkPopover *popover,
               SlTimeline *self)
{
  if (self->editor == GTK_WIDGET (popover))
    {
      self->editor = NULL;
      gtk_widget_unparent (GTK_WIDGET (popover));
    }
}

GtkWidget *
sl_timeline_edit_selected (SlTimeline *self)
{
  graphene_rect_t r;

  g_return_val_if_fail (SL_IS_TIMELINE (self), NULL);
  if (self->selected < 0 || self->workbench == NULL)
    return NULL;
  if (self->editor != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->editor));
  if (self->editor != NULL)
    editor_closed (GTK_POPOVER (self->editor), self);
  self->editor = _sl_timeline_editor_new (self->workbench, self->selected);
  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
  g_signal_connect (self->editor, "closed", G_CALLBACK (editor_closed), self);
  sl_timeline_get_stimulus_rect (self, self->selected, &r);
  r.origin.x = CLAMP (r.origin.x, LABEL_W, MAX (LABEL_W, gtk_widget_get_width (GTK_WIDGET (self)) - 4));
  r.size.width = MIN (r.size.width, MAX (gtk_widget_get_width (GTK_WIDGET (self)) - r.origin.x, 4));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->editor),
                               &(GdkRectangle) { (int) r.origin.x, (int) r.origin.y,
                                                 MAX ((int) r.size.width, 1), (int) r.size.height });
  gtk_popover_popup (GTK_POPOVER (self->editor));
  return self->editor;
}

static void
action_edit (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  SlTimeline *self = SL_TIMELINE (widget);

  if (strcmp (name, "timeline.delete") == 0)
    sl_timeline_delete_selected (self);
  else if (strcmp (name, "timeline.copy") == 0)
    sl_timeline_copy_selected (self);
  else if (strcmp (name, "timeline.paste") == 0)
    sl_timeline_paste (self);
  else if (strcmp (name, "timeline.duplicate") == 0)
    sl_timeline_duplicate_selected (self);
  else if (strcmp (name, "timeline.edit") == 0)
    sl_timeline_edit_selected (self);
}

/* ------------------------------------------------------------------ */
/* Drawing. */

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
  double y = row_y (self, item->row), top = y + TEXT_H + 2, h = ROW_H - TEXT_H - 5;
  double t_lo = x_to_time (self, LABEL_W - 2), t_hi = x_to_time (self, width + 2);
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

      set_rgba (cr, fg, 0.95);
      sl_plot_text (cr, text, MAX (x0, LABEL_W) + 3, y + 1, 9.5, 0, 0, 0);
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
  double t0 = x_to_time (self, LABEL_W), t1 = x_to_time (self, width);
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

static void
sl_timeline_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  SlTimeline *self = SL_TIMELINE (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  const SlProtocolSpec *ps = session (self) != NULL ? session (self)->protocol : NULL;
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
      double y = row_y (self, r);

      if (r % 2 == 1)
        {
          set_rgba (cr, fg, dark ? 0.05 : 0.04);
          cairo_rectangle (cr, 0, y, w, ROW_H);
          cairo_fill (cr);
        }
    }
  draw_axis (self, cr, fg, w, h);

  cairo_save (cr);
  cairo_rectangle (cr, LABEL_W, AXIS_H, w - LABEL_W, h - AXIS_H);
  cairo_clip (cr);
  for (guint i = 0; ps != NULL && i < self->items->len && i < ps->stimuli->len; i++)
    draw_item (self, cr, item_at (self, i), fg, (int) i == self->selected,
               g_array_index (ps->stimuli, SlStimulusSpec, i).name, w);
  cairo_restore (cr);

  /* Row labels over the scrolled content. */
  cairo_save (cr);
  cairo_rectangle (cr, 0, AXIS_H, LABEL_W, h - AXIS_H);
  cairo_clip (cr);
  for (guint r = 0; r < self->row_labels->len; r++)
    {
      set_rgba (cr, fg, 0.85);
      sl_plot_text (cr, g_ptr_array_index (self->row_labels, r), 8, row_y (self, r) + ROW_H / 2,
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

/* ------------------------------------------------------------------ */
/* Input. */

static void
click_pressed (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               SlTimeline      *self)
{
  gboolean edge;
  int i = hit (self, x, y, &edge);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  sl_timeline_select (self, i);
  if (n_press == 2 && i >= 0)
    sl_timeline_edit_selected (self);
}

static void
context_pressed (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 SlTimeline      *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  gboolean edge;
  int i = hit (self, x, y, &edge);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  sl_timeline_select (self, i);
  if (i >= 0)
    {
      g_menu_append (menu, "Edit Parameters…", "timeline.edit");
      g_menu_append (menu, "Duplicate", "timeline.duplicate");
      g_menu_append (menu, "Copy", "timeline.copy");
    }
  g_menu_append (menu, "Paste", "timeline.paste");
  if (i >= 0)
    g_menu_append (menu, "Delete", "timeline.delete");
  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
drag_begin (GtkGestureDrag *gesture,
            double          x,
            double          y,
            SlTimeline     *self)
{
  if (sl_timeline_drag_begin (self, x, y) != SL_TIMELINE_DRAG_NONE)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
drag_update (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             SlTimeline     *self)
{
  sl_timeline_drag_update (self, dx, dy);
}

static void
drag_end (GtkGestureDrag *gesture,
          double          dx,
          double          dy,
          SlTimeline     *self)
{
  sl_timeline_drag_end (self, dx, dy);
}

static void
motion (GtkEventControllerMotion *controller,
        double                    x,
        double                    y,
        SlTimeline               *self)
{
  gboolean edge;
  int i;

  self->pointer_x = x;
  if (self->drag != SL_TIMELINE_DRAG_NONE)
    return;
  i = hit (self, x, y, &edge);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), i < 0 ? NULL : edge ? "ew-resize" : "grab");
}

/* Ctrl+scroll zooms about the pointer; the rest scrolls the window. */
static gboolean
scrolled (GtkEventControllerScroll *controller,
          double                    dx,
          double                    dy,
          SlTimeline               *self)
{
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double t, anchor, scale;

  if (!(mods & GDK_CONTROL_MASK) || dy == 0)
    return FALSE;
  anchor = CLAMP (self->pointer_x, LABEL_W, gtk_widget_get_width (GTK_WIDGET (self)));
  t = x_to_time (self, anchor);
  scale = CLAMP (self->scale * pow (1.25, -dy), 1e-4, 200);  /* px/ms: 1000 s to 5 µs per px */
  sl_timeline_set_scale (self, scale);
  if (self->hadj != NULL)
    gtk_adjustment_set_value (self->hadj, t * self->scale - (anchor - LABEL_W));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* GtkScrollable and GObject. */

static void
adjustment_changed (GtkAdjustment *adj,
                    SlTimeline    *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (SlTimeline     *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adj)
{
  if (*slot == adj)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_changed, self);
      g_object_unref (*slot);
    }
  if (adj == NULL)
    adj = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adj);
  g_signal_connect (adj, "value-changed", G_CALLBACK (adjustment_changed), self);
  configure_adjustments (self);
}

static void
sl_timeline_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SlTimeline *self = SL_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadj, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadj, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hpolicy = g_value_get_enum (value);
      break;
    case PROP_VSCROLL_POLICY:
      self->vpolicy = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_timeline_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SlTimeline *self = SL_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadj);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadj);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hpolicy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vpolicy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_timeline_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  SlTimeline *self = SL_TIMELINE (widget);

  configure_adjustments (self);
  if (self->editor != NULL)
    gtk_popover_present (GTK_POPOVER (self->editor));
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
sl_timeline_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  SlTimeline *self = SL_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) LABEL_W + 100;
      *natural = (int) LABEL_W + 500;
    }
  else
    {
      *minimum = (int) (AXIS_H + ROW_H);
      *natural = (int) (AXIS_H + MAX (self->row_keys->len, 1) * ROW_H + 4);
    }
}

static void
sl_timeline_dispose (GObject *object)
{
  SlTimeline *self = SL_TIMELINE (object);

  if (self->editor != NULL)
    gtk_widget_unparent (self->editor);
  self->editor = NULL;
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  if (self->workbench != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->workbench), (gpointer *) &self->workbench);
  self->workbench = NULL;
  if (self->hadj != NULL)
    g_signal_handlers_disconnect_by_func (self->hadj, adjustment_changed, self);
  if (self->vadj != NULL)
    g_signal_handlers_disconnect_by_func (self->vadj, adjustment_changed, self);
  g_clear_object (&self->hadj);
  g_clear_object (&self->vadj);
  G_OBJECT_CLASS (sl_timeline_parent_class)->dispose (object);
}

static void
sl_timeline_finalize (GObject *object)
{
  SlTimeline *self = SL_TIMELINE (object);

  g_array_unref (self->items);
  g_ptr_array_unref (self->row_keys);
  g_ptr_array_unref (self->row_labels);
  _sl_timeline_item_clear (&self->preview);
  g_clear_pointer (&self->clipboard, sl_protocol_spec_free);
  G_OBJECT_CLASS (sl_timeline_parent_class)->finalize (object);
}

static void
sl_timeline_class_init (SlTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const actions[] = {
    "timeline.delete", "timeline.copy", "timeline.paste", "timeline.duplicate", "timeline.edit",
  };

  object_class->set_property = sl_timeline_set_property;
  object_class->get_property = sl_timeline_get_property;
  object_class->dispose = sl_timeline_dispose;
  object_class->finalize = sl_timeline_finalize;
  widget_class->snapshot = sl_timeline_snapshot;
  widget_class->measure = sl_timeline_measure;
  widget_class->size_allocate = sl_timeline_size_allocate;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  for (gsize i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i], NULL, action_edit);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "timeline.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "timeline.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "timeline.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "timeline.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "timeline.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "timeline.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "timeline.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "timeline.duplicate", NULL);
  gtk_widget_class_set_css_name (widget_class, "sltimeline");
}

static void
sl_timeline_init (SlTimeline *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *context = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion_controller = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  self->items = g_array_new (FALSE, TRUE, sizeof (SlTimelineItem));
  g_array_set_clear_func (self->items, (GDestroyNotify) _sl_timeline_item_clear);
  self->row_keys = g_ptr_array_new_with_free_func (g_free);
  self->row_labels = g_ptr_array_new_with_free_func (g_free);
  self->t_content = MIN_MS;
  self->fit = TRUE;
  self->scale = 1;
  self->selected = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (context), GDK_BUTTON_SECONDARY);
  g_signal_connect (context, "pressed", G_CALLBACK (context_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (context));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (motion_controller, "motion", G_CALLBACK (motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion_controller);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scrolled), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  update_actions (self);
}

static void
session_changed (SlWorkbench *workbench,
                 const char  *label,
                 SlTimeline  *self)
{
  sl_timeline_refresh (self);
}

static void
model_ready (SlWorkbench *workbench,
             SlTimeline  *self)
{
  self->fit = TRUE;
  sl_timeline_refresh (self);
}

GtkWidget *
sl_timeline_new (SlWorkbench *workbench)
{
  SlTimeline *self = g_object_new (SL_TYPE_TIMELINE, NULL);

  g_return_val_if_fail (SL_IS_WORKBENCH (workbench), GTK_WIDGET (self));

  self->workbench = workbench;
  g_object_add_weak_pointer (G_OBJECT (workbench), (gpointer *) &self->workbench);
  g_signal_connect_object (workbench, "session-changed", G_CALLBACK (session_changed), self, 0);
  g_signal_connect_object (workbench, "model-ready", G_CALLBACK (model_ready), self, 0);
  sl_timeline_refresh (self);
  return GTK_WIDGET (self);
}
