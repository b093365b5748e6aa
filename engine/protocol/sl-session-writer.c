/* sl-session-writer.c: writing .spinelab session files.
 *
 * The writer emits exactly what the reader reads back to an equal spec:
 * numbers with the shortest of %.15g / %.17g that round-trips, spine and
 * group overrides as differences from the spine defaults, and every list
 * (mechanisms, rules) in full so that the reader's defaults never leak in.
 * A spec that does not validate is not written. */
#include "sl-session.h"

#include <string.h>

#include "sl-atomic-file.h"
#include "sl-session-private.h"
#include "sl-spec-private.h"

/* ------------------------------------------------------------------ */
/* Text. */

static void
append_escaped (GString    *out,
                const char *s,
                gboolean    attribute)
{
  for (; *s; s++)
    {
      switch (*s)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"':
          g_string_append (out, attribute ? "&quot;" : "\"");
          break;
        /* Attribute values normalise whitespace and text normalises CR,
         * so these go as character references to come back unchanged. */
        case '\t': g_string_append (out, attribute ? "&#9;" : "\t"); break;
        case '\n': g_string_append (out, attribute ? "&#10;" : "\n"); break;
        case '\r': g_string_append (out, "&#13;"); break;
        default: g_string_append_c (out, *s); break;
        }
    }
}

/* Free texts may hold tabs and newlines but nothing XML 1.0 cannot carry. */
static gboolean
check_text (const char  *what,
            const char  *s,
            GError     **error)
{
  if (s == NULL)
    return TRUE;
  if (!g_utf8_validate (s, -1, NULL))
    {
      g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_INVALID,
                   "%s is not valid UTF-8", what);
      return FALSE;
    }
  for (const char *p = s; *p; p++)
    if ((unsigned char) *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
      {
        g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_INVALID,
                     "%s contains control character 0x%02x", what, (unsigned) *p);
        return FALSE;
      }
  return TRUE;
}

static void
attr_s (GString    *out,
        const char *name,
        const char *value)
{
  if (value == NULL)
    return;
  g_string_append_printf (out, " %s=\"", name);
  append_escaped (out, value, TRUE);
  g_string_append_c (out, '"');
}

/* The shortest of %.15g and %.17g that reads back to the same double. */
static const char *
format_exact (char   buf[G_ASCII_DTOSTR_BUF_SIZE],
              double value)
{
  g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.15g", value);
  if (g_ascii_strtod (buf, NULL) != value)
    g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.17g", value);
  return buf;
}

static void
attr_d (GString    *out,
        const char *name,
        double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, " %s=\"%s\"", name, format_exact (buf, value));
}

static void
attr_d_nz (GString    *out,
           const char *name,
           double      value)
{
  if (value != 0)
    attr_d (out, name, value);
}

static void
attr_i (GString    *out,
        const char *name,
        gint64      value)
{
  g_string_append_printf (out, " %s=\"%" G_GINT64_FORMAT "\"", name, value);
}

static void
attr_u64 (GString    *out,
          const char *name,
          guint64     value)
{
  g_string_append_printf (out, " %s=\"%" G_GUINT64_FORMAT "\"", name, value);
}

/* The attributes of `fields` from the struct at `spec`: with `base`, those
 * that differ from it, else all but the zero ones of the _NZ kinds. */
