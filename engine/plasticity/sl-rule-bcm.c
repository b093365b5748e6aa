/* sl-rule-bcm.c: BCM with a sliding threshold, Intrator & Cooper form
 * (models.md §3.9).  All parameters are conventional [U]. */
#include "sl-rule-private.h"
#include "sl-rule-misc.h"

static const SlRuleParam params[SL_BCM_N_PARAMS] = {
  [SL_BCM_TAU_R]     = { "tau_rate", "ms", "rate filter of pre and post spike trains [U]", 100, 1, 1e6 },
  [SL_BCM_Y0]        = { "y0", "Hz", "threshold scale y₀ [U]", 10, 1e-6, 1e4 },
  [SL_BCM_TAU_THETA] = { "tau_theta", "ms", "sliding threshold time constant (10 s) [U]", 10000, 1, 1e9 },
  [SL_BCM_ETA]       = { "eta", "1/(Hz³·s)", "learning rate [U]", 1e-5, 0, 1 },
  [SL_BCM_W_INIT]    = { "w_init", "", "initial internal weight [U]", 1, 0, 1e6 },
  [SL_BCM_CALCIUM]   = { "calcium", "", "1: y is spine [Ca] above rest in µM instead of the post rate [U]", 0, 0, 1 },
  [SL_BCM_THETA0]    = { "theta0", "Hz", "initial θ_M (y₀: equilibrium of a 10 Hz post rate) [U]", 10, 0, 1e6 },
};

static const SlRulePresetValue p_conv[] = {
  { "tau_rate", 100 }, { "y0", 10 }, { "tau_theta", 10000 }, { "eta", 1e-5 }, { NULL, 0 } };
static const SlRulePreset presets[] = {
  { "conventional", "textbook values, not fitted [U]", p_conv },
};

static const char * const state_names[SL_BCM_N_STATE] = { "x", "y", "theta_M", "w", "scale" };

static void
bcm_init (const double *p,
          double       *s,
          guint64       seed,
          double        w0)
{
  s[SL_BCM_S_X] = s[SL_BCM_S_Y] = 0.0;
  s[SL_BCM_S_THETA] = p[SL_BCM_THETA0];
  s[SL_BCM_S_W] = p[SL_BCM_W_INIT];
  s[SL_BCM_S_SCALE] = _sl_rule_weight_scale (w0, p[SL_BCM_W_INIT]);
}

static void
bcm_step (const double      *p,
          double            *s,
          const SlRuleInput *in)
{
  double e = exp (-in->dt / p[SL_BCM_TAU_R]);
  double jump = 1000.0 / p[SL_BCM_TAU_R];   /* a spike adds 1/τ: mean x = rate in Hz */
  double x, y, th, et;

  s[SL_BCM_S_X] = s[SL_BCM_S_X] * e + (in->pre ? jump : 0.0);
  if (p[SL_BCM_CALCIUM] > 0.5)
    s[SL_BCM_S_Y] = MAX (in->ca - in->ca_rest, 0.0) * 1e3;
  else
    s[SL_BCM_S_Y] = s[SL_BCM_S_Y] * e + (in->post ? jump : 0.0);
  x = s[SL_BCM_S_X];
  y = s[SL_BCM_S_Y];
  th = s[SL_BCM_S_THETA];
  s[SL_BCM_S_W] = MAX (s[SL_BCM_S_W] + p[SL_BCM_ETA] * x * y * (y - th) * in->dt * 1e-3, 0.0);
  et = exp (-in->dt / p[SL_BCM_TAU_THETA]);
  s[SL_BCM_S_THETA] = y * y / p[SL_BCM_Y0] + (th - y * y / p[SL_BCM_Y0]) * et;
}

static double
bcm_weight (const double *p,
            const double *s)
{
  return s[SL_BCM_S_SCALE] * s[SL_BCM_S_W];
}

const SlRuleClass sl_rule_bcm = {
  .name = "bcm",
  .title = "BCM with a sliding threshold",
  .equation = "dw/dt = η·x·y·(y − θ_M),  τ_θ dθ_M/dt = y²/y₀ − θ_M",
  .citation = "Bienenstock EL, Cooper LN & Munro PW (1982) J Neurosci 2:32; Intrator N & Cooper LN (1992)",
  .params = params,
  .n_params = SL_BCM_N_PARAMS,
  .presets = presets,
  .n_presets = G_N_ELEMENTS (presets),
  .n_state = SL_BCM_N_STATE,
  .state_names = state_names,
  .init = bcm_init,
  .step = bcm_step,
  .weight = bcm_weight,
  .release_scale = NULL,
};
