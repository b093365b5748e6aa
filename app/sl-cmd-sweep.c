/* sl-cmd-sweep.c: `spinelab sweep SESSION --param NAME --values
 * A:B:STEP|v1,v2,… [--out FILE.csv] [--plot FILE.(png|svg|pdf)]
 * [--tstop MS] [--threads N]`.
 *
 * Runs the session once per value on every core (sl-sweep.h), prints
 * "sweep: DONE/TOTAL points" on stderr as points finish ('\r'-updated on a
 * terminal, one line each otherwise) and writes the result table as CSV
 * (to stdout without --out) and optionally its plot.
 */
#include "sl-config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "sl-cmd-common.h"
#include "sl-commands.h"
#include "sl-session.h"
#include "sl-sweep-plot.h"
#include "sl-sweep.h"

static void
print_usage (FILE *out)
{
  fprintf (out,
           "Usage: spinelab sweep SESSION --param NAME --values A:B:STEP|v1,v2,…\n"
           "                      [--out FILE.csv] [--plot FILE.(png|svg|pdf)]\n"
           "                      [--tstop MS] [--threads N]\n\n"
           "Runs the session once per value of a parameter, all points in parallel,\n"
           "and writes one CSV row per point: the value, soma_spikes, mean_w_ratio,\n"
           "then ID:w_ratio and ID:ca_peak_uM of every stimulated or recorded spine.\n\n"
           "Parameters: delta_t (ms, pairing offset), frequency (Hz, regular and\n"
           "Poisson trains), spine_distance (µm between the first two spines),\n"
           "ca_o (mM), model.FIELD, calcium.FIELD, synapse.FIELD, geometry.FIELD,\n"
           "spine.ID.FIELD, rule.TARGET.PARAM, mechanism.REGION.MECH.PARAM,\n"
           "protocol.FIELD, stimulus.NAME.FIELD (see engine/protocol/sl-sweep.h).\n");
}

typedef struct
{
  gboolean tty;
  guint    last;
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer data)
{
  Progress *p = data;

  if (done == p->last)
    return;
  p->last = done;
  if (p->tty)
    fprintf (stderr, "\rsweep: %u/%u points%s", done, total, done == total ? "\n" : "");
  else
    fprintf (stderr, "sweep: %u/%u points\n", done, total);
  fflush (stderr);
}

static gboolean
write_csv (const SlSweepResult *r,
           const char          *path,
           GError             **error)
{
  g_autofree char *csv = NULL;

  if (path != NULL && strcmp (path, "-") != 0)
    return sl_sweep_result_write_csv (r, path, error);
  csv = sl_sweep_result_to_csv (r);
  if (fputs (csv, stdout) < 0 || fflush (stdout) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "cannot write the CSV to standard output");
      return FALSE;
    }
  return TRUE;
}

int
sl_cmd_sweep (int    argc,
              char **argv)
{
  const char *file = NULL, *param = NULL, *values_text = NULL;
  const char *out_path = NULL, *plot_path = NULL;
  double tstop = 0;
  guint threads = 0, n_values = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (SlSession) session = NULL;
  g_autoptr (SlSweepResult) result = NULL;
  g_autofree double *values = NULL;
  g_autofree char *title = NULL;
  Progress progress = { isatty (STDERR_FILENO), 0 };

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const char **target = NULL;

      if (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0)
        {
          print_usage (stdout);
          return 0;
        }
      if (strcmp (arg, "--param") == 0)
        target = &param;
      else if (strcmp (arg, "--values") == 0)
        target = &values_text;
      else if (strcmp (arg, "--out") == 0 || strcmp (arg, "-o") == 0)
        target = &out_path;
      else if (strcmp (arg, "--plot") == 0)
        target = &plot_path;
      if (target != NULL)
        {
          if (++i >= argc)
            return sl_cmd_fail ("sweep", "%s needs a value", arg);
          *target = argv[i];
        }
      else if (strcmp (arg, "--tstop") == 0 || strcmp (arg, "--threads") == 0)
        {
          char *end = NULL;
          double v;

          if (++i >= argc)
            return sl_cmd_fail ("sweep", "%s needs a number", arg);
          v = g_ascii_strtod (argv[i], &end);
          if (end == argv[i] || *end != '\0' || !isfinite (v) || v <= 0 ||
              (arg[2] == 'h' && (v != floor (v) || v > 1024)))
            return sl_cmd_fail ("sweep", "%s needs a positive %s (got '%s')", arg,
                                arg[2] == 'h' ? "whole number up to 1024" : "number of ms", argv[i]);
          if (arg[2] == 'h')
            threads = (guint) v;
          else
            tstop = v;
        }
      else if (arg[0] == '-' && arg[1] != '\0')
        return sl_cmd_fail ("sweep", "unknown option %s (spinelab sweep --help)", arg);
      else if (file != NULL)
        return sl_cmd_fail ("sweep", "more than one session given");
      else
        file = arg;
    }
  if (file == NULL)
    return sl_cmd_fail ("sweep", "no session given (spinelab sweep SESSION --param NAME --values A:B:STEP)");
  if (param == NULL)
    return sl_cmd_fail ("sweep", "no parameter given (--param delta_t, frequency, spine_distance, ca_o, …)");
  if (values_text == NULL)
    return sl_cmd_fail ("sweep", "no values given (--values A:B:STEP or v1,v2,…)");
  if ((values = sl_sweep_parse_values (values_text, &n_values, &error)) == NULL)
    return sl_cmd_fail ("sweep", "--values: %s", error->message);

  session = sl_session_load (file, &error);
  if (session == NULL)
    return sl_cmd_fail ("sweep", "%s", error->message);
  if (tstop > 0)
    session->protocol->tstop = tstop;

  result = sl_sweep_run (session, param, values, n_values, threads, NULL, on_progress, &progress,
                         &error);
  if (result == NULL)
    return sl_cmd_fail ("sweep", "%s: %s", file, error->message);
  if (result->thresholds_remeasured)
    fprintf (stderr, "sweep: the Chindemi thresholds (C_pre, C_post) were re-measured at each "
             "point's Ca_o (models.md §2.4)\n");
  if (!write_csv (result, out_path, &error))
    return sl_cmd_fail ("sweep", "%s", error->message);
  if (plot_path != NULL)
    {
      g_autofree char *base = g_path_get_basename (file);

      title = g_strdup_printf ("%s — sweep of %s", session->title ? session->title : base, param);
      if (!sl_sweep_plot_write (result, title, plot_path, 640, 480, &error))
        return sl_cmd_fail ("sweep", "%s", error->message);
    }
  return 0;
}
