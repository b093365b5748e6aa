/* sl-model-geometry.c: sections, 3-D points and NEURON's discretisation.
 *
 * The rules (which points a section holds, the soma cylinder, d_lambda,
 * areas and axial resistances, zero-area end nodes) are stated in
 * sl-model.h; this file implements them.
 */
#include "sl-model-private.h"

#include <math.h>
#include <string.h>

/* Compartments: 10^5 per section, 10^6 in a cell (~1 GB of model and state). */
#define MAX_SECTION_NODES 100000
#define MAX_CABLE_NODES   1000000

#define N_CONTOUR_SLICES 21

static void
add_pt (SlCableLayout *layout,
        double         x,
        double         y,
        double         z,
        double         diam,
        int            point)
{
  double p[4] = { x, y, z, diam };

  g_array_append_vals (layout->pt3d, p, 4);
  g_array_append_val (layout->pt_point, point);
}

static double
pt_dist (const double *a,
         const double *b)
{
  double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];

  return sqrt (dx * dx + dy * dy + dz * dz);
}

/* Largest eigenvector of a symmetric 3×3 matrix by power iteration. */
static void
principal_axis (const double m[3][3],
                double       axis[3])
{
  double v[3] = { 1, 0.7, 0.3 };

  for (int it = 0; it < 200; it++)
    {
      double w[3], n = 0;

      for (int i = 0; i < 3; i++)
        {
          w[i] = m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2];
          n += w[i] * w[i];
        }
      n = sqrt (n);
      if (n <= 0)
        break;
      for (int i = 0; i < 3; i++)
        v[i] = w[i] / n;
    }
  memcpy (axis, v, sizeof v);
}

/* Import3d-like equivalent cylinder stack of a soma outline. */
static gboolean
contour_soma (SlCableLayout      *layout,
              const SlMorphology *morph,
              int                 soma_point)
{
  const double *o = morph->soma_outline;
  int m = morph->n_soma_outline;
  double c[3] = { 0, 0, 0 }, cov[3][3] = { { 0 } }, e1[3], e2[3];
  double umin = G_MAXDOUBLE, umax = -G_MAXDOUBLE;

  if (o == NULL || m < 3)
    return FALSE;
  for (int k = 0; k < m; k++)
    for (int a = 0; a < 3; a++)
      c[a] += o[3 * k + a] / m;
  for (int k = 0; k < m; k++)
    for (int a = 0; a < 3; a++)
      for (int b = 0; b < 3; b++)
        cov[a][b] += (o[3 * k + a] - c[a]) * (o[3 * k + b] - c[b]);
  principal_axis (cov, e1);
  /* Deflate to get the second axis (the outline's plane). */
  {
    double l1 = 0, d[3][3];

    for (int a = 0; a < 3; a++)
      for (int b = 0; b < 3; b++)
        l1 += e1[a] * cov[a][b] * e1[b];
    for (int a = 0; a < 3; a++)
      for (int b = 0; b < 3; b++)
        d[a][b] = cov[a][b] - l1 * e1[a] * e1[b];
    principal_axis (d, e2);
  }
  for (int k = 0; k < m; k++)
    {
      double u = 0;

      for (int a = 0; a < 3; a++)
        u += (o[3 * k + a] - c[a]) * e1[a];
      umin = MIN (umin, u);
      umax = MAX (umax, u);
    }
  if (umax - umin <= 0)
    return FALSE;

  for (int j = 0; j < N_CONTOUR_SLICES; j++)
    {
      double u = umin + (j + 0.5) * (umax - umin) / N_CONTOUR_SLICES;
      double wmin = G_MAXDOUBLE, wmax = -G_MAXDOUBLE;

      for (int k = 0; k < m; k++)
        {
          const double *p = &o[3 * k], *q = &o[3 * ((k + 1) % m)];
          double up = 0, uq = 0, wp = 0, wq = 0;

          for (int a = 0; a < 3; a++)
            {
              up += (p[a] - c[a]) * e1[a];
              uq += (q[a] - c[a]) * e1[a];
              wp += (p[a] - c[a]) * e2[a];
              wq += (q[a] - c[a]) * e2[a];
            }
          if ((up - u) * (uq - u) <= 0 && up != uq)
            {
              double w = wp + (wq - wp) * (u - up) / (uq - up);

              wmin = MIN (wmin, w);
              wmax = MAX (wmax, w);
            }
        }
      if (wmax < wmin)
        wmin = wmax = 0;
      {
        double wc = 0.5 * (wmin + wmax);
        double diam = MAX (wmax - wmin, 2 * SL_MORPHOLOGY_MIN_RADIUS);

        add_pt (layout,
                c[0] + u * e1[0] + wc * e2[0],
                c[1] + u * e1[1] + wc * e2[1],
                c[2] + u * e1[2] + wc * e2[2],
                diam, soma_point);
      }
    }
  return TRUE;
}

