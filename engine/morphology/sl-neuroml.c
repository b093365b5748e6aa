/* sl-neuroml.c: NeuroML2 morphology reader (libxml2).
 *
 * Reads the <morphology> of the first <cell> of a <neuroml> document (or
 * the top-level <morphology> the cell names).  Each <segment> becomes its
 * distal point; its proximal end is
 *   - the point where it joins its parent (the parent's distal point, or
 *     the point at fractionAlong along the parent, which splits the
 *     parent) when <proximal> is absent or lies there, or
 *   - a DETACHED point of its own when <proximal> is elsewhere (or has
 *     another diameter): joined electrically, but the gap is not cable.
 * Segment groups are resolved through <member>, <include segmentGroup>,
 * <path> and <subTree>; standard names (and NeuroLex ids) give the type of
 * their segments, and every named group becomes a region.  <include href>
 * of channel files is not followed: only the morphology is read.
 *
 * Parsing is safe: no network, no DTD loading, no entity substitution, and
 * a document that declares entities is refused outright.
 */
#include <math.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "sl-morphology-private.h"

typedef struct
{
  int      id;
  int      line;
  xmlNode *node;
  int      parent;          /* segment index, -1 for a root */
  int      parent_id;
  double   fraction;        /* along the parent, 0..1 */
  gboolean has_proximal;
  double   prox[4];         /* x, y, z, radius (µm) */
  double   dist[4];
  int      type;
  int      start_point;     /* the point at fraction 0 */
  int      distal_point;
  GArray  *splits;          /* (double) fractions where children join, or NULL */
  GArray  *split_points;    /* (int) their points */
} NmlSegment;

typedef struct
{
  const char   *name;
  GArray       *segments;   /* NmlSegment */
  GHashTable   *by_id;      /* segment id → index + 1 */
  GArray       *points;     /* SlPoint */
  GArray       *point_seg;  /* (int) segment of each point */
} NmlReader;

#define NML_ERROR(rd, node, code, ...) \
  nml_error (error, code, (rd)->name, (node), __VA_ARGS__)

static void G_GNUC_PRINTF (5, 6)
nml_error (GError    **error,
           int         code,
           const char *name,
           xmlNode    *node,
           const char *format,
           ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (node != NULL)
    g_set_error (error, SL_MORPHOLOGY_ERROR, code, "%s:%ld: <%s>: %s", name,
                 xmlGetLineNo (node), (const char *) node->name, msg);
  else
    g_set_error (error, SL_MORPHOLOGY_ERROR, code, "%s: %s", name, msg);
}

static gboolean
is_element (const xmlNode *node,
            const char    *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

static xmlNode *
first_child (xmlNode    *parent,
             const char *name)
{
  for (xmlNode *c = parent ? parent->children : NULL; c != NULL; c = c->next)
    if (is_element (c, name))
      return c;
  return NULL;
}

/* Attribute text without entity expansion (entities are refused anyway). */
static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *v = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy;

  if (v == NULL)
    return NULL;
  copy = g_strstrip (g_strdup ((const char *) v));
  xmlFree (v);
  return copy;
}

