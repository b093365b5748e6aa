/* sl-morphology-writer.c: SWC and NeuroML2 writers.
 *
 * Both write every point, in index order (parent first), so that reading
 * the file back gives the same points, sections and lengths.
 *
 * SWC cannot say that a point joins its parent without cable (DETACHED:
 * ASC tree starts, NeuroML2 proximal points).  Such points are written as
 * ordinary rows (other programs see the straight segment) and listed in
 * "# spinelab-detached: ID …" comment lines, which SpineLab's reader
 * honours; other readers skip them as comments.
 *
 * NeuroML2: one <segment> per point, id = point index.  A root is a
 * zero-length segment (proximal = distal); a DETACHED point is a
 * zero-length segment with its own <proximal>; every other segment has no
 * <proximal> (it starts at its parent's distal point).  Types become
 * soma_group, axon_group, basal_dendrite, apical_dendrite (and
 * dendrite_group), custom types "customN"; NeuroML2 groups read from a
 * file are written back as they were.
 */
#include "sl-config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "sl-morphology-private.h"

#define DETACHED_PER_LINE 16

static gboolean
save (const char  *path,
      const char  *data,
      gsize        len,
      GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents (path, data, len, &local_error))
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_IO,
                   "%s: cannot write: %s", path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static char *
format_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* %.10g keeps 0.1 nm on a 1 cm cell and reads back identically enough
   * that lengths agree to 1e-9; g_ascii_formatd is locale-independent. */
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.10g", v));
}

gboolean
sl_morphology_write_swc (const SlMorphology  *self,
                         const char          *path,
                         GError             **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean contour;
  int n_detached = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* A zero-radius outline reads back as an outline only if its radii
   * stay zero. */
  contour = self->soma_kind == SL_SOMA_CONTOUR && self->n_soma_points > 1;

  g_string_append_printf (out, "# SWC written by SpineLab %s\n", SL_VERSION);
  {
    /* A name with a line break must not start a data row. */
    g_autofree char *name = g_strdup (self->name ? self->name : "");

    g_strdelimit (name, "\r\n", ' ');
    g_string_append_printf (out, "# name: %s\n", name);
  }
  g_string_append_printf (out, "# soma: %s\n", sl_soma_kind_name (self->soma_kind));
  g_string_append (out, "# id type x y z radius parent   (µm)\n");

  for (int i = 0; i < self->n_points; i++)
    if (self->points[i].flags & SL_POINT_DETACHED)
      {
        if (n_detached % DETACHED_PER_LINE == 0)
          g_string_append (out, n_detached ? "\n# spinelab-detached:" : "# spinelab-detached:");
        g_string_append_printf (out, " %d", i + 1);
        n_detached++;
      }
  if (n_detached > 0)
    g_string_append_c (out, '\n');

  for (int i = 0; i < self->n_points; i++)
    {
      const SlPoint *p = &self->points[i];
      g_autofree char *x = format_number (p->x);
      g_autofree char *y = format_number (p->y);
      g_autofree char *z = format_number (p->z);
      g_autofree char *r = format_number (contour && p->type == SL_TYPE_SOMA ? 0.0 : p->r);

      g_string_append_printf (out, "%d %d %s %s %s %s %d\n", i + 1, p->type, x, y, z, r,
                              p->parent >= 0 ? p->parent + 1 : -1);
    }
  return save (path, out->str, out->len, error);
}

/* ------------------------------------------------------------ NeuroML2 -- */

static int
write_point (xmlTextWriter *w,
             const char    *element,
             const SlPoint *p,
             gboolean       zero_radius)
{
  g_autofree char *x = format_number (p->x);
  g_autofree char *y = format_number (p->y);
  g_autofree char *z = format_number (p->z);
  g_autofree char *d = format_number (zero_radius ? 0.0 : 2 * p->r);
  int rc = 0;

  rc |= xmlTextWriterStartElement (w, BAD_CAST element) < 0;
  rc |= xmlTextWriterWriteAttribute (w, BAD_CAST "x", BAD_CAST x) < 0;
  rc |= xmlTextWriterWriteAttribute (w, BAD_CAST "y", BAD_CAST y) < 0;
  rc |= xmlTextWriterWriteAttribute (w, BAD_CAST "z", BAD_CAST z) < 0;
  rc |= xmlTextWriterWriteAttribute (w, BAD_CAST "diameter", BAD_CAST d) < 0;
  rc |= xmlTextWriterEndElement (w) < 0;
  return rc;
}

