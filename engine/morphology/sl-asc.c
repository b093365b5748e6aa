/* sl-asc.c: Neurolucida ASC reader.
 *
 * The file is an s-expression: top-level lists are contours ("CellBody"
 * or layer boundaries), trees ((Dendrite), (Apical), (Axon)), markers and
 * header records ((Sections …), (ImageCoords), (SSM …)).  A point is a
 * list of numbers "(x y z diameter [tag])"; a list whose first element is
 * a word or a string is a property ((Color …), (Name "…")) or a marker and
 * is skipped, as are spines <…>, end words (Normal, Incomplete …) and ';'
 * comments.  Any other list inside a tree is a split: its alternatives,
 * separated by '|', all start from the last point before it.
 *
 * The CellBody outline becomes one soma point at its centroid whose radius
 * is the mean distance from the centroid to the outline (soma_outline keeps
 * the outline).  The first point of each tree is joined to that soma point
 * as DETACHED: the gap between the soma centre and a dendrite's first
 * point is not cable, as in NEURON's import and in Neurolucida's own
 * lengths.  Nesting is handled with explicit stacks.
 */
#include <math.h>
#include <string.h>

#include "sl-morphology-private.h"

typedef enum
{
  NODE_LIST,
  NODE_SPINE,
  NODE_BAR,
  NODE_STRING,
  NODE_ATOM,
} NodeKind;

typedef struct
{
  NodeKind    kind;
  int         line;
  int         first_child, last_child, next;  /* indices into the node array, -1 = none */
  int         n_children;
  const char *text;                           /* atoms and strings: into the file data */
  int         text_len;
} Node;

typedef struct
{
  const char   *name;
  GArray       *nodes;      /* Node; node 0 is the whole file */
  SlMorphology *self;
  GArray       *points;     /* SlPoint */
  int           soma;       /* index of the soma point, or -1 */
} AscReader;

static int
add_node (AscReader  *rd,
          int         parent,
          NodeKind    kind,
          int         line,
          const char *text,
          int         text_len)
{
  Node node = { kind, line, -1, -1, -1, 0, text, text_len };
  int index = rd->nodes->len;

  g_array_append_val (rd->nodes, node);
  if (parent >= 0)
    {
      Node *p = &g_array_index (rd->nodes, Node, parent);

      if (p->last_child >= 0)
        g_array_index (rd->nodes, Node, p->last_child).next = index;
      else
        p->first_child = index;
      p->last_child = index;
      p->n_children++;
    }
  return index;
}

static gboolean
parse_tree (AscReader   *rd,
            const char  *data,
            gsize        len,
            GError     **error)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (int));
  int line = 1;
  gsize i = 0;
  int root = add_node (rd, -1, NODE_LIST, 1, NULL, 0);

  g_array_append_val (stack, root);
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;

  while (i < len)
    {
      char c = data[i];
      int top = g_array_index (stack, int, stack->len - 1);

      if (c == '\n')
        {
          line++;
          i++;
        }
      else if (c == '\r')
        {
          if (i + 1 >= len || data[i + 1] != '\n')
            line++;
          i++;
        }
      else if (c == ' ' || c == '\t' || c == ',' || c == '\f' || c == '\v')
        i++;
      else if (c == ';')
        {
          while (i < len && data[i] != '\n' && data[i] != '\r')
            i++;
        }
      else if (c == '"')
        {
          gsize start = ++i;
          int start_line = line;

          while (i < len && data[i] != '"')
            {
              if (data[i] == '\n')
                line++;
              i++;
            }
          if (i >= len)
            {
              g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_PARSE,
                           "%s:%d: unterminated string", rd->name, start_line);
              return FALSE;
            }
          add_node (rd, top, NODE_STRING, start_line, data + start, (int) MIN (i - start, G_MAXINT));
          i++;
        }
      else if (c == '(' || c == '<')
        {
          int node = add_node (rd, top, c == '(' ? NODE_LIST : NODE_SPINE, line, data + i, 1);

          g_array_append_val (stack, node);
          i++;
        }
      else if (c == ')' || c == '>')
        {
          const Node *open = &g_array_index (rd->nodes, Node, top);

          if (stack->len <= 1 || (open->kind == NODE_LIST) != (c == ')'))
            {
              g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_PARSE,
                           "%s:%d: unbalanced '%c'", rd->name, line, c);
              return FALSE;
            }
          g_array_set_size (stack, stack->len - 1);
          i++;
        }
      else if (c == '|')
        {
          add_node (rd, top, NODE_BAR, line, data + i, 1);
          i++;
        }
      else
        {
          gsize start = i;

          while (i < len && !g_ascii_isspace (data[i]) && strchr ("()<>|;,\"", data[i]) == NULL)
            i++;
          if (data[start] == '\0')
            {
              g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_PARSE,
                           "%s:%d: NUL byte: not a text file", rd->name, line);
              return FALSE;
            }
          add_node (rd, top, NODE_ATOM, line, data + start, (int) MIN (i - start, G_MAXINT));
        }
    }

  if (stack->len > 1)
    {
      const Node *open = &g_array_index (rd->nodes, Node, g_array_index (stack, int, stack->len - 1));

      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_PARSE,
                   "%s:%d: '%c' is never closed", rd->name, open->line, open->text[0]);
      return FALSE;
    }
  return TRUE;
}

