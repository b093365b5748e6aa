/* sl-rule-clopath.c: Clopath et al. 2010 voltage-based STDP
 * (models.md §3.10); u is the spine-head voltage. */
#include "sl-rule-private.h"
#include "sl-rule-misc.h"

static const SlRuleParam params[SL_CLOPATH_N_PARAMS] = {
  [SL_CLOPATH_A_LTD]       = { "a_ltd", "1/mV", "depression amplitude [V2]", 14e-5, 0, 1 },
  [SL_CLOPATH_A_LTP]       = { "a_ltp", "1/mV²", "potentiation amplitude [V2]", 8e-5, 0, 1 },
  [SL_CLOPATH_THETA_MINUS] = { "theta_minus", "mV", "θ₋ [V2]", -70.6, -200, 100 },
  [SL_CLOPATH_THETA_PLUS]  = { "theta_plus", "mV", "θ₊ [V2]", -45.3, -200, 100 },
  [SL_CLOPATH_TAU_MINUS]   = { "tau_minus", "ms", "ū₋ filter [V2]", 10, 0.01, 1e4 },
  [SL_CLOPATH_TAU_PLUS]    = { "tau_plus", "ms", "ū₊ filter [V2]", 7, 0.01, 1e4 },
  [SL_CLOPATH_TAU_X]       = { "tau_x", "ms", "presynaptic trace x̄ [V2]", 15, 0.01, 1e4 },
  [SL_CLOPATH_HOMEOSTASIS] = { "homeostasis", "", "1: A_LTD scaled by ū̄²/u_ref² [V2]", 0, 0, 1 },
  [SL_CLOPATH_TAU_BAR]     = { "tau_bar", "ms", "ū̄ filter [V2]", 500, 1, 1e6 },
  [SL_CLOPATH_U_REF2]      = { "u_ref2", "mV²", "u_ref² [V2]", 60, 1e-6, 1e6 },
  [SL_CLOPATH_E_L]         = { "e_l", "mV", "resting potential for ū̄ [V2]", -70.6, -200, 100 },
  [SL_CLOPATH_W_MAX]       = { "w_max", "", "upper bound of the internal weight [U]", 3, 1e-9, 1e6 },
  [SL_CLOPATH_W_INIT]      = { "w_init", "", "initial internal weight [U]", 1, 0, 1e6 },
  [SL_CLOPATH_DELAY]       = { "delay_u_bars", "ms", "delay of ū± seen by the rule, whole ms (NEST delay_u_bars) [V2]", 5, 0, SL_CLOPATH_RING - 1 },
};

static const SlRulePresetValue p_nest[] = {
  { "a_ltd", 14e-5 }, { "a_ltp", 8e-5 }, { "theta_minus", -70.6 }, { "theta_plus", -45.3 },
  { "tau_minus", 10 }, { "tau_plus", 7 }, { "tau_x", 15 }, { "delay_u_bars", 5 }, { NULL, 0 } };
static const SlRulePreset presets[] = {
  { "Clopath 2010 (NEST)", "NEST clopath_synapse / aeif_psc_delta_clopath defaults [V2]", p_nest },
};

static const char * const state_names[SL_CLOPATH_N_STATE] = {
  "x_bar", "u_minus", "u_plus", "u_barbar", "w", "scale", "started", "next_sample", "head",
  "u_minus_d0", "u_minus_d1", "u_minus_d2", "u_minus_d3", "u_minus_d4",
  "u_minus_d5", "u_minus_d6", "u_minus_d7", "u_minus_d8", "u_minus_d9",
  "u_plus_d0", "u_plus_d1", "u_plus_d2", "u_plus_d3", "u_plus_d4",
  "u_plus_d5", "u_plus_d6", "u_plus_d7", "u_plus_d8", "u_plus_d9",
};
G_STATIC_ASSERT (SL_CLOPATH_RING == 10);

static void
clopath_init (const double *p,
              double       *s,
              guint64       seed,
              double        w0)
{
  for (guint i = 0; i < SL_CLOPATH_N_STATE; i++)
    s[i] = 0.0;
  s[SL_CLOPATH_S_W] = MIN (p[SL_CLOPATH_W_INIT], p[SL_CLOPATH_W_MAX]);
  s[SL_CLOPATH_S_SCALE] = _sl_rule_weight_scale (w0, s[SL_CLOPATH_S_W]);
}

static inline double
pos (double x)
{
  return x > 0.0 ? x : 0.0;
}

/* ū± as the rule sees them: delay_u_bars ms old, from the 1 ms delay line */
static void
delayed_u_bars (const double *p,
                const double *s,
                double       *um,
                double       *up)
{
  int d = (int) p[SL_CLOPATH_DELAY];
  int k = ((int) s[SL_CLOPATH_S_HEAD] - d + SL_CLOPATH_RING) % SL_CLOPATH_RING;

  if (d == 0)
    {
      *um = s[SL_CLOPATH_S_UMINUS];
      *up = s[SL_CLOPATH_S_UPLUS];
      return;
    }
  *um = s[SL_CLOPATH_S_RING_MINUS + k];
  *up = s[SL_CLOPATH_S_RING_PLUS + k];
}

