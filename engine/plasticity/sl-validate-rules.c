/* sl-validate-rules.c: validation experiments that drive the plasticity
 * rules with spike trains only, no cable engine (models.md §3, §7):
 * S1, S3 and V7 (Graupner–Brunel closed form), V4–V6 (kinase rule, Jang
 * 2026), BTSP single-episode kernel (V12 A at the rule level).  S4 and the
 * triplet check are in sl-validate-rules2.c. */
#include "sl-validate-rules-private.h"

#include <math.h>

#include "sl-rule-graupner-brunel.h"
#include "sl-rule-kinase.h"
#include "sl-rule-plateau.h"

gboolean
_sl_validate_rule_params (const char  *rule,
                          const char  *preset,
                          double      *p,
                          GError     **error)
{
  const SlRuleClass *cls = sl_rule_lookup (rule, error);

  if (cls == NULL)
    return FALSE;
  sl_rule_params_init (cls, p);
  return preset == NULL || sl_rule_preset_apply (cls, preset, p, error);
}

/* ---- Graupner–Brunel closed form ---- */

/* Ratio of N pairs (pre at k/f, post at k/f + Δt) under the closed form,
 * α measured over one period of the periodic calcium. */
double
_sl_validate_gb_pairs_ratio (const double *p,
                             double        dt_ms,
                             double        freq_hz,
                             int           n_pairs)
{
  double period = 1000.0 / freq_hz;
  int warm = (int) ceil (10.0 * p[SL_GB_TAU_CA] / period) + 2;
  int k = warm + 3;
  g_autofree double *pre = g_new (double, k);
  g_autofree double *post = g_new (double, k);
  double td, tp, t0;

  for (int i = 0; i < k; i++)
    {
      pre[i] = i * period;
      post[i] = i * period + dt_ms;
    }
  t0 = (k - 2) * period;
  sl_gb_time_above (p, pre, k, post, k, t0, t0 + period, &td, &tp);
  return sl_gb_population_ratio (p, td / period, tp / period, n_pairs * period);
}

/* The method models.md states for its tables: c sampled on a 0.01 ms grid,
 * α over one period of the periodic trace.  Independent of the exact
 * piecewise computation above; used as its cross-check. */
double
_sl_validate_gb_pairs_ratio_grid (const double *p,
                                  double        dt_ms,
                                  double        freq_hz,
                                  int           n_pairs)
{
  const double h = 0.01;
  double period = 1000.0 / freq_hz, decay = exp (-h / p[SL_GB_TAU_CA]);
  int warm = (int) ceil (10.0 * p[SL_GB_TAU_CA] / period) + 2, k = warm + 3;
  double t0 = (k - 2) * period, t1 = t0 + period, start = MIN (0.0, dt_ms);
  long n = (long) ceil ((t1 - start) / h);
  int ipre = 0, ipost = 0;
  long above_d = 0, above_p = 0, inside = 0;
  double c = 0.0;

  for (long i = 0; i <= n; i++)
    {
      double t = start + i * h;

      while (ipre < k && ipre * period + p[SL_GB_D] <= t + 1e-9)
        {
          c += p[SL_GB_C_PRE];
          ipre++;
        }
      while (ipost < k && ipost * period + dt_ms <= t + 1e-9)
        {
          c += p[SL_GB_C_POST];
          ipost++;
        }
      if (t >= t0 - 1e-9 && t < t1 - 1e-9)
        {
          inside++;
          above_d += c >= p[SL_GB_THETA_D];
          above_p += c >= p[SL_GB_THETA_P];
        }
      c *= decay;
    }
  return sl_gb_population_ratio (p, (double) above_d / inside, (double) above_p / inside,
                                 n_pairs * period);
}

typedef struct
{
  const double *p;
  const double *x;     /* Δt, ms */
  double       *y;
  double        freq;
  int           n;
} GbSweep;

static void
gb_sweep_point (guint    i,
                gpointer data)
{
  GbSweep *sw = data;

  sw->y[i] = _sl_validate_gb_pairs_ratio (sw->p, sw->x[i], sw->freq, sw->n);
}

