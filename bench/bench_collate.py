"""Collation speed: the six Darwin witnesses (chapter 1 of the Origin, 66–74 KB each), and the same
at twice the length (each witness followed by itself), with each word aligner side by side.

    .venv/bin/python bench/bench_collate.py [--repeat 3] [--aligners cydifflib,difflib,rapidfuzz]

(`rapidfuzz` is no dependency of the toolkit: `.venv/bin/pip install rapidfuzz` to measure it.)

For each aligner: the seconds of the whole collation as `edition collate` runs it (tokenise, pair
paragraphs, align words, build the sites, encode the TEI, and check that every witness comes back
exactly), the best of `--repeat` runs; how many variant sites it finds; and the ratio of the
doubled text's time to the single's (linear is 2.0). The issue's targets: six witnesses in ≤ 3 s,
twice the length in ≤ 2.2× the time. A measurement, not a test: the exit status is 0 whatever it
finds.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DARWIN = ROOT.parent / "shared" / "samples" / "witnesses" / "darwin"

from edition.collate import Witness, collate_witnesses  # noqa: E402
from edition.collate.align import ALIGNERS  # noqa: E402
from edition.xmlio import serialize  # noqa: E402


def witnesses(times: int) -> list[Witness]:
    out = []
    for f in sorted(DARWIN.glob("origin-ch1-*.txt")):
        text = f.read_text(encoding="utf-8")
        out.append(Witness(f.stem.rsplit("-", 1)[1], "\n\n".join([text.strip()] * times) + "\n"))
    return out


def run(ws: list[Witness], aligner: str, repeat: int) -> tuple[float, int, int]:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        result = collate_witnesses(ws, aligner=aligner)
        size = len(serialize(result.root))
        best = min(best, time.perf_counter() - t)
    return best, result.stats()["sites"], size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--aligners", default=",".join(ALIGNERS))
    args = ap.parse_args()
    if not DARWIN.exists():
        sys.exit(f"{DARWIN} is absent")
    single, double = witnesses(1), witnesses(2)
    kb = sum(len(w.text.encode()) for w in single) / 1024
    print(
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}; six witnesses, {kb:.0f} KB together; best of {args.repeat}.\n"
    )
    print("| aligner | 6 witnesses | sites | 2× the length | sites | ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in args.aligners.split(","):
        t1, s1, _ = run(single, name, args.repeat)
        t2, s2, _ = run(double, name, args.repeat)
        print(f"| `{name}` | {t1:.2f} s | {s1} | {t2:.2f} s | {s2} | {t2 / t1:.2f}× |", flush=True)


if __name__ == "__main__":
    main()
