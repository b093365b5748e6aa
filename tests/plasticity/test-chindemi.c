/* test-chindemi.c: Ca_o helpers, initialisation, integrator, expression. */
#include <math.h>

#include "sl-rule.h"
#include "sl-rule-chindemi.h"

static const SlRuleClass *
chi_params (double *p)
{
  const SlRuleClass *cls = sl_rule_lookup ("chindemi", NULL);

  sl_rule_params_init (cls, p);
  return cls;
}

/* models.md §2.4 and §1.5 [D values] */
static void
test_ca_o_helpers (void)
{
  g_assert_cmpfloat_with_epsilon (sl_chindemi_use_hill_factor (2.0), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_chindemi_use_hill_factor (1.2), 0.158, 5e-4);
  g_assert_cmpfloat_with_epsilon (sl_chindemi_use_hill_factor (1.0), 0.078, 5e-4);
  g_assert_cmpfloat_with_epsilon (sl_chindemi_nmda_pf (2.0), 0.0505, 5e-5);
  g_assert_cmpfloat_with_epsilon (sl_chindemi_nmda_pf (1.2), 0.0314, 5e-5);
  g_assert_cmpfloat_with_epsilon (sl_chindemi_nmda_pf (1.0), 0.0264, 5e-5);
}

static void
test_init_rules (void)
{
  double p[SL_CHI_N_PARAMS], s[SL_CHI_N_STATE];
  const SlRuleClass *cls = chi_params (p);
  int ups = 0;

  p[SL_CHI_U0] = 0.38;
  p[SL_CHI_RHO0] = 0.0;
  cls->init (p, s, 0, 2.0);
  g_assert_cmpfloat (s[SL_CHI_S_U_D], ==, 0.38);
  g_assert_cmpfloat_with_epsilon (s[SL_CHI_S_U_P], pow (0.38, 0.2), 1e-15);
  g_assert_cmpfloat (s[SL_CHI_S_G_D], ==, 2.0);
  g_assert_cmpfloat (s[SL_CHI_S_G_P], ==, 4.0);

  p[SL_CHI_RHO0] = 1.0;
  cls->init (p, s, 0, 2.0);
  g_assert_cmpfloat (s[SL_CHI_S_U_P], ==, 0.38);
  g_assert_cmpfloat_with_epsilon (s[SL_CHI_S_U_D], pow (0.38, 5.0), 1e-15);
  g_assert_cmpfloat (s[SL_CHI_S_G_P], ==, 2.0);
  g_assert_cmpfloat (s[SL_CHI_S_G_D], ==, 1.0);

  /* ρ0 ~ Bernoulli(U0): 4000 synapses, 3σ band of the binomial */
  p[SL_CHI_RHO0] = -1.0;
  for (int k = 0; k < 4000; k++)
    {
      cls->init (p, s, sl_rule_synapse_seed (3, k), 1.0);
      ups += s[SL_CHI_S_RHO] == 1.0;
    }
  g_assert_cmpfloat (fabs (ups / 4000.0 - 0.38), <, 3.0 * sqrt (0.38 * 0.62 / 4000.0));
}

/* c* relaxes to τ*·([Ca] − [Ca]₀); the thresholds are the a-weighted sums
 * of C_pre, C_post; held above θ_p the synapse potentiates and ĝ, U_SE move
 * toward their potentiated targets. */
static void
test_integrator_and_expression (void)
{
  double p[SL_CHI_N_PARAMS], s[SL_CHI_N_STATE];
  const SlRuleClass *cls = chi_params (p);
  double excess = 1e-3, c_ss;

  p[SL_CHI_RHO0] = 0.0;
  p[SL_CHI_C_PRE] = 0.05;
  p[SL_CHI_C_POST] = 0.06;
  cls->init (p, s, 0, 1.0);
  g_assert_cmpfloat_with_epsilon (s[SL_CHI_S_THETA_D], 1.002 * 0.05 + 1.954 * 0.06, 1e-15);
  g_assert_cmpfloat_with_epsilon (s[SL_CHI_S_THETA_P], 1.159 * 0.05 + 2.483 * 0.06, 1e-15);
  c_ss = p[SL_CHI_TAU_STAR] * excess;
  g_assert_cmpfloat (c_ss, >, s[SL_CHI_S_THETA_P]);
  for (int i = 0; i < 400000; i++)   /* 400 s at 1 ms */
    {
      SlRuleInput in;

      sl_rule_input_clear (&in, i, 1.0);
      in.ca = in.ca_rest + excess;
      cls->step (p, s, &in);
    }
  g_assert_cmpfloat_with_epsilon (s[SL_CHI_S_C_STAR], c_ss, 1e-9);
  /* ρ* of the drift with both thresholds crossed: γ_p(1−ρ) = γ_d ρ plus the
   * cubic; ρ ends far above 0.5 */
  g_assert_cmpfloat (s[SL_CHI_S_RHO], >, 0.6);
  g_assert_cmpfloat (cls->weight (p, s), >, 1.5);
  g_assert_cmpfloat (cls->release_scale (p, s), >, 1.0);
  /* fast-forward: fully potentiated, U_SE = U0^ν, ĝ = 2ĝ0 */
  sl_chindemi_fast_forward (p, s);
  g_assert_cmpfloat (s[SL_CHI_S_RHO], ==, 1.0);
  g_assert_cmpfloat_with_epsilon (cls->weight (p, s), 2.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (cls->release_scale (p, s), pow (0.38, 0.2) / 0.38, 1e-12);

  /* uncalibrated (C_pre = C_post = 0): ρ only relaxes, ĝ stays */
  p[SL_CHI_C_PRE] = p[SL_CHI_C_POST] = 0.0;
  cls->init (p, s, 0, 1.0);
  for (int i = 0; i < 10000; i++)
    {
      SlRuleInput in;

      sl_rule_input_clear (&in, i, 1.0);
      in.ca = in.ca_rest + excess;
      cls->step (p, s, &in);
    }
  g_assert_cmpfloat (s[SL_CHI_S_RHO], ==, 0.0);
  g_assert_cmpfloat (cls->weight (p, s), ==, 1.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plasticity/chindemi/ca-o-helpers", test_ca_o_helpers);
  g_test_add_func ("/plasticity/chindemi/init", test_init_rules);
  g_test_add_func ("/plasticity/chindemi/integrator-and-expression", test_integrator_and_expression);
  return g_test_run ();
}
