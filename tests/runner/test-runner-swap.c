/* test-runner-swap.c: live edits on a running state.
 *
 * sl_runner_swap_model moves the state onto a recompile of its model with
 * other parameters; sl_runner_swap_protocol installs a new protocol
 * without restarting.  The references are plain SlStates stepped on this
 * thread with the same models and protocols (sl_state_rebind and
 * sl_state_seek_protocol are what the runner calls), so every comparison
 * is bit for bit. */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "sl-calcium.h"
#include "sl-model.h"
#include "sl-protocol.h"
#include "sl-runner.h"
#include "sl-state.h"
#include "../engine/sl-test-cells.h"

/* g_ampa_scale multiplies spine s0's AMPA conductance; gamma_p, when > 0,
 * overrides the basal Graupner–Brunel potentiation rate; rule, when not
 * NULL, replaces the basal rule. */
static SlModel *
make_model (double      g_ampa_scale,
            double      gamma_p,
            const char *rule)
{
  g_autoptr(SlMorphology) morph = sl_test_ball_stick (10, 300, 1, TRUE);
  g_autoptr(SlModelSpec) spec = sl_model_spec_new ();
  g_autoptr(GError) error = NULL;
  SlModel *model;

  for (int k = 0; k < 3; k++)
    {
      g_autofree char *id = g_strdup_printf ("s%d", k);
      g_autofree char *loc = g_strdup_printf ("path:basal:%d", 40 + 20 * k);
      SlSpineSpec *sp = sl_model_spec_add_spine (spec, id, loc);

      if (k == 0)
        sp->synapse.g_ampa *= g_ampa_scale;
    }
  if (rule != NULL)
    sl_model_spec_set_rule (spec, "basal", rule, NULL);
  if (gamma_p > 0)
    for (guint i = 0; i < spec->rules->len; i++)
      {
        SlRuleAssignment *r = &g_array_index (spec->rules, SlRuleAssignment, i);

        if (g_str_equal (r->target, "basal"))
          {
            SlParamValue p = { g_strdup ("gamma_p"), gamma_p };

            g_array_append_val (r->params, p);
          }
      }
  model = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);
  return model;
}

/* A 100 Hz train of 10 onto spine s0 from 2 ms, plus extra_t (< 0: none)
 * one spike onto s1. */
static SlProtocol *
make_protocol (const SlModel *model,
               double         extra_t)
{
  g_autoptr(SlProtocolSpec) pspec = sl_protocol_spec_new ();
  g_autoptr(GError) error = NULL;
  SlProtocol *protocol;

  sl_test_add_spike_train (pspec, "pre", "spine:s0", 2, 100, 10);
  if (extra_t >= 0)
    {
      sl_test_add_spike_train (pspec, "extra", "spine:s1", extra_t, 10, 1);
    }
  pspec->tstop = 1000;
  protocol = sl_protocol_compile (pspec, model, &error);
  g_assert_no_error (error);
  return protocol;
}

/* Everything a step reads or writes, flattened. */
static GArray *
capture (const SlModel *m,
         const SlState *s)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (double));
  double head[3] = { s->t, (double) s->n_steps, s->event_next };
  const double *arrays[] = { s->v, s->ca_node, s->hh_m, s->hh_h, s->hh_n, s->ampa_a, s->ampa_b,
                             s->nmda_a, s->nmda_b, s->vdcc_m, s->vdcc_h, s->ca_head, s->eca_head,
                             s->w, s->tm_u, s->tm_r, s->tm_last };
  const int sizes[] = { m->n_nodes, m->n_nodes, m->n_hh, m->n_hh, m->n_hh, m->n_spines,
                        m->n_spines, m->n_spines, m->n_spines, m->n_spines, m->n_spines,
                        m->n_spines, m->n_spines, m->n_spines, m->n_spines, m->n_spines,
                        m->n_spines };

  g_array_append_vals (a, head, 3);
  for (gsize i = 0; i < G_N_ELEMENTS (arrays); i++)
    g_array_append_vals (a, arrays[i], (guint) sizes[i]);
  g_array_append_vals (a, s->rule_state, (guint) m->n_rule_state);
  if (m->calcium != NULL)
    g_array_append_vals (a, s->ca_grid, (guint) sl_calcium_grid_get_n_voxels (m->calcium));
  return a;
}

typedef struct
{
  GArray        *values;  /* atomic: set by the engine thread, NULL until then */
  const SlModel *model;   /* the model the state was on (written before values) */
} Capture;

