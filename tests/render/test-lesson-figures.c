/* test-lesson-figures.c: `spinelab figure` (program path in argv[1]) makes
 * a valid PNG, SVG and PDF of every bundled lesson in resources/lessons/
 * (short runs: --tstop 5 ms; the drawing code is the same at any
 * length).  Valid means: PNG signature, IHDR of the documented 2× size
 * (900 × 560 points → 1800 × 1120 pixels) and an IEND chunk at the end; SVG
 * parsed by libxml2 with an <svg> root; PDF header, startxref and %%EOF
 * trailer. */
#include "../sl-test-files.h"
#include "../sl-test-program.h"

#include <glib/gstdio.h>

static const char *spinelab;

static const char * const lessons[] = {
  "two-rules-one-neuron", "temporal-derivative", "neighbours-talk",
  "input-order", "in-vitro-vs-in-vivo", "in-vivo", "bap-attenuation",
  "dendritic-location",
};

/* One run, three files (--out repeated). */
static void
make_figures (const char *session,
              const char *png,
              const char *svg,
              const char *pdf)
{
  const char *args[] = { "figure", session, "--out", png, "--out", svg, "--out", pdf,
                         "--tstop", "5", NULL };
  g_autofree char *out = NULL, *err = NULL;

  if (sl_test_run_program (spinelab, args, NULL, &out, &err) != 0)
    g_error ("spinelab figure %s failed: %s", session, err);
}

static guint32
be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static void
check_png (const char *path)
{
  g_autofree guint8 *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, (char **) &data, &len, NULL));
  g_assert_cmpuint (len, >, 20000);
  g_assert_true (memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0);
  g_assert_true (memcmp (data + 12, "IHDR", 4) == 0);
  g_assert_cmpuint (be32 (data + 16), ==, 1800);
  g_assert_cmpuint (be32 (data + 20), ==, 1120);
  /* Last chunk: length 0, "IEND", CRC. */
  g_assert_true (memcmp (data + len - 8, "IEND", 4) == 0);
}

static void
test_lesson_figures (void)
{
  const char *source = g_getenv ("SL_SOURCE_DIR");
  g_autofree char *dir = g_dir_make_tmp ("sl-lesson-fig-XXXXXX", NULL);

  g_assert_nonnull (source);
  for (gsize i = 0; i < G_N_ELEMENTS (lessons); i++)
    {
      g_autofree char *name = g_strconcat (lessons[i], ".spinelab", NULL);
      g_autofree char *session = g_build_filename (source, "resources", "lessons", name, NULL);
      g_autofree char *png = g_strdup_printf ("%s/%s.png", dir, lessons[i]);
      g_autofree char *svg = g_strdup_printf ("%s/%s.svg", dir, lessons[i]);
      g_autofree char *pdf = g_strdup_printf ("%s/%s.pdf", dir, lessons[i]);

      g_test_message ("%s", lessons[i]);
      make_figures (session, png, svg, pdf);
      check_png (png);
      sl_test_check_svg (svg);
      sl_test_check_pdf (pdf, 5000);
      g_unlink (png);
      g_unlink (svg);
      g_unlink (pdf);
    }
  g_rmdir (dir);
}

/* Every lesson of resources/lessons/ is in the list above, so a new one
 * is not left out. */
static void
test_lesson_list (void)
{
  const char *source = g_getenv ("SL_SOURCE_DIR");
  g_autofree char *path = g_build_filename (source, "resources", "lessons", NULL);
  g_autoptr (GDir) d = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".spinelab"))
      {
        gboolean listed = FALSE;

        for (gsize i = 0; i < G_N_ELEMENTS (lessons); i++)
          listed |= strncmp (name, lessons[i], strlen (name) - strlen (".spinelab")) == 0 &&
                    strlen (lessons[i]) == strlen (name) - strlen (".spinelab");
        if (!listed)
          g_error ("lesson %s is not in the figure test's list", name);
        n++;
      }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (lessons));
}

int
main (int    argc,
      char **argv)
{
  spinelab = sl_test_program_init (&argc, &argv);
  g_test_add_func ("/render/lesson-figures/list", test_lesson_list);
  g_test_add_func ("/render/lesson-figures/png-svg-pdf", test_lesson_figures);
  return g_test_run ();
}
