/* test-timeline.c: the protocol timeline and undo/redo, in the window
 * under Xvfb, on the temporal-derivative lesson (one pairing on spine S:
 * a piecewise train of 100 ms at 25 Hz then 100 ms at 50 Hz, ten windows
 * 400 ms apart, somatic pulses 5 ms after each spike; theta clock of
 * 600 ms from 200 ms).
 *
 * Expected values are worked out by hand from the lesson file: a window
 * is 25 Hz × 100 ms = 3 spikes (0, 40, 80 ms) then 50 Hz × 100 ms = 5
 * spikes (100 … 180 ms); windows every 200 + 400 = 600 ms, so the last
 * one runs 5400–5600 ms and the train has 10 × 8 = 80 spikes. */
#include "sl-config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sl-timeline-private.h"
#include "sl-ui-test-util.h"
#include "sl-window.h"

#define TIMEOUT_US (120 * G_USEC_PER_SEC)

typedef struct
{
  SlWindow    *window;
  SlWorkbench *workbench;
  SlTimeline  *timeline;
  gboolean     ready;
  int          n_changed;
  char        *last_label;
} Fixture;

static void
settle (void)
{
  sl_ui_test_iterate_for_ms (200);
}

/* SL_TEST_PAUSE_MS keeps the window up at interesting moments, for a
 * screenshot taken from outside (import -window root). */
static void
pause_for_screenshot (void)
{
  const char *ms = g_getenv ("SL_TEST_PAUSE_MS");

  if (ms != NULL)
    sl_ui_test_iterate_for_ms (atoi (ms));
}

/* With SL_TEST_PAUSE_MS, run the lesson for a second of wall time first
 * so the screenshot has a time cursor. */
static void
run_for_screenshot (Fixture *fx)
{
  if (g_getenv ("SL_TEST_PAUSE_MS") == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "run.speed", "s", "max");
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "run.play-pause", NULL);
  sl_ui_test_iterate_for_ms (3000);
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "run.play-pause", NULL);
  settle ();
}

static void
on_ready (SlWorkbench *wb,
          Fixture     *fx)
{
  fx->ready = TRUE;
}

static void
on_changed (SlWorkbench *wb,
            const char  *label,
            Fixture     *fx)
{
  fx->n_changed++;
  g_free (fx->last_label);
  fx->last_label = g_strdup (label);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (SL_SOURCE_DIR, "resources", "lessons",
                                            "temporal-derivative.spinelab", NULL);

  fx->window = sl_ui_test_window_new (1200, 780);
  fx->workbench = sl_window_get_workbench (fx->window);
  fx->timeline = SL_TIMELINE (sl_workbench_get_timeline (fx->workbench));
  g_signal_connect (fx->workbench, "model-ready", G_CALLBACK (on_ready), fx);
  g_signal_connect (fx->workbench, "session-changed", G_CALLBACK (on_changed), fx);
  sl_ui_test_fail_on_error (fx->window);
  g_assert_true (sl_ui_test_open (fx->window, path, TIMEOUT_US));
  sl_ui_test_wait_for (&fx->ready, TIMEOUT_US, "the model");
  settle ();
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  sl_ui_test_destroy_window (GTK_WINDOW (fx->window));
  g_free (fx->last_label);
}

static const SlStimulusSpec *
stimulus (Fixture *fx,
          guint    i)
{
  SlSession *s = sl_workbench_get_session (fx->workbench);

  g_assert_cmpuint (i, <, s->protocol->stimuli->len);
  return &g_array_index (s->protocol->stimuli, SlStimulusSpec, i);
}

/* Whether edit.NAME is enabled, as the header bar's undo / redo button
 * shows it (the first two buttons of the run controls). */
