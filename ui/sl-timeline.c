/* sl-timeline.c: the protocol timeline widget — geometry, hit testing,
 * gestures, scrolling (drawing: sl-timeline-draw.c; the edits, drags
 * included: sl-timeline-edit.c). */
#include "sl-config.h"

#include <math.h>
#include <string.h>

#include "sl-timeline-private.h"

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

double
_sl_timeline_x_to_time (SlTimeline *self,
                        double      x)
{
  return (x - LABEL_W + hvalue (self)) / self->scale;
}

double
_sl_timeline_row_y (SlTimeline *self,
                    int         row)
{
  return AXIS_H + row * self->row_h - vvalue (self);
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
  /* Rows shrink (down to ROW_MIN) before the panel scrolls. */
  self->row_h = self->row_keys->len > 0 ? CLAMP (floor ((page - 4) / self->row_keys->len), ROW_MIN, ROW_H) : ROW_H;
  content = MAX (self->row_keys->len * self->row_h + 4, page);
  if (self->vadj != NULL)
    gtk_adjustment_configure (self->vadj, CLAMP (vvalue (self), 0, content - page), 0, content,
                              self->row_h, page * 0.9, page);
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

double
_sl_timeline_snap_delta (SlTimeline *self,
                         double      dx)
{
  double step = sl_timeline_get_snap (self);

  return round (dx / self->scale / step) * step;
}

const SlTimelineItem *
_sl_timeline_item_at (SlTimeline *self,
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
  if ((item = _sl_timeline_item_at (self, index)) == NULL)
    return FALSE;
  x0 = sl_timeline_time_to_x (self, item->start);
  x1 = MAX (sl_timeline_time_to_x (self, item->end), x0 + 4);
  y = _sl_timeline_row_y (self, item->row);
  graphene_rect_init (rect, x0, y + 3, x1 - x0, self->row_h - 6);
  return TRUE;
}

/* The stimulus under (x, y), the topmost (last drawn) first; *edge when
 * the point is on its right edge and it can stretch. */
int
_sl_timeline_hit (SlTimeline *self,
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
      const SlTimelineItem *item = _sl_timeline_item_at (self, i);
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

SlSession *
_sl_timeline_session (SlTimeline *self)
{
  return self->workbench != NULL ? sl_workbench_get_session (self->workbench) : NULL;
}

void
_sl_timeline_update_actions (SlTimeline *self)
{
  gboolean sel = self->selected >= 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.delete", sel);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.copy", sel);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.duplicate", sel);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.edit", sel);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.nudge", sel);
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
  if ((s = _sl_timeline_session (self)) != NULL)
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
  _sl_timeline_update_actions (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
sl_timeline_set_time (SlTimeline *self,
                      double      t)
{
  double w, x;

  g_return_if_fail (SL_IS_TIMELINE (self));

  /* Against the last drawn cursor, not the last update: at 1× a snapshot
   * moves the cursor by a fraction of a pixel, and those add up. */
  if (fabs ((t - self->drawn_time) * self->scale) >= 0.5)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  /* Zoomed in, the view pages along with a running cursor that leaves it
   * on the right (not while the user drags). */
  w = gtk_widget_get_width (GTK_WIDGET (self));
  x = sl_timeline_time_to_x (self, t);
  if (t > self->time && self->hadj != NULL && self->drag == SL_TIMELINE_DRAG_NONE
      && w > LABEL_W + 40 && x > w - 8 && sl_timeline_time_to_x (self, self->time) <= w - 8)
    gtk_adjustment_set_value (self->hadj, t * self->scale - 0.1 * (w - LABEL_W));
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
  _sl_timeline_update_actions (self);
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
  if ((item = _sl_timeline_item_at (self, index)) == NULL)
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
/* Edit actions (the edits themselves: sl-timeline-edit.c). */

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
  else if (strcmp (name, "timeline.nudge") == 0)
    sl_timeline_nudge_selected (self, g_variant_get_int32 (param));
}

/* ------------------------------------------------------------------ */
/* Input. */

/* A click on a stimulus onto a spine selects that spine in the view, so
 * its traces show. */
static void
select_target (SlTimeline *self,
               int         index)
{
  SlSession *s = _sl_timeline_session (self);
  SlModel *model = self->workbench != NULL ? sl_workbench_get_model (self->workbench) : NULL;
  const SlStimulusSpec *st;
  int k;

  if (s == NULL || model == NULL || index >= (int) s->protocol->stimuli->len)
    return;
  st = &g_array_index (s->protocol->stimuli, SlStimulusSpec, index);
  if (st->target != NULL && g_str_has_prefix (st->target, "spine:")
      && (k = sl_model_find_spine (model, st->target + 6)) >= 0)
    sl_workbench_select (self->workbench, SL_SELECTION_SPINE, k);
}

static void
click_pressed (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               SlTimeline      *self)
{
  gboolean edge;
  int i = _sl_timeline_hit (self, x, y, &edge);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  sl_timeline_select (self, i);
  if (n_press == 1 && i >= 0)
    select_target (self, i);
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
  int i = _sl_timeline_hit (self, x, y, &edge);

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
  i = _sl_timeline_hit (self, x, y, &edge);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), i < 0 ? NULL : edge ? "ew-resize" : "grab");
}

static gboolean
query_tooltip (GtkWidget  *widget,
               int         x,
               int         y,
               gboolean    keyboard,
               GtkTooltip *tooltip,
               SlTimeline *self)
{
  SlSession *s = _sl_timeline_session (self);
  g_autofree char *text = NULL;
  gboolean edge;
  int i;

  if (keyboard || s == NULL || y < AXIS_H || x < LABEL_W)
    return FALSE;
  i = _sl_timeline_hit (self, x, y, &edge);
  if (i >= 0 && i < (int) s->protocol->stimuli->len)
    text = g_strdup_printf ("%s: %s\n%s", g_array_index (s->protocol->stimuli, SlStimulusSpec, i).name,
                            g_array_index (self->items, SlTimelineItem, i).label,
                            edge ? "Drag to stretch (duration, spikes, bursts or repetitions)"
                                 : "Drag to move · double-click to edit · Delete · Ctrl+C, Ctrl+V, Ctrl+D");
  else
    text = g_strdup ("Ctrl+scroll to zoom · Shift+scroll to pan · right click to paste");
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
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
  t = _sl_timeline_x_to_time (self, anchor);
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
  widget_class->snapshot = _sl_timeline_snapshot;
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
  gtk_widget_class_install_action (widget_class, "timeline.nudge", "i", action_edit);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "timeline.nudge", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "timeline.nudge", "i", 1);
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
  self->row_h = ROW_H;
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
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  _sl_timeline_update_actions (self);
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
