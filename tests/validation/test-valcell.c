/* test-valcell.c: the sessions of V11 and V12 (models.md §7) — the V11
 * test file and the V12 lesson — are exactly what the experiments'
 * builders make, they load and compile, and the run loop the experiments
 * use (coarse steps between stimuli) gives the same plasticity as the
 * protocol's fixed dt.
 *
 * Regenerate the files after changing a builder:
 *   SL_WRITE_VALIDATION_SESSIONS=1 ./test-valcell */
#include <math.h>
#include <string.h>

#include "sl-config.h"
#include "sl-rule-chindemi.h"
#include "sl-validate-cell-private.h"
#include "sl-validate-chindemi-private.h"

typedef SlSession *(*Builder) (GError **error);

typedef struct
{
  const char *file;   /* relative to the source root */
  Builder     build;
} Entry;

static const Entry entries[] = {
  { SL_VCELL_V11_FILE, _sl_vcell_session_v11 },
  { SL_VCELL_V12_FILE, _sl_vcell_session_v12 },
  { SL_VCELL_V11_VITRO_LESSON, _sl_vcell_lesson_v11_vitro },
  { SL_VCELL_V11_VIVO_LESSON, _sl_vcell_lesson_v11_vivo },
};

static void
check_session (gconstpointer data)
{
  const Entry *e = data;
  g_autofree char *path = g_build_filename (SL_SOURCE_DIR, e->file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSession) built = e->build (&error);
  g_autoptr(SlSession) loaded = NULL;
  g_autoptr(SlModel) model = NULL;
  g_autoptr(SlProtocol) protocol = NULL;

  g_assert_no_error (error);
  if (g_getenv ("SL_WRITE_VALIDATION_SESSIONS") != NULL)
    {
      g_assert_true (sl_session_save (built, path, &error));
      g_assert_no_error (error);
    }
  loaded = sl_session_load (path, &error);
  g_assert_no_error (error);
  if (!sl_session_equal (built, loaded))
    {
      g_autofree char *xml = sl_session_to_data (built, NULL, NULL, NULL);

      g_test_message ("%s differs from its builder; the builder writes:\n%s", e->file, xml);
      g_test_fail ();
      return;
    }
  g_assert_nonnull (loaded->title);
  g_assert_nonnull (loaded->text);
  g_assert_nonnull (loaded->expected);
  model = _sl_vcell_compile (loaded, &error);
  g_assert_no_error (error);
  protocol = sl_protocol_compile (loaded->protocol, model, &error);
  g_assert_no_error (error);
  g_assert_cmpint (model->n_spines, >, 0);
  for (int k = 0; k < model->n_spines; k++)
    g_assert_nonnull (model->spine_rule[k]);
}

/* The first two sweeps of the V11 session (stochastic release, calibrated
 * Chindemi rule), once with the experiments' run loop and once with the
 * fixed dt of the protocol: the same vesicles are drawn (one stream per
 * spine, drawn in spike order), so c*, ρ and the weights must agree to
 * the accuracy of the coarse steps at rest. */
