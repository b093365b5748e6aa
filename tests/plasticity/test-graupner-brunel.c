/* test-graupner-brunel.c: GB bistability, event-exact calcium, closed form. */
#include <math.h>

#include "sl-rule.h"
#include "sl-rule-graupner-brunel.h"

static const SlRuleClass *
gb_params (double *p,
           const char *preset)
{
  const SlRuleClass *cls = sl_rule_lookup ("graupner-brunel", NULL);

  sl_rule_params_init (cls, p);
  g_assert_true (sl_rule_preset_apply (cls, preset, p, NULL));
  return cls;
}

/* σ = 0, no calcium: 0 and 1 are fixed, ρ* = 0.5 separates the basins. */
static void
test_bistable (void)
{
  double p[SL_GB_N_PARAMS], s[SL_GB_N_STATE];
  const SlRuleClass *cls = gb_params (p, "DP");
  const double starts[] = { 0.0, 0.45, 0.5, 0.55, 1.0 };
  const double ends[] = { 0.0, 0.0, 0.5, 1.0, 1.0 };

  p[SL_GB_SIGMA] = 0.0;
  for (guint k = 0; k < G_N_ELEMENTS (starts); k++)
    {
      p[SL_GB_RHO0] = starts[k];
      cls->init (p, s, 1, 1.0);
      /* 60 τ of drift (near 0 and 1 the relaxation time is 2τ), 100 ms steps */
      for (int i = 0; i < 90000; i++)
        {
          SlRuleInput in;

          sl_rule_input_clear (&in, i * 100.0, 100.0);
          cls->step (p, s, &in);
        }
      g_assert_cmpfloat_with_epsilon (s[SL_GB_S_RHO], ends[k], 1e-3);
    }
}

/* A post event adds C_post at once; a pre spike adds C_pre after D; c
 * decays with τ_Ca in between, independent of the step size. */
static void
test_event_exact_calcium (void)
{
  double p[SL_GB_N_PARAMS], s[SL_GB_N_STATE];
  const SlRuleClass *cls = gb_params (p, "DP");
  const double dts[] = { 0.025, 0.5, 3.0 };

  for (guint k = 0; k < G_N_ELEMENTS (dts); k++)
    {
      double dt = dts[k], t = 0.0;

      p[SL_GB_SIGMA] = 0.0;
      cls->init (p, s, 1, 1.0);
      for (int i = 0; t < 30.0 - 1e-9; i++, t = i * dt)
        {
          SlRuleInput in;

          sl_rule_input_clear (&in, t, dt);
          in.pre = i == 0;
          cls->step (p, s, &in);
        }
      /* pre at 0 arrives at 13.7 ms; c(30) = C_pre·exp(−(30 − 13.7)/20) */
      g_assert_cmpfloat_with_epsilon (s[SL_GB_S_C], exp (-(30.0 - 13.7) / 20.0), 1e-9);
    }
}

/* Time above threshold of a lone post spike: τ_Ca·ln(C_post/θ) (the
 * "8.6 ms per pair" baseline of models.md §3.1), and of a pre spike
 * exactly at threshold: zero. */
static void
test_time_above (void)
{
  double p[SL_GB_N_PARAMS], td, tp, post = 100.0, pre = 0.0;

  gb_params (p, "DP");
  sl_gb_time_above (p, NULL, 0, &post, 1, 0.0, 1000.0, &td, &tp);
  g_assert_cmpfloat_with_epsilon (tp, 20.0 * log (2.0 / 1.3), 1e-9);
  g_assert_cmpfloat_with_epsilon (td, 20.0 * log (2.0 / 1.0), 1e-9);
  g_assert_cmpfloat_with_epsilon (tp, 8.6, 0.05);
  sl_gb_time_above (p, &pre, 1, NULL, 0, 0.0, 1000.0, &td, &tp);
  g_assert_cmpfloat (td, ==, 0.0);
  g_assert_cmpfloat (tp, ==, 0.0);
  /* clipping to the window */
  sl_gb_time_above (p, NULL, 0, &post, 1, 105.0, 1000.0, &td, &tp);
  g_assert_cmpfloat_with_epsilon (tp, 20.0 * log (2.0 / 1.3) - 5.0, 1e-9);
}

