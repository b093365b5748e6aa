/* test-writer.c: SWC and NeuroML2 writers; reading what was written gives
 * the same tree, whatever format it came from. */
#include <glib/gstdio.h>

#include "morph-test.h"

static void
assert_close (double a,
              double b,
              const char *what)
{
  if (fabs (a - b) > 1e-8 * MAX (1.0, fabs (a)))
    g_error ("%s: %.12g != %.12g", what, a, b);
}

static void
compare (const SlMorphology *a,
         const SlMorphology *b,
         gboolean            groups)
{
  g_assert_cmpint (a->n_points, ==, b->n_points);
  g_assert_cmpint (a->n_trees, ==, b->n_trees);
  g_assert_cmpint (a->n_sections, ==, b->n_sections);
  for (int i = 0; i < a->n_points; i++)
    {
      const SlPoint *p = &a->points[i], *q = &b->points[i];

      assert_close (p->x, q->x, "x");
      assert_close (p->y, q->y, "y");
      assert_close (p->z, q->z, "z");
      assert_close (p->r, q->r, "r");
      g_assert_cmpint (p->type, ==, q->type);
      g_assert_cmpint (p->parent, ==, q->parent);
      g_assert_cmpuint (p->flags, ==, q->flags);
      assert_close (a->path_distance[i], b->path_distance[i], "path distance");
    }
  assert_close (sl_morphology_total_length (a), sl_morphology_total_length (b), "total");
  assert_close (a->soma_radius, b->soma_radius, "soma radius");
  for (int k = 0; k < a->n_regions; k++)
    {
      const SlRegion *r = &a->regions[k];
      const SlRegion *s;

      if (r->kind == SL_REGION_GROUP && !groups)
        continue;
      s = sl_morphology_find_region (b, r->name);
      if (s == NULL)
        g_error ("region %s lost", r->name);
      g_assert_cmpint (r->n_points, ==, s->n_points);
      assert_close (r->length, s->length, r->name);
      assert_close (r->area, s->area, r->name);
    }
}

static void
round_trip (gconstpointer data)
{
  const char *name = data;
  g_autoptr(SlMorphology) m = load_fixture (name);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("spinelab-morph-XXXXXX", &error);
  g_autofree char *swc = g_build_filename (dir, "out.swc", NULL);
  g_autofree char *nml = g_build_filename (dir, "out.cell.nml", NULL);
  g_autofree char *swc2 = g_build_filename (dir, "again.swc", NULL);

  g_assert_no_error (error);

  g_assert_true (sl_morphology_write_swc (m, swc, &error));
  g_assert_no_error (error);
  {
    g_autoptr(SlMorphology) back = sl_morphology_new_from_file (swc, &error);

    g_assert_no_error (error);
    compare (m, back, FALSE);
    /* SWC → NeuroML2 → SWC as well. */
    g_assert_true (sl_morphology_write_neuroml (back, nml, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(SlMorphology) back = sl_morphology_new_from_file (nml, &error);

    g_assert_no_error (error);
    compare (m, back, FALSE);
    g_assert_true (sl_morphology_write_swc (back, swc2, &error));
  }
  g_assert_true (sl_morphology_write_neuroml (m, nml, &error));
  g_assert_no_error (error);
  {
    g_autoptr(SlMorphology) back = sl_morphology_new_from_file (nml, &error);

    g_assert_no_error (error);
    /* NeuroML2 keeps the file's own segment groups too. */
    compare (m, back, TRUE);
  }
  {
    g_autofree char *a = NULL, *b = NULL;

    /* The rows written from the tree and from its NeuroML2 copy are the
     * same text (the headers differ only in the name). */
    g_assert_true (g_file_get_contents (swc, &a, NULL, NULL));
    g_assert_true (g_file_get_contents (swc2, &b, NULL, NULL));
    g_assert_cmpstr (strstr (a, "\n1 "), ==, strstr (b, "\n1 "));
  }
  g_unlink (swc);
  g_unlink (swc2);
  g_unlink (nml);
  g_rmdir (dir);
}

/* Readers keep no global state: four threads loading the same files get
 * the same trees. */
static gpointer
load_many (gpointer data)
{
  static const char *const files[] = { "cell.nml", "cell.asc", "ref.swc" };
  const SlMorphology *const *ref = data;

  for (int round = 0; round < 30; round++)
    for (gsize k = 0; k < G_N_ELEMENTS (files); k++)
      {
        g_autoptr(SlMorphology) m = load_fixture (files[k]);

        if (m->n_points != ref[k]->n_points ||
            sl_morphology_total_length (m) != sl_morphology_total_length (ref[k]))
          return GINT_TO_POINTER (1);
      }
  return NULL;
}

static void
test_threads (void)
{
  SlMorphology *ref[3] = { load_fixture ("cell.nml"), load_fixture ("cell.asc"),
                           load_fixture ("ref.swc") };
  GThread *threads[4];

  for (int t = 0; t < 4; t++)
    threads[t] = g_thread_new ("load", load_many, ref);
  for (int t = 0; t < 4; t++)
    g_assert_null (g_thread_join (threads[t]));
  for (int k = 0; k < 3; k++)
    sl_morphology_unref (ref[k]);
}

/* A file without a known extension is read by its content. */
static void
test_sniff (void)
{
  static const struct { const char *fixture; SlMorphologyFormat format; } cases[] = {
    { "ref.swc", SL_FORMAT_SWC }, { "cell.asc", SL_FORMAT_ASC }, { "cell.nml", SL_FORMAT_NEUROML },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("spinelab-sniff-XXXXXX", &error);

  g_assert_no_error (error);
  for (gsize k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *src = fixture_path (cases[k].fixture);
      g_autofree char *dst = g_build_filename (dir, "cell.data", NULL);
      g_autofree char *data = NULL;
      gsize len;
      g_autoptr(SlMorphology) m = NULL;

      g_assert_true (g_file_get_contents (src, &data, &len, NULL));
      g_assert_true (g_file_set_contents (dst, data, len, NULL));
      m = sl_morphology_new_from_file (dst, &error);
      g_assert_no_error (error);
      g_assert_cmpint (m->format, ==, cases[k].format);
      g_unlink (dst);
    }
  g_rmdir (dir);
}

static void
test_unwritable (void)
{
  g_autoptr(SlMorphology) m = load_fixture ("ref.swc");
  g_autoptr(GError) error = NULL;

  g_assert_false (sl_morphology_write_swc (m, "/nonexistent-dir/x.swc", &error));
  g_assert_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (sl_morphology_write_neuroml (m, "/nonexistent-dir/x.nml", &error));
  g_assert_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_IO);
}

int
main (int    argc,
      char **argv)
{
  static const char *const files[] = {
    "ref.swc", "unsorted-ids.swc", "quirks-crlf.swc", "one-point-soma.swc",
    "cylinder-soma.swc", "contour-soma.swc", "custom-types.swc",
    "two-trees-no-soma.swc", "cell.asc", "cell.nml",
  };

  g_test_init (&argc, &argv, NULL);
  for (gsize k = 0; k < G_N_ELEMENTS (files); k++)
    {
      g_autofree char *path = g_strdup_printf ("/morphology/writer/round-trip/%s", files[k]);
      g_test_add_data_func (path, files[k], round_trip);
    }
  g_test_add_func ("/morphology/writer/unwritable", test_unwritable);
  g_test_add_func ("/morphology/io/sniff", test_sniff);
  g_test_add_func ("/morphology/io/threads", test_threads);
  return g_test_run ();
}
