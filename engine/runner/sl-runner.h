/* sl-runner.h: the engine thread.
 *
 * An SlRunner owns one SlState and steps it on its own GThread.  The UI
 * talks to it only through non-blocking calls:
 *
 *   commands in   play, pause, step, reset, speed, watch, apply, replace,
 *                 swap model, swap protocol —
 *                 pushed on a GAsyncQueue, executed between two steps;
 *   snapshot out  per-node v and Ca, per-spine Ca, w and Δw, t — published
 *                 into a lock-free triple buffer after every chunk of steps;
 *   traces out    one frame per record interval of t, soma v and (v, Ca, w)
 *                 of up to SL_RUNNER_MAX_WATCH watched spines — through an
 *                 SPSC ring.
 *
 * No call made on the UI side ever waits for a step.  The engine thread
 * never calls GTK.  Only the thread that created the runner (the UI) may
 * call the functions below; the runner's own thread is internal.
 */
#pragma once

#include <glib.h>

#include "sl-model.h"
#include "sl-protocol.h"
#include "sl-state.h"

G_BEGIN_DECLS

#define SL_RUNNER_MAX_WATCH 8
/* A trace frame: t, run, soma v, then (v_head, ca_head, w) per watch slot
 * (NAN in unused slots). */
#define SL_RUNNER_FRAME_LEN (3 + 3 * SL_RUNNER_MAX_WATCH)

typedef enum
{
  SL_RUNNER_PAUSED,
  SL_RUNNER_RUNNING,
  SL_RUNNER_FINISHED,  /* reached the protocol's tstop */
  SL_RUNNER_FAILED,    /* the state went non-finite: see message */
} SlRunnerStatus;

/* One published snapshot.  The arrays follow the header in the same block;
 * read them with the accessors below.  Values are floats: the view needs
 * no more, and it halves the copy. */
typedef struct
{
  double          t;          /* ms */
  guint64         run;        /* changes at every reset or model replacement */
  guint64         seq;        /* publications since the runner started */
  guint64         n_steps;
  SlRunnerStatus  status;
  double          speed;      /* requested real-time factor, 0 = as fast as possible */
  double          achieved;   /* achieved real-time factor over the last second */
  int             n_nodes;
  int             n_spines;
  const SlModel  *model;      /* the model this snapshot belongs to (compare, do not deref after replace) */
  char            message[256];
  gsize           off_v, off_ca_node, off_ca_spine, off_w, off_dw; /* byte offsets */
} SlSnapshot;

#define SL_SNAPSHOT_ARRAY(snap, off) ((const float *) ((const guint8 *) (snap) + (snap)->off))
#define sl_snapshot_v(s)        SL_SNAPSHOT_ARRAY (s, off_v)        /* (n_nodes) mV */
#define sl_snapshot_ca_node(s)  SL_SNAPSHOT_ARRAY (s, off_ca_node)  /* (n_nodes) mM */
#define sl_snapshot_ca_spine(s) SL_SNAPSHOT_ARRAY (s, off_ca_spine) /* (n_spines) mM */
#define sl_snapshot_w(s)        SL_SNAPSHOT_ARRAY (s, off_w)        /* (n_spines) */
#define sl_snapshot_dw(s)       SL_SNAPSHOT_ARRAY (s, off_dw)       /* (n_spines) w − w at reset */

/* Runs on the engine thread between two steps: may change the state (a
 * weight, a concentration) but not the model, which the UI shares. */
typedef void (*SlRunnerApplyFunc) (const SlModel *model,
                                   SlState       *state,
                                   gpointer       user_data);

typedef struct _SlRunner SlRunner;

/* Takes a reference on model and ownership of protocol (may be NULL). */
SlRunner *sl_runner_new        (SlModel    *model,
                                SlProtocol *protocol);
/* Stops the thread (finishing at most the current chunk of steps) and
 * frees everything. */
void      sl_runner_free       (SlRunner   *self);

void      sl_runner_play       (SlRunner   *self);
void      sl_runner_pause      (SlRunner   *self);
/* Advances span_ms of simulated time (one dt if span_ms <= 0), then pauses. */
void      sl_runner_step       (SlRunner   *self,
                                double      span_ms);
void      sl_runner_reset      (SlRunner   *self);
/* Real-time factor: 1 = simulated ms per wall ms; 0 = as fast as possible. */
void      sl_runner_set_speed  (SlRunner   *self,
                                double      speed);
/* Spines whose (v, Ca, w) go into the trace frames; ids are spine indices,
 * -1 for an empty slot.  n ≤ SL_RUNNER_MAX_WATCH. */
void      sl_runner_watch      (SlRunner   *self,
                                const int  *spines,
                                guint       n);
void      sl_runner_apply      (SlRunner          *self,
                                SlRunnerApplyFunc  func,
                                gpointer           user_data,
                                GDestroyNotify     destroy);
/* A new model after a structural edit: takes a reference on model and
 * ownership of protocol; the state restarts at t = 0, paused. */
void      sl_runner_replace    (SlRunner   *self,
                                SlModel    *model,
                                SlProtocol *protocol);

/* A recompile of the running model with other parameters (a rule or
 * synapse parameter, temperature…): the state moves onto it unchanged —
 * t, v, gates, calcium, rule state, weights, Δw reference — and the run
 * goes on with the new parameters from the next step.  Takes a reference
 * on model and ownership of protocol (NULL keeps the current one, which
 * must then have been compiled on a model of the same structure).
 * Refused (FALSE, error, protocol freed, nothing queued) when the
 * structure differs from the last model handed to the runner
 * (sl_model_same_structure): use sl_runner_replace. */
gboolean  sl_runner_swap_model (SlRunner    *self,
                                SlModel     *model,
                                SlProtocol  *protocol,
                                GError     **error);
/* A new protocol compiled on the current model (a stimulus added, moved,
 * removed): t and the state stay, events before t are past, the run is
 * not restarted.  Takes ownership of protocol (may be NULL). */
void      sl_runner_swap_protocol (SlRunner   *self,
                                   SlProtocol *protocol);

/* The newest snapshot, never NULL, valid until the next call.  *fresh
 * tells whether it changed since the last call. */
const SlSnapshot *sl_runner_acquire_snapshot (SlRunner *self,
                                              gboolean *fresh);
/* Up to max_frames trace frames (SL_RUNNER_FRAME_LEN doubles each). */
guint     sl_runner_pop_frames (SlRunner   *self,
                                double     *out,
                                guint       max_frames);
/* Commands executed so far (for tests that must know one was applied). */
guint64   sl_runner_get_commands_done (SlRunner *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlRunner, sl_runner_free)

G_END_DECLS
