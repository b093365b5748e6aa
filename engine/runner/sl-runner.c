/* sl-runner.c: the engine thread.
 *
 * The thread blocks on its command queue while paused, and while running
 * steps in chunks of at most ~8 ms of wall time, publishing one snapshot
 * per chunk.  With a speed set, it sleeps on the queue (so a command wakes
 * it at once) whenever it is ahead of the wall clock.
 *
 * Replacing the model changes the size of a snapshot, so the runner makes
 * a new triple buffer and hands it over through `pending_tb`; the UI side
 * frees the old one when it picks up the new one, and the engine never
 * touches a buffer again once it has handed over a newer one.
 */
#include "sl-runner.h"

#include <math.h>
#include <string.h>

#include "sl-ring.h"
#include "sl-triple-buffer.h"

#define CHUNK_US        8000    /* wall time per chunk of steps */
#define MAX_SLEEP_US    20000
#define RING_FRAMES     (1 << 15)
#define DEFAULT_DT      0.025   /* ms */
#define DEFAULT_RECORD  0.1     /* ms */

typedef enum
{
  CMD_PLAY,
  CMD_PAUSE,
  CMD_STEP,
  CMD_RESET,
  CMD_SPEED,
  CMD_WATCH,
  CMD_APPLY,
  CMD_REPLACE,
  CMD_SWAP_MODEL,
  CMD_SWAP_PROTOCOL,
  CMD_QUIT,
} CommandKind;

typedef struct
{
  CommandKind        kind;
  double             value;
  int                watch[SL_RUNNER_MAX_WATCH];
  SlRunnerApplyFunc  func;
  gpointer           user_data;
  GDestroyNotify     destroy;
  SlModel           *model;
  SlProtocol        *protocol;
} Command;

struct _SlRunner
{
  GThread        *thread;
  GAsyncQueue    *queue;          /* (element-type Command) UI → engine */
  SlRing         *ring;           /* engine → UI trace frames */
  SlTripleBuffer *current_tb;     /* UI side: the buffer being read */
  gpointer        pending_tb;     /* atomic: newer buffer handed over */
  gint            commands_done;  /* atomic */
  gint            pushed;         /* atomic: commands pushed (see push ()) */
  SlModel        *ui_model;       /* UI side: the model the runner has once the queued commands ran */

  /* Engine thread only. */
  SlModel        *model;
  SlProtocol     *protocol;
  SlState        *state;
  SlTripleBuffer *tb;             /* the buffer the engine writes */
  double         *w0;             /* (n_spines) weights at reset */
  int             watch[SL_RUNNER_MAX_WATCH];
  SlRunnerStatus  status;
  double          speed;
  double          step_left;      /* ms still to step for CMD_STEP, < 0 = none */
  double          next_frame_t;
  guint64         run;
  guint64         seq;
  gint64          anchor_wall;    /* µs */
  double          anchor_t;       /* ms */
  gint64          rate_wall;
  double          rate_t;
  double          achieved;
};

static double
runner_dt (SlRunner *self)
{
  return self->protocol != NULL && self->protocol->dt > 0 ? self->protocol->dt : DEFAULT_DT;
}

static double
record_interval (SlRunner *self)
{
  double ri = self->protocol != NULL && self->protocol->record_interval > 0
              ? self->protocol->record_interval : DEFAULT_RECORD;
  return MAX (ri, runner_dt (self));
}

static gsize
snapshot_size (const SlModel *model,
               gsize         *off_v,
               gsize         *off_ca_node,
               gsize         *off_ca_spine,
               gsize         *off_w,
               gsize         *off_dw)
{
  gsize off = sizeof (SlSnapshot);
  gsize nn = (gsize) model->n_nodes, ns = (gsize) model->n_spines;

  off = (off + 15) & ~(gsize) 15;
  *off_v = off;        off += nn * sizeof (float);
  *off_ca_node = off;  off += nn * sizeof (float);
  *off_ca_spine = off; off += ns * sizeof (float);
  *off_w = off;        off += ns * sizeof (float);
  *off_dw = off;       off += ns * sizeof (float);
  return off;
}

