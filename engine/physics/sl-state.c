/* sl-state.c: SlState and sl_state_step(), the pipeline of stages described
 * in sl-state.h. */
#include "sl-physics-private.h"
#include "sl-protocol.h"
#include "sl-calcium.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct
{
  gpointer *field;
  gsize     bytes;
} Slice;

#define SLICE(f, n) slices[n_slices++] = (Slice) { (gpointer *) &(f), (gsize) (n) * sizeof (*(f)) }

SlState *
sl_state_new (const SlModel *model)
{
  SlState *s;
  Slice slices[48];
  int n_slices = 0, nn, ns;
  gsize total = 0;
  char *p;

  g_return_val_if_fail (model != NULL, NULL);

  s = g_new0 (SlState, 1);
  s->model = model;
  nn = model->n_nodes;
  ns = model->n_spines;
  SLICE (s->v, nn); SLICE (s->ca_node, nn);
  SLICE (s->diag, nn); SLICE (s->rhs, nn);
  SLICE (s->hh_m, model->n_hh); SLICE (s->hh_h, model->n_hh); SLICE (s->hh_n, model->n_hh);
  SLICE (s->cahva_m, model->n_cahva); SLICE (s->cahva_h, model->n_cahva);
  SLICE (s->nat_m, model->n_nat); SLICE (s->nat_h, model->n_nat); SLICE (s->kv3_m, model->n_kv3);
  SLICE (s->nat_s, model->n_nat);
  SLICE (s->ampa_a, ns); SLICE (s->ampa_b, ns); SLICE (s->nmda_a, ns); SLICE (s->nmda_b, ns);
  SLICE (s->vdcc_m, ns); SLICE (s->vdcc_h, ns); SLICE (s->ca_head, ns); SLICE (s->eca_head, ns);
  SLICE (s->g_ampa, ns); SLICE (s->g_nmda, ns); SLICE (s->i_ampa, ns); SLICE (s->i_nmda, ns);
  SLICE (s->i_vdcc, ns); SLICE (s->i_ca_nmda, ns); SLICE (s->w, ns); SLICE (s->tm_u, ns);
  SLICE (s->tm_r, ns); SLICE (s->tm_last, ns); SLICE (s->v_head_prev, ns);
  SLICE (s->pre, ns); SLICE (s->n_released, ns); SLICE (s->post, ns);
  SLICE (s->rule_state, model->n_rule_state); SLICE (s->rng, ns);
  SLICE (s->node_ica, nn); SLICE (s->head_ica, ns); SLICE (s->syn_decay, 4 * ns); SLICE (s->eca_ca, ns); SLICE (s->eca_ref, ns); SLICE (s->v_head, ns);
  if (model->calcium != NULL)
    SLICE (s->ca_grid, sl_calcium_grid_get_state_size (model->calcium));

  g_assert (n_slices <= (int) G_N_ELEMENTS (slices));
  for (int i = 0; i < n_slices; i++)
    total += (slices[i].bytes + 63) & ~(gsize) 63;
  s->block = g_malloc0 (MAX (total, 1));
  p = s->block;
  for (int i = 0; i < n_slices; i++)
    {
      *slices[i].field = slices[i].bytes > 0 ? p : NULL;
      p += (slices[i].bytes + 63) & ~(gsize) 63;
    }
  sl_state_reset (s);
  return s;
}

void
sl_state_free (SlState *self)
{
  if (self == NULL)
    return;
  g_free (self->block);
  g_free (self);
}

void
sl_state_reset (SlState *self)
{
  const SlModel *m = self->model;

  self->t = 0;
  self->n_steps = 0;
  self->dt_cached = 0;
  self->event_next = 0;
  self->pulse_first = 0;
  self->n_nonfinite = 0;
  self->failed = FALSE;
  self->message[0] = '\0';
  for (int i = 0; i < m->n_nodes; i++)
    {
      self->v[i] = m->v_init;
      self->ca_node[i] = m->ca_rest;
    }
  memset (self->node_ica, 0, sizeof (double) * m->n_nodes);
  if (m->calcium != NULL)
    sl_calcium_grid_init_state (m->calcium, self->ca_grid);
  _sl_channels_init (m, self);
  _sl_synapses_init (m, self);
  for (int k = 0; k < m->n_spines; k++)
    {
      const SlRuleClass *cls = m->spine_rule[k];

      if (cls != NULL)
        {
          double *st = &self->rule_state[m->rule_state_offset[k]];
          const double *pr = &m->rule_params[m->rule_param_offset[k]];

          cls->init (pr, st, m->spine_seed[k], m->syn_w0[k]);
          self->w[k] = cls->weight (pr, st);
        }
    }
}

