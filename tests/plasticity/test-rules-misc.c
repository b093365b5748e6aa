/* test-rules-misc.c: Shouval Ω and η, BCM sliding threshold, Clopath. */
#include <math.h>

#include "sl-rule.h"
#include "sl-rule-misc.h"

static void
test_shouval (void)
{
  const SlRuleClass *cls = sl_rule_lookup ("shouval", NULL);
  double p[SL_SHOUVAL_N_PARAMS], s[SL_SHOUVAL_N_STATE];
  SlRuleInput in;

  sl_rule_params_init (cls, p);
  /* Ω(0) = 0.25 + sig(−44) − 0.25 sig(−28) */
  g_assert_cmpfloat_with_epsilon (sl_shouval_omega (p, 0.0), 0.25, 1e-9);
  g_assert_cmpfloat (sl_shouval_omega (p, 0.45), <, 0.05);     /* LTD zone */
  g_assert_cmpfloat_with_epsilon (sl_shouval_omega (p, 1.0), 1.0, 1e-9);
  /* τ(0) = P₁/P₂ + P₄ = 10⁴ s + 1 s; τ(≥ 1 µM) ≈ 1.1 s */
  g_assert_cmpfloat_with_epsilon (1.0 / sl_shouval_eta (p, 0.0), 1e7 + 1000.0, 1e-3);
  g_assert_cmpfloat_with_epsilon (1.0 / sl_shouval_eta (p, 1.0), 100.0 / (1e-5 + 1.0) + 1000.0, 1e-6);

  /* 10 s at 1 µM: w relaxes to Ω(1)/λ = 1 */
  cls->init (p, s, 0, 1.0);
  sl_rule_input_clear (&in, 0.0, 10000.0);
  in.ca = in.ca_rest + 1e-3;
  cls->step (p, s, &in);
  g_assert_cmpfloat_with_epsilon (s[SL_SHOUVAL_S_W], 1.0 + (0.25 - 1.0) * exp (-10000.0 / 1100.0), 1e-6);
  g_assert_cmpfloat_with_epsilon (cls->weight (p, s), s[SL_SHOUVAL_S_W] / 0.25, 1e-12);
}

/* Regular 20 Hz pre and post: x, y → 20 Hz on average; θ_M slides to
 * ⟨y²⟩/y₀; with θ_M below y the weight grows. */
static void
test_bcm (void)
{
  const SlRuleClass *cls = sl_rule_lookup ("bcm", NULL);
  double p[SL_BCM_N_PARAMS], s[SL_BCM_N_STATE], xsum = 0.0;
  int n = 0;

  sl_rule_params_init (cls, p);
  cls->init (p, s, 0, 1.0);
  for (int i = 0; i < 5000; i++)
    {
      SlRuleInput in;

      sl_rule_input_clear (&in, i, 1.0);
      in.pre = in.post = i % 50 == 0;
      cls->step (p, s, &in);
      if (i >= 1000)
        {
          xsum += s[SL_BCM_S_X];
          n++;
        }
    }
  g_assert_cmpfloat_with_epsilon (xsum / n, 20.0, 0.5);
  g_assert_cmpfloat (cls->weight (p, s), >, 1.0);   /* y ≈ 20 > θ_M ≈ 10 early on */
  g_assert_cmpfloat (s[SL_BCM_S_THETA], >, 10.0);
}

/* At rest above θ₋ (−65 > −70.6 mV) a pre spike depresses by
 * A_LTD·(ū₋ − θ₋); a pre spike into a depolarised head potentiates. */
static void
test_clopath (void)
{
  const SlRuleClass *cls = sl_rule_lookup ("clopath", NULL);
  double p[SL_CLOPATH_N_PARAMS], s[SL_CLOPATH_N_STATE];
  SlRuleInput in;

  sl_rule_params_init (cls, p);
  cls->init (p, s, 0, 1.0);
  sl_rule_input_clear (&in, 0.0, 0.025);
  in.v = -65.0;
  in.pre = TRUE;
  cls->step (p, s, &in);
  g_assert_cmpfloat_with_epsilon (s[SL_CLOPATH_S_W], 1.0 - 14e-5 * (-65.0 + 70.6), 1e-12);

  cls->init (p, s, 0, 1.0);
  for (int i = 0; i < 400; i++)   /* 10 ms: pre at 0, head at −20 mV from 0 */
    {
      sl_rule_input_clear (&in, i * 0.025, 0.025);
      in.v = -20.0;
      in.pre = i == 0;
      cls->step (p, s, &in);
    }
  g_assert_cmpfloat (s[SL_CLOPATH_S_W], >, 1.0);

  /* the LTD term reads ū₋ delayed by 5 ms: 20 ms at −65 mV, then −40 mV;
   * a pre spike 2 ms after the jump still sees ū₋ = −65 mV, while without
   * the delay it sees the risen filter */
  for (int delay = 5; delay >= 0; delay -= 5)
    {
      double um_now = 0.0;

      p[SL_CLOPATH_DELAY] = delay;
      cls->init (p, s, 0, 1.0);
      for (int i = 0; i < 22 * 40; i++)
        {
          sl_rule_input_clear (&in, i * 0.025, 0.025);
          in.v = i < 20 * 40 ? -65.0 : -40.0;
          in.pre = i == 22 * 40 - 1;
          if (in.pre)
            um_now = s[SL_CLOPATH_S_UMINUS];
          cls->step (p, s, &in);
        }
      if (delay == 5)
        g_assert_cmpfloat_with_epsilon (s[SL_CLOPATH_S_W], 1.0 - 14e-5 * (-65.0 + 70.6), 1e-12);
      else
        g_assert_cmpfloat_with_epsilon (s[SL_CLOPATH_S_W], 1.0 - 14e-5 * (um_now + 70.6), 1e-12);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plasticity/shouval/omega-eta", test_shouval);
  g_test_add_func ("/plasticity/bcm/sliding-threshold", test_bcm);
  g_test_add_func ("/plasticity/clopath/ltd-ltp", test_clopath);
  return g_test_run ();
}
