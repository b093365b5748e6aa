/* sl-window.c: opening files (chooser, drag-and-drop, command line),
 * loading them off the main thread, and showing what failed. */
#include "sl-config.h"

#include "sl-window.h"

#include <stdio.h>
#include <string.h>

#include "sl-protocol.h"
#include "sl-session.h"

#include "sl-generator.h"
#include "sl-ui-private.h"
#include "sl-window-private.h"
#include "sl-workbench.h"

typedef struct
{
  char      *path;     /* a file, or */
  char      *bundled;  /* a bundled cell name, or */
  char      *lesson;   /* a bundled lesson (GResource path) */
  char      *display;  /* for messages */
  SlSession *session;  /* set by the thread when the file was a session */
  SlAutosaveOrphan *recover;  /* a crash copy being recovered (path is its file) */
  guint      generation;
} LoadJob;

enum { LOAD_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SlWindow, sl_window, GTK_TYPE_APPLICATION_WINDOW)

static void
load_job_free (LoadJob *job)
{
  g_free (job->path);
  g_free (job->bundled);
  g_free (job->lesson);
  g_free (job->display);
  g_clear_pointer (&job->session, sl_session_free);
  g_clear_pointer (&job->recover, sl_autosave_orphan_free);
  g_free (job);
}

/* Banner ------------------------------------------------------------------ */