static SlTripleBuffer *
triple_buffer_for_model (const SlModel *model)
{
  SlSnapshot header = { 0 };
  gsize size = snapshot_size (model, &header.off_v, &header.off_ca_node,
                              &header.off_ca_spine, &header.off_w, &header.off_dw);
  g_autofree guint8 *init = g_malloc0 (size);

  /* Every buffer carries a valid header even before its first publication. */
  header.n_nodes = model->n_nodes;
  header.n_spines = model->n_spines;
  header.model = model;
  memcpy (init, &header, sizeof header);
  return sl_triple_buffer_new_filled (size, init);
}

static void
publish (SlRunner *self)
{
  SlSnapshot *snap = sl_triple_buffer_get_back (self->tb);
  const SlState *st = self->state;
  float *v = (float *) ((guint8 *) snap + snap->off_v);
  float *ca_node = (float *) ((guint8 *) snap + snap->off_ca_node);
  float *ca_spine = (float *) ((guint8 *) snap + snap->off_ca_spine);
  float *w = (float *) ((guint8 *) snap + snap->off_w);
  float *dw = (float *) ((guint8 *) snap + snap->off_dw);

  for (int i = 0; i < self->model->n_nodes; i++)
    {
      v[i] = (float) st->v[i];
      ca_node[i] = (float) st->ca_node[i];
    }
  for (int k = 0; k < self->model->n_spines; k++)
    {
      ca_spine[k] = (float) st->ca_head[k];
      w[k] = (float) st->w[k];
      dw[k] = (float) (st->w[k] - self->w0[k]);
    }
  snap->t = st->t;
  snap->n_steps = st->n_steps;
  snap->run = self->run;
  snap->model = self->model;
  snap->seq = ++self->seq;
  snap->status = self->status;
  snap->speed = self->speed;
  snap->achieved = self->achieved;
  g_strlcpy (snap->message, st->failed ? st->message : "", sizeof snap->message);
  sl_triple_buffer_publish (self->tb);
}

static void
push_frame (SlRunner *self)
{
  double frame[SL_RUNNER_FRAME_LEN];
  const SlState *st = self->state;

  frame[0] = st->t;
  frame[1] = (double) self->run;
  frame[2] = st->v[self->model->soma_node];
  for (int k = 0; k < SL_RUNNER_MAX_WATCH; k++)
    {
      int s = self->watch[k];
      gboolean ok = s >= 0 && s < self->model->n_spines;
      frame[3 + 3 * k] = ok ? st->v[self->model->n_cable + 2 * s + 1] : NAN;
      frame[4 + 3 * k] = ok ? st->ca_head[s] : NAN;
      frame[5 + 3 * k] = ok ? st->w[s] : NAN;
    }
  sl_ring_push (self->ring, frame);
}

static void
reanchor (SlRunner *self)
{
  self->anchor_wall = g_get_monotonic_time ();
  self->anchor_t = self->state->t;
  self->rate_wall = self->anchor_wall;
  self->rate_t = self->anchor_t;
}

static void
reset_state (SlRunner *self)
{
  sl_state_reset (self->state);
  if (self->model->n_spines > 0)
    memcpy (self->w0, self->state->w, sizeof (double) * (gsize) self->model->n_spines);
  self->run++;
  self->status = SL_RUNNER_PAUSED;
  self->step_left = -1;
  self->achieved = 0;
  self->next_frame_t = 0;
  push_frame (self);
  self->next_frame_t = record_interval (self);
  reanchor (self);
}

static void
install_model (SlRunner   *self,
               SlModel    *model,
               SlProtocol *protocol)
{
  g_clear_pointer (&self->state, sl_state_free);
  g_clear_pointer (&self->protocol, sl_protocol_free);
  g_clear_pointer (&self->model, sl_model_unref);
  self->model = model;
  self->protocol = protocol;
  self->state = sl_state_new (model);
  self->w0 = g_renew (double, self->w0, MAX (1, model->n_spines));
  for (int k = 0; k < SL_RUNNER_MAX_WATCH; k++)
    self->watch[k] = -1;
  reset_state (self);
}

/* A new protocol on the running state: t, the state and the weights at
 * reset stay; what is before t is past. */
static void
swap_protocol (SlRunner   *self,
               SlProtocol *protocol)
{
  double ri_old = record_interval (self), ri;

  g_clear_pointer (&self->protocol, sl_protocol_free);
  self->protocol = protocol;
  sl_state_seek_protocol (self->state, protocol, runner_dt (self));
  ri = record_interval (self);
  if (ri != ri_old)
    self->next_frame_t = (floor (self->state->t / ri + 1e-9) + 1) * ri;
  if (self->status == SL_RUNNER_FINISHED
      && (protocol == NULL || protocol->tstop <= 0 || self->state->t < protocol->tstop - 1e-9))
    self->status = SL_RUNNER_PAUSED;
}

