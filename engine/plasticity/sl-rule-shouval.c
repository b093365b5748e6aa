/* sl-rule-shouval.c: Shouval, Bear & Cooper 2002 calcium control
 * (models.md §3.8): dw/dt = η(Ca)(Ω(Ca) − λw) on spine [Ca] in µM above rest. */
#include "sl-rule-private.h"
#include "sl-rule-misc.h"

static const SlRuleParam params[SL_SHOUVAL_N_PARAMS] = {
  [SL_SHOUVAL_ALPHA1] = { "alpha1", "µM", "Ω depression onset α₁ [V2]", 0.35, 0, 100 },
  [SL_SHOUVAL_ALPHA2] = { "alpha2", "µM", "Ω potentiation onset α₂ [V2]", 0.55, 0, 100 },
  [SL_SHOUVAL_BETA1]  = { "beta1", "1/µM", "Ω slope β₁ [V2]", 80, 0, 1e4 },
  [SL_SHOUVAL_BETA2]  = { "beta2", "1/µM", "Ω slope β₂ [V2]", 80, 0, 1e4 },
  [SL_SHOUVAL_P1]     = { "p1", "ms·µM³", "τ(c) = P₁/(P₂ + c^P₃) + P₄: P₁ = 0.1 s [V2]", 100, 0, 1e9 },
  [SL_SHOUVAL_P2]     = { "p2", "µM³", "P₂ = P₁·10⁻⁴ (P₁ in s) [V2]", 1e-5, 1e-12, 1e6 },
  [SL_SHOUVAL_P3]     = { "p3", "", "P₃ [V2]", 3, 0, 10 },
  [SL_SHOUVAL_P4]     = { "p4", "ms", "P₄ = 1 s [V2]", 1000, 0, 1e9 },
  [SL_SHOUVAL_LAMBDA] = { "lambda", "", "decay λ [V2]", 1, 0, 100 },
  [SL_SHOUVAL_W_INIT] = { "w_init", "", "initial w (Ω at rest = 0.25) [V2]", 0.25, 0, 10 },
};

static const SlRulePresetValue p_orig[] = {
  { "alpha1", 0.35 }, { "alpha2", 0.55 }, { "beta1", 80 }, { "beta2", 80 },
  { "p1", 100 }, { "p2", 1e-5 }, { "p3", 3 }, { "p4", 1000 }, { "lambda", 1 }, { NULL, 0 } };

static const SlRulePreset presets[] = {
  { "Shouval 2002", "PNAS 2002 values via the CaDP re-implementation [V2]", p_orig },
};

static const char * const state_names[SL_SHOUVAL_N_STATE] = { "w", "scale" };

static double
sig (double x,
     double beta)
{
  return 1.0 / (1.0 + exp (-beta * x));
}

double
sl_shouval_omega (const double *p,
                  double        c)
{
  return 0.25 + sig (c - p[SL_SHOUVAL_ALPHA2], p[SL_SHOUVAL_BETA2])
         - 0.25 * sig (c - p[SL_SHOUVAL_ALPHA1], p[SL_SHOUVAL_BETA1]);
}

double
sl_shouval_eta (const double *p,
                double        c)
{
  double cp = pow (MAX (c, 0.0), p[SL_SHOUVAL_P3]);

  return 1.0 / (p[SL_SHOUVAL_P1] / (p[SL_SHOUVAL_P2] + cp) + p[SL_SHOUVAL_P4]);
}

static void
shouval_init (const double *p,
              double       *s,
              guint64       seed,
              double        w0)
{
  s[SL_SHOUVAL_S_W] = p[SL_SHOUVAL_W_INIT];
  s[SL_SHOUVAL_S_SCALE] = _sl_rule_weight_scale (w0, p[SL_SHOUVAL_W_INIT]);
}

/* Exact over the step for the calcium held constant: w relaxes to Ω/λ. */
static void
shouval_step (const double      *p,
              double            *s,
              const SlRuleInput *in)
{
  double c = (in->ca - in->ca_rest) * 1e3;   /* mM → µM */
  double lambda = p[SL_SHOUVAL_LAMBDA];
  double omega = sl_shouval_omega (p, c), eta = sl_shouval_eta (p, c);
  double w = s[SL_SHOUVAL_S_W];

  if (lambda > 0.0)
    {
      double target = omega / lambda;

      w = target + (w - target) * exp (-eta * lambda * in->dt);
    }
  else
    w += eta * omega * in->dt;
  s[SL_SHOUVAL_S_W] = MAX (w, 0.0);
}

static double
shouval_weight (const double *p,
                const double *s)
{
  return s[SL_SHOUVAL_S_SCALE] * s[SL_SHOUVAL_S_W];
}

const SlRuleClass sl_rule_shouval = {
  .name = "shouval",
  .title = "Shouval–Bear–Cooper calcium control (Ω rule)",
  .equation = "dw/dt = η([Ca])·(Ω([Ca]) − λw)",
  .citation = "Shouval HZ, Bear MF & Cooper LN (2002) PNAS 99:10831",
  .params = params,
  .n_params = SL_SHOUVAL_N_PARAMS,
  .presets = presets,
  .n_presets = G_N_ELEMENTS (presets),
  .n_state = SL_SHOUVAL_N_STATE,
  .state_names = state_names,
  .init = shouval_init,
  .step = shouval_step,
  .weight = shouval_weight,
  .release_scale = NULL,
};
