/* sl-model-panel-thresholds.c: the Model panel's line about the Chindemi
 * thresholds.  A session's chindemi rules hold c_pre and c_post measured
 * at one Ca_o (models.md §3.2 (d)); when the user changes Ca_o here, the
 * panel re-measures them on the session's cell at the new Ca_o in a
 * worker thread (sl_chindemi_calibrate) and installs them as one more
 * undoable edit.  A newer Ca_o cancels a running measurement.
 *
 * Which model a set of thresholds belongs to is not in the file: the
 * panel remembers it per set of values, taking a set it first sees as
 * measured on the session's model of that moment (lessons and `spinelab
 * calibrate --out` write them so).  Thresholds measured at another Ca_o
 * (after an undo of the re-measure, or a failed run) or on a model that
 * changed since (temperature, channels, spines, synapses: they change
 * C_pre and C_post too) are stale: the line says so and offers
 * "Re-measure thresholds".  Only a Ca_o edit re-measures by itself, as
 * the paper's in-vivo correction does. */
#include "sl-config.h"

#include <math.h>

#include "sl-chindemi-calibrate.h"
#include "sl-model-panel-private.h"
#include "sl-workbench.h"

typedef struct
{
  SlSession *session;   /* the copy measured */
  double     ca_o;      /* mM */
  gint      *permille;  /* progress, shared with the panel (atomic) */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  sl_session_free (job->session);
  g_atomic_rc_box_release (job->permille);
  g_free (job);
}

/* From the worker thread. */
static void
job_progress (double      fraction,
              const char *stage,
              gpointer    data)
{
  g_atomic_int_set ((gint *) data, (gint) (1000 * CLAMP (fraction, 0.0, 1.0)));
}

/* Forgets the running measurement (cancelling it first if cancel). */
static void
stop_calibration (SlModelPanel *self,
                  gboolean      cancel)
{
  if (cancel && self->calibration != NULL)
    g_cancellable_cancel (self->calibration);
  g_clear_object (&self->calibration);
  g_clear_handle_id (&self->calibration_poll, g_source_remove);
  g_clear_pointer (&self->calibration_permille, g_atomic_rc_box_release);
}

/* "2.0", "1.2", "1.25" */
static char *
format_mm (double ca_o)
{
  return g_strdup_printf ("%.*f", fabs (ca_o * 10 - round (ca_o * 10)) < 1e-9 ? 1 : 2, ca_o);
}

/* The c_pre/c_post values of every chindemi assignment, as one key. */
static char *
fingerprint (const SlModelSpec *spec)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < spec->rules->len; i++)
    {
      const SlRuleAssignment *a = &g_array_index (spec->rules, SlRuleAssignment, i);

      if (g_strcmp0 (a->rule, "chindemi") != 0 || a->params == NULL)
        continue;
      g_string_append_printf (key, "%s", a->target);
      for (guint j = 0; j < a->params->len; j++)
        {
          const SlParamValue *p = &g_array_index (a->params, SlParamValue, j);

          if (g_strcmp0 (p->name, "c_pre") == 0 || g_strcmp0 (p->name, "c_post") == 0)
            g_string_append_printf (key, " %s=%.17g", p->name, p->value);
        }
      g_string_append_c (key, ';');
    }
  return g_string_free (key, FALSE);
}

/* What C_pre and C_post depend on: the model without the rules'
 * parameters, except each chindemi rule's ρ0 (it sets the conductance of
 * the C_pre run).  The a-coefficients, rates and the thresholds
 * themselves do not change what is measured. */
static SlModelSpec *
context_of (const SlModelSpec *spec)
{
  SlModelSpec *ctx = sl_model_spec_copy (spec);

  for (guint i = 0; i < ctx->rules->len; i++)
    {
      SlRuleAssignment *a = &g_array_index (ctx->rules, SlRuleAssignment, i);

      g_clear_pointer (&a->preset, g_free);
      for (guint j = 0; a->params != NULL && j < a->params->len; )
        {
          SlParamValue *p = &g_array_index (a->params, SlParamValue, j);

          if (g_strcmp0 (a->rule, "chindemi") == 0 && g_strcmp0 (p->name, "rho0") == 0)
            j++;
          else
            g_array_remove_index (a->params, j);  /* its clear func frees the name */
        }
    }
  return ctx;
}

static void
remember (SlModelPanel      *self,
          const SlModelSpec *spec,
          gboolean           replace)
{
  char *key = fingerprint (spec);

  if (!replace && g_hash_table_contains (self->thresholds_at, key))
    {
      g_free (key);
      return;
    }
  g_hash_table_insert (self->thresholds_at, key, context_of (spec));
}

/* The model spec's thresholds were measured on (remembered; NULL: on
 * spec itself). */
static const SlModelSpec *
measured_on (SlModelPanel      *self,
             const SlModelSpec *spec)
{
  g_autofree char *key = fingerprint (spec);

  return g_hash_table_lookup (self->thresholds_at, key);
}

