/* sl-cmd-run.c: `spinelab run SESSION [--out FILE.csv] [--tstop MS] [--dt MS]
 * [--spines FILE.csv]`.
 *
 * Loads the session and its morphology, compiles model and protocol,
 * steps to tstop and writes the recordings as CSV: a header
 * "t,<name>,…" then one row per record_interval from t = 0, t in ms,
 * numbers with '.' whatever the locale.  Without --out the CSV goes to
 * stdout.  --spines also writes the per-spine table at tstop
 * (sl-spine-table.h: spine_id,region,path_distance_um,w0,w,dw); a session
 * that records nothing may then be run for its table alone.  Any error:
 * one line on stderr, exit status 1.
 */
#include "sl-config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "sl-cmd-common.h"
#include "sl-commands.h"
#include "sl-model.h"
#include "sl-protocol.h"
#include "sl-session.h"
#include "sl-session-run.h"
#include "sl-spine-table.h"
#include "sl-state.h"

#define SL_RUN_MAX_RECORD_BYTES (512.0 * 1024 * 1024)

static gboolean
parse_ms (const char *option,
          const char *text,
          double     *out,
          GError    **error)
{
  char *end = NULL;
  double v = text ? g_ascii_strtod (text, &end) : NAN;

  if (text == NULL || end == text || *end != '\0' || !isfinite (v) || v <= 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s needs a positive number of ms (got '%s')", option, text ? text : "");
      return FALSE;
    }
  *out = v;
  return TRUE;
}

/* A regular file (or a new one) is replaced atomically; anything else
 * (stdout, /dev/null, a pipe) is written in place, never renamed over. */
static gboolean
write_output (const char  *path,
              GString     *csv,
              GError     **error)
{
  FILE *f;
  gboolean ok;

  if (path != NULL && strcmp (path, "-") != 0 &&
      (!g_file_test (path, G_FILE_TEST_EXISTS) ||
       g_file_test (path, G_FILE_TEST_IS_REGULAR)))
    return g_file_set_contents (path, csv->str, csv->len, error);

  f = path == NULL || strcmp (path, "-") == 0 ? stdout : fopen (path, "w");
  if (f == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot open %s", path);
      return FALSE;
    }
  ok = fwrite (csv->str, 1, csv->len, f) == csv->len && fflush (f) == 0;
  if (f != stdout)
    ok = fclose (f) == 0 && ok;
  if (!ok)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "cannot write the CSV to %s",
                 path ? path : "standard output");
  return ok;
}

static void
print_usage (FILE *out)
{
  fprintf (out,
           "Usage: spinelab run SESSION [--out FILE.csv] [--tstop MS] [--dt MS]\n"
           "                            [--spines FILE.csv]\n\n"
           "Runs a session headless and writes its recordings as CSV (header\n"
           "t,<name>,…; t in ms; one row per record_interval).  Without --out\n"
           "the CSV goes to standard output.  --spines writes the table of every\n"
           "spine at the end (spine_id,region,path_distance_um,w0,w,dw).\n");
}

int
sl_cmd_run (int    argc,
            char **argv)
{
  const char *file = NULL;
  const char *out_path = NULL, *spines_path = NULL;
  double tstop = 0, dt = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (SlSession) session = NULL;
  g_autoptr (SlSessionRun) run = NULL;
  g_autoptr (GString) csv = NULL;

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
            return sl_cmd_fail ("run", "%s needs a file name", arg);
          out_path = argv[i];
        }
      else if (strcmp (arg, "--spines") == 0)
        {
          if (++i >= argc)
            return sl_cmd_fail ("run", "%s needs a file name", arg);
          spines_path = argv[i];
        }
      else if (strcmp (arg, "--tstop") == 0 || strcmp (arg, "--dt") == 0)
        {
          if (!parse_ms (arg, i + 1 < argc ? argv[i + 1] : NULL,
                         arg[2] == 't' && arg[3] == 's' ? &tstop : &dt, &error))
            return sl_cmd_fail ("run", "%s", error->message);
          i++;
        }
      else if (arg[0] == '-' && arg[1] != '\0')
        return sl_cmd_fail ("run", "unknown option %s (spinelab run --help)", arg);
      else if (file != NULL)
        return sl_cmd_fail ("run", "more than one session given");
      else
        file = arg;
    }
  if (file == NULL)
    return sl_cmd_fail ("run", "no session given (spinelab run SESSION [--out FILE.csv])");

  session = sl_session_load (file, &error);
  if (session == NULL)
    return sl_cmd_fail ("run", "%s", error->message);
  if (tstop > 0)
    session->protocol->tstop = tstop;
  if (dt > 0)
    session->protocol->dt = dt;
  if (!sl_protocol_spec_validate (session->protocol, &error))
    return sl_cmd_fail ("run", "%s: %s", file, error->message);
  if (session->protocol->recordings->len == 0 && (spines_path == NULL || out_path != NULL))
    return sl_cmd_fail ("run", "%s: the session records nothing (add a <recording>)", file);
  {
    /* One row per record_interval means a whole number of steps. */
    const SlProtocolSpec *p = session->protocol;
    double steps = p->record_interval / p->dt;

    if (steps < 1 - 1e-9 || fabs (steps - floor (steps + 0.5)) > 1e-6 * steps)
      return sl_cmd_fail ("run", "%s: record_interval %g ms is not a whole number of steps of dt %g ms",
                   file, p->record_interval, p->dt);
  }
  {
    /* The recorder holds every row in memory; refuse what would not fit
     * rather than abort in malloc. */
    const SlProtocolSpec *p = session->protocol;
    double rows = floor (p->tstop / MAX (p->record_interval, p->dt)) + 1;
    double bytes = rows * (1 + p->recordings->len) * sizeof (double);

    if (bytes > SL_RUN_MAX_RECORD_BYTES)
      return sl_cmd_fail ("run", "%s: recording %.0f rows of %u columns needs %.1f GB; raise record_interval "
                   "or lower tstop", file, rows, p->recordings->len + 1, bytes / 1e9);
  }

  run = sl_session_run_headless (session, NULL, file, 0, &error);
  if (run == NULL)
    return sl_cmd_fail ("run", "%s", error->message);
  {
    g_autoptr(GPtrArray) inert = sl_model_inert_rules (run->model);

    for (guint i = 0; i < inert->len; i++)
      fprintf (stderr, "spinelab: run: %s: warning: %s\n", file,
               (const char *) g_ptr_array_index (inert, i));
  }

  if (spines_path != NULL &&
      !sl_spine_table_write_csv (run->model, run->w0, run->state->w, spines_path, &error))
    return sl_cmd_fail ("run", "%s", error->message);
  if (session->protocol->recordings->len == 0)
    return 0;
  csv = sl_recorder_format_csv (run->recorder);
  if (!write_output (out_path, csv, &error))
    return sl_cmd_fail ("run", "%s", error->message);
  return 0;
}
