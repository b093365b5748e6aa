/* sl-validate-bap.c: validation experiments on the L5 cell (models.md
 * §7): V3 bAP attenuation along the apical trunk and S2 spine calcium
 * transients.  V1 is registered by engine/physics/sl-validate-cable.c (its
 * session file is built here too); V8–V10 are in sl-validate-shafiee.c. */
#include "sl-validate-cable-private.h"
#include "sl-validate-spines.h"

#include <math.h>
#include <string.h>

/* ---- L5 somatic AP threshold (V3, S2) ---- */

/* Does a 2 ms somatic pulse of amp nA at 100 ms fire the soma (0 mV)? */
static gboolean
fires (const SlModel *model,
       double         amp,
       GError       **error,
       gboolean      *ok)
{
  g_autoptr(SlProtocolSpec) spec = sl_protocol_spec_new ();
  g_autoptr(SlProtocol) protocol = NULL;
  g_autoptr(SlState) state = NULL;
  SlStimulusSpec *st;
  gboolean spike = FALSE;

  spec->tstop = 110.0;
  spec->theta_period = 0.0;
  st = sl_protocol_spec_add_stimulus (spec, "ap", SL_STIM_ICLAMP_STEP, "soma");
  st->amp = amp;
  st->delay = 100.0;
  st->dur = 2.0;
  protocol = sl_protocol_compile (spec, model, error);
  *ok = protocol != NULL;
  if (!*ok)
    return FALSE;
  state = sl_state_new (model);
  while (state->t < spec->tstop - 1e-9 && !spike)
    {
      sl_state_step (model, state, protocol, spec->dt);
      spike = state->v[model->soma_node] > 0.0;
    }
  return spike;
}

/* Threshold of a 2 ms somatic pulse (nA), by bisection to 0.5 %. */
static double
l5_threshold (const SlModel *model,
              GError       **error)
{
  double lo = 0.05, hi = 20.0;
  gboolean ok;

  if (!fires (model, hi, error, &ok))
    {
      if (ok)
        g_set_error (error, SL_VALIDATE_ERROR, SL_VALIDATE_ERROR_FAILED,
                     "the L5 soma does not fire with a 2 ms pulse of %g nA", hi);
      return -1.0;
    }
  while ((hi - lo) / hi > 0.005)
    {
      double mid = 0.5 * (lo + hi);

      if (fires (model, mid, error, &ok))
        hi = mid;
      else if (ok)
        lo = mid;
      else
        return -1.0;
    }
  return hi;
}

/* Sets every somatic pulse of a compiled protocol to amp. */
static void
set_soma_pulses (SlProtocol    *protocol,
                 const SlModel *model,
                 double         amp)
{
  for (int i = 0; i < protocol->n_pulses; i++)
    if (protocol->pulses[i].node == model->soma_node)
      protocol->pulses[i].amp = amp;
}

/* ---- V3 ---- */

#define V3_SITES 9
#define V3_TRAIN_FACTOR 2.0   /* train pulse amplitude / single-AP threshold */

typedef struct
{
  double   thr;                  /* nA */
  gboolean monotonic, later_smaller;
  double   ratio500, velocity;   /* –, m/s */
  int      n_train;              /* somatic APs of the train */
  GString *amps, *train;         /* notes */
} V3Measure;

static void
v3_measure_clear (V3Measure *m)
{
  if (m->amps != NULL)
    g_string_free (m->amps, TRUE);
  if (m->train != NULL)
    g_string_free (m->train, TRUE);
}

/* Runs the V3 protocol of session (single AP at 1.1 × threshold, five at
 * 50 Hz at 2 × threshold) and measures every criterion. */
