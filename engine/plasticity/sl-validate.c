/* sl-validate.c: registry, results, table printing and parallel sweeps of
 * the validation experiments. */
#include "sl-validate.h"
#include "sl-validate-cable.h"
#include "sl-validate-spines.h"
#include "sl-validate-cell.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (sl-validate-error-quark, sl_validate_error)

/* Every module with experiments adds its registrar here (one line). */
static void (* const registrars[]) (void) = {
  sl_validate_register_rule_experiments,
  sl_validate_register_cable_experiments,
  sl_validate_register_spine_experiments,
  sl_validate_register_cell_experiments,
};

static GMutex registry_lock;
static GPtrArray *registry;     /* of SlValidateExperiment* */
static gboolean registrars_done;

void
sl_validate_register (const char     *name,
                      const char     *title,
                      SlValidateFunc  func)
{
  SlValidateExperiment *exp;

  g_return_if_fail (name != NULL && title != NULL && func != NULL);
  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < registry->len; i++)
    {
      exp = g_ptr_array_index (registry, i);
      if (strcmp (exp->name, name) == 0)
        {
          exp->title = title;
          exp->func = func;
          g_mutex_unlock (&registry_lock);
          return;
        }
    }
  exp = g_new0 (SlValidateExperiment, 1);
  exp->name = name;
  exp->title = title;
  exp->func = func;
  g_ptr_array_add (registry, exp);
  g_mutex_unlock (&registry_lock);
}

const SlValidateExperiment * const *
sl_validate_list (guint *n)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      if (!registrars_done)
        for (gsize i = 0; i < G_N_ELEMENTS (registrars); i++)
          registrars[i] ();
      registrars_done = TRUE;
      g_once_init_leave (&once, 1);
    }
  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_ptr_array_new_with_free_func (g_free);
  if (n != NULL)
    *n = registry->len;
  g_mutex_unlock (&registry_lock);
  return (const SlValidateExperiment * const *) registry->pdata;
}

const SlValidateExperiment *
sl_validate_lookup (const char  *name,
                    GError     **error)
{
  guint n;
  const SlValidateExperiment * const *list = sl_validate_list (&n);
  g_autoptr(GString) known = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (g_ascii_strcasecmp (list[i]->name, name) == 0)
        return list[i];
      g_string_append_printf (known, "%s%s", i ? ", " : "", list[i]->name);
    }
  g_set_error (error, SL_VALIDATE_ERROR, SL_VALIDATE_ERROR_UNKNOWN,
               "unknown validation experiment “%s” (known: %s)", name, known->str);
  return NULL;
}

static void
row_free (gpointer data)
{
  SlValidateRow *row = data;

  g_free (row->quantity);
  g_free (row->expected);
  g_free (row->measured_text);
  g_free (row->tolerance);
  g_free (row->why);
  g_free (row);
}

void
sl_validate_result_free (SlValidateResult *r)
{
  if (r == NULL)
    return;
  g_free (r->name);
  g_ptr_array_unref (r->rows);
  g_ptr_array_unref (r->notes);
  g_clear_error (&r->error);
  g_free (r);
}

SlValidateResult *
sl_validate_run (const SlValidateExperiment *exp)
{
  SlValidateResult *r = g_new0 (SlValidateResult, 1);
  gint64 t0 = g_get_monotonic_time ();

  r->name = g_strdup (exp->name);
  r->rows = g_ptr_array_new_with_free_func (row_free);
  r->notes = g_ptr_array_new_with_free_func (g_free);
  r->ran = exp->func (r, &r->error);
  if (!r->ran && r->error == NULL)
    g_set_error (&r->error, SL_VALIDATE_ERROR, SL_VALIDATE_ERROR_FAILED,
                 "%s: the experiment failed without saying why", exp->name);
  r->seconds = (g_get_monotonic_time () - t0) * 1e-6;
  return r;
}

gboolean
sl_validate_result_passed (const SlValidateResult *r)
{
  guint gated = 0;

  if (!r->ran)
    return FALSE;
  for (guint i = 0; i < r->rows->len; i++)
    {
      const SlValidateRow *row = g_ptr_array_index (r->rows, i);

      if (!row->gated)
        continue;
      gated++;
      if (!row->pass)
        return FALSE;
    }
  return gated > 0;
}

