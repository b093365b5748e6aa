/* test-calcium-shafiee.c: head-to-head calcium transfer in the Shafiee
 * two-spine geometry (models.md §3.3): a 20 × 20 µm soma, a 50 µm × 1 µm
 * sealed dendrite on soma(0.5), spines A at 20 µm and B at 20 + s µm
 * (X = 0.087 µm³, neck 1 × 0.15 µm), §2 defaults otherwise.  A 1 ms bolus
 * of −1 pA into head A; the peak rise in B over the peak rise in A must
 * fall with the spacing s and grow with D.  The same is printed for an
 * NMDA-shaped influx (τ_r = 0.29, τ_d = 70 ms, models.md §1.3) of the same
 * charge.  Run with --verbose for the table (report numbers). */
#include <math.h>

#include "sl-calcium.h"
#include "sl-test-cells.h"

static const double spacings[] = { 1.0, 2.0, 5.0, 10.0 };
static const double d_values[] = { 0.020, 0.220 };   /* µm²/ms */

typedef struct
{
  double peak_a;   /* mM above rest */
  double peak_b;
  double t_peak_b; /* ms */
  double decay_a;  /* ms from A's peak to peak/e */
} Transfer;

/* models.md §2.1–2.3 with the diffusion coefficient under test. */
static void
spec_init (SlCalciumSpec *spec,
           double         d_eff)
{
  sl_test_calcium_spec_init (spec);
  spec->d_eff = d_eff;
}

static Transfer
run_two_spines (const SlCalciumSpec *spec,
                double               spacing,
                gboolean             nmda_shape)
{
  const int soma_nodes[] = { 0 }, dend_nodes[] = { 1, 2, 3, 4, 5 };
  SlCalciumPiece pieces[] = {
    { -1, 0, 20.0, 20.0, 20.0, 0, NULL, NULL, 1, soma_nodes, NULL },
    { 0, 10.0, 50.0, 1.0, 1.0, 0, NULL, NULL, 5, dend_nodes, NULL },
  };
  SlCalciumSpine spines[] = {
    { 1, 20.0, 0.087, 1.0, 0.15, 6, 7 },
    { 1, 20.0 + spacing, 0.087, 1.0, 0.15, 8, 9 },
  };
  SlCalciumGeometry geom = { 2, pieces, 2, spines, 10 };
  g_autoptr(SlCalciumGrid) grid = NULL;
  g_autofree double *conc = NULL;
  const double tau_r = 0.29, tau_d = 70.0, dt = 0.025;
  double head_ica[] = { -1e-3, 0 };
  Transfer tr = { 0, 0, 0, -1 };
  double t_peak_a = 0;
  GError *error = NULL;

  grid = sl_calcium_grid_new (&geom, spec, &error);
  g_assert_no_error (error);
  conc = g_new (double, sl_calcium_grid_get_state_size (grid));
  sl_calcium_grid_init_state (grid, conc);

  for (int k = 0; k < 12000; k++)   /* 300 ms */
    {
      double a, b;

      if (nmda_shape)
        {
          /* unit-area difference of exponentials × 1 pA·ms, at mid-step */
          double t = (k + 0.5) * dt;

          head_ica[0] = -1e-3 * (exp (-t / tau_d) - exp (-t / tau_r)) / (tau_d - tau_r);
          sl_calcium_grid_step (grid, conc, NULL, head_ica, dt);
        }
      else
        sl_calcium_grid_step (grid, conc, NULL, k < 40 ? head_ica : NULL, dt);
      a = sl_calcium_grid_get_head_conc (grid, conc, 0) - spec->ca_rest;
      b = sl_calcium_grid_get_head_conc (grid, conc, 1) - spec->ca_rest;
      if (a > tr.peak_a)
        {
          tr.peak_a = a;
          t_peak_a = (k + 1) * dt;
        }
      else if (tr.decay_a < 0 && a < exp (-1.0) * tr.peak_a)
        tr.decay_a = (k + 1) * dt - t_peak_a;
      if (b > tr.peak_b)
        {
          tr.peak_b = b;
          tr.t_peak_b = (k + 1) * dt;
        }
    }
  return tr;
}

