/* sl-calcium-grid.c: SlCalciumGeometry → voxel tree (models.md §2.2–2.3).
 *
 * Shaft voxels: each piece is cut at its electrical node boundaries and at
 * the edges of the zones within ±10 µm (path distance, across branch
 * points) of any spine; each resulting interval is split evenly into
 * voxels of at most dx_near (near a spine) or dx_far.  A shaft voxel is the
 * submembrane shell of depth shell_depth (the full cylinder when the
 * depth is 0 or reaches the axis).  Necks are neck_voxels cylinders, the
 * head one pool of volume X.
 *
 * Coupling D·A/ℓ between a voxel and its parent: A is the cross-section
 * of the narrower side, ℓ the distance between the voxel centres.  Where
 * a neck meets the head or the shaft, the neck's half-voxel is extended by
 * the access length π·a/4 (a = neck radius): the diffusive access
 * resistance 1/(4·D·a) of a disc-shaped opening into a wide volume (the
 * diffusion analogue of Hall's access resistance of a pore), written as
 * a length of neck cross-section.  Treating the head centre as r_head
 * behind a neck-wide face would overstate that resistance several-fold.
 */
#include "sl-calcium-private.h"

#include <math.h>

#define NEAR_SPINE_UM 10.0   /* models.md §2.3: fine voxels within ±10 µm of a spine */
#define MAX_VOXELS    20000000

typedef struct
{
  double a, b;
} Interval;

typedef struct
{
  SlCalciumVoxelKind kind;
  int    parent;
  int    node;
  int    owner;
  double pos, length, volume, area;
  double contact;   /* A to parent, µm² */
  double dist;      /* ℓ to parent, µm */
} Voxel;

typedef struct
{
  const SlCalciumGeometry *geom;
  const SlCalciumSpec     *spec;
  int    *child_start;     /* (n_pieces + 1) */
  int    *child;           /* children of each piece, CSR */
  GArray **near;           /* (n_pieces) of Interval */
} Builder;

static double
piece_radius (const SlCalciumPiece *piece,
              double                x)
{
  double f;
  int lo, hi;

  if (piece->n_pt < 2)
    {
      f = CLAMP (x / piece->length, 0.0, 1.0);
      return 0.5 * (piece->diam0 + f * (piece->diam1 - piece->diam0));
    }

  if (x <= piece->pt_pos[0])
    return 0.5 * piece->pt_diam[0];
  if (x >= piece->pt_pos[piece->n_pt - 1])
    return 0.5 * piece->pt_diam[piece->n_pt - 1];
  /* last point at or before x */
  lo = 0;
  hi = piece->n_pt - 1;
  while (hi - lo > 1)
    {
      int mid = (lo + hi) / 2;

      if (piece->pt_pos[mid] <= x)
        lo = mid;
      else
        hi = mid;
    }
  if (piece->pt_pos[hi] - piece->pt_pos[lo] <= 0)
    return 0.5 * piece->pt_diam[hi];
  f = (x - piece->pt_pos[lo]) / (piece->pt_pos[hi] - piece->pt_pos[lo]);
  return 0.5 * (piece->pt_diam[lo] + f * (piece->pt_diam[hi] - piece->pt_diam[lo]));
}

/* Area through which shaft calcium diffuses along the axis at radius r. */
static double
shaft_cross_section (double r,
                     double shell)
{
  if (shell > 0 && shell < r)
    return G_PI * (r * r - (r - shell) * (r - shell));
  return G_PI * r * r;
}

static double
frustum_volume (double ra,
                double rb,
                double h)
{
  return G_PI * h * (ra * ra + ra * rb + rb * rb) / 3.0;
}

static double
shaft_volume (double ra,
              double rb,
              double h,
              double shell)
{
  double v = frustum_volume (ra, rb, h);

  if (shell > 0 && (shell < ra || shell < rb))
    v -= frustum_volume (MAX (ra - shell, 0.0), MAX (rb - shell, 0.0), h);
  return v;
}

