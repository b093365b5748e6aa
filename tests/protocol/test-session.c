/* test-session.c: .spinelab files — reading every element, round trips,
 * refusing malformed and unsafe files with the line, atomic saving. */
#include <math.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sys/resource.h>

#include "sl-session.h"

static char *
data_path (const char *name)
{
  return g_build_filename (SL_TEST_DATA_DIR, "sessions", name, NULL);
}

static const SlStimulusSpec *
find_stimulus (const SlSession *s,
               const char      *name)
{
  for (guint i = 0; i < s->protocol->stimuli->len; i++)
    if (g_strcmp0 (g_array_index (s->protocol->stimuli, SlStimulusSpec, i).name, name) == 0)
      return &g_array_index (s->protocol->stimuli, SlStimulusSpec, i);
  return NULL;
}

static void
test_load_full (void)
{
  g_autofree char *path = data_path ("full.spinelab");
  g_autofree char *cell = data_path ("cell.swc");
  g_autoptr (GError) error = NULL;
  g_autoptr (SlSession) s = sl_session_load (path, &error);
  const SlSpineSpec *a, *b;
  const SlSpineGroupSpec *g;
  const SlStimulusSpec *st;
  const SlMechanismSpec *m;

  g_assert_no_error (error);
  g_assert_nonnull (s);

  g_assert_cmpstr (s->title, ==, "Neighbours talk");
  g_assert_cmpstr (s->text, ==, "Two spines 2 µm apart share calcium.\nStimulate A & watch B.");
  g_assert_cmpstr (s->view, ==, "{\"color-by\": \"ca\", \"camera\": [0, 0, 400]}");

  /* Relative morphology path resolved against the session's folder. */
  g_assert_true (g_path_is_absolute (s->model->morphology));
  g_assert_true (g_str_has_suffix (s->model->morphology, "/sessions/cell.swc"));
  g_assert_true (g_file_test (s->model->morphology, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_str_has_suffix (cell, "/sessions/cell.swc"));

  g_assert_cmpstr (s->model->name, ==, "full example");
  g_assert_cmpuint (s->model->seed, ==, 42);
  g_assert_cmpfloat (s->model->d_lambda, ==, 0.05);
  g_assert_cmpfloat (s->model->max_length, ==, 20);
  g_assert_cmpfloat (s->model->ca_o, ==, 1.2);
  g_assert_cmpfloat (s->model->v_init, ==, -65);

  /* The file's mechanism list replaced the defaults. */
  g_assert_cmpuint (s->model->mechanisms->len, ==, 8);
  m = &g_array_index (s->model->mechanisms, SlMechanismSpec, 4);
  g_assert_cmpstr (m->mechanism, ==, "hh");
  g_assert_null (m->param);
  m = &g_array_index (s->model->mechanisms, SlMechanismSpec, 6);
  g_assert_cmpint (m->value.kind, ==, SL_PROFILE_SIGMOID);
  g_assert_cmpfloat (m->value.d_mid, ==, 100);
  g_assert_cmpfloat (m->value.width, ==, 20);

  /* Overrides start from the spine defaults. */
  g_assert_cmpuint (s->model->spine_groups->len, ==, 1);
  g = &g_array_index (s->model->spine_groups, SlSpineGroupSpec, 0);
  g_assert_cmpuint (g->seed, ==, 7);
  g_assert_cmpfloat (g->geometry.head_volume, ==, 0.163);
  g_assert_cmpfloat (g->geometry.neck_diam, ==, 0.15);
  g_assert_cmpfloat (g->synapse.g_ampa, ==, 0.00194);
  g_assert_cmpint (g->synapse.mg_block, ==, SL_MG_VARGAS_CABALLERO);
  g_assert_cmpfloat (g->synapse.tau_d_nmda, ==, 70);
  g_assert_cmpuint (s->model->spines->len, ==, 2);
  a = &g_array_index (s->model->spines, SlSpineSpec, 0);
  b = &g_array_index (s->model->spines, SlSpineSpec, 1);
  g_assert_cmpstr (a->location, ==, "path:basal:50");
  g_assert_cmpfloat (a->geometry.neck_diam, ==, 0.15);
  g_assert_cmpfloat (b->geometry.neck_diam, ==, 0.1);
  g_assert_cmpfloat (b->geometry.head_volume, ==, 0.087);
  g_assert_cmpint (b->synapse.n_rrp, ==, 4);
  g_assert_true (b->synapse.stochastic_release);

  g_assert_cmpuint (s->model->rules->len, ==, 4);
  g_assert_cmpstr (g_array_index (s->model->rules, SlRuleAssignment, 3).target, ==, "spine:B");
  g_assert_cmpuint (g_array_index (s->model->rules, SlRuleAssignment, 0).params->len, ==, 2);
  g_assert_true (s->model->calcium.diffusion);

  g_assert_cmpfloat (s->protocol->tstop, ==, 6000);
  g_assert_cmpfloat (s->protocol->record_interval, ==, 0.5);
  g_assert_cmpuint (s->protocol->stimuli->len, ==, 10);
  g_assert_cmpuint (s->protocol->recordings->len, ==, 5);
  st = find_stimulus (s, "jang");
  g_assert_cmpint (st->train.kind, ==, SL_TRAIN_PIECEWISE);
  g_assert_cmpuint (st->train.segments->len, ==, 2);
  g_assert_cmpint (st->train.n_repeats, ==, 10);
  st = find_stimulus (s, "explicit");
  g_assert_cmpuint (st->train.times->len, ==, 3);
  g_assert_cmpfloat (g_array_index (st->train.times, double, 1), ==, 12.5);
  st = find_stimulus (s, "inward");
  g_assert_cmpint (st->kind, ==, SL_STIM_SEQUENCE);
  g_assert_cmpuint (g_strv_length (st->targets), ==, 2);
  g_assert_cmpstr (st->targets[0], ==, "spine:B");
  st = find_stimulus (s, "pairing");
  g_assert_cmpfloat (st->offset, ==, 10);
  g_assert_cmpstr (st->post_target, ==, "soma");
  st = find_stimulus (s, "poisson");
  g_assert_cmpuint (st->train.seed, ==, 99);
}

/* Saved into another folder, read back: equal specs, and saving again
 * gives the same bytes. */
static void
test_round_trip (void)
{
  g_autofree char *path = data_path ("full.spinelab");
  g_autofree char *dir = g_dir_make_tmp ("sl-session-XXXXXX", NULL);
  g_autofree char *out1 = g_build_filename (dir, "a.spinelab", NULL);
  g_autofree char *out2 = g_build_filename (dir, "b.spinelab", NULL);
  g_autofree char *bytes1 = NULL;
  g_autofree char *bytes2 = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SlSession) s1 = sl_session_load (path, &error);
  g_autoptr (SlSession) s2 = NULL;
  g_autoptr (SlSession) s3 = NULL;

  g_assert_no_error (error);
  g_assert_true (sl_session_save (s1, out1, &error));
  g_assert_no_error (error);
  s2 = sl_session_load (out1, &error);
  g_assert_no_error (error);
  g_assert_true (sl_session_equal (s1, s2));
  g_assert_true (sl_session_save (s2, out2, &error));
  g_assert_true (g_file_get_contents (out1, &bytes1, NULL, NULL));
  g_assert_true (g_file_get_contents (out2, &bytes2, NULL, NULL));
  g_assert_cmpstr (bytes1, ==, bytes2);

  /* A copy of the loaded session is equal too; a change is seen. */
  s3 = sl_session_copy (s2);
  g_assert_true (sl_session_equal (s2, s3));
  g_free (s3->view);
  s3->view = NULL;
  g_assert_false (sl_session_equal (s2, s3));

  g_unlink (out1);
  g_unlink (out2);
  g_rmdir (dir);
}

