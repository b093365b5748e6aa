/* sl-commands.h: the headless subcommands of the spinelab executable.
 *
 * Each subcommand lives in its own app/sl-cmd-NAME.c, takes the arguments
 * after its name (argv[0] is the subcommand name) and returns the process
 * exit status.  Errors are printed as one line on stderr.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef int (*SlCommandFunc) (int argc, char **argv);

typedef struct
{
  const char    *name;
  SlCommandFunc  func;
  const char    *summary;
} SlCommand;

int sl_cmd_info (int argc, char **argv);
int sl_cmd_run (int argc, char **argv);
int sl_cmd_validate (int argc, char **argv);
int sl_cmd_generate_cells (int argc, char **argv);
int sl_cmd_bench (int argc, char **argv);
int sl_cmd_export (int argc, char **argv);

int sl_cmd_figure (int argc, char **argv);
int sl_cmd_movie (int argc, char **argv);
int sl_cmd_sweep (int argc, char **argv);
int sl_cmd_calibrate (int argc, char **argv);

G_END_DECLS