static void
capture_apply (const SlModel *model,
               SlState       *state,
               gpointer       data)
{
  Capture *c = data;

  c->model = model;
  g_atomic_pointer_set (&c->values, capture (model, state));
}

/* A copy of the state once every command pushed so far has run (the
 * queue is FIFO; an apply runs between two chunks of steps). */
static void
grab (SlRunner *runner,
      Capture  *c)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  GArray *old = g_atomic_pointer_exchange (&c->values, NULL);

  g_clear_pointer (&old, g_array_unref);
  sl_runner_apply (runner, capture_apply, c, NULL);
  while (g_atomic_pointer_get (&c->values) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_usleep (200);
    }
}

/* Steps span ms from where the runner is once the commands pushed so far
 * have run, and waits until it has paused there. */
static void
step_and_wait (SlRunner *runner,
               double    span)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  Capture now = { 0 };
  const SlSnapshot *snap;
  double t0;

  grab (runner, &now);
  t0 = g_array_index (now.values, double, 0);
  g_array_unref (now.values);
  sl_runner_step (runner, span);
  do
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_usleep (500);
      snap = sl_runner_acquire_snapshot (runner, NULL);
    }
  while (snap->status == SL_RUNNER_RUNNING || snap->t < t0 + span - 1e-6);
}

static void
step_to (const SlModel    *model,
         SlState          *state,
         const SlProtocol *protocol,
         guint64           n_steps)
{
  while (state->n_steps < n_steps)
    g_assert_true (sl_state_step (model, state, protocol, protocol->dt));
}

static gboolean
same_bits (GArray *a,
           GArray *b)
{
  return a->len == b->len && memcmp (a->data, b->data, sizeof (double) * a->len) == 0;
}

static void
test_swap_keeps_state (void)
{
  g_autoptr(SlModel) a = make_model (1, 0, NULL);
  g_autoptr(SlModel) b = make_model (3, 0, NULL);
  g_autoptr(SlRunner) runner = sl_runner_new (a, make_protocol (a, -1));
  g_autoptr(GError) error = NULL;
  Capture before = { 0 }, after = { 0 };
  const SlSnapshot *snap;
  guint64 run;

  step_and_wait (runner, 10);
  grab (runner, &before);
  run = sl_runner_acquire_snapshot (runner, NULL)->run;
  g_assert_true (sl_runner_swap_model (runner, b, make_protocol (b, -1), &error));
  g_assert_no_error (error);
  grab (runner, &after);

  g_assert_true (before.model == a);
  g_assert_true (after.model == b);
  g_assert_cmpfloat (g_array_index (before.values, double, 0), >=, 10 - 1e-9);
  g_assert_true (same_bits (before.values, after.values));
  snap = sl_runner_acquire_snapshot (runner, NULL);
  g_assert_cmpuint (snap->run, ==, run);
  g_assert_true (snap->model == b);
  g_clear_pointer (&before.values, g_array_unref);
  g_clear_pointer (&after.values, g_array_unref);
}

static void
test_swap_changes_trajectory (void)
{
  g_autoptr(SlModel) a = make_model (1, 0, NULL);
  g_autoptr(SlModel) b = make_model (3, 0, NULL);
  g_autoptr(SlProtocol) pa = make_protocol (a, -1);
  g_autoptr(SlProtocol) pb = make_protocol (b, -1);
  g_autoptr(SlRunner) runner = sl_runner_new (a, make_protocol (a, -1));
  g_autoptr(SlState) ref = sl_state_new (a);
  g_autoptr(SlState) old = NULL;
  g_autoptr(GError) error = NULL;
  Capture mid = { 0 }, end = { 0 };
  g_autoptr(GArray) ref_end = NULL;
  g_autoptr(GArray) old_end = NULL;
  guint64 n_mid;

  /* Swap in the middle of the train: spikes 1–4 on a, 5–10 on b. */
  step_and_wait (runner, 5);
  grab (runner, &mid);
  g_assert_true (sl_runner_swap_model (runner, b, make_protocol (b, -1), &error));
  g_assert_no_error (error);
  step_and_wait (runner, 20);
  grab (runner, &end);

  n_mid = (guint64) g_array_index (mid.values, double, 1);
  step_to (a, ref, pa, n_mid);
  old = sl_state_new (a);
  step_to (a, old, pa, n_mid);
  g_assert_true (sl_state_rebind (ref, b, &error));
  g_assert_no_error (error);
  sl_state_seek_protocol (ref, pb, pb->dt);
  step_to (b, ref, pb, (guint64) g_array_index (end.values, double, 1));
  step_to (a, old, pa, (guint64) g_array_index (end.values, double, 1));
  ref_end = capture (b, ref);
  old_end = capture (a, old);

  /* The runner did what a fresh state with b's parameters does from the
   * same point, and that is not what a would have done: three times the
   * AMPA conductance depolarises the spine head more. */
  g_assert_true (same_bits (end.values, ref_end));
  g_assert_false (same_bits (end.values, old_end));
  g_assert_cmpfloat (ref->v[b->n_cable + 1] , !=, old->v[a->n_cable + 1]);
  g_clear_pointer (&mid.values, g_array_unref);
  g_clear_pointer (&end.values, g_array_unref);
}

