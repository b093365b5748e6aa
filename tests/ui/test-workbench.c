/* test-workbench.c: the whole window under Xvfb — the L5 cell with spines,
 * a spine selected programmatically and by a click at its drawn position,
 * a theta burst added from the inspector, Play through the run.* actions:
 * the view's pixels change, the spine's calcium rises far above rest in
 * the runner's snapshots, and the frame rate is reported. */
#define _GNU_SOURCE  /* RUSAGE_THREAD */
#include <math.h>
#include <string.h>
#include <sys/resource.h>

#include "sl-generator.h"
#include "sl-ui-test-util.h"
#include "sl-window.h"

#define TIMEOUT_US (120 * G_USEC_PER_SEC)
/* models.md §2: resting [Ca] 70 nM. */
#define CA_REST_UM 0.07

typedef struct
{
  SlWindow    *window;
  SlWorkbench *workbench;
  gboolean     ready;
  guint        n_frames;
  gint64       swapped_us;   /* monotonic time of the last "model-swapped" */
} Fixture;

static void
on_swapped (SlWorkbench *wb, Fixture *fx)
{
  fx->swapped_us = g_get_monotonic_time ();
}

static void
on_ready (SlWorkbench *wb, Fixture *fx)
{
  fx->ready = TRUE;
}

static void
on_frame (SlMorphologyView *view, Fixture *fx)
{
  fx->n_frames++;
}

/* A window of that size (the default when width ≤ 0) on the bundled cell
 * `name`, once its model is ready; frames are counted. */
static void
fixture_open_bundled (Fixture    *fx,
                      const char *name,
                      int         width,
                      int         height)
{
  fx->window = sl_ui_test_window_new (width, height);
  fx->workbench = sl_window_get_workbench (fx->window);
  g_signal_connect (fx->workbench, "model-ready", G_CALLBACK (on_ready), fx);
  g_signal_connect (sl_window_get_view (fx->window), "frame-rendered", G_CALLBACK (on_frame), fx);
  sl_ui_test_fail_on_error (fx->window);
  g_assert_true (sl_ui_test_open_bundled (fx->window, name, TIMEOUT_US));
  sl_ui_test_wait_for (&fx->ready, TIMEOUT_US, "the model");
  sl_ui_test_wait_model (fx->window, TIMEOUT_US);
}

