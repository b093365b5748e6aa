/* sl-session-xml.c: checked access to the elements and attributes of a
 * session file, shared by the session readers.  Every error names the
 * file, the line and the element. */
#include "sl-session-private.h"

#include <math.h>
#include <string.h>

#include "sl-spec-private.h"

/* ------------------------------------------------------------------ */
/* Errors. */

void
_sl_xml_error (SlSessionReader  *r,
               xmlNode          *node,
               GError          **error,
               int               code,
               const char       *format,
               ...)
{
  g_autofree char *msg = NULL;
  xmlChar *name = xmlGetProp (node, (const xmlChar *) "name");
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  /* The name says which <param> or <mechanism> of a line is meant. */
  if (name != NULL && strlen ((const char *) name) <= 64)
    g_set_error (error, SL_SESSION_ERROR, code, "%s:%ld: <%s name='%s'>: %s",
                 r->name, xmlGetLineNo (node), (const char *) node->name,
                 (const char *) name, msg);
  else
    g_set_error (error, SL_SESSION_ERROR, code, "%s:%ld: <%s>: %s",
                 r->name, xmlGetLineNo (node), (const char *) node->name, msg);
  xmlFree (name);
}

/* A spec validation error, placed at the element it came from. */
gboolean
_sl_xml_spec_error (SlSessionReader  *r,
                    xmlNode          *node,
                    GError           *local,
                    GError          **error)
{
  _sl_xml_error (r, node, error, SL_SESSION_ERROR_INVALID, "%s", local->message);
  g_error_free (local);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Elements and attributes. */

gboolean
_sl_xml_is (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

gboolean
_sl_xml_check_attrs (SlSessionReader     *r,
                     xmlNode             *node,
                     const char * const  *allowed,
                     GError             **error)
{
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    {
      gboolean ok = a->ns == NULL && allowed != NULL && g_strv_contains (allowed, (const char *) a->name);

      if (!ok)
        {
          _sl_xml_error (r, node, error, SL_SESSION_ERROR_INVALID,
                      "unknown attribute '%s'", (const char *) a->name);
          return FALSE;
        }
    }
  return TRUE;
}

/* Children must be elements from `allowed` (comments and processing
 * instructions are skipped); text is allowed only where text_ok. */
gboolean
_sl_xml_check_children (SlSessionReader     *r,
                        xmlNode             *node,
                        const char * const  *allowed,
                        gboolean             text_ok,
                        GError             **error)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      switch (c->type)
        {
        case XML_ELEMENT_NODE:
          if (allowed == NULL || !g_strv_contains (allowed, (const char *) c->name))
            {
              _sl_xml_error (r, c, error, SL_SESSION_ERROR_INVALID,
                          "unknown element inside <%s>", (const char *) node->name);
              return FALSE;
            }
          break;
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (!text_ok)
            {
              g_autofree char *text = (char *) xmlNodeGetContent (c);

              if (text != NULL && text[strspn (text, " \t\r\n")] != '\0')
                {
                  _sl_xml_error (r, node, error, SL_SESSION_ERROR_INVALID,
                              "unexpected text '%.20s'", g_strstrip (text));
                  return FALSE;
                }
            }
          break;
        case XML_COMMENT_NODE:
        case XML_PI_NODE:
          break;
        default:
          _sl_xml_error (r, node, error, SL_SESSION_ERROR_UNSAFE,
                      "unexpected XML node (entity reference or DTD content)");
          return FALSE;
        }
    }
  return TRUE;
}

char *
_sl_xml_get_attr (xmlNode    *node,
                  const char *name)
{
  xmlChar *v = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *s = g_strdup ((const char *) v);

  xmlFree (v);
  return s;
}

gboolean
_sl_xml_missing (SlSessionReader  *r,
                 xmlNode          *node,
                 const char       *name,
                 GError          **error)
{
  _sl_xml_error (r, node, error, SL_SESSION_ERROR_INVALID, "missing attribute '%s'", name);
  return FALSE;
}

/* The attribute as a string; FALSE only when required and absent.  *out
 * is replaced only when the attribute is present. */
gboolean
_sl_xml_string (SlSessionReader  *r,
                xmlNode          *node,
                const char       *name,
                gboolean          required,
                char            **out,
                GError          **error)
{
  char *v = _sl_xml_get_attr (node, name);

  if (v == NULL)
    return required ? _sl_xml_missing (r, node, name, error) : TRUE;
  g_free (*out);
  *out = v;
  return TRUE;
}

gboolean
_sl_xml_double (SlSessionReader  *r,
                xmlNode          *node,
                const char       *name,
                gboolean          required,
                double           *out,
                GError          **error)
{
  g_autofree char *v = _sl_xml_get_attr (node, name);
  char *end = NULL;
  double x;

  if (v == NULL)
    return required ? _sl_xml_missing (r, node, name, error) : TRUE;
  g_strstrip (v);
  x = g_ascii_strtod (v, &end);
  /* g_ascii_strtod also takes hex, "inf" and "nan"; only decimal finite
   * numbers are part of the format. */
  if (v[0] == '\0' || *end != '\0' || !isfinite (x) || strpbrk (v, "xXnN") != NULL)
    {
      _sl_xml_error (r, node, error, SL_SESSION_ERROR_INVALID,
                  "attribute '%s' is not a number ('%s')", name, v);
      return FALSE;
    }
  *out = x;
  return TRUE;
}

