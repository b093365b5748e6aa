/* sl-rule-graupner-brunel.h: the closed-form population result of
 * Graupner & Brunel 2012 (models.md §3.1), shared by the validation
 * experiments and by anyone who wants the expected ratio of a protocol. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parameter indices of the "graupner-brunel" rule. */
enum
{
  SL_GB_MODE,      /* 0 phenomenological, 1 biophysical */
  SL_GB_TAU_CA,    /* ms */
  SL_GB_C_PRE,
  SL_GB_C_POST,
  SL_GB_THETA_D,
  SL_GB_THETA_P,
  SL_GB_GAMMA_D,
  SL_GB_GAMMA_P,
  SL_GB_SIGMA,
  SL_GB_TAU,       /* ms */
  SL_GB_RHO_STAR,
  SL_GB_D,         /* ms, presynaptic delay */
  SL_GB_BETA,
  SL_GB_B,
  SL_GB_RHO0,      /* < 0: draw DOWN with probability beta, else UP */
  SL_GB_CA_REF,    /* mM, biophysical mode */
  SL_GB_N_PARAMS
};

/* State indices. */
enum
{
  SL_GB_S_C,
  SL_GB_S_RHO,
  SL_GB_S_W_DOWN,
  SL_GB_S_RNG,                       /* two doubles */
  SL_GB_S_N_PENDING = SL_GB_S_RNG + 2,
  SL_GB_S_PENDING,                   /* SL_GB_MAX_PENDING arrival times, ms */
};
#define SL_GB_MAX_PENDING 8
#define SL_GB_N_STATE (SL_GB_S_PENDING + SL_GB_MAX_PENDING)

/* Time (ms) during [t0, t1) at which the phenomenological calcium of the
 * spike trains pre[] and post[] (ms, any order) is at or above θ_d and θ_p.
 * The presynaptic transients are delayed by D. Exact (piecewise
 * exponential), no grid. */
void   sl_gb_time_above         (const double *p,
                                 const double *pre,
                                 guint         n_pre,
                                 const double *post,
                                 guint         n_post,
                                 double        t0,
                                 double        t1,
                                 double       *time_d,
                                 double       *time_p);

/* Ratio after/before of a population (β DOWN, 1 − β UP) after a protocol
 * of duration T (ms) spending fractions alpha_d, alpha_p above θ_d, θ_p. */
double sl_gb_population_ratio   (const double *p,
                                 double        alpha_d,
                                 double        alpha_p,
                                 double        T);

/* Transition probabilities of the same closed form. */
void   sl_gb_transition_probs   (const double *p,
                                 double        alpha_d,
                                 double        alpha_p,
                                 double        T,
                                 double       *p_up,
                                 double       *p_down);

G_END_DECLS
