/* sl-rule-kinase.c: temporal-derivative kinase rule (Jang, Flores,
 * O'Reilly & Zito 2026), reference Axon cascade on its own 1 ms clock, and
 * the SpineLab biophysical variant driven by spine calcium (models.md §3.4).
 */
#include "sl-rule-private.h"
#include "sl-rule-kinase.h"

static const SlRuleParam params[SL_KINASE_N_PARAMS] = {
  [SL_KINASE_MODE]       = { "mode", "", "0 = reference (pre/post spikes → CaSyn), 1 = biophysical (spine Ca drives CaM) [U]", 0, 0, 1 },
  [SL_KINASE_TAU_SYN]    = { "tau_syn", "ms", "CaSyn time constant (CaSynTau) [V]", 30, 1, 1000 },
  [SL_KINASE_SPIKE_GAIN] = { "spike_gain", "", "CaSyn target on a spike cycle (SpikeCaSyn) [V]", 8, 0, 1000 },
  [SL_KINASE_PROD_GAIN]  = { "prod_gain", "", "gain of the product x_s·x_r [V]", 8, 0, 1000 },
  [SL_KINASE_TAU_M]      = { "tau_m", "ms", "CaM time constant (MTau) [V]", 5, 1, 1000 },
  [SL_KINASE_TAU_P]      = { "tau_p", "ms", "CaP, CaMKII-like (PTau) [V]", 40, 1, 10000 },
  [SL_KINASE_TAU_D]      = { "tau_d", "ms", "CaD, DAPK1-like (DTau) [V]", 40, 1, 10000 },
  [SL_KINASE_ETA]        = { "eta", "", "learning rate per unit (CaP − CaD); calibrated so 25→50 Hz gives 1.42 (validate V4-V6: 0.220 with Axon's readout; models.md ≈ 0.23) [D]", 0.220, 0, 100 },
  [SL_KINASE_W_INIT]     = { "w_init", "", "initial internal weight (soft bounds [0, 1]) [U]", 0.5, 0, 1 },
  [SL_KINASE_CA_UNIT]    = { "ca_unit", "mM", "calcium giving ca = 1 in the biophysical variant (1 µM) [U]", 1e-3, 1e-9, 10 },
};

static const SlRulePresetValue p_ref[] = {
  { "mode", 0 }, { "tau_syn", 30 }, { "spike_gain", 8 }, { "prod_gain", 8 },
  { "tau_m", 5 }, { "tau_p", 40 }, { "tau_d", 40 }, { NULL, 0 } };
static const SlRulePresetValue p_bio[] = {
  { "mode", 1 }, { "tau_m", 5 }, { "tau_p", 40 }, { "tau_d", 40 }, { NULL, 0 } };

static const SlRulePreset presets[] = {
  { "Axon reference", "emer/axon synapse-level cascade on a 1 ms clock [V]", p_ref },
  { "biophysical", "spine calcium drives CaM directly [U]", p_bio },
};

static const char * const state_names[SL_KINASE_N_STATE] = {
  "x_s", "x_r", "CaM", "CaP", "CaD", "w", "scale", "cycle_end",
  "spike_pre", "spike_post", "ca_sum", "ca_time", "sum_delta",
};

static void
kinase_init (const double *p,
             double       *s,
             guint64       seed,
             double        w0)
{
  for (guint i = 0; i < SL_KINASE_N_STATE; i++)
    s[i] = 0.0;
  s[SL_KINASE_S_W] = p[SL_KINASE_W_INIT];
  s[SL_KINASE_S_SCALE] = _sl_rule_weight_scale (w0, p[SL_KINASE_W_INIT]);
  s[SL_KINASE_S_CYCLE_END] = -1.0;   /* set by the first step */
}

/* One Axon cycle (1 ms): CaSyn, product, then the M → P → D cascade, each
 * stage using the value just updated above it (kinase/params.go). */
