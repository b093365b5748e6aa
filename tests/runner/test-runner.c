/* test-runner.c: the engine thread under the UI's calls — streaming,
 * commands, and a stress run of thousands of random commands while the
 * consumer pulls snapshots and trace frames and checks their invariants
 * (time monotonic within a run, no torn snapshot, frames whole). */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "sl-model.h"
#include "sl-protocol.h"
#include "sl-runner.h"
#include "sl-state.h"
#include "../engine/sl-test-cells.h"

/* celsius > 0 overrides the spec's temperature (a parameter: the
 * structure stays). */
static SlModel *
make_model_at (int      n_spines,
               gboolean plastic,
               double   celsius)
{
  g_autoptr(SlMorphology) morph = sl_test_ball_stick (10, 300, 1, TRUE);
  g_autoptr(SlModelSpec) spec = sl_model_spec_new ();
  g_autoptr(GError) error = NULL;
  SlModel *model;

  for (int k = 0; k < n_spines; k++)
    {
      g_autofree char *id = g_strdup_printf ("s%d", k);
      g_autofree char *loc = g_strdup_printf ("path:basal:%d", 20 + 10 * k);
      sl_model_spec_add_spine (spec, id, loc);
    }
  if (!plastic)
    sl_model_spec_set_rule (spec, "basal", "none", NULL);
  if (celsius > 0)
    spec->celsius = celsius;
  model = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);
  return model;
}

static SlModel *
make_model_full (int      n_spines,
                 gboolean plastic)
{
  return make_model_at (n_spines, plastic, 0);
}

static SlModel *
make_model (int n_spines)
{
  return make_model_full (n_spines, TRUE);
}

/* A 50 Hz train onto spine s0 from 5 ms on. */
static SlProtocol *
make_protocol (const SlModel *model)
{
  g_autoptr(SlProtocolSpec) pspec = sl_protocol_spec_new ();
  g_autoptr(GError) error = NULL;
  SlProtocol *protocol;

  sl_test_add_spike_train (pspec, "pre", "spine:s0", 5, 50, 20);
  pspec->tstop = 1000;
  protocol = sl_protocol_compile (pspec, model, &error);
  g_assert_no_error (error);
  return protocol;
}

/* Polls until cond holds on a fresh snapshot or the deadline (s) passes. */
typedef gboolean (*SnapCond) (const SlSnapshot *snap, gpointer data);

static const SlSnapshot *
wait_for (SlRunner *runner,
          SnapCond  cond,
          gpointer  data,
          double    seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  for (;;)
    {
      const SlSnapshot *snap = sl_runner_acquire_snapshot (runner, NULL);
      if (cond (snap, data))
        return snap;
      if (g_get_monotonic_time () > end)
        return NULL;
      g_usleep (1000);
    }
}

static gboolean
past_time (const SlSnapshot *snap, gpointer data)
{
  return snap->t >= *(double *) data;
}

static gboolean
is_status (const SlSnapshot *snap, gpointer data)
{
  return snap->status == (SlRunnerStatus) GPOINTER_TO_INT (data);
}