static void
soma_section (SlCableLayout      *layout,
              const SlMorphology *morph)
{
  SlModelSection sec = { 0 };
  int first_soma = -1, n_soma = 0;

  for (int i = 0; i < morph->n_points; i++)
    if (morph->points[i].type == SL_TYPE_SOMA)
      {
        if (first_soma < 0)
          first_soma = i;
        n_soma++;
      }
  layout->soma_section = -1;
  if (first_soma < 0)
    return;

  sec.parent = -1;
  sec.parent_x = 0;
  sec.parent_node = -1;
  sec.pt_offset = layout->pt_point->len;
  sec.type = SL_TYPE_SOMA;
  sec.point0 = first_soma;

  if (morph->soma_kind == SL_SOMA_CONTOUR && contour_soma (layout, morph, first_soma))
    ;
  else if (morph->soma_kind == SL_SOMA_CYLINDERS || morph->soma_kind == SL_SOMA_SEGMENTS)
    {
      for (int i = 0; i < morph->n_points; i++)
        if (morph->points[i].type == SL_TYPE_SOMA)
          {
            const SlPoint *p = &morph->points[i];

            add_pt (layout, p->x, p->y, p->z, 2 * p->r, i);
          }
    }
  if ((int) layout->pt_point->len - sec.pt_offset < 2)
    {
      /* One point, three points, or anything degenerate: the cylinder of
       * length = diameter = 2r along y. */
      const SlPoint *p = &morph->points[first_soma];
      double r = p->r;

      g_array_set_size (layout->pt3d, 4 * sec.pt_offset);
      g_array_set_size (layout->pt_point, sec.pt_offset);
      if (morph->soma_kind == SL_SOMA_CONTOUR && morph->soma_radius > 0)
        r = morph->soma_radius;
      add_pt (layout, p->x, p->y - r, p->z, 2 * r, first_soma);
      add_pt (layout, p->x, p->y + r, p->z, 2 * r, first_soma);
    }
  sec.n_pt = layout->pt_point->len - sec.pt_offset;
  layout->soma_section = layout->sections->len;
  g_array_append_val (layout->sections, sec);
}

/* Import3d's rule (read_swc.hoc, mksection) for a neurite on an SWC soma
 * given as a stack of points: on the first soma point it connects to
 * soma(0), on the last to soma(1), and the gap from the soma point to its
 * first own point is cable (a cylinder of the neurite's first diameter)
 * unless that soma point has two soma children (a branched soma: wire);
 * on an interior point it connects by wire to soma(0.5).  Other somas
 * (one point, NeuroMorpho three points, contours, NeuroML2 segments):
 * wire to soma(0.5).  Returns parent_x; *gap_is_cable says whether the
 * section starts at the soma point. */
static double
soma_attachment (const SlMorphology *morph,
                 int                 attach,
                 gboolean           *gap_is_cable)
{
  int first = -1, last = -1, soma_children = 0;

  *gap_is_cable = FALSE;
  if (morph->format != SL_FORMAT_SWC || morph->soma_kind != SL_SOMA_CYLINDERS || attach < 0)
    return 0.5;
  for (int i = 0; i < morph->n_points; i++)
    if (morph->points[i].type == SL_TYPE_SOMA)
      {
        if (first < 0)
          first = i;
        last = i;
        if (morph->points[i].parent == attach)
          soma_children++;
      }
  if (attach == first)
    {
      *gap_is_cable = soma_children < 2;
      return 0.0;
    }
  if (attach == last)
    {
      *gap_is_cable = TRUE;
      return 1.0;
    }
  return 0.5;
}

