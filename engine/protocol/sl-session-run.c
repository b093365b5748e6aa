/* sl-session-run.c: compile a session and run it headless. */
#include "sl-config.h"

#include "sl-session-run.h"

gboolean
sl_session_compile (const SlSession  *session,
                    SlMorphology     *morph,
                    const char       *name,
                    SlModel         **model,
                    SlProtocol      **protocol,
                    GError          **error)
{
  g_autoptr(SlMorphology) loaded = NULL;
  g_autoptr(SlModel) m = NULL;
  g_autoptr(GError) local = NULL;

  if (morph == NULL)
    {
      loaded = sl_session_load_morphology (session, error);
      if (loaded == NULL)
        return FALSE;
      morph = loaded;
    }
  if ((m = sl_model_compile (session->model, morph, &local)) == NULL ||
      (*protocol = sl_protocol_compile (session->protocol, m, &local)) == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", name);
      return FALSE;
    }
  *model = g_steal_pointer (&m);
  return TRUE;
}

SlSessionRun *
sl_session_run_headless (const SlSession  *session,
                         SlMorphology     *morph,
                         const char       *name,
                         double            tstop,
                         GError          **error)
{
  g_autoptr(SlSessionRun) run = g_new0 (SlSessionRun, 1);
  g_autoptr(SlSession) copy = NULL;
  g_autoptr(GError) local = NULL;

  /* The stimuli are compiled up to tstop: set it before compiling. */
  if (tstop > 0)
    {
      copy = sl_session_copy (session);
      copy->protocol->tstop = tstop;
      session = copy;
    }
  if (!sl_session_compile (session, morph, name, &run->model, &run->protocol, error))
    return NULL;
  run->state = sl_state_new (run->model);
  sl_state_reset (run->state);
  run->w0 = g_memdup2 (run->state->w, sizeof (double) * (gsize) MAX (run->model->n_spines, 1));
  run->recorder = sl_recorder_new (run->protocol);
  if (!sl_protocol_run (run->protocol, run->model, run->state, run->recorder, &local))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", name);
      return NULL;
    }
  return g_steal_pointer (&run);
}

void
sl_session_run_free (SlSessionRun *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->recorder, sl_recorder_free);
  g_clear_pointer (&self->state, sl_state_free);
  g_clear_pointer (&self->protocol, sl_protocol_free);
  g_clear_pointer (&self->model, sl_model_unref);
  g_free (self->w0);
  g_free (self);
}
