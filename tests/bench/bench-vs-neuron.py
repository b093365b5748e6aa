#!/usr/bin/python3
"""SpineLab against NEURON 8.2: integration speed on the same models.

Usage: /usr/bin/python3 tests/bench/bench-vs-neuron.py BUILD/app/spinelab
           [--tstop MS] [--repeat N] [--cell NAME ...] [--spines N]

For every bundled cell, without and with N spines (1,000), it writes the
session of `spinelab bench`'s electrical variant (models.md §1.1 passive
values everywhere, NEURON's hh in the soma, N spines on region "all" at
density N / total neurite length with seed 1, each with its AMPA+NMDA
synapse, R-type VDCC and head Ca pool; no plasticity, no voxel grid; a
1 nA somatic step from 5 ms), exports it with `spinelab export --format
neuron` and times NEURON's fixed-step loop (h.fadvance, dt 0.025 ms, CPU
time of the process, best of --repeat) on it.  NEURON's hh keeps its rate
tables (usetable_hh = 1), as SpineLab does.

It then runs `spinelab bench --quick --neuron-times FILE` in the same run,
which times sl_state_step on the same models (thread CPU time) and prints
the table with NEURON's ns per compartment-step and the ratio
SpineLab/NEURON (≤ 1: at least NEURON's speed).
"""

import argparse
import json
import os
import re
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'neuron'))
import slneuron as sn  # noqa: E402
from importlib import util as _util  # noqa: E402

_spec = _util.spec_from_file_location('test_neuron', os.path.join(HERE, '..', 'neuron', 'test-neuron.py'))
tn = _util.module_from_spec(_spec)
_spec.loader.exec_module(tn)

CELLS = ['l5-pyramidal', 'ca1-pyramidal', 'ball-and-stick', 'two-spine-dendrite',
         'segment-dendrite', 'dendrite-200']
SOURCE = os.path.normpath(os.path.join(HERE, '..', '..'))


def total_length(cell):
    """sl_morphology_total_length of the bundled cell (neurites, soma
    excluded), from `spinelab info` on its checked-in SWC."""
    path = os.path.join(SOURCE, 'morphologies', cell + '.swc')
    info = json.loads(sn.run([sn.spinelab_exe(), 'info', path, '--json']).stdout)
    return info['total_length_um']


def session(cell, n_spines, tstop):
    xml = tn.session_xml('bundled:' + cell, tn.PASSIVE + [('soma', 'hh', None, None)],
                         [dict(name='drive', kind='iclamp-step', target='soma',
                               amp=1.0, delay=5, dur=tstop)],
                         [('soma', 'v', 'soma')], tstop=tstop, record_interval=0.1)
    if n_spines:
        group = '      <group region="all" density="%r" seed="1"/>\n' % (n_spines / total_length(cell))
        xml = xml.replace('    <spines>\n', '    <spines>\n' + group)
    return xml


def time_neuron(script, tstop, repeat):
    env = dict(os.environ)
    env['SPINELAB_NRNMECH'] = sn.mechanisms_dir()
    best = None
    for _ in range(repeat):
        proc = sn.run(['/usr/bin/python3', script, '--tstop', repr(tstop), '--time',
                       '--out', os.devnull], env=env)
        m = re.search(r'cpu_seconds ([0-9.eE+-]+) steps (\d+) compartments (\d+)', proc.stderr)
        if not m:
            raise RuntimeError('exported script did not report its run time:\n' + proc.stderr)
        cpu, steps, comps = float(m.group(1)), int(m.group(2)), int(m.group(3))
        ns = cpu * 1e9 / (steps * comps)
        if best is None or ns < best[0]:
            best = (ns, comps, cpu, steps)
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('spinelab')
    ap.add_argument('--tstop', type=float, default=200.0)
    ap.add_argument('--repeat', type=int, default=3)
    ap.add_argument('--cell', action='append')
    ap.add_argument('--spines', type=int, default=1000)
    args = ap.parse_args()
    os.environ['SPINELAB'] = os.path.abspath(args.spinelab)
    sn.require_neuron()
    cells = args.cell or CELLS
    with tempfile.TemporaryDirectory(prefix='sl-bench-') as work:
        times = os.path.join(work, 'neuron-times.txt')
        with open(times, 'w') as out:
            out.write('# CELL SPINES NS_PER_COMPARTMENT_STEP (NEURON %s, CPU time of the '
                      'fadvance loop, best of %d)\n' % ('8.2', args.repeat))
            for cell in cells:
                for n in (0, args.spines):
                    path = os.path.join(work, '%s-%d.spinelab' % (cell, n))
                    with open(path, 'w') as fp:
                        fp.write(session(cell, n, args.tstop))
                    script = sn.spinelab_export(path, os.path.join(work, '%s-%d.py' % (cell, n)))
                    ns, comps, cpu, steps = time_neuron(script, args.tstop, args.repeat)
                    sys.stderr.write('NEURON %s spines=%d: %d compartments, %d steps, %.3f s CPU, '
                                     '%.1f ns/compartment-step, real-time factor %.3g\n'
                                     % (cell, n, comps, steps, cpu, ns, args.tstop / 1000 / cpu))
                    out.write('%s %d %.6g\n' % (cell, n, ns))
        cmd = [sn.spinelab_exe(), 'bench', '--quick', '--tstop', repr(args.tstop),
               '--neuron-times', times]
        for cell in cells:
            cmd += ['--cell', cell]
        proc = sn.run(cmd)
        sys.stdout.write(proc.stdout)


if __name__ == '__main__':
    main()
