/* test-labels.c: derived apical regions (trunk, oblique, tuft). */
#include "morph-test.h"

/* Soma at the origin; apical trunk along y in 10 µm steps to y = 100; an
 * oblique of 20 µm leaves at y = 50; at y = 100 the trunk forks into two
 * 80 µm branches; one 30 µm basal dendrite.  At y = 50 the oblique holds
 * 20 of 230 µm below (8.7 % < 25 %): not the main bifurcation.  At y = 100
 * each branch holds 80 of 160 µm (50 %): the main bifurcation. */
static SlMorphology *
build_cell (void)
{
  SlMorphology *m = sl_morphology_new ("labels");
  GArray *pts = g_array_new (FALSE, FALSE, sizeof (SlPoint));
  SlPoint p = { 0, 0, 0, 5, SL_TYPE_SOMA, -1, 1 };
  int y50 = -1, last;
  g_autoptr(GError) error = NULL;

  g_array_append_val (pts, p);
  last = 0;
  for (int k = 1; k <= 10; k++)
    {
      p = (SlPoint) { 0, 10.0 * k, 0, 1, SL_TYPE_APICAL, last, (int) pts->len + 1 };
      g_array_append_val (pts, p);
      last = pts->len - 1;
      if (k == 5)
        y50 = last;
    }
  for (int k = 1; k <= 2; k++)
    {
      p = (SlPoint) { 10.0 * k, 50, 0, 0.5, SL_TYPE_APICAL, k == 1 ? y50 : (int) pts->len - 1,
                      (int) pts->len + 1 };
      g_array_append_val (pts, p);
    }
  for (int side = -1; side <= 1; side += 2)
    for (int k = 1; k <= 2; k++)
      {
        p = (SlPoint) { side * 40.0 * k, 100, 0, 0.5, SL_TYPE_APICAL,
                        k == 1 ? last : (int) pts->len - 1, (int) pts->len + 1 };
        g_array_append_val (pts, p);
      }
  p = (SlPoint) { 0, -30, 0, 1, SL_TYPE_BASAL, 0, (int) pts->len + 1 };
  g_array_append_val (pts, p);

  m->n_points = pts->len;
  m->points = (SlPoint *) g_array_free (pts, FALSE);
  g_assert_true (sl_morphology_finish (m, &error));
  g_assert_no_error (error);
  return m;
}

static void
test_pyramidal (void)
{
  g_autoptr(SlMorphology) m = build_cell ();
  const SlRegion *trunk = sl_morphology_find_region (m, "trunk");

  g_assert_nonnull (trunk);
  g_assert_cmpint (trunk->kind, ==, SL_REGION_LABEL);
  g_assert_cmpint (trunk->type, ==, -1);
  g_assert_cmpint (trunk->n_points, ==, 10);
  g_assert_cmpfloat_with_epsilon (trunk->length, 100, 1e-12);
  g_assert_cmpfloat_with_epsilon (region_length (m, "oblique"), 20, 1e-12);
  g_assert_cmpfloat_with_epsilon (region_length (m, "tuft"), 160, 1e-12);
  /* The three labels cover the apical tree exactly. */
  g_assert_cmpfloat_with_epsilon (region_length (m, "apical"), 100 + 20 + 160, 1e-12);
  g_assert_cmpfloat_with_epsilon (region_length (m, "basal"), 30, 1e-12);
}

static void
test_no_apical (void)
{
  g_autoptr(SlMorphology) m = load_fixture ("one-point-soma.swc");

  g_assert_null (sl_morphology_find_region (m, "trunk"));
  g_assert_null (sl_morphology_find_region (m, "tuft"));
}

static void
test_refinish (void)
{
  /* finish() twice (a generator that edits points) rebuilds the labels
   * instead of stacking duplicates. */
  g_autoptr(SlMorphology) m = build_cell ();
  g_autoptr(GError) error = NULL;
  int n = m->n_regions;

  g_assert_true (sl_morphology_finish (m, &error));
  g_assert_cmpint (m->n_regions, ==, n);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/morphology/labels/pyramidal", test_pyramidal);
  g_test_add_func ("/morphology/labels/no-apical", test_no_apical);
  g_test_add_func ("/morphology/labels/refinish", test_refinish);
  return g_test_run ();
}
