/* sl-window-session.c: the window's document — Save and Save As through
 * the engine's atomic sl_session_save, the dirty marker, recent files and
 * the unsaved-changes prompt (autosave and recovery: sl-window-autosave.c).
 * Saves run in worker threads on copies of the session; nothing here
 * waits for the engine. */
#include "sl-config.h"

#include <string.h>

#include "sl-window-private.h"

#define APP_NAME "SpineLab"
#define SESSION_MIME "application/x-spinelab-session"
#define N_RECENT 10

enum { SAVE_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];


/* ------------------------------------------------------------------ */
/* Title and dirty state. */

static void
update_title (SlWindow *self)
{
  const char *name = self->doc_title != NULL ? self->doc_title : "SpineLab";
  g_autofree char *title = self->dirty ? g_strdup_printf ("• %s", name) : g_strdup (name);
  g_autofree char *window_title = g_strdup_printf ("%s — SpineLab", title);

  gtk_label_set_text (self->title_label, title);
  if (self->file_path != NULL)
    {
      const char *home = g_get_home_dir ();
      gsize n = strlen (home);
      g_autofree char *shown = NULL;

      if (n > 1 && g_str_has_prefix (self->file_path, home) && self->file_path[n] == '/')
        shown = g_strconcat ("~", self->file_path + n, NULL);
      else
        shown = g_strdup (self->file_path);
      gtk_label_set_text (self->subtitle_label, shown);
    }
  else
    gtk_label_set_text (self->subtitle_label, self->doc_subtitle != NULL ? self->doc_subtitle : "");
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

/* Equal but for the view settings, which are not the user's work. */
static gboolean
same_session (const SlSession *a,
              const SlSession *b)
{
  SlSession tmp = *a;

  tmp.view = b->view;
  return sl_session_equal (&tmp, b);
}

static void
set_dirty (SlWindow *self,
           gboolean  dirty)
{
  if (dirty == self->dirty)
    return;
  self->dirty = dirty;
  if (!dirty && !self->autosave_busy)
    _sl_window_remove_autosave (self);
  update_title (self);
  _sl_window_update_autosave_timer (self);
}

static void
update_dirty (SlWindow *self)
{
  SlSession *current = sl_workbench_get_session (self->workbench);

  /* A recovered session (no saved copy) stays dirty until saved. */
  if (self->saved != NULL && current != NULL)
    set_dirty (self, !same_session (current, self->saved));
}

static void
session_changed (SlWindow   *self,
                 const char *label)
{
  self->edit_seq++;
  update_dirty (self);
}

SlSession *
_sl_window_session_snapshot (SlWindow *self)
{
  SlSession *current = sl_workbench_get_session (self->workbench);
  GSettings *settings = sl_workbench_get_settings (self->workbench);
  SlSession *copy;

  if (current == NULL)
    return NULL;
  copy = sl_session_copy (current);
  if (settings != NULL)
    {
      g_autofree char *color = g_settings_get_string (settings, "color-by");

      g_free (copy->view);
      copy->view = g_strdup_printf ("color-by=%s", color);
    }
  return copy;
}

void
_sl_window_apply_view (SlWindow   *self,
                       const char *view)
{
  g_auto(GStrv) lines = NULL;

  if (view == NULL)
    return;
  lines = g_strsplit (view, "\n", -1);
  for (char **l = lines; *l != NULL; l++)
    {
      const char *v = g_str_has_prefix (*l, "color-by=") ? *l + strlen ("color-by=") : NULL;

      if (v != NULL && (g_str_equal (v, "ca") || g_str_equal (v, "v") || g_str_equal (v, "w")
                        || g_str_equal (v, "dw")))
        gtk_widget_activate_action (GTK_WIDGET (self), "view.color-by", "s", v);
    }
}

/* ------------------------------------------------------------------ */
/* Recent files. */

static void
add_recent (SlWindow   *self,
            const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *guessed = NULL;
  GtkRecentData data = { 0 };

  if (uri == NULL)
    return;
  if (g_str_has_suffix (path, ".spinelab"))
    data.mime_type = (char *) SESSION_MIME;
  else
    data.mime_type = guessed = g_content_type_guess (path, NULL, 0, NULL);
  data.app_name = (char *) APP_NAME;
  data.app_exec = (char *) "spinelab %u";
  gtk_recent_manager_add_full (self->recent, uri, &data);
}

static int
newest_recent_first (gconstpointer a,
                     gconstpointer b)
{
  GtkRecentInfo *x = *(GtkRecentInfo * const *) a;
  GtkRecentInfo *y = *(GtkRecentInfo * const *) b;

  return g_date_time_compare (gtk_recent_info_get_modified (y), gtk_recent_info_get_modified (x));
}

static void
rebuild_recent_menu (SlWindow *self)
{
  GList *items = gtk_recent_manager_get_items (self->recent);
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l != NULL; l = l->next)
    if (gtk_recent_info_has_application (l->data, APP_NAME) && gtk_recent_info_is_local (l->data)
        && gtk_recent_info_exists (l->data))
      g_ptr_array_add (mine, l->data);
  g_ptr_array_sort (mine, newest_recent_first);
  for (guint i = 0; i < mine->len && n < N_RECENT; i++, n++)
    {
      GtkRecentInfo *info = g_ptr_array_index (mine, i);
      g_autoptr(GMenuItem) item = NULL;
      g_auto(GStrv) parts = g_strsplit (gtk_recent_info_get_display_name (info), "_", -1);
      g_autofree char *label = g_strjoinv ("__", parts);  /* no mnemonics */

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->recent_menu, item);
    }
  if (n == 0)
    g_menu_append (self->recent_menu, "No Recent Files", NULL);  /* no action: insensitive */
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* ------------------------------------------------------------------ */
/* Opening: the bookkeeping after a load. */

