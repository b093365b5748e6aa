/* test-neuroml.c: the NeuroML2 reader.
 *
 * cell.nml (numbers by hand): soma segment 0 from (0,0,0) to (0,10,0),
 * diameter 10; segment 1 (0,10,0)→(0,20,0) d 3 with its own proximal (a
 * different diameter from the soma's distal: a DETACHED point); segment 2
 * to (0,40,0) d 2 without proximal; segment 5 to (0,60,0) d 1, listed
 * before its parent; segment 7 a spine at fractionAlong 0.5 of segment 2,
 * to (1,30,0); segment 8 an axon at fractionAlong 0 of the soma, from
 * (0,-1,0) to (0,-31,0). */
#include "morph-test.h"

static void
test_cell (void)
{
  g_autoptr(SlMorphology) m = load_fixture ("cell.nml");
  int split = -1, spine = -1, axon0 = -1, dend0 = -1;

  g_assert_cmpint (m->format, ==, SL_FORMAT_NEUROML);
  /* soma 2 + seg 1: 2 + seg 2: split + distal + seg 5: 1 + spine 1 + axon 2 */
  g_assert_cmpint (m->n_points, ==, 10);
  g_assert_cmpint (m->n_trees, ==, 1);
  check_parent_first (m);

  g_assert_cmpfloat_with_epsilon (region_length (m, "soma"), 10, 1e-12);
  g_assert_cmpfloat_with_epsilon (region_area (m, "soma"), 2 * G_PI * 5 * 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (m->soma_radius, 5, 1e-12);
  g_assert_cmpfloat_with_epsilon (region_length (m, "axon"), 30, 1e-12);
  g_assert_cmpfloat_with_epsilon (region_length (m, "apical"), 10 + 20 + 20 + 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_morphology_total_length (m), 81, 1e-12);

  /* Groups: include, path from 2 to 5, subTree from 1, unknown include. */
  g_assert_cmpfloat_with_epsilon (region_length (m, "trunk_sec"), 30, 1e-12);
  g_assert_cmpfloat_with_epsilon (region_length (m, "apical_dends"), 51, 1e-12);
  g_assert_cmpfloat_with_epsilon (region_length (m, "distal_path"), 40, 1e-12);
  g_assert_cmpfloat_with_epsilon (region_length (m, "from_1"), 51, 1e-12);
  g_assert_cmpfloat_with_epsilon (region_length (m, "with_missing_include"), 30, 1e-12);
  g_assert_cmpint (sl_morphology_find_region (m, "from_1")->kind, ==, SL_REGION_GROUP);
  g_assert_true (has_warning (m, "nowhere"));

  for (int i = 0; i < m->n_points; i++)
    {
      const SlPoint *p = &m->points[i];

      if (p->x == 0 && p->y == 30)
        split = i;
      if (p->x == 1 && p->y == 30)
        spine = i;
      if (p->y == -1)
        axon0 = i;
      if (p->y == 10 && p->type == SL_TYPE_APICAL)
        dend0 = i;
    }
  g_assert_cmpint (split, >=, 0);
  g_assert_cmpint (spine, >=, 0);
  /* Halfway along segment 2, from r 1.5 (segment 1's distal) to r 1. */
  g_assert_cmpfloat_with_epsilon (m->points[split].r, 1.25, 1e-12);
  g_assert_cmpint (m->points[spine].parent, ==, split);
  g_assert_cmpfloat_with_epsilon (m->segment_length[spine], 1, 1e-12);
  g_assert_cmpint (m->points[spine].id, ==, 7);
  /* fractionAlong 0 of the soma: joined at the soma's proximal point,
   * without cable over the 1 µm gap. */
  g_assert_cmpint (axon0, >=, 0);
  g_assert_true (m->points[axon0].flags & SL_POINT_DETACHED);
  g_assert_cmpint (m->points[axon0].parent, ==, 0);
  g_assert_cmpint (dend0, >=, 0);
  g_assert_true (m->points[dend0].flags & SL_POINT_DETACHED);
  g_assert_cmpfloat (m->points[dend0].r, ==, 1.5);

  /* Apical labels: the spine carries 1 µm of 31 at the split (< 25 %), so
   * the trunk runs to the tip; the spine is an oblique; no tuft. */
  g_assert_cmpfloat_with_epsilon (region_length (m, "trunk"), 50, 1e-12);
  g_assert_cmpfloat_with_epsilon (region_length (m, "oblique"), 1, 1e-12);
  g_assert_null (sl_morphology_find_region (m, "tuft"));
}

static void
check_hostile (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlMorphology) m = sl_morphology_new_from_file (path, &error);

  g_assert_null (m);
  g_assert_nonnull (error);
  g_assert_true (error->code == SL_MORPHOLOGY_ERROR_PARSE ||
                 error->code == SL_MORPHOLOGY_ERROR_UNSUPPORTED);
  g_assert_true (g_str_has_prefix (error->message, path));
  /* Nothing of /etc/passwd or of the expansion reaches the message. */
  g_assert_null (strstr (error->message, "root:"));
  g_assert_null (strstr (error->message, "lollol"));
}

