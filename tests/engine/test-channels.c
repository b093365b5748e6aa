/* test-channels.c: the cortical spike channels "nat" (Hay 2011 NaTa_t) and
 * "kv3" (Hay 2011 SKv3_1): gates at rest against the published rate
 * functions evaluated by hand, temperature factor, a somatic spike at
 * 34 °C with Hay's somatic densities, distance profiles, parameter errors. */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "sl-model.h"
#include "sl-state.h"
#include "sl-protocol.h"
#include "sl-test-cells.h"

/* A 20 µm × 20 µm soma-like cylinder with Hay's somatic leak
 * (g_pas 3.38e−5 S/cm², e_pas −90 mV) and NaTa_t 2.04, SKv3_1 0.693 S/cm². */
static SlModelSpec *
soma_spec (void)
{
  SlModelSpec *spec = sl_model_spec_new ();

  sl_model_spec_add_mechanism (spec, "all", "cable", "cm", 1.0);
  sl_model_spec_add_mechanism (spec, "all", "pas", "g", 3.38e-5);
  sl_model_spec_add_mechanism (spec, "all", "pas", "e", -90.0);
  sl_model_spec_add_mechanism (spec, "all", "nat", "gbar", 2.04);
  sl_model_spec_add_mechanism (spec, "all", "kv3", "gbar", 0.693);
  spec->celsius = 34.0;
  spec->v_init = -70.0;
  return spec;
}

static void
test_rest_gates (void)
{
  g_autoptr(SlMorphology) morph = sl_test_cylinder (20, 20, 2);
  g_autoptr(SlModelSpec) spec = soma_spec ();
  g_autoptr(SlModel) model = NULL;
  g_autoptr(SlState) state = NULL;
  g_autoptr(GError) error = NULL;

  model = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);
  g_assert_cmpint (model->n_nat, ==, 1);
  g_assert_cmpint (model->n_kv3, ==, 1);
  g_assert_cmpfloat_with_epsilon (model->nat_gbar[0], 2.04, 1e-12);
  g_assert_cmpfloat_with_epsilon (model->nat_ena[0], 50.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (model->kv3_ek[0], -85.0, 1e-12);
  /* qt = 2.3^((34 − 21)/10) = 2.3^1.3 = 2.95288 */
  g_assert_cmpfloat (fabs (model->nat_qt - 2.95288), <, 1e-5);

  state = sl_state_new (model);
  /* At −70 mV (hand evaluation of the rate functions, sl-channels.c):
   * α_m = 0.182·(−32)/(1 − e^{32/6}) = 0.028258, β_m = 0.124·32/(1 − e^{−32/6})
   * = 3.98722 → m∞ = 0.0070363; α_h = −0.015·(−4)/(1 − e^{−4/6}) = 0.123310,
   * β_h = −0.015·4/(1 − e^{4/6}) = 0.063309 → h∞ = 0.660756;
   * Kv3.1 m∞ = 1/(1 + e^{(−70 − 18.7)/(−9.7)}) = 1.06812e−4. */
  g_assert_cmpfloat (fabs (state->nat_m[0] - 0.0070363), <, 1e-6);
  g_assert_cmpfloat (fabs (state->nat_h[0] - 0.660756), <, 1e-5);
  g_assert_cmpfloat (fabs (state->kv3_m[0] - 1.06812e-4) / 1.06812e-4, <, 1e-4);
}

/* One 2 ms pulse: the soma fires a brief, overshooting spike at 34 °C
 * (where squid hh would be in heat block), and a pulse of a tenth of the
 * amplitude does not. */