void
_sl_window_session_opened (SlWindow         *self,
                           const char       *session_path,
                           const char       *opened_path,
                           const char       *title,
                           const char       *subtitle,
                           SlAutosaveOrphan *recovered)
{
  SlSession *current = sl_workbench_get_session (self->workbench);

  /* The previous session was clean or its changes were discarded. */
  _sl_window_remove_autosave (self);
  self->autosaved_seq = G_MAXUINT64;  /* nothing of this document written yet */
  self->doc_gen++;
  g_free (self->file_path);
  self->file_path = session_path != NULL ? g_canonicalize_filename (session_path, NULL) : NULL;
  g_free (self->doc_title);
  self->doc_title = g_strdup (title);
  g_free (self->doc_subtitle);
  self->doc_subtitle = g_strdup (subtitle);
  g_clear_pointer (&self->saved, sl_session_free);
  g_clear_pointer (&self->autosave_error, g_free);

  if (recovered != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* The orphan becomes this window's crash copy: it is not deleted
       * before the session it holds has been saved or discarded. */
      if (sl_autosave_claim (recovered->path, self->autosave_path, recovered->original,
                             title, &error))
        {
          self->autosave_written = TRUE;
          self->autosaved_seq = self->edit_seq;
        }
      else
        _sl_window_show_banner (self, FALSE, "The recovered session has no crash copy yet",
                                error->message);
      for (guint i = 0; self->orphans != NULL && i < self->orphans->len; i++)
        if (g_str_equal (((SlAutosaveOrphan *) g_ptr_array_index (self->orphans, i))->path,
                         recovered->path))
          {
            g_ptr_array_remove_index (self->orphans, i);
            break;
          }
      _sl_window_show_recovery (self);
      self->dirty = FALSE;
      set_dirty (self, TRUE);
    }
  else
    {
      if (current != NULL)
        self->saved = sl_session_copy (current);
      self->dirty = TRUE;
      set_dirty (self, FALSE);
    }
  if (opened_path != NULL)
    add_recent (self, opened_path);
}

/* ------------------------------------------------------------------ */
/* Saving. */