static gboolean
action_enabled (Fixture    *fx,
                const char *name)
{
  GtkWidget *undo = gtk_widget_get_first_child (sl_workbench_get_run_controls (fx->workbench));
  GtkWidget *button = g_str_equal (name, "undo") ? undo : gtk_widget_get_next_sibling (undo);

  g_assert_true (GTK_IS_ACTIONABLE (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                   g_str_equal (name, "undo") ? "edit.undo" : "edit.redo");
  return gtk_widget_get_sensitive (button);
}

/* What the timeline makes of the lesson's stimulus: one row, the 20
 * halves with their rates, 80 spikes and 80 somatic pulses 5 ms later. */
static void
test_layout (Fixture       *fx,
             gconstpointer  data)
{
  const SlStimulusSpec *s = stimulus (fx, 0);
  SlTimelineItem item = { 0 };
  double start, end;

  g_assert_cmpuint (sl_timeline_get_n_rows (fx->timeline), ==, 1);
  g_assert_cmpstr (sl_timeline_get_row_label (fx->timeline, 0), ==, "spine S");
  g_assert_cmpint (sl_timeline_get_row (fx->timeline, 0), ==, 0);
  g_assert_true (sl_timeline_get_extent (fx->timeline, 0, &start, &end));
  g_assert_cmpfloat_with_epsilon (start, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (end, 5600, 1e-9);

  _sl_timeline_item_build (&item, s, 6000);
  g_assert_cmpuint (item.blocks->len, ==, 20);
  for (guint w = 0; w < 10; w++)
    {
      const SlTimelineBlock *slow = &g_array_index (item.blocks, SlTimelineBlock, 2 * w);
      const SlTimelineBlock *fast = &g_array_index (item.blocks, SlTimelineBlock, 2 * w + 1);

      g_assert_cmpint (slow->kind, ==, SL_BLOCK_SEGMENT);
      g_assert_cmpfloat_with_epsilon (slow->t0, 600.0 * w, 1e-9);
      g_assert_cmpfloat_with_epsilon (slow->t1, 600.0 * w + 100, 1e-9);
      g_assert_cmpfloat (slow->rate, ==, 25);
      g_assert_cmpfloat_with_epsilon (fast->t0, 600.0 * w + 100, 1e-9);
      g_assert_cmpfloat_with_epsilon (fast->t1, 600.0 * w + 200, 1e-9);
      g_assert_cmpfloat (fast->rate, ==, 50);
    }
  g_assert_cmpuint (item.ticks->len, ==, 80);
  g_assert_cmpuint (item.post->len, ==, 80);
  g_assert_cmpfloat_with_epsilon (g_array_index (item.ticks, double, 3), 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_array_index (item.post, double, 79),
                                  g_array_index (item.ticks, double, 79) + 5, 1e-9);
  g_assert_cmpstr (item.label, ==, "25 → 50 Hz × 10, soma +5 ms");
  _sl_timeline_item_clear (&item);
}

/* At 0.1 px/ms the 5600 ms train is 560 px wide and starts where t = 0
 * is drawn. */
static void
test_geometry (Fixture       *fx,
               gconstpointer  data)
{
  graphene_rect_t r;

  sl_timeline_set_scale (fx->timeline, 0.1);
  settle ();
  g_assert_cmpfloat (sl_timeline_get_scale (fx->timeline), ==, 0.1);
  g_assert_cmpfloat_with_epsilon (sl_timeline_time_to_x (fx->timeline, 1000)
                                  - sl_timeline_time_to_x (fx->timeline, 0), 100, 1e-9);
  g_assert_true (sl_timeline_get_stimulus_rect (fx->timeline, 0, &r));
  g_assert_cmpfloat_with_epsilon (r.origin.x, sl_timeline_time_to_x (fx->timeline, 0), 1e-9);
  g_assert_cmpfloat_with_epsilon (r.size.width, 560, 1e-6);
  g_assert_false (sl_timeline_get_stimulus_rect (fx->timeline, 1, &r));
  /* 8 px at 0.1 px/ms is 80 ms: the next round step is 100 ms. */
  g_assert_cmpfloat (sl_timeline_get_snap (fx->timeline), ==, 100);
  /* Fitting shows the whole train in the widget. */
  sl_timeline_set_scale (fx->timeline, 0);
  settle ();
  sl_timeline_get_stimulus_rect (fx->timeline, 0, &r);
  g_assert_cmpfloat (r.origin.x + r.size.width, <=, gtk_widget_get_width (GTK_WIDGET (fx->timeline)));
}

/* A drag of 30 px at 0.1 px/ms moves the train by 300 ms (snapped to
 * 100 ms steps); its windows are the theta cycles, so the clock moves
 * with it (200 → 500 ms).  Undo restores the exact session, redo
 * re-applies the move. */
static void
test_drag_move_undo_redo (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(SlSession) before = sl_session_copy (sl_workbench_get_session (fx->workbench));
  g_autoptr(SlSession) after = NULL;
  graphene_rect_t r;
  double cx, cy;

  sl_timeline_set_scale (fx->timeline, 0.1);
  settle ();
  g_assert_false (action_enabled (fx, "undo"));
  g_assert_false (action_enabled (fx, "redo"));
  sl_timeline_get_stimulus_rect (fx->timeline, 0, &r);
  cx = r.origin.x + r.size.width / 2;
  cy = r.origin.y + r.size.height / 2;
  g_assert_cmpint (sl_timeline_drag_begin (fx->timeline, cx, cy), ==, SL_TIMELINE_DRAG_MOVE);
  g_assert_cmpint (sl_timeline_get_selected (fx->timeline), ==, 0);
  sl_timeline_drag_update (fx->timeline, 14, 0);
  sl_timeline_drag_update (fx->timeline, 30, 2);
  /* The preview moves, the session does not until the drop. */
  sl_timeline_get_stimulus_rect (fx->timeline, 0, &r);
  g_assert_cmpfloat_with_epsilon (r.origin.x, sl_timeline_time_to_x (fx->timeline, 300), 1e-9);
  g_assert_cmpfloat (stimulus (fx, 0)->train.start, ==, 0);
  g_assert_cmpint (fx->n_changed, ==, 0);
  sl_timeline_drag_end (fx->timeline, 30, 2);

  g_assert_cmpint (fx->n_changed, ==, 1);
  g_assert_cmpstr (fx->last_label, ==, "Move stimulus");
  g_assert_cmpfloat_with_epsilon (stimulus (fx, 0)->train.start, 300, 1e-9);
  g_assert_cmpfloat_with_epsilon (sl_workbench_get_session (fx->workbench)->protocol->theta_start, 500, 1e-9);
  g_assert_cmpuint (stimulus (fx, 0)->train.n_repeats, ==, 10);
  g_assert_true (action_enabled (fx, "undo"));
  g_assert_cmpstr (sl_history_get_undo_label (sl_workbench_get_history (fx->workbench)), ==, "Move stimulus");
  after = sl_session_copy (sl_workbench_get_session (fx->workbench));
  /* The timeline shows the new session. */
  g_assert_true (sl_timeline_get_stimulus_rect (fx->timeline, 0, &r));
  g_assert_cmpfloat_with_epsilon (r.origin.x, sl_timeline_time_to_x (fx->timeline, 300), 1e-9);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "edit.undo", NULL));
  g_assert_true (sl_session_equal (sl_workbench_get_session (fx->workbench), before));
  g_assert_cmpstr (fx->last_label, ==, "Undo Move stimulus");
  g_assert_false (action_enabled (fx, "undo"));
  g_assert_true (action_enabled (fx, "redo"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "edit.redo", NULL));
  g_assert_true (sl_session_equal (sl_workbench_get_session (fx->workbench), after));
  g_assert_cmpstr (fx->last_label, ==, "Redo Move stimulus");
  g_assert_true (action_enabled (fx, "undo"));
  g_assert_false (action_enabled (fx, "redo"));

  /* A press that barely moves is a click, not an edit. */
  sl_timeline_get_stimulus_rect (fx->timeline, 0, &r);
  sl_timeline_drag_begin (fx->timeline, r.origin.x + 10, r.origin.y + r.size.height / 2);
  sl_timeline_drag_end (fx->timeline, 1, 0);
  g_assert_true (sl_session_equal (sl_workbench_get_session (fx->workbench), after));
  /* Nothing under the pointer: nothing to drag. */
  g_assert_cmpint (sl_timeline_drag_begin (fx->timeline, 2, 2), ==, SL_TIMELINE_DRAG_NONE);
  g_assert_cmpint (sl_timeline_get_selected (fx->timeline), ==, -1);
}

