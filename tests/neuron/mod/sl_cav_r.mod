COMMENT
SpineLab cross-validation: R-type voltage-dependent calcium channel of spine
heads (Chindemi 2022; Magee & Johnston 1995 kinetics), written from
SpineLab's models.md section 1.5:
  I = gbar m^2 h (v - E_Ca)
  m_inf = 1/(1 + exp((-5.9 - v)/9.5)),  tau_m = 1 ms
  h_inf = 1/(1 + exp((-39 - v)/(-9.2))), tau_h = 27 ms
  E_Ca = (R T / 2F) ln(cao/cai), Nernst, recomputed at every evaluation,
  with R = 8.314462 J/(mol K), F = 96485.33 C/mol, T = celsius + 273.15 K.
Default gbar 0.0744 nS/um^2 = 0.00744 S/cm2.  No temperature factor.
ENDCOMMENT

NEURON {
  SUFFIX sl_cav_r
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
  gbar = 0.00744 (S/cm2)
  tau_m = 1 (ms)
  tau_h = 27 (ms)
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
  UNITSOFF
  m_inf = 1 / (1 + exp((-5.9 - v) / 9.5))
  h_inf = 1 / (1 + exp((-39 - v) / (-9.2)))
  UNITSON
}

FUNCTION nernst_ca (ci (mM), co (mM)) (mV) {
  UNITSOFF
  nernst_ca = 1000 * 8.314462 * (celsius + 273.15) / (2 * 96485.33) * log(co / ci)
  UNITSON
}