static gboolean
s1_gb_stdp_curve (SlValidateResult  *r,
                  GError           **error)
{
  static const double dts[] = { -100, -50, -25, -10, 0, 5, 10, 25, 50, 100 };
  static const double expected[] = { 0.99, 0.905, 0.729, 0.882, 1.008, 1.241, 1.221, 1.147, 1.055, 1.00 };
  static const char * const expected_text[] = { "0.99", "0.905", "0.729", "0.882", "1.008", "1.241",
                                                "1.221", "1.147", "1.055", "1.00" };
  double p[SL_GB_N_PARAMS], fine_x[2001], fine_y[2001], y[G_N_ELEMENTS (dts)];
  GbSweep sw;
  guint imin = 0, imax = 0;
  double zero = NAN;

  if (!_sl_validate_rule_params ("graupner-brunel", "DP", p, error))
    return FALSE;
  sw = (GbSweep) { p, dts, y, 1.0, 60 };
  sl_validate_parallel_for (G_N_ELEMENTS (dts), gb_sweep_point, &sw);
  for (guint i = 0; i < G_N_ELEMENTS (dts); i++)
    {
      g_autofree char *q = g_strdup_printf ("ratio at Δt = %+g ms", dts[i]);

      sl_validate_result_add (r, q, expected_text[i], y[i], "± 0.01", fabs (y[i] - expected[i]) <= 0.01);
    }

  /* 0.1 ms grid from −100 to +100 ms for the extrema and the sign change */
  for (guint i = 0; i < G_N_ELEMENTS (fine_x); i++)
    fine_x[i] = -100.0 + 0.1 * i;
  sw = (GbSweep) { p, fine_x, fine_y, 1.0, 60 };
  sl_validate_parallel_for (G_N_ELEMENTS (fine_x), gb_sweep_point, &sw);
  for (guint i = 1; i < G_N_ELEMENTS (fine_x); i++)
    {
      if (fine_y[i] < fine_y[imin])
        imin = i;
      if (fine_y[i] > fine_y[imax])
        imax = i;
      if (isnan (zero) && fine_x[i] > -50 && fine_y[i - 1] < 1.0 && fine_y[i] >= 1.0)
        zero = fine_x[i - 1] + 0.1 * (1.0 - fine_y[i - 1]) / (fine_y[i] - fine_y[i - 1]);
    }
  sl_validate_result_add (r, "minimum ratio", "0.724", fine_y[imin], "± 0.01",
                          fabs (fine_y[imin] - 0.724) <= 0.01);
  sl_validate_result_add (r, "Δt of the minimum (ms)", "≈ −24", fine_x[imin], "± 2 ms",
                          fabs (fine_x[imin] + 24.0) <= 2.0);
  sl_validate_result_add (r, "maximum ratio", "1.242", fine_y[imax], "± 0.01",
                          fabs (fine_y[imax] - 1.242) <= 0.01);
  sl_validate_result_add (r, "Δt of the maximum (ms)", "≈ +5.5", fine_x[imax], "± 1 ms",
                          fabs (fine_x[imax] - 5.5) <= 1.0);
  sl_validate_result_add (r, "LTD→LTP sign change (ms)", "≈ −0.3", zero, "± 1 ms",
                          fabs (zero + 0.3) <= 1.0);
  return TRUE;
}

static gboolean
s3_gb_frequency (SlValidateResult  *r,
                 GError           **error)
{
  static const double freqs[] = { 1, 10, 20, 30, 40, 50 };
  static const double exp_plus[] = { 1.06, 1.08, 1.25, 1.19, 1.55, 1.64 };
  static const double exp_minus[] = { 0.69, 0.62, 0.64, 1.19, 1.52, 1.64 };
  double p[SL_GB_N_PARAMS], worst = 0.0;

  if (!_sl_validate_rule_params ("graupner-brunel", "cortical slices", p, error))
    return FALSE;
  for (int sign = 1; sign >= -1; sign -= 2)
    for (guint i = 0; i < G_N_ELEMENTS (freqs); i++)
      {
        double e = sign > 0 ? exp_plus[i] : exp_minus[i];
        double y = _sl_validate_gb_pairs_ratio (p, sign * 10.0, freqs[i], 75);
        double g = _sl_validate_gb_pairs_ratio_grid (p, sign * 10.0, freqs[i], 75);
        g_autofree char *q = g_strdup_printf ("Δt = %+d ms at %g Hz", sign * 10, freqs[i]);
        g_autofree char *et = NULL;

        worst = MAX (worst, fabs (y - g));
        if (fabs (g - e) <= 0.02)
          {
            et = g_strdup_printf ("%.2f", e);
            sl_validate_result_add (r, q, et, y, "± 0.02", fabs (y - e) <= 0.02);
          }
        else
          {
            /* models.md's number disagrees with its own stated method:
             * gate against the method, print both */
            et = g_strdup_printf ("%.3f (models.md %.2f)", g, e);
            sl_validate_result_add (r, q, et, y, "± 0.02 of the grid", fabs (y - g) <= 0.02);
            sl_validate_result_note (r, "%s: models.md §3.1 prints %.2f, but its stated method "
                                     "(0.01 ms grid, α over one period, closed form) gives %.3f, "
                                     "as does the exact piecewise computation (%.3f); the table "
                                     "entry looks wrong", q, e, g, y);
          }
      }
  sl_validate_result_add (r, "max |exact − 0.01 ms grid| (12 points)", "< 0.005", worst,
                          "< 0.005", worst < 0.005);
  sl_validate_result_note (r, "N = 75 pairs, T = N/f; Sjöström 2001 data at +10 ms: "
                           "0.96/1.15/1.31/1.54/1.56 (0.1/10/20/40/50 Hz), −10 ms: "
                           "0.68/0.56/0.64/1.50/1.69");
  return TRUE;
}