static void
test_swap_rule_parameter (void)
{
  g_autoptr(SlModel) a = make_model (1, 0, NULL);
  g_autoptr(SlModel) c = make_model (1, 2000, NULL);
  g_autoptr(SlRunner) runner = sl_runner_new (a, make_protocol (a, -1));
  g_autoptr(GError) error = NULL;
  gboolean differ = FALSE;

  /* A rule parameter lives in the model's parameter block, not in the
   * state layout: the structure is the same, the parameters are not. */
  g_assert_true (sl_model_same_structure (a, c, NULL));
  g_assert_cmpint (a->n_rule_params, ==, c->n_rule_params);
  for (int i = 0; i < a->n_rule_params; i++)
    differ |= a->rule_params[i] != c->rule_params[i];
  g_assert_true (differ);
  step_and_wait (runner, 3);
  g_assert_true (sl_runner_swap_model (runner, c, NULL, &error));
  g_assert_no_error (error);
  step_and_wait (runner, 3);
  g_assert_true (sl_runner_acquire_snapshot (runner, NULL)->model == c);

  /* While playing in real time: how long from the call to a snapshot of
   * the new model (reported, not asserted: it depends on the machine). */
  {
    const SlSnapshot *snap;
    double t_swap;
    gint64 t0, end;

    sl_runner_set_speed (runner, 1);
    sl_runner_play (runner);
    g_usleep (50000);
    t_swap = sl_runner_acquire_snapshot (runner, NULL)->t;
    t0 = g_get_monotonic_time ();
    end = t0 + 20 * G_USEC_PER_SEC;
    g_assert_true (sl_runner_swap_model (runner, a, NULL, &error));
    do
      {
        g_assert_cmpint (g_get_monotonic_time (), <, end);
        g_usleep (100);
        snap = sl_runner_acquire_snapshot (runner, NULL);
      }
    while (snap->model != a);
    g_test_message ("swap while playing at 1×: new model in a snapshot after %.2f ms, t %.2f → %.2f ms",
                    (g_get_monotonic_time () - t0) / 1e3, t_swap, snap->t);
    g_assert_cmpfloat (snap->t, >=, t_swap);
  }
}

static void
test_swap_refused (void)
{
  g_autoptr(SlModel) a = make_model (1, 0, NULL);
  g_autoptr(SlModel) other_rule = make_model (1, 0, "stdp-pair");
  g_autoptr(SlModel) no_rule = make_model (1, 0, "none");
  g_autoptr(SlMorphology) morph = sl_test_ball_stick (10, 300, 1, TRUE);
  g_autoptr(SlModelSpec) spec = sl_model_spec_new ();
  g_autoptr(SlModel) fewer = NULL;
  g_autoptr(SlRunner) runner = sl_runner_new (a, make_protocol (a, -1));
  g_autoptr(GError) error = NULL;
  const char *why = NULL;
  Capture before = { 0 }, after = { 0 };

  sl_model_spec_add_spine (spec, "s0", "path:basal:40");
  fewer = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);

  g_assert_false (sl_model_same_structure (a, fewer, &why));
  g_assert_cmpstr (why, ==, "the spines differ");
  g_assert_false (sl_model_same_structure (a, other_rule, &why));
  g_assert_nonnull (why);
  g_assert_false (sl_model_same_structure (a, no_rule, &why));
  g_assert_nonnull (why);

  step_and_wait (runner, 2);
  grab (runner, &before);
  g_assert_false (sl_runner_swap_model (runner, fewer, make_protocol (fewer, -1), &error));
  g_assert_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "the spines differ"));
  g_clear_error (&error);
  g_assert_false (sl_runner_swap_model (runner, other_rule, NULL, &error));
  g_assert_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  /* Nothing was queued: the runner still has a and the same state. */
  grab (runner, &after);
  g_assert_true (after.model == a);
  g_assert_true (same_bits (before.values, after.values));
  g_assert_true (sl_runner_acquire_snapshot (runner, NULL)->model == a);
  g_clear_pointer (&before.values, g_array_unref);
  g_clear_pointer (&after.values, g_array_unref);

  /* A plain state refuses the same way and stays as it was. */
  {
    g_autoptr(SlState) s = sl_state_new (a);

    g_assert_false (sl_state_rebind (s, fewer, &error));
    g_assert_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_INVALID);
    g_assert_true (s->model == a);
  }
}

