/* test-real-data.c: the 20 real reconstructions of ../shared/morphologies.
 *
 * Expected lengths are those the folder's README lists (stats.py output,
 * rounded to 0.1 µm), checked to 0.1 % (or 0.05 µm for the rounding of
 * short lengths).  All 20 files load, including the multi-root fMOST
 * reconstruction (289 trees, with a warning) and the fly EM skeleton
 * (types 0/5/6, no soma, 8-nm voxel units, with a warning).  The folder
 * is found through SL_SHARED_MORPHOLOGIES; without it the tests skip. */
#include "morph-test.h"

typedef struct
{
  const char *file;
  int         points;   /* as read: ASC soma contours become one point */
  int         trees;
  const char *region[7];
  double      length[7];
} RealCell;

static const RealCell cells[] = {
  { "rat_SSCx_L5_TTPC_C060114A7_21pt-soma.swc", 10617, 1,
    { "axon", "basal", "apical" }, { 15162.0, 4337.7, 9848.5 } },
  { "rat_SSCx_L5_STPC_C231296A-P3.CNG.swc", 2595, 1,
    { "axon", "basal", "apical" }, { 6543.8, 1922.8, 5504.9 } },
  { "mouse_VISp_L5_pyramidal_Rbp4_Allen486111903.swc", 4007, 1,
    { "axon", "basal", "apical" }, { 21.0, 1500.7, 3284.1 } },
  { "rat_SSCx_L2_TPC_rr110330_C3_idA_contour-soma.swc", 16678, 1,
    { "axon", "basal", "apical" }, { 14724.5, 890.3, 3692.4 } },
  { "rat_CA1_pyramidal_BBP_mpg141216_A_clone7_large.swc", 16907, 1,
    { "axon", "basal", "apical" }, { 6169.2, 3381.9, 3282.7 } },
  { "rat_CA1_pyramidal_c91662.swc", 1510, 1,
    { "soma", "axon", "basal", "apical" }, { 17.7, 565.8, 4825.8, 9984.6 } },
  { "rat_CA3c_pyramidal_l22_10pt-soma.swc", 1602, 1,
    { "basal", "apical" }, { 4519.4, 4172.7 } },
  { "human_cortex_pyramidal_Allen_H16.06.012.11.08.04_large.swc", 26206, 1,
    { "axon", "basal", "apical" }, { 16619.4, 6553.1, 7714.1 } },
  { "mouse_cortex_Ctgf_pyramidal_Allen539748835_pia_0-based-ids.swc", 2497, 1,
    { "axon", "basal", "apical" }, { 14.1, 1365.8, 1604.0 } },
  { "mouse_fMOST_17545-6151_unsorted-multiroot.swc", 3397, 289,
    { "axon", "basal" }, { 22991.7, 5880.9 } },
  { "fly_hemibrain_DA1_lPN_722817260_types0-5-6_8nm-voxels.swc", 4332, 1,
    { "undefined", "custom5", "custom6" }, { 194825.4, 49407.3, 30470.6 } },
  { "rat_CA1_pyramidal_mpg141208_B_idA.asc", 1 + 1455 + 2549 + 4935, 1,
    { "axon", "basal", "apical" }, { 2392.4, 2322.8, 5635.3 } },
  { "rat_L5b_TTPC_Hay2011_cell1.asc", 1 + 14 + 1647 + 2408, 1,
    { "axon", "basal", "apical" }, { 44.6, 5133.5, 7440.9 } },
  { "rat_SSCx_L23_PC_C170897A-P3_clone4.asc", 1 + 3781 + 795 + 418, 1,
    { "axon", "basal", "apical" }, { 16316.1, 3909.8, 2180.6 } },
  { "rat_SSCx_L5_TTPC_C060114A5.asc", 1 + 6490 + 2198 + 3582, 1,
    { "axon", "basal", "apical" }, { 18704.7, 4852.2, 9256.0 } },
  { "L23_pyramidal_Smith2013_morph-only.cell.nml", -1, 1,
    { "soma_group", "axon_group", "dendrite_group" }, { 9.3, 210.0, 5766.4 } },
  { "NML2_FullCell_spine-fractionAlong.nml", -1, 1,
    { "soma_group", "dendrite_group" }, { 10.0, 20.2 } },
  { "pyr_4_sym_simplified.cell.nml", -1, 1,
    { "soma_group", "dendrite_group", "apical_dends", "middle_apical_dendrite", "basal_dends",
      "basal_gaba_input" }, { 17.0, 1610.0, 1260.0, 400.0, 350.0, 50.0 } },
  { "rat_L5b_TTPC_Hay2011_L5PC.cell.nml", -1, 1,
    { "soma_group", "apical_dends", "basal_dends", "axon_group", "dendrite_group",
      "non_hot_apical_dends", "dends_and_soma" },
    { 23.2, 7440.9, 5133.5, 60.0, 12574.4, 6654.0, 12597.6 } },
  { "rat_SSCx_L23_PC_C170897A-P3_clone4_BBP.cell.nml", -1, 1,
    { "somatic", "basal", "apical", "axonal", "dendrite_group" },
    { 16.6, 3909.8, 2180.6, 60.0, 6090.4 } },
};

