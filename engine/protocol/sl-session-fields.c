/* sl-session-fields.c: the numeric attributes of the session format, one
 * table per element, read by sl-session-xml.c and written by
 * sl-session-writer.c in this order. */
#include "sl-session-private.h"

#define D(type, m)    SL_FIELD (type, m, SL_FIELD_DOUBLE)
#define DNZ(type, m)  SL_FIELD (type, m, SL_FIELD_DOUBLE_NZ)
#define INZ(type, m)  SL_FIELD (type, m, SL_FIELD_INT_NZ)

const SlField _sl_geometry_fields[] = {
  D (SlSpineGeometry, head_volume),
  D (SlSpineGeometry, neck_length),
  D (SlSpineGeometry, neck_diam),
  { NULL },
};

const SlField _sl_synapse_fields[] = {
  D (SlSynapseSpec, g_ampa),
  D (SlSynapseSpec, nmda_ratio),
  D (SlSynapseSpec, tau_r_ampa),
  D (SlSynapseSpec, tau_d_ampa),
  D (SlSynapseSpec, tau_r_nmda),
  D (SlSynapseSpec, tau_d_nmda),
  D (SlSynapseSpec, e_ampa),
  D (SlSynapseSpec, e_nmda),
  D (SlSynapseSpec, mg),
  SL_FIELD (SlSynapseSpec, mg_block, SL_FIELD_MG_BLOCK),
  D (SlSynapseSpec, g_vdcc),
  D (SlSynapseSpec, use_se),
  D (SlSynapseSpec, tau_dep),
  D (SlSynapseSpec, tau_fac),
  SL_FIELD (SlSynapseSpec, n_rrp, SL_FIELD_INT),
  SL_FIELD (SlSynapseSpec, stochastic_release, SL_FIELD_BOOL),
  { NULL },
};

const SlField _sl_discretisation_fields[] = {
  D (SlModelSpec, d_lambda),
  D (SlModelSpec, d_lambda_freq),
  D (SlModelSpec, max_length),
  { NULL },
};

const SlField _sl_environment_fields[] = {
  D (SlModelSpec, celsius),
  D (SlModelSpec, v_init),
  D (SlModelSpec, ca_o),
  { NULL },
};

const SlField _sl_profile_shape_fields[] = {
  DNZ (SlProfile, value_far),
  DNZ (SlProfile, slope),
  DNZ (SlProfile, floor),
  DNZ (SlProfile, d_mid),
  DNZ (SlProfile, width),
  DNZ (SlProfile, d_min),
  DNZ (SlProfile, d_max),
  { NULL },
};

const SlField _sl_calcium_fields[] = {
  D (SlCalciumSpec, ca_rest),
  D (SlCalciumSpec, eta_head),
  D (SlCalciumSpec, tau_head),
  D (SlCalciumSpec, eta_shaft),
  D (SlCalciumSpec, tau_shaft),
  D (SlCalciumSpec, d_eff),
  D (SlCalciumSpec, shell_depth),
  D (SlCalciumSpec, dx_near),
  D (SlCalciumSpec, dx_far),
  SL_FIELD (SlCalciumSpec, neck_voxels, SL_FIELD_INT),
  SL_FIELD (SlCalciumSpec, diffusion, SL_FIELD_BOOL),
  { NULL },
};

const SlField _sl_train_fields[] = {
  DNZ (SlTrainSpec, start),
  DNZ (SlTrainSpec, stop),
  DNZ (SlTrainSpec, rate),
  INZ (SlTrainSpec, n),
  INZ (SlTrainSpec, n_per_burst),
  DNZ (SlTrainSpec, intra_rate),
  DNZ (SlTrainSpec, burst_rate),
  INZ (SlTrainSpec, n_bursts),
  INZ (SlTrainSpec, n_repeats),
  DNZ (SlTrainSpec, gap),
  SL_FIELD (SlTrainSpec, seed, SL_FIELD_SEED_NZ),
  { NULL },
};

const SlField _sl_stimulus_amount_fields[] = {
  DNZ (SlStimulusSpec, amp),
  DNZ (SlStimulusSpec, delay),
  DNZ (SlStimulusSpec, dur),
  DNZ (SlStimulusSpec, offset),
  DNZ (SlStimulusSpec, interval),
  { NULL },
};

const SlField _sl_protocol_fields[] = {
  D (SlProtocolSpec, dt),
  D (SlProtocolSpec, tstop),
  D (SlProtocolSpec, record_interval),
  D (SlProtocolSpec, theta_period),
  D (SlProtocolSpec, theta_start),
  { NULL },
};