static void
coarse_steps (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSession) s = _sl_vcell_session_v11 (&error);
  g_autoptr(SlModel) m = NULL;
  g_autoptr(SlProtocol) pr = NULL;
  g_autoptr(SlState) fine = NULL, coarse = NULL;
  double tend = 8800.0, cmax = 0.0;

  g_assert_no_error (error);
  s->protocol->tstop = tend;
  m = _sl_vcell_compile (s, &error);
  g_assert_no_error (error);
  pr = sl_protocol_compile (s->protocol, m, &error);
  g_assert_no_error (error);
  fine = sl_state_new (m);
  coarse = sl_state_new (m);
  sl_state_reset (fine);
  sl_state_reset (coarse);
  g_assert_true (sl_protocol_run (pr, m, fine, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (_sl_vcell_run (m, coarse, pr, tend, V11_SETTLE, V11_COARSE_DT, NULL, NULL,
                                &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (fabs (fine->t - coarse->t), <, 1e-6);
  for (int k = 0; k < m->n_spines; k++)
    {
      const double *a = &fine->rule_state[m->rule_state_offset[k]];
      const double *b = &coarse->rule_state[m->rule_state_offset[k]];

      cmax = MAX (cmax, a[SL_CHI_S_C_STAR]);
      g_assert_cmpfloat (fabs (a[SL_CHI_S_RHO] - b[SL_CHI_S_RHO]), <, 1e-3);
      g_assert_cmpfloat (fabs (a[SL_CHI_S_G] - b[SL_CHI_S_G]), <, 1e-4);
      g_assert_cmpfloat (fabs (a[SL_CHI_S_C_STAR] - b[SL_CHI_S_C_STAR]), <=,
                         0.01 * fabs (a[SL_CHI_S_C_STAR]) + 1e-6);
      g_assert_cmpfloat (fabs (fine->tm_r[k] - coarse->tm_r[k]), <, 1e-9);
    }
  /* the two sweeps did drive the integrator */
  g_assert_cmpfloat (cmax, >, 0.0);
}

/* The synapse releases with U × release_scale: a Chindemi synapse whose
 * U_SE has moved from U0 = 0.38 to 0.6 releases 0.6 of its vesicles on a
 * first spike (deterministic release, no facilitation, full pool), so the
 * NMDA B term jumps by φ·0.6 (then decays over the step). */
static void
release_follows_use (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSession) s = _sl_vcell_session_new ("release", "", "", "");
  g_autoptr(SlModel) m = NULL;
  g_autoptr(SlProtocol) pr = NULL;
  g_autoptr(SlState) st = NULL;
  SlSpineSpec *sp = sl_model_spec_add_spine (s->model, "s", "path:basal:100");
  SlRuleAssignment *r;
  SlStimulusSpec *stim;
  double t0 = 0.0, jump;

  sp->synapse.use_se = 0.38;
  sp->synapse.tau_fac = 0.0;
  sp->synapse.tau_dep = 100.0;
  sp->synapse.stochastic_release = FALSE;
  r = sl_model_spec_set_rule (s->model, "spine:s", "chindemi", "basal");
  _sl_vcell_rule_param (r, "u0", 0.38);
  _sl_vcell_rule_param (r, "rho0", 0.0);
  stim = sl_protocol_spec_add_stimulus (s->protocol, "pre", SL_STIM_SPIKES, "spine:s");
  stim->train.kind = SL_TRAIN_EXPLICIT;
  stim->train.times = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (stim->train.times, t0);
  s->protocol->tstop = 1.0;
  m = _sl_vcell_compile (s, &error);
  g_assert_no_error (error);
  pr = sl_protocol_compile (s->protocol, m, &error);
  g_assert_no_error (error);
  st = sl_state_new (m);
  sl_state_reset (st);
  st->rule_state[m->rule_state_offset[0] + SL_CHI_S_U_SE] = 0.6;
  g_assert_true (sl_state_step (m, st, pr, 0.025));
  g_assert_true (st->pre[0]);
  jump = st->nmda_b[0] / (m->syn_phi_nmda[0] * exp (-0.025 / m->syn_tau_d_nmda[0]));
  g_assert_cmpfloat (fabs (jump - 0.6), <, 1e-9);
}

/* V11 draws every synapse's parameters from the L5TTPC recipe
 * (models.md §3.2, §1.2–1.3) as plastyfire's epg.py does: sample moments
 * of 20000 draws against each marginal's own mean and SD; N_rrp = 1 +
 * Poisson(1.8): mean 2.8, P(1) = e^−1.8 = 0.165; the normal scores of U,
 * ĝ and N_rrp correlate at 0.9 (recipe u_gsyn_r, gsyn_nrrp_r), so the
 * sample correlation of U and ĝ must be strongly positive, and D, F are
 * uncorrelated with them. */
static void
recipe_draws (void)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (7);
  static const struct { int i; double mean, sd; } m[] = {
    { V11_DRAW_U, L5_U0, L5_U0_SD }, { V11_DRAW_DEP, L5_TAU_DEP, L5_TAU_DEP_SD },
    { V11_DRAW_FAC, L5_TAU_FAC, L5_TAU_FAC_SD }, { V11_DRAW_NRRP, L5_N_RRP_MEAN, sqrt (1.8) },
    { V11_DRAW_G, L5_G_AMPA, L5_G_AMPA_SD }, { V11_DRAW_VOLUME, L5_VOLUME, L5_VOLUME_SD },
  };
  const int n = 20000;
  double s1[V11_N_DRAW] = { 0 }, s2[V11_N_DRAW] = { 0 }, ug = 0, ud = 0, ones = 0;

  for (int j = 0; j < n; j++)
    {
      double d[V11_N_DRAW];

      _sl_v11_draw_synapse (rng, d);
      g_assert_cmpfloat (d[V11_DRAW_U], >, 0.0);
      g_assert_cmpfloat (d[V11_DRAW_U], <, 1.0);
      g_assert_cmpfloat (d[V11_DRAW_NRRP], >=, 1.0);
      g_assert_cmpfloat (d[V11_DRAW_NRRP], ==, floor (d[V11_DRAW_NRRP]));
      for (int i = 0; i < V11_N_DRAW; i++)
        {
          g_assert_cmpfloat (d[i], >, 0.0);
          s1[i] += d[i];
          s2[i] += d[i] * d[i];
        }
      ug += (d[V11_DRAW_U] - L5_U0) * (d[V11_DRAW_G] - L5_G_AMPA);
      ud += (d[V11_DRAW_U] - L5_U0) * (d[V11_DRAW_DEP] - L5_TAU_DEP);
      ones += d[V11_DRAW_NRRP] == 1.0;
    }
  for (gsize k = 0; k < G_N_ELEMENTS (m); k++)
    {
      double mean = s1[m[k].i] / n, sd = sqrt (s2[m[k].i] / n - mean * mean);

      /* SEM of the mean ≤ SD/√n < 1.3 % of the mean here (τ_fac: SD/mean 1.8) */
      g_assert_cmpfloat (fabs (mean - m[k].mean), <, 0.05 * m[k].mean);
      g_assert_cmpfloat (fabs (sd - m[k].sd), <, 0.1 * m[k].sd);
    }
  g_assert_cmpfloat (fabs (ones / n - exp (-1.8)), <, 0.015);
  g_assert_cmpfloat (ug / n / (L5_U0_SD * L5_G_AMPA_SD), >, 0.75);
  g_assert_cmpfloat (fabs (ud / n / (L5_U0_SD * L5_TAU_DEP_SD)), <, 0.05);
}

/* Each V11 synapse carries its own draw into the session, and the C_pre
 * session follows plastyfire's c_pre_finder: U_SE = 1, every vesicle at
 * once, ĝ_AMPA = ĝ_p (2ĝ0 for ρ0 = 0), ĝ_NMDA = 0.55·ĝ0 unchanged. */
static void
v11_connection_session (void)
{
  V11Conn conn;
  V11Case cs = { 2.0, 10, 10 };
  V11Cal cal = { 1.0, 2.0 };
  g_autoptr(SlSession) ind = NULL, pre = NULL;
  gboolean nrrp_varies = FALSE;

  _sl_v11_conn_init (&conn, 0);
  ind = _sl_v11_session (&cs, &conn, &cal, MODE_INDUCTION);
  pre = _sl_v11_session (&cs, &conn, &cal, MODE_CAL_PRE);
  g_assert_cmpuint (ind->model->spines->len, ==, N_SYN);
  for (int k = 0; k < N_SYN; k++)
    {
      const SlSpineSpec *a = &g_array_index (ind->model->spines, SlSpineSpec, k);
      const SlSpineSpec *b = &g_array_index (pre->model->spines, SlSpineSpec, k);

      g_assert_cmpfloat (a->synapse.g_ampa, ==, conn.g0[k]);
      g_assert_cmpfloat (a->synapse.use_se, ==, conn.u0[k]);
      g_assert_cmpint (a->synapse.n_rrp, ==, conn.n_rrp[k]);
      g_assert_cmpfloat (a->geometry.head_volume, ==, conn.volume[k]);
      g_assert_true (a->synapse.stochastic_release);
      g_assert_cmpfloat (b->synapse.use_se, ==, 1.0);
      g_assert_false (b->synapse.stochastic_release);
      g_assert_cmpfloat (b->synapse.g_ampa, ==, conn.g0[k] * (conn.rho0[k] > 0.5 ? 1.0 : 2.0));
      g_assert_cmpfloat (fabs (b->synapse.g_ampa * b->synapse.nmda_ratio - 0.55 * conn.g0[k]), <,
                         1e-15);
      nrrp_varies |= conn.n_rrp[k] != conn.n_rrp[0];
    }
  g_assert_true (nrrp_varies);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autofree char *name = g_path_get_basename (entries[i].file);
      g_autofree char *test = g_strdup_printf ("/validation/cell/session/%s", name);

      g_test_add_data_func (test, &entries[i], check_session);
    }
  g_test_add_func ("/validation/cell/coarse-steps", coarse_steps);
  g_test_add_func ("/validation/cell/release-follows-u-se", release_follows_use);
  g_test_add_func ("/validation/cell/v11-recipe-draws", recipe_draws);
  g_test_add_func ("/validation/cell/v11-connection-session", v11_connection_session);
  return g_test_run ();
}