static void
test_play_pause_reset (void)
{
  g_autoptr(SlModel) model = make_model (2);
  g_autoptr(SlRunner) runner = sl_runner_new (model, make_protocol (model));
  const SlSnapshot *snap;
  double target = 60, t_paused;
  guint64 run;
  int spines[1] = { 0 };
  double frames[256 * SL_RUNNER_FRAME_LEN];
  double ca_max = 0, ca_first = -1;
  guint n;

  snap = sl_runner_acquire_snapshot (runner, NULL);
  g_assert_cmpfloat (snap->t, ==, 0);
  g_assert_cmpint (snap->n_nodes, ==, model->n_nodes);
  g_assert_cmpint (snap->n_spines, ==, 2);
  run = snap->run;

  sl_runner_watch (runner, spines, 1);
  sl_runner_set_speed (runner, 0);
  sl_runner_play (runner);
  snap = wait_for (runner, past_time, &target, 20);
  g_assert_nonnull (snap);
  g_assert_cmpuint (snap->run, ==, run);

  sl_runner_pause (runner);
  snap = wait_for (runner, is_status, GINT_TO_POINTER (SL_RUNNER_PAUSED), 5);
  g_assert_nonnull (snap);
  t_paused = snap->t;
  g_usleep (20000);
  snap = sl_runner_acquire_snapshot (runner, NULL);
  g_assert_cmpfloat (snap->t, ==, t_paused);

  /* The watched, stimulated spine: its calcium rose above rest. */
  while ((n = sl_runner_pop_frames (runner, frames, 256)) > 0)
    for (guint i = 0; i < n; i++)
      {
        double ca = frames[i * SL_RUNNER_FRAME_LEN + 4];
        /* Frames from before the watch command have an empty slot 0. */
        if (isnan (ca))
          continue;
        g_assert_true (isfinite (ca));
        if (ca_first < 0)
          ca_first = ca;
        ca_max = MAX (ca_max, ca);
        g_assert_true (isnan (frames[i * SL_RUNNER_FRAME_LEN + 7]));  /* empty slot */
      }
  g_assert_cmpfloat (ca_first, >, 0);
  g_assert_cmpfloat (ca_max, >, 5 * ca_first);
  snap = sl_runner_acquire_snapshot (runner, NULL);
  g_assert_cmpfloat (sl_snapshot_ca_spine (snap)[0], >, sl_snapshot_ca_spine (snap)[1]);

  /* Step exactly 2 ms. */
  {
    guint64 done = sl_runner_get_commands_done (runner);
    double t_target = t_paused + 2.0 - 1e-9;

    sl_runner_step (runner, 2.0);
    while (sl_runner_get_commands_done (runner) == done)
      g_usleep (500);
    snap = wait_for (runner, past_time, &t_target, 5);
    g_assert_nonnull (snap);
    snap = wait_for (runner, is_status, GINT_TO_POINTER (SL_RUNNER_PAUSED), 5);
    g_assert_cmpfloat (fabs (snap->t - (t_paused + 2.0)), <, 0.03);
  }

  sl_runner_reset (runner);
  target = 0;
  {
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
    do
      {
        snap = sl_runner_acquire_snapshot (runner, NULL);
        g_usleep (500);
      }
    while (snap->run == run && g_get_monotonic_time () < end);
  }
  g_assert_cmpuint (snap->run, >, run);
  g_assert_cmpfloat (snap->t, ==, 0);
  g_assert_cmpfloat (sl_snapshot_dw (snap)[0], ==, 0);
}

static void
test_real_time_pacing (void)
{
  g_autoptr(SlModel) model = make_model (1);
  g_autoptr(SlRunner) runner = sl_runner_new (model, NULL);
  const SlSnapshot *snap;
  gint64 start;
  double elapsed_ms;

  /* At 0.5× real time, 200 ms of wall time is ~100 ms simulated: far
   * below what the engine could do flat out on this small cell. */
  sl_runner_set_speed (runner, 0.5);
  sl_runner_play (runner);
  start = g_get_monotonic_time ();
  g_usleep (200000);
  snap = sl_runner_acquire_snapshot (runner, NULL);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_cmpfloat (snap->t, <=, 0.5 * elapsed_ms + 25);
  g_assert_cmpfloat (snap->t, >, 0);
}

typedef struct
{
  double value;
} SetWeight;

static void
apply_weight (const SlModel *model,
              SlState       *state,
              gpointer       data)
{
  SetWeight *sw = data;

  for (int k = 0; k < model->n_spines; k++)
    state->w[k] = sw->value;
}

static void
test_apply (void)
{
  /* Without a rule, nothing but the apply function changes w. */
  g_autoptr(SlModel) model = make_model_full (3, FALSE);
  g_autoptr(SlRunner) runner = sl_runner_new (model, NULL);
  SetWeight *sw = g_new (SetWeight, 1);
  const SlSnapshot *snap;
  double target = 0.5 - 1e-9;

  sw->value = 0.25;
  sl_runner_apply (runner, apply_weight, sw, g_free);
  sl_runner_step (runner, 0.5);
  snap = wait_for (runner, past_time, &target, 5);
  g_assert_nonnull (snap);
  for (int k = 0; k < 3; k++)
    g_assert_cmpfloat (fabs (sl_snapshot_w (snap)[k] - 0.25), <, 1e-3);
}

/* Thousands of random commands from this (the "UI") thread while pulling
 * snapshots and frames, as the view would in its tick callback. */
