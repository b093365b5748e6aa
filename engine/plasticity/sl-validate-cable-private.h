/* sl-validate-cable-private.h: the cable-based validation experiments
 * (models.md §7 V1, V3, S2, V8–V10).  Every experiment is defined by a
 * session (model + protocol) built here; the same sessions are checked in
 * under tests/data/validation/ so the GUI can open them, and a test checks
 * that the files have not drifted from these builders. */
#pragma once

#include "sl-model.h"
#include "sl-protocol.h"
#include "sl-session.h"
#include "sl-state.h"
#include "sl-validate.h"

G_BEGIN_DECLS

/* Calibrations (models.md §7: the one allowed per experiment), recorded
 * in the sessions and printed by the experiments. */
/* V3/S2: dendritic hh ḡ_Na, ḡ_K = scale × hh's, declining linearly with
 * path distance to 0 at SL_VC_DEND_HH_ZERO µm (end of the L5 trunk). */
#define SL_VC_DEND_HH_SCALE   0.28
#define SL_VC_DEND_HH_ZERO    850.0   /* µm */
/* Temperature of the hh kinetics in the L5 cell: at 34 °C squid hh
 * (q10 = 3 → ×21) is in heat block and the soma does not fire. */
#define SL_VC_L5_CELSIUS      20.0

/* V8–V10: Ca_ref such that one release at A at rest gives c_A = 3.0 (at
 * the default D_eff, 20 µm²/s), and the D_eff chosen by the V8 sweep
 * (µm²/ms): the first that gives the V8 pattern, else the one that brings
 * B's calcium closest to θ_d. */
#define SL_VC_SHAFIEE_CA_REF  0.957e-3
#define SL_VC_SHAFIEE_D_EFF   0.220

/* The session files, relative to the source tree. */
#define SL_VC_SESSION_DIR     "tests/data/validation"

typedef SlSession *(*SlVcSessionFunc) (void);

typedef struct
{
  const char      *file;     /* basename in SL_VC_SESSION_DIR */
  SlVcSessionFunc  build;
} SlVcSessionEntry;

/* NULL-terminated table of every session. */
extern const SlVcSessionEntry _sl_vc_sessions[];

SlSession    *_sl_vc_session_v1  (void);
SlSession    *_sl_vc_session_v3  (void);
SlSession    *_sl_vc_session_s2  (void);
SlSession    *_sl_vc_session_v8  (void);
SlSession    *_sl_vc_session_v9  (void);
SlSession    *_sl_vc_session_v10 (void);

/* The morphology of a session: bundled cells from the generator; the V1
 * cylinder from its SWC text (identical to the file the session names). */
SlMorphology *_sl_vc_morphology  (const SlSession *session,
                                  GError         **error);
SlModel      *_sl_vc_compile     (const SlSession *session,
                                  GError         **error);

/* Adds the L5 active setup of V3 and S2 to a spec. */
void          _sl_vc_l5_mechanisms (SlModelSpec *spec,
                                    double       scale);

/* Steps state to tstop with protocol->dt from each release to 300 ms
 * after it and steps of up to 1 ms in between (V8–V10); peak (n_spines,
 * may be NULL) gets each head's largest [Ca] − rest. */
gboolean      _sl_vc_run_adaptive  (const SlModel    *model,
                                    SlState          *state,
                                    const SlProtocol *protocol,
                                    double            tstop,
                                    double           *peak,
                                    GError          **error);

void _sl_validate_register_shafiee_experiments (void);

G_END_DECLS
