/* test-spec.c: SlModelSpec / SlProtocolSpec defaults, validation
 * messages, copy/equality, profiles and spike-train expansion. */
#include <math.h>

#include "sl-spec.h"

static const SlMechanismSpec *
find_mech (const SlModelSpec *spec,
           const char        *mechanism,
           const char        *param)
{
  for (guint i = 0; i < spec->mechanisms->len; i++)
    {
      const SlMechanismSpec *m = &g_array_index (spec->mechanisms, SlMechanismSpec, i);

      if (g_strcmp0 (m->mechanism, mechanism) == 0 && g_strcmp0 (m->param, param) == 0)
        return m;
    }
  return NULL;
}

static const SlRuleAssignment *
find_rule (const SlModelSpec *spec,
           const char        *target)
{
  for (guint i = 0; i < spec->rules->len; i++)
    {
      const SlRuleAssignment *r = &g_array_index (spec->rules, SlRuleAssignment, i);

      if (g_strcmp0 (r->target, target) == 0)
        return r;
    }
  return NULL;
}

/* Every default against the number printed in models.md. */
static void
test_defaults (void)
{
  g_autoptr (SlModelSpec) spec = sl_model_spec_new ();
  g_autoptr (SlProtocolSpec) proto = sl_protocol_spec_new ();
  g_autoptr (GError) error = NULL;
  const char *gb_regions[] = { "basal", "oblique", "trunk" };
  const struct { const char *mech, *param; double value; } passive[] = {
    { "cable", "cm", 1.0 }, { "cable", "Ra", 150.0 },          /* §1.1 */
    { "pas", "g", 5e-5 }, { "pas", "e", -70.0 },
  };

  /* §1.1 */
  for (gsize i = 0; i < G_N_ELEMENTS (passive); i++)
    {
      const SlMechanismSpec *m = find_mech (spec, passive[i].mech, passive[i].param);

      g_assert_nonnull (m);
      g_assert_cmpstr (m->region, ==, "all");
      g_assert_cmpint (m->value.kind, ==, SL_PROFILE_CONSTANT);
      g_assert_cmpfloat (m->value.value, ==, passive[i].value);
    }
  g_assert_cmpfloat (spec->celsius, ==, 34.0);
  g_assert_cmpfloat (spec->v_init, ==, -70.0);
  g_assert_cmpfloat (spec->d_lambda, ==, 0.1);
  g_assert_cmpfloat (spec->d_lambda_freq, ==, 100.0);
  g_assert_cmpuint (spec->seed, ==, 1);
  /* §1.2 */
  g_assert_cmpfloat (spec->default_geometry.head_volume, ==, 0.087);
  g_assert_cmpfloat (spec->default_geometry.neck_length, ==, 1.0);
  g_assert_cmpfloat (spec->default_geometry.neck_diam, ==, 0.15);
  /* §1.3–1.5: 0.68 nS = 0.00068 µS */
  g_assert_cmpfloat_with_epsilon (spec->default_synapse.g_ampa, 0.68e-3, 1e-15);
  g_assert_cmpfloat (spec->default_synapse.nmda_ratio, ==, 0.7);
  g_assert_cmpfloat (spec->default_synapse.tau_r_ampa, ==, 0.2);
  g_assert_cmpfloat (spec->default_synapse.tau_d_ampa, ==, 1.7);
  g_assert_cmpfloat (spec->default_synapse.tau_r_nmda, ==, 0.29);
  g_assert_cmpfloat (spec->default_synapse.tau_d_nmda, ==, 70.0);
  g_assert_cmpfloat (spec->default_synapse.e_ampa, ==, 0.0);
  g_assert_cmpfloat (spec->default_synapse.e_nmda, ==, 0.0);
  g_assert_cmpfloat (spec->default_synapse.mg, ==, 1.0);
  g_assert_cmpint (spec->default_synapse.mg_block, ==, SL_MG_JAHR_STEVENS);
  g_assert_cmpfloat (spec->default_synapse.g_vdcc, ==, 0.0744);
  g_assert_cmpfloat (spec->default_synapse.use_se, ==, 1.0);
  g_assert_cmpint (spec->default_synapse.n_rrp, ==, 1);
  g_assert_false (spec->default_synapse.stochastic_release);
  /* §2 */
  g_assert_cmpfloat (spec->calcium.ca_rest, ==, 70e-6);
  g_assert_cmpfloat (spec->calcium.eta_head, ==, 0.04);
  g_assert_cmpfloat (spec->calcium.tau_head, ==, 12.0);
  g_assert_cmpfloat (spec->calcium.eta_shaft, ==, 0.05);
  g_assert_cmpfloat (spec->calcium.tau_shaft, ==, 50.0);
  g_assert_cmpfloat (spec->calcium.d_eff, ==, 0.020);   /* 20 µm²/s */
  g_assert_cmpfloat (spec->calcium.shell_depth, ==, 0.1);
  g_assert_cmpfloat (spec->calcium.dx_near, ==, 0.5);
  g_assert_cmpfloat (spec->calcium.dx_far, ==, 2.0);
  g_assert_cmpint (spec->calcium.neck_voxels, ==, 3);
  g_assert_true (spec->calcium.diffusion);
  g_assert_cmpfloat (spec->ca_o, ==, 2.0);              /* §2.4, §5 */
  /* §5 */
  for (gsize i = 0; i < G_N_ELEMENTS (gb_regions); i++)
    {
      const SlRuleAssignment *r = find_rule (spec, gb_regions[i]);

      g_assert_nonnull (r);
      g_assert_cmpstr (r->rule, ==, "graupner-brunel");
      g_assert_cmpstr (r->preset, ==, "DP");
      g_assert_cmpuint (r->params->len, ==, 1);
      g_assert_cmpstr (g_array_index (r->params, SlParamValue, 0).name, ==, "mode");
      g_assert_cmpfloat (g_array_index (r->params, SlParamValue, 0).value, ==, 1.0);
    }
  g_assert_cmpstr (find_rule (spec, "tuft")->rule, ==, "plateau");
  g_assert_cmpstr (find_rule (spec, "tuft")->preset, ==, "CA1 BTSP");
  g_assert_cmpstr (find_rule (spec, "soma")->rule, ==, "none");
  g_assert_cmpuint (spec->spines->len + spec->spine_groups->len, ==, 0);

  g_assert_true (sl_model_spec_validate (spec, &error));
  g_assert_no_error (error);

  g_assert_cmpfloat (proto->dt, ==, 0.025);
  g_assert_cmpuint (proto->stimuli->len + proto->recordings->len, ==, 0);
  g_assert_true (sl_protocol_spec_validate (proto, &error));
  g_assert_no_error (error);
}

