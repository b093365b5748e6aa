/* sl-cmd-figure.c: `spinelab figure SESSION --out FILE.(png|svg|pdf)
 * [--out FILE…] [--tstop MS] [--color dw|w|ca|v]`.
 *
 * Runs the session headless and draws its figure with the same code as
 * the window's export: the morphology coloured by Δw (or another
 * variable) with a colour bar, beside the traces of the recordings.
 * Several --out write the same run in several formats.
 */
#include "sl-config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "sl-cmd-common.h"
#include "sl-commands.h"
#include "sl-figure.h"
#include "sl-model.h"
#include "sl-protocol.h"
#include "sl-session.h"
#include "sl-session-run.h"
#include "sl-state.h"

static void
print_usage (FILE *out)
{
  fprintf (out,
           "Usage: spinelab figure SESSION --out FILE.(png|svg|pdf) [--out FILE…] [--tstop MS]\n"
           "                       [--color dw|w|ca|v]\n\n"
           "Runs a session headless and draws its figure: A, the morphology coloured\n"
           "by the chosen variable at the end of the run (default Δw) with a colour\n"
           "bar; B, the recorded traces, one plot per variable.  Several --out\n"
           "write the same run in several formats.\n");
}

int
sl_cmd_figure (int    argc,
               char **argv)
{
  const char *file = NULL;
  g_autoptr (GPtrArray) out_paths = g_ptr_array_new ();
  double tstop = 0;
  SlFigureColor color = SL_FIGURE_COLOR_DW;
  g_autoptr (GError) error = NULL;
  g_autoptr (SlSession) session = NULL;
  g_autoptr (SlSessionRun) run = NULL;
  g_autofree char *title = NULL;

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0)
        {
          print_usage (stdout);
          return 0;
        }
      else if (strcmp (arg, "--out") == 0 || strcmp (arg, "-o") == 0)
        {
          if (++i >= argc)
            return sl_cmd_fail ("figure", "%s needs a file name", arg);
          g_ptr_array_add (out_paths, argv[i]);
        }
      else if (strcmp (arg, "--tstop") == 0)
        {
          char *end = NULL;
          if (++i >= argc)
            return sl_cmd_fail ("figure", "--tstop needs a number of ms");
          tstop = g_ascii_strtod (argv[i], &end);
          if (end == argv[i] || *end != '\0' || !isfinite (tstop) || tstop <= 0)
            return sl_cmd_fail ("figure", "--tstop needs a positive number of ms (got '%s')", argv[i]);
        }
      else if (strcmp (arg, "--color") == 0 || strcmp (arg, "--colour") == 0)
        {
          if (++i >= argc || !sl_figure_color_from_string (argv[i], &color))
            return sl_cmd_fail ("figure", "--color takes dw, w, ca or v");
        }
      else if (arg[0] == '-' && arg[1] != '\0')
        return sl_cmd_fail ("figure", "unknown option %s (spinelab figure --help)", arg);
      else if (file != NULL)
        return sl_cmd_fail ("figure", "more than one session given");
      else
        file = arg;
    }
  if (file == NULL)
    return sl_cmd_fail ("figure", "no session given (spinelab figure SESSION --out FILE.pdf)");
  if (out_paths->len == 0)
    return sl_cmd_fail ("figure", "no output given (--out FILE.png, .svg or .pdf)");

  session = sl_session_load (file, &error);
  if (session == NULL)
    return sl_cmd_fail ("figure", "%s", error->message);
  run = sl_session_run_headless (session, NULL, file, tstop, &error);
  if (run == NULL)
    return sl_cmd_fail ("figure", "%s", error->message);

  if (session->title != NULL)
    title = g_strdup (session->title);
  else
    title = g_path_get_basename (file);
  for (guint i = 0; i < out_paths->len; i++)
    if (!sl_figure_write (g_ptr_array_index (out_paths, i), 900, 560, title, run, color, &error))
      return sl_cmd_fail ("figure", "%s", error->message);
  return 0;
}