static double
soma_peak (double  amp,
           double *width)
{
  g_autoptr(SlMorphology) morph = sl_test_cylinder (20, 20, 2);
  g_autoptr(SlModelSpec) spec = soma_spec ();
  g_autoptr(SlProtocolSpec) pspec = sl_protocol_spec_new ();
  g_autoptr(SlModel) model = NULL;
  g_autoptr(SlProtocol) protocol = NULL;
  g_autoptr(SlState) state = NULL;
  g_autoptr(GError) error = NULL;
  double peak = -1e9, t_up = -1, t_down = -1;

  model = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);
  pspec->tstop = 30;
  protocol = sl_test_iclamp_step (pspec, model, "xyz:10,0,0", amp, 5, 2);
  state = sl_state_new (model);
  while (state->t < 30 - 1e-9)
    {
      double v_old = state->v[0];

      g_assert_true (sl_state_step (model, state, protocol, 0.025));
      peak = MAX (peak, state->v[0]);
      /* width at −20 mV */
      if (v_old < -20 && state->v[0] >= -20 && t_up < 0)
        t_up = state->t;
      if (v_old >= -20 && state->v[0] < -20 && t_up > 0 && t_down < 0)
        t_down = state->t;
    }
  *width = t_down - t_up;
  return peak;
}

static void
test_spike_34 (void)
{
  double width, peak;

  /* 0.5 nA for 2 ms on 1257 µm² is 40 µA/cm² × 2 ms = 80 nC/cm², ≈ 80 mV
   * of passive charging: well above threshold. */
  peak = soma_peak (0.5, &width);
  g_test_message ("nat/kv3 soma at 34 °C: peak %.2f mV, width at −20 mV %.3f ms", peak, width);
  g_assert_cmpfloat (peak, >, 20.0);
  g_assert_cmpfloat (peak, <, 50.0);           /* below E_Na */
  g_assert_cmpfloat (width, >, 0.1);
  g_assert_cmpfloat (width, <, 2.0);
  /* 0.05 nA: ≈ 8 mV of charging from −70 mV stays below threshold. */
  peak = soma_peak (0.05, &width);
  g_assert_cmpfloat (peak, <, -40.0);
}

static void
test_profile_and_errors (void)
{
  g_autoptr(SlMorphology) morph = sl_test_cylinder (500, 2, 11);
  g_autoptr(SlModelSpec) spec = sl_model_spec_new ();
  g_autoptr(SlModel) model = NULL;
  g_autoptr(GError) error = NULL;
  SlMechanismSpec *ms;

  spec->max_length = 50;
  sl_model_spec_add_mechanism (spec, "all", "nat", "gbar", 0.05);
  ms = &g_array_index (spec->mechanisms, SlMechanismSpec, spec->mechanisms->len - 1);
  ms->value.kind = SL_PROFILE_LINEAR;
  ms->value.slope = -0.05 / 400.0;
  ms->value.floor = 0.0;
  sl_model_spec_add_mechanism (spec, "all", "kv3", "ek", -90.0);
  model = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);
  g_assert_cmpint (model->n_nat, ==, model->n_cable);
  g_assert_cmpint (model->n_kv3, ==, model->n_cable);
  for (int k = 0; k < model->n_nat; k++)
    {
      double d = model->distance[model->nat_node[k]];

      g_assert_cmpfloat (fabs (model->nat_gbar[k] - MAX (0.0, 0.05 * (1 - d / 400.0))), <, 1e-12);
      g_assert_cmpfloat_with_epsilon (model->kv3_gbar[k], 1e-5, 1e-15);
      g_assert_cmpfloat_with_epsilon (model->kv3_ek[k], -90.0, 1e-12);
    }
  g_clear_pointer (&model, sl_model_unref);

  sl_model_spec_add_mechanism (spec, "all", "nat", "gnabar", 0.1);
  model = sl_model_compile (spec, morph, &error);
  g_assert_null (model);
  g_assert_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "gbar, ena"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/channels/rest-gates", test_rest_gates);
  g_test_add_func ("/engine/channels/spike-34C", test_spike_34);
  g_test_add_func ("/engine/channels/profile-and-errors", test_profile_and_errors);
  return g_test_run ();
}
