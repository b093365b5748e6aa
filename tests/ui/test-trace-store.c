/* test-trace-store.c: SlTraceStore — the window at full resolution, older
 * frames in a bounded archive whose frames are real frames (their values
 * belong to their t), one-frame spikes kept through decimation, frames
 * before keep_from forgotten, and the memory bound of the plots' store. */
#include "sl-config.h"

#include <math.h>

#include "sl-runner.h"
#include "sl-trace-store.h"

#define LEN 5
#define DT  0.1     /* ms per frame, the runner's default record interval */

/* Frame i: t, run, a "soma" at −70 mV with a one-frame +40 mV spike every
 * `spike_every` frames, then two slow drifts (weight-like) that name
 * their t. */
static void
make_frame (double  f[LEN],
            guint64 i,
            guint   spike_every)
{
  f[0] = i * DT;
  f[1] = 1;
  f[2] = spike_every > 0 && i % spike_every == spike_every - 1 ? 40.0 : -70.0;
  f[3] = 1e-3 * f[0];
  f[4] = -1e-4 * f[0];
}

static void
test_window_full_resolution (void)
{
  g_autoptr(SlTraceStore) s = sl_trace_store_new (LEN, 64);
  g_autoptr(GPtrArray) got = NULL;
  double f[LEN];
  const guint64 n = 20000;  /* 2 s */

  sl_trace_store_set_window (s, 500);
  for (guint64 i = 0; i < n; i++)
    {
      make_frame (f, i, 0);
      sl_trace_store_append (s, f);
    }
  /* t_last = 1999.9 ms: frames from 1499.9 on, every one of them. */
  g_assert_cmpuint (sl_trace_store_get_n_recent (s), ==, 5001);
  got = sl_trace_store_collect (s, 1499.9 - 1e-9, 1e9);
  g_assert_cmpuint (got->len, ==, 5001);
  for (guint k = 0; k < got->len; k++)
    {
      const double *g = got->pdata[k];

      make_frame (f, n - 5001 + k, 0);
      g_assert_cmpmem (g, sizeof f, f, sizeof f);
    }
  g_assert_cmpfloat (sl_trace_store_last (s)[0], ==, (n - 1) * DT);
}

/* 20 s of frames with a one-frame spike every 1500 frames (150 ms) into an
 * archive of 512: bounded, reaching back to t = 0, every frame a real
 * one, and all 133 spikes still there (plain decimation by the final
 * stride, 512, would keep a spike only when it fell on a kept frame).
 * Spikes closer than two archived frames may merge: the next one is then
 * near the frame kept before it. */
static void
test_archive_bounded_keeps_spikes (void)
{
  g_autoptr(SlTraceStore) s = sl_trace_store_new (LEN, 512);
  g_autoptr(GPtrArray) all = NULL;
  double f[LEN], prev_t = -1;
  const guint64 n = 200000;
  guint spikes = 0, stride;

  sl_trace_store_set_window (s, 500);
  for (guint64 i = 0; i < n; i++)
    {
      make_frame (f, i, 1500);
      sl_trace_store_append (s, f);
      g_assert_cmpuint (sl_trace_store_get_n_archive (s), <=, 512);
    }
  stride = sl_trace_store_get_stride (s);
  g_test_message ("archive %u frames, stride %u, recent %u", sl_trace_store_get_n_archive (s),
                  stride, sl_trace_store_get_n_recent (s));
  /* 195 000 archived originals in ≤ 512 frames: stride ≥ 381, a power of 2. */
  g_assert_cmpuint (stride, ==, 512);
  all = sl_trace_store_collect (s, -INFINITY, INFINITY);
  g_assert_cmpfloat (((const double *) all->pdata[0])[0], <, stride * DT);
  for (guint k = 0; k < all->len; k++)
    {
      const double *g = all->pdata[k];

      g_assert_cmpfloat (g[0], >, prev_t);
      prev_t = g[0];
      g_assert_cmpfloat (g[3], ==, 1e-3 * g[0]);
      g_assert_cmpfloat (g[4], ==, -1e-4 * g[0]);
      /* A spike only at its own frame. */
      g_assert_cmpfloat (g[2], ==, llround (g[0] / DT) % 1500 == 1499 ? 40.0 : -70.0);
      if (g[2] > 0)
        spikes++;
    }
  g_assert_cmpuint (spikes, ==, n / 1500);
}

