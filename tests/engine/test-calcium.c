/* test-calcium.c: the calcium voxel grid against hand and analytic results
 * (models.md §2.1–2.3). */
#include <math.h>
#include <string.h>

#include "sl-calcium.h"
#include "sl-test-cells.h"

static const int node0[] = { 0 };

/* One cylinder of `length` × `diam` µm on electrical node 0, with n_spines
 * spines at `pos` (head X, neck L × d). */
static SlCalciumGrid *
cylinder_grid (const SlCalciumSpec *spec,
               double               length,
               double               diam,
               int                  n_spines,
               const double        *pos,
               double               head_volume,
               double               neck_length,
               double               neck_diam)
{
  SlCalciumPiece piece = { -1, 0, length, diam, diam, 0, NULL, NULL, 1, node0, NULL };
  SlCalciumSpine spines[8];
  SlCalciumGeometry geom = { 1, &piece, n_spines, spines, 1 };
  GError *error = NULL;
  SlCalciumGrid *grid;

  g_assert_cmpint (n_spines, <=, 8);
  for (int s = 0; s < n_spines; s++)
    spines[s] = (SlCalciumSpine) { 0, pos[s], head_volume, neck_length, neck_diam, -1, -1 };

  grid = sl_calcium_grid_new (&geom, spec, &error);
  g_assert_no_error (error);
  g_assert_nonnull (grid);
  return grid;
}

/* (a) A point source on a long cylinder without clearance spreads as
 * c(x, t) = N/(A·√(4πDt))·exp(−x²/(4Dt)). */
static void
test_point_source (void)
{
  SlCalciumSpec spec;
  g_autoptr(SlCalciumGrid) grid = NULL;
  g_autofree double *conc = NULL;
  const double D = 0.22, dt = 0.025, L = 200.0, diam = 1.0;
  const double area = G_PI * 0.25 * diam * diam;   /* full cylinder */
  const double checks[] = { 10.0, 50.0 };
  SlCalciumVoxelInfo info;
  double amount0, n_amount, t = 0.0;
  int src, n;

  sl_test_calcium_spec_init (&spec);
  spec.ca_rest = 0.0;
  spec.tau_shaft = INFINITY;
  spec.d_eff = D;
  spec.shell_depth = 0.0;
  spec.dx_near = 0.25;
  spec.dx_far = 0.25;
  grid = cylinder_grid (&spec, L, diam, 0, NULL, 0, 0, 0);
  n = sl_calcium_grid_get_n_voxels (grid);
  g_assert_cmpint (n, ==, 800);
  conc = g_new (double, sl_calcium_grid_get_state_size (grid));
  sl_calcium_grid_init_state (grid, conc);

  src = sl_calcium_grid_find_voxel (grid, 0, 100.1);
  sl_calcium_grid_get_voxel (grid, src, &info);
  n_amount = 1e-3;                       /* mM·µm³ */
  conc[src] = n_amount / info.volume;
  amount0 = sl_calcium_grid_get_amount (grid, conc);
  g_assert_cmpfloat_with_epsilon (amount0, n_amount, 1e-15);

  for (guint c = 0; c < G_N_ELEMENTS (checks); c++)
    {
      double max_rel = 0.0, four_dt;

      while (t < checks[c] - 1e-9)
        {
          sl_calcium_grid_step (grid, conc, NULL, NULL, dt);
          t += dt;
        }
      four_dt = 4.0 * D * t;
      /* compare within two standard deviations √(2Dt) of the source */
      for (int i = 0; i < n; i++)
        {
          double x, exact;

          sl_calcium_grid_get_voxel (grid, i, &info);
          x = info.pos - 100.125;
          if (fabs (x) > 2.0 * sqrt (2.0 * D * t))
            continue;
          exact = n_amount / (area * sqrt (G_PI * four_dt)) * exp (-x * x / four_dt);
          max_rel = MAX (max_rel, fabs (conc[i] - exact) / exact);
        }
      g_test_message ("point source t = %g ms (σ = %.2f µm): max relative error %.2e",
                      t, sqrt (2.0 * D * t), max_rel);
      g_assert_cmpfloat (max_rel, <, 0.01);
      g_assert_cmpfloat (fabs (sl_calcium_grid_get_amount (grid, conc) - amount0) / amount0, <, 1e-12);
    }
}

