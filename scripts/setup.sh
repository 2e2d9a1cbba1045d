#!/usr/bin/env bash
# Set up everything the toolkit and its tests need on a fresh Debian machine, idempotently:
# system packages (jing for TEI P5 validation and a JRE for it; Debian's chromium, in which the
# HTML edition is tested), then a virtualenv in .venv with the package and its test dependencies
# (Playwright drives that chromium; no browser is downloaded).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v jing >/dev/null 2>&1 || need_apt+=(jing)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
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
