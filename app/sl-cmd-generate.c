/* sl-cmd-generate.c: `spinelab generate-cells [--out DIR] [--list] [NAME…]`
 *
 * Regenerates the bundled cells (all of them, or the NAMEs given) as
 * DIR/NAME.swc, plus DIR/NAME.cell.nml for the one also shipped as
 * NeuroML2.  DIR defaults to morphologies/ in the source tree, where the
 * files are checked in; a test compares them with the generator.
 */
#include "sl-config.h"

#include <errno.h>
#include <stdio.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "sl-commands.h"
#include "sl-generator.h"

static void
print_summary (const char *name)
{
  g_autoptr(SlMorphology) m = sl_bundled_cell_new (name, NULL);

  if (m == NULL)
    return;
  printf ("%-20s %5d points %4d sections  %8.1f µm of neurite:", name, m->n_points,
          m->n_sections, sl_morphology_total_length (m));
  for (int k = 0; k < m->n_regions; k++)
    if (m->regions[k].type > 1)  /* the type regions, soma excluded */
      printf (" %s %.1f", m->regions[k].name, m->regions[k].length);
  printf ("\n");
}

int
sl_cmd_generate_cells (int    argc,
                       char **argv)
{
  g_autofree char *out = NULL;
  gboolean list = FALSE;
  g_auto(GStrv) names = NULL;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      "Directory to write to (default: morphologies/ in the source tree)", "DIR" },
    { "list", 'l', 0, G_OPTION_ARG_NONE, &list, "List the bundled cells and exit", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &names, NULL, "[NAME…]" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[NAME…] — write the bundled cells");
  g_autoptr(GError) error = NULL;
  const char * const *which;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "spinelab generate-cells: %s\n", error->message);
      return 1;
    }

  if (list)
    {
      for (const char * const *n = sl_bundled_cell_names (); *n != NULL; n++)
        printf ("%-20s %s\n", *n, sl_bundled_cell_description (*n));
      return 0;
    }

  which = names != NULL ? (const char * const *) names : sl_bundled_cell_names ();
  for (const char * const *n = which; *n != NULL; n++)
    if (sl_bundled_cell_description (*n) == NULL)
      {
        g_autoptr(SlMorphology) m = sl_bundled_cell_new (*n, &error);

        g_assert (m == NULL);
        fprintf (stderr, "spinelab generate-cells: %s\n", error->message);
        return 1;
      }

  if (out == NULL)
    out = g_build_filename (SL_SOURCE_DIR, "morphologies", NULL);
  if (g_mkdir_with_parents (out, 0755) != 0)
    {
      fprintf (stderr, "spinelab generate-cells: %s: cannot create the directory: %s\n",
               out, g_strerror (errno));
      return 1;
    }

  for (const char * const *n = which; *n != NULL; n++)
    {
      if (!sl_bundled_cell_write_files (*n, out, &error))
        {
          fprintf (stderr, "spinelab generate-cells: %s\n", error->message);
          return 1;
        }
      print_summary (*n);
    }
  printf ("written to %s\n", out);
  return 0;
}