/* (a) Without clearance the grid conserves calcium on a branched tree
 * with spines: amount(t) = amount(0) + Σ influx·dt. */
static void
test_mass_conservation (void)
{
  SlCalciumSpec spec;
  const int nodes_a[] = { 0, 1, 2 }, nodes_b[] = { 3 }, nodes_c[] = { 4, 5 };
  SlCalciumPiece pieces[] = {
    { -1, 0, 30.0, 2.0, 1.5, 0, NULL, NULL, 3, nodes_a, NULL },
    { 0, 30.0, 20.0, 1.0, 0.6, 0, NULL, NULL, 1, nodes_b, NULL },
    { 0, 12.0, 25.0, 0.8, 0.8, 0, NULL, NULL, 2, nodes_c, NULL },
  };
  SlCalciumSpine spines[] = {
    { 1, 5.0, 0.087, 1.0, 0.15, 6, 7 },
    { 1, 6.5, 0.2, 0.7, 0.2, 8, 9 },
    { 2, 24.9, 0.05, 1.5, 0.1, 10, 11 },
  };
  SlCalciumGeometry geom = { 3, pieces, 3, spines, 12 };
  g_autoptr(SlCalciumGrid) grid = NULL;
  g_autofree double *conc = NULL;
  GError *error = NULL;
  double node_ica[12] = { 0 }, head_ica[3] = { -2e-3, 0, -1e-3 };
  double amount0, added = 0.0, amount;
  const double dt = 0.025;

  sl_test_calcium_spec_init (&spec);
  spec.tau_head = INFINITY;
  spec.tau_shaft = INFINITY;
  spec.d_eff = 0.22;
  grid = sl_calcium_grid_new (&geom, &spec, &error);
  g_assert_no_error (error);
  conc = g_new (double, sl_calcium_grid_get_state_size (grid));
  sl_calcium_grid_init_state (grid, conc);
  node_ica[1] = -5e-3;
  node_ica[4] = -3e-3;
  node_ica[7] = -1e-3;   /* a head node: shared by membrane area, here the head alone */
  amount0 = sl_calcium_grid_get_amount (grid, conc);

  for (int k = 0; k < 4000; k++)
    {
      gboolean on = k < 400;

      sl_calcium_grid_step (grid, conc, on ? node_ica : NULL, on ? head_ica : NULL, dt);
      if (on)
        {
          /* mM·µm³ per ms = −η·I·10⁶/(2F) */
          added += -(spec.eta_shaft * (node_ica[1] + node_ica[4])
                     + spec.eta_head * (node_ica[7] + head_ica[0] + head_ica[2]))
                   * 1e6 / (2.0 * SL_FARADAY) * dt;
        }
    }
  amount = sl_calcium_grid_get_amount (grid, conc);
  g_test_message ("mass: start %.6e, added %.6e, end %.6e, relative error %.1e",
                  amount0, added, amount, fabs (amount - amount0 - added) / (amount0 + added));
  g_assert_cmpfloat (added, >, amount0);
  g_assert_cmpfloat (fabs (amount - amount0 - added) / (amount0 + added), <, 1e-9);
  /* calcium reached every corner of the tree: the third spine's head rose */
  g_assert_cmpfloat (sl_calcium_grid_get_head_conc (grid, conc, 1), >, 1.5 * spec.ca_rest);
}

/* (b) With diffusion off an isolated head decays with τ_head, integrated
 * exactly (as NEURON's sl_cahead.mod); with diffusion on and the neck
 * closed off by a vanishing D the backward-Euler grid gives
 * τ_measured = dt/ln(1 + dt/τ) ≈ τ + dt/2. */