typedef struct
{
  SlSession *session;  /* what is written; becomes the saved copy */
  char      *path;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_pointer (&job->session, sl_session_free);
  g_free (job->path);
  g_free (job);
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  SaveJob *job = data;
  GError *error = NULL;

  if (sl_session_save (job->session, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}


static void run_after (SlWindow *self);

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SlWindow *self = SL_WINDOW (source);
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (job->path);

  self->n_saving--;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *heading = g_strdup_printf ("Could not save “%s”", base);
      g_autofree char *text =
        g_strdup_printf ("%s\nThe session is still open with its changes: "
                         "save it somewhere else with Save As (Ctrl+Shift+S).",
                         error->message);

      if (!self->disposed)
        _sl_window_show_banner (self, TRUE, heading, text);
      self->after = SL_AFTER_NOTHING;
      g_signal_emit (self, signals[SAVE_FINISHED], 0, FALSE);
      return;
    }

  if (!self->disposed)
    add_recent (self, job->path);
  if (!self->disposed)
    {
      GSettings *settings = sl_workbench_get_settings (self->workbench);
      g_autofree char *folder = g_path_get_dirname (job->path);

      g_free (self->file_path);
      self->file_path = g_strdup (job->path);
      g_free (self->doc_title);
      self->doc_title = g_strdup (job->session->title != NULL ? job->session->title : base);
      g_clear_pointer (&self->saved, sl_session_free);
      self->saved = g_steal_pointer (&job->session);
      if (settings != NULL)
        g_settings_set_string (settings, "last-folder", folder);
      if (self->banner_is_error && self->banner_text != NULL
          && strstr (self->banner_text, "Save As (Ctrl+Shift+S)") != NULL)
        _sl_window_hide_banner (self);
      self->dirty = TRUE;  /* recompute, and the title follows */
      update_dirty (self);
      update_title (self);
    }
  g_signal_emit (self, signals[SAVE_FINISHED], 0, TRUE);
  run_after (self);
}

void
sl_window_save_to (SlWindow *self,
                   GFile    *file)
{
  g_autoptr(GTask) task = NULL;
  SaveJob *job;

  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (SaveJob, 1);
  job->path = g_file_get_path (file);
  job->session = _sl_window_session_snapshot (self);
  task = g_task_new (self, NULL, save_done, NULL);
  g_task_set_source_tag (task, sl_window_save_to);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  self->n_saving++;
  if (job->path == NULL || job->session == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               job->path == NULL ? "only local files can be saved"
                                                 : "there is no session to save yet");
      return;
    }
  g_task_run_in_thread (task, save_thread);
}

static void
save_chooser_response (GtkNativeDialog *dialog,
                       int              response,
                       SlWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    {
      g_autofree char *base = g_file_get_basename (file);

      if (strchr (base, '.') == NULL)
        {
          g_autofree char *named = g_strconcat (base, ".spinelab", NULL);
          g_autoptr(GFile) parent = g_file_get_parent (file);

          g_set_object (&file, g_file_get_child (parent, named));
        }
      sl_window_save_to (self, file);
    }
  else
    self->after = SL_AFTER_NOTHING;  /* cancelled: nothing saved, nothing closes */
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save_as (SlWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GSettings *settings = sl_workbench_get_settings (self->workbench);
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new ("Save Session", GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, "_Save", "_Cancel");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, "SpineLab sessions");
  gtk_file_filter_add_suffix (filter, "spinelab");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (self->file_path != NULL)
    {
      folder = g_path_get_dirname (self->file_path);
      name = g_path_get_basename (self->file_path);
    }
  else
    {
      name = g_strconcat (self->doc_title ? self->doc_title : "session", ".spinelab", NULL);
      g_strdelimit (name, "/\\:", '-');
      if (settings != NULL)
        folder = g_settings_get_string (settings, "last-folder");
    }
  if (folder != NULL && folder[0] != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) dir = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), dir, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (save_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save (SlWindow *self)
{
  if (self->file_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->file_path);

      sl_window_save_to (self, file);
    }
  else
    save_as (self);  /* a lesson, a morphology, a recovered untitled session */
}

static void
action_save (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  save (SL_WINDOW (widget));
}

static void
action_save_as (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  save_as (SL_WINDOW (widget));
}

/* ------------------------------------------------------------------ */
/* Unsaved changes: the prompt and what follows it. */

