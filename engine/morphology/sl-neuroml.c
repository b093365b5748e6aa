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

#include "sl-neuroml-private.h"

void
_sl_nml_error (GError    **error,
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

gboolean
_sl_nml_is_element (const xmlNode *node,
            const char    *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

xmlNode *
_sl_nml_first_child (xmlNode    *parent,
             const char *name)
{
  for (xmlNode *c = parent ? parent->children : NULL; c != NULL; c = c->next)
    if (_sl_nml_is_element (c, name))
      return c;
  return NULL;
}

/* Attribute text without entity expansion (entities are refused anyway). */
char *
_sl_nml_get_attr (xmlNode    *node,
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

gboolean
_sl_nml_attr_double (NmlReader  *rd,
             xmlNode    *node,
             const char *attr,
             gboolean    required,
             double      fallback,
             double     *out,
             GError    **error)
{
  g_autofree char *text = _sl_nml_get_attr (node, attr);
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

gboolean
_sl_nml_attr_int (NmlReader  *rd,
          xmlNode    *node,
          const char *attr,
          int        *out,
          GError    **error)
{
  double v;

  if (!_sl_nml_attr_double (rd, node, attr, TRUE, 0, &v, error))
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

  if (!_sl_nml_attr_double (rd, node, "x", TRUE, 0, &out[0], error) ||
      !_sl_nml_attr_double (rd, node, "y", TRUE, 0, &out[1], error) ||
      !_sl_nml_attr_double (rd, node, "z", TRUE, 0, &out[2], error) ||
      !_sl_nml_attr_double (rd, node, "diameter", TRUE, 0, &d, error))
    return FALSE;
  if (d < 0)
    {
      NML_ERROR (rd, node, SL_MORPHOLOGY_ERROR_INVALID, "negative diameter %g", d);
      return FALSE;
    }
  out[3] = d / 2;
  return TRUE;
}

int
_sl_nml_segment_index (NmlReader *rd,
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

      if (!_sl_nml_is_element (n, "segment"))
        continue;
      s.line = xmlGetLineNo (n);
      s.node = n;
      s.parent = -1;
      s.parent_id = -1;
      s.fraction = 1;
      if (!_sl_nml_attr_int (rd, n, "id", &s.id, error))
        return FALSE;
      if (_sl_nml_segment_index (rd, s.id) >= 0)
        {
          NML_ERROR (rd, n, SL_MORPHOLOGY_ERROR_INVALID, "duplicate segment id %d (first on line %d)",
                     s.id, g_array_index (rd->segments, NmlSegment, _sl_nml_segment_index (rd, s.id)).line);
          return FALSE;
        }
      if ((par = _sl_nml_first_child (n, "parent")) != NULL)
        {
          if (!_sl_nml_attr_int (rd, par, "segment", &s.parent_id, error) ||
              !_sl_nml_attr_double (rd, par, "fractionAlong", FALSE, 1, &s.fraction, error))
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
      if ((prox = _sl_nml_first_child (n, "proximal")) != NULL)
        {
          if (!read_point3d (rd, prox, s.prox, error))
            return FALSE;
          s.has_proximal = TRUE;
        }
      if ((dist = _sl_nml_first_child (n, "distal")) == NULL)
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
      s->parent = _sl_nml_segment_index (rd, s->parent_id);
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
    if (_sl_nml_is_element (c, "cell"))
      {
        if (cell == NULL)
          cell = c;
        (*n_cells)++;
      }
  if (cell != NULL)
    {
      xmlNode *m = _sl_nml_first_child (cell, "morphology");
      g_autofree char *ref = NULL;

      if (m != NULL)
        return m;
      ref = _sl_nml_get_attr (cell, "morphology");
      for (xmlNode *c = root->children; c != NULL; c = c->next)
        if (_sl_nml_is_element (c, "morphology"))
          {
            g_autofree char *id = _sl_nml_get_attr (c, "id");

            if (ref == NULL || g_strcmp0 (id, ref) == 0)
              return c;
          }
      NML_ERROR (rd, cell, SL_MORPHOLOGY_ERROR_INVALID, "the cell has no <morphology>%s%s",
                 ref ? " named " : "", ref ? ref : "");
      return NULL;
    }
  if (_sl_nml_first_child (root, "morphology") != NULL)
    return _sl_nml_first_child (root, "morphology");
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
  if (root == NULL || !_sl_nml_is_element (root, "neuroml"))
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
  if (!_sl_nml_read_groups (rd, morph, self, FALSE, error))
    return NULL;
  {
    int untyped = 0;

    for (guint i = 0; i < rd->segments->len; i++)
      {
        NmlSegment *s = &g_array_index (rd->segments, NmlSegment, i);

        if (s->type < 0)
          {
            g_autofree char *seg_name = _sl_nml_get_attr (s->node, "name");

            s->type = _sl_nml_type_from_name (seg_name);
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
  if (!_sl_nml_read_groups (rd, morph, self, TRUE, error))
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

  /* libxml2 wants its global state set up once before threads use it
   * (loads may run on worker threads). */
  {
    static gsize initialised = 0;

    if (g_once_init_enter (&initialised))
      {
        xmlInitParser ();
        g_once_init_leave (&initialised, 1);
      }
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
