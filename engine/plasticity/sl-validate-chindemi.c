/* sl-validate-chindemi.c: V11 — Chindemi et al. 2022, in vitro (Ca_o
 * 2.0 mM) vs in vivo (1.2 mM) plasticity of an L5TTPC→L5TTPC connection
 * (models.md §7 V11, §3.2, §2.4).
 *
 * A connection is 5 spines on a basal dendrite of the pyramid-stick cell,
 * 50–150 µm from the soma, with the L5TTPC means of §3.2 (U0 0.38, τ_dep
 * 365.6 ms, τ_fac 25.7 ms, N_rrp 3, ĝ_AMPA 1.94 nS, NMDA/AMPA 0.55, head
 * volume 0.163 µm³), stochastic multivesicular release, isolated spine
 * calcium, and the fitted rule (basal a-coefficients).  Each connection
 * draws ρ0 ~ Bernoulli(U0) per synapse; C_pre and C_post are measured on
 * that connection at each Ca_o (calibration pre-runs, §3.2), so θ_d, θ_p
 * follow Ca_o through P_f, E_Ca and the bAP calcium.  Markram protocol:
 * 10 sweeps every 4 s of 5 presynaptic spikes at f, each followed by a
 * somatic AP whose peak is Δt after it; then 20 min without stimulation,
 * integrated on the rule alone (the cell is at rest); EPSP ratio = peak
 * somatic EPSP of the connection after / before, from test EPSPs with
 * mean release (U_SE × Hill factor, ĝ_AMPA from the rule).
 *
 * The rule's u0 is the 2 mM value (0.38): U_d and U_p are built from it
 * and the synapse's release is U × Hill(Ca_o), as BBP's GluSynapse helper
 * scales Use, Use_d and Use_p by the same factor.
 *
 * Cases a, c–f are findings (not gated), each with its measured cause: on
 * the shared setup (squid hh, 20 °C) the bAP brings ~0.4 µM of calcium
 * into the basal heads (Sabatini 2002: 1.7 ± 0.6 µM) and no synapse
 * switches up.  Tried (2026-11-25) and not kept: Hay 2011 nat/kv3 at 34 °C
 * (soma 2.04/0.693 S/cm², basal and apical 0.05/0.03 S/cm² to 0 at 650 µm,
 * as V3) gives a bAP of 2.2 µM and C_post/C_pre ≈ 1/6, yet still no LTP
 * (a: 1.000, ↑0, peak c* at 1.05 θ_p; d: 0.627, 12 synapses down; f: 1.000),
 * b turns to 1.000, and at 10 Hz, Δt −10 ms the EPSPs (6.2 mV before)
 * add 1–5 somatic spikes per induction. */
#include "sl-validate-cell-private.h"
#include "sl-rule-chindemi.h"

#include <math.h>
#include <string.h>

#define N_SYN        5
#define N_CONN       6          /* connections (seeds) per case */
#define L5_U0        0.38
#define L5_TAU_DEP   365.6
#define L5_TAU_FAC   25.7
#define L5_N_RRP     3          /* mean 2.8 (Poisson, ≥ 1), rounded */
#define L5_G_AMPA    0.00194    /* µS */
#define L5_NMDA      0.55
#define L5_VOLUME    0.163      /* µm³ */
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

static const double syn_dist[N_SYN] = { 50, 75, 100, 125, 150 };

typedef enum
{
  MODE_INDUCTION,  /* stochastic release, calibrated rule, Markram protocol */
  MODE_CAL_PRE,    /* full release (U_SE = 1) with potentiated ĝ, one spike */
  MODE_CAL_POST,   /* one somatic AP */
  MODE_TEST_EPSP,  /* mean release, given U and ĝ, no rule, one spike */
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

typedef struct
{
  double rho0[N_SYN];
  double c_pre[N_SYN], c_post[N_SYN];   /* at the run's Ca_o, mM·ms */
  double use[N_SYN], g[N_SYN];          /* test EPSP: U_SE (2 mM scale) and ĝ/ĝ0 */
  guint64 seed;
} V11Conn;

static void
conn_init (V11Conn *c,
           int      index)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (0x11c0 + index);

  memset (c, 0, sizeof *c);
  c->seed = 1000 + index;
  for (int k = 0; k < N_SYN; k++)
    {
      c->rho0[k] = g_rand_double (rng) < L5_U0 ? 1.0 : 0.0;
      c->use[k] = L5_U0;
      c->g[k] = 1.0;
    }
}

static const char v11_text[] =
  "Spike-timing-dependent plasticity of a connection between two layer-5 pyramidal cells, "
  "with the Blue Brain model of Chindemi et al. 2022: five synapses on a basal dendrite "
  "(50–150 µm from the soma) with stochastic multivesicular release, NMDA and R-type calcium "
  "channels in each spine head, and a calcium integrator c* that drives a bistable efficacy "
  "ρ when it exceeds a depression (θ_d) or a potentiation (θ_p) threshold. The thresholds are "
  "set from the calcium of one presynaptic release (C_pre) and of one back-propagating action "
  "potential (C_post), measured at the session's extracellular calcium.\n\n"
  "Markram et al. 1997 protocol: 10 sweeps, every 4 s, of 5 presynaptic spikes at 10 Hz, each "
  "followed 10 ms later by a somatic action potential. Change Ca_o from 2.0 mM (slice) to "
  "1.2 mM (in vivo): release probability drops about 6-fold and the same pairing no longer "
  "potentiates.";

