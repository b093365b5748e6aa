/* sl-spec-equal.c: exact equality of specs, field by field (doubles
 * compared with ==, so a round trip through a session file must be
 * exact; NULL and empty arrays are equal). */
#include "sl-spec-private.h"

#include <string.h>

/* ------------------------------------------------------------------ */
/* Model. */

static gboolean
profile_equal (const SlProfile *a,
               const SlProfile *b)
{
  return a->kind == b->kind && a->value == b->value && a->value_far == b->value_far &&
         a->slope == b->slope && a->floor == b->floor && a->d_mid == b->d_mid &&
         a->width == b->width && a->d_min == b->d_min && a->d_max == b->d_max;
}

static gboolean
geometry_equal (const SlSpineGeometry *a,
                const SlSpineGeometry *b)
{
  return a->head_volume == b->head_volume && a->neck_length == b->neck_length &&
         a->neck_diam == b->neck_diam;
}

static gboolean
synapse_equal (const SlSynapseSpec *a,
               const SlSynapseSpec *b)
{
  return a->g_ampa == b->g_ampa && a->nmda_ratio == b->nmda_ratio &&
         a->tau_r_ampa == b->tau_r_ampa && a->tau_d_ampa == b->tau_d_ampa &&
         a->tau_r_nmda == b->tau_r_nmda && a->tau_d_nmda == b->tau_d_nmda &&
         a->e_ampa == b->e_ampa && a->e_nmda == b->e_nmda && a->mg == b->mg &&
         a->mg_block == b->mg_block && a->g_vdcc == b->g_vdcc &&
         a->use_se == b->use_se && a->tau_dep == b->tau_dep &&
         a->tau_fac == b->tau_fac && a->n_rrp == b->n_rrp &&
         !a->stochastic_release == !b->stochastic_release;
}

static gboolean
calcium_equal (const SlCalciumSpec *a,
               const SlCalciumSpec *b)
{
  return a->ca_rest == b->ca_rest && a->eta_head == b->eta_head &&
         a->tau_head == b->tau_head && a->eta_shaft == b->eta_shaft &&
         a->tau_shaft == b->tau_shaft && a->d_eff == b->d_eff &&
         a->shell_depth == b->shell_depth && a->dx_near == b->dx_near &&
         a->dx_far == b->dx_far && a->neck_voxels == b->neck_voxels &&
         !a->diffusion == !b->diffusion;
}

