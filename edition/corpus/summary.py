"""The summary of a corpus build: a table to read, and the same as TSV to keep.

The TSV's text cells are neutralised for spreadsheets as the CSV export's are
(`edition.export.counts.spreadsheet_safe`: a leading apostrophe before `=`, `+`, `-`, `@`).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from edition.corpus.jobs import Outcome
from edition.export.counts import spreadsheet_safe
from edition.files import shown, write_atomic

#: Up to this many inputs, the table has a row for each; beyond, only failures are listed.
ROWS_SHOWN = 40


def summary_rows(outcomes: list[Outcome], seconds: float, how: str) -> tuple[list[str], str]:
    shown = outcomes if len(outcomes) <= ROWS_SHOWN else [o for o in outcomes if o.status == "failed"]
    width = max([len(_name(o)) for o in shown] + [5])
    rows = [f"{'input':<{width}}  {'result':<9}  {'time':>7}  note"] if shown else []
    for o in shown:
        rows.append(f"{_name(o):<{width}}  {o.status:<9}  {o.seconds:>6.1f}s  {_note(o)}")
    counts = {s: sum(o.status == s for o in outcomes) for s in ("built", "unchanged", "failed")}
    footer = (
        f"{len(outcomes)} inputs: {counts['built']} built, {counts['unchanged']} unchanged, "
        f"{counts['failed']} failed, in {seconds:.1f} s ({how})"
    )
    if len(shown) < len(outcomes):
        footer += "; every input is listed in build-summary.tsv"
    return rows, footer


def write_summary(path: Path, outcomes: list[Outcome]) -> None:
    buf = io.StringIO()
    out = csv.writer(buf, delimiter="\t", lineterminator="\n")
    out.writerow(["input", "result", "seconds", "outputs", "warnings", "message"])
    for o in outcomes:
        out.writerow(
            [
                spreadsheet_safe(c)
                for c in (
                    shown(o.input),
                    o.status,
                    f"{o.seconds:.2f}",
                    " ".join(map(shown, o.made)),
                    o.warnings,
                    o.message,
                )
            ]
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, buf.getvalue().encode("utf-8"))


def _name(o: Outcome) -> str:
    parts = o.input.parts
    return shown("/".join(parts[-2:]) if o.input.name == "edition.toml" else o.input.name)


def _note(o: Outcome) -> str:
    if o.status == "failed":
        return o.message
    if o.status == "unchanged":
        return "up to date"
    made = f"{len(o.made)} output{'s' * (len(o.made) != 1)}"
    return made + (f", {o.warnings} warning{'s' * (o.warnings != 1)}" if o.warnings else "")
