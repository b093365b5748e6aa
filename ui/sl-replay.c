/* sl-replay.c: scrubbing through the snapshot history, and movie export. */
#include "sl-config.h"

#include <math.h>
#include <string.h>

#include "sl-movie.h"
#include "sl-replay.h"
#include "sl-workbench.h"

#define LABEL_INTERVAL_US (100 * G_TIME_SPAN_MILLISECOND)

struct _SlReplay
{
  GtkWidget          parent_instance;

  SlWorkbench       *workbench;    /* weak */
  GSettings         *settings;     /* owned, may be NULL */
  SlSnapshotHistory *history;

  GtkWidget         *scale;
  GtkAdjustment     *adjustment;
  GtkWidget         *label;
  GtkWidget         *export_button;
  GtkWidget         *progress;

  gboolean           scrubbing;
  double             scrub_t;      /* ms */
  gboolean           setting;      /* the slider is being moved by code */
  SlSnapshot        *shown;        /* copy of the frame shown while scrubbing, status paused */
  gsize              shown_size;
  gint64             last_label_us;

  GCancellable      *export_cancel;  /* of the export in flight, NULL when none */
  gint               export_permille; /* atomic */
  guint              export_poll;
};

G_DEFINE_FINAL_TYPE (SlReplay, sl_replay, GTK_TYPE_WIDGET)

