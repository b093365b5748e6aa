/* sl-sweep-dialog.c: the parameter-sweep window and the spine-table
 * export (sl-sweep-dialog.h). */
#include "sl-config.h"

#include <math.h>

#include "sl-runner.h"
#include "sl-spine-table.h"
#include "sl-sweep-dialog.h"
#include "sl-sweep-plot.h"
#include "sl-plot.h"
#include "sl-workbench-private.h"

struct _SlSweepDialog
{
  GtkWindow       parent_instance;

  SlSession      *session;        /* owned copy, what every point starts from */
  GtkDropDown    *preset;
  GtkEntry       *param_entry;
  GtkEntry       *values_entry;
  GtkButton      *run_button;
  GtkButton      *cancel_button;
  GtkButton      *csv_button;
  GtkButton      *figure_button;
  GtkProgressBar *progress;
  GtkLabel       *status;
  GtkDrawingArea *plot;

  GCancellable   *cancellable;    /* of the sweep in flight, NULL when idle */
  guint           generation;     /* bumped per start: late progress of an older run is dropped */
  double          fraction;       /* points done / total */
  gint64          started_us;     /* monotonic */
  SlSweepResult  *result;         /* last completed sweep */
};

G_DEFINE_FINAL_TYPE (SlSweepDialog, sl_sweep_dialog, GTK_TYPE_WINDOW)

enum { SIGNAL_PROGRESS, SIGNAL_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The parameters offered by name; "Other" leaves the path to the user. */
static const struct
{
  const char *label, *param, *values;
} presets[] = {
  { "Δt of the pairing (ms)", "delta_t", "-50:50:10" },
  { "Stimulus frequency (Hz)", "frequency", "1,5,10,20,40,50" },
  { "Distance between the two spines (µm)", "spine_distance", "0:20:2.5" },
  { "Extracellular calcium (mM)", "ca_o", "1:2.5:0.25" },
  { "Other parameter (path)", NULL, NULL },
};

/* ------------------------------------------------------------------ */
/* The worker */

typedef struct
{
  SlSession    *session;
  char         *param;
  double       *values;
  guint         n_values;
  SlSweepDialog *dialog;          /* ref */
  guint         generation;
  GMainContext *context;          /* the dialog's */
} Job;

static void
job_free (Job *job)
{
  sl_session_free (job->session);
  g_free (job->param);
  g_free (job->values);
  g_object_unref (job->dialog);
  g_main_context_unref (job->context);
  g_free (job);
}

typedef struct
{
  SlSweepDialog *dialog;          /* ref */
  guint          generation;
  guint          done, total;
} ProgressNote;

static void
progress_note_free (gpointer data)
{
  ProgressNote *note = data;

  g_object_unref (note->dialog);
  g_free (note);
}

static void
show_progress (SlSweepDialog *self)
{
  g_autofree char *text = NULL;
  guint total = 0;

  gtk_progress_bar_set_fraction (self->progress, self->fraction);
  if (self->cancellable != NULL)
    {
      total = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self->cancellable), "total"));
      text = g_strdup_printf ("%.0f of %u points", self->fraction * total, total);
      gtk_progress_bar_set_text (self->progress, text);
    }
}

static gboolean
progress_in_main (gpointer data)
{
  ProgressNote *note = data;
  SlSweepDialog *self = note->dialog;

  if (note->generation == self->generation && self->cancellable != NULL)
    {
      self->fraction = (double) note->done / note->total;
      show_progress (self);
      g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, note->done, note->total);
    }
  return G_SOURCE_REMOVE;
}

/* Worker thread: hand the count to the GTK thread. */
static void
on_progress (guint    done,
             guint    total,
             gpointer data)
{
  Job *job = data;
  ProgressNote *note = g_new0 (ProgressNote, 1);

  note->dialog = g_object_ref (job->dialog);
  note->generation = job->generation;
  note->done = done;
  note->total = total;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, progress_in_main, note,
                              progress_note_free);
}

