/* sl-test-files.h: checks that a written SVG or PDF is whole. */
#pragma once

#include <string.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

/* libxml2 parses it and its root is a non-empty <svg>. */
static inline void
sl_test_check_svg (const char *path)
{
  xmlDocPtr doc = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                           XML_PARSE_NOWARNING | XML_PARSE_HUGE);
  xmlNodePtr root;

  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_nonnull (root);
  g_assert_cmpstr ((const char *) root->name, ==, "svg");
  /* Drawn, not empty. */
  g_assert_nonnull (root->children);
  xmlFreeDoc (doc);
}

/* More than min_bytes, a %PDF-1.x header, startxref near the end and
 * %%EOF last. */
static inline void
sl_test_check_pdf (const char *path,
                   gsize       min_bytes)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  const char *end;
  gboolean startxref = FALSE;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, min_bytes);
  g_assert_true (g_str_has_prefix (data, "%PDF-1."));
  end = data + len;
  while (end > data && g_ascii_isspace (end[-1]))
    end--;
  g_assert_cmpuint (end - data, >, 5);
  g_assert_true (memcmp (end - 5, "%%EOF", 5) == 0);
  /* The file is binary (compressed streams): bytes, not a string search. */
  for (const char *p = data + len - MIN (len, 1024); !startxref && p + 9 <= data + len; p++)
    startxref = memcmp (p, "startxref", 9) == 0;
  g_assert_true (startxref);
}