gboolean
_sl_layout_sections (SlCableLayout       *layout,
                     const SlMorphology  *morph,
                     GError             **error)
{
  g_autofree int *my_sec = g_new (int, MAX (morph->n_sections, 1));

  layout->sections = g_array_new (FALSE, TRUE, sizeof (SlModelSection));
  layout->pt3d = g_array_new (FALSE, FALSE, sizeof (double));
  layout->pt_point = g_array_new (FALSE, FALSE, sizeof (int));
  layout->nodes = g_array_new (FALSE, TRUE, sizeof (SlLayoutNode));
  layout->soma_node = -1;

  soma_section (layout, morph);

  for (int s = 0; s < morph->n_sections; s++)
    {
      const SlSection *ms = &morph->sections[s];
      const int *own = &morph->section_points[ms->offset];
      SlModelSection sec = { 0 };
      gboolean parent_soma, detached, with_start, gap_is_cable = FALSE;
      double soma_x = 0.5;

      my_sec[s] = -1;
      if (ms->type == SL_TYPE_SOMA)
        {
          my_sec[s] = layout->soma_section;
          continue;
        }
      parent_soma = ms->parent >= 0 && morph->sections[ms->parent].type == SL_TYPE_SOMA &&
                    layout->soma_section >= 0;
      detached = (morph->points[own[0]].flags & SL_POINT_DETACHED) != 0;
      if (parent_soma)
        soma_x = soma_attachment (morph, ms->start, &gap_is_cable);
      with_start = ms->start >= 0 && !detached &&
                   (!parent_soma || ms->n_points < 2 || gap_is_cable);

      sec.pt_offset = layout->pt_point->len;
      sec.type = ms->type;
      if (with_start)
        {
          const SlPoint *p = &morph->points[ms->start];
          /* Import3d gives the gap from a soma point the neurite's diameter,
           * and so the branch point of a Neurolucida branch (its reader
           * starts each branch at the parent's last point with the branch's
           * own first diameter; SWC keeps the parent point's diameter). */
          gboolean own_diam = (parent_soma && gap_is_cable) || morph->format == SL_FORMAT_ASC;
          double d = own_diam ? 2 * morph->points[own[0]].r : 2 * p->r;

          add_pt (layout, p->x, p->y, p->z, d, ms->start);
        }
      for (int k = 0; k < ms->n_points; k++)
        {
          const SlPoint *p = &morph->points[own[k]];

          add_pt (layout, p->x, p->y, p->z, 2 * p->r, own[k]);
        }
      sec.n_pt = layout->pt_point->len - sec.pt_offset;
      sec.point0 = g_array_index (layout->pt_point, int, sec.pt_offset);
      if (sec.n_pt < 2)
        {
          /* A lone root point: not cable; its children start from it. */
          g_array_set_size (layout->pt3d, 4 * sec.pt_offset);
          g_array_set_size (layout->pt_point, sec.pt_offset);
          continue;
        }
      for (int k = 1; k < sec.n_pt; k++)
        sec.length += pt_dist (&g_array_index (layout->pt3d, double, 4 * (sec.pt_offset + k - 1)),
                               &g_array_index (layout->pt3d, double, 4 * (sec.pt_offset + k)));
      if (!(sec.length > 1e-6))
        {
          g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_INVALID,
                       "%s: the section ending at point id %d has zero length",
                       morph->name, morph->points[own[ms->n_points - 1]].id);
          return FALSE;
        }
      if (parent_soma)
        {
          sec.parent = layout->soma_section;
          sec.parent_x = soma_x;
        }
      else if (ms->parent >= 0 && my_sec[ms->parent] >= 0)
        {
          sec.parent = my_sec[ms->parent];
          sec.parent_x = 1.0;
        }
      else
        {
          sec.parent = -1;
          sec.parent_x = 0;
        }
      sec.distance0 = morph->path_distance != NULL ? morph->path_distance[sec.point0] : 0;
      my_sec[s] = layout->sections->len;
      g_array_append_val (layout->sections, sec);
    }

  if (layout->sections->len == 0)
    {
      g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_INVALID,
                   "%s: no cable to simulate (no soma and no section of two points)",
                   morph->name);
      return FALSE;
    }
  {
    SlModelSection *soma = layout->soma_section >= 0 ?
      &g_array_index (layout->sections, SlModelSection, layout->soma_section) : NULL;

    if (soma != NULL)
      for (int k = 1; k < soma->n_pt; k++)
        soma->length += pt_dist (&g_array_index (layout->pt3d, double, 4 * (soma->pt_offset + k - 1)),
                                 &g_array_index (layout->pt3d, double, 4 * (soma->pt_offset + k)));
    if (soma != NULL && !(soma->length > 1e-6))
      {
        g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_INVALID,
                     "%s: the soma has zero size", morph->name);
        return FALSE;
      }
  }
  return TRUE;
}

