/* test-generator.c: the bundled cells.
 *
 * Expected dimensions come from where the cells are specified: models.md
 * §3.3 for the lesson dendrites, issue 3 ("apical trunk of roughly 1 mm
 * tapering from ~4 to ~1 µm, oblique branches, a tuft, 5–8 basal dendrites
 * of ~150–250 µm") and the brief's ranges for the pyramidal cells.  Tree
 * features (trunk, obliques, basal trees) are found here from the points
 * alone, independently of the generator's own bookkeeping.
 */
#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "sl-generator.h"

static SlMorphology *
new_cell (const char *name)
{
  g_autoptr(GError) error = NULL;
  SlMorphology *m = sl_bundled_cell_new (name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (m);
  return m;
}

/* Number of children of every point. */
static int *
count_children (const SlMorphology *m)
{
  int *n = g_new0 (int, m->n_points);

  for (int i = 0; i < m->n_points; i++)
    if (m->points[i].parent >= 0)
      n[m->points[i].parent]++;
  return n;
}

static void
test_names (void)
{
  const char * const *names = sl_bundled_cell_names ();
  g_autoptr(GError) error = NULL;
  SlMorphology *m;
  int n = 0;

  g_assert_nonnull (names);
  g_assert_cmpstr (names[0], ==, "l5-pyramidal");  /* the app's default cell */
  for (; names[n] != NULL; n++)
    {
      const char *d = sl_bundled_cell_description (names[n]);

      g_assert_nonnull (d);
      g_assert_null (strchr (d, '\n'));
    }
  g_assert_cmpint (n, ==, 7);
  g_assert_true (sl_bundled_cell_has_neuroml ("l5-pyramidal"));
  g_assert_false (sl_bundled_cell_has_neuroml ("ball-and-stick"));
  g_assert_null (sl_bundled_cell_description ("purkinje"));

  m = sl_bundled_cell_new ("purkinje", &error);
  g_assert_null (m);
  g_assert_error (error, SL_GENERATOR_ERROR, SL_GENERATOR_ERROR_UNKNOWN_CELL);
  g_assert_nonnull (strstr (error->message, "purkinje"));
  for (int i = 0; names[i] != NULL; i++)
    g_assert_nonnull (strstr (error->message, names[i]));
  g_clear_error (&error);

  m = sl_bundled_cell_new (NULL, &error);
  g_assert_null (m);
  g_assert_error (error, SL_GENERATOR_ERROR, SL_GENERATOR_ERROR_UNKNOWN_CELL);
}

/* Every cell: finishes without warnings, one tree, a three-point soma,
 * parent-first order, only the four standard types, points no further
 * apart than 10 µm on the neurites, and every neurite starting with a
 * DETACHED point on the soma (the gap from the soma point is not cable). */
static void
test_well_formed (void)
{
  const char * const *names = sl_bundled_cell_names ();

  for (int c = 0; names[c] != NULL; c++)
    {
      g_autoptr(SlMorphology) m = new_cell (names[c]);

      g_test_message ("%s: %d points, %d sections", names[c], m->n_points, m->n_sections);
      g_assert_cmpstr (m->name, ==, names[c]);
      g_assert_cmpuint (m->warnings->len, ==, 0);
      g_assert_cmpint (m->n_trees, ==, 1);
      g_assert_cmpint (m->soma_kind, ==, SL_SOMA_THREE_POINT);
      g_assert_cmpint (m->points[0].type, ==, SL_TYPE_SOMA);
      for (int i = 0; i < m->n_points; i++)
        {
          const SlPoint *p = &m->points[i];

          g_assert_cmpint (p->parent, <, i);
          g_assert_cmpint (p->type, >=, SL_TYPE_SOMA);
          g_assert_cmpint (p->type, <=, SL_TYPE_APICAL);
          g_assert_cmpfloat (p->r, >=, 0.15);
          if (p->type == SL_TYPE_SOMA)
            continue;
          if (m->points[p->parent].type == SL_TYPE_SOMA)
            {
              double dx = p->x - m->soma_center[0];
              double dy = p->y - m->soma_center[1];
              double dz = p->z - m->soma_center[2];

              g_assert_true (p->flags & SL_POINT_DETACHED);
              g_assert_cmpfloat (m->segment_length[i], ==, 0.0);
              g_assert_cmpfloat (m->path_distance[i], ==, 0.0);
              /* on the soma surface (to the files' 0.01 µm) */
              g_assert_cmpfloat_with_epsilon (sqrt (dx * dx + dy * dy + dz * dz),
                                              m->soma_radius, 0.01);
            }
          else
            {
              g_assert_false (p->flags & SL_POINT_DETACHED);
              g_assert_cmpfloat (m->segment_length[i], >, 0.0);
              g_assert_cmpfloat (m->segment_length[i], <=, 10.0 + 1e-6);
            }
        }
    }
}

static void
test_deterministic (void)
{
  const char * const *names = sl_bundled_cell_names ();

  for (int c = 0; names[c] != NULL; c++)
    {
      g_autoptr(SlMorphology) a = new_cell (names[c]);
      g_autoptr(SlMorphology) b = new_cell (names[c]);

      g_assert_cmpint (a->n_points, ==, b->n_points);
      g_assert_cmpmem (a->points, a->n_points * sizeof (SlPoint),
                       b->points, b->n_points * sizeof (SlPoint));
    }
}

/* models.md §3.3: soma 20 µm, dendrite 1 µm, 50 µm (two-spine) or 100 µm
 * (segment); issue 3: a 200 µm dendrite; the ball-and-stick: 200 µm of
 * 2 µm.  Lengths are exact: the dendrite leaves from the soma surface and
 * its points lie on integer coordinates. */
static void
test_lesson_cells (void)
{
  static const struct { const char *name; double length, diameter; } cases[] = {
    { "two-spine-dendrite", 50.0, 1.0 },
    { "segment-dendrite", 100.0, 1.0 },
    { "dendrite-200", 200.0, 1.0 },
    { "ball-and-stick", 200.0, 2.0 },
  };

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(SlMorphology) m = new_cell (cases[c].name);
      const SlRegion *basal = sl_morphology_find_region (m, "basal");
      double max_path = 0.0;
      int n_dend = 0;

      g_assert_cmpfloat (2.0 * m->soma_radius, ==, 20.0);
      g_assert_nonnull (basal);
      g_assert_cmpfloat (basal->length, ==, cases[c].length);
      /* a cylinder: π d L */
      g_assert_cmpfloat_with_epsilon (basal->area, G_PI * cases[c].diameter * cases[c].length,
                                      1e-9 * basal->area);
      g_assert_cmpfloat (sl_morphology_total_length (m), ==, cases[c].length);
      g_assert_null (sl_morphology_find_region (m, "apical"));
      g_assert_null (sl_morphology_find_region (m, "axon"));
      /* one unbranched dendrite: one non-soma section */
      for (int s = 0; s < m->n_sections; s++)
        n_dend += m->sections[s].type != SL_TYPE_SOMA;
      g_assert_cmpint (n_dend, ==, 1);
      for (int i = 0; i < m->n_points; i++)
        if (m->points[i].type == SL_TYPE_BASAL)
          {
            g_assert_cmpfloat (2.0 * m->points[i].r, ==, cases[c].diameter);
            max_path = MAX (max_path, m->path_distance[i]);
          }
      g_assert_cmpfloat (max_path, ==, cases[c].length);
    }
}

