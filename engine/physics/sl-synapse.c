/* sl-synapse.c: the excitatory synapse and R-type VDCC of every spine head
 * (models.md §1.3–1.5) and the head calcium pool (§2.1). */
#include "sl-physics-private.h"

#include <math.h>

void
_sl_synapses_init (const SlModel *m,
                   SlState       *s)
{
  for (int k = 0; k < m->n_spines; k++)
    {
      int head = m->n_cable + 2 * k + 1;
      double v = s->v[head];

      s->ampa_a[k] = s->ampa_b[k] = s->nmda_a[k] = s->nmda_b[k] = 0;
      s->vdcc_m[k] = _sl_vt_lookup (m->vdcc_table, 2, v);
      s->vdcc_h[k] = _sl_vt_lookup (m->vdcc_table + 1, 2, v);
      s->ca_head[k] = m->ca_rest;
      s->eca_head[k] = _sl_nernst_ca (m->celsius, m->ca_o, m->ca_rest);
      s->eca_ca[k] = m->ca_rest;
      s->eca_ref[k] = s->eca_head[k];
      s->g_ampa[k] = s->g_nmda[k] = s->i_ampa[k] = s->i_nmda[k] = 0;
      s->i_vdcc[k] = s->i_ca_nmda[k] = 0;
      s->w[k] = m->syn_w0[k];
      s->tm_u[k] = m->syn_use[k];
      s->tm_r[k] = m->syn_stochastic[k] ? m->syn_n_rrp[k] : 1.0;
      s->tm_last[k] = -1e9;
      s->v_head_prev[k] = v;
      s->pre[k] = 0;
      s->post[k] = 0;
      s->n_released[k] = 0;
      s->rng[k] = m->spine_seed[k];
    }
}

void
_sl_synapse_spike (const SlModel *m,
                   SlState       *s,
                   int            k,
                   double         t)
{
  double U = m->syn_use[k], released, u, dtl = t - s->tm_last[k];
  const SlRuleClass *rule = m->spine_rule[k];

  /* a rule that expresses plasticity presynaptically (Chindemi's U_SE)
   * scales the release probability (sl-rule.h, release_scale) */
  if (rule != NULL && rule->release_scale != NULL)
    U = MIN (1.0, U * rule->release_scale (&m->rule_params[m->rule_param_offset[k]],
                                           &s->rule_state[m->rule_state_offset[k]]));

  /* Tsodyks–Markram: facilitation of u, recovery of the pool since the last spike. */
  if (m->syn_tau_fac[k] > 0)
    {
      u = s->tm_u[k] * exp (-dtl / m->syn_tau_fac[k]);
      u += U * (1 - u);
    }
  else
    u = U;
  s->tm_u[k] = u;

  if (m->syn_stochastic[k])
    {
      int n_rrp = m->syn_n_rrp[k], rec = (int) s->tm_r[k], n_rel = 0;
      double p_rec = m->syn_tau_dep[k] > 0 ? 1 - exp (-dtl / m->syn_tau_dep[k]) : 1.0;

      for (int j = rec; j < n_rrp; j++)
        if (_sl_uniform (&s->rng[k]) < p_rec)
          rec++;
      for (int j = 0; j < rec; j++)
        if (_sl_uniform (&s->rng[k]) < u)
          n_rel++;
      s->tm_r[k] = rec - n_rel;
      s->n_released[k] = n_rel;
      released = (double) n_rel / n_rrp;
    }
  else
    {
      double r = s->tm_r[k];

      if (m->syn_tau_dep[k] > 0)
        r = 1 - (1 - r) * exp (-dtl / m->syn_tau_dep[k]);
      else
        r = 1;
      released = u * r;
      s->tm_r[k] = r - released;
      s->n_released[k] = -1;
    }
  s->tm_last[k] = t;
  s->pre[k] = 1;
  s->ampa_a[k] += m->syn_phi_ampa[k] * released;
  s->ampa_b[k] += m->syn_phi_ampa[k] * released;
  s->nmda_a[k] += m->syn_phi_nmda[k] * released;
  s->nmda_b[k] += m->syn_phi_nmda[k] * released;
}

