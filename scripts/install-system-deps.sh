#!/usr/bin/env bash
# Debian packages the tests need: Mesa's software EGL/GLES for Dawn (WebGPU in Node),
# Chromium for the browser tests, and h5py with NumPy for @layerwise/keras-io's tests (they read
# saved files as Keras does). Installs only what is missing; needs root (CI runs as root).
set -euo pipefail
needed=(libegl1 libegl-mesa0 libgl1-mesa-dri libegl-dev chromium python3-h5py python3-numpy)
missing=()
for p in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-system-deps: missing ${missing[*]}; run as root (apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
