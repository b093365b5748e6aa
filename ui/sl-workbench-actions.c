/* sl-workbench-actions.c: the workbench's run, view and edit actions
 * (run.*, view.color-by, edit.undo/redo with the session history) and
 * the header-bar controls bound to them. */
#include "sl-config.h"

#include "sl-workbench.h"
#include "sl-workbench-private.h"
#include "sl-sweep-dialog.h"
#include "sl-export.h"

const double _sl_workbench_speeds[SL_WORKBENCH_N_SPEEDS] = { 0.01, 0.1, 0.5, 1, 2, 10, 0 };
const char * const _sl_workbench_color_ids[SL_WORKBENCH_N_COLORS] = { "ca", "v", "w", "dw" };

/* ------------------------------------------------------------------ */
/* Run control. */

void
_sl_workbench_set_playing (SlWorkbench *self,
                           gboolean     playing)
{
  if (self->runner == NULL)
    return;
  self->playing = playing;
  if (playing)
    sl_runner_play (self->runner);
  else
    sl_runner_pause (self->runner);
  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), playing ? "Pause (Space)" : "Play (Space)");
}

static void
action_play_pause (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  SlWorkbench *self = user_data;

  _sl_workbench_set_playing (self, !self->playing);
}

static void
action_step (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  SlWorkbench *self = user_data;

  if (self->runner == NULL)
    return;
  _sl_workbench_set_playing (self, FALSE);
  /* One millisecond per press: a single 25 µs step shows nothing. */
  sl_runner_step (self->runner, 1.0);
}

static void
action_reset (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  SlWorkbench *self = user_data;

  if (self->runner == NULL)
    return;
  _sl_workbench_set_playing (self, FALSE);
  if (self->spec_dirty)
    _sl_workbench_start_compile (self, self->morph);  /* a changed rule needs a new model */
  else
    sl_runner_reset (self->runner);
  self->auto_hi = 0;
}

static void
action_speed (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  SlWorkbench *self = user_data;
  const char *s = g_variant_get_string (param, NULL);
  double speed = g_strcmp0 (s, "max") == 0 ? 0 : g_ascii_strtod (s, NULL);

  for (guint i = 0; i < SL_WORKBENCH_N_SPEEDS; i++)
    if (_sl_workbench_speeds[i] == speed)
      gtk_drop_down_set_selected (self->speed, i);
  g_simple_action_set_state (action, param);
}

void
_sl_workbench_speed_selected (GtkDropDown *dropdown,
                              GParamSpec  *pspec,
                              SlWorkbench *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (self->runner != NULL && i < SL_WORKBENCH_N_SPEEDS)
    sl_runner_set_speed (self->runner, _sl_workbench_speeds[i]);
}

static void
action_color_by (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  SlWorkbench *self = user_data;
  const char *s = g_variant_get_string (param, NULL);

  g_simple_action_set_state (action, param);
  for (guint i = 0; i < SL_WORKBENCH_N_COLORS; i++)
    if (g_str_equal (s, _sl_workbench_color_ids[i]) && self->color_by != i)
      sl_workbench_set_color_by (self, i);
}

void
_sl_workbench_color_selected (GtkDropDown *dropdown,
                              GParamSpec  *pspec,
                              SlWorkbench *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (i <= SL_COLOR_BY_DW && i != self->color_by)
    sl_workbench_set_color_by (self, i);
}

/* ------------------------------------------------------------------ */
/* Undo and redo. */

static void
update_edit_actions (SlWorkbench *self)
{
  static const struct { const char *name, *verb, *accel; } acts[] = {
    { "undo", "Undo", "Ctrl+Z" },
    { "redo", "Redo", "Ctrl+Shift+Z" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (acts); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->edit_actions), acts[i].name);
      const char *label = i == 0 ? sl_history_get_undo_label (self->history)
                                 : sl_history_get_redo_label (self->history);
      GtkWidget *button = i == 0 ? self->undo_button : self->redo_button;
      g_autofree char *tip = label != NULL ? g_strdup_printf ("%s %s (%s)", acts[i].verb, label, acts[i].accel)
                                           : g_strdup_printf ("Nothing to %s", i == 0 ? "undo" : "redo");

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), label != NULL);
      if (button != NULL)
        gtk_widget_set_tooltip_text (button, tip);
    }
}

