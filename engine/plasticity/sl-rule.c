/* sl-rule.c: the table of plasticity rules, parameters and presets. */
#include "sl-rule-private.h"

#include <string.h>

G_DEFINE_QUARK (sl-rule-error-quark, sl_rule_error)

static const SlRuleClass * const rules[] = {
  &sl_rule_graupner_brunel,
  &sl_rule_chindemi,
  &sl_rule_shouval,
  &sl_rule_stdp_pair,
  &sl_rule_stdp_triplet,
  &sl_rule_bcm,
  &sl_rule_clopath,
  &sl_rule_kinase,
  &sl_rule_plateau,
};

const SlRuleClass * const *
sl_rule_list (guint *n)
{
  if (n != NULL)
    *n = G_N_ELEMENTS (rules);
  return rules;
}

const SlRuleClass *
sl_rule_lookup (const char  *name,
                GError     **error)
{
  g_autoptr(GString) known = NULL;

  if (name != NULL)
    for (gsize i = 0; i < G_N_ELEMENTS (rules); i++)
      if (strcmp (rules[i]->name, name) == 0)
        return rules[i];

  known = g_string_new (NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (rules); i++)
    g_string_append_printf (known, "%s%s", i ? ", " : "", rules[i]->name);
  g_set_error (error, SL_RULE_ERROR, SL_RULE_ERROR_UNKNOWN_RULE,
               "unknown plasticity rule “%s” (known rules: %s)",
               name ? name : "(null)", known->str);
  return NULL;
}

void
sl_rule_params_init (const SlRuleClass *cls,
                     double            *p)
{
  g_return_if_fail (cls != NULL && p != NULL);
  for (guint i = 0; i < cls->n_params; i++)
    p[i] = cls->params[i].def;
}

int
sl_rule_param_index (const SlRuleClass  *cls,
                     const char         *name,
                     GError            **error)
{
  g_autoptr(GString) known = NULL;

  g_return_val_if_fail (cls != NULL, -1);
  if (name != NULL)
    for (guint i = 0; i < cls->n_params; i++)
      if (strcmp (cls->params[i].name, name) == 0)
        return (int) i;

  known = g_string_new (NULL);
  for (guint i = 0; i < cls->n_params; i++)
    g_string_append_printf (known, "%s%s", i ? ", " : "", cls->params[i].name);
  g_set_error (error, SL_RULE_ERROR, SL_RULE_ERROR_UNKNOWN_PARAM,
               "rule “%s” has no parameter “%s” (parameters: %s)",
               cls->name, name ? name : "(null)", known->str);
  return -1;
}

gboolean
sl_rule_param_set (const SlRuleClass  *cls,
                   double             *p,
                   const char         *name,
                   double              value,
                   GError            **error)
{
  int i = sl_rule_param_index (cls, name, error);
  const SlRuleParam *par;

  if (i < 0)
    return FALSE;
  par = &cls->params[i];
  if (!isfinite (value) || value < par->min || value > par->max)
    {
      g_set_error (error, SL_RULE_ERROR, SL_RULE_ERROR_OUT_OF_RANGE,
                   "rule “%s”: parameter “%s” = %g%s%s is outside [%g, %g]",
                   cls->name, name, value, *par->unit ? " " : "", par->unit,
                   par->min, par->max);
      return FALSE;
    }
  p[i] = value;
  return TRUE;
}

gboolean
sl_rule_preset_apply (const SlRuleClass  *cls,
                      const char         *preset,
                      double             *p,
                      GError            **error)
{
  g_autoptr(GString) known = NULL;

  g_return_val_if_fail (cls != NULL && p != NULL, FALSE);
  for (guint i = 0; preset != NULL && i < cls->n_presets; i++)
    {
      const SlRulePreset *pr = &cls->presets[i];

      if (strcmp (pr->name, preset) != 0)
        continue;
      for (const SlRulePresetValue *v = pr->values; v->param != NULL; v++)
        if (!sl_rule_param_set (cls, p, v->param, v->value, error))
          return FALSE;
      return TRUE;
    }

  known = g_string_new (NULL);
  for (guint i = 0; i < cls->n_presets; i++)
    g_string_append_printf (known, "%s“%s”", i ? ", " : "", cls->presets[i].name);
  g_set_error (error, SL_RULE_ERROR, SL_RULE_ERROR_UNKNOWN_PRESET,
               "rule “%s” has no preset “%s” (presets: %s)", cls->name,
               preset ? preset : "(null)", cls->n_presets ? known->str : "none");
  return FALSE;
}

static guint64
splitmix64_next (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

guint64
sl_rule_synapse_seed (guint64 session_seed,
                      guint64 synapse_id)
{
  guint64 x = session_seed;
  guint64 a = splitmix64_next (&x);

  x = a ^ (synapse_id * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));
  return splitmix64_next (&x);
}

static guint64
rng_get (const double *s)
{
  return ((guint64) s[0] << 32) | (guint64) s[1];
}

static void
rng_put (double  *s,
         guint64  x)
{
  s[0] = (double) (x >> 32);
  s[1] = (double) (x & G_GUINT64_CONSTANT (0xFFFFFFFF));
}

void
_sl_rule_rng_seed (double  *s,
                   guint64  seed)
{
  rng_put (s, seed);
}

double
_sl_rule_rng_uniform (double *s)
{
  guint64 x = rng_get (s);
  guint64 r = splitmix64_next (&x);

  rng_put (s, x);
  /* 53 random bits, shifted off 0 */
  return ((double) (r >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

double
_sl_rule_rng_gauss (double *s)
{
  double u1 = _sl_rule_rng_uniform (s);
  double u2 = _sl_rule_rng_uniform (s);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

void
sl_rule_input_clear (SlRuleInput *in,
                     double       t,
                     double       dt)
{
  memset (in, 0, sizeof *in);
  in->t = t;
  in->dt = dt;
  in->ca = 70e-6;
  in->ca_rest = 70e-6;
  in->ca_o = 2.0;
  in->v = -65.0;
  in->n_released = -1;
}
