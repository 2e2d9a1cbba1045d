"""CSV export: how much each speaker said in each session, for a spreadsheet or R/pandas.

RFC 4180: UTF-8 (no byte-order mark), CRLF line ends, a header row, fields quoted only where
needed. One row per speaker and session, sessions in document order, speakers in the order they
first speak in the session::

    speaker_id,speaker_name,session,session_id,session_title,date,turns,words

`session` is the session's number (the same `n` as in the JSON export; empty for turns outside
any session), `speaker_id` the @who ids (several, space-separated, for a joint turn; empty where
the TEI names nobody), `words` the words of speech in the reading text (stage directions, events,
interjections by others and lacuna markers are not counted), so the column's total equals the
JSON export's.

A text cell that begins with `=`, `+`, `-`, `@`, a TAB or a CR is a formula to a spreadsheet
(CSV injection): such a cell is written with a leading apostrophe (`'=HYPERLINK(…)`), which
spreadsheets take as "this is text" and do not show; the numbers (`session`, `turns`, `words`) are
never changed. A program reading the CSV drops one leading apostrophe before one of those
characters to get the value back.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from edition.export import ExportOptions
from edition.export.model import Edition, load
from edition.export.text import shown
from edition.files import write_atomic

HEADER = ("speaker_id", "speaker_name", "session", "session_id", "session_title", "date", "turns", "words")


def write(tei: Path, out: Path, options: ExportOptions) -> None:
    edition = load(tei)
    write_atomic(out, render(edition, options.view).encode("utf-8"), inputs=(tei,))


#: What makes a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: object) -> object:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe; others as given."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def rows(edition: Edition, view: str = "reading") -> list[tuple]:
    """(speaker id, name, session n, session id, title, date, turns, words), in one pass."""
    sessions = {d.n: d for d in edition.sessions}
    table: dict[tuple, list] = {}
    for turn in edition.turns:
        key = (turn.session, turn.speaker.id, turn.speaker.name)
        row = table.setdefault(key, [0, 0])
        row[0] += 1
        row[1] += turn.words()
    out = []
    for (n, speaker_id, name), (turns, words) in table.items():
        s = sessions.get(n)
        title = shown(s.title, view) if s is not None and s.title is not None else ""
        out.append(
            (
                speaker_id or "",
                name or "",
                n or "",
                (s.id or "") if s else "",
                title,
                (s.date or "") if s else "",
                turns,
                words,
            )
        )
    order = {n: i for i, n in enumerate([None] + list(sessions))}
    return sorted(out, key=lambda r: order[r[2] or None])  # stable: first speech within a session


def render(edition: Edition, view: str = "reading") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows([spreadsheet_safe(c) for c in row] for row in rows(edition, view))
    return buffer.getvalue()