static void
test_head_decay (void)
{
  const gboolean diffusion[] = { FALSE, TRUE };

  for (guint k = 0; k < G_N_ELEMENTS (diffusion); k++)
    {
      SlCalciumSpec spec;
      g_autoptr(SlCalciumGrid) grid = NULL;
      g_autofree double *conc = NULL;
      const double pos[] = { 10.0 }, dt = 0.025;
      double u0 = 1e-3, u, tau, expected;
      int head;

      sl_test_calcium_spec_init (&spec);
      spec.diffusion = diffusion[k];
      spec.d_eff = 1e-12;
      grid = cylinder_grid (&spec, 20.0, 1.0, 1, pos, 0.087, 1.0, 0.15);
      conc = g_new (double, sl_calcium_grid_get_state_size (grid));
      sl_calcium_grid_init_state (grid, conc);
      head = sl_calcium_grid_get_head_voxel (grid, 0);
      conc[head] += u0;
      for (int s = 0; s < 480; s++)   /* 12 ms */
        sl_calcium_grid_step (grid, conc, NULL, NULL, dt);
      u = conc[head] - spec.ca_rest;
      tau = -12.0 / log (u / u0);
      expected = diffusion[k] ? dt / log (1.0 + dt / spec.tau_head) : spec.tau_head;
      g_test_message ("head decay (diffusion %s): τ measured %.4f ms, τ_head %.1f ms",
                      diffusion[k] ? "on, D → 0" : "off", tau, spec.tau_head);
      g_assert_cmpfloat (fabs (tau - spec.tau_head) / spec.tau_head, <, 2e-3);
      g_assert_cmpfloat (fabs (tau - expected), <, 1e-6);
    }
}

/* Time constant of the slow decay of u(t): the time it takes to fall from
 * e⁻¹ to e⁻³ of its start, halved. */
static double
slow_tau (const SlCalciumGrid *grid,
          double              *conc,
          int                  a,
          int                  b,
          double               dt,
          double               t_max)
{
  double u0 = conc[a] - conc[b], t = 0.0, t1 = -1, t3 = -1;

  while (t < t_max && t3 < 0)
    {
      double u;

      sl_calcium_grid_step (grid, conc, NULL, NULL, dt);
      t += dt;
      u = conc[a] - conc[b];
      if (t1 < 0 && u < exp (-1.0) * u0)
        t1 = t;
      if (t3 < 0 && u < exp (-3.0) * u0)
        t3 = t;
    }
  g_assert_cmpfloat (t3, >, 0);
  return 0.5 * (t3 - t1);
}

/* (c) Head + neck on a large shaft, no clearance: the head empties with
 * τ_neck = X·L_n/(D·A_n) (models.md §2.3: 226, 45, 21 ms at D = 20, 100,
 * 220 µm²/s). */
static void
test_neck_equilibration (void)
{
  const double d_values[] = { 0.020, 0.100, 0.220 };
  const double published[] = { 226.0, 45.0, 21.0 };
  const double X = 0.08, Ln = 1.0, dn = 0.15, pos[] = { 20.0 };
  const double an = G_PI * dn * dn / 4.0, a = 0.5 * dn, vn = an * Ln;

  for (guint k = 0; k < G_N_ELEMENTS (d_values); k++)
    {
      SlCalciumSpec spec;
      g_autoptr(SlCalciumGrid) grid = NULL;
      g_autofree double *conc = NULL;
      double D = d_values[k], tau_formula, tau_refined, tau;
      int head, base;
      SlCalciumVoxelInfo info;

      sl_test_calcium_spec_init (&spec);
      spec.tau_head = INFINITY;
      spec.tau_shaft = INFINITY;
      spec.d_eff = D;
      spec.shell_depth = 0.0;
      grid = cylinder_grid (&spec, 40.0, 4.0, 1, pos, X, Ln, dn);
      conc = g_new (double, sl_calcium_grid_get_state_size (grid));
      sl_calcium_grid_init_state (grid, conc);
      head = sl_calcium_grid_get_head_voxel (grid, 0);
      sl_calcium_grid_get_voxel (grid, head - spec.neck_voxels, &info);
      base = info.parent;
      conc[head] += 1e-3;

      tau = slow_tau (grid, conc, head, base, 0.025, 5000.0);
      tau_formula = X * Ln / (D * an);
      /* the same with the two access lengths π·a/4 added to the neck and
       * a third of the neck volume added to the head (slowest mode of a
       * short cable loaded by a large end volume) */
      tau_refined = (X + vn / 3.0) * (Ln + G_PI * a / 2.0) / (D * an);
      g_test_message ("neck D = %g µm²/s: τ measured %.1f ms, formula %.1f ms (models.md %g), "
                      "ratio %.3f; refined %.1f ms (ratio %.3f)",
                      D * 1000, tau, tau_formula, published[k], tau / tau_formula,
                      tau_refined, tau / tau_refined);
      /* models.md rounds to whole ms */
      g_assert_cmpfloat (fabs (tau_formula - published[k]), <, 0.5);
      g_assert_cmpfloat (fabs (tau - tau_refined) / tau_refined, <, 0.03);
      g_assert_cmpfloat (fabs (tau - tau_formula) / tau_formula, <, 0.25);
    }
}

