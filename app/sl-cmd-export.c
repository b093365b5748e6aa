/* sl-cmd-export.c: `spinelab export SESSION --format neuron [--out FILE]`.
 *
 * Loads the session, compiles its model and protocol exactly as
 * `spinelab run` does, and writes the model for another simulator.  Only
 * the NEURON (Python) format exists so far; without --out the script goes
 * to stdout.  Errors: one line on stderr, exit 1 (2 for bad usage).
 */
#include "sl-config.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "sl-commands.h"
#include "sl-export-neuron.h"
#include "sl-generator.h"
#include "sl-model.h"
#include "sl-morphology.h"
#include "sl-protocol.h"
#include "sl-session.h"

static SlMorphology *
load_morphology (const char  *ref,
                 GError     **error)
{
  if (g_str_has_prefix (ref, "bundled:"))
    return sl_bundled_cell_new (ref + strlen ("bundled:"), error);
  return sl_morphology_new_from_file (ref, error);
}

int
sl_cmd_export (int    argc,
               char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *out = NULL;
  g_auto (GStrv) rest = NULL;
  g_autoptr (GOptionContext) ctx = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SlSession) session = NULL;
  g_autoptr (SlMorphology) morph = NULL;
  g_autoptr (SlModel) model = NULL;
  g_autoptr (SlProtocol) protocol = NULL;
  g_autofree char *text = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "Target format: neuron", "FORMAT" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, "Output file (default: stdout)", "FILE" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, "SESSION" },
    { NULL }
  };

  ctx = g_option_context_new ("SESSION --format neuron");
  g_option_context_set_summary (ctx, "Write the session's compiled model for another simulator.\n"
                                     "neuron: a self-contained Python script for NEURON 8 that builds the\n"
                                     "same cell, runs the same protocol and writes the recordings as CSV.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      fprintf (stderr, "spinelab export: %s\n", error->message);
      return 2;
    }
  if (rest == NULL || rest[0] == NULL || rest[1] != NULL)
    {
      fprintf (stderr, "spinelab export: expected one SESSION file (see --help)\n");
      return 2;
    }
  if (format == NULL || strcmp (format, "neuron") != 0)
    {
      fprintf (stderr, "spinelab export: --format %s is not supported (supported: neuron)\n",
               format ? format : "(missing)");
      return 2;
    }

  session = sl_session_load (rest[0], &error);
  if (session == NULL ||
      (morph = load_morphology (session->model->morphology, &error)) == NULL ||
      (model = sl_model_compile (session->model, morph, &error)) == NULL ||
      (protocol = sl_protocol_compile (session->protocol, model, &error)) == NULL)
    {
      fprintf (stderr, "spinelab export: %s\n", error->message);
      return 1;
    }

  if (out != NULL)
    {
      if (!sl_export_neuron_file (model, protocol, rest[0], out, &error))
        {
          fprintf (stderr, "spinelab export: %s\n", error->message);
          return 1;
        }
      return 0;
    }
  text = sl_export_neuron_script (model, protocol, rest[0], &error);
  if (text == NULL)
    {
      fprintf (stderr, "spinelab export: %s\n", error->message);
      return 1;
    }
  fputs (text, stdout);
  return fflush (stdout) == 0 ? 0 : 1;
}
