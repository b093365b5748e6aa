/* test-calcium-model.c: the calcium grid built from an SlModel's sections,
 * pt3d profile, nodes and spines (a small model filled in by hand). */
#include <math.h>
#include <string.h>

#include "sl-calcium.h"
#include "sl-model.h"
#include "sl-test-cells.h"

/* soma: section 0, a 20 × 20 µm cylinder (node 0); dendrite: section 1 on
 * soma(0.5), 50 µm tapering 2 → 1.5 µm over its first 10 µm then to 1 µm,
 * nseg 5 (nodes 1–5); two spines at x = 0.5 and 0.54 (nodes 6–9). */
typedef struct
{
  SlModel        model;
  SlModelSection sections[2];
  double         pt3d[5 * 4];
  int            spine_section[2];
  double         spine_x[2], spine_volume[2], neck_length[2], neck_diam[2];
} Fixture;

static void
fixture_init (Fixture *f)
{
  static const double pt[] = {
    0, -10, 0, 20,   0, 10, 0, 20,
    10, 0, 0, 2,     20, 0, 0, 1.5,   60, 0, 0, 1,
  };

  memset (f, 0, sizeof *f);
  memcpy (f->pt3d, pt, sizeof pt);
  f->sections[0] = (SlModelSection) { .parent = -1, .nseg = 1, .first_node = 0,
                                      .pt_offset = 0, .n_pt = 2, .length = 20.0 };
  f->sections[1] = (SlModelSection) { .parent = 0, .parent_x = 0.5, .parent_node = 0,
                                      .nseg = 5, .first_node = 1,
                                      .pt_offset = 2, .n_pt = 3, .length = 50.0 };
  for (int k = 0; k < 2; k++)
    {
      f->spine_section[k] = 1;
      f->spine_volume[k] = 0.087;
      f->neck_length[k] = 1.0;
      f->neck_diam[k] = 0.15;
    }
  f->spine_x[0] = 0.5;
  f->spine_x[1] = 0.54;

  f->model.n_nodes = 10;
  f->model.n_cable = 6;
  f->model.n_sections = 2;
  f->model.n_pt = 5;
  f->model.n_spines = 2;
  f->model.sections = f->sections;
  f->model.pt3d = f->pt3d;
  f->model.spine_section = f->spine_section;
  f->model.spine_x = f->spine_x;
  f->model.spine_volume = f->spine_volume;
  f->model.spine_neck_length = f->neck_length;
  f->model.spine_neck_diam = f->neck_diam;
}

/* Shell volume of a frustum segment, radii ra → rb over h, depth δ. */
static double
shell_frustum (double ra,
               double rb,
               double h,
               double d)
{
  double outer = G_PI * h * (ra * ra + ra * rb + rb * rb) / 3.0;
  double ia = ra - d, ib = rb - d;

  return outer - G_PI * h * (ia * ia + ia * ib + ib * ib) / 3.0;
}