static void
sweep_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  SlSweepResult *result;

  result = sl_sweep_run (job->session, job->param, job->values, job->n_values, 0, cancellable,
                         on_progress, job, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) sl_sweep_result_free);
}

static void
set_running (SlSweepDialog *self,
             gboolean       running)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->run_button), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->param_entry), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->values_entry), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preset), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->csv_button), !running && self->result != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->figure_button), !running && self->result != NULL);
}

static void
sweep_done (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  SlSweepDialog *self = SL_SWEEP_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (res));
  g_autoptr (GError) error = NULL;
  SlSweepResult *result = g_task_propagate_pointer (G_TASK (res), &error);
  g_autofree char *text = NULL;

  if (job->generation != self->generation)
    {
      /* A newer sweep is running: this one was cancelled before it. */
      sl_sweep_result_free (result);
      return;
    }
  g_clear_object (&self->cancellable);
  if (result == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        text = g_strdup ("Cancelled.");
      else
        text = g_strdup (error->message);
      gtk_progress_bar_set_text (self->progress, "");
    }
  else
    {
      sl_sweep_result_free (self->result);
      self->result = result;
      self->fraction = 1;
      gtk_progress_bar_set_fraction (self->progress, 1);
      gtk_progress_bar_set_text (self->progress, "");
      text = g_strdup_printf ("%u points of %s in %.1f s.%s", result->n_points, result->param,
                              (g_get_monotonic_time () - self->started_us) / 1e6,
                              result->thresholds_remeasured
                              ? " The Chindemi thresholds were re-measured at each Ca_o." : "");
      gtk_widget_queue_draw (GTK_WIDGET (self->plot));
    }
  gtk_label_set_text (self->status, text);
  set_running (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, result != NULL, text);
}

gboolean
sl_sweep_dialog_start (SlSweepDialog  *self,
                       GError        **error)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *param = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->param_entry))));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->values_entry));
  Job *job;
  guint n = 0;
  double *values;

  g_return_val_if_fail (SL_IS_SWEEP_DIALOG (self), FALSE);
  if (self->cancellable != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, "a sweep is already running");
      return FALSE;
    }
  if (param[0] == '\0')
    {
      g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_PARAM, "no parameter chosen");
      return FALSE;
    }
  if ((values = sl_sweep_parse_values (text, &n, error)) == NULL)
    return FALSE;

  job = g_new0 (Job, 1);
  job->session = sl_session_copy (self->session);
  job->param = g_strdup (param);
  job->values = values;
  job->n_values = n;
  job->dialog = g_object_ref (self);
  job->generation = ++self->generation;
  job->context = g_main_context_ref_thread_default ();

  self->cancellable = g_cancellable_new ();
  g_object_set_data (G_OBJECT (self->cancellable), "total", GUINT_TO_POINTER (n));
  self->fraction = 0;
  self->started_us = g_get_monotonic_time ();
  show_progress (self);
  gtk_label_set_text (self->status, "Running…");
  set_running (self, TRUE);

  task = g_task_new (self, self->cancellable, sweep_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_set_name (task, "sweep");
  g_task_run_in_thread (task, sweep_thread);
  return TRUE;
}