gboolean
sl_state_rebind (SlState        *self,
                 const SlModel  *model,
                 GError        **error)
{
  const char *why = NULL;

  g_return_val_if_fail (self != NULL && model != NULL, FALSE);

  if (!sl_model_same_structure (self->model, model, &why))
    {
      g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_INVALID,
                   "cannot keep the running state on the edited model: %s", why);
      return FALSE;
    }
  /* E_Ca's reference point depends on temperature and [Ca]o. */
  if (model->celsius != self->model->celsius || model->ca_o != self->model->ca_o)
    for (int k = 0; k < model->n_spines; k++)
      if (self->ca_head[k] > 0)
        {
          self->eca_ca[k] = self->ca_head[k];
          self->eca_ref[k] = self->eca_head[k] = _sl_nernst_ca (model->celsius, model->ca_o,
                                                                self->ca_head[k]);
        }
  self->model = model;
  self->dt_cached = 0;   /* synaptic decay factors depend on the time constants */
  return TRUE;
}

void
sl_state_seek_protocol (SlState          *self,
                        const SlProtocol *protocol,
                        double            dt)
{
  self->event_next = 0;
  self->pulse_first = 0;   /* stage_stimuli skips ended pulses itself */
  if (protocol == NULL)
    return;
  while (self->event_next < protocol->n_events
         && protocol->events[self->event_next].t < self->t - 0.5 * dt)
    self->event_next++;
}

/* ---- stages ---- */

static void
stage_events (const SlModel    *m,
              SlState          *s,
              const SlProtocol *pr,
              double            dt)
{
  if (m->n_spines > 0)
    memset (s->pre, 0, m->n_spines);
  for (int k = 0; k < m->n_spines; k++)
    s->n_released[k] = 0;
  if (pr == NULL)
    return;
  /* NEURON's fixed step delivers every event due before t + dt/2. */
  while (s->event_next < pr->n_events && pr->events[s->event_next].t < s->t + 0.5 * dt)
    {
      const SlSpikeEvent *e = &pr->events[s->event_next++];

      _sl_synapse_spike (m, s, e->spine, e->t);
    }
}

static void
stage_stimuli (const SlModel    *m,
               SlState          *s,
               const SlProtocol *pr,
               double            dt)
{
  double tm = s->t + 0.5 * dt;

  if (pr == NULL)
    return;
  while (s->pulse_first < pr->n_pulses && pr->pulses[s->pulse_first].t_off <= tm &&
         (s->pulse_first == 0 || pr->pulses[s->pulse_first - 1].t_off <= tm))
    s->pulse_first++;
  for (int k = s->pulse_first; k < pr->n_pulses && pr->pulses[k].t_on <= tm; k++)
    if (tm < pr->pulses[k].t_off)
      s->rhs[pr->pulses[k].node] += pr->pulses[k].amp;
}

static void
stage_calcium (const SlModel *m,
               SlState       *s,
               double         dt)
{
  if (m->calcium == NULL)
    {
      _sl_calcium_heads (m, s, dt);
      return;
    }
  for (int k = 0; k < m->n_spines; k++)
    s->head_ica[k] = s->i_ca_nmda[k] + s->i_vdcc[k];
  sl_calcium_grid_step (m->calcium, s->ca_grid, s->node_ica, s->head_ica, dt);
  sl_calcium_grid_fill_head_conc (m->calcium, s->ca_grid, s->ca_head);
  if (m->n_cahva > 0)
    sl_calcium_grid_fill_node_conc (m->calcium, s->ca_grid, s->ca_node);
  _sl_update_eca (m, s);
}

