/* sl-protocol.c: SlProtocolSpec resolved on a model (sorted spike events
 * and current pulses, recordings as node/spine indices), the recorder and
 * a headless run loop. */
#include "sl-protocol.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

G_DEFINE_QUARK (sl-protocol-error-quark, sl_protocol_error)

static int
cmp_event (gconstpointer a,
           gconstpointer b)
{
  const SlSpikeEvent *x = a, *y = b;

  if (x->t != y->t)
    return x->t < y->t ? -1 : 1;
  return x->spine - y->spine;
}

static int
cmp_pulse (gconstpointer a,
           gconstpointer b)
{
  const SlPulse *x = a, *y = b;

  if (x->t_on != y->t_on)
    return x->t_on < y->t_on ? -1 : 1;
  return x->node - y->node;
}

static gboolean
resolve_spine (const SlModel         *model,
               const SlStimulusSpec  *st,
               const char            *target,
               int                   *spine,
               GError               **error)
{
  if (target == NULL || !g_str_has_prefix (target, "spine:"))
    {
      g_set_error (error, SL_PROTOCOL_ERROR, SL_PROTOCOL_ERROR_LOCATION,
                   "stimulus '%s': spikes go onto a spine synapse (spine:ID), not '%s'",
                   st->name, target ? target : "(none)");
      return FALSE;
    }
  *spine = sl_model_find_spine (model, target + 6);
  if (*spine < 0)
    {
      g_set_error (error, SL_PROTOCOL_ERROR, SL_PROTOCOL_ERROR_LOCATION,
                   "stimulus '%s': no spine '%s'", st->name, target + 6);
      return FALSE;
    }
  return TRUE;
}

static gboolean
resolve_node (const SlModel         *model,
              const SlStimulusSpec  *st,
              const char            *target,
              int                   *node,
              GError               **error)
{
  g_autoptr(GError) local = NULL;
  int spine;

  if (target != NULL && g_str_has_prefix (target, "spine:") &&
      sl_model_find_spine (model, target + 6) < 0)
    {
      g_set_error (error, SL_PROTOCOL_ERROR, SL_PROTOCOL_ERROR_LOCATION,
                   "stimulus '%s': no spine '%s'", st->name, target + 6);
      return FALSE;
    }
  if (!sl_model_resolve_location (model, target, node, &spine, &local))
    {
      g_set_error (error, SL_PROTOCOL_ERROR, SL_PROTOCOL_ERROR_LOCATION,
                   "stimulus '%s': %s", st->name, local->message);
      return FALSE;
    }
  return TRUE;
}

static GArray *
expand (const SlStimulusSpec  *st,
        double                 tstop,
        GError               **error)
{
  g_autoptr(GError) local = NULL;
  GArray *times = sl_train_expand (&st->train, tstop, &local);

  if (times == NULL)
    g_set_error (error, SL_PROTOCOL_ERROR, SL_PROTOCOL_ERROR_INVALID,
                 "stimulus '%s': %s", st->name, local ? local->message : "bad train");
  return times;
}

