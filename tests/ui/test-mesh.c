/* test-mesh.c: what the 3D view draws for a morphology (no GL needed). */
#include <math.h>
#include <string.h>

#include "sl-colormap.h"
#include "sl-generator.h"
#include "sl-morphology-mesh.h"

static SlMorphology *
load_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (SL_TEST_DATA_DIR, "ui", name, NULL);
  g_autoptr(GError) error = NULL;
  SlMorphology *morph = sl_morphology_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (morph);
  return morph;
}

/* three-regions.swc: a one-point soma and 14 neurite points, each with a
 * parent, so 14 segments plus the soma sphere (r 12 µm at the origin). */
static void
test_segments_from_swc (void)
{
  g_autoptr(SlMorphology) morph = load_fixture ("three-regions.swc");
  g_autoptr(SlMorphologyMesh) mesh = sl_morphology_mesh_new (morph);
  g_autofree guint8 *colors = NULL;
  guint8 apical[4], basal[4], axon[4], soma[4];

  g_assert_cmpint (mesh->n_segments, ==, 14);
  g_assert_true (mesh->has_soma_sphere);
  g_assert_cmpfloat_with_epsilon (mesh->soma_radius, 12.f, 1e-4);
  for (int k = 0; k < 3; k++)
    g_assert_cmpfloat_with_epsilon (mesh->soma_center[k], 0.f, 1e-4);

  for (int s = 0; s < mesh->n_segments; s++)
    {
      const SlSegmentInstance *seg = &mesh->segments[s];
      const SlPoint *pt = &morph->points[mesh->segment_point[s]];
      const SlPoint *pa = &morph->points[pt->parent];

      g_assert_cmpfloat (seg->p1[1], ==, (float) pt->y);
      g_assert_cmpfloat (seg->p0[1], ==, (float) pa->y);
      g_assert_cmpfloat (seg->r1, ==, (float) pt->r);
      /* Leaving the soma: the neurite's own radius, not the soma's 12 µm. */
      if (pa->type == SL_TYPE_SOMA)
        g_assert_cmpfloat (seg->r0, ==, (float) pt->r);
      else
        g_assert_cmpfloat (seg->r0, ==, (float) pa->r);
    }

  /* Bounding box by hand: x from the axon tip (-150 - 2) to the basal tip
   * (90 + 4); y from the basal tips (-130 - 4) to the tuft (230 + 3.5);
   * z from the soma sphere (±12). */
  g_assert_cmpfloat_with_epsilon (mesh->bbox_min[0], -152.f, 1e-3);
  g_assert_cmpfloat_with_epsilon (mesh->bbox_max[0], 94.f, 1e-3);
  g_assert_cmpfloat_with_epsilon (mesh->bbox_min[1], -134.f, 1e-3);
  g_assert_cmpfloat_with_epsilon (mesh->bbox_max[1], 233.5f, 1e-3);
  g_assert_cmpfloat_with_epsilon (mesh->bbox_min[2], -12.f, 1e-3);
  g_assert_cmpfloat_with_epsilon (mesh->bbox_max[2], 12.f, 1e-3);

  colors = g_new (guint8, 4 * (mesh->n_segments + 1));
  sl_morphology_mesh_region_colors (mesh, morph, colors);
  sl_region_color (SL_TYPE_APICAL, apical);
  sl_region_color (SL_TYPE_BASAL, basal);
  sl_region_color (SL_TYPE_AXON, axon);
  sl_region_color (SL_TYPE_SOMA, soma);
  g_assert_cmpmem (&colors[4 * mesh->n_segments], 4, soma, 4);
  for (int s = 0; s < mesh->n_segments; s++)
    {
      int type = morph->points[mesh->segment_point[s]].type;
      const guint8 *want = type == SL_TYPE_APICAL ? apical : type == SL_TYPE_BASAL ? basal : axon;

      g_assert_cmpmem (&colors[4 * s], 4, want, 4);
    }
  /* The four region colours are told apart. */
  g_assert_true (memcmp (apical, basal, 3) != 0);
  g_assert_true (memcmp (apical, axon, 3) != 0);
  g_assert_true (memcmp (basal, axon, 3) != 0);
}

/* A NeuroMorpho three-point soma (centre, then ±r along y) becomes the
 * sphere: its two soma–soma segments are not drawn as cylinders. */
static void
test_three_point_soma (void)
{
  static const char swc[] =
    "1 1 0 0 0 8 -1\n"
    "2 1 0 -8 0 8 1\n"
    "3 1 0 8 0 8 1\n"
    "4 3 0 -20 0 2 1\n"
    "5 3 0 -60 0 1.5 4\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(SlMorphology) morph = sl_morphology_new_from_swc_data (swc, strlen (swc), "3pt", &error);
  g_autoptr(SlMorphologyMesh) mesh = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (morph->soma_kind, ==, SL_SOMA_THREE_POINT);
  mesh = sl_morphology_mesh_new (morph);
  g_assert_true (mesh->has_soma_sphere);
  g_assert_cmpint (mesh->n_segments, ==, 2);
  for (int s = 0; s < mesh->n_segments; s++)
    g_assert_cmpint (morph->points[mesh->segment_point[s]].type, ==, SL_TYPE_BASAL);
}

