#!/usr/bin/env python3
"""Print how far the project's ODD compiler agrees with the reference compilations.

For each of the Consortium's customisations (../shared/tei-p5/odd/) and DraCor's ODD: the schema
compiled here and the reference schema are both run with jing over the same documents (the real
TEI of ../shared/samples, the showcase, transcripts encoded with `edition encode`, their repairs
against the reference, mutants, and mutants aimed at the reference's Schematron), and the
valid/invalid verdicts are counted; then the Schematron rules (context, test) of the two
compilations are compared, and both Schematrons are run with the toolkit's engine over the same
documents: every failed assert and successful report, keyed by (document, node, test), must fire
in both as often, but for the Consortium's copies of attribute constraints
(tests/support/oddagree.py: copied_attribute_checks), which are counted apart.

    .venv/bin/python scripts/odd_agreement.py [--mutants 200] [--show 5] [NAME …]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "support"))

from lxml import etree

from edition.odd import compile_odd, write

import oddagree


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=[*oddagree.CONSORTIUM, "dracor"])
    parser.add_argument("--mutants", type=int, default=200, help="mutants of the repaired documents a schema")
    parser.add_argument("--show", type=int, default=5, help="disagreements to list a schema")
    args = parser.parse_args()
    why = oddagree.available()
    if why:
        print(f"cannot measure: {why}")
        return 2
    with tempfile.TemporaryDirectory(prefix="odd-agreement-") as tmp:
        work = Path(tmp)
        real = oddagree.corpus(work / "corpus")
        print(f"real TEI: {len(real)} documents ({', '.join(p.name for p in real)})")
        failed = False
        for name in args.names:
            started = time.process_time()
            compiled = compile_odd(oddagree.odd_file(name))
            rng, sch = write(compiled, work / "compiled")
            ours_sch = etree.parse(str(sch)).getroot()
            reference_sch = etree.parse(str(oddagree.reference_sch(name))).getroot()
            docs = oddagree.documents_for(name, work / name, real, args.mutants, schematron=reference_sch)
            result = oddagree.compare(name, rng, oddagree.reference_rng(name), docs)
            mine, theirs = oddagree.schematron_rules(ours_sch), oddagree.schematron_rules(reference_sch)
            print(
                f"{result.line()}; Schematron: {len(mine & theirs)} of {len(theirs)} reference "
                f"rules, {len(mine - theirs)} extra, {len(theirs - mine)} missing "
                f"[{time.process_time() - started:.1f} s CPU here, jing apart]"
            )
            for path, ours, reference in result.disagree[: args.show]:
                print(
                    f"    {path.name}: here {'valid' if ours else 'invalid'}, reference "
                    f"{'valid' if reference else 'invalid'}"
                )
            for rule in sorted(theirs - mine)[: args.show]:
                print(f"    missing rule: {rule[0]} {rule[1]} {rule[2][:80]}")
            firings = oddagree.compare_firings(name, ours_sch, reference_sch, docs)
            unexplained = oddagree.unexplained(firings, oddagree.copied_attribute_checks(name))
            explained = len(firings.differences) - len(unexplained)
            print(
                f"{'':<11} Schematron fired: {firings.line()} ({explained} by the Consortium's copies "
                f"of attribute constraints, {len(unexplained)} unexplained)"
            )
            for (doc, node, kind, test), here, reference in unexplained[: args.show]:
                print(f"    {doc} {node}: {kind} {test[:70]!r} fired {here}x here, {reference}x by the reference")
            failed |= bool(result.disagree) or bool(unexplained)
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
