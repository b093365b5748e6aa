/* sl-state.h: everything that changes in time, and the step.
 *
 * sl_state_step (model, state, protocol, dt) advances t by dt.  It runs the
 * stages of NEURON's fixed step (fadvance, secondorder = 0), so that traces
 * compare with NEURON like with like:
 *
 *   events      presynaptic spikes with time < t + dt/2 are delivered
 *               (A and B of AMPA/NMDA jump by φ·w·ĝ·n/N_rrp);
 *   stimuli     current clamps evaluated at t + dt/2 (IClamp's rule);
 *   channels    ionic and synaptic currents at v(t) and their dI/dV;
 *   assemble +  C/dt + G on the diagonal; the axial terms are added while
 *   solve       Hines eliminates leaves→root, back-substitution gives v(t+dt);
 *   gates       hh, Ca_HVA and VDCC gates by exponential Euler (cnexp) with
 *               v(t+dt); synaptic A/B decay exactly over dt;
 *   calcium     the model's calcium voxel grid (sl-calcium.h) with this step's
 *               Ca currents; without a grid, spine-head pools (§2.1) exactly;
 *   plasticity  each spine's rule with its SlRuleInput; weights updated.
 *
 * No allocation in the step.  A non-finite value is counted in
 * n_nonfinite; the step then returns FALSE and `message` names the node or
 * spine and the variable.  Every stochastic element has its own stream,
 * seeded from (model seed, element index): a run is reproducible.
 */
#pragma once

#include <glib.h>

#include "sl-model.h"

G_BEGIN_DECLS

typedef struct _SlProtocol SlProtocol;
typedef struct _SlState SlState;

struct _SlState
{
  double   t;              /* ms */
  guint64  n_steps;

  /* cable (n_nodes) */
  double  *v;              /* (n_nodes) mV */
  double  *ca_node;        /* (n_nodes) [Ca] of the node's pool, mM (ca_rest without a calcium grid) */

  /* gates */
  double  *hh_m, *hh_h, *hh_n;     /* (n_hh) */
  double  *cahva_m, *cahva_h;      /* (n_cahva) */
  double  *nat_m, *nat_h;          /* (n_nat) */
  double  *nat_s;                  /* (n_nat) na3 slow inactivation; 1 while model->nat_slow is off */
  double  *kv3_m;                  /* (n_kv3) */

  /* spines (n_spines) */
  double  *ampa_a, *ampa_b;        /* (n_spines) dimensionless; g_AMPA = ĝ_AMPA·w·(B − A) */
  double  *nmda_a, *nmda_b;        /* (n_spines) dimensionless; g_NMDA = ĝ_NMDA·(B − A) */
  double  *vdcc_m, *vdcc_h;        /* (n_spines) */
  double  *ca_head;                /* (n_spines) free [Ca] in the head, mM */
  double  *eca_head;               /* (n_spines) Nernst E_Ca of the head, mV */
  double  *eca_ca;                 /* (n_spines) reference [Ca] of the last log, mM */
  double  *eca_ref;                /* (n_spines) E_Ca at eca_ca, mV */
  double  *g_ampa, *g_nmda;        /* (n_spines) µS, last step (g_nmda without the Mg block) */
  double  *i_ampa, *i_nmda;        /* (n_spines) nA, outward positive */
  double  *i_vdcc, *i_ca_nmda;     /* (n_spines) nA; i_ca_nmda is the Ca part of I_NMDA (§1.5) */
  double  *w;                      /* (n_spines) weight (multiplies ĝ_AMPA) */
  double  *tm_u;                   /* (n_spines) Tsodyks–Markram utilisation */
  double  *tm_r;                   /* (n_spines) recovered fraction (deterministic) or sites (stochastic) */
  double  *tm_last;                /* (n_spines) time of the last spike, ms (−1e9 before any) */
  double  *v_head_prev;            /* (n_spines) head v at the previous step, mV */
  guint8  *pre;                    /* (n_spines) spike delivered this step */
  gint32  *n_released;             /* (n_spines) vesicles released this step */
  guint8  *post;                   /* (n_spines) head v crossed −20 mV upward this step */
  double  *rule_state;             /* (model->n_rule_state) */
  guint64 *rng;                    /* (n_spines) xoshiro-style stream state (splitmix64) */

  /* calcium grid of the model (NULL without one) */
  double  *ca_grid;                /* (sl_calcium_grid_get_state_size) voxel [Ca], mM, + workspace */
  double  *node_ica;               /* (n_nodes) Ca current of each node's membrane this step, nA */
  double  *head_ica;               /* (n_spines) Ca current into each head this step, nA */
  double  *v_head;                 /* (n_spines) scratch (solver, then head voltages) */

  /* per-dt constants, recomputed when dt changes */
  double   dt_cached;              /* ms, 0 = none yet */
  double  *syn_decay;              /* (4 × n_spines) exp(−dt/τ): AMPA r, AMPA d, NMDA r, NMDA d blocks */

  /* scratch for the solver (n_nodes) */
  double  *diag;                   /* (n_nodes) µS-scale diagonal */
  double  *rhs;                    /* (n_nodes) */

  /* protocol cursors */
  int      event_next;             /* next undelivered spike event */
  int      pulse_first;            /* first current pulse not yet ended */

  /* warnings */
  guint    n_nonfinite;
  gboolean failed;
  char     message[256];

  const SlModel *model;            /* borrowed; the state must not outlive it */
  gpointer block;
};

SlState *sl_state_new   (const SlModel *model);
void     sl_state_free  (SlState       *self);
/* t = 0, v = v_init, gates at steady state, synapses closed, Ca at rest,
 * weights w0, rules initialised, streams reseeded, cursors rewound. */
void     sl_state_reset (SlState       *self);

/* Moves the state onto model, a recompile of its model with other
 * parameters (sl_model_same_structure): every value is kept, per-dt and
 * E_Ca caches are refreshed for the new parameters.  FALSE with an error
 * when the structure differs; the state is then unchanged. */
gboolean sl_state_rebind (SlState        *self,
                          const SlModel  *model,
                          GError        **error);
/* Puts the protocol cursors where a run of protocol would have them at
 * self->t: spike events before t − dt/2 are past (delivered or not). */
void     sl_state_seek_protocol (SlState          *self,
                                 const SlProtocol *protocol,
                                 double            dt);

/* protocol may be NULL (no stimuli).  FALSE when a non-finite value
 * appeared: the state keeps the bad values and `message` says where. */
gboolean sl_state_step  (const SlModel    *model,
                         SlState          *self,
                         const SlProtocol *protocol,
                         double            dt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlState, sl_state_free)

G_END_DECLS
