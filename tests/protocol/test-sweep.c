/* test-sweep.c: parameter sweeps (sl-sweep.h) and the per-spine table
 * (sl-spine-table.h) on tests/data/protocol/sweep-stdp.spinelab: spine A
 * paired with somatic APs (5 Hz from 50 ms; runs cut to 1 s: 5 pairs),
 * spine B unstimulated, the
 * Graupner–Brunel DP set in phenomenological mode with σ = 0, ρ0 = 0.5. */
#include "sl-config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "sl-protocol.h"
#include "sl-session.h"
#include "sl-spine-table.h"
#include "sl-state.h"
#include "sl-sweep.h"

static SlSession *
load_fixture (double tstop)
{
  g_autofree char *path = g_build_filename (SL_TEST_DATA_DIR, "protocol", "sweep-stdp.spinelab", NULL);
  g_autoptr (GError) error = NULL;
  SlSession *s = sl_session_load (path, &error);

  g_assert_no_error (error);
  if (tstop > 0)
    s->protocol->tstop = tstop;
  return s;
}

/* models.md §3.1, S1 table (DP set): ratio 0.729 at −25 ms, 0.882 at
 * −10 ms, 1.221 at +10 ms, 1.147 at +25 ms.  A single synapse without
 * noise starting at ρ* drifts with the sign of γ_p·α_p − γ_d·α_d, the
 * same sign as the population ratio − 1.  The bAP reaches the spine a
 * fraction of a ms after the somatic pulse, far from the sign change at
 * Δt ≈ −0.3 ms. */
static void
test_stdp_sign (void)
{
  g_autoptr (SlSession) s = load_fixture (1000);
  g_autoptr (SlSweepResult) r = NULL;
  g_autoptr (GError) error = NULL;
  const double dts[] = { -25, -10, 10, 25 };
  const double published[] = { 0.729, 0.882, 1.221, 1.147 };
  int wa, spikes;

  r = sl_sweep_run (s, "delta_t", dts, G_N_ELEMENTS (dts), 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n_points, ==, 4);
  g_assert_cmpstr (r->param, ==, "delta_t");
  wa = sl_sweep_result_column (r, "A:w_ratio");
  spikes = sl_sweep_result_column (r, "soma_spikes");
  g_assert_cmpint (wa, >=, 0);
  g_assert_cmpint (spikes, >=, 0);
  g_assert_cmpint (sl_sweep_result_column (r, "A:ca_peak_uM"), >=, 0);
  /* B is neither stimulated nor recorded: no column of its own. */
  g_assert_cmpint (sl_sweep_result_column (r, "B:w_ratio"), ==, -1);
  for (guint i = 0; i < r->n_points; i++)
    {
      double ratio = sl_sweep_result_get (r, i, wa);

      g_test_message ("Δt %+g ms: w/w0 %.5f (published population ratio %.3f), %g spikes",
                      dts[i], ratio, published[i], sl_sweep_result_get (r, i, spikes));
      g_assert_cmpfloat (sl_sweep_result_get (r, i, -1), ==, dts[i]);
      g_assert_cmpfloat (sl_sweep_result_get (r, i, spikes), ==, 5);
      g_assert_cmpint (ratio > 1, ==, published[i] > 1);
      g_assert_cmpfloat (fabs (ratio - 1), >, 1e-3);
    }
}

typedef struct
{
  guint          calls, last_done, total;
  GCancellable  *cancel_at_first;
  GThread       *thread;
  gboolean       wrong_thread;
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer data)
{
  Progress *p = data;

  p->wrong_thread |= g_thread_self () != p->thread;
  g_assert_cmpuint (done, >=, p->last_done);
  g_assert_cmpuint (done, <=, total);
  p->calls++;
  p->last_done = done;
  p->total = total;
  if (p->cancel_at_first != NULL)
    g_cancellable_cancel (p->cancel_at_first);
}

/* All cores and one thread give the same numbers bit for bit, for a
 * protocol parameter (shared model) and a model parameter (one compile
 * per point). */
