/* test-figure.c: plots and figures drawn with cairo — tick spacing, a
 * composed figure that is not blank and shows both panels, and the three
 * file formats written whole. */
#include <math.h>
#include <string.h>

#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "sl-figure.h"
#include "sl-plot.h"
#include "../engine/sl-test-cells.h"

static void
test_nice_step (void)
{
  g_assert_cmpfloat (sl_plot_nice_step (100, 5), ==, 20);
  g_assert_cmpfloat (sl_plot_nice_step (1, 4), ==, 0.2);
  g_assert_cmpfloat (sl_plot_nice_step (0.07, 7), ==, 0.01);
  g_assert_cmpfloat (sl_plot_nice_step (730, 3), ==, 200);
  g_assert_cmpfloat (sl_plot_nice_step (0, 5), ==, 1);
  g_assert_cmpfloat (sl_plot_nice_step (NAN, 5), ==, 1);
}

typedef SlSessionRun Run;

static void
run_small (Run *run)
{
  g_autoptr(SlMorphology) morph = sl_test_ball_stick (10, 200, 1, TRUE);
  g_autoptr(SlModelSpec) spec = sl_model_spec_new ();
  g_autoptr(SlProtocolSpec) pspec = sl_protocol_spec_new ();
  g_autoptr(GError) error = NULL;
  SlStimulusSpec *st;

  sl_model_spec_add_spine (spec, "a", "path:basal:60");
  sl_model_spec_add_spine (spec, "b", "path:basal:150");
  run->model = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);

  st = sl_protocol_spec_add_stimulus (pspec, "pre", SL_STIM_SPIKES, "spine:a");
  st->train.kind = SL_TRAIN_REGULAR;
  st->train.start = 5;
  st->train.rate = 100;
  st->train.n = 5;
  sl_protocol_spec_add_recording (pspec, "v_a", "v", "spine:a");
  sl_protocol_spec_add_recording (pspec, "v_soma", "v", "soma");
  sl_protocol_spec_add_recording (pspec, "ca_a", "ca", "spine:a");
  pspec->tstop = 60;
  run->protocol = sl_protocol_compile (pspec, run->model, &error);
  g_assert_no_error (error);

  run->state = sl_state_new (run->model);
  sl_state_reset (run->state);
  run->w0 = g_memdup2 (run->state->w, sizeof (double) * run->model->n_spines);
  run->recorder = sl_recorder_new (run->protocol);
  g_assert_true (sl_protocol_run (run->protocol, run->model, run->state, run->recorder, &error));
  g_assert_no_error (error);
}

static void
run_clear (Run *run)
{
  sl_recorder_free (run->recorder);
  sl_state_free (run->state);
  sl_protocol_free (run->protocol);
  sl_model_unref (run->model);
  g_free (run->w0);
}

/* Fraction of non-white pixels in a rectangle of an ARGB32 surface. */
static double
ink (cairo_surface_t *surface,
     int x0, int y0, int x1, int y1)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0, total = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + 4 * x);
        n += (px & 0xffffff) != 0xffffff;
        total++;
      }
  return (double) n / total;
}

static void
test_compose (void)
{
  Run run = { 0 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 900, 560);
  cairo_t *cr = cairo_create (surface);

  run_small (&run);
  sl_figure_compose (cr, 900, 560, "test", &run, SL_FIGURE_COLOR_CA);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);

  /* Panel A (left) holds the cell, panel B (right) the plots: both inked,
   * neither painted over entirely. */
  g_assert_cmpfloat (ink (surface, 0, 40, 410, 560), >, 0.005);
  g_assert_cmpfloat (ink (surface, 0, 40, 410, 560), <, 0.6);
  g_assert_cmpfloat (ink (surface, 420, 40, 900, 560), >, 0.01);
  g_assert_cmpfloat (ink (surface, 420, 40, 900, 560), <, 0.6);
  cairo_surface_destroy (surface);
  run_clear (&run);
}

static void
test_write_formats (void)
{
  Run run = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("sl-figure-XXXXXX", NULL);
  static const struct { const char *ext, *magic; } formats[] = {
    { "png", "\x89PNG" }, { "svg", "<?xml" }, { "pdf", "%PDF" },
  };

  run_small (&run);
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("fig.%s", formats[i].ext);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *part = g_strconcat (path, ".part", NULL);
      g_autofree char *data = NULL;
      g_autoptr(GError) error = NULL;
      gsize len;

      g_assert_true (sl_figure_write (path, 900, 560, "t", &run, SL_FIGURE_COLOR_DW, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      g_assert_cmpuint (len, >, 1000);
      g_assert_true (strncmp (data, formats[i].magic, strlen (formats[i].magic)) == 0);
      g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
      g_unlink (path);
    }

  {
    g_autofree char *bad = g_build_filename (dir, "fig.bmp", NULL);
    g_autofree char *missing = g_build_filename (dir, "no-such-dir", "fig.png", NULL);
    g_autoptr(GError) e1 = NULL;
    g_autoptr(GError) e2 = NULL;
    /* The cell alone, without recordings. */
    Run no_traces = { .model = run.model, .state = run.state, .w0 = run.w0 };

    g_assert_false (sl_figure_write (bad, 100, 100, NULL, &no_traces, SL_FIGURE_COLOR_V, &e1));
    g_assert_nonnull (e1);
    g_assert_nonnull (strstr (e1->message, "fig.bmp"));
    g_assert_false (sl_figure_write (missing, 100, 100, NULL, &no_traces, SL_FIGURE_COLOR_V, &e2));
    g_assert_nonnull (e2);
  }
  g_rmdir (dir);
  run_clear (&run);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/plot/nice-step", test_nice_step);
  g_test_add_func ("/render/figure/compose", test_compose);
  g_test_add_func ("/render/figure/write-formats", test_write_formats);
  return g_test_run ();
}
