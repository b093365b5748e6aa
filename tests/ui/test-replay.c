/* test-replay.c: replay in the window under Xvfb.
 *
 * A session (the lesson-1 cell with one somatic AP at 10 ms) runs at
 * 0.01× real time coloured by V, then steps 1 ms at a time to 30 ms;
 * scrubbing to the AP (the stored frame of 10–13 ms with the highest V)
 * hands the workbench the stored snapshot of that moment
 * — equal to the history's frame, far from the live one — and the view's
 * pixels change accordingly, while scrubbing back to the newest frame
 * gives the live picture again; Play returns to live.  "Export movie"
 * writes the run so far as PNGs from a worker thread while the GTK main
 * loop keeps turning.  Run to 1500 ms and scrubbed back a second, the
 * plots still draw the traces up to the scrubbed moment. */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sl-plot-view.h"
#include "sl-replay.h"
#include "sl-ui-test-util.h"
#include "sl-window.h"
#include "sl-workbench.h"

#define TIMEOUT_US (120 * G_USEC_PER_SEC)

typedef struct
{
  SlWindow    *window;
  SlWorkbench *workbench;
  gboolean     exported;
  gboolean     export_ok;
  char        *export_message;
} Fixture;

static void
on_exported (SlReplay *replay, gboolean ok, const char *message, Fixture *fx)
{
  fx->exported = TRUE;
  fx->export_ok = ok;
  fx->export_message = g_strdup (message);
}

/* With SL_TEST_SCREENSHOT=FILE.png, the whole window as rendered (to
 * look at the replay bar by eye). */
