/* sl-sweep.c: run a session over a range of one parameter, every point on
 * its own SlState, in parallel through sl_validate_parallel_for_full. */
#include "sl-config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sl-chindemi-calibrate.h"
#include "sl-protocol.h"
#include "sl-state.h"
#include "sl-sweep.h"
#include "sl-validate.h"

/* Steps between two looks at the cancellable (an atomic read): a few
 * ms of CPU time on the bundled L5 cell (about 0.1 ms a step). */
#define CANCEL_CHECK_STEPS 64
#define SPIKE_THRESHOLD_MV (-20.0)

/* ------------------------------------------------------------------ */
/* Values */

static gboolean
parse_number (const char  *text,
              const char  *what,
              double      *out,
              GError     **error)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  char *end = NULL;

  *out = g_ascii_strtod (s, &end);
  if (*s == '\0' || end == s || *end != '\0' || !isfinite (*out))
    {
      g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_VALUES,
                   "%s '%s' is not a number", what, s);
      return FALSE;
    }
  return TRUE;
}

double *
sl_sweep_parse_values (const char  *text,
                       guint       *n_values,
                       GError     **error)
{
  g_autoptr (GArray) v = g_array_new (FALSE, FALSE, sizeof (double));

  *n_values = 0;
  if (text == NULL || *text == '\0')
    {
      g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_VALUES,
                   "no values given (A:B:STEP or v1,v2,…)");
      return NULL;
    }
  if (strchr (text, ':') != NULL)
    {
      g_auto (GStrv) f = g_strsplit (text, ":", -1);
      double a, b, step, count;

      if (g_strv_length (f) != 3)
        {
          g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_VALUES,
                       "range '%s' must be A:B:STEP", text);
          return NULL;
        }
      if (!parse_number (f[0], "start", &a, error) || !parse_number (f[1], "end", &b, error) ||
          !parse_number (f[2], "step", &step, error))
        return NULL;
      if (step == 0 || (b - a) / step < -1e-9)
        {
          g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_VALUES,
                       "range '%s': a step of %g never goes from %g to %g", text, step, a, b);
          return NULL;
        }
      count = floor ((b - a) / step + 1e-3) + 1;
      if (count > SL_SWEEP_MAX_POINTS)
        {
          g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_VALUES,
                       "range '%s' has %.0f points (at most %d)", text, count,
                       SL_SWEEP_MAX_POINTS);
          return NULL;
        }
      for (guint i = 0; i < (guint) count; i++)
        {
          /* a + i·step, not repeated addition, so 0.1 steps stay exact-ish
           * and a point that should be 0 is 0. */
          double x = a + i * step;
          if (fabs (x) < 1e-12 * fabs (step))
            x = 0;
          g_array_append_val (v, x);
        }
    }
  else
    {
      g_auto (GStrv) f = g_strsplit (text, ",", -1);

      for (guint i = 0; f[i] != NULL; i++)
        {
          double x;

          if (i >= SL_SWEEP_MAX_POINTS)
            {
              g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_VALUES,
                           "more than %d values", SL_SWEEP_MAX_POINTS);
              return NULL;
            }
          if (!parse_number (f[i], "value", &x, error))
            return NULL;
          g_array_append_val (v, x);
        }
    }
  *n_values = v->len;
  return (double *) g_array_free (g_steal_pointer (&v), FALSE);
}

/* ------------------------------------------------------------------ */
/* Results */

void
sl_sweep_result_free (SlSweepResult *self)
{
  if (self == NULL)
    return;
  g_free (self->param);
  g_strfreev (self->columns);
  g_free (self->data);
  g_free (self);
}

int
sl_sweep_result_column (const SlSweepResult *self,
                        const char          *name)
{
  for (guint i = 0; i < self->n_columns; i++)
    if (strcmp (self->columns[i], name) == 0)
      return (int) i;
  return -1;
}

double
sl_sweep_result_get (const SlSweepResult *self,
                     guint                point,
                     int                  column)
{
  g_return_val_if_fail (point < self->n_points, NAN);
  g_return_val_if_fail (column >= -1 && column < (int) self->n_columns, NAN);
  return self->data[(gsize) point * (1 + self->n_columns) + 1 + column];
}

