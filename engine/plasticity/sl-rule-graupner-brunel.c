/* sl-rule-graupner-brunel.c: Graupner & Brunel 2012 bistable synapse
 * (models.md §3.1), phenomenological (event-exact c) or biophysical
 * (c from spine calcium) mode, plus the authors' closed-form population
 * result. */
#include "sl-rule-private.h"
#include "sl-rule-graupner-brunel.h"

#include <stdlib.h>

static const SlRuleParam params[SL_GB_N_PARAMS] = {
  [SL_GB_MODE]     = { "mode", "", "0 = phenomenological c from pre/post events, 1 = biophysical c = (Ca − Ca₀)/Ca_ref", 0, 0, 1 },
  [SL_GB_TAU_CA]   = { "tau_ca", "ms", "decay of c (phenomenological) [V]", 20, 0.1, 1000 },
  [SL_GB_C_PRE]    = { "c_pre", "", "c jump per presynaptic spike, after delay D [V]", 1, 0, 100 },
  [SL_GB_C_POST]   = { "c_post", "", "c jump per local post event [V]", 2, 0, 100 },
  [SL_GB_THETA_D]  = { "theta_d", "", "depression threshold [V]", 1, 0, 100 },
  [SL_GB_THETA_P]  = { "theta_p", "", "potentiation threshold [V]", 1.3, 0, 100 },
  [SL_GB_GAMMA_D]  = { "gamma_d", "", "depression rate [V]", 200, 0, 1e5 },
  [SL_GB_GAMMA_P]  = { "gamma_p", "", "potentiation rate [V]", 321.808, 0, 1e5 },
  [SL_GB_SIGMA]    = { "sigma", "", "noise amplitude [V]", 2.8284, 0, 100 },
  [SL_GB_TAU]      = { "tau", "ms", "time constant of ρ (150 s) [V]", 150000, 1, 1e8 },
  [SL_GB_RHO_STAR] = { "rho_star", "", "unstable fixed point [V]", 0.5, 0, 1 },
  [SL_GB_D]        = { "delay", "ms", "delay of the presynaptic calcium transient [V]", 13.7, 0, 100 },
  [SL_GB_BETA]     = { "beta", "", "fraction of synapses initially DOWN [V]", 0.5, 0, 1 },
  [SL_GB_B]        = { "b", "", "w_UP/w_DOWN [V]", 5, 1, 100 },
  [SL_GB_RHO0]     = { "rho0", "", "initial ρ; negative: DOWN with probability β, else UP", 0.5, -1, 1 },
  [SL_GB_CA_REF]   = { "ca_ref", "mM", "calcium giving c = 1 in biophysical mode [U]", 1e-3, 1e-9, 10 },
};

#define PRESET(name, ...) static const SlRulePresetValue name[] = { __VA_ARGS__, { NULL, 0 } }
#define GB_SET(tc, cpre, cpost, thd, thp, gd, gp, sg, tau_s, d, beta, b) \
  { "tau_ca", tc }, { "c_pre", cpre }, { "c_post", cpost }, { "theta_d", thd }, \
  { "theta_p", thp }, { "gamma_d", gd }, { "gamma_p", gp }, { "sigma", sg }, \
  { "tau", (tau_s) * 1000.0 }, { "rho_star", 0.5 }, { "delay", d }, { "beta", beta }, { "b", b }

