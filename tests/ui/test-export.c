/* test-export.c: the window's figure, view and recordings exports under
 * Xvfb, driven through sl_export_start with a path (the file chooser
 * only supplies it) on tests/data/protocol/sweep-stdp.spinelab
 * (ball-and-stick, spines A and B, record_interval 0.1 ms).  The run is
 * stepped to t = 50 ms, so the recordings hold 50 / 0.1 + 1 = 501 rows;
 * with SPINELAB_EXE set they must equal `spinelab run --tstop 50 --out`
 * byte for byte.  Files: PNG signature and IHDR size, SVG parsed by
 * libxml2, PDF header.  An unwritable path and an unknown extension give
 * errors, not crashes.
 *
 * SL_TEST_EXPORT_KEEP=DIR writes the files there and keeps them. */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <libxml/parser.h>

#include "sl-export.h"
#include "sl-runner.h"
#include "sl-ui-test-util.h"
#include "sl-window.h"
#include "../sl-test-files.h"
#include "sl-workbench-private.h"

#define TIMEOUT_US (60 * G_USEC_PER_SEC)

typedef struct
{
  SlWindow    *window;
  SlWorkbench *workbench;
  gboolean     done, ok;
  GError      *error;
} Fixture;

static void
on_exported (GObject *source, GAsyncResult *result, gpointer data)
{
  Fixture *fx = data;

  g_clear_error (&fx->error);
  fx->ok = sl_export_finish (SL_WORKBENCH (source), result, &fx->error);
  fx->done = TRUE;
}

/* Runs one export to completion on the main loop; TRUE when written. */
static gboolean
export_scaled (Fixture *fx, SlExportKind kind, const char *path, double png_scale)
{
  fx->done = FALSE;
  sl_export_start (fx->workbench, kind, path, png_scale, on_exported, fx);
  sl_ui_test_wait_for (&fx->done, TIMEOUT_US, "the export");
  /* The outcome is the run controls' note. */
  g_assert_nonnull (fx->workbench->note);
  g_assert_nonnull (strstr (fx->workbench->note, fx->ok ? "saved to" : "not exported"));
  return fx->ok;
}

static gboolean
export (Fixture *fx, SlExportKind kind, const char *path)
{
  return export_scaled (fx, kind, path, 0);
}

