/* sl-rule-misc.h: parameter/state indices of the Shouval, BCM and Clopath
 * rules, and the Shouval Ω and η functions. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

enum
{
  SL_SHOUVAL_ALPHA1, SL_SHOUVAL_ALPHA2, SL_SHOUVAL_BETA1, SL_SHOUVAL_BETA2,
  SL_SHOUVAL_P1, SL_SHOUVAL_P2, SL_SHOUVAL_P3, SL_SHOUVAL_P4,
  SL_SHOUVAL_LAMBDA, SL_SHOUVAL_W_INIT,
  SL_SHOUVAL_N_PARAMS
};
enum { SL_SHOUVAL_S_W, SL_SHOUVAL_S_SCALE, SL_SHOUVAL_N_STATE };

/* Ω(c) and η(c) = 1/τ(c) in 1/ms, c in µM above rest. */
double sl_shouval_omega (const double *p, double c_uM);
double sl_shouval_eta   (const double *p, double c_uM);

enum
{
  SL_BCM_TAU_R, SL_BCM_Y0, SL_BCM_TAU_THETA, SL_BCM_ETA, SL_BCM_W_INIT,
  SL_BCM_CALCIUM, SL_BCM_THETA0,
  SL_BCM_N_PARAMS
};
enum { SL_BCM_S_X, SL_BCM_S_Y, SL_BCM_S_THETA, SL_BCM_S_W, SL_BCM_S_SCALE, SL_BCM_N_STATE };

enum
{
  SL_CLOPATH_A_LTD, SL_CLOPATH_A_LTP, SL_CLOPATH_THETA_MINUS, SL_CLOPATH_THETA_PLUS,
  SL_CLOPATH_TAU_MINUS, SL_CLOPATH_TAU_PLUS, SL_CLOPATH_TAU_X,
  SL_CLOPATH_HOMEOSTASIS, SL_CLOPATH_TAU_BAR, SL_CLOPATH_U_REF2, SL_CLOPATH_E_L,
  SL_CLOPATH_W_MAX, SL_CLOPATH_W_INIT, SL_CLOPATH_DELAY,
  SL_CLOPATH_N_PARAMS
};
/* ū± are read through a delay line sampled every 1 ms */
#define SL_CLOPATH_RING 10
enum
{
  SL_CLOPATH_S_XBAR, SL_CLOPATH_S_UMINUS, SL_CLOPATH_S_UPLUS, SL_CLOPATH_S_UBARBAR,
  SL_CLOPATH_S_W, SL_CLOPATH_S_SCALE, SL_CLOPATH_S_STARTED,
  SL_CLOPATH_S_NEXT_SAMPLE,                                   /* ms */
  SL_CLOPATH_S_HEAD,                                          /* ring index of the newest sample */
  SL_CLOPATH_S_RING_MINUS,                                    /* SL_CLOPATH_RING samples of ū₋ */
  SL_CLOPATH_S_RING_PLUS = SL_CLOPATH_S_RING_MINUS + SL_CLOPATH_RING,
  SL_CLOPATH_N_STATE = SL_CLOPATH_S_RING_PLUS + SL_CLOPATH_RING
};

G_END_DECLS