/* ---- Jang 2×2 protocol (models.md §7 V4–V7) ---- */

const SlJangCondition _sl_jang_conditions[4] = {
  { "25→50 Hz", 25, 50 },
  { "50→25 Hz", 50, 25 },
  { "25 Hz flat", 25, 25 },
  { "50 Hz flat", 50, 50 },
};

/* Regular presynaptic trains at f₁ for 100 ms then f₂ for 100 ms, 10
 * windows every 600 ms (400 ms gaps); post = pre + lag.  A ramp starts a
 * new train at each half; a flat condition is one train over the 200 ms
 * (so 25 Hz flat is 0, 40, …, 160 ms, not 0, 40, 80, 100, 140, 180).  This
 * is the convention that reproduces the derived sums of models.md §3.4. */
guint
_sl_jang_trains (double   f1,
                 double   f2,
                 double   lag,
                 double **pre,
                 double **post)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (double));
  guint n;

  for (int w = 0; w < SL_JANG_WINDOWS; w++)
    for (int half = 0; half < (f1 == f2 ? 1 : 2); half++)
      {
        double isi = 1000.0 / (half ? f2 : f1);
        double t0 = w * SL_JANG_PERIOD + half * 100.0;
        double len = f1 == f2 ? 2.0 * 100.0 : 100.0;

        for (int k = 0; k * isi < len - 1e-9; k++)
          {
            double t = t0 + k * isi;
            g_array_append_val (a, t);
          }
      }
  n = a->len;
  *post = g_new (double, n);
  for (guint i = 0; i < n; i++)
    (*post)[i] = g_array_index (a, double, i) + lag;
  *pre = (double *) g_array_free (a, FALSE);
  return n;
}

/* Runs the kinase rule through its SlRuleClass on 1 ms steps; returns
 * w_final/w0 and the raw Σ(CaP − CaD) of the theta readouts. */
/* late_readout = 0: the readout follows the last cycle of the window
 * (cycles 0…199, as emer/axon kinasesim TrialImpl); 1: one cycle later. */
static double
kinase_run_trains (const double *p,
                   const double *pre,
                   guint         n_pre,
                   const double *post,
                   guint         n_post,
                   int           late_readout,
                   double       *sum_delta)
{
  const SlRuleClass *cls = sl_rule_lookup ("kinase", NULL);
  double s[SL_KINASE_N_STATE];
  guint ipre = 0, ipost = 0;
  int t_end = SL_JANG_WINDOWS * SL_JANG_PERIOD;

  cls->init (p, s, 0, 1.0);
  for (int t = 0; t < t_end; t++)
    {
      SlRuleInput in;

      sl_rule_input_clear (&in, t, 1.0);
      while (ipre < n_pre && pre[ipre] < t + 1.0 - 1e-9)
        in.pre = pre[ipre++] >= t - 1e-9;
      while (ipost < n_post && post[ipost] < t + 1.0 - 1e-9)
        in.post = post[ipost++] >= t - 1e-9;
      in.theta_end = t % SL_JANG_PERIOD == SL_JANG_THETA - 1 + late_readout;
      cls->step (p, s, &in);
    }
  if (sum_delta != NULL)
    *sum_delta = s[SL_KINASE_S_SUM_DELTA];
  return cls->weight (p, s) / 1.0;
}

