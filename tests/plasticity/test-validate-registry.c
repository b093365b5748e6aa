/* test-validate-registry.c: registering, running and judging experiments,
 * and the parallel sweep helper. */
#include <math.h>
#include <string.h>

#include "sl-validate.h"

static gboolean
exp_good (SlValidateResult *r, GError **error)
{
  sl_validate_result_add (r, "x", "1", 1.0, "± 0.1", TRUE);
  sl_validate_result_report (r, "y", "—", 2.0);
  return TRUE;
}

static gboolean
exp_bad (SlValidateResult *r, GError **error)
{
  sl_validate_result_add (r, "x", "1", 1.0, "± 0.1", TRUE);
  sl_validate_result_add (r, "z", "0", 5.0, "± 0.1", FALSE);
  return TRUE;
}

static gboolean
exp_error (SlValidateResult *r, GError **error)
{
  g_set_error (error, SL_VALIDATE_ERROR, SL_VALIDATE_ERROR_FAILED, "no cell");
  return FALSE;
}

static gboolean
exp_nan (SlValidateResult *r, GError **error)
{
  sl_validate_result_add (r, "nan", "1", NAN, "any", TRUE);
  return TRUE;
}

static void
test_register_and_run (void)
{
  g_autoptr(GError) error = NULL;
  const SlValidateExperiment *e;
  guint n0, n1;

  sl_validate_list (&n0);
  sl_validate_register ("T-good", "good", exp_good);
  sl_validate_register ("T-bad", "bad", exp_bad);
  sl_validate_register ("T-error", "error", exp_error);
  sl_validate_register ("T-nan", "nan", exp_nan);
  sl_validate_register ("T-good", "good again", exp_good);   /* replaces */
  sl_validate_list (&n1);
  g_assert_cmpuint (n1, ==, n0 + 4);

  e = sl_validate_lookup ("t-GOOD", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (e->title, ==, "good again");
  {
    g_autoptr(SlValidateResult) r = sl_validate_run (e);

    g_assert_true (sl_validate_result_passed (r));
    g_assert_false (sl_validate_result_row (r, "y")->gated);
  }
  {
    g_autoptr(SlValidateResult) r = sl_validate_run (sl_validate_lookup ("T-bad", NULL));

    g_assert_false (sl_validate_result_passed (r));
  }
  {
    g_autoptr(SlValidateResult) r = sl_validate_run (sl_validate_lookup ("T-error", NULL));

    g_assert_false (r->ran);
    g_assert_false (sl_validate_result_passed (r));
    g_assert_error (r->error, SL_VALIDATE_ERROR, SL_VALIDATE_ERROR_FAILED);
  }
  {
    g_autoptr(SlValidateResult) r = sl_validate_run (sl_validate_lookup ("T-nan", NULL));

    g_assert_false (sl_validate_result_passed (r));
  }
  g_assert_null (sl_validate_lookup ("nope", &error));
  g_assert_error (error, SL_VALIDATE_ERROR, SL_VALIDATE_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "S1"));
}

static void
mark (guint i, gpointer data)
{
  gint *hits = data;

  g_atomic_int_inc (&hits[i]);
}

static void
test_parallel_for (void)
{
  gint hits[1000] = { 0 };

  sl_validate_parallel_for (G_N_ELEMENTS (hits), mark, hits);
  for (guint i = 0; i < G_N_ELEMENTS (hits); i++)
    g_assert_cmpint (hits[i], ==, 1);
  sl_validate_parallel_for (0, mark, hits);
}

static gboolean
with_finding (SlValidateResult  *r,
              GError           **error)
{
  sl_validate_result_add (r, "gated", "1", 1.0, "exact", TRUE);
  sl_validate_result_add_finding (r, "claim", "> 1", 0.5, NULL, "> 1", FALSE,
                                  "measured reason");
  sl_validate_result_add_finding (r, "claim met", "> 1", 2.0, NULL, "> 1", TRUE,
                                  "measured reason");
  return TRUE;
}

/* A finding is reported with its reason, counted, never gated; a gated
 * failure still fails the experiment. */
static void
test_findings (void)
{
  SlValidateExperiment exp = { "F", "findings", with_finding };
  g_autoptr(SlValidateResult) r = sl_validate_run (&exp);
  g_autofree char *text = NULL;
  gsize len;
  FILE *out;

  g_assert_true (sl_validate_result_passed (r));
  g_assert_cmpuint (sl_validate_result_n_findings (r), ==, 1);
  g_assert_true (sl_validate_result_row (r, "claim")->finding);
  g_assert_false (sl_validate_result_row (r, "claim")->gated);

  out = open_memstream (&text, &len);
  sl_validate_result_print (r, exp.title, out);
  fclose (out);
  g_assert_nonnull (strstr (text, "[FINDING"));
  g_assert_nonnull (strstr (text, "finding (claim): measured reason"));
  g_assert_null (strstr (text, "finding (claim met)"));

  sl_validate_result_add (r, "gated failure", "1", 0.0, "exact", FALSE);
  g_assert_false (sl_validate_result_passed (r));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plasticity/validate/register-and-run", test_register_and_run);
  g_test_add_func ("/plasticity/validate/parallel-for", test_parallel_for);
  g_test_add_func ("/plasticity/validate/findings", test_findings);
  return g_test_run ();
}
