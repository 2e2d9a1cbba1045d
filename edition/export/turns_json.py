"""JSON export: every turn with its speaker, session, date, text and notes, for tools that count,
search or align speech (schema: schemas/export/turns.schema.json, JSON Schema 2020-12).

One document, UTF-8, keys in a fixed order, so the same TEI always gives the same bytes::

    {"format": "edition-turns/1",
     "edition":  {title, language, date, root, source, view},
     "counts":   {sessions, divisions, speakers, turns, words, notes, gaps, passages},
     "sessions": [{n, id, type, title, date, notes, turns, words,
                   divisions: [{n, …, parent, level}]}],
     "turns":    [{n, id, speaker: {id, ids, name, label}, session, division, date, text, words,
                   notes: [{n, type, text}], gaps: [n]}],
     "passages": [{n, kind, type, session, division, after_turn, text, notes}],
     "gaps":     [{n, reason, quantity, unit, description, marker, turn, passage, session}],
     "people":   [{id, name, role, affiliation, sex, registered, turns, words}]}

`session` and `division` are the `n` of a division (sessions are the top-level divisions; in a
teiCorpus, its TEI documents); `text` is in the view asked for (reading by default), paragraphs
separated by a blank line, verse lines by a line end, lacunae marked; `words` are always counted
in the reading text, speech only. `speaker.id` is the @who ids joined by a space (several for a
joint turn), null where the TEI names nobody.
"""

from __future__ import annotations

import json
from pathlib import Path

from edition.export import ExportOptions
from edition.export.model import Division, Edition, Note, Turn, load
from edition.export.text import paragraphs, shown
from edition.files import write_atomic

FORMAT = "edition-turns/1"


def write(tei: Path, out: Path, options: ExportOptions) -> None:
    edition = load(tei)
    data = json.dumps(document(edition, options.view, tei.name), ensure_ascii=False, indent=2)
    write_atomic(out, (data + "\n").encode("utf-8"), inputs=(tei,))


def document(edition: Edition, view: str = "reading", source: str | None = None) -> dict:
    gaps = _group(edition.gaps, "turn")
    turns = [_turn(t, edition, view, gaps.get(t.n, [])) for t in edition.turns]
    by_session = _group(turns, "session")
    inner = _group([d for d in edition.divisions if d.level > 0], "session")
    return {
        "format": FORMAT,
        "edition": {
            "title": edition.title,
            "language": edition.language,
            "date": edition.date,
            "root": edition.root,
            "source": source,
            "view": view,
        },
        "counts": edition.counts(),
        "sessions": [_session(s, edition, by_session.get(s.n, []), inner.get(s.n, []), view) for s in edition.sessions],
        "turns": turns,
        "passages": [
            {
                "n": p.n,
                "kind": p.block.kind,
                "type": p.block.type,
                "session": p.session,
                "division": p.division,
                "after_turn": p.after_turn,
                "text": "\n\n".join(paragraphs((p.block,), view)),
                "notes": [_note(edition.notes[n - 1], view) for n in p.block.notes()],
            }
            for p in edition.passages
        ],
        "gaps": [
            {
                "n": g.n,
                "reason": g.reason,
                "quantity": g.quantity,
                "unit": g.unit,
                "description": g.description,
                "marker": g.marker,
                "turn": g.turn,
                "passage": g.passage,
                "session": g.session,
            }
            for g in edition.gaps
        ],
        "people": _people(edition, turns),
    }


def _division(d: Division, edition: Edition, view: str) -> dict:
    title = d.title
    return {
        "n": d.n,
        "id": d.id,
        "type": d.type,
        "title": shown(title, view) if title is not None else None,
        "date": d.date,
        "notes": [_note(edition.notes[n - 1], view) for n in title.notes()] if title else [],
    }


def _group(items, key: str) -> dict:
    """Items by the value of one of their fields, in one pass (never a search per session)."""
    groups: dict = {}
    for item in items:
        groups.setdefault(item[key] if isinstance(item, dict) else getattr(item, key), []).append(item)
    return groups


def _session(s: Division, edition: Edition, turns: list[dict], divisions: list[Division], view: str) -> dict:
    return {
        **_division(s, edition, view),
        "turns": len(turns),
        "words": sum(t["words"] for t in turns),
        "divisions": [{**_division(d, edition, view), "parent": d.parent, "level": d.level} for d in divisions],
    }


def _turn(t: Turn, edition: Edition, view: str, gaps: list) -> dict:
    sp = t.speaker
    return {
        "n": t.n,
        "id": t.id,
        "speaker": {
            "id": sp.id,
            "ids": list(sp.ids),
            "name": sp.name,
            "label": sp.label.text(view) if sp.label is not None else None,
        },
        "session": t.session,
        "division": t.division,
        "date": t.date,
        "text": "\n\n".join(paragraphs(t.blocks, view)),
        "words": t.words(),
        "notes": [_note(edition.notes[n - 1], view) for n in t.notes()],
        "gaps": [g.n for g in gaps],
    }


def _note(note: Note, view: str) -> dict:
    return {"n": note.n, "type": note.type, "text": note.block.text(view)}


def _people(edition: Edition, turns: list[dict]) -> list[dict]:
    """Everyone in the register and everyone who speaks; a joint turn counts for each voice."""
    spoken: dict[str, list[int]] = {}
    for t in turns:
        for i in t["speaker"]["ids"]:
            spoken.setdefault(i, []).append(t["words"])
    return [
        {
            "id": p.id,
            "name": p.name,
            "role": p.role,
            "affiliation": list(p.affiliation),
            "sex": p.sex,
            "registered": p.registered,
            "turns": len(spoken.get(p.id, [])),
            "words": sum(spoken.get(p.id, [])),
        }
        for p in edition.people
    ]