static const char *
shared_dir (void)
{
  const char *dir = g_getenv ("SL_SHARED_MORPHOLOGIES");

  return dir != NULL && g_file_test (dir, G_FILE_TEST_IS_DIR) ? dir : NULL;
}

static SlMorphology *
load_real (const char *file)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  SlMorphology *m;

  if (shared_dir () == NULL)
    return NULL;
  path = g_build_filename (shared_dir (), file, NULL);
  m = sl_morphology_new_from_file (path, &error);
  g_assert_no_error (error);
  return m;
}

static void
test_cell (gconstpointer data)
{
  const RealCell *c = data;
  g_autoptr(SlMorphology) m = load_real (c->file);

  if (m == NULL)
    {
      g_test_skip ("SL_SHARED_MORPHOLOGIES not set or not a directory");
      return;
    }
  if (c->points >= 0)
    g_assert_cmpint (m->n_points, ==, c->points);
  g_assert_cmpint (m->n_trees, ==, c->trees);
  check_parent_first (m);
  for (int k = 0; k < 7 && c->region[k] != NULL; k++)
    {
      double got = region_length (m, c->region[k]);
      double tol = MAX (1e-3 * c->length[k], 0.05);

      if (fabs (got - c->length[k]) > tol)
        g_error ("%s: %s is %.2f µm, README says %.1f", c->file, c->region[k], got, c->length[k]);
    }
  /* Pyramidal cells with an apical tree get the derived labels; they
   * cover the main apical tree (a cell may have secondary apical stems,
   * which stay unlabelled). */
  if (sl_morphology_find_region (m, "apical") != NULL)
    {
      double sum = region_length (m, "trunk");

      if (sl_morphology_find_region (m, "oblique"))
        sum += region_length (m, "oblique");
      if (sl_morphology_find_region (m, "tuft"))
        sum += region_length (m, "tuft");
      g_assert_cmpfloat (region_length (m, "trunk"), >, 0);
      g_assert_cmpfloat (sum, <=, region_length (m, "apical") * (1 + 1e-9));
      g_assert_cmpfloat (sum, >=, 0.5 * region_length (m, "apical"));
    }
}

static void
test_same_cell_two_formats (void)
{
  /* The Hay cell as ASC and as NeuroML2, the BBP L2/3 cell likewise: the
   * dendrites are the same cable whatever the format (to 0.01 %: the
   * NeuroML2 export rounded the coordinates). */
  static const char *const pairs[][2] = {
    { "rat_L5b_TTPC_Hay2011_cell1.asc", "rat_L5b_TTPC_Hay2011_L5PC.cell.nml" },
    { "rat_SSCx_L23_PC_C170897A-P3_clone4.asc", "rat_SSCx_L23_PC_C170897A-P3_clone4_BBP.cell.nml" },
  };

  for (gsize k = 0; k < G_N_ELEMENTS (pairs); k++)
    {
      g_autoptr(SlMorphology) a = load_real (pairs[k][0]);
      g_autoptr(SlMorphology) b = load_real (pairs[k][1]);

      if (a == NULL || b == NULL)
        {
          g_test_skip ("SL_SHARED_MORPHOLOGIES not set or not a directory");
          return;
        }
      g_assert_cmpfloat_with_epsilon (region_length (a, "basal"), region_length (b, "basal"),
                                      1e-4 * region_length (a, "basal"));
      g_assert_cmpfloat_with_epsilon (region_length (a, "apical"), region_length (b, "apical"),
                                      1e-4 * region_length (a, "apical"));
      g_assert_cmpfloat_with_epsilon (region_length (a, "trunk"), region_length (b, "trunk"),
                                      1e-4 * region_length (a, "trunk"));
    }
}

static void
test_quirks (void)
{
  g_autoptr(SlMorphology) contour = load_real ("rat_SSCx_L2_TPC_rr110330_C3_idA_contour-soma.swc");
  g_autoptr(SlMorphology) fmost = load_real ("mouse_fMOST_17545-6151_unsorted-multiroot.swc");
  g_autoptr(SlMorphology) fly = load_real ("fly_hemibrain_DA1_lPN_722817260_types0-5-6_8nm-voxels.swc");
  g_autoptr(SlMorphology) c91662 = load_real ("rat_CA1_pyramidal_c91662.swc");

  if (contour == NULL)
    {
      g_test_skip ("SL_SHARED_MORPHOLOGIES not set or not a directory");
      return;
    }
  /* The zero-radius outline gives the soma its size. */
  g_assert_cmpint (contour->soma_kind, ==, SL_SOMA_CONTOUR);
  g_assert_cmpfloat (contour->soma_radius, >, 1);
  g_assert_cmpint (c91662->soma_kind, ==, SL_SOMA_THREE_POINT);
  g_assert_cmpfloat_with_epsilon (c91662->soma_radius, 8.87, 0.005);
  g_assert_true (has_warning (fmost, "289 disconnected"));
  g_assert_true (has_warning (fly, "no soma"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (gsize k = 0; k < G_N_ELEMENTS (cells); k++)
    {
      g_autofree char *path = g_strdup_printf ("/morphology/real-data/%s", cells[k].file);
      g_test_add_data_func (path, &cells[k], test_cell);
    }
  g_test_add_func ("/morphology/real-data/same-cell-two-formats", test_same_cell_two_formats);
  g_test_add_func ("/morphology/real-data/quirks", test_quirks);
  return g_test_run ();
}
