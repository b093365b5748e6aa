/* sl-validate-rules2.c: S4 (Shouval, Bear & Cooper 2002 on its own
 * calcium model) and the triplet-STDP frequency check (models.md §3.7–3.8). */
#include "sl-validate-rules-private.h"

#include <math.h>

#include "sl-rule-misc.h"
#include "sl-rule-stdp.h"

/* ---- S4: Shouval 2002 ---- */

/* The original's spine: NMDA calcium current gated by the Jahr–Stevens
 * block at a voltage made of rest plus the bAP waveform, τ_Ca = 50 ms
 * (models.md §3.8, all [V2]). */
#define SH_V_REST   -65.0    /* mV */
#define SH_P0       0.5
#define SH_G        (-1.0 / 500.0)   /* µM/(ms·mV) */
#define SH_I_F      0.5
#define SH_I_S      0.5
#define SH_TAU_F    50.0     /* ms */
#define SH_TAU_S    200.0    /* ms */
#define SH_E_CA     130.0    /* mV */
#define SH_MG       1.0      /* mM */
#define SH_TAU_CA   50.0     /* ms */
#define SH_BAP_DELAY 2.0     /* ms after the somatic spike */
#define SH_DT       0.1      /* ms */
#define SH_PAIRS    100      /* at 1 Hz [U: protocol length not in models.md] */
#define SH_EPSP_PEAK 1.0     /* mV, Shouval 2002 Figs. 2, 3C (s = 1) [V2 CaDP re-implementation] */

static double
sh_block (double v)
{
  return 1.0 / (1.0 + SH_MG / 3.57 * exp (-0.062 * v));
}

/* EPSP of the original (τ 50 and 5 ms), scaled to a 1 mV peak:
 * max(e^(−t/50) − e^(−t/5)) = 0.6968 */
static double
sh_epsp (double t,
         double peak)
{
  return t <= 0.0 ? 0.0 : peak / 0.6968 * (exp (-t / 50.0) - exp (-t / 5.0));
}

static double
sh_bap (double t)
{
  return t < 0.0 ? 0.0 : 100.0 * (0.75 * exp (-t / 3.0) + 0.25 * exp (-t / 25.0));
}

/* Pairs at 1 Hz: pre at k·1000, somatic spike at k·1000 + Δt (bAP 2 ms
 * later), EPSP of the given peak (mV) from each pre spike.  Returns
 * w_final/w0 of the Shouval rule driven by the calcium; peak calcium (µM)
 * optional. */
double
_sl_shouval_pairing (double  dt_pair,
                     int     n_pairs,
                     double  epsp,
                     double *ca_peak)
{
  const SlRuleClass *cls = sl_rule_lookup ("shouval", NULL);
  double p[SL_SHOUVAL_N_PARAMS], s[SL_SHOUVAL_N_STATE], ca = 0.0, peak = 0.0;
  const double period = 1000.0, t_first = 200.0;   /* room for Δt < 0 */
  const int per = (int) (period / SH_DT);
  const double decay = exp (-SH_DT / SH_TAU_CA);
  /* calcium and voltage do not depend on w: compute the first period and
   * the steady one (with the previous pair's tails) once, then drive the
   * rule through them n_pairs times */
  g_autofree double *ca_tr = g_new (double, 2 * per);
  g_autofree double *v_tr = g_new (double, 2 * per);

  for (int i = 0; i < 2 * per; i++)
    {
      double t = i * SH_DT, local = fmod (t, period) - t_first;
      double t_bap = local - (dt_pair + SH_BAP_DELAY);
      double v = SH_V_REST + sh_bap (t_bap) + (t >= period ? sh_bap (t_bap + period) : 0.0)
                 + sh_epsp (local, epsp) + (t >= period ? sh_epsp (local + period, epsp) : 0.0);
      double g = 0.0, i_ca;

      /* NMDA opening of this period's pre spike plus the tail of the previous one */
      for (int k = 0; k < 2; k++)
        {
          double tt = local + k * period;

          if (tt >= 0.0 && (k == 0 || t >= period))
            g += SH_I_F * exp (-tt / SH_TAU_F) + SH_I_S * exp (-tt / SH_TAU_S);
        }
      i_ca = SH_P0 * SH_G * g * sh_block (v) * (v - SH_E_CA);   /* µM/ms, > 0 is influx */
      /* exponential Euler: exact for the influx held over the step */
      ca = ca * decay + i_ca * SH_TAU_CA * (1.0 - decay);
      ca_tr[i] = ca;
      v_tr[i] = v;
      peak = MAX (peak, ca);
    }

  sl_rule_params_init (cls, p);
  cls->init (p, s, 0, 1.0);
  for (int k = 0; k < n_pairs; k++)
    for (int j = 0; j < per; j++)
      {
        int i = (k == 0 ? 0 : per) + j;
        SlRuleInput in;

        sl_rule_input_clear (&in, (k * per + j) * SH_DT, SH_DT);
        in.ca = in.ca_rest + ca_tr[i] * 1e-3;
        in.v = v_tr[i];
        cls->step (p, s, &in);
      }
  if (ca_peak != NULL)
    *ca_peak = peak;
  return cls->weight (p, s);
}

