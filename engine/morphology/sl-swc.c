/* sl-swc.c: the SWC reader, with the NeuroMorpho.org conventions.
 *
 * A row is "id type x y z radius parent" (spaces, tabs or commas).  '#'
 * starts a comment anywhere on a line; blank lines, CRLF and CR endings
 * and a UTF-8 byte order mark are accepted.  Ids may come in any order,
 * start at 0 and have gaps; a parent may be listed after its child.  The
 * points are re-sorted depth-first from the roots so that every parent
 * precedes its children.  Every loop is iterative: a 10^6-point unbranched
 * tree cannot overflow the stack.
 */
#include <math.h>
#include <string.h>

#include "sl-morphology-private.h"

#define MAX_TOKEN 64

typedef struct
{
  int    id, type, parent;
  double x, y, z, r;
  int    line;
} SwcRow;

static const char *const field_names[] = { "id", "type", "x", "y", "z", "radius", "parent" };

static gboolean
parse_number (const char  *tok,
              int          field,
              gboolean     integer,
              double      *out,
              const char  *name,
              int          line,
              GError     **error)
{
  char *end = NULL;
  double v;

  v = g_ascii_strtod (tok, &end);
  if (end == tok || *end != '\0')
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_PARSE,
                   "%s:%d: field %d (%s) is not a number: '%s'",
                   name, line, field + 1, field_names[field], tok);
      return FALSE;
    }
  if (!isfinite (v))
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_INVALID,
                   "%s:%d: field %d (%s) is not finite: '%s'",
                   name, line, field + 1, field_names[field], tok);
      return FALSE;
    }
  if (integer && (v != floor (v) || fabs (v) > G_MAXINT / 2))
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_PARSE,
                   "%s:%d: field %d (%s) is not an integer in range: '%s'",
                   name, line, field + 1, field_names[field], tok);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

static inline gboolean
is_separator (char c)
{
  return c == ' ' || c == '\t' || c == ',' || c == '\v' || c == '\f';
}

/* Parses one line (without its end-of-line).  Returns FALSE on error;
 * *got_row tells whether the line held a row. */
static gboolean
parse_line (const char  *s,
            gsize        len,
            int          line,
            const char  *name,
            SwcRow      *row,
            gboolean    *got_row,
            int         *extra_fields,
            GError     **error)
{
  double v[7];
  int n_fields = 0;
  gsize i = 0;

  *got_row = FALSE;
  for (gsize k = 0; k < len; k++)
    if (s[k] == '#')
      {
        len = k;
        break;
      }

  while (i < len)
    {
      char tok[MAX_TOKEN + 1];
      gsize start;

      while (i < len && is_separator (s[i]))
        i++;
      if (i >= len)
        break;
      start = i;
      while (i < len && !is_separator (s[i]))
        i++;
      if (memchr (s + start, '\0', i - start) != NULL)
        {
          g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_PARSE,
                       "%s:%d: NUL byte in field %d: not a text file", name, line, n_fields + 1);
          return FALSE;
        }
      if (i - start > MAX_TOKEN)
        {
          g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_PARSE,
                       "%s:%d: field %d is too long to be a number", name, line, n_fields + 1);
          return FALSE;
        }
      memcpy (tok, s + start, i - start);
      tok[i - start] = '\0';
      if (n_fields < 7)
        {
          if (!parse_number (tok, n_fields, n_fields <= 1 || n_fields == 6,
                             &v[n_fields], name, line, error))
            return FALSE;
        }
      else
        (*extra_fields)++;
      n_fields++;
    }

  if (n_fields == 0)
    return TRUE;
  if (n_fields < 7)
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_PARSE,
                   "%s:%d: short row: %d field%s, expected 7 (id type x y z radius parent)",
                   name, line, n_fields, n_fields == 1 ? "" : "s");
      return FALSE;
    }

  row->id = (int) v[0];
  row->type = (int) v[1];
  row->x = v[2];
  row->y = v[3];
  row->z = v[4];
  row->r = v[5];
  row->parent = v[6] < 0 ? -1 : (int) v[6];
  row->line = line;

  if (row->id < 0)
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_INVALID,
                   "%s:%d: negative id %d", name, line, row->id);
      return FALSE;
    }
  if (row->type < 0)
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_INVALID,
                   "%s:%d: negative type %d", name, line, row->type);
      return FALSE;
    }
  if (row->r < 0)
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_INVALID,
                   "%s:%d: negative radius %g", name, line, row->r);
      return FALSE;
    }
  if (row->parent == row->id)
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_INVALID,
                   "%s:%d: point %d is its own parent", name, line, row->id);
      return FALSE;
    }
  *got_row = TRUE;
  return TRUE;
}

