"""Benchmark of the encode stage: the showcase warm, a 1 MB and a 10 MB synthetic transcript,
each plain and with a dense corrections file.

    .venv/bin/python bench/bench_encode.py

Targets (issues 2 and 14): showcase < 0.3 s warm; 1 MB < 1.5 s; 10× the input ≤ 11× the time;
the same with the showcase's corrections file applied to the synthetic transcripts, where its
rows match about 860 times per MB (a dense case: a typical edition has far fewer).

Times are CPU seconds of this process (`time.process_time`, user + system), best of n, so other
jobs on a shared machine move them less than wall time; the plain and dense cases run side by
side in one run, so compare their ratios rather than figures taken on different days.
"""

from __future__ import annotations

import os
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
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def synthetic(size: int) -> bytes:
    """A transcript built from the showcase's own paragraphs, repeated to `size` bytes."""
    text = (ROOT / "tei/sources/march-1917/march-1917-conference.txt").read_text(encoding="utf-8")
    body = text[text.index("SESSION OF MARCH 29") : text.index("APPENDIX")]
    reps = size // len(body.encode()) + 1
    return ("\n\n".join([body] * reps)).encode()[:size].rsplit(b"\n", 1)[0] + b"\n"


def main() -> None:
    showcase = load_config(ROOT / "tei/sources/march-1917/edition.toml")
    api.encode(showcase)  # warm up
    t_show = best_of(5, lambda: api.encode(showcase))
    cases = {
        "plain": EncodeSettings(register=showcase.register, label_style="colon", layout="lines"),
        "dense": EncodeSettings(
            register=showcase.register, label_style="colon", layout="lines", corrections=showcase.corrections
        ),
    }
    results: dict[tuple[str, int], float] = {}
    matches: dict[str, int] = {}
    for size in (1_000_000, 10_000_000):
        src = decode_source(synthetic(size), f"synthetic-{size}")
        for name, settings in cases.items():
            results[name, size] = best_of(
                2 if size < 5_000_000 else 1, lambda src=src, settings=settings: api.encode_source(src, settings)
            )
            if size == 1_000_000:
                matches[name] = api.encode_source(src, settings).stats.get("corrections", 0)
    print(
        f"machine: {platform.machine()} {platform.python_implementation()} {platform.python_version()}, "
        f"load {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    print(f"showcase (128 KB), warm:   {t_show:.3f} s CPU   (target < 0.3 s)")
    for name in cases:
        one, ten = results[name, 1_000_000], results[name, 10_000_000]
        print(
            f"{name:5} ({matches[name]:4d} corrections per MB): 1 MB {one:.3f} s CPU (target < 1.5 s); "
            f"10 MB {ten:.3f} s, ratio {ten / one:.2f}× for 10× input (target ≤ 11×)"
        )


if __name__ == "__main__":
    main()