/* The Ca_o spec's thresholds were measured at. */
static double
measured_at (SlModelPanel      *self,
             const SlModelSpec *spec)
{
  const SlModelSpec *ctx = measured_on (self, spec);

  return ctx != NULL ? ctx->ca_o : spec->ca_o;
}

/* Whether the thresholds were measured on a model that differs from spec
 * in more than Ca_o (a temperature, a channel, a spine changed since). */
static gboolean
measured_on_other_model (SlModelPanel      *self,
                         const SlModelSpec *spec)
{
  const SlModelSpec *ctx = measured_on (self, spec);
  g_autoptr(SlModelSpec) now = NULL;

  if (ctx == NULL)
    return FALSE;
  now = context_of (spec);
  now->ca_o = ctx->ca_o;
  return !sl_model_spec_equal (now, ctx);
}

static const SlModelSpec *
session_spec (SlModelPanel *self)
{
  SlSession *s = self->workbench != NULL ? sl_workbench_get_session (self->workbench) : NULL;

  return s != NULL ? s->model : NULL;
}

static void
show (SlModelPanel      *self,
      const SlModelSpec *spec)
{
  gboolean has = spec != NULL && sl_chindemi_spec_has_thresholds (spec);
  gboolean rule = spec != NULL && sl_chindemi_spec_has_rule (spec);
  gboolean running = self->calibration != NULL;
  g_autofree char *now = NULL, *then = NULL, *text = NULL;

  gtk_widget_set_visible (self->thresholds_row, rule || running);
  gtk_widget_set_visible (self->thresholds_note, rule || running);
  gtk_widget_set_visible (self->thresholds_spinner, running);
  gtk_spinner_set_spinning (GTK_SPINNER (self->thresholds_spinner), running);
  gtk_widget_set_visible (self->remeasure, FALSE);
  gtk_button_set_label (GTK_BUTTON (self->remeasure),
                        has ? "Re-measure thresholds" : "Measure thresholds");
  if (running)
    {
      gint permille = self->calibration_permille != NULL
                      ? g_atomic_int_get (self->calibration_permille) : 0;

      now = format_mm (self->calibration_ca_o);
      text = permille > 0 ? g_strdup_printf ("Measuring C_pre and C_post at %s mM… %d %%", now,
                                             permille / 10)
                          : g_strdup_printf ("Measuring C_pre and C_post at %s mM…", now);
    }
  else if (rule && !has)
    {
      /* a rule just picked: c_pre = c_post = 0, so ρ only relaxes */
      text = g_strdup ("The Chindemi synapses have no thresholds yet: until C_pre and C_post "
                       "are measured on this cell, their efficacy only relaxes. Synapses that "
                       "get the same presynaptic spikes count as one connection.");
      gtk_widget_set_visible (self->remeasure, TRUE);
    }
  else if (has)
    {
      double at = measured_at (self, spec);

      now = format_mm (spec->ca_o);
      then = format_mm (at);
      if (measured_on_other_model (self, spec))
        {
          g_autofree char *where = _sl_model_panel_same_value (at, spec->ca_o)
            ? g_strdup_printf ("at this %s mM but", now)
            : g_strdup_printf ("at %s mM, not at this %s mM, and", then, now);

          text = g_strdup_printf ("The Chindemi thresholds (C_pre, C_post) were measured %s "
                                  "before the cell's last changes (temperature, channels, spines "
                                  "or synapses), which change them too.", where);
          gtk_widget_set_visible (self->remeasure, TRUE);
        }
      else if (_sl_model_panel_same_value (at, spec->ca_o))
        text = g_strdup_printf ("The Chindemi thresholds (C_pre, C_post) were measured at this "
                                "%s mM; a new Ca_o re-measures them on this cell, as the paper "
                                "does.", now);
      else
        {
          text = g_strdup_printf ("The Chindemi thresholds (C_pre, C_post) were measured at "
                                  "%s mM, not at this %s mM.", then, now);
          gtk_widget_set_visible (self->remeasure, TRUE);
        }
    }
  if (text != NULL)
    gtk_label_set_text (GTK_LABEL (self->thresholds_note), text);
}

static void
calibrate_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  SlChindemiCalibration *cal = sl_chindemi_calibrate (job->session, job->ca_o, cancellable,
                                                      job_progress, job->permille, &error);

  if (cal == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, cal, (GDestroyNotify) sl_chindemi_calibration_free);
}

