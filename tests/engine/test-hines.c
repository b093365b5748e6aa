/* test-hines.c: the tree solve against a dense Gaussian elimination on
 * random trees. */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "sl-physics-private.h"

static void
dense_solve (int     n,
             double *a,
             double *b)
{
  for (int c = 0; c < n; c++)
    {
      int piv = c;

      for (int r = c + 1; r < n; r++)
        if (fabs (a[r * n + c]) > fabs (a[piv * n + c]))
          piv = r;
      if (piv != c)
        {
          for (int k = 0; k < n; k++)
            {
              double t = a[c * n + k];

              a[c * n + k] = a[piv * n + k];
              a[piv * n + k] = t;
            }
          double t = b[c];
          b[c] = b[piv];
          b[piv] = t;
        }
      for (int r = c + 1; r < n; r++)
        {
          double f = a[r * n + c] / a[c * n + c];

          for (int k = c; k < n; k++)
            a[r * n + k] -= f * a[c * n + k];
          b[r] -= f * b[c];
        }
    }
  for (int r = n - 1; r >= 0; r--)
    {
      double s = b[r];

      for (int k = r + 1; k < n; k++)
        s -= a[r * n + k] * b[k];
      b[r] = s / a[r * n + r];
    }
}

static void
test_random_trees (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (int trial = 0; trial < 200; trial++)
    {
      int n = g_rand_int_range (rand, 1, 60);
      int roots = 0;
      g_autofree int *parent = g_new (int, n);
      g_autofree double *g = g_new (double, n);
      g_autofree double *diag = g_new (double, n);
      g_autofree double *rhs = g_new (double, n);
      g_autofree double *a = g_new0 (double, n * n);
      g_autofree double *b = g_new (double, n);
      double err = 0, scale = 0;

      for (int i = 0; i < n; i++)
        {
          /* A forest now and then: several roots. */
          parent[i] = i == 0 || g_rand_double (rand) < 0.05 ? -1 : g_rand_int_range (rand, 0, i);
          roots += parent[i] < 0;
          g[i] = parent[i] >= 0 ? g_rand_double_range (rand, 1e-3, 10) : 0;
          /* Some zero-capacitance (junction-like) nodes, diagonal = Σ g only;
           * roots always hold capacitance, or a tree could float. */
          diag[i] = parent[i] >= 0 && g_rand_double (rand) < 0.2 ? 0 :
                    g_rand_double_range (rand, 1e-3, 5);
          rhs[i] = g_rand_double_range (rand, -1, 1);
        }
      for (int i = 0; i < n; i++)
        if (parent[i] >= 0)
          {
            diag[i] += g[i];
            diag[parent[i]] += g[i];
          }
      for (int i = 0; i < n; i++)
        {
          a[i * n + i] = diag[i];
          if (parent[i] >= 0)
            {
              a[i * n + parent[i]] = -g[i];
              a[parent[i] * n + i] = -g[i];
            }
          b[i] = rhs[i];
        }
      dense_solve (n, a, b);
      _sl_hines_solve (n, parent, g, diag, rhs);
      for (int i = 0; i < n; i++)
        {
          err = MAX (err, fabs (rhs[i] - b[i]));
          scale = MAX (scale, fabs (b[i]));
        }
      g_assert_cmpfloat (err, <=, 1e-10 * MAX (scale, 1));
      g_assert_cmpint (roots, >=, 1);
    }
}

