/* sl-channels.c: passive leak, NEURON's hh, Ca_HVA, NaTa_t and SKv3_1
 * (Hay et al. 2011) with na3's optional slow inactivation gate — currents
 * at v(t) and gates by exponential Euler at v(t + dt), the order of
 * NEURON's fixed step. */
#include "sl-physics-private.h"

#include <math.h>

/* NEURON hh.mod's vtrap. */
static double
vtrap (double x,
       double y)
{
  if (fabs (x / y) < 1e-6)
    return y * (1 - x / y / 2);
  return x / (exp (x / y) - 1);
}

static void
hh_rates (double  v,
          double  q10,
          double *out)
{
  double a, b, sum;

  a = 0.1 * vtrap (-(v + 40), 10);
  b = 4 * exp (-(v + 65) / 18);
  sum = a + b;
  out[0] = a / sum;
  out[1] = 1 / (q10 * sum);
  a = 0.07 * exp (-(v + 65) / 20);
  b = 1 / (exp (-(v + 35) / 10) + 1);
  sum = a + b;
  out[2] = a / sum;
  out[3] = 1 / (q10 * sum);
  a = 0.01 * vtrap (-(v + 55), 10);
  b = 0.125 * exp (-(v + 65) / 80);
  sum = a + b;
  out[4] = a / sum;
  out[5] = 1 / (q10 * sum);
}

void
_sl_hh_table_fill (double *table,
                   double  q10)
{
  for (int k = 0; k < SL_HH_TABLE_N; k++)
    {
      double r[6];

      hh_rates (-100.0 + k, q10, r);
      for (int j = 0; j < 6; j++)
        table[j * SL_HH_TABLE_N + k] = r[j];
    }
}

/* NEURON's TABLE lookup: linear between entries, clamped at the ends. */
static inline void
hh_lookup (const double *table,
           double        v,
           double       *r)
{
  double xi = v + 100.0;
  int i;
  double f;

  /* A NaN voltage passed both clamps and (int) NaN indexed anywhere
   * (found by fuzz-session-run, dt 5 ms); give NaN rates so that the step
   * reports the non-finite state instead. */
  if (isnan (xi))
    {
      for (int j = 0; j < 6; j++)
        r[j] = xi;
      return;
    }
  if (xi <= 0)
    {
      for (int j = 0; j < 6; j++)
        r[j] = table[j * SL_HH_TABLE_N];
      return;
    }
  if (xi >= SL_HH_TABLE_N - 1)
    {
      for (int j = 0; j < 6; j++)
        r[j] = table[j * SL_HH_TABLE_N + SL_HH_TABLE_N - 1];
      return;
    }
  i = (int) xi;
  f = xi - i;
  for (int j = 0; j < 6; j++)
    {
      const double *t = &table[j * SL_HH_TABLE_N + i];

      r[j] = t[0] + f * (t[1] - t[0]);
    }
}

static void
cahva_rates (double  v,
             double *minf,
             double *mtau,
             double *hinf,
             double *htau)
{
  double ma, mb, ha, hb;

  if (v == -27)
    v += 0.0001;
  ma = 0.055 * (-27 - v) / (exp ((-27 - v) / 3.8) - 1);
  mb = 0.94 * exp ((-75 - v) / 17);
  *minf = ma / (ma + mb);
  *mtau = 1 / (ma + mb);
  ha = 0.000457 * exp ((-13 - v) / 50);
  hb = 0.0065 / (exp ((-v - 15) / 28) + 1);
  *hinf = ha / (ha + hb);
  *htau = 1 / (ha + hb);
}

/* NaTa_t (Hay et al. 2011, PLoS Comput. Biol. 7:e1002107; kinetics of
 * Colbert & Pan 2002): I = ḡ m³h (V − E_Na), rates in ms⁻¹
 *   α_m = 0.182 (V + 38)/(1 − exp(−(V + 38)/6)),
 *   β_m = 0.124 (−V − 38)/(1 − exp(−(−V − 38)/6)),
 *   α_h = −0.015 (V + 66)/(1 − exp((V + 66)/6)),
 *   β_h = −0.015 (−V − 66)/(1 − exp((−V − 66)/6)),
 * x∞ = α/(α + β), τ_x = 1/((α + β)·qt), qt = 2.3^((celsius − 21)/10)
 * (Hay's file fixes celsius at 34: qt = 2.95).  At the removable
 * singularities V = −38 and −66 mV the voltage is moved by 1e−4 mV, as
 * the published file does; SlNaTa.mod does the same. */