static void
command_free (Command *cmd)
{
  if (cmd->destroy != NULL)
    cmd->destroy (cmd->user_data);
  g_clear_pointer (&cmd->model, sl_model_unref);
  g_clear_pointer (&cmd->protocol, sl_protocol_free);
  g_free (cmd);
}

/* Returns FALSE on CMD_QUIT. */
static gboolean
handle_command (SlRunner *self,
                Command  *cmd)
{
  gboolean go_on = TRUE;

  switch (cmd->kind)
    {
    case CMD_PLAY:
      if (self->status != SL_RUNNER_FAILED)
        {
          self->status = SL_RUNNER_RUNNING;
          self->step_left = -1;
          reanchor (self);
        }
      break;
    case CMD_PAUSE:
      if (self->status == SL_RUNNER_RUNNING)
        self->status = SL_RUNNER_PAUSED;
      self->step_left = -1;
      break;
    case CMD_STEP:
      if (self->status != SL_RUNNER_FAILED)
        {
          self->step_left = cmd->value > 0 ? cmd->value : runner_dt (self);
          self->status = SL_RUNNER_RUNNING;
          reanchor (self);
        }
      break;
    case CMD_RESET:
      reset_state (self);
      break;
    case CMD_SPEED:
      self->speed = cmd->value;
      reanchor (self);
      break;
    case CMD_WATCH:
      memcpy (self->watch, cmd->watch, sizeof self->watch);
      break;
    case CMD_APPLY:
      cmd->func (self->model, self->state, cmd->user_data);
      break;
    case CMD_REPLACE:
      {
        SlTripleBuffer *tb = triple_buffer_for_model (cmd->model);
        SlTripleBuffer *stale;

        install_model (self, g_steal_pointer (&cmd->model), g_steal_pointer (&cmd->protocol));
        self->tb = tb;
        publish (self);
        /* Hand the new buffer over; if the UI never took the previous
         * pending one, nobody reads it and it is ours to free. */
        stale = g_atomic_pointer_exchange (&self->pending_tb, tb);
        sl_triple_buffer_free (stale);
      }
      break;
    case CMD_SWAP_MODEL:
      /* The UI side checked the structure against the same model. */
      if (sl_state_rebind (self->state, cmd->model, NULL))
        {
          SlModel *old = self->model;

          self->model = g_steal_pointer (&cmd->model);
          sl_model_unref (old);
          if (cmd->protocol != NULL)
            swap_protocol (self, g_steal_pointer (&cmd->protocol));
        }
      break;
    case CMD_SWAP_PROTOCOL:
      swap_protocol (self, g_steal_pointer (&cmd->protocol));
      break;
    case CMD_QUIT:
      go_on = FALSE;
      break;
    default:
      g_assert_not_reached ();
    }

  command_free (cmd);
  g_atomic_int_inc (&self->commands_done);
  return go_on;
}

static void
update_rate (SlRunner *self,
             gint64    now)
{
  if (now - self->rate_wall >= 500000)
    {
      self->achieved = (self->state->t - self->rate_t) / ((now - self->rate_wall) / 1000.0);
      self->rate_wall = now;
      self->rate_t = self->state->t;
    }
}

/* Steps for at most CHUNK_US of wall time.  Returns the µs to sleep before
 * the next chunk (0 to go on at once). */