double
_sl_jang_kinase_run (const double *p,
                     double        f1,
                     double        f2,
                     double        lag,
                     int           late_readout,
                     double       *sum_delta)
{
  g_autofree double *pre = NULL, *post = NULL;
  guint n = _sl_jang_trains (f1, f2, lag, &pre, &post);

  return kinase_run_trains (p, pre, n, post, n, late_readout, sum_delta);
}

/* Independent Poisson pre and post trains at the half's rate (1 ms bins),
 * mean raw Σ(CaP − CaD) over n_runs protocols. */
static double
kinase_poisson_mean (const double *p,
                     double        f1,
                     double        f2,
                     int           n_runs,
                     guint32       seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GArray) pre = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) post = g_array_new (FALSE, FALSE, sizeof (double));
  double total = 0.0;

  for (int run = 0; run < n_runs; run++)
    {
      double sum;

      g_array_set_size (pre, 0);
      g_array_set_size (post, 0);
      for (int w = 0; w < SL_JANG_WINDOWS; w++)
        for (int ms = 0; ms < SL_JANG_THETA; ms++)
          {
            double rate = (ms < 100 ? f1 : f2) * 1e-3, t = w * SL_JANG_PERIOD + ms;

            if (g_rand_double (rand) < rate)
              g_array_append_val (pre, t);
            if (g_rand_double (rand) < rate)
              g_array_append_val (post, t);
          }
      kinase_run_trains (p, (double *) pre->data, pre->len,
                         (double *) post->data, post->len, 1, &sum);
      total += sum;
    }
  return total / n_runs;
}

