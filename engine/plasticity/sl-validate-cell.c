/* sl-validate-cell.c: the pyramid-stick setup shared by V11 and V12
 * (models.md §7), somatic AP calibration, the run loop that steps silent
 * stretches coarsely, and the registrar. */
#include "sl-validate-cell-private.h"
#include "sl-validate-cell.h"

#include <math.h>
#include <string.h>

#include "sl-generator.h"

/* value + slope·d, 0 from SL_VCELL_DEND_HH_ZERO on; the numbers are
 * rounded to 3 significant digits so that the session file reads well */
static void
add_dend_hh (SlModelSpec *spec,
             const char  *region,
             const char  *param,
             double       value)
{
  SlMechanismSpec *ms;
  char buf[32];

  g_ascii_formatd (buf, sizeof buf, "%.3g", value);
  value = g_ascii_strtod (buf, NULL);
  sl_model_spec_add_mechanism (spec, region, "hh", param, value);
  ms = &g_array_index (spec->mechanisms, SlMechanismSpec, spec->mechanisms->len - 1);
  ms->value.kind = SL_PROFILE_LINEAR;
  g_ascii_formatd (buf, sizeof buf, "%.3g", -value / SL_VCELL_DEND_HH_ZERO);
  ms->value.slope = g_ascii_strtod (buf, NULL);
  ms->value.floor = 0.0;
}

SlSession *
_sl_vcell_session_new (const char *name,
                       const char *title,
                       const char *text,
                       const char *expected)
{
  const char * const dend[] = { "basal", "apical" };
  SlSession *s = sl_session_new ();
  SlModelSpec *m = s->model;

  g_free (m->morphology);
  m->morphology = g_strdup (SL_VCELL_MORPHOLOGY);
  m->name = g_strdup (name);
  s->title = g_strdup (title);
  s->text = g_strdup (text);
  s->expected = g_strdup (expected);

  g_array_set_size (m->rules, 0);
  m->celsius = SL_VCELL_CELSIUS;
  m->max_length = 20.0;
  /* spine calcium as a point process (Chindemi's isolated_spine); V12's
   * rules read voltage and events only */
  m->calcium.diffusion = FALSE;
  /* without diffusion or Ca_HVA the shaft voxels stay at rest whatever
   * their size: the coarsest grid the calcium system allows costs least */
  m->calcium.dx_near = 20.0;
  m->calcium.dx_far = 20.0;
  sl_model_spec_add_mechanism (m, "soma", "hh", NULL, 0);
  sl_model_spec_add_mechanism (m, "axon", "hh", NULL, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (dend); i++)
    {
      add_dend_hh (m, dend[i], "gnabar", 0.12 * SL_VCELL_DEND_HH_SCALE);
      add_dend_hh (m, dend[i], "gkbar", 0.036 * SL_VCELL_DEND_HH_SCALE);
      /* the dendritic leak is pas (models.md §1.1), not hh's own */
      sl_model_spec_add_mechanism (m, dend[i], "hh", "gl", 0.0);
    }
  s->protocol->dt = 0.025;
  s->protocol->theta_period = 0.0;
  return s;
}

void
_sl_vcell_rule_param (SlRuleAssignment *rule,
                      const char       *name,
                      double            value)
{
  SlParamValue pv = { g_strdup (name), value };

  g_array_append_val (rule->params, pv);
}

SlModel *
_sl_vcell_compile (const SlSession  *session,
                   GError          **error)
{
  g_autoptr(SlMorphology) morph = sl_session_load_morphology (session, error);

  if (morph == NULL)
    return NULL;
  return sl_model_compile (session->model, morph, error);
}

/* ---- somatic AP ---- */

typedef struct
{
  double vmax, tmax;
} PeakProbe;

static void
soma_peak (const SlModel *m,
           const SlState *s,
           double         dt,
           gpointer       data)
{
  PeakProbe *pk = data;

  if (s->v[m->soma_node] > pk->vmax)
    {
      pk->vmax = s->v[m->soma_node];
      pk->tmax = s->t;
    }
}

/* Peak somatic V after a pulse of amp nA at 100 ms; its time in *t_peak. */
static gboolean
pulse_peak (const SlModel *model,
            double         amp,
            double        *v_peak,
            double        *t_peak,
            GError       **error)
{
  g_autoptr(SlProtocolSpec) ps = sl_protocol_spec_new ();
  g_autoptr(SlProtocol) pr = NULL;
  g_autoptr(SlState) st = NULL;
  SlStimulusSpec *stim;
  PeakProbe pk = { -1e9, 0 };

  ps->dt = 0.025;
  ps->tstop = 130.0;
  ps->theta_period = 0.0;
  stim = sl_protocol_spec_add_stimulus (ps, "ap", SL_STIM_ICLAMP_STEP, "soma");
  stim->amp = amp;
  stim->delay = 100.0;
  stim->dur = SL_VCELL_AP_DUR;
  pr = sl_protocol_compile (ps, model, error);
  if (pr == NULL)
    return FALSE;
  st = sl_state_new (model);
  sl_state_reset (st);
  if (!_sl_vcell_run (model, st, pr, 95.0, 5.0, 1.0, NULL, NULL, error))
    return FALSE;
  if (!_sl_vcell_run (model, st, pr, ps->tstop, 30.0, 1.0, soma_peak, &pk, error))
    return FALSE;
  *v_peak = pk.vmax;
  *t_peak = pk.tmax - 100.0;
  return TRUE;
}

