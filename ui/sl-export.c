/* sl-export.c: figure, view and recordings exports of the window.  The
 * view export draws the cell as the 3D view's camera shows it (turn,
 * zoom and pan), orthographic at the scale of the camera's target. */
#include "sl-config.h"

#include <math.h>

#include "sl-export.h"
#include "sl-figure.h"
#include "sl-session-run.h"
#include "sl-workbench-private.h"

typedef struct
{
  SlExportKind       kind;
  char              *path;
  /* figure, recordings: the session run headless to tstop */
  SlSession         *session;
  SlMorphology      *morph;
  char              *title;
  double             tstop;      /* ms; 0 = the session's own */
  /* view: the model and the values of the newest snapshot */
  SlModel           *model;
  float             *node_values;  /* (n_nodes) or NULL */
  float             *spine_values; /* (n_spines) or NULL */
  SlMorphologyStyle  style;
  const char        *bar_label;
  double             width, height; /* the view's size, px */
  double             draw_scale;    /* PNG: drawn at this × the 2× of sl_figure_write_drawing */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->session, sl_session_free);
  g_clear_pointer (&job->morph, sl_morphology_unref);
  g_free (job->title);
  g_clear_pointer (&job->model, sl_model_unref);
  g_free (job->node_values);
  g_free (job->spine_values);
  g_free (job);
}

static const char *
kind_name (SlExportKind kind)
{
  return kind == SL_EXPORT_FIGURE ? "figure" : kind == SL_EXPORT_VIEW ? "view" : "recordings";
}

