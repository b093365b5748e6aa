#!/usr/bin/env bash
# Installs what is missing, builds SpineLab and runs the whole test suite
# headless: the normal build (warnings are errors), then the engine and
# runner tests again under AddressSanitizer + UndefinedBehaviorSanitizer,
# and the runner's threaded tests under ThreadSanitizer.
set -uo pipefail
cd "$(dirname "$0")"
. scripts/deps.sh
set -e
sl_install_missing "${SL_BUILD_PACKAGES[@]}" "${SL_TEST_PACKAGES[@]}"
set +e

jobs=$(nproc 2>/dev/null || echo 2)
status=0
logdir=build-logs
mkdir -p "$logdir"

setup_only () { # dir, meson args…
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" >"$logdir/$(basename "$dir")-setup.log" 2>&1 || {
      cat "$logdir/$(basename "$dir")-setup.log"; return 1; }
  fi
}

setup () { # dir, meson args…
  local dir=$1
  setup_only "$@" || return 1
  ninja -C "$dir" >"$logdir/$(basename "$dir")-build.log" 2>&1 || {
    tail -n 60 "$logdir/$(basename "$dir")-build.log"; return 1; }
}

run_tests () { # label dir, meson test args…
  local label=$1 dir=$2; shift 2
  echo "== $label"
  if ! meson test -C "$dir" --num-processes "$jobs" --print-errorlogs "$@" \
      >"$logdir/$label.log" 2>&1; then
    status=1
  fi
  # The summary block of meson test, plus any failures.
  grep -E '^(Ok|Expected Fail|Fail|Unexpected Pass|Skipped|Timeout):' "$logdir/$label.log" | sed 's/^/   /'
  grep -E ' (FAIL|TIMEOUT) ' "$logdir/$label.log" | sed 's/^/   /' || true
}

echo "== build (werror)"
setup build -Dwerror=true --buildtype=debugoptimized || exit 1
run_tests main build

echo "== build (ASan + UBSan)"
if setup build-asan -Dwerror=true -Dgui=false --buildtype=debug \
    -Db_sanitize=address,undefined -Db_lundef=false; then
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp" \
    run_tests asan build-asan --no-suite neuron --no-suite validation --no-suite bench
else
  status=1
fi

# Only the runner's threaded tests need ThreadSanitizer: build just them.
echo "== build (TSan, runner)"
tsan_targets="tests/runner/test-ring tests/runner/test-triple-buffer tests/runner/test-runner tests/runner/test-runner-swap tests/runner/test-snapshot-history"
if CC=clang setup_only build-tsan -Dwerror=true -Dgui=false --buildtype=debug \
    -Db_sanitize=thread -Db_lundef=false &&
   ninja -C build-tsan $tsan_targets >"$logdir/build-tsan-build.log" 2>&1; then
  TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
    run_tests tsan build-tsan --no-rebuild --suite runner
else
  tail -n 40 "$logdir/build-tsan-build.log" 2>/dev/null
  status=1
fi

# --- fuzz (issue 8): a short libFuzzer run of each target from the seeds in
# tests/data (15 s each, tests/fuzz/meson.build), only when clang is there.
if command -v clang >/dev/null 2>&1; then
  echo "== fuzz (libFuzzer + ASan/UBSan, 15 s per target)"
  fdir=build-fuzz-ci
  if { [ -f "$fdir/build.ninja" ] ||
       CC=clang meson setup "$fdir" -Dfuzz=true -Dgui=false -Db_sanitize=address,undefined \
         -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link >"$logdir/fuzz-setup.log" 2>&1; } &&
     ninja -C "$fdir" tests/fuzz/fuzz-swc tests/fuzz/fuzz-asc tests/fuzz/fuzz-neuroml \
       tests/fuzz/fuzz-session-run >"$logdir/fuzz-build.log" 2>&1; then
    run_tests fuzz "$fdir" --no-rebuild --suite fuzz
  else
    tail -n 30 "$logdir/fuzz-setup.log" "$logdir/fuzz-build.log" 2>/dev/null
    status=1
  fi
fi
# --- end fuzz

# One closing line for CI: totals over the runs.
python_sum=$(cat "$logdir"/main.log "$logdir"/asan.log "$logdir"/tsan.log "$logdir"/fuzz.log 2>/dev/null |
  awk '/^Ok:/ {ok+=$2} /^Fail:/ {f+=$2} /^Timeout:/ {f+=$2} /^Unexpected Pass:/ {f+=$3} /^Skipped:/ {s+=$2}
       END {printf "%d passed, %d failed, %d skipped", ok, f, s}')
echo "$python_sum"
exit $status
