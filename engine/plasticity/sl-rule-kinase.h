/* sl-rule-kinase.h: indices and the 1 ms cycle of the kinase rule, for
 * tests and validation that drive it directly. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

enum
{
  SL_KINASE_MODE, SL_KINASE_TAU_SYN, SL_KINASE_SPIKE_GAIN, SL_KINASE_PROD_GAIN,
  SL_KINASE_TAU_M, SL_KINASE_TAU_P, SL_KINASE_TAU_D, SL_KINASE_ETA,
  SL_KINASE_W_INIT, SL_KINASE_CA_UNIT,
  SL_KINASE_N_PARAMS
};

enum
{
  SL_KINASE_S_XS, SL_KINASE_S_XR, SL_KINASE_S_CAM, SL_KINASE_S_CAP,
  SL_KINASE_S_CAD, SL_KINASE_S_W, SL_KINASE_S_SCALE, SL_KINASE_S_CYCLE_END,
  SL_KINASE_S_SPIKE_PRE, SL_KINASE_S_SPIKE_POST, SL_KINASE_S_CA_SUM,
  SL_KINASE_S_CA_TIME, SL_KINASE_S_SUM_DELTA,
  SL_KINASE_N_STATE
};

/* One 1 ms cycle of the cascade (ca_in used only in biophysical mode). */
void sl_kinase_cycle         (const double *p,
                              double       *s,
                              gboolean      spike_pre,
                              gboolean      spike_post,
                              double        ca_in);
/* Theta-end readout: Δ = CaP − CaD, soft bound, w += η·Δ. */
void sl_kinase_theta_readout (const double *p,
                              double       *s);

G_END_DECLS
