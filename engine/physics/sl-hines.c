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

/* _sl_hines_step for a model whose last 2·n_spines nodes are spine pairs
 * (neck n_cable + 2k, child of a cable node; head n_cable + 2k + 1, child
 * of its neck, nothing hanging on either).  A pair is eliminated in closed
 * form with two independent divisions — 1/D_h and 1/Δ, Δ = D_n·D_h − g_h² —
 * instead of two chained ones, and the pairs do not depend on each other,
 * so the processor overlaps them.  scratch: n_spines doubles. */
void
_sl_hines_step_spines (int           n_cable,
                       int           n_spines,
                       const int    *parent,
                       const double *g,
                       double       *diag,
                       double       *rhs,
                       double       *v,
                       double       *scratch)
{
  for (int k = n_spines - 1; k >= 0; k--)
    {
      int n = n_cable + 2 * k, h = n + 1, d = parent[n];
      double gh = g[h], gn = g[n];
      double iah = gh * (v[n] - v[h]);
      double ian = gn * (v[d] - v[n]);
      double dh = diag[h] + gh;
      double rh = rhs[h] + iah;
      double dn = diag[n] + gh + gn;
      double rn = rhs[n] - iah + ian;
      double inv_h = 1.0 / dh;
      double inv_delta = 1.0 / (dn * dh - gh * gh);
      double num = rn * dh + gh * rh;       /* R'_n · D_h */

      diag[d] += gn - gn * gn * dh * inv_delta;
      rhs[d] += gn * num * inv_delta - ian;
      diag[n] = inv_delta;
      rhs[n] = num;
      diag[h] = inv_h;
      rhs[h] = rh;
      scratch[k] = dh;
    }
  _sl_hines_step (n_cable, parent, g, diag, rhs, v);
  for (int k = 0; k < n_spines; k++)
    {
      int n = n_cable + 2 * k, h = n + 1, d = parent[n];
      /* v[d] is already v(t + dt); rhs[d] holds its Δv */
      double xn = (rhs[n] + g[n] * scratch[k] * rhs[d]) * diag[n];
      double xh = (rhs[h] + g[h] * xn) * diag[h];

      rhs[n] = xn;
      rhs[h] = xh;
      v[n] += xn;
      v[h] += xh;
    }
}
