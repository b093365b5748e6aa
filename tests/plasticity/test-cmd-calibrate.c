/* test-cmd-calibrate.c: `spinelab calibrate SESSION [--ca-o MM] [--out FILE]`.
 *
 * The in-vitro lesson calibrated at 1.2 mM and written with --out is the
 * in-vivo lesson's model (same connection, thresholds the V11 builder
 * measured at 1.2 mM); the table lists its five spines with θ_d =
 * 1.002·C_pre + 1.954·C_post (basal, models.md §3.2 Table 2).  Bad input
 * gives one line on stderr and a non-zero exit. */
#include "sl-config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sl-session.h"
#include "../sl-test-program.h"

static const char *spinelab;

static char *
lesson (const char *name)
{
  return g_build_filename (SL_SOURCE_DIR, "resources", "lessons", name, NULL);
}

static void
test_out_vivo (void)
{
  g_autofree char *vitro = lesson ("in-vitro-vs-in-vivo.spinelab");
  g_autofree char *vivo_path = lesson ("in-vivo.spinelab");
  g_autofree char *dir = g_dir_make_tmp ("sl-calibrate-XXXXXX", NULL);
  g_autofree char *out_path = g_build_filename (dir, "vivo.spinelab", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(SlSession) written = NULL, vivo = NULL;
  g_autoptr(GError) error = NULL;
  const char *args[] = { "calibrate", vitro, "--ca-o", "1.2", "--out", out_path, NULL };
  g_auto(GStrv) lines = NULL;
  int rows = 0;

  g_assert_cmpint (sl_test_run_program (spinelab, args, NULL, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char id[16];
      double d, c_pre, c_post, th_d, th_p;

      if (sscanf (lines[i], "%15s %lf %lf %lf %lf %lf", id, &d, &c_pre, &c_post, &th_d, &th_p) != 6)
        continue;
      rows++;
      g_assert_cmpfloat (fabs (d - 25.0 * (rows + 1)), <, 0.05);
      /* printed to 6 digits */
      g_assert_cmpfloat (fabs (th_d - (1.002 * c_pre + 1.954 * c_post)), <, 1e-5 * th_d);
      g_assert_cmpfloat (fabs (th_p - (1.159 * c_pre + 2.483 * c_post)), <, 1e-5 * th_p);
    }
  g_assert_cmpint (rows, ==, 5);

  written = sl_session_load (out_path, &error);
  g_assert_no_error (error);
  vivo = sl_session_load (vivo_path, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (written->model->ca_o, ==, 1.2);
  /* the same procedure on the same cell: bit for bit
   * (test-chindemi-calibrate) */
  g_assert_true (sl_model_spec_equal (written->model, vivo->model));
  g_assert_true (sl_protocol_spec_equal (written->protocol, vivo->protocol));
  g_assert_cmpint (g_remove (out_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
expect_failure (const char * const *args,
                int                 status,
                const char         *fragment)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (sl_test_run_program (spinelab, args, NULL, &out, &err), ==, status);
  g_assert_true (g_str_has_prefix (err, "spinelab: calibrate: "));
  g_assert_nonnull (strstr (err, fragment));
  /* one line */
  g_assert_cmpint (strchr (err, '\n') - err, ==, (long) strlen (err) - 1);
  g_assert_cmpstr (out, ==, "");
}

static void
test_errors (void)
{
  g_autofree char *vitro = lesson ("in-vitro-vs-in-vivo.spinelab");
  g_autofree char *bap = lesson ("bap-attenuation.spinelab");
  const char *bad_ca[] = { "calibrate", vitro, "--ca-o=-1", NULL };
  const char *word_ca[] = { "calibrate", vitro, "--ca-o", "1.2mM", NULL };
  const char *none[] = { "calibrate", NULL };
  const char *missing[] = { "calibrate", "/nonexistent/x.spinelab", NULL };
  const char *no_rule[] = { "calibrate", bap, NULL };

  expect_failure (bad_ca, 2, "positive number of mM");
  expect_failure (word_ca, 2, "1.2mM");
  expect_failure (none, 2, "SESSION");
  expect_failure (missing, 1, "x.spinelab");
  expect_failure (no_rule, 1, "chindemi");
}

int
main (int    argc,
      char **argv)
{
  spinelab = sl_test_program_init (&argc, &argv);
  g_test_add_func ("/plasticity/cmd-calibrate/out-vivo", test_out_vivo);
  g_test_add_func ("/plasticity/cmd-calibrate/errors", test_errors);
  return g_test_run ();
}