static void
write_fields (GString       *out,
              const SlField *fields,
              const void    *spec,
              const void    *base)
{
  for (const SlField *f = fields; f->name != NULL; f++)
    {
      const void *p = (const char *) spec + f->offset;
      const void *q = base != NULL ? (const char *) base + f->offset : NULL;

      switch (f->kind)
        {
        case SL_FIELD_DOUBLE:
        case SL_FIELD_DOUBLE_NZ:
          {
            double v = *(const double *) p;

            if (q != NULL ? v != *(const double *) q : f->kind == SL_FIELD_DOUBLE || v != 0)
              attr_d (out, f->name, v);
          }
          break;
        case SL_FIELD_INT:
        case SL_FIELD_INT_NZ:
        case SL_FIELD_MG_BLOCK:
          {
            int v = *(const int *) p;

            if (q != NULL ? v == *(const int *) q : f->kind == SL_FIELD_INT_NZ && v == 0)
              break;
            if (f->kind == SL_FIELD_MG_BLOCK)
              attr_s (out, f->name, _sl_mg_block_to_string (v));
            else
              attr_i (out, f->name, v);
          }
          break;
        case SL_FIELD_SEED_NZ:
          {
            guint64 v = *(const guint64 *) p;

            if (q != NULL ? v != *(const guint64 *) q : v != 0)
              attr_u64 (out, f->name, v);
          }
          break;
        case SL_FIELD_BOOL:
          {
            gboolean v = *(const gboolean *) p;

            if (q == NULL || !v != !*(const gboolean *) q)
              attr_s (out, f->name, v ? "true" : "false");
          }
          break;
        }
    }
}

static void
indent (GString *out,
        int      level)
{
  for (int i = 0; i < level; i++)
    g_string_append (out, "  ");
}

static void
text_element (GString    *out,
              int         level,
              const char *name,
              const char *text)
{
  if (text == NULL)
    return;
  indent (out, level);
  g_string_append_printf (out, "<%s>", name);
  append_escaped (out, text, FALSE);
  g_string_append_printf (out, "</%s>\n", name);
}

/* ------------------------------------------------------------------ */
/* Paths. */

/* `target` relative to the directory `base` when that takes at most three
 * "..", else `target` itself.  Both absolute and canonical. */
static char *
relative_path (const char *target,
               const char *base)
{
  g_auto (GStrv) t = NULL;
  g_auto (GStrv) b = NULL;
  g_autoptr (GString) rel = g_string_new (NULL);
  guint nt, nb, common = 0, ups;

  if (base == NULL || !g_path_is_absolute (target) || !g_path_is_absolute (base))
    return g_strdup (target);

  t = g_strsplit (target + 1, G_DIR_SEPARATOR_S, -1);
  b = g_strsplit (strcmp (base, G_DIR_SEPARATOR_S) == 0 ? "" : base + 1, G_DIR_SEPARATOR_S, -1);
  nt = g_strv_length (t);
  nb = b[0] != NULL && b[0][0] == '\0' ? 0 : g_strv_length (b);
  while (common < nb && common + 1 < nt && strcmp (t[common], b[common]) == 0)
    common++;
  ups = nb - common;
  if (ups > 3)
    return g_strdup (target);
  for (guint i = 0; i < ups; i++)
    g_string_append (rel, ".." G_DIR_SEPARATOR_S);
  for (guint i = common; i < nt; i++)
    {
      g_string_append (rel, t[i]);
      if (i + 1 < nt)
        g_string_append (rel, G_DIR_SEPARATOR_S);
    }
  return g_string_free (g_steal_pointer (&rel), FALSE);
}

/* ------------------------------------------------------------------ */
/* Model. */

/* <element …/> with the attributes of `fields`: all, or (with base) those
 * that differ from base; nothing when no attribute is left. */
static void
write_fields_element (GString       *out,
                      int            level,
                      const char    *element,
                      const SlField *fields,
                      const void    *spec,
                      const void    *base)
{
  g_autoptr (GString) attrs = g_string_new (NULL);

  write_fields (attrs, fields, spec, base);
  if (attrs->len == 0)
    return;
  indent (out, level);
  g_string_append_printf (out, "<%s%s/>\n", element, attrs->str);
}