static const char v11_expected[] =
  "At 2.0 mM the connection potentiates (EPSP ratio 1.20 ± 0.06, Markram 1997); at 1.2 mM "
  "the same protocol gives little or no change; at 40 Hz, Δt = −10 ms gives LTP in vitro and "
  "LTD in vivo (Chindemi et al. 2022; models.md §7 V11).";

static SlSession *
v11_session (const V11Case *cs,
             const V11Conn *conn,
             const V11Cal  *cal,
             V11Mode        mode)
{
  SlSession *s = _sl_vcell_session_new ("V11 Chindemi in vitro vs in vivo",
                                        "Chindemi 2022: plasticity in vitro vs in vivo",
                                        v11_text, v11_expected);
  SlModelSpec *m = s->model;
  SlProtocolSpec *p = s->protocol;
  SlStimulusSpec *st;
  double hill = sl_chindemi_use_hill_factor (cs->ca_o);

  m->ca_o = cs->ca_o;
  m->seed = conn->seed;
  for (int k = 0; k < N_SYN; k++)
    {
      g_autofree char *id = g_strdup_printf ("s%d", k + 1);
      g_autofree char *loc = g_strdup_printf ("path:basal:%g", syn_dist[k]);
      g_autofree char *target = g_strdup_printf ("spine:%s", id);
      SlSpineSpec *sp = sl_model_spec_add_spine (m, id, loc);
      SlSynapseSpec *sy = &sp->synapse;
      SlRuleAssignment *r;

      sp->geometry.head_volume = L5_VOLUME;
      sy->g_ampa = L5_G_AMPA;
      sy->nmda_ratio = L5_NMDA;
      sy->tau_d_ampa = L5_TAU_D;
      sy->e_nmda = -3.0;
      sy->mg_block = SL_MG_VARGAS_CABALLERO;
      sy->use_se = L5_U0;
      sy->tau_dep = L5_TAU_DEP;
      sy->tau_fac = L5_TAU_FAC;
      sy->n_rrp = L5_N_RRP;
      sy->stochastic_release = TRUE;
      switch (mode)
        {
        case MODE_CAL_PRE:
          /* every vesicle released at once, potentiated conductance */
          sy->use_se = 1.0;
          sy->n_rrp = 1;
          sy->stochastic_release = FALSE;
          sy->g_ampa = L5_G_AMPA * (conn->rho0[k] > 0.5 ? 1.0 : 2.0);
          break;
        case MODE_TEST_EPSP:
          sy->use_se = MIN (1.0, conn->use[k] * hill);
          sy->stochastic_release = FALSE;
          sy->g_ampa = L5_G_AMPA * conn->g[k];
          break;
        default:
          break;
        }
      if (mode == MODE_TEST_EPSP)
        continue;
      r = sl_model_spec_set_rule (m, target, "chindemi", "basal");
      _sl_vcell_rule_param (r, "u0", L5_U0);
      _sl_vcell_rule_param (r, "rho0", mode == MODE_INDUCTION ? conn->rho0[k] : 1.0);
      if (mode == MODE_INDUCTION)
        {
          _sl_vcell_rule_param (r, "c_pre", conn->c_pre[k]);
          _sl_vcell_rule_param (r, "c_post", conn->c_post[k]);
        }
      {
        g_autofree char *rec = g_strdup_printf ("w_%s", id);

        sl_protocol_spec_add_recording (p, rec, "w", target);
      }
    }

  p->record_interval = 1.0;
  sl_protocol_spec_add_recording (p, "v_soma", "v", "soma");
  if (mode == MODE_INDUCTION)
    {
      GArray *pre = g_array_new (FALSE, FALSE, sizeof (double));
      GArray *post = g_array_new (FALSE, FALSE, sizeof (double));

      for (int j = 0; j < SWEEPS; j++)
        for (int i = 0; i < 5; i++)
          {
            double t = T_FIRST + j * SWEEP_MS + i * 1000.0 / cs->freq;
            double ta = t + cs->dt - cal->ap_latency;

            g_array_append_val (pre, t);
            g_array_append_val (post, ta);
          }
      for (int k = 0; k < N_SYN; k++)
        {
          g_autofree char *name = g_strdup_printf ("pre s%d", k + 1);
          g_autofree char *target = g_strdup_printf ("spine:s%d", k + 1);

          st = sl_protocol_spec_add_stimulus (p, name, SL_STIM_SPIKES, target);
          st->train.kind = SL_TRAIN_EXPLICIT;
          st->train.times = g_array_copy (pre);
        }
      st = sl_protocol_spec_add_stimulus (p, "somatic AP", SL_STIM_ICLAMP_TRAIN, "soma");
      st->train.kind = SL_TRAIN_EXPLICIT;
      st->train.times = post;
      st->amp = cal->ap_amp;
      st->dur = SL_VCELL_AP_DUR;
      g_array_unref (pre);
      p->tstop = T_FIRST + SWEEPS * SWEEP_MS;
    }
  else if (mode == MODE_CAL_POST)
    {
      st = sl_protocol_spec_add_stimulus (p, "somatic AP", SL_STIM_ICLAMP_STEP, "soma");
      st->amp = cal->ap_amp;
      st->delay = 100.0;
      st->dur = SL_VCELL_AP_DUR;
      p->tstop = 1100.0;
    }
  else
    {
      for (int k = 0; k < N_SYN; k++)
        {
          g_autofree char *name = g_strdup_printf ("pre s%d", k + 1);
          g_autofree char *target = g_strdup_printf ("spine:s%d", k + 1);
          double t = 100.0;

          st = sl_protocol_spec_add_stimulus (p, name, SL_STIM_SPIKES, target);
          st->train.kind = SL_TRAIN_EXPLICIT;
          st->train.times = g_array_new (FALSE, FALSE, sizeof (double));
          g_array_append_val (st->train.times, t);
        }
      p->tstop = mode == MODE_TEST_EPSP ? 250.0 : 1100.0;
    }
  return s;
}