static gboolean
v3_measure (const SlSession  *session,
            V3Measure        *out,
            GError          **error)
{
  g_autoptr(SlModel) model = NULL;
  g_autoptr(SlProtocol) protocol = NULL;
  g_autoptr(SlState) state = NULL;
  double thr, dist[V3_SITES], base1[V3_SITES], base2[V3_SITES][5];
  double peak1[V3_SITES], tpeak1[V3_SITES], train[V3_SITES][5];
  double sx = 0, sy = 0, sxx = 0, sxy = 0, slope;
  int node[V3_SITES];

  memset (out, 0, sizeof *out);
  out->monotonic = out->later_smaller = TRUE;
  out->amps = g_string_new (NULL);
  out->train = g_string_new (NULL);
  model = _sl_vc_compile (session, error);
  if (model == NULL)
    return FALSE;
  protocol = sl_protocol_compile (session->protocol, model, error);
  if (protocol == NULL)
    return FALSE;
  if (protocol->n_recordings != V3_SITES)
    {
      g_set_error (error, SL_VALIDATE_ERROR, SL_VALIDATE_ERROR_FAILED,
                   "V3 session: %d recordings, expected %d (soma, 100–800 µm)",
                   protocol->n_recordings, V3_SITES);
      return FALSE;
    }
  for (int i = 0; i < V3_SITES; i++)
    {
      node[i] = protocol->recordings[i].node;
      dist[i] = model->distance[node[i]];
      peak1[i] = -1e9;
      for (int k = 0; k < 5; k++)
        train[i][k] = -1e9;
    }
  thr = l5_threshold (model, error);
  if (thr < 0)
    return FALSE;
  out->thr = thr;
  set_soma_pulses (protocol, model, 1.1 * thr);
  /* The train must be five somatic APs: after each AP the soma sits
   * ~8 mV below rest for ~20 ms (K and leak), where 1.1 × threshold
   * fails on every other pulse; the train pulses are 2 × threshold. */
  for (int i = 0; i < protocol->n_pulses; i++)
    if (protocol->pulses[i].node == model->soma_node && protocol->pulses[i].t_on > 200.0)
      protocol->pulses[i].amp = V3_TRAIN_FACTOR * thr;

  state = sl_state_new (model);
  while (state->t < protocol->tstop - 1e-9)
    {
      double t, v_soma_old = state->v[model->soma_node];

      if (!sl_state_step (model, state, protocol, protocol->dt))
        {
          g_set_error (error, SL_VALIDATE_ERROR, SL_VALIDATE_ERROR_FAILED, "%s", state->message);
          return FALSE;
        }
      t = state->t;
      if (t > 300.0 && v_soma_old < 0.0 && state->v[model->soma_node] >= 0.0)
        out->n_train++;
      for (int i = 0; i < V3_SITES; i++)
        {
          double v = state->v[node[i]];

          if (fabs (t - 99.9) < 1e-3)
            base1[i] = v;
          else if (t > 299.0 && t < 390.0
                   && fabs (t - 299.9 - 20.0 * floor ((t - 299.0) / 20.0)) < 1e-3)
            base2[i][(int) ((t - 299.0) / 20.0)] = v;
          else if (t > 100.0 && t < 140.0 && v > peak1[i])
            {
              peak1[i] = v;
              tpeak1[i] = t;
            }
          else if (t > 300.0 && t < 400.0)
            {
              int k = (int) ((t - 300.0) / 20.0);

              train[i][k] = MAX (train[i][k], v);
            }
        }
    }

  for (int i = 0; i < V3_SITES; i++)
    {
      double a1 = peak1[i] - base1[i];

      g_string_append_printf (out->amps, "%s%.0f µm: %.1f mV (%.2f ms)", i ? ", " : "", dist[i],
                              a1, tpeak1[i] - 100.0);
      if (i > 0 && a1 >= peak1[i - 1] - base1[i - 1])
        out->monotonic = FALSE;
      sx += dist[i];
      sy += tpeak1[i];
      sxx += dist[i] * dist[i];
      sxy += dist[i] * tpeak1[i];
      if (dist[i] >= 400.0 - 10.0)
        {
          double first = train[i][0] - base2[i][0], fifth = train[i][4] - base2[i][4];

          g_string_append_printf (out->train, "%s%.0f µm: %.2f → %.2f mV (peak %.2f → %.2f mV)",
                                  out->train->len ? ", " : "", dist[i], first, fifth,
                                  train[i][0], train[i][4]);
          if (!(fifth < first))
            out->later_smaller = FALSE;
        }
    }
  slope = (V3_SITES * sxy - sx * sy) / (V3_SITES * sxx - sx * sx);   /* ms/µm */
  out->velocity = 1.0 / slope / 1000.0;                               /* m/s */
  out->ratio500 = (peak1[5] - base1[5]) / (peak1[0] - base1[0]);
  return TRUE;
}

