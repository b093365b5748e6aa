/* test-validate.c: one test per registered validation experiment
 * (/validation/NAME); each asserts that the experiment passes, printing
 * its table on failure. */
#include <stdio.h>

#include "sl-validate.h"

static void
run_one (gconstpointer data)
{
  const SlValidateExperiment *exp = data;
  g_autoptr(SlValidateResult) r = sl_validate_run (exp);

  if (!sl_validate_result_passed (r) || g_test_verbose ())
    sl_validate_result_print (r, exp->title, stderr);
  /* g_test_fail, not an assertion: one failing experiment must not stop
   * the ones registered after it */
  if (!r->ran || !sl_validate_result_passed (r))
    g_test_fail ();
}

int
main (int argc, char **argv)
{
  guint n;
  const SlValidateExperiment * const *all;

  g_test_init (&argc, &argv, NULL);
  all = sl_validate_list (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("/validation/%s", all[i]->name);

      g_test_add_data_func (path, all[i], run_one);
    }
  return g_test_run ();
}