static void
run_after (SlWindow *self)
{
  SlAfter after = self->after;
  g_autoptr(GFile) file = g_steal_pointer (&self->after_file);
  g_autofree char *name = g_steal_pointer (&self->after_name);

  self->after = SL_AFTER_NOTHING;
  if (self->disposed)
    return;
  switch (after)
    {
    case SL_AFTER_NOTHING:
      break;
    case SL_AFTER_CLOSE:
      self->closing = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      break;
    case SL_AFTER_OPEN_FILE:
      sl_window_open_file (self, file);
      break;
    case SL_AFTER_OPEN_LESSON:
      sl_window_open_lesson (self, name);
      break;
    case SL_AFTER_RECOVER:
      _sl_window_recover_first (self);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
close_unsaved_dialog (SlWindow *self)
{
  GtkWindow *dialog = g_steal_pointer (&self->unsaved_dialog);

  if (dialog != NULL)
    gtk_window_destroy (dialog);
}

static void
unsaved_activated (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  SlWindow *self = SL_WINDOW (user_data);
  const char *what = g_action_get_name (G_ACTION (action));

  close_unsaved_dialog (self);
  if (g_str_equal (what, "save"))
    save (self);  /* the pending step runs once the save succeeded */
  else if (g_str_equal (what, "discard"))
    {
      if (self->after == SL_AFTER_CLOSE)
        _sl_window_remove_autosave (self);
      run_after (self);
    }
  else
    {
      self->after = SL_AFTER_NOTHING;
      g_clear_object (&self->after_file);
      g_clear_pointer (&self->after_name, g_free);
    }
}

static gboolean
unsaved_dialog_close_request (GtkWindow *dialog,
                              SlWindow  *self)
{
  g_action_group_activate_action (G_ACTION_GROUP (g_object_get_data (G_OBJECT (dialog), "actions")),
                                  "cancel", NULL);
  return TRUE;
}

static GtkWidget *
dialog_button (const char *label,
               const char *action,
               const char *css_class)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);
  return button;
}

/* A small modal window: GtkAlertDialog is GTK 4.10, GtkMessageDialog is
 * deprecated there, and this is GTK 4.8. */
static void
show_unsaved_dialog (SlWindow *self)
{
  static const GActionEntry entries[] = {
    { .name = "save", .activate = unsaved_activated },
    { .name = "discard", .activate = unsaved_activated },
    { .name = "cancel", .activate = unsaved_activated },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkWindow *dialog = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *heading, *body, *save_button;
  g_autofree char *question = NULL;
  const char *name = self->doc_title != NULL ? self->doc_title : "the session";
  const char *then = self->after == SL_AFTER_CLOSE ? "closing" : "opening another session";
  GtkEventController *keys;
  GtkShortcut *escape;

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (dialog), "unsaved", G_ACTION_GROUP (group));
  g_object_set_data_full (G_OBJECT (dialog), "actions", g_object_ref (group), g_object_unref);

  gtk_window_set_transient_for (dialog, GTK_WINDOW (self));
  gtk_window_set_modal (dialog, TRUE);
  gtk_window_set_resizable (dialog, FALSE);
  gtk_window_set_title (dialog, "Unsaved Changes");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "unsaved-dialog");

  question = g_strdup_printf ("Save the changes to “%s” before %s?", name, then);
  heading = gtk_label_new (NULL);
  {
    g_autofree char *markup = g_markup_printf_escaped ("<b><big>%s</big></b>", question);

    gtk_label_set_markup (GTK_LABEL (heading), markup);
  }
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (heading), 40);
  body = gtk_label_new (self->file_path != NULL
                        ? "If you don't save, the changes since the last save are lost."
                        : "This session has never been saved. If you don't save it, it is lost.");
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (body), 40);
  gtk_widget_add_css_class (body, "dim-label");

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  gtk_box_append (GTK_BOX (buttons), dialog_button ("_Cancel", "unsaved.cancel", NULL));
  gtk_box_append (GTK_BOX (buttons), dialog_button ("_Discard", "unsaved.discard",
                                                    "destructive-action"));
  save_button = dialog_button (self->file_path != NULL ? "_Save" : "_Save As…", "unsaved.save",
                               "suggested-action");
  gtk_box_append (GTK_BOX (buttons), save_button);

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), body);
  gtk_widget_set_margin_top (buttons, 12);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_window_set_child (dialog, box);

  keys = gtk_shortcut_controller_new ();
  escape = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                             gtk_named_action_new ("unsaved.cancel"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), escape);
  gtk_widget_add_controller (GTK_WIDGET (dialog), keys);
  g_signal_connect (dialog, "close-request", G_CALLBACK (unsaved_dialog_close_request), self);

  self->unsaved_dialog = dialog;
  gtk_window_set_default_widget (dialog, save_button);
  gtk_window_present (dialog);
  gtk_widget_grab_focus (save_button);
}

