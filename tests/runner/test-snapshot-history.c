/* test-snapshot-history.c: the snapshot ring for replay — wrap-around
 * keeps the newest frames in order, the frame and byte bounds drop the oldest, a
 * new run clears, repeats are ignored, lookup by time finds the nearest
 * frame, and snapshots of a real runner are copied whole. */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "sl-snapshot-history.h"
#include "sl-model.h"
#include "sl-protocol.h"
#include "sl-runner.h"
#include "../engine/sl-test-cells.h"

/* A snapshot block laid out as the runner lays it out (header, 16-byte
 * aligned arrays v, Ca node, Ca spine, w, Δw), every array filled with
 * the value t so that a copy can be checked element by element. */
static SlSnapshot *
make_snap (int     n_nodes,
           int     n_spines,
           guint64 run,
           guint64 seq,
           double  t)
{
  gsize off = (sizeof (SlSnapshot) + 15) & ~(gsize) 15;
  gsize nn = (gsize) n_nodes, ns = (gsize) n_spines;
  SlSnapshot header = { 0 };
  SlSnapshot *snap;
  float *values;
  gsize size;

  header.off_v = off;        off += nn * sizeof (float);
  header.off_ca_node = off;  off += nn * sizeof (float);
  header.off_ca_spine = off; off += ns * sizeof (float);
  header.off_w = off;        off += ns * sizeof (float);
  header.off_dw = off;       off += ns * sizeof (float);
  size = off;
  header.n_nodes = n_nodes;
  header.n_spines = n_spines;
  header.run = run;
  header.seq = seq;
  header.t = t;
  snap = g_malloc (size);
  memcpy (snap, &header, sizeof header);
  values = (float *) ((guint8 *) snap + header.off_v);
  for (gsize i = 0; i < (size - header.off_v) / sizeof (float); i++)
    values[i] = (float) t;
  g_assert_cmpuint (sl_snapshot_size (snap), ==, size);
  return snap;
}

static void
push_one (SlSnapshotHistory *h,
          int                n_nodes,
          int                n_spines,
          guint64            run,
          guint64            seq,
          double             t)
{
  g_autofree SlSnapshot *snap = make_snap (n_nodes, n_spines, run, seq, t);

  g_assert_true (sl_snapshot_history_push (h, snap));
}

static void
test_wrap (void)
{
  g_autoptr(SlSnapshotHistory) h = sl_snapshot_history_new (5, 0);

  /* Twelve frames through a ring of five: the last five remain, oldest
   * first, with their arrays intact. */
  for (int i = 1; i <= 12; i++)
    push_one (h, 7, 3, 1, (guint64) i, i * 0.5);
  g_assert_cmpuint (sl_snapshot_history_get_length (h), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      const SlSnapshot *s = sl_snapshot_history_get (h, i);
      double t = (8 + i) * 0.5;

      g_assert_cmpuint (s->seq, ==, 8 + i);
      g_assert_cmpfloat (s->t, ==, t);
      for (int k = 0; k < 7; k++)
        {
          g_assert_cmpfloat (sl_snapshot_v (s)[k], ==, (float) t);
          g_assert_cmpfloat (sl_snapshot_ca_node (s)[k], ==, (float) t);
        }
      for (int k = 0; k < 3; k++)
        g_assert_cmpfloat (sl_snapshot_dw (s)[k], ==, (float) t);
    }
}