static inline const Node *
node_at (const AscReader *rd,
         int              index)
{
  return &g_array_index (rd->nodes, Node, index);
}

/* 1 = a finite number, 0 = not a number, -1 = a number that is NaN/Inf. */
static int
atom_number (const Node *n,
             double     *out)
{
  char buf[65];
  char *end = NULL;

  if (n->kind != NODE_ATOM || n->text_len <= 0 || n->text_len > 64)
    return 0;
  memcpy (buf, n->text, n->text_len);
  buf[n->text_len] = '\0';
  *out = g_ascii_strtod (buf, &end);
  if (end == buf || *end != '\0')
    return 0;
  return isfinite (*out) ? 1 : -1;
}

/* A point is a list that starts with three numbers.  Returns -1 with an
 * error for NaN/Inf, 0 if the list is not a point, 1 for a point. */
static int
read_point (const AscReader  *rd,
            const Node       *list,
            double            xyzd[4],
            GError          **error)
{
  int k = 0;

  if (list->kind != NODE_LIST || list->n_children < 3)
    return 0;
  xyzd[3] = 0;
  for (int c = list->first_child; c >= 0 && k < 4; c = node_at (rd, c)->next, k++)
    {
      int ok = atom_number (node_at (rd, c), &xyzd[k]);

      if (ok < 0)
        {
          g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_INVALID,
                       "%s:%d: coordinate %d of a point is not finite",
                       rd->name, node_at (rd, c)->line, k + 1);
          return -1;
        }
      if (ok == 0)
        {
          if (k < 3)
            return 0;
          xyzd[3] = 0;
          break;
        }
    }
  if (xyzd[3] < 0)
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_INVALID,
                   "%s:%d: negative diameter %g", rd->name, list->line, xyzd[3]);
      return -1;
    }
  return 1;
}

/* The word of a one-word list such as (Dendrite), or NULL. */
static gboolean
is_flag (const AscReader *rd,
         const Node      *list,
         const char      *word)
{
  const Node *c;

  if (list->kind != NODE_LIST || list->n_children != 1)
    return FALSE;
  c = node_at (rd, list->first_child);
  return c->kind == NODE_ATOM && c->text_len == (int) strlen (word) &&
         g_ascii_strncasecmp (c->text, word, c->text_len) == 0;
}

static gboolean
has_flag (const AscReader *rd,
          const Node      *list,
          const char      *word)
{
  for (int c = list->first_child; c >= 0; c = node_at (rd, c)->next)
    if (is_flag (rd, node_at (rd, c), word))
      return TRUE;
  return FALSE;
}