/* CPU time of the calling (GTK) thread, s. */
static double
thread_cpu_s (void)
{
  struct rusage ru;

  getrusage (RUSAGE_THREAD, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* CPU time of the whole process (llvmpipe's threads included), s. */
static double
process_cpu_s (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* The run controls' time label ("t = … ms · …"). */
static GtkWidget *
find_time_label (Fixture *fx)
{
  GtkWidget *box = sl_workbench_get_run_controls (fx->workbench);

  for (GtkWidget *c = gtk_widget_get_first_child (box); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LABEL (c) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (c)), "t = "))
      return c;
  g_error ("no time label");
  return NULL;
}

/* Pumps the main loop until the time label contains text (3 s at most:
 * the label is refreshed ten times a second, the note stays 4 s). */
static void
wait_label (Fixture    *fx,
            const char *text)
{
  gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  GtkLabel *label = GTK_LABEL (find_time_label (fx));

  while (strstr (gtk_label_get_text (label), text) == NULL)
    {
      if (g_get_monotonic_time () > end)
        g_error ("time label \"%s\" does not say \"%s\"", gtk_label_get_text (label), text);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_l5_theta_burst (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) before = NULL, after = NULL;
  SlModel *model;
  SlViewOverlay *overlay;
  SlInspector *inspector;
  SlRunner *runner;
  const SlSnapshot *snap;
  int target = -1, picked = -1, index;
  double x, y, ca_rest, ca_max = 0, t_end;
  gint64 start, end, wall_start;
  double cpu_start;
  guint frames_start;
  const char *scale_env = g_getenv ("SL_TEST_DENSITY_SCALE");

  start = g_get_monotonic_time ();
  fixture_open_bundled (fx, "l5-pyramidal", 1280, 800);
  if (scale_env != NULL)
    {
      /* For measuring with more spines: SL_TEST_DENSITY_SCALE=10 gives the
       * 1 µm⁻¹ basal/oblique, 0.5 µm⁻¹ tuft of the models.md defaults. */
      g_autoptr(SlMorphology) morph = sl_bundled_cell_new ("l5-pyramidal", &error);

      g_assert_no_error (error);
      fx->ready = FALSE;
      sl_workbench_set_morphology (fx->workbench, morph, "bundled:l5-pyramidal",
                                   g_ascii_strtod (scale_env, NULL));
      sl_ui_test_wait_for (&fx->ready, TIMEOUT_US, "the model");
    }
  model = sl_workbench_get_model (fx->workbench);
  runner = sl_workbench_get_runner (fx->workbench);
  overlay = sl_workbench_get_view_overlay (fx->workbench);
  inspector = sl_workbench_get_inspector (fx->workbench);
  g_assert_nonnull (model);
  g_assert_nonnull (runner);
  g_assert_cmpint (model->n_spines, >, 100);
  g_test_message ("L5: %d compartments, %d spines, ready after %.2f s",
                  model->n_nodes, model->n_spines, (g_get_monotonic_time () - start) / 1e6);
  g_object_unref (sl_ui_test_capture (sl_window_get_view (fx->window), TIMEOUT_US));  /* the camera has fitted the cell */

  /* Programmatic selection. */
  sl_workbench_select (fx->workbench, SL_SELECTION_SPINE, 3);
  g_assert_cmpint (sl_inspector_get_selection (inspector, &index), ==, SL_SELECTION_SPINE);
  g_assert_cmpint (index, ==, 3);

  /* A click where a spine is drawn selects it (the click handler's path:
   * pick in screen space with the view's camera).  Take the first spine
   * on screen that no other drawn head overlaps. */
  for (int k = 0; k < model->n_spines && target < 0; k++)
    {
      SlSelectionKind kind;

      if (!sl_view_overlay_spine_position (overlay, k, &x, &y)
          || x < 20 || y < 20 || x > gtk_widget_get_width (GTK_WIDGET (overlay)) - 100
          || y > gtk_widget_get_height (GTK_WIDGET (overlay)) - 20)
        continue;
      kind = sl_workbench_pick (fx->workbench, x, y, FALSE);
      g_assert_cmpint (kind, ==, SL_SELECTION_SPINE);
      sl_inspector_get_selection (inspector, &picked);
      if (picked == k)
        target = k;
    }
  g_assert_cmpint (target, >=, 0);
  g_test_message ("clicked spine %s at (%.0f, %.0f) px, %.0f µm from the soma",
                  model->spine_id[target], x, y, model->distance[model->spine_node[target]]);
  /* The same through the view's click gestures, as a released button
   * delivers it (GTK 4 has no public way to inject a pointer event). */
  sl_workbench_select (fx->workbench, SL_SELECTION_NONE, -1);
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (sl_window_get_view (fx->window)));

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

        if (GTK_IS_GESTURE_CLICK (c))
          g_signal_emit_by_name (c, "released", 1, x, y);
      }
  }
  g_assert_cmpint (sl_inspector_get_selection (inspector, &picked), ==, SL_SELECTION_SPINE);
  g_assert_cmpint (picked, ==, target);

  /* Far from the cell nothing is picked. */
  {
    SlViewOverlay *o = overlay;
    int node;
    SlSelectionKind kind;

    (void) o;
    kind = sl_view_overlay_pick (overlay, 0, 0, &node);
    g_assert_cmpint (kind, ==, SL_SELECTION_NONE);
  }
  sl_workbench_select (fx->workbench, SL_SELECTION_SPINE, target);

  /* A theta burst onto it from the inspector. */
  sl_inspector_set_form (inspector, SL_STIMULUS_FORM_TRAIN, SL_PATTERN_THETA_BURST);
  g_assert_true (sl_inspector_add_stimulus (inspector, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sl_workbench_get_session (fx->workbench)->protocol->stimuli->len, ==, 1);
  /* The right-click menu on the spine, and its action: a regular train too. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (sl_window_get_view (fx->window)));

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

        if (GTK_IS_GESTURE_CLICK (c)
            && gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (c)) == GDK_BUTTON_SECONDARY)
          g_signal_emit_by_name (c, "pressed", 1, x, y);
      }
  }
  g_assert_cmpint (sl_inspector_get_selection (inspector, &picked), ==, SL_SELECTION_SPINE);
  g_assert_cmpint (picked, ==, target);
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "stim.add", "s", "regular");
  g_assert_cmpuint (sl_workbench_get_session (fx->workbench)->protocol->stimuli->len, ==, 2);

  snap = sl_runner_acquire_snapshot (runner, NULL);
  ca_rest = sl_snapshot_ca_spine (snap)[target] * 1e3;
  before = sl_ui_test_capture (sl_window_get_view (fx->window), TIMEOUT_US);

  /* Play through the actions, as the header bar and Space do. */
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "run.speed", "s", "1");
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "view.color-by", "s", "ca");
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "run.play-pause", NULL);
  wall_start = g_get_monotonic_time ();
  cpu_start = thread_cpu_s ();
  frames_start = fx->n_frames;
  end = wall_start + TIMEOUT_US;
  t_end = 0;
  /* At least 3 s of wall time for the frame rate, and past the first burst
   * (10–40 ms) and its peak. */
  while (t_end < 150 || g_get_monotonic_time () - wall_start < 3 * G_USEC_PER_SEC)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
      snap = sl_runner_acquire_snapshot (runner, NULL);
      if (snap->model == model)
        {
          ca_max = MAX (ca_max, sl_snapshot_ca_spine (snap)[target] * 1e3);
          t_end = snap->t;
        }
      g_assert_cmpint (g_get_monotonic_time (), <, end);
    }
  {
    double wall = (g_get_monotonic_time () - wall_start) / 1e6;
    double cpu = thread_cpu_s () - cpu_start;
    guint frames = fx->n_frames - frames_start;

    /* On a loaded machine the frame rate says more about the other
     * processes than about us: the GTK thread's CPU time per frame is the
     * cost of a frame (the test loop polls, so it is an upper bound). */
    g_test_message ("GTK thread CPU %.2f s over %.2f s wall: %.1f ms per frame, %.0f %% of a core",
                    cpu, wall, frames > 0 ? cpu * 1e3 / frames : NAN, 100 * cpu / wall);

    g_test_message ("played %.1f ms of simulated time in %.2f s: %.2f× real time, "
                    "%u frames = %.1f frames/s, %llu coloured; view draw %.1f ms",
                    t_end, wall, t_end / 1e3 / wall, fx->n_frames - frames_start,
                    (fx->n_frames - frames_start) / wall,
                    (unsigned long long) sl_workbench_get_n_colored (fx->workbench),
                    sl_morphology_view_get_last_draw_ms (sl_window_get_view (fx->window)));
  }
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "run.play-pause", NULL);
  after = sl_ui_test_capture (sl_window_get_view (fx->window), TIMEOUT_US);

  /* Frame rate of the window itself (engine paused): orbit 60 frames,
   * each redrawing the GL view and the spine overlay. */
  {
    guint n0 = fx->n_frames;
    gint64 t0 = g_get_monotonic_time ();
    double c0 = thread_cpu_s (), p0 = process_cpu_s (), wall, cpu;

    for (int i = 0; i < 60; i++)
      {
        guint want = fx->n_frames + 1;

        sl_morphology_view_orbit (sl_window_get_view (fx->window), 3, 0);
        while (fx->n_frames < want)
          {
            g_main_context_iteration (NULL, TRUE);
            g_assert_cmpint (g_get_monotonic_time (), <, end);
          }
      }
    wall = (g_get_monotonic_time () - t0) / 1e6;
    cpu = thread_cpu_s () - c0;
    g_test_message ("orbit: %u frames in %.2f s = %.1f frames/s, GTK thread %.1f ms CPU per frame, "
                    "process (llvmpipe included) %.1f ms (%d spines drawn)", fx->n_frames - n0, wall,
                    (fx->n_frames - n0) / wall, cpu * 1e3 / MAX (1u, fx->n_frames - n0),
                    (process_cpu_s () - p0) * 1e3 / MAX (1u, fx->n_frames - n0), model->n_spines);
  }

  g_test_message ("spine [Ca]: rest %.3f µM, peak %.3f µM; %zu pixels changed",
                  ca_rest, ca_max, sl_ui_test_count_different (before, after));
  g_assert_cmpfloat (ca_rest, <, 3 * CA_REST_UM);
  g_assert_cmpfloat (ca_max, >, 10 * CA_REST_UM);
  /* Region colours at rest → calcium colours while running. */
  g_assert_cmpuint (sl_ui_test_count_different (before, after), >, 1000);

  if (g_getenv ("SL_TEST_SAVE_DIR"))
    {
      g_autofree char *p1 = g_build_filename (g_getenv ("SL_TEST_SAVE_DIR"), "wb-before.png", NULL);
      g_autofree char *p2 = g_build_filename (g_getenv ("SL_TEST_SAVE_DIR"), "wb-after.png", NULL);

      gdk_texture_save_to_png (before, p1);
      gdk_texture_save_to_png (after, p2);
      if (g_getenv ("SL_TEST_HOLD"))
        {
          /* Leave the window up for an external screenshot. */
          gint64 hold = g_get_monotonic_time () + 4 * G_USEC_PER_SEC;

          while (g_get_monotonic_time () < hold)
            g_main_context_iteration (NULL, TRUE);
        }
    }

  /* Reset through its action: back to t = 0. */
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "run.reset", NULL);
  end = g_get_monotonic_time () + TIMEOUT_US;
  do
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      snap = sl_runner_acquire_snapshot (runner, NULL);
      g_assert_cmpint (g_get_monotonic_time (), <, end);
    }
  while (snap->t > 0);

  /* A rule parameter applies live: while the run goes on, a recompile
   * with the new value takes over the running state — t does not go back,
   * the run is the same, and the selection stays. */
  {
    SlRulePicker *picker = sl_workbench_get_rule_picker (fx->workbench);
    const SlRuleClass *rule = sl_rule_picker_get_rule (picker);
    guint swaps = sl_workbench_get_n_live_swaps (fx->workbench);
    SlModel *swapped;
    guint64 run;
    double t_edit;
    gint64 t0;

    g_assert_nonnull (rule);
    g_assert_cmpstr (sl_rule_picker_get_target (picker), ==, "basal");
    gtk_widget_activate_action (GTK_WIDGET (fx->window), "run.play-pause", NULL);
    end = g_get_monotonic_time () + TIMEOUT_US;
    do
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
        snap = sl_runner_acquire_snapshot (runner, NULL);
        g_assert_cmpint (g_get_monotonic_time (), <, end);
      }
    while (snap->t < 5);
    run = snap->run;
    t_edit = snap->t;
    g_signal_connect (fx->workbench, "model-swapped", G_CALLBACK (on_swapped), fx);
    t0 = g_get_monotonic_time ();
    g_assert_true (sl_rule_picker_set_param (picker, "theta_p", 1.5, &error));
    g_assert_no_error (error);
    /* Until the engine runs the new model. */
    do
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (200);
        snap = sl_runner_acquire_snapshot (runner, NULL);
        g_assert_cmpint (g_get_monotonic_time (), <, end);
      }
    while (snap->model == model);
    g_test_message ("live parameter change: %.1f ms from the edit to a snapshot of the new model "
                    "(compile in a worker and swap sent: %.1f ms; swap sent to snapshot: %.1f ms) "
                    "at t = %.1f ms (edit at %.1f ms)",
                    (g_get_monotonic_time () - t0) / 1e3,
                    sl_workbench_get_live_latency (fx->workbench) / 1e3,
                    (g_get_monotonic_time () - fx->swapped_us) / 1e3, snap->t, t_edit);
    swapped = sl_workbench_get_model (fx->workbench);
    g_assert_true (snap->model == swapped);
    g_assert_true (swapped != model);
    g_assert_cmpuint (sl_workbench_get_n_live_swaps (fx->workbench), ==, swaps + 1);
    g_assert_cmpuint (snap->run, ==, run);
    g_assert_cmpfloat (snap->t, >=, t_edit);
    g_assert_cmpfloat (swapped->rule_params[swapped->rule_param_offset[target]
                                            + sl_rule_param_index (rule, "theta_p", NULL)], ==, 1.5);
    g_assert_cmpint (sl_inspector_get_selection (inspector, &index), ==, SL_SELECTION_SPINE);
    g_assert_cmpint (index, ==, target);
    wait_label (fx, "applied live");
    model = swapped;

    /* Another rule has another state layout: the run restarts at t = 0
     * with the new model, and the time label says so. */
    fx->ready = FALSE;
    g_assert_true (sl_rule_picker_set_rule (picker, "stdp-pair"));
    sl_ui_test_wait_for (&fx->ready, TIMEOUT_US, "the model");
    g_assert_cmpuint (sl_workbench_get_n_restarts (fx->workbench), >=, 1);
    g_assert_true (sl_workbench_get_model (fx->workbench) != model);
    do
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
        snap = sl_runner_acquire_snapshot (runner, NULL);
        g_assert_cmpint (g_get_monotonic_time (), <, end);
      }
    while (snap->model != sl_workbench_get_model (fx->workbench));
    g_assert_cmpuint (snap->run, >, run);
    g_assert_cmpint (sl_inspector_get_selection (inspector, &index), ==, SL_SELECTION_SPINE);
    g_assert_cmpint (index, ==, target);
    wait_label (fx, "restarted at t = 0");
  }

  sl_ui_test_destroy_window (GTK_WINDOW (fx->window));
}

