#!/usr/bin/env bash
# Installs what is missing, builds SpineLab and starts it on its default lesson.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/deps.sh
sl_install_missing "${SL_BUILD_PACKAGES[@]}"

if [ ! -f build/build.ninja ]; then
  meson setup build --buildtype=debugoptimized >/dev/null
fi
ninja -C build >/dev/null
exec ./build/app/spinelab "$@"