/* No calcium above threshold: nothing changes (ratio 1).  Always above
 * both thresholds for a very long time: ρ relaxes to ρ̄ = γ_p/(γ_p + γ_d)
 * with variance σ_ρ² = 2σ²/(γ_p + γ_d), so P_UP = ½(1 + erf((ρ̄ − ρ*)/σ_ρ))
 * and P_UP = 1 − P_DOWN; with σ = 0 every synapse ends UP. */
static void
test_closed_form_limits (void)
{
  double p[SL_GB_N_PARAMS], up, down, beta, b, rho_bar, sd;

  gb_params (p, "DP");
  beta = p[SL_GB_BETA];
  b = p[SL_GB_B];
  g_assert_cmpfloat_with_epsilon (sl_gb_population_ratio (p, 0.0, 0.0, 60000.0), 1.0, 1e-12);
  rho_bar = 321.808 / (321.808 + 200.0);
  sd = sqrt (2.0 * 2.8284 * 2.8284 / (321.808 + 200.0));
  sl_gb_transition_probs (p, 1.0, 1.0, 1e9, &up, &down);
  g_assert_cmpfloat_with_epsilon (up, 0.5 * (1.0 + erf ((rho_bar - 0.5) / sd)), 1e-9);
  g_assert_cmpfloat_with_epsilon (down, 1.0 - up, 1e-9);
  p[SL_GB_SIGMA] = 0.0;
  sl_gb_transition_probs (p, 1.0, 1.0, 1e9, &up, &down);
  g_assert_cmpfloat (up, ==, 1.0);
  g_assert_cmpfloat (down, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (sl_gb_population_ratio (p, 1.0, 1.0, 1e9),
                                  b / (beta + (1.0 - beta) * b), 1e-12);
}

/* The stochastic rule, 400 synapses × 60 pairs at 1 Hz, Δt = +10 and
 * −25 ms: population ratios near the closed form 1.221 and 0.729
 * (models.md §3.1), each
 * synapse counted UP or DOWN by its side of ρ* at the end.  The diffusion
 * approximation and 400 samples give a few percent spread. */
static double
population_ratio (int pre_ms,
                  int post_ms)
{
  double p[SL_GB_N_PARAMS], s[SL_GB_N_STATE], before = 0.0, after = 0.0;
  const SlRuleClass *cls = gb_params (p, "DP");
  const int n_syn = 400;

  p[SL_GB_RHO0] = -1.0;
  for (int k = 0; k < n_syn; k++)
    {
      cls->init (p, s, sl_rule_synapse_seed (42, k), 1.0);
      before += cls->weight (p, s) / s[SL_GB_S_W_DOWN];
      for (int i = 0; i < 60000; i++)
        {
          SlRuleInput in;

          sl_rule_input_clear (&in, i, 1.0);
          in.pre = i % 1000 == pre_ms;
          in.post = i % 1000 == post_ms;
          cls->step (p, s, &in);
        }
      /* after the protocol ρ relaxes to the state on its side of ρ* */
      after += s[SL_GB_S_RHO] > p[SL_GB_RHO_STAR] ? p[SL_GB_B] : 1.0;
    }
  return after / before;
}

static void
test_population_matches_closed_form (void)
{
  double ltp = population_ratio (0, 10), ltd = population_ratio (25, 0);

  g_test_message ("simulated population ratios %.3f (closed form 1.221), %.3f (0.729)", ltp, ltd);
  g_assert_cmpfloat_with_epsilon (ltp, 1.221, 0.06);
  g_assert_cmpfloat_with_epsilon (ltd, 0.729, 0.06);
}

static void
test_biophysical_mode (void)
{
  double p[SL_GB_N_PARAMS], s[SL_GB_N_STATE];
  const SlRuleClass *cls = gb_params (p, "DP");
  SlRuleInput in;

  p[SL_GB_MODE] = 1.0;
  p[SL_GB_SIGMA] = 0.0;
  p[SL_GB_CA_REF] = 1e-3;   /* 1 µM ↔ c = 1 */
  cls->init (p, s, 0, 1.0);
  sl_rule_input_clear (&in, 0.0, 1.0);
  in.ca = in.ca_rest + 1.5e-3;   /* c = 1.5 ≥ θ_p */
  cls->step (p, s, &in);
  g_assert_cmpfloat_with_epsilon (s[SL_GB_S_C], 1.5, 1e-12);
  /* dρ = (γ_p(1 − ρ) − γ_d ρ)·dt/τ at ρ = 0.5 (cubic term zero) */
  g_assert_cmpfloat_with_epsilon (s[SL_GB_S_RHO] - 0.5,
                                  (321.808 * 0.5 - 200.0 * 0.5) / 150000.0, 1e-12);
}

/* models.md §3.3 [D]: with head clearance τ = 12 ms a calcium transient of
 * peak c = 3.0 stays above θ_p for 12·ln(3/1.3) = 10.0 ms and above θ_d for
 * 12·ln 3 = 13.2 ms, moving ρ from 0.5 by +2.0·10⁻³; a neighbour peak of
 * 1.2 (above θ_d for 12·ln 1.2 = 2.2 ms only) moves it by −1.5·10⁻³.
 * By hand, piecewise exact (the cubic term is O(δρ²) near ½): while both
 * thresholds are crossed ρ relaxes to γ_p/(γ_p + γ_d) at rate
 * (γ_p + γ_d)/τ, then decays at γ_d/τ while only θ_d is crossed. */
static void
test_shafiee_single_input (void)
{
  double p[SL_GB_N_PARAMS], s[SL_GB_N_STATE];
  const SlRuleClass *cls = gb_params (p, "heterosynaptic (Shafiee)");
  const double peaks[] = { 3.0, 1.2 }, expected[] = { 2.0e-3, -1.5e-3 };
  const double gp = 321.808, gd = 200.0, tau = 150000.0;

  g_assert_cmpfloat (p[SL_GB_SIGMA], ==, 0.0);
  for (guint k = 0; k < G_N_ELEMENTS (peaks); k++)
    {
      double tp = 12.0 * MAX (log (peaks[k] / 1.3), 0.0), td = 12.0 * log (peaks[k]);
      double rb = gp / (gp + gd);
      double rho = rb + (0.5 - rb) * exp (-(gp + gd) * tp / tau);
      double hand;

      rho *= exp (-gd * (td - tp) / tau);
      hand = rho - 0.5;
      cls->init (p, s, 0, 1.0);
      for (int i = 0; i < 200 * 40; i++)
        {
          SlRuleInput in;
          double t = i * 0.025;

          sl_rule_input_clear (&in, t, 0.025);
          /* sampled at the step's midpoint */
          in.ca = in.ca_rest + p[SL_GB_CA_REF] * peaks[k] * exp (-(t + 0.0125) / 12.0);
          cls->step (p, s, &in);
        }
      g_test_message ("peak %.1f: Δρ = %.4e (by hand %.4e, models.md %.1e)",
                      peaks[k], s[SL_GB_S_RHO] - 0.5, hand, expected[k]);
      g_assert_cmpfloat_with_epsilon (s[SL_GB_S_RHO] - 0.5, hand, 0.02 * fabs (hand));
      g_assert_cmpfloat (fabs (s[SL_GB_S_RHO] - 0.5 - expected[k]), <, 0.1 * fabs (expected[k]));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plasticity/graupner-brunel/bistable", test_bistable);
  g_test_add_func ("/plasticity/graupner-brunel/event-exact-calcium", test_event_exact_calcium);
  g_test_add_func ("/plasticity/graupner-brunel/time-above", test_time_above);
  g_test_add_func ("/plasticity/graupner-brunel/closed-form-limits", test_closed_form_limits);
  g_test_add_func ("/plasticity/graupner-brunel/population", test_population_matches_closed_form);
  g_test_add_func ("/plasticity/graupner-brunel/biophysical", test_biophysical_mode);
  g_test_add_func ("/plasticity/graupner-brunel/shafiee-single-input", test_shafiee_single_input);
  return g_test_run ();
}
