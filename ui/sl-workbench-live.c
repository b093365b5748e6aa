/* sl-workbench-live.c: model edits applied to the running engine.
 *
 * An edit of the model spec (a rule parameter, a rule, spines) compiles
 * the edited session in a worker thread.  When the new model has the
 * structure of the running one (sl_model_same_structure: a parameter
 * change), the runner swaps it in and the run goes on from the same state
 * and time.  Otherwise (another rule, spines added or removed) the model
 * is replaced and the run restarts at t = 0, which the time label says.
 * One compile at a time: an edit made while one runs marks the session
 * pending, and when that compile lands its (stale) result is dropped for
 * a compile of the newest session — so holding a spin button down does
 * not queue a compile per click.
 */
#include "sl-config.h"

#include "sl-protocol.h"
#include "sl-workbench.h"
#include "sl-workbench-private.h"

#define NOTE_US (4 * G_USEC_PER_SEC)


void
_sl_workbench_set_note (SlWorkbench *self,
                        const char  *note)
{
  g_free (self->note);
  self->note = g_strdup (note);
  self->note_until_us = g_get_monotonic_time () + NOTE_US;
  /* Show it at the next frame even when paused. */
  self->last_seq = G_MAXUINT64;
  self->last_text_us = 0;
}

static void start_live (SlWorkbench *self,
                        gint64       edit_us);

/* The compile that just landed is stale when an edit came meanwhile:
 * compile the newest session instead. */
static gboolean
restart_if_pending (SlWorkbench *self)
{
  if (!self->live_pending)
    return FALSE;
  self->live_pending = FALSE;
  start_live (self, self->pending_since_us);
  return TRUE;
}

static void
live_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = G_TASK (result);
  SlWorkbenchCompileJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) refused = NULL;
  SlWorkbench *self;

  if (!g_task_propagate_boolean (task, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self = SL_WORKBENCH (source);
      if (job->generation != self->live_generation)
        return;
      g_clear_object (&self->live_cancellable);
      if (!restart_if_pending (self))
        g_signal_emit_by_name (self, "failed", error->message);
      return;
    }
  self = SL_WORKBENCH (source);
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)) || job->generation != self->live_generation)
    return;
  g_clear_object (&self->live_cancellable);
  if (restart_if_pending (self))
    return;

  if (self->runner != NULL && self->model != NULL
      && sl_runner_swap_model (self->runner, job->model, g_steal_pointer (&job->protocol), &refused))
    {
      g_clear_pointer (&self->model, sl_model_unref);
      self->model = sl_model_ref (job->model);
      self->spec_dirty = FALSE;
      self->n_live_swaps++;
      self->live_latency_us = g_get_monotonic_time () - job->started_us;
      _sl_workbench_set_note (self, "applied live");
      g_signal_emit_by_name (self, "model-swapped");
      return;
    }
  /* Another layout: the running state cannot carry over. */
  if (job->protocol == NULL)
    job->protocol = sl_protocol_compile (job->session->protocol, job->model, &error);
  if (job->protocol == NULL)
    {
      g_signal_emit_by_name (self, "failed", error->message);
      return;
    }
  _sl_workbench_install (self, job->model, g_steal_pointer (&job->protocol), job->morph);
  self->n_restarts++;
  _sl_workbench_set_note (self, "restarted at t = 0: the edit changed the spines or the rule layout");
  g_signal_emit_by_name (self, "model-ready");
}

static void
start_live (SlWorkbench *self,
            gint64       edit_us)
{
  g_autoptr(GTask) task = NULL;
  SlWorkbenchCompileJob *job;

  self->live_cancellable = g_cancellable_new ();
  job = g_new0 (SlWorkbenchCompileJob, 1);
  job->session = sl_session_copy (self->session);
  job->morph = sl_morphology_ref (self->morph);
  job->generation = ++self->live_generation;
  job->started_us = edit_us;
  task = g_task_new (self, self->live_cancellable, live_done, NULL);
  g_task_set_source_tag (task, start_live);
  g_task_set_task_data (task, job, (GDestroyNotify) _sl_workbench_compile_job_free);
  g_task_run_in_thread (task, _sl_workbench_compile_thread);
}

void
_sl_workbench_apply_model_edit (SlWorkbench *self)
{
  /* A full compile in flight installs an older copy of the session:
   * this edit follows once it has landed (compile_done). */
  if (self->cancellable != NULL)
    {
      self->recompile_after = TRUE;
      return;
    }
  if (self->runner == NULL || self->model == NULL || self->morph == NULL)
    {
      /* Nothing runs (the last compile failed): compile it all again. */
      _sl_workbench_start_compile (self, NULL);
      return;
    }
  self->spec_dirty = TRUE;   /* until the compile lands: a reset recompiles */
  if (self->live_cancellable != NULL)
    {
      if (!self->live_pending)
        self->pending_since_us = g_get_monotonic_time ();
      self->live_pending = TRUE;
      return;
    }
  start_live (self, g_get_monotonic_time ());
}

void
_sl_workbench_cancel_live (SlWorkbench *self)
{
  if (self->live_cancellable != NULL)
    g_cancellable_cancel (self->live_cancellable);
  g_clear_object (&self->live_cancellable);
  self->live_generation++;
  self->live_pending = FALSE;
}

guint
sl_workbench_get_n_live_swaps (SlWorkbench *self)
{
  g_return_val_if_fail (SL_IS_WORKBENCH (self), 0);
  return self->n_live_swaps;
}

guint
sl_workbench_get_n_restarts (SlWorkbench *self)
{
  g_return_val_if_fail (SL_IS_WORKBENCH (self), 0);
  return self->n_restarts;
}

gint64
sl_workbench_get_live_latency (SlWorkbench *self)
{
  g_return_val_if_fail (SL_IS_WORKBENCH (self), -1);
  return self->live_latency_us;
}
