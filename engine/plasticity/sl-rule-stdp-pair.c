/* sl-rule-stdp-pair.c: pair-based STDP with event-exact traces
 * (models.md §3.6).  Post = local post event (bAP arrival at the head). */
#include "sl-rule-private.h"
#include "sl-rule-stdp.h"

static const SlRuleParam params[SL_PAIR_N_PARAMS] = {
  [SL_PAIR_TAU_PLUS]  = { "tau_plus", "ms", "pre trace decay τ₊ [V2]", 20, 0.1, 10000 },
  [SL_PAIR_TAU_MINUS] = { "tau_minus", "ms", "post trace decay τ₋ [V2]", 20, 0.1, 10000 },
  [SL_PAIR_A_PLUS]    = { "a_plus", "", "potentiation amplitude A₊ [V2]", 0.001, 0, 10 },
  [SL_PAIR_A_MINUS]   = { "a_minus", "", "depression amplitude A₋ [V2]", 0.00106, 0, 10 },
  [SL_PAIR_MU]        = { "mu", "", "weight dependence: 0 additive, 1 multiplicative [V2]", 0, 0, 1 },
  [SL_PAIR_W_MAX]     = { "w_max", "", "upper bound of the internal weight [U]", 1, 1e-9, 1e6 },
  [SL_PAIR_W_INIT]    = { "w_init", "", "initial internal weight [U]", 0.5, 0, 1e6 },
  [SL_PAIR_NEAREST]   = { "nearest", "", "0 all-to-all, 1 nearest-neighbour (traces reset to 1) [V2]", 0, 0, 1 },
};

static const SlRulePresetValue p_song[] = {
  { "tau_plus", 20 }, { "tau_minus", 20 }, { "a_plus", 0.001 }, { "a_minus", 0.00106 }, { NULL, 0 } };
static const SlRulePresetValue p_bipoo[] = {
  { "tau_plus", 17 }, { "tau_minus", 34 }, { NULL, 0 } };

static const SlRulePreset presets[] = {
  { "Song-Abbott 2001", "PyNN StdwaSoft defaults [V2]", p_song },
  { "Bi-Poo 1998", "τ₊ = 17 ms, τ₋ = 34 ms (NEURON stdp.mod) [V2]", p_bipoo },
};

static const char * const state_names[SL_PAIR_N_STATE] = {
  "a_pre", "a_post", "t_last", "w", "scale",
};

static void
pair_init (const double *p,
           double       *s,
           guint64       seed,
           double        w0)
{
  s[SL_PAIR_S_A_PRE] = s[SL_PAIR_S_A_POST] = 0.0;
  s[SL_PAIR_S_T_LAST] = 0.0;
  s[SL_PAIR_S_W] = MIN (p[SL_PAIR_W_INIT], p[SL_PAIR_W_MAX]);
  s[SL_PAIR_S_SCALE] = _sl_rule_weight_scale (w0, s[SL_PAIR_S_W]);
}

/* Spikes at the same step do not see each other's increment. */
static void
pair_step (const double      *p,
           double            *s,
           const SlRuleInput *in)
{
  double el, w, mu = p[SL_PAIR_MU], wmax = p[SL_PAIR_W_MAX];
  double a_pre, a_post;

  if (!in->pre && !in->post)
    return;
  el = in->t - s[SL_PAIR_S_T_LAST];
  a_pre = s[SL_PAIR_S_A_PRE] * exp (-el / p[SL_PAIR_TAU_PLUS]);
  a_post = s[SL_PAIR_S_A_POST] * exp (-el / p[SL_PAIR_TAU_MINUS]);
  w = s[SL_PAIR_S_W];
  if (in->post)
    w += p[SL_PAIR_A_PLUS] * a_pre * pow (MAX (wmax - w, 0.0), mu);
  if (in->pre)
    w -= p[SL_PAIR_A_MINUS] * a_post * pow (MAX (w, 0.0), mu);
  s[SL_PAIR_S_W] = _sl_clamp (w, 0.0, wmax);
  if (in->pre)
    a_pre = p[SL_PAIR_NEAREST] > 0.5 ? 1.0 : a_pre + 1.0;
  if (in->post)
    a_post = p[SL_PAIR_NEAREST] > 0.5 ? 1.0 : a_post + 1.0;
  s[SL_PAIR_S_A_PRE] = a_pre;
  s[SL_PAIR_S_A_POST] = a_post;
  s[SL_PAIR_S_T_LAST] = in->t;
}

static double
pair_weight (const double *p,
             const double *s)
{
  return s[SL_PAIR_S_SCALE] * s[SL_PAIR_S_W];
}

const SlRuleClass sl_rule_stdp_pair = {
  .name = "stdp-pair",
  .title = "Pair-based STDP",
  .equation = "post: Δw = A₊·a_pre·(w_max − w)^μ;  pre: Δw = −A₋·a_post·w^μ",
  .citation = "Song S, Miller KD & Abbott LF (2000) Nat Neurosci 3:919; Bi G & Poo M (1998) J Neurosci 18:10464",
  .params = params,
  .n_params = SL_PAIR_N_PARAMS,
  .presets = presets,
  .n_presets = G_N_ELEMENTS (presets),
  .n_state = SL_PAIR_N_STATE,
  .state_names = state_names,
  .init = pair_init,
  .step = pair_step,
  .weight = pair_weight,
  .release_scale = NULL,
};
