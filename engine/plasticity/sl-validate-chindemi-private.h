/* sl-validate-chindemi-private.h: the pieces of V11 (Chindemi 2022, in
 * vitro vs in vivo; models.md §7 V11, §3.2) shared by its calibration
 * (sl-validate-chindemi-cal.c: the sessions, runs, AP pulses, C_pre and
 * C_post) and its protocol cases (sl-validate-chindemi.c). */
#pragma once

#include "sl-validate-cell-private.h"

G_BEGIN_DECLS

#define V11_MORPHOLOGY "bundled:l5-pyramidal"
/* run loop (_sl_vcell_run): fine steps from 1 ms before to V11_SETTLE ms
 * after every spike or pulse, V11_COARSE_DT ms steps at rest in between;
 * test-valcell checks c*, ρ and ĝ of the first two sweeps against fixed
 * dt with these values */
#define V11_SETTLE      80.0
#define V11_COARSE_DT   1.0

#define N_SYN        5
#define N_CONN       10         /* connections (seeds) per case a–f */
#define N_CONN_SERIES 1         /* per point of the +5 ms series */
#define V11_AP_PROBE_CONN 3     /* connections the protocol pulse is calibrated on */
/* L5TTPC→L5TTPC recipe (models.md §3.2, §1.2–1.3; plastyfire
 * biodata/recipe.csv): means ± SD and the distribution each synapse's
 * value is drawn from (plastyfire epg.py draws them per synapse) */
#define L5_U0        0.38       /* beta, SD 0.10 */
#define L5_U0_SD     0.10
#define L5_TAU_DEP   365.6      /* ms, gamma, SD 100.2 */
#define L5_TAU_DEP_SD 100.2
#define L5_TAU_FAC   25.7       /* ms, gamma, SD 45.9 */
#define L5_TAU_FAC_SD 45.9
#define L5_N_RRP     3          /* mean 2.8 rounded (the mean connection of the budget) */
#define L5_N_RRP_MEAN 2.8       /* N_rrp = 1 + Poisson(mean − 1) */
#define L5_G_AMPA    0.00194    /* µS, gamma, SD 1.0 nS */
#define L5_G_AMPA_SD 0.0010
#define L5_NMDA      0.55
#define L5_VOLUME    0.163      /* µm³, gamma, SD 0.084 */
#define L5_VOLUME_SD 0.084
#define L5_TAU_D     1.74       /* ms, AMPA decay (recipe "dtc") */
/* basal threshold coefficients (models.md §3.2 Table 2), for reporting */
#define L5_A_D_PRE   1.002
#define L5_A_D_POST  1.954
#define L5_A_P_PRE   1.159
#define L5_A_P_POST  2.483
#define SWEEPS       10
#define SWEEP_MS     4000.0
#define T_FIRST      1000.0
#define WAIT_MS      (20 * 60 * 1000.0)
#define CA_VITRO     2.0
#define CA_VIVO      1.2

typedef enum
{
  MODE_INDUCTION,  /* stochastic release, calibrated rule, Markram protocol */
  MODE_CAL_PRE,    /* full release (U_SE = 1) with potentiated ĝ, one spike */
  MODE_CAL_POST,   /* one somatic AP */
  MODE_TEST_EPSP,  /* mean release, given U and ĝ, no rule, one spike */
  MODE_BURST_PRE,  /* one burst of the protocol, mean release, pre only */
  MODE_BURST_POST, /* the same burst, somatic APs only */
  MODE_BURST_PAIR, /* the same burst, pre and post */
} V11Mode;

typedef struct
{
  double ca_o;     /* mM */
  double freq;     /* Hz */
  double dt;       /* ms, AP peak − presynaptic spike */
} V11Case;

typedef struct
{
  double ap_amp, ap_latency;      /* nA, ms (pulse onset → somatic peak) */
} V11Cal;

/* One connection of N_SYN synapses: each synapse's own recipe draw. */
typedef struct
{
  double rho0[N_SYN];
  double u0[N_SYN];                     /* U_SE at 2 mM */
  double g0[N_SYN];                     /* ĝ_AMPA drawn, µS (ĝ_d if ρ0 = 0, ĝ_p if ρ0 = 1) */
  double tau_dep[N_SYN], tau_fac[N_SYN];  /* ms */
  int    n_rrp[N_SYN];
  double volume[N_SYN];                 /* spine head, µm³ */
  double c_pre[N_SYN], c_post[N_SYN];   /* at the run's Ca_o, mM·ms */
  double use[N_SYN], g[N_SYN];          /* test EPSP: U_SE (2 mM scale) and ĝ/ĝ0 */
  double epsp0;                         /* mV, test EPSP before induction, at the run's Ca_o */
  guint64 seed;
} V11Conn;