/* The replay history starts later: older frames go, the ones after stay;
 * at() finds the newest frame at or before a time in the archive. */
static void
test_keep_from_and_at (void)
{
  g_autoptr(SlTraceStore) s = sl_trace_store_new (LEN, 256);
  g_autoptr(GPtrArray) got = NULL;
  const double *a;
  double f[LEN];
  guint stride;

  sl_trace_store_set_window (s, 500);
  for (guint64 i = 0; i < 50000; i++)  /* 5 s */
    {
      make_frame (f, i, 0);
      sl_trace_store_append (s, f);
    }
  stride = sl_trace_store_get_stride (s);
  sl_trace_store_keep_from (s, 3000);
  got = sl_trace_store_collect (s, -INFINITY, INFINITY);
  g_assert_cmpfloat (((const double *) got->pdata[0])[0], >=, 3000);
  g_assert_cmpfloat (((const double *) got->pdata[0])[0], <, 3000 + stride * DT + 1e-9);

  /* 3.6 s is in the archive (the window starts at 4499.9 ms). */
  a = sl_trace_store_at (s, 3600);
  g_assert_nonnull (a);
  g_assert_cmpfloat (a[0], <=, 3600);
  g_assert_cmpfloat (a[0], >, 3600 - stride * DT - 1e-9);
  g_assert_cmpfloat (a[3], ==, 1e-3 * a[0]);
  /* In the window: exactly the frame. */
  a = sl_trace_store_at (s, 4700.05);
  g_assert_cmpfloat (fabs (a[0] - 4700.0), <, 1e-9);
  g_assert_null (sl_trace_store_at (s, 2000));

  /* Everything archived dropped: full resolution again. */
  sl_trace_store_keep_from (s, 4499.85);
  g_assert_cmpuint (sl_trace_store_get_n_archive (s), ==, 0);
  g_assert_cmpuint (sl_trace_store_get_stride (s), ==, 1);
  sl_trace_store_clear (s);
  g_assert_null (sl_trace_store_last (s));
  g_assert_cmpuint (sl_trace_store_get_n_recent (s), ==, 0);
}

/* The plots' own store (runner frames, default archive) over ten minutes
 * of simulated time at the default record interval: the memory stays
 * under (window frames × 2 for compaction slack + archive + 1) × frame. */
static void
test_plot_store_memory (void)
{
  g_autoptr(SlTraceStore) s = sl_trace_store_new (SL_RUNNER_FRAME_LEN, SL_TRACE_STORE_DEFAULT_ARCHIVE);
  double f[SL_RUNNER_FRAME_LEN] = { 0 };
  gsize bound = (2 * 5001 + SL_TRACE_STORE_DEFAULT_ARCHIVE + 1) * SL_RUNNER_FRAME_LEN * sizeof (double);
  gsize peak = 0;

  sl_trace_store_set_window (s, 500);
  for (guint64 i = 0; i < 6000000; i++)  /* 600 s at 0.1 ms */
    {
      f[0] = i * DT;
      f[2] = -70 + 10 * sin (f[0] / 7.0);
      sl_trace_store_append (s, f);
      if (i % 1000 == 0)
        peak = MAX (peak, sl_trace_store_get_bytes (s));
    }
  g_test_message ("600 s of runner frames: peak %.2f MB held (bound %.2f MB), archive %u frames, "
                  "stride %u (%.1f ms per archived frame)", peak / 1048576.0, bound / 1048576.0,
                  sl_trace_store_get_n_archive (s), sl_trace_store_get_stride (s),
                  sl_trace_store_get_stride (s) * DT);
  g_assert_cmpuint (peak, <=, bound);
  g_assert_cmpuint (sl_trace_store_get_n_archive (s), <=, SL_TRACE_STORE_DEFAULT_ARCHIVE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/trace-store/window-full-resolution", test_window_full_resolution);
  g_test_add_func ("/ui/trace-store/archive-bounded-keeps-spikes", test_archive_bounded_keeps_spikes);
  g_test_add_func ("/ui/trace-store/keep-from-and-at", test_keep_from_and_at);
  g_test_add_func ("/ui/trace-store/plot-store-memory", test_plot_store_memory);
  return g_test_run ();
}
