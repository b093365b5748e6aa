"""Shared helpers of SpineLab's cross-validation against NEURON.

Run with /usr/bin/python3 (Debian's python3-neuron is installed for it only).
A test exits 77 (meson: skipped) when `import neuron` fails.

The NMODL files of tests/neuron/mod are compiled with nrnivmodl into the
build directory on first use and cached there, keyed by a hash of their text.
Debian's nrnivmodl looks for nrnmech_makefile in /usr/bin and for libnrniv.so
in /usr/lib while the package installs both in /usr/lib/nrn; a shim directory
and a make variable point it at the right places, and a `make` wrapper keeps
the compile at two jobs on this shared machine.  nrnivmodl's final link of
the `special` executable fails on Debian (missing ivstream.h) but is not
needed: the shared library libnrnmech.so that Python loads is built first.
"""

import csv
import fcntl
import hashlib
import math
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MOD_DIR = os.path.join(HERE, 'mod')
SKIP = 77


def require_neuron():
    try:
        import neuron  # noqa: F401
    except ImportError as exc:
        print('SKIP: NEURON is not importable from %s (%s)' % (sys.executable, exc))
        sys.exit(SKIP)


def build_dir():
    d = os.environ.get('SL_NEURON_BUILDDIR')
    if not d:
        d = os.path.join(os.environ.get('G_TEST_BUILDDIR', tempfile.gettempdir()), 'neuron')
    os.makedirs(d, exist_ok=True)
    return d


def _mod_files():
    return sorted(f for f in os.listdir(MOD_DIR) if f.endswith('.mod'))