typedef struct
{
  int     n_trunk;      /* points of the trunk, apical root to main bifurcation */
  int    *trunk;        /* (n_trunk) */
  double  trunk_length; /* µm */
  int     n_obliques;   /* branches leaving the trunk before the bifurcation */
  int     n_tuft_tips;
  double  tuft_tip_min, tuft_tip_max; /* path distance of tuft tips, µm */
  int     n_basal;      /* basal trees */
  double  basal_min, basal_max;       /* tip path length from the soma surface, µm */
  int     basal_bif_min, basal_bif_max; /* branch points on a root-to-tip path */
  double  axon_length;  /* µm */
} Anatomy;

/* Finds the trunk by following, from the apical root, the thickest apical
 * child until a branch point whose two thickest children are within 25 %
 * of each other (the main bifurcation). */
static void
measure (const SlMorphology *m,
         Anatomy            *a)
{
  g_autofree int *nchild = count_children (m);
  g_autofree int *tree = g_new (int, m->n_points);
  g_autofree int *nbif = g_new0 (int, m->n_points);
  g_autofree gboolean *on_trunk = g_new0 (gboolean, m->n_points);
  g_autofree gboolean *in_tuft = g_new0 (gboolean, m->n_points);
  int root = -1, c;

  memset (a, 0, sizeof *a);
  a->trunk = g_new (int, m->n_points);
  a->tuft_tip_min = a->basal_min = G_MAXDOUBLE;
  a->basal_bif_min = G_MAXINT;

  for (int i = 0; i < m->n_points; i++)
    if (m->points[i].type == SL_TYPE_APICAL && m->points[m->points[i].parent].type == SL_TYPE_SOMA)
      {
        g_assert_cmpint (root, ==, -1);  /* one apical tree */
        root = i;
      }
  g_assert_cmpint (root, >=, 0);

  for (c = root;;)
    {
      int best = -1, second = -1;

      a->trunk[a->n_trunk++] = c;
      on_trunk[c] = TRUE;
      for (int j = c + 1; j < m->n_points; j++)
        if (m->points[j].parent == c)
          {
            if (best < 0 || m->points[j].r > m->points[best].r)
              {
                second = best;
                best = j;
              }
            else if (second < 0 || m->points[j].r > m->points[second].r)
              second = j;
          }
      g_assert_cmpint (best, >=, 0);  /* the trunk must end in a bifurcation */
      if (second >= 0 && m->points[best].r < 1.25 * m->points[second].r)
        break;
      if (second >= 0)
        a->n_obliques++;
      c = best;
    }
  a->trunk_length = m->path_distance[c] - m->path_distance[m->points[root].parent];

  for (int i = 0; i < m->n_points; i++)
    {
      const SlPoint *p = &m->points[i];

      tree[i] = -1;
      if (p->parent < 0)
        continue;
      nbif[i] = nbif[p->parent] + (nchild[p->parent] >= 2 && !on_trunk[p->parent] &&
                                   m->points[p->parent].type != SL_TYPE_SOMA);
      if (p->type == SL_TYPE_APICAL && !on_trunk[i])
        in_tuft[i] = p->parent == c || in_tuft[p->parent];
      if (p->type == SL_TYPE_AXON)
        a->axon_length += m->segment_length[i];
      if (p->type != SL_TYPE_BASAL)
        continue;
      if (m->points[p->parent].type == SL_TYPE_SOMA)
        tree[i] = a->n_basal++;
      else
        tree[i] = tree[p->parent];
    }

  for (int i = 0; i < m->n_points; i++)
    {
      if (nchild[i] != 0)
        continue;
      if (in_tuft[i])
        {
          a->n_tuft_tips++;
          a->tuft_tip_min = MIN (a->tuft_tip_min, m->path_distance[i]);
          a->tuft_tip_max = MAX (a->tuft_tip_max, m->path_distance[i]);
        }
      if (tree[i] >= 0)
        {
          double from_surface = m->path_distance[i];

          a->basal_min = MIN (a->basal_min, from_surface);
          a->basal_max = MAX (a->basal_max, from_surface);
          a->basal_bif_min = MIN (a->basal_bif_min, nbif[i]);
          a->basal_bif_max = MAX (a->basal_bif_max, nbif[i]);
        }
    }
}

