/* sl-rule-plateau.h: indices and helpers of the plateau-gated (BTSP) rule. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

enum
{
  SL_BTSP_TAU_ET, SL_BTSP_TAU_IS, SL_BTSP_K_POT, SL_BTSP_K_DEP,
  SL_BTSP_POT_TH, SL_BTSP_POT_HW, SL_BTSP_DEP_TH, SL_BTSP_DEP_HW,
  SL_BTSP_PEAK_DW, SL_BTSP_REF_RATE, SL_BTSP_REF_DUR, SL_BTSP_PLATEAU_REF,
  SL_BTSP_W_INIT, SL_BTSP_IS_END,
  SL_BTSP_N_PARAMS
};

enum
{
  SL_BTSP_S_ET, SL_BTSP_S_IS, SL_BTSP_S_INT_POT, SL_BTSP_S_INT_DEP,
  SL_BTSP_S_W, SL_BTSP_S_SCALE, SL_BTSP_S_IN_EPISODE, SL_BTSP_S_EPISODES, SL_BTSP_S_GATE_PREV,
  SL_BTSP_N_STATE
};

/* f(x): sigmoid through (0, 0) and (1, 1) with threshold th and half width hw. */
double sl_btsp_sigmoid (double x,
                        double th,
                        double hw);

G_END_DECLS