static void
test_model_geometry (void)
{
  Fixture f;
  SlCalciumSpec spec;
  g_autoptr(SlCalciumGrid) grid = NULL;
  GError *error = NULL;
  double vol_node[10] = { 0 }, vol_dend = 0;
  int n;

  fixture_init (&f);
  sl_test_calcium_spec_init (&spec);
  grid = sl_calcium_grid_new_for_model (&f.model, &spec, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sl_calcium_grid_get_n_nodes (grid), ==, 10);
  g_assert_cmpint (sl_calcium_grid_get_n_spines (grid), ==, 2);
  n = sl_calcium_grid_get_n_voxels (grid);

  for (int i = 0; i < n; i++)
    {
      SlCalciumVoxelInfo v;

      sl_calcium_grid_get_voxel (grid, i, &v);
      if (v.node >= 0)
        vol_node[v.node] += v.volume;
      if (v.kind == SL_CALCIUM_VOXEL_SHAFT && v.piece == 1)
        {
          int k = (int) floor (v.pos / 10.0);

          g_assert_cmpint (v.node, ==, 1 + k);
          vol_dend += v.volume;
        }
      if (v.kind == SL_CALCIUM_VOXEL_SHAFT && v.piece == 0)
        g_assert_cmpint (v.node, ==, 0);
    }
  /* the pt3d profile: shell of the 2 → 1.5 → 1 µm frustums (voxel ends
   * fall on 20 µm, so the piecewise-linear sum is exact) */
  {
    double expected = shell_frustum (1.0, 0.75, 10.0, 0.1) + shell_frustum (0.75, 0.5, 40.0, 0.1);

    g_assert_cmpfloat (fabs (vol_dend - expected) / expected, <, 1e-9);
  }
  /* the soma shell and the spine compartments */
  g_assert_cmpfloat (fabs (vol_node[0] - G_PI * 20 * (100 - 9.9 * 9.9)) / vol_node[0], <, 1e-9);
  g_assert_cmpfloat (fabs (vol_node[7] - 0.087), <, 1e-12);
  g_assert_cmpfloat (fabs (vol_node[6] - G_PI * 0.075 * 0.075), <, 1e-12);

  /* the dendrite's first voxel hangs on the soma voxel holding soma(0.5),
   * spine 0's neck on the shaft voxel holding 25 µm */
  {
    SlCalciumVoxelInfo v, par;
    int first = sl_calcium_grid_find_voxel (grid, 1, 0.0);
    int head = sl_calcium_grid_get_head_voxel (grid, 0);

    sl_calcium_grid_get_voxel (grid, first, &v);
    sl_calcium_grid_get_voxel (grid, v.parent, &par);
    g_assert_cmpint (par.piece, ==, 0);
    g_assert_cmpfloat (fabs (par.pos - 10.0), <=, 0.5 * par.length);

    sl_calcium_grid_get_voxel (grid, head - spec.neck_voxels, &v);
    sl_calcium_grid_get_voxel (grid, v.parent, &par);
    g_assert_cmpint (par.piece, ==, 1);
    g_assert_cmpint (par.node, ==, 3);
    g_assert_cmpfloat (fabs (par.pos - 25.0), <=, 0.5 * par.length + 1e-12);
    g_assert_cmpfloat (par.length, <=, spec.dx_near + 1e-12);
  }
}

/* A Ca_HVA-like current on node 3 raises node 3 most, reaches both heads
 * through their necks, and reads back per node and per head. */
static void
test_model_step (void)
{
  Fixture f;
  SlCalciumSpec spec;
  g_autoptr(SlCalciumGrid) grid = NULL;
  g_autofree double *conc = NULL;
  double node_ica[10] = { 0 }, ca[10], heads[2];
  GError *error = NULL;

  fixture_init (&f);
  sl_test_calcium_spec_init (&spec);
  spec.d_eff = 0.22;
  grid = sl_calcium_grid_new_for_model (&f.model, &spec, &error);
  g_assert_no_error (error);
  conc = g_new (double, sl_calcium_grid_get_state_size (grid));
  sl_calcium_grid_init_state (grid, conc);
  node_ica[3] = -0.01;
  for (int k = 0; k < 800; k++)
    sl_calcium_grid_step (grid, conc, node_ica, NULL, 0.025);
  sl_calcium_grid_fill_node_conc (grid, conc, ca);
  sl_calcium_grid_fill_head_conc (grid, conc, heads);

  for (int k = 0; k < 6; k++)
    if (k != 3)
      g_assert_cmpfloat (ca[3], >, ca[k]);
  g_assert_cmpfloat (ca[2], >, ca[1]);
  g_assert_cmpfloat (ca[1], >, ca[0]);
  for (int s = 0; s < 2; s++)
    {
      double head = sl_calcium_grid_get_head_conc (grid, conc, s);

      g_assert_cmpfloat (head, >, spec.ca_rest * 1.01);
      g_assert_cmpfloat (head, <, ca[3]);
      g_assert_cmpfloat (ca[7 + 2 * s], ==, head);
      g_assert_cmpfloat (heads[s], ==, head);
    }
}

static void
test_model_errors (void)
{
  Fixture f;
  SlCalciumSpec spec;
  SlCalciumGrid *grid;
  GError *error = NULL;

  fixture_init (&f);
  sl_test_calcium_spec_init (&spec);
  f.spine_section[1] = 7;
  grid = sl_calcium_grid_new_for_model (&f.model, &spec, &error);
  g_assert_null (grid);
  g_assert_error (error, SL_CALCIUM_ERROR, SL_CALCIUM_ERROR_GEOMETRY);
  g_clear_error (&error);

  fixture_init (&f);
  spec.neck_voxels = 0;
  grid = sl_calcium_grid_new_for_model (&f.model, &spec, &error);
  g_assert_null (grid);
  g_assert_error (error, SL_CALCIUM_ERROR, SL_CALCIUM_ERROR_SPEC);
  g_clear_error (&error);
}

/* A compiled model (ball-and-stick with a fork, spines at 0.5 µm⁻¹ on the
 * basal tree): every voxel sits in the segment of its node, the shaft
 * voxels of a node add up to its membrane area, and each neck hangs on a
 * shaft voxel of the node the model hangs the spine from. */
