/* sl-benchmark.c: frame timing of the 3D view.
 *
 * Two numbers per frame: the draw cost (from the start of render to the end
 * of glFinish, so the GPU — or llvmpipe — has really finished), and the
 * interval between frames as the frame clock delivered them, which adds
 * GTK's own compositing of the GL texture into the window.  The process's
 * CPU time per frame (all threads, llvmpipe's included) is printed too: on
 * a shared machine it is steadier than wall-clock time.
 */
#include "sl-benchmark.h"

#include <epoxy/gl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

typedef struct
{
  SlWindow     *window;
  GApplication *app;
  int           n_frames;
  int           done;
  double       *draw_ms;      /* (n_frames) */
  gint64        first_us;     /* monotonic time of the first measured frame */
  gint64        last_us;
  double        first_cpu_s;  /* process CPU time at the first measured frame */
  double        last_cpu_s;
  char         *renderer;
  gulong        frame_handler;
  guint         tick_id;
} Benchmark;

static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec
         + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
benchmark_report (Benchmark *b)
{
  SlMorphologyView *view = sl_window_get_view (b->window);
  SlMorphology *morph = sl_morphology_view_get_morphology (view);
  GtkWidget *w = GTK_WIDGET (view);
  int scale = gtk_widget_get_scale_factor (w);
  double sum = 0, interval, cpu;
  int n_cylinders, n_quads;
  g_autofree double *sorted = g_memdup2 (b->draw_ms, sizeof (double) * b->n_frames);

  for (int i = 0; i < b->n_frames; i++)
    sum += b->draw_ms[i];
  qsort (sorted, b->n_frames, sizeof (double), compare_double);
  interval = b->n_frames > 1 ? (b->last_us - b->first_us) / 1000.0 / (b->n_frames - 1) : 0;
  cpu = b->n_frames > 1 ? (b->last_cpu_s - b->first_cpu_s) * 1000.0 / (b->n_frames - 1) : 0;
  sl_morphology_view_get_lod_counts (view, &n_cylinders, &n_quads);

  printf ("benchmark: %s, %d points, %d segments (last frame: %d cylinders, %d quads), "
          "%d×%d px, MSAA %d×, %s\n",
          morph ? morph->name : "(none)", morph ? morph->n_points : 0,
          sl_morphology_view_get_n_segments (view), n_cylinders, n_quads,
          gtk_widget_get_width (w) * scale, gtk_widget_get_height (w) * scale,
          MAX (sl_morphology_view_get_samples (view), 1), b->renderer ? b->renderer : "?");
  printf ("benchmark: %d frames, draw+finish mean %.2f ms, median %.2f ms, max %.2f ms; "
          "frame interval %.2f ms (%.1f fps); CPU %.2f ms per frame\n",
          b->n_frames, sum / b->n_frames, sorted[b->n_frames / 2], sorted[b->n_frames - 1],
          interval, interval > 0 ? 1000.0 / interval : 0.0, cpu);
  fflush (stdout);
}

static void
frame_rendered (SlMorphologyView *view,
                Benchmark        *b)
{
  gint64 now = g_get_monotonic_time ();

  if (b->renderer == NULL)
    b->renderer = g_strdup ((const char *) glGetString (GL_RENDERER));
  if (b->done >= b->n_frames)
    return;
  if (b->done == 0)
    {
      b->first_us = now;
      b->first_cpu_s = cpu_seconds ();
    }
  b->last_us = now;
  b->last_cpu_s = cpu_seconds ();
  b->draw_ms[b->done++] = sl_morphology_view_get_last_draw_ms (view);
  if (b->done == b->n_frames)
    {
      benchmark_report (b);
      g_application_quit (b->app);
    }
}

static gboolean
tick (GtkWidget     *widget,
      GdkFrameClock *clock,
      gpointer       user_data)
{
  Benchmark *b = user_data;

  /* One turn around the cell over the run, a frame per tick. */
  sl_morphology_view_orbit (SL_MORPHOLOGY_VIEW (widget), 360.0 / b->n_frames, 0);
  return G_SOURCE_CONTINUE;
}

static void
benchmark_free (gpointer data)
{
  Benchmark *b = data;

  g_free (b->draw_ms);
  g_free (b->renderer);
  g_free (b);
}

static void
load_finished (SlWindow  *window,
               gboolean   ok,
               Benchmark *b)
{
  SlMorphologyView *view = sl_window_get_view (window);

  if (!ok)
    {
      g_printerr ("benchmark: %s\n", sl_window_get_banner_text (window));
      g_application_quit (b->app);
      return;
    }
  if (b->frame_handler)
    return;
  sl_morphology_view_set_finish_frames (view, TRUE);
  b->frame_handler = g_signal_connect (view, "frame-rendered", G_CALLBACK (frame_rendered), b);
  b->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (view), tick, b, NULL);
}

void
_sl_benchmark_start (SlWindow     *window,
                     int           n_frames,
                     GApplication *app)
{
  Benchmark *b = g_new0 (Benchmark, 1);

  b->window = window;
  b->app = app;
  b->n_frames = n_frames;
  b->draw_ms = g_new0 (double, n_frames);
  g_signal_connect (window, "load-finished", G_CALLBACK (load_finished), b);
  g_object_set_data_full (G_OBJECT (window), "sl-benchmark", b, benchmark_free);
}