gboolean
_sl_vcell_ap_threshold (const SlModelSpec  *spec,
                        double             *threshold,
                        double             *latency,
                        GError            **error)
{
  g_autoptr(SlModelSpec) bare = sl_model_spec_copy (spec);
  g_autoptr(SlMorphology) morph = NULL;
  g_autoptr(SlModel) model = NULL;

  g_array_set_size (bare->rules, 0);
  g_array_set_size (bare->spines, 0);
  g_array_set_size (bare->spine_groups, 0);
  morph = sl_bundled_cell_new (spec->morphology != NULL
                               && g_str_has_prefix (spec->morphology, "bundled:")
                               ? &spec->morphology[strlen ("bundled:")]
                               : &SL_VCELL_MORPHOLOGY[strlen ("bundled:")], error);
  if (morph == NULL)
    return FALSE;
  model = sl_model_compile (bare, morph, error);
  if (model == NULL)
    return FALSE;
  return _sl_vcell_ap_threshold_model (model, threshold, latency, error);
}

gboolean
_sl_vcell_ap_threshold_model (const SlModel  *model,
                              double         *threshold,
                              double         *latency,
                              GError        **error)
{
  double lo = 0.0, hi = 0.5, v, t;

  for (;;)
    {
      if (!pulse_peak (model, hi, &v, &t, error))
        return FALSE;
      if (v > 0.0)
        break;
      lo = hi;
      hi *= 2.0;
      if (hi > 50.0)
        {
          g_set_error (error, SL_VALIDATE_ERROR, SL_VALIDATE_ERROR_FAILED,
                       "AP calibration: a %g ms pulse of 50 nA does not fire the soma",
                       SL_VCELL_AP_DUR);
          return FALSE;
        }
    }
  while (hi - lo > 1e-3)
    {
      double mid = 0.5 * (lo + hi);

      if (!pulse_peak (model, mid, &v, &t, error))
        return FALSE;
      if (v > 0.0)
        hi = mid;
      else
        lo = mid;
    }
  *threshold = hi;
  if (!pulse_peak (model, SL_VCELL_AP_FACTOR * hi, &v, &t, error))
    return FALSE;
  *latency = t;
  return TRUE;
}

/* ---- run loop ---- */

typedef struct
{
  double a, b;   /* fine stepping on [a, b) */
} Window;

static int
window_cmp (gconstpointer x,
            gconstpointer y)
{
  const Window *p = x, *q = y;

  return (p->a > q->a) - (p->a < q->a);
}

gboolean
_sl_vcell_run (const SlModel    *model,
               SlState          *state,
               const SlProtocol *protocol,
               double            t_end,
               double            settle,
               double            coarse_dt,
               SlVcellProbe      probe,
               gpointer          data,
               GError          **error)
{
  g_autoptr(GArray) win = g_array_new (FALSE, FALSE, sizeof (Window));
  double dt = protocol != NULL ? protocol->dt : 0.025;
  guint w = 0, n;

  g_array_append_val (win, ((Window) { -1.0, settle }));
  for (int i = 0; protocol != NULL && i < protocol->n_events; i++)
    g_array_append_val (win, ((Window) { protocol->events[i].t - 1.0,
                                         protocol->events[i].t + settle }));
  for (int i = 0; protocol != NULL && i < protocol->n_pulses; i++)
    g_array_append_val (win, ((Window) { protocol->pulses[i].t_on - 1.0,
                                         protocol->pulses[i].t_off + settle }));
  g_array_sort (win, window_cmp);
  /* merge overlapping windows */
  n = 0;
  for (guint i = 0; i < win->len; i++)
    {
      Window *cur = &g_array_index (win, Window, i);
      Window *last = n > 0 ? &g_array_index (win, Window, n - 1) : NULL;

      if (last != NULL && cur->a <= last->b)
        last->b = MAX (last->b, cur->b);
      else
        g_array_index (win, Window, n++) = *cur;
    }
  g_array_set_size (win, n);

  while (state->t < t_end - 1e-9)
    {
      double h = dt;

      while (w < win->len && g_array_index (win, Window, w).b <= state->t)
        w++;
      if (w >= win->len || state->t < g_array_index (win, Window, w).a)
        {
          double next = w < win->len ? g_array_index (win, Window, w).a : t_end;

          h = MIN (coarse_dt, MIN (next, t_end) - state->t);
          if (h < dt)
            h = dt;
        }
      if (!sl_state_step (model, state, protocol, h))
        {
          g_set_error (error, SL_VALIDATE_ERROR, SL_VALIDATE_ERROR_FAILED,
                       "%s", state->message);
          return FALSE;
        }
      if (probe != NULL)
        probe (model, state, h, data);
    }
  return TRUE;
}

/* ---- registrar ---- */

void
sl_validate_register_cell_experiments (void)
{
  _sl_vcell_register_v11 ();
  _sl_vcell_register_v12 ();
}
