/* sl-ui-test-util.c: shared scaffolding of the window tests. */
#include "sl-config.h"

#include <stdlib.h>

#include "sl-ui-test-util.h"

void
sl_ui_test_wait_for (const gboolean *flag,
                     gint64          timeout_us,
                     const char     *what)
{
  gint64 end = g_get_monotonic_time () + timeout_us;

  while (!*flag)
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > end)
        g_error ("timed out waiting for %s", what);
      g_usleep (1000);
    }
}

void
sl_ui_test_iterate_for_ms (int ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

SlWindow *
sl_ui_test_window_new (int width,
                       int height)
{
  SlWindow *window = sl_window_new (NULL);

  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

void
sl_ui_test_destroy_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct
{
  gboolean done;
  gboolean ok;
} LoadWait;

static void
on_load_finished (SlWindow *window,
                  gboolean  ok,
                  LoadWait *w)
{
  w->done = TRUE;
  w->ok = ok;
}

static gboolean
open_and_wait (SlWindow   *window,
               GFile      *file,
               const char *bundled,
               gint64      timeout_us)
{
  LoadWait w = { FALSE, FALSE };
  gulong id = g_signal_connect (window, "load-finished", G_CALLBACK (on_load_finished), &w);

  if (file != NULL)
    sl_window_open_file (window, file);
  else
    sl_window_open_bundled (window, bundled);
  sl_ui_test_wait_for (&w.done, timeout_us, "the file to load");
  g_signal_handler_disconnect (window, id);
  return w.ok;
}

gboolean
sl_ui_test_open (SlWindow   *window,
                 const char *path,
                 gint64      timeout_us)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return open_and_wait (window, file, NULL, timeout_us);
}

gboolean
sl_ui_test_open_bundled (SlWindow   *window,
                         const char *name,
                         gint64      timeout_us)
{
  return open_and_wait (window, NULL, name, timeout_us);
}

static void
on_model_ready (SlWorkbench *wb,
                gboolean    *ready)
{
  *ready = TRUE;
}

void
sl_ui_test_open_ready (SlWindow   *window,
                       const char *path,
                       gint64      timeout_us)
{
  SlWorkbench *wb = sl_window_get_workbench (window);
  gboolean ready = FALSE;
  gulong id = g_signal_connect (wb, "model-ready", G_CALLBACK (on_model_ready), &ready);

  g_assert_true (sl_ui_test_open (window, path, timeout_us));
  sl_ui_test_wait_for (&ready, timeout_us, "the model");
  g_signal_handler_disconnect (wb, id);
}

static void
on_failed (SlWorkbench *wb,
           const char  *message,
           gpointer     data)
{
  g_error ("workbench failed: %s", message);
}

void
sl_ui_test_fail_on_error (SlWindow *window)
{
  g_signal_connect (sl_window_get_workbench (window), "failed", G_CALLBACK (on_failed), NULL);
}

void
sl_ui_test_wait_model (SlWindow *window,
                       gint64    timeout_us)
{
  SlWorkbench *wb = sl_window_get_workbench (window);
  gint64 end = g_get_monotonic_time () + timeout_us;

  while (sl_workbench_get_model (wb) == NULL || sl_workbench_get_runner (wb) == NULL)
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > end)
        g_error ("timed out waiting for the model");
      g_usleep (1000);
    }
}

static void
on_frame_rendered (SlMorphologyView *view,
                   gboolean         *captured)
{
  if (sl_morphology_view_get_captured_frame (view) != NULL)
    *captured = TRUE;
}

GdkTexture *
sl_ui_test_capture (SlMorphologyView *view,
                    gint64            timeout_us)
{
  gboolean captured = FALSE;
  gulong id = g_signal_connect (view, "frame-rendered", G_CALLBACK (on_frame_rendered), &captured);

  sl_morphology_view_capture_next_frame (view);
  gtk_widget_queue_draw (GTK_WIDGET (view));
  sl_ui_test_wait_for (&captured, timeout_us, "a captured frame");
  g_signal_handler_disconnect (view, id);
  return g_object_ref (sl_morphology_view_get_captured_frame (view));
}

gsize
sl_ui_test_count_different (GdkTexture *a,
                            GdkTexture *b)
{
  int w = gdk_texture_get_width (a), h = gdk_texture_get_height (a);
  gsize stride = 4 * (gsize) w, n = 0;
  g_autofree guint8 *pa = g_malloc (stride * h), *pb = g_malloc (stride * h);

  g_assert_cmpint (gdk_texture_get_width (b), ==, w);
  g_assert_cmpint (gdk_texture_get_height (b), ==, h);
  gdk_texture_download (a, pa, stride);
  gdk_texture_download (b, pb, stride);
  for (gsize i = 0; i < stride * h; i += 4)
    if (abs (pa[i] - pb[i]) + abs (pa[i + 1] - pb[i + 1]) + abs (pa[i + 2] - pb[i + 2]) > 24)
      n++;
  return n;
}