char *
sl_sweep_result_to_csv (const SlSweepResult *self)
{
  GString *out = g_string_new (self->param);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint c = 0; c < self->n_columns; c++)
    g_string_append_printf (out, ",%s", self->columns[c]);
  g_string_append_c (out, '\n');
  for (guint p = 0; p < self->n_points; p++)
    {
      const double *row = &self->data[(gsize) p * (1 + self->n_columns)];

      for (guint c = 0; c <= self->n_columns; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          if (isnan (row[c]))
            g_string_append (out, "nan");
          else
            g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.10g", row[c]));
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

gboolean
sl_sweep_result_write_csv (const SlSweepResult *self,
                           const char          *path,
                           GError             **error)
{
  g_autofree char *csv = sl_sweep_result_to_csv (self);

  return g_file_set_contents (path, csv, -1, error);
}

/* ------------------------------------------------------------------ */
/* The run */

typedef struct
{
  /* shared, read only */
  const SlSession *session;
  const char      *param;
  const double    *values;
  gboolean         per_point_model;
  gboolean         remeasure;   /* Chindemi thresholds measured at each point's Ca_o */
  SlModel         *model;       /* base model, shared when !per_point_model */
  char           **spine_ids;   /* spines of interest, NULL-terminated */
  guint            n_spines;
  guint            n_columns;
  GCancellable    *cancellable;

  /* each point writes its own row and error slot */
  double          *data;
  GError         **errors;      /* (n_points) */
} Sweep;

static SlSession *
session_at (const Sweep *sw,
            guint        i,
            GError     **error)
{
  g_autoptr (SlSession) s = sl_session_copy (sw->session);
  g_autoptr (SlChindemiCalibration) cal = NULL;

  if (!sl_session_set_param (s, sw->param, sw->values[i], error))
    return NULL;
  if (!sw->remeasure)
    return g_steal_pointer (&s);
  cal = sl_chindemi_calibrate (s, s->model->ca_o, sw->cancellable, NULL, NULL, error);
  return cal != NULL ? sl_chindemi_calibration_apply (s, cal) : NULL;
}

static gboolean
run_point (Sweep   *sw,
           guint    i,
           GError **error)
{
  g_autoptr (SlSession) s = NULL;
  g_autoptr (SlModel) model = NULL;
  g_autoptr (SlProtocol) protocol = NULL;
  g_autoptr (SlState) state = NULL;
  g_autofree double *w0 = NULL;
  g_autofree double *peak = NULL;
  g_autofree int *spine = NULL;
  double *row = &sw->data[(gsize) i * (1 + sw->n_columns)];
  gint64 n_steps;
  double v_prev, sum = 0;
  int n_spikes = 0, n_rule = 0;

  if ((s = session_at (sw, i, error)) == NULL)
    return FALSE;
  if (sw->per_point_model)
    {
      g_autoptr (SlMorphology) morph = sl_session_load_morphology (s, error);

      if (morph == NULL || (model = sl_model_compile (s->model, morph, error)) == NULL)
        return FALSE;
    }
  else
    model = sl_model_ref (sw->model);
  if ((protocol = sl_protocol_compile (s->protocol, model, error)) == NULL)
    return FALSE;

  state = sl_state_new (model);
  sl_state_reset (state);
  w0 = g_memdup2 (state->w, sizeof (double) * MAX (model->n_spines, 1));
  spine = g_new (int, MAX (sw->n_spines, 1));
  peak = g_new (double, MAX (sw->n_spines, 1));
  for (guint k = 0; k < sw->n_spines; k++)
    {
      spine[k] = sl_model_find_spine (model, sw->spine_ids[k]);
      peak[k] = spine[k] >= 0 ? state->ca_head[spine[k]] : NAN;
    }

  n_steps = (gint64) floor (protocol->tstop / protocol->dt + 0.5);
  v_prev = state->v[model->soma_node];
  for (gint64 step = 1; step <= n_steps; step++)
    {
      if (step % CANCEL_CHECK_STEPS == 0 && g_cancellable_set_error_if_cancelled (sw->cancellable, error))
        return FALSE;
      if (!sl_state_step (model, state, protocol, protocol->dt))
        {
          g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_RUN, "simulation stopped: %s",
                       state->message);
          return FALSE;
        }
      if (v_prev < SPIKE_THRESHOLD_MV && state->v[model->soma_node] >= SPIKE_THRESHOLD_MV)
        n_spikes++;
      v_prev = state->v[model->soma_node];
      for (guint k = 0; k < sw->n_spines; k++)
        if (spine[k] >= 0 && state->ca_head[spine[k]] > peak[k])
          peak[k] = state->ca_head[spine[k]];
    }

  for (int k = 0; k < model->n_spines; k++)
    if (model->spine_rule[k] != NULL && w0[k] != 0)
      {
        sum += state->w[k] / w0[k];
        n_rule++;
      }
  row[0] = sw->values[i];
  row[1] = n_spikes;
  row[2] = n_rule > 0 ? sum / n_rule : NAN;
  for (guint k = 0; k < sw->n_spines; k++)
    {
      int j = spine[k];

      row[3 + 2 * k] = j >= 0 && w0[j] != 0 ? state->w[j] / w0[j] : NAN;
      row[4 + 2 * k] = peak[k] * 1e3;
    }
  return TRUE;
}

static void
point_task (guint    i,
            gpointer data)
{
  Sweep *sw = data;

  run_point (sw, i, &sw->errors[i]);
}

/* The spines the protocol stimulates or records, in protocol order. */
static char **
spines_of_interest (const SlProtocol *protocol,
                    const SlModel    *model)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  g_autofree gboolean *seen = g_new0 (gboolean, MAX (model->n_spines, 1));

  for (int e = 0; e < protocol->n_events; e++)
    if (!seen[protocol->events[e].spine])
      {
        seen[protocol->events[e].spine] = TRUE;
        g_ptr_array_add (ids, g_strdup (model->spine_id[protocol->events[e].spine]));
      }
  for (int r = 0; r < protocol->n_recordings; r++)
    {
      int k = protocol->recordings[r].spine;

      if (k >= 0 && !seen[k])
        {
          seen[k] = TRUE;
          g_ptr_array_add (ids, g_strdup (model->spine_id[k]));
        }
    }
  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

/* Applies every value and validates the specs, before any run. */
static gboolean
check_points (const SlSession *session,
              const char      *param,
              const double    *values,
              guint            n_values,
              GError         **error)
{
  for (guint i = 0; i < n_values; i++)
    {
      g_autoptr (SlSession) s = sl_session_copy (session);
      g_autoptr (GError) local = NULL;

      if (!sl_session_set_param (s, param, values[i], error))
        return FALSE;
      if (!sl_model_spec_validate (s->model, &local) ||
          !sl_protocol_spec_validate (s->protocol, &local))
        {
          g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_VALUES, "%s = %g: %s", param,
                       values[i], local->message);
          return FALSE;
        }
    }
  return TRUE;
}

