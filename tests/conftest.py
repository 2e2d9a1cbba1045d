"""Shared fixtures: where things are, and TEI P5 validation with jing (batched: one JVM a run)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TEI_ALL = SHARED / "tei-p5" / "tei_all.rng"
SAMPLES = SHARED / "samples"
SHOWCASE = ROOT / "tei" / "sources" / "march-1917" / "edition.toml"
CASES = ROOT / "tests" / "cases"


def jing_errors(*paths: Path) -> list[str]:
    """Errors jing reports for the files against tei_all (skips where jing or the schema is absent)."""
    if shutil.which("jing") is None:
        pytest.skip("jing is not installed (scripts/setup.sh installs it)")
    if not TEI_ALL.exists():
        pytest.skip(f"{TEI_ALL} is absent: TEI P5 conformance needs ../shared/tei-p5")
    run = subprocess.run(["jing", str(TEI_ALL), *map(str, paths)], capture_output=True, text=True)
    return [ln for ln in (run.stdout + run.stderr).splitlines() if ": error:" in ln]


def need_samples() -> None:
    if not SAMPLES.exists():
        pytest.skip(f"{SAMPLES} is absent: interoperability samples live in ../shared/samples")