static gboolean
compile_stimulus (const SlStimulusSpec  *st,
                  const SlModel         *model,
                  double                 tstop,
                  GArray                *events,
                  GArray                *pulses,
                  GError               **error)
{
  g_autoptr(GArray) times = NULL;
  SlSpikeEvent e;
  SlPulse p;

  switch (st->kind)
    {
    case SL_STIM_SPIKES:
      if (!resolve_spine (model, st, st->target, &e.spine, error) ||
          (times = expand (st, tstop, error)) == NULL)
        return FALSE;
      for (guint i = 0; i < times->len; i++)
        {
          e.t = g_array_index (times, double, i);
          g_array_append_val (events, e);
        }
      return TRUE;

    case SL_STIM_ICLAMP_STEP:
      if (!resolve_node (model, st, st->target, &p.node, error))
        return FALSE;
      p.t_on = st->delay;
      p.t_off = st->delay + st->dur;
      p.amp = st->amp;
      g_array_append_val (pulses, p);
      return TRUE;

    case SL_STIM_ICLAMP_TRAIN:
      if (!resolve_node (model, st, st->target, &p.node, error) ||
          (times = expand (st, tstop, error)) == NULL)
        return FALSE;
      for (guint i = 0; i < times->len; i++)
        {
          p.t_on = g_array_index (times, double, i);
          p.t_off = p.t_on + st->dur;
          p.amp = st->amp;
          g_array_append_val (pulses, p);
        }
      return TRUE;

    case SL_STIM_PAIRING:
      if (!resolve_spine (model, st, st->target, &e.spine, error) ||
          !resolve_node (model, st, st->post_target ? st->post_target : "soma", &p.node, error) ||
          (times = expand (st, tstop, error)) == NULL)
        return FALSE;
      for (guint i = 0; i < times->len; i++)
        {
          e.t = g_array_index (times, double, i);
          g_array_append_val (events, e);
          p.t_on = e.t + st->offset;
          p.t_off = p.t_on + st->dur;
          p.amp = st->amp;
          if (p.t_on >= 0)
            g_array_append_val (pulses, p);
        }
      return TRUE;

    case SL_STIM_SEQUENCE:
      {
        int n_targets = 0, reps = st->train.n_repeats > 0 ? st->train.n_repeats : 1;
        g_autofree int *spines = NULL;
        double window;

        while (st->targets != NULL && st->targets[n_targets] != NULL)
          n_targets++;
        if (n_targets == 0)
          {
            g_set_error (error, SL_PROTOCOL_ERROR, SL_PROTOCOL_ERROR_INVALID,
                         "stimulus '%s': a sequence needs targets", st->name);
            return FALSE;
          }
        spines = g_new (int, n_targets);
        for (int j = 0; j < n_targets; j++)
          if (!resolve_spine (model, st, st->targets[j], &spines[j], error))
            return FALSE;
        /* Repetitions follow each other like piecewise windows: every
         * (n_targets·interval + gap) ms. */
        window = n_targets * st->interval + st->train.gap;
        for (int r = 0; r < reps; r++)
          for (int j = 0; j < n_targets; j++)
            {
              e.t = st->train.start + r * window + j * st->interval;
              e.spine = spines[j];
              if (tstop <= 0 || e.t < tstop)
                g_array_append_val (events, e);
            }
        return TRUE;
      }
    }
  g_set_error (error, SL_PROTOCOL_ERROR, SL_PROTOCOL_ERROR_INVALID,
               "stimulus '%s': unknown kind %d", st->name, (int) st->kind);
  return FALSE;
}

static const char * const var_names[] = {
  "v", "ca", "g_ampa", "g_nmda", "i_ampa", "i_nmda", "i_ca", "w", "dw", "rho",
};

static gboolean
compile_recording (const SlRecordingSpec  *rs,
                   const SlModel          *model,
                   SlRecordingRef         *ref,
                   GError                **error)
{
  g_autoptr(GError) local = NULL;
  int var = -1;

  for (guint i = 0; i < G_N_ELEMENTS (var_names); i++)
    if (g_strcmp0 (rs->variable, var_names[i]) == 0)
      var = i;
  if (var < 0)
    {
      g_set_error (error, SL_PROTOCOL_ERROR, SL_PROTOCOL_ERROR_INVALID,
                   "recording '%s': unknown variable '%s' (known: v, ca, g_ampa, g_nmda, "
                   "i_ampa, i_nmda, i_ca, w, dw, rho)", rs->name, rs->variable ? rs->variable : "");
      return FALSE;
    }
  if (!sl_model_resolve_location (model, rs->location, &ref->node, &ref->spine, &local))
    {
      g_set_error (error, SL_PROTOCOL_ERROR, SL_PROTOCOL_ERROR_LOCATION,
                   "recording '%s': %s", rs->name, local->message);
      return FALSE;
    }
  ref->variable = var;
  ref->name = g_strdup (rs->name);
  if (var >= SL_REC_G_AMPA && ref->spine < 0)
    {
      g_set_error (error, SL_PROTOCOL_ERROR, SL_PROTOCOL_ERROR_LOCATION,
                   "recording '%s': '%s' needs a spine location (spine:ID), not '%s'",
                   rs->name, rs->variable, rs->location);
      return FALSE;
    }
  if (var == SL_REC_RHO)
    {
      const SlRuleClass *cls = model->spine_rule[ref->spine];
      gboolean found = FALSE;

      for (guint j = 0; cls != NULL && j < cls->n_state; j++)
        found |= strcmp (cls->state_names[j], "rho") == 0;
      if (!found)
        {
          g_set_error (error, SL_PROTOCOL_ERROR, SL_PROTOCOL_ERROR_INVALID,
                       "recording '%s': the rule of spine '%s' has no state 'rho'",
                       rs->name, model->spine_id[ref->spine]);
          return FALSE;
        }
    }
  return TRUE;
}