/* The radius never grows along the trunk, and its ends have the stated
 * diameters. */
static void
check_trunk_taper (const SlMorphology *m,
                   const Anatomy      *a,
                   double              d0,
                   double              d1)
{
  g_assert_cmpfloat_with_epsilon (2.0 * m->points[a->trunk[0]].r, d0, 0.05);
  g_assert_cmpfloat_with_epsilon (2.0 * m->points[a->trunk[a->n_trunk - 1]].r, d1, 0.01);
  for (int k = 1; k < a->n_trunk; k++)
    g_assert_cmpfloat (m->points[a->trunk[k]].r, <=, m->points[a->trunk[k - 1]].r);
}

/* The derived labels of sl-morphology-labels.c must agree with the anatomy
 * the generator built. */
static void
check_labels (const SlMorphology *m,
              const Anatomy      *a)
{
  const SlRegion *trunk = sl_morphology_find_region (m, "trunk");
  const SlRegion *oblique = sl_morphology_find_region (m, "oblique");
  const SlRegion *tuft = sl_morphology_find_region (m, "tuft");

  g_assert_nonnull (trunk);
  g_assert_nonnull (oblique);
  g_assert_nonnull (tuft);
  g_assert_cmpint (trunk->n_points, ==, a->n_trunk);
  g_assert_cmpfloat_with_epsilon (trunk->length, a->trunk_length, 1e-6);
}

