/* test-asc.c: the Neurolucida ASC reader.
 *
 * cell.asc: a CellBody of 4 points at distance 5 from the origin; a "pia"
 * contour; a Dendrite (10,0,0) → (20,0,0) that splits into
 * (30,10,0) → (30,20,0) and (30,-10,0), which splits again into (40,-10,0)
 * and (30,-20,0); a marker and a spine inside; an Apical (0,10,0) →
 * (0,60,0).  Diameters are the 4th number. */
#include "morph-test.h"

#define CELL_BASAL (10 + 2 * sqrt (200.0) + 10 + 10 + 10)

static void
test_cell (void)
{
  g_autoptr(SlMorphology) m = load_fixture ("cell.asc");
  int first;

  g_assert_cmpint (m->format, ==, SL_FORMAT_ASC);
  /* 1 soma point + 7 basal + 2 apical; marker and spine points skipped. */
  g_assert_cmpint (m->n_points, ==, 10);
  g_assert_cmpint (m->n_trees, ==, 1);
  g_assert_cmpint (m->soma_kind, ==, SL_SOMA_CONTOUR);
  g_assert_cmpint (m->n_soma_outline, ==, 4);
  g_assert_cmpfloat_with_epsilon (m->soma_radius, 5, 1e-12);
  g_assert_cmpfloat_with_epsilon (region_area (m, "soma"), 4 * G_PI * 25, 1e-9);
  /* The gap from the soma centre to a tree's first point is not cable. */
  g_assert_cmpfloat_with_epsilon (region_length (m, "basal"), CELL_BASAL, 1e-9);
  g_assert_cmpfloat_with_epsilon (region_length (m, "apical"), 50, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_morphology_total_length (m), CELL_BASAL + 50, 1e-9);

  first = 1;
  g_assert_cmpint (m->points[first].parent, ==, 0);
  g_assert_true (m->points[first].flags & SL_POINT_DETACHED);
  g_assert_cmpfloat (m->points[first].x, ==, 10);
  g_assert_cmpfloat (m->points[first].r, ==, 1);   /* diameter 2 */
  g_assert_cmpfloat (m->segment_length[first], ==, 0);

  /* (40,-10,0): 10 + √200 + 10 from the first basal point. */
  for (int i = 0; i < m->n_points; i++)
    if (m->points[i].x == 40 && m->points[i].y == -10)
      g_assert_cmpfloat_with_epsilon (m->path_distance[i], 20 + sqrt (200.0), 1e-9);

  /* Soma; basal root; the two branches of the first split; the two of
   * the second; apical. */
  g_assert_cmpint (m->n_sections, ==, 7);
  g_assert_true (has_warning (m, "\"pia\""));
  check_parent_first (m);
}

static void
test_errors (void)
{
  check_refused ("bad-unclosed.asc", SL_MORPHOLOGY_ERROR_PARSE, 1, "never closed");
  check_refused ("bad-unbalanced.asc", SL_MORPHOLOGY_ERROR_PARSE, 3, "unbalanced");
  check_refused ("bad-nan.asc", SL_MORPHOLOGY_ERROR_INVALID, 3, "not finite");
  check_refused ("bad-no-points.asc", SL_MORPHOLOGY_ERROR_INVALID, -1, "no points");
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlMorphology) m = sl_morphology_new_from_asc_data ("  \n", 3, "blank.asc", &error);

  g_assert_null (m);
  g_assert_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_IO);
}

static void
test_deep_nesting (void)
{
  /* 100,000 nested splits: the parser and the walk use explicit stacks. */
  const int depth = 100000;
  g_autoptr(GString) s = g_string_new ("((Dendrite) (0 0 0 1)\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlMorphology) m = NULL;

  for (int k = 1; k <= depth; k++)
    g_string_append_printf (s, "( (%d 0 0 1)\n", k);
  for (int k = 0; k <= depth; k++)
    g_string_append_c (s, ')');
  m = sl_morphology_new_from_asc_data (s->str, s->len, "deep.asc", &error);
  g_assert_no_error (error);
  g_assert_cmpint (m->n_points, ==, depth + 1);
  g_assert_cmpfloat_with_epsilon (sl_morphology_total_length (m), depth, 1e-6);
}

static void
test_mangled (void)
{
  check_mangled ("cell.asc", sl_morphology_new_from_asc_data);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/morphology/asc/cell", test_cell);
  g_test_add_func ("/morphology/asc/errors", test_errors);
  g_test_add_func ("/morphology/asc/empty", test_empty);
  g_test_add_func ("/morphology/asc/deep-nesting", test_deep_nesting);
  g_test_add_func ("/morphology/asc/mangled", test_mangled);
  return g_test_run ();
}