/* fixnseg.hoc's lambda_f (µm) for a section of 3-D points. */
static double
lambda_f (const SlModelSection *sec,
          const double         *pt3d,
          double                freq,
          double                cm)
{
  const double *p = &pt3d[4 * sec->pt_offset];
  double lam = 0;

  for (int k = 1; k < sec->n_pt; k++)
    lam += pt_dist (&p[4 * (k - 1)], &p[4 * k]) / sqrt (p[4 * (k - 1) + 3] + p[4 * k + 3]);
  lam *= sqrt (2.0) * 1e-5 * sqrt (4 * G_PI * freq * sec->ra * cm);
  return sec->length / lam;
}

/* Area (µm²) and ∫ dx/d² (1/µm) of the section between arcs a < b. */
static void
integrate_piece (const SlModelSection *sec,
                 const double         *pt3d,
                 double                a,
                 double                b,
                 double               *area,
                 double               *rgeo)
{
  const double *p = &pt3d[4 * sec->pt_offset];
  double s0 = 0;

  *area = 0;
  *rgeo = 0;
  for (int k = 1; k < sec->n_pt; k++)
    {
      double len = pt_dist (&p[4 * (k - 1)], &p[4 * k]);
      double s1 = s0 + len;
      double lo = MAX (a, s0), hi = MIN (b, s1);

      if (hi > lo && len > 0)
        {
          double d0 = p[4 * (k - 1) + 3], d1 = p[4 * k + 3];
          double da = d0 + (d1 - d0) * (lo - s0) / len;
          double db = d0 + (d1 - d0) * (hi - s0) / len;
          double h = hi - lo, dr = 0.5 * (db - da);

          *area += G_PI * 0.5 * (da + db) * sqrt (h * h + dr * dr);
          *rgeo += h / (da * db);
        }
      else if (len == 0)
        {
          /* A diameter step between coincident points (SWC sections that
           * repeat their parent's last point) is the annulus π|r0² − r1²|,
           * the slant-height formula at zero length.  NEURON counts it in
           * the piece that ends at it (the first piece at s = 0). */
          double tol = 1e-9 * (1 + b);

          if ((a == 0 && s0 == 0) || (s0 > a + tol && s0 <= b + tol))
            {
              double d0 = p[4 * (k - 1) + 3], d1 = p[4 * k + 3];

              *area += G_PI * 0.25 * fabs (d0 * d0 - d1 * d1);
            }
        }
      s0 = s1;
    }
}

void
_sl_section_point_at (const SlModelSection *sec,
                      const double         *pt3d,
                      double                s,
                      double               *xyz)
{
  const double *p = &pt3d[4 * sec->pt_offset];
  double s0 = 0;

  for (int k = 1; k < sec->n_pt; k++)
    {
      double len = pt_dist (&p[4 * (k - 1)], &p[4 * k]);

      if (s <= s0 + len || k == sec->n_pt - 1)
        {
          double f = len > 0 ? CLAMP ((s - s0) / len, 0, 1) : 0;

          for (int a = 0; a < 3; a++)
            xyz[a] = p[4 * (k - 1) + a] + f * (p[4 * k + a] - p[4 * (k - 1) + a]);
          return;
        }
      s0 += len;
    }
  memcpy (xyz, p, 3 * sizeof (double));
}

double
_sl_section_nearest (const SlModelSection *sec,
                     const double         *pt3d,
                     const double         *q,
                     double               *dist)
{
  const double *p = &pt3d[4 * sec->pt_offset];
  double s0 = 0, best = G_MAXDOUBLE, best_s = 0;

  for (int k = 1; k < sec->n_pt; k++)
    {
      const double *a = &p[4 * (k - 1)], *b = &p[4 * k];
      double ab[3], len2 = 0, t = 0, d2 = 0, len;

      for (int i = 0; i < 3; i++)
        {
          ab[i] = b[i] - a[i];
          len2 += ab[i] * ab[i];
          t += (q[i] - a[i]) * ab[i];
        }
      t = len2 > 0 ? CLAMP (t / len2, 0, 1) : 0;
      for (int i = 0; i < 3; i++)
        {
          double di = a[i] + t * ab[i] - q[i];

          d2 += di * di;
        }
      len = sqrt (len2);
      if (d2 < best)
        {
          best = d2;
          best_s = s0 + t * len;
        }
      s0 += len;
    }
  *dist = sqrt (best);
  return best_s;
}

