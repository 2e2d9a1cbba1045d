"""Benchmark of the encode stage: the showcase warm, a 1 MB and a 10 MB synthetic transcript.

    .venv/bin/python bench/bench_encode.py

Targets (issue 2): showcase < 0.3 s warm; 1 MB < 1.5 s; 10× the input ≤ 11× the time.
"""

from __future__ import annotations

import platform
import time
from pathlib import Path

from edition import api
from edition.settings import EncodeSettings, load_config
from edition.transcript.read import decode_source

ROOT = Path(__file__).resolve().parent.parent


def best_of(n, fn):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def synthetic(size: int) -> bytes:
    """A transcript built from the showcase's own paragraphs, repeated to `size` bytes."""
    text = (ROOT / "tei/sources/march-1917/march-1917-conference.txt").read_text(encoding="utf-8")
    body = text[text.index("SESSION OF MARCH 29"):text.index("APPENDIX")]
    reps = size // len(body.encode()) + 1
    return ("\n\n".join([body] * reps)).encode()[:size].rsplit(b"\n", 1)[0] + b"\n"


def main() -> None:
    showcase = load_config(ROOT / "tei/sources/march-1917/edition.toml")
    api.encode(showcase)                                     # warm up
    t_show = best_of(5, lambda: api.encode(showcase))
    settings = EncodeSettings(register=showcase.register, label_style="colon", layout="lines")
    results = {}
    for size in (1_000_000, 10_000_000):
        src = decode_source(synthetic(size), f"synthetic-{size}")
        results[size] = best_of(2 if size < 5_000_000 else 1, lambda: api.encode_source(src, settings))
    print(f"machine: {platform.machine()} {platform.python_implementation()} {platform.python_version()}")
    print(f"showcase (128 KB), warm:   {t_show:.3f} s   (target < 0.3 s)")
    print(f"synthetic 1 MB:            {results[1_000_000]:.3f} s   (target < 1.5 s)")
    print(f"synthetic 10 MB:           {results[10_000_000]:.3f} s   "
          f"ratio {results[10_000_000] / results[1_000_000]:.2f}× for 10× input (target ≤ 11×)")


if __name__ == "__main__":
    main()