static gboolean
v4_v6_kinase (SlValidateResult  *r,
              GError           **error)
{
  static const double published[4] = { 1.42, 0.73, 1.12, 1.09 };
  static const double sem[4] = { 0.15, 0.10, 0.15, 0.08 };
  static const double predicted[4] = { 1.42, 0.75, 0.98, 1.19 };
  static const double raw_expected[4] = { 2.31, -1.22, -0.11, 0.89 };
  static const char * const ids[4] = { "V4", "V5", "V6a", "V6b" };
  double p[SL_KINASE_N_PARAMS], lo = 0.0, hi = 5.0, ratio[4], raw[4], raw_late[4];

  if (!_sl_validate_rule_params ("kinase", "Axon reference", p, error))
    return FALSE;
  /* the one allowed calibration: η so that 25→50 gives 1.42 */
  for (int it = 0; it < 60; it++)
    {
      p[SL_KINASE_ETA] = 0.5 * (lo + hi);
      if (_sl_jang_kinase_run (p, 25, 50, 5.0, 0, NULL) < 1.42)
        lo = p[SL_KINASE_ETA];
      else
        hi = p[SL_KINASE_ETA];
    }
  p[SL_KINASE_ETA] = 0.5 * (lo + hi);
  sl_validate_result_add (r, "calibrated η (per unit CaP − CaD)", "≈ 0.23",
                          p[SL_KINASE_ETA], "0.20–0.26",
                          fabs (p[SL_KINASE_ETA] - 0.23) <= 0.03);

  for (int i = 0; i < 4; i++)
    {
      const SlJangCondition *c = &_sl_jang_conditions[i];
      g_autofree char *q = g_strdup_printf ("%s %s EPSP ratio", ids[i], c->label);
      g_autofree char *e = g_strdup_printf ("%.2f ± %.2f", published[i], sem[i]);
      g_autofree char *tol = g_strdup_printf ("%.2f–%.2f (±2 SEM)",
                                              published[i] - 2 * sem[i], published[i] + 2 * sem[i]);

      ratio[i] = _sl_jang_kinase_run (p, c->f1, c->f2, 5.0, 0, &raw[i]);
      _sl_jang_kinase_run (p, c->f1, c->f2, 5.0, 1, &raw_late[i]);
      sl_validate_result_add (r, q, e, ratio[i], tol, fabs (ratio[i] - published[i]) <= 2 * sem[i] + 1e-9);
    }
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *q = g_strdup_printf ("%s within ±1 SEM", ids[i]);

      sl_validate_result_add_text (r, q, "reported", ratio[i],
                                   fabs (ratio[i] - published[i]) <= sem[i] ? "yes" : "no",
                                   "reported", TRUE);
      ((SlValidateRow *) g_ptr_array_index (r->rows, r->rows->len - 1))->gated = FALSE;
    }
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *q = g_strdup_printf ("%s reference-rule prediction [D]", ids[i]);
      g_autofree char *e = g_strdup_printf ("%.2f", predicted[i]);

      sl_validate_result_add (r, q, e, ratio[i], "± 0.02", fabs (ratio[i] - predicted[i]) <= 0.02);
    }
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *q = g_strdup_printf ("raw Σ(CaP − CaD), %s", _sl_jang_conditions[i].label);

      sl_validate_result_report (r, q, "—", raw[i]);
    }
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *q = g_strdup_printf ("raw Σ, readout 1 cycle later, %s", _sl_jang_conditions[i].label);
      g_autofree char *e = g_strdup_printf ("%+.2f", raw_expected[i]);

      sl_validate_result_add (r, q, e, raw_late[i], "± 0.02", fabs (raw_late[i] - raw_expected[i]) <= 0.02);
    }
  sl_validate_result_add_text (r, "ordering 25→50 > 1 > 50→25", "holds", ratio[0] - ratio[1],
                               ratio[0] > 1.0 && ratio[1] < 1.0 ? "holds" : "violated",
                               "required", ratio[0] > 1.0 && ratio[1] < 1.0);
  sl_validate_result_add_text (r, "|flat − 1| < |25→50 − 1| (both)", "holds", 0,
                               fabs (ratio[2] - 1) < fabs (ratio[0] - 1) && fabs (ratio[3] - 1) < fabs (ratio[0] - 1)
                               ? "holds" : "violated", "required",
                               fabs (ratio[2] - 1) < fabs (ratio[0] - 1) && fabs (ratio[3] - 1) < fabs (ratio[0] - 1));
  {
    static const double poisson_expected[4] = { 2.83, -1.34, 0.26, 1.26 };

    for (int i = 0; i < 4; i++)
      {
        g_autofree char *q = g_strdup_printf ("Poisson Σ, readout 1 cycle later, %s", _sl_jang_conditions[i].label);
        g_autofree char *e = g_strdup_printf ("%+.2f", poisson_expected[i]);

        sl_validate_result_report (r, q, e, kinase_poisson_mean (p, _sl_jang_conditions[i].f1,
                                                                 _sl_jang_conditions[i].f2, 200, 2026 + i));
      }
  }
  sl_validate_result_note (r, "kinase reference rule on its 1 ms clock, post 5 ms after each pre, "
                           "10 windows of 200 ms every 600 ms, soft bounds, w0 = 0.5; "
                           "η = %.4f recorded (the one calibration)", p[SL_KINASE_ETA]);
  sl_validate_result_note (r, "trains: a ramp restarts its train at 100 ms, a flat condition is one "
                           "200 ms train (restarting the 25 Hz flat train at 100 ms would give a raw "
                           "sum of +0.17 instead of −0.11). The ratios use Axon's readout, right "
                           "after the window's 200th cycle (kinasesim TrialImpl; this is also what "
                           "the engine's theta_end does). models.md's derived raw sums are "
                           "reproduced exactly only when the readout comes one cycle later (rows "
                           "'readout 1 cycle later'): an off-by-one in that derivation");
  sl_validate_result_note (r, "the biophysical variant (spine calcium drives the cascade) needs the "
                           "cable + calcium engine and is not run here");
  return TRUE;
}

