/* sl-model-rules.c: which plasticity rule each spine's synapse runs.
 *
 * A spine takes the last assignment whose target is "spine:<its id>"; if
 * none, the last whose target is a region the spine's dendritic node
 * belongs to (or "all"); if none, no rule (fixed weight).  Assignments on
 * regions the cell does not have match nothing (the default spec names
 * trunk/oblique/tuft, which a ball-and-stick lacks).  Each spine gets its
 * own copy of the parameters: defaults, then the preset, then overrides. */
#include "sl-model-private.h"

#include <string.h>

gboolean
_sl_rules_pick (const SlModelSpec   *spec,
                char * const        *region_names,
                int                  n_regions,
                int                  n_spines,
                char * const        *ids,
                const guint64       *masks,
                SlRulePick          *picks,
                int                 *n_params,
                int                 *n_state,
                GError             **error)
{
  guint n_rules = spec->rules != NULL ? spec->rules->len : 0;
  g_autofree const SlRuleClass **cls = g_new0 (const SlRuleClass *, MAX (n_rules, 1));
  g_autofree int *region = g_new (int, MAX (n_rules, 1));

  for (guint r = 0; r < n_rules; r++)
    {
      const SlRuleAssignment *a = &g_array_index (spec->rules, SlRuleAssignment, r);
      g_autoptr(GError) local = NULL;

      region[r] = -1;
      if (a->target != NULL && g_strcmp0 (a->target, "all") == 0)
        region[r] = -2;
      for (int k = 0; k < n_regions && a->target != NULL; k++)
        if (strcmp (region_names[k], a->target) == 0)
          region[r] = k;
      if (a->rule == NULL || strcmp (a->rule, "none") == 0)
        continue;
      cls[r] = sl_rule_lookup (a->rule, &local);
      if (cls[r] == NULL)
        {
          g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_UNKNOWN,
                       "rule for '%s': %s", a->target ? a->target : "(none)", local->message);
          return FALSE;
        }
    }

  *n_params = 0;
  *n_state = 0;
  for (int k = 0; k < n_spines; k++)
    {
      int by_spine = -1, by_region = -1;

      for (guint r = 0; r < n_rules; r++)
        {
          const SlRuleAssignment *a = &g_array_index (spec->rules, SlRuleAssignment, r);

          if (a->target != NULL && g_str_has_prefix (a->target, "spine:") &&
              strcmp (a->target + 6, ids[k]) == 0)
            by_spine = r;
          else if (region[r] == -2 || (region[r] >= 0 && ((masks[k] >> region[r]) & 1)))
            by_region = r;
        }
      picks[k].assignment = by_spine >= 0 ? by_spine : by_region;
      picks[k].cls = picks[k].assignment >= 0 ? cls[picks[k].assignment] : NULL;
      if (picks[k].cls != NULL)
        {
          *n_params += picks[k].cls->n_params;
          *n_state += picks[k].cls->n_state;
        }
    }
  /* Spine-specific targets must name a spine. */
  for (guint r = 0; r < n_rules; r++)
    {
      const SlRuleAssignment *a = &g_array_index (spec->rules, SlRuleAssignment, r);
      gboolean found = FALSE;

      if (a->target == NULL || !g_str_has_prefix (a->target, "spine:"))
        continue;
      for (int k = 0; k < n_spines && !found; k++)
        found = strcmp (a->target + 6, ids[k]) == 0;
      if (!found)
        {
          g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_UNKNOWN,
                       "rule '%s' for '%s': no spine '%s'", a->rule ? a->rule : "none",
                       a->target, a->target + 6);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
_sl_rules_fill (const SlModelSpec *spec,
                const SlRulePick  *picks,
                SlModel           *m,
                GError           **error)
{
  int po = 0, so = 0;

  for (int k = 0; k < m->n_spines; k++)
    {
      const SlRuleClass *cls = picks[k].cls;
      const SlRuleAssignment *a;
      double *p;

      m->spine_rule[k] = cls;
      m->rule_param_offset[k] = po;
      m->rule_state_offset[k] = so;
      if (cls == NULL)
        continue;
      a = &g_array_index (spec->rules, SlRuleAssignment, picks[k].assignment);
      p = &m->rule_params[po];
      sl_rule_params_init (cls, p);
      if (a->preset != NULL && !sl_rule_preset_apply (cls, a->preset, p, error))
        return FALSE;
      for (guint j = 0; a->params != NULL && j < a->params->len; j++)
        {
          const SlParamValue *pv = &g_array_index (a->params, SlParamValue, j);

          if (!sl_rule_param_set (cls, p, pv->name, pv->value, error))
            return FALSE;
        }
      po += cls->n_params;
      so += cls->n_state;
    }
  return TRUE;
}

GPtrArray *
sl_model_inert_rules (const SlModel *self)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (int k = 0; k < self->n_spines; k++)
    {
      const SlRuleClass *cls = self->spine_rule[k];
      const char *why;
      int n = 0, first = k;

      if (cls == NULL || cls->inert == NULL || g_hash_table_contains (seen, cls)
          || cls->inert (&self->rule_params[self->rule_param_offset[k]]) == NULL)
        continue;
      g_hash_table_add (seen, (gpointer) cls);
      why = cls->inert (&self->rule_params[self->rule_param_offset[k]]);
      for (int j = k; j < self->n_spines; j++)
        if (self->spine_rule[j] == cls
            && cls->inert (&self->rule_params[self->rule_param_offset[j]]) != NULL)
          n++;
      g_ptr_array_add (lines, g_strdup_printf ("%d spine%s (%s, e.g. %s): %s", n, n == 1 ? "" : "s",
                                               cls->name, self->spine_id[first], why));
    }
  return lines;
}
