/* test-kinase.c: the Axon 1 ms cascade against hand-computed steps. */
#include <math.h>

#include "sl-rule.h"
#include "sl-rule-kinase.h"

static const SlRuleClass *
kin_params (double *p)
{
  const SlRuleClass *cls = sl_rule_lookup ("kinase", NULL);

  sl_rule_params_init (cls, p);
  return cls;
}

/* Pre and post spike in cycle 0, nothing in cycle 1.  By hand:
 * cycle 0: x_s = x_r = 8/30, ca = 8·(8/30)², CaM = ca/5, CaP = CaM/40,
 * CaD = CaP/40; cycle 1: x = (8/30)(29/30), ca = 8x², CaM += (ca − CaM)/5,
 * CaP += (CaM − CaP)/40, CaD += (CaP − CaD)/40. */
static void
test_cascade_by_hand (void)
{
  double p[SL_KINASE_N_PARAMS], s[SL_KINASE_N_STATE];
  const SlRuleClass *cls = kin_params (p);
  double x0 = 8.0 / 30.0, ca0 = 8.0 * x0 * x0;
  double m0 = ca0 / 5.0, p0 = m0 / 40.0, d0 = p0 / 40.0;
  double x1 = x0 * 29.0 / 30.0, ca1 = 8.0 * x1 * x1;
  double m1 = m0 + (ca1 - m0) / 5.0, p1 = p0 + (m1 - p0) / 40.0, d1 = d0 + (p1 - d0) / 40.0;

  cls->init (p, s, 0, 1.0);
  sl_kinase_cycle (p, s, TRUE, TRUE, 0.0);
  g_assert_cmpfloat_with_epsilon (s[SL_KINASE_S_CAM], m0, 1e-15);
  g_assert_cmpfloat_with_epsilon (s[SL_KINASE_S_CAP], p0, 1e-15);
  g_assert_cmpfloat_with_epsilon (s[SL_KINASE_S_CAD], d0, 1e-15);
  sl_kinase_cycle (p, s, FALSE, FALSE, 0.0);
  g_assert_cmpfloat_with_epsilon (s[SL_KINASE_S_XS], x1, 1e-15);
  g_assert_cmpfloat_with_epsilon (s[SL_KINASE_S_CAM], m1, 1e-15);
  g_assert_cmpfloat_with_epsilon (s[SL_KINASE_S_CAP], p1, 1e-15);
  g_assert_cmpfloat_with_epsilon (s[SL_KINASE_S_CAD], d1, 1e-15);
  g_assert_cmpfloat (ca0, ==, 8.0 * (8.0 / 30.0) * (8.0 / 30.0));
}

/* Readout: Δ = CaP − CaD, soft bound (1 − w) for Δ > 0 and w for Δ < 0. */
static void
test_soft_bound_readout (void)
{
  double p[SL_KINASE_N_PARAMS], s[SL_KINASE_N_STATE];
  const SlRuleClass *cls = kin_params (p);

  p[SL_KINASE_ETA] = 0.5;
  cls->init (p, s, 0, 1.0);
  s[SL_KINASE_S_W] = 0.8;
  s[SL_KINASE_S_CAP] = 0.3;
  s[SL_KINASE_S_CAD] = 0.1;
  sl_kinase_theta_readout (p, s);
  g_assert_cmpfloat_with_epsilon (s[SL_KINASE_S_W], 0.8 + 0.5 * 0.2 * 0.2, 1e-15);
  s[SL_KINASE_S_CAP] = 0.1;
  s[SL_KINASE_S_CAD] = 0.3;
  sl_kinase_theta_readout (p, s);
  g_assert_cmpfloat_with_epsilon (s[SL_KINASE_S_W], 0.82 - 0.5 * 0.2 * 0.82, 1e-15);
}

/* The same spike train on 0.025 ms and 1 ms engine steps gives the same
 * cascade: the rule runs on its own 1 ms clock. */
