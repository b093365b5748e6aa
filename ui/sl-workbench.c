/* sl-workbench.c: session, model, runner and the panels that drive them. */
#include "sl-config.h"

#include <math.h>
#include <string.h>

#include "sl-branch-bars.h"
#include "sl-model-panel.h"
#include "sl-protocol.h"
#include "sl-replay.h"
#include "sl-timeline.h"
#include "sl-workbench.h"
#include "sl-workbench-private.h"


G_DEFINE_FINAL_TYPE (SlWorkbench, sl_workbench, G_TYPE_OBJECT)

enum { SIGNAL_MODEL_READY, SIGNAL_FAILED, SIGNAL_SESSION_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

#define TEXT_INTERVAL_US (100 * G_TIME_SPAN_MILLISECOND)

static const char * const speed_names[] = { "0.01×", "0.1×", "0.5×", "1×", "2×", "10×",
                                            "As fast as possible", NULL };
static const char * const color_names[] = { "Calcium", "Voltage", "Weight", "Δ weight", NULL };

/* ------------------------------------------------------------------ */
/* Compiling in a worker thread. */


void
_sl_workbench_compile_job_free (SlWorkbenchCompileJob *job)
{
  g_clear_pointer (&job->session, sl_session_free);
  g_clear_pointer (&job->morph, sl_morphology_unref);
  g_clear_pointer (&job->model, sl_model_unref);
  g_clear_pointer (&job->protocol, sl_protocol_free);
  g_free (job);
}

void
_sl_workbench_compile_thread (GTask        *task,
                              gpointer      source,
                              gpointer      data,
                              GCancellable *cancellable)
{
  SlWorkbenchCompileJob *job = data;
  GError *error = NULL;

  if (job->morph == NULL
      && (job->morph = sl_session_load_morphology (job->session, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if ((job->model = sl_model_compile (job->session->model, job->morph, &error)) == NULL
      || (job->protocol = sl_protocol_compile (job->session->protocol, job->model, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
build_point_map (SlWorkbench *self)
{
  const SlModel *m = self->model;
  const SlMorphology *morph = self->morph;

  g_clear_pointer (&self->point_node, g_free);
  g_clear_pointer (&self->point_values, g_free);
  if (morph == NULL || m == NULL)
    return;
  self->point_node = g_new (int, MAX (morph->n_points, 1));
  self->point_values = g_new (float, MAX (morph->n_points, 1));
  for (int p = 0; p < morph->n_points; p++)
    self->point_node[p] = morph->points[p].type == SL_TYPE_SOMA ? m->soma_node : -1;
  for (int n = 0; n < m->n_cable; n++)
    if (m->point[n] >= 0 && m->point[n] < morph->n_points && m->kind[n] != SL_NODE_JUNCTION)
      self->point_node[m->point[n]] = n;
  /* A point between two node ends belongs to the node whose piece of cable
   * ends distally: children come after parents, so walk backwards. */
  for (int p = morph->n_points - 1; p >= 0; p--)
    {
      int parent = morph->points[p].parent;

      if (self->point_node[p] >= 0 && parent >= 0 && self->point_node[parent] < 0)
        self->point_node[parent] = self->point_node[p];
    }
}


void
_sl_workbench_install (SlWorkbench  *self,
                       SlModel      *model,
                       SlProtocol   *protocol,
                       SlMorphology *morph)
{
  int old_index = -1;
  SlSelectionKind old_kind = sl_inspector_get_selection (self->inspector, &old_index);
  /* A recompile of the same cell and spines (a rule change) keeps the
   * indices, so the selection and the multi-selection survive it. */
  gboolean same = self->model != NULL && morph == self->morph
                  && self->model->n_spines == model->n_spines
                  && self->model->n_cable == model->n_cable;
  g_autoptr(GArray) old_multi = g_array_copy (self->multi);

  g_clear_pointer (&self->model, sl_model_unref);
  self->model = sl_model_ref (model);
  if (morph != self->morph)
    {
      sl_morphology_ref (morph);
      g_clear_pointer (&self->morph, sl_morphology_unref);
      self->morph = morph;
    }
  if (self->view != NULL && sl_morphology_view_get_morphology (self->view) != morph)
    sl_morphology_view_set_morphology (self->view, morph);
  self->view_colored = FALSE;
  build_point_map (self);

  if (self->runner == NULL)
    {
      self->runner = sl_runner_new (model, protocol);
      sl_plot_view_set_runner (self->plots, self->runner);
    }
  else
    sl_runner_replace (self->runner, model, protocol);
  sl_runner_set_speed (self->runner, _sl_workbench_speeds[MIN (gtk_drop_down_get_selected (self->speed),
                                                 SL_WORKBENCH_N_SPEEDS - 1)]);
  self->playing = FALSE;
  gtk_button_set_icon_name (self->play_button, "media-playback-start-symbolic");

  sl_view_overlay_set_model (self->overlay, model);
  sl_inspector_set_model (self->inspector, model);
  sl_inspector_set_protocol (self->inspector, self->session->protocol);
  sl_plot_view_set_watched (self->plots, NULL, NULL, 0);
  sl_branch_bars_set_branch (self->bars, model, -1);
  g_array_set_size (self->multi, 0);
  self->spec_dirty = FALSE;
  self->auto_hi = 0;
  self->last_seq = G_MAXUINT64;
  self->n_colored = 0;
  _sl_workbench_update_marked (self);
  if (same)
    {
      g_array_append_vals (self->multi, old_multi->data, old_multi->len);
      sl_inspector_set_selected_spines (self->inspector, (const int *) (gpointer) self->multi->data,
                                        self->multi->len);
      sl_workbench_select (self, old_kind, old_index);
    }
  else
    {
      sl_workbench_select (self, SL_SELECTION_NONE, -1);
      _sl_workbench_watch_stimulated_spines (self);
    }
}

static void
compile_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = G_TASK (result);
  SlWorkbenchCompileJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SlWorkbench *self;

  if (!g_task_propagate_boolean (task, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self = SL_WORKBENCH (source);
      g_clear_object (&self->cancellable);
      g_signal_emit (self, signals[SIGNAL_FAILED], 0, error->message);
      return;
    }
  self = SL_WORKBENCH (source);
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;
  g_clear_object (&self->cancellable);
  _sl_workbench_install (self, job->model, g_steal_pointer (&job->protocol), job->morph);
  g_signal_emit (self, signals[SIGNAL_MODEL_READY], 0);
  if (self->recompile_after)
    {
      /* A model edit arrived while this compile ran on an older copy. */
      self->recompile_after = FALSE;
      _sl_workbench_apply_model_edit (self);
    }
}

void
_sl_workbench_start_compile (SlWorkbench  *self,
                             SlMorphology *morph)
{
  g_autoptr(GTask) task = NULL;
  SlWorkbenchCompileJob *job = g_new0 (SlWorkbenchCompileJob, 1);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  _sl_workbench_cancel_live (self);
  self->recompile_after = FALSE;
  self->cancellable = g_cancellable_new ();
  job->session = sl_session_copy (self->session);
  job->morph = morph != NULL ? sl_morphology_ref (morph) : NULL;
  task = g_task_new (self, self->cancellable, compile_done, NULL);
  g_task_set_source_tag (task, _sl_workbench_start_compile);
  g_task_set_task_data (task, job, (GDestroyNotify) _sl_workbench_compile_job_free);
  g_task_run_in_thread (task, _sl_workbench_compile_thread);
}

void
sl_workbench_set_morphology (SlWorkbench  *self,
                             SlMorphology *morph,
                             const char   *morphology_ref,
                             double        density_scale)
{
  struct { const char *region; double density; } groups[] = {
    { "basal", SL_WORKBENCH_DENSITY_BASAL },
    { "oblique", SL_WORKBENCH_DENSITY_OBLIQUE },
    { "tuft", SL_WORKBENCH_DENSITY_TUFT },
  };
  SlSession *session;

  g_return_if_fail (SL_IS_WORKBENCH (self));
  g_return_if_fail (morph != NULL);

  if (density_scale < 0)
    density_scale = 1;
  session = sl_session_new ();
  g_free (session->model->morphology);
  session->model->morphology = g_strdup (morphology_ref != NULL ? morphology_ref : morph->path);
  /* Only regions the cell has: a bare dendrite has no tuft. */
  for (gsize i = 0; i < G_N_ELEMENTS (groups); i++)
    for (int r = 0; r < morph->n_regions; r++)
      if (g_strcmp0 (morph->regions[r].name, groups[i].region) == 0 && density_scale > 0)
        sl_model_spec_add_spine_group (session->model, groups[i].region,
                                       groups[i].density * density_scale);
  session->protocol->tstop = 1e6;  /* ms: runs until paused */
  g_clear_pointer (&self->session, sl_session_free);
  self->session = session;
  _sl_workbench_history_reset (self);
  sl_lesson_panel_set_lesson (SL_LESSON_PANEL (self->lesson_panel), NULL, NULL, NULL);
  _sl_workbench_start_compile (self, morph);
}

void
sl_workbench_set_session (SlWorkbench *self,
                          SlSession   *session)
{
  g_return_if_fail (SL_IS_WORKBENCH (self));
  g_return_if_fail (session != NULL);

  g_clear_pointer (&self->session, sl_session_free);
  self->session = session;
  _sl_workbench_history_reset (self);
  sl_lesson_panel_set_lesson (SL_LESSON_PANEL (self->lesson_panel), session->title, session->text,
                              session->expected);
  _sl_workbench_start_compile (self, NULL);
}

gboolean
sl_workbench_get_busy (SlWorkbench *self)
{
  g_return_val_if_fail (SL_IS_WORKBENCH (self), FALSE);
  return self->cancellable != NULL;
}

/* ------------------------------------------------------------------ */
/* Colouring, every frame. */

static void
update_time_label (SlWorkbench      *self,
                   const SlSnapshot *snap)
{
  g_autofree char *text = NULL;

  if (snap->status == SL_RUNNER_FAILED)
    text = g_strdup_printf ("t = %.1f ms · stopped: %s", snap->t, snap->message);
  else if (snap->status == SL_RUNNER_FINISHED)
    text = g_strdup_printf ("t = %.1f ms · finished", snap->t);
  else if (snap->status == SL_RUNNER_RUNNING)
    text = g_strdup_printf ("t = %.1f ms · %.2f× real time", snap->t, snap->achieved);
  else
    text = g_strdup_printf ("t = %.1f ms · paused", snap->t);
  if (self->note != NULL && g_get_monotonic_time () < self->note_until_us)
    {
      char *with_note = g_strdup_printf ("%s · %s", text, self->note);

      g_free (text);
      text = with_note;
    }
  gtk_label_set_text (self->time_label, text);
  if (self->playing && snap->status != SL_RUNNER_RUNNING && snap->status != SL_RUNNER_PAUSED)
    {
      self->playing = FALSE;
      gtk_button_set_icon_name (self->play_button, "media-playback-start-symbolic");
    }
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  SlWorkbench *self = SL_WORKBENCH (user_data);
  const SlSnapshot *snap;
  gint64 now;

  if (self->runner == NULL)
    return G_SOURCE_CONTINUE;
  snap = sl_runner_acquire_snapshot (self->runner, NULL);
  /* Replay: every fresh snapshot goes into the history; while a paused
   * run is scrubbed, the stored one at the slider's time is shown. */
  if (self->replay != NULL && self->model != NULL && snap->model == self->model
      && snap->n_spines == self->model->n_spines)
    snap = sl_replay_update (SL_REPLAY (self->replay), snap, self->playing);
  if (snap->seq == self->last_seq || snap->model != self->model
      || snap->n_spines != self->model->n_spines)
    return G_SOURCE_CONTINUE;
  self->last_seq = snap->seq;
  _sl_workbench_color_view (self, snap);
  sl_timeline_set_time (SL_TIMELINE (self->timeline), snap->t);
  /* Text and bars ten times a second: each label change relayouts its
   * panel, which costs more than the 3D frame on a software renderer. */
  now = gdk_frame_clock_get_frame_time (clock);
  if (now - self->last_text_us >= TEXT_INTERVAL_US || snap->status != SL_RUNNER_RUNNING)
    {
      self->last_text_us = now;
      sl_inspector_update (self->inspector, snap);
      sl_branch_bars_update (self->bars, sl_snapshot_dw (snap), snap->n_spines);
      update_time_label (self, snap);
    }
  return G_SOURCE_CONTINUE;
}

void
sl_workbench_set_color_by (SlWorkbench *self,
                           SlColorBy    what)
{
  g_return_if_fail (SL_IS_WORKBENCH (self));
  g_return_if_fail (what <= SL_COLOR_BY_DW);

  self->color_by = what;
  self->auto_hi = 0;
  self->last_seq = G_MAXUINT64;  /* recolour now, even when paused */
  if (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->color_selector)) != what)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->color_selector), what);
  g_action_group_change_action_state (G_ACTION_GROUP (self->view_actions), "color-by",
                                      g_variant_new_string (_sl_workbench_color_ids[what]));
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "color-by", _sl_workbench_color_ids[what]);
  _sl_workbench_range_color_changed (self);
}

/* ------------------------------------------------------------------ */
/* Panels. */

/* The session's protocol changed, the model did not: compiling a
 * protocol is cheap (a list of events). */
static gboolean
reinstall_protocol (SlWorkbench *self)
{
  g_autoptr(GError) error = NULL;
  SlProtocol *protocol;

  if (self->model == NULL || self->runner == NULL)
    return TRUE;
  protocol = sl_protocol_compile (self->session->protocol, self->model, &error);
  if (protocol == NULL)
    {
      g_signal_emit (self, signals[SIGNAL_FAILED], 0, error->message);
      return FALSE;
    }
  /* The run goes on: t and the state stay, events before t are past. */
  sl_runner_swap_protocol (self->runner, protocol);
  _sl_workbench_update_marked (self);
  return TRUE;
}

void
_sl_workbench_session_changed (SlWorkbench *self,
                               const char  *label)
{
  _sl_workbench_history_record (self, label != NULL ? label : "Edit");
  g_signal_emit (self, signals[SIGNAL_SESSION_CHANGED], 0, label != NULL ? label : "Edit");
}

void
sl_workbench_edit_session (SlWorkbench *self,
                           SlSession   *edited,
                           const char  *label)
{
  gboolean same_model, same_cell;

  g_return_if_fail (SL_IS_WORKBENCH (self));
  g_return_if_fail (edited != NULL);

  same_model = sl_model_spec_equal (self->session->model, edited->model);
  same_cell = g_strcmp0 (self->session->model->morphology, edited->model->morphology) == 0;
  g_clear_pointer (&self->session, sl_session_free);
  self->session = edited;
  sl_inspector_set_protocol (self->inspector, self->session->protocol);
  if (same_model)
    reinstall_protocol (self);
  else if (same_cell)
    _sl_workbench_apply_model_edit (self);
  else
    _sl_workbench_start_compile (self, NULL);
  _sl_workbench_session_changed (self, label);
}

static void
stimulus_added (SlInspector *inspector,
                guint        index,
                SlWorkbench *self)
{
  reinstall_protocol (self);
  _sl_workbench_session_changed (self, "Add stimulus");
}

static void
rule_changed (SlRulePicker *picker,
              SlWorkbench  *self)
{
  sl_rule_picker_store (picker, self->session->model);
  _sl_workbench_apply_model_edit (self);
  _sl_workbench_session_changed (self, "Change rule");
}

static void
param_changed (SlRulePicker *picker,
               const char   *name,
               double        value,
               SlWorkbench  *self)
{
  /* Rule parameters live in the immutable model: a recompile with the
   * new value takes over the running state. */
  sl_rule_picker_store (picker, self->session->model);
  _sl_workbench_apply_model_edit (self);
  _sl_workbench_session_changed (self, "Change rule parameter");
}

static GtkWidget *
framed (GtkWidget *child)
{
  gtk_widget_set_margin_start (child, 12);
  gtk_widget_set_margin_end (child, 12);
  gtk_widget_set_margin_top (child, 12);
  gtk_widget_set_margin_bottom (child, 12);
  return child;
}

static void
build_widgets (SlWorkbench *self)
{
  GtkWidget *box, *button, *scroller, *note, *paned;

  self->overlay = g_object_ref_sink (SL_VIEW_OVERLAY (sl_view_overlay_new (self->view)));

  self->inspector = SL_INSPECTOR (sl_inspector_new ());
  self->picker = SL_RULE_PICKER (sl_rule_picker_new ());
  g_signal_connect (self->inspector, "stimulus-added", G_CALLBACK (stimulus_added), self);
  g_signal_connect (self->picker, "rule-changed", G_CALLBACK (rule_changed), self);
  g_signal_connect (self->picker, "param-changed", G_CALLBACK (param_changed), self);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  self->lesson_panel = sl_lesson_panel_new ();
  gtk_box_append (GTK_BOX (box), self->lesson_panel);
  /* The model's physical parameters, collapsed under the lesson that
   * asks to change them; it follows the session through
   * "session-changed" and "model-ready". */
  gtk_box_append (GTK_BOX (box), sl_model_panel_new (self));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->inspector));
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->picker));
  note = gtk_label_new ("Parameter changes apply live; another rule restarts the run at t = 0.");
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (GTK_BOX (box), note);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), framed (box));
  gtk_widget_set_size_request (scroller, 320, -1);
  self->sidebar = g_object_ref_sink (scroller);

  self->plots = SL_PLOT_VIEW (sl_plot_view_new ());
  self->bars = SL_BRANCH_BARS (sl_branch_bars_new ());
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_hexpand (GTK_WIDGET (self->plots), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->bars), 260, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->plots));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->bars));
  /* The protocol timeline above the traces, on one resizable split. */
  self->timeline = sl_timeline_new (self);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->timeline);
  /* The axis and four rows shrunk to 18 px (sl-timeline-private.h): the
   * default lesson's tuft, basal, soma and plateau-step rows without
   * scrolling (the plots gave up the same 18 px, sl-plot-view.c). */
  gtk_widget_set_size_request (scroller, -1, 22 + 4 * 18 + 4);
  /* Up to four rows at their natural height when the panel has room;
   * more scroll. */
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 22 + 4 * 36 + 4);
  paned = gtk_paned_new (GTK_ORIENTATION_VERTICAL);
  gtk_paned_set_start_child (GTK_PANED (paned), scroller);
  gtk_paned_set_end_child (GTK_PANED (paned), box);
  gtk_paned_set_resize_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  self->plots_panel = g_object_ref_sink (paned);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->undo_button = gtk_button_new_from_icon_name ("edit-undo-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->undo_button), "edit.undo");
  gtk_widget_set_focus_on_click (self->undo_button, FALSE);
  gtk_box_append (GTK_BOX (box), self->undo_button);
  self->redo_button = gtk_button_new_from_icon_name ("edit-redo-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->redo_button), "edit.redo");
  gtk_widget_set_focus_on_click (self->redo_button, FALSE);
  gtk_box_append (GTK_BOX (box), self->redo_button);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  button = gtk_button_new_from_icon_name ("media-playback-start-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "run.play-pause");
  gtk_widget_set_tooltip_text (button, "Play (Space)");
  gtk_widget_set_focus_on_click (button, FALSE);
  self->play_button = GTK_BUTTON (button);
  gtk_box_append (GTK_BOX (box), button);
  button = gtk_button_new_from_icon_name ("media-skip-forward-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "run.step");
  gtk_widget_set_tooltip_text (button, "Step 1 ms (.)");
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_box_append (GTK_BOX (box), button);
  button = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "run.reset");
  gtk_widget_set_tooltip_text (button, "Reset to t = 0 (Ctrl+R)");
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_box_append (GTK_BOX (box), button);
  self->speed = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (speed_names));
  gtk_drop_down_set_selected (self->speed, 3);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->speed), "Simulation speed (real-time factor)");
  gtk_widget_set_focus_on_click (GTK_WIDGET (self->speed), FALSE);
  g_signal_connect (self->speed, "notify::selected", G_CALLBACK (_sl_workbench_speed_selected), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->speed));
  self->time_label = GTK_LABEL (gtk_label_new ("t = 0.0 ms"));
  gtk_widget_add_css_class (GTK_WIDGET (self->time_label), "numeric");
  gtk_label_set_width_chars (self->time_label, 28);
  gtk_label_set_xalign (self->time_label, 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->time_label));
  self->run_controls = g_object_ref_sink (box);

  self->color_selector = g_object_ref_sink (gtk_drop_down_new_from_strings (color_names));
  gtk_widget_set_tooltip_text (self->color_selector, "Colour the cell by");
  gtk_widget_set_focus_on_click (self->color_selector, FALSE);
  g_signal_connect (self->color_selector, "notify::selected", G_CALLBACK (_sl_workbench_color_selected), self);

  /* The replay bar (history slider, movie export) under the plots. */
  self->replay = sl_replay_new (self, self->settings);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_vexpand (self->plots_panel, TRUE);
  gtk_box_append (GTK_BOX (box), self->plots_panel);
  gtk_box_append (GTK_BOX (box), self->replay);
  g_object_unref (self->plots_panel);
  self->plots_panel = g_object_ref_sink (box);
}

