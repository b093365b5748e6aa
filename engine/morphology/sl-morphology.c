/* sl-morphology.c: SlMorphology life cycle and derived data.
 *
 * sl_morphology_finish() turns the points a reader or the generator filled
 * in into everything else: segment lengths and frustum areas, sections,
 * regions, path distances, soma summary and bounding box.
 */
#include <math.h>
#include <string.h>

#include "sl-morphology-private.h"

G_DEFINE_QUARK (sl-morphology-error-quark, sl_morphology_error)

const char *
sl_point_type_name (int type)
{
  switch (type)
    {
    case SL_TYPE_UNDEFINED: return "undefined";
    case SL_TYPE_SOMA:      return "soma";
    case SL_TYPE_AXON:      return "axon";
    case SL_TYPE_BASAL:     return "basal";
    case SL_TYPE_APICAL:    return "apical";
    default:
      break;
    }
  if (type < 0)
    return "invalid";

  /* Interned, so the string lives as long as the process. */
  char buf[32];
  g_snprintf (buf, sizeof buf, "custom%d", type);
  return g_intern_string (buf);
}

const char *
sl_soma_kind_name (SlSomaKind kind)
{
  switch (kind)
    {
    case SL_SOMA_NONE:         return "none";
    case SL_SOMA_SINGLE_POINT: return "single point (sphere)";
    case SL_SOMA_THREE_POINT:  return "three-point cylinder (NeuroMorpho)";
    case SL_SOMA_CYLINDERS:    return "stack of frusta";
    case SL_SOMA_CONTOUR:      return "contour (outline)";
    case SL_SOMA_SEGMENTS:     return "NeuroML2 segments";
    default:                   return "unknown";
    }
}

const char *
sl_morphology_format_name (SlMorphologyFormat format)
{
  switch (format)
    {
    case SL_FORMAT_SWC:     return "SWC";
    case SL_FORMAT_ASC:     return "Neurolucida ASC";
    case SL_FORMAT_NEUROML: return "NeuroML2";
    case SL_FORMAT_UNKNOWN:
    default:                return "generated";
    }
}

SlMorphology *
sl_morphology_new (const char *name)
{
  SlMorphology *self = g_new0 (SlMorphology, 1);

  self->ref_count = 1;
  self->name = g_strdup (name ? name : "morphology");
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  return self;
}

