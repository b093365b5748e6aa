#!/usr/bin/env bash
# Soak: runs a long simulation headless while sampling its resident memory,
# and says whether memory stayed flat.  Not part of test.sh.
#
#   tests/bench/soak.sh [-g] [-b SPINELAB] [-m MINUTES] [-i SECONDS] [-t TSTOP_MS] [-o CSV]
#
# Headless (default): `spinelab run tests/bench/soak.spinelab --tstop TSTOP`
# (default one simulated hour), stopped after MINUTES of wall time if it has
# not finished.
# -g (GUI): the window on the bundled L5 cell with its default spines,
# playing as fast as possible with the 3D view attached, on a private Xvfb
# display (`spinelab --play --speed max --quit-after`), for MINUTES; it
# prints the simulated time it reached when it quits.
# RSS (kB, from /proc) is written every SECONDS to CSV as `wall_s,rss_kb`.
# Memory is called flat when the largest RSS of the last quarter of the
# samples exceeds that of the second quarter (after start-up allocation) by
# less than 2 MB or 2 %, whichever is larger.  Exit 1 if not.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

bin=${SPINELAB:-}
minutes=10
interval=10
tstop=3600000
csv=soak-rss.csv
gui=0
while getopts "gb:m:i:t:o:" opt; do
  case $opt in
    g) gui=1 ;;
    b) bin=$OPTARG ;;
    m) minutes=$OPTARG ;;
    i) interval=$OPTARG ;;
    t) tstop=$OPTARG ;;
    o) csv=$OPTARG ;;
    *) sed -n '2,18p' "$0"; exit 2 ;;
  esac
done
if [ -z "$bin" ]; then
  for b in "$root"/build/app/spinelab "$root"/build*/app/spinelab; do
    [ -x "$b" ] && { bin=$b; break; }
  done
fi
[ -x "${bin:-}" ] || { echo "soak: no spinelab binary (build one or pass -b)" >&2; exit 2; }

out=$(mktemp --suffix=.csv)
xvfb_pid=
cleanup () { rm -f "$out"; [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null; }
trap cleanup EXIT
if [ "$gui" = 1 ]; then
  command -v Xvfb >/dev/null || { echo "soak: -g needs Xvfb (package xvfb)" >&2; exit 2; }
  fifo=$(mktemp -u); mkfifo "$fifo"
  Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>"$fifo" 2>/dev/null &
  xvfb_pid=$!
  read -r display <"$fifo"; rm -f "$fifo"
  echo "soak: GUI on :$display, L5 cell playing as fast as possible for ${minutes} min, RSS every ${interval} s → $csv"
  DISPLAY=:$display GSETTINGS_BACKEND=memory "$bin" --play --speed max \
    --quit-after $((minutes * 60)) "$root/morphologies/l5-pyramidal.swc" &
  pid=$!
  minutes=$((minutes + 1))  # the app quits by itself; the limit is a safety net
else
  echo "soak: $bin run soak.spinelab --tstop $tstop, ${minutes} min max, RSS every ${interval} s → $csv"
  "$bin" run "$here/soak.spinelab" --tstop "$tstop" --out "$out" &
  pid=$!
fi
start=$(date +%s)
deadline=$((start + minutes * 60))
echo "wall_s,rss_kb" >"$csv"
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null) || true
  [ -n "${rss:-}" ] && echo "$(( $(date +%s) - start )),$rss" >>"$csv"
  if [ "$(date +%s)" -ge "$deadline" ]; then
    kill "$pid" 2>/dev/null
    break
  fi
  sleep "$interval"
done
wait "$pid" 2>/dev/null
rc=$?
finished=$([ "$rc" -eq 0 ] && echo "finished the run" || echo "stopped at the time limit (exit $rc)")

awk -F, -v finished="$finished" '
  NR > 1 { t[n] = $1; r[n] = $2; n++ }
  END {
    if (n < 8) { print "soak: too few samples (" n ")"; exit 1 }
    q = int(n / 4)
    for (i = q; i < 2 * q; i++) if (r[i] > early) early = r[i]
    for (i = n - q; i < n; i++) if (r[i] > late) late = r[i]
    min = r[0]; max = r[0]
    for (i = 0; i < n; i++) { if (r[i] < min) min = r[i]; if (r[i] > max) max = r[i] }
    growth = late - early
    limit = early * 0.02; if (limit < 2048) limit = 2048
    printf "soak: %s after %d s; %d samples; RSS min %.1f MB, max %.1f MB\n", finished, t[n-1], n, min / 1024, max / 1024
    printf "soak: max RSS second quarter %.1f MB, last quarter %.1f MB, growth %+d kB (limit %d kB)\n", early / 1024, late / 1024, growth, limit
    if (growth < limit) { print "soak: memory flat"; exit 0 }
    print "soak: memory GREW"; exit 1
  }' "$csv"
