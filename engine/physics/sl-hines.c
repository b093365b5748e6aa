/* sl-hines.c: the O(n) tree solve (Hines 1984): eliminate leaves towards
 * the root, then substitute back from the root.  One division per node:
 * the first pass leaves 1/diag in diag. */
#include "sl-physics-private.h"

void
_sl_hines_solve (int           n,
                 const int    *parent,
                 const double *g,
                 double       *diag,
                 double       *rhs)
{
  for (int i = n - 1; i >= 0; i--)
    {
      int p = parent[i];
      double inv = 1.0 / diag[i];

      diag[i] = inv;
      if (p >= 0)
        {
          double f = g[i] * inv;

          diag[p] -= f * g[i];
          rhs[p] += f * rhs[i];
        }
    }
  for (int i = 0; i < n; i++)
    {
      int p = parent[i];

      if (p >= 0)
        rhs[i] += g[i] * rhs[p];
      rhs[i] *= diag[i];
    }
}

/* The step's matrix and solve in two passes over the tree.  On entry
 * diag[i] holds C_i/dt + G_i (membrane) and rhs[i] the membrane and
 * injected current terms; the axial terms g_i·(v_p − v_i) are added in the
 * elimination pass (a node's row is complete when its turn comes: its
 * children, with higher indices, went before).  On return v += Δv. */
void
_sl_hines_step (int           n,
                const int    *parent,
                const double *g,
                double       *diag,
                double       *rhs,
                double       *v)
{
  for (int i = n - 1; i >= 0; i--)
    {
      int p = parent[i];

      if (p >= 0)
        {
          double gi = g[i];
          double ia = gi * (v[p] - v[i]);
          double inv = 1.0 / (diag[i] + gi);
          double r = rhs[i] + ia;
          double f = gi * inv;

          diag[i] = inv;
          rhs[i] = r;
          diag[p] += gi - f * gi;
          rhs[p] += f * r - ia;
        }
      else
        diag[i] = 1.0 / diag[i];
    }
  for (int i = 0; i < n; i++)
    {
      int p = parent[i];
      double x = rhs[i];

      if (p >= 0)
        x += g[i] * rhs[p];
      x *= diag[i];
      rhs[i] = x;
      v[i] += x;
    }
}