static void
test_transfer (void)
{
  double ratio[G_N_ELEMENTS (d_values)][G_N_ELEMENTS (spacings)];

  for (guint i = 0; i < G_N_ELEMENTS (d_values); i++)
    {
      SlCalciumSpec spec;

      spec_init (&spec, d_values[i]);
      for (guint j = 0; j < G_N_ELEMENTS (spacings); j++)
        {
          Transfer tr = run_two_spines (&spec, spacings[j], FALSE);
          Transfer slow = run_two_spines (&spec, spacings[j], TRUE);

          ratio[i][j] = tr.peak_b / tr.peak_a;
          g_test_message ("D = %3.0f µm²/s, spacing %4.1f µm: bolus peak A %.4f µM, "
                          "peak B %.3e µM at %.1f ms, B/A = %.3e; NMDA-shaped B/A = %.3e",
                          d_values[i] * 1000, spacings[j], tr.peak_a * 1e3,
                          tr.peak_b * 1e3, tr.t_peak_b, ratio[i][j],
                          slow.peak_b / slow.peak_a);
          g_assert_cmpfloat (slow.peak_b / slow.peak_a, >, ratio[i][j]);
          g_assert_cmpfloat (ratio[i][j], >, 0);
          g_assert_cmpfloat (ratio[i][j], <, 1);
          if (j > 0)
            g_assert_cmpfloat (ratio[i][j], <, ratio[i][j - 1]);
        }
    }
  for (guint j = 0; j < G_N_ELEMENTS (spacings); j++)
    g_assert_cmpfloat (ratio[1][j], >, ratio[0][j]);
}

/* models.md S2 wants a head decay of 12–20 ms.  With diffusion on, the
 * neck adds an escape route to clearance (τ_head = 12 ms): the bolus in A
 * falls to 1/e in about 1/(1/12 + 1/τ_neck) ≈ 11.5 ms at 20 µm²/s
 * (τ_neck ≈ 271 ms here) and ≈ 8 ms at 220 µm²/s (τ_neck ≈ 25 ms);
 * faster at first while the head fills its empty neck, slower later as
 * calcium returns from the shaft. */
static void
test_head_decay (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (d_values); i++)
    {
      SlCalciumSpec spec;
      Transfer tr;
      double tau_neck, bound;

      spec_init (&spec, d_values[i]);
      tr = run_two_spines (&spec, 2.0, FALSE);
      /* τ_neck with access lengths and a third of the neck volume
       * (test-calcium.c, neck-equilibration) */
      tau_neck = (0.087 + G_PI * 0.075 * 0.075 / 3) * (1 + G_PI * 0.075 / 2)
                 / (d_values[i] * G_PI * 0.075 * 0.075);
      bound = 1.0 / (1.0 / 12.0 + 1.0 / tau_neck);
      g_test_message ("head decay with diffusion, D = %3.0f µm²/s: peak → peak/e in %.2f ms "
                      "(clearance and neck in parallel: %.2f ms)",
                      d_values[i] * 1000, tr.decay_a, bound);
      g_assert_cmpfloat (tr.decay_a, <, 12.0);
      g_assert_cmpfloat (tr.decay_a, >, bound * 0.85);
      g_assert_cmpfloat (tr.decay_a, <, bound * 1.15);
    }
}

/* Diffusion off (Chindemi's isolated spine): nothing reaches B. */
static void
test_no_transfer (void)
{
  SlCalciumSpec spec;
  Transfer tr;

  spec_init (&spec, 0.220);
  spec.diffusion = FALSE;
  tr = run_two_spines (&spec, 1.0, FALSE);
  /* 1 ms of −1 pA into 0.087 µm³, η = 0.04, τ = 12 ms, exact pool:
   * 2.383 µM/ms × τ·(1 − e^(−1/12)) = 2.284 µM */
  g_assert_cmpfloat (fabs (tr.peak_a * 1e3 - 2.3827 * 12 * (1 - exp (-1.0 / 12))), <, 1e-3);
  g_assert_cmpfloat (tr.peak_b, ==, 0);
  g_assert_cmpfloat (fabs (tr.decay_a - 12.0), <=, 0.05);   /* two steps */
}

