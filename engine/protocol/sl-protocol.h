/* sl-protocol.h: the compiled protocol (SlProtocolSpec resolved on an
 * SlModel) and the recorder that samples a running state.
 *
 * Stimuli become two sorted lists: presynaptic spike events onto spines
 * (time, spine) and current pulses (on, off, amp, node).  A current step
 * is one pulse; a pulse train one pulse per train time; a pairing gives the
 * spikes of its train onto its spine plus a pulse at each spike + offset on
 * post_target (default soma); a sequence gives one spike per target,
 * `interval` apart, from train.start, repeated train.n_repeats times every
 * train.gap ms.
 *
 * Recordings resolve to (variable, node, spine).  Variables: v, ca (head
 * pool for a spine, node pool otherwise), g_ampa, g_nmda, i_ampa, i_nmda,
 * i_ca (VDCC + NMDA calcium part), w, dw (w − w0), rho (the rule's state
 * named "rho" when it has one).  Synaptic variables need a spine location.
 */
#pragma once

#include <glib.h>

#include "sl-spec.h"
#include "sl-model.h"
#include "sl-state.h"

G_BEGIN_DECLS

#define SL_PROTOCOL_ERROR (sl_protocol_error_quark ())
GQuark sl_protocol_error_quark (void);

typedef enum
{
  SL_PROTOCOL_ERROR_INVALID,
  SL_PROTOCOL_ERROR_LOCATION,   /* a target or recording that does not resolve */
} SlProtocolError;

typedef struct
{
  double t;       /* ms */
  int    spine;
} SlSpikeEvent;

typedef struct
{
  double t_on, t_off;  /* ms: on for t_on ≤ t + dt/2 < t_off */
  double amp;          /* nA, depolarising positive (IClamp) */
  int    node;
} SlPulse;

typedef enum
{
  SL_REC_V,
  SL_REC_CA,
  SL_REC_G_AMPA,
  SL_REC_G_NMDA,
  SL_REC_I_AMPA,
  SL_REC_I_NMDA,
  SL_REC_I_CA,
  SL_REC_W,
  SL_REC_DW,
  SL_REC_RHO,
} SlRecordVariable;

typedef struct
{
  char            *name;
  SlRecordVariable variable;
  int              node;
  int              spine;     /* −1 for a node */
} SlRecordingRef;

struct _SlProtocol
{
  double          dt;               /* ms */
  double          tstop;            /* ms */
  double          record_interval;  /* ms */
  double          theta_period;     /* ms, 0 = no clock */
  double          theta_start;      /* ms */

  SlSpikeEvent   *events;           /* (n_events) sorted by t */
  int             n_events;
  SlPulse        *pulses;           /* (n_pulses) sorted by t_on */
  int             n_pulses;
  SlRecordingRef *recordings;       /* (n_recordings) */
  int             n_recordings;
};

SlProtocol *sl_protocol_compile (const SlProtocolSpec  *spec,
                                 const SlModel         *model,
                                 GError               **error);
void        sl_protocol_free    (SlProtocol            *self);

/* The value a recording reads from a state. */
double      sl_recording_read   (const SlRecordingRef  *rec,
                                 const SlModel         *model,
                                 const SlState         *state);

/* Rows of (t, one value per recording), preallocated for tstop. */
typedef struct
{
  int     n_columns;     /* recordings, t not counted */
  char  **names;         /* (n_columns) */
  int     n_rows;
  int     n_alloc;
  double *data;          /* (n_alloc × (1 + n_columns)) t first */
} SlRecorder;

SlRecorder *sl_recorder_new       (const SlProtocol *protocol);
void        sl_recorder_free      (SlRecorder       *self);
/* Appends a row at state->t (grows if the run goes past tstop). */
void        sl_recorder_sample    (SlRecorder       *self,
                                   const SlProtocol *protocol,
                                   const SlModel    *model,
                                   const SlState    *state);
/* Header "t,<name>,…" then one row per sample; t with %.10g, values
 * with %.8g, '.' whatever the locale (`spinelab run --out`). */
GString    *sl_recorder_format_csv (const SlRecorder *self);
gboolean    sl_recorder_write_csv (const SlRecorder *self,
                                   const char       *path,
                                   GError          **error);

/* Resets nothing: steps `state` from its t to protocol->tstop with
 * protocol->dt, sampling into recorder (may be NULL) at t = 0 (if state->t
 * is 0) and every record_interval.  FALSE with an error naming the time
 * and place when the state goes non-finite. */
gboolean    sl_protocol_run       (const SlProtocol *protocol,
                                   const SlModel    *model,
                                   SlState          *state,
                                   SlRecorder       *recorder,
                                   GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlProtocol, sl_protocol_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlRecorder, sl_recorder_free)

G_END_DECLS