/* (d) A steady point source in a shaft with clearance: the profile falls
 * as exp(−|x|/λ), λ = √(D·τ) (1.6 µm at D = 220 µm²/s, τ = 12 ms; 0.5 µm
 * at 20 µm²/s). */
static void
test_length_constant (void)
{
  const double d_values[] = { 0.220, 0.020 };
  const double dx_values[] = { 0.25, 0.05 };
  const double published[] = { 1.6, 0.5 };

  for (guint k = 0; k < G_N_ELEMENTS (d_values); k++)
    {
      SlCalciumSpec spec;
      g_autoptr(SlCalciumGrid) grid = NULL;
      g_autofree double *conc = NULL;
      const int nodes[] = { 0, 1, 2 };
      const double h = dx_values[k];
      const double ends[] = { 50.0 - h / 2, 50.0 + h / 2, 100.0 };
      SlCalciumPiece piece = { -1, 0, 100.0, 1.0, 1.0, 0, NULL, NULL, 3, nodes, ends };
      SlCalciumGeometry geom = { 1, &piece, 0, NULL, 3 };
      double node_ica[3] = { 0, -1e-3, 0 }, lambda, lambda_exact, x1, x2, u1, u2;
      double influx, cleared = 0.0;
      GError *error = NULL;
      int i1, i2;

      sl_test_calcium_spec_init (&spec);
      spec.tau_shaft = 12.0;
      spec.d_eff = d_values[k];
      spec.dx_near = h;
      spec.dx_far = h;
      grid = sl_calcium_grid_new (&geom, &spec, &error);
      g_assert_no_error (error);
      conc = g_new (double, sl_calcium_grid_get_state_size (grid));
      sl_calcium_grid_init_state (grid, conc);
      for (int s = 0; s < 8000; s++)   /* 200 ms ≈ 17 τ */
        sl_calcium_grid_step (grid, conc, node_ica, NULL, 0.025);

      lambda_exact = sqrt (d_values[k] * 12.0);
      x1 = 50.0 + 2.0 * lambda_exact;
      x2 = 50.0 + 5.0 * lambda_exact;
      i1 = sl_calcium_grid_find_voxel (grid, 0, x1);
      i2 = sl_calcium_grid_find_voxel (grid, 0, x2);
      {
        SlCalciumVoxelInfo v1, v2;

        sl_calcium_grid_get_voxel (grid, i1, &v1);
        sl_calcium_grid_get_voxel (grid, i2, &v2);
        u1 = conc[i1] - spec.ca_rest;
        u2 = conc[i2] - spec.ca_rest;
        lambda = (v2.pos - v1.pos) / log (u1 / u2);
      }
      /* steady state: influx equals clearance Σ V (c − c_rest)/τ */
      influx = spec.eta_shaft * 1e-3 * 1e6 / (2.0 * SL_FARADAY);
      for (int i = 0; i < sl_calcium_grid_get_n_voxels (grid); i++)
        {
          SlCalciumVoxelInfo v;

          sl_calcium_grid_get_voxel (grid, i, &v);
          cleared += v.volume * (conc[i] - spec.ca_rest) / spec.tau_shaft;
        }
      g_test_message ("length constant D = %g µm²/s: λ measured %.4f µm, √(Dτ) %.4f µm "
                      "(models.md %g); influx %.4e, clearance %.4e mM·µm³/ms",
                      d_values[k] * 1000, lambda, lambda_exact, published[k], influx, cleared);
      g_assert_cmpfloat (fabs (lambda_exact - published[k]) / published[k], <, 0.03);
      g_assert_cmpfloat (fabs (lambda - lambda_exact) / lambda_exact, <, 0.01);
      g_assert_cmpfloat (fabs (cleared - influx) / influx, <, 1e-4);
    }
}

