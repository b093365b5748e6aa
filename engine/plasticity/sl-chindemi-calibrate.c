/* sl-chindemi-calibrate.c: C_pre and C_post of a session's Chindemi
 * synapses at a given Ca_o (models.md §3.2 (d), §2.4 item 4), with the run
 * loop, AP search and constants of the V11 calibration
 * (sl-validate-chindemi-cal.c), so that a session the V11 builder wrote
 * gets its own numbers back. */
#include "sl-chindemi-calibrate.h"
#include "sl-validate-chindemi-private.h"

#include <math.h>
#include <string.h>

#include "sl-validate.h"

G_DEFINE_QUARK (sl-chindemi-cal-error-quark, sl_chindemi_cal_error)

/* the presynaptic spike and the AP pulse start here; runs end at RUN_END
 * (V11's C_pre and C_post runs) */
#define T_STIM   100.0
#define RUN_END  1100.0

/* progress: the AP search costs about two runs (measured on the L5
 * lesson: 0.36 s against 0.17 s per run); then one run per connection
 * and the C_post run */
#define SEARCH_RUNS 2.0

typedef struct
{
  const int *spine;     /* (n) model spine indices */
  int        n;
  double    *cmax;      /* (n) peak c*, mM·ms */
  double     v_prev;
  int        n_spikes;  /* somatic upward crossings of 0 mV */
} Probe;

static void
probe_step (const SlModel *m,
            const SlState *s,
            double         dt,
            gpointer       data)
{
  Probe *pb = data;
  double v = s->v[m->soma_node];

  for (int i = 0; i < pb->n; i++)
    {
      double c = s->rule_state[m->rule_state_offset[pb->spine[i]] + SL_CHI_S_C_STAR];

      pb->cmax[i] = MAX (pb->cmax[i], c);
    }
  if (pb->v_prev < 0.0 && v >= 0.0)
    pb->n_spikes++;
  pb->v_prev = v;
}

static void
cal_spine_clear (gpointer data)
{
  SlChindemiCalSpine *sp = data;

  g_free (sp->id);
}

void
sl_chindemi_calibration_free (SlChindemiCalibration *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->spines, g_array_unref);
  g_free (self);
}

static gboolean
is_chindemi (const SlModel *m,
             int            k)
{
  return m->spine_rule[k] != NULL && strcmp (m->spine_rule[k]->name, "chindemi") == 0;
}

/* Runs protocol spec ps on model from rest; peak c* of the spines in
 * pb, somatic spikes counted. */
static gboolean
run_probe (const SlModel         *model,
           const SlProtocolSpec  *ps,
           Probe                 *pb,
           GError               **error)
{
  g_autoptr(SlProtocol) pr = sl_protocol_compile (ps, model, error);
  g_autoptr(SlState) st = NULL;

  if (pr == NULL)
    return FALSE;
  st = sl_state_new (model);
  sl_state_reset (st);
  for (int i = 0; i < pb->n; i++)
    pb->cmax[i] = 0.0;
  pb->v_prev = model->v_init;
  pb->n_spikes = 0;
  return _sl_vcell_run (model, st, pr, ps->tstop, V11_SETTLE, V11_COARSE_DT,
                        probe_step, pb, error);
}

static SlProtocolSpec *
new_protocol (const SlSession *session)
{
  SlProtocolSpec *ps = sl_protocol_spec_new ();

  ps->dt = session->protocol->dt;
  ps->tstop = RUN_END;
  ps->theta_period = 0.0;
  return ps;
}

/* The model the two runs share: the session's at ca_o, every Chindemi
 * synapse in the C_pre condition (one full deterministic release, ρ = 1,
 * ĝ_AMPA potentiated: × g_ratio if it starts depressed; ĝ_NMDA kept, as
 * GluSynapse keeps gmax_NMDA apart and plastyfire overrides gmax0_AMPA
 * only), thresholds off.  Without glutamate the synapse changes nothing
 * in the C_post run, so it can use the same model.  rho0 gets each
 * spine's starting ρ and its rho0 parameter (2 doubles per spine). */
