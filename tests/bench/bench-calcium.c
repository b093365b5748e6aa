/* bench-calcium.c: cost of building the calcium grid and of one step on a
 * large dendrite: a soma and a binary tree of 127 sections of 100 µm
 * (1 µm, 3 nodes each) carrying one spine per µm (12,700 spines).
 * Prints the voxel count, build time and time per step; asserts nothing
 * about speed. */
#include <math.h>

#include "sl-calcium.h"

#define N_SECTIONS 127
#define SPINES_PER_SECTION 100

int
main (int   argc,
      char *argv[])
{
  static SlCalciumPiece pieces[N_SECTIONS + 1];
  static SlCalciumSpine spines[N_SECTIONS * SPINES_PER_SECTION];
  static int nodes[N_SECTIONS * 3 + 1];
  SlCalciumGeometry geom = { 0 };
  SlCalciumSpec spec = {
    .ca_rest = 70e-6, .eta_head = 0.04, .tau_head = 12, .eta_shaft = 0.05,
    .tau_shaft = 50, .d_eff = 0.020, .shell_depth = 0.1, .dx_near = 0.5,
    .dx_far = 2.0, .neck_voxels = 3, .diffusion = TRUE,
  };
  g_autoptr(SlCalciumGrid) grid = NULL;
  g_autofree double *conc = NULL;
  g_autofree double *node_ica = NULL;
  g_autofree double *head_ica = NULL;
  g_autoptr(GError) error = NULL;
  const int n_steps = 4000;
  int n_nodes = 1, n_spines = 0;
  gint64 t0, t_build, t1, t2;

  nodes[0] = 0;
  pieces[0] = (SlCalciumPiece) { -1, 0, 20, 20, 20, 0, NULL, NULL, 1, nodes, NULL };
  for (int i = 1; i <= N_SECTIONS; i++)
    {
      int *nd = nodes + 1 + 3 * (i - 1);

      for (int k = 0; k < 3; k++)
        nd[k] = n_nodes++;
      pieces[i] = (SlCalciumPiece) { i == 1 ? 0 : i / 2, i == 1 ? 10.0 : 100.0,
                                     100.0, 1.0, 1.0, 0, NULL, NULL, 3, nd, NULL };
      for (int k = 0; k < SPINES_PER_SECTION; k++)
        spines[n_spines++] = (SlCalciumSpine) { i, k + 0.5, 0.087, 1.0, 0.15, -1, -1 };
    }
  geom = (SlCalciumGeometry) { N_SECTIONS + 1, pieces, n_spines, spines, n_nodes };

  t0 = g_get_monotonic_time ();
  grid = sl_calcium_grid_new (&geom, &spec, &error);
  t_build = g_get_monotonic_time ();
  if (grid == NULL)
    {
      g_printerr ("bench-calcium: %s\n", error->message);
      return 1;
    }
  conc = g_new (double, sl_calcium_grid_get_state_size (grid));
  node_ica = g_new0 (double, n_nodes);
  head_ica = g_new0 (double, n_spines);
  sl_calcium_grid_init_state (grid, conc);
  for (int s = 0; s < n_spines; s += 7)
    head_ica[s] = -1e-3;
  for (int k = 0; k < n_nodes; k += 3)
    node_ica[k] = -1e-3;

  t1 = g_get_monotonic_time ();
  for (int k = 0; k < n_steps; k++)
    sl_calcium_grid_step (grid, conc, node_ica, head_ica, 0.025);
  t2 = g_get_monotonic_time ();

  g_print ("bench-calcium: %d spines, %d voxels; build %.1f ms; step %.1f µs "
           "(%.1f ns per voxel); head 0 at %.4f µM after %g ms\n",
           n_spines, sl_calcium_grid_get_n_voxels (grid), (t_build - t0) / 1e3,
           (double) (t2 - t1) / n_steps,
           1e3 * (double) (t2 - t1) / n_steps / sl_calcium_grid_get_n_voxels (grid),
           sl_calcium_grid_get_head_conc (grid, conc, 0) * 1e3, n_steps * 0.025);
  return 0;
}