void
sl_sweep_dialog_cancel (SlSweepDialog *self)
{
  g_return_if_fail (SL_IS_SWEEP_DIALOG (self));
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
sl_sweep_dialog_is_running (SlSweepDialog *self)
{
  return self->cancellable != NULL;
}

double
sl_sweep_dialog_get_fraction (SlSweepDialog *self)
{
  return self->fraction;
}

const SlSweepResult *
sl_sweep_dialog_get_result (SlSweepDialog *self)
{
  return self->result;
}

void
sl_sweep_dialog_set_param (SlSweepDialog *self,
                           const char    *param)
{
  gtk_editable_set_text (GTK_EDITABLE (self->param_entry), param);
}

void
sl_sweep_dialog_set_values (SlSweepDialog *self,
                            const char    *values)
{
  gtk_editable_set_text (GTK_EDITABLE (self->values_entry), values);
}

static char *
plot_title (SlSweepDialog *self)
{
  return g_strdup_printf ("%s — sweep of %s",
                          self->session->title ? self->session->title
                                               : (self->session->model->name ? self->session->model->name
                                                                             : "session"),
                          self->result->param);
}

gboolean
sl_sweep_dialog_save_csv (SlSweepDialog *self,
                          const char    *path,
                          GError       **error)
{
  if (self->result == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no sweep to save yet");
      return FALSE;
    }
  return sl_sweep_result_write_csv (self->result, path, error);
}

gboolean
sl_sweep_dialog_save_figure (SlSweepDialog *self,
                             const char    *path,
                             GError       **error)
{
  g_autofree char *title = NULL;

  if (self->result == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no sweep to draw yet");
      return FALSE;
    }
  title = plot_title (self);
  return sl_sweep_plot_write (self->result, title, path, 640, 480, error);
}

/* ------------------------------------------------------------------ */
/* Widgets */

static void
draw_plot (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        data)
{
  SlSweepDialog *self = data;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (self->result != NULL)
    {
      g_autofree char *title = plot_title (self);
      sl_sweep_plot_draw (cr, self->result, title, FALSE, 8, 8, width - 16, height - 16);
    }
  else
    {
      cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
      sl_plot_text (cr, "Run a sweep: w/w₀ and peak [Ca] of the stimulated spines against the parameter",
                    width / 2.0, height / 2.0, 11, 0.5, 0.5, 0);
    }
}

static void
preset_changed (GtkDropDown   *dropdown,
                GParamSpec    *pspec,
                SlSweepDialog *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (i >= G_N_ELEMENTS (presets) || presets[i].param == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->param_entry));
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->param_entry), presets[i].param);
  gtk_editable_set_text (GTK_EDITABLE (self->values_entry), presets[i].values);
}

static void
run_clicked (GtkButton     *button,
             SlSweepDialog *self)
{
  g_autoptr (GError) error = NULL;

  if (!sl_sweep_dialog_start (self, &error))
    gtk_label_set_text (self->status, error->message);
}

static void
cancel_clicked (GtkButton     *button,
                SlSweepDialog *self)
{
  sl_sweep_dialog_cancel (self);
}

typedef gboolean (*SaveFunc) (SlSweepDialog *self, const char *path, GError **error);

static void
save_response (GtkNativeDialog *dialog,
               int              response,
               SlSweepDialog   *self)
{
  SaveFunc save = g_object_get_data (G_OBJECT (dialog), "save-func");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr (GError) error = NULL;

      if (path == NULL)
        gtk_label_set_text (self->status, "Choose a local file.");
      else if (!save (self, path, &error))
        gtk_label_set_text (self->status, error->message);
      else
        {
          g_autofree char *text = g_strdup_printf ("Saved %s.", path);
          gtk_label_set_text (self->status, text);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
ask_save (SlSweepDialog *self,
          const char    *title,
          const char    *name,
          SaveFunc       save)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         "_Save", "_Cancel");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "save-func", save);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
csv_clicked (GtkButton     *button,
             SlSweepDialog *self)
{
  g_autofree char *name = g_strdup_printf ("sweep-%s.csv", self->result->param);

  ask_save (self, "Save Sweep as CSV", name, sl_sweep_dialog_save_csv);
}

static void
figure_clicked (GtkButton     *button,
                SlSweepDialog *self)
{
  g_autofree char *name = g_strdup_printf ("sweep-%s.pdf", self->result->param);

  ask_save (self, "Save Sweep Figure (PNG, SVG or PDF)", name, sl_sweep_dialog_save_figure);
}

static gboolean
close_request (GtkWindow *window)
{
  /* The worker holds its own references; it just stops early. */
  sl_sweep_dialog_cancel (SL_SWEEP_DIALOG (window));
  return GTK_WINDOW_CLASS (sl_sweep_dialog_parent_class)->close_request (window);
}

