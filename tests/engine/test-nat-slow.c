/* test-nat-slow.c: the slow inactivation gate s of "nat" (na3 of
 * Migliore, Hoffman, Magee & Johnston 1999, parameter ar2): its rate
 * functions against a hand evaluation of the published formulas, the
 * relaxation of s under a clamped voltage against the closed-form
 * exponential, its cumulative decline over a 50 Hz train, that it is off
 * (s ≡ 1, bit-identical voltages) unless ar2 < 1, and bad ar2 values. */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "sl-model.h"
#include "sl-state.h"
#include "sl-protocol.h"
#include "sl-physics-private.h"
#include "sl-test-cells.h"

/* Boltzmann factor of na3 at 34 °C: ζ_s F/(R T) = 12 · 96.48/(8.315 ·
 * 307.16) = 0.453306 /mV, so z(V) = 0.453306 (V + 60). */
static void
test_rates (void)
{
  /* V (mV), s∞ with ar2 = 0.5, τ_s (ms) at 34 °C, by hand:
   *   s∞ = 1 − 0.5 (1 − α_v), α_v = 1/(1 + e^{(V + 58)/2});
   *   τ_s = e^{0.2 z}/(3e−4 (1 + e^{z})), not below 10 ms.
   * −80: α_v = 1/(1 + e^{−11}) = 0.999983, s∞ = 0.999992;
   *      z = −9.06612, τ = e^{−1.81322}/(3e−4 · 1.000115) = 543.695
   * −65: α_v = 1/(1 + e^{−3.5}) = 0.970688, s∞ = 0.985344;
   *      z = −2.26653, τ = e^{−0.453306}/(3e−4 · 1.103665) = 1919.42
   * −60: α_v = 1/(1 + e^{−1}) = 0.731059, s∞ = 0.865529;
   *      z = 0, τ = 1/(3e−4 · 2) = 1666.67
   * −58: α_v = 0.5, s∞ = 0.75; z = 0.906612,
   *      τ = e^{0.181322}/(3e−4 · 3.475922) = 1149.63
   * −50: α_v = 1/(1 + e^{4}) = 0.0179862, s∞ = 0.508993;
   *      z = 4.53306, τ = e^{0.906612}/(3e−4 · 94.0477) = 87.7585
   * −40: s∞ = 0.500062; τ = e^{1.81322}/(3e−4 · 8662.5) = 2.36 → 10
   *   0: s∞ = 0.5 (α_v = 2.5e−13); τ → 10 */
  static const double table[][3] = {
    { -80.0, 0.999992, 543.695 },
    { -65.0, 0.985344, 1919.42 },
    { -60.0, 0.865529, 1666.67 },
    { -58.0, 0.75, 1149.63 },
    { -50.0, 0.508993, 87.7585 },
    { -40.0, 0.500062, 10.0 },
    { 0.0, 0.5, 10.0 },
  };
  double sinf, taus;

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      _sl_na3_s_rates (table[i][0], 34.0, 0.5, &sinf, &taus);
      g_test_message ("V = %g mV: s∞ %.6f (hand %.6f), τ_s %.6g ms (hand %.6g)",
                      table[i][0], sinf, table[i][1], taus, table[i][2]);
      g_assert_cmpfloat (fabs (sinf - table[i][1]), <, 2e-6);
      g_assert_cmpfloat (fabs (taus - table[i][2]) / table[i][2], <, 1e-5);
    }
  /* Temperature only through the Boltzmann factor: at 24 °C,
   * z(−65) = −5 · 12 · 96.48/(8.315 · 297.16) = −2.34280 and
   * τ = e^{−0.468561}/(3e−4 · (1 + e^{−2.34280})) = 1903.50 ms; s∞ keeps
   * no temperature. */
  _sl_na3_s_rates (-65.0, 24.0, 0.5, &sinf, &taus);
  g_assert_cmpfloat (fabs (taus - 1903.50) / 1903.50, <, 1e-5);
  g_assert_cmpfloat (fabs (sinf - 0.985344), <, 2e-6);
  /* ar2 = 1: s∞ is exactly 1 at every voltage; ar2 = 0 gives α_v. */
  for (double v = -100.0; v <= 60.0; v += 0.5)
    {
      _sl_na3_s_rates (v, 34.0, 1.0, &sinf, &taus);
      g_assert_cmpfloat (sinf, ==, 1.0);
      g_assert_cmpfloat (taus, >=, 10.0);
    }
  _sl_na3_s_rates (-58.0, 34.0, 0.0, &sinf, &taus);
  g_assert_cmpfloat (fabs (sinf - 0.5), <, 1e-15);
}