/* Properties, markers and flags start with a word or a string. */
static gboolean
is_property (const AscReader *rd,
             const Node      *list)
{
  const Node *c;
  double v;

  if (list->first_child < 0)
    return TRUE;
  c = node_at (rd, list->first_child);
  return c->kind == NODE_STRING || (c->kind == NODE_ATOM && atom_number (c, &v) == 0);
}

static void
append_point (AscReader    *rd,
              const double  xyzd[4],
              int           type,
              int           parent,
              guint         flags)
{
  SlPoint p = { xyzd[0], xyzd[1], xyzd[2], xyzd[3] / 2, type, parent, (int) rd->points->len, flags };

  g_array_append_val (rd->points, p);
}

typedef struct
{
  int list;        /* node whose children are being walked */
  int child;       /* next child to look at */
  int start_prev;  /* the point every alternative starts from */
  int prev;        /* last point of the current alternative */
} Frame;

static gboolean
walk_tree (AscReader  *rd,
           int         tree,
           int         type,
           GError    **error)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  Frame f0 = { tree, node_at (rd, tree)->first_child, rd->soma, rd->soma };

  g_array_append_val (stack, f0);
  while (stack->len > 0)
    {
      Frame *f = &g_array_index (stack, Frame, stack->len - 1);
      const Node *c;
      double xyzd[4];
      int kind;

      if (f->child < 0)
        {
          g_array_set_size (stack, stack->len - 1);
          continue;
        }
      c = node_at (rd, f->child);
      f->child = c->next;

      if (c->kind == NODE_BAR)
        {
          f->prev = f->start_prev;
          continue;
        }
      if (c->kind != NODE_LIST)
        continue;   /* spines, end words, strings */

      kind = read_point (rd, c, xyzd, error);
      if (kind < 0)
        return FALSE;
      if (kind > 0)
        {
          guint flags = (f->prev >= 0 && f->prev == rd->soma) ? SL_POINT_DETACHED : 0;

          if (rd->points->len >= SL_MORPHOLOGY_MAX_POINTS)
            {
              g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_NO_MEMORY,
                           "%s:%d: more than %d points", rd->name, c->line,
                           SL_MORPHOLOGY_MAX_POINTS);
              return FALSE;
            }
          append_point (rd, xyzd, type, f->prev, flags);
          f->prev = rd->points->len - 1;
          continue;
        }
      if (is_property (rd, c))
        continue;

      /* A split: walk it, then carry on after it from the same point. */
      {
        Frame sub = { (int) (c - (const Node *) rd->nodes->data), c->first_child,
                      f->prev, f->prev };

        g_array_append_val (stack, sub);
      }
    }
  return TRUE;
}

static gboolean
read_soma (AscReader  *rd,
           GArray     *outline,
           int         list,
           GError    **error)
{
  for (int c = node_at (rd, list)->first_child; c >= 0; c = node_at (rd, c)->next)
    {
      double xyzd[4];
      int kind = read_point (rd, node_at (rd, c), xyzd, error);

      if (kind < 0)
        return FALSE;
      if (kind > 0)
        g_array_append_vals (outline, xyzd, 3);
    }
  return TRUE;
}