static int
write_group (xmlTextWriter *w,
             const char    *id,
             const char    *neurolex,
             const int     *points,
             int            n_points)
{
  int rc = 0;

  rc |= xmlTextWriterStartElement (w, BAD_CAST "segmentGroup") < 0;
  rc |= xmlTextWriterWriteAttribute (w, BAD_CAST "id", BAD_CAST id) < 0;
  if (neurolex != NULL)
    rc |= xmlTextWriterWriteAttribute (w, BAD_CAST "neuroLexId", BAD_CAST neurolex) < 0;
  for (int k = 0; k < n_points; k++)
    {
      char buf[16];

      g_snprintf (buf, sizeof buf, "%d", points[k]);
      rc |= xmlTextWriterStartElement (w, BAD_CAST "member") < 0;
      rc |= xmlTextWriterWriteAttribute (w, BAD_CAST "segment", BAD_CAST buf) < 0;
      rc |= xmlTextWriterEndElement (w) < 0;
    }
  rc |= xmlTextWriterEndElement (w) < 0;
  return rc;
}

static char *
xml_id (const char *name)
{
  /* NeuroML2 ids are NmlId: letters, digits and '_', not starting with a digit. */
  GString *s = g_string_new (NULL);

  for (const char *p = name && *name ? name : "cell"; *p; p++)
    g_string_append_c (s, g_ascii_isalnum (*p) ? *p : '_');
  if (g_ascii_isdigit (s->str[0]))
    g_string_prepend_c (s, '_');
  return g_string_free (s, FALSE);
}

static const char *
type_group_name (int type)
{
  switch (type)
    {
    case SL_TYPE_SOMA:   return "soma_group";
    case SL_TYPE_AXON:   return "axon_group";
    case SL_TYPE_BASAL:  return "basal_dendrite";
    case SL_TYPE_APICAL: return "apical_dendrite";
    default:             return sl_point_type_name (type);
    }
}

static const char *
type_group_neurolex (int type)
{
  switch (type)
    {
    case SL_TYPE_SOMA: return "GO:0043025";
    case SL_TYPE_AXON: return "GO:0030424";
    default:           return NULL;
    }
}

