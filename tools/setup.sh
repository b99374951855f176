#!/usr/bin/env bash
# Install what memflex needs (Debian 12, idempotent) and build it into ./build.
# Usage: tools/setup.sh [extra cmake -D options]    (BUILD_DIR=... to build elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."
# libopenblas0-serial: becomes the system BLAS/LAPACK (update-alternatives), which MUMPS's dense kernels use:
# a 3D factorisation 21 s -> 2.3 s (docs/benchmarks.md); serial, so MPI ranks do not oversubscribe threads.
pkgs=(build-essential cmake pkg-config petsc-dev libopenmpi-dev openmpi-bin libgsl-dev libyaml-dev
      libopenblas0-serial python3-vtk9 python3-matplotlib python3-numpy gmsh adms ngspice)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "memflex setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
build=${BUILD_DIR:-build}
cmake -S . -B "$build" "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"
