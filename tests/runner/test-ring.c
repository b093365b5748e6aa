/* Threaded tests of the SPSC trace ring: frames arrive whole, in order,
 * and every frame is either delivered or counted as dropped. */
#include <glib.h>

#include "sl-ring.h"

#define FRAME 5
#define N_FRAMES 200000

typedef struct
{
  SlRing *ring;
  gint    done;
} Shared;

static gpointer
producer (gpointer data)
{
  Shared *shared = data;
  double frame[FRAME];

  for (guint k = 1; k <= N_FRAMES; k++)
    {
      for (guint j = 0; j < FRAME; j++)
        frame[j] = k * (j + 1.0);
      sl_ring_push (shared->ring, frame);
    }
  g_atomic_int_set (&shared->done, 1);
  return NULL;
}

static void
test_ordered_or_counted (void)
{
  Shared shared = { sl_ring_new (FRAME, 1024), 0 };
  GThread *thread = g_thread_new ("producer", producer, &shared);
  double out[64 * FRAME];
  guint64 received = 0;
  double last = 0;

  for (;;)
    {
      gboolean done = g_atomic_int_get (&shared.done);
      guint n = sl_ring_pop (shared.ring, out, 64);

      for (guint i = 0; i < n; i++)
        {
          double k = out[i * FRAME];
          for (guint j = 1; j < FRAME; j++)
            g_assert_cmpfloat (out[i * FRAME + j], ==, k * (j + 1.0));
          g_assert_cmpfloat (k, >, last);
          last = k;
        }
      received += n;
      if (done && n == 0)
        break;
    }
  g_thread_join (thread);
  g_assert_cmpuint (received + sl_ring_get_dropped (shared.ring), ==, N_FRAMES);
  g_assert_cmpfloat (last, <=, N_FRAMES);
  g_assert_cmpuint (received, >, 0);
  sl_ring_free (shared.ring);
}

static void
test_full_drops (void)
{
  g_autoptr(SlRing) ring = sl_ring_new (1, 3);   /* rounded up to 4 */
  double v, out[8];

  for (int i = 0; i < 6; i++)
    {
      v = i;
      g_assert_true (sl_ring_push (ring, &v) == (i < 4));
    }
  g_assert_cmpuint (sl_ring_get_dropped (ring), ==, 2);
  g_assert_cmpuint (sl_ring_pop (ring, out, 8), ==, 4);
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat (out[i], ==, i);
  g_assert_cmpuint (sl_ring_pop (ring, out, 8), ==, 0);
  v = 9;
  g_assert_true (sl_ring_push (ring, &v));
  sl_ring_clear (ring);
  g_assert_cmpuint (sl_ring_pop (ring, out, 8), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/runner/ring/full-drops", test_full_drops);
  g_test_add_func ("/runner/ring/ordered-or-counted", test_ordered_or_counted);
  return g_test_run ();
}
