/* test-sweep-dialog.c: the "Sweep…" window under Xvfb, driven through its
 * API on tests/data/protocol/sweep-stdp.spinelab (spine A paired with
 * somatic APs, Graupner–Brunel DP, σ = 0): a Δt sweep runs in a worker
 * while the GTK main loop keeps turning and the progress bar rises to 1;
 * its rows follow the published sign pattern (models.md §3.1 S1: LTD at
 * −10 ms, LTP at +10 ms); a second, longer sweep is cancelled and leaves
 * the first result in place; CSV and figure are saved.
 *
 * SL_TEST_LINGER=N keeps the window up N seconds after the first sweep
 * (for a screenshot). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "sl-runner.h"
#include "sl-sweep-dialog.h"
#include "sl-ui-test-util.h"
#include "sl-window.h"

#define TIMEOUT_US (120 * G_USEC_PER_SEC)

typedef struct
{
  gboolean done;
  gboolean ok;
  char    *message;
  GArray  *fractions;   /* (double) the bar's fraction at each "progress" */
  guint    early;       /* "progress" signals before the last point, while running */
} Watch;

static void
on_progress (SlSweepDialog *dialog,
             guint          done,
             guint          total,
             Watch         *w)
{
  double f = sl_sweep_dialog_get_fraction (dialog);

  g_assert_cmpfloat (f, ==, (double) done / total);
  g_array_append_val (w->fractions, f);
  if (done < total && sl_sweep_dialog_is_running (dialog))
    w->early++;
}

static void
on_finished (SlSweepDialog *dialog,
             gboolean       ok,
             const char    *message,
             Watch         *w)
{
  w->done = TRUE;
  w->ok = ok;
  g_free (w->message);
  w->message = g_strdup (message);
}

static void
watch_until_done (SlSweepDialog *dialog,
                  Watch         *w,
                  double         cancel_above)
{
  gint64 end = g_get_monotonic_time () + TIMEOUT_US;

  while (!w->done)
    {
      double f;

      g_main_context_iteration (NULL, FALSE);
      f = sl_sweep_dialog_get_fraction (dialog);
      if (cancel_above >= 0 && f > cancel_above)
        {
          sl_sweep_dialog_cancel (dialog);
          cancel_above = -1;
        }
      g_usleep (500);
      if (g_get_monotonic_time () > end)
        g_error ("sweep timed out");
    }
}