void
sl_workbench_attach (SlWorkbench *self,
                     GtkWidget   *widget)
{
  static const struct { guint key; GdkModifierType mods; const char *action; } keys[] = {
    { GDK_KEY_space, 0, "run.play-pause" },
    { GDK_KEY_period, 0, "run.step" },
    { GDK_KEY_r, GDK_CONTROL_MASK, "run.reset" },
    { GDK_KEY_z, GDK_CONTROL_MASK, "edit.undo" },
    { GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "edit.redo" },
  };
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  g_return_if_fail (SL_IS_WORKBENCH (self));

  gtk_widget_insert_action_group (widget, "run", G_ACTION_GROUP (self->run_actions));
  gtk_widget_insert_action_group (widget, "view", G_ACTION_GROUP (self->view_actions));
  gtk_widget_insert_action_group (widget, "edit", G_ACTION_GROUP (self->edit_actions));
  /* Bubble phase: a focused text field keeps its space and period. */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, keys[i].mods),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (widget, shortcuts);

  gtk_widget_insert_action_group (widget, "stim", G_ACTION_GROUP (self->stim_actions));
  gtk_widget_insert_action_group (widget, "spine", G_ACTION_GROUP (self->spine_actions));
  if (self->view != NULL)
    {
      GtkGesture *context = gtk_gesture_click_new ();

      gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
      g_signal_connect (click, "released", G_CALLBACK (_sl_workbench_view_clicked), self);
      gtk_widget_add_controller (GTK_WIDGET (self->view), GTK_EVENT_CONTROLLER (click));
      gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (context), GDK_BUTTON_SECONDARY);
      g_signal_connect (context, "pressed", G_CALLBACK (_sl_workbench_view_context), self);
      gtk_widget_add_controller (GTK_WIDGET (self->view), GTK_EVENT_CONTROLLER (context));
    }
  else
    g_object_unref (click);
}

