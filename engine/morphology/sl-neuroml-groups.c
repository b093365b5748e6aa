/* sl-neuroml-groups.c: NeuroML2 segment groups: <member>, <include
 * segmentGroup>, <path> and <subTree>; standard names and ontology ids
 * give segment types, every named group becomes a region. */
#include <string.h>

#include "sl-neuroml-private.h"

/* Resolving a group walks its includes, so a chain of G groups each
 * including the previous costs G²/2 steps (and as many region points): a
 * 700 kB file of 4,000 such groups took two minutes (ASan).  Real cells need
 * a few thousand steps per group at most. */
#define MAX_GROUP_STEPS 1000000

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

  /* Variants such as "apical_dendrite_group" or "basal_dendrites": a name
   * that starts with the part and mentions no other part. */
  {
    g_autofree char *lower = g_ascii_strdown (id, -1);
    static const struct { const char *prefix; int type, rank; const char *others[3]; } parts[] = {
      { "apical", 4, 3, { "soma", "axon", "basal" } },
      { "basal",  3, 2, { "soma", "axon", "apical" } },
      { "axon",   2, 4, { "soma", "dend", "apic" } },
    };

    for (gsize k = 0; k < G_N_ELEMENTS (parts); k++)
      if (g_str_has_prefix (lower, parts[k].prefix) &&
          !g_ascii_isdigit (lower[strlen (lower) - 1]) &&
          strstr (lower, parts[k].others[0]) == NULL &&
          strstr (lower, parts[k].others[1]) == NULL &&
          strstr (lower, parts[k].others[2]) == NULL)
        {
          *type = parts[k].type;
          *rank = parts[k].rank;
          return;
        }
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
               gsize       *budget,
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
          if (++*budget > MAX_GROUP_STEPS)
            {
              NML_ERROR (rd, grp->node, SL_MORPHOLOGY_ERROR_INVALID,
                         "segment groups include one another too much (more than %d "
                         "members and includes to follow)", MAX_GROUP_STEPS);
              return FALSE;
            }
          if (_sl_nml_is_element (c, "member"))
            {
              int id, si;

              if (!_sl_nml_attr_int (rd, c, "segment", &id, error))
                return FALSE;
              if ((si = _sl_nml_segment_index (rd, id)) < 0)
                {
                  NML_ERROR (rd, c, SL_MORPHOLOGY_ERROR_INVALID, "no segment %d in group %s",
                             id, grp->id);
                  return FALSE;
                }
              in[si] = 1;
            }
          else if (_sl_nml_is_element (c, "include"))
            {
              g_autofree char *ref = _sl_nml_get_attr (c, "segmentGroup");
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
          else if (_sl_nml_is_element (c, "path") || _sl_nml_is_element (c, "subTree"))
            {
              xmlNode *from = _sl_nml_first_child (c, "from"), *to = _sl_nml_first_child (c, "to");
              int a = -1, b = -1, id;

              if (from != NULL)
                {
                  if (!_sl_nml_attr_int (rd, from, "segment", &id, error))
                    return FALSE;
                  if ((a = _sl_nml_segment_index (rd, id)) < 0)
                    {
                      NML_ERROR (rd, from, SL_MORPHOLOGY_ERROR_INVALID, "no segment %d", id);
                      return FALSE;
                    }
                }
              if (to != NULL)
                {
                  if (!_sl_nml_attr_int (rd, to, "segment", &id, error))
                    return FALSE;
                  if ((b = _sl_nml_segment_index (rd, id)) < 0)
                    {
                      NML_ERROR (rd, to, SL_MORPHOLOGY_ERROR_INVALID, "no segment %d", id);
                      return FALSE;
                    }
                }
              if (_sl_nml_is_element (c, "subTree") && a >= 0 && b < 0)
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

gboolean
_sl_nml_read_groups (NmlReader     *rd,
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
  gsize budget = 0;

  g_array_set_clear_func (groups, clear_group);
  for (xmlNode *c = morph->children; c != NULL; c = c->next)
    {
      NmlGroup g = { 0 };
      g_autofree char *nlx = NULL;

      if (!_sl_nml_is_element (c, "segmentGroup"))
        continue;
      g.id = _sl_nml_get_attr (c, "id");
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
      nlx = _sl_nml_get_attr (c, "neuroLexId");
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
      if (!resolve_group (rd, groups, by_id, gi, in, missing, &budget, error))
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

int
_sl_nml_type_from_name (const char *name)
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