static gboolean
attr_double (NmlReader  *rd,
             xmlNode    *node,
             const char *attr,
             gboolean    required,
             double      fallback,
             double     *out,
             GError    **error)
{
  g_autofree char *text = get_attr (node, attr);
  char *end = NULL;

  if (text == NULL)
    {
      if (!required)
        {
          *out = fallback;
          return TRUE;
        }
      NML_ERROR (rd, node, SL_MORPHOLOGY_ERROR_PARSE, "missing attribute %s", attr);
      return FALSE;
    }
  *out = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0')
    {
      NML_ERROR (rd, node, SL_MORPHOLOGY_ERROR_PARSE, "%s=\"%s\" is not a number", attr, text);
      return FALSE;
    }
  if (!isfinite (*out))
    {
      NML_ERROR (rd, node, SL_MORPHOLOGY_ERROR_INVALID, "%s=\"%s\" is not finite", attr, text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
attr_int (NmlReader  *rd,
          xmlNode    *node,
          const char *attr,
          int        *out,
          GError    **error)
{
  double v;

  if (!attr_double (rd, node, attr, TRUE, 0, &v, error))
    return FALSE;
  if (v != floor (v) || v < 0 || v > G_MAXINT / 2)
    {
      NML_ERROR (rd, node, SL_MORPHOLOGY_ERROR_PARSE, "%s=\"%g\" is not a segment id", attr, v);
      return FALSE;
    }
  *out = (int) v;
  return TRUE;
}

static gboolean
read_point3d (NmlReader *rd,
              xmlNode   *node,
              double     out[4],
              GError   **error)
{
  double d;

  if (!attr_double (rd, node, "x", TRUE, 0, &out[0], error) ||
      !attr_double (rd, node, "y", TRUE, 0, &out[1], error) ||
      !attr_double (rd, node, "z", TRUE, 0, &out[2], error) ||
      !attr_double (rd, node, "diameter", TRUE, 0, &d, error))
    return FALSE;
  if (d < 0)
    {
      NML_ERROR (rd, node, SL_MORPHOLOGY_ERROR_INVALID, "negative diameter %g", d);
      return FALSE;
    }
  out[3] = d / 2;
  return TRUE;
}

static int
segment_index (NmlReader *rd,
               int        id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (rd->by_id, GINT_TO_POINTER (id + 1))) - 1;
}

static gboolean
read_segments (NmlReader *rd,
               xmlNode   *morph,
               GError   **error)
{
  for (xmlNode *n = morph->children; n != NULL; n = n->next)
    {
      NmlSegment s = { 0 };
      xmlNode *par, *prox, *dist;

      if (!is_element (n, "segment"))
        continue;
      s.line = xmlGetLineNo (n);
      s.node = n;
      s.parent = -1;
      s.parent_id = -1;
      s.fraction = 1;
      if (!attr_int (rd, n, "id", &s.id, error))
        return FALSE;
      if (segment_index (rd, s.id) >= 0)
        {
          NML_ERROR (rd, n, SL_MORPHOLOGY_ERROR_INVALID, "duplicate segment id %d (first on line %d)",
                     s.id, g_array_index (rd->segments, NmlSegment, segment_index (rd, s.id)).line);
          return FALSE;
        }
      if ((par = first_child (n, "parent")) != NULL)
        {
          if (!attr_int (rd, par, "segment", &s.parent_id, error) ||
              !attr_double (rd, par, "fractionAlong", FALSE, 1, &s.fraction, error))
            return FALSE;
          if (s.fraction < 0 || s.fraction > 1)
            {
              NML_ERROR (rd, par, SL_MORPHOLOGY_ERROR_INVALID, "fractionAlong=%g is outside 0..1",
                         s.fraction);
              return FALSE;
            }
          if (s.parent_id == s.id)
            {
              NML_ERROR (rd, par, SL_MORPHOLOGY_ERROR_INVALID, "segment %d is its own parent", s.id);
              return FALSE;
            }
        }
      if ((prox = first_child (n, "proximal")) != NULL)
        {
          if (!read_point3d (rd, prox, s.prox, error))
            return FALSE;
          s.has_proximal = TRUE;
        }
      if ((dist = first_child (n, "distal")) == NULL)
        {
          NML_ERROR (rd, n, SL_MORPHOLOGY_ERROR_INVALID, "segment %d has no <distal>", s.id);
          return FALSE;
        }
      if (!read_point3d (rd, dist, s.dist, error))
        return FALSE;
      if (par == NULL && !s.has_proximal)
        {
          NML_ERROR (rd, n, SL_MORPHOLOGY_ERROR_INVALID,
                     "root segment %d has neither <parent> nor <proximal>", s.id);
          return FALSE;
        }
      if (rd->segments->len >= SL_MORPHOLOGY_MAX_POINTS / 4)
        {
          NML_ERROR (rd, n, SL_MORPHOLOGY_ERROR_NO_MEMORY, "too many segments");
          return FALSE;
        }
      g_array_append_val (rd->segments, s);
      g_hash_table_insert (rd->by_id, GINT_TO_POINTER (s.id + 1),
                           GINT_TO_POINTER (rd->segments->len));
    }

  if (rd->segments->len == 0)
    {
      NML_ERROR (rd, morph, SL_MORPHOLOGY_ERROR_INVALID, "no segments: no points");
      return FALSE;
    }

  for (guint i = 0; i < rd->segments->len; i++)
    {
      NmlSegment *s = &g_array_index (rd->segments, NmlSegment, i);

      if (s->parent_id < 0)
        continue;
      s->parent = segment_index (rd, s->parent_id);
      if (s->parent < 0)
        {
          g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_INVALID,
                       "%s:%d: <segment>: parent segment %d of segment %d does not exist",
                       rd->name, s->line, s->parent_id, s->id);
          return FALSE;
        }
    }
  return TRUE;
}

/* Segments depth-first from the roots; NULL (error set) on a cycle. */
static int *
order_segments (NmlReader *rd,
                GError   **error)
{
  int n = rd->segments->len;
  g_autofree int *first = g_new0 (int, rd->segments->len + 1);
  g_autofree int *child = g_new (int, rd->segments->len);
  g_autofree int *fill = NULL;
  g_autofree int *stack = g_new (int, rd->segments->len);
  g_autofree int *order = g_new (int, rd->segments->len);
  g_autofree guint8 *seen = g_new0 (guint8, rd->segments->len);
  int m = 0, top = 0;

  for (int i = 0; i < n; i++)
    {
      int p = g_array_index (rd->segments, NmlSegment, i).parent;
      if (p >= 0)
        first[p + 1]++;
    }
  for (int i = 0; i < n; i++)
    first[i + 1] += first[i];
  fill = g_memdup2 (first, sizeof (int) * (rd->segments->len + 1));
  for (int i = 0; i < n; i++)
    {
      int p = g_array_index (rd->segments, NmlSegment, i).parent;
      if (p >= 0)
        child[fill[p]++] = i;
    }
  for (int root = 0; root < n; root++)
    {
      if (g_array_index (rd->segments, NmlSegment, root).parent >= 0)
        continue;
      stack[top++] = root;
      while (top > 0)
        {
          int c = stack[--top];

          order[m++] = c;
          seen[c] = 1;
          for (int k = first[c + 1] - 1; k >= first[c]; k--)
            stack[top++] = child[k];
        }
    }
  if (m < n)
    for (int i = 0; i < n; i++)
      if (!seen[i])
        {
          const NmlSegment *s = &g_array_index (rd->segments, NmlSegment, i);

          g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_INVALID,
                       "%s:%d: <segment>: segment %d is on a parent cycle", rd->name, s->line, s->id);
          return NULL;
        }
  return g_steal_pointer (&order);
}