/* <group …> or <spine …> with the overrides as children. */
static void
write_spine_like (GString               *out,
                  const char            *element,
                  const char            *attrs,
                  const SlSpineGeometry *g,
                  const SlSynapseSpec   *s,
                  const SlModelSpec     *model)
{
  g_autoptr (GString) children = g_string_new (NULL);

  write_fields_element (children, 4, "geometry", _sl_geometry_fields, g, &model->default_geometry);
  write_fields_element (children, 4, "synapse", _sl_synapse_fields, s, &model->default_synapse);
  if (children->len == 0)
    g_string_append_printf (out, "      <%s%s/>\n", element, attrs);
  else
    g_string_append_printf (out, "      <%s%s>\n%s      </%s>\n",
                            element, attrs, children->str, element);
}

static void
write_model (GString           *out,
             const SlModelSpec *m,
             const char        *base_dir)
{
  g_string_append (out, "  <model");
  attr_s (out, "name", m->name);
  attr_u64 (out, "seed", m->seed);
  g_string_append (out, ">\n");

  g_string_append (out, "    <morphology");
  if (g_str_has_prefix (m->morphology, "bundled:"))
    attr_s (out, "bundled", m->morphology + strlen ("bundled:"));
  else
    {
      g_autofree char *rel = relative_path (m->morphology, base_dir);

      attr_s (out, "file", rel);
    }
  g_string_append (out, "/>\n");

  g_string_append (out, "    <discretisation");
  write_fields (out, _sl_discretisation_fields, m, NULL);
  g_string_append (out, "/>\n    <environment");
  write_fields (out, _sl_environment_fields, m, NULL);
  g_string_append (out, "/>\n");

  g_string_append (out, "    <mechanisms>\n");
  for (guint i = 0; i < m->mechanisms->len; i++)
    {
      const SlMechanismSpec *x = &g_array_index (m->mechanisms, SlMechanismSpec, i);

      g_string_append (out, "      <mechanism");
      attr_s (out, "region", x->region);
      attr_s (out, "name", x->mechanism);
      attr_s (out, "param", x->param);
      if (x->value.kind != SL_PROFILE_CONSTANT)
        attr_s (out, "profile", _sl_profile_kind_to_string (x->value.kind));
      if (x->param != NULL)
        attr_d (out, "value", x->value.value);
      else
        attr_d_nz (out, "value", x->value.value);
      write_fields (out, _sl_profile_shape_fields, &x->value, NULL);
      g_string_append (out, "/>\n");
    }
  g_string_append (out, "    </mechanisms>\n");

  g_string_append (out, "    <spine-defaults>\n");
  write_fields_element (out, 3, "geometry", _sl_geometry_fields, &m->default_geometry, NULL);
  write_fields_element (out, 3, "synapse", _sl_synapse_fields, &m->default_synapse, NULL);
  g_string_append (out, "    </spine-defaults>\n");

  if (m->spine_groups->len + m->spines->len > 0)
    {
      g_string_append (out, "    <spines>\n");
      for (guint i = 0; i < m->spine_groups->len; i++)
        {
          const SlSpineGroupSpec *g = &g_array_index (m->spine_groups, SlSpineGroupSpec, i);
          g_autoptr (GString) attrs = g_string_new (NULL);

          attr_s (attrs, "region", g->region);
          attr_d (attrs, "density", g->density);
          attr_u64 (attrs, "seed", g->seed);
          write_spine_like (out, "group", attrs->str, &g->geometry, &g->synapse, m);
        }
      for (guint i = 0; i < m->spines->len; i++)
        {
          const SlSpineSpec *s = &g_array_index (m->spines, SlSpineSpec, i);
          g_autoptr (GString) attrs = g_string_new (NULL);

          attr_s (attrs, "id", s->id);
          attr_s (attrs, "location", s->location);
          write_spine_like (out, "spine", attrs->str, &s->geometry, &s->synapse, m);
        }
      for (guint i = 0; m->excluded_spines != NULL && i < m->excluded_spines->len; i++)
        {
          g_autoptr (GString) attrs = g_string_new (NULL);

          attr_s (attrs, "id", g_ptr_array_index (m->excluded_spines, i));
          g_string_append_printf (out, "      <exclude%s/>\n", attrs->str);
        }
      g_string_append (out, "    </spines>\n");
    }

  g_string_append (out, "    <rules>\n");
  for (guint i = 0; i < m->rules->len; i++)
    {
      const SlRuleAssignment *r = &g_array_index (m->rules, SlRuleAssignment, i);
      guint np = r->params ? r->params->len : 0;

      g_string_append (out, "      <rule");
      attr_s (out, "target", r->target);
      attr_s (out, "name", r->rule);
      attr_s (out, "preset", r->preset);
      if (np == 0)
        {
          g_string_append (out, "/>\n");
          continue;
        }
      g_string_append (out, ">\n");
      for (guint j = 0; j < np; j++)
        {
          const SlParamValue *p = &g_array_index (r->params, SlParamValue, j);

          g_string_append (out, "        <param");
          attr_s (out, "name", p->name);
          attr_d (out, "value", p->value);
          g_string_append (out, "/>\n");
        }
      g_string_append (out, "      </rule>\n");
    }
  g_string_append (out, "    </rules>\n");

  g_string_append (out, "    <calcium");
  write_fields (out, _sl_calcium_fields, &m->calcium, NULL);
  g_string_append (out, "/>\n  </model>\n");
}