SlMorphology *
sl_morphology_ref (SlMorphology *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

static void
clear_derived (SlMorphology *self)
{
  for (int i = 0; i < self->n_regions; i++)
    {
      g_free (self->regions[i].name);
      g_free (self->regions[i].points);
    }
  g_clear_pointer (&self->regions, g_free);
  self->n_regions = 0;
  g_clear_pointer (&self->sections, g_free);
  self->n_sections = 0;
  g_clear_pointer (&self->section_points, g_free);
  g_clear_pointer (&self->path_distance, g_free);
  g_clear_pointer (&self->segment_length, g_free);
  g_clear_pointer (&self->segment_area, g_free);
}

void
sl_morphology_unref (SlMorphology *self)
{
  g_return_if_fail (self != NULL);

  /* A struct made with g_new0 by hand has ref_count 0: treat it as one. */
  if (g_atomic_int_get (&self->ref_count) > 1 && !g_atomic_int_dec_and_test (&self->ref_count))
    return;

  clear_derived (self);
  g_free (self->name);
  g_free (self->path);
  g_free (self->points);
  g_free (self->soma_outline);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_free (self);
}

void
_sl_morphology_warn (SlMorphology *self,
                     const char   *format,
                     ...)
{
  va_list args;
  g_autofree char *text = NULL;

  if (self->warnings == NULL)
    self->warnings = g_ptr_array_new_with_free_func (g_free);
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  /* finish() may run twice on one morphology: say each thing once. */
  for (guint k = 0; k < self->warnings->len; k++)
    if (g_str_equal (g_ptr_array_index (self->warnings, k), text))
      return;
  g_ptr_array_add (self->warnings, g_steal_pointer (&text));
}

double
_sl_frustum_area (double r1,
                  double r2,
                  double length)
{
  /* Lateral area of a truncated cone, as NEURON computes it. */
  return G_PI * (r1 + r2) * sqrt ((r1 - r2) * (r1 - r2) + length * length);
}

void
_sl_morphology_children (const SlMorphology  *self,
                         int                **first_out,
                         int                **child_out)
{
  int n = self->n_points;
  int *first = g_new0 (int, n + 1);
  int *child = g_new (int, MAX (n, 1));
  int *fill;

  for (int i = 0; i < n; i++)
    if (self->points[i].parent >= 0)
      first[self->points[i].parent + 1]++;
  for (int i = 0; i < n; i++)
    first[i + 1] += first[i];
  fill = g_memdup2 (first, sizeof (int) * (n + 1));
  for (int i = 0; i < n; i++)
    if (self->points[i].parent >= 0)
      child[fill[self->points[i].parent]++] = i;
  g_free (fill);
  *first_out = first;
  *child_out = child;
}

SlRegion *
_sl_morphology_add_region (SlMorphology *self,
                           const char   *name,
                           int           type,
                           SlRegionKind  kind,
                           int          *points,
                           int           n_points)
{
  SlRegion *region;

  self->regions = g_renew (SlRegion, self->regions, self->n_regions + 1);
  region = &self->regions[self->n_regions++];
  memset (region, 0, sizeof *region);
  region->name = g_strdup (name);
  region->type = type;
  region->kind = kind;
  region->points = points;
  region->n_points = n_points;
  for (int k = 0; k < n_points; k++)
    {
      int i = points[k];

      g_assert (i >= 0 && i < self->n_points);
      region->length += self->segment_length[i];
      region->area += self->segment_area[i];
    }
  return region;
}

static gboolean
is_three_point_soma (const SlMorphology *self,
                     const int          *soma)
{
  const SlPoint *c = &self->points[soma[0]];
  const SlPoint *a = &self->points[soma[1]];
  const SlPoint *b = &self->points[soma[2]];
  double r = c->r;

  if (r <= 0 || a->parent != soma[0] || b->parent != soma[0])
    return FALSE;
  if (fabs (a->r - r) > 0.05 * r || fabs (b->r - r) > 0.05 * r)
    return FALSE;

  /* a and b sit at c -/+ r along one axis. */
  double da = sqrt ((a->x - c->x) * (a->x - c->x) + (a->y - c->y) * (a->y - c->y) +
                    (a->z - c->z) * (a->z - c->z));
  double db = sqrt ((b->x - c->x) * (b->x - c->x) + (b->y - c->y) * (b->y - c->y) +
                    (b->z - c->z) * (b->z - c->z));
  double sx = (a->x - c->x) + (b->x - c->x);
  double sy = (a->y - c->y) + (b->y - c->y);
  double sz = (a->z - c->z) + (b->z - c->z);

  return fabs (da - r) <= 0.05 * r && fabs (db - r) <= 0.05 * r &&
         sqrt (sx * sx + sy * sy + sz * sz) <= 0.05 * r;
}

static gboolean
validate_points (SlMorphology  *self,
                 GError       **error)
{
  if (self->points == NULL || self->n_points <= 0)
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_INVALID,
                   "%s: no points", self->name);
      return FALSE;
    }
  for (int i = 0; i < self->n_points; i++)
    {
      const SlPoint *p = &self->points[i];

      if (p->parent < -1 || p->parent >= i)
        {
          g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_INVALID,
                       "%s: point %d (id %d): parent %d is not listed before it",
                       self->name, i, p->id, p->parent);
          return FALSE;
        }
      if (!isfinite (p->x) || !isfinite (p->y) || !isfinite (p->z) || !isfinite (p->r))
        {
          g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_INVALID,
                       "%s: point %d (id %d): coordinate or radius is not finite",
                       self->name, i, p->id);
          return FALSE;
        }
      if (p->r < 0)
        {
          g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_INVALID,
                       "%s: point %d (id %d): negative radius %g",
                       self->name, i, p->id, p->r);
          return FALSE;
        }
      if (p->type < 0)
        {
          g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_INVALID,
                       "%s: point %d (id %d): negative type %d",
                       self->name, i, p->id, p->type);
          return FALSE;
        }
    }
  return TRUE;
}

