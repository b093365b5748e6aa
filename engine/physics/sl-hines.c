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