static void
expect_model_error (SlModelSpec *spec,
                    const char  *message)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (sl_model_spec_validate (spec, &error));
  g_assert_error (error, SL_SPEC_ERROR, error->code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_validation_messages (void)
{
  g_autoptr (SlModelSpec) spec = sl_model_spec_new ();
  g_autoptr (SlProtocolSpec) proto = sl_protocol_spec_new ();
  g_autoptr (GError) error = NULL;
  SlSpineSpec *a;
  SlStimulusSpec *s;

  a = sl_model_spec_add_spine (spec, "a", "path:basal:50");
  a->geometry.neck_diam = -1;
  expect_model_error (spec, "spine 'a': neck_diam must be > 0 (got -1)");
  a->geometry.neck_diam = 0.15;
  a->synapse.tau_d_nmda = 0.1;
  expect_model_error (spec, "spine 'a': tau_d_nmda must be > 0.29 (got 0.1)");
  a->synapse.tau_d_nmda = 70;
  g_free (a->location);
  a->location = g_strdup ("xyz:1,2");
  expect_model_error (spec, "spine 'a': location 'xyz:1,2': expected xyz:X,Y,Z with three numbers in µm");
  g_free (a->location);
  a->location = g_strdup ("path:basal:50");

  sl_model_spec_add_spine (spec, "a", "xyz:0,1,2");
  expect_model_error (spec, "spine 'a': id used twice");
  g_array_set_size (spec->spines, 1);

  spec->calcium.tau_head = NAN;
  expect_model_error (spec, "calcium: tau_head must be a finite number (got nan)");
  spec->calcium.tau_head = 12;
  spec->calcium.dx_far = 0.25;
  expect_model_error (spec, "calcium: dx_far must be >= 0.5 (got 0.25)");
  spec->calcium.dx_far = 2;

  spec->ca_o = 0;
  expect_model_error (spec, "model: ca_o must be > 0 (got 0)");
  spec->ca_o = 2;

  sl_model_spec_add_spine_group (spec, "basal", -0.5);
  expect_model_error (spec, "spine group 'basal': density must be >= 0 (got -0.5)");
  g_array_set_size (spec->spine_groups, 0);

  sl_model_spec_add_mechanism (spec, "apical", "hh", "gnabar", 0.012);
  g_array_index (spec->mechanisms, SlMechanismSpec, spec->mechanisms->len - 1).value.kind = SL_PROFILE_SIGMOID;
  expect_model_error (spec, "mechanism 'hh' in 'apical', param gnabar: width must be > 0 (got 0)");
  g_array_set_size (spec->mechanisms, spec->mechanisms->len - 1);
  sl_model_spec_add_mechanism (spec, "all", "cable", "Ra", -150);
  expect_model_error (spec, "mechanism 'cable' in 'all', param Ra: value must be > 0 (got -150)");
  g_array_set_size (spec->mechanisms, spec->mechanisms->len - 1);

  g_assert_true (sl_model_spec_validate (spec, &error));
  g_assert_no_error (error);

  /* Protocol. */
  proto->dt = 0;
  g_assert_false (sl_protocol_spec_validate (proto, &error));
  g_assert_cmpstr (error->message, ==, "protocol: dt must be > 0 (got 0)");
  g_clear_error (&error);
  proto->dt = 0.025;

  s = sl_protocol_spec_add_stimulus (proto, "s1", SL_STIM_SPIKES, NULL);
  g_assert_false (sl_protocol_spec_validate (proto, &error));
  g_assert_cmpstr (error->message, ==, "stimulus 's1': target: location is empty");
  g_clear_error (&error);
  s->target = g_strdup ("spine:a");
  g_assert_false (sl_protocol_spec_validate (proto, &error));
  g_assert_cmpstr (error->message, ==, "stimulus 's1', train: rate must be > 0 (got 0)");
  g_clear_error (&error);
  s->train.rate = 10;
  g_assert_true (sl_protocol_spec_validate (proto, &error));

  sl_protocol_spec_add_recording (proto, "t", "v", "soma");
  g_assert_false (sl_protocol_spec_validate (proto, &error));
  g_assert_cmpstr (error->message, ==, "recording 't': name must not be 't' or contain commas or quotes");
  g_clear_error (&error);
}

static void
test_location_syntax (void)
{
  const char *good[] = { "soma", "xyz:1,2.5,-3", "path:apical:120", "path:my:group:4.5", "spine:A" };
  const char *bad[] = { "", "dendrite", "xyz:1,2", "xyz:a,b,c", "path:apical", "path::3",
                        "path:apical:-1", "spine:", "Soma" };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (sl_location_validate (good[i], NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (sl_location_validate (bad[i], &error));
      g_assert_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_LOCATION);
    }
}

static void
test_copy_equal (void)
{
  g_autoptr (SlModelSpec) spec = sl_model_spec_new ();
  g_autoptr (SlModelSpec) copy = NULL;
  g_autoptr (SlProtocolSpec) proto = sl_protocol_spec_new ();
  g_autoptr (SlProtocolSpec) pcopy = NULL;
  SlStimulusSpec *s;
  SlRateSegment seg = { 100, 25 };
  const char *targets[] = { "spine:a", "spine:b", NULL };

  sl_model_spec_add_spine (spec, "a", "path:basal:50");
  sl_model_spec_add_spine_group (spec, "basal", 1.0);
  copy = sl_model_spec_copy (spec);
  g_assert_true (sl_model_spec_equal (spec, copy));
  g_array_index (copy->spines, SlSpineSpec, 0).synapse.g_ampa *= 2;
  g_assert_false (sl_model_spec_equal (spec, copy));
  g_array_index (copy->spines, SlSpineSpec, 0).synapse.g_ampa /= 2;
  g_assert_true (sl_model_spec_equal (spec, copy));
  g_array_index (g_array_index (copy->rules, SlRuleAssignment, 0).params, SlParamValue, 0).value = 0;
  g_assert_false (sl_model_spec_equal (spec, copy));

  s = sl_protocol_spec_add_stimulus (proto, "jang", SL_STIM_SPIKES, "spine:a");
  s->train.kind = SL_TRAIN_PIECEWISE;
  s->train.segments = g_array_new (FALSE, TRUE, sizeof (SlRateSegment));
  g_array_append_val (s->train.segments, seg);
  s = sl_protocol_spec_add_stimulus (proto, "seq", SL_STIM_SEQUENCE, NULL);
  s->targets = g_strdupv ((char **) targets);
  pcopy = sl_protocol_spec_copy (proto);
  g_assert_true (sl_protocol_spec_equal (proto, pcopy));
  g_array_index (g_array_index (pcopy->stimuli, SlStimulusSpec, 0).train.segments, SlRateSegment, 0).rate = 50;
  g_assert_false (sl_protocol_spec_equal (proto, pcopy));
}

static void
test_profiles (void)
{
  SlProfile linear = { .kind = SL_PROFILE_LINEAR, .value = 1.0, .slope = -0.01, .floor = 0.2 };
  SlProfile sigmoid = { .kind = SL_PROFILE_SIGMOID, .value = 1.0, .value_far = 3.0, .d_mid = 100, .width = 10 };
  SlProfile window = { .kind = SL_PROFILE_WINDOW, .value = 1e-5, .value_far = 1e-4, .d_min = 500, .d_max = 800 };

  g_assert_cmpfloat_with_epsilon (sl_profile_eval (&linear, 50), 0.5, 1e-12);
  g_assert_cmpfloat (sl_profile_eval (&linear, 500), ==, 0.2);   /* floored */
  /* At d_mid the sigmoid is half way: 1 + 2/2. */
  g_assert_cmpfloat_with_epsilon (sl_profile_eval (&sigmoid, 100), 2.0, 1e-12);
  /* One width further: 1 + 2/(1 + e^-1). */
  g_assert_cmpfloat_with_epsilon (sl_profile_eval (&sigmoid, 110), 1.0 + 2.0 / (1.0 + exp (-1.0)), 1e-12);
  g_assert_cmpfloat (sl_profile_eval (&window, 499), ==, 1e-5);
  g_assert_cmpfloat (sl_profile_eval (&window, 500), ==, 1e-4);
  g_assert_cmpfloat (sl_profile_eval (&window, 800), ==, 1e-4);
  g_assert_cmpfloat (sl_profile_eval (&window, 801), ==, 1e-5);
}

/* ------------------------------------------------------------------ */
/* Trains. */

static void
assert_times (GArray       *times,
              const double *expected,
              guint         n)
{
  g_assert_nonnull (times);
  g_assert_cmpuint (times->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (g_array_index (times, double, i), ==, expected[i]);
}

static void
test_train_regular (void)
{
  SlTrainSpec t = { .kind = SL_TRAIN_REGULAR, .rate = 10, .stop = 1000 };
  g_autoptr (GArray) a = NULL;
  g_autoptr (GArray) b = NULL;
  g_autoptr (GArray) c = NULL;
  g_autoptr (GError) error = NULL;
  const double five[] = { 10, 60, 110, 160, 210 };

  /* 10 Hz on [0, 1000): 0, 100, …, 900. */
  a = sl_train_expand (&t, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->len, ==, 10);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpfloat (g_array_index (a, double, i), ==, 100.0 * i);

  t = (SlTrainSpec) { .kind = SL_TRAIN_REGULAR, .rate = 20, .start = 10, .n = 5 };
  b = sl_train_expand (&t, 0, &error);
  assert_times (b, five, 5);

  /* tstop cuts it: 10, 60, 110 before 150. */
  c = sl_train_expand (&t, 150, &error);
  assert_times (c, five, 3);

  /* No n, no stop, no tstop: refused. */
  t.n = 0;
  g_assert_null (sl_train_expand (&t, 0, &error));
  g_assert_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID);
  g_clear_error (&error);

  /* 2 kHz for 10^4 s would be 2·10^7 spikes: refused, not allocated. */
  t = (SlTrainSpec) { .kind = SL_TRAIN_REGULAR, .rate = 2000 };
  g_assert_null (sl_train_expand (&t, 1e7, &error));
  g_assert_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID);
}

