/* test-cmd-run.c: `spinelab run`, run as a program (path in argv[1]). */
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../sl-test-program.h"

static const char *spinelab;

static char *
data_path (const char *name)
{
  return g_build_filename (SL_TEST_DATA_DIR, "sessions", name, NULL);
}

/* Runs spinelab with `args` (NULL-terminated, after the program); returns
 * the exit status, stdout and stderr. */
static int
run (const char * const *args,
     const char * const *env_extra,
     char              **out,
     char              **err)
{
  return sl_test_run_program (spinelab, args, env_extra, out, err);
}

/* Parses the CSV: checks the header and that every field is a finite
 * number written with '.', returns the rows (each n_columns doubles). */
static GArray *
parse_csv (const char *text,
           const char *header,
           guint       n_columns)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (double));

  g_assert_cmpstr (lines[0], ==, header);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, n_columns);
      for (guint j = 0; j < n_columns; j++)
        {
          char *end = NULL;
          double v = g_ascii_strtod (fields[j], &end);

          g_assert_true (end != fields[j] && *end == '\0');
          g_assert_true (isfinite (v));
          g_array_append_val (rows, v);
        }
    }
  return rows;
}

/* run-small.spinelab: tstop 20 ms, record_interval 0.5 ms, so rows at
 * t = 0, 0.5, …, 20: 41 rows; a 0.1 nA step from 2 to 12 ms on the soma. */