/* A 20 µm × 20 µm cylinder.  clamp: a leak of 1 S/cm² to −10 mV holds the
 * membrane there (τ_m = 1 µs) and nat is 1e−5 S/cm², too small to move it;
 * otherwise Hay's somatic leak and densities (test-channels.c). */
static SlModelSpec *
cell_spec (gboolean clamp,
           double   ar2)
{
  SlModelSpec *spec = sl_model_spec_new ();

  sl_model_spec_add_mechanism (spec, "all", "cable", "cm", 1.0);
  sl_model_spec_add_mechanism (spec, "all", "pas", "g", clamp ? 1.0 : 3.38e-5);
  sl_model_spec_add_mechanism (spec, "all", "pas", "e", clamp ? -10.0 : -90.0);
  sl_model_spec_add_mechanism (spec, "all", "nat", "gbar", clamp ? 1e-5 : 2.04);
  if (!clamp)
    sl_model_spec_add_mechanism (spec, "all", "kv3", "gbar", 0.693);
  if (ar2 > -0.5)             /* −1: no ar2 line */
    sl_model_spec_add_mechanism (spec, "all", "nat", "ar2", ar2);
  spec->celsius = 34.0;
  spec->v_init = -65.0;
  return spec;
}

/* Under the clamp, s(t) = s∞(−10) + (s(0) − s∞(−10)) e^{−t/τ_s(−10)}:
 * ar2 = 0.3, s(0) = s∞(−65) = 1 − 0.7 · 0.0293122 = 0.979481,
 * s∞(−10) = 0.3 + 0.7 α_v(−10) = 0.3 (α_v = e^{−24}), τ_s = 10 ms. */
static void
test_clamp (void)
{
  g_autoptr(SlMorphology) morph = sl_test_cylinder (20, 20, 2);
  g_autoptr(SlModelSpec) spec = cell_spec (TRUE, 0.3);
  g_autoptr(SlProtocolSpec) pspec = sl_protocol_spec_new ();
  g_autoptr(SlModel) model = NULL;
  g_autoptr(SlProtocol) protocol = NULL;
  g_autoptr(SlState) state = NULL;
  g_autoptr(GError) error = NULL;
  const double s0 = 0.979481, s_end = 0.3;
  int checked = 0;

  model = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);
  g_assert_true (model->nat_slow);
  g_assert_cmpfloat (model->nat_ar2[0], ==, 0.3);
  pspec->tstop = 40;
  protocol = sl_protocol_compile (pspec, model, &error);
  g_assert_no_error (error);
  state = sl_state_new (model);
  g_assert_cmpfloat (fabs (state->nat_s[0] - s0), <, 2e-6);
  while (state->t < 40 - 1e-9)
    {
      g_assert_true (sl_state_step (model, state, protocol, 0.025));
      if (fabs (state->t - 5.0 * round (state->t / 5.0)) < 1e-9)
        {
          double want = s_end + (s0 - s_end) * exp (-state->t / 10.0);

          g_test_message ("t = %g ms: V %.4f mV, s %.6f, closed form %.6f",
                          state->t, state->v[0], state->nat_s[0], want);
          g_assert_cmpfloat (fabs (state->v[0] + 10.0), <, 1e-3);
          g_assert_cmpfloat (fabs (state->nat_s[0] - want), <, 1e-4);
          checked++;
        }
    }
  g_assert_cmpint (checked, ==, 8);
}

/* Five 2 ms pulses at 50 Hz on the Hay soma: s drops with every AP and
 * does not recover in the 20 ms between them (τ_s ≈ 2 s near rest), so
 * its value before each pulse falls strictly.  v_out gets the first
 * n_out samples of V. */