static void
test_train_poisson (void)
{
  SlTrainSpec t = { .kind = SL_TRAIN_POISSON, .rate = 20, .start = 0, .seed = 12345 };
  g_autoptr (GArray) a = sl_train_expand (&t, 100000, NULL);
  g_autoptr (GArray) b = sl_train_expand (&t, 100000, NULL);
  g_autoptr (GArray) c = NULL;
  double sum = 0, sum2 = 0, mean, cv;
  guint n, differ = 0;

  /* 20 Hz for 100 s: N is Poisson(2000), sd 44.7; 4 sd = 179. */
  g_assert_nonnull (a);
  g_assert_cmpuint (a->len, >, 2000 - 179);
  g_assert_cmpuint (a->len, <, 2000 + 179);

  /* Same seed, same times. */
  g_assert_cmpuint (a->len, ==, b->len);
  g_assert_cmpmem (a->data, a->len * sizeof (double), b->data, b->len * sizeof (double));

  /* Intervals: mean 50 ms, coefficient of variation 1 (exponential). */
  n = a->len - 1;
  for (guint i = 0; i < n; i++)
    {
      double isi = g_array_index (a, double, i + 1) - g_array_index (a, double, i);

      g_assert_cmpfloat (isi, >, 0);
      sum += isi;
      sum2 += isi * isi;
    }
  mean = sum / n;
  cv = sqrt (sum2 / n - mean * mean) / mean;
  g_assert_cmpfloat (fabs (mean - 50.0), <, 50.0 * 4 / sqrt (n));
  g_assert_cmpfloat (fabs (cv - 1.0), <, 0.1);

  /* Another seed, another train. */
  t.seed = 54321;
  c = sl_train_expand (&t, 100000, NULL);
  for (guint i = 0; i < MIN (a->len, c->len); i++)
    differ += g_array_index (a, double, i) != g_array_index (c, double, i);
  g_assert_cmpuint (differ, >, 0);

  /* Every time inside [start, stop). */
  t = (SlTrainSpec) { .kind = SL_TRAIN_POISSON, .rate = 50, .start = 200, .stop = 700, .seed = 3 };
  g_clear_pointer (&c, g_array_unref);
  c = sl_train_expand (&t, 0, NULL);
  for (guint i = 0; i < c->len; i++)
    {
      g_assert_cmpfloat (g_array_index (c, double, i), >=, 200);
      g_assert_cmpfloat (g_array_index (c, double, i), <, 700);
    }
}

