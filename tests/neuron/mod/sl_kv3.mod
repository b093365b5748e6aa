COMMENT
SpineLab cross-validation: fast potassium channel SKv3_1 of Hay et al. 2011
(Kv3.1 of Rettig et al. 1992), as SpineLab's engine states it (sl-model.h
"kv3", sl-channels.c):
  I = gbar m (v - ek)
  m_inf = 1/(1 + exp((v - 18.7)/(-9.7)))
  tau_m = 0.2 * 20/(1 + exp((v + 46.56)/(-44.14))) ms
No temperature factor (as published).
ENDCOMMENT

NEURON {
  SUFFIX sl_kv3
  USEION k READ ek WRITE ik
  RANGE gbar, g
}

UNITS {
  (mA) = (milliamp)
  (mV) = (millivolt)
  (S) = (siemens)
}

PARAMETER {
  gbar = 0.00001 (S/cm2)
}

ASSIGNED {
  v (mV)
  ek (mV)
  ik (mA/cm2)
  g (S/cm2)
  m_inf
  m_tau (ms)
}

STATE {
  m
}

INITIAL {
  rates(v)
  m = m_inf
}

BREAKPOINT {
  SOLVE states METHOD cnexp
  g = gbar * m
  ik = g * (v - ek)
}

DERIVATIVE states {
  rates(v)
  m' = (m_inf - m) / m_tau
}

PROCEDURE rates (v (mV)) {
  UNITSOFF
  m_inf = 1 / (1 + exp((v - 18.7) / (-9.7)))
  m_tau = 0.2 * 20 / (1 + exp((v + 46.56) / (-44.14)))
  UNITSON
}
