/* sl-validate-rules-private.h: helpers shared by the rule-level
 * validation experiments and their tests. */
#pragma once

#include <string.h>

#include "sl-rule.h"
#include "sl-validate.h"

G_BEGIN_DECLS

#define SL_JANG_WINDOWS 10
#define SL_JANG_PERIOD  600   /* ms: 200 ms window + 400 ms gap */
#define SL_JANG_THETA   200   /* ms */

typedef struct
{
  const char *label;
  double      f1, f2;   /* Hz, first and second 100 ms half */
} SlJangCondition;

extern const SlJangCondition _sl_jang_conditions[4];

gboolean _sl_validate_rule_params    (const char *rule, const char *preset,
                                      double *p, GError **error);
double   _sl_validate_gb_pairs_ratio (const double *p, double dt_ms,
                                      double freq_hz, int n_pairs);
double   _sl_validate_gb_pairs_ratio_grid (const double *p, double dt_ms,
                                           double freq_hz, int n_pairs);
guint    _sl_jang_trains             (double f1, double f2, double lag,
                                      double **pre, double **post);
double   _sl_jang_kinase_run         (const double *p, double f1, double f2,
                                      double lag, int late_readout,
                                      double *sum_delta);
double   _sl_btsp_episode            (const double *p, double d,
                                      double w_tilde0, double *w_final);
double   _sl_btsp_episodes           (const double *p, double d, double w_tilde0,
                                      int n_episodes, double *w_final);
void     _sl_validate_register_rule_experiments2 (void);

G_END_DECLS

G_BEGIN_DECLS
double _sl_shouval_pairing (double dt_pair, int n_pairs, double epsp_mV, double *ca_peak);
double _sl_triplet_pairing (const char *preset, double dt_pair, double freq, int n_pairs);
G_END_DECLS
