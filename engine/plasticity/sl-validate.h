/* sl-validate.h: the registry of validation experiments behind
 * `spinelab validate` (models.md §6–7).
 *
 * An experiment is a function that fills a result with rows
 *   (quantity, expected text, measured value, tolerance text, pass)
 * plus free-text notes (calibrated values, findings).  A row added with
 * sl_validate_result_report() is printed but not gated.  The experiment
 * passes when every gated row passes and the function returned TRUE.
 *
 * Adding an experiment from another file:
 *
 *   static gboolean
 *   v1_passive_cable (SlValidateResult *r, GError **error)
 *   {
 *     double v = …;
 *     sl_validate_result_add (r, "V(L) − e_pas", "2.709 mV", v, "± 0.1 mV",
 *                             fabs (v - 2.709) < 0.1);
 *     return TRUE;
 *   }
 *
 *   void
 *   sl_validate_register_cable_experiments (void)
 *   {
 *     sl_validate_register ("V1", "Passive cable vs Rall", v1_passive_cable);
 *   }
 *
 * and list sl_validate_register_cable_experiments in the registrars[]
 * table of sl-validate.c (one line); sl_validate_list() calls every
 * registrar once, in table order, so rows print in that order.  Names are
 * unique; registering a name twice replaces the earlier entry.
 *
 * Sweeps: sl_validate_parallel_for() runs fn(i, data) for i < n on a
 * GThreadPool over all cores; each call must own its state (one SlState or
 * rule state per point) and write only its own slot of the output.
 */
#pragma once

#include <stdio.h>

#include <gio/gio.h>
#include <glib.h>

G_BEGIN_DECLS

#define SL_VALIDATE_ERROR (sl_validate_error_quark ())
GQuark sl_validate_error_quark (void);

typedef enum
{
  SL_VALIDATE_ERROR_UNKNOWN,
  SL_VALIDATE_ERROR_FAILED,
} SlValidateError;

typedef struct
{
  char     *quantity;
  char     *expected;     /* published / derived value, as text with units */
  double    measured;
  char     *measured_text;
  char     *tolerance;    /* pass criterion as text */
  gboolean  pass;
  gboolean  gated;        /* FALSE: reported only */
  gboolean  finding;      /* a published claim the model does not reproduce (see why) */
  char     *why;          /* finding rows: what the experiment found */
} SlValidateRow;

typedef struct
{
  char      *name;
  GPtrArray *rows;        /* of SlValidateRow* */
  GPtrArray *notes;       /* of char* */
  gboolean   ran;         /* the function returned TRUE */
  GError    *error;       /* when it returned FALSE */
  double     seconds;     /* wall time */
} SlValidateResult;

typedef gboolean (*SlValidateFunc) (SlValidateResult  *result,
                                    GError           **error);

typedef struct
{
  const char     *name;    /* "S1", "V4", … (static string) */
  const char     *title;   /* static string */
  SlValidateFunc  func;
} SlValidateExperiment;

void                        sl_validate_register        (const char      *name,
                                                         const char      *title,
                                                         SlValidateFunc   func);
const SlValidateExperiment *sl_validate_lookup          (const char      *name,
                                                         GError         **error);
/* All experiments, registrars called on first use; n may be NULL. */
const SlValidateExperiment * const *sl_validate_list    (guint           *n);

SlValidateResult           *sl_validate_run             (const SlValidateExperiment *exp);
void                        sl_validate_result_free     (SlValidateResult *r);
gboolean                    sl_validate_result_passed   (const SlValidateResult *r);
void                        sl_validate_result_print    (const SlValidateResult *r,
                                                         const char      *title,
                                                         FILE            *out);

void sl_validate_result_add    (SlValidateResult *r,
                                const char       *quantity,
                                const char       *expected,
                                double            measured,
                                const char       *tolerance,
                                gboolean          pass);
/* Same with a measured text (orderings, sign patterns) instead of %.3f. */
void sl_validate_result_add_text (SlValidateResult *r,
                                  const char       *quantity,
                                  const char       *expected,
                                  double            measured,
                                  const char       *measured_text,
                                  const char       *tolerance,
                                  gboolean          pass);
void sl_validate_result_report (SlValidateResult *r,
                                const char       *quantity,
                                const char       *expected,
                                double            measured);
/* A published claim that the physics of models.md, implemented as
 * specified, does not reproduce, for a reason the experiment measured and
 * states in `why` (printed as a note).  The row keeps its criterion and
 * prints "pass" or "FINDING"; it is not gated, and the experiment's
 * status reads FINDING instead of PASS while it misses.  Use it only with
 * a measured explanation — never to hide a bug or to widen a tolerance. */
void sl_validate_result_add_finding (SlValidateResult *r,
                                     const char       *quantity,
                                     const char       *expected,
                                     double            measured,
                                     const char       *measured_text,
                                     const char       *tolerance,
                                     gboolean          pass,
                                     const char       *why);
/* Finding rows whose claim is not reproduced. */
guint sl_validate_result_n_findings (const SlValidateResult *r);

void sl_validate_result_note   (SlValidateResult *r,
                                const char       *format,
                                ...) G_GNUC_PRINTF (2, 3);

/* Looks a row up by quantity (tests). */
const SlValidateRow *sl_validate_result_row (const SlValidateResult *r,
                                             const char             *quantity);

typedef void (*SlValidateTask) (guint    index,
                                gpointer data);
void sl_validate_parallel_for  (guint            n,
                                SlValidateTask   fn,
                                gpointer         data);

/* The same on at most max_threads threads (0: all cores; 1: in order in
 * the calling thread).  progress(done, n) is called from the calling
 * thread as points finish.  Once cancellable is cancelled no new point
 * starts (running ones may poll it to stop early) and the call returns
 * when the running ones have; the caller tells a cancel from the
 * cancellable. */
typedef void (*SlValidateProgress) (guint    done,
                                    guint    total,
                                    gpointer data);
void sl_validate_parallel_for_full (guint              n,
                                    guint              max_threads,
                                    SlValidateTask     fn,
                                    gpointer           data,
                                    GCancellable      *cancellable,
                                    SlValidateProgress progress,
                                    gpointer           progress_data);

/* Registrars of the experiments that need no cable engine. */
void sl_validate_register_rule_experiments (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlValidateResult, sl_validate_result_free)

G_END_DECLS
