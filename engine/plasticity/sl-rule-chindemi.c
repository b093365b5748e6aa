/* sl-rule-chindemi.c: Chindemi et al. 2022 "GluSynapse" plasticity:
 * leaky calcium integrator c*, bistable ρ with per-synapse thresholds from
 * C_pre/C_post, slow expression into U_SE and ĝ_AMPA (models.md §3.2).
 * Release itself (Tsodyks–Markram, multivesicular) lives in the synapse. */
#include "sl-rule-private.h"
#include "sl-rule-chindemi.h"

static const SlRuleParam params[SL_CHI_N_PARAMS] = {
  [SL_CHI_TAU_STAR]   = { "tau_star", "ms", "calcium integrator time constant τ* [V]", 278.3177658387, 1, 1e6 },
  [SL_CHI_GAMMA_D]    = { "gamma_d", "", "depression rate [V]", 101.5387594661, 0, 1e5 },
  [SL_CHI_GAMMA_P]    = { "gamma_p", "", "potentiation rate [V]", 216.1841700668, 0, 1e5 },
  [SL_CHI_A_D_PRE]    = { "a_d_pre", "", "θ_d coefficient of C_pre (basal a00) [V]", 1.002, 0, 100 },
  [SL_CHI_A_D_POST]   = { "a_d_post", "", "θ_d coefficient of C_post (basal a01) [V]", 1.954, 0, 100 },
  [SL_CHI_A_P_PRE]    = { "a_p_pre", "", "θ_p coefficient of C_pre (basal a10) [V]", 1.159, 0, 100 },
  [SL_CHI_A_P_POST]   = { "a_p_post", "", "θ_p coefficient of C_post (basal a11) [V]", 2.483, 0, 100 },
  [SL_CHI_C_PRE]      = { "c_pre", "mM·ms", "peak c* after one full presynaptic release; set by the calibration pre-run (0 = not calibrated: ρ only relaxes)", 0, 0, 1e3 },
  [SL_CHI_C_POST]     = { "c_post", "mM·ms", "peak c* after one bAP; set by the calibration pre-run", 0, 0, 1e3 },
  [SL_CHI_TAU_RHO]    = { "tau_rho", "ms", "induction time constant τ_ρ (70 s) [V]", 70000, 1, 1e9 },
  [SL_CHI_TAU_CHANGE] = { "tau_change", "ms", "expression time constant (100 s) [V]", 100000, 1, 1e9 },
  [SL_CHI_RHO_STAR]   = { "rho_star", "", "unstable fixed point [V]", 0.5, 0, 1 },
  [SL_CHI_NU]         = { "nu", "", "U_p = U0^ν for a depressed synapse (k_u) [V]", 0.2, 0.01, 1 },
  [SL_CHI_G_RATIO]    = { "g_ratio", "", "ĝ_p/ĝ_d [V]", 2, 1, 100 },
  [SL_CHI_U0]         = { "u0", "", "the synapse's U_SE at Ca_o (L5TTPC mean 0.38 at 2 mM) [V]", 0.38, 1e-6, 1 },
  [SL_CHI_RHO0]       = { "rho0", "", "initial ρ; negative: Bernoulli(U0) [V]", -1, -1, 1 },
  [SL_CHI_ISOLATED]   = { "isolated_spine", "", "1: spine calcium as a point process (no diffusion), as in the paper [V]", 1, 0, 1 },
};

static const SlRulePresetValue p_basal[] = {
  { "a_d_pre", 1.002 }, { "a_d_post", 1.954 }, { "a_p_pre", 1.159 }, { "a_p_post", 2.483 }, { NULL, 0 } };
static const SlRulePresetValue p_apical[] = {
  { "a_d_pre", 1.127 }, { "a_d_post", 2.456 }, { "a_p_pre", 5.236 }, { "a_p_post", 1.782 }, { NULL, 0 } };

static const SlRulePreset presets[] = {
  { "basal", "basal thresholds (Table 2 b coefficients) [V]", p_basal },
  { "apical", "apical thresholds (Table 2 a coefficients) [V]", p_apical },
};

static const char * const state_names[SL_CHI_N_STATE] = {
  "c_star", "rho", "U_SE", "g_AMPA", "U_d", "U_p", "g_d", "g_p",
  "theta_d", "theta_p", "rng_hi", "rng_lo",
};

double
sl_chindemi_use_hill_factor (double ca_o)
{
  const double K = 2.79;
  double k4 = K * K * K * K, c4 = ca_o * ca_o * ca_o * ca_o;

  return (k4 + 16.0) / 16.0 * c4 / (k4 + c4);
}

double
sl_chindemi_nmda_pf (double ca_o)
{
  return 0.6 * 4.0 * ca_o / (4.0 * ca_o + 120.0 / 1.38);
}

void
sl_chindemi_fast_forward (const double *p,
                          double       *s)
{
  double rho = s[SL_CHI_S_RHO] > p[SL_CHI_RHO_STAR] ? 1.0 : 0.0;

  s[SL_CHI_S_RHO] = rho;
  s[SL_CHI_S_U_SE] = s[SL_CHI_S_U_D] + rho * (s[SL_CHI_S_U_P] - s[SL_CHI_S_U_D]);
  s[SL_CHI_S_G] = s[SL_CHI_S_G_D] + rho * (s[SL_CHI_S_G_P] - s[SL_CHI_S_G_D]);
}