static void
calibrated (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  SlModelPanel *self = SL_MODEL_PANEL (source);
  GTask *task = G_TASK (result);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlChindemiCalibration) cal = g_task_propagate_pointer (task, &error);
  const SlModelSpec *spec;
  g_autofree char *mm = NULL, *label = NULL;
  SlSession *copy;

  if (g_task_get_cancellable (task) != self->calibration)
    return;   /* a newer one runs, or the panel is gone */
  stop_calibration (self, FALSE);
  spec = session_spec (self);
  if (cal == NULL)
    {
      g_autofree char *mm_failed = format_mm (job->ca_o);
      g_autofree char *message = g_strdup_printf ("Thresholds not re-measured at %s mM: %s",
                                                  mm_failed, error->message);

      if (self->workbench != NULL)
        g_signal_emit_by_name (self->workbench, "failed", message);
      show (self, spec);
      return;
    }
  /* the session moved on while it ran (another edit, an undo): these
   * numbers are not its thresholds */
  if (spec == NULL || !sl_model_spec_equal (spec, job->session->model))
    {
      show (self, spec);
      return;
    }
  copy = sl_chindemi_calibration_apply (sl_workbench_get_session (self->workbench), cal);
  remember (self, copy->model, TRUE);
  mm = format_mm (cal->ca_o);
  label = g_strdup_printf ("Re-measure thresholds at %s mM", mm);
  _sl_model_panel_commit (self, copy, label);
  show (self, session_spec (self));
}

static gboolean
poll_progress (gpointer data)
{
  SlModelPanel *self = data;

  show (self, session_spec (self));
  return G_SOURCE_CONTINUE;
}

/* Measures the session's thresholds at its Ca_o, cancelling a running
 * measurement. */
static void
start (SlModelPanel *self)
{
  const SlModelSpec *spec = session_spec (self);
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (spec == NULL)
    return;
  stop_calibration (self, TRUE);
  self->calibration = g_cancellable_new ();
  self->calibration_ca_o = spec->ca_o;
  self->calibration_permille = g_atomic_rc_box_new0 (gint);
  self->calibration_poll = g_timeout_add (250, poll_progress, self);
  job = g_new0 (Job, 1);
  job->session = sl_session_copy (sl_workbench_get_session (self->workbench));
  job->ca_o = spec->ca_o;
  job->permille = g_atomic_rc_box_acquire (self->calibration_permille);
  task = g_task_new (self, self->calibration, calibrated, NULL);
  g_task_set_source_tag (task, start);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, calibrate_thread);
  show (self, spec);
}

void
_sl_model_panel_thresholds_ca_o_changed (SlModelPanel *self)
{
  const SlModelSpec *spec = session_spec (self);

  if (spec == NULL || !sl_chindemi_spec_has_thresholds (spec))
    return;
  if (_sl_model_panel_same_value (measured_at (self, spec), spec->ca_o)
      && !measured_on_other_model (self, spec))
    {
      /* back at the thresholds' own Ca_o: nothing to measure */
      stop_calibration (self, TRUE);
      show (self, spec);
      return;
    }
  start (self);
}

void
_sl_model_panel_thresholds_load (SlModelPanel      *self,
                                 const SlModelSpec *spec)
{
  if (sl_chindemi_spec_has_thresholds (spec))
    remember (self, spec, FALSE);
  /* an undo or another session took the Ca_o being measured away */
  if (self->calibration != NULL && !_sl_model_panel_same_value (spec->ca_o, self->calibration_ca_o))
    stop_calibration (self, TRUE);
  show (self, spec);
}

static void
remeasure_clicked (GtkButton    *button,
                   SlModelPanel *self)
{
  start (self);
}

GtkWidget *
_sl_model_panel_thresholds_new (SlModelPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->thresholds_at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) sl_model_spec_free);
  self->thresholds_spinner = gtk_spinner_new ();
  gtk_widget_set_valign (self->thresholds_spinner, GTK_ALIGN_START);
  self->thresholds_note = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->thresholds_note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->thresholds_note), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (self->thresholds_note), 30);
  gtk_widget_set_hexpand (self->thresholds_note, TRUE);
  gtk_widget_add_css_class (self->thresholds_note, "dim-label");
  gtk_widget_set_tooltip_text (self->thresholds_note,
                               "Chindemi et al. 2022 set θ_d and θ_p from C_pre (the calcium of "
                               "one full presynaptic release) and C_post (of one back-propagating "
                               "spike), measured at the bath's Ca_o (models.md §3.2)");
  self->remeasure = gtk_button_new_with_label ("Re-measure thresholds");
  gtk_widget_set_halign (self->remeasure, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (self->remeasure, "Measure C_pre and C_post of every Chindemi "
                               "synapse at this Ca_o on this cell (a few seconds), as an "
                               "undoable edit");
  g_signal_connect (self->remeasure, "clicked", G_CALLBACK (remeasure_clicked), self);
  gtk_box_append (GTK_BOX (line), self->thresholds_spinner);
  gtk_box_append (GTK_BOX (line), self->thresholds_note);
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), self->remeasure);
  self->thresholds_row = box;
  gtk_widget_set_visible (box, FALSE);
  return box;
}

void
_sl_model_panel_thresholds_dispose (SlModelPanel *self)
{
  stop_calibration (self, TRUE);
  g_clear_pointer (&self->thresholds_at, g_hash_table_unref);
}