/* ------------------------------------------------------------------ */

static void
sl_workbench_dispose (GObject *object)
{
  SlWorkbench *self = SL_WORKBENCH (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  _sl_workbench_cancel_live (self);
  if (self->view != NULL)
    {
      if (self->tick_id != 0)
        gtk_widget_remove_tick_callback (GTK_WIDGET (self->view), self->tick_id);
      self->tick_id = 0;
      if (self->context_menu != NULL)
        gtk_widget_unparent (self->context_menu);
      self->context_menu = NULL;
      g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
      self->view = NULL;
    }
  if (self->plots != NULL)
    sl_plot_view_set_runner (self->plots, NULL);
  g_clear_pointer (&self->runner, sl_runner_free);
  g_clear_object (&self->overlay);
  g_clear_object (&self->sidebar);
  g_clear_object (&self->plots_panel);
  g_clear_object (&self->run_controls);
  g_clear_object (&self->color_selector);
  g_clear_object (&self->run_actions);
  g_clear_object (&self->view_actions);
  g_clear_object (&self->edit_actions);
  g_clear_object (&self->stim_actions);
  g_clear_object (&self->spine_actions);
  g_clear_object (&self->range_button);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (sl_workbench_parent_class)->dispose (object);
}

static void
sl_workbench_finalize (GObject *object)
{
  SlWorkbench *self = SL_WORKBENCH (object);

  g_clear_pointer (&self->session, sl_session_free);
  g_clear_pointer (&self->morph, sl_morphology_unref);
  g_clear_pointer (&self->model, sl_model_unref);
  g_free (self->point_node);
  g_free (self->point_values);
  g_free (self->note);
  g_free (self->select_after);
  g_array_unref (self->multi);
  sl_history_free (self->history);
  g_clear_pointer (&self->last_session, sl_session_free);
  G_OBJECT_CLASS (sl_workbench_parent_class)->finalize (object);
}

static void
sl_workbench_class_init (SlWorkbenchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_workbench_dispose;
  object_class->finalize = sl_workbench_finalize;

  signals[SIGNAL_MODEL_READY] =
    g_signal_new ("model-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  g_signal_new ("model-swapped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_SESSION_CHANGED] =
    g_signal_new ("session-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sl_workbench_init (SlWorkbench *self)
{
  const GActionEntry stim_entries[] = {
    { "add", _sl_workbench_action_add_stimulus, "s", NULL, NULL },
  };
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  self->multi = g_array_new (FALSE, FALSE, sizeof (int));
  self->live_latency_us = -1;
  self->session = sl_session_new ();
  _sl_workbench_init_actions (self);
  self->stim_actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->stim_actions), stim_entries,
                                   G_N_ELEMENTS (stim_entries), self);
  _sl_workbench_spines_init (self);
  /* Preferences only when the schema is installed (or compiled for tests):
   * g_settings_new would abort otherwise. */
  if (source != NULL && (schema = g_settings_schema_source_lookup (source, SL_APP_ID, TRUE)) != NULL)
    self->settings = g_settings_new (SL_APP_ID);
  _sl_workbench_range_init (self);
}

SlWorkbench *
sl_workbench_new (SlMorphologyView *view)
{
  SlWorkbench *self = g_object_new (SL_TYPE_WORKBENCH, NULL);

  g_return_val_if_fail (SL_IS_MORPHOLOGY_VIEW (view), self);

  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
  build_widgets (self);
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (view), tick_cb, self, NULL);
  if (self->settings != NULL)
    {
      g_autofree char *color = g_settings_get_string (self->settings, "color-by");

      for (guint i = 0; i < SL_WORKBENCH_N_COLORS; i++)
        if (g_str_equal (color, _sl_workbench_color_ids[i]))
          sl_workbench_set_color_by (self, i);
    }
  return self;
}