static void
add_row (SlValidateResult *r,
         const char       *quantity,
         const char       *expected,
         double            measured,
         const char       *measured_text,
         const char       *tolerance,
         gboolean          pass,
         gboolean          gated)
{
  SlValidateRow *row = g_new0 (SlValidateRow, 1);

  row->quantity = g_strdup (quantity);
  row->expected = g_strdup (expected);
  row->measured = measured;
  row->measured_text = measured_text ? g_strdup (measured_text)
                                     : g_strdup_printf ("%.3f", measured);
  row->tolerance = g_strdup (tolerance ? tolerance : "");
  /* a NaN never passes */
  row->pass = pass && (measured_text != NULL || !isnan (measured));
  row->gated = gated;
  g_ptr_array_add (r->rows, row);
}

void
sl_validate_result_add (SlValidateResult *r,
                        const char       *quantity,
                        const char       *expected,
                        double            measured,
                        const char       *tolerance,
                        gboolean          pass)
{
  add_row (r, quantity, expected, measured, NULL, tolerance, pass, TRUE);
}

void
sl_validate_result_add_text (SlValidateResult *r,
                             const char       *quantity,
                             const char       *expected,
                             double            measured,
                             const char       *measured_text,
                             const char       *tolerance,
                             gboolean          pass)
{
  add_row (r, quantity, expected, measured, measured_text, tolerance, pass, TRUE);
}

void
sl_validate_result_report (SlValidateResult *r,
                           const char       *quantity,
                           const char       *expected,
                           double            measured)
{
  add_row (r, quantity, expected, measured, NULL, "reported", TRUE, FALSE);
}

void
sl_validate_result_add_finding (SlValidateResult *r,
                                const char       *quantity,
                                const char       *expected,
                                double            measured,
                                const char       *measured_text,
                                const char       *tolerance,
                                gboolean          pass,
                                const char       *why)
{
  SlValidateRow *row;

  g_return_if_fail (why != NULL && *why != '\0');

  add_row (r, quantity, expected, measured, measured_text, tolerance, pass, FALSE);
  row = g_ptr_array_index (r->rows, r->rows->len - 1);
  row->finding = TRUE;
  row->why = g_strdup (why);
}

guint
sl_validate_result_n_findings (const SlValidateResult *r)
{
  guint n = 0;

  for (guint i = 0; i < r->rows->len; i++)
    {
      const SlValidateRow *row = g_ptr_array_index (r->rows, i);
      n += row->finding && !row->pass;
    }
  return n;
}

void
sl_validate_result_note (SlValidateResult *r,
                         const char       *format,
                         ...)
{
  va_list ap;

  va_start (ap, format);
  g_ptr_array_add (r->notes, g_strdup_vprintf (format, ap));
  va_end (ap);
}

const SlValidateRow *
sl_validate_result_row (const SlValidateResult *r,
                        const char             *quantity)
{
  for (guint i = 0; i < r->rows->len; i++)
    {
      const SlValidateRow *row = g_ptr_array_index (r->rows, i);

      if (strcmp (row->quantity, quantity) == 0)
        return row;
    }
  return NULL;
}

/* printf-width padding that counts UTF-8 characters, not bytes */
static void
put_cell (FILE       *out,
          const char *text,
          int         width)
{
  glong len = g_utf8_strlen (text, -1);

  fputs (text, out);
  for (glong i = len; i < width; i++)
    fputc (' ', out);
}