static void
sl_sweep_dialog_finalize (GObject *object)
{
  SlSweepDialog *self = SL_SWEEP_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->session, sl_session_free);
  g_clear_pointer (&self->result, sl_sweep_result_free);
  G_OBJECT_CLASS (sl_sweep_dialog_parent_class)->finalize (object);
}

static void
sl_sweep_dialog_class_init (SlSweepDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_sweep_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = close_request;

  /* done, total: points finished so far, in the GTK thread */
  signals[SIGNAL_PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                           G_TYPE_UINT, G_TYPE_UINT);
  /* ok, message (the status line) */
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                           G_TYPE_BOOLEAN, G_TYPE_STRING);
}

static GtkWidget *
labelled (GtkGrid    *grid,
          int         row,
          const char *text,
          GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);
  return widget;
}

static void
sl_sweep_dialog_init (SlSweepDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *saves = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *labels[G_N_ELEMENTS (presets) + 1];

  for (gsize i = 0; i < G_N_ELEMENTS (presets); i++)
    labels[i] = presets[i].label;
  labels[G_N_ELEMENTS (presets)] = NULL;

  gtk_window_set_title (GTK_WINDOW (self), "Parameter Sweep");
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 620);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  self->preset = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (labels));
  labelled (GTK_GRID (grid), 0, "_Sweep", GTK_WIDGET (self->preset));
  self->param_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->param_entry),
                               "delta_t, frequency, spine_distance, ca_o, model.celsius, "
                               "calcium.d_eff, synapse.g_ampa, spine.ID.neck_length, "
                               "rule.basal.tau_ca, stimulus.NAME.rate, protocol.tstop, …");
  labelled (GTK_GRID (grid), 1, "_Parameter", GTK_WIDGET (self->param_entry));
  self->values_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->values_entry),
                               "A:B:STEP (from A to B inclusive) or a list v1,v2,…");
  labelled (GTK_GRID (grid), 2, "_Values", GTK_WIDGET (self->values_entry));
  gtk_box_append (GTK_BOX (box), grid);

  self->run_button = GTK_BUTTON (gtk_button_new_with_mnemonic ("_Run"));
  gtk_widget_add_css_class (GTK_WIDGET (self->run_button), "suggested-action");
  self->cancel_button = GTK_BUTTON (gtk_button_new_with_mnemonic ("_Cancel"));
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress, TRUE);
  gtk_progress_bar_set_text (self->progress, "");
  gtk_widget_set_hexpand (GTK_WIDGET (self->progress), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->progress), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->progress));
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->cancel_button));
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->run_button));
  gtk_box_append (GTK_BOX (box), buttons);

  self->status = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->status, 0);
  gtk_label_set_wrap (self->status, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->status));

  self->plot = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->plot), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->plot), 480, 360);
  gtk_drawing_area_set_draw_func (self->plot, draw_plot, self, NULL);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->plot));

  self->csv_button = GTK_BUTTON (gtk_button_new_with_mnemonic ("Save C_SV…"));
  self->figure_button = GTK_BUTTON (gtk_button_new_with_mnemonic ("Save _Figure…"));
  gtk_widget_set_halign (saves, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (saves), GTK_WIDGET (self->csv_button));
  gtk_box_append (GTK_BOX (saves), GTK_WIDGET (self->figure_button));
  gtk_box_append (GTK_BOX (box), saves);
  gtk_window_set_child (GTK_WINDOW (self), box);

  g_signal_connect (self->preset, "notify::selected", G_CALLBACK (preset_changed), self);
  g_signal_connect (self->run_button, "clicked", G_CALLBACK (run_clicked), self);
  g_signal_connect (self->cancel_button, "clicked", G_CALLBACK (cancel_clicked), self);
  g_signal_connect (self->csv_button, "clicked", G_CALLBACK (csv_clicked), self);
  g_signal_connect (self->figure_button, "clicked", G_CALLBACK (figure_clicked), self);
  preset_changed (self->preset, NULL, self);
  set_running (self, FALSE);
}

