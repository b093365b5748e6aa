/* sl-test-program.h: tests that run the spinelab program, whose path the
 * tests' meson.build passes in argv[1]. */
#pragma once

#include <stdlib.h>
#include <sys/wait.h>

#include <glib.h>

/* g_test_init, then the program's path from argv[1]; without it, a usage
 * line and exit status 1. */
static inline const char *
sl_test_program_init (int    *argc,
                      char ***argv)
{
  g_test_init (argc, argv, NULL);
  if (*argc < 2)
    {
      g_printerr ("usage: %s PATH-TO-SPINELAB\n", (*argv)[0]);
      exit (1);
    }
  return (*argv)[1];
}

/* Runs `program` with `args` (NULL-terminated, after the program) and
 * env_extra (NAME, VALUE, …, NULL; NULL: none) added to the environment.
 * Returns the exit status (128 when killed by a signal) with stdout and
 * stderr in *out and *err (each may be NULL). */
static inline int
sl_test_run_program (const char         *program,
                     const char * const *args,
                     const char * const *env_extra,
                     char              **out,
                     char              **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (GStrv) env = g_get_environ ();
  g_autoptr (GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (char *) program);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  for (guint i = 0; env_extra != NULL && env_extra[i] != NULL; i += 2)
    env = g_environ_setenv (env, env_extra[i], env_extra[i + 1], TRUE);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT,
                               NULL, NULL, out, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128;
}