static gint64
run_chunk (SlRunner *self)
{
  double dt = runner_dt (self);
  double ri = record_interval (self);
  gint64 start = g_get_monotonic_time ();
  gint64 now = start;
  guint n = 0;

  for (;;)
    {
      if (self->speed > 0 && self->step_left < 0)
        {
          double due = self->anchor_t + (now - self->anchor_wall) / 1000.0 * self->speed;
          if (self->state->t + dt > due)
            {
              gint64 wait = (gint64) ((self->state->t + dt - due) / self->speed * 1000.0);
              return CLAMP (wait, 1, MAX_SLEEP_US);
            }
          /* More than 100 ms of simulated time behind: do not try to catch
           * up.  Only the pacing anchor moves: the achieved rate keeps its
           * window, or a cell slower than the requested speed would
           * report 0×. */
          if (due - self->state->t > 100.0 * MAX (self->speed, 1.0))
            {
              self->anchor_wall = now;
              self->anchor_t = self->state->t;
            }
        }

      if (!sl_state_step (self->model, self->state, self->protocol, dt))
        {
          self->status = SL_RUNNER_FAILED;
          return 0;
        }
      if (self->state->t >= self->next_frame_t - 1e-9)
        {
          push_frame (self);
          self->next_frame_t += ri;
        }
      if (self->step_left >= 0)
        {
          self->step_left -= dt;
          if (self->step_left <= 1e-9)
            {
              self->step_left = -1;
              self->status = SL_RUNNER_PAUSED;
              return 0;
            }
        }
      if (self->protocol != NULL && self->protocol->tstop > 0 &&
          self->state->t >= self->protocol->tstop - 1e-9 &&
          self->state->t - dt < self->protocol->tstop - 1e-9)
        {
          self->status = SL_RUNNER_FINISHED;
          return 0;
        }
      /* The clock every 4 steps: a large cell's step takes milliseconds,
       * and a command (a live edit, a pause) waits for the chunk's end. */
      if ((++n & 3) == 0)
        {
          now = g_get_monotonic_time ();
          if (now - start >= CHUNK_US)
            return 0;
        }
    }
}

/* GAsyncQueue orders push before pop with a GMutex, but GLib's futex
 * mutex is invisible to ThreadSanitizer; the release/acquire pair on
 * `pushed` states the same ordering in a form it can check. */
static void
push (SlRunner *self,
      Command  *cmd)
{
  __atomic_fetch_add (&self->pushed, 1, __ATOMIC_RELEASE);
  g_async_queue_push (self->queue, cmd);
}

static Command *
popped (SlRunner *self,
        Command  *cmd)
{
  if (cmd != NULL)
    (void) __atomic_load_n (&self->pushed, __ATOMIC_ACQUIRE);
  return cmd;
}

static gpointer
runner_thread (gpointer data)
{
  SlRunner *self = data;

  for (;;)
    {
      gboolean active = self->status == SL_RUNNER_RUNNING;
      gint64 sleep_us = 0;
      Command *cmd;

      if (active)
        {
          sleep_us = run_chunk (self);
          update_rate (self, g_get_monotonic_time ());
          publish (self);
          active = self->status == SL_RUNNER_RUNNING;
        }

      /* Paused: block until a command.  Ahead of the clock: wait for one
       * at most sleep_us.  Otherwise: take what is queued and go on. */
      if (!active)
        cmd = popped (self, g_async_queue_pop (self->queue));
      else if (sleep_us > 0)
        cmd = popped (self, g_async_queue_timeout_pop (self->queue, (guint64) sleep_us));
      else
        cmd = popped (self, g_async_queue_try_pop (self->queue));

      while (cmd != NULL)
        {
          gboolean was_running = self->status == SL_RUNNER_RUNNING;

          if (!handle_command (self, cmd))
            return NULL;
          if (!was_running || self->status != SL_RUNNER_RUNNING)
            publish (self);
          cmd = popped (self, g_async_queue_try_pop (self->queue));
        }
    }
}

SlRunner *
sl_runner_new (SlModel    *model,
               SlProtocol *protocol)
{
  SlRunner *self;

  g_return_val_if_fail (model != NULL, NULL);

  self = g_new0 (SlRunner, 1);
  self->queue = g_async_queue_new_full ((GDestroyNotify) command_free);
  self->ring = sl_ring_new (SL_RUNNER_FRAME_LEN, RING_FRAMES);
  self->speed = 1.0;
  self->ui_model = sl_model_ref (model);
  install_model (self, sl_model_ref (model), protocol);
  self->tb = triple_buffer_for_model (model);
  self->current_tb = self->tb;
  publish (self);
  self->thread = g_thread_new ("sl-runner", runner_thread, self);
  return self;
}

static Command *
command_new (CommandKind kind,
             double      value)
{
  Command *cmd = g_new0 (Command, 1);

  cmd->kind = kind;
  cmd->value = value;
  return cmd;
}

