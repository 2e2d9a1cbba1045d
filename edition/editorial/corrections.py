"""OCR corrections: an editable TSV (`sic`, `corr`, `context`, `type`, `resp`, `note`) → spans.

A row with no `context` corrects every whole-word occurrence of `sic`; with a `context`, only the
`sic` inside each occurrence of that longer string. Rows that match nothing are reported, never
silently ignored, so a corrections file cannot drift away from its text unnoticed.
"""

from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass
from pathlib import Path

from edition.diagnostics import Reporter
from edition.editorial.schema import CORRECTIONS, check_row, read_data_file
from edition.errors import DataError

FIELDS = ("sic", "corr", "context", "type", "resp", "note")


@dataclass(frozen=True)
class Correction:
    sic: str
    corr: str
    context: str = ""
    type: str = ""  # one of the closed list of <corr type>; none when the row gives none
    resp: str = ""
    note: str = ""
    line: int = 0  # line of the row in the corrections file


@dataclass(frozen=True)
class Match:
    """One place where a correction applies: text[start:end] is its `sic`."""

    start: int
    end: int
    correction: Correction


def load_corrections(path: str | Path) -> list[Correction]:
    """Read a corrections TSV, each row held to its columns' kinds (edition.editorial.schema)."""
    path = Path(path)
    text = read_data_file(path, "corrections")
    out: list[Correction] = []
    header: list[str] | None = None
    for n, raw in enumerate(text.split("\n"), start=1):
        raw = raw.removesuffix("\r")
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = next(csv.reader([raw], delimiter="\t", quoting=csv.QUOTE_NONE))
        if header is None:
            header = [c.strip().lower() for c in cells]
            if "sic" not in header or "corr" not in header:
                raise DataError(
                    "the first row must name the columns (sic, corr, context, type, "
                    f"resp, note); it reads {raw[:60]!r}",
                    file=str(path),
                    line=n,
                )
            unknown = [c for c in header if c not in CORRECTIONS.keys]
            if unknown or len(set(header)) != len(header):
                bad = unknown[0] if unknown else next(c for i, c in enumerate(header) if c in header[:i])
                raise DataError(
                    f"unknown or repeated column {bad!r}",
                    file=str(path),
                    line=n,
                    hint=f"the columns are {', '.join(CORRECTIONS.keys)}",
                )
            continue
        if len(cells) > len(header):
            raise DataError(
                f"the row has {len(cells)} cells but there are {len(header)} columns",
                file=str(path),
                line=n,
                hint="a TAB inside a cell? Cells cannot hold one",
            )
        row = dict(zip(header, cells))
        check_row(
            {k: v for k, v in row.items() if v or k in ("sic", "corr")},
            CORRECTIONS,
            str(path),
            lambda key, n=n: n,
            where="correction",
        )
        sic, corr = row.get("sic", ""), row.get("corr", "")
        if not sic:
            raise DataError("empty 'sic'", file=str(path), line=n)
        if row.get("context") and sic not in row["context"]:
            raise DataError(
                f"the context {row['context']!r} does not contain the sic {sic!r}, so it can locate nothing",
                file=str(path),
                line=n,
                hint="the context is a longer exact string of the text around sic",
            )
        out.append(
            Correction(
                sic, corr, row.get("context", ""), row.get("type", ""), row.get("resp", ""), row.get("note", ""), n
            )
        )
    return out


class Located:
    """The corrections found in one text, in text order (the reading text applies them:
    `edition.transcript.reading`).

    Matches never overlap (`locate` keeps the earlier row), so they are ordered by start and by
    end alike. The encoder marks each one it places in the TEI (`placed`), so a match it could not
    place (one that crosses a speaker label or another span) is reported, never counted."""

    def __init__(self, found: list[Match]) -> None:
        self.items = sorted(found, key=lambda x: x.start)
        self.starts = [m.start for m in self.items]
        self.placed = bytearray(len(self.items))

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    def mark_placed(self, match: Match) -> None:
        self.placed[bisect.bisect_left(self.starts, match.start)] = 1

    def unplaced(self) -> list[Match]:
        return [m for m, done in zip(self.items, self.placed) if not done]


def locate(corrections: list[Correction], text: str, reporter: Reporter, file: str | None = None) -> Located:
    """Find every correction in `text`; overlapping matches keep the earlier row.

    Linear in the matches: the characters already taken are marked in a bytearray, so whether a
    match overlaps an earlier one is a search of its own span only."""
    found: list[Match] = []
    taken = bytearray(len(text)) if corrections else bytearray()
    for c in corrections:
        hits = list(_occurrences(c, text))
        if not hits:
            reporter.warning(
                "W110",
                f"correction {c.sic!r} → {c.corr!r} matches nothing in the text",
                file=file,
                line=c.line,
                hint="check its 'sic' and 'context'",
            )
            continue
        for start in hits:
            end = start + len(c.sic)
            if taken.find(1, start, end) >= 0:
                reporter.warning(
                    "W111", f"correction {c.sic!r} overlaps an earlier one; skipped", file=file, line=c.line
                )
                continue
            taken[start:end] = b"\x01" * (end - start)
            found.append(Match(start, end, c))
    return Located(found)


# A word character as the regex engine counts one (`\w`: letters, digits of any script, `_`).
_WORD = re.compile(r"\w")


def _occurrences(c: Correction, text: str):
    r"""The starts of `c` in `text`, left to right, never overlapping one another.

    Found with `str.find` and the word boundaries checked by hand: a regex that opens with a
    look-behind (`(?<!\w)sic`) has no literal prefix for the engine to skip to, so it tries every
    position of the text, once per row, which made a long corrections file the slowest part of
    encoding (a 120-row file over 1 MB: 2.7 s of 5)."""
    if c.context:
        inner = c.context.find(c.sic)
        if inner < 0:
            return
        pos = text.find(c.context)
        while pos >= 0:
            yield pos + inner
            pos = text.find(c.context, pos + 1)
        return
    sic = c.sic
    left, right = sic[:1].isalnum(), sic[-1:].isalnum()  # whole words only where sic is one
    pos = text.find(sic)
    while pos >= 0:
        end = pos + len(sic)
        if (left and pos and _WORD.match(text, pos - 1)) or (right and _WORD.match(text, end)):
            pos = text.find(sic, pos + 1)  # as the regex would: the next position
            continue
        yield pos
        pos = text.find(sic, end)