gboolean
_sl_xml_int (SlSessionReader  *r,
             xmlNode          *node,
             const char       *name,
             gboolean          required,
             int              *out,
             GError          **error)
{
  g_autofree char *v = _sl_xml_get_attr (node, name);
  gint64 x;

  if (v == NULL)
    return required ? _sl_xml_missing (r, node, name, error) : TRUE;
  g_strstrip (v);
  if (!g_ascii_string_to_signed (v, 10, G_MININT, G_MAXINT, &x, NULL))
    {
      _sl_xml_error (r, node, error, SL_SESSION_ERROR_INVALID,
                  "attribute '%s' is not an integer ('%s')", name, v);
      return FALSE;
    }
  *out = (int) x;
  return TRUE;
}

gboolean
_sl_xml_seed (SlSessionReader  *r,
              xmlNode          *node,
              const char       *name,
              guint64          *out,
              GError          **error)
{
  g_autofree char *v = _sl_xml_get_attr (node, name);

  if (v == NULL)
    return TRUE;
  g_strstrip (v);
  if (!g_ascii_string_to_unsigned (v, 10, 0, G_MAXUINT64, out, NULL))
    {
      _sl_xml_error (r, node, error, SL_SESSION_ERROR_INVALID,
                  "attribute '%s' is not an unsigned integer ('%s')", name, v);
      return FALSE;
    }
  return TRUE;
}

gboolean
_sl_xml_bool (SlSessionReader  *r,
              xmlNode          *node,
              const char       *name,
              gboolean         *out,
              GError          **error)
{
  g_autofree char *v = _sl_xml_get_attr (node, name);

  if (v == NULL)
    return TRUE;
  if (strcmp (v, "true") == 0)
    *out = TRUE;
  else if (strcmp (v, "false") == 0)
    *out = FALSE;
  else
    {
      _sl_xml_error (r, node, error, SL_SESSION_ERROR_INVALID,
                  "attribute '%s' must be true or false ('%s')", name, v);
      return FALSE;
    }
  return TRUE;
}

/* An enum attribute through one of the _from_string functions. */
gboolean
_sl_xml_enum (SlSessionReader *r,
              xmlNode         *node,
              const char      *name,
              gboolean         required,
              int        (    *from_string) (const char *),
           const char  *choices,
           int         *out,
           GError     **error)
{
  g_autofree char *v = _sl_xml_get_attr (node, name);
  int x;

  if (v == NULL)
    return required ? _sl_xml_missing (r, node, name, error) : TRUE;
  x = from_string (v);
  if (x < 0)
    {
      _sl_xml_error (r, node, error, SL_SESSION_ERROR_INVALID,
                  "unknown %s '%s' (expected %s)", name, v, choices);
      return FALSE;
    }
  *out = x;
  return TRUE;
}

gboolean
_sl_xml_fields (SlSessionReader  *r,
                xmlNode          *node,
                const SlField    *fields,
                void             *spec,
                GError          **error)
{
  for (const SlField *f = fields; f->name != NULL; f++)
    {
      void *p = (char *) spec + f->offset;
      gboolean ok = TRUE;

      switch (f->kind)
        {
        case SL_FIELD_DOUBLE:
        case SL_FIELD_DOUBLE_NZ:
          ok = _sl_xml_double (r, node, f->name, FALSE, p, error);
          break;
        case SL_FIELD_INT:
        case SL_FIELD_INT_NZ:
          ok = _sl_xml_int (r, node, f->name, FALSE, p, error);
          break;
        case SL_FIELD_SEED_NZ:
          ok = _sl_xml_seed (r, node, f->name, p, error);
          break;
        case SL_FIELD_BOOL:
          ok = _sl_xml_bool (r, node, f->name, p, error);
          break;
        case SL_FIELD_MG_BLOCK:
          ok = _sl_xml_enum (r, node, f->name, FALSE, _sl_mg_block_from_string,
                             "jahr-stevens or vargas-caballero", p, error);
          break;
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

gboolean
_sl_xml_fields_element (SlSessionReader  *r,
                        xmlNode          *node,
                        const SlField    *fields,
                        void             *spec,
                        GError          **error)
{
  const char *names[SL_FIELDS_MAX + 1];
  guint n = 0;

  for (const SlField *f = fields; f->name != NULL; f++)
    {
      g_assert (n < SL_FIELDS_MAX);
      names[n++] = f->name;
    }
  names[n] = NULL;
  return _sl_xml_check_attrs (r, node, names, error) &&
         _sl_xml_check_children (r, node, NULL, FALSE, error) &&
         _sl_xml_fields (r, node, fields, spec, error);
}

/* Text of an element that holds only text. */
gboolean
_sl_xml_text (SlSessionReader  *r,
              xmlNode          *node,
              char            **out,
              GError          **error)
{
  xmlChar *text;

  if (!_sl_xml_check_attrs (r, node, NULL, error) || !_sl_xml_check_children (r, node, NULL, TRUE, error))
    return FALSE;
  text = xmlNodeGetContent (node);
  g_free (*out);
  *out = g_strdup (text ? (const char *) text : "");
  xmlFree (text);
  return TRUE;
}

gboolean
_sl_xml_once (SlSessionReader  *r,
              xmlNode          *node,
              gboolean         *seen,
              GError          **error)
{
  if (*seen)
    {
      _sl_xml_error (r, node, error, SL_SESSION_ERROR_INVALID, "given twice");
      return FALSE;
    }
  *seen = TRUE;
  return TRUE;
}