static int
add_point (NmlReader    *rd,
           const double  g[4],
           int           parent,
           guint         flags,
           int           seg)
{
  const NmlSegment *s = &g_array_index (rd->segments, NmlSegment, seg);
  SlPoint p = { g[0], g[1], g[2], g[3], 0, parent, s->id, flags };

  g_array_append_val (rd->points, p);
  g_array_append_val (rd->point_seg, seg);
  return rd->points->len - 1;
}

static gboolean
same_geometry (const double a[4],
               const double b[4])
{
  double scale = MAX (1.0, MAX (fabs (a[0]), MAX (fabs (a[1]), fabs (a[2]))));

  return fabs (a[0] - b[0]) <= 1e-9 * scale && fabs (a[1] - b[1]) <= 1e-9 * scale &&
         fabs (a[2] - b[2]) <= 1e-9 * scale && fabs (a[3] - b[3]) <= 1e-9 * MAX (1.0, a[3]);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
build_points (NmlReader *rd,
              const int *order)
{
  int n = rd->segments->len;

  /* Interior junctions first, so each parent's split points exist (in
   * order along it) before its children are placed. */
  for (int i = 0; i < n; i++)
    {
      NmlSegment *s = &g_array_index (rd->segments, NmlSegment, i);
      NmlSegment *p;

      if (s->parent < 0 || s->fraction <= 0 || s->fraction >= 1)
        continue;
      p = &g_array_index (rd->segments, NmlSegment, s->parent);
      if (p->splits == NULL)
        p->splits = g_array_new (FALSE, FALSE, sizeof (double));
      g_array_append_val (p->splits, s->fraction);
    }

  for (int k = 0; k < n; k++)
    {
      int si = order[k];
      NmlSegment *s = &g_array_index (rd->segments, NmlSegment, si);
      double from[4];
      int start, prev;
      guint next_flags = 0;

      if (s->parent < 0)
        {
          memcpy (from, s->prox, sizeof from);
          start = add_point (rd, s->prox, -1, 0, si);
          if (same_geometry (s->prox, s->dist))
            {
              /* A sphere written as a zero-length segment: one point. */
              s->start_point = s->distal_point = start;
              goto splits_done;
            }
        }
      else
        {
          const NmlSegment *p = &g_array_index (rd->segments, NmlSegment, s->parent);
          int attach;

          if (s->fraction >= 1)
            attach = p->distal_point;
          else if (s->fraction <= 0)
            attach = p->start_point;
          else
            {
              /* A zero-length root (a sphere) has no split points. */
              attach = p->distal_point;
              for (guint j = 0; p->split_points != NULL && j < p->split_points->len; j++)
                if (g_array_index (p->splits, double, j) == s->fraction)
                  attach = g_array_index (p->split_points, int, j);
            }
          {
            const SlPoint *a = &g_array_index (rd->points, SlPoint, attach);
            double at[4] = { a->x, a->y, a->z, a->r };

            if (!s->has_proximal || same_geometry (s->prox, at))
              {
                memcpy (from, at, sizeof from);
                start = attach;
              }
            else if (same_geometry (s->prox, s->dist) && s->splits == NULL)
              {
                memcpy (from, s->prox, sizeof from);
                start = attach;
                next_flags = SL_POINT_DETACHED;
              }
            else
              {
                memcpy (from, s->prox, sizeof from);
                start = add_point (rd, s->prox, attach, SL_POINT_DETACHED, si);
              }
          }
        }
      s->start_point = start;
      prev = start;

      if (s->splits != NULL)
        {
          g_array_sort (s->splits, compare_double);
          s->split_points = g_array_new (FALSE, FALSE, sizeof (int));
          for (guint j = 0; j < s->splits->len; j++)
            {
              double f = g_array_index (s->splits, double, j);
              double g[4];
              int pt;

              if (j > 0 && f == g_array_index (s->splits, double, j - 1))
                pt = g_array_index (s->split_points, int, j - 1);
              else
                {
                  for (int a = 0; a < 4; a++)
                    g[a] = from[a] + f * (s->dist[a] - from[a]);
                  pt = prev = add_point (rd, g, prev, next_flags, si);
                  next_flags = 0;
                }
              g_array_append_val (s->split_points, pt);
            }
        }
      s->distal_point = add_point (rd, s->dist, prev, next_flags, si);
    splits_done:
      ;
    }
}

/* ------------------------------------------------------------ groups -- */

typedef struct
{
  char    *id;
  xmlNode *node;
  int      type;       /* from the name or NeuroLex id, -1 if none */
  int      rank;       /* precedence when a segment is in several typed groups */
} NmlGroup;

static void
group_type (const char *id,
            const char *neurolex,
            int        *type,
            int        *rank)
{
  static const struct { const char *name; int type, rank; } names[] = {
    { "soma_group", 1, 5 }, { "soma", 1, 5 }, { "somatic", 1, 5 },
    { "axon_group", 2, 4 }, { "axon", 2, 4 }, { "axonal", 2, 4 },
    { "apical_dends", 4, 3 }, { "apical_dendrite", 4, 3 }, { "apical_dendrites", 4, 3 },
    { "apical", 4, 3 }, { "apical_group", 4, 3 }, { "apicals", 4, 3 },
    { "basal_dends", 3, 2 }, { "basal_dendrite", 3, 2 }, { "basal_dendrites", 3, 2 },
    { "basal", 3, 2 }, { "basal_group", 3, 2 }, { "basals", 3, 2 },
    { "dendrite_group", 3, 1 }, { "dendrite", 3, 1 }, { "dendrites", 3, 1 },
    { "dend", 3, 1 }, { "dends", 3, 1 },
  };

  *type = -1;
  *rank = 0;
  for (gsize k = 0; k < G_N_ELEMENTS (names); k++)
    if (g_ascii_strcasecmp (id, names[k].name) == 0)
      {
        *type = names[k].type;
        *rank = names[k].rank;
        return;
      }
  /* Ontology ids of the standard groups (NeuroML2 documentation): Gene
   * Ontology and the older NeuroLex "sao" ids. */
  if (g_strcmp0 (neurolex, "GO:0043025") == 0 || g_strcmp0 (neurolex, "sao1044911821") == 0)
    *type = 1, *rank = 5;
  else if (g_strcmp0 (neurolex, "GO:0030424") == 0 || g_strcmp0 (neurolex, "sao1770195789") == 0)
    *type = 2, *rank = 4;
  else if (g_strcmp0 (neurolex, "GO:0030425") == 0 || g_strcmp0 (neurolex, "sao1211023249") == 0)
    *type = 3, *rank = 1;
  else if (g_ascii_strncasecmp (id, "custom", 6) == 0 && g_ascii_isdigit (id[6]))
    {
      /* SpineLab's own writer names groups of custom SWC types so. */
      char *end = NULL;
      gint64 v = g_ascii_strtoll (id + 6, &end, 10);

      if (*end == '\0' && v >= SL_TYPE_CUSTOM && v < 1000)
        *type = (int) v, *rank = 2;
    }
  else if (g_ascii_strcasecmp (id, "undefined") == 0)
    *type = 0, *rank = 1;
}

/* Marks in `in` the segments of group g (recursively through includes). */
static gboolean
resolve_group (NmlReader   *rd,
               GArray      *groups,
               GHashTable  *group_by_id,
               int          g,
               guint8      *in,
               GPtrArray   *missing,
               GError     **error)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree guint8 *visited = g_new0 (guint8, groups->len);
  int n = rd->segments->len;

  g_array_append_val (stack, g);
  while (stack->len > 0)
    {
      int gi = g_array_index (stack, int, stack->len - 1);
      const NmlGroup *grp = &g_array_index (groups, NmlGroup, gi);

      g_array_set_size (stack, stack->len - 1);
      if (visited[gi])
        continue;
      visited[gi] = 1;

      for (xmlNode *c = grp->node->children; c != NULL; c = c->next)
        {
          if (is_element (c, "member"))
            {
              int id, si;

              if (!attr_int (rd, c, "segment", &id, error))
                return FALSE;
              if ((si = segment_index (rd, id)) < 0)
                {
                  NML_ERROR (rd, c, SL_MORPHOLOGY_ERROR_INVALID, "no segment %d in group %s",
                             id, grp->id);
                  return FALSE;
                }
              in[si] = 1;
            }
          else if (is_element (c, "include"))
            {
              g_autofree char *ref = get_attr (c, "segmentGroup");
              gpointer found;

              if (ref == NULL)
                continue;   /* <include href> of another file: not followed */
              found = g_hash_table_lookup (group_by_id, ref);
              if (found == NULL)
                g_ptr_array_add (missing, g_strdup (ref));
              else
                {
                  int inc = GPOINTER_TO_INT (found) - 1;
                  g_array_append_val (stack, inc);
                }
            }
          else if (is_element (c, "path") || is_element (c, "subTree"))
            {
              xmlNode *from = first_child (c, "from"), *to = first_child (c, "to");
              int a = -1, b = -1, id;

              if (from != NULL)
                {
                  if (!attr_int (rd, from, "segment", &id, error))
                    return FALSE;
                  if ((a = segment_index (rd, id)) < 0)
                    {
                      NML_ERROR (rd, from, SL_MORPHOLOGY_ERROR_INVALID, "no segment %d", id);
                      return FALSE;
                    }
                }
              if (to != NULL)
                {
                  if (!attr_int (rd, to, "segment", &id, error))
                    return FALSE;
                  if ((b = segment_index (rd, id)) < 0)
                    {
                      NML_ERROR (rd, to, SL_MORPHOLOGY_ERROR_INVALID, "no segment %d", id);
                      return FALSE;
                    }
                }
              if (is_element (c, "subTree") && a >= 0 && b < 0)
                {
                  /* `from` and everything distal to it: walk up from each
                   * segment (depth bounded by n, no recursion). */
                  for (int s = 0; s < n; s++)
                    for (int u = s, steps = 0; u >= 0 && steps <= n; steps++)
                      {
                        if (u == a)
                          {
                            in[s] = 1;
                            break;
                          }
                        u = g_array_index (rd->segments, NmlSegment, u).parent;
                      }
                }
              else if (b >= 0)
                {
                  /* From `to` back to `from` (or to the root). */
                  int u = b, steps = 0;

                  while (u >= 0 && steps++ <= n)
                    {
                      in[u] = 1;
                      if (u == a)
                        break;
                      u = g_array_index (rd->segments, NmlSegment, u).parent;
                    }
                  if (a >= 0 && u != a)
                    {
                      NML_ERROR (rd, c, SL_MORPHOLOGY_ERROR_INVALID,
                                 "segment %d is not on the path to the root from segment %d",
                                 g_array_index (rd->segments, NmlSegment, a).id,
                                 g_array_index (rd->segments, NmlSegment, b).id);
                      return FALSE;
                    }
                }
              else
                {
                  NML_ERROR (rd, c, SL_MORPHOLOGY_ERROR_INVALID, "needs <from> or <to>");
                  return FALSE;
                }
            }
        }
    }
  return TRUE;
}