static void
test_train_bursts (void)
{
  SlTrainSpec burst = { .kind = SL_TRAIN_BURST, .start = 100, .n_per_burst = 5,
                        .intra_rate = 100, .burst_rate = 2, .n_bursts = 3 };
  SlTrainSpec theta = { .kind = SL_TRAIN_THETA_BURST, .n_bursts = 10 };
  g_autoptr (GArray) a = sl_train_expand (&burst, 0, NULL);
  g_autoptr (GArray) b = sl_train_expand (&theta, 0, NULL);
  g_autoptr (GError) error = NULL;

  /* Bursts at 100, 600, 1100 ms; 10 ms apart inside. */
  g_assert_cmpuint (a->len, ==, 15);
  for (guint i = 0; i < 15; i++)
    g_assert_cmpfloat (g_array_index (a, double, i), ==, 100 + 500 * (i / 5) + 10 * (i % 5));

  /* Theta-burst defaults: 4 at 100 Hz every 200 ms. */
  g_assert_cmpuint (b->len, ==, 40);
  for (guint i = 0; i < 40; i++)
    g_assert_cmpfloat (g_array_index (b, double, i), ==, 200 * (i / 4) + 10 * (i % 4));

  /* 10 spikes at 50 Hz last 180 ms: longer than a 5 Hz period? no, but
   * 11 at 50 Hz (200 ms) would overlap the next burst. */
  burst.n_per_burst = 11;
  burst.intra_rate = 50;
  burst.burst_rate = 5;
  g_assert_null (sl_train_expand (&burst, 0, &error));
  g_assert_cmpstr (error->message, ==,
                   "train: a burst lasts 200 ms, not shorter than the burst period 200 ms");
}

