/* sl-sweep.h: one session run over a range of one parameter, every point
 * in parallel (one SlState per point), with progress and cancel.
 *
 * Parameter paths (sl_session_set_param):
 *
 *   delta_t                 ms, offset (t_post − t_pre) of every pairing
 *   frequency               Hz, rate of every regular or Poisson train
 *   spine_distance          µm, path distance of the second hand-placed
 *                           spine from the first (both "path:REGION:D";
 *                           the second moves to path:REGION:(D₁ + value))
 *   ca_o                    mM, extracellular calcium (= model.ca_o)
 *   model.FIELD             celsius, v_init, ca_o, d_lambda, d_lambda_freq,
 *                           max_length, seed
 *   calcium.FIELD           ca_rest, eta_head, tau_head, eta_shaft,
 *                           tau_shaft, d_eff, shell_depth, dx_near, dx_far
 *   synapse.FIELD           every synapse (defaults, groups, spines):
 *                           g_ampa, nmda_ratio, tau_r_ampa, tau_d_ampa,
 *                           tau_r_nmda, tau_d_nmda, e_ampa, e_nmda, mg,
 *                           g_vdcc, use_se, tau_dep, tau_fac, n_rrp
 *   geometry.FIELD          every spine: head_volume, neck_length, neck_diam
 *   spine.ID.FIELD          one hand-placed spine, a synapse or geometry field
 *   rule.TARGET.PARAM       a parameter of the rule assigned to TARGET
 *                           (a region or spine:ID), e.g. rule.basal.tau_ca
 *   mechanism.REGION.MECH.PARAM  the value of that existing mechanism line
 *   protocol.FIELD          dt, tstop, record_interval, theta_period, theta_start
 *   stimulus.NAME.FIELD     amp, delay, dur, offset, interval, and of its
 *                           train: start, stop, rate, n, n_per_burst,
 *                           intra_rate, burst_rate, n_bursts, n_repeats, gap
 *
 * Outputs per point (columns after the parameter): soma_spikes (upward
 * crossings of −20 mV at the soma node), mean_w_ratio (mean w/w0 over the
 * spines that have a rule), then for each spine stimulated or recorded by
 * the protocol, in protocol order: "ID:w_ratio" (w/w0 at tstop) and
 * "ID:ca_peak_uM" (largest free head [Ca] during the run, µM).
 */
#pragma once

#include <gio/gio.h>
#include <glib.h>

#include "sl-session.h"

G_BEGIN_DECLS

#define SL_SWEEP_ERROR (sl_sweep_error_quark ())
GQuark sl_sweep_error_quark (void);

typedef enum
{
  SL_SWEEP_ERROR_PARAM,    /* unknown path or nothing it applies to */
  SL_SWEEP_ERROR_VALUES,   /* a bad range or a value out of the field's range */
  SL_SWEEP_ERROR_RUN,      /* a point failed to compile or to run */
} SlSweepError;

/* Sets the parameter at `path` of the session to value.  Only the field
 * itself is checked here (integer fields need a whole number); the caller
 * validates the spec. */
gboolean sl_session_set_param (SlSession   *session,
                               const char  *path,
                               double       value,
                               GError     **error);

/* TRUE when the parameter changes the compiled model (not only the
 * protocol).  Unknown paths count as model parameters. */
gboolean sl_sweep_param_changes_model (const char *path);

/* "A:B:STEP" (A to B inclusive, within STEP/1000, B may be below A with a
 * negative STEP) or "v1,v2,…"; at most SL_SWEEP_MAX_POINTS values. */
#define SL_SWEEP_MAX_POINTS 10000
double  *sl_sweep_parse_values (const char  *text,
                                guint       *n_values,
                                GError     **error);

typedef struct
{
  char   *param;      /* the path swept */
  guint   n_points;
  guint   n_columns;  /* outputs, the parameter column not counted */
  char  **columns;    /* (n_columns) NULL-terminated */
  double *data;       /* (n_points × (1 + n_columns)) rows: value, outputs… */
  gboolean thresholds_remeasured;  /* a Ca_o sweep of a session with Chindemi
                                    * thresholds: each point measured its own
                                    * C_pre and C_post at its Ca_o */
} SlSweepResult;

void     sl_sweep_result_free      (SlSweepResult       *self);
/* Index of an output column by name, −1 if none. */
int      sl_sweep_result_column    (const SlSweepResult *self,
                                    const char          *name);
double   sl_sweep_result_get       (const SlSweepResult *self,
                                    guint                point,
                                    int                  column);
/* Header "PARAM,<column>,…" then one row per point, '.' decimals. */
char    *sl_sweep_result_to_csv    (const SlSweepResult *self);
/* Atomic write of the CSV. */
gboolean sl_sweep_result_write_csv (const SlSweepResult *self,
                                    const char          *path,
                                    GError             **error);

/* Called from the thread that called sl_sweep_run as points finish. */
typedef void (*SlSweepProgress) (guint    done,
                                 guint    total,
                                 gpointer user_data);

/* Runs the session once per value of `param`, each from rest to its
 * tstop, on up to n_threads threads (0: every core).  The session is not
 * changed.  Every value is applied and the specs validated before any run
 * starts, so a bad path or range fails at once.  Cancelling stops the
 * running points within 64 steps and gives
 * G_IO_ERROR_CANCELLED.  A point's result depends only on the session and
 * the value: any n_threads gives the same numbers bit for bit.  Swept
 * over ca_o, a session whose Chindemi rules hold c_pre/c_post has them
 * re-measured at each point's Ca_o first (sl_chindemi_calibrate; models.md
 * §2.4 item 4), as the Model panel does. */
SlSweepResult *sl_sweep_run (const SlSession  *session,
                             const char       *param,
                             const double     *values,
                             guint             n_values,
                             guint             n_threads,
                             GCancellable     *cancellable,
                             SlSweepProgress   progress,
                             gpointer          progress_data,
                             GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlSweepResult, sl_sweep_result_free)

G_END_DECLS