enum { SIGNAL_EXPORT_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
apply_limits (SlReplay *self)
{
  guint frames = SL_REPLAY_DEFAULT_FRAMES, mb = SL_REPLAY_DEFAULT_MB;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (self->settings != NULL)
    g_object_get (self->settings, "settings-schema", &schema, NULL);
  /* An older installed schema may lack the keys: g_settings_get aborts. */
  if (schema != NULL && g_settings_schema_has_key (schema, "history-length")
      && g_settings_schema_has_key (schema, "history-memory-mb"))
    {
      frames = g_settings_get_uint (self->settings, "history-length");
      mb = g_settings_get_uint (self->settings, "history-memory-mb");
    }
  sl_snapshot_history_set_limits (self->history, MAX (frames, 1), (gsize) mb * 1024 * 1024);
}

static void
settings_changed (GSettings  *settings,
                  const char *key,
                  SlReplay   *self)
{
  if (g_str_equal (key, "history-length") || g_str_equal (key, "history-memory-mb"))
    {
      apply_limits (self);
      /* Dropped frames may include the one shown. */
      if (self->scrubbing && sl_snapshot_history_get_length (self->history) == 0)
        sl_replay_go_live (self);
    }
}

static void
set_cursor (SlReplay *self,
            double    t_ms)
{
  if (self->workbench != NULL && sl_workbench_get_plot_view (self->workbench) != NULL)
    sl_plot_view_set_cursor (sl_workbench_get_plot_view (self->workbench), t_ms);
}

void
sl_replay_go_live (SlReplay *self)
{
  g_return_if_fail (SL_IS_REPLAY (self));

  if (!self->scrubbing)
    return;
  self->scrubbing = FALSE;
  set_cursor (self, NAN);
}

gboolean
sl_replay_is_scrubbing (SlReplay *self)
{
  g_return_val_if_fail (SL_IS_REPLAY (self), FALSE);
  return self->scrubbing;
}

SlSnapshotHistory *
sl_replay_get_history (SlReplay *self)
{
  g_return_val_if_fail (SL_IS_REPLAY (self), NULL);
  return self->history;
}

/* The stored frame nearest the scrub time, as a copy whose status says
 * paused (the time label then reads "paused", not a stale speed). */
static const SlSnapshot *
scrubbed_frame (SlReplay *self)
{
  int i = sl_snapshot_history_find (self->history, self->scrub_t);
  const SlSnapshot *frame;
  gsize size;

  if (i < 0)
    return NULL;
  frame = sl_snapshot_history_get (self->history, (guint) i);
  if (self->shown != NULL && self->shown->seq == frame->seq && self->shown->run == frame->run)
    return self->shown;
  size = sl_snapshot_size (frame);
  if (size != self->shown_size)
    {
      g_free (self->shown);
      self->shown = g_malloc (size);
      self->shown_size = size;
    }
  memcpy (self->shown, frame, size);
  self->shown->status = SL_RUNNER_PAUSED;
  self->shown->achieved = 0;
  return self->shown;
}

const SlSnapshot *
sl_replay_get_shown (SlReplay *self)
{
  g_return_val_if_fail (SL_IS_REPLAY (self), NULL);
  return self->scrubbing ? scrubbed_frame (self) : NULL;
}

static void
update_label (SlReplay         *self,
              const SlSnapshot *live)
{
  guint n = sl_snapshot_history_get_length (self->history);
  g_autofree char *text = NULL;

  if (self->scrubbing && self->shown != NULL)
    text = g_strdup_printf ("Replay: t = %.1f ms of %.1f", self->shown->t, live->t);
  else if (n > 1)
    text = g_strdup_printf ("Replay: %.1f–%.1f ms stored",
                            sl_snapshot_history_get (self->history, 0)->t,
                            sl_snapshot_history_get (self->history, n - 1)->t);
  else
    text = g_strdup ("Replay: nothing stored yet");
  gtk_label_set_text (GTK_LABEL (self->label), text);
}

const SlSnapshot *
sl_replay_update (SlReplay         *self,
                  const SlSnapshot *live,
                  gboolean          playing)
{
  guint n;
  const SlSnapshot *newest;
  gint64 now = g_get_monotonic_time ();

  g_return_val_if_fail (SL_IS_REPLAY (self), live);
  g_return_val_if_fail (live != NULL, live);

  n = sl_snapshot_history_get_length (self->history);
  newest = n > 0 ? sl_snapshot_history_get (self->history, n - 1) : NULL;
  /* A model swapped within the run: the old frames belong to the old model. */
  if (newest != NULL && newest->model != live->model)
    {
      sl_snapshot_history_clear (self->history);
      newest = NULL;
    }
  if (newest == NULL || newest->run != live->run || newest->seq != live->seq)
    {
      /* Time moved (a step, play, reset): back to live.  A republication
       * at the same t (a pause, a command) keeps the scrub. */
      gboolean moved = newest == NULL || newest->run != live->run || newest->t != live->t;

      sl_snapshot_history_push (self->history, live);
      if (moved)
        sl_replay_go_live (self);
      /* The plots keep their traces as far back as the slider reaches. */
      if (self->workbench != NULL && sl_workbench_get_plot_view (self->workbench) != NULL
          && sl_snapshot_history_get_length (self->history) > 0)
        sl_plot_view_keep_from (sl_workbench_get_plot_view (self->workbench),
                                sl_snapshot_history_get (self->history, 0)->t);
    }
  if (playing)
    sl_replay_go_live (self);

  n = sl_snapshot_history_get_length (self->history);
  gtk_widget_set_sensitive (self->scale, !playing && n > 1);
  if (n > 0 && (self->scrubbing || now - self->last_label_us >= LABEL_INTERVAL_US))
    {
      double lo = sl_snapshot_history_get (self->history, 0)->t;
      double hi = sl_snapshot_history_get (self->history, n - 1)->t;

      self->setting = TRUE;
      gtk_adjustment_configure (self->adjustment,
                                self->scrubbing ? CLAMP (self->scrub_t, lo, hi) : hi,
                                lo, MAX (hi, lo + 1e-3), MAX ((hi - lo) / 1000, 1e-3),
                                MAX ((hi - lo) / 20, 1e-3), 0);
      self->setting = FALSE;
    }
  if (self->scrubbing)
    {
      const SlSnapshot *frame = scrubbed_frame (self);

      if (frame != NULL)
        {
          if (now - self->last_label_us >= LABEL_INTERVAL_US / 4)
            {
              self->last_label_us = now;
              update_label (self, live);
            }
          return frame;
        }
      sl_replay_go_live (self);
    }
  if (now - self->last_label_us >= LABEL_INTERVAL_US)
    {
      self->last_label_us = now;
      update_label (self, live);
    }
  return live;
}

gboolean
sl_replay_seek (SlReplay *self,
                double    t_ms)
{
  g_return_val_if_fail (SL_IS_REPLAY (self), FALSE);

  if (sl_snapshot_history_get_length (self->history) == 0 || !gtk_widget_get_sensitive (self->scale))
    return FALSE;
  self->scrubbing = TRUE;
  self->scrub_t = t_ms;
  self->last_label_us = 0;
  set_cursor (self, sl_snapshot_history_get (self->history,
                                             (guint) sl_snapshot_history_find (self->history, t_ms))->t);
  return TRUE;
}

static void
scale_moved (GtkAdjustment *adjustment,
             SlReplay      *self)
{
  if (!self->setting)
    sl_replay_seek (self, gtk_adjustment_get_value (adjustment));
}

/* ------------------------------------------------------------------ */
/* Movie export. */

typedef struct
{
  char          *path;
  SlModel       *model;
  SlProtocol    *protocol;
  SlMovieOptions options;
  char          *title;
  SlReplay      *self;       /* only for the atomic progress counter; kept alive by the task */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->model, sl_model_unref);
  g_clear_pointer (&job->protocol, sl_protocol_free);
  g_free (job->title);
  g_free (job);
}

