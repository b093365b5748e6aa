/* sl-session-run.h: a session compiled and run headless, the one code
 * path of `spinelab run`, `spinelab figure`, `spinelab movie` and the
 * window's figure and recordings exports. */
#pragma once

#include <glib.h>

#include "sl-model.h"
#include "sl-protocol.h"
#include "sl-session.h"
#include "sl-state.h"

G_BEGIN_DECLS

/* Compiles the session's model and protocol on morph (NULL: the
 * session's morphology is loaded); errors are prefixed with name (the
 * session's file name or title). */
gboolean sl_session_compile (const SlSession  *session,
                             SlMorphology     *morph,
                             const char       *name,
                             SlModel         **model,
                             SlProtocol      **protocol,
                             GError          **error);

typedef struct
{
  SlModel    *model;
  SlProtocol *protocol;
  SlState    *state;     /* at the end of the run */
  SlRecorder *recorder;  /* every record_interval from t = 0 */
  double     *w0;        /* (max (n_spines, 1)) weights at t = 0 */
} SlSessionRun;

/* Compiles the session (as sl_session_compile) and runs it from t = 0
 * to tstop ms (≤ 0: the session's own tstop). */
SlSessionRun *sl_session_run_headless (const SlSession  *session,
                                       SlMorphology     *morph,
                                       const char       *name,
                                       double            tstop,
                                       GError          **error);
void          sl_session_run_free     (SlSessionRun     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlSessionRun, sl_session_run_free)

G_END_DECLS