/* Anchor colours of the maps, from their published tables. */
static void
test_colormaps (void)
{
  guint8 c[4];

  sl_colormap_map (SL_COLORMAP_VIRIDIS, 0.f, c);
  g_assert_cmpuint (c[0], ==, 0x44); g_assert_cmpuint (c[1], ==, 0x01); g_assert_cmpuint (c[2], ==, 0x54);
  sl_colormap_map (SL_COLORMAP_VIRIDIS, 1.f, c);
  g_assert_cmpuint (c[0], ==, 0xfd); g_assert_cmpuint (c[1], ==, 0xe7); g_assert_cmpuint (c[2], ==, 0x25);
  sl_colormap_map (SL_COLORMAP_VIRIDIS, 7.f, c); /* clamped */
  g_assert_cmpuint (c[0], ==, 0xfd);
  sl_colormap_map (SL_COLORMAP_VIRIDIS, 0.5f, c);
  g_assert_cmpuint (c[0], ==, 0x26); g_assert_cmpuint (c[1], ==, 0x82); g_assert_cmpuint (c[2], ==, 0x8e);
  sl_colormap_map (SL_COLORMAP_COOLWARM, 0.5f, c);
  g_assert_cmpuint (c[0], ==, 0xdd); g_assert_cmpuint (c[1], ==, 0xdd); g_assert_cmpuint (c[2], ==, 0xdd);
  /* Halfway between two anchors: (0x3b + 0x8d) / 2 = 0x64. */
  sl_colormap_map (SL_COLORMAP_COOLWARM, 0.125f, c);
  g_assert_cmpuint (c[0], ==, 0x64);
  sl_colormap_map (SL_COLORMAP_COOLWARM, NAN, c);
  g_assert_cmpuint (c[0], ==, c[1]);
  g_assert_cmpuint (c[1], ==, c[2]);
}

static SlModel *
spine_model (gboolean extra)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlMorphology) morph = sl_bundled_cell_new ("dendrite-200", &error);
  g_autoptr(SlModelSpec) spec = sl_model_spec_new ();
  SlModel *model;

  g_assert_no_error (error);
  sl_model_spec_add_spine (spec, "a", "path:all:40");
  if (extra)
    sl_model_spec_add_spine (spec, "x", "path:all:90");
  sl_model_spec_add_spine (spec, "b", "path:all:120");
  sl_model_spec_add_spine (spec, "c", "path:all:121");
  model = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);
  return model;
}

/* Spine geometry by hand: the head's centre lies r_dend + L_neck + r_head
 * from the attachment point along dir, dir is a unit vector perpendicular
 * to the dendrite's axis there, the neck leaves at r_dend, the head's
 * radius is that of a sphere of the head volume, r = (3 V / 4π)^(1/3)
 * (0.087 µm³ → 0.2748 µm).  A spine's direction depends only on where it
 * sits: adding another spine leaves it alone, and two spines 1 µm apart
 * point different ways. */
static void
test_spine_instances (void)
{
  SlModel *m = spine_model (FALSE), *m2 = spine_model (TRUE);
  g_autofree SlSpineInstance *sp = sl_spine_instances_new (m);
  g_autofree SlSpineInstance *sp2 = sl_spine_instances_new (m2);

  g_assert_null (sl_spine_instances_new (NULL));
  g_assert_cmpint (m->n_spines, ==, 3);
  for (int k = 0; k < m->n_spines; k++)
    {
      int node = m->spine_node[k], parent = m->parent[node];
      double r_dend = m->diam[node] / 2, r_head = cbrt (3 * m->spine_volume[k] / (4 * G_PI));
      double axis[3], len = 0, dot = 0, norm = 0;

      for (int c = 0; c < 3; c++)
        {
          axis[c] = m->xyz[3 * node + c] - m->xyz[3 * parent + c];
          len += axis[c] * axis[c];
        }
      len = sqrt (len);
      for (int c = 0; c < 3; c++)
        {
          dot += axis[c] / len * sp[k].dir[c];
          norm += sp[k].dir[c] * sp[k].dir[c];
          g_assert_cmpfloat_with_epsilon (sp[k].head[c], m->spine_xyz[3 * k + c]
                                          + (r_dend + m->spine_neck_length[k] + r_head) * sp[k].dir[c], 1e-4);
          g_assert_cmpfloat_with_epsilon (sp[k].base[c], m->spine_xyz[3 * k + c] + r_dend * sp[k].dir[c], 1e-4);
        }
      g_assert_cmpfloat_with_epsilon (norm, 1.0, 1e-5);
      g_assert_cmpfloat_with_epsilon (dot, 0.0, 1e-5);
      g_assert_cmpfloat_with_epsilon (sp[k].head_r, 0.2748, 1e-4);
      g_assert_cmpfloat_with_epsilon (sp[k].neck_r, m->spine_neck_diam[k] / 2, 1e-6);
    }
  /* a, b, c keep their directions when x is added between them. */
  for (int k = 0; k < m->n_spines; k++)
    {
      int k2 = sl_model_find_spine (m2, m->spine_id[k]);

      g_assert_cmpint (k2, >=, 0);
      g_assert_cmpmem (sp[k].dir, sizeof sp[k].dir, sp2[k2].dir, sizeof sp2[k2].dir);
    }
  {
    int b = sl_model_find_spine (m, "b"), c = sl_model_find_spine (m, "c");
    float d = 0;

    for (int i = 0; i < 3; i++)
      d += sp[b].dir[i] * sp[c].dir[i];
    g_assert_cmpfloat (d, <, 0.999f);
  }
  sl_model_unref (m);
  sl_model_unref (m2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/mesh/segments-from-swc", test_segments_from_swc);
  g_test_add_func ("/ui/mesh/three-point-soma", test_three_point_soma);
  g_test_add_func ("/ui/colormap/anchors", test_colormaps);
  g_test_add_func ("/ui/mesh/spine-instances", test_spine_instances);
  return g_test_run ();
}