/* measure () and its summary in the test log. */
static void
measure_logged (const SlMorphology *m,
                const char         *label,
                Anatomy            *a)
{
  measure (m, a);
  g_test_message ("%s: trunk %.1f µm, %d obliques, %d tuft tips at %.0f–%.0f µm, "
                  "%d basal trees with tips at %.0f–%.0f µm, axon %.1f µm",
                  label, a->trunk_length, a->n_obliques, a->n_tuft_tips, a->tuft_tip_min,
                  a->tuft_tip_max, a->n_basal, a->basal_min, a->basal_max, a->axon_length);
}

static void
test_l5 (void)
{
  g_autoptr(SlMorphology) m = new_cell ("l5-pyramidal");
  Anatomy a;

  measure_logged (m, "L5", &a);

  /* soma ~20–25 µm */
  g_assert_cmpfloat (2.0 * m->soma_radius, >=, 20.0);
  g_assert_cmpfloat (2.0 * m->soma_radius, <=, 25.0);
  /* trunk to the main bifurcation at 800–1000 µm, 4 → ~1 µm */
  g_assert_cmpfloat (a.trunk_length, >=, 800.0);
  g_assert_cmpfloat (a.trunk_length, <=, 1000.0);
  g_assert_cmpfloat_with_epsilon (a.trunk_length, 850.0, 0.5);
  check_trunk_taper (m, &a, 4.0, 1.2);
  /* 6–12 obliques off the proximal trunk */
  g_assert_cmpint (a.n_obliques, >=, 6);
  g_assert_cmpint (a.n_obliques, <=, 12);
  /* a tuft of several branches, beyond the bifurcation */
  g_assert_cmpint (a.n_tuft_tips, >=, 4);
  g_assert_cmpfloat (a.tuft_tip_min, >, a.trunk_length + 100.0);
  /* 5–8 basal dendrites of 150–250 µm with one or two bifurcations */
  g_assert_cmpint (a.n_basal, >=, 5);
  g_assert_cmpint (a.n_basal, <=, 8);
  g_assert_cmpfloat (a.basal_min, >=, 150.0);
  g_assert_cmpfloat (a.basal_max, <=, 250.0);
  g_assert_cmpint (a.basal_bif_min, >=, 1);
  g_assert_cmpint (a.basal_bif_max, <=, 2);
  /* axon initial segment 30–60 µm */
  g_assert_cmpfloat (a.axon_length, >=, 30.0);
  g_assert_cmpfloat (a.axon_length, <=, 60.0 + 1e-6);

  check_labels (m, &a);
  g_free (a.trunk);
}