static void
check_png (const char *path, guint width, guint height)
{
  static const guchar signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autofree guchar *data = NULL;
  gsize len = 0;
  guint32 w, h;

  g_assert_true (g_file_get_contents (path, (char **) &data, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_cmpmem (data, 8, signature, 8);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  w = (guint32) data[16] << 24 | data[17] << 16 | data[18] << 8 | data[19];
  h = (guint32) data[20] << 24 | data[21] << 16 | data[22] << 8 | data[23];
  g_test_message ("%s: %u × %u px, %" G_GSIZE_FORMAT " bytes", path, w, h, len);
  g_assert_cmpuint (w, ==, width);
  g_assert_cmpuint (h, ==, height);
}

/* Fraction of the columns left of the colour bar (the right 90 px) with
 * a drawn pixel in the top three quarters (above the scale bar). */
static double
drawn_columns (const char *path)
{
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);
  int w = cairo_image_surface_get_width (png), h = cairo_image_surface_get_height (png);
  int stride = cairo_image_surface_get_stride (png), n = 0;
  const guchar *data;

  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (png);
  data = cairo_image_surface_get_data (png);
  for (int x = 0; x < w - 90; x++)
    for (int y = 0; y < h * 3 / 4; y++)
      {
        const guint32 px = *(const guint32 *) (data + y * stride + 4 * x);

        if ((px & 0xffffff) != 0xffffff)
          {
            n++;
            break;
          }
      }
  cairo_surface_destroy (png);
  return (double) n / (w - 90);
}

/* Bounding box {x0, y0, x1, y1} of the pixels of an ARGB32 image that
 * differ from bg (sum of |ΔR|, |ΔG|, |ΔB| over 60) in columns x_from …
 * w − 90 (the colour bar off) and the top three quarters (the scale bar
 * off); x0 = -1 when none.  box[4…7]: the same right of the middle of
 * that box (the dendrite alone on the ball-and-stick). */
static void
drawn_box_from (const guchar *data,
                int           w,
                int           h,
                int           stride,
                const guint8  bg[3],
                int           x_from,
                int           box[4])
{
  box[0] = box[1] = -1;
  box[2] = box[3] = -1;
  for (int y = 0; y < h * 3 / 4; y++)
    for (int x = x_from; x < w - 90; x++)
      {
        const guchar *p = data + y * stride + 4 * x;  /* B, G, R, A */

        if (abs (p[2] - bg[0]) + abs (p[1] - bg[1]) + abs (p[0] - bg[2]) <= 60)
          continue;
        if (box[0] < 0)
          {
            box[0] = box[2] = x;
            box[1] = box[3] = y;
          }
        box[0] = MIN (box[0], x);
        box[1] = MIN (box[1], y);
        box[2] = MAX (box[2], x);
        box[3] = MAX (box[3], y);
      }
}

static void
drawn_box (const guchar *data,
           int           w,
           int           h,
           int           stride,
           const guint8  bg[3],
           int           box[8])
{
  drawn_box_from (data, w, h, stride, bg, 0, box);
  drawn_box_from (data, w, h, stride, bg, (box[0] + box[2]) / 2, box + 4);
}

static void
png_box (const char *path,
         int         box[8])
{
  static const guint8 white[3] = { 255, 255, 255 };
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (png);
  drawn_box (cairo_image_surface_get_data (png), cairo_image_surface_get_width (png),
             cairo_image_surface_get_height (png), cairo_image_surface_get_stride (png), white, box);
  cairo_surface_destroy (png);
}

static void
view_box (SlMorphologyView *view,
          int               box[8])
{
  g_autoptr(GdkTexture) tex = sl_ui_test_capture (view, TIMEOUT_US);
  int w = gdk_texture_get_width (tex), h = gdk_texture_get_height (tex);
  g_autofree guchar *data = g_malloc ((gsize) 4 * w * h);
  guint8 bg[3];

  sl_morphology_view_get_background (view, bg);
  gdk_texture_download (tex, data, 4 * (gsize) w);
  drawn_box (data, w, h, 4 * w, bg, box);
}

static void
test_export (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autofree char *session = g_build_filename (SL_TEST_DATA_DIR, "protocol", "sweep-stdp.spinelab", NULL);
  const char *keep = g_getenv ("SL_TEST_EXPORT_KEEP");
  g_autofree char *dir = keep ? g_strdup (keep) : g_dir_make_tmp ("sl-export-XXXXXX", NULL);
  const char *names[] = { "figure.png", "figure.svg", "figure.pdf", "view.png", "view.svg",
                          "view.pdf", "recordings.csv", "cli.csv" };
  char *paths[G_N_ELEMENTS (names)];
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  SlRunner *runner;
  double t = 0;
  int view_w, view_h;
  gint64 end;

  g_assert_nonnull (dir);
  g_mkdir_with_parents (dir, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    paths[i] = g_build_filename (dir, names[i], NULL);

  fx->window = sl_ui_test_window_new (1280, 800);
  fx->workbench = sl_window_get_workbench (fx->window);
  /* The primary menu's actions. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (fx->workbench->run_actions), "export-figure"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (fx->workbench->run_actions), "export-view"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (fx->workbench->run_actions),
                                            "export-recordings"));
  /* Nothing loaded yet: an error, no file. */
  g_unlink (paths[0]);
  g_assert_false (export (fx, SL_EXPORT_FIGURE, paths[0]));
  g_assert_error (fx->error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_assert_false (g_file_test (paths[0], G_FILE_TEST_EXISTS));
  sl_ui_test_open_ready (fx->window, session, TIMEOUT_US);

  /* Step the run to t = 50 ms (2000 steps of 25 µs). */
  runner = sl_workbench_get_runner (fx->workbench);
  sl_runner_step (runner, 50.0);
  end = g_get_monotonic_time () + TIMEOUT_US;
  while (fabs ((t = sl_runner_acquire_snapshot (runner, NULL)->t) - 50.0) > 1e-6)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      if (g_get_monotonic_time () > end)
        g_error ("the runner did not reach 50 ms (t = %g)", t);
    }
  /* Let the view colour itself from that snapshot. */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (2000);

  /* Figure: 900 × 560 drawn at 2× in PNG. */
  g_assert_true (export (fx, SL_EXPORT_FIGURE, paths[0]));
  g_assert_no_error (fx->error);
  check_png (paths[0], 1800, 1120);
  g_assert_true (export (fx, SL_EXPORT_FIGURE, paths[1]));
  sl_test_check_svg (paths[1]);
  g_assert_true (export (fx, SL_EXPORT_FIGURE, paths[2]));
  sl_test_check_pdf (paths[2], 1000);

  /* View: 2× the view's size in PNG by default, and the chooser's 1×
   * and 4× (the size when the export starts: the layout may move as the
   * note appears). */
  for (guint i = 0; i < 3; i++)
    {
      const double scales[] = { 0, 1, 4 }, factor[] = { 2, 1, 4 };

      view_w = MAX (gtk_widget_get_width (GTK_WIDGET (sl_window_get_view (fx->window))), 320);
      view_h = MAX (gtk_widget_get_height (GTK_WIDGET (sl_window_get_view (fx->window))), 240);
      g_assert_true (export_scaled (fx, SL_EXPORT_VIEW, paths[3], scales[i]));
      g_assert_no_error (fx->error);
      check_png (paths[3], factor[i] * view_w, factor[i] * view_h);
    }
  /* The view's camera reaches the drawing: from the front the
   * ball-and-stick's 200 µm dendrite spans most of the width; turned by
   * 90° about the vertical it points at the eye and the drawing fitted to
   * the same box is only about a soma (≈ 20 µm) wide in its height. */
  {
    double front, side;

    g_assert_true (export_scaled (fx, SL_EXPORT_VIEW, paths[3], 1));
    front = drawn_columns (paths[3]);
    sl_morphology_view_orbit (sl_window_get_view (fx->window), 90, 0);
    g_assert_true (export_scaled (fx, SL_EXPORT_VIEW, paths[3], 1));
    side = drawn_columns (paths[3]);
    g_test_message ("drawn columns: %.2f from the front, %.2f turned 90°", front, side);
    g_assert_cmpfloat (front, >, 0.7);
    g_assert_cmpfloat (side, <, 0.4);
    sl_morphology_view_orbit (sl_window_get_view (fx->window), -90, 0);
    g_assert_true (export (fx, SL_EXPORT_VIEW, paths[3]));
  }
  /* Zoomed out and panned, the export keeps the camera: the cell in the
   * 1× PNG is where the 3D view draws it (within the thickness of the
   * strokes), not fitted to the page. */
  {
    SlMorphologyView *view = sl_window_get_view (fx->window);
    SlCamera camera = *sl_morphology_view_get_camera (view);
    int in_view[8], in_png[8], fitted[8];

    g_assert_true (export_scaled (fx, SL_EXPORT_VIEW, paths[3], 1));
    png_box (paths[3], fitted);
    sl_camera_zoom (&camera, 0.6f);
    sl_camera_pan (&camera, 70, 40, gtk_widget_get_height (GTK_WIDGET (view)));
    sl_morphology_view_set_camera (view, &camera);
    view_box (view, in_view);
    g_assert_true (export_scaled (fx, SL_EXPORT_VIEW, paths[3], 1));
    png_box (paths[3], in_png);
    g_test_message ("cell box: fitted export %d,%d–%d,%d; zoomed out and panned: view %d,%d–%d,%d "
                    "(dendrite rows %d–%d), export %d,%d–%d,%d (dendrite rows %d–%d)",
                    fitted[0], fitted[1], fitted[2], fitted[3],
                    in_view[0], in_view[1], in_view[2], in_view[3], in_view[5], in_view[7],
                    in_png[0], in_png[1], in_png[2], in_png[3], in_png[5], in_png[7]);
    g_assert_cmpint (in_view[0], >=, 0);
    /* Left and right edges (soma, dendrite tip) and the dendrite's rows;
     * the soma's height differs: the view draws it as a sphere, the
     * drawing as its pt3d stroke with round caps (taller). */
    g_assert_cmpint (abs (in_png[0] - in_view[0]), <=, 4);
    g_assert_cmpint (abs (in_png[2] - in_view[2]), <=, 4);
    g_assert_cmpint (abs ((in_png[5] + in_png[7]) - (in_view[5] + in_view[7])), <=, 4);
    /* 0.6× the fitted width, moved right by the pan. */
    g_assert_cmpfloat (fabs ((in_png[2] - in_png[0]) / (double) (fitted[2] - fitted[0]) - 0.6), <, 0.05);
    g_assert_cmpint (in_png[0], >, fitted[0] + 70);
    sl_morphology_view_reset (view);
  }
  g_assert_true (export (fx, SL_EXPORT_VIEW, paths[4]));
  sl_test_check_svg (paths[4]);
  g_assert_true (export (fx, SL_EXPORT_VIEW, paths[5]));
  sl_test_check_pdf (paths[5], 1000);

  /* Recordings: header, then one row per 0.1 ms from 0 to 50 ms. */
  g_assert_true (export (fx, SL_EXPORT_RECORDINGS, paths[6]));
  g_assert_no_error (fx->error);
  g_assert_true (g_file_get_contents (paths[6], &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "t,v_soma,w_A"));
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 501 + 1);   /* header, rows, "" after the last \n */
  g_assert_true (g_str_has_prefix (lines[1], "0,"));
  g_assert_true (g_str_has_prefix (lines[501], "50,"));

  if (g_getenv ("SPINELAB_EXE") != NULL && *g_getenv ("SPINELAB_EXE") != '\0')
    {
      const char *argv[] = { g_getenv ("SPINELAB_EXE"), "run", session, "--tstop", "50",
                             "--out", paths[7], NULL };
      g_autofree char *cli = NULL;
      g_autoptr(GError) error = NULL;
      int status = -1;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_true (g_file_get_contents (paths[7], &cli, NULL, NULL));
      g_assert_cmpstr (csv, ==, cli);
    }

  /* Errors: a directory that does not exist, an unknown extension. */
  {
    g_autofree char *bad_dir = g_build_filename (dir, "no-such-dir", "x.png", NULL);
    g_autofree char *bad_csv = g_build_filename (dir, "no-such-dir", "x.csv", NULL);
    g_autofree char *bad_ext = g_build_filename (dir, "figure.txt", NULL);

    g_assert_false (export (fx, SL_EXPORT_FIGURE, bad_dir));
    g_assert_nonnull (fx->error);
    g_test_message ("unwritable figure: %s", fx->error->message);
    g_assert_false (export (fx, SL_EXPORT_VIEW, bad_dir));
    g_assert_nonnull (fx->error);
    g_assert_false (export (fx, SL_EXPORT_RECORDINGS, bad_csv));
    g_assert_nonnull (fx->error);
    g_test_message ("unwritable recordings: %s", fx->error->message);
    g_assert_false (export (fx, SL_EXPORT_VIEW, bad_ext));
    g_assert_nonnull (strstr (fx->error->message, "unknown figure format"));
    g_assert_false (g_file_test (bad_ext, G_FILE_TEST_EXISTS));
  }
  g_clear_error (&fx->error);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (keep == NULL)
        g_unlink (paths[i]);
      g_free (paths[i]);
    }
  if (keep == NULL)
    g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (fx->window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/export/figure-view-recordings", test_export);
  return g_test_run ();
}
