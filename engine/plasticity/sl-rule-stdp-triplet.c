/* sl-rule-stdp-triplet.c: triplet STDP, Pfister & Gerstner 2006,
 * all-to-all, event-exact traces (models.md §3.7). */
#include "sl-rule-private.h"
#include "sl-rule-stdp.h"

static const SlRuleParam params[SL_TRIP_N_PARAMS] = {
  [SL_TRIP_TAU_PLUS]  = { "tau_plus", "ms", "r₁ decay [V2]", 16.8, 0.1, 10000 },
  [SL_TRIP_TAU_MINUS] = { "tau_minus", "ms", "o₁ decay [V2]", 33.7, 0.1, 10000 },
  [SL_TRIP_TAU_X]     = { "tau_x", "ms", "r₂ decay (unused by minimal sets, A₃⁻ = 0) [V2]", 101, 0.1, 10000 },
  [SL_TRIP_TAU_Y]     = { "tau_y", "ms", "o₂ decay [V2]", 114, 0.1, 10000 },
  [SL_TRIP_A2_PLUS]   = { "a2_plus", "", "pair potentiation A₂⁺ [V2]", 0, 0, 10 },
  [SL_TRIP_A3_PLUS]   = { "a3_plus", "", "triplet potentiation A₃⁺ [V2]", 6.5e-3, 0, 10 },
  [SL_TRIP_A2_MINUS]  = { "a2_minus", "", "pair depression A₂⁻ [V2]", 7.1e-3, 0, 10 },
  [SL_TRIP_A3_MINUS]  = { "a3_minus", "", "triplet depression A₃⁻ [V2]", 0, 0, 10 },
  [SL_TRIP_W_MAX]     = { "w_max", "", "upper bound of the internal weight [U]", 1, 1e-9, 1e6 },
  [SL_TRIP_W_INIT]    = { "w_init", "", "initial internal weight [U]", 0.5, 0, 1e6 },
};

static const SlRulePresetValue p_vis_min[] = {
  { "tau_plus", 16.8 }, { "tau_minus", 33.7 }, { "tau_x", 101 }, { "tau_y", 114 },
  { "a2_plus", 0 }, { "a3_plus", 6.5e-3 }, { "a2_minus", 7.1e-3 }, { "a3_minus", 0 }, { NULL, 0 } };
static const SlRulePresetValue p_hip_min[] = {
  { "tau_plus", 16.8 }, { "tau_minus", 33.7 }, { "tau_x", 101 }, { "tau_y", 40 },
  { "a2_plus", 5.3e-3 }, { "a3_plus", 8e-3 }, { "a2_minus", 3.5e-3 }, { "a3_minus", 0 }, { NULL, 0 } };
static const SlRulePresetValue p_vis_full[] = {
  { "tau_plus", 16.8 }, { "tau_minus", 33.7 }, { "tau_x", 101 }, { "tau_y", 125 },
  { "a2_plus", 7.5e-10 }, { "a3_plus", 9.3e-3 }, { "a2_minus", 7e-3 }, { "a3_minus", 2.3e-4 }, { NULL, 0 } };

static const SlRulePreset presets[] = {
  { "visual cortex minimal", "minimal all-to-all, visual cortex [V2]", p_vis_min },
  { "hippocampal minimal", "minimal all-to-all, hippocampal cultures [V2]", p_hip_min },
  { "visual cortex full", "full all-to-all (NESTML stdp_triplet defaults) [V2]", p_vis_full },
};

static const char * const state_names[SL_TRIP_N_STATE] = {
  "r1", "r2", "o1", "o2", "t_last", "w", "scale",
};

static void
triplet_init (const double *p,
              double       *s,
              guint64       seed,
              double        w0)
{
  for (guint i = 0; i < SL_TRIP_N_STATE; i++)
    s[i] = 0.0;
  s[SL_TRIP_S_W] = MIN (p[SL_TRIP_W_INIT], p[SL_TRIP_W_MAX]);
  s[SL_TRIP_S_SCALE] = _sl_rule_weight_scale (w0, s[SL_TRIP_S_W]);
}

/* Each update reads the traces before this step's own increments (ε → 0);
 * pre and post in the same step do not see each other. */
static void
triplet_step (const double      *p,
              double            *s,
              const SlRuleInput *in)
{
  double el, r1, r2, o1, o2, w;

  if (!in->pre && !in->post)
    return;
  el = in->t - s[SL_TRIP_S_T_LAST];
  r1 = s[SL_TRIP_S_R1] * exp (-el / p[SL_TRIP_TAU_PLUS]);
  r2 = s[SL_TRIP_S_R2] * exp (-el / p[SL_TRIP_TAU_X]);
  o1 = s[SL_TRIP_S_O1] * exp (-el / p[SL_TRIP_TAU_MINUS]);
  o2 = s[SL_TRIP_S_O2] * exp (-el / p[SL_TRIP_TAU_Y]);
  w = s[SL_TRIP_S_W];
  if (in->pre)
    w -= o1 * (p[SL_TRIP_A2_MINUS] + p[SL_TRIP_A3_MINUS] * r2);
  if (in->post)
    w += r1 * (p[SL_TRIP_A2_PLUS] + p[SL_TRIP_A3_PLUS] * o2);
  s[SL_TRIP_S_W] = _sl_clamp (w, 0.0, p[SL_TRIP_W_MAX]);
  if (in->pre)
    {
      r1 += 1.0;
      r2 += 1.0;
    }
  if (in->post)
    {
      o1 += 1.0;
      o2 += 1.0;
    }
  s[SL_TRIP_S_R1] = r1;
  s[SL_TRIP_S_R2] = r2;
  s[SL_TRIP_S_O1] = o1;
  s[SL_TRIP_S_O2] = o2;
  s[SL_TRIP_S_T_LAST] = in->t;
}

static double
triplet_weight (const double *p,
                const double *s)
{
  return s[SL_TRIP_S_SCALE] * s[SL_TRIP_S_W];
}

const SlRuleClass sl_rule_stdp_triplet = {
  .name = "stdp-triplet",
  .title = "Triplet STDP (Pfister–Gerstner)",
  .equation = "pre: Δw = −o₁(A₂⁻ + A₃⁻r₂);  post: Δw = r₁(A₂⁺ + A₃⁺o₂)",
  .citation = "Pfister J-P & Gerstner W (2006) J Neurosci 26:9673",
  .params = params,
  .n_params = SL_TRIP_N_PARAMS,
  .presets = presets,
  .n_presets = G_N_ELEMENTS (presets),
  .n_state = SL_TRIP_N_STATE,
  .state_names = state_names,
  .init = triplet_init,
  .step = triplet_step,
  .weight = triplet_weight,
  .release_scale = NULL,
};