static void
test_ca1 (void)
{
  g_autoptr(SlMorphology) m = new_cell ("ca1-pyramidal");
  Anatomy a;

  measure_logged (m, "CA1", &a);

  /* trunk ~350–450 µm to SLM, with many obliques and a tuft */
  g_assert_cmpfloat (a.trunk_length, >=, 350.0);
  g_assert_cmpfloat (a.trunk_length, <=, 450.0);
  g_assert_cmpfloat_with_epsilon (a.trunk_length, 400.0, 0.5);
  check_trunk_taper (m, &a, 3.0, 1.0);
  g_assert_cmpint (a.n_obliques, >=, 10);
  g_assert_cmpint (a.n_tuft_tips, >=, 4);
  g_assert_cmpfloat (a.tuft_tip_min, >, a.trunk_length + 100.0);
  /* basal dendrites ~150–250 µm */
  g_assert_cmpint (a.n_basal, >=, 4);
  g_assert_cmpfloat (a.basal_min, >=, 150.0);
  g_assert_cmpfloat (a.basal_max, <=, 250.0);
  g_assert_cmpint (a.basal_bif_min, >=, 1);
  g_assert_cmpfloat (a.axon_length, >=, 30.0);
  g_assert_cmpfloat (a.axon_length, <=, 60.0 + 1e-6);

  check_labels (m, &a);
  g_free (a.trunk);
}

/* Same tree: same points (positions and radii exactly, as the generator
 * rounds them to what the file holds), types, parents and flags.  A reader may reorder points (any
 * parent-first order), so points are matched by their SWC id, which the
 * writer sets to the generated index + 1. */
static void
assert_same_points (const SlMorphology *want,
                    const SlMorphology *got,
                    const char         *what)
{
  g_autofree gboolean *seen = g_new0 (gboolean, want->n_points);

  g_test_message ("comparing %s", what);
  g_assert_cmpint (got->n_points, ==, want->n_points);
  for (int k = 0; k < got->n_points; k++)
    {
      const SlPoint *q = &got->points[k];
      int i = q->id - 1;
      int parent = q->parent >= 0 ? got->points[q->parent].id - 1 : -1;
      const SlPoint *p;

      g_assert_cmpint (i, >=, 0);
      g_assert_cmpint (i, <, want->n_points);
      g_assert_false (seen[i]);
      seen[i] = TRUE;
      p = &want->points[i];
      if (fabs (p->x - q->x) > 1e-9 || fabs (p->y - q->y) > 1e-9 || fabs (p->z - q->z) > 1e-9 ||
          fabs (p->r - q->r) > 1e-9 || p->type != q->type || p->parent != parent ||
          p->flags != q->flags)
        g_error ("%s: point id %d differs: generated (%g %g %g r %g type %d parent id %d), "
                 "file (%g %g %g r %g type %d parent id %d)", what, i + 1,
                 p->x, p->y, p->z, p->r, p->type, p->parent + 1,
                 q->x, q->y, q->z, q->r, q->type, parent + 1);
    }
}

/* Same cable per region (for NeuroML2, whose segments need not map one to
 * one onto SWC points). */
static void
assert_same_regions (const SlMorphology *want,
                     const SlMorphology *got,
                     const char         *what)
{
  static const char *types[] = { "axon", "basal", "apical" };

  g_test_message ("comparing regions of %s", what);
  for (gsize k = 0; k < G_N_ELEMENTS (types); k++)
    {
      const SlRegion *a = sl_morphology_find_region (want, types[k]);
      const SlRegion *b = sl_morphology_find_region (got, types[k]);

      g_assert_nonnull (a);
      g_assert_nonnull (b);
      g_assert_cmpfloat_with_epsilon (b->length, a->length, 1e-3 * a->length);
    }
  g_assert_cmpfloat_with_epsilon (got->soma_radius, want->soma_radius, 1e-3);
}