static void
clopath_step (const double      *p,
              double            *s,
              const SlRuleInput *in)
{
  double u = in->v, w = s[SL_CLOPATH_S_W], a_ltd = p[SL_CLOPATH_A_LTD], um, up;

  if (s[SL_CLOPATH_S_STARTED] < 0.5)
    {
      /* filters and delay line start at the first voltage seen, not at 0 mV */
      s[SL_CLOPATH_S_UMINUS] = s[SL_CLOPATH_S_UPLUS] = u;
      s[SL_CLOPATH_S_UBARBAR] = u - p[SL_CLOPATH_E_L];
      for (int k = 0; k < SL_CLOPATH_RING; k++)
        s[SL_CLOPATH_S_RING_MINUS + k] = s[SL_CLOPATH_S_RING_PLUS + k] = u;
      s[SL_CLOPATH_S_NEXT_SAMPLE] = floor (in->t) + 1.0;
      s[SL_CLOPATH_S_STARTED] = 1.0;
    }
  if (p[SL_CLOPATH_HOMEOSTASIS] > 0.5)
    a_ltd *= s[SL_CLOPATH_S_UBARBAR] * s[SL_CLOPATH_S_UBARBAR] / p[SL_CLOPATH_U_REF2];

  delayed_u_bars (p, s, &um, &up);
  if (in->pre)
    w -= a_ltd * pos (um - p[SL_CLOPATH_THETA_MINUS]);
  w += in->dt * p[SL_CLOPATH_A_LTP] * s[SL_CLOPATH_S_XBAR]
       * pos (u - p[SL_CLOPATH_THETA_PLUS]) * pos (up - p[SL_CLOPATH_THETA_MINUS]);
  s[SL_CLOPATH_S_W] = _sl_clamp (w, 0.0, p[SL_CLOPATH_W_MAX]);

  s[SL_CLOPATH_S_XBAR] *= exp (-in->dt / p[SL_CLOPATH_TAU_X]);
  if (in->pre)
    s[SL_CLOPATH_S_XBAR] += 1.0 / p[SL_CLOPATH_TAU_X];
  s[SL_CLOPATH_S_UMINUS] = u + (s[SL_CLOPATH_S_UMINUS] - u) * exp (-in->dt / p[SL_CLOPATH_TAU_MINUS]);
  s[SL_CLOPATH_S_UPLUS] = u + (s[SL_CLOPATH_S_UPLUS] - u) * exp (-in->dt / p[SL_CLOPATH_TAU_PLUS]);
  s[SL_CLOPATH_S_UBARBAR] = (u - p[SL_CLOPATH_E_L])
    + (s[SL_CLOPATH_S_UBARBAR] - (u - p[SL_CLOPATH_E_L])) * exp (-in->dt / p[SL_CLOPATH_TAU_BAR]);

  /* one delay-line sample per whole ms crossed */
  while (in->t + in->dt >= s[SL_CLOPATH_S_NEXT_SAMPLE] - 1e-9)
    {
      int head = ((int) s[SL_CLOPATH_S_HEAD] + 1) % SL_CLOPATH_RING;

      s[SL_CLOPATH_S_RING_MINUS + head] = s[SL_CLOPATH_S_UMINUS];
      s[SL_CLOPATH_S_RING_PLUS + head] = s[SL_CLOPATH_S_UPLUS];
      s[SL_CLOPATH_S_HEAD] = head;
      s[SL_CLOPATH_S_NEXT_SAMPLE] += 1.0;
    }
}

static double
clopath_weight (const double *p,
                const double *s)
{
  return s[SL_CLOPATH_S_SCALE] * s[SL_CLOPATH_S_W];
}

const SlRuleClass sl_rule_clopath = {
  .name = "clopath",
  .title = "Clopath voltage-based STDP",
  .equation = "dw/dt = −A_LTD·X·[ū₋ − θ₋]₊ + A_LTP·x̄·[u − θ₊]₊·[ū₊ − θ₋]₊",
  .citation = "Clopath C, Büsing L, Vasilaki E & Gerstner W (2010) Nat Neurosci 13:344",
  .params = params,
  .n_params = SL_CLOPATH_N_PARAMS,
  .presets = presets,
  .n_presets = G_N_ELEMENTS (presets),
  .n_state = SL_CLOPATH_N_STATE,
  .state_names = state_names,
  .init = clopath_init,
  .step = clopath_step,
  .weight = clopath_weight,
  .release_scale = NULL,
};