static void
test_clock_independent_of_dt (void)
{
  double p[SL_KINASE_N_PARAMS], a[SL_KINASE_N_STATE], b[SL_KINASE_N_STATE];
  const SlRuleClass *cls = kin_params (p);

  cls->init (p, a, 0, 1.0);
  cls->init (p, b, 0, 1.0);
  for (int i = 0; i < 400; i++)
    {
      SlRuleInput in;

      sl_rule_input_clear (&in, i, 1.0);
      in.pre = i % 20 == 0;
      in.post = i % 20 == 5;
      in.theta_end = i == 199 || i == 399;
      cls->step (p, a, &in);
    }
  for (int i = 0; i < 400 * 40; i++)
    {
      SlRuleInput in;
      int ms = i / 40, sub = i % 40;

      sl_rule_input_clear (&in, i * 0.025, 0.025);
      in.pre = sub == 0 && ms % 20 == 0;
      in.post = sub == 0 && ms % 20 == 5;
      in.theta_end = sub == 39 && (ms == 199 || ms == 399);
      cls->step (p, b, &in);
    }
  for (int k = SL_KINASE_S_XS; k <= SL_KINASE_S_W; k++)
    g_assert_cmpfloat_with_epsilon (a[k], b[k], 1e-12);
  g_assert_cmpfloat (a[SL_KINASE_S_W], !=, 0.5);
}

/* The cascade is linear with equal τ_P, τ_D: with no input it decays to
 * zero and the readout leaves w alone. */
static void
test_silence (void)
{
  double p[SL_KINASE_N_PARAMS], s[SL_KINASE_N_STATE];
  const SlRuleClass *cls = kin_params (p);

  cls->init (p, s, 0, 2.0);
  for (int i = 0; i < 1000; i++)
    {
      SlRuleInput in;

      sl_rule_input_clear (&in, i, 1.0);
      in.theta_end = i % 200 == 199;
      cls->step (p, s, &in);
    }
  g_assert_cmpfloat (cls->weight (p, s), ==, 2.0);
}

/* Biophysical variant: CaM follows the 1 ms mean of (Ca − Ca₀)/1 µM.  A
 * 1 µM step held for 1 s brings CaM, CaP, CaD to 1 (Δ → 0); a rising
 * calcium gives Δ > 0 at the readout, a falling one Δ < 0. */
static void
test_biophysical (void)
{
  double p[SL_KINASE_N_PARAMS], s[SL_KINASE_N_STATE];
  const SlRuleClass *cls = kin_params (p);

  p[SL_KINASE_MODE] = 1.0;
  cls->init (p, s, 0, 1.0);
  for (int i = 0; i < 40000; i++)
    {
      SlRuleInput in;

      sl_rule_input_clear (&in, i * 0.025, 0.025);
      in.ca = in.ca_rest + 1e-3;
      cls->step (p, s, &in);
    }
  g_assert_cmpfloat_with_epsilon (s[SL_KINASE_S_CAM], 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (s[SL_KINASE_S_CAP], 1.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (s[SL_KINASE_S_CAD], 1.0, 1e-4);
  sl_kinase_theta_readout (p, s);
  g_assert_cmpfloat_with_epsilon (s[SL_KINASE_S_W], 0.5, 1e-4 * p[SL_KINASE_ETA]);

  for (int dir = 1; dir >= -1; dir -= 2)
    {
      cls->init (p, s, 0, 1.0);
      for (int i = 0; i < 200; i++)
        {
          SlRuleInput in;
          double ramp = dir > 0 ? i / 200.0 : 1.0 - i / 200.0;

          sl_rule_input_clear (&in, i, 1.0);
          in.ca = in.ca_rest + 1e-3 * ramp;
          in.theta_end = i == 199;
          cls->step (p, s, &in);
        }
      g_assert_cmpfloat (dir * (s[SL_KINASE_S_W] - 0.5), >, 0.0);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plasticity/kinase/cascade-by-hand", test_cascade_by_hand);
  g_test_add_func ("/plasticity/kinase/soft-bound-readout", test_soft_bound_readout);
  g_test_add_func ("/plasticity/kinase/clock-independent-of-dt", test_clock_independent_of_dt);
  g_test_add_func ("/plasticity/kinase/silence", test_silence);
  g_test_add_func ("/plasticity/kinase/biophysical", test_biophysical);
  return g_test_run ();
}