static void
thresholds (const double *p,
            double       *s)
{
  s[SL_CHI_S_THETA_D] = p[SL_CHI_A_D_PRE] * p[SL_CHI_C_PRE] + p[SL_CHI_A_D_POST] * p[SL_CHI_C_POST];
  s[SL_CHI_S_THETA_P] = p[SL_CHI_A_P_PRE] * p[SL_CHI_C_PRE] + p[SL_CHI_A_P_POST] * p[SL_CHI_C_POST];
}

static void
chindemi_init (const double *p,
               double       *s,
               guint64       seed,
               double        w0)
{
  double u0 = p[SL_CHI_U0], nu = p[SL_CHI_NU], rho0 = p[SL_CHI_RHO0];

  for (guint i = 0; i < SL_CHI_N_STATE; i++)
    s[i] = 0.0;
  _sl_rule_rng_seed (s + SL_CHI_S_RNG, seed);
  if (rho0 < 0.0)
    rho0 = _sl_rule_rng_uniform (s + SL_CHI_S_RNG) < u0 ? 1.0 : 0.0;
  rho0 = rho0 >= 0.5 ? 1.0 : 0.0;   /* the paper starts every synapse in a stable state */
  s[SL_CHI_S_RHO] = rho0;
  s[SL_CHI_S_U_SE] = u0;
  s[SL_CHI_S_G] = w0;
  if (rho0 == 0.0)
    {
      s[SL_CHI_S_U_D] = u0;
      s[SL_CHI_S_U_P] = pow (u0, nu);
      s[SL_CHI_S_G_D] = w0;
      s[SL_CHI_S_G_P] = p[SL_CHI_G_RATIO] * w0;
    }
  else
    {
      s[SL_CHI_S_U_P] = u0;
      s[SL_CHI_S_U_D] = pow (u0, 1.0 / nu);
      s[SL_CHI_S_G_P] = w0;
      s[SL_CHI_S_G_D] = w0 / p[SL_CHI_G_RATIO];
    }
  thresholds (p, s);
}

static void
chindemi_step (const double      *p,
               double            *s,
               const SlRuleInput *in)
{
  double e = exp (-in->dt / p[SL_CHI_TAU_STAR]);
  double ec = exp (-in->dt / p[SL_CHI_TAU_CHANGE]);
  double rho = s[SL_CHI_S_RHO], c, drift, target;
  gboolean calibrated = p[SL_CHI_C_PRE] > 0.0 || p[SL_CHI_C_POST] > 0.0;

  /* exponential Euler of dc* / dt = −c* / τ* + ([Ca] − [Ca]₀) */
  c = s[SL_CHI_S_C_STAR] * e + p[SL_CHI_TAU_STAR] * (in->ca - in->ca_rest) * (1.0 - e);
  s[SL_CHI_S_C_STAR] = c;
  thresholds (p, s);

  drift = -rho * (1.0 - rho) * (p[SL_CHI_RHO_STAR] - rho);
  if (calibrated)
    drift += p[SL_CHI_GAMMA_P] * (1.0 - rho) * (c >= s[SL_CHI_S_THETA_P] ? 1.0 : 0.0)
             - p[SL_CHI_GAMMA_D] * rho * (c >= s[SL_CHI_S_THETA_D] ? 1.0 : 0.0);
  rho = _sl_clamp (rho + drift * in->dt / p[SL_CHI_TAU_RHO], 0.0, 1.0);
  s[SL_CHI_S_RHO] = rho;

  target = s[SL_CHI_S_U_D] + rho * (s[SL_CHI_S_U_P] - s[SL_CHI_S_U_D]);
  s[SL_CHI_S_U_SE] = target + (s[SL_CHI_S_U_SE] - target) * ec;
  target = s[SL_CHI_S_G_D] + rho * (s[SL_CHI_S_G_P] - s[SL_CHI_S_G_D]);
  s[SL_CHI_S_G] = target + (s[SL_CHI_S_G] - target) * ec;
}

static double
chindemi_weight (const double *p,
                 const double *s)
{
  return s[SL_CHI_S_G];
}

static double
chindemi_release_scale (const double *p,
                        const double *s)
{
  return s[SL_CHI_S_U_SE] / p[SL_CHI_U0];
}

/* Without C_pre and C_post both thresholds are 0 and the rule's step
 * leaves ρ to relax (chindemi_step). */
static const char *
chindemi_inert (const double *p)
{
  if (p[SL_CHI_C_PRE] > 0 || p[SL_CHI_C_POST] > 0)
    return NULL;
  return "c_pre and c_post are 0, so there are no thresholds and ρ only relaxes: measure them "
         "on this cell with Measure thresholds in the Model section (or spinelab calibrate).";
}

const SlRuleClass sl_rule_chindemi = {
  .name = "chindemi",
  .title = "Chindemi 2022 GluSynapse (calcium integrator, bistable ρ, U_SE and ĝ expression)",
  .equation = "dc*/dt = −c*/τ* + (Ca − Ca₀);  τ_ρ dρ/dt = −ρ(1−ρ)(½−ρ) + γₚ(1−ρ)Θ(c*−θₚ) − γ_d ρΘ(c*−θ_d)",
  .citation = "Chindemi G et al. (2022) Nat Commun 13:3038",
  .params = params,
  .n_params = SL_CHI_N_PARAMS,
  .presets = presets,
  .n_presets = G_N_ELEMENTS (presets),
  .n_state = SL_CHI_N_STATE,
  .state_names = state_names,
  .init = chindemi_init,
  .step = chindemi_step,
  .weight = chindemi_weight,
  .release_scale = chindemi_release_scale,
  .inert = chindemi_inert,
};