static gboolean
v7_gb_contrast (SlValidateResult  *r,
                GError           **error)
{
  static const double expected[4] = { 1.37, 1.37, 1.26, 1.42 };
  double p[SL_GB_N_PARAMS], ratio[4];
  gboolean all_ltp = TRUE, flat50_max = TRUE;

  if (!_sl_validate_rule_params ("graupner-brunel", "DP", p, error))
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      const SlJangCondition *c = &_sl_jang_conditions[i];
      g_autofree double *pre = NULL, *post = NULL;
      guint n = _sl_jang_trains (c->f1, c->f2, 5.0, &pre, &post);
      double T = SL_JANG_WINDOWS * SL_JANG_PERIOD, td, tp;
      g_autofree char *q = g_strdup_printf ("%s ratio (GB DP)", c->label);
      g_autofree char *e = g_strdup_printf ("%.2f", expected[i]);

      sl_gb_time_above (p, pre, n, post, n, 0.0, T, &td, &tp);
      ratio[i] = sl_gb_population_ratio (p, td / T, tp / T, T);
      sl_validate_result_add (r, q, e, ratio[i], "± 0.02", fabs (ratio[i] - expected[i]) <= 0.02);
      all_ltp = all_ltp && ratio[i] > 1.0;
    }
  for (int i = 0; i < 3; i++)
    flat50_max = flat50_max && ratio[3] > ratio[i];
  sl_validate_result_add_text (r, "all four > 1 (LTP)", "yes", 0, all_ltp ? "yes" : "no",
                               "required", all_ltp);
  sl_validate_result_add_text (r, "50 Hz flat is the largest", "yes", ratio[3],
                               flat50_max ? "yes" : "no", "required", flat50_max);
  sl_validate_result_add (r, "|ratio(25→50) − ratio(50→25)|", "< 0.05",
                          fabs (ratio[0] - ratio[1]), "< 0.05", fabs (ratio[0] - ratio[1]) < 0.05);
  sl_validate_result_note (r, "GB DP phenomenological calcium, same trains as V4–V6, "
                           "closed form with T = 10 × 600 ms");
  return TRUE;
}

/* ---- BTSP single-episode kernel (V12 A at the rule level) ---- */

/* n_episodes plateaus (300 ms, the first at t = 5 s, then every 8 s), each
 * with a 100 ms 50 Hz burst starting d ms after the plateau onset; returns
 * Δw̃ and the final w̃. */
double
_sl_btsp_episodes (const double *p,
                   double        d,
                   double        w_tilde0,
                   int           n_episodes,
                   double       *w_final)
{
  const SlRuleClass *cls = sl_rule_lookup ("plateau", NULL);
  double pp[SL_BTSP_N_PARAMS], s[SL_BTSP_N_STATE];
  const double dt = 0.5, first = 5000.0, every = 8000.0;
  double t_end = first + (n_episodes - 1) * every + 7000.0;
  int nsteps = (int) (t_end / dt);

  memcpy (pp, p, sizeof pp);
  pp[SL_BTSP_W_INIT] = w_tilde0;
  cls->init (pp, s, 0, 1.0);
  for (int i = 0; i < nsteps; i++)
    {
      SlRuleInput in;
      double t = i * dt;
      int k = (int) floor ((t - first + every / 2.0) / every);
      double onset = first + CLAMP (k, 0, n_episodes - 1) * every, rel = t - (onset + d);

      sl_rule_input_clear (&in, t, dt);
      in.plateau = t >= onset - 1e-9 && t < onset + 300.0 - 1e-9;
      /* one spike at the centre of each 20 ms bin of the 100 ms burst:
       * the table of models.md was derived for a rate box */
      in.pre = rel > -1e-9 && rel < 100.0 - 1e-9 && fabs (fmod (rel, 20.0) - 10.0) < 0.5 * dt;
      cls->step (pp, s, &in);
    }
  if (w_final != NULL)
    *w_final = s[SL_BTSP_S_W];
  return s[SL_BTSP_S_W] - w_tilde0;
}

double
_sl_btsp_episode (const double *p,
                  double        d,
                  double        w_tilde0,
                  double       *w_final)
{
  return _sl_btsp_episodes (p, d, w_tilde0, 1, w_final);
}

typedef struct
{
  const double *p;
  const double *d;
  double       *dw;
  double        w0;
} BtspSweep;

static void
btsp_point (guint    i,
            gpointer data)
{
  BtspSweep *sw = data;

  sw->dw[i] = _sl_btsp_episode (sw->p, sw->d[i], sw->w0, NULL);
}