/* (e) models.md §2.1: −1 pA into 0.087 µm³ with η = 0.04 gives +2.38 µM/ms. */
static void
test_unit_recipe (void)
{
  SlCalciumSpec spec;
  g_autoptr(SlCalciumGrid) grid = NULL;
  g_autofree double *conc = NULL;
  const double pos[] = { 5.0 }, head_ica[] = { -1e-3 }, dt = 0.025;
  double rate_head, rate_shaft, expected_shaft, c0, shaft_volume = 0, shaft_area = 0;
  double node_ica[1] = { -1e-3 };

  sl_test_calcium_spec_init (&spec);
  spec.diffusion = FALSE;
  spec.tau_head = INFINITY;
  spec.tau_shaft = INFINITY;
  grid = cylinder_grid (&spec, 10.0, 1.0, 1, pos, 0.087, 1.0, 0.15);
  conc = g_new (double, sl_calcium_grid_get_state_size (grid));
  sl_calcium_grid_init_state (grid, conc);
  c0 = sl_calcium_grid_get_head_conc (grid, conc, 0);
  sl_calcium_grid_step (grid, conc, NULL, head_ica, dt);
  rate_head = (sl_calcium_grid_get_head_conc (grid, conc, 0) - c0) / dt * 1e3;   /* µM/ms */
  g_test_message ("unit recipe: head %.4f µM/ms (models.md 2.38)", rate_head);
  g_assert_cmpfloat (fabs (rate_head - 2.38) / 2.38, <, 2e-3);
  g_assert_cmpfloat (fabs (rate_head - 0.04 * 1e-3 * 1e6 / (2 * 96485.33 * 0.087) * 1e3), <, 1e-9);

  /* a node current spreads over the node's shaft voxels by membrane area
   * (uniform cylinder: uniform rate) → −η·I/(2F·V_shell) for the shell */
  sl_calcium_grid_init_state (grid, conc);
  sl_calcium_grid_step (grid, conc, node_ica, NULL, dt);
  for (int i = 0; i < sl_calcium_grid_get_n_voxels (grid); i++)
    {
      SlCalciumVoxelInfo v;

      sl_calcium_grid_get_voxel (grid, i, &v);
      if (v.kind != SL_CALCIUM_VOXEL_SHAFT)
        continue;
      shaft_volume += v.volume;
      shaft_area += v.area;
    }
  /* shell of 0.1 µm under a 1 µm cylinder of 10 µm: π·10·(0.5² − 0.4²) */
  g_assert_cmpfloat (fabs (shaft_volume - G_PI * 10 * (0.25 - 0.16)), <, 1e-9);
  g_assert_cmpfloat (fabs (shaft_area - G_PI * 10), <, 1e-9);
  expected_shaft = 0.05 * 1e-3 * 1e6 / (2 * SL_FARADAY * shaft_volume);
  rate_shaft = (sl_calcium_grid_get_node_conc (grid, conc, 0) - spec.ca_rest) / dt;
  g_assert_cmpfloat (fabs (rate_shaft - expected_shaft) / expected_shaft, <, 1e-9);
}

/* (f) Backward Euler stays positive and free of oscillation at
 * dt = 0.025 and 1 ms with D = 220 µm²/s on 0.5 µm voxels (explicit Euler
 * would need dt < Δx²/(2D) = 0.57 ms, less in the necks). */
static void
test_stability (void)
{
  const double dts[] = { 0.025, 1.0, 100.0 };
  const double pos[] = { 20.0, 21.0 };
  double head_at_20[G_N_ELEMENTS (dts)];

  for (guint k = 0; k < G_N_ELEMENTS (dts); k++)
    {
      SlCalciumSpec spec;
      g_autoptr(SlCalciumGrid) grid = NULL;
      g_autofree double *conc = NULL;
      double dt = dts[k], t = 0, prev_head, prev_max;
      int head, n;

      sl_test_calcium_spec_init (&spec);
      spec.d_eff = 0.22;
      grid = cylinder_grid (&spec, 40.0, 1.0, 2, pos, 0.087, 1.0, 0.15);
      n = sl_calcium_grid_get_n_voxels (grid);
      conc = g_new (double, sl_calcium_grid_get_state_size (grid));
      sl_calcium_grid_init_state (grid, conc);
      head = sl_calcium_grid_get_head_voxel (grid, 0);
      conc[head] = 1.0;
      prev_head = conc[head];
      prev_max = 1.0;
      head_at_20[k] = NAN;
      while (t < 200.0 - 1e-9)
        {
          double mx = 0;

          sl_calcium_grid_step (grid, conc, NULL, NULL, dt);
          t += dt;
          for (int i = 0; i < n; i++)
            {
              g_assert_cmpfloat (conc[i], >=, spec.ca_rest * (1 - 1e-12));
              mx = MAX (mx, conc[i]);
            }
          /* discrete maximum principle and a monotone head decay */
          g_assert_cmpfloat (mx, <=, prev_max * (1 + 1e-12));
          g_assert_cmpfloat (conc[head], <=, prev_head * (1 + 1e-12));
          prev_max = mx;
          prev_head = conc[head];
          if (fabs (t - 20.0) < 1e-9 || (isnan (head_at_20[k]) && t > 20.0))
            head_at_20[k] = conc[head];
        }
      g_test_message ("stability dt = %g ms: head at the first t ≥ 20 ms %.4e mM", dt, head_at_20[k]);
    }
  /* dt = 1 ms is stable but first-order accurate: clearance alone gives
   * (1 + dt/τ)^(−t/dt) = 0.2018 against e^(−t/τ) = 0.1889 at t = 20 ms,
   * τ = 12 ms (+7 %); the neck modes add their own lag. */
  g_assert_cmpfloat (head_at_20[1], >, head_at_20[0]);
  g_assert_cmpfloat (fabs (head_at_20[1] - head_at_20[0]) / head_at_20[0], <, 0.2);
}