/* Awkward values written by code, not by hand: doubles that %.15g cannot
 * hold, markup characters, tabs and newlines in attributes. */
static void
test_round_trip_awkward (void)
{
  g_autoptr (SlSession) s = sl_session_new ();
  g_autoptr (SlSession) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *xml = NULL;
  SlSpineSpec *spine;
  SlStimulusSpec *st;
  gsize len = 0;

  s->model->morphology = g_strdup ("bundled:ball-and-stick");
  s->model->name = g_strdup ("a <b> & \"c\"\tnew\nline");
  s->model->seed = G_MAXUINT64;
  s->model->d_lambda = 0.1 + 0.2;
  s->model->celsius = 1.0 / 3.0;
  s->model->calcium.ca_rest = 1e-300;
  s->title = g_strdup ("Title with ]]> and &amp; and \r\n CRLF");
  spine = sl_model_spec_add_spine (s->model, "x", "xyz:0.1,-2,3e2");
  spine->synapse.e_nmda = -3;
  st = sl_protocol_spec_add_stimulus (s->protocol, "e", SL_STIM_SPIKES, "spine:x");
  st->train.kind = SL_TRAIN_EXPLICIT;
  st->train.times = g_array_new (FALSE, FALSE, sizeof (double));
  for (int i = 0; i < 5; i++)
    {
      double t = i / 7.0;

      g_array_append_val (st->train.times, t);
    }
  st = sl_protocol_spec_add_stimulus (s->protocol, "step", SL_STIM_ICLAMP_STEP, "soma");
  st->amp = -0.05;
  st->dur = 1e9;

  xml = sl_session_to_data (s, NULL, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, ==, strlen (xml));
  back = sl_session_new_from_data (xml, len, NULL, "awkward", 0, &error);
  g_assert_no_error (error);
  g_assert_true (sl_model_spec_equal (s->model, back->model));
  g_assert_true (sl_protocol_spec_equal (s->protocol, back->protocol));
  g_assert_true (sl_session_equal (s, back));
}

