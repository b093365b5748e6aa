/* bench-morphology.c: morphology load time.
 *
 *   bench-morphology [FILE…]      (default: every file of $SL_SHARED_MORPHOLOGIES)
 *
 * Loads each file REPEAT times in this process and prints the fastest and
 * the median wall time per load, and the fastest CPU time (the machine may
 * be shared: CPU time is what the loader itself costs).  A measurement, not a test: it never
 * fails on speed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "sl-morphology.h"

#define REPEAT 7

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
bench_file (const char *path)
{
  double ms[REPEAT], cpu[REPEAT];
  int points = 0;

  for (int k = 0; k < REPEAT; k++)
    {
      g_autoptr(GError) error = NULL;
      struct timespec c0, c1;
      gint64 t0;
      g_autoptr(SlMorphology) m = NULL;

      clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &c0);
      t0 = g_get_monotonic_time ();
      m = sl_morphology_new_from_file (path, &error);
      ms[k] = (g_get_monotonic_time () - t0) / 1000.0;
      clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &c1);
      cpu[k] = (c1.tv_sec - c0.tv_sec) * 1e3 + (c1.tv_nsec - c0.tv_nsec) / 1e6;
      if (m == NULL)
        {
          printf ("%-60s refused: %s\n", path, error->message);
          return;
        }
      points = m->n_points;
    }
  qsort (ms, REPEAT, sizeof (double), compare_double);
  qsort (cpu, REPEAT, sizeof (double), compare_double);
  {
    g_autofree char *base = g_path_get_basename (path);
    printf ("%-62s %7d points  wall min %7.2f ms, median %7.2f ms  cpu min %7.2f ms\n", base,
            points, ms[0], ms[REPEAT / 2], cpu[0]);
  }
}

int
main (int    argc,
      char **argv)
{
  if (argc > 1)
    {
      for (int i = 1; i < argc; i++)
        bench_file (argv[i]);
      return 0;
    }
  {
    const char *dir = g_getenv ("SL_SHARED_MORPHOLOGIES");
    g_autoptr(GDir) d = dir ? g_dir_open (dir, 0, NULL) : NULL;
    g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
    const char *name;

    if (d == NULL)
      {
        printf ("SL_SHARED_MORPHOLOGIES not set or unreadable: nothing to measure\n");
        return 0;
      }
    while ((name = g_dir_read_name (d)) != NULL)
      if (g_str_has_suffix (name, ".swc") || g_str_has_suffix (name, ".asc") ||
          g_str_has_suffix (name, ".nml"))
        g_ptr_array_add (files, g_build_filename (dir, name, NULL));
    g_ptr_array_sort (files, compare_names);
    for (guint k = 0; k < files->len; k++)
      bench_file (g_ptr_array_index (files, k));
  }
  return 0;
}
