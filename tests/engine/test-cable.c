/* test-cable.c: discretisation, passive cable against Rall (models.md V1),
 * membrane time constant, charge conservation, hh spikes, NaN detection. */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "sl-model.h"
#include "sl-state.h"
#include "sl-protocol.h"
#include "sl-test-cells.h"

/* V1: L = 1000 µm, d = 2 µm, Ra = 100 Ω·cm, g_pas = 5e−5 S/cm², e = −65 mV. */
static SlModelSpec *
v1_spec (double max_length)
{
  SlModelSpec *spec = sl_model_spec_new ();

  sl_model_spec_add_mechanism (spec, "all", "cable", "Ra", 100.0);
  sl_model_spec_add_mechanism (spec, "all", "cable", "cm", 1.0);
  sl_model_spec_add_mechanism (spec, "all", "pas", "g", 5e-5);
  sl_model_spec_add_mechanism (spec, "all", "pas", "e", -65.0);
  spec->v_init = -65.0;
  spec->max_length = max_length;
  return spec;
}

static void
test_nseg (void)
{
  g_autoptr(SlMorphology) morph = sl_test_cylinder (1000, 2, 11);
  g_autoptr(SlModelSpec) spec = v1_spec (0);
  g_autoptr(SlModel) model = NULL;
  g_autoptr(GError) error = NULL;
  double area = 0;

  /* λ_f(100 Hz) = 1e5·√(d/(4π·f·Ra·cm)) = 398.94 µm; L/(0.1·λ_f) = 25.07;
   * nseg = int((25.07 + 0.9)/2)·2 + 1 = 25. */
  model = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);
  g_assert_cmpint (model->n_sections, ==, 1);
  g_assert_cmpint (model->sections[0].nseg, ==, 25);
  g_assert_cmpint (model->n_nodes, ==, 25);
  for (int i = 0; i < model->n_nodes; i++)
    {
      area += model->area[i];
      g_assert_cmpint (model->parent[i], <, i);
    }
  g_assert_cmpfloat_with_epsilon (area, G_PI * 2 * 1000, 1e-6);
  /* Between neighbours: a full segment 40 µm: R = 4·Ra·40/(π·4)·1e−2 MΩ. */
  g_assert_cmpfloat_with_epsilon (1 / model->g_axial[1], 4 * 100 * 40.0 / (G_PI * 4) * 1e-2, 1e-9);

  /* max_length 10 µm: ceil(100) = 100, made odd: 101. */
  g_clear_pointer (&model, sl_model_unref);
  spec->max_length = 10;
  model = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);
  g_assert_cmpint (model->sections[0].nseg, ==, 101);
}

static void
test_v1_rall (void)
{
  g_autoptr(SlMorphology) morph = sl_test_cylinder (1000, 2, 2);
  g_autoptr(SlModelSpec) spec = v1_spec (10);
  g_autoptr(SlProtocolSpec) pspec = sl_protocol_spec_new ();
  g_autoptr(SlModel) model = NULL;
  g_autoptr(SlProtocol) protocol = NULL;
  g_autoptr(SlState) state = NULL;
  g_autoptr(GError) error = NULL;
  const double I = 0.010, Ra = 100, d = 2, L = 1000;
  double lambda = sqrt ((1 / 5e-5) * (d * 1e-4) / (4 * Ra)) * 1e4;  /* µm */
  double ra = 4 * Ra / (G_PI * d * d) * 1e-2;                       /* MΩ/µm */
  double v0, vL, r_half, max_err = 0;
  int n;

  g_assert_cmpfloat_with_epsilon (lambda, 1000, 1e-9);
  model = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);
  n = model->n_nodes;
  g_assert_cmpint (n, ==, 101);

  pspec->dt = 1.0;       /* backward Euler: the steady state does not depend on dt */
  pspec->tstop = 1000;
  protocol = sl_test_iclamp_step (pspec, model, "xyz:0,0,0", I, 0, 2000);
  g_assert_cmpint (protocol->n_pulses, ==, 1);
  g_assert_cmpint (protocol->pulses[0].node, ==, 0);

  state = sl_state_new (model);
  g_assert_true (sl_protocol_run (protocol, model, state, NULL, &error));
  g_assert_no_error (error);

  for (int i = 0; i < n; i++)
    {
      double x = model->x[i] * L;
      double va = I * ra * lambda * cosh ((L - x) / lambda) / sinh (L / lambda);

      max_err = MAX (max_err, fabs ((state->v[i] + 65) - va));
    }
  /* x = 0 is half a segment before node 0, through which all of I flows;
   * x = L is a sealed end, at the potential of the last node. */
  r_half = ra * 0.5 * L / n;
  v0 = state->v[0] + 65 + I * r_half;
  vL = state->v[n - 1] + 65;
  g_test_message ("V1: V(0)-e = %.4f mV (4.180), V(L)-e = %.4f mV (2.709), R_in = %.2f MΩ (417.95), "
                  "max |err| over nodes %.4f mV", v0, vL, v0 / I, max_err);
  if (g_test_verbose ())
    g_printerr ("V1: V(0)-e = %.4f mV, V(L)-e = %.4f mV, R_in = %.2f MOhm, max err %.5f mV\n",
                v0, vL, v0 / I, max_err);
  g_assert_cmpfloat (fabs (v0 - 4.180), <, 0.1);
  g_assert_cmpfloat (fabs (vL - 2.709), <, 0.1);
  g_assert_cmpfloat (fabs (v0 / I - 417.95) / 417.95, <, 0.01);
  g_assert_cmpfloat (fabs (vL / v0 - 0.6481) / 0.6481, <, 0.01);
  g_assert_cmpfloat (max_err, <, 0.1);
}