typedef struct
{
  double cmax[N_SYN];     /* peak c* per synapse (spine index order s1…s5) */
  double v_base, v_peak;  /* soma, mV: at 100 ms and the maximum after */
  double v_prev;
  int    n_spikes;        /* somatic upward crossings of 0 mV */
  int    spine[N_SYN];
  double vhead_max[N_SYN];  /* mV */
  double ca_max[N_SYN];     /* mM */
} V11Probe;

typedef struct
{
  SlModel    *model;
  SlProtocol *protocol;
  SlState    *state;
  V11Probe    probe;
} V11Sim;

typedef struct
{
  V11Case  cs;
  int      conn;           /* connection index */
  /* results */
  double   ratio;          /* EPSP after / before */
  int      n_up, n_down;   /* synapses that switched 0 → 1, 1 → 0 */
  int      n_spikes;       /* somatic APs during the induction */
  double   peak_d, peak_p; /* max over synapses of peak c* over θ_d, θ_p */
  /* the synapses that switched up: how many had N_rrp ≤ 2, their
   * largest peak c* over C_pre and largest C_post over C_pre */
  int      n_up_few;
  double   up_cstar_pre, up_post_pre;
  GError  *error;
} V11Run;

typedef struct
{
  V11Cal    cal;
  V11Conn   conns[2][N_CONN];   /* per Ca_o (vitro, vivo), calibrated */
  /* the mean connection (_sl_v11_conn_init_mean), per Ca_o: */
  double    epsp0[2];           /* mV, test EPSP before */
  double    c_post[2][N_SYN];
  double    train_factor;       /* protocol pulses, × AP threshold */
  double    ap_threshold;       /* nA */
  double    bap_v[2][N_SYN];    /* peak head V of the bAP, mV */
  double    bap_ca[2][N_SYN];   /* peak head [Ca] of the bAP, mM */
  /* calcium budget of a depressed synapse (ĝ0; θ from C_pre at 2ĝ0):
   * peak c* (mM·ms) of one 10 Hz burst with mean release, per Ca_o, for
   * pre alone, post alone, pairs at +10 and −10 ms (V11_BUDGET_*) */
  double    budget[2][4][N_SYN];
  double    budget_c_pre[2][N_SYN];     /* C_pre at 2ĝ0, mM·ms */
  V11Run   *runs;
} V11Job;

static inline int
_sl_v11_ca_index (double ca_o)
{
  return ca_o < 1.6 ? 1 : 0;
}

/* Connection `index`: every synapse draws U0, τ_dep, τ_fac, N_rrp, ĝ0 and
 * head volume from the L5TTPC recipe (_sl_v11_draw_synapse) and ρ0 ~
 * Bernoulli(U0) (seeded by index); U_SE = U0, ĝ = ĝ0, not calibrated. */
void       _sl_v11_conn_init (V11Conn       *c,
                              int            index);
/* The mean connection (every synapse at the recipe means, N_rrp 3). */
void       _sl_v11_conn_init_mean (V11Conn  *c);
/* One synapse's recipe draw (plastyfire epg.py: correlated normal scores
 * mapped to the beta/gamma/Poisson marginals), in the order below. */
enum { V11_DRAW_U, V11_DRAW_DEP, V11_DRAW_FAC, V11_DRAW_NRRP, V11_DRAW_G, V11_DRAW_VOLUME,
       V11_N_DRAW };
void       _sl_v11_draw_synapse (GRand       *rng,
                                 double       out[V11_N_DRAW]);
SlSession *_sl_v11_base_session (const char    *name,
                                 const char    *title,
                                 const char    *text,
                                 const char    *expected);
/* The session of one run of case cs on connection conn in mode. */
SlSession *_sl_v11_session   (const V11Case *cs,
                              const V11Conn *conn,
                              const V11Cal  *cal,
                              V11Mode        mode);
void       _sl_v11_sim_clear (V11Sim        *sim);
gboolean   _sl_v11_sim_run   (V11Sim        *sim,
                              const V11Case *cs,
                              const V11Conn *conn,
                              const V11Cal  *cal,
                              V11Mode        mode,
                              GError       **error);
/* Peak somatic EPSP (mV) of the connection with release U·Hill and ĝ. */
gboolean   _sl_v11_test_epsp (const V11Case *cs,
                              const V11Conn *conn,
                              const V11Cal  *cal,
                              double        *epsp,
                              GError       **error);
enum { V11_BUDGET_PRE, V11_BUDGET_POST, V11_BUDGET_PLUS10, V11_BUDGET_MINUS10 };

/* Fills job->budget and job->budget_c_pre (after _sl_v11_calibrate). */
gboolean   _sl_v11_budget    (V11Job        *job,
                              GError       **error);
/* AP threshold and protocol pulse factor; C_post and the EPSP before at
 * each Ca_o; C_pre of every connection at each Ca_o (models.md §3.2). */
gboolean   _sl_v11_calibrate (V11Job        *job,
                              double        *ap_threshold,
                              GError       **error);

G_END_DECLS