/* Spines by hand on a small cell: "Add Spine Here" from the right-click
 * menu on a dendrite places one under the pointer and selects it; "Remove
 * Spine" on a density spine excludes it and takes its stimulus along;
 * both restart the run with the new spines. */
static void
test_spine_edit (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  SlMorphologyView *view;
  SlInspector *inspector;
  SlModel *model;
  SlSession *session;
  int n0, node = -1, k, index = -1, removed;
  double x = 0, y = 0, best = G_MAXDOUBLE;
  char *removed_id;
  guint n_stim;

  fixture_open_bundled (fx, "pyramid-stick", 1280, 800);
  g_object_unref (sl_ui_test_capture (sl_window_get_view (fx->window), TIMEOUT_US));
  view = sl_window_get_view (fx->window);
  inspector = sl_workbench_get_inspector (fx->workbench);
  model = sl_workbench_get_model (fx->workbench);
  n0 = model->n_spines;
  g_assert_cmpint (n0, >, 10);

  /* A basal node whose drawn centre picks the cable, not a spine, nearest
   * the middle of the window. */
  for (int n = 0; n < model->n_cable; n++)
    {
      float c[3] = { (float) model->xyz[3 * n], (float) model->xyz[3 * n + 1], (float) model->xyz[3 * n + 2] };
      double px, py, d;
      int picked = -1;

      if (model->kind[n] != SL_NODE_NEURITE || model->parent[n] < 0
          || !(model->region_mask[n] & (G_GUINT64_CONSTANT (1) << sl_model_find_region (model, "basal")))
          || !sl_morphology_view_project (view, c, &px, &py, NULL, NULL)
          || sl_view_overlay_pick (sl_workbench_get_view_overlay (fx->workbench), px, py, &picked) != SL_SELECTION_NODE
          || picked != n)
        continue;
      d = hypot (px - gtk_widget_get_width (GTK_WIDGET (view)) / 2.0, py - gtk_widget_get_height (GTK_WIDGET (view)) / 2.0);
      if (d < best)
        {
          best = d;
          node = n;
          x = px;
          y = py;
        }
    }
  g_assert_cmpint (node, >=, 0);

  /* Right click there, then the menu's action. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

        if (GTK_IS_GESTURE_CLICK (c)
            && gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (c)) == GDK_BUTTON_SECONDARY)
          g_signal_emit_by_name (c, "pressed", 1, x, y);
      }
  }
  g_assert_cmpint (sl_inspector_get_selection (inspector, &index), ==, SL_SELECTION_NODE);
  g_assert_cmpint (index, ==, node);
  fx->ready = FALSE;
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "spine.add", NULL);
  sl_ui_test_wait_for (&fx->ready, TIMEOUT_US, "the model");
  model = sl_workbench_get_model (fx->workbench);
  g_assert_cmpint (model->n_spines, ==, n0 + 1);
  k = sl_model_find_spine (model, "click-1");
  g_assert_cmpint (k, >=, 0);
  /* On the clicked piece of cable: its node or the parent's. */
  g_assert_true (model->spine_node[k] == node || model->spine_node[k] == model->parent[node]);
  g_assert_cmpint (sl_inspector_get_selection (inspector, &index), ==, SL_SELECTION_SPINE);
  g_assert_cmpint (index, ==, k);
  session = sl_workbench_get_session (fx->workbench);
  g_assert_cmpuint (session->model->spines->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_array_index (session->model->spines, SlSpineSpec, 0).location, "xyz:"));
  wait_label (fx, "restarted at t = 0");

  /* A theta burst onto a density spine, then that spine removed from the
   * right-click menu's action: the stimulus goes with it. */
  removed = sl_model_find_spine (model, "g0-3");
  g_assert_cmpint (removed, >=, 0);
  sl_workbench_select (fx->workbench, SL_SELECTION_SPINE, removed);
  sl_inspector_set_form (inspector, SL_STIMULUS_FORM_TRAIN, SL_PATTERN_THETA_BURST);
  g_assert_true (sl_inspector_add_stimulus (inspector, &error));
  g_assert_no_error (error);
  sl_workbench_select (fx->workbench, SL_SELECTION_SPINE, k);
  g_assert_true (sl_inspector_add_stimulus (inspector, &error));
  g_assert_no_error (error);
  n_stim = sl_workbench_get_session (fx->workbench)->protocol->stimuli->len;
  g_assert_cmpuint (n_stim, ==, 2);
  removed_id = g_strdup (model->spine_id[removed]);
  sl_workbench_select (fx->workbench, SL_SELECTION_SPINE, removed);
  fx->ready = FALSE;
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "spine.remove", NULL);
  sl_ui_test_wait_for (&fx->ready, TIMEOUT_US, "the model");
  model = sl_workbench_get_model (fx->workbench);
  session = sl_workbench_get_session (fx->workbench);
  g_assert_cmpint (model->n_spines, ==, n0);
  g_assert_cmpint (sl_model_find_spine (model, removed_id), ==, -1);
  g_assert_cmpint (sl_model_find_spine (model, "g0-4"), >=, 0);
  g_assert_true (sl_model_spec_spine_excluded (session->model, removed_id));
  g_assert_cmpuint (session->protocol->stimuli->len, ==, 1);
  g_assert_cmpstr (g_array_index (session->protocol->stimuli, SlStimulusSpec, 0).target, ==, "spine:click-1");
  xml = sl_session_to_data (session, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (xml, "<exclude id=\"g0-3\"/>"));
  g_free (removed_id);

  /* The placed spine too: the spec's list empties, its stimulus goes. */
  fx->ready = FALSE;
  g_assert_true (sl_workbench_remove_spine (fx->workbench, sl_model_find_spine (model, "click-1"), &error));
  g_assert_no_error (error);
  sl_ui_test_wait_for (&fx->ready, TIMEOUT_US, "the model");
  session = sl_workbench_get_session (fx->workbench);
  g_assert_cmpuint (session->model->spines->len, ==, 0);
  g_assert_cmpuint (session->protocol->stimuli->len, ==, 0);
  g_assert_cmpint (sl_workbench_get_model (fx->workbench)->n_spines, ==, n0 - 1);
  g_assert_false (sl_workbench_remove_spine (fx->workbench, 100000, &error));
  g_assert_nonnull (error);

  sl_ui_test_destroy_window (GTK_WINDOW (fx->window));
}