/* Dragging the right edge by 120 px at 0.1 px/ms asks for an end 1200 ms
 * later: two more 600 ms windows, 10 → 12, ending at 6800 ms; tstop
 * (6000 ms, 400 ms after the last window) grows to 6800 + 400. */
static void
test_drag_stretch (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(SlSession) before = sl_session_copy (sl_workbench_get_session (fx->workbench));
  graphene_rect_t r;
  double start, end;

  sl_timeline_set_scale (fx->timeline, 0.1);
  settle ();
  sl_timeline_get_stimulus_rect (fx->timeline, 0, &r);
  g_assert_cmpint (sl_timeline_drag_begin (fx->timeline, r.origin.x + r.size.width - 1,
                                           r.origin.y + r.size.height / 2), ==, SL_TIMELINE_DRAG_STRETCH);
  sl_timeline_drag_update (fx->timeline, 120, 0);
  sl_timeline_drag_end (fx->timeline, 120, 0);
  g_assert_cmpstr (fx->last_label, ==, "Stretch stimulus");
  g_assert_cmpint (stimulus (fx, 0)->train.n_repeats, ==, 12);
  g_assert_cmpfloat (stimulus (fx, 0)->train.start, ==, 0);
  sl_timeline_get_extent (fx->timeline, 0, &start, &end);
  g_assert_cmpfloat_with_epsilon (end, 11 * 600.0 + 200, 1e-9);
  g_assert_cmpfloat_with_epsilon (sl_workbench_get_session (fx->workbench)->protocol->tstop, 7200, 1e-9);
  g_assert_true (sl_workbench_undo (fx->workbench));
  g_assert_true (sl_session_equal (sl_workbench_get_session (fx->workbench), before));
  g_assert_cmpint (stimulus (fx, 0)->train.n_repeats, ==, 10);

  /* Right nudges by one snap step (100 ms at this zoom), Left back: two
   * quick repeats of one edit that cancel out leave no undo step (and the
   * undone stretch is gone from redo); at t = 0 a further Left changes
   * nothing and leaves no undo step either. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->timeline), "timeline.nudge", "i", 1));
  g_assert_cmpfloat_with_epsilon (stimulus (fx, 0)->train.start, 100, 1e-9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->timeline), "timeline.nudge", "i", -1));
  g_assert_cmpfloat_with_epsilon (stimulus (fx, 0)->train.start, 0, 1e-9);
  g_assert_true (sl_session_equal (sl_workbench_get_session (fx->workbench), before));
  g_assert_cmpuint (sl_history_get_n_undo (sl_workbench_get_history (fx->workbench)), ==, 0);
  g_assert_cmpuint (sl_history_get_n_redo (sl_workbench_get_history (fx->workbench)), ==, 0);
  g_assert_false (sl_timeline_nudge_selected (fx->timeline, -1));
  g_assert_cmpuint (sl_history_get_n_undo (sl_workbench_get_history (fx->workbench)), ==, 0);
}

/* Duplicate puts a copy right after the original on the same row (start
 * 5600 ms), named "theta 2"; copy + paste a third after the selected
 * copy; delete removes the selection; undoing all three gives back the
 * lesson exactly, and a new edit after an undo clears redo. */
static void
test_duplicate_paste_delete (Fixture       *fx,
                             gconstpointer  data)
{
  g_autoptr(SlSession) before = sl_session_copy (sl_workbench_get_session (fx->workbench));
  SlHistory *history = sl_workbench_get_history (fx->workbench);
  SlSession *s = sl_workbench_get_session (fx->workbench);

  sl_timeline_select (fx->timeline, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->timeline), "timeline.duplicate", NULL));
  s = sl_workbench_get_session (fx->workbench);
  g_assert_cmpuint (s->protocol->stimuli->len, ==, 2);
  g_assert_cmpstr (stimulus (fx, 1)->name, ==, "theta 2");
  g_assert_cmpstr (stimulus (fx, 1)->target, ==, "spine:S");
  g_assert_cmpfloat_with_epsilon (stimulus (fx, 1)->train.start, 5600, 1e-9);
  /* The copy ends at 11200 ms (+ its last pulse at 11185 + 2 ms is
   * earlier); tstop keeps its 400 ms margin. */
  g_assert_cmpfloat_with_epsilon (s->protocol->tstop, 11600, 1e-9);
  g_assert_cmpuint (sl_timeline_get_n_rows (fx->timeline), ==, 1);
  g_assert_cmpint (sl_timeline_get_selected (fx->timeline), ==, 1);

  g_assert_true (sl_timeline_copy_selected (fx->timeline));
  g_assert_true (sl_timeline_paste (fx->timeline));
  g_assert_cmpuint (sl_workbench_get_session (fx->workbench)->protocol->stimuli->len, ==, 3);
  g_assert_cmpstr (stimulus (fx, 2)->name, ==, "theta 3");
  g_assert_cmpfloat_with_epsilon (stimulus (fx, 2)->train.start, 11200, 1e-9);
  g_assert_cmpstr (sl_history_get_undo_label (history), ==, "Paste stimulus");

  sl_timeline_select (fx->timeline, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->timeline), "timeline.delete", NULL));
  g_assert_cmpuint (sl_workbench_get_session (fx->workbench)->protocol->stimuli->len, ==, 2);
  g_assert_cmpstr (stimulus (fx, 1)->name, ==, "theta 3");
  g_assert_cmpint (sl_timeline_get_selected (fx->timeline), ==, -1);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 3);

  g_assert_true (sl_workbench_undo (fx->workbench));
  g_assert_cmpuint (sl_workbench_get_session (fx->workbench)->protocol->stimuli->len, ==, 3);
  g_assert_true (sl_workbench_undo (fx->workbench));
  g_assert_true (sl_workbench_undo (fx->workbench));
  g_assert_false (sl_workbench_undo (fx->workbench));
  g_assert_true (sl_session_equal (sl_workbench_get_session (fx->workbench), before));
  g_assert_cmpuint (sl_timeline_get_n_rows (fx->timeline), ==, 1);
  g_assert_cmpuint (sl_history_get_n_redo (history), ==, 3);

  sl_timeline_select (fx->timeline, 0);
  g_assert_true (sl_timeline_duplicate_selected (fx->timeline));
  g_assert_false (sl_history_can_redo (history));
  g_assert_false (action_enabled (fx, "redo"));
}