static void
test_byte_bound (void)
{
  g_autofree SlSnapshot *probe = make_snap (100, 10, 1, 0, 0);
  gsize size = sl_snapshot_size (probe);
  /* Room for three and a half frames: three fit. */
  g_autoptr(SlSnapshotHistory) h = sl_snapshot_history_new (1000, size * 7 / 2);

  for (int i = 1; i <= 10; i++)
    {
      push_one (h, 100, 10, 1, (guint64) i, i);
      g_assert_cmpuint (sl_snapshot_history_get_bytes (h), <=, size * 7 / 2);
    }
  g_assert_cmpuint (sl_snapshot_history_get_length (h), ==, 3);
  g_assert_cmpuint (sl_snapshot_history_get_bytes (h), ==, 3 * size);
  g_assert_cmpuint (sl_snapshot_history_get (h, 0)->seq, ==, 8);
  g_assert_cmpuint (sl_snapshot_history_get (h, 2)->seq, ==, 10);

  /* A snapshot larger than the whole bound is not stored. */
  {
    g_autoptr(SlSnapshotHistory) tiny = sl_snapshot_history_new (10, size / 2);
    g_assert_false (sl_snapshot_history_push (tiny, probe));
    g_assert_cmpuint (sl_snapshot_history_get_length (tiny), ==, 0);
  }
}

static void
test_set_limits (void)
{
  g_autoptr(SlSnapshotHistory) h = sl_snapshot_history_new (8, 0);

  for (int i = 1; i <= 11; i++)   /* wraps: head is not slot 0 */
    push_one (h, 4, 2, 1, (guint64) i, i);
  sl_snapshot_history_set_limits (h, 3, 0);
  g_assert_cmpuint (sl_snapshot_history_get_length (h), ==, 3);
  g_assert_cmpuint (sl_snapshot_history_get (h, 0)->seq, ==, 9);
  g_assert_cmpuint (sl_snapshot_history_get (h, 2)->seq, ==, 11);
  /* Growing keeps the frames, in order, and later pushes go after them. */
  sl_snapshot_history_set_limits (h, 6, 0);
  for (int i = 12; i <= 14; i++)
    push_one (h, 4, 2, 1, (guint64) i, i);
  g_assert_cmpuint (sl_snapshot_history_get_length (h), ==, 6);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpuint (sl_snapshot_history_get (h, i)->seq, ==, 9 + i);
  push_one (h, 4, 2, 1, 15, 15);
  g_assert_cmpuint (sl_snapshot_history_get (h, 0)->seq, ==, 10);
  g_assert_cmpuint (sl_snapshot_history_get (h, 5)->seq, ==, 15);
}

static void
test_run_change (void)
{
  g_autoptr(SlSnapshotHistory) h = sl_snapshot_history_new (16, 0);
  g_autofree SlSnapshot *repeat = make_snap (4, 2, 1, 3, 3);

  for (int i = 1; i <= 3; i++)
    push_one (h, 4, 2, 1, (guint64) i, i);
  /* The newest again (the UI acquired the same snapshot twice). */
  g_assert_false (sl_snapshot_history_push (h, repeat));
  g_assert_cmpuint (sl_snapshot_history_get_length (h), ==, 3);

  /* A reset: run 2 starts at t = 0 with a model of another size. */
  push_one (h, 9, 5, 2, 4, 0);
  g_assert_cmpuint (sl_snapshot_history_get_length (h), ==, 1);
  g_assert_cmpuint (sl_snapshot_history_get_run (h), ==, 2);
  g_assert_cmpint (sl_snapshot_history_get (h, 0)->n_nodes, ==, 9);
  push_one (h, 9, 5, 2, 5, 1);
  g_assert_cmpuint (sl_snapshot_history_get_length (h), ==, 2);
  /* A model swapped within the run to one of another size: the old
   * frames could not be drawn on it. */
  push_one (h, 9, 6, 2, 6, 2);
  g_assert_cmpuint (sl_snapshot_history_get_length (h), ==, 1);
  g_assert_cmpint (sl_snapshot_history_get (h, 0)->n_spines, ==, 6);

  sl_snapshot_history_clear (h);
  g_assert_cmpuint (sl_snapshot_history_get_length (h), ==, 0);
  g_assert_cmpuint (sl_snapshot_history_get_bytes (h), ==, 0);
  g_assert_cmpint (sl_snapshot_history_find (h, 1), ==, -1);
}