SlProtocol *
sl_protocol_compile (const SlProtocolSpec  *spec,
                     const SlModel         *model,
                     GError               **error)
{
  g_autoptr(SlProtocol) self = NULL;
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (SlSpikeEvent));
  g_autoptr(GArray) pulses = g_array_new (FALSE, FALSE, sizeof (SlPulse));
  guint n_rec;

  g_return_val_if_fail (spec != NULL && model != NULL, NULL);

  if (!(spec->dt > 0) || !(spec->tstop >= 0) || !isfinite (spec->tstop) ||
      !(spec->record_interval > 0))
    {
      g_set_error (error, SL_PROTOCOL_ERROR, SL_PROTOCOL_ERROR_INVALID,
                   "protocol: dt (%g ms) and record_interval (%g ms) must be positive, tstop (%g ms) finite",
                   spec->dt, spec->record_interval, spec->tstop);
      return NULL;
    }
  self = g_new0 (SlProtocol, 1);
  self->dt = spec->dt;
  self->tstop = spec->tstop;
  self->record_interval = spec->record_interval;
  self->theta_period = spec->theta_period;
  self->theta_start = spec->theta_start;

  for (guint i = 0; spec->stimuli != NULL && i < spec->stimuli->len; i++)
    if (!compile_stimulus (&g_array_index (spec->stimuli, SlStimulusSpec, i), model,
                           spec->tstop, events, pulses, error))
      return NULL;
  g_array_sort (events, cmp_event);
  g_array_sort (pulses, cmp_pulse);
  self->n_events = events->len;
  self->events = (SlSpikeEvent *) g_array_free (g_steal_pointer (&events), FALSE);
  self->n_pulses = pulses->len;
  self->pulses = (SlPulse *) g_array_free (g_steal_pointer (&pulses), FALSE);

  n_rec = spec->recordings != NULL ? spec->recordings->len : 0;
  self->recordings = g_new0 (SlRecordingRef, MAX (n_rec, 1));
  for (guint i = 0; i < n_rec; i++)
    {
      self->n_recordings = i + 1;
      if (!compile_recording (&g_array_index (spec->recordings, SlRecordingSpec, i), model,
                              &self->recordings[i], error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

void
sl_protocol_free (SlProtocol *self)
{
  if (self == NULL)
    return;
  for (int i = 0; i < self->n_recordings; i++)
    g_free (self->recordings[i].name);
  g_free (self->recordings);
  g_free (self->events);
  g_free (self->pulses);
  g_free (self);
}

double
sl_recording_read (const SlRecordingRef *rec,
                   const SlModel        *model,
                   const SlState        *state)
{
  int k = rec->spine;

  switch (rec->variable)
    {
    case SL_REC_V:      return state->v[rec->node];
    case SL_REC_CA:     return k >= 0 ? state->ca_head[k] : state->ca_node[rec->node];
    case SL_REC_G_AMPA: return state->g_ampa[k];
    case SL_REC_G_NMDA: return state->g_nmda[k];
    case SL_REC_I_AMPA: return state->i_ampa[k];
    case SL_REC_I_NMDA: return state->i_nmda[k];
    case SL_REC_I_CA:   return state->i_vdcc[k] + state->i_ca_nmda[k];
    case SL_REC_W:      return state->w[k];
    case SL_REC_DW:     return state->w[k] - model->syn_w0[k];
    case SL_REC_RHO:
      {
        const SlRuleClass *cls = model->spine_rule[k];

        for (guint j = 0; cls != NULL && j < cls->n_state; j++)
          if (strcmp (cls->state_names[j], "rho") == 0)
            return state->rule_state[model->rule_state_offset[k] + j];
        return NAN;
      }
    }
  return NAN;
}

SlRecorder *
sl_recorder_new (const SlProtocol *protocol)
{
  SlRecorder *self = g_new0 (SlRecorder, 1);

  self->n_columns = protocol->n_recordings;
  self->names = g_new0 (char *, self->n_columns + 1);
  for (int i = 0; i < self->n_columns; i++)
    self->names[i] = g_strdup (protocol->recordings[i].name);
  self->n_alloc = (int) MIN (1e7, protocol->tstop / protocol->record_interval + 2);
  self->data = g_new (double, (gsize) self->n_alloc * (1 + self->n_columns));
  return self;
}

void
sl_recorder_free (SlRecorder *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->names);
  g_free (self->data);
  g_free (self);
}

void
sl_recorder_sample (SlRecorder       *self,
                    const SlProtocol *protocol,
                    const SlModel    *model,
                    const SlState    *state)
{
  double *row;

  if (self->n_rows == self->n_alloc)
    {
      self->n_alloc = MAX (16, 2 * self->n_alloc);
      self->data = g_renew (double, self->data, (gsize) self->n_alloc * (1 + self->n_columns));
    }
  row = &self->data[(gsize) self->n_rows++ * (1 + self->n_columns)];
  row[0] = state->t;
  for (int i = 0; i < self->n_columns; i++)
    row[1 + i] = sl_recording_read (&protocol->recordings[i], model, state);
}

/* t with enough digits to tell rows apart on long runs (%.6g would merge
 * 100000.1 and 100000.2), values with %.8g. */
GString *
sl_recorder_format_csv (const SlRecorder *self)
{
  GString *out = g_string_new ("t");
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int i = 0; i < self->n_columns; i++)
    g_string_append_printf (out, ",%s", self->names[i]);
  g_string_append_c (out, '\n');
  for (int r = 0; r < self->n_rows; r++)
    {
      const double *row = &self->data[(gsize) r * (1 + self->n_columns)];

      g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.10g", row[0]));
      for (int i = 1; i <= self->n_columns; i++)
        {
          g_string_append_c (out, ',');
          g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.8g", row[i]));
        }
      g_string_append_c (out, '\n');
    }
  return out;
}

gboolean
sl_recorder_write_csv (const SlRecorder *self,
                       const char       *path,
                       GError          **error)
{
  g_autoptr(GString) out = sl_recorder_format_csv (self);

  return g_file_set_contents (path, out->str, out->len, error);
}

gboolean
sl_protocol_run (const SlProtocol *protocol,
                 const SlModel    *model,
                 SlState          *state,
                 SlRecorder       *recorder,
                 GError          **error)
{
  double dt = protocol->dt;
  gint64 n_steps = (gint64) floor ((protocol->tstop - state->t) / dt + 0.5);
  double steps_per_sample = protocol->record_interval / dt;
  gint64 every = (gint64) floor (steps_per_sample + 0.5);

  if (every < 1 || fabs (every - steps_per_sample) > 1e-6)
    every = MAX (every, 1);
  if (recorder != NULL && state->n_steps == 0)
    sl_recorder_sample (recorder, protocol, model, state);
  for (gint64 i = 1; i <= n_steps; i++)
    {
      if (!sl_state_step (model, state, protocol, dt))
        {
          g_set_error (error, SL_PROTOCOL_ERROR, SL_PROTOCOL_ERROR_INVALID,
                       "simulation stopped: %s", state->message);
          return FALSE;
        }
      if (recorder != NULL && state->n_steps % every == 0)
        sl_recorder_sample (recorder, protocol, model, state);
    }
  return TRUE;
}
