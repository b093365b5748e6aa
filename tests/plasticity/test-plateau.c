/* test-plateau.c: BTSP sigmoids, trace normalisation and episodes. */
#include <math.h>

#include "sl-rule.h"
#include "sl-rule-plateau.h"

static const SlRuleClass *
btsp_params (double *p)
{
  const SlRuleClass *cls = sl_rule_lookup ("plateau", NULL);

  sl_rule_params_init (cls, p);
  g_assert_true (sl_rule_preset_apply (cls, "CA1 BTSP", p, NULL));
  return cls;
}

static void
test_sigmoid_endpoints (void)
{
  double p[SL_BTSP_N_PARAMS];
  double prev = -1.0;

  btsp_params (p);
  g_assert_cmpfloat_with_epsilon (sl_btsp_sigmoid (0.0, p[SL_BTSP_POT_TH], p[SL_BTSP_POT_HW]), 0.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (sl_btsp_sigmoid (1.0, p[SL_BTSP_POT_TH], p[SL_BTSP_POT_HW]), 1.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (sl_btsp_sigmoid (0.0, p[SL_BTSP_DEP_TH], p[SL_BTSP_DEP_HW]), 0.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (sl_btsp_sigmoid (1.0, p[SL_BTSP_DEP_TH], p[SL_BTSP_DEP_HW]), 1.0, 1e-15);
  for (double x = 0.0; x <= 1.0; x += 0.01)
    {
      double y = sl_btsp_sigmoid (x, p[SL_BTSP_POT_TH], p[SL_BTSP_POT_HW]);

      g_assert_cmpfloat (y, >, prev);
      prev = y;
    }
  /* f_dep rises much earlier than f_pot */
  g_assert_cmpfloat (sl_btsp_sigmoid (0.1, p[SL_BTSP_DEP_TH], p[SL_BTSP_DEP_HW]), >,
                     sl_btsp_sigmoid (0.1, p[SL_BTSP_POT_TH], p[SL_BTSP_POT_HW]));
}

/* The reference burst (100 ms at 50 Hz) peaks at ET = 1; a 300 ms plateau
 * peaks at IS = 1. */
static void
test_normalisation (void)
{
  double p[SL_BTSP_N_PARAMS], s[SL_BTSP_N_STATE], et_peak = 0.0, is_peak = 0.0;
  const SlRuleClass *cls = btsp_params (p);
  const double dt = 0.1;

  cls->init (p, s, 0, 1.0);
  for (int i = 0; i < 10000; i++)
    {
      SlRuleInput in;
      double t = i * dt;

      sl_rule_input_clear (&in, t, dt);
      in.pre = i % 200 == 0 && t < 100.0 - 1e-9;
      in.plateau = t < 300.0 - 1e-9;
      /* ET is read before this step's decay: peak right after a spike */
      cls->step (p, s, &in);
      et_peak = MAX (et_peak, s[SL_BTSP_S_ET] * exp (dt / p[SL_BTSP_TAU_ET]));
      is_peak = MAX (is_peak, s[SL_BTSP_S_IS]);
    }
  g_assert_cmpfloat_with_epsilon (et_peak, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (is_peak, 1.0, 1e-9);
}

/* Inputs without a plateau never change w; a plateau without input
 * changes it by at most f(0) = 0, i.e. not at all; each plateau closes one
 * episode. */
static void
test_needs_both (void)
{
  double p[SL_BTSP_N_PARAMS], s[SL_BTSP_N_STATE];
  const SlRuleClass *cls = btsp_params (p);

  for (int mode = 0; mode < 2; mode++)
    {
      cls->init (p, s, 0, 1.0);
      for (int i = 0; i < 20000; i++)
        {
          SlRuleInput in;
          double t = i * 1.0;

          sl_rule_input_clear (&in, t, 1.0);
          in.pre = mode == 0 && i % 20 == 0;
          in.plateau = mode == 1 && fmod (t, 10000.0) < 300.0;
          cls->step (p, s, &in);
        }
      g_assert_cmpfloat (cls->weight (p, s), ==, 1.0);
      g_assert_cmpfloat (s[SL_BTSP_S_EPISODES], ==, mode == 1 ? 2.0 : 0.0);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plasticity/plateau/sigmoid-endpoints", test_sigmoid_endpoints);
  g_test_add_func ("/plasticity/plateau/normalisation", test_normalisation);
  g_test_add_func ("/plasticity/plateau/needs-input-and-plateau", test_needs_both);
  return g_test_run ();
}