/* Depth-first order from the roots, children in file order.  Returns the
 * rows in that order; a row left unvisited lies on a parent cycle. */
static int *
sort_parent_first (const SwcRow *rows,
                   int           n,
                   const int    *parent_row,
                   int          *n_visited)
{
  gsize size = (gsize) CLAMP (n, 1, SL_MORPHOLOGY_MAX_POINTS);
  g_autofree int *first = g_new0 (int, size + 1);
  g_autofree int *child = g_new (int, size);
  g_autofree int *fill = NULL;
  g_autofree int *stack = g_new (int, size);
  int *order = g_new (int, size);
  int top = 0, m = 0;

  for (int i = 0; i < n; i++)
    if (parent_row[i] >= 0)
      first[parent_row[i] + 1]++;
  for (int i = 0; i < n; i++)
    first[i + 1] += first[i];
  fill = g_memdup2 (first, sizeof (int) * (size + 1));
  for (int i = 0; i < n; i++)
    if (parent_row[i] >= 0)
      child[fill[parent_row[i]]++] = i;

  for (int root = 0; root < n; root++)
    {
      if (parent_row[root] >= 0)
        continue;
      stack[top++] = root;
      while (top > 0)
        {
          int c = stack[--top];

          order[m++] = c;
          /* Reverse push keeps file order among siblings; each row is
           * pushed once (one parent), so the stack never exceeds n. */
          for (int k = first[c + 1] - 1; k >= first[c]; k--)
            stack[top++] = child[k];
        }
    }
  *n_visited = m;
  return order;
}