static gboolean
btsp_kernel (SlValidateResult  *r,
             GError           **error)
{
  static const double ds[] = { -3000, -2000, -1000, -500, 0, 250, 500, 1000 };
  static const double expected[] = { 0.01, 0.14, 0.56, 0.95, 1.43, 1.04, 0.40, 0.00 };
  double p[SL_BTSP_N_PARAMS], dw[G_N_ELEMENTS (ds)], strong, wmax;
  BtspSweep sw;

  if (!_sl_validate_rule_params ("plateau", "CA1 BTSP", p, error))
    return FALSE;
  wmax = 1.0 + p[SL_BTSP_PEAK_DW];
  sw = (BtspSweep) { p, ds, dw, 1.0 / wmax };
  sl_validate_parallel_for (G_N_ELEMENTS (ds), btsp_point, &sw);
  for (guint i = 0; i < G_N_ELEMENTS (ds); i++)
    {
      double rel = dw[i] * wmax;   /* Δw in units of the initial weight */
      g_autofree char *q = g_strdup_printf ("Δw/w₀ at d = %+g ms", ds[i]);
      g_autofree char *e = g_strdup_printf ("%.2f", expected[i]);

      sl_validate_result_add (r, q, e, rel, "± 0.02", fabs (rel - expected[i]) <= 0.02);
    }
  strong = _sl_btsp_episode (p, 0.0, 0.9, NULL);
  sl_validate_result_add (r, "Δw̃ of a strong synapse (w̃ = 0.9, d = 0)", "≈ −0.42",
                          strong, "± 0.02", fabs (strong + 0.42) <= 0.02);
  {
    /* V12 (A) at the rule level: 5 episodes 8 s apart */
    static const double dv[] = { -4000, -2000, -1000, -500, 0, 500, 1000, 2000 };
    double y[G_N_ELEMENTS (dv)];
    guint best = 0;
    gboolean window = TRUE, outside = TRUE;

    for (guint i = 0; i < G_N_ELEMENTS (dv); i++)
      {
        g_autofree char *q = g_strdup_printf ("5 episodes: w/w₀ at d = %+g s", dv[i] / 1000.0);

        y[i] = 1.0 + _sl_btsp_episodes (p, dv[i], 1.0 / wmax, 5, NULL) * wmax;
        sl_validate_result_report (r, q, "—", y[i]);
        if (y[i] > y[best])
          best = i;
        if (dv[i] >= -2000 && dv[i] <= 500)
          window = window && y[i] > 1.05;
        if (fabs (dv[i]) >= 3000 || dv[i] >= 2000)
          outside = outside && y[i] < 1.05;
      }
    sl_validate_result_add_text (r, "5 episodes: LTP for d in −2…+0.5 s", "w/w₀ > 1.05", 0,
                                 window ? "yes" : "no", "required", window);
    sl_validate_result_add_text (r, "5 episodes: no LTP at d = −4 s, +2 s", "w/w₀ < 1.05", 0,
                                 outside ? "yes" : "no", "required", outside);
    sl_validate_result_note (r, "finding: with 5 episodes 8 s apart the far inputs are not neutral "
                             "but slightly depressed (w/w₀ = %.3f at −4 s, %.3f at +2 s; one "
                             "episode: %+.4f, %+.4f): the eligibility trace (τ 1.66 s) meets its "
                             "own and the next episode's instructive signal at ET·IS ≈ 0.02–0.1, "
                             "where f_dep (threshold 0.026) acts and f_pot does not. models.md "
                             "expects \"none\"; the gate checks only the absence of LTP",
                             y[0], y[7], _sl_btsp_episode (p, -4000, 1.0 / wmax, NULL) * wmax,
                             _sl_btsp_episode (p, 2000, 1.0 / wmax, NULL) * wmax);
    sl_validate_result_add (r, "5 episodes: d of the largest LTP (s)", "near 0 (−0.5…0)",
                            dv[best] / 1000.0, "−0.5 or 0", dv[best] >= -500 && dv[best] <= 0);
  }
  sl_validate_result_note (r, "CA1 BTSP preset, plateau 300 ms, burst of 5 spikes at 50 Hz, "
                           "ET normalised by the reference burst, one episode per plateau");
  return TRUE;
}

void
sl_validate_register_rule_experiments (void)
{
  sl_validate_register ("S1", "Graupner–Brunel DP STDP curve (closed form, 60 pairs at 1 Hz)", s1_gb_stdp_curve);
  sl_validate_register ("S3", "Graupner–Brunel cortical-slices frequency curve (N = 75, Δt = ±10 ms)", s3_gb_frequency);
  sl_validate_register ("V4-V6", "Jang 2026 2×2 under the kinase reference rule", v4_v6_kinase);
  sl_validate_register ("V7", "Jang 2×2 under Graupner–Brunel DP (Hebbian contrast)", v7_gb_contrast);
  sl_validate_register ("BTSP", "Plateau rule single-episode kernel and weight dependence (V12 A, rule level)", btsp_kernel);
  _sl_validate_register_rule_experiments2 ();
}
