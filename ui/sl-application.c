/* sl-application.c: application actions, windows, the command line. */
#include "sl-config.h"

#include "sl-application.h"

#define SL_DEFAULT_LESSON "two-rules-one-neuron"

#include <epoxy/gl.h>
#include <string.h>

#include "sl-benchmark.h"
#include "sl-generator.h"
#include "sl-ui-private.h"
#include "sl-window.h"

struct _SlApplication
{
  GtkApplication parent_instance;

  int            benchmark_frames; /* > 0: render this many frames, print timing, quit */
  gboolean       play;             /* start playing once the first model is ready */
  char          *speed;            /* "max" or a real-time factor, NULL: the preference */
  int            quit_after;       /* > 0: print the simulated time and quit after this many s */
};

G_DEFINE_FINAL_TYPE (SlApplication, sl_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "benchmark-frames", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, NULL,
    "Render N frames of the 3D view, print the time per frame and quit", "N" },
  { "play", 0, 0, G_OPTION_ARG_NONE, NULL,
    "Start playing as soon as the cell is ready", NULL },
  { "speed", 0, 0, G_OPTION_ARG_STRING, NULL,
    "Real-time factor of the run (0.01 … 10, or max)", "SPEED" },
  { "quit-after", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, NULL,
    "Print the simulated time and quit after S seconds (soak tests)", "S" },
  { NULL }
};

/* --play / --speed: once, when the window's first model is ready. */
static void
first_model_ready (SlWorkbench *workbench,
                   SlWindow    *window)
{
  SlApplication *self = SL_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));

  g_signal_handlers_disconnect_by_func (workbench, first_model_ready, window);
  if (self == NULL)
    return;
  if (self->speed != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "run.speed", "s", self->speed);
  if (self->play)
    gtk_widget_activate_action (GTK_WIDGET (window), "run.play-pause", NULL);
}

static gboolean
quit_after_timeout (gpointer user_data)
{
  SlApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL && SL_IS_WINDOW (window))
    {
      SlWorkbench *wb = sl_window_get_workbench (SL_WINDOW (window));
      SlRunner *runner = sl_workbench_get_runner (wb);

      if (runner != NULL)
        {
          gboolean fresh;
          const SlSnapshot *snap = sl_runner_acquire_snapshot (runner, &fresh);

          g_print ("simulated %.1f ms in %d s (achieved %.3f× real time)\n",
                   snap->t, self->quit_after, snap->achieved);
        }
    }
  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_REMOVE;
}

static void
present_window (SlApplication *self,
                SlWindow      *window)
{
  if (self->benchmark_frames > 0)
    _sl_benchmark_start (window, self->benchmark_frames, G_APPLICATION (self));
  if (self->play || self->speed != NULL)
    g_signal_connect (sl_window_get_workbench (window), "model-ready",
                      G_CALLBACK (first_model_ready), window);
  if (self->quit_after > 0)
    g_timeout_add_seconds (self->quit_after, quit_after_timeout, self);
  gtk_window_present (GTK_WINDOW (window));
}

static void
sl_application_activate (GApplication *app)
{
  SlApplication *self = SL_APPLICATION (app);
  SlWindow *window = sl_window_new (self);

  /* The default lesson: two learning rules in one neuron. */
  sl_window_open_lesson (window, SL_DEFAULT_LESSON);
  present_window (self, window);
}

static void
sl_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  SlApplication *self = SL_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      SlWindow *window = sl_window_new (self);

      sl_window_open_file (window, files[i]);
      present_window (self, window);
    }
}

static int
sl_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  SlApplication *self = SL_APPLICATION (app);

  g_variant_dict_lookup (options, "play", "b", &self->play);
  g_variant_dict_lookup (options, "quit-after", "i", &self->quit_after);
  if (g_variant_dict_lookup (options, "speed", "s", &self->speed))
    {
      char *end = NULL;
      double v = g_ascii_strtod (self->speed, &end);

      if (!g_str_equal (self->speed, "max")
          && (end == self->speed || *end != '\0' || !(v == 0.01 || v == 0.1 || v == 0.5
                                                      || v == 1 || v == 2 || v == 10)))
        {
          g_printerr ("spinelab: --speed must be one of 0.01, 0.1, 0.5, 1, 2, 10 or max, not '%s'\n",
                      self->speed);
          return 1;
        }
    }
  if (self->play || self->quit_after > 0)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
  if (g_variant_dict_lookup (options, "benchmark-frames", "i", &self->benchmark_frames))
    {
      if (self->benchmark_frames <= 0)
        {
          g_printerr ("spinelab: --benchmark-frames needs a positive number\n");
          return 1;
        }
      /* A benchmark must run here, not be handed to a running instance. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  return -1;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Close each window as its close button would: one with unsaved changes
   * asks first; the application ends with its last window. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The SpineLab developers", NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", "SpineLab",
                         "logo-icon-name", SL_APP_ID,
                         "version", SL_VERSION,
                         "comments", "A workbench for dendritic spines and synaptic plasticity",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", developers,
                         NULL);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
};

/* With a software OpenGL (Mesa's llvmpipe), GTK's GL renderer spends about
 * 40 ms of CPU compositing each frame of a 1100×720 window; its Cairo
 * renderer, about 12 ms, and the 3D view still draws with GL.  Measured with
 * --benchmark-frames on a 26,000-segment cell: frame interval 169 → 78 ms.
 * GSK reads GSK_RENDERER when a window is realized, so probing here, before
 * any window exists, is in time.  A renderer chosen by the user wins. */
static void
prefer_cairo_on_software_gl (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GdkGLContext) context = NULL;
  const char *renderer;

  if (g_getenv ("GSK_RENDERER") != NULL || display == NULL)
    return;
  context = gdk_display_create_gl_context (display, NULL);
  if (context == NULL || !gdk_gl_context_realize (context, NULL))
    return;
  gdk_gl_context_make_current (context);
  renderer = (const char *) glGetString (GL_RENDERER);
  if (renderer && (strstr (renderer, "llvmpipe") || strstr (renderer, "softpipe")))
    g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gdk_gl_context_clear_current ();
}

static void
sl_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (sl_application_parent_class)->startup (app);

  /* GtkApplication (unlike AdwApplication) does not load style.css itself. */
  gtk_css_provider_load_from_resource (css, "/org/spinelab/SpineLab/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_window_set_default_icon_name (SL_APP_ID);
  prefer_cairo_on_software_gl ();
  _sl_style_follow_system ();
}

static void
sl_application_finalize (GObject *object)
{
  SlApplication *self = SL_APPLICATION (object);

  g_free (self->speed);
  G_OBJECT_CLASS (sl_application_parent_class)->finalize (object);
}

static void
sl_application_class_init (SlApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sl_application_finalize;

  _sl_ui_ensure_resources ();
  app_class->startup = sl_application_startup;
  app_class->activate = sl_application_activate;
  app_class->open = sl_application_open;
  app_class->handle_local_options = sl_application_handle_local_options;
}

static void
sl_application_init (SlApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

SlApplication *
sl_application_new (void)
{
  return g_object_new (SL_TYPE_APPLICATION,
                       "application-id", SL_APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/spinelab/SpineLab",
                       NULL);
}

int
sl_gui_main (int    argc,
             char **argv)
{
  g_autoptr(SlApplication) app = NULL;

  g_set_application_name ("SpineLab");
  app = sl_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