static void
nat_rates (double  v,
           double  qt,
           double *minf,
           double *mtau,
           double *hinf,
           double *htau)
{
  double a, b;

  if (v == -38)
    v += 0.0001;
  a = 0.182 * (v + 38) / (1 - exp (-(v + 38) / 6));
  b = 0.124 * (-v - 38) / (1 - exp (-(-v - 38) / 6));
  *minf = a / (a + b);
  *mtau = 1 / ((a + b) * qt);
  if (v == -66)
    v += 0.0001;
  a = -0.015 * (v + 66) / (1 - exp ((v + 66) / 6));
  b = -0.015 * (-v - 66) / (1 - exp ((-v - 66) / 6));
  *hinf = a / (a + b);
  *htau = 1 / ((a + b) * qt);
}

/* Slow inactivation s of Migliore, Hoffman, Magee & Johnston 1999 (J.
 * Comput. Neurosci. 7:5; the na3 mechanism, ModelDB 2796), a multiplicative
 * gate on nat's conductance, g = ḡ m³ h s, with na3's GLOBAL values:
 *   α_v(V) = 1/(1 + exp((V − vvh)/vvs)),             vvh = −58 mV, vvs = 2 mV
 *   s∞(V)  = α_v + ar2 (1 − α_v) = 1 − (1 − ar2)(1 − α_v)
 *   α_s(V) = exp(ζ_s (V − V½s) F/(R T)),             ζ_s = 12, V½s = −60 mV
 *   β_s(V) = exp(ζ_s g_ms (V − V½s) F/(R T)),        g_ms = 0.2
 *   τ_s(V) = max(smax, β_s/(a0s (1 + α_s))),         a0s = 3e−4 /ms, smax = 10 ms
 * with na3's own constants F/R = 9.648e4/8.315 and T = 273.16 + celsius.
 * Temperature enters only this Boltzmann factor: na3 applies no q10 to s
 * (its q10 = 2 scales m and h only), and none is applied here; at 34 °C
 * ζ_s F/(R T) = 0.4533 /mV.  ar2 = 1 gives s∞ ≡ 1 exactly (the second
 * form of s∞), so s stays 1; the state keeps it at 1 and the step skips it
 * unless some ar2 < 1 (model->nat_slow). */
#define NA3_VVH     -58.0
#define NA3_VVS       2.0
#define NA3_VHALFS  -60.0
#define NA3_ZETAS    12.0
#define NA3_GMS       0.2
#define NA3_A0S       3e-4
#define NA3_SMAX     10.0

void
_sl_na3_s_rates (double  v,
                 double  celsius,
                 double  ar2,
                 double *sinf,
                 double *taus)
{
  double z = 1e-3 * NA3_ZETAS * (v - NA3_VHALFS) * 9.648e4 / (8.315 * (273.16 + celsius));
  double av = 1 / (1 + exp ((v - NA3_VVH) / NA3_VVS));

  *sinf = 1 - (1 - ar2) * (1 - av);
  *taus = exp (NA3_GMS * z) / (NA3_A0S * (1 + exp (z)));
  if (!(*taus >= NA3_SMAX))
    *taus = NA3_SMAX;
}

/* SKv3_1 (Hay et al. 2011; Kv3.1 of Rettig et al. 1992): I = ḡ m (V − E_K),
 * m∞ = 1/(1 + exp((V − 18.7)/(−9.7))), τ_m = 0.2·20/(1 + exp((V + 46.56)/(−44.14))) ms;
 * no temperature factor in the published file. */
static inline void
kv3_rates (double  v,
           double *minf,
           double *mtau)
{
  *minf = 1 / (1 + exp ((v - 18.7) / -9.7));
  *mtau = 0.2 * 20.0 / (1 + exp ((v + 46.56) / -44.14));
}

void
_sl_channels_init (const SlModel *m,
                   SlState       *s)
{
  for (int k = 0; k < m->n_hh; k++)
    {
      double r[6];

      hh_lookup (m->hh_table, s->v[m->hh_node[k]], r);
      s->hh_m[k] = r[0];
      s->hh_h[k] = r[2];
      s->hh_n[k] = r[4];
    }
  for (int k = 0; k < m->n_cahva; k++)
    {
      double mt, ht;

      cahva_rates (s->v[m->cahva_node[k]], &s->cahva_m[k], &mt, &s->cahva_h[k], &ht);
    }
  for (int k = 0; k < m->n_nat; k++)
    {
      double mt, ht;

      nat_rates (s->v[m->nat_node[k]], m->nat_qt, &s->nat_m[k], &mt, &s->nat_h[k], &ht);
      s->nat_s[k] = 1.0;
      if (m->nat_slow)
        _sl_na3_s_rates (s->v[m->nat_node[k]], m->celsius, m->nat_ar2[k], &s->nat_s[k], &ht);
    }
  for (int k = 0; k < m->n_kv3; k++)
    {
      double mt;

      kv3_rates (s->v[m->kv3_node[k]], &s->kv3_m[k], &mt);
    }
}

