/* test-validation-sessions.c: the checked-in sessions of the cable-based
 * validation experiments (tests/data/validation/) are exactly the
 * sessions the experiments run (sl-validate-sessions.c), and each one
 * loads, compiles and resolves its protocol on its cell.
 *
 * Regenerate the files after changing a builder:
 *   SL_WRITE_VALIDATION_SESSIONS=1 ./test-validation-sessions */
#include <math.h>
#include <string.h>

#include "sl-rule-graupner-brunel.h"
#include "sl-validate-cable-private.h"

static void
check_one (gconstpointer data)
{
  const SlVcSessionEntry *entry = data;
  g_autofree char *path = g_build_filename (SL_TEST_DATA_DIR, "validation", entry->file, NULL);
  g_autoptr(SlSession) built = entry->build ();
  g_autoptr(SlSession) loaded = NULL;
  g_autoptr(SlModel) model = NULL;
  g_autoptr(SlProtocol) protocol = NULL;
  g_autoptr(SlMorphology) from_file = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("SL_WRITE_VALIDATION_SESSIONS") != NULL)
    {
      g_assert_true (sl_session_save (built, path, &error));
      g_assert_no_error (error);
    }
  loaded = sl_session_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  /* A file morphology is resolved against the session's folder on load;
   * the builder names it from the source root.  Same file, other spelling. */
  if (!g_str_has_prefix (built->model->morphology, "bundled:"))
    {
      g_autofree char *b1 = g_path_get_basename (built->model->morphology);
      g_autofree char *b2 = g_path_get_basename (loaded->model->morphology);

      g_assert_cmpstr (b1, ==, b2);
      g_assert_true (g_file_test (loaded->model->morphology, G_FILE_TEST_EXISTS));
      from_file = sl_session_load_morphology (loaded, &error);
      g_assert_no_error (error);
      g_free (loaded->model->morphology);
      loaded->model->morphology = g_strdup (built->model->morphology);
    }
  if (!sl_session_equal (built, loaded))
    {
      g_autofree char *xml = sl_session_to_data (built, NULL, NULL, NULL);

      g_test_message ("%s differs from its builder; the builder writes:\n%s", entry->file, xml);
      g_test_fail ();
      return;
    }

  model = _sl_vc_compile (loaded, &error);
  g_assert_no_error (error);
  protocol = sl_protocol_compile (loaded->protocol, model, &error);
  g_assert_no_error (error);
  g_assert_cmpint (protocol->n_recordings, ==, (int) loaded->protocol->recordings->len);
  if (from_file != NULL)
    {
      /* the in-memory V1 cylinder is the file's */
      g_autoptr(SlModel) file_model = sl_model_compile (loaded->model, from_file, &error);

      g_assert_no_error (error);
      g_assert_cmpint (file_model->n_nodes, ==, model->n_nodes);
      for (int i = 0; i < model->n_nodes; i++)
        {
          g_assert_cmpfloat (file_model->area[i], ==, model->area[i]);
          g_assert_cmpfloat (file_model->g_axial[i], ==, model->g_axial[i]);
        }
    }
}

/* The V8–V10 runs step coarsely (≤ 1 ms) between releases.  Five
 * releases of the V8 session at 1 Hz must give A the same Δρ and the same
 * head calcium peaks as the protocol's fixed dt, and B the same (zero)
 * change. */
static void
test_adaptive_matches_fixed (void)
{
  g_autoptr(SlSession) s = _sl_vc_session_v8 ();
  g_autoptr(SlModel) model = NULL;
  g_autoptr(SlProtocol) protocol = NULL;
  g_autoptr(SlState) fixed = NULL;
  g_autoptr(SlState) adaptive = NULL;
  g_autoptr(GError) error = NULL;
  SlStimulusSpec *st = &g_array_index (s->protocol->stimuli, SlStimulusSpec, 0);
  double peak_f[3] = { 0 }, peak_a[3] = { 0 }, d_f, d_a;
  guint64 steps_fixed;

  st->train.n = 5;
  s->protocol->tstop = 5100.0;
  model = _sl_vc_compile (s, &error);
  g_assert_no_error (error);
  protocol = sl_protocol_compile (s->protocol, model, &error);
  g_assert_no_error (error);
  g_assert_cmpint (model->n_spines, ==, 3);

  fixed = sl_state_new (model);
  while (fixed->t < s->protocol->tstop - 1e-9)
    {
      g_assert_true (sl_state_step (model, fixed, protocol, protocol->dt));
      for (int k = 0; k < 3; k++)
        peak_f[k] = MAX (peak_f[k], fixed->ca_head[k] - model->ca_rest);
    }
  steps_fixed = fixed->n_steps;
  adaptive = sl_state_new (model);
  g_assert_true (_sl_vc_run_adaptive (model, adaptive, protocol, s->protocol->tstop, peak_a, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (fabs (adaptive->t - fixed->t), <=, protocol->dt + 1e-6);
  g_assert_cmpuint (adaptive->n_steps, <, steps_fixed / 2);

  d_f = fixed->rule_state[model->rule_state_offset[0] + SL_GB_S_RHO] - 0.5;
  d_a = adaptive->rule_state[model->rule_state_offset[0] + SL_GB_S_RHO] - 0.5;
  g_test_message ("Δρ_A fixed %.7f, adaptive %.7f (%" G_GUINT64_FORMAT " vs %" G_GUINT64_FORMAT " steps)",
                  d_f, d_a, steps_fixed, adaptive->n_steps);
  g_assert_cmpfloat (d_f, >, 0.01);
  g_assert_cmpfloat (fabs (d_a - d_f), <, 1e-3 * d_f);
  for (int k = 0; k < 3; k++)
    g_assert_cmpfloat (fabs (peak_a[k] - peak_f[k]), <=, 1e-3 * peak_f[0]);
  g_assert_cmpfloat (fabs (adaptive->rule_state[model->rule_state_offset[1] + SL_GB_S_RHO] -
                           fixed->rule_state[model->rule_state_offset[1] + SL_GB_S_RHO]), <, 1e-6);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (int i = 0; _sl_vc_sessions[i].file != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("/validation/sessions/%s", _sl_vc_sessions[i].file);

      g_test_add_data_func (name, &_sl_vc_sessions[i], check_one);
    }
  g_test_add_func ("/validation/shafiee/adaptive-matches-fixed", test_adaptive_matches_fixed);
  return g_test_run ();
}