typedef struct
{
  const char *file;
  int         code;
  int         line;
  const char *fragment;
} Malformed;

static const Malformed malformed[] = {
  { "bad-version.spinelab", SL_SESSION_ERROR_VERSION, 2, "version '2' is not supported" },
  { "wrong-root.spinelab", SL_SESSION_ERROR_VERSION, 2, "not a SpineLab session" },
  { "unknown-element.spinelab", SL_SESSION_ERROR_INVALID, 7, "<spline>: unknown element inside <spines>" },
  { "unknown-attribute.spinelab", SL_SESSION_ERROR_INVALID, 5, "unknown attribute 'temperature'" },
  { "bad-number.spinelab", SL_SESSION_ERROR_INVALID, 8, "attribute 'rate' is not a number ('fast')" },
  { "nan-number.spinelab", SL_SESSION_ERROR_INVALID, 5, "attribute 'tau_head' is not a number ('nan')" },
  { "missing-morphology.spinelab", SL_SESSION_ERROR_MORPHOLOGY, 4, "morphology file 'no-such-cell.swc' not found" },
  { "unknown-stimulus-kind.spinelab", SL_SESSION_ERROR_INVALID, 8, "unknown kind 'laser'" },
  { "unknown-train-kind.spinelab", SL_SESSION_ERROR_INVALID, 8, "unknown kind 'gamma'" },
  { "missing-attribute.spinelab", SL_SESSION_ERROR_INVALID, 6, "missing attribute 'location'" },
  { "out-of-range.spinelab", SL_SESSION_ERROR_INVALID, 6, "spine 'a': neck_diam must be > 0 (got -1)" },
  { "duplicate-spine.spinelab", SL_SESSION_ERROR_INVALID, 7, "spine id 'a' used twice" },
  { "bad-location.spinelab", SL_SESSION_ERROR_INVALID, 7, "location 'xyz:1,2'" },
  { "burst-overlap.spinelab", SL_SESSION_ERROR_INVALID, 7, "a burst lasts 200 ms" },
  { "not-well-formed.spinelab", SL_SESSION_ERROR_PARSE, 5, "not well-formed XML" },
  { "undeclared-entity.spinelab", SL_SESSION_ERROR_PARSE, 3, "not well-formed XML" },
  { "xxe.spinelab", SL_SESSION_ERROR_UNSAFE, 2, "DOCTYPE declarations are not allowed" },
  { "billion-laughs.spinelab", SL_SESSION_ERROR_UNSAFE, 2, "DOCTYPE declarations are not allowed" },
};