/* Pumps the main loop until the view has been coloured again. */
static void
wait_colored (Fixture *fx)
{
  guint64 n = sl_workbench_get_n_colored (fx->workbench);
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (GTK_WIDGET (sl_window_get_view (fx->window)));
  while (sl_workbench_get_n_colored (fx->workbench) <= n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* The colour range: automatic by default (Ca from 0 to at least 1 µM),
 * fixed per variable through view.auto-range and the fixed ranges, kept
 * in the settings; a reversed range is refused. */
static void
test_color_range (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autoptr(GError) error = NULL;
  GSettings *settings;
  double lo, hi;

  fixture_open_bundled (fx, "pyramid-stick", 0, 0);
  settings = sl_workbench_get_settings (fx->workbench);
  g_assert_nonnull (settings);
  g_assert_nonnull (sl_workbench_get_range_button (fx->workbench));
  g_assert_nonnull (gtk_widget_get_parent (sl_workbench_get_range_button (fx->workbench)));

  sl_workbench_set_color_by (fx->workbench, SL_COLOR_BY_CA);
  g_assert_true (sl_workbench_get_auto_range (fx->workbench));
  wait_colored (fx);
  sl_workbench_get_color_range (fx->workbench, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, >=, 1);

  /* Fixed: 0.2–5 µM for calcium, through the action (a toggle). */
  g_assert_true (sl_workbench_set_fixed_range (fx->workbench, SL_COLOR_BY_CA, 0.2, 5, &error));
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "view.auto-range", NULL);
  g_assert_false (sl_workbench_get_auto_range (fx->workbench));
  wait_colored (fx);
  sl_workbench_get_color_range (fx->workbench, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0.2);
  g_assert_cmpfloat (hi, ==, 5);
  g_assert_false (g_settings_get_boolean (settings, "auto-range"));
  g_settings_get (settings, "range-ca", "(dd)", &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0.2);
  g_assert_cmpfloat (hi, ==, 5);

  /* Per variable: Δw has its own (the schema's ±0.05 until set). */
  sl_workbench_set_color_by (fx->workbench, SL_COLOR_BY_DW);
  wait_colored (fx);
  sl_workbench_get_color_range (fx->workbench, &lo, &hi);
  g_assert_cmpfloat (lo, ==, -0.05);
  g_assert_cmpfloat (hi, ==, 0.05);

  g_assert_false (sl_workbench_set_fixed_range (fx->workbench, SL_COLOR_BY_DW, 0.1, -0.1, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (sl_workbench_set_fixed_range (fx->workbench, SL_COLOR_BY_DW, NAN, 1, &error));
  g_clear_error (&error);
  sl_workbench_get_fixed_range (fx->workbench, SL_COLOR_BY_DW, &lo, &hi);
  g_assert_cmpfloat (lo, ==, -0.05);

  /* Back to automatic. */
  sl_workbench_set_auto_range (fx->workbench, TRUE);
  sl_workbench_set_color_by (fx->workbench, SL_COLOR_BY_CA);
  wait_colored (fx);
  sl_workbench_get_color_range (fx->workbench, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, >=, 1);
  g_assert_true (g_settings_get_boolean (settings, "auto-range"));

  sl_ui_test_destroy_window (GTK_WINDOW (fx->window));
}

/* Five rule-parameter edits in a row (a spin button held down) make at
 * most two compiles: the one started by the first edit, whose result is
 * dropped, and one of the newest session, which is swapped in live. */
static void
test_live_edits_coalesce (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autoptr(GError) error = NULL;
  SlRulePicker *picker;
  const SlRuleClass *rule;
  SlModel *model;
  guint swaps;
  int k;
  gint64 end;

  fixture_open_bundled (fx, "pyramid-stick", 0, 0);
  model = sl_workbench_get_model (fx->workbench);
  k = sl_model_find_spine (model, "g0-0");   /* basal: Graupner–Brunel */
  g_assert_cmpint (k, >=, 0);
  sl_workbench_select (fx->workbench, SL_SELECTION_SPINE, k);
  picker = sl_workbench_get_rule_picker (fx->workbench);
  rule = sl_rule_picker_get_rule (picker);
  g_assert_nonnull (rule);
  swaps = sl_workbench_get_n_live_swaps (fx->workbench);

  for (int i = 1; i <= 5; i++)
    {
      g_assert_true (sl_rule_picker_set_param (picker, "theta_p", 1.3 + 0.1 * i, &error));
      g_assert_no_error (error);
    }
  end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (sl_workbench_get_n_live_swaps (fx->workbench) == swaps)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  model = sl_workbench_get_model (fx->workbench);
  g_assert_cmpuint (sl_workbench_get_n_live_swaps (fx->workbench), ==, swaps + 1);
  g_assert_cmpfloat (fabs (model->rule_params[model->rule_param_offset[k]
                                              + sl_rule_param_index (rule, "theta_p", NULL)] - 1.8), <, 1e-12);
  /* Nothing else follows. */
  end = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (sl_workbench_get_n_live_swaps (fx->workbench), ==, swaps + 1);
  g_assert_cmpuint (sl_workbench_get_n_restarts (fx->workbench), ==, 0);

  sl_ui_test_destroy_window (GTK_WINDOW (fx->window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/workbench/l5-theta-burst", test_l5_theta_burst);
  g_test_add_func ("/ui/workbench/spine-edit", test_spine_edit);
  g_test_add_func ("/ui/workbench/color-range", test_color_range);
  g_test_add_func ("/ui/workbench/live-edits-coalesce", test_live_edits_coalesce);
  return g_test_run ();
}