SlMorphology *
sl_morphology_new_from_swc_data (const char  *data,
                                 gsize        len,
                                 const char  *name,
                                 GError     **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(SlMorphology) self = NULL;
  g_autofree int *parent_row = NULL;
  g_autofree int *order = NULL;
  g_autofree int *new_index = NULL;
  g_autoptr(GArray) detached = g_array_new (FALSE, FALSE, sizeof (int));
  gsize pos = 0;
  int line = 0, extra_fields = 0, n, n_visited;
  gboolean blank = TRUE;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  if (name == NULL)
    name = "SWC";

  {
    /* One row per line at most: size the array once. */
    gsize lines = 1;

    for (const char *q = data; q != NULL && (gsize) (q - data) < len;
         q = memchr (q + 1, '\n', len - (q - data) - 1))
      lines++;
    rows = g_array_sized_new (FALSE, FALSE, sizeof (SwcRow),
                              (guint) MIN (lines, (gsize) SL_MORPHOLOGY_MAX_POINTS));
  }
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    pos = 3;

  while (pos < len)
    {
      gsize start = pos, end;
      SwcRow row;
      gboolean got_row;

      while (pos < len && data[pos] != '\n' && data[pos] != '\r')
        pos++;
      end = pos;
      if (pos < len && data[pos] == '\r')
        pos++;
      if (pos < len && data[pos] == '\n' && (pos == end || data[pos - 1] == '\r'))
        pos++;
      line++;

      for (gsize k = start; k < end && blank; k++)
        if (!g_ascii_isspace (data[k]))
          blank = FALSE;

      /* SpineLab's own writer lists points joined without cable (see
       * sl-morphology-writer.c); for any other program it is a comment. */
      if (end - start > 20 && memcmp (data + start, "# spinelab-detached:", 20) == 0)
        {
          g_autofree char *ids = g_strndup (data + start + 20, end - start - 20);
          g_auto(GStrv) tokens = g_strsplit_set (ids, " \t", -1);

          for (int k = 0; tokens[k] != NULL; k++)
            {
              gint64 v;

              if (tokens[k][0] != '\0' &&
                  g_ascii_string_to_signed (tokens[k], 10, 0, G_MAXINT, &v, NULL))
                {
                  int id = (int) v;
                  g_array_append_val (detached, id);
                }
            }
          continue;
        }

      if (!parse_line (data + start, end - start, line, name, &row, &got_row,
                       &extra_fields, error))
        return NULL;
      if (!got_row)
        continue;
      if (rows->len >= SL_MORPHOLOGY_MAX_POINTS)
        {
          g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_NO_MEMORY,
                       "%s:%d: more than %d points", name, line, SL_MORPHOLOGY_MAX_POINTS);
          return NULL;
        }
      g_array_append_val (rows, row);
    }

  if (blank)
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_IO,
                   "%s: empty file", name);
      return NULL;
    }
  n = rows->len;
  if (n == 0)
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_INVALID,
                   "%s:%d: no points (only comments or blank lines)", name, line);
      return NULL;
    }

  /* Ids are mapped to row + 1 so that row 0 is not a NULL value. */
  by_id = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (int i = 0; i < n; i++)
    {
      const SwcRow *r = &g_array_index (rows, SwcRow, i);
      gpointer prev = g_hash_table_lookup (by_id, GINT_TO_POINTER (r->id));

      if (prev != NULL)
        {
          g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_INVALID,
                       "%s:%d: duplicate id %d (first on line %d)", name, r->line, r->id,
                       g_array_index (rows, SwcRow, GPOINTER_TO_INT (prev) - 1).line);
          return NULL;
        }
      g_hash_table_insert (by_id, GINT_TO_POINTER (r->id), GINT_TO_POINTER (i + 1));
    }

  parent_row = g_new (int, rows->len);
  for (int i = 0; i < n; i++)
    {
      const SwcRow *r = &g_array_index (rows, SwcRow, i);

      parent_row[i] = -1;
      if (r->parent < 0)
        continue;
      parent_row[i] = GPOINTER_TO_INT (g_hash_table_lookup (by_id, GINT_TO_POINTER (r->parent))) - 1;
      if (parent_row[i] < 0)
        {
          g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_INVALID,
                       "%s:%d: parent %d of point %d does not exist", name, r->line,
                       r->parent, r->id);
          return NULL;
        }
    }

  order = sort_parent_first ((const SwcRow *) rows->data, n, parent_row, &n_visited);
  if (n_visited < n)
    {
      g_autofree guint8 *seen = g_new0 (guint8, rows->len);

      for (int k = 0; k < n_visited; k++)
        seen[order[k]] = 1;
      for (int i = 0; i < n; i++)
        if (!seen[i])
          {
            const SwcRow *r = &g_array_index (rows, SwcRow, i);

            g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_INVALID,
                         "%s:%d: point %d is on a parent cycle (it never reaches a root)",
                         name, r->line, r->id);
            return NULL;
          }
    }

  self = sl_morphology_new (name);
  self->format = SL_FORMAT_SWC;
  self->points = g_new0 (SlPoint, rows->len);
  self->n_points = n;
  new_index = g_new (int, rows->len);
  for (int k = 0; k < n; k++)
    new_index[order[k]] = k;
  for (int k = 0; k < n; k++)
    {
      const SwcRow *r = &g_array_index (rows, SwcRow, order[k]);
      SlPoint *p = &self->points[k];

      p->x = r->x;
      p->y = r->y;
      p->z = r->z;
      p->r = r->r;
      p->type = r->type;
      p->id = r->id;
      p->parent = parent_row[order[k]] >= 0 ? new_index[parent_row[order[k]]] : -1;
    }

  for (guint k = 0; k < detached->len; k++)
    {
      int row = GPOINTER_TO_INT (g_hash_table_lookup (by_id,
                                   GINT_TO_POINTER (g_array_index (detached, int, k)))) - 1;

      if (row >= 0 && self->points[new_index[row]].parent >= 0)
        self->points[new_index[row]].flags |= SL_POINT_DETACHED;
    }

  if (extra_fields > 0)
    _sl_morphology_warn (self, "%d extra field%s after the 7 SWC columns ignored",
                         extra_fields, extra_fields == 1 ? "" : "s");

  if (!sl_morphology_finish (self, error))
    return NULL;
  return g_steal_pointer (&self);
}