static void
test_malformed (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *name = g_build_filename ("bad", malformed[i].file, NULL);
      g_autofree char *path = data_path (name);
      g_autofree char *where = g_strdup_printf ("%s:%d: ", path, malformed[i].line);
      g_autoptr (GError) error = NULL;
      g_autoptr (SlSession) s = sl_session_load (path, &error);

      g_test_message ("%s → %s", malformed[i].file, error ? error->message : "(loaded)");
      g_assert_null (s);
      g_assert_error (error, SL_SESSION_ERROR, malformed[i].code);
      /* One line, starting with file:line. */
      g_assert_true (g_str_has_prefix (error->message, where));
      g_assert_nonnull (strstr (error->message, malformed[i].fragment));
      g_assert_null (strchr (error->message, '\n'));
    }
}

static void
test_missing_morphology_allowed (void)
{
  g_autofree char *path = data_path ("bad/missing-morphology.spinelab");
  g_autoptr (GError) error = NULL;
  g_autoptr (SlSession) s = sl_session_load_full (path, SL_SESSION_LOAD_ALLOW_MISSING_MORPHOLOGY, &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (s->model->morphology, "/bad/no-such-cell.swc"));
}

/* Morphology paths: relative when close, absolute when far. */
static void
test_morphology_paths (void)
{
  g_autoptr (SlSession) s = sl_session_new ();
  g_autofree char *near = NULL;
  g_autofree char *far = NULL;

  s->model->morphology = g_strdup ("/data/cells/l5.swc");
  near = sl_session_to_data (s, "/data/sessions/2026", NULL, NULL);
  g_assert_nonnull (strstr (near, "<morphology file=\"../../cells/l5.swc\"/>"));
  far = sl_session_to_data (s, "/home/a/b/c/d", NULL, NULL);
  g_assert_nonnull (strstr (far, "<morphology file=\"/data/cells/l5.swc\"/>"));
}

static void
test_load_morphology (void)
{
  g_autofree char *path = data_path ("full.spinelab");
  g_autoptr (SlSession) s = sl_session_load (path, NULL);
  g_autoptr (SlMorphology) from_file = NULL;
  g_autoptr (SlMorphology) bundled = NULL;
  g_autoptr (SlMorphology) none = NULL;
  g_autoptr (GError) error = NULL;

  /* cell.swc: 4 points, a soma and a basal dendrite. */
  from_file = sl_session_load_morphology (s, &error);
  g_assert_no_error (error);
  g_assert_cmpint (from_file->n_points, ==, 4);

  g_free (s->model->morphology);
  s->model->morphology = g_strdup ("bundled:ball-and-stick");
  bundled = sl_session_load_morphology (s, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bundled->n_points, >, 4);

  g_free (s->model->morphology);
  s->model->morphology = g_strdup ("bundled:no-such-cell");
  none = sl_session_load_morphology (s, &error);
  g_assert_null (none);
  g_assert_nonnull (error);
}

static guint
count_entries (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* A failed save leaves the old file as it was and no temporary file. */
static void
test_atomic_save (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sl-session-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "s.spinelab", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (SlSession) s = sl_session_new ();
  g_autoptr (GError) error = NULL;

  s->model->morphology = g_strdup ("bundled:ball-and-stick");
  g_assert_true (sl_session_save (s, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  /* An invalid spec is refused before anything is written. */
  s->model->celsius = NAN;
  g_assert_false (sl_session_save (s, path, &error));
  g_assert_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "celsius must be a finite number"));
  g_clear_error (&error);
  s->model->celsius = 20;

  /* 1. The directory is read-only: the temporary file cannot be made.
   * (root ignores the permission bits, so this part needs a user.) */
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  if (access (dir, W_OK) != 0)
    {
      g_assert_false (sl_session_save (s, path, &error));
      g_assert_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO);
      g_test_message ("read-only save: %s", error->message);
      g_clear_error (&error);
    }
  else
    g_test_message ("read-only directory part skipped: running as root");
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_clear_pointer (&after, g_free);

  /* 2. The write fails half way (file size limit, which binds root too):
   * the temporary is removed and the old file stays. */
  {
    struct rlimit old_limit, small = { 256, 0 };
    void (*old_handler) (int) = signal (SIGXFSZ, SIG_IGN);

    g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
    small.rlim_max = old_limit.rlim_max;
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
    g_assert_false (sl_session_save (s, path, &error));
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
    signal (SIGXFSZ, old_handler);
    g_assert_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO);
    g_test_message ("short write: %s", error->message);
    g_clear_error (&error);
  }
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* And a save that succeeds replaces it, still one file. */
  g_assert_true (sl_session_save (s, path, &error));
  g_clear_pointer (&after, g_free);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_nonnull (strstr (after, "celsius=\"20\""));
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_unlink (path);
  g_rmdir (dir);
}