static void
clear_group (gpointer data)
{
  g_free (((NmlGroup *) data)->id);
}

static gboolean
read_groups (NmlReader     *rd,
             xmlNode       *morph,
             SlMorphology  *self,
             gboolean       finished,
             GError       **error)
{
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (NmlGroup));
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint8 *in = g_new (guint8, rd->segments->len);
  g_autofree int *rank = g_new0 (int, rd->segments->len);
  int n = rd->segments->len;

  g_array_set_clear_func (groups, clear_group);
  for (xmlNode *c = morph->children; c != NULL; c = c->next)
    {
      NmlGroup g = { 0 };
      g_autofree char *nlx = NULL;

      if (!is_element (c, "segmentGroup"))
        continue;
      g.id = get_attr (c, "id");
      if (g.id == NULL || g.id[0] == '\0')
        {
          g_free (g.id);
          NML_ERROR (rd, c, SL_MORPHOLOGY_ERROR_PARSE, "missing attribute id");
          return FALSE;
        }
      if (g_hash_table_contains (by_id, g.id))
        {
          NML_ERROR (rd, c, SL_MORPHOLOGY_ERROR_INVALID, "duplicate segment group id %s", g.id);
          g_free (g.id);
          return FALSE;
        }
      g.node = c;
      nlx = get_attr (c, "neuroLexId");
      group_type (g.id, nlx, &g.type, &g.rank);
      g_array_append_val (groups, g);
      g_hash_table_insert (by_id, g_array_index (groups, NmlGroup, groups->len - 1).id,
                           GINT_TO_POINTER (groups->len));
    }

  for (guint gi = 0; gi < groups->len; gi++)
    {
      const NmlGroup *g = &g_array_index (groups, NmlGroup, gi);
      int m = 0, *pts;

      memset (in, 0, n);
      if (!resolve_group (rd, groups, by_id, gi, in, missing, error))
        return FALSE;

      if (!finished)
        {
          /* First pass: types.  Higher rank wins (soma > axon > apical >
           * basal > generic dendrite). */
          if (g->type >= 0)
            for (int s = 0; s < n; s++)
              if (in[s] && g->rank > rank[s])
                {
                  rank[s] = g->rank;
                  g_array_index (rd->segments, NmlSegment, s).type = g->type;
                }
          continue;
        }

      for (guint p = 0; p < rd->points->len; p++)
        m += in[g_array_index (rd->point_seg, int, p)];
      pts = g_new (int, MAX (m, 1));
      m = 0;
      for (guint p = 0; p < rd->points->len; p++)
        if (in[g_array_index (rd->point_seg, int, p)])
          pts[m++] = p;

      {
        const SlRegion *same = sl_morphology_find_region (self, g->id);

        if (same != NULL && same->n_points == m &&
            (m == 0 || memcmp (same->points, pts, sizeof (int) * m) == 0))
          {
            g_free (pts);
            continue;
          }
        if (same != NULL)
          {
            g_autofree char *alt = g_strdup_printf ("group:%s", g->id);
            _sl_morphology_add_region (self, alt, -1, SL_REGION_GROUP, pts, m);
          }
        else
          _sl_morphology_add_region (self, g->id, -1, SL_REGION_GROUP, pts, m);
      }
    }

  if (finished && missing->len > 0)
    _sl_morphology_warn (self, "%u <include segmentGroup> reference%s to unknown groups ignored "
                         "(first: %s)", missing->len, missing->len == 1 ? "" : "s",
                         (const char *) g_ptr_array_index (missing, 0));
  return TRUE;
}

