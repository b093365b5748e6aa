/* sl-validate-cable.c: validation experiments of the electrical engine
 * (models.md §7): V1, the passive cable against Rall's solution.  V2 (hh
 * against NEURON) lives in the neuron suite.  V3 (bAP along the L5 trunk)
 * is not registered: with NEURON's hh at the 34 °C of the bundled cells the
 * squid kinetics are in heat block and no dendritic Na/K scale gives an
 * active bAP (see the issue notes). */
#include "sl-validate-cable.h"

#include <math.h>
#include <string.h>

#include "sl-model.h"
#include "sl-protocol.h"
#include "sl-state.h"
#include "sl-validate.h"

/* ------------------------------------------------------------------ */
/* V1 */

static gboolean
v1_passive_cable (SlValidateResult  *r,
                  GError           **error)
{
  g_autoptr(SlMorphology) morph = sl_morphology_new ("V1 cylinder");
  g_autoptr(SlModelSpec) spec = sl_model_spec_new ();
  g_autoptr(SlProtocolSpec) pspec = sl_protocol_spec_new ();
  g_autoptr(SlModel) model = NULL;
  g_autoptr(SlProtocol) pr = NULL;
  g_autoptr(SlState) s = NULL;
  SlStimulusSpec *st;
  const double I = 0.010, Ra = 100, d = 2, L = 1000, lambda = 1000;
  double ra = 4 * Ra / (G_PI * d * d) * 1e-2, v0, vL, max_err = 0, tau;
  int n;

  morph->points = g_new0 (SlPoint, 2);
  morph->n_points = 2;
  morph->points[0] = (SlPoint) { 0, 0, 0, d / 2, SL_TYPE_BASAL, -1, 1, 0 };
  morph->points[1] = (SlPoint) { L, 0, 0, d / 2, SL_TYPE_BASAL, 0, 2, 0 };
  if (!sl_morphology_finish (morph, error))
    return FALSE;
  sl_model_spec_add_mechanism (spec, "all", "cable", "Ra", Ra);
  sl_model_spec_add_mechanism (spec, "all", "cable", "cm", 1.0);
  sl_model_spec_add_mechanism (spec, "all", "pas", "g", 5e-5);
  sl_model_spec_add_mechanism (spec, "all", "pas", "e", -65.0);
  spec->v_init = -65;
  spec->max_length = 10;
  if ((model = sl_model_compile (spec, morph, error)) == NULL)
    return FALSE;
  n = model->n_nodes;

  pspec->dt = 0.025;
  pspec->tstop = 1000;
  st = sl_protocol_spec_add_stimulus (pspec, "inj", SL_STIM_ICLAMP_STEP, "xyz:0,0,0");
  st->amp = I;
  st->delay = 0;
  st->dur = 1000;
  if ((pr = sl_protocol_compile (pspec, model, error)) == NULL)
    return FALSE;
  s = sl_state_new (model);
  if (!sl_protocol_run (pr, model, s, NULL, error))
    return FALSE;

  for (int i = 0; i < n; i++)
    {
      double x = model->x[i] * L;
      double va = I * ra * lambda * cosh ((L - x) / lambda) / sinh (L / lambda);

      max_err = MAX (max_err, fabs (s->v[i] + 65 - va));
    }
  /* x = 0 lies half a segment before the first node, all of I flowing
   * through it; x = L is a sealed end at the last node's potential. */
  v0 = s->v[0] + 65 + I * ra * 0.5 * L / n;
  vL = s->v[n - 1] + 65;

  /* τ_m from the free decay of a uniform displacement. */
  g_clear_pointer (&s, sl_state_free);
  spec->v_init = -60;
  g_clear_pointer (&model, sl_model_unref);
  if ((model = sl_model_compile (spec, morph, error)) == NULL)
    return FALSE;
  s = sl_state_new (model);
  while (s->v[0] + 65 > 5 * exp (-1))
    if (!sl_state_step (model, s, NULL, 0.025) || s->t > 200)
      break;
  tau = s->t;

  sl_validate_result_add (r, "V(0) − e_pas (mV)", "4.180", v0, "± 0.1 mV", fabs (v0 - 4.180) < 0.1);
  sl_validate_result_add (r, "V(L) − e_pas (mV)", "2.709", vL, "± 0.1 mV", fabs (vL - 2.709) < 0.1);
  sl_validate_result_add (r, "V(L)/V(0)", "0.6481", vL / v0, "± 1 %",
                          fabs (vL / v0 - 0.6481) < 0.01 * 0.6481);
  sl_validate_result_add (r, "R_in (MΩ)", "417.95", v0 / I, "± 1 %",
                          fabs (v0 / I - 417.95) < 0.01 * 417.95);
  sl_validate_result_add (r, "max |V − Rall| over nodes (mV)", "0", max_err, "< 0.1 mV", max_err < 0.1);
  sl_validate_result_add (r, "τ_m (ms)", "20", tau, "± 1 %", fabs (tau - 20) < 0.2);
  sl_validate_result_note (r, "%d compartments of %.1f µm (max_length 10), dt 0.025 ms, 1000 ms", n, L / n);
  return TRUE;
}

void
sl_validate_register_cable_experiments (void)
{
  sl_validate_register ("V1", "Passive cable against Rall's solution", v1_passive_cable);
}
