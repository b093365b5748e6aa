/* sl-rule-plateau.c: plateau-gated BTSP rule, Milstein et al. 2021
 * weight-dependent model WD-D (models.md §3.5). */
#include "sl-rule-private.h"
#include "sl-rule-plateau.h"

static const SlRuleParam params[SL_BTSP_N_PARAMS] = {
  [SL_BTSP_TAU_ET]      = { "tau_et", "ms", "eligibility trace decay (local_signal_decay) [V]", 1664.1, 1, 1e6 },
  [SL_BTSP_TAU_IS]      = { "tau_is", "ms", "instructive signal decay (global_signal_decay) [V]", 437.0, 1, 1e6 },
  [SL_BTSP_K_POT]       = { "k_pot", "1/s", "potentiation rate [V]", 1.1097, 0, 1000 },
  [SL_BTSP_K_DEP]       = { "k_dep", "1/s", "depression rate [V]", 0.42494, 0, 1000 },
  [SL_BTSP_POT_TH]      = { "f_pot_th", "", "f_pot sigmoid threshold [V]", 0.41501, -10, 10 },
  [SL_BTSP_POT_HW]      = { "f_pot_half_width", "", "f_pot sigmoid half width [V]", 0.45411, 1e-6, 100 },
  [SL_BTSP_DEP_TH]      = { "f_dep_th", "", "f_dep sigmoid threshold [V]", 0.026182, -10, 10 },
  [SL_BTSP_DEP_HW]      = { "f_dep_half_width", "", "f_dep sigmoid half width [V]", 0.099772, 1e-6, 100 },
  [SL_BTSP_PEAK_DW]     = { "peak_delta_weight", "", "W_max = 1 + peak_delta_weight (units of a naive weight) [V]", 3.6803, 0, 100 },
  [SL_BTSP_REF_RATE]    = { "ref_rate", "Hz", "reference burst rate; its ET peak is normalised to 1 [U]", 50, 0.1, 1000 },
  [SL_BTSP_REF_DUR]     = { "ref_duration", "ms", "reference burst duration [U]", 100, 0.1, 10000 },
  [SL_BTSP_PLATEAU_REF] = { "plateau_duration", "ms", "plateau whose IS peak is normalised to 1 (plateau_dur) [V]", 300, 1, 10000 },
  [SL_BTSP_W_INIT]      = { "w_init", "", "initial normalised weight w̃ (1/W_max: a naive synapse) [V]", 1.0 / 4.6803, 0, 1 },
  [SL_BTSP_IS_END]      = { "episode_end_is", "", "episode ends when the gate is off and IS falls below this [U]", 1e-3, 1e-9, 0.5 },
};

static const SlRulePresetValue p_ca1[] = {
  { "tau_et", 1664.1 }, { "tau_is", 437.0 }, { NULL, 0 } };
static const SlRulePresetValue p_cortical[] = {
  { "tau_et", 300.0 }, { "tau_is", 150.0 }, { NULL, 0 } };

static const SlRulePreset presets[] = {
  { "CA1 BTSP", "Milstein et al. 2021 WD-D network fit [V]", p_ca1 },
  { "cortical apical", "τ_ET = 300 ms, τ_IS = 150 ms, otherwise CA1 [U]", p_cortical },
};

static const char * const state_names[SL_BTSP_N_STATE] = {
  "ET", "IS", "int_pot", "int_dep", "w_tilde", "scale", "in_episode", "episodes", "gate_prev",
};

double
sl_btsp_sigmoid (double x,
                 double th,
                 double hw)
{
  double sl = 2.0 / hw;
  double y0 = 1.0 / (1.0 + exp (-sl * (0.0 - th)));
  double y1 = 1.0 / (1.0 + exp (-sl * (1.0 - th)));
  double y = 1.0 / (1.0 + exp (-sl * (x - th)));

  return (y - y0) / (y1 - y0);
}

/* ET jump per presynaptic spike: the reference burst (regular spikes from
 * its start) peaks at exactly 1 just after its last spike. */
static double
et_jump (const double *p)
{
  double isi = 1000.0 / p[SL_BTSP_REF_RATE];
  int n = MAX (1, (int) ceil (p[SL_BTSP_REF_DUR] / isi - 1e-9));
  double sum = 0.0;

  for (int i = 0; i < n; i++)
    sum += exp (-i * isi / p[SL_BTSP_TAU_ET]);
  return 1.0 / sum;
}