static void
test_tau_m (void)
{
  g_autoptr(SlMorphology) morph = sl_test_cylinder (1000, 2, 2);
  g_autoptr(SlModelSpec) spec = v1_spec (10);
  g_autoptr(SlModel) model = NULL;
  g_autoptr(SlState) state = NULL;
  const double dt = 0.025;

  spec->v_init = -60;
  model = sl_model_compile (spec, morph, NULL);
  state = sl_state_new (model);
  for (int k = 0; k < 800; k++)
    g_assert_true (sl_state_step (model, state, NULL, dt));
  /* τ_m = R_m·C_m = 20 000 Ω·cm² · 1 µF/cm² = 20 ms: after 20 ms, 5·e⁻¹. */
  for (int i = 0; i < model->n_nodes; i++)
    g_assert_cmpfloat (fabs ((state->v[i] + 65) - 5 * exp (-1)) / (5 * exp (-1)), <, 0.002);
}

static void
test_charge (void)
{
  g_autoptr(SlMorphology) morph = sl_test_ball_stick (6, 200, 1, TRUE);
  g_autoptr(SlModelSpec) spec = sl_model_spec_new ();
  g_autoptr(SlProtocolSpec) pspec = sl_protocol_spec_new ();
  g_autoptr(SlModel) model = NULL;
  g_autoptr(SlProtocol) protocol = NULL;
  g_autoptr(SlState) state = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *v_start = NULL;
  const double dt = 0.025, amp = 0.05, dur = 5;
  double leak = 0, cap = 0, q_in = amp * dur;

  spec->max_length = 20;
  model = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);
  /* The fork keeps a zero-area junction node. */
  for (int i = 0, junctions = 0; i <= model->n_nodes; i++)
    if (i == model->n_nodes)
      g_assert_cmpint (junctions, ==, 1);
    else
      junctions += model->kind[i] == SL_NODE_JUNCTION;

  pspec->tstop = 20;
  protocol = sl_test_iclamp_step (pspec, model, "path:basal:100", amp, 0, dur);
  state = sl_state_new (model);
  v_start = g_memdup2 (state->v, sizeof (double) * model->n_nodes);
  for (int k = 0; k < 800; k++)
    {
      g_assert_true (sl_state_step (model, state, protocol, dt));
      /* Backward Euler: the leak of a step flows at v(t + dt). */
      for (int i = 0; i < model->n_nodes; i++)
        leak += dt * 1e-2 * model->g_pas[i] * model->area[i] * (state->v[i] - model->e_pas[i]);
    }
  for (int i = 0; i < model->n_nodes; i++)
    cap += model->cap[i] * (state->v[i] - v_start[i]);
  /* pC = nA·ms = nF·mV */
  g_assert_cmpfloat (fabs (q_in - (cap + leak)), <, 1e-9 * q_in);
  g_assert_cmpfloat (leak, >, 0.5 * q_in);
}

