"""The neutral model every export reads: who said what, where, in two views of the text.

A TEI document of any kind — this toolkit's editions, a DraCor play, ParlaMint proceedings, a
teiCorpus — is read into these records by `edition.export.model`; the formats only decide how to
present them. Text is kept twice, as read (corrections applied) and as transcribed (diplomatic);
notes are numbered and anchored, never run into the text; text shown but not spoken by a turn's
speaker is an `Aside`, so word counts are of speech only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Aside:
    """Text shown in a turn but not spoken by its speaker: never counted as the speaker's words."""

    text: str


@dataclass(frozen=True)
class NoteRef:
    """Where note `n` is anchored in a block."""

    n: int


Piece = str | Aside | NoteRef

#: Blocks whose words are speech (in a turn) or prose (outside one); the rest are asides.
SPOKEN = frozenset({"text", "line"})


@dataclass(frozen=True)
class Block:
    """One paragraph-like unit in both views. kind: text, line (of verse), stage, event, gap,
    note (a note standing between turns), furniture (running heads), label (a speaker label)."""

    kind: str
    reading: tuple[Piece, ...]
    diplomatic: tuple[Piece, ...]
    type: str | None = None

    def pieces(self, view: str) -> tuple[Piece, ...]:
        return self.diplomatic if view == "diplomatic" else self.reading

    def text(self, view: str = "reading", mark=None) -> str:
        """The text, whitespace collapsed (in the reading view no-break spaces too); `mark(n)`
        renders note anchors (default: left out)."""
        return join(self.pieces(view), mark, _SPACE if view == "diplomatic" else _ANY_SPACE)

    def words(self) -> int:
        """Words of speech (or prose) in the reading view; asides and anchors are not words."""
        if self.kind not in SPOKEN:
            return 0
        return len(
            WORD.findall(
                "".join(p if isinstance(p, str) else " " if isinstance(p, Aside) else "" for p in self.reading)
            )
        )

    def notes(self) -> list[int]:
        return [p.n for p in self.reading if isinstance(p, NoteRef)]


#: A word: letters or digits, with inner apostrophes and hyphens ("l'onzena", "Anglo-French").
WORD = re.compile(r"\w+(?:['’-]\w+)*")
_ANCHOR = "\x00"  # never in XML text, so it can stand for a note anchor while whitespace is collapsed
#: XML's whitespace only: in the diplomatic view a no-break space is a character, kept as it is.
_SPACE = re.compile(r"[ \t\r\n]+")
_ANY_SPACE = re.compile(r"\s+")


def join(pieces, mark=None, space: re.Pattern = _SPACE) -> str:
    """Pieces as one line of text: whitespace collapsed, anchors rendered by `mark` after the word
    they follow (no space before them); anchors that open the text are set off by a space."""
    refs = [p.n for p in pieces if isinstance(p, NoteRef)]
    raw = "".join(_ANCHOR if isinstance(p, NoteRef) else p.text if isinstance(p, Aside) else p for p in pieces)
    text = space.sub(" ", raw).replace(" " + _ANCHOR, _ANCHOR).strip()
    opening = len(text) - len(text.lstrip(_ANCHOR))
    if 0 < opening < len(text) and text[opening] != " ":
        text = text[:opening] + " " + text[opening:]
    marks = iter([mark(n) if mark else "" for n in refs])
    return re.sub(_ANCHOR, lambda _: next(marks), text).strip()


@dataclass(frozen=True)
class Division:
    """A div (or, in a teiCorpus, a TEI document). level 0 is a *session*; `session` is the n of
    the level-0 division it belongs to; `date` is its own or inherited (ISO 8601, or a from/to
    interval)."""

    n: int
    id: str | None
    type: str | None
    title: Block | None
    date: str | None
    level: int
    parent: int | None
    session: int


@dataclass(frozen=True)
class Speaker:
    """Who speaks a turn: the ids of @who (several for a joint turn), a name resolved through the
    register (else the printed label, else the ids), and the label as printed, if any."""

    ids: tuple[str, ...]
    name: str | None
    label: Block | None

    @property
    def id(self) -> str | None:
        return " ".join(self.ids) or None


@dataclass(frozen=True)
class Turn:
    n: int
    id: str | None
    speaker: Speaker
    session: int | None
    division: int | None
    date: str | None
    blocks: tuple[Block, ...]

    def words(self) -> int:
        return sum(b.words() for b in self.blocks)

    def notes(self) -> list[int]:
        return [n for b in self.blocks for n in b.notes()]


@dataclass(frozen=True)
class Passage:
    """Material between the turns (narration, stage directions, events, lacunae), in order:
    `after_turn` is the number of turns read before it."""

    n: int
    block: Block
    session: int | None
    division: int | None
    after_turn: int


@dataclass(frozen=True)
class Note:
    n: int
    type: str | None
    block: Block
    turn: int | None
    passage: int | None
    session: int | None


@dataclass(frozen=True)
class Gap:
    n: int
    reason: str | None
    quantity: str | None
    unit: str | None
    description: str | None
    marker: str
    turn: int | None
    passage: int | None
    session: int | None


@dataclass(frozen=True)
class Person:
    id: str
    name: str | None
    role: str | None
    affiliation: tuple[str, ...]
    sex: str | None
    registered: bool


@dataclass(frozen=True)
class Edition:
    """The whole document. `flow` is the reading order: a Division where its heading stands, then
    its turns and passages."""

    title: str | None
    language: str | None
    date: str | None
    root: str
    divisions: tuple[Division, ...]
    turns: tuple[Turn, ...]
    passages: tuple[Passage, ...]
    notes: tuple[Note, ...]
    gaps: tuple[Gap, ...]
    people: tuple[Person, ...]
    flow: tuple[Division | Turn | Passage, ...]

    @property
    def sessions(self) -> list[Division]:
        return [d for d in self.divisions if d.level == 0]

    def speakers(self) -> set[str]:
        """Everyone who speaks: each id of a joint turn, or the name where a turn has no @who."""
        return {key for t in self.turns for key in (t.speaker.ids or (t.speaker.name or "",))}

    def counts(self) -> dict[str, int]:
        typed = [d for d in self.sessions if d.type == "session"]
        # Where sessions are marked as such, a foreword or an appendix beside them is not one.
        return {
            "sessions": len(typed or self.sessions),
            "divisions": len(self.divisions),
            "speakers": len(self.speakers()),
            "turns": len(self.turns),
            "words": sum(t.words() for t in self.turns),
            "notes": len(self.notes),
            "gaps": len(self.gaps),
            "passages": len(self.passages),
        }
