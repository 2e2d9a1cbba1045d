#!/usr/bin/env bash
# Set up everything the toolkit and its tests need on a fresh Debian machine, idempotently:
# system packages (jing for TEI P5 validation, a JRE for it), then a virtualenv in .venv with the
# package and its test dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v jing >/dev/null 2>&1 || need_apt+=(jing)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y -q "${need_apt[@]}" >/dev/null 2>&1 \
    || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q "${need_apt[@]}" >/dev/null; }
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e ".[test]"