static SlModel *
calibration_model (const SlSession  *session,
                   SlMorphology     *morph,
                   double            ca_o,
                   GArray          **chindemi,
                   GArray          **rho0,
                   GError          **error)
{
  g_autoptr(SlModelSpec) spec = sl_model_spec_copy (session->model);
  g_autoptr(SlModel) model = NULL;
  g_autoptr(SlState) st = NULL;

  spec->ca_o = ca_o;
  for (guint i = 0; i < spec->rules->len; i++)
    {
      SlRuleAssignment *a = &g_array_index (spec->rules, SlRuleAssignment, i);

      if (g_strcmp0 (a->rule, "chindemi") != 0 || a->params == NULL)
        continue;
      for (guint j = a->params->len; j-- > 0;)
        {
          const char *name = g_array_index (a->params, SlParamValue, j).name;

          if (g_strcmp0 (name, "c_pre") == 0 || g_strcmp0 (name, "c_post") == 0)
            g_array_remove_index (a->params, j);
        }
    }
  model = sl_model_compile (spec, morph, error);
  if (model == NULL)
    return NULL;
  *chindemi = g_array_new (FALSE, FALSE, sizeof (int));
  *rho0 = g_array_new (FALSE, FALSE, sizeof (double));
  st = sl_state_new (model);
  sl_state_reset (st);
  for (int k = 0; k < model->n_spines; k++)
    if (is_chindemi (model, k))
      {
        double r[2] = { st->rule_state[model->rule_state_offset[k] + SL_CHI_S_RHO],
                        model->rule_params[model->rule_param_offset[k] + SL_CHI_RHO0] };

        g_array_append_val (*chindemi, k);
        g_array_append_vals (*rho0, r, 2);
      }
  for (guint i = 0; i < (*chindemi)->len; i++)
    {
      int k = g_array_index (*chindemi, int, i);
      double *p = &model->rule_params[model->rule_param_offset[k]];

      if (g_array_index (*rho0, double, 2 * i) < 0.5)
        model->syn_g_ampa[k] *= p[SL_CHI_G_RATIO];
      p[SL_CHI_RHO0] = 1.0;
      model->syn_use[k] = 1.0;
      model->syn_n_rrp[k] = 1;
      model->syn_stochastic[k] = FALSE;
    }
  return g_steal_pointer (&model);
}

/* The AP threshold on the session's cell without spines (V11 measures it
 * so, _sl_vcell_ap_threshold). */
static gboolean
ap_threshold (const SlSession  *session,
              SlMorphology     *morph,
              double            ca_o,
              double           *threshold,
              GError          **error)
{
  g_autoptr(SlModelSpec) bare = sl_model_spec_copy (session->model);
  g_autoptr(SlModel) model = NULL;
  g_autoptr(GError) local = NULL;
  double latency;

  bare->ca_o = ca_o;
  g_array_set_size (bare->rules, 0);
  g_array_set_size (bare->spines, 0);
  g_array_set_size (bare->spine_groups, 0);
  model = sl_model_compile (bare, morph, error);
  if (model == NULL)
    return FALSE;
  if (!_sl_vcell_ap_threshold_model (model, threshold, &latency, &local))
    {
      /* a cell that does not fire, or a run that failed */
      g_set_error (error, SL_CHINDEMI_CAL_ERROR, SL_CHINDEMI_CAL_ERROR_NO_SPIKE,
                   "%s: C_post: %s", session->model->name != NULL ? session->model->name
                   : "session", local->message);
      return FALSE;
    }
  /* a passive soma charged past 0 mV peaks when the pulse ends; a spike
   * peaks after it (regenerative) */
  if (latency <= SL_VCELL_AP_DUR + 0.1)
    {
      g_set_error (error, SL_CHINDEMI_CAL_ERROR, SL_CHINDEMI_CAL_ERROR_NO_SPIKE,
                   "%s: C_post: the soma does not fire: a %g ms pulse of %.4g nA takes it past "
                   "0 mV only while it lasts (peak %.2f ms after onset), no action potential",
                   session->model->name != NULL ? session->model->name : "session",
                   SL_VCELL_AP_DUR, SL_VCELL_AP_FACTOR * *threshold, latency);
      return FALSE;
    }
  return TRUE;
}