PRESET (p_dp, GB_SET (20, 1, 2, 1, 1.3, 200, 321.808, 2.8284, 150, 13.7, 0.5, 5));
PRESET (p_dpd, GB_SET (20, 0.9, 0.9, 1, 1.3, 250, 550, 2.8284, 150, 4.6, 0.5, 5));
PRESET (p_dpd2, GB_SET (20, 1, 2, 1, 2.5, 50, 600, 2.8284, 150, 2.2, 0.5, 5));
PRESET (p_p, GB_SET (20, 2, 2, 1, 1.3, 160, 257.447, 2.8284, 150, 0, 0.5, 5));
PRESET (p_d, GB_SET (20, 0.6, 0.6, 1, 1.3, 500, 550, 5.6568, 150, 0, 0.5, 5));
PRESET (p_d2, GB_SET (20, 1, 2, 1, 3.5, 60, 600, 2.8284, 150, 0, 0.5, 5));
PRESET (p_hs, GB_SET (48.8373, 1, 0.275865, 1, 1.3, 313.0965, 1645.59, 9.1844, 688.355, 18.8008, 0.7, 5.28145));
PRESET (p_hc, GB_SET (11.9536, 0.58156, 1.76444, 1, 1.3, 61.141, 113.6545, 2.5654, 33.7596, 10, 0.5, 36.0263));
PRESET (p_cs, GB_SET (22.6936, 0.5617539, 1.23964, 1, 1.3, 331.909, 725.085, 3.3501, 346.3615, 4.6098, 0.5, 5.40988));
/* SpineLab sets on spine calcium (models.md §3.3, §5): the DP thresholds
 * and rates read c = (Ca − Ca₀)/Ca_ref; Ca_ref comes from a calibration run */
PRESET (p_dp_bio, GB_SET (20, 1, 2, 1, 1.3, 200, 321.808, 2.8284, 150, 13.7, 0.5, 5), { "mode", 1 });
PRESET (p_hetero, GB_SET (20, 1, 2, 1, 1.3, 200, 321.808, 0, 150, 13.7, 0.5, 5),
        { "mode", 1 }, { "rho0", 0.5 });

static const SlRulePreset presets[] = {
  { "DP", "depression–potentiation, Fig. 2 (default) [V]", p_dp },
  { "DPD", "depression–potentiation–depression [V]", p_dpd },
  { "DPD'", "DPD′ [V]", p_dpd2 },
  { "P", "potentiation only [V]", p_p },
  { "D", "depression only [V]", p_d },
  { "D'", "D′ [V]", p_d2 },
  { "hippocampal slices", "fit to Wittenberg & Wang 2006 (Fig. 3) [V]", p_hs },
  { "hippocampal cultures", "fit to hippocampal cultures [V]", p_hc },
  { "cortical slices", "fit to Sjöström et al. 2001 (Fig. 4) [V]", p_cs },
  { "DP biophysical", "DP set on spine calcium, c = (Ca − Ca₀)/Ca_ref (default for basal, oblique, trunk) [U]", p_dp_bio },
  { "heterosynaptic (Shafiee)", "DP set on spine calcium, σ = 0, ρ₀ = 0.5 (models.md §3.3) [U]", p_hetero },
};

static const char * const state_names[SL_GB_N_STATE] = {
  "c", "rho", "w_down", "rng_hi", "rng_lo", "n_pending",
  "pending0", "pending1", "pending2", "pending3",
  "pending4", "pending5", "pending6", "pending7",
};

static void
gb_init (const double *p,
         double       *s,
         guint64       seed,
         double        w0)
{
  double rho0 = p[SL_GB_RHO0];

  for (guint i = 0; i < SL_GB_N_STATE; i++)
    s[i] = 0.0;
  _sl_rule_rng_seed (s + SL_GB_S_RNG, seed);
  if (rho0 < 0.0)
    rho0 = _sl_rule_rng_uniform (s + SL_GB_S_RNG) < p[SL_GB_BETA] ? 0.0 : 1.0;
  s[SL_GB_S_RHO] = rho0;
  s[SL_GB_S_W_DOWN] = w0 / (1.0 + rho0 * (p[SL_GB_B] - 1.0));
}

/* Time within [0, len) during which c0·exp(−x/τ) >= θ. */
static inline double
above (double c0,
       double theta,
       double tau,
       double len)
{
  double t;

  if (c0 < theta || len <= 0.0)
    return 0.0;
  if (theta <= 0.0)
    return len;
  t = tau * log (c0 / theta);
  return t < len ? t : len;
}

static void
pending_push (double *s,
              double  t)
{
  int n = (int) s[SL_GB_S_N_PENDING];

  s[SL_GB_S_PENDING + n] = t;
  s[SL_GB_S_N_PENDING] = n + 1;
}

static void
pending_pop (double *s)
{
  int n = (int) s[SL_GB_S_N_PENDING];

  for (int i = 1; i < n; i++)
    s[SL_GB_S_PENDING + i - 1] = s[SL_GB_S_PENDING + i];
  s[SL_GB_S_N_PENDING] = n - 1;
}

