/* test-cmd-sweep.c: `spinelab sweep` and `spinelab run --spines`, run as a
 * program (path in argv[1]) on tests/data/protocol/sweep-stdp.spinelab. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "../sl-test-program.h"

static const char *spinelab;

static char *
fixture (void)
{
  return g_build_filename (SL_TEST_DATA_DIR, "protocol", "sweep-stdp.spinelab", NULL);
}

static int
run (const char * const *args,
     char              **out,
     char              **err)
{
  return sl_test_run_program (spinelab, args, NULL, out, err);
}

/* Three values of Δt: a CSV with the documented header and one row per
 * value in order, A potentiated at +10 ms and depressed at −10 ms
 * (models.md §3.1 S1), stderr one plain progress line per point (not a
 * terminal), and a PNG plot. */
static void
test_sweep_csv_and_plot (void)
{
  g_autofree char *session = fixture ();
  g_autofree char *dir = g_dir_make_tmp ("sl-sweep-XXXXXX", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "stdp.csv", NULL);
  g_autofree char *png_path = g_build_filename (dir, "stdp.png", NULL);
  g_autofree char *out = NULL, *err = NULL, *csv = NULL, *png = NULL;
  g_auto (GStrv) lines = NULL;
  g_auto (GStrv) progress = NULL;
  gsize png_len;
  const char *args[] = { "sweep", session, "--param", "delta_t", "--values", "-10,0,10",
                         "--tstop", "1000", "--out", csv_path, "--plot", png_path, NULL };

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "");
  /* The progress lines come first, one per report (two points finishing
   * together make one report), the last 3/3; a sanitizer may print its
   * summary after them. */
  progress = g_strsplit (err, "\n", -1);
  {
    guint n = 0;

    while (progress[n] != NULL && g_str_has_prefix (progress[n], "sweep: "))
      n++;
    g_assert_cmpuint (n, >=, 1);
    g_assert_cmpuint (n, <=, 3);
    g_assert_cmpstr (progress[n - 1], ==, "sweep: 3/3 points");
  }
  g_assert_null (strchr (err, '\r'));

  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "delta_t,soma_spikes,mean_w_ratio,A:w_ratio,A:ca_peak_uM");
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  for (guint i = 0; i < 3; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[1 + i], ",", -1);
      double ratio;

      g_assert_cmpuint (g_strv_length (f), ==, 5);
      g_assert_cmpfloat (g_ascii_strtod (f[0], NULL), ==, -10.0 + 10 * i);
      g_assert_cmpfloat (g_ascii_strtod (f[1], NULL), ==, 5);
      ratio = g_ascii_strtod (f[3], NULL);
      if (i == 0)
        g_assert_cmpfloat (ratio, <, 1);
      if (i == 2)
        g_assert_cmpfloat (ratio, >, 1);
    }

  g_assert_true (g_file_get_contents (png_path, &png, &png_len, NULL));
  g_assert_cmpuint (png_len, >, 5000);
  g_assert_true (memcmp (png, "\x89PNG\r\n\x1a\n", 8) == 0);
  g_unlink (csv_path);
  g_unlink (png_path);
  g_rmdir (dir);
}

/* Bad input: exit 1 and one line naming the problem. */
static void
test_sweep_errors (void)
{
  g_autofree char *session = fixture ();
  static const struct { const char *param, *values, *needle; } cases[] = {
    { "colour", "1,2", "unknown parameter 'colour'" },
    { "delta_t", "1:2", "A:B:STEP" },
    { "delta_t", "10:0:5", "never goes" },
    { "stimulus.pair.n", "1.5", "whole numbers" },
    { "protocol.dt", "0", "dt must be > 0" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      const char *args[] = { "sweep", session, "--param", cases[i].param, "--values",
                             cases[i].values, NULL };

      g_assert_cmpint (run (args, &out, &err), ==, 1);
      g_test_message ("%s", err);
      g_assert_true (g_str_has_prefix (err, "spinelab: sweep: "));
      g_assert_nonnull (strstr (err, cases[i].needle));
      g_assert_nonnull (strchr (err, '\n'));
    }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "sweep", session, "--values", "1,2", NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "no parameter given"));
  }
}

/* `run --spines`: one row per spine after the run; the paired spine A
 * changed (dw = w − w0 ≠ 0), B (only back-propagating APs) by what its
 * own w says. */
static void
test_run_spines (void)
{
  g_autofree char *session = fixture ();
  g_autofree char *dir = g_dir_make_tmp ("sl-spines-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "spines.csv", NULL);
  g_autofree char *out = NULL, *err = NULL, *csv = NULL;
  g_auto (GStrv) lines = NULL;
  const char *args[] = { "run", session, "--tstop", "1000", "--out", "/dev/null",
                         "--spines", path, NULL };

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
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
      g_assert_cmpstr (f[1], ==, "basal");
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (f[2], NULL), i == 1 ? 20 : 60, 1e-6);
      g_assert_cmpfloat_with_epsilon (dw, w - w0, 1e-9);
      if (i == 1)
        g_assert_cmpfloat (fabs (dw), >, 1e-3);
    }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  spinelab = sl_test_program_init (&argc, &argv);
  g_test_add_func ("/protocol/cmd-sweep/csv-and-plot", test_sweep_csv_and_plot);
  g_test_add_func ("/protocol/cmd-sweep/errors", test_sweep_errors);
  g_test_add_func ("/protocol/cmd-run/spines", test_run_spines);
  return g_test_run ();
}
