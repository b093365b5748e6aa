COMMENT
SpineLab cross-validation: isolated spine-head calcium pool (Chindemi 2022 /
Sabatini et al. 2002), written from SpineLab's models.md section 2.1, for
comparisons with calcium diffusion switched off:
  d[Ca]/dt = -eta (I_Ca,membrane + I_Ca,NMDA) 1e6 / (2 F X) - ([Ca] - ca_rest)/tau
with [Ca] in mM, currents in nA (negative = influx), X = head volume in um3
and F = 96485.33 C/mol.  I_Ca,membrane is this segment's ica (VDCC) times
its membrane area; I_Ca,NMDA comes from the synapse through the POINTER
inmda (SlGluSyn.ica_nmda), because it is not a membrane current of its own.
Integrated by the exact exponential over dt with the currents of the step
(cnexp), as the engine does.
ENDCOMMENT

NEURON {
  SUFFIX sl_cahead
  USEION ca READ ica WRITE cai
  RANGE vol, eta, tau, ca_rest, i_total
  POINTER inmda
}

UNITS {
  (mA) = (milliamp)
  (nA) = (nanoamp)
  (mM) = (milli/liter)
  (um) = (micron)
}

PARAMETER {
  vol = 0.087 (um3)
  eta = 0.04
  tau = 12 (ms)
  ca_rest = 70e-6 (mM)
}

ASSIGNED {
  ica (mA/cm2)
  area (um2)
  inmda (nA)
  i_total (nA)
}

STATE {
  cai (mM)
}

INITIAL {
  cai = ca_rest
}

BREAKPOINT {
  SOLVE pool METHOD cnexp
}

DERIVATIVE pool {
  UNITSOFF
  i_total = ica * area * 1e-2 + inmda
  cai' = -eta * i_total * 1e6 / (2 * 96485.33 * vol) - (cai - ca_rest) / tau
  UNITSON
}