static void
run_train (double  ar2,
           double *s_before,
           double *v_out,
           int     n_out)
{
  g_autoptr(SlMorphology) morph = sl_test_cylinder (20, 20, 2);
  g_autoptr(SlModelSpec) spec = cell_spec (FALSE, ar2);
  g_autoptr(SlProtocolSpec) pspec = sl_protocol_spec_new ();
  g_autoptr(SlModel) model = NULL;
  g_autoptr(SlProtocol) protocol = NULL;
  g_autoptr(SlState) state = NULL;
  g_autoptr(GError) error = NULL;
  SlStimulusSpec *st;
  int n = 0, k = 0;

  model = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);
  st = sl_protocol_spec_add_stimulus (pspec, "train", SL_STIM_ICLAMP_TRAIN, "xyz:10,0,0");
  st->amp = 0.5;
  st->dur = 2.0;
  st->train.kind = SL_TRAIN_EXPLICIT;
  st->train.times = g_array_new (FALSE, FALSE, sizeof (double));
  for (int i = 0; i < 5; i++)
    {
      double t = 10.0 + 20.0 * i;

      g_array_append_val (st->train.times, t);
    }
  pspec->tstop = 120;
  protocol = sl_protocol_compile (pspec, model, &error);
  g_assert_no_error (error);
  state = sl_state_new (model);
  while (state->t < 120 - 1e-9)
    {
      if (k < 5 && fabs (state->t - (10.0 + 20.0 * k)) < 1e-9)
        s_before[k++] = state->nat_s[0];
      g_assert_true (sl_state_step (model, state, protocol, 0.025));
      if (n < n_out)
        v_out[n++] = state->v[0];
    }
  g_assert_cmpint (k, ==, 5);
  g_assert_cmpint (n, ==, n_out);
}

static void
test_train_and_off (void)
{
  enum { N = 4800 };
  double s[5], s_off[5], s_one[5];
  g_autofree double *v = g_new (double, N);
  g_autofree double *v_off = g_new (double, N);
  g_autofree double *v_one = g_new (double, N);
  gboolean differs = FALSE;

  run_train (0.5, s, v, N);
  for (int k = 0; k < 5; k++)
    g_test_message ("ar2 0.5: s before pulse %d = %.5f", k + 1, s[k]);
  for (int k = 1; k < 5; k++)
    g_assert_cmpfloat (s[k], <, s[k - 1]);
  /* each AP (≈ 1 ms above −58 mV, τ_s 10 ms there) takes several % */
  g_assert_cmpfloat (s[4], <, s[0] - 0.05);
  g_assert_cmpfloat (s[4], >, 0.5);

  /* Off: no ar2 line, or ar2 = 1: s stays exactly 1, and the voltage is
   * the same to the bit. */
  run_train (-1.0, s_off, v_off, N);
  run_train (1.0, s_one, v_one, N);
  for (int k = 0; k < 5; k++)
    {
      g_assert_cmpfloat (s_off[k], ==, 1.0);
      g_assert_cmpfloat (s_one[k], ==, 1.0);
    }
  g_assert_cmpmem (v_off, N * sizeof (double), v_one, N * sizeof (double));
  for (int i = 0; i < N; i++)
    differs |= v[i] != v_off[i];
  g_assert_true (differs);
}

static void
test_errors (void)
{
  g_autoptr(SlMorphology) morph = sl_test_cylinder (20, 20, 2);
  const double bad[] = { 1.5, -0.1, NAN };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(SlModelSpec) spec = cell_spec (FALSE, bad[i]);
      g_autoptr(SlModel) model = NULL;
      g_autoptr(GError) error = NULL;

      if (isnan (bad[i]))
        sl_model_spec_add_mechanism (spec, "all", "nat", "ar2", bad[i]);
      model = sl_model_compile (spec, morph, &error);
      g_assert_null (model);
      g_assert_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "ar2"));
    }
  {
    g_autoptr(SlModelSpec) spec = cell_spec (FALSE, -1.0);
    g_autoptr(SlModel) model = NULL;
    g_autoptr(GError) error = NULL;

    model = sl_model_compile (spec, morph, &error);
    g_assert_no_error (error);
    g_assert_false (model->nat_slow);
    g_assert_cmpfloat (model->nat_ar2[0], ==, 1.0);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/nat-slow/rates", test_rates);
  g_test_add_func ("/engine/nat-slow/clamp", test_clamp);
  g_test_add_func ("/engine/nat-slow/train-and-off", test_train_and_off);
  g_test_add_func ("/engine/nat-slow/errors", test_errors);
  return g_test_run ();
}