static void
collect_sessions (const char *dir,
                  GPtrArray  *out)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && strcmp (name, "bad") != 0 &&
          name[0] != '.' && !g_str_has_prefix (name, "build"))
        collect_sessions (path, out);
      else if (g_str_has_suffix (name, ".spinelab"))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

/* Every session checked into the repository (lessons, validation
 * experiments, benchmarks) loads and survives a save/reload round trip. */
static void
test_repository_sessions (void)
{
  const char *source = g_getenv ("SL_SOURCE_DIR");
  const char *subdirs[] = { "tests", "resources" };
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  if (source == NULL)
    {
      g_test_skip ("SL_SOURCE_DIR not set");
      return;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *dir = g_build_filename (source, subdirs[i], NULL);

      collect_sessions (dir, files);
    }
  g_assert_cmpuint (files->len, >=, 2);   /* full and run-small at least */

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = files->pdata[i];
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *xml = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (SlSession) s = sl_session_load (path, &error);
      g_autoptr (SlSession) back = NULL;
      gsize len = 0;

      g_test_message ("%s", path);
      g_assert_no_error (error);
      xml = sl_session_to_data (s, dir, &len, &error);
      g_assert_no_error (error);
      back = sl_session_new_from_data (xml, len, dir, path, 0, &error);
      g_assert_no_error (error);
      g_assert_true (sl_session_equal (s, back));
    }
}

/* A file over 64 MiB is refused before it is read (sparse, costs no disk). */
static void
test_too_large (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sl-session-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.spinelab", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SlSession) s = NULL;
  FILE *f = fopen (path, "w");

  g_assert_nonnull (f);
  g_assert_cmpint (ftruncate (fileno (f), 100 << 20), ==, 0);
  fclose (f);
  s = sl_session_load (path, &error);
  g_assert_null (s);
  g_assert_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "too large"));
  g_unlink (path);
  g_rmdir (dir);
}

/* Data that is not a session at all, or is cut short, never crashes. */
static void
test_garbage (void)
{
  g_autofree char *path = data_path ("full.spinelab");
  g_autofree char *data = NULL;
  gsize len = 0;
  const char *junk[] = { "", "\0\0\0", "plain text", "<a/>", "<spinelab-session/>",
                         "<spinelab-session version=\"1\"/>" };

  for (gsize i = 0; i < G_N_ELEMENTS (junk); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SlSession) s = sl_session_new_from_data (junk[i], i == 1 ? 3 : strlen (junk[i]),
                                                          NULL, NULL, 0, &error);

      g_assert_null (s);
      g_assert_nonnull (error);
    }

  /* Every prefix of a valid file either loads or fails cleanly. */
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  for (gsize cut = 0; cut < len; cut += 37)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *dir = g_path_get_dirname (path);
      g_autoptr (SlSession) s = sl_session_new_from_data (data, cut, dir, NULL, 0, &error);

      g_assert_true ((s == NULL) != (error == NULL));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/protocol/session/load-full", test_load_full);
  g_test_add_func ("/protocol/session/round-trip", test_round_trip);
  g_test_add_func ("/protocol/session/round-trip-awkward", test_round_trip_awkward);
  g_test_add_func ("/protocol/session/malformed", test_malformed);
  g_test_add_func ("/protocol/session/missing-morphology-allowed", test_missing_morphology_allowed);
  g_test_add_func ("/protocol/session/morphology-paths", test_morphology_paths);
  g_test_add_func ("/protocol/session/load-morphology", test_load_morphology);
  g_test_add_func ("/protocol/session/atomic-save", test_atomic_save);
  g_test_add_func ("/protocol/session/repository-sessions", test_repository_sessions);
  g_test_add_func ("/protocol/session/too-large", test_too_large);
  g_test_add_func ("/protocol/session/garbage", test_garbage);

  return g_test_run ();
}
