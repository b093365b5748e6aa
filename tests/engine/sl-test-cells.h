/* sl-test-cells.h: small hand-built morphologies for the engine tests. */
#pragma once

#include "sl-morphology.h"

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