static void
test_stress (void)
{
  g_autoptr(SlModel) small = make_model (2);
  g_autoptr(SlModel) large = make_model (6);
  /* Same structures, other parameters: live swaps between these. */
  g_autoptr(SlModel) small_warm = make_model_at (2, TRUE, 37);
  g_autoptr(SlModel) large_warm = make_model_at (6, TRUE, 37);
  gboolean on_small = TRUE;   /* the family of the last model sent */
  g_autoptr(SlRunner) runner = sl_runner_new (small, make_protocol (small));
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);
  double frames[512 * SL_RUNNER_FRAME_LEN];
  guint64 last_run = 0, last_frame_run = 0;
  double last_t = -1, last_frame_t = -1;
  guint n_commands = g_test_thorough () ? 20000 : 4000;
  guint n_fresh = 0;

  for (guint i = 0; i < n_commands; i++)
    {
      gboolean fresh;
      const SlSnapshot *snap;
      guint n;

      switch (g_rand_int_range (rand, 0, 20))
        {
        case 0: case 1: case 2: case 3: case 4:
          sl_runner_play (runner);
          break;
        case 5: case 6:
          sl_runner_pause (runner);
          break;
        case 7: case 8:
          sl_runner_step (runner, g_rand_double_range (rand, 0, 1.0));
          break;
        case 9:
          sl_runner_reset (runner);
          break;
        case 10: case 11:
          sl_runner_set_speed (runner, g_rand_boolean (rand) ? 0 : g_rand_double_range (rand, 0.01, 10));
          break;
        case 12:
          {
            int w[2] = { g_rand_int_range (rand, -1, 3), 0 };
            sl_runner_watch (runner, w, 2);
          }
          break;
        case 13:
          {
            SetWeight *sw = g_new (SetWeight, 1);
            sw->value = g_rand_double_range (rand, 0, 1);
            sl_runner_apply (runner, apply_weight, sw, g_free);
          }
          break;
        case 14:
          if (g_rand_int_range (rand, 0, 10) == 0)
            {
              SlModel *m = g_rand_boolean (rand) ? small : large;
              sl_runner_replace (runner, m, make_protocol (m));
              on_small = m == small;
            }
          break;
        case 15:
          {
            SlModel *m = on_small ? (g_rand_boolean (rand) ? small : small_warm)
                                  : (g_rand_boolean (rand) ? large : large_warm);
            SlModel *wrong = on_small ? large_warm : small_warm;
            g_autoptr(GError) error = NULL;

            g_assert_true (sl_runner_swap_model (runner, m, g_rand_boolean (rand) ? make_protocol (m) : NULL,
                                                 &error));
            g_assert_no_error (error);
            g_assert_false (sl_runner_swap_model (runner, wrong, make_protocol (wrong), &error));
            g_assert_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_INVALID);
          }
          break;
        case 16:
          sl_runner_swap_protocol (runner, g_rand_boolean (rand) ? make_protocol (on_small ? small : large)
                                                                 : NULL);
          break;
        default:
          break;
        }

      snap = sl_runner_acquire_snapshot (runner, &fresh);
      n_fresh += fresh;
      /* Whole snapshot: sizes match the model it names. */
      g_assert_true (snap->model == small || snap->model == large
                     || snap->model == small_warm || snap->model == large_warm);
      g_assert_cmpint (snap->n_nodes, ==, snap->model->n_nodes);
      g_assert_cmpint (snap->n_spines, ==, snap->model->n_spines);
      for (int k = 0; k < snap->n_nodes; k++)
        g_assert_true (isfinite (sl_snapshot_v (snap)[k]));
      g_assert_cmpuint (snap->run, >=, last_run);
      if (snap->run == last_run)
        g_assert_cmpfloat (snap->t, >=, last_t);
      last_run = snap->run;
      last_t = snap->t;

      while ((n = sl_runner_pop_frames (runner, frames, 512)) > 0)
        for (guint f = 0; f < n; f++)
          {
            double t = frames[f * SL_RUNNER_FRAME_LEN];
            guint64 run = (guint64) frames[f * SL_RUNNER_FRAME_LEN + 1];

            g_assert_cmpuint (run, >=, last_frame_run);
            if (run == last_frame_run)
              g_assert_cmpfloat (t, >=, last_frame_t);
            last_frame_run = run;
            last_frame_t = t;
            g_assert_true (isfinite (frames[f * SL_RUNNER_FRAME_LEN + 2]));
          }
      if (i % 16 == 0)
        g_usleep (100);
    }
  g_assert_cmpuint (n_fresh, >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/runner/runner/play-pause-reset", test_play_pause_reset);
  g_test_add_func ("/runner/runner/real-time-pacing", test_real_time_pacing);
  g_test_add_func ("/runner/runner/apply", test_apply);
  g_test_add_func ("/runner/runner/stress", test_stress);
  return g_test_run ();
}