def mechanisms_dir():
    """Directory holding x86_64/libnrnmech.so for the current .mod files."""
    h = hashlib.sha256()
    for f in _mod_files():
        h.update(f.encode())
        with open(os.path.join(MOD_DIR, f), 'rb') as fp:
            h.update(fp.read())
    key = h.hexdigest()[:16]
    root = os.path.join(build_dir(), 'nrnmech')
    os.makedirs(root, exist_ok=True)
    target = os.path.join(root, key)
    lib = os.path.join(target, 'x86_64', '.libs', 'libnrnmech.so')
    with open(os.path.join(root, '.lock'), 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if os.path.exists(lib):
            return target
        tmp = target + '.tmp'
        shutil.rmtree(tmp, ignore_errors=True)
        os.makedirs(tmp)
        for f in _mod_files():
            shutil.copy(os.path.join(MOD_DIR, f), tmp)
        shim = os.path.join(root, 'shim')
        os.makedirs(os.path.join(shim, 'bin'), exist_ok=True)
        mk = os.path.join(shim, 'bin', 'nrnmech_makefile')
        if not os.path.exists(mk):
            os.symlink('/usr/lib/nrn/nrnmech_makefile', mk)
        wrapper = os.path.join(shim, 'bin', 'make')
        with open(wrapper, 'w') as fp:
            fp.write('#!/bin/sh\n'
                     '# nrnivmodl asks for -j 4; keep to two jobs.\n'
                     'skip=0\n'
                     'for a do\n'
                     '  shift\n'
                     '  if [ $skip = 1 ]; then skip=0; continue; fi\n'
                     '  case "$a" in -j) skip=1; continue;; -j*) continue;; esac\n'
                     '  set -- "$@" "$a"\n'
                     'done\n'
                     'exec /usr/bin/make -j2 "$@"\n')
        os.chmod(wrapper, 0o755)
        env = dict(os.environ)
        if os.path.exists('/usr/lib/nrn/libnrniv.so') and not os.path.exists('/usr/lib/libnrniv.so'):
            env['MAKEFLAGS'] = 'libdir=/usr/lib/nrn'
            env['NRNHOME_EXEC'] = shim
        env['PATH'] = os.path.join(shim, 'bin') + ':' + env.get('PATH', '')
        proc = subprocess.run(['nrnivmodl', '.'], cwd=tmp, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if not os.path.exists(os.path.join(tmp, 'x86_64', '.libs', 'libnrnmech.so')):
            sys.stderr.write(proc.stdout)
            raise RuntimeError('nrnivmodl failed to build libnrnmech.so in %s' % tmp)
        shutil.rmtree(target, ignore_errors=True)
        os.rename(tmp, target)
    return target


def spinelab_exe():
    exe = os.environ.get('SPINELAB')
    if not exe or not os.path.exists(exe):
        raise RuntimeError('SPINELAB (path of the spinelab executable) is not set')
    return exe


def run(cmd, **kw):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    if proc.returncode != 0:
        raise RuntimeError('%s failed (exit %d):\n%s%s' % (' '.join(cmd), proc.returncode,
                                                         proc.stdout[-2000:], proc.stderr[-4000:]))
    return proc


def spinelab_run(session, out_csv, *extra):
    run([spinelab_exe(), 'run', session, '--out', out_csv] + list(extra))
    return read_csv(out_csv)


def spinelab_export(session, out_py):
    run([spinelab_exe(), 'export', session, '--format', 'neuron', '--out', out_py])
    return out_py


def neuron_run(script, out_csv, *extra):
    env = dict(os.environ)
    env['SPINELAB_NRNMECH'] = mechanisms_dir()
    run(['/usr/bin/python3', script, '--out', out_csv] + list(extra), env=env)
    return read_csv(out_csv)


def read_csv(path):
    """Returns (header, {name: [floats]})."""
    with open(path, newline='') as fp:
        rows = list(csv.reader(fp))
    if not rows:
        raise RuntimeError('%s: empty CSV' % path)
    header = rows[0]
    cols = {n: [] for n in header}
    for r in rows[1:]:
        if not r:
            continue
        for n, val in zip(header, r):
            cols[n].append(float(val))
    return header, cols


def interp(ts, ys, t):
    """Linear interpolation of (ts, ys) at the sorted times t."""
    out = []
    j = 0
    n = len(ts)
    for x in t:
        while j + 1 < n - 1 and ts[j + 1] < x:
            j += 1
        if n == 1:
            out.append(ys[0])
            continue
        t0, t1 = ts[j], ts[j + 1]
        if x <= t0:
            out.append(ys[j])
        elif x >= t1 and j + 1 == n - 1:
            out.append(ys[-1])
        else:
            out.append(ys[j] + (ys[j + 1] - ys[j]) * (x - t0) / (t1 - t0))
    return out


def on_common_times(a, b, name):
    """Trace `name` of run a on its own times and b's trace interpolated there."""
    ta, tb = a[1]['t'], b[1]['t']
    tmax = min(ta[-1], tb[-1])
    idx = [i for i, x in enumerate(ta) if x <= tmax + 1e-9]
    t = [ta[i] for i in idx]
    ya = [a[1][name][i] for i in idx]
    yb = interp(tb, b[1][name], t)
    return t, ya, yb


def rms(ya, yb):
    return math.sqrt(sum((p - q) ** 2 for p, q in zip(ya, yb)) / len(ya))


def max_abs(ya, yb):
    return max(abs(p - q) for p, q in zip(ya, yb))


def crossings(t, v, threshold=0.0):
    """Upward crossings of `threshold`, linearly interpolated, ms."""
    out = []
    for i in range(1, len(v)):
        if v[i - 1] < threshold <= v[i]:
            out.append(t[i - 1] + (threshold - v[i - 1]) * (t[i] - t[i - 1]) / (v[i] - v[i - 1]))
    return out


def peak(t, y, t0=None, t1=None, baseline=None):
    """(peak value, time of peak) over [t0, t1]; if baseline is given the
    peak is of the deviation from it, sign kept."""
    best = None
    for x, val in zip(t, y):
        if (t0 is not None and x < t0) or (t1 is not None and x > t1):
            continue
        d = val if baseline is None else val - baseline
        if best is None or d > best[0]:
            best = (d, x)
    return best


def rel_err(a, b):
    return abs(a - b) / max(abs(b), 1e-12)


class Report:
    """Collects pass/fail lines; exit status 1 if anything failed."""

    def __init__(self, title):
        self.title = title
        self.failed = 0
        self.checked = 0
        print('== %s' % title)

    def check(self, ok, what):
        self.checked += 1
        if not ok:
            self.failed += 1
        print('%s  %s' % ('ok  ' if ok else 'FAIL', what))
        sys.stdout.flush()

    def skip(self, what):
        print('skip  %s' % what)

    def finish(self):
        print('%d checks, %d failed' % (self.checked, self.failed))
        if self.checked == 0:
            print('SKIP: nothing was compared')
            sys.exit(SKIP)
        sys.exit(1 if self.failed else 0)