static void
export_progress (double   fraction,
                 gpointer user_data)
{
  ExportJob *job = user_data;

  g_atomic_int_set (&job->self->export_permille, (gint) (fraction * 1000));
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  job->options.title = job->title;
  if (sl_movie_write (job->path, job->model, job->protocol, &job->options,
                      export_progress, job, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
export_poll (gpointer user_data)
{
  SlReplay *self = SL_REPLAY (user_data);

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress),
                                 g_atomic_int_get (&self->export_permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SlReplay *self = SL_REPLAY (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  g_clear_object (&self->export_cancel);
  g_clear_handle_id (&self->export_poll, g_source_remove);
  gtk_widget_set_visible (self->progress, FALSE);
  gtk_button_set_label (GTK_BUTTON (self->export_button), "Export movie…");
  if (ok)
    message = g_strdup_printf ("Movie written to %s", job->path);
  else
    message = g_strdup (error->message);
  gtk_widget_set_tooltip_text (self->progress, NULL);
  gtk_label_set_text (GTK_LABEL (self->label), message);
  self->last_label_us = g_get_monotonic_time () + 4 * G_USEC_PER_SEC;  /* keep it readable */
  g_signal_emit (self, signals[SIGNAL_EXPORT_FINISHED], 0, ok, message);
}

static SlFigureColor
export_color (SlReplay *self)
{
  /* SlColorBy order: ca, v, w, dw. */
  static const SlFigureColor colors[] = {
    SL_FIGURE_COLOR_CA, SL_FIGURE_COLOR_V, SL_FIGURE_COLOR_W, SL_FIGURE_COLOR_DW,
  };
  GtkWidget *selector = sl_workbench_get_color_selector (self->workbench);
  guint i = selector != NULL ? gtk_drop_down_get_selected (GTK_DROP_DOWN (selector)) : 0;

  return i < G_N_ELEMENTS (colors) ? colors[i] : SL_FIGURE_COLOR_CA;
}

void
sl_replay_export (SlReplay   *self,
                  const char *path)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SlSession *session;
  SlModel *model;
  SlRunner *runner;
  ExportJob *job;

  g_return_if_fail (SL_IS_REPLAY (self));
  g_return_if_fail (path != NULL);

  if (self->export_cancel != NULL || self->workbench == NULL)
    return;
  session = sl_workbench_get_session (self->workbench);
  model = sl_workbench_get_model (self->workbench);
  runner = sl_workbench_get_runner (self->workbench);
  if (session == NULL || model == NULL)
    {
      g_signal_emit (self, signals[SIGNAL_EXPORT_FINISHED], 0, FALSE, "No model to export yet");
      return;
    }
  job = g_new0 (ExportJob, 1);
  job->self = self;
  job->path = g_strdup (path);
  job->model = sl_model_ref (model);
  /* The protocol is compiled here (a list of events, cheap); the run in
   * the worker has its own state and shares only the immutable model. */
  job->protocol = sl_protocol_compile (session->protocol, model, &error);
  if (job->protocol == NULL)
    {
      g_signal_emit (self, signals[SIGNAL_EXPORT_FINISHED], 0, FALSE, error->message);
      export_job_free (job);
      return;
    }
  job->title = g_strdup (session->title != NULL ? session->title : "SpineLab");
  job->options.color = export_color (self);
  /* The stretch run so far; the whole protocol before the first step. */
  if (runner != NULL)
    {
      const SlSnapshot *live = sl_runner_acquire_snapshot (runner, NULL);

      if (live->model == model && live->t > 1.0)
        job->options.tstop = live->t;
    }

  self->export_cancel = g_cancellable_new ();
  g_atomic_int_set (&self->export_permille, 0);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), 0);
  gtk_widget_set_visible (self->progress, TRUE);
  gtk_button_set_label (GTK_BUTTON (self->export_button), "Cancel export");
  self->export_poll = g_timeout_add (100, export_poll, self);

  task = g_task_new (self, self->export_cancel, export_done, NULL);
  g_task_set_source_tag (task, sl_replay_export);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
sl_replay_get_exporting (SlReplay *self)
{
  g_return_val_if_fail (SL_IS_REPLAY (self), FALSE);
  return self->export_cancel != NULL;
}

double
sl_replay_get_export_progress (SlReplay *self)
{
  g_return_val_if_fail (SL_IS_REPLAY (self), 0);
  return g_atomic_int_get (&self->export_permille) / 1000.0;
}

static void
chooser_response (GtkNativeDialog *dialog,
                  int              response,
                  SlReplay        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          /* A chosen folder means PNGs; anything else gets .webm. */
          if (g_file_test (path, G_FILE_TEST_IS_DIR))
            {
              char *dir = g_strconcat (path, "/", NULL);
              g_free (path);
              path = dir;
            }
          else if (!g_str_has_suffix (path, ".webm"))
            {
              char *webm = g_strconcat (path, ".webm", NULL);
              g_free (path);
              path = webm;
            }
          sl_replay_export (self, path);
        }
    }
  g_object_unref (dialog);
}