static void
test_find (void)
{
  g_autoptr(SlSnapshotHistory) h = sl_snapshot_history_new (4, 0);
  /* Frames at t = 0, 1, …, 9 through a ring of 4: 6, 7, 8, 9 remain. */
  for (int i = 0; i < 10; i++)
    push_one (h, 3, 1, 1, (guint64) i + 1, i);

  g_assert_cmpint (sl_snapshot_history_find (h, -5), ==, 0);   /* before the oldest */
  g_assert_cmpint (sl_snapshot_history_find (h, 6), ==, 0);
  g_assert_cmpint (sl_snapshot_history_find (h, 6.4), ==, 0);
  g_assert_cmpint (sl_snapshot_history_find (h, 6.6), ==, 1);
  g_assert_cmpint (sl_snapshot_history_find (h, 7.5), ==, 1);  /* tie: the earlier */
  g_assert_cmpint (sl_snapshot_history_find (h, 8.9), ==, 3);
  g_assert_cmpint (sl_snapshot_history_find (h, 100), ==, 3);  /* after the newest */
  g_assert_cmpint (sl_snapshot_history_find (h, NAN), ==, 3);
}

/* Snapshots of a running runner: each copy equals the snapshot it was
 * made from (header and every array), t never decreases along the history. */
static void
test_real_runner (void)
{
  g_autoptr(SlMorphology) morph = sl_test_ball_stick (10, 300, 1, TRUE);
  g_autoptr(SlModelSpec) spec = sl_model_spec_new ();
  g_autoptr(SlProtocolSpec) pspec = sl_protocol_spec_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SlModel) model = NULL;
  g_autoptr(SlRunner) runner = NULL;
  g_autoptr(SlSnapshotHistory) h = sl_snapshot_history_new (1000, 0);
  SlProtocol *protocol;
  gint64 end;
  guint n_checked = 0;

  sl_model_spec_add_spine (spec, "s0", "path:basal:40");
  sl_model_spec_add_spine (spec, "s1", "path:basal:80");
  model = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);
  sl_test_add_spike_train (pspec, "pre", "spine:s0", 2, 100, 20);
  pspec->tstop = 200;
  protocol = sl_protocol_compile (pspec, model, &error);
  g_assert_no_error (error);

  runner = sl_runner_new (model, protocol);
  sl_runner_set_speed (runner, 0);
  sl_runner_play (runner);
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    {
      gboolean fresh = FALSE;
      const SlSnapshot *snap = sl_runner_acquire_snapshot (runner, &fresh);

      if (fresh && snap->model == model && sl_snapshot_history_push (h, snap))
        {
          const SlSnapshot *copy = sl_snapshot_history_get (h, sl_snapshot_history_get_length (h) - 1);

          g_assert_cmpuint (sl_snapshot_size (copy), ==, sl_snapshot_size (snap));
          g_assert_cmpmem (copy, sl_snapshot_size (copy), snap, sl_snapshot_size (snap));
          n_checked++;
        }
      if (snap->status == SL_RUNNER_FINISHED)
        break;
      g_usleep (500);
    }
  g_assert_cmpuint (n_checked, >=, 2);
  /* A status change republishes the same t: time never goes back. */
  for (guint i = 1; i < sl_snapshot_history_get_length (h); i++)
    g_assert_cmpfloat (sl_snapshot_history_get (h, i)->t, >=, sl_snapshot_history_get (h, i - 1)->t);
  g_assert_cmpfloat (sl_snapshot_history_get (h, sl_snapshot_history_get_length (h) - 1)->t, >, sl_snapshot_history_get (h, 0)->t);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/runner/snapshot-history/wrap", test_wrap);
  g_test_add_func ("/runner/snapshot-history/byte-bound", test_byte_bound);
  g_test_add_func ("/runner/snapshot-history/set-limits", test_set_limits);
  g_test_add_func ("/runner/snapshot-history/run-change", test_run_change);
  g_test_add_func ("/runner/snapshot-history/find", test_find);
  g_test_add_func ("/runner/snapshot-history/real-runner", test_real_runner);
  return g_test_run ();
}
