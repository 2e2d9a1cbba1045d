"""A play's list of persons (dramatis personae): where it is, and what each of its lines names.

A cast list opens with a heading of its own ("DRAMATIS PERSONÆ.", "_The Persons of the Play_",
"Characters") and runs over the short paragraphs after it: lines that each name one or more
persons, perhaps with a description ("CARLTON SMYTHE (_Manager of the Pandora Theatre_)",
"ROBIN OF BAGSHOT    } _Macheath's_ Gang."), a description continued on the next line, and
group headings ("MEN.", "WOMEN."). It ends at the first paragraph that is not such a list: prose,
a direction in italics, an illustration, an act.

Its names are evidence that a label is a speaker (`Cast.names`): a play's "LILY." is the
"LILY PARRADELL" of its cast list. The encoder makes the list `castList` with a `castItem` a line,
the names `role` and the descriptions `roleDesc`, every character kept (`edition.encode.cast`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from edition.transcript.labels import ABBREVIATIONS, PARTICLES, all_caps, normal
from edition.transcript.reading import Reading
from edition.transcript.segment import Para

#: The headings that open a cast list, as data: matched against the heading's words, markup and
#: end punctuation left out.
HEADINGS = re.compile(
    r"""(?:the[ ])?(?:dramatis[ ]person(?:ae|æ)|persons[ ](?:of|in)[ ]the[ ](?:play|drama|comedy|tragedy|piece)
        |(?:the[ ])?persons[ ]represented|(?:the[ ])?characters(?:[ ](?:of|in)[ ]the[ ]play)?
        |cast(?:[ ]of[ ]characters)?|personen|действующие[ ]лица)""",
    re.X | re.I,
)
#: A group heading inside a list: one to three words in capitals, alone in its paragraph.
GROUP = re.compile(r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’\-]*(?:[ ][A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’\-]*){0,2}[.:]?")
#: One word of a name printed in capitals ("CROOK-FINGER'D", "MRS.", "O'BRIEN") or capitalised.
_CAPS_WORD = r"[A-ZÀ-ÖØ-ÞА-ЯЁ][A-ZÀ-ÖØ-ÞА-ЯЁ'’\-]*\.?(?![\w'’])"
_WORD = r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’\-]*\.?(?![\w'’])"
_PARTICLE = r"(?:of|the|de|da|di|del|van|von|der|du|la|le)\b"
CAPS_NAME = re.compile(rf"{_CAPS_WORD}(?:[ ](?:{_CAPS_WORD}|{_PARTICLE}))*")
NAME = re.compile(rf"{_WORD}(?:[ ](?:{_WORD}|{_PARTICLE}))*")
#: What may stand between two names of one line ("DOUGLAS GLYNN, ALBERT PALK, }").
_BETWEEN = re.compile(r",[ ]*(?:and[ ]+)?")
#: What may stand between the names and their description: blanks, braces, commas, dashes, "and".
_BEFORE_DESC = re.compile(r"[ \t,}{—–-]*(?:and\b)?[ \t,}{—–-]*")
#: A description in brackets: what is inside them is the description.
_BRACKETED = re.compile(r"\((?P<desc>.+)\)[ \t]*$")
#: The longest line of a cast list, and the most lines it has.
LONGEST_LINE = 100
MOST_LINES = 300
#: Words of a name that do not name the person alone ("MRS.", "THE", "COLONEL").
TITLES = {
    "mr",
    "mrs",
    "miss",
    "ms",
    "sir",
    "lady",
    "lord",
    "the",
    "hon",
    "dr",
    "captain",
    "colonel",
    "baron",
    "viscount",
    "count",
    "countess",
    "duke",
    "duchess",
    "king",
    "queen",
    "prince",
    "princess",
    "master",
    "mistress",
    "madame",
    "monsieur",
    "father",
    "mother",
    "old",
    "young",
}


#: Titles that never name a person with a surname alone ("the", "hon.").
_NOT_ALONE = {"the", "hon", "old", "young"}


@dataclass
class Line:
    """One line of a cast list, offsets in the paragraph text."""

    start: int
    end: int
    roles: list[tuple[int, int]] = field(default_factory=list)  # the names
    desc: tuple[int, int] | None = None  # the description
    continues: bool = False  # a description carried over from the line before


@dataclass
class Cast:
    """The paragraphs of a document's cast lists and the names they give."""

    heads: set[int] = field(default_factory=set)  # paragraph indexes of cast headings
    groups: set[int] = field(default_factory=set)  # of group headings ("MEN.")
    items: dict[int, list[Line]] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)  # label keys (labels.normal) the list names

    def on_source(self, read_starts: dict[int, int], paras: list[Para], reading: Reading) -> Cast:
        """The same lists, their offsets carried from the reading text (where the lines were read,
        corrections applied) to the paragraphs carried back to the source (`reading.on_source`):
        a name the corrections mend ("N0RA" read as "NORA") stays a name, placed on what the
        source prints. `read_starts`: each paragraph's start in the reading text."""
        at = {p.index: p.start for p in paras}

        def start(i: int, offset: int) -> int:
            return reading.source_start(read_starts[i] + offset, exact=False) - at[i]

        def end(i: int, offset: int) -> int:
            return reading.source_end(read_starts[i] + offset, exact=False) - at[i]

        def carried(i: int, line: Line) -> Line:
            desc = None if line.desc is None else (start(i, line.desc[0]), end(i, line.desc[1]))
            roles = [(start(i, s), end(i, e)) for s, e in line.roles]
            return Line(start(i, line.start), end(i, line.end), roles, desc, line.continues)

        items = {i: [carried(i, line) for line in lines] for i, lines in self.items.items()}
        return Cast(self.heads, self.groups, items, self.names)

    def part_of(self, index: int) -> str:
        """ "head", "group" or "items" for a paragraph of a cast list, "" for any other."""
        return (
            "head"
            if index in self.heads
            else "group"
            if index in self.groups
            else "items"
            if index in self.items
            else ""
        )

    def names_speaker(self, key: str) -> bool:
        """Whether a label names a person of the list: the whole name or a shorter form of it
        (`name_keys`: "LILY." for "LILY PARRADELL")."""
        return key in self.names

    def speech_not_label(self, key: str, next_key: str) -> bool:
        """Whether a label the list names, followed by what a grammar also reads as a label the
        list does not name ("ROPER." then "Lord Farncombe----"), is a label before its speech."""
        return key in self.names and next_key not in self.names