/* Jang et al. 2026 (models.md §3.4, V4–V6): 200 ms windows of two 100 ms
 * halves, regular at each half's rate, 10 windows, 400 ms gaps. */
static void
test_train_piecewise_jang (void)
{
  SlTrainSpec t = { .kind = SL_TRAIN_PIECEWISE, .n_repeats = 10, .gap = 400 };
  SlRateSegment up[] = { { 100, 25 }, { 100, 50 } };
  SlRateSegment down[] = { { 100, 50 }, { 100, 25 } };
  /* 25 Hz: 0, 40, 80; 50 Hz from 100: 100, 120, 140, 160, 180. */
  const double w_up[] = { 0, 40, 80, 100, 120, 140, 160, 180 };
  const double w_down[] = { 0, 20, 40, 60, 80, 100, 140, 180 };
  g_autoptr (GArray) a = NULL;
  g_autoptr (GArray) b = NULL;
  g_autoptr (GArray) c = NULL;

  t.segments = g_array_new (FALSE, FALSE, sizeof (SlRateSegment));
  g_array_append_vals (t.segments, up, 2);
  a = sl_train_expand (&t, 0, NULL);
  g_assert_cmpuint (a->len, ==, 80);
  for (guint i = 0; i < 80; i++)
    g_assert_cmpfloat (g_array_index (a, double, i), ==, 600.0 * (i / 8) + w_up[i % 8]);
  /* Last spike of the protocol: window 9 starts at 5400 ms. */
  g_assert_cmpfloat (g_array_index (a, double, 79), ==, 5580.0);

  g_array_set_size (t.segments, 0);
  g_array_append_vals (t.segments, down, 2);
  b = sl_train_expand (&t, 0, NULL);
  g_assert_cmpuint (b->len, ==, 80);
  for (guint i = 0; i < 80; i++)
    g_assert_cmpfloat (g_array_index (b, double, i), ==, 600.0 * (i / 8) + w_down[i % 8]);

  /* A rate whose period does not divide the segment (30 Hz over 100 ms:
   * 0, 33.3, 66.7; the fourth would land on 100 = next segment). */
  g_array_index (t.segments, SlRateSegment, 0).rate = 30;
  t.n_repeats = 1;
  c = sl_train_expand (&t, 0, NULL);
  g_assert_cmpuint (c->len, ==, 3 + 3);
  g_array_unref (t.segments);
}

