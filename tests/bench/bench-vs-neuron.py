#!/usr/bin/python3
"""SpineLab against NEURON 8.2: integration speed on the same models.

Usage: /usr/bin/python3 tests/bench/bench-vs-neuron.py BUILD/app/spinelab
           [--tstop MS] [--repeat N] [--cells NAME,...] [--spines N]

For every bundled cell, without spines and with ~N spines (density spread
evenly over the dendritic regions), it writes one session (passive leak
everywhere, hh on the soma, a somatic current step that makes it fire,
AMPA+NMDA synapse, VDCC and Ca pool in every spine head, soma v recorded),
exports it with `spinelab export --format neuron`, and times both
simulators on it in this same run.  Integration time is measured without
set-up: SpineLab as the wall-time difference between `spinelab run` to
tstop and to 1 ms (best of --repeat); NEURON as the wall time of its
fadvance loop reported by the exported script (best of --repeat).  Both
run fixed-step backward Euler at dt = 0.025 ms on one core; NEURON's hh
keeps its rate tables (usetable_hh = 1), as SpineLab does.

Prints a Markdown table: compartments, spines, ns per compartment-step and
real-time factor (simulated / wall time) for each simulator, and the ratio
SpineLab time / NEURON time (< 1: SpineLab faster).
"""

import argparse
import os
import re
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'neuron'))
import slneuron as sn  # noqa: E402
from importlib import util as _util  # noqa: E402

_spec = _util.spec_from_file_location('test_neuron', os.path.join(HERE, '..', 'neuron', 'test-neuron.py'))
tn = _util.module_from_spec(_spec)
_spec.loader.exec_module(tn)

CELLS = ['l5-pyramidal', 'ca1-pyramidal', 'ball-and-stick']


def dendritic_regions(info):
    """Cable length (µm) of the dendritic section types of the cell."""
    lengths = info['lengths']
    out = {k: v for k, v in lengths.items() if k in ('basal', 'apical') and v > 0}
    if not out:
        out = {k: v for k, v in lengths.items() if k not in ('soma', 'axon') and v > 0}
    return out


def session(cell, n_spines, tstop):
    morph = 'bundled:' + cell
    info = tn.cell_info(morph)
    groups = []
    if n_spines:
        regions = dendritic_regions(info)
        total = sum(regions.values())
        if total <= 0:
            raise RuntimeError('%s: no dendritic region to put spines on' % cell)
        groups = [(name, n_spines / total) for name in regions]
    xml = tn.session_xml(morph, tn.PASSIVE + [('soma', 'hh', None, None)],
                         [dict(name='step', kind='iclamp-step', target='soma',
                               amp=1.0, delay=1, dur=tstop)],
                         [('soma', 'v', 'soma')], tstop=tstop, record_interval=0.1)
    if groups:
        lines = ''.join('      <group region="%s" density="%r" seed="7"/>\n' % g for g in groups)
        xml = xml.replace('    <spines>\n', '    <spines>\n' + lines)
    return xml


def time_spinelab(path, tstop, repeat):
    def wall(t):
        best = float('inf')
        for _ in range(repeat):
            t0 = time.perf_counter()
            sn.run([sn.spinelab_exe(), 'run', path, '--tstop', repr(t), '--out', os.devnull])
            best = min(best, time.perf_counter() - t0)
        return best
    return max(wall(tstop) - wall(1.0), 1e-9)


def time_neuron(script, tstop, repeat):
    env = dict(os.environ)
    env['SPINELAB_NRNMECH'] = sn.mechanisms_dir()
    best = float('inf')
    for _ in range(repeat):
        proc = sn.run(['/usr/bin/python3', script, '--tstop', repr(tstop), '--time',
                       '--out', os.devnull], env=env)
        m = re.search(r'neuron_run_seconds ([0-9.eE+-]+)', proc.stderr)
        if not m:
            raise RuntimeError('exported script did not report its run time:\n' + proc.stderr)
        best = min(best, float(m.group(1)))
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('spinelab')
    ap.add_argument('--tstop', type=float, default=200.0)
    ap.add_argument('--repeat', type=int, default=3)
    ap.add_argument('--cells', default=','.join(CELLS))
    ap.add_argument('--spines', type=int, default=1000)
    args = ap.parse_args()
    os.environ['SPINELAB'] = os.path.abspath(args.spinelab)
    sn.require_neuron()
    dt = 0.025
    steps = int(round(args.tstop / dt))
    print('| cell | spines | compartments | SpineLab ns/comp-step | SpineLab RT factor '
          '| NEURON ns/comp-step | NEURON RT factor | ratio SpineLab/NEURON |')
    print('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
    with tempfile.TemporaryDirectory(prefix='sl-bench-') as work:
        for cell in args.cells.split(','):
            for n in (0, args.spines):
                path = os.path.join(work, '%s-%d.spinelab' % (cell, n))
                with open(path, 'w') as fp:
                    fp.write(session(cell, n, args.tstop))
                script = os.path.join(work, '%s-%d.py' % (cell, n))
                sn.spinelab_export(path, script)
                text = open(script).read()
                n_nodes = int(re.search(r'^N_NODES = (\d+)', text, re.M).group(1))
                n_sp = len(re.findall(r"^  \('[^']*', -?\d+, [^\n]*\),$",
                                      text.split('SPINES = [', 1)[1].split(']\n', 1)[0], re.M))
                t_sl = time_spinelab(path, args.tstop, args.repeat)
                t_nrn = time_neuron(script, args.tstop - 1.0, args.repeat)
                ns_sl = t_sl / ((steps - int(round(1.0 / dt))) * n_nodes) * 1e9
                ns_nrn = t_nrn / ((steps - int(round(1.0 / dt))) * n_nodes) * 1e9
                sim = args.tstop - 1.0
                print('| %s | %d | %d | %.1f | %.2f | %.1f | %.2f | %.2f |'
                      % (cell, n_sp, n_nodes, ns_sl, sim / 1000 / t_sl, ns_nrn,
                         sim / 1000 / t_nrn, t_sl / t_nrn))
                sys.stdout.flush()


if __name__ == '__main__':
    main()
