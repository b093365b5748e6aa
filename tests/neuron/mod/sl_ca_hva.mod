COMMENT
SpineLab cross-validation: high-voltage-activated dendritic calcium channel
(Reuveni et al. 1993 as packaged in Hay et al. 2011, "Ca_HVA"), written from
SpineLab's models.md section 1.5.  Rates in 1/ms, v in mV:
  alpha_m = 0.055 (-27 - v) / (exp((-27 - v)/3.8) - 1)   (0.209 at v = -27)
  beta_m  = 0.94 exp((-75 - v)/17)
  alpha_h = 0.000457 exp((-13 - v)/50)
  beta_h  = 0.0065 / (exp((-v - 15)/28) + 1)
  x_inf = alpha/(alpha + beta), tau_x = 1/(alpha + beta)
  I = gbar m^2 h (v - E_Ca), E_Ca Nernst as in sl_cav_r.
ENDCOMMENT

NEURON {
  SUFFIX sl_ca_hva
  USEION ca READ cai, cao WRITE ica
  RANGE gbar, g, e_ca
}

UNITS {
  (mA) = (milliamp)
  (mV) = (millivolt)
  (mM) = (milli/liter)
  (S) = (siemens)
}

PARAMETER {
  gbar = 0.00001 (S/cm2)
}

ASSIGNED {
  v (mV)
  celsius (degC)
  cai (mM)
  cao (mM)
  ica (mA/cm2)
  g (S/cm2)
  e_ca (mV)
  m_inf
  h_inf
  tau_m (ms)
  tau_h (ms)
}

STATE {
  m
  h
}

INITIAL {
  rates(v)
  m = m_inf
  h = h_inf
}

BREAKPOINT {
  SOLVE states METHOD cnexp
  e_ca = nernst_ca(cai, cao)
  g = gbar * m * m * h
  ica = g * (v - e_ca)
}

DERIVATIVE states {
  rates(v)
  m' = (m_inf - m) / tau_m
  h' = (h_inf - h) / tau_h
}

PROCEDURE rates (v (mV)) {
  LOCAL a, b, x
  UNITSOFF
  x = -27 - v
  if (fabs(x / 3.8) < 1e-6) {
    a = 0.055 * 3.8 * (1 - x / (2 * 3.8))
  } else {
    a = 0.055 * x / (exp(x / 3.8) - 1)
  }
  b = 0.94 * exp((-75 - v) / 17)
  m_inf = a / (a + b)
  tau_m = 1 / (a + b)
  a = 0.000457 * exp((-13 - v) / 50)
  b = 0.0065 / (exp((-v - 15) / 28) + 1)
  h_inf = a / (a + b)
  tau_h = 1 / (a + b)
  UNITSON
}

FUNCTION nernst_ca (ci (mM), co (mM)) (mV) {
  UNITSOFF
  nernst_ca = 1000 * 8.314462 * (celsius + 273.15) / (2 * 96485.33) * log(co / ci)
  UNITSON
}