/* (g) With diffusion off every head is its own pool. */
static void
test_isolated (void)
{
  SlCalciumSpec spec;
  g_autoptr(SlCalciumGrid) grid = NULL;
  g_autofree double *conc = NULL;
  const double pos[] = { 10.0, 10.5 }, head_ica[] = { -1e-3, 0 }, dt = 0.025;
  double c = 70e-6;

  sl_test_calcium_spec_init (&spec);
  spec.diffusion = FALSE;
  grid = cylinder_grid (&spec, 20.0, 1.0, 2, pos, 0.087, 1.0, 0.15);
  conc = g_new (double, sl_calcium_grid_get_state_size (grid));
  sl_calcium_grid_init_state (grid, conc);
  for (int k = 0; k < 400; k++)
    {
      gboolean on = k < 40;
      double rate = on ? 0.04 * 1e-3 * 1e6 / (2 * SL_FARADAY * 0.087) : 0;
      double c_inf = spec.ca_rest + rate * spec.tau_head;

      sl_calcium_grid_step (grid, conc, NULL, on ? head_ica : NULL, dt);
      /* the single pool, exact over the step with constant influx */
      c = c_inf + (c - c_inf) * exp (-dt / spec.tau_head);
      g_assert_cmpfloat (fabs (sl_calcium_grid_get_head_conc (grid, conc, 0) - c), <, 1e-15);
      g_assert_cmpfloat (sl_calcium_grid_get_head_conc (grid, conc, 1), ==, spec.ca_rest);
      g_assert_cmpfloat (fabs (sl_calcium_grid_get_node_conc (grid, conc, 0) - spec.ca_rest), <, 1e-18);
    }
}

/* Voxel sizes: ≤ dx_near within 10 µm of a spine (also across a branch
 * point), ≤ dx_far elsewhere; cuts at node boundaries; Hines order. */