/* ---- runs ---- */

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

static void
v11_probe (const SlModel *m,
           const SlState *s,
           double         dt,
           gpointer       data)
{
  V11Probe *pb = data;
  double v = s->v[m->soma_node];

  for (int k = 0; k < N_SYN; k++)
    {
      int j = pb->spine[k];

      if (j < 0)
        continue;
      pb->vhead_max[k] = MAX (pb->vhead_max[k], s->v[m->n_cable + 2 * j + 1]);
      pb->ca_max[k] = MAX (pb->ca_max[k], s->ca_head[j]);
      if (m->spine_rule[j] != NULL)
        pb->cmax[k] = MAX (pb->cmax[k], s->rule_state[m->rule_state_offset[j] + SL_CHI_S_C_STAR]);
    }
  if (s->t <= 100.0 + 1e-9)
    pb->v_base = v;
  else
    pb->v_peak = MAX (pb->v_peak, v);
  if (pb->v_prev < 0.0 && v >= 0.0)
    pb->n_spikes++;
  pb->v_prev = v;
}

typedef struct
{
  SlModel    *model;
  SlProtocol *protocol;
  SlState    *state;
  V11Probe    probe;
} V11Sim;

static void
sim_clear (V11Sim *sim)
{
  g_clear_pointer (&sim->state, sl_state_free);
  g_clear_pointer (&sim->protocol, sl_protocol_free);
  g_clear_pointer (&sim->model, sl_model_unref);
}

static gboolean
sim_run (V11Sim        *sim,
         const V11Case *cs,
         const V11Conn *conn,
         const V11Cal  *cal,
         V11Mode        mode,
         GError       **error)
{
  g_autoptr(SlSession) s = v11_session (cs, conn, cal, mode);

  sim->model = _sl_vcell_compile (s, error);
  if (sim->model == NULL)
    return FALSE;
  sim->protocol = sl_protocol_compile (s->protocol, sim->model, error);
  if (sim->protocol == NULL)
    return FALSE;
  sim->state = sl_state_new (sim->model);
  sl_state_reset (sim->state);
  memset (&sim->probe, 0, sizeof sim->probe);
  sim->probe.v_peak = -1e9;
  sim->probe.v_prev = sim->model->v_init;
  for (int k = 0; k < N_SYN; k++)
    sim->probe.vhead_max[k] = -1e9;
  for (int k = 0; k < N_SYN; k++)
    {
      g_autofree char *id = g_strdup_printf ("s%d", k + 1);

      sim->probe.spine[k] = sl_model_find_spine (sim->model, id);
    }
  return _sl_vcell_run (sim->model, sim->state, sim->protocol, s->protocol->tstop,
                        150.0, 1.0, v11_probe, &sim->probe, error);
}

/* Peak somatic EPSP (mV) of the connection with release U·Hill and ĝ. */
static gboolean
test_epsp (const V11Case *cs,
           const V11Conn *conn,
           const V11Cal  *cal,
           double        *epsp,
           GError       **error)
{
  V11Sim sim = { 0 };
  gboolean ok = sim_run (&sim, cs, conn, cal, MODE_TEST_EPSP, error);

  *epsp = sim.probe.v_peak - sim.probe.v_base;
  sim_clear (&sim);
  return ok;
}

typedef struct
{
  V11Case  cs;
  int      conn;           /* connection index */
  /* results */
  double   ratio;          /* EPSP after / before */
  int      n_up, n_down;   /* synapses that switched 0 → 1, 1 → 0 */
  int      n_spikes;       /* somatic APs during the induction */
  double   peak_d, peak_p; /* max over synapses of peak c* over θ_d, θ_p */
  GError  *error;
} V11Run;

