/* sl-cmd-validate.c: `spinelab validate [NAME…] [--list]` runs the
 * validation experiments of models.md and prints, per experiment, a table
 * of quantity, expected, measured, tolerance and pass/fail.  Exit status 1
 * when any experiment fails, 2 on bad arguments. */
#include "sl-config.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "sl-commands.h"
#include "sl-validate.h"

int
sl_cmd_validate (int    argc,
                 char **argv)
{
  gboolean list = FALSE;
  g_auto(GStrv) names = NULL;
  GOptionEntry entries[] = {
    { "list", 'l', 0, G_OPTION_ARG_NONE, &list, "List the experiments and exit", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &names, NULL, "[NAME…]" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("[NAME…] — run the validation experiments");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) selected = g_ptr_array_new ();
  g_autoptr(GPtrArray) with_findings = g_ptr_array_new ();
  const SlValidateExperiment * const *all;
  guint n_all, n_failed = 0;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      fprintf (stderr, "spinelab validate: %s\n", error->message);
      return 2;
    }

  all = sl_validate_list (&n_all);
  if (list)
    {
      for (guint i = 0; i < n_all; i++)
        printf ("%-8s %s\n", all[i]->name, all[i]->title);
      return 0;
    }
  if (names != NULL && names[0] != NULL)
    for (guint i = 0; names[i] != NULL; i++)
      {
        const SlValidateExperiment *exp = sl_validate_lookup (names[i], &error);

        if (exp == NULL)
          {
            fprintf (stderr, "spinelab validate: %s\n", error->message);
            return 2;
          }
        g_ptr_array_add (selected, (gpointer) exp);
      }
  else
    for (guint i = 0; i < n_all; i++)
      g_ptr_array_add (selected, (gpointer) all[i]);

  for (guint i = 0; i < selected->len; i++)
    {
      const SlValidateExperiment *exp = g_ptr_array_index (selected, i);
      g_autoptr(SlValidateResult) r = sl_validate_run (exp);


      sl_validate_result_print (r, exp->title, stdout);
      fputc ('\n', stdout);
      fflush (stdout);
      if (!sl_validate_result_passed (r))
        n_failed++;
      else if (sl_validate_result_n_findings (r) > 0)
        g_ptr_array_add (with_findings, (gpointer) exp->name);
    }
  printf ("%u of %u experiments passed\n", selected->len - n_failed, selected->len);
  if (with_findings->len > 0)
    {
      printf ("published claims not reproduced (FINDING, explained under each):");
      for (guint i = 0; i < with_findings->len; i++)
        printf (" %s", (const char *) g_ptr_array_index (with_findings, i));
      printf ("\n");
    }
  return n_failed > 0 ? 1 : 0;
}
