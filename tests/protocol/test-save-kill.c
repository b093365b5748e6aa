/* test-save-kill.c: atomic saving under SIGKILL.  A child process saves a
 * large session to one path in a loop, alternating two versions; the test
 * kills it at random moments, many times, and after every kill the file
 * must be absent (only before the first save ever finished), or load and
 * equal one of the two complete versions — never a half-written file —
 * and at most one temporary may be left beside it. */
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sl-atomic-file.h"
#include "sl-session.h"

#define N_KILLS   60
#define N_SPINES  4000    /* explicit spines: about 230 kB of XML */

/* A session heavy enough that a save takes milliseconds. */
static SlSession *
make_large_session (guint64 seed)
{
  SlSession *s = sl_session_new ();

  g_free (s->model->morphology);
  s->model->morphology = g_strdup ("bundled:ball-and-stick");
  s->model->seed = seed;
  for (int i = 0; i < N_SPINES; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%05d", i);
      g_autofree char *loc = g_strdup_printf ("path:dend:%.3f", 1.0 + (i % 900) * 0.25);

      sl_model_spec_add_spine (s->model, id, loc);
    }
  for (int i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("stim%03d", i);
      g_autofree char *target = g_strdup_printf ("spine:s%05d", i * 7);

      SlStimulusSpec *st = sl_protocol_spec_add_stimulus (s->protocol, name, SL_STIM_SPIKES,
                                                          target);

      st->train.rate = 10 + i;  /* Hz */
      st->train.n = 5;
    }
  return s;
}

static guint
count_entries (const char *dir,
               guint      *n_temps)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  *n_temps = 0;
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      n++;
      if (name[0] == '.')
        (*n_temps)++;
    }
  return n;
}

G_GNUC_NORETURN static void
child_loop (const SlSession *a,
            const SlSession *b,
            const char      *path,
            guint64          first)
{
  for (guint64 i = first;; i++)
    {
      g_autoptr (GError) error = NULL;

      if (!sl_session_save (i % 2 ? b : a, path, &error))
        {
          g_printerr ("child: %s\n", error->message);
          _exit (3);
        }
    }
}

static void
test_kill_during_save (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sl-save-kill-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.spinelab", NULL);
  g_autofree char *tmp = sl_atomic_file_temp_path (path);
  g_autoptr (SlSession) a = make_large_session (1);
  g_autoptr (SlSession) b = make_large_session (2);
  g_autoptr (GError) error = NULL;
  guint n_absent = 0, n_a = 0, n_b = 0, n_mid_write = 0;
  gsize size;

  gint64 t_save, t0;
  int k;

  /* Check the two versions are what a reader sees, and their size. */
  {
    g_autofree char *data = sl_session_to_data (a, dir, &size, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (size, >, 200000);
    g_assert_false (sl_session_equal (a, b));
  }
  /* How long one save takes here (a sanitizer build is several times
   * slower): the kills fall between a quarter of a save and three saves
   * after the fork, so that some hit the first save, some the writing of
   * the file, and some a later save. */
  t0 = g_get_monotonic_time ();
  g_assert_true (sl_session_save (a, path, &error));
  t_save = MAX (g_get_monotonic_time () - t0, 1000);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_test_message ("one save of %zu bytes: %.1f ms", size, t_save / 1000.0);

  /* At least N_KILLS kills; more (up to 4×) until one has hit the
   * writing of the file itself, which is a smaller part of a save in a
   * sanitizer build, where serialising dominates. */
  for (k = 0; k < N_KILLS || (n_mid_write == 0 && k < 4 * N_KILLS); k++)
    {
      guint n_temps, n;
      int status;
      pid_t pid;

      fflush (NULL);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        child_loop (a, b, path, k);  /* odd kills start with B */

      /* A random moment: within the first save, or a few saves later. */
      g_usleep (g_test_rand_int_range (t_save / 4, 3 * t_save + 20000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      if (!WIFSIGNALED (status))
        g_error ("the saving child ended by itself (status %d)", status);

      n = count_entries (dir, &n_temps);
      g_assert_cmpuint (n_temps, <=, 1);
      g_assert_cmpuint (n - n_temps, <=, 1);
      if (n_temps == 1)
        {
          g_assert_true (g_file_test (tmp, G_FILE_TEST_EXISTS));
          n_mid_write++;
        }

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          /* Only possible while no save has completed yet. */
          g_assert_cmpuint (n_a + n_b, ==, 0);
          n_absent++;
          continue;
        }
      {
        g_autoptr (SlSession) got = sl_session_load (path, &error);

        g_assert_no_error (error);
        if (sl_session_equal (got, a))
          n_a++;
        else if (sl_session_equal (got, b))
          n_b++;
        else
          g_error ("after kill %d the file is neither version", k);
      }
    }

  g_test_message ("%d kills: file absent %u, version A %u, version B %u; "
                  "killed while a temporary existed %u times",
                  k, n_absent, n_a, n_b, n_mid_write);
  /* The random moments must have hit both versions and the writing
   * itself, or the test did not test anything. */
  g_assert_cmpuint (n_a, >, 0);
  g_assert_cmpuint (n_b, >, 0);
  g_assert_cmpuint (n_mid_write, >, 0);

  /* A stale temporary is reused by the next save, not added to. */
  g_assert_true (sl_session_save (a, path, &error));
  g_assert_no_error (error);
  {
    guint n_temps;

    g_assert_cmpuint (count_entries (dir, &n_temps), ==, 1);
    g_assert_cmpuint (n_temps, ==, 0);
  }
  g_unlink (path);
  g_rmdir (dir);
}

/* Two processes saving the same file at once take turns on the lock:
 * the result is one of the versions and no temporary is left. */
static void
test_concurrent_writers (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sl-save-two-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "s.spinelab", NULL);
  g_autoptr (SlSession) a = make_large_session (3);
  g_autoptr (SlSession) b = make_large_session (4);
  g_autoptr (SlSession) got = NULL;
  g_autoptr (GError) error = NULL;
  pid_t pids[2];
  guint n_temps;

  for (int c = 0; c < 2; c++)
    {
      fflush (NULL);
      pids[c] = fork ();
      g_assert_cmpint (pids[c], >=, 0);
      if (pids[c] == 0)
        {
          for (int i = 0; i < 10; i++)
            if (!sl_session_save (c ? b : a, path, NULL))
              _exit (3);
          _exit (0);
        }
    }
  for (int c = 0; c < 2; c++)
    {
      int status;

      g_assert_cmpint (waitpid (pids[c], &status, 0), ==, pids[c]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }
  g_assert_cmpuint (count_entries (dir, &n_temps), ==, 1);
  g_assert_cmpuint (n_temps, ==, 0);
  got = sl_session_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (sl_session_equal (got, a) || sl_session_equal (got, b));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/protocol/save-kill/random-sigkill", test_kill_during_save);
  g_test_add_func ("/protocol/save-kill/concurrent-writers", test_concurrent_writers);
  return g_test_run ();
}