void
_sl_workbench_history_record (SlWorkbench *self,
                              const char  *label)
{
  /* Edits that change nothing (a preset re-emitting its values) leave no
   * step to undo. */
  if (!self->restoring && self->last_session != NULL
      && !sl_session_equal (self->last_session, self->session))
    sl_history_push_at (self->history, self->last_session, self->session, label,
                        g_get_monotonic_time ());
  g_clear_pointer (&self->last_session, sl_session_free);
  self->last_session = sl_session_copy (self->session);
  update_edit_actions (self);
}

void
_sl_workbench_history_reset (SlWorkbench *self)
{
  sl_history_clear (self->history);
  g_clear_pointer (&self->last_session, sl_session_free);
  self->last_session = sl_session_copy (self->session);
  update_edit_actions (self);
}

static gboolean
restore (SlWorkbench *self,
         gboolean     redo)
{
  g_autofree char *label = NULL;
  SlSession *stored;
  SlSelectionKind kind;
  int index = -1;

  if (redo ? !sl_history_can_redo (self->history) : !sl_history_can_undo (self->history))
    return FALSE;
  label = g_strdup_printf ("%s %s", redo ? "Redo" : "Undo",
                           redo ? sl_history_get_redo_label (self->history)
                                : sl_history_get_undo_label (self->history));
  stored = redo ? sl_history_redo (self->history, self->session)
                : sl_history_undo (self->history, self->session);
  self->restoring = TRUE;
  sl_workbench_edit_session (self, stored, label);
  self->restoring = FALSE;
  /* The rule picker shows the restored rules. */
  kind = sl_inspector_get_selection (self->inspector, &index);
  sl_workbench_select (self, kind, index);
  return TRUE;
}

gboolean
sl_workbench_undo (SlWorkbench *self)
{
  g_return_val_if_fail (SL_IS_WORKBENCH (self), FALSE);
  return restore (self, FALSE);
}

gboolean
sl_workbench_redo (SlWorkbench *self)
{
  g_return_val_if_fail (SL_IS_WORKBENCH (self), FALSE);
  return restore (self, TRUE);
}

static void
action_undo (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  sl_workbench_undo (user_data);
}

static void
action_redo (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  sl_workbench_redo (user_data);
}

void
_sl_workbench_init_actions (SlWorkbench *self)
{
  const GActionEntry edit_entries[] = {
    { "undo", action_undo, NULL, NULL, NULL },
    { "redo", action_redo, NULL, NULL, NULL },
  };
  const GActionEntry run_entries[] = {
    { "play-pause", action_play_pause, NULL, NULL, NULL },
    { "step", action_step, NULL, NULL, NULL },
    { "reset", action_reset, NULL, NULL, NULL },
    { "speed", action_speed, "s", "'1'", NULL },
  };
  const GActionEntry view_entries[] = {
    { "color-by", action_color_by, "s", "'ca'", NULL },
  };

  self->run_actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->run_actions), run_entries,
                                   G_N_ELEMENTS (run_entries), self);
  sl_sweep_dialog_add_actions (self, G_ACTION_MAP (self->run_actions));
  sl_export_add_actions (self, G_ACTION_MAP (self->run_actions));
  self->view_actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->view_actions), view_entries,
                                   G_N_ELEMENTS (view_entries), self);
  self->edit_actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->edit_actions), edit_entries,
                                   G_N_ELEMENTS (edit_entries), self);
  self->history = sl_history_new (SL_HISTORY_DEFAULT_LIMIT);
  update_edit_actions (self);
}
