/* Threaded tests of the snapshot triple buffer: the consumer never sees a
 * torn snapshot and never goes back in time. */
#include <glib.h>

#include "sl-triple-buffer.h"

#define N_VALUES 4096
#define N_PUBLISH 20000

typedef struct
{
  SlTripleBuffer *tb;
  gint            done;
} Shared;

static gpointer
producer (gpointer data)
{
  Shared *shared = data;

  for (guint64 k = 1; k <= N_PUBLISH; k++)
    {
      guint64 *values = sl_triple_buffer_get_back (shared->tb);
      for (guint i = 0; i < N_VALUES; i++)
        values[i] = k;
      sl_triple_buffer_publish (shared->tb);
    }
  g_atomic_int_set (&shared->done, 1);
  return NULL;
}

static void
test_no_tearing (void)
{
  Shared shared = { sl_triple_buffer_new (N_VALUES * sizeof (guint64)), 0 };
  GThread *thread = g_thread_new ("producer", producer, &shared);
  guint64 last = 0;
  guint n_fresh = 0;

  for (;;)
    {
      gboolean done = g_atomic_int_get (&shared.done);
      gboolean fresh;
      const guint64 *values = sl_triple_buffer_acquire (shared.tb, &fresh);

      for (guint i = 1; i < N_VALUES; i++)
        g_assert_cmpuint (values[i], ==, values[0]);
      g_assert_cmpuint (values[0], >=, last);
      if (fresh)
        {
          n_fresh++;
          if (last != 0)
            g_assert_cmpuint (values[0], >, last);
        }
      last = values[0];
      if (done)
        {
          /* After the producer finished, the newest value must arrive. */
          sl_triple_buffer_acquire (shared.tb, NULL);
          values = sl_triple_buffer_acquire (shared.tb, &fresh);
          g_assert_false (fresh);
          g_assert_cmpuint (values[0], ==, N_PUBLISH);
          break;
        }
    }
  g_thread_join (thread);
  g_assert_cmpuint (n_fresh, >, 0);
  sl_triple_buffer_free (shared.tb);
}

static void
test_single_thread (void)
{
  g_autoptr(SlTripleBuffer) tb = sl_triple_buffer_new (sizeof (int));
  gboolean fresh = TRUE;
  const int *v;

  v = sl_triple_buffer_acquire (tb, &fresh);
  g_assert_false (fresh);
  g_assert_cmpint (*v, ==, 0);

  *(int *) sl_triple_buffer_get_back (tb) = 7;
  sl_triple_buffer_publish (tb);
  *(int *) sl_triple_buffer_get_back (tb) = 8;
  sl_triple_buffer_publish (tb);

  v = sl_triple_buffer_acquire (tb, &fresh);
  g_assert_true (fresh);
  g_assert_cmpint (*v, ==, 8);   /* the newest one, 7 was overwritten */
  v = sl_triple_buffer_acquire (tb, &fresh);
  g_assert_false (fresh);
  g_assert_cmpint (*v, ==, 8);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/runner/triple-buffer/single-thread", test_single_thread);
  g_test_add_func ("/runner/triple-buffer/no-tearing", test_no_tearing);
  return g_test_run ();
}