void
_sl_synapses_current (const SlModel *m,
                      SlState       *s)
{
  int nc = m->n_cable;

  for (int k = 0; k < m->n_spines; k++)
    {
      int head = nc + 2 * k + 1;
      double v = s->v[head];
      double ga = m->syn_g_ampa[k] * s->w[k] * (s->ampa_b[k] - s->ampa_a[k]);
      double gn = m->syn_g_nmda[k] * (s->nmda_b[k] - s->nmda_a[k]);
      double mgb = _sl_vt_lookup (m->mg_table + (gsize) m->syn_mg_index[k] * SL_VT_N, 1, v);
      double dn = v - m->syn_e_nmda[k];
      double eca = s->eca_head[k];
      double gv = m->syn_g_vdcc[k] * s->vdcc_m[k] * s->vdcc_m[k] * s->vdcc_h[k];
      double ia = ga * (v - m->syn_e_ampa[k]);
      double in = gn * mgb * dn;
      double iv = gv * (v - eca);

      s->g_ampa[k] = ga;
      s->g_nmda[k] = gn;
      s->i_ampa[k] = ia;
      s->i_nmda[k] = in;
      s->i_vdcc[k] = iv;
      s->i_ca_nmda[k] = m->pf_nmda * gn * mgb * (v - 40.0);
      /* dI/dV of the blocked NMDA current: g·(B + B(1 − B)·slope·(V − E)). */
      s->diag[head] += ga + gn * (mgb + mgb * (1 - mgb) * m->syn_mg_slope[k] * dn) + gv;
      s->rhs[head] -= ia + in + iv;
    }
}

void
_sl_synapses_gates (const SlModel *m,
                    SlState       *s,
                    double         dt)
{
  int ns = m->n_spines;
  double fm = 1 - exp (-dt / 1.0), fh = 1 - exp (-dt / 27.0);
  const double *restrict vs = s->v + m->n_cable + 1;   /* head of spine k at vs[2k] */
  double *restrict v = s->v_head;
  double *restrict aa = s->ampa_a, *restrict ab = s->ampa_b;
  double *restrict na = s->nmda_a, *restrict nb = s->nmda_b;
  double *restrict vm = s->vdcc_m, *restrict vh = s->vdcc_h;
  const double *restrict d0 = s->syn_decay, *restrict d1 = s->syn_decay + ns;
  const double *restrict d2 = s->syn_decay + 2 * ns, *restrict d3 = s->syn_decay + 3 * ns;

  if (dt != s->dt_cached)
    {
      for (int k = 0; k < ns; k++)
        {
          s->syn_decay[k] = exp (-dt / m->syn_tau_r_ampa[k]);
          s->syn_decay[ns + k] = exp (-dt / m->syn_tau_d_ampa[k]);
          s->syn_decay[2 * ns + k] = exp (-dt / m->syn_tau_r_nmda[k]);
          s->syn_decay[3 * ns + k] = exp (-dt / m->syn_tau_d_nmda[k]);
        }
      s->dt_cached = dt;
    }
  /* A contiguous copy of the head voltages lets the loop below vectorise. */
  for (int k = 0; k < ns; k++)
    v[k] = vs[2 * k];
  for (int k = 0; k < ns; k++)
    {
      double vk = v[k];
      double minf = _sl_vt_lookup (m->vdcc_table, 2, vk);
      double hinf = _sl_vt_lookup (m->vdcc_table + 1, 2, vk);

      aa[k] *= d0[k];
      ab[k] *= d1[k];
      na[k] *= d2[k];
      nb[k] *= d3[k];
      vm[k] += fm * (minf - vm[k]);
      vh[k] += fh * (hinf - vh[k]);
    }
}

/* d[Ca]/dt = −η·I_Ca·10⁶/(2F·X) − ([Ca] − [Ca]₀)/τ, exact over the step
 * with I_Ca (nA) held at its value of this step. */
void
_sl_calcium_heads (const SlModel *m,
                   SlState       *s,
                   double         dt)
{
  double decay = exp (-dt / m->tau_head);

  for (int k = 0; k < m->n_spines; k++)
    {
      double ica = s->i_ca_nmda[k] + s->i_vdcc[k];
      double influx = -m->eta_head * ica * 1e6 / (2 * SL_F * m->spine_volume[k]);
      double cinf = m->ca_rest + m->tau_head * influx;
      double c = cinf + (s->ca_head[k] - cinf) * decay;

      s->ca_head[k] = c < 1e-9 ? 1e-9 : c;  /* keeps a NaN visible */
    }
  _sl_update_eca (m, s);
}

/* Nernst E_Ca of every head.  E = k·ln(Ca_o/c) is kept relative to a
 * reference (c₀, E₀) where the log was last taken: for |x| = |c/c₀ − 1| <
 * 0.01, E = E₀ − k·(x − x²/2 + x³/3), whose error k·x⁴/4 < 1e−9 mV; past
 * that the log is taken again and becomes the new reference. */
void
_sl_update_eca (const SlModel *m,
                SlState       *s)
{
  double kk = 1e3 * SL_GAS_R * (m->celsius + 273.15) / (2 * SL_F);

  for (int k = 0; k < m->n_spines; k++)
    {
      double c = s->ca_head[k], c0 = s->eca_ca[k];
      double x = (c - c0) / c0;

      if (fabs (x) < 0.01)
        s->eca_head[k] = s->eca_ref[k] - kk * x * (1 - x * (0.5 - x * (1.0 / 3.0)));
      else
        {
          s->eca_head[k] = s->eca_ref[k] = kk * log (m->ca_o / c);
          s->eca_ca[k] = c;
        }
    }
}
