/* main.c: the spinelab executable.
 *
 * Without a subcommand (or with a file as the only argument) it starts the
 * GTK application; with a subcommand it runs headless and never touches a
 * display.
 */
#include "sl-config.h"

#include <locale.h>
#include <string.h>
#include <stdio.h>

#include <glib.h>

#include "sl-commands.h"

#ifdef SL_HAVE_GUI
int sl_gui_main (int argc, char **argv);
#endif

static const SlCommand commands[] = {
  { "info", sl_cmd_info, "Load a morphology or session and print a summary" },
  { "run", sl_cmd_run, "Run a session headless and write its recordings as CSV" },
  { "validate", sl_cmd_validate, "Run the validation experiments and print expected vs measured" },
  { "generate-cells", sl_cmd_generate_cells, "Regenerate the bundled cells (morphologies/)" },
  { "bench", sl_cmd_bench, "Print engine speed on the bundled cells" },
  { "export", sl_cmd_export, "Write the model for another simulator (--format neuron)" },
  { "figure", sl_cmd_figure, "Run a session headless and draw its figure (PNG, SVG, PDF)" },
  { "movie", sl_cmd_movie, "Run a session headless and write a movie (WebM or PNGs)" },
  { "sweep", sl_cmd_sweep, "Run a session over a parameter range in parallel (CSV, plot)" },
  { "calibrate", sl_cmd_calibrate, "Re-measure the Chindemi thresholds (C_pre, C_post) at a Ca_o" },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "Usage: spinelab [FILE]\n"
                "       spinelab COMMAND [OPTIONS…]\n\n"
                "Commands:\n");
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\nWithout a command, SpineLab opens its window (on FILE if given).\n");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  /* Numbers in files and on stdout use '.' whatever the user's locale. */
  setlocale (LC_NUMERIC, "C");

  if (argc >= 2)
    {
      if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
          strcmp (argv[1], "help") == 0)
        {
          print_usage (stdout);
          return 0;
        }
      if (strcmp (argv[1], "--version") == 0)
        {
          printf ("spinelab %s\n", SL_VERSION);
          return 0;
        }
      for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
        if (strcmp (argv[1], commands[i].name) == 0)
          return commands[i].func (argc - 1, argv + 1);
    }

#ifdef SL_HAVE_GUI
  return sl_gui_main (argc, argv);
#else
  fprintf (stderr, "spinelab: built without the user interface; use a command (spinelab --help)\n");
  return 2;
#endif
}