static int
type_from_name (const char *name)
{
  if (name == NULL)
    return SL_TYPE_UNDEFINED;
  if (g_ascii_strncasecmp (name, "soma", 4) == 0)
    return SL_TYPE_SOMA;
  if (g_ascii_strncasecmp (name, "axon", 4) == 0)
    return SL_TYPE_AXON;
  if (g_ascii_strncasecmp (name, "apic", 4) == 0)
    return SL_TYPE_APICAL;
  if (g_ascii_strncasecmp (name, "dend", 4) == 0 || g_ascii_strncasecmp (name, "basal", 5) == 0)
    return SL_TYPE_BASAL;
  return SL_TYPE_UNDEFINED;
}

/* ---------------------------------------------------------- document -- */

static xmlNode *
find_morphology (NmlReader     *rd,
                 xmlNode       *root,
                 int           *n_cells,
                 GError       **error)
{
  xmlNode *cell = NULL;

  *n_cells = 0;
  for (xmlNode *c = root->children; c != NULL; c = c->next)
    if (is_element (c, "cell"))
      {
        if (cell == NULL)
          cell = c;
        (*n_cells)++;
      }
  if (cell != NULL)
    {
      xmlNode *m = first_child (cell, "morphology");
      g_autofree char *ref = NULL;

      if (m != NULL)
        return m;
      ref = get_attr (cell, "morphology");
      for (xmlNode *c = root->children; c != NULL; c = c->next)
        if (is_element (c, "morphology"))
          {
            g_autofree char *id = get_attr (c, "id");

            if (ref == NULL || g_strcmp0 (id, ref) == 0)
              return c;
          }
      NML_ERROR (rd, cell, SL_MORPHOLOGY_ERROR_INVALID, "the cell has no <morphology>%s%s",
                 ref ? " named " : "", ref ? ref : "");
      return NULL;
    }
  if (first_child (root, "morphology") != NULL)
    return first_child (root, "morphology");
  NML_ERROR (rd, root, SL_MORPHOLOGY_ERROR_INVALID, "no <cell> with a <morphology>");
  return NULL;
}