static void
test_hostile (void)
{
  check_hostile ("bad-xxe.nml");
  check_hostile ("bad-billion-laughs.nml");
  check_refused ("bad-xxe.nml", SL_MORPHOLOGY_ERROR_UNSUPPORTED, 5, "entities");
}

static void
test_errors (void)
{
  check_refused ("bad-not-xml.nml", SL_MORPHOLOGY_ERROR_PARSE, 1, "not XML");
  check_refused ("bad-truncated.nml", SL_MORPHOLOGY_ERROR_PARSE, 5, "not XML");
  check_refused ("bad-missing-parent.nml", SL_MORPHOLOGY_ERROR_INVALID, 4, "parent segment 4");
  check_refused ("bad-cycle.nml", SL_MORPHOLOGY_ERROR_INVALID, 4, "cycle");
  check_refused ("bad-duplicate-id.nml", SL_MORPHOLOGY_ERROR_INVALID, 4, "duplicate segment id 0");
  check_refused ("bad-nan.nml", SL_MORPHOLOGY_ERROR_INVALID, 4, "<distal>");
  check_refused ("bad-no-distal.nml", SL_MORPHOLOGY_ERROR_INVALID, 4, "no <distal>");
  check_refused ("bad-negative-diameter.nml", SL_MORPHOLOGY_ERROR_INVALID, 4, "negative diameter");
  check_refused ("bad-no-segments.nml", SL_MORPHOLOGY_ERROR_INVALID, 2, "no segments");
}

static void
test_sphere_soma_fraction (void)
{
  /* A spherical soma written as a zero-length segment, with a dendrite
   * at fractionAlong 0.5 of it: it joins the one soma point. */
  static const char doc[] =
    "<neuroml><cell id='c'><morphology id='m'>"
    "<segment id='0'><proximal x='0' y='0' z='0' diameter='10'/>"
    "<distal x='0' y='0' z='0' diameter='10'/></segment>"
    "<segment id='1'><parent segment='0' fractionAlong='0.5'/>"
    "<proximal x='0' y='5' z='0' diameter='2'/><distal x='0' y='25' z='0' diameter='2'/></segment>"
    "<segmentGroup id='soma_group'><member segment='0'/></segmentGroup>"
    "<segmentGroup id='dendrite_group'><member segment='1'/></segmentGroup>"
    "</morphology></cell></neuroml>";
  g_autoptr(GError) error = NULL;
  g_autoptr(SlMorphology) m = sl_morphology_new_from_neuroml_data (doc, sizeof doc - 1, "sphere", &error);

  g_assert_no_error (error);
  g_assert_cmpint (m->n_points, ==, 3);
  g_assert_cmpint (m->soma_kind, ==, SL_SOMA_SINGLE_POINT);
  g_assert_cmpfloat_with_epsilon (region_area (m, "soma"), 4 * G_PI * 25, 1e-9);
  g_assert_cmpfloat_with_epsilon (region_length (m, "basal"), 20, 1e-12);
  g_assert_cmpint (m->points[1].parent, ==, 0);
  g_assert_true (m->points[1].flags & SL_POINT_DETACHED);
}