static void
maybe_screenshot (Fixture *fx)
{
  const char *path = g_getenv ("SL_TEST_SCREENSHOT");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (GTK_WIDGET (fx->window)), h = gtk_widget_get_height (GTK_WIDGET (fx->window));

  if (path == NULL)
    return;
  paintable = gtk_widget_paintable_new (GTK_WIDGET (fx->window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (fx->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_texture_save_to_png (texture, path);
}

/* Waits for a fresh snapshot that satisfies t ≥ t_min (and paused when
 * asked); returns it. */
static const SlSnapshot *
wait_live (SlWorkbench *wb,
           double       t_min,
           gboolean     paused)
{
  gint64 end = g_get_monotonic_time () + TIMEOUT_US;

  for (;;)
    {
      const SlSnapshot *snap;

      g_main_context_iteration (NULL, FALSE);
      snap = sl_runner_acquire_snapshot (sl_workbench_get_runner (wb), NULL);
      if (snap->t >= t_min && (!paused || snap->status == SL_RUNNER_PAUSED))
        return snap;
      if (g_get_monotonic_time () > end)
        g_error ("timed out at t = %g ms", snap->t);
      g_usleep (1000);
    }
}

static void
test_scrub_and_export (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autofree char *path = g_build_filename (SL_TEST_DATA_DIR, "render", "movie-burst.spinelab", NULL);
  g_autoptr(GdkTexture) live_pic = NULL, ap_pic = NULL, newest_pic = NULL;
  g_autofree SlSnapshot *live_copy = NULL;
  g_autofree char *dir = NULL, *frames_dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  SlReplay *replay;
  SlSnapshotHistory *history;
  const SlSnapshot *live, *shown, *stored;
  int index, n_nodes;
  guint64 colored, loops = 0;
  double max_dv_stored = 0, max_dv_live = 0, t_paused, t_ap = NAN, ap_v_max = -INFINITY;
  gsize diff_ap, diff_newest;
  guint n_png = 0;

  fx->window = sl_ui_test_window_new (1200, 780);
  g_assert_true (sl_ui_test_open (fx->window, path, TIMEOUT_US));
  sl_ui_test_wait_model (fx->window, TIMEOUT_US);
  fx->workbench = sl_window_get_workbench (fx->window);
  /* The replay bar is the last child of the plots panel. */
  g_assert_true (SL_IS_REPLAY (gtk_widget_get_last_child (sl_workbench_get_plots_panel (fx->workbench))));
  replay = SL_REPLAY (gtk_widget_get_last_child (sl_workbench_get_plots_panel (fx->workbench)));
  g_signal_connect (replay, "export-finished", G_CALLBACK (on_exported), fx);
  history = sl_replay_get_history (replay);
  sl_ui_test_iterate_for_ms (500);
  n_nodes = sl_workbench_get_model (fx->workbench)->n_nodes;

  /* Nothing to scrub before a run. */
  g_assert_false (sl_replay_is_scrubbing (replay));

  /* Run at 0.01× real time (1 ms of simulated time per 100 ms) coloured
   * by V for a few ms, pause, then step 1 ms at a time through the AP at
   * 10 ms to 30 ms: each step's snapshot is stored whatever the frame
   * rate of the (software-rendered, maybe loaded) display. */
  sl_workbench_set_color_by (fx->workbench, SL_COLOR_BY_V);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "run.speed", "s", "0.01"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "run.play-pause", NULL));
  live = wait_live (fx->workbench, 3.0, FALSE);
  g_assert_false (sl_replay_seek (replay, 1.0));  /* playing: no scrubbing */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "run.play-pause", NULL));
  live = wait_live (fx->workbench, 3.0, TRUE);
  while (live->t < 30.0)
    {
      double t0 = live->t;
      guint n;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "run.step", NULL));
      live = wait_live (fx->workbench, t0 + 0.5, TRUE);
      /* Until the tick has stored it. */
      while ((n = sl_snapshot_history_get_length (history)) == 0
             || sl_snapshot_history_get (history, n - 1)->t != live->t)
        sl_ui_test_iterate_for_ms (2);
      g_assert_false (sl_replay_is_scrubbing (replay));
    }
  t_paused = live->t;
  live_copy = g_memdup2 (live, sl_snapshot_size (live));
  sl_ui_test_iterate_for_ms (300);

  g_test_message ("history: %u frames, %.2f–%.2f ms, %zu bytes; paused at %.2f ms",
                  sl_snapshot_history_get_length (history),
                  sl_snapshot_history_get (history, 0)->t,
                  sl_snapshot_history_get (history, sl_snapshot_history_get_length (history) - 1)->t,
                  sl_snapshot_history_get_bytes (history), t_paused);
  /* The played stretch and one frame per step. */
  g_assert_cmpuint (sl_snapshot_history_get_length (history), >=, 27);
  g_assert_cmpfloat (sl_snapshot_history_get (history, sl_snapshot_history_get_length (history) - 1)->t,
                     ==, t_paused);
  live_pic = sl_ui_test_capture (sl_window_get_view (fx->window), TIMEOUT_US);

  /* Scrub to the AP: the stored frame of 10–13 ms with the highest V
   * anywhere (where the steps fell decides which frame that is; 10.6 ms
   * can be the upstroke, 11.6 ms the peak). */
  for (guint i = 0; i < sl_snapshot_history_get_length (history); i++)
    {
      const SlSnapshot *h = sl_snapshot_history_get (history, i);
      double v_max = -INFINITY;

      if (h->t < 10.0 || h->t > 13.0)
        continue;
      for (int k = 0; k < n_nodes; k++)
        v_max = MAX (v_max, sl_snapshot_v (h)[k]);
      if (v_max > ap_v_max)
        {
          ap_v_max = v_max;
          t_ap = h->t;
        }
    }
  g_assert_false (isnan (t_ap));
  colored = sl_workbench_get_n_colored (fx->workbench);
  g_assert_true (sl_replay_seek (replay, t_ap));
  while (sl_workbench_get_n_colored (fx->workbench) == colored)
    sl_ui_test_iterate_for_ms (5);
  g_assert_true (sl_replay_is_scrubbing (replay));
  shown = sl_replay_get_shown (replay);
  index = sl_snapshot_history_find (history, t_ap);
  stored = sl_snapshot_history_get (history, (guint) index);
  g_assert_nonnull (shown);
  g_test_message ("scrubbed to t = %.2f ms (frame %d)", shown->t, index);
  g_assert_cmpfloat (shown->t, ==, t_ap);
  g_assert_cmpfloat (shown->t, ==, stored->t);
  g_assert_cmpuint (shown->seq, ==, stored->seq);
  g_assert_cmpmem (sl_snapshot_v (shown), n_nodes * sizeof (float), sl_snapshot_v (stored), n_nodes * sizeof (float));
  for (int i = 0; i < n_nodes; i++)
    {
      max_dv_stored = MAX (max_dv_stored, fabs (sl_snapshot_v (shown)[i] - sl_snapshot_v (stored)[i]));
      max_dv_live = MAX (max_dv_live, fabs (sl_snapshot_v (shown)[i] - sl_snapshot_v (live_copy)[i]));
    }
  g_test_message ("max |V shown − V stored| %.3g mV, |V shown − V live| %.1f mV", max_dv_stored, max_dv_live);
  g_assert_cmpfloat (max_dv_stored, ==, 0);
  /* The AP: tens of mV above the live (post-AP) state somewhere. */
  g_assert_cmpfloat (max_dv_live, >, 20);
  /* The run itself did not move. */
  g_assert_cmpfloat (sl_runner_acquire_snapshot (sl_workbench_get_runner (fx->workbench), NULL)->t, ==, t_paused);

  sl_ui_test_iterate_for_ms (100);
  ap_pic = sl_ui_test_capture (sl_window_get_view (fx->window), TIMEOUT_US);
  maybe_screenshot (fx);
  diff_ap = sl_ui_test_count_different (live_pic, ap_pic);

  /* Scrub to the newest frame: the live picture again. */
  colored = sl_workbench_get_n_colored (fx->workbench);
  g_assert_true (sl_replay_seek (replay, 1e9));
  while (sl_workbench_get_n_colored (fx->workbench) == colored)
    sl_ui_test_iterate_for_ms (5);
  g_assert_cmpfloat (sl_replay_get_shown (replay)->t, ==, t_paused);
  sl_ui_test_iterate_for_ms (100);
  newest_pic = sl_ui_test_capture (sl_window_get_view (fx->window), TIMEOUT_US);
  diff_newest = sl_ui_test_count_different (live_pic, newest_pic);
  g_test_message ("pixels differing from live: at the AP %zu, at the newest frame %zu", diff_ap, diff_newest);
  g_assert_cmpuint (diff_ap, >, 200);
  g_assert_cmpuint (diff_newest * 20, <, diff_ap);

  /* Export the run so far (0 … t_paused) as PNGs: default speed
   * 100 ms/s at 25 fps is 4 ms a frame. */
  g_assert_true (sl_replay_seek (replay, 11.0));
  dir = g_dir_make_tmp ("spinelab-replay-XXXXXX", &error);
  g_assert_no_error (error);
  frames_dir = g_strconcat (dir, "/frames/", NULL);
  sl_replay_export (replay, frames_dir);
  /* Returned at once: the movie is written in a worker thread. */
  g_assert_true (sl_replay_get_exporting (replay));
  g_assert_false (fx->exported);
  while (!fx->exported)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      loops++;
    }
  g_test_message ("export: %s (%" G_GUINT64_FORMAT " main-loop turns meanwhile)", fx->export_message, loops);
  g_assert_true (fx->export_ok);
  g_assert_false (sl_replay_get_exporting (replay));
  g_assert_cmpuint (loops, >, 0);
  d = g_dir_open (frames_dir, 0, &error);
  g_assert_no_error (error);
  for (const char *name; (name = g_dir_read_name (d)) != NULL; n_png++)
    {
      g_autofree char *p = g_build_filename (frames_dir, name, NULL);
      g_unlink (p);
    }
  g_assert_cmpuint (n_png, ==, (guint) ceil (t_paused / 4.0 - 1e-9));
  g_rmdir (frames_dir);
  g_rmdir (dir);
  /* The export did not take the replay out of its scrub. */
  g_assert_true (sl_replay_is_scrubbing (replay));

  /* Play: live again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "run.play-pause", NULL));
  wait_live (fx->workbench, t_paused + 0.5, FALSE);
  sl_ui_test_iterate_for_ms (100);
  g_assert_false (sl_replay_is_scrubbing (replay));
  g_assert_null (sl_replay_get_shown (replay));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "run.play-pause", NULL));

  /* Reset: a new run clears the history. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "run.reset", NULL));
  while (sl_runner_acquire_snapshot (sl_workbench_get_runner (fx->workbench), NULL)->t > 0)
    sl_ui_test_iterate_for_ms (5);
  sl_ui_test_iterate_for_ms (200);
  g_assert_cmpuint (sl_snapshot_history_get_length (history), <=, 2);
  g_assert_cmpfloat (sl_snapshot_history_get (history, 0)->t, ==, 0);

  g_free (fx->export_message);
  sl_ui_test_destroy_window (GTK_WINDOW (fx->window));
}

/* The same session run to 1500 ms: scrubbed back to ~500 ms, a moment a
 * whole second older than the newest frame, the plots still draw their
 * traces up to that moment (from the decimated archive). */