SlSweepResult *
sl_sweep_run (const SlSession  *session,
              const char       *param,
              const double     *values,
              guint             n_values,
              guint             n_threads,
              GCancellable     *cancellable,
              SlSweepProgress   progress,
              gpointer          progress_data,
              GError          **error)
{
  g_autoptr (SlSweepResult) result = NULL;
  g_autoptr (SlMorphology) morph = NULL;
  g_autoptr (SlModel) model = NULL;
  g_autoptr (SlProtocol) protocol = NULL;
  g_autoptr (GPtrArray) columns = NULL;
  Sweep sw = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (session != NULL && param != NULL, NULL);
  if (n_values == 0 || values == NULL)
    {
      g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_VALUES, "%s: no values to sweep", param);
      return NULL;
    }
  if (n_values > SL_SWEEP_MAX_POINTS)
    {
      g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_VALUES, "%s: %u values (at most %d)",
                   param, n_values, SL_SWEEP_MAX_POINTS);
      return NULL;
    }
  if (!check_points (session, param, values, n_values, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* The session as given: the columns (its spines of interest) and, for
   * protocol parameters, the model every point shares. */
  if ((morph = sl_session_load_morphology (session, error)) == NULL ||
      (model = sl_model_compile (session->model, morph, error)) == NULL ||
      (protocol = sl_protocol_compile (session->protocol, model, error)) == NULL)
    return NULL;

  sw.session = session;
  sw.param = param;
  sw.values = values;
  sw.per_point_model = sl_sweep_param_changes_model (param);
  sw.remeasure = strcmp (param, "ca_o") == 0 && sl_chindemi_spec_has_thresholds (session->model);
  sw.model = model;
  sw.spine_ids = spines_of_interest (protocol, model);
  sw.n_spines = g_strv_length (sw.spine_ids);
  sw.n_columns = 2 + 2 * sw.n_spines;
  sw.cancellable = cancellable;
  sw.data = g_new0 (double, (gsize) n_values * (1 + sw.n_columns));
  sw.errors = g_new0 (GError *, n_values);

  sl_validate_parallel_for_full (n_values, n_threads, point_task, &sw, cancellable, progress,
                                 progress_data);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  for (guint i = 0; ok && i < n_values; i++)
    if (sw.errors[i] != NULL)
      {
        g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_RUN, "%s = %g: %s", param, values[i],
                     sw.errors[i]->message);
        ok = FALSE;
      }
  for (guint i = 0; i < n_values; i++)
    g_clear_error (&sw.errors[i]);
  g_free (sw.errors);
  if (!ok)
    {
      g_strfreev (sw.spine_ids);
      g_free (sw.data);
      return NULL;
    }

  columns = g_ptr_array_new ();
  g_ptr_array_add (columns, g_strdup ("soma_spikes"));
  g_ptr_array_add (columns, g_strdup ("mean_w_ratio"));
  for (guint k = 0; k < sw.n_spines; k++)
    {
      g_ptr_array_add (columns, g_strdup_printf ("%s:w_ratio", sw.spine_ids[k]));
      g_ptr_array_add (columns, g_strdup_printf ("%s:ca_peak_uM", sw.spine_ids[k]));
    }
  g_ptr_array_add (columns, NULL);
  g_strfreev (sw.spine_ids);

  result = g_new0 (SlSweepResult, 1);
  result->param = g_strdup (param);
  result->n_points = n_values;
  result->n_columns = sw.n_columns;
  result->columns = (char **) g_ptr_array_free (g_steal_pointer (&columns), FALSE);
  result->data = sw.data;
  result->thresholds_remeasured = sw.remeasure;
  return g_steal_pointer (&result);
}