void
_sl_window_show_banner (SlWindow   *self,
             gboolean    is_error,
             const char *heading,
             const char *text)
{
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>\n%s", heading, text);

  g_free (self->banner_text);
  self->banner_text = g_strdup (text);
  self->banner_is_error = is_error;
  gtk_label_set_markup (self->banner_label, markup);
  gtk_image_set_from_icon_name (self->banner_icon,
                                is_error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  if (is_error)
    {
      gtk_widget_add_css_class (self->banner, "error");
      gtk_widget_remove_css_class (self->banner, "warning");
    }
  else
    {
      gtk_widget_add_css_class (self->banner, "warning");
      gtk_widget_remove_css_class (self->banner, "error");
    }
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

void
_sl_window_hide_banner (SlWindow *self)
{
  g_clear_pointer (&self->banner_text, g_free);
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static void
banner_close_clicked (SlWindow *self)
{
  _sl_window_hide_banner (self);
}

/* Loading ------------------------------------------------------------------ */

static void
update_loading (SlWindow *self)
{
  gboolean busy = self->n_loading > 0;

  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
}

/* A session by its extension or, for any other name, its root element. */
static gboolean
is_session_file (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  char head[512] = { 0 };
  FILE *f;

  if (g_str_has_suffix (lower, ".spinelab"))
    return TRUE;
  if (g_str_has_suffix (lower, ".swc") || g_str_has_suffix (lower, ".asc") ||
      g_str_has_suffix (lower, ".nml"))
    return FALSE;
  if ((f = fopen (path, "rb")) == NULL)
    return FALSE;
  head[fread (head, 1, sizeof head - 1, f)] = '\0';
  fclose (f);
  return strstr (head, "<spinelab-session") != NULL;
}

/* What a session names must exist: rules, spines of stimuli, recording
 * sites.  Compiling it here, off the main thread, finds every such error
 * before the window's current session is replaced. */
static gboolean
check_session (const SlSession  *session,
               SlMorphology     *morph,
               GError          **error)
{
  SlModel *model = sl_model_compile (session->model, morph, error);
  SlProtocol *protocol;

  if (model == NULL)
    return FALSE;
  protocol = sl_protocol_compile (session->protocol, model, error);
  sl_model_unref (model);
  if (protocol == NULL)
    return FALSE;
  sl_protocol_free (protocol);
  return TRUE;
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  GError *error = NULL;
  SlMorphology *morph;

  if (job->lesson != NULL)
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data (job->lesson, 0, &error);
      gsize len = 0;
      const char *data = bytes ? g_bytes_get_data (bytes, &len) : NULL;

      if (data != NULL)
        job->session = sl_session_new_from_data (data, len, NULL, job->display, 0, &error);
      morph = job->session ? sl_session_load_morphology (job->session, &error) : NULL;
    }
  else if (job->path != NULL && (job->recover != NULL || is_session_file (job->path)))
    {
      job->session = sl_session_load (job->path, &error);
      morph = job->session ? sl_session_load_morphology (job->session, &error) : NULL;
      if (morph != NULL && !check_session (job->session, morph, &error))
        g_clear_pointer (&morph, sl_morphology_unref);
    }
  else if (job->path)
    morph = sl_morphology_new_from_file (job->path, &error);
  else
    morph = sl_bundled_cell_new (job->bundled, &error);

  if (morph)
    g_task_return_pointer (task, morph, (GDestroyNotify) sl_morphology_unref);
  else
    g_task_return_error (task, error);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SlWindow *self = SL_WINDOW (source);
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(SlMorphology) morph = NULL;
  g_autoptr(GError) error = NULL;

  morph = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* the window is gone */

  self->n_loading--;
  update_loading (self);
  if (job->generation != self->generation)
    return;  /* a newer load superseded this one */

  if (morph == NULL)
    {
      g_autofree char *heading = job->recover != NULL
                                 ? g_strdup_printf ("Could not recover “%s”", job->recover->title)
                                 : g_strdup_printf ("Could not open “%s”", job->display);

      _sl_window_show_banner (self, TRUE, heading, error->message);
      g_signal_emit (self, signals[LOAD_FINISHED], 0, FALSE);
      return;
    }

  if (job->session != NULL)
    {
      SlSession *session = g_steal_pointer (&job->session);
      g_autofree char *title = g_strdup (session->title ? session->title : job->display);
      g_autofree char *view = g_strdup (session->view);
      const char *file = job->lesson != NULL ? NULL
                         : job->recover != NULL ? job->recover->original : job->path;

      /* The workbench compiles the session and shows the cell; a lesson's
       * text and expected outcome go in its sidebar panel, the banner is
       * for errors and warnings. */
      sl_morphology_view_set_morphology (self->view, morph);
      _sl_window_hide_banner (self);
      sl_workbench_set_session (self->workbench, session);
      _sl_window_session_opened (self, file, job->recover != NULL ? NULL : job->path,
                                 job->recover != NULL ? job->recover->title : title,
                                 morph->name, job->recover);
      _sl_window_apply_view (self, view);
      g_signal_emit (self, signals[LOAD_FINISHED], 0, TRUE);
      return;
    }

  sl_window_set_morphology (self, morph);
  if (morph->warnings && morph->warnings->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *heading =
        g_strdup_printf (g_dngettext (NULL, "“%s” loaded with %u warning",
                                      "“%s” loaded with %u warnings", morph->warnings->len),
                         job->display, morph->warnings->len);

      for (guint i = 0; i < MIN (morph->warnings->len, 3); i++)
        g_string_append_printf (text, "%s%s", i ? "\n" : "",
                                (const char *) g_ptr_array_index (morph->warnings, i));
      if (morph->warnings->len > 3)
        g_string_append_printf (text, "\n… and %u more (spinelab info lists them all)",
                                morph->warnings->len - 3);
      _sl_window_show_banner (self, FALSE, heading, text->str);
    }
  else
    _sl_window_hide_banner (self);
  g_signal_emit (self, signals[LOAD_FINISHED], 0, TRUE);
}

static void
start_load (SlWindow *self,
            LoadJob  *job)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, load_done, NULL);

  job->generation = ++self->generation;
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  self->n_loading++;
  update_loading (self);
  g_task_run_in_thread (task, load_thread);
}

void
_sl_window_start_open (SlWindow         *self,
                       GFile            *file,
                       SlAutosaveOrphan *recover)
{
  LoadJob *job = g_new0 (LoadJob, 1);

  job->path = g_file_get_path (file);
  job->display = g_file_get_basename (file);
  if (recover != NULL)
    {
      job->recover = g_new0 (SlAutosaveOrphan, 1);
      job->recover->path = g_strdup (recover->path);
      job->recover->original = g_strdup (recover->original);
      job->recover->title = g_strdup (recover->title);
      job->recover->mtime = recover->mtime;
    }
  if (job->path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *heading = g_strdup_printf ("Could not open “%s”", job->display);
      g_autofree char *text = g_strdup_printf ("%s: only local files can be opened", uri);

      _sl_window_show_banner (self, TRUE, heading, text);
      load_job_free (job);
      g_signal_emit (self, signals[LOAD_FINISHED], 0, FALSE);
      return;
    }
  start_load (self, job);
}