static void
test_hh_spikes (void)
{
  g_autoptr(SlMorphology) morph = sl_test_cylinder (12.6157, 12.6157, 2);
  g_autoptr(SlModelSpec) spec = sl_model_spec_new ();
  g_autoptr(SlProtocolSpec) pspec = sl_protocol_spec_new ();
  g_autoptr(SlModel) model = NULL;
  g_autoptr(SlProtocol) protocol = NULL;
  g_autoptr(SlState) state = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) times = g_string_new ("");
  int n_spikes = 0;
  double first = -1, last = -1, peak = -100, v_before = 0;

  sl_model_spec_add_mechanism (spec, "all", "pas", "g", 0.0);
  sl_model_spec_add_mechanism (spec, "all", "hh", NULL, 0.0);
  sl_model_spec_add_mechanism (spec, "all", "cable", "cm", 1.0);
  spec->celsius = 6.3;
  spec->v_init = -65;
  model = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);
  g_assert_cmpint (model->n_nodes, ==, 1);
  g_assert_cmpint (model->n_hh, ==, 1);
  g_assert_cmpfloat_with_epsilon (model->area[0], 500.0, 0.01);

  pspec->tstop = 150;
  protocol = sl_test_iclamp_step (pspec, model, "xyz:6,0,0", 0.1, 10, 100);
  state = sl_state_new (model);
  while (state->t < 150 - 1e-9)
    {
      double v_old = state->v[0];

      g_assert_true (sl_state_step (model, state, protocol, 0.025));
      if (fabs (state->t - 10) < 1e-6)
        v_before = state->v[0];
      peak = MAX (peak, state->v[0]);
      if (v_old < 0 && state->v[0] >= 0)
        {
          double ts = state->t - 0.025 * state->v[0] / (state->v[0] - v_old);

          if (first < 0)
            first = ts;
          last = ts;
          n_spikes++;
          g_string_append_printf (times, " %.3f", ts);
        }
    }
  g_test_message ("hh spikes (%d):%s", n_spikes, times->str);
  if (g_test_verbose ())
    g_printerr ("hh spikes (%d):%s\n", n_spikes, times->str);
  /* hh rests at −65 mV; 20 µA/cm² drives it to fire repetitively. */
  g_assert_cmpfloat (fabs (v_before + 65), <, 0.05);
  g_assert_cmpint (n_spikes, >=, 3);
  g_assert_cmpfloat (first, >, 10);
  g_assert_cmpfloat (first, <, 15);
  g_assert_cmpfloat (last, <, 112);
  g_assert_cmpfloat (peak, >, 20);
}

static void
test_nan (void)
{
  g_autoptr(SlMorphology) morph = sl_test_cylinder (100, 1, 2);
  g_autoptr(SlModelSpec) spec = sl_model_spec_new ();
  g_autoptr(SlModel) model = NULL;
  g_autoptr(SlState) state = NULL;

  spec->max_length = 10;
  model = sl_model_compile (spec, morph, NULL);
  state = sl_state_new (model);
  g_assert_true (sl_state_step (model, state, NULL, 0.025));
  state->v[3] = NAN;
  g_assert_false (sl_state_step (model, state, NULL, 0.025));
  g_assert_cmpuint (state->n_nonfinite, ==, 1);
  g_assert_true (state->failed);
  g_assert_nonnull (strstr (state->message, "compartment"));
  g_assert_nonnull (strstr (state->message, "not finite"));
  sl_state_reset (state);
  g_assert_false (state->failed);
  g_assert_true (sl_state_step (model, state, NULL, 0.025));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/cable/nseg-d-lambda", test_nseg);
  g_test_add_func ("/engine/cable/passive-steady-state", test_v1_rall);
  g_test_add_func ("/engine/cable/tau-m", test_tau_m);
  g_test_add_func ("/engine/cable/charge-conservation", test_charge);
  g_test_add_func ("/engine/cable/hh-spikes", test_hh_spikes);
  g_test_add_func ("/engine/cable/nan-detection", test_nan);
  return g_test_run ();
}