static void
build_sections (SlMorphology *self,
                const int    *first)
{
  int n = self->n_points;
  g_autofree int *sec_of = g_new (int, n);
  g_autofree int *count = NULL;
  g_autofree int *fill = NULL;
  int n_sec = 0;

  for (int i = 0; i < n; i++)
    {
      const SlPoint *p = &self->points[i];
      int par = p->parent;

      if (par < 0 || first[par + 1] - first[par] != 1 ||
          (p->flags & SL_POINT_DETACHED) || self->points[par].type != p->type)
        sec_of[i] = n_sec++;
      else
        sec_of[i] = sec_of[par];
    }

  self->sections = g_new0 (SlSection, MAX (n_sec, 1));
  self->n_sections = n_sec;
  self->section_points = g_new (int, n);
  count = g_new0 (int, n_sec + 1);
  for (int i = 0; i < n; i++)
    count[sec_of[i] + 1]++;
  for (int s = 0; s < n_sec; s++)
    count[s + 1] += count[s];
  fill = g_memdup2 (count, sizeof (int) * (n_sec + 1));

  for (int i = 0; i < n; i++)
    {
      int s = sec_of[i];
      SlSection *sec = &self->sections[s];

      if (sec->n_points == 0)
        {
          int par = self->points[i].parent;

          sec->start = par;
          sec->parent = par >= 0 ? sec_of[par] : -1;
          sec->offset = count[s];
          sec->type = self->points[i].type;
        }
      self->section_points[fill[s]++] = i;
      sec->n_points++;
      sec->length += self->segment_length[i];
      sec->area += self->segment_area[i];
    }
}

static void
summarise_soma (SlMorphology *self,
                const int    *soma,
                int           n_soma,
                double        soma_area)
{
  double cx = 0, cy = 0, cz = 0;

  self->n_soma_points = n_soma;
  if (n_soma == 0)
    {
      self->soma_kind = SL_SOMA_NONE;
      self->soma_radius = 0;
      return;
    }

  if (self->soma_kind == SL_SOMA_CONTOUR && self->soma_outline != NULL)
    {
      int m = self->n_soma_outline;
      double sum = 0;

      for (int k = 0; k < m; k++)
        {
          cx += self->soma_outline[3 * k] / m;
          cy += self->soma_outline[3 * k + 1] / m;
          cz += self->soma_outline[3 * k + 2] / m;
        }
      /* Mean distance from the centroid to the outline: the radius of the
       * sphere that stands for the cell body. */
      for (int k = 0; k < m; k++)
        {
          double dx = self->soma_outline[3 * k] - cx;
          double dy = self->soma_outline[3 * k + 1] - cy;
          double dz = self->soma_outline[3 * k + 2] - cz;
          sum += sqrt (dx * dx + dy * dy + dz * dz);
        }
      self->soma_radius = sum / m;
    }
  else if (self->soma_kind == SL_SOMA_SINGLE_POINT || self->soma_kind == SL_SOMA_THREE_POINT)
    {
      const SlPoint *c = &self->points[soma[0]];

      cx = c->x, cy = c->y, cz = c->z;
      self->soma_radius = c->r;
    }
  else
    {
      double rmax = 0;

      for (int k = 0; k < n_soma; k++)
        {
          const SlPoint *p = &self->points[soma[k]];
          cx += p->x / n_soma;
          cy += p->y / n_soma;
          cz += p->z / n_soma;
          rmax = MAX (rmax, p->r);
        }
      /* Equivalent sphere of the same membrane area; coincident points
       * (zero-length stack) fall back to the largest radius. */
      self->soma_radius = soma_area > 0 ? sqrt (soma_area / (4 * G_PI)) : rmax;
    }
  self->soma_center[0] = cx;
  self->soma_center[1] = cy;
  self->soma_center[2] = cz;
}