gboolean
sl_morphology_write_neuroml (const SlMorphology  *self,
                             const char          *path,
                             GError             **error)
{
  g_autofree char *id = NULL;
  g_autofree char *morph_id = NULL;
  xmlBuffer *buf;
  xmlTextWriter *w;
  int rc = 0;
  gboolean ok, contour;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  {
    g_autofree char *base = g_strdup (self->name ? self->name : "cell");
    char *dot = strchr (base, '.');

    if (dot != NULL && dot != base)
      *dot = '\0';
    id = xml_id (base);
  }
  morph_id = g_strdup_printf ("%s_morphology", id);

  buf = xmlBufferCreate ();
  w = xmlNewTextWriterMemory (buf, 0);
  if (buf == NULL || w == NULL)
    {
      if (w)
        xmlFreeTextWriter (w);
      if (buf)
        xmlBufferFree (buf);
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_NO_MEMORY,
                   "%s: cannot create an XML writer", path);
      return FALSE;
    }
  contour = self->soma_kind == SL_SOMA_CONTOUR && self->n_soma_points > 1;
  xmlTextWriterSetIndent (w, 1);
  xmlTextWriterSetIndentString (w, BAD_CAST "  ");

  rc |= xmlTextWriterStartDocument (w, NULL, "UTF-8", NULL) < 0;
  rc |= xmlTextWriterStartElement (w, BAD_CAST "neuroml") < 0;
  rc |= xmlTextWriterWriteAttribute (w, BAD_CAST "xmlns",
                                     BAD_CAST "http://www.neuroml.org/schema/neuroml2") < 0;
  rc |= xmlTextWriterWriteAttribute (w, BAD_CAST "id", BAD_CAST id) < 0;
  rc |= xmlTextWriterWriteFormatComment (w, " written by SpineLab %s; soma: %s ",
                                         SL_VERSION, sl_soma_kind_name (self->soma_kind)) < 0;
  rc |= xmlTextWriterStartElement (w, BAD_CAST "cell") < 0;
  rc |= xmlTextWriterWriteAttribute (w, BAD_CAST "id", BAD_CAST id) < 0;
  rc |= xmlTextWriterStartElement (w, BAD_CAST "morphology") < 0;
  rc |= xmlTextWriterWriteAttribute (w, BAD_CAST "id", BAD_CAST morph_id) < 0;

  for (int i = 0; i < self->n_points && rc == 0; i++)
    {
      const SlPoint *p = &self->points[i];

      rc |= xmlTextWriterStartElement (w, BAD_CAST "segment") < 0;
      rc |= xmlTextWriterWriteFormatAttribute (w, BAD_CAST "id", "%d", i) < 0;
      rc |= xmlTextWriterWriteFormatAttribute (w, BAD_CAST "name", "%s_%d",
                                               sl_point_type_name (p->type), i) < 0;
      if (p->parent >= 0)
        {
          rc |= xmlTextWriterStartElement (w, BAD_CAST "parent") < 0;
          rc |= xmlTextWriterWriteFormatAttribute (w, BAD_CAST "segment", "%d", p->parent) < 0;
          rc |= xmlTextWriterEndElement (w) < 0;
        }
      gboolean zero = contour && p->type == SL_TYPE_SOMA;

      if (p->parent < 0 || (p->flags & SL_POINT_DETACHED))
        rc |= write_point (w, "proximal", p, zero);
      rc |= write_point (w, "distal", p, zero);
      rc |= xmlTextWriterEndElement (w) < 0;
    }

  /* Type groups, then dendrite_group, then the file's own groups. */
  for (int k = 0; k < self->n_regions && rc == 0; k++)
    {
      const SlRegion *r = &self->regions[k];

      if (r->kind == SL_REGION_TYPE)
        rc |= write_group (w, type_group_name (r->type), type_group_neurolex (r->type),
                           r->points, r->n_points);
    }
  {
    g_autoptr(GArray) dend = g_array_new (FALSE, FALSE, sizeof (int));

    for (int i = 0; i < self->n_points; i++)
      if (self->points[i].type == SL_TYPE_BASAL || self->points[i].type == SL_TYPE_APICAL)
        g_array_append_val (dend, i);
    if (dend->len > 0)
      rc |= write_group (w, "dendrite_group", "GO:0030425", (const int *) dend->data, dend->len);
  }
  for (int k = 0; k < self->n_regions && rc == 0; k++)
    {
      const SlRegion *r = &self->regions[k];
      g_autofree char *gid = NULL;
      gboolean taken = g_str_equal (r->name, "dendrite_group");

      if (r->kind != SL_REGION_GROUP)
        continue;
      gid = xml_id (g_str_has_prefix (r->name, "group:") ? r->name + 6 : r->name);
      for (int t = 0; t < self->n_regions && !taken; t++)
        if (self->regions[t].kind == SL_REGION_TYPE &&
            g_str_equal (type_group_name (self->regions[t].type), gid))
          taken = TRUE;
      if (!taken)
        rc |= write_group (w, gid, NULL, r->points, r->n_points);
    }

  rc |= xmlTextWriterEndElement (w) < 0;  /* morphology */
  rc |= xmlTextWriterEndElement (w) < 0;  /* cell */
  rc |= xmlTextWriterEndDocument (w) < 0;
  xmlFreeTextWriter (w);

  if (rc != 0)
    {
      xmlBufferFree (buf);
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_IO,
                   "%s: cannot format the NeuroML2 document", path);
      return FALSE;
    }
  ok = save (path, (const char *) xmlBufferContent (buf), xmlBufferLength (buf), error);
  xmlBufferFree (buf);
  return ok;
}