def _plain(text: str) -> str:
    """A heading's words: markup, spacing and end punctuation left out."""
    return " ".join(re.sub(r"[_*]", "", text).split()).strip(" .:")


def is_heading(text: str) -> bool:
    """Whether a paragraph is the heading of a cast list (one short line of `HEADINGS`)."""
    return len(text) <= LONGEST_LINE and "\n" not in text.strip() and HEADINGS.fullmatch(_plain(text)) is not None


def parse_line(text: str, start: int, end: int, capitals: bool) -> Line:
    """The names and description of one line of a cast list (`text[start:end]`)."""
    line = Line(start, end)
    at = start + len(text[start:end]) - len(text[start:end].lstrip(" \t"))
    if text.startswith("(", at):
        line.continues = True
        m = _BRACKETED.match(text, at, end)
        line.desc = (at + 1, m.end("desc")) if m else (at, end)
        return line
    pattern = CAPS_NAME if capitals else NAME
    while True:
        m = pattern.match(text, at, end)
        if m is None or (capitals and not all_caps(m.group(0))):
            break
        name_end = m.end()
        if (
            text[name_end - 1] == "."
            and text[m.start() : name_end].split()[-1].rstrip(".").lower() not in ABBREVIATIONS | TITLES
            and name_end == end
        ):
            name_end -= 1  # "MEN." → the stop is the line's, not the name's
        line.roles.append((m.start(), name_end))
        at = name_end
        between = _BETWEEN.match(text, at, end)
        if not capitals or between is None:
            break
        nxt = pattern.match(text, between.end(), end)
        if nxt is None or not all_caps(nxt.group(0)):
            break
        at = between.end()
    rest = _BEFORE_DESC.match(text, at, end).end()
    if rest < end and any(c.isalpha() for c in text[rest:end]):
        m = _BRACKETED.match(text, rest, end)
        stop = end - (len(text[rest:end]) - len(text[rest:end].rstrip(" \t")))
        line.desc = (rest + 1, m.end("desc")) if m else (rest, stop)
    return line


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of a paragraph, its trailing blanks left out."""
    spans, start = [], 0
    for piece in text.split("\n"):
        spans.append((start, start + len(piece.rstrip(" \t"))))
        start += len(piece) + 1
    return spans


def _listlike(text: str) -> bool:
    """Whether a paragraph can be part of a cast list: short lines, each opening with a name or a
    bracketed description; no italic direction, no illustration, no act."""
    lines = [ln.strip(" \t") for ln in text.split("\n")]
    if any(len(ln) > LONGEST_LINE for ln in lines):
        return False
    return all(ln[:1].isupper() or ln.startswith("(") for ln in lines if ln) and not re.match(
        r"(?:ACT|SCENE|PROLOGUE|INTRODUCTION)\b", lines[0]
    )


def find_cast(paras: list[Para]) -> Cast:
    """Every cast list of the document: a cast heading, then the list-like paragraphs after it.
    Whether the list prints its names in capitals is judged on the whole list (two lines in
    three), so "Constables, Drawers, Turnkey, etc." under names in capitals names no one."""
    cast = Cast()
    i = 0
    while i < len(paras):
        if not is_heading(paras[i].text):
            i += 1
            continue
        cast.heads.add(paras[i].index)
        i += 1
        listed: list[Para] = []
        while i < len(paras) and len(listed) < MOST_LINES and _listlike(paras[i].text):
            para = paras[i]
            if (
                "\n" not in para.text
                and GROUP.fullmatch(para.text)
                and i + 1 < len(paras)
                and _listlike(paras[i + 1].text)
                and "\n" in paras[i + 1].text
            ):
                cast.groups.add(para.index)
            else:
                listed.append(para)
            i += 1
        firsts = [
            ln.strip(" \t").split()[0]
            for p in listed
            for ln in p.text.split("\n")
            if ln.strip(" \t") and not ln.strip(" \t").startswith("(")
        ]
        capitals = 3 * sum(1 for w in firsts if all_caps(w)) >= 2 * len(firsts)
        for para in listed:
            text = para.text
            lines = [parse_line(text, s, e, capitals) for s, e in _lines(text) if e > s]
            cast.items[para.index] = lines
            for line in lines:
                for s, e in line.roles:
                    cast.names |= name_keys(text[s:e])
    return cast


def name_keys(name: str) -> set[str]:
    """The label keys that name a person of the list: the whole name, its first word, the words
    from any after the first on ("SAM DE CASTRO" → "sam de castro", "sam", "de castro",
    "castro"), where what is left is not a title or a particle alone, and a title with the last
    word ("THE HON. MRS. ARTHUR STIDULPH" → "mrs. stidulph")."""
    key = normal(name)
    keys = {key}
    words = key.split()
    candidates = [words[:1]] + [words[i:] for i in range(1, len(words))] if words else []
    for chosen in candidates:
        last = chosen[-1].rstrip(".")
        if len(last) >= 3 and last not in TITLES | PARTICLES | ABBREVIATIONS and chosen[0].rstrip(".") not in TITLES:
            keys.add(" ".join(chosen))
    if len(words) > 2 and words[-1].rstrip(".") not in TITLES | PARTICLES:
        keys |= {f"{w} {words[-1]}" for w in words[:-1] if w.rstrip(".") in TITLES - _NOT_ALONE}
    return keys
