"""Benchmark of validation: the showcase edition, warm and from a cold command line, beside jing.

    .venv/bin/python bench/bench_validate.py

Targets (issue 3): the showcase (grammar and rules) < 0.5 s in a warm process; the cold CLI < 2 s.
Reported beside jing validating the same file against tei_all (a whole JVM per run, as people use
it). The cold CLI is measured twice: with the compiled schema already in the user's cache (the
normal case) and with an empty cache (the first run after installing or editing the schema).
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from edition.validate import validate
from edition.validate.document import Document
from edition.validate.grammar import check_xsd
from edition.validate.rules import check_rules
from edition.validate.schemas import resolve
from edition.xmlio import parse_bytes

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_encode import best_of  # noqa: E402 — one timing helper for every benchmark

ROOT = Path(__file__).resolve().parent.parent
SHOWCASE = ROOT / "tei" / "march-1917.xml"
TEI_ALL = ROOT.parent / "shared" / "tei-p5" / "tei_all.rng"


def command(args: list[str], env: dict | None = None) -> float:
    t = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, env=env)
    return time.perf_counter() - t


def main() -> None:
    validate([SHOWCASE])                                            # warm: schema built, imports done
    warm = best_of(5, lambda: validate([SHOWCASE]))
    data = SHOWCASE.read_bytes()
    schema = resolve("edition")
    doc = Document(str(SHOWCASE), data, parse_bytes(data, str(SHOWCASE)))
    t_parse = best_of(5, lambda: parse_bytes(data, "x"))
    t_grammar = best_of(5, lambda: list(check_xsd(schema, doc)))
    t_rules = best_of(5, lambda: list(check_rules(doc)))

    cli = [str(Path(sys.executable).with_name("edition")), "validate", str(SHOWCASE)]
    cold_cached = min(command(cli) for _ in range(3))
    with tempfile.TemporaryDirectory() as empty:
        env = {**os.environ, "EDITION_CACHE_DIR": empty}
        cold_empty = command(cli, env)
    jing = None
    if shutil.which("jing") and TEI_ALL.exists():
        jing = min(command(["jing", str(TEI_ALL), str(SHOWCASE)]) for _ in range(3))

    print(f"machine: {platform.machine()} {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} cores")
    print(f"showcase: {len(data) / 1024:.0f} KB, {sum(1 for _ in doc.root.iter())} elements")
    print(f"warm, grammar + rules:        {warm:.3f} s   (target < 0.5 s)")
    print(f"  parse {t_parse:.3f} s · grammar (XSD 1.1) {t_grammar:.3f} s · rules {t_rules:.3f} s")
    print(f"cold CLI, schema cached:      {cold_cached:.3f} s   (target < 2 s)")
    print(f"cold CLI, empty cache:        {cold_empty:.3f} s")
    if jing is not None:
        print(f"jing, tei_all.rng (grammar):  {jing:.3f} s   (whole process, for comparison)")
    else:
        print("jing, tei_all.rng: not measured (jing or ../shared/tei-p5 absent)")


if __name__ == "__main__":
    main()
