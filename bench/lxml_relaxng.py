#!/usr/bin/env python3
"""Does lxml's RELAX NG validator (libxml2) load the compiled TEI schemas, and agree with jing?

For each customisation (the Consortium's, DraCor's, the project's own), the schema compiled by the
project's ODD compiler is loaded by lxml in a child process with a time limit (libxml2 has been
seen not to finish compiling large TEI grammars); where it loads, lxml's verdict on each document
(real TEI, its repairs against the reference, mutants: tests/support/oddagree.py) is set against
jing's on the same schema.

    .venv/bin/python bench/lxml_relaxng.py [--mutants 150] [--limit 60] [NAME …]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "support"))

from edition.odd import compile_odd, write

import oddagree

_VERDICTS = """
import sys, time
from lxml import etree
t = time.process_time()
schema = etree.RelaxNG(etree.parse(sys.argv[1]))
print(f"load {time.process_time() - t:.3f}", flush=True)
t = time.process_time()
for path in sys.argv[2:]:
    doc = etree.parse(path, etree.XMLParser(collect_ids=False))
    print(("valid " if schema.validate(doc) else "invalid ") + path)
print(f"validate {time.process_time() - t:.3f}", flush=True)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=[*oddagree.CONSORTIUM, "dracor", "edition"])
    parser.add_argument("--mutants", type=int, default=150)
    parser.add_argument("--limit", type=float, default=60, help="seconds lxml may take to load a schema")
    args = parser.parse_args()
    why = oddagree.available()
    if why:
        print(f"cannot measure: {why}")
        return 2
    with tempfile.TemporaryDirectory(prefix="lxml-rng-") as tmp:
        work = Path(tmp)
        real = oddagree.corpus(work / "corpus")
        for name in args.names:
            odd = ROOT / "schemas" / "edition.odd" if name == "edition" else oddagree.odd_file(name)
            rng, _ = write(compile_odd(odd), work / "compiled")
            docs = oddagree.documents_for("tei_all" if name == "edition" else name, work / name, real, args.mutants)
            try:
                run = subprocess.run(
                    [sys.executable, "-c", _VERDICTS, str(rng), *map(str, docs)],
                    capture_output=True,
                    text=True,
                    timeout=args.limit,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                print(f"{name:<11} lxml did not load the compiled schema in {args.limit:.0f} s")
                continue
            lines = run.stdout.splitlines()
            if run.returncode != 0 or not lines:
                print(f"{name:<11} lxml refused the compiled schema: {run.stderr.strip().splitlines()[-1:]}")
                continue
            load = lines[0].split()[1]
            valid = {Path(line.split(" ", 1)[1]).resolve() for line in lines if line.startswith("valid ")}
            by_jing = oddagree.valid_set(rng, docs)
            differ = [d for d in docs if (d.resolve() in valid) != (d.resolve() in by_jing)]
            print(
                f"{name:<11} lxml loads it in {load} s CPU; {len(docs)} documents, {len(by_jing)} valid "
                f"by jing; lxml differs from jing on {len(differ)} "
                f"({', '.join(d.name for d in differ[:4])})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