void
_sl_window_confirm_then (SlWindow   *self,
                         SlAfter     after,
                         GFile      *file,
                         const char *name)
{
  self->after = after;
  g_set_object (&self->after_file, file);
  g_free (self->after_name);
  self->after_name = g_strdup (name);
  if (!self->dirty)
    {
      run_after (self);
      return;
    }
  close_unsaved_dialog (self);
  show_unsaved_dialog (self);
}

static gboolean
window_close_request (SlWindow *self)
{
  if (self->closing || !self->dirty)
    {
      /* A clean close: no crash copy is left to recover. */
      self->closing = TRUE;
      if (!self->autosave_busy)
        _sl_window_remove_autosave (self);
      return FALSE;
    }
  _sl_window_confirm_then (self, SL_AFTER_CLOSE, NULL, NULL);
  return TRUE;
}

static void
action_open_recent (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  _sl_window_confirm_then (SL_WINDOW (widget), SL_AFTER_OPEN_FILE, file, NULL);
}

static void
action_open_lesson (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  _sl_window_confirm_then (SL_WINDOW (widget), SL_AFTER_OPEN_LESSON, NULL,
                           g_variant_get_string (param, NULL));
}

/* ------------------------------------------------------------------ */
/* Public and life cycle. */

void
_sl_window_session_class_init (GtkWidgetClass *widget_class)
{
  signals[SAVE_FINISHED] =
    g_signal_new ("save-finished", G_TYPE_FROM_CLASS (widget_class), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_install_action (widget_class, "win.save", NULL, action_save);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, action_save_as);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", action_open_recent);
  gtk_widget_class_install_action (widget_class, "win.open-lesson", "s", action_open_lesson);
  _sl_window_autosave_class_init (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
}

void
_sl_window_session_init (SlWindow *self)
{
  self->autosave_path = sl_autosave_new_path ();
  self->recent = g_object_ref (gtk_recent_manager_get_default ());
  g_signal_connect_object (self->recent, "changed", G_CALLBACK (rebuild_recent_menu), self,
                           G_CONNECT_SWAPPED);
  rebuild_recent_menu (self);
  g_signal_connect_object (self->workbench, "session-changed", G_CALLBACK (session_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "close-request", G_CALLBACK (window_close_request), NULL);
  update_title (self);
  _sl_window_autosave_init (self);
}

void
_sl_window_session_dispose (SlWindow *self)
{
  if (!self->disposed && self->dirty && !self->closing && self->workbench != NULL
      && self->autosaved_seq != self->edit_seq && !self->autosave_busy
      && sl_autosave_get_interval (sl_workbench_get_settings (self->workbench)) > 0)
    {
      /* Destroyed without the prompt (the application ended, a test):
       * one last crash copy, so that the changes can be recovered. */
      g_autoptr(SlSession) copy = _sl_window_session_snapshot (self);
      g_autoptr(GError) error = NULL;

      if (copy != NULL
          && sl_autosave_write (self->autosave_path, copy, self->file_path, self->doc_title, &error))
        self->autosave_written = TRUE;
      else if (error != NULL)
        g_warning ("autosave on close: %s", error->message);
    }
  self->disposed = TRUE;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  close_unsaved_dialog (self);
  if (self->recent != NULL)
    g_signal_handlers_disconnect_by_data (self->recent, self);
  g_clear_object (&self->recent);
  g_clear_object (&self->after_file);
  g_clear_pointer (&self->after_name, g_free);
  g_clear_pointer (&self->file_path, g_free);
  g_clear_pointer (&self->doc_title, g_free);
  g_clear_pointer (&self->doc_subtitle, g_free);
  g_clear_pointer (&self->saved, sl_session_free);
  g_clear_pointer (&self->orphans, g_ptr_array_unref);
  g_clear_pointer (&self->autosave_error, g_free);
  /* autosave_path stays until finalize: an autosave in flight ends after
   * dispose and may have to remove its file. */
}

void
_sl_window_session_finalize (SlWindow *self)
{
  g_clear_pointer (&self->autosave_path, g_free);
}

const char *
sl_window_get_file (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);
  return self->file_path;
}

gboolean
sl_window_get_dirty (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), FALSE);
  return self->dirty;
}

const char *
sl_window_get_recovery_text (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);
  if (!gtk_revealer_get_reveal_child (self->recovery_revealer))
    return NULL;
  return gtk_label_get_text (self->recovery_label);
}

GtkWindow *
sl_window_get_unsaved_dialog (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);
  return self->unsaved_dialog;
}
