"""Limits: peak memory of encoding a 50 MB transcript and of validating the TEI it gives.

    .venv/bin/python bench/bench_limits.py [MB]

Targets (issue 6): encoding keeps peak memory under ten times the input; validation streams (a
TEI above `edition.validate.STREAM_ABOVE` is never held whole, so its peak is bounded by its
largest session, not its size). Each stage runs as its own command, its peak resident memory read
by GNU time.
"""

from __future__ import annotations

import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_encode import synthetic  # noqa: E402

EDITION = str(Path(sys.executable).with_name("edition"))


def peak(args: list[str]) -> tuple[float, float]:
    """(seconds, peak MB) of one command."""
    t = time.perf_counter()
    run = subprocess.run(["/usr/bin/time", "-f", "%M", *args], capture_output=True, text=True, check=True)
    kb = int(re.findall(r"^(\d+)$", run.stderr, re.M)[-1])
    return time.perf_counter() - t, kb / 1024


def main() -> None:
    if not shutil.which("time") and not Path("/usr/bin/time").exists():
        sys.exit("needs GNU time (/usr/bin/time)")
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    with tempfile.TemporaryDirectory() as tmp:
        src, tei = Path(tmp) / "big.txt", Path(tmp) / "big.xml"
        src.write_bytes(synthetic(size * 1_000_000))
        mb = src.stat().st_size / 1e6
        t_enc, m_enc = peak([EDITION, "encode", str(src), "-o", str(tei), "-q",
                             "--label-style", "colon", "--layout", "lines"])
        t_val, m_val = peak([EDITION, "validate", str(tei)])
        tei_mb = tei.stat().st_size / 1e6
    print(f"machine: {platform.machine()} {platform.python_implementation()} {platform.python_version()}")
    print(f"encode {mb:.0f} MB transcript: {t_enc:.1f} s, peak {m_enc:.0f} MB = {m_enc / mb:.1f}× the input "
          "(target < 10×)")
    print(f"validate the {tei_mb:.0f} MB TEI: {t_val:.1f} s, peak {m_val:.0f} MB = {m_val / tei_mb:.1f}× the input "
          "(streamed)")


if __name__ == "__main__":
    main()