gboolean
sl_model_spec_equal (const SlModelSpec *a,
                     const SlModelSpec *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (g_strcmp0 (a->morphology, b->morphology) != 0 || g_strcmp0 (a->name, b->name) != 0 ||
      a->d_lambda != b->d_lambda || a->d_lambda_freq != b->d_lambda_freq ||
      a->max_length != b->max_length || a->celsius != b->celsius ||
      a->v_init != b->v_init || a->ca_o != b->ca_o || a->seed != b->seed ||
      !calcium_equal (&a->calcium, &b->calcium) ||
      !geometry_equal (&a->default_geometry, &b->default_geometry) ||
      !synapse_equal (&a->default_synapse, &b->default_synapse) ||
      a->mechanisms->len != b->mechanisms->len ||
      a->spine_groups->len != b->spine_groups->len ||
      a->spines->len != b->spines->len || a->rules->len != b->rules->len)
    return FALSE;

  {
    guint nx = a->excluded_spines != NULL ? a->excluded_spines->len : 0;
    guint ny = b->excluded_spines != NULL ? b->excluded_spines->len : 0;

    if (nx != ny)
      return FALSE;
    for (guint i = 0; i < nx; i++)
      if (!g_str_equal (g_ptr_array_index (a->excluded_spines, i), g_ptr_array_index (b->excluded_spines, i)))
        return FALSE;
  }
  for (guint i = 0; i < a->mechanisms->len; i++)
    {
      const SlMechanismSpec *x = &g_array_index (a->mechanisms, SlMechanismSpec, i);
      const SlMechanismSpec *y = &g_array_index (b->mechanisms, SlMechanismSpec, i);

      if (g_strcmp0 (x->region, y->region) != 0 || g_strcmp0 (x->mechanism, y->mechanism) != 0 ||
          g_strcmp0 (x->param, y->param) != 0 || !profile_equal (&x->value, &y->value))
        return FALSE;
    }
  for (guint i = 0; i < a->spine_groups->len; i++)
    {
      const SlSpineGroupSpec *x = &g_array_index (a->spine_groups, SlSpineGroupSpec, i);
      const SlSpineGroupSpec *y = &g_array_index (b->spine_groups, SlSpineGroupSpec, i);

      if (g_strcmp0 (x->region, y->region) != 0 || x->density != y->density ||
          x->seed != y->seed || !geometry_equal (&x->geometry, &y->geometry) ||
          !synapse_equal (&x->synapse, &y->synapse))
        return FALSE;
    }
  for (guint i = 0; i < a->spines->len; i++)
    {
      const SlSpineSpec *x = &g_array_index (a->spines, SlSpineSpec, i);
      const SlSpineSpec *y = &g_array_index (b->spines, SlSpineSpec, i);

      if (g_strcmp0 (x->id, y->id) != 0 || g_strcmp0 (x->location, y->location) != 0 ||
          !geometry_equal (&x->geometry, &y->geometry) ||
          !synapse_equal (&x->synapse, &y->synapse))
        return FALSE;
    }
  for (guint i = 0; i < a->rules->len; i++)
    {
      const SlRuleAssignment *x = &g_array_index (a->rules, SlRuleAssignment, i);
      const SlRuleAssignment *y = &g_array_index (b->rules, SlRuleAssignment, i);
      guint nx = x->params ? x->params->len : 0, ny = y->params ? y->params->len : 0;

      if (g_strcmp0 (x->target, y->target) != 0 || g_strcmp0 (x->rule, y->rule) != 0 ||
          g_strcmp0 (x->preset, y->preset) != 0 || nx != ny)
        return FALSE;
      for (guint j = 0; j < nx; j++)
        {
          const SlParamValue *p = &g_array_index (x->params, SlParamValue, j);
          const SlParamValue *q = &g_array_index (y->params, SlParamValue, j);

          if (g_strcmp0 (p->name, q->name) != 0 || p->value != q->value)
            return FALSE;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Protocol. */

static gboolean
plain_array_equal (const GArray *a,
                   const GArray *b,
                   gsize         element_size)
{
  guint na = a ? a->len : 0, nb = b ? b->len : 0;

  return na == nb && (na == 0 || memcmp (a->data, b->data, na * element_size) == 0);
}

static gboolean
train_equal (const SlTrainSpec *a,
             const SlTrainSpec *b)
{
  guint nt = a->times ? a->times->len : 0;

  if (a->kind != b->kind || a->start != b->start || a->stop != b->stop ||
      a->rate != b->rate || a->n != b->n || a->n_per_burst != b->n_per_burst ||
      a->intra_rate != b->intra_rate || a->burst_rate != b->burst_rate ||
      a->n_bursts != b->n_bursts || a->n_repeats != b->n_repeats ||
      a->gap != b->gap || a->seed != b->seed ||
      !plain_array_equal (a->segments, b->segments, sizeof (SlRateSegment)) ||
      nt != (b->times ? b->times->len : 0))
    return FALSE;
  for (guint i = 0; i < nt; i++)
    if (g_array_index (a->times, double, i) != g_array_index (b->times, double, i))
      return FALSE;
  return TRUE;
}

static gboolean
strv_equal0 (char **a,
             char **b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

gboolean
sl_protocol_spec_equal (const SlProtocolSpec *a,
                        const SlProtocolSpec *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->dt != b->dt || a->tstop != b->tstop || a->record_interval != b->record_interval ||
      a->theta_period != b->theta_period || a->theta_start != b->theta_start ||
      a->stimuli->len != b->stimuli->len || a->recordings->len != b->recordings->len)
    return FALSE;

  for (guint i = 0; i < a->stimuli->len; i++)
    {
      const SlStimulusSpec *x = &g_array_index (a->stimuli, SlStimulusSpec, i);
      const SlStimulusSpec *y = &g_array_index (b->stimuli, SlStimulusSpec, i);

      if (g_strcmp0 (x->name, y->name) != 0 || x->kind != y->kind ||
          g_strcmp0 (x->target, y->target) != 0 || !strv_equal0 (x->targets, y->targets) ||
          !train_equal (&x->train, &y->train) || x->amp != y->amp ||
          x->delay != y->delay || x->dur != y->dur || x->offset != y->offset ||
          x->interval != y->interval || g_strcmp0 (x->post_target, y->post_target) != 0)
        return FALSE;
    }
  for (guint i = 0; i < a->recordings->len; i++)
    {
      const SlRecordingSpec *x = &g_array_index (a->recordings, SlRecordingSpec, i);
      const SlRecordingSpec *y = &g_array_index (b->recordings, SlRecordingSpec, i);

      if (g_strcmp0 (x->name, y->name) != 0 || g_strcmp0 (x->variable, y->variable) != 0 ||
          g_strcmp0 (x->location, y->location) != 0)
        return FALSE;
    }
  return TRUE;
}
