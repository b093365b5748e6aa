/* sl-session.c: reading .spinelab session files (docs/session-format.md).
 *
 * libxml2 parses without network access and without entity substitution
 * or DTD loading; a DOCTYPE is refused before libxml2 sees the text, so
 * neither external entities (XXE) nor entity expansion ("billion laughs")
 * can reach the parser.  Every element and attribute is checked against
 * the schema; values are checked element by element so that an error can
 * name its line. */
#include "sl-session-private.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "sl-generator.h"
#include "sl-spec-private.h"

G_DEFINE_QUARK (sl-session-error-quark, sl_session_error)

#define SL_SESSION_MAX_BYTES (64u << 20)

/* ------------------------------------------------------------------ */
/* Model. */

/* <geometry> and <synapse> children override the given values. */
static gboolean
read_spine_children (SlSessionReader  *r,
                     xmlNode          *node,
                     SlSpineGeometry  *g,
                     SlSynapseSpec    *s,
                     GError          **error)
{
  static const char * const children[] = { "geometry", "synapse", NULL };
  gboolean seen_g = FALSE, seen_s = FALSE;

  if (!_sl_xml_check_children (r, node, children, FALSE, error))
    return FALSE;
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (_sl_xml_is (c, "geometry") &&
          (!_sl_xml_once (r, c, &seen_g, error) || !_sl_xml_fields_element (r, c, _sl_geometry_fields, g, error)))
        return FALSE;
      if (_sl_xml_is (c, "synapse") &&
          (!_sl_xml_once (r, c, &seen_s, error) || !_sl_xml_fields_element (r, c, _sl_synapse_fields, s, error)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_morphology (SlSessionReader  *r,
                 xmlNode          *node,
                 GError          **error)
{
  static const char * const attrs[] = { "file", "bundled", NULL };
  SlModelSpec *model = r->session->model;
  g_autofree char *file = _sl_xml_get_attr (node, "file");
  g_autofree char *bundled = _sl_xml_get_attr (node, "bundled");

  if (!_sl_xml_check_attrs (r, node, attrs, error) || !_sl_xml_check_children (r, node, NULL, FALSE, error))
    return FALSE;
  if ((file == NULL) == (bundled == NULL))
    {
      _sl_xml_error (r, node, error, SL_SESSION_ERROR_INVALID,
                  "give exactly one of the attributes 'file' and 'bundled'");
      return FALSE;
    }
  g_free (model->morphology);
  model->morphology = NULL;
  if (bundled != NULL)
    {
      if (bundled[0] == '\0')
        {
          _sl_xml_error (r, node, error, SL_SESSION_ERROR_INVALID, "attribute 'bundled' is empty");
          return FALSE;
        }
      model->morphology = g_strconcat ("bundled:", bundled, NULL);
      return TRUE;
    }
  if (file[0] == '\0')
    {
      _sl_xml_error (r, node, error, SL_SESSION_ERROR_INVALID, "attribute 'file' is empty");
      return FALSE;
    }
  model->morphology = g_canonicalize_filename (file, r->base_dir);
  if (!(r->flags & SL_SESSION_LOAD_ALLOW_MISSING_MORPHOLOGY) &&
      !g_file_test (model->morphology, G_FILE_TEST_IS_REGULAR))
    {
      _sl_xml_error (r, node, error, SL_SESSION_ERROR_MORPHOLOGY,
                  "morphology file '%s' not found (looked for %s)", file, model->morphology);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_mechanism (SlSessionReader  *r,
                xmlNode          *node,
                GArray           *mechanisms,
                GError          **error)
{
  static const char * const attrs[] = {
    "region", "name", "param", "profile", "value", "value_far", "slope", "floor",
    "d_mid", "width", "d_min", "d_max", NULL
  };
  SlMechanismSpec m = { 0 };
  GError *local = NULL;
  int kind = SL_PROFILE_CONSTANT;
  gboolean ok;

  ok = _sl_xml_check_attrs (r, node, attrs, error) &&
       _sl_xml_check_children (r, node, NULL, FALSE, error) &&
       _sl_xml_string (r, node, "region", TRUE, &m.region, error) &&
       _sl_xml_string (r, node, "name", TRUE, &m.mechanism, error) &&
       _sl_xml_string (r, node, "param", FALSE, &m.param, error) &&
       _sl_xml_enum (r, node, "profile", FALSE, _sl_profile_kind_from_string,
                  "constant, linear, sigmoid or window", &kind, error) &&
       _sl_xml_double (r, node, "value", m.param != NULL, &m.value.value, error) &&
       _sl_xml_fields (r, node, _sl_profile_shape_fields, &m.value, error);
  m.value.kind = kind;
  if (ok && !_sl_mechanism_spec_validate (&m, &local))
    ok = _sl_xml_spec_error (r, node, local, error);
  if (!ok)
    {
      _sl_mechanism_spec_clear (&m);
      return FALSE;
    }
  g_array_append_val (mechanisms, m);
  return TRUE;
}

static gboolean
read_spines (SlSessionReader  *r,
             xmlNode          *node,
             GHashTable       *ids,
             GError          **error)
{
  static const char * const children[] = { "group", "spine", "exclude", NULL };
  static const char * const group_attrs[] = { "region", "density", "seed", NULL };
  static const char * const spine_attrs[] = { "id", "location", NULL };
  static const char * const exclude_attrs[] = { "id", NULL };
  SlModelSpec *model = r->session->model;

  if (!_sl_xml_check_attrs (r, node, NULL, error) || !_sl_xml_check_children (r, node, children, FALSE, error))
    return FALSE;

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      GError *local = NULL;
      gboolean ok;

      if (_sl_xml_is (c, "group"))
        {
          SlSpineGroupSpec g = { 0 };

          g.seed = model->seed;
          g.geometry = model->default_geometry;
          g.synapse = model->default_synapse;
          ok = _sl_xml_check_attrs (r, c, group_attrs, error) &&
               _sl_xml_string (r, c, "region", TRUE, &g.region, error) &&
               _sl_xml_double (r, c, "density", TRUE, &g.density, error) &&
               _sl_xml_seed (r, c, "seed", &g.seed, error) &&
               read_spine_children (r, c, &g.geometry, &g.synapse, error);
          if (ok && !_sl_spine_group_validate (&g, &local))
            ok = _sl_xml_spec_error (r, c, local, error);
          if (!ok)
            {
              _sl_spine_group_spec_clear (&g);
              return FALSE;
            }
          g_array_append_val (model->spine_groups, g);
        }
      else if (_sl_xml_is (c, "spine"))
        {
          SlSpineSpec s = { 0 };

          s.geometry = model->default_geometry;
          s.synapse = model->default_synapse;
          ok = _sl_xml_check_attrs (r, c, spine_attrs, error) &&
               _sl_xml_string (r, c, "id", TRUE, &s.id, error) &&
               _sl_xml_string (r, c, "location", TRUE, &s.location, error) &&
               read_spine_children (r, c, &s.geometry, &s.synapse, error);
          if (ok && !_sl_spine_spec_validate (&s, &local))
            ok = _sl_xml_spec_error (r, c, local, error);
          if (ok && g_hash_table_contains (ids, s.id))
            {
              _sl_xml_error (r, c, error, SL_SESSION_ERROR_INVALID, "spine id '%s' used twice", s.id);
              ok = FALSE;
            }
          if (!ok)
            {
              _sl_spine_spec_clear (&s);
              return FALSE;
            }
          g_hash_table_add (ids, g_strdup (s.id));
          g_array_append_val (model->spines, s);
        }
      else if (_sl_xml_is (c, "exclude"))
        {
          g_autofree char *id = NULL;
          guint group;

          if (!_sl_xml_check_attrs (r, c, exclude_attrs, error) ||
              !_sl_xml_string (r, c, "id", TRUE, &id, error))
            return FALSE;
          /* Groups come first in the file; an exclusion names one of them. */
          if (!_sl_density_spine_id_parse (id, &group, NULL) || group >= model->spine_groups->len)
            {
              _sl_xml_error (r, c, error, SL_SESSION_ERROR_INVALID,
                             "<exclude id=\"%s\">: not a spine of the groups above (g<group>-<k>, "
                             "%u group%s)", id, model->spine_groups->len,
                             model->spine_groups->len == 1 ? "" : "s");
              return FALSE;
            }
          if (sl_model_spec_spine_excluded (model, id))
            {
              _sl_xml_error (r, c, error, SL_SESSION_ERROR_INVALID, "spine '%s' excluded twice", id);
              return FALSE;
            }
          if (model->excluded_spines == NULL)
            model->excluded_spines = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (model->excluded_spines, g_steal_pointer (&id));
        }
    }
  return TRUE;
}

static gboolean
read_rule (SlSessionReader  *r,
           xmlNode          *node,
           GHashTable       *targets,
           GError          **error)
{
  static const char * const attrs[] = { "target", "name", "preset", NULL };
  static const char * const children[] = { "param", NULL };
  static const char * const param_attrs[] = { "name", "value", NULL };
  SlRuleAssignment a = { 0 };
  GError *local = NULL;
  gboolean ok;

  a.params = _sl_param_array_new ();
  ok = _sl_xml_check_attrs (r, node, attrs, error) &&
       _sl_xml_check_children (r, node, children, FALSE, error) &&
       _sl_xml_string (r, node, "target", TRUE, &a.target, error) &&
       _sl_xml_string (r, node, "name", TRUE, &a.rule, error) &&
       _sl_xml_string (r, node, "preset", FALSE, &a.preset, error);

  for (xmlNode *c = node->children; ok && c != NULL; c = c->next)
    {
      SlParamValue p = { 0 };

      if (!_sl_xml_is (c, "param"))
        continue;
      ok = _sl_xml_check_attrs (r, c, param_attrs, error) &&
           _sl_xml_check_children (r, c, NULL, FALSE, error) &&
           _sl_xml_string (r, c, "name", TRUE, &p.name, error) &&
           _sl_xml_double (r, c, "value", TRUE, &p.value, error);
      if (ok)
        g_array_append_val (a.params, p);
      else
        g_free (p.name);
    }
  if (ok && !_sl_rule_assignment_validate (&a, &local))
    ok = _sl_xml_spec_error (r, node, local, error);
  if (ok && g_hash_table_contains (targets, a.target))
    {
      _sl_xml_error (r, node, error, SL_SESSION_ERROR_INVALID,
                  "target '%s' already has a rule", a.target);
      ok = FALSE;
    }
  if (!ok)
    {
      _sl_rule_assignment_clear (&a);
      return FALSE;
    }
  g_hash_table_add (targets, g_strdup (a.target));
  g_array_append_val (r->session->model->rules, a);
  return TRUE;
}

static gboolean
read_calcium (SlSessionReader  *r,
              xmlNode          *node,
              GError          **error)
{
  SlCalciumSpec *c = &r->session->model->calcium;
  GError *local = NULL;

  if (!_sl_xml_fields_element (r, node, _sl_calcium_fields, c, error))
    return FALSE;
  if (!_sl_calcium_spec_validate (c, &local))
    return _sl_xml_spec_error (r, node, local, error);
  return TRUE;
}

static gboolean
read_model (SlSessionReader  *r,
            xmlNode          *node,
            GError          **error)
{
  static const char * const attrs[] = { "name", "seed", NULL };
  static const char * const children[] = {
    "morphology", "discretisation", "environment", "mechanisms", "spine-defaults",
    "spines", "rules", "calcium", NULL
  };
  SlModelSpec *model = r->session->model;
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean seen[G_N_ELEMENTS (children)] = { FALSE };

  if (!_sl_xml_check_attrs (r, node, attrs, error) ||
      !_sl_xml_check_children (r, node, children, FALSE, error) ||
      !_sl_xml_string (r, node, "name", FALSE, &model->name, error) ||
      !_sl_xml_seed (r, node, "seed", &model->seed, error))
    return FALSE;

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    for (guint i = 0; children[i] != NULL; i++)
      if (_sl_xml_is (c, children[i]) && !_sl_xml_once (r, c, &seen[i], error))
        return FALSE;
  if (!seen[0])
    {
      _sl_xml_error (r, node, error, SL_SESSION_ERROR_INVALID, "missing element <morphology>");
      return FALSE;
    }

  /* Spine defaults first: spines and groups start from them. */
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      GError *local = NULL;

      if (_sl_xml_is (c, "spine-defaults"))
        {
          if (!_sl_xml_check_attrs (r, c, NULL, error) ||
              !read_spine_children (r, c, &model->default_geometry, &model->default_synapse, error))
            return FALSE;
          if (!_sl_spine_geometry_validate (&model->default_geometry, "spine defaults", &local) ||
              !_sl_synapse_spec_validate (&model->default_synapse, "spine defaults", &local))
            return _sl_xml_spec_error (r, c, local, error);
        }
    }

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      GError *local = NULL;

      if (_sl_xml_is (c, "morphology") && !read_morphology (r, c, error))
        return FALSE;
      if (_sl_xml_is (c, "discretisation") &&
          !_sl_xml_fields_element (r, c, _sl_discretisation_fields, model, error))
        return FALSE;
      if (_sl_xml_is (c, "environment") &&
          !_sl_xml_fields_element (r, c, _sl_environment_fields, model, error))
        return FALSE;
      if ((_sl_xml_is (c, "discretisation") || _sl_xml_is (c, "environment")) &&
          !_sl_model_scalars_validate (model, &local))
        return _sl_xml_spec_error (r, c, local, error);

      if (_sl_xml_is (c, "mechanisms"))
        {
          static const char * const mech_children[] = { "mechanism", NULL };

          /* The file's list replaces the defaults. */
          g_array_set_size (model->mechanisms, 0);
          if (!_sl_xml_check_attrs (r, c, NULL, error) ||
              !_sl_xml_check_children (r, c, mech_children, FALSE, error))
            return FALSE;
          for (xmlNode *m = c->children; m != NULL; m = m->next)
            if (_sl_xml_is (m, "mechanism") && !read_mechanism (r, m, model->mechanisms, error))
              return FALSE;
        }
      if (_sl_xml_is (c, "spines") && !read_spines (r, c, ids, error))
        return FALSE;
      if (_sl_xml_is (c, "rules"))
        {
          static const char * const rule_children[] = { "rule", NULL };
          g_autoptr (GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

          g_array_set_size (model->rules, 0);
          if (!_sl_xml_check_attrs (r, c, NULL, error) ||
              !_sl_xml_check_children (r, c, rule_children, FALSE, error))
            return FALSE;
          for (xmlNode *m = c->children; m != NULL; m = m->next)
            if (_sl_xml_is (m, "rule") && !read_rule (r, m, targets, error))
              return FALSE;
        }
      if (_sl_xml_is (c, "calcium") && !read_calcium (r, c, error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Document. */

static gboolean
read_root (SlSessionReader  *r,
           xmlNode          *root,
           GError          **error)
{
  static const char * const attrs[] = { "version", NULL };
  static const char * const children[] = { "lesson", "model", "protocol", "view", NULL };
  static const char * const lesson_children[] = { "title", "text", "expected", NULL };
  g_autofree char *version = NULL;
  gboolean seen[4] = { FALSE };

  if (root == NULL || !_sl_xml_is (root, "spinelab-session") || root->ns != NULL)
    {
      g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_VERSION,
                   "%s:%ld: not a SpineLab session (root element <%s>, expected <spinelab-session>)",
                   r->name, root ? xmlGetLineNo (root) : 1L,
                   root ? (const char *) root->name : "");
      return FALSE;
    }
  version = _sl_xml_get_attr (root, "version");
  if (version == NULL)
    return _sl_xml_missing (r, root, "version", error);
  if (strcmp (g_strstrip (version), "1") != 0)
    {
      _sl_xml_error (r, root, error, SL_SESSION_ERROR_VERSION,
                  "version '%s' is not supported (this SpineLab reads version %d)",
                  version, SL_SESSION_FORMAT_VERSION);
      return FALSE;
    }
  if (!_sl_xml_check_attrs (r, root, attrs, error) || !_sl_xml_check_children (r, root, children, FALSE, error))
    return FALSE;

  for (xmlNode *c = root->children; c != NULL; c = c->next)
    for (guint i = 0; children[i] != NULL; i++)
      if (_sl_xml_is (c, children[i]) && !_sl_xml_once (r, c, &seen[i], error))
        return FALSE;
  if (!seen[1])
    {
      _sl_xml_error (r, root, error, SL_SESSION_ERROR_INVALID, "missing element <model>");
      return FALSE;
    }

  for (xmlNode *c = root->children; c != NULL; c = c->next)
    {
      if (_sl_xml_is (c, "lesson"))
        {
          gboolean seen_l[3] = { FALSE };

          if (!_sl_xml_check_attrs (r, c, NULL, error) ||
              !_sl_xml_check_children (r, c, lesson_children, FALSE, error))
            return FALSE;
          for (xmlNode *l = c->children; l != NULL; l = l->next)
            {
              char **slot[] = { &r->session->title, &r->session->text, &r->session->expected };

              for (guint i = 0; i < 3; i++)
                if (_sl_xml_is (l, lesson_children[i]) &&
                    (!_sl_xml_once (r, l, &seen_l[i], error) || !_sl_xml_text (r, l, slot[i], error)))
                  return FALSE;
            }
        }
      if (_sl_xml_is (c, "model") && !read_model (r, c, error))
        return FALSE;
      if (_sl_xml_is (c, "protocol") && !_sl_session_read_protocol (r, c, error))
        return FALSE;
      if (_sl_xml_is (c, "view") && !_sl_xml_text (r, c, &r->session->view, error))
        return FALSE;
    }
  return TRUE;
}

static long
line_at (const char *data,
         gsize       offset)
{
  long line = 1;

  for (gsize i = 0; i < offset; i++)
    line += data[i] == '\n';
  return line;
}

/* DOCTYPE (and with it every entity declaration) is refused before
 * parsing, on the raw bytes; NUL bytes are refused too, which also keeps
 * out UTF-16/32 text that a byte scan could not read. */
static gboolean
check_raw_bytes (SlSessionReader  *r,
                 const char       *data,
                 gsize             length,
                 GError          **error)
{
  static const char * const needles[] = { "<!DOCTYPE", "<!ENTITY" };
  const char *nul = memchr (data, '\0', length);

  if (nul != NULL)
    {
      g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_PARSE,
                   "%s:%ld: NUL byte; a session file is UTF-8 text",
                   r->name, line_at (data, nul - data));
      return FALSE;
    }
  for (gsize i = 0; i < length; i++)
    {
      if (data[i] != '<' || i + 2 > length || data[i + 1] != '!')
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (needles); k++)
        {
          gsize n = strlen (needles[k]);

          if (i + n <= length && memcmp (data + i, needles[k], n) == 0)
            {
              g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_UNSAFE,
                           "%s:%ld: %s declarations are not allowed in session files",
                           r->name, line_at (data, i), needles[k] + 2);
              return FALSE;
            }
        }
    }
  return TRUE;
}

typedef struct
{
  char *message;
  int   line;
} FirstError;

static void
keep_first_error (void       *user_data,
                  xmlErrorPtr e)
{
  xmlParserCtxtPtr ctxt = user_data;
  FirstError *first = ctxt != NULL ? ctxt->_private : NULL;

  if (first != NULL && first->message == NULL && e != NULL && e->level >= XML_ERR_ERROR)
    {
      first->message = g_strdup (e->message ? e->message : "error");
      first->line = e->line;
    }
}

SlSession *
sl_session_new_from_data (const char          *data,
                          gsize                length,
                          const char          *base_dir,
                          const char          *display_name,
                          SlSessionLoadFlags   flags,
                          GError             **error)
{
  g_autoptr (SlSession) session = NULL;
  SlSessionReader r = { display_name ? display_name : "session", base_dir, flags, NULL };
  FirstError first = { NULL, 0 };
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > SL_SESSION_MAX_BYTES || length > G_MAXINT)
    {
      g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO,
                   "%s: file too large for a session (%" G_GSIZE_FORMAT " bytes)", r.name, length);
      return NULL;
    }
  if (length > 0 && !check_raw_bytes (&r, data, length, error))
    return NULL;

  xmlInitParser ();
  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO, "%s: out of memory", r.name);
      return NULL;
    }
  /* Keep the first error (libxml2 remembers the last, often a consequence
   * such as "premature end of data"). */
  ctxt->_private = &first;
  ctxt->sax->serror = keep_first_error;
  /* Never XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XML_PARSE_HUGE; UTF-8
   * whatever the file declares. */
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, NULL, "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
                           XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
  if (doc == NULL)
    {
      const xmlError *e = xmlCtxtGetLastError (ctxt);
      g_autofree char *msg = g_strdup (first.message ? first.message :
                                       e && e->message ? e->message : "empty or unreadable");
      int line = first.message ? first.line : e ? e->line : 1;

      g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_PARSE,
                   "%s:%d: not well-formed XML: %s", r.name, MAX (line, 1), g_strstrip (msg));
      g_free (first.message);
      xmlFreeParserCtxt (ctxt);
      return NULL;
    }
  xmlFreeParserCtxt (ctxt);
  g_free (first.message);

  session = sl_session_new ();
  r.session = session;
  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_UNSAFE,
                   "%s: DOCTYPE declarations are not allowed in session files", r.name);
      ok = FALSE;
    }
  else
    ok = read_root (&r, xmlDocGetRootElement (doc), error);
  xmlFreeDoc (doc);
  if (!ok)
    return NULL;

  /* Whole-spec checks (each element was checked as it was read). */
  {
    GError *local = NULL;

    if (!sl_model_spec_validate (session->model, &local) ||
        !sl_protocol_spec_validate (session->protocol, &local))
      {
        g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_INVALID,
                     "%s: %s", r.name, local->message);
        g_error_free (local);
        return NULL;
      }
  }
  return g_steal_pointer (&session);
}