static gboolean
declares_entities (xmlDoc *doc)
{
  xmlDtd *dtds[2] = { doc->intSubset, doc->extSubset };

  for (int k = 0; k < 2; k++)
    if (dtds[k] != NULL && (dtds[k]->entities != NULL || dtds[k]->pentities != NULL))
      return TRUE;
  return FALSE;
}

static void
reader_clear (NmlReader *rd)
{
  for (guint i = 0; rd->segments && i < rd->segments->len; i++)
    {
      NmlSegment *s = &g_array_index (rd->segments, NmlSegment, i);
      g_clear_pointer (&s->splits, g_array_unref);
      g_clear_pointer (&s->split_points, g_array_unref);
    }
  g_clear_pointer (&rd->segments, g_array_unref);
  g_clear_pointer (&rd->by_id, g_hash_table_unref);
  g_clear_pointer (&rd->points, g_array_unref);
  g_clear_pointer (&rd->point_seg, g_array_unref);
}

static SlMorphology *
read_document (NmlReader  *rd,
               xmlDoc     *doc,
               GError    **error)
{
  g_autoptr(SlMorphology) self = NULL;
  g_autofree int *order = NULL;
  xmlNode *root = xmlDocGetRootElement (doc), *morph;
  int n_cells;

  if (declares_entities (doc))
    {
      NML_ERROR (rd, root, SL_MORPHOLOGY_ERROR_UNSUPPORTED,
                 "the document declares XML entities; refused (external entities and "
                 "entity expansion are not allowed)");
      return NULL;
    }
  if (root == NULL || !is_element (root, "neuroml"))
    {
      NML_ERROR (rd, root, SL_MORPHOLOGY_ERROR_PARSE, "root element is not <neuroml>");
      return NULL;
    }

  self = sl_morphology_new (rd->name);
  self->format = SL_FORMAT_NEUROML;
  if ((morph = find_morphology (rd, root, &n_cells, error)) == NULL)
    return NULL;
  if (!read_segments (rd, morph, error))
    return NULL;
  if ((order = order_segments (rd, error)) == NULL)
    return NULL;

  for (guint i = 0; i < rd->segments->len; i++)
    g_array_index (rd->segments, NmlSegment, i).type = -1;
  if (!read_groups (rd, morph, self, FALSE, error))
    return NULL;
  {
    int untyped = 0;

    for (guint i = 0; i < rd->segments->len; i++)
      {
        NmlSegment *s = &g_array_index (rd->segments, NmlSegment, i);

        if (s->type < 0)
          {
            g_autofree char *seg_name = get_attr (s->node, "name");

            s->type = type_from_name (seg_name);
            untyped++;
          }
      }
    if (untyped > 0)
      _sl_morphology_warn (self, "%d segment%s in no standard group: type taken from the "
                           "segment name", untyped, untyped == 1 ? "" : "s");
  }

  build_points (rd, order);
  for (guint p = 0; p < rd->points->len; p++)
    g_array_index (rd->points, SlPoint, p).type =
      g_array_index (rd->segments, NmlSegment, g_array_index (rd->point_seg, int, p)).type;

  self->n_points = rd->points->len;
  self->points = g_memdup2 (rd->points->data, sizeof (SlPoint) * rd->points->len);
  if (n_cells > 1)
    _sl_morphology_warn (self, "%d cells in the document: only the first is read", n_cells);

  if (!sl_morphology_finish (self, error))
    return NULL;
  if (!read_groups (rd, morph, self, TRUE, error))
    return NULL;
  return g_steal_pointer (&self);
}

