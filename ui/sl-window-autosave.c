/* sl-window-autosave.c: crash copies of the window's unsaved session
 * (written in a worker thread every autosave interval while dirty) and the
 * bar that offers to recover the copies of a crashed SpineLab. */
#include "sl-config.h"

#include <string.h>

#include "sl-window-private.h"

/* Autosaves offered by some window of this process, so that a second
 * window does not offer the same ones again. */
static GHashTable *offered;

/* ------------------------------------------------------------------ */
void
_sl_window_remove_autosave (SlWindow *self)
{
  if (self->autosave_written)
    sl_autosave_remove (self->autosave_path);
  self->autosave_written = FALSE;
}

void
_sl_window_recover_first (SlWindow *self)
{
  SlAutosaveOrphan *orphan;
  g_autoptr(GFile) file = NULL;

  if (self->orphans == NULL || self->orphans->len == 0)
    return;
  orphan = g_ptr_array_index (self->orphans, 0);
  file = g_file_new_for_path (orphan->path);
  _sl_window_start_open (self, file, orphan);
}

/* ------------------------------------------------------------------ */
/* Autosave. */

typedef struct
{
  SlSession *session;
  char      *path;
  char      *original;
  char      *title;
  guint64    seq;       /* edit_seq of session */
  guint      doc_gen;   /* the document it was taken from */
} AutosaveJob;

static void
autosave_job_free (AutosaveJob *job)
{
  g_clear_pointer (&job->session, sl_session_free);
  g_free (job->path);
  g_free (job->original);
  g_free (job->title);
  g_free (job);
}

static void
autosave_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  AutosaveJob *job = data;
  GError *error = NULL;

  if (sl_autosave_write (job->path, job->session, job->original, job->title, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void start_autosave (SlWindow *self);

static void
autosave_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SlWindow *self = SL_WINDOW (source);
  AutosaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  self->autosave_busy = FALSE;
  if (ok)
    {
      self->autosave_written = TRUE;
      self->autosaved_seq = job->seq;
      g_clear_pointer (&self->autosave_error, g_free);
    }
  /* Saved, discarded or closed cleanly meanwhile: the copy must go. */
  if (!self->dirty || self->closing)
    {
      _sl_window_remove_autosave (self);
      return;
    }
  if (!ok && !self->disposed && g_strcmp0 (self->autosave_error, error->message) != 0)
    {
      self->autosave_error = g_strdup (error->message);
      _sl_window_show_banner (self, FALSE, "Autosave failed", error->message);
    }
  /* Another document (a recovered one) replaced the one written: the
   * file now holds the wrong session, so write the current one now. */
  if (job->doc_gen != self->doc_gen && !self->disposed)
    {
      self->autosaved_seq = G_MAXUINT64;
      start_autosave (self);
    }
}

static void
start_autosave (SlWindow *self)
{
  g_autoptr(GTask) task = NULL;
  AutosaveJob *job;

  if (self->autosave_busy || self->autosaved_seq == self->edit_seq || self->autosave_path == NULL)
    return;
  job = g_new0 (AutosaveJob, 1);
  if ((job->session = _sl_window_session_snapshot (self)) == NULL)
    {
      autosave_job_free (job);
      return;
    }
  job->path = g_strdup (self->autosave_path);
  job->original = g_strdup (self->file_path);
  job->title = g_strdup (self->doc_title);
  job->doc_gen = self->doc_gen;
  job->seq = self->edit_seq;
  self->autosave_busy = TRUE;
  task = g_task_new (self, NULL, autosave_done, NULL);
  g_task_set_source_tag (task, start_autosave);
  g_task_set_task_data (task, job, (GDestroyNotify) autosave_job_free);
  g_task_run_in_thread (task, autosave_thread);
}

static gboolean
autosave_tick (gpointer data)
{
  SlWindow *self = data;

  if (!self->dirty)
    {
      self->autosave_id = 0;
      return G_SOURCE_REMOVE;
    }
  start_autosave (self);
  return G_SOURCE_CONTINUE;
}

void
_sl_window_update_autosave_timer (SlWindow *self)
{
  double interval = sl_autosave_get_interval (sl_workbench_get_settings (self->workbench));

  if (self->dirty && self->autosave_id == 0 && interval > 0 && !self->disposed)
    self->autosave_id = g_timeout_add (MAX (1, (guint) (interval * 1000)), autosave_tick, self);
  else if (!self->dirty && self->autosave_id != 0)
    g_clear_handle_id (&self->autosave_id, g_source_remove);
}

/* ------------------------------------------------------------------ */
/* Recovery. */

void
_sl_window_show_recovery (SlWindow *self)
{
  SlAutosaveOrphan *orphan;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *time = NULL;
  g_autofree char *more = NULL;
  g_autofree char *markup = NULL;

  if (self->orphans == NULL || self->orphans->len == 0)
    {
      gtk_revealer_set_reveal_child (self->recovery_revealer, FALSE);
      return;
    }
  orphan = g_ptr_array_index (self->orphans, 0);
  when = g_date_time_new_from_unix_local (orphan->mtime / G_USEC_PER_SEC);
  time = g_date_time_format (when, "%H:%M on %e %B");
  if (self->orphans->len > 1)
    more = g_strdup_printf (" (and %u more)", self->orphans->len - 1);
  markup = g_markup_printf_escaped ("<b>SpineLab did not close properly</b>\n"
                                    "“%s” had unsaved changes, autosaved at %s%s. "
                                    "Recover them, or discard the copy?",
                                    orphan->title, g_strstrip (time), more ? more : "");
  gtk_label_set_markup (self->recovery_label, markup);
  gtk_revealer_set_reveal_child (self->recovery_revealer, TRUE);
}

static void
action_recover (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  _sl_window_confirm_then (SL_WINDOW (widget), SL_AFTER_RECOVER, NULL, NULL);
}

static void
action_discard_recovery (GtkWidget  *widget,
                         const char *name,
                         GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);

  if (self->orphans == NULL || self->orphans->len == 0)
    return;
  sl_autosave_remove (((SlAutosaveOrphan *) g_ptr_array_index (self->orphans, 0))->path);
  g_ptr_array_remove_index (self->orphans, 0);
  _sl_window_show_recovery (self);
}

