"""The intermediate model: each source paragraph with what the classifier decided it is."""

from __future__ import annotations

from dataclasses import dataclass, field

from edition.transcript.segment import Para

#: Closed list of paragraph kinds the classifier assigns (and overrides may set).
KINDS = (
    "furniture",  # web-page or print furniture, not the work
    "title",  # the work's title
    "heading",  # opens a division (level, div_type)
    "subheading",  # a heading inside a speaker's turn
    "meta",  # session metadata: chair, secretaries, time, present, agenda (role)
    "turn",  # opens a speaker's turn (label_end, speech_start, who)
    "speech",  # continues the current turn
    "reported",  # continues the current turn, reported in the third person
    "narration",  # the secretary's or author's own text
    "vote",  # narration that records a vote
    "stage",  # a whole-paragraph remark in parentheses
    "quote",  # a paragraph of a quoted document (n = its point number)
    "item",  # an item of a numbered list (n, depth)
    "row",  # a row of a table (n); "row-head" its header, "row-cont" a wrapped line
    "row-head",
    "row-cont",
    "footnote",  # a note keyed by a mark such as "*"
    "separator",  # "***" and the like
    "timestamp",  # a time alone: a subtitle cue's timing, a mission clock, a recording's offset
    "cast",  # a play's list of persons: its heading (subtype head), a group heading (group), its lines
)


@dataclass
class Unit:
    para: Para
    kind: str
    who: tuple[str, ...] = ()  # speaker ids for turns and their continuations
    label_end: int = 0  # label = text[:label_end]
    speech_start: int = 0  # speech = text[speech_start:]
    level: int = 0  # heading level (1 = session)
    div_type: str = ""  # session, foreword, appendix, report, article, topic …
    subtype: str = ""  # joint, continued; doc head; meta role …
    when: str = ""  # ISO date of a session heading
    n: str = ""  # number of a list item, table row, quoted point
    depth: int = 0  # nesting depth of a list item
    reported: bool = False  # a turn written in the third person
    doc_head: bool = False  # a heading that heads a quoted document
    chair: str = ""  # the chair in force for this paragraph
    part: str = "body"  # front, body, back
    lines: tuple[tuple[int, int], ...] = ()  # verse: each line of the speech (source offsets)
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.para.text