static void
collect (GtkWidget *widget,
         GPtrArray *spins,
         GtkWidget **apply)
{
  if (GTK_IS_SPIN_BUTTON (widget))
    {
      g_ptr_array_add (spins, widget);
      return;
    }
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error") && gtk_widget_get_visible (widget))
    g_test_message ("editor error: %s", gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Apply") == 0)
    *apply = widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect (c, spins, apply);
}

/* The lesson's exercise through the parameter popover: swap the two
 * rates (50 then 25 Hz).  Its fields for a piecewise pairing: start,
 * segment 1 duration and rate, segment 2 duration and rate, repetitions,
 * gap, Δt, amplitude, duration. */
static void
test_editor (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(SlSession) before = sl_session_copy (sl_workbench_get_session (fx->workbench));
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  GtkWidget *popover, *apply = NULL;
  const SlStimulusSpec *s;

  g_assert_null (sl_timeline_edit_selected (fx->timeline));
  sl_timeline_set_scale (fx->timeline, 0.25);
  run_for_screenshot (fx);
  sl_timeline_select (fx->timeline, 0);
  popover = sl_timeline_edit_selected (fx->timeline);
  g_assert_nonnull (popover);
  settle ();
  pause_for_screenshot ();
  collect (popover, spins, &apply);
  g_assert_cmpuint (spins->len, ==, 10);
  g_assert_nonnull (apply);
  g_assert_cmpfloat (gtk_spin_button_get_value (g_ptr_array_index (spins, 2)), ==, 25);
  g_assert_cmpfloat (gtk_spin_button_get_value (g_ptr_array_index (spins, 4)), ==, 50);
  g_assert_cmpfloat (gtk_spin_button_get_value (g_ptr_array_index (spins, 7)), ==, 5);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 2), 50);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 4), 25);
  g_assert_true (gtk_widget_get_mapped (apply));
  g_signal_emit_by_name (apply, "clicked");
  settle ();
  collect (popover, spins, &apply);

  s = stimulus (fx, 0);
  g_assert_cmpfloat (g_array_index (s->train.segments, SlRateSegment, 0).rate, ==, 50);
  g_assert_cmpfloat (g_array_index (s->train.segments, SlRateSegment, 1).rate, ==, 25);
  g_assert_cmpfloat (g_array_index (s->train.segments, SlRateSegment, 0).duration, ==, 100);
  g_assert_cmpstr (fx->last_label, ==, "Edit stimulus");
  g_assert_true (sl_workbench_undo (fx->workbench));
  g_assert_true (sl_session_equal (sl_workbench_get_session (fx->workbench), before));
}