SlSweepDialog *
sl_sweep_dialog_new (GtkWindow       *parent,
                     const SlSession *session)
{
  SlSweepDialog *self = g_object_new (SL_TYPE_SWEEP_DIALOG, NULL);

  g_return_val_if_fail (session != NULL, self);
  self->session = sl_session_copy (session);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  /* A session with a pairing starts on Δt, else on the frequency. */
  for (guint i = 0; i < self->session->protocol->stimuli->len; i++)
    if (g_array_index (self->session->protocol->stimuli, SlStimulusSpec, i).kind == SL_STIM_PAIRING)
      return self;
  gtk_drop_down_set_selected (self->preset, 1);
  return self;
}

/* ------------------------------------------------------------------ */
/* Workbench actions */

gboolean
sl_sweep_export_spine_table (SlWorkbench *workbench,
                             const char  *path,
                             GError     **error)
{
  SlRunner *runner = sl_workbench_get_runner (workbench);
  SlModel *model = sl_workbench_get_model (workbench);
  const SlSnapshot *snap;
  g_autofree double *w = NULL, *w0 = NULL;
  const float *sw, *sdw;

  if (runner == NULL || model == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, "no model is loaded yet");
      return FALSE;
    }
  snap = sl_runner_acquire_snapshot (runner, NULL);
  if (snap->model != model || snap->n_spines != model->n_spines)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   "the model is being replaced; export again in a moment");
      return FALSE;
    }
  if (model->n_spines == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the cell has no spines");
      return FALSE;
    }
  sw = sl_snapshot_w (snap);
  sdw = sl_snapshot_dw (snap);
  w = g_new (double, model->n_spines);
  w0 = g_new (double, model->n_spines);
  for (int k = 0; k < model->n_spines; k++)
    {
      w[k] = sw[k];
      w0[k] = (float) (sw[k] - sdw[k]);   /* the snapshot's precision */
    }
  return sl_spine_table_write_csv (model, w0, w, path, error);
}

static GtkWindow *
workbench_window (SlWorkbench *workbench)
{
  GtkRoot *root = gtk_widget_get_root (sl_workbench_get_overlay (workbench));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
action_sweep (GSimpleAction *action,
              GVariant      *param,
              gpointer       data)
{
  SlWorkbench *workbench = data;
  SlSession *session = sl_workbench_get_session (workbench);
  SlSweepDialog *dialog;

  if (session == NULL)
    return;
  dialog = sl_sweep_dialog_new (workbench_window (workbench), session);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_response (GtkNativeDialog *dialog,
                 int              response,
                 SlWorkbench     *workbench)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr (GError) error = NULL;

      g_autofree char *note = NULL;

      /* The run controls' note: where it went, or why it did not. */
      if (path == NULL)
        note = g_strdup ("spine table not exported: choose a local file");
      else if (!sl_sweep_export_spine_table (workbench, path, &error))
        note = g_strdup_printf ("spine table not exported: %s", error->message);
      else
        note = g_strdup_printf ("spine table saved to %s", path);
      _sl_workbench_set_note (workbench, note);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
action_export_spines (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       data)
{
  SlWorkbench *workbench = data;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new ("Export Spine Table (CSV)", workbench_window (workbench),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, "_Export", "_Cancel");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "spines.csv");
  g_signal_connect (chooser, "response", G_CALLBACK (export_response), workbench);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
sl_sweep_dialog_add_actions (SlWorkbench *workbench,
                             GActionMap  *map)
{
  const GActionEntry entries[] = {
    { "sweep", action_sweep, NULL, NULL, NULL },
    { "export-spines", action_export_spines, NULL, NULL, NULL },
  };

  g_action_map_add_action_entries (map, entries, G_N_ELEMENTS (entries), workbench);
}