/* The morphology point whose cable piece holds arc s. */
static int
point_at (const SlCableLayout  *layout,
          const SlModelSection *sec,
          double                s)
{
  const double *p = &g_array_index (layout->pt3d, double, 4 * sec->pt_offset);
  const int *pp = &g_array_index (layout->pt_point, int, sec->pt_offset);
  double s0 = 0;

  for (int k = 1; k < sec->n_pt; k++)
    {
      s0 += pt_dist (&p[4 * (k - 1)], &p[4 * k]);
      if (s <= s0)
        return pp[k];
    }
  return pp[sec->n_pt - 1];
}

gboolean
_sl_layout_nodes (SlCableLayout  *layout,
                  const double   *cm_sec,
                  double          d_lambda,
                  double          freq,
                  double          max_length,
                  GError        **error)
{
  int n_sec = layout->sections->len;
  SlModelSection *secs = (SlModelSection *) layout->sections->data;
  const double *pt3d = (const double *) layout->pt3d->data;
  g_autofree int *n_children1 = g_new0 (int, n_sec);
  g_autofree int *end_node = g_new (int, n_sec);      /* node children at x = 1 hang on */
  g_autofree double *end_r = g_new0 (double, n_sec);  /* MΩ from that node to x = 1 */
  g_autofree int *n_children0 = g_new0 (int, n_sec);
  g_autofree int *start_node = g_new (int, n_sec);    /* node children at x = 0 hang on */
  g_autofree double *start_r = g_new0 (double, n_sec);/* MΩ from that node to x = 0 */

  for (int s = 0; s < n_sec; s++)
    {
      if (secs[s].parent >= 0 && secs[s].parent_x == 1.0)
        n_children1[secs[s].parent]++;
      if (secs[s].parent >= 0 && secs[s].parent_x == 0.0)
        n_children0[secs[s].parent]++;
    }

  for (int s = 0; s < n_sec; s++)
    {
      SlModelSection *sec = &secs[s];
      double L = sec->length, lf, nseg_f;
      int nseg;

      if (!(sec->ra > 0) || !(cm_sec[s] > 0))
        {
          g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_INVALID,
                       "section %d: Ra (%g Ω·cm) and cm (%g µF/cm²) must be positive",
                       s, sec->ra, cm_sec[s]);
          return FALSE;
        }
      lf = lambda_f (sec, pt3d, freq, cm_sec[s]);
      /* Counted in double: a tiny d_lambda or max_length overflows an int. */
      nseg_f = floor ((L / (d_lambda * lf) + 0.9) / 2) * 2 + 1;
      if (max_length > 0 && L / nseg_f > max_length)
        {
          nseg_f = ceil (L / max_length - 1e-9);
          if (fmod (nseg_f, 2) == 0)
            nseg_f++;
        }
      if (!(nseg_f <= MAX_SECTION_NODES) || layout->nodes->len + nseg_f > MAX_CABLE_NODES)
        {
          g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_INVALID,
                       "section %d: %.3g segments, more than %d per section or %d in the cell "
                       "(raise d_lambda, now %g, or max_length, now %g µm)",
                       s, nseg_f, MAX_SECTION_NODES, MAX_CABLE_NODES, d_lambda, max_length);
          return FALSE;
        }
      nseg = (int) nseg_f;
      sec->nseg = nseg;
      sec->first_node = layout->nodes->len;

      /* Where the section hangs. */
      {
        int pnode = -1;
        double r_parent = 0;

        if (sec->parent >= 0)
          {
            const SlModelSection *par = &secs[sec->parent];

            if (sec->parent_x == 1.0)
              {
                pnode = end_node[sec->parent];
                r_parent = end_r[sec->parent];
              }
            else if (sec->parent_x == 0.0)
              {
                pnode = start_node[sec->parent];
                r_parent = start_r[sec->parent];
              }
            else
              pnode = _sl_section_node_at (par, sec->parent_x);
          }
        sec->parent_node = pnode;

        double dx = L / nseg;
        double r_prev = r_parent;  /* MΩ from the previous node to the section's x = 0 side */
        double r_first = 0;        /* MΩ from the first node to x = 0 */

        for (int k = 0; k < nseg; k++)
          {
            SlLayoutNode node = { 0 };
            double a1, r1, a2, r2;

            integrate_piece (sec, pt3d, k * dx, (k + 0.5) * dx, &a1, &r1);
            integrate_piece (sec, pt3d, (k + 0.5) * dx, (k + 1) * dx, &a2, &r2);
            /* 4·Ra/π · ∫dx/d²: Ω·cm·µm/µm² = 1e−2 MΩ. */
            r1 *= 1e-2 * 4 * sec->ra / G_PI;
            r2 *= 1e-2 * 4 * sec->ra / G_PI;

            node.parent = k == 0 ? pnode : sec->first_node + k - 1;
            node.kind = s == layout->soma_section ? SL_NODE_SOMA : SL_NODE_NEURITE;
            node.section = s;
            node.point = point_at (layout, sec, (k + 0.5) * dx);
            node.x = (k + 0.5) / nseg;
            node.area = a1 + a2;
            node.g_axial = node.parent >= 0 ? 1.0 / (r_prev + r1) : 0;
            node.distance = s == layout->soma_section ? 0 : sec->distance0 + (k + 0.5) * dx;
            _sl_section_point_at (sec, pt3d, (k + 0.5) * dx, node.xyz);
            node.length = dx;
            node.diam = node.area / (G_PI * dx);
            g_array_append_val (layout->nodes, node);
            r_prev = r2;
            if (k == 0)
              r_first = r1;
          }

        /* NEURON's zero-area node at x = 0, where children hang there
         * (Import3d's soma(0)): as at x = 1, kept as a junction when two
         * or more hang on it, else folded into the child's conductance. */
        start_node[s] = sec->first_node;
        start_r[s] = r_first;
        if (n_children0[s] >= 2)
          {
            SlLayoutNode j = { 0 };

            j.parent = sec->first_node;
            j.kind = SL_NODE_JUNCTION;
            j.section = -1;
            j.point = g_array_index (layout->pt_point, int, sec->pt_offset);
            j.x = 0.0;
            j.g_axial = 1.0 / r_first;
            j.distance = s == layout->soma_section ? 0 : sec->distance0;
            _sl_section_point_at (sec, pt3d, 0, j.xyz);
            j.diam = pt3d[4 * sec->pt_offset + 3];
            start_node[s] = layout->nodes->len;
            start_r[s] = 0;
            g_array_append_val (layout->nodes, j);
          }

        /* NEURON's zero-area node at x = 1. */
        end_node[s] = sec->first_node + nseg - 1;
        end_r[s] = r_prev;
        if (n_children1[s] >= 2)
          {
            SlLayoutNode j = { 0 };

            j.parent = end_node[s];
            j.kind = SL_NODE_JUNCTION;
            j.section = -1;
            j.point = g_array_index (layout->pt_point, int, sec->pt_offset + sec->n_pt - 1);
            j.x = 1.0;
            j.g_axial = 1.0 / r_prev;
            j.distance = s == layout->soma_section ? 0 : sec->distance0 + L;
            _sl_section_point_at (sec, pt3d, L, j.xyz);
            j.diam = pt3d[4 * (sec->pt_offset + sec->n_pt - 1) + 3];
            end_node[s] = layout->nodes->len;
            end_r[s] = 0;
            g_array_append_val (layout->nodes, j);
          }
      }
    }

  if (layout->soma_section >= 0)
    layout->soma_node = _sl_section_node_at (&secs[layout->soma_section], 0.5);
  else
    layout->soma_node = 0;
  return TRUE;
}

void
_sl_layout_clear (SlCableLayout *layout)
{
  g_clear_pointer (&layout->sections, g_array_unref);
  g_clear_pointer (&layout->pt3d, g_array_unref);
  g_clear_pointer (&layout->pt_point, g_array_unref);
  g_clear_pointer (&layout->nodes, g_array_unref);
}
