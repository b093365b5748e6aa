COMMENT
SpineLab cross-validation: transient sodium channel NaTa_t of Hay et al.
2011 (PLoS Comput. Biol. 7:e1002107; kinetics of Colbert & Pan 2002), as
SpineLab's engine states it (sl-model.h "nat", sl-channels.c):
  I = gbar m^3 h (v - ena), rates in 1/ms
  alpha_m = 0.182 (v + 38)/(1 - exp(-(v + 38)/6))
  beta_m  = 0.124 (-v - 38)/(1 - exp(-(-v - 38)/6))
  alpha_h = -0.015 (v + 66)/(1 - exp((v + 66)/6))
  beta_h  = -0.015 (-v - 66)/(1 - exp((-v - 66)/6))
  x_inf = alpha/(alpha + beta), tau_x = 1/((alpha + beta) qt),
  qt = 2.3^((celsius - 21)/10)
At the removable singularities v = -38 and -66 mV the voltage is moved by
1e-4 mV.
Optional slow inactivation s (the s gate of na3, Migliore, Hoffman, Magee &
Johnston 1999, J Comput Neurosci 7:5), g = gbar m^3 h s, with na3's values:
  alpha_v = 1/(1 + exp((v - vvh)/vvs)), vvh = -58 mV, vvs = 2 mV
  s_inf = 1 - (1 - ar2)(1 - alpha_v)     (= alpha_v + ar2 (1 - alpha_v))
  z = 1e-3 zetas (v - vhalfs) 9.648e4/(8.315 (273.16 + celsius)),
      zetas = 12, vhalfs = -60 mV
  tau_s = exp(gms z)/(a0s (1 + exp(z))), gms = 0.2, a0s = 3e-4 /ms,
      not below smax = 10 ms
ar2 = 1 (the default) gives s_inf = 1 exactly: no slow inactivation.
ENDCOMMENT

NEURON {
  SUFFIX sl_nat
  USEION na READ ena WRITE ina
  RANGE gbar, g, ar2
}

UNITS {
  (mA) = (milliamp)
  (mV) = (millivolt)
  (S) = (siemens)
}

PARAMETER {
  gbar = 0.00001 (S/cm2)
  ar2 = 1 (1)
}

ASSIGNED {
  v (mV)
  celsius (degC)
  ena (mV)
  ina (mA/cm2)
  g (S/cm2)
  qt
  m_inf
  h_inf
  m_tau (ms)
  h_tau (ms)
  s_inf
  s_tau (ms)
}

STATE {
  m
  h
  s
}

INITIAL {
  qt = 2.3 ^ ((celsius - 21) / 10)
  rates(v)
  m = m_inf
  h = h_inf
  s = s_inf
}

BREAKPOINT {
  SOLVE states METHOD cnexp
  g = gbar * m * m * m * h * s
  ina = g * (v - ena)
}

DERIVATIVE states {
  rates(v)
  m' = (m_inf - m) / m_tau
  h' = (h_inf - h) / h_tau
  s' = (s_inf - s) / s_tau
}

PROCEDURE rates (v (mV)) {
  LOCAL a, b, u
  UNITSOFF
  u = v
  if (u == -38) {
    u = u + 0.0001
  }
  a = 0.182 * (u + 38) / (1 - exp(-(u + 38) / 6))
  b = 0.124 * (-u - 38) / (1 - exp(-(-u - 38) / 6))
  m_inf = a / (a + b)
  m_tau = 1 / ((a + b) * qt)
  if (u == -66) {
    u = u + 0.0001
  }
  a = -0.015 * (u + 66) / (1 - exp((u + 66) / 6))
  b = -0.015 * (-u - 66) / (1 - exp((-u - 66) / 6))
  h_inf = a / (a + b)
  h_tau = 1 / ((a + b) * qt)
  a = 1 / (1 + exp((v + 58) / 2))
  s_inf = 1 - (1 - ar2) * (1 - a)
  u = 1e-3 * 12 * (v + 60) * 9.648e4 / (8.315 * (273.16 + celsius))
  s_tau = exp(0.2 * u) / (3e-4 * (1 + exp(u)))
  if (s_tau < 10) {
    s_tau = 10
  }
  UNITSON
}
