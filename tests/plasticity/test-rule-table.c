/* test-rule-table.c: the rule table, parameters, presets and the
 * conventions every rule shares (weight == w0 after init, no NaN). */
#include <math.h>
#include <string.h>

#include "sl-rule.h"

static void
test_lookup (void)
{
  g_autoptr(GError) error = NULL;
  guint n;
  const SlRuleClass * const *all = sl_rule_list (&n);
  static const char * const names[] = {
    "graupner-brunel", "chindemi", "shouval", "stdp-pair", "stdp-triplet",
    "bcm", "clopath", "kinase", "plateau",
  };

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const SlRuleClass *cls = sl_rule_lookup (names[i], &error);

      g_assert_no_error (error);
      g_assert_nonnull (cls);
      g_assert_cmpstr (cls->name, ==, names[i]);
      g_assert_true (cls == all[i]);
    }
  g_assert_null (sl_rule_lookup ("hebb", &error));
  g_assert_error (error, SL_RULE_ERROR, SL_RULE_ERROR_UNKNOWN_RULE);
  g_assert_nonnull (strstr (error->message, "hebb"));
  g_assert_nonnull (strstr (error->message, "graupner-brunel"));
  g_assert_nonnull (strstr (error->message, "plateau"));
}

static void
test_params_and_presets (void)
{
  guint n;
  const SlRuleClass * const *all = sl_rule_list (&n);

  for (guint r = 0; r < n; r++)
    {
      const SlRuleClass *cls = all[r];
      g_autofree double *p = g_new (double, cls->n_params);

      g_assert_nonnull (cls->title);
      g_assert_nonnull (cls->equation);
      g_assert_nonnull (cls->citation);
      g_assert_nonnull (cls->init);
      g_assert_nonnull (cls->step);
      g_assert_nonnull (cls->weight);
      for (guint i = 0; i < cls->n_params; i++)
        {
          const SlRuleParam *par = &cls->params[i];

          g_assert_nonnull (par->name);
          g_assert_nonnull (par->unit);
          g_assert_nonnull (par->description);
          g_assert_cmpfloat (par->min, <=, par->def);
          g_assert_cmpfloat (par->def, <=, par->max);
          g_assert_cmpint (sl_rule_param_index (cls, par->name, NULL), ==, (int) i);
        }
      for (guint i = 0; i < cls->n_state; i++)
        g_assert_nonnull (cls->state_names[i]);
      for (guint i = 0; i < cls->n_presets; i++)
        {
          g_autoptr(GError) error = NULL;

          sl_rule_params_init (cls, p);
          g_assert_true (sl_rule_preset_apply (cls, cls->presets[i].name, p, &error));
          g_assert_no_error (error);
        }
    }
}

static void
test_errors (void)
{
  const SlRuleClass *gb = sl_rule_lookup ("graupner-brunel", NULL);
  double p[64];
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;

  sl_rule_params_init (gb, p);
  g_assert_false (sl_rule_preset_apply (gb, "XYZ", p, &e1));
  g_assert_error (e1, SL_RULE_ERROR, SL_RULE_ERROR_UNKNOWN_PRESET);
  g_assert_nonnull (strstr (e1->message, "cortical slices"));
  g_assert_false (sl_rule_param_set (gb, p, "theta_x", 1.0, &e2));
  g_assert_error (e2, SL_RULE_ERROR, SL_RULE_ERROR_UNKNOWN_PARAM);
  g_assert_false (sl_rule_param_set (gb, p, "rho_star", 2.0, &e3));
  g_assert_error (e3, SL_RULE_ERROR, SL_RULE_ERROR_OUT_OF_RANGE);
  g_assert_false (sl_rule_param_set (gb, p, "tau", NAN, NULL));
  g_assert_true (sl_rule_param_set (gb, p, "theta_p", 2.5, NULL));
  g_assert_cmpfloat (p[sl_rule_param_index (gb, "theta_p", NULL)], ==, 2.5);
}

/* weight() == w0 right after init; a second of random events and voltages
 * keeps every state finite. */
static void
test_weight_convention (void)
{
  guint n;
  const SlRuleClass * const *all = sl_rule_list (&n);

  for (guint r = 0; r < n; r++)
    {
      const SlRuleClass *cls = all[r];
      g_autofree double *p = g_new (double, cls->n_params);
      g_autofree double *s = g_new (double, cls->n_state);
      GRand *rand = g_rand_new_with_seed (r + 1);

      sl_rule_params_init (cls, p);
      cls->init (p, s, sl_rule_synapse_seed (7, r), 1.7);
      g_assert_cmpfloat_with_epsilon (cls->weight (p, s), 1.7, 1e-12);
      if (cls->release_scale != NULL)
        g_assert_cmpfloat_with_epsilon (cls->release_scale (p, s), 1.0, 1e-12);
      for (int i = 0; i < 40000; i++)
        {
          SlRuleInput in;

          sl_rule_input_clear (&in, i * 0.025, 0.025);
          in.pre = g_rand_double (rand) < 0.01;
          in.post = g_rand_double (rand) < 0.01;
          in.plateau = (i / 4000) % 2 == 1;
          in.theta_end = i % 8000 == 7999;
          in.ca = in.ca_rest + g_rand_double_range (rand, 0.0, 2e-3);
          in.v = g_rand_double_range (rand, -75.0, 20.0);
          cls->step (p, s, &in);
        }
      for (guint i = 0; i < cls->n_state; i++)
        g_assert_true (isfinite (s[i]));
      g_assert_true (isfinite (cls->weight (p, s)));
      g_assert_cmpfloat (cls->weight (p, s), >=, 0.0);
      g_rand_free (rand);
    }
}

static void
test_synapse_seed (void)
{
  guint64 a = sl_rule_synapse_seed (1, 0), b = sl_rule_synapse_seed (1, 1);
  guint64 c = sl_rule_synapse_seed (2, 0);

  g_assert_cmpuint (a, !=, b);
  g_assert_cmpuint (a, !=, c);
  g_assert_cmpuint (a, ==, sl_rule_synapse_seed (1, 0));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plasticity/table/lookup", test_lookup);
  g_test_add_func ("/plasticity/table/params-and-presets", test_params_and_presets);
  g_test_add_func ("/plasticity/table/errors", test_errors);
  g_test_add_func ("/plasticity/table/weight-convention", test_weight_convention);
  g_test_add_func ("/plasticity/table/synapse-seed", test_synapse_seed);
  return g_test_run ();
}