static void
test_run_csv (void)
{
  g_autofree char *session = data_path ("run-small.spinelab");
  g_autofree char *dir = g_dir_make_tmp ("sl-run-XXXXXX", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *csv = NULL;
  g_autoptr (GArray) rows = NULL;
  const char *args[] = { "run", session, "--out", csv_path, NULL };
  double v_rest, v_step;

  g_assert_cmpint (run (args, NULL, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  rows = parse_csv (csv, "t,v_soma,v_A", 3);
  g_assert_cmpuint (rows->len / 3, ==, 41);
  for (guint r = 0; r < 41; r++)
    g_assert_cmpfloat_with_epsilon (g_array_index (rows, double, 3 * r), 0.5 * r, 1e-9);

  /* Starts at v_init and the step depolarises the soma (by I·R_in, many
   * mV for 0.1 nA on this small cell). */
  g_assert_cmpfloat (g_array_index (rows, double, 1), ==, -70);
  v_rest = g_array_index (rows, double, 3 * 3 + 1);     /* t = 1.5 */
  v_step = g_array_index (rows, double, 3 * 23 + 1);    /* t = 11.5 */
  g_assert_cmpfloat (v_step - v_rest, >, 1.0);

  g_unlink (csv_path);
  g_rmdir (dir);
}

/* --tstop and --dt override the session; no --out writes to stdout; a
 * comma-decimal locale does not change the numbers. */
static void
test_run_options (void)
{
  g_autofree char *session = data_path ("run-small.spinelab");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GArray) rows = NULL;
  const char *args[] = { "run", session, "--tstop", "5", "--dt", "0.05", NULL };
  const char *env[] = { "LC_ALL", "de_DE.UTF-8", "LC_NUMERIC", "de_DE.UTF-8", NULL };

  g_assert_cmpint (run (args, env, &out, &err), ==, 0);
  rows = parse_csv (out, "t,v_soma,v_A", 3);
  g_assert_cmpuint (rows->len / 3, ==, 11);
  g_assert_cmpfloat_with_epsilon (g_array_index (rows, double, 30), 5.0, 1e-9);
}

/* full.spinelab: every stimulus kind and train kind, spine groups, a
 * relative SWC path; it must compile and run. */
static void
test_run_full (void)
{
  g_autofree char *session = data_path ("full.spinelab");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GArray) rows = NULL;
  const char *args[] = { "run", session, "--tstop", "10", NULL };

  g_assert_cmpint (run (args, NULL, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  /* record_interval 0.5 ms: t = 0 … 10, 21 rows. */
  rows = parse_csv (out, "t,v_soma,v_A,ca_A,w_B,g_nmda_A", 6);
  g_assert_cmpuint (rows->len / 6, ==, 21);
  /* v_init of the session. */
  g_assert_cmpfloat (g_array_index (rows, double, 1), ==, -65);
}

static void
test_run_errors (void)
{
  g_autofree char *bad = data_path ("bad/bad-number.spinelab");
  g_autofree char *missing_morph = data_path ("bad/missing-morphology.spinelab");
  g_autofree char *small = data_path ("run-small.spinelab");
  g_autofree char *where = g_strdup_printf ("%s:8: ", bad);
  const char *cases[][6] = {
    { "run", NULL },
    { "run", "/nonexistent/x.spinelab", NULL },
    { "run", bad, NULL },
    { "run", missing_morph, NULL },
    { "run", bad, "--tstop", "-3", NULL },
    { "run", bad, "--frobnicate", NULL },
    /* 10^8 ms at 0.5 ms: 2·10^8 rows would not fit in memory. */
    { "run", small, "--tstop", "1e8", NULL },
    /* record_interval 0.5 ms is not a whole number of 0.3 ms steps. */
    { "run", small, "--dt", "0.3", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run (cases[i], NULL, &out, &err), ==, 1);
      g_test_message ("%s", err);
      g_assert_cmpstr (out, ==, "");
      /* One line. */
      g_assert_true (g_str_has_prefix (err, "spinelab: run: "));
      g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
      if (i == 2)
        g_assert_nonnull (strstr (err, where));
      if (i == 6)
        g_assert_nonnull (strstr (err, "raise record_interval"));
      if (i == 7)
        g_assert_nonnull (strstr (err, "not a whole number of steps"));
    }
}

/* A location that parses but does not exist on the cell: the compile
 * step refuses it. */
static void
test_run_unknown_spine (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sl-run-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "s.spinelab", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *xml =
    "<spinelab-session version=\"1\">\n"
    "  <model><morphology bundled=\"ball-and-stick\"/></model>\n"
    "  <protocol tstop=\"5\"><recording name=\"v\" variable=\"v\" location=\"spine:nowhere\"/></protocol>\n"
    "</spinelab-session>\n";
  const char *args[] = { "run", path, NULL };

  g_assert_true (g_file_set_contents (path, xml, -1, NULL));
  g_assert_cmpint (run (args, NULL, &out, &err), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "nowhere"));
  g_unlink (path);
  g_rmdir (dir);
}

/* A rule whose parameters leave it inert gets a warning on stderr (the
 * run still succeeds): Chindemi on two placed spines without c_pre and
 * c_post; with them, no warning. */
static void
test_run_inert_rule (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sl-run-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "s.spinelab", NULL);
  /* the rule line, without and with a c_pre */
  static const char * const rules[] = {
    "<rule target=\"all\" name=\"chindemi\"/>",
    "<rule target=\"all\" name=\"chindemi\"><param name=\"c_pre\" value=\"0.05\"/></rule>",
  };
  const char *args[] = { "run", path, NULL };

  for (int calibrated = 0; calibrated < 2; calibrated++)
    {
      g_autofree char *xml = g_strconcat (
        "<spinelab-session version=\"1\">\n"
        "  <model><morphology bundled=\"ball-and-stick\"/>\n"
        "    <spines><spine id=\"a\" location=\"path:basal:50\"/>"
        "<spine id=\"b\" location=\"path:basal:60\"/></spines>\n"
        "    <rules>", rules[calibrated], "</rules>\n"
        "  </model>\n"
        "  <protocol tstop=\"5\"><recording name=\"w\" variable=\"w\" location=\"spine:a\"/></protocol>\n"
        "</spinelab-session>\n", NULL);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_true (g_file_set_contents (path, xml, -1, NULL));
      g_assert_cmpint (run (args, NULL, &out, &err), ==, 0);
      g_test_message ("stderr: %s", err);
      if (calibrated)
        g_assert_null (strstr (err, "warning"));
      else
        {
          g_assert_nonnull (strstr (err, "warning: 2 spines (chindemi, e.g. a)"));
          g_assert_nonnull (strstr (err, "Measure thresholds"));
        }
    }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  spinelab = sl_test_program_init (&argc, &argv);

  g_test_add_func ("/protocol/cmd-run/csv", test_run_csv);
  g_test_add_func ("/protocol/cmd-run/options", test_run_options);
  g_test_add_func ("/protocol/cmd-run/full", test_run_full);
  g_test_add_func ("/protocol/cmd-run/errors", test_run_errors);
  g_test_add_func ("/protocol/cmd-run/unknown-spine", test_run_unknown_spine);
  g_test_add_func ("/protocol/cmd-run/inert-rule", test_run_inert_rule);

  return g_test_run ();
}
