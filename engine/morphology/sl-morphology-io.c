/* sl-morphology-io.c: loading a morphology file of any supported format. */
#include <string.h>

#include <glib/gstdio.h>

#include "sl-morphology-private.h"

static SlMorphologyFormat
format_from_extension (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".swc"))
    return SL_FORMAT_SWC;
  if (g_str_has_suffix (lower, ".asc"))
    return SL_FORMAT_ASC;
  if (g_str_has_suffix (lower, ".nml") || g_str_has_suffix (lower, ".nml2") ||
      g_str_has_suffix (lower, ".xml"))
    return SL_FORMAT_NEUROML;
  return SL_FORMAT_UNKNOWN;
}

/* By content: an XML document is NeuroML2, a first token '(' (or a ';'
 * comment) is Neurolucida, anything else is read as SWC. */
static SlMorphologyFormat
format_from_content (const char *data,
                     gsize       len)
{
  gsize i = 0;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  if (i < len && data[i] == '<')
    return SL_FORMAT_NEUROML;
  if (i < len && (data[i] == '(' || data[i] == ';'))
    return SL_FORMAT_ASC;
  return SL_FORMAT_SWC;
}

SlMorphology *
sl_morphology_new_from_file (const char  *path,
                             GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gsize len = 0;
  SlMorphologyFormat format;
  SlMorphology *self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_IO,
                   "%s: is a directory, not a morphology file", path);
      return NULL;
    }
  if (g_stat (path, &st) == 0 && (gsize) st.st_size > SL_MORPHOLOGY_MAX_FILE_SIZE)
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_NO_MEMORY,
                   "%s: file too large (%" G_GINT64_FORMAT " bytes)", path, (gint64) st.st_size);
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &len, &local_error))
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_IO,
                   "%s: cannot read: %s", path, local_error->message);
      return NULL;
    }
  if (len == 0)
    {
      g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_IO,
                   "%s: empty file", path);
      return NULL;
    }

  format = format_from_extension (path);
  if (format == SL_FORMAT_UNKNOWN)
    format = format_from_content (data, len);

  switch (format)
    {
    case SL_FORMAT_ASC:
      self = sl_morphology_new_from_asc_data (data, len, path, error);
      break;
    case SL_FORMAT_NEUROML:
      self = sl_morphology_new_from_neuroml_data (data, len, path, error);
      break;
    case SL_FORMAT_SWC:
    case SL_FORMAT_UNKNOWN:
    default:
      self = sl_morphology_new_from_swc_data (data, len, path, error);
      break;
    }
  if (self == NULL)
    return NULL;

  g_free (self->name);
  self->name = g_path_get_basename (path);
  g_free (self->path);
  self->path = g_strdup (path);
  return self;
}