static gboolean
check_geometry (const SlCalciumGeometry  *geom,
                GError                  **error)
{
#define FAIL(...) \
  G_STMT_START { \
    g_set_error (error, SL_CALCIUM_ERROR, SL_CALCIUM_ERROR_GEOMETRY, __VA_ARGS__); \
    return FALSE; \
  } G_STMT_END
#define BAD(x) (!isfinite (x) || (x) <= 0)

  if (geom->n_pieces < 0 || geom->n_spines < 0 || geom->n_nodes < 0)
    FAIL ("calcium geometry: negative count");
  if (geom->n_pieces > 0 && geom->pieces == NULL)
    FAIL ("calcium geometry: %d pieces but no piece array", geom->n_pieces);
  if (geom->n_spines > 0 && geom->spines == NULL)
    FAIL ("calcium geometry: %d spines but no spine array", geom->n_spines);

  for (int i = 0; i < geom->n_pieces; i++)
    {
      const SlCalciumPiece *p = &geom->pieces[i];

      if (p->parent < -1 || p->parent >= i)
        FAIL ("calcium geometry: piece %d: parent %d must be −1 or a lower index",
              i, p->parent);
      if (BAD (p->length))
        FAIL ("calcium geometry: piece %d: length %g µm must be > 0", i, p->length);
      if (p->n_pt >= 2)
        {
          if (p->pt_pos == NULL || p->pt_diam == NULL)
            FAIL ("calcium geometry: piece %d: %d profile points but no arrays", i, p->n_pt);
          for (int k = 0; k < p->n_pt; k++)
            {
              if (BAD (p->pt_diam[k]))
                FAIL ("calcium geometry: piece %d: point %d diameter %g µm must be > 0",
                      i, k, p->pt_diam[k]);
              if (!isfinite (p->pt_pos[k]) || (k > 0 && p->pt_pos[k] < p->pt_pos[k - 1]))
                FAIL ("calcium geometry: piece %d: point %d position %g µm must not decrease",
                      i, k, p->pt_pos[k]);
            }
        }
      else if (p->n_pt != 0)
        FAIL ("calcium geometry: piece %d: n_pt = %d, need 0 or ≥ 2", i, p->n_pt);
      else if (BAD (p->diam0) || BAD (p->diam1))
        FAIL ("calcium geometry: piece %d: diameters %g, %g µm must be > 0",
              i, p->diam0, p->diam1);
      if (p->parent >= 0)
        {
          double lp = geom->pieces[p->parent].length;

          if (!(p->parent_pos >= -1e-9 * lp && p->parent_pos <= lp * (1 + 1e-9)))
            FAIL ("calcium geometry: piece %d: parent_pos %g µm outside its parent (0–%g µm)",
                  i, p->parent_pos, lp);
        }
      if (p->n_nodes < 1 || p->nodes == NULL)
        FAIL ("calcium geometry: piece %d: needs at least one electrical node", i);
      for (int k = 0; k < p->n_nodes; k++)
        {
          if (p->nodes[k] < 0 || p->nodes[k] >= geom->n_nodes)
            FAIL ("calcium geometry: piece %d: node %d out of range (0–%d)",
                  i, p->nodes[k], geom->n_nodes - 1);
          if (p->node_ends != NULL)
            {
              double prev = k > 0 ? p->node_ends[k - 1] : 0.0;

              if (!(p->node_ends[k] > prev))
                FAIL ("calcium geometry: piece %d: node_ends must increase (%g after %g µm)",
                      i, p->node_ends[k], prev);
            }
        }
      if (p->node_ends != NULL
          && fabs (p->node_ends[p->n_nodes - 1] - p->length) > 1e-6 * p->length)
        FAIL ("calcium geometry: piece %d: last node end %g µm is not the length %g µm",
              i, p->node_ends[p->n_nodes - 1], p->length);
    }

  for (int s = 0; s < geom->n_spines; s++)
    {
      const SlCalciumSpine *sp = &geom->spines[s];
      double len;

      if (sp->piece < 0 || sp->piece >= geom->n_pieces)
        FAIL ("calcium geometry: spine %d: piece %d does not exist", s, sp->piece);
      len = geom->pieces[sp->piece].length;
      if (!(sp->pos >= 0 && sp->pos <= len))
        FAIL ("calcium geometry: spine %d: position %g µm outside piece %d (0–%g µm)",
              s, sp->pos, sp->piece, len);
      if (BAD (sp->head_volume) || BAD (sp->neck_length) || BAD (sp->neck_diam))
        FAIL ("calcium geometry: spine %d: head volume %g µm³, neck %g × %g µm must be > 0",
              s, sp->head_volume, sp->neck_length, sp->neck_diam);
      if (sp->neck_node < -1 || sp->neck_node >= geom->n_nodes
          || sp->head_node < -1 || sp->head_node >= geom->n_nodes)
        FAIL ("calcium geometry: spine %d: neck/head node %d/%d out of range (−1–%d)",
              s, sp->neck_node, sp->head_node, geom->n_nodes - 1);
    }
  return TRUE;
#undef BAD
#undef FAIL
}