/* Removes the apical lines of mechanism (and of param, unless NULL). */
static void
drop_apical (SlSession  *s,
             const char *mechanism,
             const char *param)
{
  GArray *mech = s->model->mechanisms;

  for (guint i = mech->len; i-- > 0;)
    {
      SlMechanismSpec *ms = &g_array_index (mech, SlMechanismSpec, i);

      if (strcmp (ms->region, "apical") == 0 && strcmp (ms->mechanism, mechanism) == 0
          && (param == NULL || g_strcmp0 (ms->param, param) == 0))
        g_array_remove_index (mech, i);
    }
}

/* models.md §1.6's own dendritic Na/K: squid hh with ḡ_Na, ḡ_K scaled by
 * HH_SCALE (range 0.1–0.3) in the apical dendrite instead of nat/kv3, its
 * leak off (pas already holds the membrane leak); soma unchanged. */
#define HH_SCALE 0.1

static SlSession *
v3_hh_session (void)
{
  SlSession *s = _sl_vc_session_v3 ();

  drop_apical (s, "nat", NULL);
  drop_apical (s, "kv3", NULL);
  sl_model_spec_add_mechanism (s->model, "apical", "hh", "gnabar", 0.12 * HH_SCALE);
  sl_model_spec_add_mechanism (s->model, "apical", "hh", "gkbar", 0.036 * HH_SCALE);
  sl_model_spec_add_mechanism (s->model, "apical", "hh", "gl", 0.0);
  return s;
}

/* V3 without the slow inactivation gate (ar2 = 1 everywhere): the
 * comparison the notes print. */
static SlSession *
v3_no_gate_session (void)
{
  SlSession *s = _sl_vc_session_v3 ();

  drop_apical (s, "nat", "ar2");
  return s;
}

#define V3_RUNS 3

typedef struct
{
  const SlSession *session[V3_RUNS];
  V3Measure        out[V3_RUNS];
  GError          *errors[V3_RUNS];
  gboolean         ok[V3_RUNS];
} V3Pair;

static void
v3_point (guint    i,
          gpointer data)
{
  V3Pair *pair = data;

  pair->ok[i] = v3_measure (pair->session[i], &pair->out[i], &pair->errors[i]);
}