typedef struct
{
  const double *x;
  double       *y;
  double        epsp;   /* mV */
} ShSweep;

static void
sh_point (guint    i,
          gpointer data)
{
  ShSweep *sw = data;

  sw->y[i] = _sl_shouval_pairing (sw->x[i], SH_PAIRS, sw->epsp, NULL);
}

static void
sh_point1 (guint    i,
           gpointer data)
{
  ShSweep *sw = data;

  sw->y[i] = _sl_shouval_pairing (sw->x[i], 1, sw->epsp, NULL);
}

static gboolean
s4_shouval (SlValidateResult  *r,
            GError           **error)
{
  /* 5 ms grid from −60 to +120 ms */
  enum { N = 37 };
  double x[N], y[N], peak_pre, peak_bap;
  ShSweep sw = { x, y, SH_EPSP_PEAK };
  struct { const char *name; double lo, hi; int sign; const char *exp; } win[] = {
    { "LTD window −30 < Δt < −5 ms", -30, -5, -1, "all < 1" },
    { "LTP window 0 < Δt < 45 ms", 0, 45, +1, "all > 1" },
    { "LTD window 45 < Δt < 100 ms", 45, 100, -1, "all < 1" },
  };

  for (int i = 0; i < N; i++)
    x[i] = -60.0 + 5.0 * i;
  sl_validate_parallel_for (N, sh_point, &sw);

  for (gsize k = 0; k < G_N_ELEMENTS (win); k++)
    {
      g_autoptr(GString) m = g_string_new (NULL);
      gboolean ok = TRUE;
      double worst = win[k].sign > 0 ? G_MAXDOUBLE : -G_MAXDOUBLE;

      for (int i = 0; i < N; i++)
        if (x[i] > win[k].lo && x[i] < win[k].hi)
          {
            gboolean good = win[k].sign > 0 ? y[i] > 1.0 : y[i] < 1.0;

            ok = ok && good;
            worst = win[k].sign > 0 ? MIN (worst, y[i]) : MAX (worst, y[i]);
            if (!good)
              g_string_append_printf (m, "%s%+g", m->len ? "," : "wrong at ", x[i]);
          }
      if (m->len == 0)
        g_string_printf (m, "%s %.3f", win[k].sign > 0 ? "min" : "max", worst);
      sl_validate_result_add_text (r, win[k].name, win[k].exp, worst, m->str, "sign at every 5 ms point", ok);
    }
  for (int i = 0; i < N; i += 2)
    {
      g_autofree char *q = g_strdup_printf ("w/w₀ at Δt = %+g ms", x[i]);

      sl_validate_result_report (r, q, "—", y[i]);
    }
  /* sign changes on a 0.5 ms grid, one pair each (pairs at 1 Hz do not
   * interact: the calcium is back at rest within the second), with the
   * original's EPSP and without it (models.md §3.8 as written) */
  for (int with_epsp = 1; with_epsp >= 0; with_epsp--)
    {
      enum { M = 241 };
      double gx[M], gy[M], up = NAN, down = NAN;
      ShSweep g = { gx, gy, with_epsp ? SH_EPSP_PEAK : 0.0 };
      g_autofree char *q1 = g_strdup_printf ("LTD→LTP sign change (ms)%s", with_epsp ? "" : ", no EPSP");
      g_autofree char *q2 = g_strdup_printf ("LTP→LTD sign change (ms)%s", with_epsp ? "" : ", no EPSP");

      for (int i = 0; i < M; i++)
        gx[i] = -20.0 + 0.5 * i;
      sl_validate_parallel_for (M, sh_point1, &g);
      for (int i = 1; i < M; i++)
        {
          if (isnan (up) && gy[i - 1] < 1.0 && gy[i] >= 1.0)
            up = gx[i - 1] + 0.5 * (1.0 - gy[i - 1]) / (gy[i] - gy[i - 1]);
          if (!isnan (up) && isnan (down) && gy[i - 1] >= 1.0 && gy[i] < 1.0)
            down = gx[i - 1] + 0.5 * (gy[i - 1] - 1.0) / (gy[i - 1] - gy[i]);
        }
      sl_validate_result_report (r, q1, "−5…0", up);
      sl_validate_result_report (r, q2, "≈ 45", down);
    }
  _sl_shouval_pairing (1e6, 2, SH_EPSP_PEAK, &peak_pre);   /* bAP never arrives: pre alone */
  _sl_shouval_pairing (10.0, 1, SH_EPSP_PEAK, &peak_bap);
  sl_validate_result_report (r, "Ca peak, pre alone (µM)", "α₁ = 0.35, α₂ = 0.55", peak_pre);
  sl_validate_result_report (r, "Ca peak, Δt = +10 ms (µM)", "α₁ = 0.35, α₂ = 0.55", peak_bap);
  sl_validate_result_note (r, "%d pairs at 1 Hz, V = −65 mV + EPSP (1 mV peak, τ 50/5 ms) + bAP "
                           "100·(0.75e^(−t/3) + 0.25e^(−t/25)) arriving 2 ms after the somatic "
                           "spike, dt = %g ms", SH_PAIRS, SH_DT);
  sl_validate_result_note (r, "finding: models.md §3.8 omits the original's EPSP (s = 1 mV in Shouval "
                           "2002 Figs. 2, 3C; CaDP re-implementation EPSP.m). Without it the LTP "
                           "window closes at ≈ 39 ms and Δt = +40 ms is LTD (see the 'no EPSP' rows); "
                           "with it the window closes near the published 45 ms. No parameter tuned");
  return TRUE;
}