/* Steady head-to-head transfer under a constant influx into A, against
 * the analytic network (the crux of V8: how much of A's calcium can reach
 * B).  In the steady state every voxel chain is a leaky cable:
 *   heads: clearance k = X/τ_head;
 *   necks: leaky cables (λ_n = √(D·τ_head), cross-section πa²) with an
 *          access conductance D·πa²/(πa/4) at each end (sl-calcium-grid.c);
 *   shaft: a leaky cable of the 0.1 µm shell (cross-section S, λ_s =
 *          √(D·τ_shaft)), long on both sides, so a point flux F at x
 *          gives c(x') = F·e^(−|x'−x|/λ_s)/(2·S·D/λ_s).
 * Two unknown fluxes (into A's neck from the shaft side, into B's neck)
 * and the head/neck-end concentrations form a linear system, solved here
 * by Gaussian elimination.  A constant influx bounds the transient ratio
 * of a synaptic release from above.  Cases: the lesson's spine (neck
 * 1 × 0.15 µm, X 0.087 µm³, τ_shaft 50 ms) and the most open corner of
 * models.md's ranges (neck 0.2 × 0.4 µm, X 0.03 µm³, τ_shaft 80 ms), both
 * at 220 µm²/s with B 2 µm from A. */
static void
solve (double *m,
       double *b,
       int     n)
{
  for (int i = 0; i < n; i++)
    {
      int piv = i;

      for (int r = i + 1; r < n; r++)
        if (fabs (m[r * n + i]) > fabs (m[piv * n + i]))
          piv = r;
      for (int c = 0; c < n; c++)
        {
          double t = m[i * n + c];

          m[i * n + c] = m[piv * n + c];
          m[piv * n + c] = t;
        }
      {
        double t = b[i];

        b[i] = b[piv];
        b[piv] = t;
      }
      for (int r = i + 1; r < n; r++)
        {
          double f = m[r * n + i] / m[i * n + i];

          for (int c = i; c < n; c++)
            m[r * n + c] -= f * m[i * n + c];
          b[r] -= f * b[i];
        }
    }
  for (int i = n - 1; i >= 0; i--)
    {
      for (int c = i + 1; c < n; c++)
        b[i] -= m[i * n + c] * b[c];
      b[i] /= m[i * n + i];
    }
}

/* Analytic steady c_B/c_A. */
static double
steady_ratio (double d,
              double x,
              double neck_l,
              double neck_d,
              double tau_head,
              double tau_shaft,
              double spacing)
{
  double a = 0.5 * neck_d, an = G_PI * a * a;
  double g_acc = d * an / (G_PI * a / 4);
  double lam_n = sqrt (d * tau_head), gn = d * an / lam_n;
  double co = gn / tanh (neck_l / lam_n), cs = gn / sinh (neck_l / lam_n);
  double r_out = 0.5, r_in = r_out - 0.1;
  double shell = G_PI * (r_out * r_out - r_in * r_in);
  double lam_s = sqrt (d * tau_shaft), g_s = 2 * shell * d / lam_s, e = exp (-spacing / lam_s);
  double k = x / tau_head;
  /* unknowns: 0 c_A, 1 t_A, 2 b_A, 3 s_A, 4 s_B, 5 b_B, 6 t_B, 7 c_B;
   * t = neck end at the head, b = neck end at the shaft, s = shaft */
  double m[64] = { 0 }, rhs[8] = { 1, 0, 0, 0, 0, 0, 0, 0 };

#define M(i, j) m[(i) * 8 + (j)]
  /* head A: J = k c_A + g_acc (c_A − t_A) */
  M (0, 0) = k + g_acc; M (0, 1) = -g_acc;
  /* neck top A: g_acc (c_A − t_A) = co t_A − cs b_A */
  M (1, 0) = g_acc; M (1, 1) = -g_acc - co; M (1, 2) = cs;
  /* neck bottom A: cs t_A − co b_A = g_acc (b_A − s_A) */
  M (2, 1) = cs; M (2, 2) = -co - g_acc; M (2, 3) = g_acc;
  /* shaft at A: g_s s_A = F_A − F_B e, F_A = g_acc (b_A − s_A), F_B = g_acc (s_B − b_B) */
  M (3, 3) = g_s + g_acc; M (3, 2) = -g_acc; M (3, 4) = g_acc * e; M (3, 5) = -g_acc * e;
  /* shaft at B: g_s s_B = F_A e − F_B */
  M (4, 4) = g_s + g_acc; M (4, 5) = -g_acc; M (4, 2) = -g_acc * e; M (4, 3) = g_acc * e;
  /* neck bottom B: g_acc (s_B − b_B) = co b_B − cs t_B */
  M (5, 4) = g_acc; M (5, 5) = -g_acc - co; M (5, 6) = cs;
  /* neck top B: cs b_B − co t_B = g_acc (t_B − c_B) */
  M (6, 5) = cs; M (6, 6) = -co - g_acc; M (6, 7) = g_acc;
  /* head B: g_acc (t_B − c_B) = k c_B */
  M (7, 6) = g_acc; M (7, 7) = -g_acc - k;
#undef M
  solve (m, rhs, 8);
  return rhs[7] / rhs[0];
}