static gboolean
cancelled (GCancellable  *cancellable,
           GError       **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
report (SlChindemiCalProgress  progress,
        gpointer               data,
        double                 fraction,
        const char            *stage)
{
  if (progress != NULL)
    progress (fraction, stage, data);
}

static void
fill_spine (SlChindemiCalSpine *out,
            const SlModel      *m,
            int                 k,
            const double       *rho0,
            double              c_pre,
            double              c_post)
{
  const SlModelSection *sec = &m->sections[m->spine_section[k]];
  const double *p = &m->rule_params[m->rule_param_offset[k]];

  out->id = g_strdup (m->spine_id[k]);
  out->distance = sec->distance0 + m->spine_x[k] * sec->length;
  out->c_pre = c_pre;
  out->c_post = c_post;
  out->theta_d = p[SL_CHI_A_D_PRE] * c_pre + p[SL_CHI_A_D_POST] * c_post;
  out->theta_p = p[SL_CHI_A_P_PRE] * c_pre + p[SL_CHI_A_P_POST] * c_post;
  out->rho0 = rho0[0];
  memcpy (out->params, p, sizeof out->params);
  out->params[SL_CHI_RHO0] = rho0[1];
  out->params[SL_CHI_C_PRE] = c_pre;
  out->params[SL_CHI_C_POST] = c_post;
}

/* The connections: Chindemi spines that the session's protocol drives
 * with the same presynaptic spike times are one connection (one
 * presynaptic neuron, whose spike releases at all its synapses at once);
 * a spine no stimulus reaches is a connection of its own.  group[i] is
 * the connection of chindemi spine i, numbered from 0; returns their
 * number. */
static int
connections (const SlSession *session,
             const SlModel   *model,
             GArray          *chindemi,
             int             *group,
             GError         **error)
{
  g_autoptr(SlProtocol) pr = sl_protocol_compile (session->protocol, model, error);
  g_autoptr(GPtrArray) times = NULL;
  g_autofree int *index = NULL;
  int n = 0;

  if (pr == NULL)
    return -1;
  index = g_new (int, model->n_spines);
  for (int k = 0; k < model->n_spines; k++)
    index[k] = -1;
  times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < chindemi->len; i++)
    {
      index[g_array_index (chindemi, int, i)] = i;
      g_ptr_array_add (times, g_array_new (FALSE, FALSE, sizeof (double)));
    }
  for (int e = 0; e < pr->n_events; e++)
    if (index[pr->events[e].spine] >= 0)
      g_array_append_val (g_ptr_array_index (times, index[pr->events[e].spine]), pr->events[e].t);
  for (guint i = 0; i < chindemi->len; i++)
    {
      GArray *ti = g_ptr_array_index (times, i);

      group[i] = -1;
      for (guint j = 0; j < i && ti->len > 0 && group[i] < 0; j++)
        {
          GArray *tj = g_ptr_array_index (times, j);

          if (tj->len == ti->len && memcmp (tj->data, ti->data, ti->len * sizeof (double)) == 0)
            group[i] = group[j];
        }
      if (group[i] < 0)
        group[i] = n++;
    }
  return n;
}

typedef struct
{
  const SlSession *session;
  const SlModel   *model;
  GArray          *chindemi;
  const int       *group;
  double          *c_pre;     /* (chindemi->len) */
  GError         **errors;    /* (n_groups) */
  SlChindemiCalProgress progress;
  gpointer        progress_data;
  double          runs;       /* SEARCH_RUNS + connections + 1 */
} PreJob;

/* C_pre's share of the progress, by connections done. */
static void
pre_progress (guint    done,
              guint    total,
              gpointer data)
{
  PreJob *job = data;

  if (job->progress != NULL)
    job->progress ((SEARCH_RUNS + done) / job->runs, "C_pre", job->progress_data);
}

/* C_pre of connection g: its spines release at once, the others stay
 * silent. */
static void
pre_task (guint    g,
          gpointer data)
{
  PreJob *job = data;
  g_autoptr(SlProtocolSpec) pre = new_protocol (job->session);
  g_autofree double *cmax = g_new0 (double, job->chindemi->len);
  Probe pb = { 0 };

  for (guint i = 0; i < job->chindemi->len; i++)
    {
      int k = g_array_index (job->chindemi, int, i);
      g_autofree char *stim = NULL, *target = NULL;
      SlStimulusSpec *st;
      double t = T_STIM;

      if (job->group[i] != (int) g)
        continue;
      stim = g_strdup_printf ("pre %s", job->model->spine_id[k]);
      target = g_strdup_printf ("spine:%s", job->model->spine_id[k]);
      st = sl_protocol_spec_add_stimulus (pre, stim, SL_STIM_SPIKES, target);
      st->train.kind = SL_TRAIN_EXPLICIT;
      st->train.times = g_array_new (FALSE, FALSE, sizeof (double));
      g_array_append_val (st->train.times, t);
    }
  pb.spine = (const int *) job->chindemi->data;
  pb.n = job->chindemi->len;
  pb.cmax = cmax;
  if (!run_probe (job->model, pre, &pb, &job->errors[g]))
    return;
  for (guint i = 0; i < job->chindemi->len; i++)
    if (job->group[i] == (int) g)
      job->c_pre[i] = cmax[i];
}