static void
test_sweep_dialog (void)
{
  g_autofree char *path = g_build_filename (SL_TEST_DATA_DIR, "protocol", "sweep-stdp.spinelab", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SlSession) session = sl_session_load (path, &error);
  SlSweepDialog *dialog;
  Watch w = { 0 };
  const SlSweepResult *r;
  int col;

  g_assert_no_error (error);
  session->protocol->tstop = 600;   /* 3 pairs at 5 Hz from 50 ms */
  dialog = sl_sweep_dialog_new (NULL, session);
  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished), &w);
  g_signal_connect (dialog, "progress", G_CALLBACK (on_progress), &w);
  gtk_window_present (GTK_WINDOW (dialog));
  w.fractions = g_array_new (FALSE, FALSE, sizeof (double));

  /* Bad input: refused at once, nothing starts. */
  sl_sweep_dialog_set_param (dialog, "delta_t");
  sl_sweep_dialog_set_values (dialog, "1:2");
  g_assert_false (sl_sweep_dialog_start (dialog, &error));
  g_assert_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_VALUES);
  g_clear_error (&error);
  g_assert_false (sl_sweep_dialog_is_running (dialog));
  g_assert_null (sl_sweep_dialog_get_result (dialog));

  /* A Δt sweep of four points. */
  sl_sweep_dialog_set_values (dialog, "-10,0,10,20");
  g_assert_true (sl_sweep_dialog_start (dialog, &error));
  g_assert_no_error (error);
  g_assert_true (sl_sweep_dialog_is_running (dialog));
  g_assert_false (sl_sweep_dialog_start (dialog, &error));   /* one at a time */
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);
  watch_until_done (dialog, &w, -1);
  g_assert_true (w.ok);
  g_test_message ("%s; %u progress signals", w.message, w.fractions->len);
  /* The bar rose through values between 0 and 1 to 1, never down, and
   * the GTK thread handled them while the worker was still running. */
  g_assert_cmpuint (w.fractions->len, >=, 2);
  for (guint i = 1; i < w.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (w.fractions, double, i), >,
                       g_array_index (w.fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (w.fractions, double, 0), <, 1);
  g_assert_cmpfloat (g_array_index (w.fractions, double, w.fractions->len - 1), ==, 1);
  g_assert_cmpuint (w.early, >=, 1);

  r = sl_sweep_dialog_get_result (dialog);
  g_assert_nonnull (r);
  g_assert_cmpuint (r->n_points, ==, 4);
  col = sl_sweep_result_column (r, "A:w_ratio");
  g_assert_cmpint (col, >=, 0);
  g_assert_cmpfloat (sl_sweep_result_get (r, 0, -1), ==, -10);
  g_assert_cmpfloat (sl_sweep_result_get (r, 0, col), <, 1);
  g_assert_cmpfloat (sl_sweep_result_get (r, 2, col), >, 1);

  if (g_getenv ("SL_TEST_LINGER") != NULL)
    {
      gint64 until = g_get_monotonic_time () + atoi (g_getenv ("SL_TEST_LINGER")) * G_USEC_PER_SEC;
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE), g_usleep (10000);
    }

  /* Save the table and the figure. */
  {
    g_autofree char *dir = g_dir_make_tmp ("sl-sweep-ui-XXXXXX", NULL);
    g_autofree char *csv = g_build_filename (dir, "sweep.csv", NULL);
    g_autofree char *svg = g_build_filename (dir, "sweep.svg", NULL);
    g_autofree char *text = NULL;

    g_assert_true (sl_sweep_dialog_save_csv (dialog, csv, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
    g_assert_true (g_str_has_prefix (text, "delta_t,soma_spikes,mean_w_ratio,A:w_ratio,A:ca_peak_uM\n-10,"));
    g_assert_true (sl_sweep_dialog_save_figure (dialog, svg, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (svg, G_FILE_TEST_IS_REGULAR));
    g_unlink (csv);
    g_unlink (svg);
    g_rmdir (dir);
  }

  /* A second, longer sweep cancelled as soon as the first point is in:
   * "Cancelled.", the first result kept, nothing running. */
  sl_sweep_dialog_set_values (dialog, "-40:40:5");
  w.done = FALSE;
  g_array_set_size (w.fractions, 0);
  g_assert_true (sl_sweep_dialog_start (dialog, &error));
  g_assert_no_error (error);
  watch_until_done (dialog, &w, 0);
  g_assert_false (w.ok);
  g_assert_cmpstr (w.message, ==, "Cancelled.");
  g_assert_false (sl_sweep_dialog_is_running (dialog));
  g_assert_true (sl_sweep_dialog_get_result (dialog) == r);
  g_assert_cmpfloat (sl_sweep_dialog_get_fraction (dialog), <, 1);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_array_unref (w.fractions);
  g_free (w.message);
}

/* The window on the same session: run.sweep opens the dialog; after 600
 * ms of the run (three pairings at +10 ms) "Export Spine Table" writes
 * both spines with w and Δw of the runner's snapshot, A potentiated. */
static void
test_workbench_actions (void)
{
  g_autofree char *path = g_build_filename (SL_TEST_DATA_DIR, "protocol", "sweep-stdp.spinelab", NULL);
  g_autofree char *dir = g_dir_make_tmp ("sl-spines-ui-XXXXXX", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "spines.csv", NULL);
  g_autofree char *csv = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) toplevels = NULL;
  g_auto (GStrv) lines = NULL;
  SlWindow *window = sl_ui_test_window_new (0, 0);
  SlWorkbench *wb = sl_window_get_workbench (window);
  gboolean found = FALSE;
  const SlSnapshot *snap;
  gint64 end;

  sl_ui_test_open_ready (window, path, TIMEOUT_US);

  /* run.sweep opens a sweep window on the session. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "run.sweep", NULL));
  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);
      if (SL_IS_SWEEP_DIALOG (w))
        {
          found = TRUE;
          gtk_window_destroy (GTK_WINDOW (w));
          break;
        }
    }
  g_assert_true (found);

  sl_runner_step (sl_workbench_get_runner (wb), 600);
  end = g_get_monotonic_time () + TIMEOUT_US;
  do
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
      snap = sl_runner_acquire_snapshot (sl_workbench_get_runner (wb), NULL);
      if (g_get_monotonic_time () > end)
        g_error ("the run did not reach 600 ms");
    }
  while (snap->t < 600 - 1e-6 || snap->status == SL_RUNNER_RUNNING);

  g_assert_true (sl_sweep_export_spine_table (wb, csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "spine_id,region,path_distance_um,w0,w,dw");
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  for (guint i = 1; i <= 2; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], ",", -1);
      double w0 = g_ascii_strtod (f[3], NULL), w = g_ascii_strtod (f[4], NULL);
      double dw = g_ascii_strtod (f[5], NULL);

      g_test_message ("%s", lines[i]);
      g_assert_cmpstr (f[0], ==, i == 1 ? "A" : "B");
      g_assert_cmpfloat_with_epsilon (w0, 1, 1e-6);
      g_assert_cmpfloat_with_epsilon (dw, w - w0, 1e-6);
      g_assert_cmpfloat_with_epsilon (w, sl_snapshot_w (snap)[i - 1], 1e-6);
      if (i == 1)
        g_assert_cmpfloat (dw, >, 1e-3);
    }
  g_unlink (csv_path);
  g_rmdir (dir);
  sl_ui_test_destroy_window (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/sweep-dialog/run-cancel", test_sweep_dialog);
  g_test_add_func ("/ui/sweep-dialog/workbench-actions", test_workbench_actions);
  return g_test_run ();
}