static void
draw_view (cairo_t  *cr,
           double    width,
           double    height,
           gpointer  data)
{
  ExportJob *job = data;
  gboolean bar = job->node_values != NULL || job->spine_values != NULL;
  double bar_w = bar ? 90 : 0;

  /* Laid out at the view's size, whatever the pixel count. */
  cairo_scale (cr, job->draw_scale, job->draw_scale);
  width /= job->draw_scale;
  height /= job->draw_scale;
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  /* The whole page, as the view: the colour bar lies over the cell. */
  sl_figure_draw_morphology (cr, job->model, &job->style, 0, 0, width, height);
  if (bar)
    sl_figure_draw_colorbar (cr, job->style.map, job->style.vmin, job->style.vmax, job->bar_label,
                             FALSE, width - bar_w + 10, height * 0.2, 50, height * 0.6);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  g_autoptr(SlSessionRun) run = NULL;
  g_autoptr(GString) csv = NULL;
  GError *error = NULL;

  if (job->kind == SL_EXPORT_VIEW)
    {
      if (!sl_figure_write_drawing (job->path, job->width * job->draw_scale,
                                    job->height * job->draw_scale, draw_view, job, &error))
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  run = sl_session_run_headless (job->session, job->morph, job->title, job->tstop, &error);
  if (run == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->kind == SL_EXPORT_FIGURE)
    {
      if (!sl_figure_write (job->path, 900, 560, job->title, run, SL_FIGURE_COLOR_DW, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  else
    {
      csv = sl_recorder_format_csv (run->recorder);
      if (!g_file_set_contents (job->path, csv->str, csv->len, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

/* Values, range, colour map and label as the view shows them. */
static gboolean
prepare_view (SlWorkbench *self,
              ExportJob   *job,
              double       png_scale,
              GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (job->path, -1);
  const SlSnapshot *snap = sl_runner_acquire_snapshot (self->runner, NULL);
  const SlCamera *camera = sl_morphology_view_get_camera (self->view);
  const float *node = NULL, *spine = NULL;
  float scale = 1;

  if (snap->model != self->model || snap->n_spines != self->model->n_spines ||
      snap->n_nodes != self->model->n_nodes)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   "the model is being replaced; export again in a moment");
      return FALSE;
    }
  job->model = sl_model_ref (self->model);
  job->style.map = SL_COLORMAP_VIRIDIS;
  switch (self->color_by)
    {
    case SL_COLOR_BY_CA:
      node = sl_snapshot_ca_node (snap);
      spine = sl_snapshot_ca_spine (snap);
      scale = 1e3;   /* mM → µM, as the view */
      job->bar_label = "[Ca] (µM)";
      break;
    case SL_COLOR_BY_V:
      node = sl_snapshot_v (snap);
      job->bar_label = "V (mV)";
      break;
    case SL_COLOR_BY_W:
      spine = sl_snapshot_w (snap);
      job->bar_label = "w";
      break;
    case SL_COLOR_BY_DW:
    default:
      spine = sl_snapshot_dw (snap);
      job->style.map = SL_COLORMAP_COOLWARM;
      job->bar_label = "Δw";
      break;
    }
  if (node != NULL)
    {
      job->node_values = g_new (float, MAX (snap->n_nodes, 1));
      for (int i = 0; i < snap->n_nodes; i++)
        job->node_values[i] = node[i] * scale;
    }
  if (spine != NULL && snap->n_spines > 0)
    {
      job->spine_values = g_new (float, snap->n_spines);
      for (int k = 0; k < snap->n_spines; k++)
        job->spine_values[k] = spine[k] * scale;
    }
  sl_workbench_get_color_range (self, &job->style.vmin, &job->style.vmax);
  job->style.node_values = job->node_values;
  job->style.spine_values = job->spine_values;
  /* The figure's yaw turns the cell the other way round from the
   * camera's orbit (the eye at +sin yaw); pitch has the same sense. */
  job->style.yaw = -camera->yaw;
  job->style.pitch = camera->pitch;
  job->width = MAX (gtk_widget_get_width (GTK_WIDGET (self->view)), 320);
  job->height = MAX (gtk_widget_get_height (GTK_WIDGET (self->view)), 240);
  /* The camera's zoom and pan: its target at the centre, at the view's
   * scale in the target's plane (a perspective view's nearer and farther
   * parts are drawn at that one scale). */
  job->style.center[0] = camera->target.x;
  job->style.center[1] = camera->target.y;
  job->style.center[2] = camera->target.z;
  job->style.um_per_unit = sl_camera_um_per_px (camera, camera->distance, job->height);
  job->draw_scale = g_str_has_suffix (lower, ".png") && png_scale > 0 ? png_scale / 2 : 1;
  return TRUE;
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  SlWorkbench *self = SL_WORKBENCH (source);
  GTask *task = G_TASK (result);
  ExportJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  GTask *outer = data;

  if (!g_task_propagate_boolean (task, &error))
    note = g_strdup_printf ("%s not exported: %s", kind_name (job->kind), error->message);
  else
    note = g_strdup_printf ("%s saved to %s", kind_name (job->kind), job->path);
  _sl_workbench_set_note (self, note);
  if (error != NULL)
    g_task_return_error (outer, g_steal_pointer (&error));
  else
    g_task_return_boolean (outer, TRUE);
  g_object_unref (outer);
}

void
sl_export_start (SlWorkbench         *self,
                 SlExportKind         kind,
                 const char          *path,
                 double               png_scale,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *outer = g_task_new (self, NULL, callback, user_data);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ExportJob *job = g_new0 (ExportJob, 1);

  g_task_set_source_tag (outer, sl_export_start);
  job->kind = kind;
  job->path = g_strdup (path);
  task = g_task_new (self, NULL, export_done, outer);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);

  if (self->runner == NULL || self->model == NULL || self->session == NULL ||
      (kind == SL_EXPORT_VIEW && self->view == NULL))
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, "no model is loaded yet");
  else if (kind == SL_EXPORT_VIEW)
    prepare_view (self, job, png_scale, &error);
  else if (kind == SL_EXPORT_RECORDINGS && self->session->protocol->recordings->len == 0)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 "the session records nothing (add a recording)");
  else
    {
      double t = sl_runner_acquire_snapshot (self->runner, NULL)->t;

      job->session = sl_session_copy (self->session);
      job->morph = self->morph ? sl_morphology_ref (self->morph) : NULL;
      job->title = g_strdup (self->session->title ? self->session->title : "SpineLab session");
      job->tstop = t > 0 ? t : 0;
    }
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_run_in_thread (task, export_thread);
}

gboolean
sl_export_finish (SlWorkbench   *self,
                  GAsyncResult  *result,
                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Actions: a save dialog supplies the path. */

static void
chooser_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         data)
{
  SlWorkbench *self = data;
  SlExportKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "sl-export-kind"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      const char *scale = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "png-scale");

      if (path == NULL)
        {
          g_autofree char *note = g_strdup_printf ("%s not exported: choose a local file",
                                                   kind_name (kind));
          _sl_workbench_set_note (self, note);
        }
      else
        sl_export_start (self, kind, path, scale ? g_ascii_strtod (scale, NULL) : 0, NULL, NULL);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
show_chooser (SlWorkbench  *self,
              SlExportKind  kind,
              const char   *title,
              const char   *name)
{
  GtkRoot *root = gtk_widget_get_root (sl_workbench_get_overlay (self));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, "_Export", "_Cancel");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  if (kind == SL_EXPORT_RECORDINGS)
    add_filter (GTK_FILE_CHOOSER (chooser), "CSV", "*.csv");
  else
    {
      /* The extension picks the format; the filters only narrow the list. */
      add_filter (GTK_FILE_CHOOSER (chooser), "PNG, SVG or PDF", "*.[psPS][nvdNVD][gfGF]");
      add_filter (GTK_FILE_CHOOSER (chooser), "All files", "*");
    }
  if (kind == SL_EXPORT_VIEW)
    {
      const char *ids[] = { "1", "2", "4", NULL };
      const char *labels[] = { "1× the view", "2× the view", "4× the view", NULL };

      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "png-scale", "PNG size",
                                   ids, labels);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "png-scale", "2");
    }
  g_object_set_data (G_OBJECT (chooser), "sl-export-kind", GINT_TO_POINTER (kind));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
action_export_figure (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       data)
{
  show_chooser (data, SL_EXPORT_FIGURE, "Export Figure (PNG, SVG or PDF)", "figure.pdf");
}

static void
action_export_view (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       data)
{
  show_chooser (data, SL_EXPORT_VIEW, "Export View (PNG, SVG or PDF)", "view.png");
}

static void
action_export_recordings (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       data)
{
  show_chooser (data, SL_EXPORT_RECORDINGS, "Export Recordings (CSV)", "recordings.csv");
}

void
sl_export_add_actions (SlWorkbench *workbench,
                       GActionMap  *map)
{
  const GActionEntry entries[] = {
    { "export-figure", action_export_figure, NULL, NULL, NULL },
    { "export-view", action_export_view, NULL, NULL, NULL },
    { "export-recordings", action_export_recordings, NULL, NULL, NULL },
  };

  g_action_map_add_action_entries (map, entries, G_N_ELEMENTS (entries), workbench);
}