void
sl_kinase_cycle (const double *p,
                 double       *s,
                 gboolean      spike_pre,
                 gboolean      spike_post,
                 double        ca_in)
{
  double ca;

  if (p[SL_KINASE_MODE] < 0.5)
    {
      double g = p[SL_KINASE_SPIKE_GAIN], tau = p[SL_KINASE_TAU_SYN];

      s[SL_KINASE_S_XS] += ((spike_pre ? g : 0.0) - s[SL_KINASE_S_XS]) / tau;
      s[SL_KINASE_S_XR] += ((spike_post ? g : 0.0) - s[SL_KINASE_S_XR]) / tau;
      ca = p[SL_KINASE_PROD_GAIN] * s[SL_KINASE_S_XS] * s[SL_KINASE_S_XR];
    }
  else
    ca = ca_in;
  s[SL_KINASE_S_CAM] += (ca - s[SL_KINASE_S_CAM]) / p[SL_KINASE_TAU_M];
  s[SL_KINASE_S_CAP] += (s[SL_KINASE_S_CAM] - s[SL_KINASE_S_CAP]) / p[SL_KINASE_TAU_P];
  s[SL_KINASE_S_CAD] += (s[SL_KINASE_S_CAP] - s[SL_KINASE_S_CAD]) / p[SL_KINASE_TAU_D];
}

void
sl_kinase_theta_readout (const double *p,
                         double       *s)
{
  double delta = s[SL_KINASE_S_CAP] - s[SL_KINASE_S_CAD];
  double w = s[SL_KINASE_S_W];

  s[SL_KINASE_S_SUM_DELTA] += delta;
  delta *= delta > 0.0 ? 1.0 - w : w;   /* soft bounds (DWtSynSoftBound) */
  s[SL_KINASE_S_W] = _sl_clamp (w + p[SL_KINASE_ETA] * delta, 0.0, 1.0);
}

static void
kinase_step (const double      *p,
             double            *s,
             const SlRuleInput *in)
{
  double end = in->t + in->dt;
  double eps = 1e-6 * MIN (in->dt, 1.0);

  if (s[SL_KINASE_S_CYCLE_END] < 0.0)
    s[SL_KINASE_S_CYCLE_END] = floor (in->t + eps) + 1.0;
  if (in->pre)
    s[SL_KINASE_S_SPIKE_PRE] = 1.0;
  if (in->post)
    s[SL_KINASE_S_SPIKE_POST] = 1.0;
  if (p[SL_KINASE_MODE] >= 0.5)
    {
      s[SL_KINASE_S_CA_SUM] += (in->ca - in->ca_rest) / p[SL_KINASE_CA_UNIT] * in->dt;
      s[SL_KINASE_S_CA_TIME] += in->dt;
    }

  while (end >= s[SL_KINASE_S_CYCLE_END] - eps)
    {
      double ca = s[SL_KINASE_S_CA_TIME] > 0.0
                  ? s[SL_KINASE_S_CA_SUM] / s[SL_KINASE_S_CA_TIME] : 0.0;

      sl_kinase_cycle (p, s, s[SL_KINASE_S_SPIKE_PRE] > 0.5,
                       s[SL_KINASE_S_SPIKE_POST] > 0.5, ca);
      s[SL_KINASE_S_SPIKE_PRE] = s[SL_KINASE_S_SPIKE_POST] = 0.0;
      s[SL_KINASE_S_CA_SUM] = s[SL_KINASE_S_CA_TIME] = 0.0;
      s[SL_KINASE_S_CYCLE_END] += 1.0;
    }

  if (in->theta_end)
    sl_kinase_theta_readout (p, s);
}

static double
kinase_weight (const double *p,
               const double *s)
{
  return s[SL_KINASE_S_SCALE] * s[SL_KINASE_S_W];
}

const SlRuleClass sl_rule_kinase = {
  .name = "kinase",
  .title = "Temporal-derivative kinase rule (CaMKII − DAPK1)",
  .equation = "Δw = η·(CaP − CaD) at each theta end, soft-bounded; CaM → CaP → CaD cascade of Ca",
  .citation = "Jang J, Flores J, O'Reilly RC & Zito K (2026) preprint; emer/axon kinase cascade",
  .params = params,
  .n_params = SL_KINASE_N_PARAMS,
  .presets = presets,
  .n_presets = G_N_ELEMENTS (presets),
  .n_state = SL_KINASE_N_STATE,
  .state_names = state_names,
  .init = kinase_init,
  .step = kinase_step,
  .weight = kinase_weight,
  .release_scale = NULL,
};