static void
stage_plasticity (const SlModel    *m,
                  SlState          *s,
                  const SlProtocol *pr,
                  double            t0,
                  double            dt)
{
  gboolean theta_end = FALSE;
  int nc = m->n_cable;

  if (pr != NULL && pr->theta_period > 0 && t0 + dt > pr->theta_start)
    {
      double a = floor ((t0 - pr->theta_start) / pr->theta_period + 1e-9);
      double b = floor ((t0 + dt - pr->theta_start) / pr->theta_period + 1e-9);

      theta_end = b > a && t0 + dt > pr->theta_start + pr->theta_period - 1e-9;
    }
  for (int k = 0; k < m->n_spines; k++)
    {
      double vh = s->v[nc + 2 * k + 1];
      const SlRuleClass *cls = m->spine_rule[k];

      s->post[k] = s->v_head_prev[k] < -20.0 && vh >= -20.0;
      s->v_head_prev[k] = vh;
      if (cls != NULL)
        {
          SlRuleInput in;
          double *st = &s->rule_state[m->rule_state_offset[k]];
          const double *p = &m->rule_params[m->rule_param_offset[k]];

          in.t = t0;
          in.dt = dt;
          in.ca = s->ca_head[k];
          in.ca_rest = m->ca_rest;
          in.ca_o = m->ca_o;
          in.v = vh;
          in.pre = s->pre[k];
          in.n_released = s->n_released[k];
          in.post = s->post[k];
          /* plateau gate: the spine's dendrite above −30 mV (models.md §9) */
          in.plateau = s->v[m->spine_node[k]] > -30.0;
          in.theta_end = theta_end;
          cls->step (p, st, &in);
          s->w[k] = cls->weight (p, st);
        }
    }
}

static gboolean
check_finite (const SlModel *m,
              SlState       *s)
{
  /* A NaN or ∞ anywhere makes the sum non-finite; four partial sums keep
   * the additions out of one long dependency chain. */
  double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  int j = 0, n = m->n_nodes;

  for (; j + 4 <= n; j += 4)
    {
      a0 += s->v[j];
      a1 += s->v[j + 1];
      a2 += s->v[j + 2];
      a3 += s->v[j + 3];
    }
  for (; j < n; j++)
    a0 += s->v[j];
  for (int k = 0; k < m->n_spines; k++)
    {
      a1 += s->ca_head[k];
      a2 += s->w[k];
    }
  if (isfinite (a0 + a1 + a2 + a3))
    return TRUE;

  s->n_nonfinite++;
  s->failed = TRUE;
  for (int i = 0; i < m->n_nodes; i++)
    if (!isfinite (s->v[i]))
      {
        if (i >= m->n_cable)
          snprintf (s->message, sizeof s->message,
                    "t = %g ms: v of the %s of spine '%s' is not finite",
                    s->t, m->kind[i] == SL_NODE_NECK ? "neck" : "head",
                    m->spine_id[(i - m->n_cable) / 2]);
        else
          snprintf (s->message, sizeof s->message,
                    "t = %g ms: v of compartment %d (section %d, x = %.3f) is not finite",
                    s->t, i, m->section[i], m->x[i]);
        return FALSE;
      }
  for (int k = 0; k < m->n_spines; k++)
    if (!isfinite (s->ca_head[k]) || !isfinite (s->w[k]))
      {
        snprintf (s->message, sizeof s->message,
                  "t = %g ms: %s of spine '%s' is not finite", s->t,
                  isfinite (s->ca_head[k]) ? "w" : "ca", m->spine_id[k]);
        return FALSE;
      }
  snprintf (s->message, sizeof s->message, "t = %g ms: a non-finite value", s->t);
  return FALSE;
}

gboolean
sl_state_step (const SlModel    *model,
               SlState          *self,
               const SlProtocol *protocol,
               double            dt)
{
  double t0 = self->t;

  g_return_val_if_fail (model != NULL && self != NULL, FALSE);
  g_return_val_if_fail (self->model == model, FALSE);
  g_return_val_if_fail (dt > 0, FALSE);

  stage_events (model, self, protocol, dt);
  _sl_channels_current (model, self, dt);
  _sl_synapses_current (model, self);
  stage_stimuli (model, self, protocol, dt);
  _sl_hines_step_spines (model->n_cable, model->n_spines, model->parent, model->g_axial,
                         self->diag, self->rhs, self->v, self->v_head);
  _sl_channels_gates (model, self, dt);
  _sl_synapses_gates (model, self, dt);
  stage_calcium (model, self, dt);
  stage_plasticity (model, self, protocol, t0, dt);

  self->n_steps++;
  self->t = t0 + dt;
  return check_finite (model, self);
}