static void
gb_step (const double      *p,
         double            *s,
         const SlRuleInput *in)
{
  double tp = 0.0, td = 0.0;   /* ms above θ_p, θ_d in this step */
  double rho = s[SL_GB_S_RHO];
  double drift, noise_var;

  if (p[SL_GB_MODE] < 0.5)
    {
      double tau_ca = p[SL_GB_TAU_CA];
      double a = in->t, end = in->t + in->dt;
      double c = s[SL_GB_S_C];

      if (in->post)
        c += p[SL_GB_C_POST];
      if (in->pre)
        {
          if (p[SL_GB_D] <= 0.0)
            c += p[SL_GB_C_PRE];
          else if ((int) s[SL_GB_S_N_PENDING] < SL_GB_MAX_PENDING)
            pending_push (s, in->t + p[SL_GB_D]);
          else
            c += p[SL_GB_C_PRE];   /* > 8 spikes within D: arrive now */
        }
      /* Piecewise exact: c decays between the delayed arrivals. */
      while ((int) s[SL_GB_S_N_PENDING] > 0 && s[SL_GB_S_PENDING] < end)
        {
          double b = MAX (s[SL_GB_S_PENDING], a);

          tp += above (c, p[SL_GB_THETA_P], tau_ca, b - a);
          td += above (c, p[SL_GB_THETA_D], tau_ca, b - a);
          c = c * exp (-(b - a) / tau_ca) + p[SL_GB_C_PRE];
          a = b;
          pending_pop (s);
        }
      tp += above (c, p[SL_GB_THETA_P], tau_ca, end - a);
      td += above (c, p[SL_GB_THETA_D], tau_ca, end - a);
      s[SL_GB_S_C] = c * exp (-(end - a) / tau_ca);
    }
  else
    {
      double c = (in->ca - in->ca_rest) / p[SL_GB_CA_REF];

      s[SL_GB_S_C] = c;
      tp = c >= p[SL_GB_THETA_P] ? in->dt : 0.0;
      td = c >= p[SL_GB_THETA_D] ? in->dt : 0.0;
    }

  drift = -rho * (1.0 - rho) * (p[SL_GB_RHO_STAR] - rho) * in->dt
          + p[SL_GB_GAMMA_P] * (1.0 - rho) * tp
          - p[SL_GB_GAMMA_D] * rho * td;
  rho += drift / p[SL_GB_TAU];
  noise_var = tp + td;
  if (p[SL_GB_SIGMA] > 0.0 && noise_var > 0.0)
    rho += p[SL_GB_SIGMA] * sqrt (noise_var / p[SL_GB_TAU])
           * _sl_rule_rng_gauss (s + SL_GB_S_RNG);
  s[SL_GB_S_RHO] = _sl_clamp (rho, 0.0, 1.0);
}

static double
gb_weight (const double *p,
           const double *s)
{
  return s[SL_GB_S_W_DOWN] * (1.0 + s[SL_GB_S_RHO] * (p[SL_GB_B] - 1.0));
}

const SlRuleClass sl_rule_graupner_brunel = {
  .name = "graupner-brunel",
  .title = "Graupner–Brunel calcium-threshold bistable synapse",
  .equation = "τ dρ/dt = −ρ(1−ρ)(ρ*−ρ) + γₚ(1−ρ)Θ(c−θₚ) − γ_d ρ Θ(c−θ_d) + noise",
  .citation = "Graupner M & Brunel N (2012) PNAS 109:3991–3996",
  .params = params,
  .n_params = SL_GB_N_PARAMS,
  .presets = presets,
  .n_presets = G_N_ELEMENTS (presets),
  .n_state = SL_GB_N_STATE,
  .state_names = state_names,
  .init = gb_init,
  .step = gb_step,
  .weight = gb_weight,
  .release_scale = NULL,
};

/* ---- closed form (authors' synapticChange.py) ---- */

typedef struct
{
  double t;     /* ms */
  double amp;
} Event;

static int
event_cmp (const void *a,
           const void *b)
{
  double ta = ((const Event *) a)->t, tb = ((const Event *) b)->t;

  return ta < tb ? -1 : (ta > tb ? 1 : 0);
}