static void
test_voxels (void)
{
  SlCalciumSpec spec;
  const int nodes_a[] = { 0, 1 }, nodes_b[] = { 2, 3, 4 }, nodes_c[] = { 5 };
  SlCalciumPiece pieces[] = {
    { -1, 0, 40.0, 2.0, 2.0, 0, NULL, NULL, 2, nodes_a, NULL },
    { 0, 40.0, 60.0, 1.0, 1.0, 0, NULL, NULL, 3, nodes_b, NULL },
    { 0, 40.0, 30.0, 1.0, 1.0, 0, NULL, NULL, 1, nodes_c, NULL },
  };
  /* 4 µm into piece 1: the fine zone reaches 6 µm back into piece 0 and
   * 6 µm into its sibling piece 2 */
  SlCalciumSpine spines[] = { { 1, 4.0, 0.087, 1.0, 0.15, 6, 7 } };
  SlCalciumGeometry geom = { 3, pieces, 1, spines, 8 };
  g_autoptr(SlCalciumGrid) grid = NULL;
  GError *error = NULL;
  int n;

  sl_test_calcium_spec_init (&spec);
  grid = sl_calcium_grid_new (&geom, &spec, &error);
  g_assert_no_error (error);
  n = sl_calcium_grid_get_n_voxels (grid);
  for (int i = 0; i < n; i++)
    {
      SlCalciumVoxelInfo v;
      double dist;

      sl_calcium_grid_get_voxel (grid, i, &v);
      g_assert_cmpint (v.parent, <, i);
      g_assert_cmpfloat (v.volume, >, 0);
      if (i > 0)
        g_assert_cmpint (v.parent, >=, 0);
      if (v.kind != SL_CALCIUM_VOXEL_SHAFT)
        continue;
      /* path distance from the spine to the voxel's far edge */
      if (v.piece == 1)
        dist = fabs (v.pos - 4.0) + 0.5 * v.length;
      else if (v.piece == 0)
        dist = 4.0 + (40.0 - v.pos) + 0.5 * v.length;
      else
        dist = 4.0 + v.pos + 0.5 * v.length;
      if (dist <= 10.0)
        g_assert_cmpfloat (v.length, <=, spec.dx_near + 1e-9);
      g_assert_cmpfloat (v.length, <=, spec.dx_far + 1e-9);
      /* each shaft voxel lies inside its node's interval */
      {
        const SlCalciumPiece *p = &pieces[v.piece];
        int k = (int) floor (v.pos / (p->length / p->n_nodes));

        g_assert_cmpint (v.node, ==, p->nodes[k]);
        g_assert_cmpfloat (v.pos - 0.5 * v.length, >=, k * p->length / p->n_nodes - 1e-9);
        g_assert_cmpfloat (v.pos + 0.5 * v.length, <=, (k + 1) * p->length / p->n_nodes + 1e-9);
      }
    }
  /* the first voxel of piece 2 hangs on the last voxel of piece 0 */
  {
    SlCalciumVoxelInfo v, par;
    int first = sl_calcium_grid_find_voxel (grid, 2, 0.0);

    sl_calcium_grid_get_voxel (grid, first, &v);
    sl_calcium_grid_get_voxel (grid, v.parent, &par);
    g_assert_cmpint (par.piece, ==, 0);
    g_assert_cmpfloat (par.pos + 0.5 * par.length, ==, 40.0);
  }
  /* the spine: 3 neck voxels then the head, mapped to their nodes */
  {
    SlCalciumVoxelInfo v;
    int head = sl_calcium_grid_get_head_voxel (grid, 0);

    sl_calcium_grid_get_voxel (grid, head, &v);
    g_assert_cmpint (v.kind, ==, SL_CALCIUM_VOXEL_HEAD);
    g_assert_cmpint (v.node, ==, 7);
    g_assert_cmpfloat (v.volume, ==, 0.087);
    sl_calcium_grid_get_voxel (grid, head - 3, &v);
    g_assert_cmpint (v.kind, ==, SL_CALCIUM_VOXEL_NECK);
    g_assert_cmpint (v.node, ==, 6);
    sl_calcium_grid_get_voxel (grid, v.parent, &v);
    g_assert_cmpint (v.piece, ==, 1);
    g_assert_cmpfloat (fabs (v.pos - 4.0), <=, 0.5 * v.length);
  }
}

/* The fine zone of a lone spine covers ±10 µm and not much more, also when
 * its edge falls next to a node boundary (no sliver voxel). */
static void
test_fine_zone (void)
{
  const double positions[] = { 50.0, 35.03, 35.1 };

  for (guint k = 0; k < G_N_ELEMENTS (positions); k++)
    {
      SlCalciumSpec spec;
      const int nodes[] = { 0, 1, 2, 3 };
      SlCalciumPiece piece = { -1, 0, 100.0, 1.0, 1.0, 0, NULL, NULL, 4, nodes, NULL };
      SlCalciumSpine spine = { 0, positions[k], 0.087, 1.0, 0.15, -1, -1 };
      SlCalciumGeometry geom = { 1, &piece, 1, &spine, 4 };
      g_autoptr(SlCalciumGrid) grid = NULL;
      GError *error = NULL;
      double fine = 0.0, shortest = G_MAXDOUBLE;

      sl_test_calcium_spec_init (&spec);
      grid = sl_calcium_grid_new (&geom, &spec, &error);
      g_assert_no_error (error);
      for (int i = 0; i < sl_calcium_grid_get_n_voxels (grid); i++)
        {
          SlCalciumVoxelInfo v;

          sl_calcium_grid_get_voxel (grid, i, &v);
          if (v.kind != SL_CALCIUM_VOXEL_SHAFT)
            continue;
          shortest = MIN (shortest, v.length);
          /* any voxel reaching into the zone (less a tenth of dx_near) is fine */
          if (fabs (v.pos - positions[k]) - 0.5 * v.length < 10.0 - 0.1 * spec.dx_near)
            g_assert_cmpfloat (v.length, <=, spec.dx_near + 1e-9);
          if (v.length <= spec.dx_near + 1e-9)
            fine += v.length;
        }
      /* the zone, plus at most a short far interval cut off at each side */
      g_assert_cmpfloat (fine, >=, 20.0 - 0.2 * spec.dx_near);
      g_assert_cmpfloat (fine, <=, 20.0 + 2 * spec.dx_near);
      g_assert_cmpfloat (shortest, >=, 0.1 * spec.dx_near - 1e-9);
    }
}