SlSession *
sl_session_load_full (const char          *path,
                      SlSessionLoadFlags   flags,
                      GError             **error)
{
  g_autofree char *data = NULL;
  g_autofree char *abs = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (GError) local = NULL;
  GStatBuf st;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  /* Refuse a huge file before reading it into memory. */
  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > SL_SESSION_MAX_BYTES)
    {
      g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO,
                   "%s: file too large for a session (%" G_GINT64_FORMAT " bytes)",
                   path, (gint64) st.st_size);
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO, "%s", local->message);
      return NULL;
    }
  abs = g_canonicalize_filename (path, NULL);
  dir = g_path_get_dirname (abs);
  return sl_session_new_from_data (data, length, dir, path, flags, error);
}

SlSession *
sl_session_load (const char  *path,
                 GError     **error)
{
  return sl_session_load_full (path, SL_SESSION_LOAD_DEFAULT, error);
}

/* ------------------------------------------------------------------ */
/* The struct. */

SlSession *
sl_session_new (void)
{
  SlSession *self = g_new0 (SlSession, 1);

  self->model = sl_model_spec_new ();
  self->protocol = sl_protocol_spec_new ();
  return self;
}

SlSession *
sl_session_copy (const SlSession *self)
{
  SlSession *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (SlSession, 1);
  copy->model = sl_model_spec_copy (self->model);
  copy->protocol = sl_protocol_spec_copy (self->protocol);
  copy->title = g_strdup (self->title);
  copy->text = g_strdup (self->text);
  copy->expected = g_strdup (self->expected);
  copy->view = g_strdup (self->view);
  return copy;
}