/* Time in [a, b) ∩ [t0, t1) during which c(a)·exp(−(x − a)/τ) >= θ. */
static double
above_clipped (double c,
               double a,
               double b,
               double theta,
               double tau,
               double t0,
               double t1)
{
  double lo, hi, end;

  if (c < theta)
    return 0.0;
  end = a + (theta > 0.0 ? tau * log (c / theta) : b - a);
  hi = MIN (MIN (end, b), t1);
  lo = MAX (a, t0);
  return hi > lo ? hi - lo : 0.0;
}

void
sl_gb_time_above (const double *p,
                  const double *pre,
                  guint         n_pre,
                  const double *post,
                  guint         n_post,
                  double        t0,
                  double        t1,
                  double       *time_d,
                  double       *time_p)
{
  g_autofree Event *ev = g_new (Event, n_pre + n_post + 1);
  guint n = 0;
  double c = 0.0, a = -G_MAXDOUBLE, tau = p[SL_GB_TAU_CA];

  *time_d = *time_p = 0.0;
  for (guint i = 0; i < n_pre; i++)
    ev[n++] = (Event) { pre[i] + p[SL_GB_D], p[SL_GB_C_PRE] };
  for (guint i = 0; i < n_post; i++)
    ev[n++] = (Event) { post[i], p[SL_GB_C_POST] };
  qsort (ev, n, sizeof *ev, event_cmp);
  ev[n++] = (Event) { G_MAXDOUBLE, 0.0 };

  for (guint i = 0; i < n; i++)
    {
      double b = ev[i].t;

      if (c > 0.0)
        {
          *time_d += above_clipped (c, a, b, p[SL_GB_THETA_D], tau, t0, t1);
          *time_p += above_clipped (c, a, b, p[SL_GB_THETA_P], tau, t0, t1);
          c *= exp (-(b - a) / tau);
        }
      c += ev[i].amp;
      a = b;
      if (a >= t1)
        break;
    }
}

void
sl_gb_transition_probs (const double *p,
                        double        alpha_d,
                        double        alpha_p,
                        double        T,
                        double       *p_up,
                        double       *p_down)
{
  double gp = p[SL_GB_GAMMA_P] * alpha_p, gd = p[SL_GB_GAMMA_D] * alpha_d;
  double rho_bar, var, tau_eff, e1, e2, den, x0, x1;

  if (gp + gd <= 0.0)
    {
      *p_up = *p_down = 0.0;
      return;
    }
  rho_bar = gp / (gp + gd);
  var = (alpha_p + alpha_d) * p[SL_GB_SIGMA] * p[SL_GB_SIGMA] / (gp + gd);
  tau_eff = p[SL_GB_TAU] / (gp + gd);
  e1 = exp (-T / tau_eff);
  e2 = exp (-2.0 * T / tau_eff);
  den = sqrt (var * (1.0 - e2));
  if (den <= 0.0)
    {
      /* σ = 0: deterministic relaxation towards ρ̄ */
      double r0 = rho_bar * (1.0 - e1), r1 = rho_bar + (1.0 - rho_bar) * e1;

      *p_up = r0 > p[SL_GB_RHO_STAR] ? 1.0 : 0.0;
      *p_down = r1 < p[SL_GB_RHO_STAR] ? 1.0 : 0.0;
      return;
    }
  x0 = -(p[SL_GB_RHO_STAR] - rho_bar + (rho_bar - 0.0) * e1) / den;
  x1 = -(p[SL_GB_RHO_STAR] - rho_bar + (rho_bar - 1.0) * e1) / den;
  *p_up = 0.5 * (1.0 + erf (x0));
  *p_down = 0.5 * (1.0 - erf (x1));
}

double
sl_gb_population_ratio (const double *p,
                        double        alpha_d,
                        double        alpha_p,
                        double        T)
{
  double beta = p[SL_GB_BETA], b = p[SL_GB_B], pu, pd;

  sl_gb_transition_probs (p, alpha_d, alpha_p, T, &pu, &pd);
  return (beta * (1.0 - pu) + (1.0 - beta) * pd
          + b * (beta * pu + (1.0 - beta) * (1.0 - pd)))
         / (beta + (1.0 - beta) * b);
}
