/* test-info.c: `spinelab info`, run as a program (path in argv[1]). */
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "morph-test.h"
#include "../sl-test-program.h"

static const char *spinelab;

static int
run (const char  *file,
     gboolean     json,
     char       **out,
     char       **err)
{
  const char *args[] = { "info", file, json ? "--json" : NULL, NULL };

  return sl_test_run_program (spinelab, args, NULL, out, err);
}

/* The JSON without its "file" member, which names the input. */
static char *
json_without_file (const char *json)
{
  const char *format = strstr (json, "\"format\"");

  g_assert_nonnull (format);
  return g_strdup (format);
}

static void
test_json (void)
{
  g_autofree char *path = fixture_path ("ref.swc");
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run (path, TRUE, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (out, "{"));
  g_assert_nonnull (strstr (out, "\"points\": 9,"));
  g_assert_nonnull (strstr (out, "\"trees\": 1,"));
  g_assert_nonnull (strstr (out, "\"sections\": 7,"));
  /* 5 + 10 + 2√50 + 105 = 134.142 µm (%.6g) */
  g_assert_nonnull (strstr (out, "\"total_length_um\": 134.142,"));
  g_assert_nonnull (strstr (out, "\"apical\": {\"kind\": \"type\", \"type\": 4, \"points\": 2, "
                                 "\"length_um\": 105, "));
  g_assert_nonnull (strstr (out, "\"warnings\": []"));
  /* The default spec compiles on this cell. */
  g_assert_nonnull (strstr (out, "\"compartments\": "));
  g_assert_null (strstr (out, "\"compile_error\""));
}

static void
test_session (void)
{
  g_autofree char *path = g_build_filename (SL_TEST_DATA_DIR, "sessions", "run-small.spinelab", NULL);
  g_autofree char *out = NULL, *err = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no session fixture");
      return;
    }
  g_assert_cmpint (run (path, TRUE, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "\"session\": {\"morphology\": \"bundled:"));
  g_assert_nonnull (strstr (out, "\"spines\": "));
}

static void
test_same_numbers_any_format (void)
{
  g_autofree char *ref_path = fixture_path ("ref.swc");
  g_autofree char *ref_out = NULL, *ref_err = NULL;
  g_autofree char *ref_json = NULL;
  static const char *const same[] = { "unsorted-ids.swc", "quirks-crlf.swc" };

  g_assert_cmpint (run (ref_path, TRUE, &ref_out, &ref_err), ==, 0);
  ref_json = json_without_file (ref_out);
  for (gsize k = 0; k < G_N_ELEMENTS (same); k++)
    {
      g_autofree char *path = fixture_path (same[k]);
      g_autofree char *out = NULL, *err = NULL;
      g_autofree char *json = NULL;

      g_assert_cmpint (run (path, TRUE, &out, &err), ==, 0);
      json = json_without_file (out);
      g_assert_cmpstr (json, ==, ref_json);
    }

  /* The same tree written as NeuroML2 and read back: same numbers. */
  {
    g_autoptr(SlMorphology) m = load_fixture ("ref.swc");
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = g_dir_make_tmp ("spinelab-info-XXXXXX", &error);
    g_autofree char *nml = g_build_filename (dir, "ref.cell.nml", NULL);
    g_autofree char *out = NULL, *err = NULL;

    g_assert_true (sl_morphology_write_neuroml (m, nml, &error));
    g_assert_cmpint (run (nml, TRUE, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "\"total_length_um\": 134.142,"));
    g_assert_nonnull (strstr (out, "\"sections\": 7,"));
    g_assert_nonnull (strstr (out, "\"apical\": {\"kind\": \"type\", \"type\": 4, \"points\": 2, "
                                   "\"length_um\": 105, "));
    g_remove (nml);
    g_rmdir (dir);
  }
}

static void
test_text (void)
{
  g_autofree char *path = fixture_path ("cell.asc");
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run (path, FALSE, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Neurolucida ASC"));
  g_assert_nonnull (strstr (out, "contour"));
  g_assert_nonnull (strstr (out, "warning: 1 contour other than the soma ignored: \"pia\""));
}

static void
test_bad_input (void)
{
  static const struct { const char *file; int line; } bad[] = {
    { "bad-cycle.swc", 3 }, { "bad-short-row.swc", 2 }, { "bad-nan.swc", 2 },
    { "bad-missing-parent.nml", 4 }, { "bad-unbalanced.asc", 3 }, { "bad-empty.swc", -1 },
    { "no-such-file.swc", -1 },
  };

  for (gsize k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      g_autofree char *path = fixture_path (bad[k].file);
      g_autofree char *out = NULL, *err = NULL;
      g_autofree char *prefix = bad[k].line >= 0
        ? g_strdup_printf ("spinelab: %s:%d: ", path, bad[k].line)
        : g_strdup_printf ("spinelab: %s: ", path);

      g_assert_cmpint (run (path, TRUE, &out, &err), ==, 1);
      g_assert_cmpstr (out, ==, "");
      /* Exactly one line. */
      g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
      if (!g_str_has_prefix (err, prefix))
        g_error ("stderr '%s' does not start with '%s'", err, prefix);
    }
}

int
main (int    argc,
      char **argv)
{
  spinelab = sl_test_program_init (&argc, &argv);
  g_test_add_func ("/morphology/info/json", test_json);
  g_test_add_func ("/morphology/info/same-numbers-any-format", test_same_numbers_any_format);
  g_test_add_func ("/morphology/info/text", test_text);
  g_test_add_func ("/morphology/info/session", test_session);
  g_test_add_func ("/morphology/info/bad-input", test_bad_input);
  return g_test_run ();
}