SlChindemiCalibration *
sl_chindemi_calibrate (const SlSession        *session,
                       double                  ca_o,
                       GCancellable           *cancellable,
                       SlChindemiCalProgress   progress,
                       gpointer                progress_data,
                       GError                **error)
{
  g_autoptr(SlChindemiCalibration) cal = g_new0 (SlChindemiCalibration, 1);
  g_autoptr(SlMorphology) morph = NULL;
  g_autoptr(SlModel) model = NULL;
  g_autoptr(SlProtocolSpec) post = NULL;
  g_autoptr(GArray) chindemi = NULL, rho0 = NULL;
  g_autofree double *c_pre = NULL, *c_post = NULL;
  g_autofree int *group = NULL;
  int n_groups;
  double runs;
  const char *name;
  Probe pb = { 0 };
  SlStimulusSpec *st;

  g_return_val_if_fail (session != NULL, NULL);
  name = session->model->name != NULL ? session->model->name : "session";
  if (ca_o <= 0.0)
    ca_o = session->model->ca_o;
  if (!isfinite (ca_o) || ca_o < 0.01 || ca_o > 100.0)
    {
      g_set_error (error, SL_CHINDEMI_CAL_ERROR, SL_CHINDEMI_CAL_ERROR_INVALID,
                   "%s: Ca_o %g mM is outside 0.01–100 mM", name, ca_o);
      return NULL;
    }
  cal->ca_o = ca_o;
  cal->spines = g_array_new (FALSE, TRUE, sizeof (SlChindemiCalSpine));
  g_array_set_clear_func (cal->spines, cal_spine_clear);
  report (progress, progress_data, 0.0, "model");
  morph = sl_session_load_morphology (session, error);
  if (morph == NULL)
    return NULL;
  model = calibration_model (session, morph, ca_o, &chindemi, &rho0, error);
  if (model == NULL)
    return NULL;
  if (chindemi->len == 0)
    {
      g_set_error (error, SL_CHINDEMI_CAL_ERROR, SL_CHINDEMI_CAL_ERROR_NO_SPINES,
                   "%s: no spine runs the chindemi rule, so there are no thresholds to measure",
                   name);
      return NULL;
    }
  group = g_new (int, chindemi->len);
  n_groups = connections (session, model, chindemi, group, error);
  if (n_groups < 0)
    return NULL;
  runs = SEARCH_RUNS + n_groups + 1;
  if (cancelled (cancellable, error))
    return NULL;

  report (progress, progress_data, 0.02, "AP threshold");
  if (!ap_threshold (session, morph, ca_o, &cal->ap_threshold, error))
    return NULL;
  cal->ap_amp = SL_VCELL_AP_FACTOR * cal->ap_threshold;
  cal->ap_dur = SL_VCELL_AP_DUR;
  if (cancelled (cancellable, error))
    return NULL;

  c_pre = g_new0 (double, chindemi->len);
  c_post = g_new0 (double, chindemi->len);
  pb.spine = (const int *) chindemi->data;
  pb.n = chindemi->len;

  report (progress, progress_data, SEARCH_RUNS / runs, "C_pre");
  {
    PreJob job = { session, model, chindemi, group, c_pre, g_new0 (GError *, n_groups),
                   progress, progress_data, runs };
    GError *failed = NULL;

    sl_validate_parallel_for_full (n_groups, 0, pre_task, &job, cancellable, pre_progress, &job);
    for (int g = 0; g < n_groups; g++)
      {
        if (job.errors[g] != NULL && failed == NULL)
          failed = g_steal_pointer (&job.errors[g]);
        g_clear_error (&job.errors[g]);
      }
    g_free (job.errors);
    if (failed != NULL)
      {
        g_propagate_error (error, failed);
        return NULL;
      }
  }
  cal->n_connections = n_groups;
  if (cancelled (cancellable, error))
    return NULL;

  report (progress, progress_data, (runs - 1) / runs, "C_post");
  post = new_protocol (session);
  st = sl_protocol_spec_add_stimulus (post, "somatic AP", SL_STIM_ICLAMP_STEP, "soma");
  st->amp = cal->ap_amp;
  st->delay = T_STIM;
  st->dur = SL_VCELL_AP_DUR;
  pb.cmax = c_post;
  if (!run_probe (model, post, &pb, error))
    return NULL;
  if (pb.n_spikes != 1)
    {
      g_set_error (error, SL_CHINDEMI_CAL_ERROR, SL_CHINDEMI_CAL_ERROR_NO_SPIKE,
                   "%s: C_post: a %g ms pulse of %.4g nA (%.2g × threshold) gave %d somatic "
                   "spikes, not 1", name, SL_VCELL_AP_DUR, cal->ap_amp, SL_VCELL_AP_FACTOR,
                   pb.n_spikes);
      return NULL;
    }

  g_array_set_size (cal->spines, chindemi->len);
  for (guint i = 0; i < chindemi->len; i++)
    fill_spine (&g_array_index (cal->spines, SlChindemiCalSpine, i), model,
                g_array_index (chindemi, int, i), &g_array_index (rho0, double, 2 * i),
                c_pre[i], c_post[i]);
  report (progress, progress_data, 1.0, "done");
  return g_steal_pointer (&cal);
}

