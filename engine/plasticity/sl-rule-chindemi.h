/* sl-rule-chindemi.h: indices and the Ca_o helpers of the Chindemi 2022
 * GluSynapse rule (models.md §3.2, §1.5, §2.4). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

enum
{
  SL_CHI_TAU_STAR, SL_CHI_GAMMA_D, SL_CHI_GAMMA_P,
  SL_CHI_A_D_PRE, SL_CHI_A_D_POST, SL_CHI_A_P_PRE, SL_CHI_A_P_POST,
  SL_CHI_C_PRE, SL_CHI_C_POST, SL_CHI_TAU_RHO, SL_CHI_TAU_CHANGE,
  SL_CHI_RHO_STAR, SL_CHI_NU, SL_CHI_G_RATIO, SL_CHI_U0, SL_CHI_RHO0,
  SL_CHI_ISOLATED,
  SL_CHI_N_PARAMS
};

enum
{
  SL_CHI_S_C_STAR, SL_CHI_S_RHO, SL_CHI_S_U_SE, SL_CHI_S_G,
  SL_CHI_S_U_D, SL_CHI_S_U_P, SL_CHI_S_G_D, SL_CHI_S_G_P,
  SL_CHI_S_THETA_D, SL_CHI_S_THETA_P, SL_CHI_S_RNG,
  SL_CHI_N_STATE = SL_CHI_S_RNG + 2
};

/* Release probability factor U_SE(Ca_o)/U_SE(2 mM), Hill exponent 4,
 * K = 2.79 mM (neurodamus constrained Hill). */
double sl_chindemi_use_hill_factor (double ca_o_mM);
/* Fraction of the NMDA current carried by Ca²⁺, P_f(Ca_o) (eq. 23). */
double sl_chindemi_nmda_pf         (double ca_o_mM);
/* Sweep-mode fast-forward (paper, Methods): ρ jumps to 0 or 1 by its side
 * of ρ*, U_SE and ĝ to their targets.  Callers must record that they used
 * it (models.md §3.2). */
void   sl_chindemi_fast_forward    (const double *p,
                                    double       *s);

G_END_DECLS