static void
find_orphans (SlWindow *self)
{
  g_autoptr(GPtrArray) found = sl_autosave_find_orphans ();

  if (offered == NULL)
    offered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->orphans = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_autosave_orphan_free);
  for (guint i = 0; i < found->len; i++)
    {
      SlAutosaveOrphan *orphan = g_ptr_array_index (found, i);

      if (g_hash_table_contains (offered, orphan->path))
        continue;
      g_hash_table_add (offered, g_strdup (orphan->path));
      g_ptr_array_add (self->orphans, g_ptr_array_steal_index (found, i--));
    }
  _sl_window_show_recovery (self);
}

/* SPINELAB_TEST_EDIT=MS: once the first model is ready, set the
 * protocol's tstop to MS through the workbench's edit path.  The
 * end-to-end recovery test (tests/ui/test-sessions.c) uses it to give
 * the real application unsaved changes without a keyboard. */
static void
test_edit (SlWindow *self)
{
  const char *env = g_getenv ("SPINELAB_TEST_EDIT");
  SlSession *current = sl_workbench_get_session (self->workbench);
  SlSession *edited;

  g_signal_handlers_disconnect_by_func (self->workbench, test_edit, self);
  if (env == NULL || current == NULL)
    return;
  edited = sl_session_copy (current);
  edited->protocol->tstop = g_ascii_strtod (env, NULL);
  sl_workbench_edit_session (self->workbench, edited, "Test edit");
}

void
_sl_window_autosave_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.recover", NULL, action_recover);
  gtk_widget_class_install_action (widget_class, "win.discard-recovery", NULL,
                                   action_discard_recovery);
}

void
_sl_window_autosave_init (SlWindow *self)
{
  if (g_getenv ("SPINELAB_TEST_EDIT") != NULL)
    g_signal_connect_object (self->workbench, "model-ready", G_CALLBACK (test_edit), self,
                             G_CONNECT_SWAPPED);
  find_orphans (self);
}
