/* test-stdp.c: pair and triplet STDP amplitudes and time constants. */
#include <math.h>

#include "sl-rule.h"
#include "sl-rule-stdp.h"

static void
events (const SlRuleClass *cls,
        const double      *p,
        double            *s,
        const double      *t,
        const char        *kind,   /* 'e' pre, 'o' post, per event */
        guint              n)
{
  for (guint i = 0; i < n; i++)
    {
      SlRuleInput in;

      sl_rule_input_clear (&in, t[i], 0.025);
      in.pre = kind[i] == 'e';
      in.post = kind[i] == 'o';
      cls->step (p, s, &in);
    }
}

static void
test_pair (void)
{
  const SlRuleClass *cls = sl_rule_lookup ("stdp-pair", NULL);
  double p[SL_PAIR_N_PARAMS], s[SL_PAIR_N_STATE];
  const double t1[] = { 100.0, 110.0 };

  sl_rule_params_init (cls, p);
  cls->init (p, s, 0, 1.0);
  events (cls, p, s, t1, "eo", 2);   /* pre then post, Δt = +10 */
  g_assert_cmpfloat_with_epsilon (s[SL_PAIR_S_W], 0.5 + 0.001 * exp (-10.0 / 20.0), 1e-15);
  cls->init (p, s, 0, 1.0);
  events (cls, p, s, t1, "oe", 2);   /* post then pre, Δt = −10 */
  g_assert_cmpfloat_with_epsilon (s[SL_PAIR_S_W], 0.5 - 0.00106 * exp (-10.0 / 20.0), 1e-15);

  /* Bi–Poo time constants and multiplicative dependence */
  g_assert_true (sl_rule_preset_apply (cls, "Bi-Poo 1998", p, NULL));
  p[SL_PAIR_MU] = 1.0;
  cls->init (p, s, 0, 1.0);
  events (cls, p, s, t1, "oe", 2);
  g_assert_cmpfloat_with_epsilon (s[SL_PAIR_S_W], 0.5 - 0.00106 * exp (-10.0 / 34.0) * 0.5, 1e-15);
  cls->init (p, s, 0, 1.0);
  events (cls, p, s, t1, "eo", 2);
  g_assert_cmpfloat_with_epsilon (s[SL_PAIR_S_W], 0.5 + 0.001 * exp (-10.0 / 17.0) * 0.5, 1e-15);
}

/* Triplet, visual cortex minimal: pre–post gives no LTP (A₂⁺ = 0); a
 * post–pre–post triplet gives A₃⁺·r₁·o₂ at the second post. */
static void
test_triplet (void)
{
  const SlRuleClass *cls = sl_rule_lookup ("stdp-triplet", NULL);
  double p[SL_TRIP_N_PARAMS], s[SL_TRIP_N_STATE];
  const double t1[] = { 100.0, 110.0 };
  const double t2[] = { 100.0, 120.0, 130.0 };
  double expect;

  sl_rule_params_init (cls, p);
  g_assert_true (sl_rule_preset_apply (cls, "visual cortex minimal", p, NULL));
  cls->init (p, s, 0, 1.0);
  events (cls, p, s, t1, "eo", 2);
  g_assert_cmpfloat (s[SL_TRIP_S_W], ==, 0.5);

  cls->init (p, s, 0, 1.0);
  events (cls, p, s, t2, "oeo", 3);
  expect = 0.5 - 7.1e-3 * exp (-20.0 / 33.7)                 /* pre: −o₁·A₂⁻ */
           + exp (-10.0 / 16.8) * 6.5e-3 * exp (-30.0 / 114.0); /* post: r₁·A₃⁺·o₂ */
  g_assert_cmpfloat_with_epsilon (s[SL_TRIP_S_W], expect, 1e-15);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plasticity/stdp/pair", test_pair);
  g_test_add_func ("/plasticity/stdp/triplet", test_triplet);
  return g_test_run ();
}