static void
test_swap_protocol (void)
{
  g_autoptr(SlModel) a = make_model (1, 0, NULL);
  g_autoptr(SlProtocol) p1 = make_protocol (a, -1);
  g_autoptr(SlProtocol) p_past = make_protocol (a, 5);
  g_autoptr(SlProtocol) p_future = make_protocol (a, 30);
  g_autoptr(SlRunner) runner = sl_runner_new (a, make_protocol (a, -1));
  g_autoptr(SlState) plain = sl_state_new (a);
  g_autoptr(SlState) future = sl_state_new (a);
  g_autoptr(GArray) plain_end = NULL;
  g_autoptr(GArray) future_end = NULL;
  g_autoptr(GArray) plain_past = NULL;
  g_autoptr(GArray) future_past = NULL;
  Capture mid = { 0 }, past = { 0 }, end = { 0 };
  guint64 run, n_mid, n_past, n_end;
  const SlSnapshot *snap;

  step_and_wait (runner, 20);
  grab (runner, &mid);
  run = sl_runner_acquire_snapshot (runner, NULL)->run;
  /* An added stimulus whose only spike (5 ms) is past: nothing changes. */
  sl_runner_swap_protocol (runner, make_protocol (a, 5));
  step_and_wait (runner, 5);
  grab (runner, &past);
  snap = sl_runner_acquire_snapshot (runner, NULL);
  g_assert_cmpuint (snap->run, ==, run);
  g_assert_cmpfloat (snap->t, >=, 25 - 1e-6);
  /* One in the future (30 ms): delivered, without a restart. */
  sl_runner_swap_protocol (runner, make_protocol (a, 30));
  step_and_wait (runner, 15);
  grab (runner, &end);
  snap = sl_runner_acquire_snapshot (runner, NULL);
  g_assert_cmpuint (snap->run, ==, run);

  n_mid = (guint64) g_array_index (mid.values, double, 1);
  n_past = (guint64) g_array_index (past.values, double, 1);
  n_end = (guint64) g_array_index (end.values, double, 1);
  /* Reference: the same steps on this thread. */
  step_to (a, plain, p1, n_past);
  step_to (a, future, p1, n_mid);
  sl_state_seek_protocol (future, p_past, p_past->dt);
  step_to (a, future, p_past, n_past);
  plain_past = capture (a, plain);
  future_past = capture (a, future);
  /* The past spike was not delivered late; the cursor skipped it. */
  g_assert_true (same_bits (past.values, future_past));
  /* Past the three header values (t, steps, event cursor: the protocols
   * have 10 and 11 events), the states are the same. */
  g_assert_cmpmem (&g_array_index (plain_past, double, 3), (plain_past->len - 3) * sizeof (double),
                   &g_array_index (future_past, double, 3), (future_past->len - 3) * sizeof (double));
  sl_state_seek_protocol (future, p_future, p_future->dt);
  step_to (a, future, p_future, n_end);
  step_to (a, plain, p1, n_end);
  plain_end = capture (a, plain);
  future_end = capture (a, future);

  g_assert_true (same_bits (end.values, future_end));
  g_assert_false (same_bits (end.values, plain_end));
  /* s1 got its 30 ms spike: its AMPA is open in the runner's state. */
  g_assert_cmpfloat (future->ampa_b[1] - future->ampa_a[1], >, 0);
  g_assert_cmpfloat (plain->ampa_b[1] - plain->ampa_a[1], ==, 0);
  g_clear_pointer (&mid.values, g_array_unref);
  g_clear_pointer (&past.values, g_array_unref);
  g_clear_pointer (&end.values, g_array_unref);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/runner/swap/keeps-state", test_swap_keeps_state);
  g_test_add_func ("/runner/swap/changes-trajectory", test_swap_changes_trajectory);
  g_test_add_func ("/runner/swap/rule-parameter", test_swap_rule_parameter);
  g_test_add_func ("/runner/swap/refused", test_swap_refused);
  g_test_add_func ("/runner/swap/protocol", test_swap_protocol);
  return g_test_run ();
}
