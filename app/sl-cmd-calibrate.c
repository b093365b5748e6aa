/* sl-cmd-calibrate.c: `spinelab calibrate SESSION [--ca-o MM] [--out FILE]`.
 *
 * Measures C_pre and C_post of every Chindemi synapse of the session at
 * its Ca_o, or at MM (models.md §3.2 (d); sl_chindemi_calibrate), and
 * prints one row per spine: id, distance from the soma, C_pre, C_post,
 * θ_d, θ_p.  --out writes the session with that Ca_o and those values
 * (replaced atomically).  Errors: one line on stderr, exit 1 (2 for bad
 * usage).
 */
#include "sl-config.h"

#include <stdio.h>

#include <glib.h>

#include "sl-chindemi-calibrate.h"
#include "sl-cmd-common.h"
#include "sl-commands.h"
#include "sl-session.h"

int
sl_cmd_calibrate (int    argc,
                  char **argv)
{
  double ca_o = 0.0;
  g_autofree char *ca_text = NULL;
  g_autofree char *out = NULL;
  g_auto (GStrv) rest = NULL;
  g_autoptr (GOptionContext) ctx = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SlSession) session = NULL;
  g_autoptr (SlChindemiCalibration) cal = NULL;
  const GOptionEntry entries[] = {
    { "ca-o", 0, 0, G_OPTION_ARG_STRING, &ca_text, "Extracellular calcium, mM (default: the session's)", "MM" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, "Write the session with the new Ca_o and thresholds", "FILE" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, "SESSION" },
    { NULL }
  };

  ctx = g_option_context_new (NULL);
  g_option_context_set_summary (ctx, "Measure C_pre and C_post of the session's Chindemi synapses at its\n"
                                     "extracellular calcium (or --ca-o) and print the thresholds\n"
                                     "θ_d = a_d,pre·C_pre + a_d,post·C_post, θ_p likewise (mM·ms).");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return sl_cmd_fail ("calibrate", "%s", error->message) + 1;
  if (rest == NULL || rest[0] == NULL || rest[1] != NULL)
    return sl_cmd_fail ("calibrate", "expected one SESSION file (see --help)") + 1;
  if (ca_text != NULL)
    {
      char *end = NULL;

      ca_o = g_ascii_strtod (ca_text, &end);
      if (end == ca_text || *end != '\0' || !(ca_o > 0.0))
        return sl_cmd_fail ("calibrate", "--ca-o %s: expected a positive number of mM", ca_text) + 1;
    }

  session = sl_session_load (rest[0], &error);
  if (session == NULL)
    return sl_cmd_fail ("calibrate", "%s", error->message);
  cal = sl_chindemi_calibrate (session, ca_o, NULL, NULL, NULL, &error);
  if (cal == NULL)
    return sl_cmd_fail ("calibrate", "%s: %s", rest[0], error->message);

  printf ("# %s at Ca_o %g mM; C_post pulse %g ms, %.4f nA (%.2f × threshold %.4f nA)\n",
          rest[0], cal->ca_o, cal->ap_dur, cal->ap_amp, cal->ap_amp / cal->ap_threshold, cal->ap_threshold);
  printf ("%-12s %10s %14s %14s %14s %14s\n", "spine", "distance_um", "c_pre_mM_ms",
          "c_post_mM_ms", "theta_d", "theta_p");
  for (guint i = 0; i < cal->spines->len; i++)
    {
      const SlChindemiCalSpine *sp = &g_array_index (cal->spines, SlChindemiCalSpine, i);

      printf ("%-12s %10.1f %14.6g %14.6g %14.6g %14.6g\n", sp->id, sp->distance, sp->c_pre,
              sp->c_post, sp->theta_d, sp->theta_p);
    }
  if (fflush (stdout) != 0)
    return 1;
  if (out != NULL)
    {
      g_autoptr (SlSession) calibrated = sl_chindemi_calibration_apply (session, cal);

      if (!sl_session_save (calibrated, out, &error))
        return sl_cmd_fail ("calibrate", "%s", error->message);
    }
  return 0;
}
