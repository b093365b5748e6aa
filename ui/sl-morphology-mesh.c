/* sl-morphology-mesh.c: segment instances and soma sphere from a morphology. */
#include "sl-morphology-mesh.h"

#include <math.h>

static gboolean
soma_drawn_as_cylinders (const SlMorphology *morph)
{
  return morph->soma_kind == SL_SOMA_CYLINDERS || morph->soma_kind == SL_SOMA_SEGMENTS;
}

static void
grow_bbox (SlMorphologyMesh *mesh,
           const float       c[3],
           float             r)
{
  for (int k = 0; k < 3; k++)
    {
      mesh->bbox_min[k] = MIN (mesh->bbox_min[k], c[k] - r);
      mesh->bbox_max[k] = MAX (mesh->bbox_max[k], c[k] + r);
    }
}

SlMorphologyMesh *
sl_morphology_mesh_new (const SlMorphology *morph)
{
  g_autoptr(SlMorphologyMesh) mesh = g_new0 (SlMorphologyMesh, 1);
  gboolean soma_cylinders;
  int n = 0;

  g_return_val_if_fail (morph != NULL, NULL);
  g_return_val_if_fail (morph->n_points >= 0, NULL);

  mesh->n_points = morph->n_points;
  mesh->soma_point = -1;
  for (int k = 0; k < 3; k++)
    {
      mesh->bbox_min[k] = G_MAXFLOAT;
      mesh->bbox_max[k] = -G_MAXFLOAT;
    }

  soma_cylinders = soma_drawn_as_cylinders (morph);
  mesh->segments = g_new (SlSegmentInstance, MAX (morph->n_points, 1));
  mesh->segment_point = g_new (int, MAX (morph->n_points, 1));

  for (int i = 0; i < morph->n_points; i++)
    {
      const SlPoint *pt = &morph->points[i];
      const SlPoint *pa;
      SlSegmentInstance *s;
      gboolean soma_child = pt->type == SL_TYPE_SOMA;

      if (soma_child && mesh->soma_point < 0)
        mesh->soma_point = i;
      if (pt->parent < 0 || pt->parent >= i)
        {
          float c[3] = { pt->x, pt->y, pt->z };

          grow_bbox (mesh, c, pt->r);
          continue;
        }
      pa = &morph->points[pt->parent];
      /* Soma outlines and three-point somata are replaced by the sphere. */
      if (soma_child && pa->type == SL_TYPE_SOMA && !soma_cylinders)
        continue;

      s = &mesh->segments[n];
      s->p0[0] = pa->x; s->p0[1] = pa->y; s->p0[2] = pa->z;
      s->p1[0] = pt->x; s->p1[1] = pt->y; s->p1[2] = pt->z;
      s->r1 = pt->r;
      /* A neurite leaving the soma starts with its own calibre, not the
       * soma's radius (which would draw a wide cone out of the cell body). */
      s->r0 = (pa->type == SL_TYPE_SOMA && !soma_child) ? pt->r : pa->r;
      if (s->p0[0] == s->p1[0] && s->p0[1] == s->p1[1] && s->p0[2] == s->p1[2])
        continue; /* zero length: nothing to draw */
      grow_bbox (mesh, s->p0, s->r0);
      grow_bbox (mesh, s->p1, s->r1);
      mesh->segment_point[n] = i;
      n++;
    }
  mesh->n_segments = n;

  if (!soma_cylinders && morph->soma_kind != SL_SOMA_NONE && morph->soma_radius > 0)
    {
      mesh->has_soma_sphere = TRUE;
      for (int k = 0; k < 3; k++)
        mesh->soma_center[k] = morph->soma_center[k];
      mesh->soma_radius = morph->soma_radius;
      grow_bbox (mesh, mesh->soma_center, mesh->soma_radius);
    }

  if (mesh->bbox_min[0] > mesh->bbox_max[0])
    for (int k = 0; k < 3; k++)
      mesh->bbox_min[k] = mesh->bbox_max[k] = 0.f;

  return g_steal_pointer (&mesh);
}

void
sl_morphology_mesh_free (SlMorphologyMesh *mesh)
{
  if (mesh == NULL)
    return;
  g_free (mesh->segments);
  g_free (mesh->segment_point);
  g_free (mesh);
}