typedef struct
{
  V11Cal    cal;
  V11Conn   conns[2][N_CONN];   /* per Ca_o (vitro, vivo), calibrated */
  double    epsp0[2];           /* mV, before */
  double    c_post[2][N_SYN];
  double    train_factor;       /* protocol pulses, × AP threshold */
  double    ap_threshold;       /* nA */
  double    bap_v[2][N_SYN];    /* peak head V of the bAP, mV */
  double    bap_ca[2][N_SYN];   /* peak head [Ca] of the bAP, mM */
  V11Run   *runs;
} V11Job;

static int
ca_index (double ca_o)
{
  return ca_o < 1.6 ? 1 : 0;
}

static gboolean
induce (V11Run       *run,
        const V11Job *job,
        GError      **error)
{
  int ci = ca_index (run->cs.ca_o);
  V11Conn conn = job->conns[ci][run->conn];
  V11Sim sim = { 0 };
  V11Cal cal = job->cal;
  double epsp;

  cal.ap_amp = job->train_factor * job->ap_threshold;
  if (!sim_run (&sim, &run->cs, &conn, &cal, MODE_INDUCTION, error))
    {
      sim_clear (&sim);
      return FALSE;
    }
  run->n_spikes = sim.probe.n_spikes;
  for (int k = 0; k < N_SYN; k++)
    {
      double td = L5_A_D_PRE * conn.c_pre[k] + L5_A_D_POST * conn.c_post[k];
      double tp = L5_A_P_PRE * conn.c_pre[k] + L5_A_P_POST * conn.c_post[k];

      run->peak_d = MAX (run->peak_d, sim.probe.cmax[k] / td);
      run->peak_p = MAX (run->peak_p, sim.probe.cmax[k] / tp);
    }
  /* 20 min without stimulation: the cell is at rest, so only the rule
   * moves (c* decays, ρ settles on its side of ρ*, U_SE and ĝ follow) */
  for (int k = 0; k < N_SYN; k++)
    {
      const SlModel *m = sim.model;
      int j = sim.probe.spine[k];
      const SlRuleClass *cls = m->spine_rule[j];
      const double *p = &m->rule_params[m->rule_param_offset[j]];
      double *st = &sim.state->rule_state[m->rule_state_offset[j]];
      const double h = 10.0;

      for (long i = 0; i < (long) (WAIT_MS / h); i++)
        {
          SlRuleInput in;

          sl_rule_input_clear (&in, sim.state->t + i * h, h);
          in.ca = sim.state->ca_head[j];
          in.ca_rest = m->ca_rest;
          in.ca_o = m->ca_o;
          in.v = sim.state->v[m->n_cable + 2 * j + 1];
          cls->step (p, st, &in);
        }
      conn.use[k] = st[SL_CHI_S_U_SE];
      conn.g[k] = st[SL_CHI_S_G];
      if (conn.rho0[k] < 0.5 && st[SL_CHI_S_RHO] > 0.5)
        run->n_up++;
      if (conn.rho0[k] > 0.5 && st[SL_CHI_S_RHO] < 0.5)
        run->n_down++;
    }
  sim_clear (&sim);
  if (!test_epsp (&run->cs, &conn, &job->cal, &epsp, error))
    return FALSE;
  run->ratio = epsp / job->epsp0[ci];
  return TRUE;
}

static void
induce_task (guint    i,
             gpointer data)
{
  V11Job *job = data;

  induce (&job->runs[i], job, &job->runs[i].error);
}

/* Calibration tasks: 0, 1 = C_post and the EPSP before at each Ca_o;
 * 2 + 2·c + ci = C_pre of connection c at Ca_o ci. */
typedef struct
{
  V11Job  *job;
  GError  *errors[2 + 2 * N_CONN];
} CalJob;

static void
cal_task (guint    i,
          gpointer data)
{
  CalJob *cj = data;
  V11Job *job = cj->job;
  V11Sim sim = { 0 };

  if (i < 2)
    {
      V11Case cs = { i == 0 ? CA_VITRO : CA_VIVO, 10, 10 };
      V11Conn conn;

      conn_init (&conn, 0);
      if (sim_run (&sim, &cs, &conn, &job->cal, MODE_CAL_POST, &cj->errors[i]))
        {
          memcpy (job->c_post[i], sim.probe.cmax, sizeof job->c_post[i]);
          memcpy (job->bap_v[i], sim.probe.vhead_max, sizeof job->bap_v[i]);
          memcpy (job->bap_ca[i], sim.probe.ca_max, sizeof job->bap_ca[i]);
          if (sim.probe.n_spikes != 1)
            g_set_error (&cj->errors[i], SL_VALIDATE_ERROR, SL_VALIDATE_ERROR_FAILED,
                         "C_post calibration: the pulse gave %d somatic spikes, not 1",
                         sim.probe.n_spikes);
        }
      sim_clear (&sim);
      if (cj->errors[i] == NULL)
        test_epsp (&cs, &conn, &job->cal, &job->epsp0[i], &cj->errors[i]);
    }
  else
    {
      int c = (i - 2) / 2, ci = (i - 2) % 2;
      V11Case cs = { ci == 0 ? CA_VITRO : CA_VIVO, 10, 10 };
      V11Conn *conn = &job->conns[ci][c];

      if (sim_run (&sim, &cs, conn, &job->cal, MODE_CAL_PRE, &cj->errors[i]))
        memcpy (conn->c_pre, sim.probe.cmax, sizeof conn->c_pre);
      sim_clear (&sim);
    }
}