void
_sl_channels_current (const SlModel *m,
                      SlState       *s,
                      double         dt)
{
  const double *restrict cap = m->cap;
  double inv_dt = 1.0 / dt;
  const double *restrict v = s->v;
  double *restrict diag = s->diag;
  double *restrict rhs = s->rhs;
  const double *restrict area = m->area;
  const double *restrict gp = m->g_pas;
  const double *restrict ep = m->e_pas;
  int n = m->n_nodes;

  /* S/cm² · µm² = 1e−2 µS */
  for (int i = 0; i < n; i++)
    {
      double g = 1e-2 * gp[i] * area[i];

      diag[i] = g + cap[i] * inv_dt;
      rhs[i] = -g * (v[i] - ep[i]);
    }

  for (int k = 0; k < m->n_hh; k++)
    {
      int i = m->hh_node[k];
      double mm = s->hh_m[k], h = s->hh_h[k], nn = s->hh_n[k];
      double a = 1e-2 * area[i];
      double gna = a * m->hh_gnabar[k] * mm * mm * mm * h;
      double gk = a * m->hh_gkbar[k] * nn * nn * nn * nn;
      double gl = a * m->hh_gl[k];

      diag[i] += gna + gk + gl;
      rhs[i] -= gna * (v[i] - m->hh_ena[k]) + gk * (v[i] - m->hh_ek[k]) + gl * (v[i] - m->hh_el[k]);
    }

  for (int k = 0; k < m->n_cahva; k++)
    {
      int i = m->cahva_node[k];
      double g = 1e-2 * area[i] * m->cahva_gbar[k] * s->cahva_m[k] * s->cahva_m[k] * s->cahva_h[k];
      double eca = m->eca_dend;

      if (s->ca_node[i] != m->ca_rest)
        eca = _sl_nernst_ca (m->celsius, m->ca_o, s->ca_node[i]);
      diag[i] += g;
      rhs[i] -= g * (v[i] - eca);
      s->node_ica[i] = g * (v[i] - eca);
    }

  for (int k = 0; k < m->n_nat; k++)
    {
      int i = m->nat_node[k];
      double mm = s->nat_m[k];
      double g = 1e-2 * area[i] * m->nat_gbar[k] * mm * mm * mm * s->nat_h[k];

      if (m->nat_slow)
        g *= s->nat_s[k];
      diag[i] += g;
      rhs[i] -= g * (v[i] - m->nat_ena[k]);
    }
  for (int k = 0; k < m->n_kv3; k++)
    {
      int i = m->kv3_node[k];
      double g = 1e-2 * area[i] * m->kv3_gbar[k] * s->kv3_m[k];

      diag[i] += g;
      rhs[i] -= g * (v[i] - m->kv3_ek[k]);
    }
}

void
_sl_channels_gates (const SlModel *m,
                    SlState       *s,
                    double         dt)
{
  for (int k = 0; k < m->n_hh; k++)
    {
      double r[6];

      hh_lookup (m->hh_table, s->v[m->hh_node[k]], r);
      s->hh_m[k] += (1 - exp (-dt / r[1])) * (r[0] - s->hh_m[k]);
      s->hh_h[k] += (1 - exp (-dt / r[3])) * (r[2] - s->hh_h[k]);
      s->hh_n[k] += (1 - exp (-dt / r[5])) * (r[4] - s->hh_n[k]);
    }
  for (int k = 0; k < m->n_cahva; k++)
    {
      double minf, mtau, hinf, htau;

      cahva_rates (s->v[m->cahva_node[k]], &minf, &mtau, &hinf, &htau);
      s->cahva_m[k] += (1 - exp (-dt / mtau)) * (minf - s->cahva_m[k]);
      s->cahva_h[k] += (1 - exp (-dt / htau)) * (hinf - s->cahva_h[k]);
    }
  for (int k = 0; k < m->n_nat; k++)
    {
      double minf, mtau, hinf, htau;

      nat_rates (s->v[m->nat_node[k]], m->nat_qt, &minf, &mtau, &hinf, &htau);
      s->nat_m[k] += (1 - exp (-dt / mtau)) * (minf - s->nat_m[k]);
      s->nat_h[k] += (1 - exp (-dt / htau)) * (hinf - s->nat_h[k]);
    }
  /* cnexp on s' = (s∞ − s)/τ_s at v(t + dt), as for m and h */
  for (int k = 0; m->nat_slow && k < m->n_nat; k++)
    {
      double sinf, taus;

      _sl_na3_s_rates (s->v[m->nat_node[k]], m->celsius, m->nat_ar2[k], &sinf, &taus);
      s->nat_s[k] += (1 - exp (-dt / taus)) * (sinf - s->nat_s[k]);
    }
  for (int k = 0; k < m->n_kv3; k++)
    {
      double minf, mtau;

      kv3_rates (s->v[m->kv3_node[k]], &minf, &mtau);
      s->kv3_m[k] += (1 - exp (-dt / mtau)) * (minf - s->kv3_m[k]);
    }
}