void
sl_region_color (int    type,
                 guint8 rgba[4])
{
  /* GNOME palette; NeuroMorpho habit: basal red, apical magenta, axon blue. */
  static const guint8 table[][3] = {
    [SL_TYPE_UNDEFINED] = { 0x9a, 0x99, 0x96 },
    [SL_TYPE_SOMA]      = { 0xf6, 0xf5, 0xf4 },
    [SL_TYPE_AXON]      = { 0x62, 0xa0, 0xea },
    [SL_TYPE_BASAL]     = { 0xed, 0x33, 0x3b },
    [SL_TYPE_APICAL]    = { 0xc0, 0x61, 0xcb },
  };
  static const guint8 custom[][3] = {
    { 0x33, 0xd1, 0x7a }, /* green */
    { 0xf6, 0xd3, 0x2d }, /* yellow */
    { 0xff, 0xa3, 0x48 }, /* orange */
    { 0xb5, 0x83, 0x5a }, /* brown */
  };
  const guint8 *c;

  if (type >= SL_TYPE_CUSTOM)
    c = custom[(type - SL_TYPE_CUSTOM) % G_N_ELEMENTS (custom)];
  else if (type >= 0 && type < (int) G_N_ELEMENTS (table))
    c = table[type];
  else
    c = table[SL_TYPE_UNDEFINED];
  rgba[0] = c[0];
  rgba[1] = c[1];
  rgba[2] = c[2];
  rgba[3] = 0xff;
}

void
sl_morphology_mesh_region_colors (const SlMorphologyMesh *mesh,
                                  const SlMorphology     *morph,
                                  guint8                 *colors)
{
  for (int s = 0; s < mesh->n_segments; s++)
    sl_region_color (morph->points[mesh->segment_point[s]].type, &colors[4 * s]);
  sl_region_color (SL_TYPE_SOMA, &colors[4 * mesh->n_segments]);
}

/* splitmix64's finaliser: a well-mixed 64-bit hash of a 64-bit key. */
static guint64
mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

SlSpineInstance *
sl_spine_instances_new (const SlModel *m)
{
  SlSpineInstance *out;

  if (m == NULL || m->n_spines <= 0)
    return NULL;
  out = g_new0 (SlSpineInstance, m->n_spines);
  for (int k = 0; k < m->n_spines; k++)
    {
      SlSpineInstance *sp = &out[k];
      int node = m->spine_node[k], parent = m->parent[node];
      double axis[3] = { 0, 1, 0 }, ref[3] = { 0, 0, 1 }, u[3], v[3], len, theta;
      double r_dend = m->diam[node] / 2, r_head = cbrt (3 * m->spine_volume[k] / (4 * G_PI));
      guint64 h = 0;

      if (parent >= 0)
        for (int c = 0; c < 3; c++)
          axis[c] = m->xyz[3 * node + c] - m->xyz[3 * parent + c];
      len = sqrt (axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
      if (!(len > 1e-6))
        {
          axis[0] = axis[2] = 0;
          axis[1] = len = 1;
        }
      for (int c = 0; c < 3; c++)
        axis[c] /= len;
      if (fabs (axis[2]) > 0.9)
        {
          ref[0] = 1;
          ref[2] = 0;
        }
      /* u = axis × ref, v = axis × u: a frame around the shaft. */
      u[0] = axis[1] * ref[2] - axis[2] * ref[1];
      u[1] = axis[2] * ref[0] - axis[0] * ref[2];
      u[2] = axis[0] * ref[1] - axis[1] * ref[0];
      len = sqrt (u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
      for (int c = 0; c < 3; c++)
        u[c] /= len;
      v[0] = axis[1] * u[2] - axis[2] * u[1];
      v[1] = axis[2] * u[0] - axis[0] * u[2];
      v[2] = axis[0] * u[1] - axis[1] * u[0];

      /* The angle from the attachment point, quantised to 1 nm. */
      for (int c = 0; c < 3; c++)
        h = mix64 (h ^ (guint64) (gint64) llround (m->spine_xyz[3 * k + c] * 1000.0));
      theta = (double) (h >> 11) * (1.0 / 9007199254740992.0) * 2 * G_PI;

      for (int c = 0; c < 3; c++)
        {
          double d = cos (theta) * u[c] + sin (theta) * v[c];

          sp->dir[c] = (float) d;
          sp->base[c] = (float) (m->spine_xyz[3 * k + c] + r_dend * d);
          sp->head[c] = (float) (m->spine_xyz[3 * k + c]
                                 + (r_dend + m->spine_neck_length[k] + r_head) * d);
        }
      sp->neck_r = (float) (m->spine_neck_diam[k] / 2);
      sp->head_r = (float) r_head;
    }
  return out;
}
