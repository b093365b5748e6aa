/* sl-chindemi-calibrate.h: C_pre and C_post of every Chindemi synapse of a
 * session at a given Ca_o (models.md §3.2, §2.4 item 4): the calibration
 * the V11 builder does for its connections, on any session's own cell.
 *
 * C_pre: peak c* after one presynaptic spike that releases everything at
 * every synapse of the connection at once (U_SE = 1, one deterministic
 * release, ρ = 1 with ĝ_AMPA potentiated, ĝ_NMDA as it is, thresholds
 * off).  A connection is one presynaptic neuron: the Chindemi spines the
 * session's protocol drives with the same presynaptic spike times (the
 * lessons' five synapses); a spine no stimulus reaches is one of its own.
 * The connections' runs go in parallel on every core.
 * C_post: peak c* after one somatic AP, a SL_VCELL_AP_DUR pulse
 * SL_VCELL_AP_FACTOR × the threshold found by bisection on the session's
 * cell (plasticity off).  θ_d = a_d,pre·C_pre + a_d,post·C_post, θ_p
 * likewise, with each synapse's own coefficients. */
#pragma once

#include <gio/gio.h>

#include "sl-rule-chindemi.h"
#include "sl-session.h"

G_BEGIN_DECLS

#define SL_CHINDEMI_CAL_ERROR (sl_chindemi_cal_error_quark ())
GQuark sl_chindemi_cal_error_quark (void);

typedef enum
{
  SL_CHINDEMI_CAL_ERROR_NO_SPINES,  /* no spine runs the chindemi rule */
  SL_CHINDEMI_CAL_ERROR_NO_SPIKE,   /* the soma does not fire one AP */
  SL_CHINDEMI_CAL_ERROR_INVALID,    /* Ca_o out of range */
} SlChindemiCalError;

typedef struct
{
  char   *id;                /* spine id */
  double  distance;          /* µm, path distance of its dendritic node from the soma */
  double  c_pre, c_post;     /* mM·ms */
  double  theta_d, theta_p;  /* mM·ms, from the synapse's a-coefficients */
  double  rho0;              /* 0 or 1: the state the session starts it in */
  double  params[SL_CHI_N_PARAMS];  /* the rule's parameters it ran with, c_pre/c_post the new */
} SlChindemiCalSpine;

typedef struct
{
  double  ca_o;              /* mM, the calcium it was measured at */
  double  ap_threshold;      /* nA, smallest SL_VCELL_AP_DUR pulse that fires the soma */
  double  ap_amp;            /* nA, the C_post pulse */
  double  ap_dur;            /* ms, its duration */
  int     n_connections;     /* C_pre runs: groups of spines released together */
  GArray *spines;            /* (element-type SlChindemiCalSpine) in model order */
} SlChindemiCalibration;

/* fraction in [0, 1], stage a short phrase ("AP threshold", "C_pre",
 * "C_post"); called from the thread that runs the calibration. */
typedef void (*SlChindemiCalProgress) (double      fraction,
                                       const char *stage,
                                       gpointer    data);

/* Measures C_pre and C_post of every Chindemi spine of session at ca_o
 * (mM; <= 0: the session's own).  Runs the full cell model, a few
 * seconds of CPU on the L5 cell; cancellable between its runs. */
SlChindemiCalibration *sl_chindemi_calibrate (const SlSession        *session,
                                              double                  ca_o,
                                              GCancellable           *cancellable,
                                              SlChindemiCalProgress   progress,
                                              gpointer                progress_data,
                                              GError                **error);
void                   sl_chindemi_calibration_free (SlChindemiCalibration *self);

/* A copy of session at cal's Ca_o whose Chindemi spines hold cal's c_pre
 * and c_post: a spine's own "spine:ID" assignment gets the two values; a
 * spine that had the rule from a region gets its own assignment with the
 * region's parameters and the two values. */
SlSession *sl_chindemi_calibration_apply (const SlSession             *session,
                                          const SlChindemiCalibration *cal);

/* Whether some chindemi assignment of spec holds c_pre or c_post > 0
 * (thresholds measured at one Ca_o, stored as numbers). */
gboolean   sl_chindemi_spec_has_thresholds (const SlModelSpec *spec);
/* Whether some spine or region of spec is assigned the chindemi rule. */
gboolean   sl_chindemi_spec_has_rule       (const SlModelSpec *spec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlChindemiCalibration, sl_chindemi_calibration_free)

G_END_DECLS