/* Edits made elsewhere are undone too: a stimulus added from the
 * inspector and a rule changed in the rule picker. */
static void
test_other_edits_undo (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(SlSession) before = sl_session_copy (sl_workbench_get_session (fx->workbench));
  g_autoptr(SlSession) added = NULL;
  g_autoptr(GError) error = NULL;
  SlInspector *inspector = sl_workbench_get_inspector (fx->workbench);
  SlRulePicker *picker = sl_workbench_get_rule_picker (fx->workbench);

  sl_workbench_select (fx->workbench, SL_SELECTION_SPINE, 0);
  sl_inspector_set_form (inspector, SL_STIMULUS_FORM_TRAIN, SL_PATTERN_THETA_BURST);
  g_assert_true (sl_inspector_add_stimulus (inspector, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fx->last_label, ==, "Add stimulus");
  g_assert_cmpuint (sl_workbench_get_session (fx->workbench)->protocol->stimuli->len, ==, 2);
  g_assert_cmpuint (sl_timeline_get_n_rows (fx->timeline), ==, 1);  /* the same spine */
  added = sl_session_copy (sl_workbench_get_session (fx->workbench));

  /* The picker shows the spine's region (basal: no rule in the lesson). */
  g_assert_null (sl_rule_picker_get_rule (picker));
  g_assert_true (sl_rule_picker_set_rule (picker, "graupner-brunel"));
  g_assert_cmpstr (fx->last_label, ==, "Change rule");
  g_assert_false (sl_session_equal (sl_workbench_get_session (fx->workbench), added));

  g_assert_true (sl_workbench_undo (fx->workbench));
  g_assert_true (sl_session_equal (sl_workbench_get_session (fx->workbench), added));
  g_assert_null (sl_rule_picker_get_rule (picker));
  g_assert_true (sl_workbench_undo (fx->workbench));
  g_assert_true (sl_session_equal (sl_workbench_get_session (fx->workbench), before));
  g_assert_cmpuint (sl_timeline_get_n_rows (fx->timeline), ==, 1);
  g_assert_true (sl_workbench_redo (fx->workbench));
  g_assert_true (sl_session_equal (sl_workbench_get_session (fx->workbench), added));
}

/* The cursor pages the zoomed view along, and opening another session
 * forgets the history. */
static void
test_cursor_and_reset (Fixture       *fx,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (SL_SOURCE_DIR, "resources", "lessons",
                                            "neighbours-talk.spinelab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  sl_timeline_set_time (fx->timeline, 1234.5);
  settle ();
  /* At 1 px/ms the widget shows well under 5 s: a cursor running past the
   * right edge pages the view so it is visible again, 10 % in. */
  sl_timeline_set_scale (fx->timeline, 1);
  settle ();
  sl_timeline_set_time (fx->timeline, 300);
  g_assert_cmpfloat (sl_timeline_time_to_x (fx->timeline, 5000), >, gtk_widget_get_width (GTK_WIDGET (fx->timeline)));
  sl_timeline_set_time (fx->timeline, 5000);
  g_assert_cmpfloat (sl_timeline_time_to_x (fx->timeline, 5000), >, sl_timeline_time_to_x (fx->timeline, 0));
  g_assert_cmpfloat (sl_timeline_time_to_x (fx->timeline, 5000), <, gtk_widget_get_width (GTK_WIDGET (fx->timeline)));

  sl_timeline_select (fx->timeline, 0);
  sl_timeline_delete_selected (fx->timeline);
  g_assert_true (sl_history_can_undo (sl_workbench_get_history (fx->workbench)));

  fx->ready = FALSE;
  sl_window_open_file (fx->window, file);
  sl_ui_test_wait_for (&fx->ready, TIMEOUT_US, "the model");
  settle ();
  g_assert_false (sl_history_can_undo (sl_workbench_get_history (fx->workbench)));
  g_assert_false (action_enabled (fx, "undo"));
  g_assert_cmpuint (sl_timeline_get_n_rows (fx->timeline), >=, 1);
  for (guint i = 0; i < sl_workbench_get_session (fx->workbench)->protocol->stimuli->len; i++)
    g_assert_cmpint (sl_timeline_get_row (fx->timeline, i), >=, 0);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add ("/ui/timeline/layout", Fixture, NULL, fixture_setup, test_layout, fixture_teardown);
  g_test_add ("/ui/timeline/geometry", Fixture, NULL, fixture_setup, test_geometry, fixture_teardown);
  g_test_add ("/ui/timeline/drag-move-undo-redo", Fixture, NULL,
              fixture_setup, test_drag_move_undo_redo, fixture_teardown);
  g_test_add ("/ui/timeline/drag-stretch", Fixture, NULL,
              fixture_setup, test_drag_stretch, fixture_teardown);
  g_test_add ("/ui/timeline/duplicate-paste-delete", Fixture, NULL,
              fixture_setup, test_duplicate_paste_delete, fixture_teardown);
  g_test_add ("/ui/timeline/editor", Fixture, NULL, fixture_setup, test_editor, fixture_teardown);
  g_test_add ("/ui/timeline/other-edits-undo", Fixture, NULL,
              fixture_setup, test_other_edits_undo, fixture_teardown);
  g_test_add ("/ui/timeline/cursor-and-reset", Fixture, NULL,
              fixture_setup, test_cursor_and_reset, fixture_teardown);
  return g_test_run ();
}