/* Somatic spikes in the first two sweeps of the protocol at 2.0 mM on
 * connection `index` with pulses of amp nA (rule not yet calibrated: it
 * cannot change ρ). */
static gboolean
sweep_spikes (const V11Case *cs,
              const V11Cal  *cal,
              int            index,
              double         amp,
              int           *n_spikes,
              GError       **error)
{
  V11Cal trial = *cal;
  V11Conn conn;
  g_autoptr(SlSession) s = NULL;
  g_autoptr(SlModel) m = NULL;
  g_autoptr(SlProtocol) pr = NULL;
  g_autoptr(SlState) st = NULL;
  V11Probe pb = { 0 };

  conn_init (&conn, index);
  trial.ap_amp = amp;
  s = v11_session (cs, &conn, &trial, MODE_INDUCTION);
  s->protocol->tstop = T_FIRST + SWEEP_MS + 2500.0;
  m = _sl_vcell_compile (s, error);
  if (m == NULL || (pr = sl_protocol_compile (s->protocol, m, error)) == NULL)
    return FALSE;
  st = sl_state_new (m);
  sl_state_reset (st);
  pb.v_prev = m->v_init;
  for (int k = 0; k < N_SYN; k++)
    pb.spine[k] = -1;
  if (!_sl_vcell_run (m, st, pr, s->protocol->tstop, 150.0, 1.0, v11_probe, &pb, error))
    return FALSE;
  *n_spikes = pb.n_spikes;
  return TRUE;
}

static gboolean
v11_calibrate (V11Job  *job,
               double  *ap_threshold,
               GError **error)
{
  g_autoptr(SlSession) base = _sl_vcell_session_new ("", "", "", "");
  CalJob cj = { job, { NULL } };
  GError *first = NULL;

  if (!_sl_vcell_ap_threshold (base->model, ap_threshold, &job->cal.ap_latency, error))
    return FALSE;
  job->cal.ap_amp = SL_VCELL_AP_FACTOR * *ap_threshold;
  job->ap_threshold = *ap_threshold;
  /* the protocol's pulses must each fire one AP, also riding on the
   * connection's EPSPs: raise the amplitude in 10 % steps of the
   * threshold until the first two sweeps at 2, 10 and 40 Hz fire 10 APs
   * on every connection (their stochastic release differs) */
  job->train_factor = SL_VCELL_AP_FACTOR;
  for (;;)
    {
      static const V11Case probe_cases[] = {
        { CA_VITRO, 2, 5 }, { CA_VITRO, 10, 10 }, { CA_VITRO, 40, 5 }, { CA_VITRO, 40, -10 },
      };
      gboolean all = TRUE;

      for (gsize c = 0; c < G_N_ELEMENTS (probe_cases) && all; c++)
        {
          int n;

          for (int k = 0; k < N_CONN && all; k++)
            {
              if (!sweep_spikes (&probe_cases[c], &job->cal, k,
                                 job->train_factor * *ap_threshold, &n, error))
                return FALSE;
              all = n == 10;
            }
        }
      if (all)
        break;
      job->train_factor += 0.1;
      if (job->train_factor > 5.0)
        {
          g_set_error (error, SL_VALIDATE_ERROR, SL_VALIDATE_ERROR_FAILED,
                       "AP calibration: no pulse up to 5× threshold gives one AP per pulse");
          return FALSE;
        }
    }
  for (int ci = 0; ci < 2; ci++)
    for (int c = 0; c < N_CONN; c++)
      conn_init (&job->conns[ci][c], c);
  sl_validate_parallel_for (2 + 2 * N_CONN, cal_task, &cj);
  for (guint i = 0; i < G_N_ELEMENTS (cj.errors); i++)
    {
      if (first == NULL)
        first = g_steal_pointer (&cj.errors[i]);
      g_clear_error (&cj.errors[i]);
    }
  if (first != NULL)
    {
      g_propagate_error (error, first);
      return FALSE;
    }
  for (int ci = 0; ci < 2; ci++)
    for (int c = 0; c < N_CONN; c++)
      memcpy (job->conns[ci][c].c_post, job->c_post[ci], sizeof job->c_post[ci]);
  return TRUE;
}

SlSession *
_sl_vcell_session_v11 (GError **error)
{
  V11Job job = { 0 };
  double thr;
  V11Case a = { CA_VITRO, 10.0, 10.0 };

  if (!v11_calibrate (&job, &thr, error))
    return NULL;
  job.cal.ap_amp = job.train_factor * thr;
  return v11_session (&a, &job.conns[0][0], &job.cal, MODE_INDUCTION);
}

/* ---- the experiment ---- */