SlMorphology *
sl_morphology_new_from_asc_data (const char  *data,
                                 gsize        len,
                                 const char  *name,
                                 GError     **error)
{
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (SlPoint));
  g_autoptr(GArray) outline = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) ignored = g_string_new (NULL);
  g_autoptr(SlMorphology) self = NULL;
  AscReader rd = { name ? name : "ASC", nodes, NULL, points, -1 };
  int n_soma_contours = 0, n_ignored = 0, n_trees = 0, n_markers = 0;
  gboolean blank = TRUE;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  for (gsize i = 0; i < len && blank; i++)
    if (!g_ascii_isspace (data[i]))
      blank = FALSE;
  if (blank)
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_IO, "%s: empty file", rd.name);
      return NULL;
    }
  if (!parse_tree (&rd, data, len, error))
    return NULL;

  /* Soma first: the trees hang from it. */
  for (int t = node_at (&rd, 0)->first_child; t >= 0; t = node_at (&rd, t)->next)
    {
      const Node *top = node_at (&rd, t);

      if (top->kind == NODE_LIST && has_flag (&rd, top, "CellBody"))
        {
          if (!read_soma (&rd, outline, t, error))
            return NULL;
          n_soma_contours++;
        }
    }
  if (outline->len > 0)
    {
      int m = outline->len / 3;
      const double *o = (const double *) outline->data;
      double c[4] = { 0, 0, 0, 0 }, sum = 0;

      for (int k = 0; k < m; k++)
        for (int a = 0; a < 3; a++)
          c[a] += o[3 * k + a] / m;
      for (int k = 0; k < m; k++)
        sum += sqrt ((o[3 * k] - c[0]) * (o[3 * k] - c[0]) + (o[3 * k + 1] - c[1]) * (o[3 * k + 1] - c[1]) +
                     (o[3 * k + 2] - c[2]) * (o[3 * k + 2] - c[2]));
      c[3] = 2 * sum / m;
      append_point (&rd, c, SL_TYPE_SOMA, -1, 0);
      rd.soma = 0;
    }

  for (int t = node_at (&rd, 0)->first_child; t >= 0; t = node_at (&rd, t)->next)
    {
      const Node *top = node_at (&rd, t);
      int type = -1;

      if (top->kind != NODE_LIST || has_flag (&rd, top, "CellBody"))
        continue;
      if (has_flag (&rd, top, "Dendrite"))
        type = SL_TYPE_BASAL;
      else if (has_flag (&rd, top, "Apical"))
        type = SL_TYPE_APICAL;
      else if (has_flag (&rd, top, "Axon"))
        type = SL_TYPE_AXON;

      if (type >= 0)
        {
          if (!walk_tree (&rd, t, type, error))
            return NULL;
          n_trees++;
          continue;
        }

      /* Not a tree: a contour (a name string first) or a marker/header. */
      {
        const Node *first = top->first_child >= 0 ? node_at (&rd, top->first_child) : NULL;
        gboolean has_points = FALSE;

        for (int c = top->first_child; c >= 0 && !has_points; c = node_at (&rd, c)->next)
          {
            double xyzd[4];
            g_autoptr(GError) ignore = NULL;

            has_points = read_point (&rd, node_at (&rd, c), xyzd, &ignore) != 0;
          }
        if (!has_points)
          continue;
        if (first != NULL && first->kind == NODE_STRING)
          {
            if (n_ignored < 8)
              g_string_append_printf (ignored, "%s\"%.*s\"", n_ignored ? ", " : "",
                                      MIN (first->text_len, 40), first->text);
            n_ignored++;
          }
        else
          n_markers++;
      }
    }

  if (points->len == 0)
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_INVALID,
                   "%s: no points (no CellBody contour and no Dendrite, Apical or Axon tree)",
                   rd.name);
      return NULL;
    }

  self = sl_morphology_new (rd.name);
  self->format = SL_FORMAT_ASC;
  self->n_points = points->len;
  self->points = (SlPoint *) g_array_free (g_steal_pointer (&points), FALSE);
  if (outline->len > 0)
    {
      self->soma_kind = SL_SOMA_CONTOUR;
      self->n_soma_outline = outline->len / 3;
      self->soma_outline = (double *) g_array_free (g_steal_pointer (&outline), FALSE);
    }
  if (n_soma_contours > 1)
    _sl_morphology_warn (self, "%d CellBody contours merged into one soma", n_soma_contours);
  if (n_ignored > 0)
    _sl_morphology_warn (self, "%d contour%s other than the soma ignored: %s%s",
                         n_ignored, n_ignored == 1 ? "" : "s", ignored->str,
                         n_ignored > 8 ? ", …" : "");
  if (n_markers > 0)
    _sl_morphology_warn (self, "%d top-level marker%s ignored", n_markers, n_markers == 1 ? "" : "s");
  if (n_trees == 0)
    _sl_morphology_warn (self, "no Dendrite, Apical or Axon tree: the file holds only a soma");

  if (!sl_morphology_finish (self, error))
    return NULL;
  return g_steal_pointer (&self);
}