/* Mark the fine zone of radius r (µm) around position x of piece p and walk
 * into neighbouring pieces, never back to `from`. */
static void
mark_near (Builder *b,
           int      p,
           double   x,
           double   r,
           int      from)
{
  const SlCalciumPiece *piece = &b->geom->pieces[p];
  Interval iv = { MAX (x - r, 0.0), MIN (x + r, piece->length) };

  if (iv.b > iv.a)
    g_array_append_val (b->near[p], iv);

  if (piece->parent >= 0 && piece->parent != from && x >= 0 && x < r)
    mark_near (b, piece->parent, piece->parent_pos, r - x, p);

  for (int j = b->child_start[p]; j < b->child_start[p + 1]; j++)
    {
      int c = b->child[j];
      double dist = fabs (b->geom->pieces[c].parent_pos - x);

      if (c != from && dist < r)
        mark_near (b, c, -dist, r, p);
    }
}

/* Does [a, b] overlap the fine zone by more than `eps` µm? */
static gboolean
in_near (GArray *near,
         double  a,
         double  b,
         double  eps)
{
  for (guint k = 0; k < near->len; k++)
    {
      Interval *iv = &g_array_index (near, Interval, k);

      if (MIN (b, iv->b) - MAX (a, iv->a) > eps)
        return TRUE;
    }
  return FALSE;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
node_end (const SlCalciumPiece *p,
          int                   k)
{
  if (p->node_ends != NULL)
    return p->node_ends[k];
  return p->length * (k + 1) / p->n_nodes;
}

/* Shaft voxels of piece i appended to `vox`. */
static gboolean
build_piece (Builder  *b,
             int       i,
             GArray   *vox,
             int      *piece_first,
             int      *piece_count,
             GError  **error)
{
  const SlCalciumPiece *p = &b->geom->pieces[i];
  const double shell = b->spec->shell_depth;
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *near = b->near[i];
  const double sliver = 0.1 * b->spec->dx_near;
  double zero = 0.0;
  int node_k = 0;

  /* node boundaries are fixed cuts; near-zone edges are cuts unless they
   * fall within a tenth of dx_near of another cut (no sliver voxels); an
   * interval overlapping the zone by less than that counts as far */
  g_array_append_val (kept, zero);
  for (int k = 0; k < p->n_nodes; k++)
    {
      double e = node_end (p, k);
      g_array_append_val (kept, e);
    }
  for (guint k = 0; k < near->len; k++)
    {
      Interval *iv = &g_array_index (near, Interval, k);
      g_array_append_val (cuts, iv->a);
      g_array_append_val (cuts, iv->b);
    }
  g_array_sort (cuts, compare_double);
  for (guint k = 0; k < cuts->len; k++)
    {
      double c = g_array_index (cuts, double, k);
      gboolean close = FALSE;

      for (guint m = 0; m < kept->len && !close; m++)
        close = fabs (g_array_index (kept, double, m) - c) < sliver;
      if (!close)
        g_array_append_val (kept, c);
    }
  g_array_sort (kept, compare_double);

  piece_first[i] = vox->len;
  for (guint k = 0; k + 1 < kept->len; k++)
    {
      double a = g_array_index (kept, double, k);
      double e = g_array_index (kept, double, k + 1);
      double dx = in_near (near, a, e, sliver) ? b->spec->dx_near : b->spec->dx_far;
      double n_f = ceil ((e - a) / dx - 1e-9);
      int n;

      if (n_f < 1)
        n_f = 1;
      if (vox->len + n_f > MAX_VOXELS)
        {
          g_set_error (error, SL_CALCIUM_ERROR, SL_CALCIUM_ERROR_GEOMETRY,
                       "calcium geometry: piece %d: more than %d voxels (length %g µm at dx %g µm)",
                       i, MAX_VOXELS, p->length, dx);
          return FALSE;
        }
      n = (int) n_f;

      for (int m = 0; m < n; m++)
        {
          double x0 = a + (e - a) * m / n;
          double x1 = a + (e - a) * (m + 1) / n;
          double r0 = piece_radius (p, x0), r1 = piece_radius (p, x1);
          double h = x1 - x0;
          double centre = 0.5 * (x0 + x1);
          Voxel v = { 0 };

          while (node_k < p->n_nodes - 1 && centre > node_end (p, node_k))
            node_k++;

          v.kind = SL_CALCIUM_VOXEL_SHAFT;
          v.node = p->nodes[node_k];
          v.owner = i;
          v.pos = centre;
          v.length = h;
          v.volume = shaft_volume (r0, r1, h, shell);
          v.area = G_PI * (r0 + r1) * sqrt (h * h + (r1 - r0) * (r1 - r0));

          if (vox->len > (guint) piece_first[i])
            {
              Voxel *prev = &g_array_index (vox, Voxel, vox->len - 1);

              v.parent = vox->len - 1;
              v.contact = shaft_cross_section (r0, shell);
              v.dist = 0.5 * (prev->length + h);
            }
          else if (p->parent >= 0)
            {
              const SlCalciumPiece *pp = &b->geom->pieces[p->parent];
              int first = piece_first[p->parent];
              int last = first + piece_count[p->parent] - 1;
              int pv = first;
              Voxel *par;

              while (pv < last
                     && g_array_index (vox, Voxel, pv).pos
                        + 0.5 * g_array_index (vox, Voxel, pv).length < p->parent_pos)
                pv++;
              par = &g_array_index (vox, Voxel, pv);
              v.parent = pv;
              v.contact = MIN (shaft_cross_section (r0, shell),
                               shaft_cross_section (piece_radius (pp, p->parent_pos), shell));
              v.dist = 0.5 * h + fabs (p->parent_pos - par->pos);
            }
          else
            v.parent = -1;

          g_array_append_val (vox, v);
        }
    }
  piece_count[i] = vox->len - piece_first[i];
  return TRUE;
}

static void
build_spine (Builder *b,
             int      s,
             int      shaft_voxel,
             GArray  *vox,
             int     *head_voxel)
{
  const SlCalciumSpine *sp = &b->geom->spines[s];
  const int nn = b->spec->neck_voxels;
  const double a = 0.5 * sp->neck_diam;
  const double a_neck = G_PI * a * a;
  const double access = G_PI * a / 4.0;
  const double h = sp->neck_length / nn;
  const double r_head = cbrt (3.0 * sp->head_volume / (4.0 * G_PI));
  Voxel v = { 0 };

  for (int m = 0; m < nn; m++)
    {
      v.kind = SL_CALCIUM_VOXEL_NECK;
      v.parent = m == 0 ? shaft_voxel : (int) vox->len - 1;
      v.node = sp->neck_node;
      v.owner = s;
      v.pos = (m + 0.5) * h;
      v.length = h;
      v.volume = a_neck * h;
      v.area = 2.0 * G_PI * a * h;
      v.contact = a_neck;
      v.dist = m == 0 ? 0.5 * h + access : h;
      g_array_append_val (vox, v);
    }

  v.kind = SL_CALCIUM_VOXEL_HEAD;
  v.parent = vox->len - 1;
  v.node = sp->head_node;
  v.owner = s;
  v.pos = sp->neck_length;
  v.length = 2.0 * r_head;
  v.volume = sp->head_volume;
  v.area = 4.0 * G_PI * r_head * r_head;
  v.contact = MIN (a_neck, G_PI * r_head * r_head);
  v.dist = 0.5 * h + access;
  head_voxel[s] = vox->len;
  g_array_append_val (vox, v);
}

static void
build_nodes (SlCalciumGrid *grid)
{
  int n = grid->n_voxels, nn = grid->n_nodes;
  g_autofree double *vol_sum = g_new0 (double, nn);
  g_autofree double *area_sum = g_new0 (double, nn);
  g_autofree int *fill = g_new0 (int, nn);

  grid->node_start = g_new0 (int, nn + 1);
  for (int i = 0; i < n; i++)
    if (grid->node[i] >= 0)
      {
        grid->node_start[grid->node[i] + 1]++;
        vol_sum[grid->node[i]] += grid->volume[i];
        area_sum[grid->node[i]] += grid->area[i];
      }
  for (int k = 0; k < nn; k++)
    grid->node_start[k + 1] += grid->node_start[k];

  grid->node_voxel = g_new (int, grid->node_start[nn] + 1);
  grid->node_vol_w = g_new (double, grid->node_start[nn] + 1);
  grid->node_area_w = g_new (double, grid->node_start[nn] + 1);
  for (int i = 0; i < n; i++)
    {
      int k = grid->node[i], j;

      if (k < 0)
        continue;
      j = grid->node_start[k] + fill[k]++;
      grid->node_voxel[j] = i;
      grid->node_vol_w[j] = grid->volume[i] / vol_sum[k];
      grid->node_area_w[j] = grid->area[i] / area_sum[k];
    }
}

SlCalciumGrid *
sl_calcium_grid_new (const SlCalciumGeometry  *geom,
                     const SlCalciumSpec      *spec,
                     GError                  **error)
{
  g_autoptr(SlCalciumGrid) grid = NULL;
  g_autoptr(GArray) vox = NULL;
  g_autofree int *spine_shaft = NULL;
  Builder b = { geom, spec, NULL, NULL, NULL };
  const int np = geom ? geom->n_pieces : 0;
  gboolean ok = TRUE;
  int n;

  g_return_val_if_fail (geom != NULL && spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sl_calcium_spec_check (spec, error) || !check_geometry (geom, error))
    return NULL;

  grid = g_new0 (SlCalciumGrid, 1);
  grid->n_spines = geom->n_spines;
  grid->n_nodes = geom->n_nodes;
  grid->n_pieces = np;
  grid->ca_rest = spec->ca_rest;
  grid->diffusion = spec->diffusion;
  grid->tau_head = spec->tau_head;
  grid->tau_shaft = spec->tau_shaft;
  grid->piece_first = g_new0 (int, np + 1);
  grid->piece_count = g_new0 (int, np + 1);
  grid->head_voxel = g_new0 (int, geom->n_spines + 1);

  b.child_start = g_new0 (int, np + 1);
  b.child = g_new0 (int, np + 1);
  b.near = g_new0 (GArray *, np + 1);
  for (int i = 0; i < np; i++)
    {
      b.near[i] = g_array_new (FALSE, FALSE, sizeof (Interval));
      if (geom->pieces[i].parent >= 0)
        b.child_start[geom->pieces[i].parent + 1]++;
    }
  for (int i = 0; i < np; i++)
    b.child_start[i + 1] += b.child_start[i];
  {
    g_autofree int *fill = g_new0 (int, np + 1);

    for (int i = 0; i < np; i++)
      {
        int p = geom->pieces[i].parent;

        if (p >= 0)
          b.child[b.child_start[p] + fill[p]++] = i;
      }
  }

  for (int s = 0; s < geom->n_spines; s++)
    mark_near (&b, geom->spines[s].piece, geom->spines[s].pos, NEAR_SPINE_UM, -1);

  vox = g_array_new (FALSE, FALSE, sizeof (Voxel));
  for (int i = 0; i < np && ok; i++)
    ok = build_piece (&b, i, vox, grid->piece_first, grid->piece_count, error);

  for (int i = 0; i < np; i++)
    g_array_unref (b.near[i]);
  g_free (b.near);
  g_free (b.child_start);
  g_free (b.child);
  if (!ok)
    return NULL;

  if (vox->len + (guint64) geom->n_spines * (spec->neck_voxels + 1) > MAX_VOXELS)
    {
      g_set_error (error, SL_CALCIUM_ERROR, SL_CALCIUM_ERROR_GEOMETRY,
                   "calcium geometry: more than %d voxels with %d spines",
                   MAX_VOXELS, geom->n_spines);
      return NULL;
    }

  spine_shaft = g_new (int, geom->n_spines + 1);
  for (int s = 0; s < geom->n_spines; s++)
    {
      const SlCalciumSpine *sp = &geom->spines[s];
      int first = grid->piece_first[sp->piece];
      int last = first + grid->piece_count[sp->piece] - 1;
      int v = first;

      /* the shaft voxel whose interval holds the spine's base */
      while (v < last
             && g_array_index (vox, Voxel, v).pos
                + 0.5 * g_array_index (vox, Voxel, v).length < sp->pos)
        v++;
      spine_shaft[s] = v;
    }
  for (int s = 0; s < geom->n_spines; s++)
    build_spine (&b, s, spine_shaft[s], vox, grid->head_voxel);

  n = grid->n_voxels = vox->len;
  grid->parent = g_new (int, n + 1);
  grid->kind = g_new (guint8, n + 1);
  grid->node = g_new (int, n + 1);
  grid->owner = g_new (int, n + 1);
  grid->pos = g_new (double, n + 1);
  grid->length = g_new (double, n + 1);
  grid->volume = g_new (double, n + 1);
  grid->area = g_new (double, n + 1);
  grid->g_parent = g_new0 (double, n + 1);
  grid->base_diag = g_new0 (double, n + 1);
  grid->clear = g_new0 (double, n + 1);
  grid->src = g_new0 (double, n + 1);

  for (int i = 0; i < n; i++)
    {
      Voxel *v = &g_array_index (vox, Voxel, i);
      gboolean shaft = v->kind == SL_CALCIUM_VOXEL_SHAFT;
      double tau = shaft ? spec->tau_shaft : spec->tau_head;
      double eta = shaft ? spec->eta_shaft : spec->eta_head;

      grid->parent[i] = v->parent;
      grid->kind[i] = v->kind;
      grid->node[i] = v->node;
      grid->owner[i] = v->owner;
      grid->pos[i] = v->pos;
      grid->length[i] = v->length;
      grid->volume[i] = v->volume;
      grid->area[i] = v->area;
      grid->clear[i] = v->volume / tau;   /* 0 for τ = ∞ */
      /* nA → mM·µm³/ms: 1 nA = 10⁻¹² C/ms; /(2F) mol; 1 µm³ = 10⁻¹⁵ L; ×10³ mM */
      grid->src[i] = eta * 1e6 / (2.0 * SL_FARADAY);
      if (spec->diffusion && v->parent >= 0)
        grid->g_parent[i] = spec->d_eff * v->contact / v->dist;
    }
  for (int i = 0; i < n; i++)
    {
      grid->base_diag[i] += grid->clear[i] + grid->g_parent[i];
      if (grid->parent[i] >= 0)
        grid->base_diag[grid->parent[i]] += grid->g_parent[i];
    }

  build_nodes (grid);
  sl_calcium_grid_prepare_solve (grid);
  return g_steal_pointer (&grid);
}