static void
export_clicked (GtkButton *button,
                SlReplay  *self)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = NULL;
  SlSession *session;

  if (self->export_cancel != NULL)
    {
      g_cancellable_cancel (self->export_cancel);
      return;
    }
  chooser = gtk_file_chooser_native_new ("Export Movie", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, "_Export", "_Cancel");
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, "WebM video");
  gtk_file_filter_add_suffix (filter, "webm");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  session = self->workbench != NULL ? sl_workbench_get_session (self->workbench) : NULL;
  name = g_strdup_printf ("%s.webm", session != NULL && session->title != NULL ? session->title : "spinelab-movie");
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------ */

static void
sl_replay_dispose (GObject *object)
{
  SlReplay *self = SL_REPLAY (object);
  GtkWidget *child;

  if (self->export_cancel != NULL)
    g_cancellable_cancel (self->export_cancel);
  g_clear_handle_id (&self->export_poll, g_source_remove);
  if (self->workbench != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->workbench), (gpointer *) &self->workbench);
  self->workbench = NULL;
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (sl_replay_parent_class)->dispose (object);
}

static void
sl_replay_finalize (GObject *object)
{
  SlReplay *self = SL_REPLAY (object);

  g_clear_object (&self->export_cancel);
  sl_snapshot_history_free (self->history);
  g_free (self->shown);
  G_OBJECT_CLASS (sl_replay_parent_class)->finalize (object);
}

static void
sl_replay_class_init (SlReplayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_replay_dispose;
  object_class->finalize = sl_replay_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "slreplay");

  signals[SIGNAL_EXPORT_FINISHED] =
    g_signal_new ("export-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_STRING);
}

static void
sl_replay_init (SlReplay *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 8);
  self->history = sl_snapshot_history_new (SL_REPLAY_DEFAULT_FRAMES,
                                           (gsize) SL_REPLAY_DEFAULT_MB * 1024 * 1024);

  self->label = gtk_label_new ("Replay: nothing stored yet");
  gtk_label_set_width_chars (GTK_LABEL (self->label), 30);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (self->label, "numeric");
  gtk_widget_add_css_class (self->label, "dim-label");
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));

  self->adjustment = gtk_adjustment_new (0, 0, 1, 0.1, 1, 0);
  self->scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, self->adjustment);
  gtk_scale_set_draw_value (GTK_SCALE (self->scale), FALSE);
  gtk_widget_set_hexpand (self->scale, TRUE);
  gtk_widget_set_sensitive (self->scale, FALSE);
  gtk_widget_set_focus_on_click (self->scale, FALSE);
  gtk_widget_set_tooltip_text (self->scale, "Pause, then drag to replay the run; Play returns to live");
  g_signal_connect (self->adjustment, "value-changed", G_CALLBACK (scale_moved), self);
  gtk_widget_set_parent (self->scale, GTK_WIDGET (self));

  self->progress = gtk_progress_bar_new ();
  gtk_widget_set_valign (self->progress, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (self->progress, 120, -1);
  gtk_widget_set_visible (self->progress, FALSE);
  gtk_widget_set_parent (self->progress, GTK_WIDGET (self));

  self->export_button = gtk_button_new_with_label ("Export movie…");
  gtk_widget_set_tooltip_text (self->export_button,
                               "Write the run so far as a WebM movie of the coloured cell");
  gtk_widget_set_focus_on_click (self->export_button, FALSE);
  g_signal_connect (self->export_button, "clicked", G_CALLBACK (export_clicked), self);
  gtk_widget_set_parent (self->export_button, GTK_WIDGET (self));

  gtk_widget_set_margin_start (GTK_WIDGET (self), 8);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 8);
}

GtkWidget *
sl_replay_new (SlWorkbench *workbench,
               GSettings   *settings)
{
  SlReplay *self = g_object_new (SL_TYPE_REPLAY, NULL);

  self->workbench = workbench;
  if (workbench != NULL)
    g_object_add_weak_pointer (G_OBJECT (workbench), (gpointer *) &self->workbench);
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_signal_connect (settings, "changed", G_CALLBACK (settings_changed), self);
    }
  apply_limits (self);
  return GTK_WIDGET (self);
}