static void
test_compiled_model (void)
{
  g_autoptr(SlMorphology) morph = sl_test_ball_stick (10, 300, 1, TRUE);
  g_autoptr(SlModelSpec) spec = sl_model_spec_new ();
  g_autoptr(SlModel) m = NULL;
  g_autoptr(SlCalciumGrid) grid = NULL;
  g_autofree double *area = NULL;
  g_autofree double *conc = NULL;
  g_autofree double *head_ica = NULL;
  g_autoptr(GError) error = NULL;
  SlSpineGroupSpec *group = sl_model_spec_add_spine_group (spec, "basal", 0.5);
  int n_fine = 0;

  group->seed = 7;
  m = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);
  g_assert_cmpint (m->n_spines, >, 100);
  grid = sl_calcium_grid_new_for_model (m, &spec->calcium, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sl_calcium_grid_get_n_nodes (grid), ==, m->n_nodes);
  g_assert_cmpint (sl_calcium_grid_get_n_spines (grid), ==, m->n_spines);

  area = g_new0 (double, m->n_nodes);
  for (int i = 0; i < sl_calcium_grid_get_n_voxels (grid); i++)
    {
      SlCalciumVoxelInfo v;

      sl_calcium_grid_get_voxel (grid, i, &v);
      if (v.kind != SL_CALCIUM_VOXEL_SHAFT)
        {
          int base = m->n_cable + 2 * v.spine;

          g_assert_cmpint (v.node, ==, v.kind == SL_CALCIUM_VOXEL_HEAD ? base + 1 : base);
          continue;
        }
      {
        const SlModelSection *sec = &m->sections[v.piece];
        double x0 = (v.pos - 0.5 * v.length) / sec->length;
        double x1 = (v.pos + 0.5 * v.length) / sec->length;
        int k = v.node - sec->first_node;

        g_assert_cmpint (m->section[v.node], ==, v.piece);
        g_assert_cmpint (k, >=, 0);
        g_assert_cmpint (k, <, sec->nseg);
        g_assert_cmpfloat (x0, >=, (double) k / sec->nseg - 1e-9);
        g_assert_cmpfloat (x1, <=, (double) (k + 1) / sec->nseg + 1e-9);
      }
      area[v.node] += v.area;
      if (v.length <= spec->calcium.dx_near + 1e-9)
        n_fine++;
    }
  g_assert_cmpint (n_fine, >, 0);
  for (int i = 0; i < m->n_cable; i++)
    {
      if (m->kind[i] == SL_NODE_JUNCTION)
        {
          g_assert_cmpfloat (area[i], ==, 0);
          continue;
        }
      g_assert_cmpfloat (fabs (area[i] - m->area[i]) / m->area[i], <, 1e-3);
    }

  for (int k = 0; k < m->n_spines; k++)
    {
      SlCalciumVoxelInfo neck, base;
      int head = sl_calcium_grid_get_head_voxel (grid, k);

      sl_calcium_grid_get_voxel (grid, head - spec->calcium.neck_voxels, &neck);
      g_assert_cmpint (neck.kind, ==, SL_CALCIUM_VOXEL_NECK);
      sl_calcium_grid_get_voxel (grid, neck.parent, &base);
      g_assert_cmpint (base.node, ==, m->spine_node[k]);
    }

  /* a head current raises that head only (and, through its neck, the node) */
  conc = g_new (double, sl_calcium_grid_get_state_size (grid));
  head_ica = g_new0 (double, m->n_spines);
  sl_calcium_grid_init_state (grid, conc);
  head_ica[3] = -1e-3;
  for (int s = 0; s < 400; s++)
    sl_calcium_grid_step (grid, conc, NULL, head_ica, 0.025);
  g_assert_cmpfloat (sl_calcium_grid_get_head_conc (grid, conc, 3), >, 1e-3);
  g_assert_cmpfloat (sl_calcium_grid_get_node_conc (grid, conc, m->spine_node[3]), >,
                     spec->calcium.ca_rest);
  g_assert_cmpfloat (sl_calcium_grid_get_node_conc (grid, conc, m->soma_node), <,
                     sl_calcium_grid_get_node_conc (grid, conc, m->spine_node[3]));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/calcium-model/geometry", test_model_geometry);
  g_test_add_func ("/engine/calcium-model/step", test_model_step);
  g_test_add_func ("/engine/calcium-model/errors", test_model_errors);
  g_test_add_func ("/engine/calcium-model/compiled", test_compiled_model);

  return g_test_run ();
}
