#!/usr/bin/env bash
# Debian packages the tests need: Mesa's software EGL/GLES for Dawn (WebGPU in Node),
# Chromium for the browser tests, and h5py with NumPy for @layerwise/keras-io's tests (they read
# saved files as Keras does). Installs only what is missing; needs root (CI runs as root).
#
#   install-system-deps.sh            install what is missing (root and apt-get needed)
#   install-system-deps.sh --missing  print "<group> <package>" for each missing package
#                                     (group: webgpu, browser or h5py) and install nothing
#
# LAYERWISE_PRETEND_MISSING="chromium libegl1" makes --missing report those packages as
# missing whatever is installed (to try the skip path of `pnpm test` on a machine that has them).
# LAYERWISE_CHROMIUM=/path/to/chromium satisfies the browser group without Debian's chromium,
# LAYERWISE_PYTHON=/path/to/python3 (with h5py and numpy) the h5py group.
set -euo pipefail
mode="${1:-install}"
webgpu=(libegl1 libegl-mesa0 libgl1-mesa-dri libegl-dev)
browser=(chromium)
h5py=(python3-h5py python3-numpy)

installed() {
  if [ "$mode" = --missing ]; then case " ${LAYERWISE_PRETEND_MISSING:-} " in *" $1 "*) return 1 ;; esac; fi
  if [ "$1" = chromium ] && [ -n "${LAYERWISE_CHROMIUM:-}" ]; then [ -x "$LAYERWISE_CHROMIUM" ]; return; fi
  case "$1" in python3-h5py | python3-numpy)
    if [ -n "${LAYERWISE_PYTHON:-}" ]; then "$LAYERWISE_PYTHON" -c "import ${1#python3-}" 2>/dev/null; return; fi ;;
  esac
  if command -v dpkg-query >/dev/null; then
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
    return
  fi
  # Not Debian: look for what the package would provide.
  case "$1" in
    chromium) command -v chromium >/dev/null || [ -x /usr/bin/chromium ] ;;
    python3-h5py | python3-numpy) "${LAYERWISE_PYTHON:-python3}" -c "import ${1#python3-}" 2>/dev/null ;;
    libegl1 | libegl-mesa0 | libgl1-mesa-dri | libegl-dev)
      # Dawn needs EGL on Linux only (Metal on macOS, D3D on Windows).
      [ "$(uname -s)" != Linux ] || { command -v ldconfig >/dev/null && ldconfig -p 2>/dev/null | grep -q 'libEGL\.so'; } ;;
  esac
}

missing=()
for group in webgpu browser h5py; do
  declare -n pkgs="$group"
  for p in "${pkgs[@]}"; do
    installed "$p" || { missing+=("$p"); [ "$mode" = --missing ] && echo "$group $p"; }
  done
done
[ "$mode" = --missing ] && exit 0

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-system-deps: missing ${missing[*]}; run as root (apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null; then
    echo "install-system-deps: missing ${missing[*]}, and there is no apt-get to install them with" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