/* ---- triplet STDP: Sjöström 2001 frequency dependence ---- */

double
_sl_triplet_pairing (const char *preset,
                     double      dt_pair,
                     double      freq,
                     int         n_pairs)
{
  const SlRuleClass *cls = sl_rule_lookup ("stdp-triplet", NULL);
  double p[SL_TRIP_N_PARAMS], s[SL_TRIP_N_STATE], period = 1000.0 / freq;

  sl_rule_params_init (cls, p);
  sl_rule_preset_apply (cls, preset, p, NULL);
  p[SL_TRIP_W_MAX] = 1e3;   /* no bound inside the protocol: report the raw change */
  p[SL_TRIP_W_INIT] = 1.0;
  cls->init (p, s, 0, 1.0);
  for (int k = 0; k < n_pairs; k++)
    {
      double tpre = 100.0 + k * period, tpost = tpre + dt_pair;
      SlRuleInput a, b;

      sl_rule_input_clear (&a, MIN (tpre, tpost), 0.0);
      sl_rule_input_clear (&b, MAX (tpre, tpost), 0.0);
      a.pre = tpre <= tpost;
      a.post = !a.pre || tpre == tpost;
      b.pre = !a.pre;
      b.post = a.pre && tpre != tpost;
      cls->step (p, s, &a);
      if (tpre != tpost)
        cls->step (p, s, &b);
    }
  return s[SL_TRIP_S_W] - 1.0;
}

static gboolean
triplet_sjostrom (SlValidateResult  *r,
                  GError           **error)
{
  static const double freqs[] = { 0.1, 10, 20, 40, 50 };
  double plus[G_N_ELEMENTS (freqs)], minus[G_N_ELEMENTS (freqs)];
  gboolean rising = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (freqs); i++)
    {
      g_autofree char *qp = g_strdup_printf ("Δw, Δt = +10 ms at %g Hz", freqs[i]);
      g_autofree char *qm = g_strdup_printf ("Δw, Δt = −10 ms at %g Hz", freqs[i]);

      plus[i] = _sl_triplet_pairing ("visual cortex minimal", 10.0, freqs[i], 60);
      minus[i] = _sl_triplet_pairing ("visual cortex minimal", -10.0, freqs[i], 60);
      sl_validate_result_report (r, qp, "—", plus[i]);
      sl_validate_result_report (r, qm, "—", minus[i]);
      if (i > 0 && plus[i] < plus[i - 1] - 1e-12)
        rising = FALSE;
    }
  sl_validate_result_add (r, "Δt = −10 ms at 0.1 Hz", "LTD (< 0)", minus[0], "< 0", minus[0] < 0);
  sl_validate_result_add (r, "Δt = −10 ms at 20 Hz", "LTD (< 0)", minus[2], "< 0", minus[2] < 0);
  sl_validate_result_add (r, "Δt = −10 ms at 40 Hz", "LTP (> 0)", minus[3], "> 0", minus[3] > 0);
  sl_validate_result_add (r, "Δt = −10 ms at 50 Hz", "LTP (> 0)", minus[4], "> 0", minus[4] > 0);
  sl_validate_result_add_text (r, "Δt = +10 ms: LTP grows with f", "non-decreasing", plus[4],
                               rising ? "non-decreasing" : "not monotonic", "required", rising);
  sl_validate_result_add (r, "Δt = +10 ms at 50 Hz", "LTP (> 0)", plus[4], "> 0", plus[4] > 0);
  sl_validate_result_note (r, "visual cortex minimal all-to-all set, 60 pairs, Δw in units of the "
                           "internal weight (no bounds during the protocol)");
  return TRUE;
}

void
_sl_validate_register_rule_experiments2 (void)
{
  sl_validate_register ("S4", "Shouval 2002 STDP windows on its own calcium model", s4_shouval);
  sl_validate_register ("triplet", "Triplet STDP: Sjöström 2001 frequency dependence (qualitative)", triplet_sjostrom);
}