void
sl_window_open_file (SlWindow *self,
                     GFile    *file)
{
  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  _sl_window_start_open (self, file, NULL);
}

void
sl_window_open_bundled (SlWindow   *self,
                        const char *name)
{
  LoadJob *job;

  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  job = g_new0 (LoadJob, 1);
  job->bundled = g_strdup (name);
  job->display = g_strdup (name);
  start_load (self, job);
}

void
sl_window_open_lesson (SlWindow   *self,
                       const char *name)
{
  LoadJob *job;

  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  job = g_new0 (LoadJob, 1);
  job->lesson = g_strdup_printf ("/org/spinelab/SpineLab/lessons/%s.spinelab", name);
  job->display = g_strdup_printf ("%s.spinelab", name);
  start_load (self, job);
}

void
sl_window_set_morphology (SlWindow     *self,
                          SlMorphology *morph)
{
  g_autofree char *subtitle = NULL;

  g_return_if_fail (SL_IS_WINDOW (self));

  sl_morphology_view_set_morphology (self->view, morph);
  if (morph != NULL)
    {
      g_autofree char *ref = morph->path != NULL ? g_strdup (morph->path)
                                                 : g_strdup_printf ("bundled:%s", morph->name);

      sl_workbench_set_morphology (self->workbench, morph, ref, -1);
    }
  if (morph == NULL)
    {
      _sl_window_session_opened (self, NULL, NULL, "SpineLab", "", NULL);
      return;
    }
  /* A new, untitled session on the cell: clean until edited. */
  subtitle = g_strdup_printf ("%d points · %d sections · %.0f µm of neurites",
                              morph->n_points, morph->n_sections,
                              sl_morphology_total_length (morph));
  _sl_window_session_opened (self, NULL, morph->path, morph->name, subtitle, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

/* Open dialog and drag-and-drop -------------------------------------------- */

static void
chooser_response (GtkNativeDialog *dialog,
                  int              response,
                  SlWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      GSettings *settings = sl_workbench_get_settings (self->workbench);

      if (file)
        {
          g_autoptr(GFile) folder = g_file_get_parent (file);
          g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;

          if (settings != NULL && path != NULL)
            g_settings_set_string (settings, "last-folder", path);
          _sl_window_confirm_then (self, SL_AFTER_OPEN_FILE, file, NULL);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *suffixes)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_auto(GStrv) list = g_strsplit (suffixes, " ", -1);

  gtk_file_filter_set_name (filter, name);
  for (char **s = list; *s; s++)
    gtk_file_filter_add_suffix (filter, *s);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
action_open (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new ("Open Session or Morphology", GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, "_Open", "_Cancel");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (chooser), "Sessions and morphologies", "spinelab swc nml xml asc");
  add_filter (GTK_FILE_CHOOSER (chooser), "SpineLab sessions", "spinelab");
  add_filter (GTK_FILE_CHOOSER (chooser), "All morphologies", "swc nml xml asc");
  add_filter (GTK_FILE_CHOOSER (chooser), "SWC", "swc");
  add_filter (GTK_FILE_CHOOSER (chooser), "NeuroML2", "nml xml");
  add_filter (GTK_FILE_CHOOSER (chooser), "Neurolucida ASC", "asc");
  if (sl_workbench_get_settings (self->workbench) != NULL)
    {
      g_autofree char *last = g_settings_get_string (sl_workbench_get_settings (self->workbench),
                                                      "last-folder");

      if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GFile) folder = g_file_new_for_path (last);

          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
        }
    }
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
file_dropped (GtkDropTarget *target,
              const GValue  *value,
              double         x,
              double         y,
              SlWindow      *self)
{
  GFile *file = g_value_get_object (value);

  if (file == NULL)
    return FALSE;
  _sl_window_confirm_then (self, SL_AFTER_OPEN_FILE, file, NULL);
  return TRUE;
}

static void
action_fit_view (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  sl_morphology_view_fit (SL_WINDOW (widget)->view);
}

static void
action_reset_view (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  sl_morphology_view_reset (SL_WINDOW (widget)->view);
}

static void
workbench_failed (SlWindow   *self,
                  const char *message)
{
  _sl_window_show_banner (self, TRUE, "Could not build the model", message);
}

/* GObject -------------------------------------------------------------------- */

static void
sl_window_dispose (GObject *object)
{
  SlWindow *self = SL_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  /* A last crash copy needs the session: before the workbench goes. */
  _sl_window_session_dispose (self);
  /* First the engine thread and the tick that reads it. */
  g_clear_object (&self->workbench);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_WINDOW);

  G_OBJECT_CLASS (sl_window_parent_class)->dispose (object);
}

