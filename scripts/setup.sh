#!/usr/bin/env bash
# Set up everything the toolkit and its tests need on a fresh Debian machine, idempotently:
# system packages (jing for TEI P5 validation, trang for the project's XSD, and a JRE for them;
# Debian's chromium, in which the HTML edition is tested; poppler-utils, FOP and fonts for the
# print edition; npm for CETEIcean),
# then a virtualenv in .venv with the package (Typst included) and its test dependencies
# (Playwright drives that chromium; no browser is downloaded; Dask for the cluster test), then
# CETEIcean and axe-core (the accessibility rules the reading page is checked by) from npm,
# pinned by tests/ceteicean/package-lock.json and tests/axe/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v jing >/dev/null 2>&1 || need_apt+=(jing)
# trang translates the project's RELAX NG into the XSD a very large document is streamed against
# (scripts/gen_schemas.py; tests/test_odd_edition.py checks that the committed XSD is its output)
command -v trang >/dev/null 2>&1 || need_apt+=(trang)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v pdfinfo >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v fop >/dev/null 2>&1 || need_apt+=(fop)
command -v epubcheck >/dev/null 2>&1 || need_apt+=(epubcheck)   # validates the EPUB export
# npm installs CETEIcean, the browser TEI renderer the edition is tested in (tests/ceteicean)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
# the print edition's fonts: Linux Libertine O (the text), Noto Serif and DejaVu Serif (other scripts, signs)
has_font() { [ -n "$(fc-list "$1" 2>/dev/null || true)" ]; }
has_font "Linux Libertine O" || need_apt+=(fonts-linuxlibertine)
has_font "Noto Serif" || need_apt+=(fonts-noto-core)
has_font "DejaVu Serif" || need_apt+=(fonts-dejavu-core)
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
[ tests/ceteicean/node_modules/.package-lock.json -nt tests/ceteicean/package-lock.json ] \
  || npm ci --prefix tests/ceteicean --ignore-scripts --no-audit --no-fund --loglevel=error
[ tests/axe/node_modules/.package-lock.json -nt tests/axe/package-lock.json ] \
  || npm ci --prefix tests/axe --ignore-scripts --no-audit --no-fund --loglevel=error