static void
test_errors (void)
{
  SlCalciumSpec spec;
  const int nodes[] = { 0 }, bad_nodes[] = { 3 };
  SlCalciumPiece piece = { -1, 0, 10.0, 1.0, 1.0, 0, NULL, NULL, 1, nodes, NULL };
  SlCalciumSpine spine = { 0, 12.0, 0.087, 1.0, 0.15, -1, -1 };
  SlCalciumGeometry geom = { 1, &piece, 1, &spine, 1 };
  SlCalciumGrid *grid;
  GError *error = NULL;

  sl_test_calcium_spec_init (&spec);
  spec.tau_head = -1;
  grid = sl_calcium_grid_new (&geom, &spec, &error);
  g_assert_null (grid);
  g_assert_error (error, SL_CALCIUM_ERROR, SL_CALCIUM_ERROR_SPEC);
  g_assert_nonnull (strstr (error->message, "tau_head"));
  g_clear_error (&error);

  sl_test_calcium_spec_init (&spec);
  spec.d_eff = NAN;
  g_assert_false (sl_calcium_spec_check (&spec, &error));
  g_assert_error (error, SL_CALCIUM_ERROR, SL_CALCIUM_ERROR_SPEC);
  g_clear_error (&error);

  sl_test_calcium_spec_init (&spec);
  grid = sl_calcium_grid_new (&geom, &spec, &error);
  g_assert_null (grid);
  g_assert_error (error, SL_CALCIUM_ERROR, SL_CALCIUM_ERROR_GEOMETRY);
  g_assert_nonnull (strstr (error->message, "spine 0"));
  g_clear_error (&error);

  spine.pos = 5.0;
  piece.nodes = bad_nodes;
  grid = sl_calcium_grid_new (&geom, &spec, &error);
  g_assert_null (grid);
  g_assert_error (error, SL_CALCIUM_ERROR, SL_CALCIUM_ERROR_GEOMETRY);
  g_clear_error (&error);

  piece.nodes = nodes;
  piece.parent = 0;
  grid = sl_calcium_grid_new (&geom, &spec, &error);
  g_assert_null (grid);
  g_assert_error (error, SL_CALCIUM_ERROR, SL_CALCIUM_ERROR_GEOMETRY);
  g_assert_nonnull (strstr (error->message, "piece 0"));
  g_clear_error (&error);

  piece.parent = -1;
  piece.length = 1e12;
  grid = sl_calcium_grid_new (&geom, &spec, &error);
  g_assert_null (grid);
  g_assert_error (error, SL_CALCIUM_ERROR, SL_CALCIUM_ERROR_GEOMETRY);
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/calcium/point-source", test_point_source);
  g_test_add_func ("/engine/calcium/mass-conservation", test_mass_conservation);
  g_test_add_func ("/engine/calcium/head-decay", test_head_decay);
  g_test_add_func ("/engine/calcium/neck-equilibration", test_neck_equilibration);
  g_test_add_func ("/engine/calcium/length-constant", test_length_constant);
  g_test_add_func ("/engine/calcium/unit-recipe", test_unit_recipe);
  g_test_add_func ("/engine/calcium/stability", test_stability);
  g_test_add_func ("/engine/calcium/isolated", test_isolated);
  g_test_add_func ("/engine/calcium/voxels", test_voxels);
  g_test_add_func ("/engine/calcium/fine-zone", test_fine_zone);
  g_test_add_func ("/engine/calcium/errors", test_errors);

  return g_test_run ();
}