/* ------------------------------------------------------------------ */
/* Protocol. */

/* Every field of the train table is written only when not 0. */
static gboolean
train_is_zero (const SlTrainSpec *t)
{
  SlTrainSpec zero = { 0 };
  g_autoptr (GString) attrs = g_string_new (NULL);

  write_fields (attrs, _sl_train_fields, t, NULL);
  return t->kind == zero.kind && attrs->len == 0 &&
         (t->segments == NULL || t->segments->len == 0) &&
         (t->times == NULL || t->times->len == 0);
}

static void
write_train (GString           *out,
             const SlTrainSpec *t)
{
  guint nseg = t->segments ? t->segments->len : 0;
  guint ntimes = t->times ? t->times->len : 0;

  g_string_append (out, "      <train");
  attr_s (out, "kind", _sl_train_kind_to_string (t->kind));
  write_fields (out, _sl_train_fields, t, NULL);
  if (nseg == 0 && ntimes == 0)
    {
      g_string_append (out, "/>\n");
      return;
    }
  g_string_append (out, ">\n");
  for (guint i = 0; i < nseg; i++)
    {
      const SlRateSegment *s = &g_array_index (t->segments, SlRateSegment, i);

      g_string_append (out, "        <segment");
      attr_d (out, "duration", s->duration);
      attr_d (out, "rate", s->rate);
      g_string_append (out, "/>\n");
    }
  if (ntimes > 0)
    {
      g_autoptr (GString) list = g_string_new (NULL);

      for (guint i = 0; i < ntimes; i++)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append (list, format_exact (buf, g_array_index (t->times, double, i)));
          if (i + 1 < ntimes)
            g_string_append_c (list, ' ');
        }
      text_element (out, 4, "times", list->str);
    }
  g_string_append (out, "      </train>\n");
}

