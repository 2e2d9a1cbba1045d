"""`edition stats`: what a TEI document holds — sessions, divisions, speakers, turns, words, notes,
lacunae — counted on the same model as the exports (`edition.export.model`), so the numbers agree
with the CSV and JSON exports of the same file, for an edition of this toolkit or TEI others wrote.

Words are words of speech in the reading text (corrections applied); stage directions, events,
interjections by others and lacuna markers are not words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from edition.export.model import Edition, load


@dataclass(frozen=True)
class Stats:
    file: str
    title: str | None
    totals: dict[str, int]
    sessions: list[dict]
    speakers: list[dict]

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "title": self.title,
            "totals": self.totals,
            "sessions": self.sessions,
            "speakers": self.speakers,
        }

    def table(self) -> str:
        """The human-readable report: totals, then a table per part (a top-level division: a
        session, a foreword, an act; `div` is its number among all divisions, as in the JSON and
        CSV exports) and per speaker."""
        lines = [
            f"{self.file}: {self.title}" if self.title else self.file,
            "  ".join(f"{k} {v:,}" for k, v in self.totals.items() if k != "passages"),
            "",
        ]
        lines += _table(
            ["div", "part", "date", "speakers", "turns", "words", "notes", "gaps"],
            [
                [
                    s["n"],
                    _short(s["title"] or s["id"] or ""),
                    s["date"] or "",
                    s["speakers"],
                    s["turns"],
                    s["words"],
                    s["notes"],
                    s["gaps"],
                ]
                for s in self.sessions
            ],
        )
        lines.append("")
        lines += _table(
            ["speaker", "name", "turns", "words"],
            [[p["id"] or "", _short(p["name"] or ""), p["turns"], p["words"]] for p in self.speakers],
        )
        return "\n".join(lines) + "\n"


def stats(path: str | Path) -> Stats:
    """Read a TEI file (safely) and count it."""
    return count(load(path), str(path))


def count(edition: Edition, name: str) -> Stats:
    """Totals, per session and per speaker, in one pass over the turns, notes and gaps."""
    sessions = {
        s.n: {
            "n": s.n,
            "id": s.id,
            "title": s.title.text() if s.title is not None else None,
            "date": s.date,
            "speakers": set(),
            "turns": 0,
            "words": 0,
            "notes": 0,
            "gaps": 0,
        }
        for s in edition.sessions
    }
    outside = {
        "n": None,
        "id": None,
        "title": "(outside any session)",
        "date": edition.date,
        "speakers": set(),
        "turns": 0,
        "words": 0,
        "notes": 0,
        "gaps": 0,
    }
    speakers: dict[str | None, dict] = {}
    for turn in edition.turns:
        row = sessions.get(turn.session, outside)
        words = turn.words()
        row["turns"] += 1
        row["words"] += words
        row["speakers"].update(turn.speaker.ids or (turn.speaker.name or "",))
        who = speakers.setdefault(
            turn.speaker.id or turn.speaker.name,
            {"id": turn.speaker.id, "name": turn.speaker.name, "turns": 0, "words": 0},
        )
        who["turns"] += 1
        who["words"] += words
    for note in edition.notes:
        sessions.get(note.session, outside)["notes"] += 1
    for gap in edition.gaps:
        sessions.get(gap.session, outside)["gaps"] += 1
    rows = [outside] if outside["turns"] or outside["notes"] or outside["gaps"] else []
    rows += sessions.values()
    for row in rows:
        row["speakers"] = len(row["speakers"])
    ranked = sorted(speakers.values(), key=lambda s: (-s["words"], -s["turns"]))
    return Stats(name, edition.title, edition.counts(), rows, ranked)


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(header: list[str], rows: list[list]) -> list[str]:
    """Columns padded to their widest cell; numbers right-aligned."""
    cells = [["" if c is None else f"{c:,}" if isinstance(c, int) else str(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(header)]
    numeric = [bool(rows) and all(isinstance(r[i], int | None) for r in rows) for i in range(len(header))]

    def line(values):
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)).rstrip()

    return [line(header), line(["-" * w for w in widths])] + [line(r) for r in cells]
