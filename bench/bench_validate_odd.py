#!/usr/bin/env python3
"""The grammar check with the schema compiled from edition.odd (lxml's RELAX NG), beside jing.

    .venv/bin/python bench/bench_validate_odd.py

Side by side in one run, CPU time (user + sys) of whole processes, best of three:

- jing against tei_all.rng, one JVM: the showcase alone; 20 documents (the showcase 20 times,
  5 MB) in one call;
- `edition validate` as it is: schemas/edition.rng (generated from the ODD) checked by lxml
  (libxml2), then the ODD's Schematron (the E200 constraints and the rules E301–E309, W308) by
  saxonche; and with `--no-rules` (the grammar and its E200 constraints only): the same;
- a Python process that takes the RELAX NG compiled from schemas/edition.odd from the cache
  (`edition.odd.cached`) and validates with lxml alone, the lower bound of a `validate` on it.

Targets (issue 17): `edition validate` on the showcase, cold, at most 0.5× jing's CPU; on the 20
files in one call, at most 0.5× jing's for the same 20 (one JVM).

The Python processes run as an installed toolkit does, from compiled bytecode (pip compiles it on
install; jing runs from its compiled classes): the bytecode is written into the run's temporary
folder (PYTHONPYCACHEPREFIX) by the first, unmeasured run, even where PYTHONDONTWRITEBYTECODE is
set, as it is in some sandboxes (where a checkout's modules are otherwise compiled from source by
every process).
"""

from __future__ import annotations

import datetime
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOWCASE = ROOT / "tei" / "march-1917.xml"
TEI_ALL = ROOT.parent / "shared" / "tei-p5" / "tei_all.rng"

CANDIDATE = """
import sys
from lxml import etree
from edition.odd import cached
rng, _ = cached(sys.argv[1])
schema = etree.RelaxNG(etree.parse(str(rng)))
bad = 0
for path in sys.argv[2:]:
    doc = etree.parse(path, etree.XMLParser(collect_ids=False, resolve_entities=False, no_network=True))
    bad += not schema.validate(doc)
sys.exit(1 if bad else 0)
"""


def cpu(args: list[str], env: dict | None = None) -> float:
    """User + sys seconds of one child process (and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(args, capture_output=True, env=env, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best(args: list[str], env: dict | None = None, n: int = 3) -> float:
    return min(cpu(args, env) for _ in range(n))


def main() -> int:
    if not shutil.which("jing") or not TEI_ALL.exists():
        print("jing or ../shared/tei-p5/tei_all.rng is missing")
        return 2
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-odd-") as tmp:
        files = []
        for i in range(20):
            path = Path(tmp) / f"copy-{i:02}.xml"
            shutil.copyfile(SHOWCASE, path)
            files.append(str(path))
        env = {**os.environ, "EDITION_CACHE_DIR": str(Path(tmp) / "cache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "bytecode")
        edition = str(Path(sys.executable).with_name("edition"))
        candidate = [sys.executable, "-c", CANDIDATE, str(ROOT / "schemas" / "edition.odd")]
        subprocess.run(candidate + [str(SHOWCASE)], env=env, capture_output=True, check=False)  # fill the cache
        subprocess.run([edition, "validate", str(SHOWCASE)], env=env, capture_output=True, check=False)
        rows = [
            ("jing, tei_all.rng", best(["jing", str(TEI_ALL), str(SHOWCASE)]), best(["jing", str(TEI_ALL), *files])),
            (
                "edition validate (RNG + Schematron)",
                best([edition, "validate", str(SHOWCASE)], env),
                best([edition, "validate", *files], env),
            ),
            (
                "edition validate --no-rules",
                best([edition, "validate", "--no-rules", str(SHOWCASE)], env),
                best([edition, "validate", "--no-rules", *files], env),
            ),
            (
                "ODD-compiled RNG, lxml (grammar only)",
                best(candidate + [str(SHOWCASE)], env),
                best(candidate + files, env),
            ),
        ]
    jing_one, jing_twenty = rows[0][1], rows[0][2]
    print(
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC; {platform.machine()}, "
        f"{os.cpu_count()} cores; load before {' '.join(f'{x:.1f}' for x in load)}, after "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; Python from compiled bytecode"
    )
    print(f"{'CPU seconds (user+sys), best of 3':<40} {'showcase':>9} {'× jing':>7} {'20 files':>9} {'× jing':>7}")
    for name, one, twenty in rows:
        print(f"{name:<40} {one:>9.2f} {one / jing_one:>7.2f} {twenty:>9.2f} {twenty / jing_twenty:>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