static void
detect_soma_kind (SlMorphology *self,
                  const int    *soma,
                  int           n_soma)
{
  gboolean all_zero = TRUE;

  if (n_soma == 0)
    {
      self->soma_kind = SL_SOMA_NONE;
      return;
    }
  if (self->soma_kind != SL_SOMA_NONE)
    return;

  for (int k = 0; k < n_soma; k++)
    if (self->points[soma[k]].r > 0)
      all_zero = FALSE;

  if (n_soma == 1)
    self->soma_kind = SL_SOMA_SINGLE_POINT;
  else if (n_soma >= 3 && all_zero)
    {
      /* An outline drawn as a chain of zero-radius points: keep its
       * coordinates, the radius comes from them. */
      self->soma_kind = SL_SOMA_CONTOUR;
      g_free (self->soma_outline);
      self->soma_outline = g_new (double, 3 * n_soma);
      self->n_soma_outline = n_soma;
      for (int k = 0; k < n_soma; k++)
        {
          self->soma_outline[3 * k] = self->points[soma[k]].x;
          self->soma_outline[3 * k + 1] = self->points[soma[k]].y;
          self->soma_outline[3 * k + 2] = self->points[soma[k]].z;
        }
      _sl_morphology_warn (self, "soma given as an outline of %d zero-radius points: "
                           "its size is derived from the outline", n_soma);
    }
  else if (n_soma == 3 && is_three_point_soma (self, soma))
    self->soma_kind = SL_SOMA_THREE_POINT;
  else
    self->soma_kind = SL_SOMA_CYLINDERS;
}

static void
build_type_regions (SlMorphology *self)
{
  g_autoptr(GArray) types = g_array_new (FALSE, FALSE, sizeof (int));
  int n = self->n_points;

  for (int i = 0; i < n; i++)
    {
      int t = self->points[i].type;
      guint k;

      for (k = 0; k < types->len; k++)
        if (g_array_index (types, int, k) == t)
          break;
      if (k == types->len)
        g_array_append_val (types, t);
    }
  for (guint a = 1; a < types->len; a++)
    for (guint b = a; b > 0 && g_array_index (types, int, b - 1) > g_array_index (types, int, b); b--)
      {
        int tmp = g_array_index (types, int, b);
        g_array_index (types, int, b) = g_array_index (types, int, b - 1);
        g_array_index (types, int, b - 1) = tmp;
      }

  for (guint k = 0; k < types->len; k++)
    {
      int t = g_array_index (types, int, k);
      int m = 0;
      int *pts;

      for (int i = 0; i < n; i++)
        m += self->points[i].type == t;
      pts = g_new (int, m);
      m = 0;
      for (int i = 0; i < n; i++)
        if (self->points[i].type == t)
          pts[m++] = i;
      _sl_morphology_add_region (self, sl_point_type_name (t), t, SL_REGION_TYPE, pts, m);
    }
}

