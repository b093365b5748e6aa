/* test-swc.c: the SWC reader, its NeuroMorpho quirks and its errors.
 *
 * Expected numbers are worked out by hand from the fixtures in
 * tests/data/morphology/ (coordinates in the comments there). */
#include "morph-test.h"

/* ref.swc: soma r = 5 at the origin (three points, y = -5, 0, 5); basal
 * 1 → (5,0,0) r 1 → (15,0,0) r 0.5, forking to (20,±5,0) r 0.5; apical
 * from the soma's top (0,5,0) → (0,10,0) r 1 → (0,110,0) r 1. */
#define REF_BASAL  (5.0 + 10.0 + 2 * sqrt (50.0))
#define REF_APICAL (5.0 + 100.0)

static void
check_ref_numbers (const SlMorphology *m)
{
  g_assert_cmpint (m->n_points, ==, 9);
  g_assert_cmpint (m->n_trees, ==, 1);
  /* The soma centre (3 children) ends its section; sections: centre,
   * bottom, top, apical (type change), basal root, the two forks. */
  g_assert_cmpint (m->n_sections, ==, 7);
  g_assert_cmpint (m->soma_kind, ==, SL_SOMA_THREE_POINT);
  g_assert_cmpfloat_with_epsilon (m->soma_radius, 5.0, 1e-12);
  /* The two frusta of the three-point soma: 2 × 2π·5·5 = 4π·5². */
  g_assert_cmpfloat_with_epsilon (region_area (m, "soma"), 4 * G_PI * 25, 1e-9);
  g_assert_cmpfloat_with_epsilon (region_length (m, "soma"), 10.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (region_length (m, "basal"), REF_BASAL, 1e-9);
  g_assert_cmpfloat_with_epsilon (region_length (m, "apical"), REF_APICAL, 1e-9);
  g_assert_cmpfloat_with_epsilon (sl_morphology_total_length (m), REF_BASAL + REF_APICAL, 1e-9);
  /* Frustum from the soma centre (r 5) to (5,0,0) r 1: π(5+1)√(4² + 5²),
   * then to (15,0,0) r 0.5: π(1.5)√(0.5² + 10²), two forks π(1)√50. */
  g_assert_cmpfloat_with_epsilon (region_area (m, "basal"),
                                  G_PI * 6 * sqrt (16 + 25) + G_PI * 1.5 * sqrt (0.25 + 100) +
                                  2 * G_PI * 1.0 * sqrt (50), 1e-9);
  check_parent_first (m);
}

static void
test_reference (void)
{
  g_autoptr(SlMorphology) m = load_fixture ("ref.swc");
  int tip = point_by_id (m, 9), fork = point_by_id (m, 6);

  check_ref_numbers (m);
  g_assert_cmpint (m->format, ==, SL_FORMAT_SWC);
  g_assert_cmpstr (m->name, ==, "ref.swc");
  g_assert_cmpfloat_with_epsilon (m->path_distance[tip], REF_APICAL, 1e-9);
  g_assert_cmpfloat_with_epsilon (m->path_distance[fork], 15 + sqrt (50.0), 1e-9);
  g_assert_cmpfloat (m->bbox_min[1], ==, -5);
  g_assert_cmpfloat (m->bbox_max[1], ==, 110);
  g_assert_cmpfloat (m->bbox_max[0], ==, 20);
  g_assert_cmpuint (m->warnings->len, ==, 0);
}

static void
test_quirks (void)
{
  /* BOM, CRLF, tabs, commas, leading blanks, trailing comments, '#' with
   * no space, 1.5e1, no newline at the end: the same tree as ref.swc. */
  g_autoptr(SlMorphology) ref = load_fixture ("ref.swc");
  g_autoptr(SlMorphology) m = load_fixture ("quirks-crlf.swc");

  check_ref_numbers (m);
  for (int i = 0; i < m->n_points; i++)
    {
      g_assert_cmpint (m->points[i].id, ==, ref->points[i].id);
      g_assert_cmpint (m->points[i].parent, ==, ref->points[i].parent);
      g_assert_cmpfloat (m->points[i].x, ==, ref->points[i].x);
      g_assert_cmpfloat (m->points[i].r, ==, ref->points[i].r);
    }
}

static void
test_unsorted_ids (void)
{
  g_autoptr(SlMorphology) ref = load_fixture ("ref.swc");
  g_autoptr(SlMorphology) m = load_fixture ("unsorted-ids.swc");

  check_ref_numbers (m);
  /* Re-sorted: the root (id 100) comes first; file ids are kept. */
  g_assert_cmpint (m->points[0].id, ==, 100);
  g_assert_cmpint (m->points[0].parent, ==, -1);
  g_assert_cmpfloat_with_epsilon (m->path_distance[point_by_id (m, 1000)], REF_APICAL, 1e-9);
  for (int k = 0; k < ref->n_regions; k++)
    {
      const SlRegion *a = &ref->regions[k];
      const SlRegion *b = sl_morphology_find_region (m, a->name);

      g_assert_nonnull (b);
      g_assert_cmpint (a->n_points, ==, b->n_points);
      g_assert_cmpfloat_with_epsilon (a->length, b->length, 1e-9);
      g_assert_cmpfloat_with_epsilon (a->area, b->area, 1e-9);
    }
}

static void
test_one_point_soma (void)
{
  g_autoptr(SlMorphology) m = load_fixture ("one-point-soma.swc");

  g_assert_cmpint (m->soma_kind, ==, SL_SOMA_SINGLE_POINT);
  g_assert_cmpfloat (m->soma_radius, ==, 4);
  /* Sphere: 4πr², drawn as a cylinder of length 2r (NEURON). */
  g_assert_cmpfloat_with_epsilon (region_area (m, "soma"), 4 * G_PI * 16, 1e-9);
  g_assert_cmpfloat_with_epsilon (region_length (m, "soma"), 8, 1e-12);
  g_assert_cmpfloat_with_epsilon (region_length (m, "basal"), 30, 1e-12);
}

static void
test_cylinder_soma (void)
{
  g_autoptr(SlMorphology) m = load_fixture ("cylinder-soma.swc");
  /* Two frusta r 2 → 4 → 2 over 4 µm each: 2 · π(2+4)√(2² + 4²). */
  double area = 2 * G_PI * 6 * sqrt (4 + 16);

  g_assert_cmpint (m->soma_kind, ==, SL_SOMA_CYLINDERS);
  g_assert_cmpfloat_with_epsilon (region_area (m, "soma"), area, 1e-9);
  g_assert_cmpfloat_with_epsilon (region_length (m, "soma"), 8, 1e-12);
  g_assert_cmpfloat_with_epsilon (m->soma_radius, sqrt (area / (4 * G_PI)), 1e-12);
  g_assert_cmpfloat_with_epsilon (m->soma_center[1], 4, 1e-12);
}

static void
test_contour_soma (void)
{
  g_autoptr(SlMorphology) m = load_fixture ("contour-soma.swc");

  /* Eight points on a circle of radius 6: the radius comes from the
   * outline, not from the zero radii. */
  g_assert_cmpint (m->soma_kind, ==, SL_SOMA_CONTOUR);
  g_assert_cmpint (m->n_soma_outline, ==, 8);
  g_assert_cmpfloat_with_epsilon (m->soma_radius, 6, 1e-9);
  g_assert_cmpfloat_with_epsilon (m->soma_center[0], 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (m->soma_center[1], 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (region_area (m, "soma"), 4 * G_PI * 36, 1e-7);
  g_assert_true (has_warning (m, "outline"));
  g_assert_true (has_warning (m, "zero radius"));
  for (int i = 0; i < m->n_points; i++)
    g_assert_cmpfloat (m->points[i].r, >=, SL_MORPHOLOGY_MIN_RADIUS);
  g_assert_cmpfloat_with_epsilon (region_length (m, "basal"), 10, 1e-12);
}

static void
test_custom_types (void)
{
  g_autoptr(SlMorphology) m = load_fixture ("custom-types.swc");
  const SlRegion *c5 = sl_morphology_find_region (m, "custom5");
  const SlRegion *c7 = sl_morphology_find_region (m, "custom7");

  g_assert_nonnull (c5);
  g_assert_nonnull (c7);
  g_assert_cmpint (c5->type, ==, 5);
  g_assert_cmpint (c7->type, ==, 7);
  g_assert_cmpint (c5->kind, ==, SL_REGION_TYPE);
  g_assert_cmpfloat_with_epsilon (c5->length, 20, 1e-12);
  g_assert_cmpfloat_with_epsilon (c7->length, 10, 1e-12);
  g_assert_cmpfloat_with_epsilon (region_length (m, "undefined"), 10, 1e-12);
  g_assert_cmpstr (sl_point_type_name (7), ==, "custom7");
  g_assert_cmpstr (sl_point_type_name (4), ==, "apical");
  g_assert_cmpint (m->points[point_by_id (m, 4)].type, ==, 7);
}

static void
test_two_trees_no_soma (void)
{
  g_autoptr(SlMorphology) m = load_fixture ("two-trees-no-soma.swc");

  g_assert_cmpint (m->n_trees, ==, 2);
  g_assert_cmpint (m->soma_kind, ==, SL_SOMA_NONE);
  g_assert_true (has_warning (m, "no soma"));
  g_assert_true (has_warning (m, "disconnected"));
  /* Path distance starts at each tree's root. */
  g_assert_cmpfloat_with_epsilon (m->path_distance[point_by_id (m, 11)], 30, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_morphology_total_length (m), 40, 1e-12);
  g_assert_null (sl_morphology_find_region (m, "soma"));
}

static void
test_zero_radius (void)
{
  g_autoptr(SlMorphology) m = load_fixture ("zero-radius.swc");

  g_assert_true (has_warning (m, "repaired"));
  g_assert_cmpfloat (m->points[point_by_id (m, 2)].r, ==, SL_MORPHOLOGY_MIN_RADIUS);
}

static void
test_extra_columns (void)
{
  /* Some exporters add columns after the parent: read the first seven. */
  static const char data[] = "1 1 0 0 0 5 -1 0.3 x\n2 3 10 0 0 1 1 0.7 y\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(SlMorphology) m = sl_morphology_new_from_swc_data (data, sizeof data - 1, "extra", &error);

  g_assert_no_error (error);
  g_assert_cmpint (m->n_points, ==, 2);
  g_assert_true (has_warning (m, "4 extra fields"));
  g_assert_cmpfloat_with_epsilon (region_length (m, "basal"), 10, 1e-12);
}

static void
test_errors (void)
{
  check_refused ("bad-missing-parent.swc", SL_MORPHOLOGY_ERROR_INVALID, 4, "parent 7");
  check_refused ("bad-cycle.swc", SL_MORPHOLOGY_ERROR_INVALID, 3, "cycle");
  check_refused ("bad-self-parent.swc", SL_MORPHOLOGY_ERROR_INVALID, 2, "own parent");
  check_refused ("bad-duplicate-id.swc", SL_MORPHOLOGY_ERROR_INVALID, 3, "duplicate id 2");
  check_refused ("bad-nan.swc", SL_MORPHOLOGY_ERROR_INVALID, 2, "not finite");
  check_refused ("bad-inf.swc", SL_MORPHOLOGY_ERROR_INVALID, 2, "not finite");
  check_refused ("bad-overflow.swc", SL_MORPHOLOGY_ERROR_INVALID, 2, "not finite");
  check_refused ("bad-non-numeric.swc", SL_MORPHOLOGY_ERROR_PARSE, 2, "'zero'");
  check_refused ("bad-short-row.swc", SL_MORPHOLOGY_ERROR_PARSE, 2, "short row");
  check_refused ("bad-negative-radius.swc", SL_MORPHOLOGY_ERROR_INVALID, 2, "negative radius");
  check_refused ("bad-empty.swc", SL_MORPHOLOGY_ERROR_IO, -1, "empty file");
  check_refused ("bad-no-points.swc", SL_MORPHOLOGY_ERROR_INVALID, 3, "no points");
  check_refused ("bad-nul-byte.swc", SL_MORPHOLOGY_ERROR_PARSE, 2, "NUL");
  check_refused ("no-such-file.swc", SL_MORPHOLOGY_ERROR_IO, -1, "cannot read");
  check_refused ("", SL_MORPHOLOGY_ERROR_IO, -1, "directory");
}

static void
test_deep_chain (void)
{
  /* 300,000 points in one unbranched cable, listed tip first so every
   * parent comes after its child: a recursive reader would overflow. */
  const int n = 300000;
  g_autoptr(GString) s = g_string_new ("# deep chain\n");
  g_autoptr(SlMorphology) m = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = n; i >= 1; i--)
    g_string_append_printf (s, "%d %d %d 0 0 1 %d\n", i, i == 1 ? 1 : 3, i - 1, i == 1 ? -1 : i - 1);
  m = sl_morphology_new_from_swc_data (s->str, s->len, "deep", &error);
  g_assert_no_error (error);
  g_assert_cmpint (m->n_points, ==, n);
  g_assert_cmpfloat_with_epsilon (m->path_distance[n - 1], n - 1, 1e-6);
  g_assert_cmpint (m->n_sections, ==, 2);
  check_parent_first (m);
}

static void
test_mangled (void)
{
  check_mangled ("ref.swc", sl_morphology_new_from_swc_data);
  check_mangled ("quirks-crlf.swc", sl_morphology_new_from_swc_data);
}

static void
test_finish_by_hand (void)
{
  /* What the generator does: fill points, then finish.  A frustum r 1 →
   * r 2 over 3 µm has lateral area π(1+2)√(1² + 3²). */
  g_autoptr(SlMorphology) m = sl_morphology_new ("by-hand");
  g_autoptr(GError) error = NULL;

  m->n_points = 3;
  m->points = g_new0 (SlPoint, 3);
  m->points[0] = (SlPoint) { 0, 0, 0, 1, SL_TYPE_SOMA, -1, 1 };
  m->points[1] = (SlPoint) { 0, 0, 0, 1, SL_TYPE_BASAL, 0, 2 };
  m->points[2] = (SlPoint) { 3, 0, 0, 2, SL_TYPE_BASAL, 1, 3 };
  g_assert_true (sl_morphology_finish (m, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (region_area (m, "basal"), G_PI * 3 * sqrt (10), 1e-12);
  g_assert_cmpfloat_with_epsilon (m->segment_length[2], 3, 1e-12);
  g_assert_nonnull (sl_morphology_ref (m));
  sl_morphology_unref (m);

  /* A parent listed after its child is refused by finish(). */
  m->points[1].parent = 2;
  g_assert_false (sl_morphology_finish (m, &error));
  g_assert_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/morphology/swc/reference", test_reference);
  g_test_add_func ("/morphology/swc/quirks", test_quirks);
  g_test_add_func ("/morphology/swc/unsorted-ids", test_unsorted_ids);
  g_test_add_func ("/morphology/swc/one-point-soma", test_one_point_soma);
  g_test_add_func ("/morphology/swc/cylinder-soma", test_cylinder_soma);
  g_test_add_func ("/morphology/swc/contour-soma", test_contour_soma);
  g_test_add_func ("/morphology/swc/custom-types", test_custom_types);
  g_test_add_func ("/morphology/swc/two-trees-no-soma", test_two_trees_no_soma);
  g_test_add_func ("/morphology/swc/zero-radius", test_zero_radius);
  g_test_add_func ("/morphology/swc/extra-columns", test_extra_columns);
  g_test_add_func ("/morphology/swc/errors", test_errors);
  g_test_add_func ("/morphology/swc/deep-chain", test_deep_chain);
  g_test_add_func ("/morphology/swc/mangled", test_mangled);
  g_test_add_func ("/morphology/swc/finish-by-hand", test_finish_by_hand);
  return g_test_run ();
}
