/* sl-cmd-common.c: one-line errors and session compilation for the
 * headless subcommands. */
#include "sl-config.h"

#include "sl-cmd-common.h"

#include <stdio.h>

int
sl_cmd_fail (const char *command,
             const char *format,
             ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  /* One line, whatever the message holds. */
  g_strdelimit (msg, "\n\r", ' ');
  fprintf (stderr, "spinelab: %s: %s\n", command, msg);
  return 1;
}

gboolean
sl_cmd_compile_session (const SlSession  *session,
                        const char       *file,
                        SlModel         **model,
                        SlProtocol      **protocol,
                        GError          **error)
{
  g_autoptr(SlMorphology) morph = NULL;
  g_autoptr(SlModel) m = NULL;
  g_autoptr(GError) local = NULL;

  morph = sl_session_load_morphology (session, error);
  if (morph == NULL)
    return FALSE;
  if ((m = sl_model_compile (session->model, morph, &local)) == NULL ||
      (*protocol = sl_protocol_compile (session->protocol, m, &local)) == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", file);
      return FALSE;
    }
  *model = g_steal_pointer (&m);
  return TRUE;
}