/* The checked-in files equal what the generator makes now. */
static void
test_checked_in (void)
{
  const char *src = g_getenv ("SL_SOURCE_DIR");
  const char * const *names = sl_bundled_cell_names ();

  if (src == NULL)
    {
      g_test_skip ("SL_SOURCE_DIR not set");
      return;
    }
  for (int c = 0; names[c] != NULL; c++)
    {
      g_autoptr(SlMorphology) gen = new_cell (names[c]);
      g_autoptr(GError) error = NULL;
      g_autofree char *base = g_strconcat (names[c], ".swc", NULL);
      g_autofree char *path = g_build_filename (src, "morphologies", base, NULL);
      g_autoptr(SlMorphology) file = sl_morphology_new_from_file (path, &error);

      g_assert_no_error (error);
      assert_same_points (gen, file, path);
      g_assert_cmpuint (file->warnings->len, ==, 0);

      if (sl_bundled_cell_has_neuroml (names[c]))
        {
          g_autofree char *nbase = g_strconcat (names[c], ".cell.nml", NULL);
          g_autofree char *npath = g_build_filename (src, "morphologies", nbase, NULL);
          g_autoptr(SlMorphology) nml = sl_morphology_new_from_file (npath, &error);
          static const char *groups[] = { "soma_group", "axon_group", "basal_dends", "apical_dends" };

          g_assert_no_error (error);
          assert_same_regions (gen, nml, npath);
          for (gsize k = 0; k < G_N_ELEMENTS (groups); k++)
            g_assert_nonnull (sl_morphology_find_region (nml, groups[k]));
          g_assert_cmpfloat_with_epsilon (sl_morphology_find_region (nml, "apical_dends")->length,
                                          sl_morphology_find_region (gen, "apical")->length,
                                          1e-3 * sl_morphology_find_region (gen, "apical")->length);
        }
    }
}

/* Writing and reading back gives the generated tree (through a fresh
 * directory, as `spinelab generate-cells --out` does). */
static void
test_write_read_back (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sl-generator-XXXXXX", &error);
  const char * const *names = sl_bundled_cell_names ();

  g_assert_no_error (error);
  for (int c = 0; names[c] != NULL; c++)
    {
      g_autoptr(SlMorphology) gen = new_cell (names[c]);
      g_autofree char *base = g_strconcat (names[c], ".swc", NULL);
      g_autofree char *path = g_build_filename (dir, base, NULL);
      g_autoptr(SlMorphology) back = NULL;

      g_assert_true (sl_bundled_cell_write_files (names[c], dir, &error));
      g_assert_no_error (error);
      back = sl_morphology_new_from_file (path, &error);
      g_assert_no_error (error);
      assert_same_points (gen, back, path);
      g_assert_cmpint (back->n_sections, ==, gen->n_sections);
      g_remove (path);

      if (sl_bundled_cell_has_neuroml (names[c]))
        {
          g_autofree char *nbase = g_strconcat (names[c], ".cell.nml", NULL);
          g_autofree char *npath = g_build_filename (dir, nbase, NULL);
          g_autoptr(SlMorphology) nml = sl_morphology_new_from_file (npath, &error);

          g_assert_no_error (error);
          assert_same_regions (gen, nml, npath);
          g_remove (npath);
        }
    }
  g_assert_false (sl_bundled_cell_write_files ("purkinje", dir, &error));
  g_assert_error (error, SL_GENERATOR_ERROR, SL_GENERATOR_ERROR_UNKNOWN_CELL);
  g_clear_error (&error);
  g_rmdir (dir);

  /* an unwritable place: the writer's error comes through, no file is made */
  {
    g_autofree char *missing = g_build_filename (dir, "no", "such", "dir", NULL);

    g_assert_false (sl_bundled_cell_write_files ("ball-and-stick", missing, &error));
    g_assert_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_IO);
    g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/morphology/generator/names", test_names);
  g_test_add_func ("/morphology/generator/well-formed", test_well_formed);
  g_test_add_func ("/morphology/generator/deterministic", test_deterministic);
  g_test_add_func ("/morphology/generator/lesson-cells", test_lesson_cells);
  g_test_add_func ("/morphology/generator/l5-pyramidal", test_l5);
  g_test_add_func ("/morphology/generator/ca1-pyramidal", test_ca1);
  g_test_add_func ("/morphology/generator/write-read-back", test_write_read_back);
  g_test_add_func ("/morphology/generator/checked-in", test_checked_in);

  return g_test_run ();
}
