"""The converter's reading of every sample transcript, as golden files a person can review.

For each transcript (the cases in `tests/cases/` and, where present, the real samples of
`../shared/samples/transcripts/`), one TSV in `tests/gold/structure/`: a row per paragraph with
its line, what the converter decided it is, the rule that decided, and who speaks. A change to
the converter that changes a reading shows up as a diff of these rows, reviewed like code.

    .venv/bin/python scripts/golden_structure.py            # compare; print a diff; exit 1 if any differs
    .venv/bin/python scripts/golden_structure.py --update   # rewrite the golden files after review

The rows of the shared samples carry no text (their line numbers find it), so the golden files
redistribute nothing of texts the project does not ship; the in-repository cases show an excerpt.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "gold" / "structure"
SAMPLES = ROOT.parent / "shared" / "samples" / "transcripts"
CASES = ROOT / "tests" / "cases"
HEADER = "line\tkind\trule\twho\texcerpt"
#: Words of each paragraph shown for the project's own cases.
EXCERPT_WORDS = 8


def transcripts() -> list[Path]:
    """Every transcript with a golden reading: the in-repository cases, then the samples present."""
    found = sorted(p for p in CASES.glob("*/*.txt"))
    if SAMPLES.is_dir():
        found += sorted(
            p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md", ".vtt", ".srt") and p.name != "README.md"
        )
    return found


def golden_path(source: Path) -> Path:
    name = f"{source.parent.name}--{source.stem}" if source.is_relative_to(CASES) else source.stem
    return GOLDEN / f"{name}.tsv"


def reading(source: Path) -> str:
    """The converter's reading of `source`, one row per paragraph."""
    from edition import api
    from edition.xmlio import NS, XML_ID

    result = api.encode(_bench_speakers().sample_settings(source, explain=True))
    names = {
        p.get(XML_ID): " ".join(p.xpath("string(tei:persName[1])", namespaces=NS).split())
        for p in result.root.iter("{http://www.tei-c.org/ns/1.0}person")
    }
    rows = [f"# {source.name}: {result.stats['layout']}; labels: {result.stats['labels']}", HEADER]
    words = EXCERPT_WORDS if source.is_relative_to(CASES) else 0
    for line, kind, rule, _runner_up, excerpt in api.explanation(result):
        rows.append("\t".join((str(line), kind, rule, "", " ".join(excerpt.split()[:words]))))
    for i, unit in enumerate(result.units):  # who speaks, by name (ids are generated)
        row = rows[i + 2].split("\t")
        row[3] = " + ".join(names.get(w, w) for w in unit.who)
        rows[i + 2] = "\t".join(row)
    return "\n".join(rows) + "\n"


def _bench_speakers():
    """bench/bench_speakers.py, whose `sample_settings` says how a sample is encoded (with the data
    files kept for it in tests/samples/), so the readings here are those the bench measures."""
    import importlib.util

    if "bench_speakers" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_speakers", ROOT / "bench" / "bench_speakers.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules["bench_speakers"]


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--update", action="store_true", help="rewrite the golden files")
    args.add_argument("--only", default="", help="only transcripts whose name contains this")
    opts = args.parse_args()
    GOLDEN.mkdir(parents=True, exist_ok=True)
    differ = 0
    for source in transcripts():
        if opts.only not in source.name:
            continue
        path, now = golden_path(source), reading(source)
        before = path.read_text(encoding="utf-8") if path.exists() else ""
        if now == before:
            continue
        if opts.update:
            path.write_text(now, encoding="utf-8")
            print(f"updated {_shown(path)}")
        else:
            differ += 1
            sys.stdout.writelines(
                difflib.unified_diff(before.splitlines(True), now.splitlines(True), _shown(path), "now", n=1)
            )
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
