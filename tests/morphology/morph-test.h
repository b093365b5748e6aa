/* morph-test.h: helpers shared by the morphology tests. */
#pragma once

#include <math.h>
#include <string.h>

#include <glib.h>

#include "sl-morphology.h"

static inline char *
fixture_path (const char *name)
{
  return g_build_filename (SL_TEST_DATA_DIR, "morphology", name, NULL);
}

static inline SlMorphology *
load_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  SlMorphology *m = sl_morphology_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (m);
  return m;
}

/* Loads a fixture that must fail; checks the code and that the message
 * starts with "PATH:LINE:" (line < 0: "PATH:" and no line). */
static inline void
check_refused (const char *name,
               int         code,
               int         line,
               const char *needle)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlMorphology) m = sl_morphology_new_from_file (path, &error);
  g_autofree char *prefix = line >= 0 ? g_strdup_printf ("%s:%d: ", path, line)
                                      : g_strdup_printf ("%s: ", path);

  g_assert_null (m);
  g_assert_error (error, SL_MORPHOLOGY_ERROR, code);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("%s: message '%s' does not start with '%s'", name, error->message, prefix);
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("%s: message '%s' does not mention '%s'", name, error->message, needle);
  g_assert_null (strchr (error->message, '\n'));
}

static inline const SlRegion *
region_named (const SlMorphology *m,
              const char         *name)
{
  const SlRegion *r = sl_morphology_find_region (m, name);

  if (r == NULL)
    g_error ("no region '%s' in %s", name, m->name);
  return r;
}

static inline double
region_length (const SlMorphology *m,
               const char         *name)
{
  return region_named (m, name)->length;
}

static inline double
region_area (const SlMorphology *m,
             const char         *name)
{
  return region_named (m, name)->area;
}

static inline int
point_by_id (const SlMorphology *m,
             int                 id)
{
  for (int i = 0; i < m->n_points; i++)
    if (m->points[i].id == id)
      return i;
  g_error ("no point with id %d in %s", id, m->name);
  return -1;
}

static inline gboolean
has_warning (const SlMorphology *m,
             const char         *needle)
{
  for (guint k = 0; m->warnings && k < m->warnings->len; k++)
    if (strstr (g_ptr_array_index (m->warnings, k), needle) != NULL)
      return TRUE;
  return FALSE;
}

static inline void
check_parent_first (const SlMorphology *m)
{
  for (int i = 0; i < m->n_points; i++)
    g_assert_cmpint (m->points[i].parent, <, i);
  for (int s = 0; s < m->n_sections; s++)
    g_assert_cmpint (m->sections[s].parent, <, s);
}

/* Loading any prefix of a file, and the file with bytes changed, must
 * give a morphology or an error, never a crash or a read out of bounds
 * (run under ASan/valgrind to see the latter). */
static inline void
check_mangled (const char *name,
               SlMorphology *(*reader) (const char *, gsize, const char *, GError **))
{
  g_autofree char *path = fixture_path (name);
  g_autofree char *data = NULL;
  gsize len;
  GRand *rand = g_rand_new_with_seed (20261125);

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  for (gsize cut = 0; cut <= len; cut++)
    {
      /* An exact-size copy, so a read past the end is a real overrun. */
      g_autofree char *copy = g_memdup2 (data, MAX (cut, 1));
      g_autoptr(GError) error = NULL;
      g_autoptr(SlMorphology) m = reader (copy, cut, name, &error);

      g_assert_true ((m == NULL) != (error == NULL));
    }
  for (int trial = 0; trial < 2000; trial++)
    {
      g_autofree char *copy = g_memdup2 (data, len);
      g_autoptr(GError) error = NULL;
      g_autoptr(SlMorphology) m = NULL;
      static const char bytes[] = "()|<>;#\"\n\r\t -.0123456789eE,\0xX&";

      for (int k = 0; k < 3; k++)
        copy[g_rand_int_range (rand, 0, len)] = bytes[g_rand_int_range (rand, 0, sizeof bytes)];
      m = reader (copy, len, name, &error);
      g_assert_true ((m == NULL) != (error == NULL));
      if (m != NULL)
        check_parent_first (m);
    }
  g_rand_free (rand);
}