static gboolean
v3_bap (SlValidateResult  *r,
        GError           **error)
{
  g_autoptr(SlSession) session = _sl_vc_session_v3 ();
  g_autoptr(SlSession) hh_session = v3_hh_session ();
  g_autoptr(SlSession) no_gate_session = v3_no_gate_session ();
  V3Pair pair = { { session, hh_session, no_gate_session } };
  V3Measure m, hh, ng;

  sl_validate_parallel_for (V3_RUNS, v3_point, &pair);
  m = pair.out[0];
  hh = pair.out[1];
  ng = pair.out[2];
  if (!pair.ok[0] || !pair.ok[1] || !pair.ok[2])
    {
      for (int i = 0; i < V3_RUNS; i++)
        {
          if (pair.errors[i] != NULL && (error == NULL || *error == NULL))
            g_propagate_error (error, g_steal_pointer (&pair.errors[i]));
          g_clear_error (&pair.errors[i]);
          v3_measure_clear (&pair.out[i]);
        }
      return FALSE;
    }

  sl_validate_result_add_text (r, "single AP: peak declines along the trunk", "monotonic",
                               m.monotonic, m.monotonic ? "monotonic" : "not monotonic",
                               "every site < the one before", m.monotonic);
  sl_validate_result_add (r, "dendrite/soma peak ratio at 500 µm", "0.3–0.7 [U]", m.ratio500,
                          "0.3–0.7", m.ratio500 >= 0.3 && m.ratio500 <= 0.7);
  sl_validate_result_add (r, "bAP peak velocity (m/s)", "≈ 0.5 m/s [V2]", m.velocity, "0.3–0.7",
                          m.velocity >= 0.3 && m.velocity <= 0.7);
  sl_validate_result_add_text (r, "50 Hz train: 5th AP < 1st at ≥ 400 µm", "smaller [V2]",
                               m.later_smaller, m.later_smaller ? "smaller" : "not smaller",
                               "at every site ≥ 400 µm", m.later_smaller);
  sl_validate_result_add (r, "50 Hz train: somatic APs (> 0 mV)", "5", m.n_train, "5",
                          m.n_train == 5);
  sl_validate_result_report (r, "somatic AP threshold, 2 ms pulse (nA)",
                             "(×1.1 single AP, ×2 train)", m.thr);
  sl_validate_result_report (r, "§1.6 hh × 0.1 apical: ratio at 500 µm", "0.3–0.7 [U]", hh.ratio500);
  sl_validate_result_add_text (r, "§1.6 hh × 0.1 apical: 5th AP < 1st at ≥ 400 µm", "smaller [V2]",
                               hh.later_smaller, hh.later_smaller ? "smaller" : "not smaller",
                               "reported", hh.later_smaller);
  ((SlValidateRow *) g_ptr_array_index (r->rows, r->rows->len - 1))->gated = FALSE;
  sl_validate_result_note (r, "single AP, peak from baseline (time after onset): %s", m.amps->str);
  sl_validate_result_note (r, "train, amplitude from the voltage at each pulse onset, 1st → 5th: %s",
                           m.train->str);
  sl_validate_result_note (r, "channels: Hay 2011 NaTa_t/SKv3_1 at %.0f °C; soma %.3g/%.3g S/cm²; "
                           "calibration: apical NaTa_t %.4g, SKv3_1 %.4g S/cm² at the soma end, "
                           "× max(0, 1 − d/%.0f µm) (0 = uniform; Hay: 0.0213, 0.000261, uniform)",
                           SL_VC_L5_CELSIUS, SL_VC_SOMA_NAT, SL_VC_SOMA_KV3, SL_VC_APICAL_NAT,
                           SL_VC_APICAL_KV3, SL_VC_APICAL_ZERO);
  sl_validate_result_note (r, "apical NaTa_t × slow inactivation s (na3 of Migliore, Hoffman, Magee & "
                           "Johnston 1999, J. Comput. Neurosci. 7:5): ar2 = %.2g uniform in the apical "
                           "dendrite, the value of their apical dendrites (ModelDB 2796 fig_1a.hoc; soma "
                           "0.8, basal 1 there) [V2], not calibrated; soma without it; s rates at %.0f °C "
                           "through the Boltzmann factor only (no q10, as in na3)",
                           SL_VC_APICAL_NAT_AR2, SL_VC_L5_CELSIUS);
  sl_validate_result_note (r, "without the gate (ar2 = 1; NaTa_t alone recovers within the 20 ms "
                           "interval): 5th AP %s than the 1st; ratio at 500 µm %.3f, velocity %.3f m/s; "
                           "train 1st → 5th: %s", ng.later_smaller ? "smaller" : "not smaller",
                           ng.ratio500, ng.velocity, ng.train->str);
  sl_validate_result_note (r, "§1.6 variant (apical hh ḡ × %.1f, hh leak off, soma nat/kv3): velocity "
                           "%.3f m/s, %d somatic APs in the train; single AP: %s; train 1st → 5th: %s",
                           HH_SCALE, hh.velocity, hh.n_train, hh.amps->str, hh.train->str);
  v3_measure_clear (&m);
  v3_measure_clear (&hh);
  v3_measure_clear (&ng);
  return TRUE;
}

/* ---- S2 ---- */

