/* sl-test-cells.h: small hand-built morphologies, calcium parameters and
 * current-clamp protocols for the engine tests. */
#pragma once

#include "sl-morphology.h"
#include "sl-protocol.h"
#include "sl-spec.h"

/* A straight cylinder of diameter diam along +x from the origin, n_pts
 * points, no soma (type basal). */
static inline SlMorphology *
sl_test_cylinder (double length,
                  double diam,
                  int    n_pts)
{
  SlMorphology *m = sl_morphology_new ("cylinder");

  m->points = g_new0 (SlPoint, n_pts);
  m->n_points = n_pts;
  for (int i = 0; i < n_pts; i++)
    {
      m->points[i].x = length * i / (n_pts - 1);
      m->points[i].r = diam / 2;
      m->points[i].type = SL_TYPE_BASAL;
      m->points[i].parent = i - 1;
      m->points[i].id = i + 1;
    }
  g_assert_true (sl_morphology_finish (m, NULL));
  return m;
}

/* One-point soma of radius r_soma at the origin with one basal dendrite of
 * `length` µm and diameter `diam` along +x, starting at the soma surface;
 * with fork != 0 the dendrite forks into two branches of `length`/2 at its end. */
static inline SlMorphology *
sl_test_ball_stick (double r_soma,
                    double length,
                    double diam,
                    gboolean fork)
{
  SlMorphology *m = sl_morphology_new ("ball-stick");
  int n = fork ? 5 : 3;

  m->points = g_new0 (SlPoint, n);
  m->n_points = n;
  m->points[0] = (SlPoint) { 0, 0, 0, r_soma, SL_TYPE_SOMA, -1, 1, 0 };
  m->points[1] = (SlPoint) { r_soma, 0, 0, diam / 2, SL_TYPE_BASAL, 0, 2, 0 };
  m->points[2] = (SlPoint) { r_soma + length, 0, 0, diam / 2, SL_TYPE_BASAL, 1, 3, 0 };
  if (fork)
    {
      m->points[3] = (SlPoint) { r_soma + 1.5 * length, 0.5 * length, 0, diam / 4, SL_TYPE_BASAL, 2, 4, 0 };
      m->points[4] = (SlPoint) { r_soma + 1.5 * length, -0.5 * length, 0, diam / 4, SL_TYPE_BASAL, 2, 5, 0 };
    }
  g_assert_true (sl_morphology_finish (m, NULL));
  return m;
}

/* The calcium parameters of models.md §2.1–2.3 (with diffusion). */
static inline void
sl_test_calcium_spec_init (SlCalciumSpec *spec)
{
  spec->ca_rest = 70e-6;
  spec->eta_head = 0.04;
  spec->tau_head = 12.0;
  spec->eta_shaft = 0.05;
  spec->tau_shaft = 50.0;
  spec->d_eff = 0.020;
  spec->shell_depth = 0.1;
  spec->dx_near = 0.5;
  spec->dx_far = 2.0;
  spec->neck_voxels = 3;
  spec->diffusion = TRUE;
}

/* Adds a current step of amp nA at `target` from `delay` for `dur` ms to
 * pspec and compiles it for model. */
static inline SlProtocol *
sl_test_iclamp_step (SlProtocolSpec *pspec,
                     const SlModel  *model,
                     const char     *target,
                     double          amp,
                     double          delay,
                     double          dur)
{
  g_autoptr(GError) error = NULL;
  SlStimulusSpec *st = sl_protocol_spec_add_stimulus (pspec, "iclamp", SL_STIM_ICLAMP_STEP, target);
  SlProtocol *protocol;

  st->amp = amp;
  st->delay = delay;
  st->dur = dur;
  protocol = sl_protocol_compile (pspec, model, &error);
  g_assert_no_error (error);
  return protocol;
}

/* Adds presynaptic spikes onto `target` (a spine location): n of them at
 * `rate` Hz from `start` ms. */
static inline SlStimulusSpec *
sl_test_add_spike_train (SlProtocolSpec *pspec,
                         const char     *name,
                         const char     *target,
                         double          start,
                         double          rate,
                         int             n)
{
  SlStimulusSpec *st = sl_protocol_spec_add_stimulus (pspec, name, SL_STIM_SPIKES, target);

  st->train.kind = SL_TRAIN_REGULAR;
  st->train.start = start;
  st->train.rate = rate;
  st->train.n = n;
  return st;
}