void
sl_runner_free (SlRunner *self)
{
  gpointer pending;

  if (self == NULL)
    return;

  push (self, command_new (CMD_QUIT, 0));
  g_thread_join (self->thread);

  pending = g_atomic_pointer_exchange (&self->pending_tb, NULL);
  if (pending != NULL)
    {
      sl_triple_buffer_free (self->current_tb);
      self->current_tb = pending;
    }
  sl_triple_buffer_free (self->current_tb);
  g_async_queue_unref (self->queue);
  sl_ring_free (self->ring);
  g_clear_pointer (&self->state, sl_state_free);
  g_clear_pointer (&self->protocol, sl_protocol_free);
  g_clear_pointer (&self->model, sl_model_unref);
  g_clear_pointer (&self->ui_model, sl_model_unref);
  g_free (self->w0);
  g_free (self);
}

void
sl_runner_play (SlRunner *self)
{
  push (self, command_new (CMD_PLAY, 0));
}

void
sl_runner_pause (SlRunner *self)
{
  push (self, command_new (CMD_PAUSE, 0));
}

void
sl_runner_step (SlRunner *self,
                double    span_ms)
{
  push (self, command_new (CMD_STEP, span_ms));
}

void
sl_runner_reset (SlRunner *self)
{
  push (self, command_new (CMD_RESET, 0));
}

void
sl_runner_set_speed (SlRunner *self,
                     double    speed)
{
  g_return_if_fail (speed >= 0 && isfinite (speed));
  push (self, command_new (CMD_SPEED, speed));
}

void
sl_runner_watch (SlRunner  *self,
                 const int *spines,
                 guint      n)
{
  Command *cmd = command_new (CMD_WATCH, 0);

  g_return_if_fail (n <= SL_RUNNER_MAX_WATCH);
  for (guint k = 0; k < SL_RUNNER_MAX_WATCH; k++)
    cmd->watch[k] = k < n ? spines[k] : -1;
  push (self, cmd);
}

void
sl_runner_apply (SlRunner          *self,
                 SlRunnerApplyFunc  func,
                 gpointer           user_data,
                 GDestroyNotify     destroy)
{
  Command *cmd = command_new (CMD_APPLY, 0);

  g_return_if_fail (func != NULL);
  cmd->func = func;
  cmd->user_data = user_data;
  cmd->destroy = destroy;
  push (self, cmd);
}

void
sl_runner_replace (SlRunner   *self,
                   SlModel    *model,
                   SlProtocol *protocol)
{
  Command *cmd = command_new (CMD_REPLACE, 0);

  g_return_if_fail (model != NULL);
  cmd->model = sl_model_ref (model);
  cmd->protocol = protocol;
  sl_model_ref (model);
  g_clear_pointer (&self->ui_model, sl_model_unref);
  self->ui_model = model;
  push (self, cmd);
}

gboolean
sl_runner_swap_model (SlRunner    *self,
                      SlModel     *model,
                      SlProtocol  *protocol,
                      GError     **error)
{
  const char *why = NULL;
  Command *cmd;

  g_return_val_if_fail (model != NULL, FALSE);

  if (!sl_model_same_structure (self->ui_model, model, &why))
    {
      g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_INVALID,
                   "the edited model cannot take over the running state: %s", why);
      g_clear_pointer (&protocol, sl_protocol_free);
      return FALSE;
    }
  cmd = command_new (CMD_SWAP_MODEL, 0);
  cmd->model = sl_model_ref (model);
  cmd->protocol = protocol;
  sl_model_ref (model);
  g_clear_pointer (&self->ui_model, sl_model_unref);
  self->ui_model = model;
  push (self, cmd);
  return TRUE;
}

void
sl_runner_swap_protocol (SlRunner   *self,
                         SlProtocol *protocol)
{
  Command *cmd = command_new (CMD_SWAP_PROTOCOL, 0);

  cmd->protocol = protocol;
  push (self, cmd);
}

const SlSnapshot *
sl_runner_acquire_snapshot (SlRunner *self,
                            gboolean *fresh)
{
  gpointer pending = g_atomic_pointer_exchange (&self->pending_tb, NULL);

  if (pending != NULL)
    {
      sl_triple_buffer_free (self->current_tb);
      self->current_tb = pending;
    }
  return sl_triple_buffer_acquire (self->current_tb, fresh);
}

guint
sl_runner_pop_frames (SlRunner *self,
                      double   *out,
                      guint     max_frames)
{
  return sl_ring_pop (self->ring, out, max_frames);
}

guint64
sl_runner_get_commands_done (SlRunner *self)
{
  return (guint64) g_atomic_int_get (&self->commands_done);
}