GtkWidget *sl_workbench_get_overlay (SlWorkbench *self) { return GTK_WIDGET (self->overlay); }
GtkWidget *sl_workbench_get_sidebar (SlWorkbench *self) { return self->sidebar; }
SlLessonPanel *sl_workbench_get_lesson_panel (SlWorkbench *self) { return SL_LESSON_PANEL (self->lesson_panel); }
GtkWidget *sl_workbench_get_plots_panel (SlWorkbench *self) { return self->plots_panel; }
GtkWidget *sl_workbench_get_run_controls (SlWorkbench *self) { return self->run_controls; }
GtkWidget *sl_workbench_get_color_selector (SlWorkbench *self) { return self->color_selector; }
SlRunner *sl_workbench_get_runner (SlWorkbench *self) { return self->runner; }
SlModel *sl_workbench_get_model (SlWorkbench *self) { return self->model; }
SlSession *sl_workbench_get_session (SlWorkbench *self) { return self->session; }
SlInspector *sl_workbench_get_inspector (SlWorkbench *self) { return self->inspector; }
SlPlotView *sl_workbench_get_plot_view (SlWorkbench *self) { return self->plots; }
SlRulePicker *sl_workbench_get_rule_picker (SlWorkbench *self) { return self->picker; }
SlViewOverlay *sl_workbench_get_view_overlay (SlWorkbench *self) { return self->overlay; }
SlHistory *sl_workbench_get_history (SlWorkbench *self) { return self->history; }
GtkWidget *sl_workbench_get_timeline (SlWorkbench *self) { return self->timeline; }
GSettings *sl_workbench_get_settings (SlWorkbench *self) { return self->settings; }
guint64 sl_workbench_get_n_colored (SlWorkbench *self) { return self->n_colored; }
