#!/bin/sh
# run-fuzz.sh FUZZER WORKDIR SECONDS SEED_DIR…: a short libFuzzer run for
# the 'fuzz' test suite.  New inputs go to WORKDIR (in the build tree), the
# seed directories are only read; a crash, leak or timeout fails the test
# and leaves the input in WORKDIR/crash-*, leak-* or timeout-*.
set -eu
fuzzer=$1 workdir=$2 seconds=$3
shift 3
mkdir -p "$workdir"
exec "$fuzzer" "$workdir" "$@" -max_total_time="$seconds" -rss_limit_mb=2048 \
  -timeout=10 -print_final_stats=1 -artifact_prefix="$workdir/"