static void
sl_window_finalize (GObject *object)
{
  SlWindow *self = SL_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->banner_text, g_free);
  _sl_window_session_finalize (self);

  G_OBJECT_CLASS (sl_window_parent_class)->finalize (object);
}

static void
sl_window_class_init (SlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  _sl_ui_ensure_resources ();
  g_type_ensure (SL_TYPE_MORPHOLOGY_VIEW);

  object_class->dispose = sl_window_dispose;
  object_class->finalize = sl_window_finalize;

  signals[LOAD_FINISHED] =
    g_signal_new ("load-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/spinelab/SpineLab/ui/sl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SlWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, recovery_revealer);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, recovery_label);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, view);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, hint_label);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, view_overlay);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, plots_slot);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, sidebar_slot);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, run_slot);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, color_slot);
  gtk_widget_class_bind_template_callback (widget_class, banner_close_clicked);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, action_open);
  gtk_widget_class_install_action (widget_class, "win.fit-view", NULL, action_fit_view);
  gtk_widget_class_install_action (widget_class, "win.reset-view", NULL, action_reset_view);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, 0, "win.fit-view", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, 0, "win.reset-view", NULL);
  _sl_window_session_class_init (widget_class);
}

static void
sl_window_init (SlWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  self->workbench = sl_workbench_new (self->view);
  gtk_overlay_add_overlay (self->view_overlay, sl_workbench_get_overlay (self->workbench));
  gtk_widget_set_hexpand (sl_workbench_get_plots_panel (self->workbench), TRUE);
  gtk_box_append (GTK_BOX (self->plots_slot), sl_workbench_get_plots_panel (self->workbench));
  gtk_box_append (GTK_BOX (self->sidebar_slot), sl_workbench_get_sidebar (self->workbench));
  gtk_box_append (GTK_BOX (self->run_slot), sl_workbench_get_run_controls (self->workbench));
  gtk_box_append (GTK_BOX (self->color_slot), sl_workbench_get_color_selector (self->workbench));
  gtk_box_append (GTK_BOX (self->color_slot), sl_workbench_get_range_button (self->workbench));
  {
    /* The lesson chooser, before the run controls. */
    GtkWidget *lessons = sl_lesson_menu_button_new ();
    GtkWidget *start = gtk_widget_get_parent (GTK_WIDGET (self->run_slot));

    if (GTK_IS_BOX (start))
      gtk_box_insert_child_after (GTK_BOX (start), lessons, gtk_widget_get_prev_sibling (GTK_WIDGET (self->run_slot)));
    else
      gtk_header_bar_pack_start (GTK_HEADER_BAR (gtk_window_get_titlebar (GTK_WINDOW (self))), lessons);
  }
  sl_workbench_attach (self->workbench, GTK_WIDGET (self));
  g_signal_connect_object (self->workbench, "failed", G_CALLBACK (workbench_failed), self,
                           G_CONNECT_SWAPPED);

  _sl_window_session_init (self);

  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (file_dropped), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

SlWindow *
sl_window_new (SlApplication *app)
{
  return g_object_new (SL_TYPE_WINDOW, "application", app, NULL);
}

SlWorkbench *
sl_window_get_workbench (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);
  return self->workbench;
}

SlMorphologyView *
sl_window_get_view (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);
  return self->view;
}

gboolean
sl_window_get_loading (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), FALSE);
  return self->n_loading > 0;
}

const char *
sl_window_get_banner_text (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);
  return self->banner_text;
}

const char *
sl_window_get_lesson_text (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);
  return sl_lesson_panel_get_text (sl_workbench_get_lesson_panel (self->workbench));
}

gboolean
sl_window_get_banner_is_error (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), FALSE);
  return self->banner_text != NULL && self->banner_is_error;
}