/* The fused step: axial terms assembled during elimination, v += Δv. */
static void
test_fused_step (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (int trial = 0; trial < 200; trial++)
    {
      int n = g_rand_int_range (rand, 1, 60);
      g_autofree int *parent = g_new (int, n);
      g_autofree double *g = g_new (double, n);
      g_autofree double *diag = g_new (double, n);
      g_autofree double *rhs = g_new (double, n);
      g_autofree double *v = g_new (double, n);
      g_autofree double *v0 = NULL;
      g_autofree double *a = g_new0 (double, n * n);
      g_autofree double *b = g_new (double, n);
      double err = 0;

      for (int i = 0; i < n; i++)
        {
          parent[i] = i == 0 || g_rand_double (rand) < 0.05 ? -1 : g_rand_int_range (rand, 0, i);
          g[i] = parent[i] >= 0 ? g_rand_double_range (rand, 1e-3, 10) : 0;
          diag[i] = parent[i] >= 0 && g_rand_double (rand) < 0.2 ? 0 : g_rand_double_range (rand, 1e-3, 5);
          rhs[i] = g_rand_double_range (rand, -1, 1);
          v[i] = g_rand_double_range (rand, -80, 20);
        }
      /* dense: (D + Σg) Δv − g Δv_p = rhs + Σ g (v_j − v_i) */
      for (int i = 0; i < n; i++)
        {
          a[i * n + i] += diag[i];
          b[i] = rhs[i];
        }
      for (int i = 0; i < n; i++)
        if (parent[i] >= 0)
          {
            int p = parent[i];

            a[i * n + i] += g[i];
            a[p * n + p] += g[i];
            a[i * n + p] -= g[i];
            a[p * n + i] -= g[i];
            b[i] += g[i] * (v[p] - v[i]);
            b[p] += g[i] * (v[i] - v[p]);
          }
      dense_solve (n, a, b);
      v0 = g_memdup2 (v, sizeof (double) * n);
      _sl_hines_step (n, parent, g, diag, rhs, v);
      for (int i = 0; i < n; i++)
        err = MAX (err, fabs ((v[i] - v0[i]) - b[i]));
      g_assert_cmpfloat (err, <=, 1e-9);
    }
}

/* Spine pairs in closed form give the same Δv as the generic pass. */
static void
test_spine_pairs (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);

  for (int trial = 0; trial < 200; trial++)
    {
      int nc = g_rand_int_range (rand, 1, 40), ns = g_rand_int_range (rand, 0, 30);
      int n = nc + 2 * ns;
      g_autofree int *parent = g_new (int, n);
      g_autofree double *g = g_new (double, n);
      g_autofree double *d1 = g_new (double, n), *d2 = g_new (double, n);
      g_autofree double *r1 = g_new (double, n), *r2 = g_new (double, n);
      g_autofree double *v1 = g_new (double, n), *v2 = g_new (double, n);
      g_autofree double *scratch = g_new (double, ns + 1);
      double err = 0;

      for (int i = 0; i < n; i++)
        {
          if (i < nc)
            parent[i] = i == 0 ? -1 : g_rand_int_range (rand, 0, i);
          else
            parent[i] = (i - nc) % 2 == 0 ? g_rand_int_range (rand, 0, nc) : i - 1;
          g[i] = parent[i] >= 0 ? g_rand_double_range (rand, 1e-3, 10) : 0;
          d1[i] = parent[i] >= 0 && i < nc && g_rand_double (rand) < 0.2 ? 0 :
                  g_rand_double_range (rand, 1e-4, 5);
          r1[i] = g_rand_double_range (rand, -1, 1);
          v1[i] = g_rand_double_range (rand, -80, 20);
        }
      memcpy (d2, d1, sizeof (double) * n);
      memcpy (r2, r1, sizeof (double) * n);
      memcpy (v2, v1, sizeof (double) * n);
      _sl_hines_step (n, parent, g, d1, r1, v1);
      _sl_hines_step_spines (nc, ns, parent, g, d2, r2, v2, scratch);
      for (int i = 0; i < n; i++)
        err = MAX (err, fabs (v1[i] - v2[i]));
      g_assert_cmpfloat (err, <=, 1e-9);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/hines/random-trees", test_random_trees);
  g_test_add_func ("/engine/hines/fused-step", test_fused_step);
  g_test_add_func ("/engine/hines/spine-pairs", test_spine_pairs);
  return g_test_run ();
}
