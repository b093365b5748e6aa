/* sl-cmd-common.h: what the headless subcommands share. */
#pragma once

#include <glib.h>

#include "sl-model.h"
#include "sl-protocol.h"
#include "sl-session.h"

G_BEGIN_DECLS

/* Prints "spinelab: COMMAND: message" as one line on stderr (newlines in
 * the message become spaces) and returns the exit status 1. */
int      sl_cmd_fail            (const char  *command,
                                 const char  *format,
                                 ...) G_GNUC_PRINTF (2, 3);

/* Loads the session's morphology and compiles its model and protocol;
 * errors are prefixed with the session's file name. */
gboolean sl_cmd_compile_session (const SlSession  *session,
                                 const char       *file,
                                 SlModel         **model,
                                 SlProtocol      **protocol,
                                 GError          **error);

G_END_DECLS