static double
grid_steady_ratio (double d,
                   double x,
                   double neck_l,
                   double neck_d,
                   double tau_shaft,
                   double spacing)
{
  const int soma_nodes[] = { 0 }, dend_nodes[] = { 1, 2, 3, 4, 5 };
  SlCalciumPiece pieces[] = {
    { -1, 0, 20.0, 20.0, 20.0, 0, NULL, NULL, 1, soma_nodes, NULL },
    { 0, 10.0, 50.0, 1.0, 1.0, 0, NULL, NULL, 5, dend_nodes, NULL },
  };
  SlCalciumSpine spines[] = {
    { 1, 20.0, x, neck_l, neck_d, 6, 7 },
    { 1, 20.0 + spacing, x, neck_l, neck_d, 8, 9 },
  };
  SlCalciumGeometry geom = { 2, pieces, 2, spines, 10 };
  g_autoptr(SlCalciumGrid) grid = NULL;
  g_autofree double *conc = NULL;
  double head_ica[] = { -1e-3, 0 };
  SlCalciumSpec spec;
  GError *error = NULL;

  spec_init (&spec, d);
  spec.tau_shaft = tau_shaft;
  grid = sl_calcium_grid_new (&geom, &spec, &error);
  g_assert_no_error (error);
  conc = g_new (double, sl_calcium_grid_get_state_size (grid));
  sl_calcium_grid_init_state (grid, conc);
  /* backward Euler's fixed point is the ODE's steady state at any dt */
  for (int k = 0; k < 400; k++)
    sl_calcium_grid_step (grid, conc, NULL, head_ica, 10.0);
  return (sl_calcium_grid_get_head_conc (grid, conc, 1) - spec.ca_rest)
         / (sl_calcium_grid_get_head_conc (grid, conc, 0) - spec.ca_rest);
}

static void
test_steady_transfer (void)
{
  const struct { const char *name; double x, l, dn, tau_s; } cases[] = {
    { "lesson spine", 0.087, 1.0, 0.15, 50.0 },
    { "most open corner", 0.03, 0.2, 0.4, 80.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double want = steady_ratio (0.22, cases[i].x, cases[i].l, cases[i].dn, 12.0, cases[i].tau_s, 2.0);
      double got = grid_steady_ratio (0.22, cases[i].x, cases[i].l, cases[i].dn, cases[i].tau_s, 2.0);

      g_test_message ("steady c_B/c_A, %s, 220 µm²/s, B at 2 µm: grid %.4f, analytic %.4f",
                      cases[i].name, got, want);
      g_assert_cmpfloat (fabs (got - want), <, 0.03 * want);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/calcium-shafiee/transfer", test_transfer);
  g_test_add_func ("/engine/calcium-shafiee/head-decay", test_head_decay);
  g_test_add_func ("/engine/calcium-shafiee/no-transfer", test_no_transfer);
  g_test_add_func ("/engine/calcium-shafiee/steady-transfer", test_steady_transfer);

  return g_test_run ();
}