static void
test_parallel_equals_serial (void)
{
  g_autoptr (SlSession) s = load_fixture (400);
  const char *params[] = { "delta_t", "ca_o" };
  const double values[2][3] = { { -10, 5, 20 }, { 1.2, 2.0, 3.0 } };

  for (guint k = 0; k < G_N_ELEMENTS (params); k++)
    {
      g_autoptr (SlSweepResult) par = NULL;
      g_autoptr (SlSweepResult) ser = NULL;
      g_autoptr (GError) error = NULL;
      Progress prog = { 0 };
      gsize size;

      prog.thread = g_thread_self ();
      par = sl_sweep_run (s, params[k], values[k], 3, 0, NULL, on_progress, &prog, &error);
      g_assert_no_error (error);
      g_assert_false (prog.wrong_thread);
      g_assert_cmpuint (prog.last_done, ==, 3);
      g_assert_cmpuint (prog.total, ==, 3);
      ser = sl_sweep_run (s, params[k], values[k], 3, 1, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (par->n_columns, ==, ser->n_columns);
      size = sizeof (double) * par->n_points * (1 + par->n_columns);
      g_assert_cmpmem (par->data, size, ser->data, size);
    }
}

/* Higher extracellular calcium, more calcium through NMDA and VDCC into
 * the paired spine (models.md §1.5: the Ca fraction and E_Ca grow with
 * Ca_o). */
static void
test_ca_o (void)
{
  g_autoptr (SlSession) s = load_fixture (300);
  g_autoptr (SlSweepResult) r = NULL;
  g_autoptr (GError) error = NULL;
  const double ca_o[] = { 1.2, 2.0 };
  int peak;

  r = sl_sweep_run (s, "ca_o", ca_o, 2, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  peak = sl_sweep_result_column (r, "A:ca_peak_uM");
  g_test_message ("peak head Ca: %.3f µM at 1.2 mM, %.3f µM at 2.0 mM",
                  sl_sweep_result_get (r, 0, peak), sl_sweep_result_get (r, 1, peak));
  g_assert_cmpfloat (sl_sweep_result_get (r, 0, peak), >, 0.07);
  g_assert_cmpfloat (sl_sweep_result_get (r, 1, peak), >, sl_sweep_result_get (r, 0, peak));
}

static SlSession *
load_lesson (const char *name,
             double      tstop)
{
  g_autofree char *path = g_build_filename (SL_SOURCE_DIR, "resources", "lessons", name, NULL);
  g_autoptr (GError) error = NULL;
  SlSession *s = sl_session_load (path, &error);

  g_assert_no_error (error);
  s->protocol->tstop = tstop;
  return s;
}

/* The lesson's pairing bursts at 40 Hz instead of 10 Hz, from 100 ms
 * instead of 1 s (the cell is at rest from the start): each explicit
 * train's times t → t0 − 900 + (t − t0)/4 (t0 its first), so pre and
 * post keep their offset; one 40 Hz burst lifts c* past θ_d (V11 cases
 * e, f). */
static void
to_40hz (SlSession *s)
{
  for (guint i = 0; i < s->protocol->stimuli->len; i++)
    {
      SlStimulusSpec *st = &g_array_index (s->protocol->stimuli, SlStimulusSpec, i);
      double t0;

      g_assert_cmpint (st->train.kind, ==, SL_TRAIN_EXPLICIT);
      t0 = g_array_index (st->train.times, double, 0);
      for (guint k = 0; k < st->train.times->len; k++)
        g_array_index (st->train.times, double, k) = t0 - 900 + (g_array_index (st->train.times, double, k) - t0) / 4;
    }
}

/* A Ca_o sweep of a session with Chindemi thresholds re-measures them at
 * each point (models.md §2.4 item 4): the in-vitro lesson's pairing at
 * 40 Hz (to 500 ms: one burst) at 1.2 mM gives, bit for bit, what the
 * in-vivo lesson (the same connection with its thresholds measured at
 * 1.2 mM) gives unswept; with the 2.0 mM thresholds kept, the same burst
 * at 1.2 mM moves the weights otherwise, so the check can tell. */
static void
test_ca_o_remeasures_thresholds (void)
{
  g_autoptr (SlSession) vitro = load_lesson ("in-vitro-vs-in-vivo.spinelab", 500);
  g_autoptr (SlSession) vivo = load_lesson ("in-vivo.spinelab", 500);
  g_autoptr (SlSession) kept = load_lesson ("in-vitro-vs-in-vivo.spinelab", 500);
  g_autoptr (SlSweepResult) swept = NULL, plain = NULL, stale = NULL;
  g_autoptr (GError) error = NULL;
  const double ca_o[] = { 1.2 }, celsius[] = { 34 };
  gboolean differs = FALSE;

  to_40hz (vitro);
  to_40hz (vivo);
  to_40hz (kept);
  swept = sl_sweep_run (vitro, "ca_o", ca_o, 1, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (swept->thresholds_remeasured);
  plain = sl_sweep_run (vivo, "model.celsius", celsius, 1, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (plain->thresholds_remeasured);
  kept->model->ca_o = 1.2;
  stale = sl_sweep_run (kept, "model.celsius", celsius, 1, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (swept->n_columns, ==, plain->n_columns);
  for (guint c = 0; c < swept->n_columns; c++)
    {
      g_test_message ("%s: re-measured %.9g, in-vivo lesson %.9g, 2.0 mM thresholds %.9g",
                      swept->columns[c], sl_sweep_result_get (swept, 0, c),
                      sl_sweep_result_get (plain, 0, c), sl_sweep_result_get (stale, 0, c));
      g_assert_cmpfloat (sl_sweep_result_get (swept, 0, c), ==, sl_sweep_result_get (plain, 0, c));
      differs |= sl_sweep_result_get (stale, 0, c) != sl_sweep_result_get (plain, 0, c);
    }
  g_assert_true (differs);
}

/* A spine_distance sweep recompiles the cell per point with B moved;
 * recording B gives it columns of its own.  A frequency sweep keeps the
 * model and changes the pairing train's rate: at 20 Hz the five pairs
 * fit in 300 ms, at 5 Hz only two (from 50 ms, at 50 and 250 ms). */
static void
test_distance_and_frequency (void)
{
  g_autoptr (SlSession) s = load_fixture (300);
  g_autoptr (SlSweepResult) d = NULL;
  g_autoptr (SlSweepResult) f = NULL;
  g_autoptr (GError) error = NULL;
  const double dist[] = { 1, 100 };
  const double freq[] = { 5, 20 };
  int spikes;

  sl_protocol_spec_add_recording (s->protocol, "ca_B", "ca", "spine:B");
  d = sl_sweep_run (s, "spine_distance", dist, 2, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sl_sweep_result_column (d, "B:ca_peak_uM"), >=, 0);
  g_assert_cmpfloat (sl_sweep_result_get (d, 1, -1), ==, 100);

  s->protocol->tstop = 300;
  f = sl_sweep_run (s, "frequency", freq, 2, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  spikes = sl_sweep_result_column (f, "soma_spikes");
  g_assert_cmpfloat (sl_sweep_result_get (f, 0, spikes), ==, 2);
  g_assert_cmpfloat (sl_sweep_result_get (f, 1, spikes), ==, 5);
}

static void
test_cancel (void)
{
  g_autoptr (SlSession) s = load_fixture (1000);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  double values[12];
  Progress prog = { 0 };
  SlSweepResult *r;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    values[i] = -30 + 5.0 * i;
  prog.thread = g_thread_self ();
  prog.cancel_at_first = cancellable;
  r = sl_sweep_run (s, "delta_t", values, G_N_ELEMENTS (values), 0, cancellable, on_progress, &prog,
                    &error);
  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Cancelled at the first report: the others were not all run. */
  g_assert_cmpuint (prog.calls, ==, 1);
  g_assert_cmpuint (prog.last_done, <, G_N_ELEMENTS (values));
  g_clear_error (&error);

  /* Already cancelled: nothing runs. */
  prog = (Progress) { 0 };
  prog.thread = g_thread_self ();
  r = sl_sweep_run (s, "delta_t", values, 2, 1, cancellable, on_progress, &prog, &error);
  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (prog.calls, ==, 0);
}

static void
expect_error (const SlSession *s,
              const char      *param,
              double           value,
              int              code,
              const char      *needle)
{
  g_autoptr (GError) error = NULL;
  SlSweepResult *r = sl_sweep_run (s, param, &value, 1, 1, NULL, NULL, NULL, &error);

  g_assert_null (r);
  g_assert_error (error, SL_SWEEP_ERROR, code);
  g_test_message ("%s = %g: %s", param, value, error->message);
  g_assert_nonnull (strstr (error->message, needle));
}

static void
expect_values_error (const char *text,
                     const char *needle)
{
  g_autoptr (GError) error = NULL;
  guint n = 99;
  double *v = sl_sweep_parse_values (text, &n, &error);

  g_assert_null (v);
  g_assert_cmpuint (n, ==, 0);
  g_assert_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_VALUES);
  g_assert_nonnull (strstr (error->message, needle));
}

static void
test_errors (void)
{
  g_autoptr (SlSession) s = load_fixture (50);

  expect_error (s, "nonsense", 1, SL_SWEEP_ERROR_PARAM, "unknown parameter 'nonsense'");
  expect_error (s, "stimulus.nope.rate", 1, SL_SWEEP_ERROR_PARAM, "no stimulus named 'nope'");
  expect_error (s, "stimulus.pair.colour", 1, SL_SWEEP_ERROR_PARAM, "no field 'colour'");
  expect_error (s, "stimulus.pair.n", 2.5, SL_SWEEP_ERROR_VALUES, "whole numbers");
  expect_error (s, "rule.all.nope", 1, SL_SWEEP_ERROR_PARAM, "no parameter 'nope'");
  expect_error (s, "rule.apical.tau_ca", 1, SL_SWEEP_ERROR_PARAM, "no rule is assigned to 'apical'");
  expect_error (s, "spine.Z.g_ampa", 1, SL_SWEEP_ERROR_PARAM, "no hand-placed spine 'Z'");
  expect_error (s, "frequency", -5, SL_SWEEP_ERROR_VALUES, "frequency = -5");
  expect_error (s, "protocol.dt", -1, SL_SWEEP_ERROR_VALUES, "protocol.dt = -1");
  expect_error (s, "model.celsius", NAN, SL_SWEEP_ERROR_VALUES, "finite");
  expect_error (s, "spine_distance", -100, SL_SWEEP_ERROR_VALUES, "before the soma");
  expect_error (s, "mechanism.basal.hh.gnabar", 0.1, SL_SWEEP_ERROR_PARAM, "no mechanism line");

  expect_values_error ("", "no values");
  expect_values_error ("1:2", "A:B:STEP");
  expect_values_error ("1:2:0", "never goes");
  expect_values_error ("5:1:1", "never goes");
  expect_values_error ("1,x,3", "'x' is not a number");
  expect_values_error ("0:1e9:1", "at most");
  {
    g_autoptr (GError) error = NULL;
    guint n = 0;
    g_autofree double *v = sl_sweep_parse_values ("-20:20:10", &n, &error);
    g_autofree double *w = sl_sweep_parse_values ("0.5, 1,2e1", &n, &error);

    g_assert_no_error (error);
    g_assert_nonnull (v);
    g_assert_cmpfloat (v[0], ==, -20);
    g_assert_cmpfloat (v[2], ==, 0);
    g_assert_cmpfloat (v[4], ==, 20);
    g_assert_cmpuint (n, ==, 3);
    g_assert_cmpfloat (w[2], ==, 20);
  }
}

/* The documented paths reach their fields. */
static void
test_set_param (void)
{
  g_autoptr (SlSession) s = load_fixture (1000);
  g_autoptr (GError) error = NULL;
  const SlStimulusSpec *st = &g_array_index (s->protocol->stimuli, SlStimulusSpec, 0);
  const SlSpineSpec *b = &g_array_index (s->model->spines, SlSpineSpec, 1);
  const SlRuleAssignment *rule = &g_array_index (s->model->rules, SlRuleAssignment, 0);
  gboolean found = FALSE;

  g_assert_true (sl_session_set_param (s, "frequency", 20, &error));
  g_assert_cmpfloat (st->train.rate, ==, 20);
  g_assert_true (sl_session_set_param (s, "stimulus.pair.n", 3, &error));
  g_assert_cmpint (st->train.n, ==, 3);
  g_assert_true (sl_session_set_param (s, "stimulus.pair.amp", 5, &error));
  g_assert_cmpfloat (st->amp, ==, 5);
  g_assert_true (sl_session_set_param (s, "spine_distance", 15, &error));
  g_assert_cmpstr (b->location, ==, "path:basal:35");
  g_assert_true (sl_session_set_param (s, "synapse.g_ampa", 0.001, &error));
  g_assert_cmpfloat (b->synapse.g_ampa, ==, 0.001);
  g_assert_cmpfloat (s->model->default_synapse.g_ampa, ==, 0.001);
  g_assert_true (sl_session_set_param (s, "spine.A.neck_length", 2, &error));
  g_assert_cmpfloat (g_array_index (s->model->spines, SlSpineSpec, 0).geometry.neck_length, ==, 2);
  g_assert_cmpfloat (b->geometry.neck_length, ==, 1);
  g_assert_true (sl_session_set_param (s, "calcium.tau_head", 20, &error));
  g_assert_cmpfloat (s->model->calcium.tau_head, ==, 20);
  g_assert_true (sl_session_set_param (s, "model.seed", 7, &error));
  g_assert_cmpuint (s->model->seed, ==, 7);
  g_assert_true (sl_session_set_param (s, "rule.all.tau_ca", 25, &error));
  for (guint i = 0; i < rule->params->len; i++)
    {
      const SlParamValue *pv = &g_array_index (rule->params, SlParamValue, i);
      if (strcmp (pv->name, "tau_ca") == 0)
        found = pv->value == 25;
    }
  g_assert_true (found);
  g_assert_no_error (error);
  g_assert_false (sl_sweep_param_changes_model ("delta_t"));
  g_assert_false (sl_sweep_param_changes_model ("stimulus.pair.rate"));
  g_assert_true (sl_sweep_param_changes_model ("spine_distance"));
}

/* After a run: one row per spine with its region, path distance (the
 * fixture's 20 and 60 µm) and w0, w, dw = w − w0 as the state holds them;
 * the paired spine A potentiated (Δt +10 ms). */
static void
test_spine_table (void)
{
  g_autoptr (SlSession) s = load_fixture (1000);
  g_autoptr (SlMorphology) morph = NULL;
  g_autoptr (SlModel) model = NULL;
  g_autoptr (SlProtocol) protocol = NULL;
  g_autoptr (SlState) state = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree double *w0 = NULL;
  g_autofree char *csv = NULL;
  g_auto (GStrv) lines = NULL;
  const double distance[] = { 20, 60 };

  morph = sl_session_load_morphology (s, &error);
  g_assert_no_error (error);
  model = sl_model_compile (s->model, morph, &error);
  g_assert_no_error (error);
  protocol = sl_protocol_compile (s->protocol, model, &error);
  g_assert_no_error (error);
  state = sl_state_new (model);
  sl_state_reset (state);
  w0 = g_memdup2 (state->w, sizeof (double) * model->n_spines);
  g_assert_true (sl_protocol_run (protocol, model, state, NULL, &error));
  g_assert_no_error (error);

  csv = sl_spine_table_to_csv (model, w0, state->w);
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "spine_id,region,path_distance_um,w0,w,dw");
  g_assert_cmpuint (g_strv_length (lines), ==, 2 + model->n_spines);
  g_assert_cmpstr (lines[1 + model->n_spines], ==, "");
  for (int k = 0; k < model->n_spines; k++)
    {
      g_auto (GStrv) f = g_strsplit (lines[1 + k], ",", -1);

      g_test_message ("%s", lines[1 + k]);
      g_assert_cmpuint (g_strv_length (f), ==, 6);
      g_assert_cmpstr (f[0], ==, k == 0 ? "A" : "B");
      g_assert_cmpstr (f[1], ==, "basal");
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (f[2], NULL), distance[k], 1e-6);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (f[3], NULL), w0[k], 1e-9);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (f[4], NULL), state->w[k], 1e-9);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (f[5], NULL), state->w[k] - w0[k], 1e-9);
    }
  g_assert_cmpfloat (state->w[0] - w0[0], >, 1e-3);

  {
    g_autofree char *dir = g_dir_make_tmp ("sl-spines-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "spines.csv", NULL);
    g_autofree char *bad = g_build_filename (dir, "missing", "spines.csv", NULL);
    g_autofree char *back = NULL;

    g_assert_true (sl_spine_table_write_csv (model, w0, state->w, path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &back, NULL, NULL));
    g_assert_cmpstr (back, ==, csv);
    g_assert_false (sl_spine_table_write_csv (model, w0, state->w, bad, &error));
    g_assert_nonnull (error);
    g_remove (path);
    g_rmdir (dir);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/protocol/sweep/stdp-sign", test_stdp_sign);
  g_test_add_func ("/protocol/sweep/parallel-equals-serial", test_parallel_equals_serial);
  g_test_add_func ("/protocol/sweep/ca-o", test_ca_o);
  g_test_add_func ("/protocol/sweep/ca-o-remeasures-thresholds", test_ca_o_remeasures_thresholds);
  g_test_add_func ("/protocol/sweep/distance-and-frequency", test_distance_and_frequency);
  g_test_add_func ("/protocol/sweep/cancel", test_cancel);
  g_test_add_func ("/protocol/sweep/errors", test_errors);
  g_test_add_func ("/protocol/sweep/set-param", test_set_param);
  g_test_add_func ("/protocol/spine-table/run", test_spine_table);
  return g_test_run ();
}