/* Cases a–f of the V11 table, then the Δt = +5 ms series at both Ca_o. */
static const V11Case cases[] = {
  { CA_VITRO, 10, +10 }, { CA_VITRO, 10, -10 }, { CA_VIVO, 10, +10 },
  { CA_VITRO, 40, -10 }, { CA_VIVO, 40, -10 }, { CA_VIVO, 40, +5 },
  { CA_VITRO, 2, 5 }, { CA_VITRO, 5, 5 }, { CA_VITRO, 10, 5 }, { CA_VITRO, 20, 5 },
  { CA_VITRO, 30, 5 }, { CA_VITRO, 40, 5 },
  { CA_VIVO, 2, 5 }, { CA_VIVO, 5, 5 }, { CA_VIVO, 10, 5 }, { CA_VIVO, 20, 5 },
  { CA_VIVO, 30, 5 },
};
#define N_CASES G_N_ELEMENTS (cases)
#define CASE_F  5          /* also the 1.2 mM, 40 Hz point of the series */

/* Markram 1997 at Δt = +5 ms (models.md §3.2): mean, SEM, n. */
static const struct { double f, mean, sem; int n; } markram[] = {
  { 2, 0.99, 0.04, 2 }, { 5, 1.02, 0.07, 5 }, { 10, 1.20, 0.06, 9 },
  { 20, 1.37, 0.09, 11 }, { 30, 1.42, 0.07, 3 }, { 40, 1.50, 0.12, 4 },
};

typedef struct
{
  double mean, sem;
  double peak_d, peak_p;   /* largest peak c* over θ among the case synapses */
  int    n_up, n_down, spikes_min, spikes_max;
} V11Stat;

static V11Stat
case_stat (const V11Run *runs,
           int           c)
{
  V11Stat st = { 0, 0, 0, 0, 0, 0, G_MAXINT, 0 };
  double ss = 0;

  for (int k = 0; k < N_CONN; k++)
    {
      const V11Run *r = &runs[c * N_CONN + k];

      st.mean += r->ratio / N_CONN;
      st.peak_d = MAX (st.peak_d, r->peak_d);
      st.peak_p = MAX (st.peak_p, r->peak_p);
      st.n_up += r->n_up;
      st.n_down += r->n_down;
      st.spikes_min = MIN (st.spikes_min, r->n_spikes);
      st.spikes_max = MAX (st.spikes_max, r->n_spikes);
    }
  for (int k = 0; k < N_CONN; k++)
    ss += pow (runs[c * N_CONN + k].ratio - st.mean, 2);
  st.sem = sqrt (ss / (N_CONN - 1) / N_CONN);
  return st;
}

static int
series_case (double ca_o,
             double f)
{
  if (ca_o < 1.6 && f == 40)
    return CASE_F;
  for (guint c = 6; c < N_CASES; c++)
    if (cases[c].ca_o == ca_o && cases[c].freq == f && cases[c].dt == 5)
      return (int) c;
  return -1;
}