static void
set_param (SlRuleAssignment *a,
           const char       *name,
           double            value)
{
  SlParamValue pv;

  if (a->params == NULL)
    a->params = g_array_new (FALSE, FALSE, sizeof (SlParamValue));
  for (guint j = 0; j < a->params->len; j++)
    {
      SlParamValue *p = &g_array_index (a->params, SlParamValue, j);

      if (g_strcmp0 (p->name, name) == 0)
        {
          p->value = value;
          return;
        }
    }
  pv.name = g_strdup (name);
  pv.value = value;
  g_array_append_val (a->params, pv);
}

/* The last assignment whose target is the spine itself, or NULL. */
static SlRuleAssignment *
spine_assignment (SlModelSpec *spec,
                  const char  *id)
{
  g_autofree char *target = g_strdup_printf ("spine:%s", id);

  for (guint i = spec->rules->len; i-- > 0;)
    {
      SlRuleAssignment *a = &g_array_index (spec->rules, SlRuleAssignment, i);

      if (g_strcmp0 (a->target, target) == 0)
        return a;
    }
  return NULL;
}

SlSession *
sl_chindemi_calibration_apply (const SlSession             *session,
                               const SlChindemiCalibration *cal)
{
  SlSession *copy;
  const SlRuleClass *cls;

  g_return_val_if_fail (session != NULL && cal != NULL, NULL);
  cls = sl_rule_lookup ("chindemi", NULL);
  copy = sl_session_copy (session);
  copy->model->ca_o = cal->ca_o;
  for (guint i = 0; i < cal->spines->len; i++)
    {
      const SlChindemiCalSpine *sp = &g_array_index (cal->spines, SlChindemiCalSpine, i);
      SlRuleAssignment *a = spine_assignment (copy->model, sp->id);

      if (a == NULL || g_strcmp0 (a->rule, "chindemi") != 0)
        {
          /* from a region: its own assignment, with every parameter that
           * is not the rule's default */
          g_autofree char *target = g_strdup_printf ("spine:%s", sp->id);
          double def[SL_CHI_N_PARAMS];

          sl_rule_params_init (cls, def);
          a = sl_model_spec_set_rule (copy->model, target, "chindemi", NULL);
          for (guint j = 0; j < cls->n_params; j++)
            if (sp->params[j] != def[j] || j == SL_CHI_C_PRE || j == SL_CHI_C_POST)
              set_param (a, cls->params[j].name, sp->params[j]);
        }
      set_param (a, "c_pre", sp->c_pre);
      set_param (a, "c_post", sp->c_post);
    }
  return copy;
}

gboolean
sl_chindemi_spec_has_thresholds (const SlModelSpec *spec)
{
  for (guint i = 0; spec->rules != NULL && i < spec->rules->len; i++)
    {
      const SlRuleAssignment *a = &g_array_index (spec->rules, SlRuleAssignment, i);

      if (g_strcmp0 (a->rule, "chindemi") != 0 || a->params == NULL)
        continue;
      for (guint j = 0; j < a->params->len; j++)
        {
          const SlParamValue *p = &g_array_index (a->params, SlParamValue, j);

          if ((g_strcmp0 (p->name, "c_pre") == 0 || g_strcmp0 (p->name, "c_post") == 0)
              && p->value > 0)
            return TRUE;
        }
    }
  return FALSE;
}

gboolean
sl_chindemi_spec_has_rule (const SlModelSpec *spec)
{
  for (guint i = 0; spec->rules != NULL && i < spec->rules->len; i++)
    if (g_strcmp0 (g_array_index (spec->rules, SlRuleAssignment, i).rule, "chindemi") == 0)
      return TRUE;
  return FALSE;
}