static void
write_protocol (GString              *out,
                const SlProtocolSpec *p)
{
  g_string_append (out, "  <protocol");
  write_fields (out, _sl_protocol_fields, p, NULL);
  if (p->stimuli->len + p->recordings->len == 0)
    {
      g_string_append (out, "/>\n");
      return;
    }
  g_string_append (out, ">\n");

  for (guint i = 0; i < p->stimuli->len; i++)
    {
      const SlStimulusSpec *s = &g_array_index (p->stimuli, SlStimulusSpec, i);
      gboolean uses_train = s->kind != SL_STIM_ICLAMP_STEP;
      gboolean has_targets = s->targets != NULL && s->targets[0] != NULL;

      g_string_append (out, "    <stimulus");
      attr_s (out, "name", s->name);
      attr_s (out, "kind", _sl_stimulus_kind_to_string (s->kind));
      attr_s (out, "target", s->target);
      write_fields (out, _sl_stimulus_amount_fields, s, NULL);
      attr_s (out, "post_target", s->post_target);
      if (!has_targets && !uses_train && train_is_zero (&s->train))
        {
          g_string_append (out, "/>\n");
          continue;
        }
      g_string_append (out, ">\n");
      for (guint j = 0; has_targets && s->targets[j] != NULL; j++)
        {
          g_string_append (out, "      <target");
          attr_s (out, "location", s->targets[j]);
          g_string_append (out, "/>\n");
        }
      if (uses_train || !train_is_zero (&s->train))
        write_train (out, &s->train);
      g_string_append (out, "    </stimulus>\n");
    }
  for (guint i = 0; i < p->recordings->len; i++)
    {
      const SlRecordingSpec *r = &g_array_index (p->recordings, SlRecordingSpec, i);

      g_string_append (out, "    <recording");
      attr_s (out, "name", r->name);
      attr_s (out, "variable", r->variable);
      attr_s (out, "location", r->location);
      g_string_append (out, "/>\n");
    }
  g_string_append (out, "  </protocol>\n");
}

/* ------------------------------------------------------------------ */
/* Public. */

char *
sl_session_to_data (const SlSession  *self,
                    const char       *base_dir,
                    gsize            *length,
                    GError          **error)
{
  g_autoptr (GString) out = NULL;
  GError *local = NULL;

  g_return_val_if_fail (self != NULL && self->model != NULL && self->protocol != NULL, NULL);

  if (!sl_model_spec_validate (self->model, &local) ||
      !sl_protocol_spec_validate (self->protocol, &local))
    {
      g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_INVALID,
                   "not saved: %s", local->message);
      g_error_free (local);
      return NULL;
    }
  if (self->model->morphology == NULL)
    {
      g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_INVALID,
                   "not saved: the session has no morphology");
      return NULL;
    }
  if (!check_text ("model name", self->model->name, error) ||
      !check_text ("morphology path", self->model->morphology, error) ||
      !check_text ("lesson title", self->title, error) ||
      !check_text ("lesson text", self->text, error) ||
      !check_text ("lesson expected outcome", self->expected, error) ||
      !check_text ("view", self->view, error))
    return NULL;

  out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append_printf (out, "<spinelab-session version=\"%d\">\n", SL_SESSION_FORMAT_VERSION);
  if (self->title || self->text || self->expected)
    {
      g_string_append (out, "  <lesson>\n");
      text_element (out, 2, "title", self->title);
      text_element (out, 2, "text", self->text);
      text_element (out, 2, "expected", self->expected);
      g_string_append (out, "  </lesson>\n");
    }
  write_model (out, self->model, base_dir);
  write_protocol (out, self->protocol);
  text_element (out, 1, "view", self->view);
  g_string_append (out, "</spinelab-session>\n");

  if (length != NULL)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
sl_session_save (const SlSession  *self,
                 const char       *path,
                 GError          **error)
{
  g_autofree char *abs = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  g_autoptr (GError) local = NULL;
  gsize length = 0;

  g_return_val_if_fail (self != NULL && path != NULL, FALSE);

  abs = g_canonicalize_filename (path, NULL);
  dir = g_path_get_dirname (abs);
  data = sl_session_to_data (self, dir, &length, error);
  if (data == NULL)
    return FALSE;

  /* One fixed, locked temporary in the same directory, fsync, rename over
   * the old one; on any failure the temporary is removed and the old file
   * is left as it was, and a kill mid-write leaves one temporary at most. */
  if (!sl_atomic_file_write (abs, data, length, 0666, &local))
    {
      g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO,
                   "cannot save session: %s", local->message);
      return FALSE;
    }
  return TRUE;
}