void
sl_session_free (SlSession *self)
{
  if (self == NULL)
    return;
  sl_model_spec_free (self->model);
  sl_protocol_spec_free (self->protocol);
  g_free (self->title);
  g_free (self->text);
  g_free (self->expected);
  g_free (self->view);
  g_free (self);
}

gboolean
sl_session_equal (const SlSession *a,
                  const SlSession *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return sl_model_spec_equal (a->model, b->model) &&
         sl_protocol_spec_equal (a->protocol, b->protocol) &&
         g_strcmp0 (a->title, b->title) == 0 && g_strcmp0 (a->text, b->text) == 0 &&
         g_strcmp0 (a->expected, b->expected) == 0 && g_strcmp0 (a->view, b->view) == 0;
}

SlMorphology *
sl_session_load_morphology (const SlSession  *self,
                            GError          **error)
{
  const char *ref;

  g_return_val_if_fail (self != NULL && self->model != NULL, NULL);

  ref = self->model->morphology;
  if (ref == NULL || ref[0] == '\0')
    {
      g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_MORPHOLOGY,
                   "the session names no morphology");
      return NULL;
    }
  if (g_str_has_prefix (ref, "bundled:"))
    return sl_bundled_cell_new (ref + strlen ("bundled:"), error);
  return sl_morphology_new_from_file (ref, error);
}
