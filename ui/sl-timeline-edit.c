/* sl-timeline-edit.c: the timeline's edits of the session — drag to move
 * or stretch, and of the selection delete, copy, paste, duplicate, nudge
 * and the parameter popover — each a modified copy of the session given
 * to sl_workbench_edit_session. */
#include "sl-config.h"

#include <math.h>
#include <string.h>

#include "sl-timeline-private.h"

gboolean
sl_timeline_delete_selected (SlTimeline *self)
{
  SlSession *copy;

  g_return_val_if_fail (SL_IS_TIMELINE (self), FALSE);
  if (self->selected < 0 || _sl_timeline_session (self) == NULL)
    return FALSE;
  copy = sl_session_copy (_sl_timeline_session (self));
  g_array_remove_index (copy->protocol->stimuli, self->selected);
  self->selected = -1;
  sl_workbench_edit_session (self->workbench, copy, "Delete stimulus");
  return TRUE;
}

gboolean
sl_timeline_copy_selected (SlTimeline *self)
{
  g_return_val_if_fail (SL_IS_TIMELINE (self), FALSE);
  if (self->selected < 0 || _sl_timeline_session (self) == NULL)
    return FALSE;
  g_clear_pointer (&self->clipboard, sl_protocol_spec_free);
  self->clipboard = sl_protocol_spec_new ();
  _sl_timeline_append_copy (self->clipboard->stimuli,
                            &g_array_index (_sl_timeline_session (self)->protocol->stimuli, SlStimulusSpec,
                                            self->selected));
  _sl_timeline_update_actions (self);
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
  char *name;
  double after;

  if (_sl_timeline_session (self) == NULL)
    return FALSE;
  copy = sl_session_copy (_sl_timeline_session (self));
  _sl_timeline_item_build (&clip, src, copy->protocol->tstop);
  after = self->selected >= 0 ? g_array_index (self->items, SlTimelineItem, self->selected).end : clip.end;
  st = _sl_timeline_append_copy (copy->protocol->stimuli, src);
  /* The new name is looked up among all stimuli, the copy included: free
   * its old name only after. */
  name = unique_name (copy->protocol, src->name);
  g_free (st->name);
  st->name = name;
  _sl_timeline_move (st, after - clip.start);
  _sl_timeline_item_clear (&clip);
  _sl_timeline_fit_tstop (copy->protocol, _sl_timeline_session (self)->protocol);
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
  if (self->selected < 0 || _sl_timeline_session (self) == NULL)
    return FALSE;
  /* A private copy: the session is replaced while pasting. */
  tmp = sl_protocol_spec_new ();
  _sl_timeline_append_copy (tmp->stimuli, &g_array_index (_sl_timeline_session (self)->protocol->stimuli,
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

gboolean
sl_timeline_nudge_selected (SlTimeline *self,
                            int         steps)
{
  SlSession *copy;

  g_return_val_if_fail (SL_IS_TIMELINE (self), FALSE);
  if (self->selected < 0 || _sl_timeline_session (self) == NULL || steps == 0)
    return FALSE;
  copy = sl_session_copy (_sl_timeline_session (self));
  _sl_timeline_move_with_clock (copy->protocol, &g_array_index (copy->protocol->stimuli, SlStimulusSpec, self->selected),
                   steps * sl_timeline_get_snap (self));
  _sl_timeline_fit_tstop (copy->protocol, _sl_timeline_session (self)->protocol);
  if (sl_protocol_spec_equal (copy->protocol, _sl_timeline_session (self)->protocol))
    {
      sl_session_free (copy);  /* already at t = 0 */
      return FALSE;
    }
  sl_workbench_edit_session (self->workbench, copy, "Move stimulus");
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Dragging: move or stretch a stimulus, previewed while the pointer moves. */

/* A piecewise train whose windows are the protocol's theta cycles (the
 * Jang lesson) carries the theta clock along when it moves, so the rule
 * still reads at the end of each window. */
void
_sl_timeline_move_with_clock (SlProtocolSpec *ps,
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
    _sl_timeline_move_with_clock (ps, st, delta);
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
  i = _sl_timeline_hit (self, x, y, &edge);
  sl_timeline_select (self, i);
  if (i < 0 || _sl_timeline_session (self) == NULL)
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

  if (self->drag == SL_TIMELINE_DRAG_NONE || _sl_timeline_session (self) == NULL)
    return;
  delta = fabs (dx) < DRAG_MIN ? 0 : _sl_timeline_snap_delta (self, dx);
  if (self->have_preview && delta == self->drag_delta)
    return;
  self->drag_delta = delta;
  /* The preview is the stimulus as the edit would leave it. */
  src = _sl_timeline_session (self)->protocol;
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
  if (drag == SL_TIMELINE_DRAG_NONE || _sl_timeline_session (self) == NULL || fabs (dx) < DRAG_MIN
      || (delta = _sl_timeline_snap_delta (self, dx)) == 0)
    return;
  copy = sl_session_copy (_sl_timeline_session (self));
  self->drag = drag;  /* apply_drag reads it */
  apply_drag (self, copy->protocol,
              &g_array_index (copy->protocol->stimuli, SlStimulusSpec, self->drag_index), delta);
  self->drag = SL_TIMELINE_DRAG_NONE;
  _sl_timeline_fit_tstop (copy->protocol, _sl_timeline_session (self)->protocol);
  if (sl_protocol_spec_equal (copy->protocol, _sl_timeline_session (self)->protocol))
    {
      sl_session_free (copy);  /* clamped at t = 0, or the same count */
      return;
    }
  sl_workbench_edit_session (self->workbench, copy,
                             drag == SL_TIMELINE_DRAG_MOVE ? "Move stimulus" : "Stretch stimulus");
}
