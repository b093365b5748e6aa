/* sl-physics-private.h: the stages of sl_state_step, shared by the files
 * of engine/physics.  Currents are absolute: conductances in µS, currents
 * in nA (outward positive), capacitance in nF; a stage adds its membrane
 * conductance to diag[i] and its −I to rhs[i]. */
#pragma once

#include <math.h>

#include "sl-state.h"

G_BEGIN_DECLS

#define SL_GAS_R   8.314462
#define SL_F       96485.33

/* NEURON's hh rate table for the given q10 (model compile). */
void _sl_hh_table_fill       (double        *table,
                              double         q10);

/* Solves A·x = rhs in place for the tree matrix with diagonal diag and
 * off-diagonals −g[i] between i and parent[i] (parent[i] < i).  diag is
 * destroyed (it ends as the inverse pivots); rhs becomes x. */
void _sl_hines_solve         (int            n,
                              const int     *parent,
                              const double  *g,
                              double        *diag,
                              double        *rhs);

/* Assembles the axial terms into diag/rhs and solves; v += Δv. */
void _sl_hines_step          (int            n,
                              const int     *parent,
                              const double  *g,
                              double        *diag,
                              double        *rhs,
                              double        *v);

/* The same with the trailing spine pairs eliminated in closed form. */
void _sl_hines_step_spines   (int            n_cable,
                              int            n_spines,
                              const int     *parent,
                              const double  *g,
                              double        *diag,
                              double        *rhs,
                              double        *v,
                              double        *scratch);

/* Starts diag with C/dt + G_pas and rhs with −I_pas, then adds hh, Ca_HVA. */
void _sl_channels_current    (const SlModel *m,
                              SlState       *s,
                              double         dt);
void _sl_channels_gates      (const SlModel *m,
                              SlState       *s,
                              double         dt);
void _sl_channels_init       (const SlModel *m,
                              SlState       *s);
/* na3's slow inactivation s (Migliore et al. 1999): steady state and time
 * constant (ms) at v (mV), celsius, ar2 (sl-channels.c). */
void _sl_na3_s_rates         (double         v,
                              double         celsius,
                              double         ar2,
                              double        *sinf,
                              double        *taus);

void _sl_synapses_current    (const SlModel *m,
                              SlState       *s);
void _sl_synapses_gates      (const SlModel *m,
                              SlState       *s,
                              double         dt);
void _sl_synapses_init       (const SlModel *m,
                              SlState       *s);
/* A presynaptic spike on spine k: Tsodyks–Markram release, A/B jumps. */
void _sl_synapse_spike       (const SlModel *m,
                              SlState       *s,
                              int            k,
                              double         t);
void _sl_update_eca          (const SlModel *m,
                              SlState       *s);
void _sl_calcium_heads       (const SlModel *m,
                              SlState       *s,
                              double         dt);

static inline double
_sl_nernst_ca (double celsius,
               double ca_o,
               double ca_i)
{
  return 1e3 * SL_GAS_R * (celsius + 273.15) / (2 * SL_F) * log (ca_o / ca_i);
}

/* Linear interpolation in a voltage table (SL_VT_*), clamped at the ends;
 * stride 1 for a plain table, 2 for an interleaved pair. */
static inline double
_sl_vt_lookup (const double *t,
               int           stride,
               double        v)
{
  double x = (v - SL_VT_VMIN) * (1.0 / SL_VT_DV);
  int i;

  if (!(x > 0))
    return x != x ? x : t[0];
  if (x >= SL_VT_N - 1)
    return t[(SL_VT_N - 1) * stride];
  i = (int) x;
  return t[i * stride] + (x - i) * (t[(i + 1) * stride] - t[i * stride]);
}

static inline guint64
_sl_splitmix64_next (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static inline double
_sl_uniform (guint64 *state)
{
  return (_sl_splitmix64_next (state) >> 11) * (1.0 / 9007199254740992.0);
}

G_END_DECLS