static void
test_scrub_old_traces (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autofree char *path = g_build_filename (SL_TEST_DATA_DIR, "render", "movie-burst.spinelab", NULL);
  SlReplay *replay;
  SlSnapshotHistory *history;
  SlPlotView *plots;
  SlSession *edited;
  const SlSnapshot *live, *shown;
  double t_first = NAN, t_last = NAN, t_end;
  guint n_drawn, n_live_drawn;

  fx->window = sl_ui_test_window_new (1200, 780);
  g_assert_true (sl_ui_test_open (fx->window, path, TIMEOUT_US));
  sl_ui_test_wait_model (fx->window, TIMEOUT_US);
  fx->workbench = sl_window_get_workbench (fx->window);
  replay = SL_REPLAY (gtk_widget_get_last_child (sl_workbench_get_plots_panel (fx->workbench)));
  history = sl_replay_get_history (replay);
  plots = sl_workbench_get_plot_view (fx->workbench);

  edited = sl_session_copy (sl_workbench_get_session (fx->workbench));
  edited->protocol->tstop = 1500;
  sl_workbench_edit_session (fx->workbench, edited, "Set stop time");
  sl_ui_test_iterate_for_ms (200);
  /* Real time: a few seconds, dozens of stored snapshots. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "run.speed", "s", "1"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "run.play-pause", NULL));
  live = wait_live (fx->workbench, 1500, FALSE);
  while (live->status == SL_RUNNER_RUNNING)
    live = wait_live (fx->workbench, 1500, FALSE);
  sl_ui_test_iterate_for_ms (300);
  t_end = live->t;
  n_live_drawn = sl_plot_view_get_n_drawn (plots, &t_first, &t_last);
  g_test_message ("finished at %.1f ms: %u snapshots from %.1f ms; live plots draw %u frames "
                  "%.1f–%.1f ms; %u frames held, %zu bytes, stride %u",
                  t_end, sl_snapshot_history_get_length (history),
                  sl_snapshot_history_get (history, 0)->t, n_live_drawn, t_first, t_last,
                  sl_plot_view_get_n_frames (plots, NULL), sl_plot_view_get_trace_bytes (plots),
                  sl_plot_view_get_trace_stride (plots));
  g_assert_cmpfloat (t_last, ==, t_end);
  g_assert_cmpfloat (t_first, >=, t_end - 500);
  g_assert_cmpfloat (sl_snapshot_history_get (history, 0)->t, <, 400);

  /* Scrub to the stored frame nearest 500 ms. */
  g_assert_true (sl_replay_seek (replay, 500.0));
  sl_ui_test_iterate_for_ms (200);
  shown = sl_replay_get_shown (replay);
  g_assert_nonnull (shown);
  g_assert_cmpfloat (shown->t, <, t_end - 500);
  n_drawn = sl_plot_view_get_n_drawn (plots, &t_first, &t_last);
  g_test_message ("scrubbed to %.1f ms: the plots draw %u frames %.1f–%.1f ms", shown->t, n_drawn,
                  t_first, t_last);
  /* One frame per ms (record_interval 1) from the window's start to the
   * scrubbed moment, at full resolution (1500 frames fit the archive). */
  g_assert_cmpuint (sl_plot_view_get_trace_stride (plots), ==, 1);
  g_assert_cmpfloat (t_last, <=, shown->t);
  g_assert_cmpfloat (t_last, >, shown->t - 1.0 - 1e-9);
  g_assert_cmpfloat (t_first, <=, MAX (shown->t - 500, 0) + 1.0 + 1e-9);
  g_assert_cmpuint (n_drawn, >=, (guint) floor (MIN (shown->t, 500)) - 1);
  maybe_screenshot (fx);

  sl_ui_test_destroy_window (GTK_WINDOW (fx->window));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/replay/scrub-and-export", test_scrub_and_export);
  g_test_add_func ("/ui/replay/scrub-old-traces", test_scrub_old_traces);
  return g_test_run ();
}
