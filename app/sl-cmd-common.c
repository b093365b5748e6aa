/* sl-cmd-common.c: one-line errors and session compilation for the
 * headless subcommands. */
#include "sl-config.h"

#include "sl-cmd-common.h"
#include "sl-session-run.h"

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
  return sl_session_compile (session, NULL, file, model, protocol, error);
}
