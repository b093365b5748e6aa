#!/usr/bin/env bash
# Installs the Debian packages SpineLab needs, only those missing.
# Quiet and fast when everything is already there.  Sourced by run.sh/test.sh.
set -euo pipefail

SL_BUILD_PACKAGES=(
  gcc meson ninja-build pkg-config
  libglib2.0-dev libxml2-dev libgtk-4-dev libepoxy-dev libgraphene-1.0-dev
  libcairo2-dev libpango1.0-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  libgl1-mesa-dri
)
SL_TEST_PACKAGES=(
  xvfb xauth imagemagick fonts-dejavu-core
  python3-neuron neuron-dev
  desktop-file-utils appstream
  gstreamer1.0-tools gstreamer1.0-plugins-base-apps
  clang libclang-rt-14-dev
)

sl_install_missing () {
  local missing=()
  local p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
      echo "error: need root (or sudo) to install: ${missing[*]}" >&2; return 1; fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq >/dev/null
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