gboolean
sl_morphology_finish (SlMorphology  *self,
                      GError       **error)
{
  g_autofree int *first = NULL;
  g_autofree int *child = NULL;
  g_autofree int *soma = NULL;
  int n, n_soma = 0, n_zero = 0, first_zero = -1, n_roots = 0;
  double soma_area = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->ref_count <= 0)
    self->ref_count = 1;
  if (self->name == NULL)
    self->name = g_strdup ("morphology");
  if (self->warnings == NULL)
    self->warnings = g_ptr_array_new_with_free_func (g_free);
  if (!validate_points (self, error))
    return FALSE;

  clear_derived (self);
  n = self->n_points;

  soma = g_new (int, n);
  for (int i = 0; i < n; i++)
    if (self->points[i].type == SL_TYPE_SOMA)
      soma[n_soma++] = i;
  detect_soma_kind (self, soma, n_soma);

  for (int i = 0; i < n; i++)
    if (self->points[i].r == 0)
      {
        if (n_zero++ == 0)
          first_zero = self->points[i].id;
        self->points[i].r = SL_MORPHOLOGY_MIN_RADIUS;
      }
  if (n_zero > 0)
    _sl_morphology_warn (self, "%d point%s with zero radius (first: id %d) repaired to %g µm",
                         n_zero, n_zero == 1 ? "" : "s", first_zero, SL_MORPHOLOGY_MIN_RADIUS);

  /* Segments: the frustum from the parent to each point. */
  self->segment_length = g_new0 (double, n);
  self->segment_area = g_new0 (double, n);
  for (int i = 0; i < n; i++)
    {
      const SlPoint *p = &self->points[i];

      if (p->parent < 0)
        {
          n_roots++;
          continue;
        }
      if (p->flags & SL_POINT_DETACHED)
        continue;

      const SlPoint *q = &self->points[p->parent];
      double dx = p->x - q->x, dy = p->y - q->y, dz = p->z - q->z;
      double len = sqrt (dx * dx + dy * dy + dz * dz);

      self->segment_length[i] = len;
      self->segment_area[i] = _sl_frustum_area (q->r, p->r, len);
      if (p->type == SL_TYPE_SOMA)
        soma_area += self->segment_area[i];
    }
  self->n_trees = n_roots;

  _sl_morphology_children (self, &first, &child);
  build_sections (self, first);

  self->path_distance = g_new0 (double, n);
  for (int i = 0; i < n; i++)
    {
      const SlPoint *p = &self->points[i];

      if (p->type != SL_TYPE_SOMA && p->parent >= 0)
        self->path_distance[i] = self->path_distance[p->parent] + self->segment_length[i];
    }

  summarise_soma (self, soma, n_soma, soma_area);

  build_type_regions (self);
  for (int k = 0; k < self->n_regions; k++)
    {
      SlRegion *r = &self->regions[k];

      if (r->type != SL_TYPE_SOMA)
        continue;
      /* A sphere, or a contour standing for one: membrane 4πR², drawn
       * as the cylinder of length 2R with that lateral area (NEURON). */
      if (self->soma_kind == SL_SOMA_SINGLE_POINT || self->soma_kind == SL_SOMA_CONTOUR ||
          soma_area <= 0)
        {
          r->length = 2 * self->soma_radius;
          r->area = 4 * G_PI * self->soma_radius * self->soma_radius;
        }
    }

  for (int i = 0; i < n; i++)
    for (int a = 0; a < 3; a++)
      {
        double v = a == 0 ? self->points[i].x : a == 1 ? self->points[i].y : self->points[i].z;

        if (i == 0 || v < self->bbox_min[a])
          self->bbox_min[a] = v;
        if (i == 0 || v > self->bbox_max[a])
          self->bbox_max[a] = v;
      }

  if (n_soma == 0)
    _sl_morphology_warn (self, "no soma (no type-1 point): path distances start at each tree's root");
  if (n_roots > 1)
    _sl_morphology_warn (self, "%d disconnected trees (roots)", n_roots);

  _sl_morphology_add_apical_labels (self);
  return TRUE;
}

const SlRegion *
sl_morphology_find_region (const SlMorphology *self,
                           const char         *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (int k = 0; k < self->n_regions; k++)
    if (g_strcmp0 (self->regions[k].name, name) == 0)
      return &self->regions[k];
  return NULL;
}

double
sl_morphology_total_length (const SlMorphology *self)
{
  double total = 0;

  g_return_val_if_fail (self != NULL, 0);
  if (self->segment_length == NULL)
    return 0;
  for (int i = 0; i < self->n_points; i++)
    if (self->points[i].type != SL_TYPE_SOMA)
      total += self->segment_length[i];
  return total;
}
