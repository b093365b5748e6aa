COMMENT
SpineLab cross-validation: AMPA + NMDA synapse in the Blue Brain GluSynapse
form, written from SpineLab's models.md sections 1.3-1.5.

Both receptors use double-exponential kinetics: at each release the traces
A and B jump by phi * f (f = N_rel/N_rrp, the NetCon weight; 1 = one full
release) and decay with tau_r and tau_d.  phi normalises the difference so
that one full release peaks at exactly gmax:
  t_peak = tau_r tau_d ln(tau_d/tau_r) / (tau_d - tau_r)
  phi    = 1 / (exp(-t_peak/tau_d) - exp(-t_peak/tau_r))
  g_AMPA = gmax_ampa * w * (B_ampa - A_ampa)     (w: plastic weight)
  g_NMDA = gmax_nmda * (B_nmda - A_nmda)
  I      = g_AMPA (v - e_ampa) + g_NMDA B(v) (v - e_nmda)
Mg block B(v) = 1/(1 + mg/mg_scale exp(-mg_slope v)): Jahr & Stevens 1990
mg_scale = 3.57 mM, mg_slope = 0.062 /mV (default); Vargas-Caballero &
Robinson 2003 mg_scale = 2.552 mM, mg_slope = 0.072 /mV.

The NMDA calcium component (Chindemi 2022 eqs. 20-23) is computed for the
spine calcium pool but is NOT a membrane current (it is already part of
I_NMDA):  ica_nmda = P_f(cao) g_NMDA B(v) (v - 40 mV),
P_f = 0.6 * 4 cao / (4 cao + 120 mM / 1.38).
Units: uS, nA, mV, ms, mM.
ENDCOMMENT

NEURON {
  POINT_PROCESS SlGluSyn
  RANGE gmax_ampa, gmax_nmda, w
  RANGE tau_r_ampa, tau_d_ampa, tau_r_nmda, tau_d_nmda
  RANGE e_ampa, e_nmda, mg, mg_scale, mg_slope, cao
  RANGE g_ampa, g_nmda, i_ampa, i_nmda, ica_nmda, mgb, pf
  NONSPECIFIC_CURRENT i
}

UNITS {
  (nA) = (nanoamp)
  (mV) = (millivolt)
  (uS) = (microsiemens)
  (mM) = (milli/liter)
}

PARAMETER {
  gmax_ampa = 0.00068 (uS)
  gmax_nmda = 0.000476 (uS)
  w = 1
  tau_r_ampa = 0.2 (ms)
  tau_d_ampa = 1.7 (ms)
  tau_r_nmda = 0.29 (ms)
  tau_d_nmda = 70 (ms)
  e_ampa = 0 (mV)
  e_nmda = 0 (mV)
  mg = 1 (mM)
  mg_scale = 3.57 (mM)
  mg_slope = 0.062 (/mV)
  cao = 2 (mM)
}

ASSIGNED {
  v (mV)
  i (nA)
  g_ampa (uS)
  g_nmda (uS)
  i_ampa (nA)
  i_nmda (nA)
  ica_nmda (nA)
  mgb
  pf
  phi_ampa
  phi_nmda
}

STATE {
  A_ampa
  B_ampa
  A_nmda
  B_nmda
}

INITIAL {
  A_ampa = 0
  B_ampa = 0
  A_nmda = 0
  B_nmda = 0
  phi_ampa = peak_norm(tau_r_ampa, tau_d_ampa)
  phi_nmda = peak_norm(tau_r_nmda, tau_d_nmda)
  pf = 0.6 * 4 * cao / (4 * cao + 120 / 1.38)
}

BREAKPOINT {
  SOLVE kinetics METHOD cnexp
  mgb = mg_unblock(v)
  g_ampa = gmax_ampa * w * (B_ampa - A_ampa)
  g_nmda = gmax_nmda * (B_nmda - A_nmda)
  i_ampa = g_ampa * (v - e_ampa)
  i_nmda = g_nmda * mgb * (v - e_nmda)
  ica_nmda = pf * g_nmda * mgb * (v - 40)
  i = i_ampa + i_nmda
}

DERIVATIVE kinetics {
  A_ampa' = -A_ampa / tau_r_ampa
  B_ampa' = -B_ampa / tau_d_ampa
  A_nmda' = -A_nmda / tau_r_nmda
  B_nmda' = -B_nmda / tau_d_nmda
}

FUNCTION peak_norm (tau_r (ms), tau_d (ms)) {
  LOCAL t_peak
  t_peak = tau_r * tau_d * log(tau_d / tau_r) / (tau_d - tau_r)
  peak_norm = 1 / (exp(-t_peak / tau_d) - exp(-t_peak / tau_r))
}

FUNCTION mg_unblock (v (mV)) {
  mg_unblock = 1 / (1 + mg / mg_scale * exp(-mg_slope * v))
}

NET_RECEIVE (weight) {
  A_ampa = A_ampa + phi_ampa * weight
  B_ampa = B_ampa + phi_ampa * weight
  A_nmda = A_nmda + phi_nmda * weight
  B_nmda = B_nmda + phi_nmda * weight
}