SlMorphology *
sl_morphology_new_from_neuroml_data (const char  *data,
                                     gsize        len,
                                     const char  *name,
                                     GError     **error)
{
  NmlReader rd = { 0 };
  xmlParserCtxt *ctxt;
  xmlDoc *doc;
  SlMorphology *self;
  gboolean blank = TRUE;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  rd.name = name ? name : "NeuroML2";

  for (gsize i = 0; i < len && blank; i++)
    if (!g_ascii_isspace (data[i]))
      blank = FALSE;
  if (blank)
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_IO, "%s: empty file", rd.name);
      return NULL;
    }
  if (len > G_MAXINT)
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_NO_MEMORY,
                   "%s: file too large", rd.name);
      return NULL;
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_NO_MEMORY,
                   "%s: cannot create an XML parser", rd.name);
      return NULL;
    }
  /* Never XML_PARSE_NOENT (substitutes entities), XML_PARSE_DTDLOAD
   * (fetches external DTDs) or XML_PARSE_HUGE (lifts the expansion limits). */
  doc = xmlCtxtReadMemory (ctxt, data, (int) len, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_BIG_LINES);
  if (doc == NULL)
    {
      const xmlError *e = xmlCtxtGetLastError (ctxt);
      g_autofree char *msg = g_strdup (e && e->message ? e->message : "malformed document");

      g_strchomp (msg);
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_PARSE,
                   "%s:%d: not XML: %s", rd.name, e ? e->line : 0, msg);
      xmlFreeParserCtxt (ctxt);
      return NULL;
    }
  xmlFreeParserCtxt (ctxt);

  rd.segments = g_array_new (FALSE, FALSE, sizeof (NmlSegment));
  rd.by_id = g_hash_table_new (g_direct_hash, g_direct_equal);
  rd.points = g_array_new (FALSE, FALSE, sizeof (SlPoint));
  rd.point_seg = g_array_new (FALSE, FALSE, sizeof (int));
  self = read_document (&rd, doc, error);
  reader_clear (&rd);
  xmlFreeDoc (doc);
  return self;
}