void
sl_validate_result_print (const SlValidateResult *r,
                          const char             *title,
                          FILE                   *out)
{
  gboolean passed = sl_validate_result_passed (r);
  int w[4] = { 8, 8, 8, 9 };   /* quantity, expected, measured, tolerance: header widths */

  for (guint i = 0; i < r->rows->len; i++)
    {
      const SlValidateRow *row = g_ptr_array_index (r->rows, i);

      w[0] = MAX (w[0], (int) g_utf8_strlen (row->quantity, -1));
      w[1] = MAX (w[1], (int) g_utf8_strlen (row->expected, -1));
      w[2] = MAX (w[2], (int) g_utf8_strlen (row->measured_text, -1));
      w[3] = MAX (w[3], (int) g_utf8_strlen (row->tolerance, -1));
    }
  fprintf (out, "%s — %s  [%s, %.1f s]\n", r->name, title,
           !passed ? "FAIL" : sl_validate_result_n_findings (r) > 0 ? "FINDING" : "PASS",
           r->seconds);
  if (!r->ran)
    fprintf (out, "    error: %s\n", r->error ? r->error->message : "unknown");
  if (r->rows->len > 0)
    {
      fputs ("    ", out);
      put_cell (out, "quantity", w[0]);
      fputs ("  ", out);
      put_cell (out, "expected", w[1]);
      fputs ("  ", out);
      put_cell (out, "measured", w[2]);
      fputs ("  ", out);
      put_cell (out, "tolerance", w[3]);
      fputs ("  result\n", out);
    }
  for (guint i = 0; i < r->rows->len; i++)
    {
      const SlValidateRow *row = g_ptr_array_index (r->rows, i);

      fputs ("    ", out);
      put_cell (out, row->quantity, w[0]);
      fputs ("  ", out);
      put_cell (out, row->expected, w[1]);
      fputs ("  ", out);
      put_cell (out, row->measured_text, w[2]);
      fputs ("  ", out);
      put_cell (out, row->tolerance, w[3]);
      if (row->finding)
        fprintf (out, "  %s\n", row->pass ? "pass" : "FINDING");
      else
        fprintf (out, "  %s\n", !row->gated ? "—" : (row->pass ? "pass" : "FAIL"));
    }
  for (guint i = 0; i < r->rows->len; i++)
    {
      const SlValidateRow *row = g_ptr_array_index (r->rows, i);
      if (row->finding && !row->pass)
        fprintf (out, "    finding (%s): %s\n", row->quantity, row->why);
    }
  for (guint i = 0; i < r->notes->len; i++)
    fprintf (out, "    note: %s\n", (const char *) g_ptr_array_index (r->notes, i));
}

typedef struct
{
  SlValidateTask fn;
  gpointer       data;
  GCancellable  *cancellable;
  GMutex         lock;
  GCond          cond;
  guint          done;          /* points finished or skipped, under lock */
} ParallelJob;

static void
parallel_worker (gpointer item,
                 gpointer user_data)
{
  ParallelJob *job = user_data;

  /* After a cancel the queued points are only counted, so that the
   * caller returns as soon as the running ones notice. */
  if (!g_cancellable_is_cancelled (job->cancellable))
    job->fn (GPOINTER_TO_UINT (item) - 1, job->data);
  g_mutex_lock (&job->lock);
  job->done++;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->lock);
}

void
sl_validate_parallel_for (guint          n,
                          SlValidateTask fn,
                          gpointer       data)
{
  sl_validate_parallel_for_full (n, 0, fn, data, NULL, NULL, NULL);
}

void
sl_validate_parallel_for_full (guint              n,
                               guint              max_threads,
                               SlValidateTask     fn,
                               gpointer           data,
                               GCancellable      *cancellable,
                               SlValidateProgress progress,
                               gpointer           progress_data)
{
  ParallelJob job = { fn, data, cancellable, { 0 }, { 0 }, 0 };
  GThreadPool *pool;
  guint threads = max_threads > 0 ? max_threads : g_get_num_processors ();
  guint reported = 0;

  threads = MAX (1, MIN (threads, n));
  if (n == 0)
    return;
  if (threads == 1)
    {
      for (guint i = 0; i < n && !g_cancellable_is_cancelled (cancellable); i++)
        {
          fn (i, data);
          if (progress != NULL)
            progress (i + 1, n, progress_data);
        }
      return;
    }
  g_mutex_init (&job.lock);
  g_cond_init (&job.cond);
  pool = g_thread_pool_new (parallel_worker, &job, (int) threads, TRUE, NULL);
  for (guint i = 0; i < n; i++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
  /* Progress is reported from the calling thread, never from a worker. */
  g_mutex_lock (&job.lock);
  while (reported < n)
    {
      while (job.done == reported)
        g_cond_wait (&job.cond, &job.lock);
      reported = job.done;
      g_mutex_unlock (&job.lock);
      if (progress != NULL && !g_cancellable_is_cancelled (cancellable))
        progress (reported, n, progress_data);
      g_mutex_lock (&job.lock);
    }
  g_mutex_unlock (&job.lock);
  g_thread_pool_free (pool, FALSE, TRUE);
  g_mutex_clear (&job.lock);
  g_cond_clear (&job.cond);
}