static void
test_train_explicit (void)
{
  SlTrainSpec t = { .kind = SL_TRAIN_EXPLICIT };
  const double given[] = { 30, 5, 12.5, 400 };
  const double sorted[] = { 5, 12.5, 30 };
  g_autoptr (GArray) a = NULL;
  g_autoptr (GError) error = NULL;

  t.times = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_vals (t.times, given, 4);
  a = sl_train_expand (&t, 100, NULL);
  assert_times (a, sorted, 3);

  g_array_index (t.times, double, 1) = -5;
  g_assert_null (sl_train_expand (&t, 100, &error));
  g_assert_cmpstr (error->message, ==, "train: time 2 must be >= 0 (got -5)");
  g_array_unref (t.times);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/protocol/spec/defaults", test_defaults);
  g_test_add_func ("/protocol/spec/validation-messages", test_validation_messages);
  g_test_add_func ("/protocol/spec/location-syntax", test_location_syntax);
  g_test_add_func ("/protocol/spec/copy-equal", test_copy_equal);
  g_test_add_func ("/protocol/spec/profiles", test_profiles);
  g_test_add_func ("/protocol/train/regular", test_train_regular);
  g_test_add_func ("/protocol/train/poisson", test_train_poisson);
  g_test_add_func ("/protocol/train/bursts", test_train_bursts);
  g_test_add_func ("/protocol/train/piecewise-jang", test_train_piecewise_jang);
  g_test_add_func ("/protocol/train/explicit", test_train_explicit);

  return g_test_run ();
}