static void
btsp_init (const double *p,
           double       *s,
           guint64       seed,
           double        w0)
{
  for (guint i = 0; i < SL_BTSP_N_STATE; i++)
    s[i] = 0.0;
  s[SL_BTSP_S_W] = p[SL_BTSP_W_INIT];
  s[SL_BTSP_S_SCALE] = _sl_rule_weight_scale (w0, p[SL_BTSP_W_INIT]);
}

static void
episode_close (const double *p,
               double       *s)
{
  double w = s[SL_BTSP_S_W];
  double dw = p[SL_BTSP_K_POT] * s[SL_BTSP_S_INT_POT] * (1.0 - w)
              - p[SL_BTSP_K_DEP] * s[SL_BTSP_S_INT_DEP] * w;

  s[SL_BTSP_S_W] = _sl_clamp (w + dw, 0.0, 1.0);
  s[SL_BTSP_S_INT_POT] = s[SL_BTSP_S_INT_DEP] = 0.0;
  s[SL_BTSP_S_IN_EPISODE] = 0.0;
  s[SL_BTSP_S_EPISODES] += 1.0;
}

static void
btsp_step (const double      *p,
           double            *s,
           const SlRuleInput *in)
{
  double e_et = exp (-in->dt / p[SL_BTSP_TAU_ET]);
  double tau_is = p[SL_BTSP_TAU_IS];
  double e_is = exp (-in->dt / tau_is);
  double is_norm = 1.0 - exp (-p[SL_BTSP_PLATEAU_REF] / tau_is);
  double x0, x1, f0p, f1p, f0d, f1d, dt_s = in->dt * 1e-3;

  /* a plateau onset opens an episode, closing a previous one first */
  if (in->plateau && s[SL_BTSP_S_GATE_PREV] < 0.5)
    {
      if (s[SL_BTSP_S_IN_EPISODE] > 0.5)
        episode_close (p, s);
      s[SL_BTSP_S_IN_EPISODE] = 1.0;
    }
  s[SL_BTSP_S_GATE_PREV] = in->plateau ? 1.0 : 0.0;

  if (in->pre)
    s[SL_BTSP_S_ET] += et_jump (p);
  x0 = s[SL_BTSP_S_ET] * s[SL_BTSP_S_IS];
  s[SL_BTSP_S_ET] *= e_et;
  /* gate held over the step: exact solution of τ dIS/dt = −IS + gate/norm */
  s[SL_BTSP_S_IS] = s[SL_BTSP_S_IS] * e_is + (in->plateau ? (1.0 - e_is) / is_norm : 0.0);
  x1 = s[SL_BTSP_S_ET] * s[SL_BTSP_S_IS];

  if (s[SL_BTSP_S_IN_EPISODE] > 0.5)
    {
      f0p = sl_btsp_sigmoid (x0, p[SL_BTSP_POT_TH], p[SL_BTSP_POT_HW]);
      f1p = sl_btsp_sigmoid (x1, p[SL_BTSP_POT_TH], p[SL_BTSP_POT_HW]);
      f0d = sl_btsp_sigmoid (x0, p[SL_BTSP_DEP_TH], p[SL_BTSP_DEP_HW]);
      f1d = sl_btsp_sigmoid (x1, p[SL_BTSP_DEP_TH], p[SL_BTSP_DEP_HW]);
      s[SL_BTSP_S_INT_POT] += 0.5 * (f0p + f1p) * dt_s;
      s[SL_BTSP_S_INT_DEP] += 0.5 * (f0d + f1d) * dt_s;
      if (!in->plateau && s[SL_BTSP_S_IS] < p[SL_BTSP_IS_END])
        episode_close (p, s);
    }
}

static double
btsp_weight (const double *p,
             const double *s)
{
  return s[SL_BTSP_S_SCALE] * s[SL_BTSP_S_W];
}

const SlRuleClass sl_rule_plateau = {
  .name = "plateau",
  .title = "Plateau-gated BTSP rule (weight-dependent, WD-D)",
  .equation = "Δw̃ = k₊∫f₊(ET·IS)dt·(1 − w̃) − k₋∫f₋(ET·IS)dt·w̃ per plateau episode",
  .citation = "Milstein AD et al. (2021) eLife 10:e73046; Bittner KC et al. (2017) Science 357:1033",
  .params = params,
  .n_params = SL_BTSP_N_PARAMS,
  .presets = presets,
  .n_presets = G_N_ELEMENTS (presets),
  .n_state = SL_BTSP_N_STATE,
  .state_names = state_names,
  .init = btsp_init,
  .step = btsp_step,
  .weight = btsp_weight,
  .release_scale = NULL,
};