static void
test_top_level_morphology (void)
{
  /* The cell names a <morphology> that sits beside it; a second cell is
   * ignored with a warning. */
  static const char doc[] =
    "<neuroml xmlns='http://www.neuroml.org/schema/neuroml2'>"
    "<morphology id='other'><segment id='0'><proximal x='0' y='0' z='0' diameter='2'/>"
    "<distal x='0' y='7' z='0' diameter='2'/></segment></morphology>"
    "<morphology id='mine'><segment id='0'><proximal x='0' y='0' z='0' diameter='2'/>"
    "<distal x='0' y='3' z='0' diameter='2'/></segment></morphology>"
    "<cell id='a' morphology='mine'/><cell id='b' morphology='other'/></neuroml>";
  g_autoptr(GError) error = NULL;
  g_autoptr(SlMorphology) m = sl_morphology_new_from_neuroml_data (doc, sizeof doc - 1, "top", &error);

  g_assert_no_error (error);
  g_assert_cmpint (m->n_points, ==, 2);
  g_assert_cmpfloat (m->points[1].y, ==, 3);
  g_assert_true (has_warning (m, "2 cells"));
}

static void
test_group_name_variants (void)
{
  /* Types from group names that vary the standard ones; a group that
   * mixes parts ("apical_and_soma") types nothing. */
  static const char doc[] =
    "<neuroml><cell id='c'><morphology id='m'>"
    "<segment id='0'><proximal x='0' y='0' z='0' diameter='10'/><distal x='0' y='10' z='0' diameter='10'/></segment>"
    "<segment id='1'><parent segment='0'/><distal x='0' y='40' z='0' diameter='2'/></segment>"
    "<segment id='2'><parent segment='0' fractionAlong='0'/><distal x='0' y='-20' z='0' diameter='2'/></segment>"
    "<segment id='3'><parent segment='0' fractionAlong='0.5'/><distal x='9' y='5' z='0' diameter='1'/></segment>"
    "<segmentGroup id='Soma'><member segment='0'/></segmentGroup>"
    "<segmentGroup id='apical_dendrite_group'><member segment='1'/></segmentGroup>"
    "<segmentGroup id='basal_dendrites'><member segment='2'/></segmentGroup>"
    "<segmentGroup id='axon_initial_segment'><member segment='3'/></segmentGroup>"
    "<segmentGroup id='apical_and_soma'><member segment='0'/><member segment='1'/></segmentGroup>"
    "</morphology></cell></neuroml>";
  g_autoptr(GError) error = NULL;
  g_autoptr(SlMorphology) m = sl_morphology_new_from_neuroml_data (doc, sizeof doc - 1, "variants", &error);

  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (region_length (m, "apical"), 30, 1e-12);
  g_assert_cmpfloat_with_epsilon (region_length (m, "basal"), 20, 1e-12);
  /* From the soma's midpoint (0,5,0) to (9,5,0). */
  g_assert_cmpfloat_with_epsilon (region_length (m, "axon"), 9, 1e-12);
  g_assert_cmpfloat_with_epsilon (region_length (m, "soma"), 10, 1e-12);
  g_assert_cmpfloat_with_epsilon (region_length (m, "apical_and_soma"), 40, 1e-12);
}

static void
test_mangled (void)
{
  check_mangled ("cell.nml", sl_morphology_new_from_neuroml_data);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/morphology/neuroml/cell", test_cell);
  g_test_add_func ("/morphology/neuroml/hostile", test_hostile);
  g_test_add_func ("/morphology/neuroml/errors", test_errors);
  g_test_add_func ("/morphology/neuroml/sphere-soma-fraction", test_sphere_soma_fraction);
  g_test_add_func ("/morphology/neuroml/top-level-morphology", test_top_level_morphology);
  g_test_add_func ("/morphology/neuroml/group-name-variants", test_group_name_variants);
  g_test_add_func ("/morphology/neuroml/mangled", test_mangled);
  return g_test_run ();
}