static gboolean
s2_spine_calcium (SlValidateResult  *r,
                  GError           **error)
{
  g_autoptr(SlSession) session = _sl_vc_session_s2 ();
  g_autoptr(SlModel) model = NULL;
  g_autoptr(SlProtocol) protocol = NULL;
  g_autoptr(SlState) state = NULL;
  g_autoptr(GString) syn_text = g_string_new (NULL);
  g_autoptr(GString) bap_text = g_string_new (NULL);
  int n = 0, n_bap = 0;
  double thr, t_ap = 0, syn_mean = 0, bap_mean = 0, tau = -1, soma_peak = -1e9;
  double *syn_peak, *bap_peak, bap_tpeak = 0, first_bap_peak = 0;
  int first_bap = -1;
  g_autofree double *times = NULL;

  model = _sl_vc_compile (session, error);
  if (model == NULL)
    return FALSE;
  protocol = sl_protocol_compile (session->protocol, model, error);
  if (protocol == NULL)
    return FALSE;
  n = model->n_spines;
  times = g_new0 (double, 3 * n);
  syn_peak = times + n;
  bap_peak = times + 2 * n;
  for (int i = 0; i < protocol->n_events; i++)
    times[protocol->events[i].spine] = protocol->events[i].t;
  for (int i = 0; i < protocol->n_pulses; i++)
    t_ap = protocol->pulses[i].t_on;
  thr = l5_threshold (model, error);
  if (thr < 0)
    return FALSE;
  set_soma_pulses (protocol, model, 1.1 * thr);
  for (int k = 0; k < n; k++)
    if (model->distance[model->spine_node[k]] < 60.0)
      {
        if (first_bap < 0)
          first_bap = k;
        n_bap++;
      }
  if (first_bap < 0)
    {
      g_set_error (error, SL_VALIDATE_ERROR, SL_VALIDATE_ERROR_FAILED,
                   "S2 session: no spine closer than 60 µm to the soma");
      return FALSE;
    }

  state = sl_state_new (model);
  while (state->t < protocol->tstop - 1e-9)
    {
      double t;

      if (!sl_state_step (model, state, protocol, protocol->dt))
        {
          g_set_error (error, SL_VALIDATE_ERROR, SL_VALIDATE_ERROR_FAILED, "%s", state->message);
          return FALSE;
        }
      t = state->t;
      for (int k = 0; k < n; k++)
        {
          double c = state->ca_head[k] - model->ca_rest;

          if (t > times[k] && t < times[k] + 300.0)
            syn_peak[k] = MAX (syn_peak[k], c);
          if (t > t_ap)
            bap_peak[k] = MAX (bap_peak[k], c);
        }
      if (t > t_ap)
        {
          double c = state->ca_head[first_bap] - model->ca_rest;

          soma_peak = MAX (soma_peak, state->v[model->soma_node]);
          if (c >= first_bap_peak)
            {
              first_bap_peak = c;
              bap_tpeak = t;
            }
          else if (tau < 0 && c < exp (-1.0) * first_bap_peak)
            tau = t - bap_tpeak;
        }
    }

  for (int k = 0; k < n; k++)
    {
      double d = model->distance[model->spine_node[k]];

      syn_mean += syn_peak[k] * 1e3 / n;
      g_string_append_printf (syn_text, "%s%.0f µm %.2f", k ? ", " : "", d, syn_peak[k] * 1e3);
      if (d < 60.0)
        {
          bap_mean += bap_peak[k] * 1e3 / n_bap;
          g_string_append_printf (bap_text, "%s%.0f µm %.2f", bap_text->len ? ", " : "", d,
                                  bap_peak[k] * 1e3);
        }
    }
  sl_validate_result_add (r, "single synaptic activation, mean peak (µM)", "0.7 ± 0.4 µM [V]",
                          syn_mean, "0.3–1.1 µM (mean ± SD)", syn_mean >= 0.3 && syn_mean <= 1.1);
  sl_validate_result_add (r, "single bAP, proximal basal spines (µM)", "1.7 ± 0.6 µM [V]",
                          bap_mean, "1.1–2.3 µM (mean ± SD)", bap_mean >= 1.1 && bap_mean <= 2.3);
  sl_validate_result_add (r, "decay time constant after a bAP (ms)", "12–20 ms [V]", tau,
                          "12–20 ms", tau >= 12.0 && tau <= 20.0);
  sl_validate_result_add_text (r, "the somatic pulse fires an AP", "AP (> 0 mV)", soma_peak,
                               soma_peak > 0 ? "fired" : "no AP", "soma > 0 mV", soma_peak > 0);
  sl_validate_result_note (r, "synaptic peaks per spine (µM): %s", syn_text->str);
  sl_validate_result_note (r, "bAP peaks per proximal spine (µM): %s", bap_text->str);
  sl_validate_result_note (r, "Chindemi 2022 model values: 0.67 ± 0.44 µM synaptic, 1.4 ± 0.6 µM bAP; "
                           "somatic pulse 1.1 × %.3f nA; L5 setup of V3 (Hay 2011 NaTa_t/SKv3_1, "
                           "apical NaTa_t %.4g, SKv3_1 %.4g S/cm², zero at %.0f µm, %.0f °C)",
                           thr, SL_VC_APICAL_NAT, SL_VC_APICAL_KV3, SL_VC_APICAL_ZERO,
                           SL_VC_L5_CELSIUS);
  return TRUE;
}

void
sl_validate_register_spine_experiments (void)
{
  sl_validate_register ("V3", "bAP attenuation along the L5 apical trunk", v3_bap);
  sl_validate_register ("S2", "Spine calcium transients (Sabatini 2002)", s2_spine_calcium);
  _sl_validate_register_shafiee_experiments ();
}