static gboolean
v11_experiment (SlValidateResult  *r,
                GError           **error)
{
  static const char * const names[] = { "a", "b", "c", "d", "e", "f" };
  static const char * const expect[] = {
    "1.20 ± 0.06 (Markram)", "0.79 ± 0.03 (Markram)", "little or no change",
    "LTP (in silico; Sjöström 1.50 ± 0.30)", "LTD (bidirectional at ≥ 40 Hz)", "LTP",
  };
  V11Job job = { 0 };
  g_autofree V11Run *runs = g_new0 (V11Run, N_CASES * N_CONN);
  V11Stat st[N_CASES];
  double thr, ra, rc;
  double bap_ca[2], post_pre[2];   /* µM above rest, mean over s1…s5; mean C_post / mean C_pre */
  int spikes_bad = 0;
  g_autoptr(GString) in2 = g_string_new (NULL);

  if (!v11_calibrate (&job, &thr, error))
    return FALSE;
  for (int ci = 0; ci < 2; ci++)
    {
      g_autoptr(GString) pre = g_string_new (NULL), post = g_string_new (NULL);
      double pre_mean = 0;

      for (int k = 0; k < N_SYN; k++)
        g_string_append_printf (post, "%s%.4f", k ? ", " : "", job.c_post[ci][k]);
      for (int c = 0; c < N_CONN; c++)
        for (int k = 0; k < N_SYN; k++)
          pre_mean += job.conns[ci][c].c_pre[k] / (N_CONN * N_SYN);
      for (int k = 0; k < N_SYN; k++)
        g_string_append_printf (pre, "%s%.4f", k ? ", " : "", job.conns[ci][0].c_pre[k]);
      sl_validate_result_note (r, "bAP at Ca_o = %.1f mM, spines s1…s5: peak head V %.1f %.1f %.1f "
                               "%.1f %.1f mV, peak head [Ca] − rest %.2f %.2f %.2f %.2f %.2f µM",
                               ci ? CA_VIVO : CA_VITRO, job.bap_v[ci][0], job.bap_v[ci][1],
                               job.bap_v[ci][2], job.bap_v[ci][3], job.bap_v[ci][4],
                               1e3 * job.bap_ca[ci][0] - 0.07, 1e3 * job.bap_ca[ci][1] - 0.07,
                               1e3 * job.bap_ca[ci][2] - 0.07, 1e3 * job.bap_ca[ci][3] - 0.07,
                               1e3 * job.bap_ca[ci][4] - 0.07);
      sl_validate_result_note (r, "calibration at Ca_o = %.1f mM: C_post (s1…s5, 50–150 µm) = %s "
                               "mM·ms; C_pre of connection 0 = %s (ρ0 = %g %g %g %g %g), mean over "
                               "connections %.4f mM·ms; test EPSP before %.3f mV",
                               ci ? CA_VIVO : CA_VITRO, post->str, pre->str,
                               job.conns[ci][0].rho0[0], job.conns[ci][0].rho0[1],
                               job.conns[ci][0].rho0[2], job.conns[ci][0].rho0[3],
                               job.conns[ci][0].rho0[4], pre_mean, job.epsp0[ci]);
    }
  sl_validate_result_note (r, "somatic AP: threshold %.3f nA for a %.0f ms pulse; C_post pulse "
                           "%.3f nA (×%.1f), peak %.2f ms after onset (protocol pulse onset = pre + "
                           "Δt − %.2f ms); protocol pulses %.3f nA (×%.1f: the smallest in 10 %% "
                           "steps that gives one AP per pulse in two sweeps at 2, 10 and 40 Hz on each connection)",
                           thr, SL_VCELL_AP_DUR, job.cal.ap_amp, SL_VCELL_AP_FACTOR,
                           job.cal.ap_latency, job.cal.ap_latency,
                           job.train_factor * thr, job.train_factor);

  for (guint c = 0; c < N_CASES; c++)
    for (int k = 0; k < N_CONN; k++)
      {
        runs[c * N_CONN + k].cs = cases[c];
        runs[c * N_CONN + k].conn = k;
      }
  job.runs = runs;
  sl_validate_parallel_for (N_CASES * N_CONN, induce_task, &job);
  for (guint i = 0; i < N_CASES * N_CONN; i++)
    if (runs[i].error != NULL)
      {
        g_propagate_error (error, runs[i].error);
        runs[i].error = NULL;
        for (guint j = i + 1; j < N_CASES * N_CONN; j++)
          g_clear_error (&runs[j].error);
        return FALSE;
      }
  for (guint c = 0; c < N_CASES; c++)
    {
      st[c] = case_stat (runs, c);
      if (st[c].spikes_min != 50 || st[c].spikes_max != 50)
        spikes_bad++;
    }

  ra = st[0].mean;
  rc = st[2].mean;
  /* the measured cause of the rows this cell does not reproduce: the bAP
   * calcium of the basal heads and C_post/C_pre at each Ca_o */
  for (int ci = 0; ci < 2; ci++)
    {
      double pre = 0, post = 0;

      bap_ca[ci] = 0;
      for (int k = 0; k < N_SYN; k++)
        {
          bap_ca[ci] += (1e3 * job.bap_ca[ci][k] - 0.07) / N_SYN;
          post += job.c_post[ci][k] / N_SYN;
          for (int c = 0; c < N_CONN; c++)
            pre += job.conns[ci][c].c_pre[k] / (N_CONN * N_SYN);
        }
      post_pre[ci] = pre > 0 ? post / pre : 0;
    }
  for (int c = 0; c < 6; c++)
    {
      int ci = ca_index (cases[c].ca_o);
      g_autofree char *q = g_strdup_printf ("%s  %.1f mM, %g Hz, Δt %+g ms: EPSP ratio", names[c],
                                            cases[c].ca_o, cases[c].freq, cases[c].dt);
      g_autofree char *m = g_strdup_printf ("%.3f ± %.3f (↑%d ↓%d; c*/θ_d %.2f, c*/θ_p %.2f)",
                                            st[c].mean, st[c].sem, st[c].n_up, st[c].n_down,
                                            st[c].peak_d, st[c].peak_p);
      g_autofree char *cause = g_strdup_printf (
        "↑%d ↓%d synapses, peak c*/θ_d %.2f, c*/θ_p %.2f: the bAP brings %.2f µM of calcium "
        "into the basal spine heads at %.1f mM (Sabatini et al. 2002: 1.7 ± 0.6 µM), so "
        "C_post/C_pre = %.3f (1/%.0f) and a pairing adds little calcium to what the "
        "presynaptic spikes alone bring (θ_d, θ_p are set from both)%s",
        st[c].n_up, st[c].n_down, st[c].peak_d, st[c].peak_p, bap_ca[ci], cases[c].ca_o,
        post_pre[ci], post_pre[ci] > 0 ? 1 / post_pre[ci] : 0,
        st[c].n_up == 0 ? "; no synapse switched up" : "");
      g_autofree char *tol = NULL;
      g_autofree char *why = NULL;
      gboolean pass = FALSE;

      switch (c)
        {
        case 0:
          tol = g_strdup ("> 1.05");
          pass = st[c].mean > 1.05;
          why = g_strdup_printf ("no LTP at 2.0 mM: %s", cause);
          break;
        case 1:
          tol = g_strdup ("< 0.95");
          pass = st[c].mean < 0.95;
          break;
        case 2:
          /* "no change in vivo" is a contrast with case a: only meaningful
           * when a potentiates */
          tol = g_strdup_printf ("r_a > 1.05 and |r − 1| < ⅓|r_a − 1| = %.3f",
                                 fabs (ra - 1) / 3);
          pass = ra > 1.05 && fabs (rc - 1) < fabs (ra - 1) / 3;
          if (ra > 1.05)
            why = g_strdup_printf ("|r_c − 1| = %.3f is not below ⅓|r_a − 1|: %s",
                                   fabs (rc - 1), cause);
          else
            why = g_strdup_printf ("untested: case a did not potentiate (r_a = %.3f), so "
                                   "\"no change in vivo\" contrasts with nothing; %s", ra, cause);
          break;
        case 3:
          tol = g_strdup ("> 1");
          pass = st[c].mean > 1;
          why = g_strdup_printf ("no LTP at 40 Hz, Δt −10 ms in vitro: %s", cause);
          break;
        case 4:
          /* a real depression, not the unchanged ratio 1.000 of a
           * connection where no synapse switched */
          tol = g_strdup ("< 0.99");
          pass = st[c].mean < 0.99;
          why = g_strdup_printf ("no LTD at 40 Hz, Δt −10 ms in vivo: %s", cause);
          break;
        default:
          tol = g_strdup ("> 1");
          pass = st[c].mean > 1;
          why = g_strdup_printf ("no LTP at 40 Hz, Δt +5 ms in vivo: %s", cause);
          break;
        }
      if (why == NULL)
        sl_validate_result_add_text (r, q, expect[c], st[c].mean, m, tol, pass);
      else
        sl_validate_result_add_finding (r, q, expect[c], st[c].mean, m, tol, pass, why);
    }
  if (spikes_bad == 0)
    sl_validate_result_add (r, "cases with one somatic AP per pulse (50)", "all 17",
                            N_CASES, "= 17", TRUE);
  else
    {
      g_autoptr(GString) bad = g_string_new (NULL);
      g_autofree char *why = NULL;

      int worst = 50;

      for (guint c = 0; c < N_CASES; c++)
        if (st[c].spikes_min != 50 || st[c].spikes_max != 50)
          {
            g_string_append_printf (bad, "%s%.1f mM %g Hz %+g ms: %d–%d", bad->len ? "; " : "",
                                    cases[c].ca_o, cases[c].freq, cases[c].dt,
                                    st[c].spikes_min, st[c].spikes_max);
            worst = MIN (worst, st[c].spikes_min);
          }
      why = g_strdup_printf ("somatic spikes per induction (expected 50) — %s; at most %d "
                             "pulses of 50 miss their AP, although the pulses (%.1f× "
                             "threshold) fire 10 of 10 in the first two sweeps of every "
                             "connection at 2 Hz +5, 10 Hz +10, 40 Hz +5 and 40 Hz −10 ms",
                             bad->str, 50 - worst, job.train_factor);
      sl_validate_result_add_finding (r, "cases with one somatic AP per pulse (50)", "all 17",
                                      N_CASES - spikes_bad, NULL, "= 17", FALSE, why);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (markram); i++)
    for (int ci = 0; ci < 2; ci++)
      {
        double ca = ci ? CA_VIVO : CA_VITRO;
        int c = series_case (ca, markram[i].f);
        g_autofree char *q = g_strdup_printf ("series +5 ms, %.1f mM, %2g Hz", ca, markram[i].f);
        g_autofree char *ex = ci ? g_strdup ("(in vivo: LTP needs ≥ 30 Hz)")
                                 : g_strdup_printf ("%.2f ± %.2f (n = %d)", markram[i].mean,
                                                    markram[i].sem, markram[i].n);

        sl_validate_result_report (r, q, ex, st[c].mean);
        if (!ci)
          g_string_append_printf (in2, "%s%g Hz %s", i ? ", " : "", markram[i].f,
                                  fabs (st[c].mean - markram[i].mean) <= 2 * markram[i].sem
                                  ? "within" : (fabs (st[c].mean - markram[i].mean) <= 3 * markram[i].sem ? "within 3 SEM" : "outside"));
      }
  sl_validate_result_note (r, "in vitro series vs Markram 1997 (±2 SEM): %s", in2->str);
  sl_validate_result_note (r, "%d connections of %d synapses per case (ρ0 ~ Bernoulli(U0), "
                           "stochastic release seeded per connection); ratio = mean ± SEM over "
                           "connections; ↑/↓ = synapses that switched up/down. The 20 min "
                           "wait is integrated on the rule alone (cell at rest), not fast-forwarded",
                           N_CONN, N_SYN);
  sl_validate_result_note (r, "release = U0·Hill(Ca_o)·U_SE/U0 during the induction "
                           "(release_scale); test EPSPs with mean release U_SE·Hill and ĝ0·w");
  return TRUE;
}

void
_sl_vcell_register_v11 (void)
{
  sl_validate_register ("V11", "Chindemi 2022: in vitro vs in vivo extracellular calcium",
                        v11_experiment);
}
