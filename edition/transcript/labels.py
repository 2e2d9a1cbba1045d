"""Speaker-label grammars: one named row per way transcripts mark who speaks, and the detector that
scores each of them on a document.

A grammar only *proposes* labels. Whether a proposed label is a speaker is decided against the
document (`Classifier._is_speaker`, with what `detect` counted): the label recurs, or the register
knows it, or it is shaped like the document's other labels; names that are never people (`NOT_SPEAKERS`) and labels in a form the document does not use
are refused. So one row serves every text in its layout, and nothing of one text lives here.

Each pattern is matched at the start of a paragraph (after an optional timestamp, `LEAD`) and has
the groups ``label`` (the label as printed, markup and punctuation included), ``names`` (one or
more names joined by "and"/"&"), ``qualifier`` (a direction or office in brackets, optional) and
``sep`` (what separates it from the speech).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

# --------------------------------------------------------------------------- building blocks

#: A timestamp before a label or alone on a line: "[00:01:23]", "0:00:13.8", "[-00:00:00:03]", "00:10".
TIMESTAMP = r"\[?-?\d{1,2}(?::\d{2}){1,3}(?:[.,]\d{1,3})?\]?"
#: What may precede a label on its line: a timestamp and blanks.
LEAD = rf"(?:{TIMESTAMP}[ \t]+)?"
#: Abbreviations that end in a full stop without ending a label: "Präsident Dr. Norbert …" is not
#: the label "Präsident Dr." before the speech "Norbert …".
ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "prof",
    "hon",
    "rt",
    "sen",
    "rep",
    "gen",
    "capt",
    "col",
    "lt",
    "sgt",
    "rev",
    "fr",
    "sr",
    "jr",
    "no",
    "nr",
    "vs",
    "parl",
    "abg",
    "vol",
    "art",
}
#: A word that keeps its full stop inside a name: an abbreviation ("MRS.", "Dr.") or an initial ("J.").
_ABBR = rf"(?:(?i:{'|'.join(sorted(ABBREVIATIONS))})|[^\W\d_])\."
#: A word of a name in capitals: STALIN, TER-GABRYELAN, O’BRIEN, MRS., McCONNELL.
_CAP_WORD = rf"(?:{_ABBR}|(?:Mc|Mac|D'|O')?[A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω][A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω’'\-]*)"
#: A word of a name in any case (checked by `names_ok`): Thompson, Ó, Donnghaile, Dr., 1, Göring-Eckardt.
_ANY_WORD = rf"(?:{_ABBR}|[^\W_][\w’'\-]*)"
#: Joins two names in one label: "OKHLONIN and MANDELSTAM", "Bert & Ernie".
_JOIN = r"[ \u00a0](?:and|&)[ \u00a0]"
#: Blanks inside a label: one space, or two where the typesetting spread it ("LADY  CAPULET").
_SP = r"[ \u00a0]{1,2}"
#: A direction or office after the name: "(indignantly)", "(Deputy Sean Fleming)", "[going to him]".
_QUAL = r"(?:[ \u00a0]?\((?P<qualifier>[^()\n]{1,80}(?:-\n[^()\n]{1,40})?)\))"
_QUAL_SQ = r"(?:[ \u00a0]\[(?P<direction>[^\[\]\n]{1,80})\])"
#: A second bracket after the first: a time or a seat ("Mr FRYDENBERG (Kooyong—Treasurer) (14:02):").
_QUAL2 = r"(?:[ \u00a0]?\([^()\n]{1,40}\))?"


def _names(word: str, words: int) -> str:
    one = rf"{word}(?:{_SP}{word}){{0,{words - 1}}}"
    return rf"(?P<names>{one}(?:{_JOIN}{one})*)"


def _compile(body: str) -> re.Pattern[str]:
    return re.compile(LEAD + body, re.X)


@dataclass(frozen=True)
class LabelGrammar:
    """One way of marking speakers.

    ``alone``: the label stands alone on its line and the speech follows (on the next line or after
    a blank one). ``caps``: names are printed in capitals, so a name in lower case is not one.
    ``priority``: of two grammars that explain a document about as well, the narrower (higher)
    wins, so a transcript of ``NAME:`` labels is not read as any capitalised word before a colon.
    """

    name: str
    pattern: re.Pattern[str]
    doc: str
    alone: bool = False
    caps: bool = False
    priority: int = 0
    max_words: int = 6
    broad: bool = False  # reads any capitalised words as a name: a label met once needs its like


GRAMMARS: list[LabelGrammar] = [
    LabelGrammar(
        "colon",
        _compile(rf"""(?P<label>{_names(_CAP_WORD, 4)}(?:{_QUAL}{_QUAL2})?(?:[ \u00a0]says)?[ \u00a0]?:)
                                        (?P<sep>[ \t\u00a0]+|$)"""),
        "NAME: speech — STALIN: …, VOITINSKY (co-reporter): …, P: Roger.",
        caps=True,
        priority=3,
    ),
    LabelGrammar(
        "colon-names",
        _compile(rf"""(?P<label>{_names(_ANY_WORD, 8)}(?:{_QUAL}{_QUAL2})?:)(?P<sep>[ \t\u00a0]+)"""),
        "Name: speech — Senator Niall Ó Donnghaile: …, Thompson:⇥…, Заря 1 (Королев): …",
        priority=1,
        max_words=10,
        broad=True,
    ),
    LabelGrammar(
        "dot",
        _compile(r"""(?P<label>(?P<names>(?:(?:Mr|Mrs|Ms|Miss|Dr)\.[ \u00a0](?:[A-Z][a-z]+[ \u00a0])?(?:Mc|Mac)?[A-Z][A-Z’'\-]{1,}
                          (?:[ \u00a0]of[ \u00a0][A-Z][a-z]+(?:[ \u00a0][A-Z][a-z]+){0,2})?
                        |The[ \u00a0](?:SPEAKER|CHAIR(?:MAN)?|PRESIDENT|PRESIDING[ \u00a0]OFFICER|ACTING[ \u00a0]PRESIDENT|CLERK)
                          (?:[ \u00a0]pro[ \u00a0]tempore)?))
              (?:[ \u00a0]\((?P<qualifier>[^()\n]{1,60})\))?
              \.)
             (?P<sep>[ \t]+|$)"""),
        "Congressional Record — Mr. BROWN of Ohio. …, Mr. McCONNELL. …, The SPEAKER pro tempore. …",
        priority=4,
    ),
    LabelGrammar(
        "dot-caps",
        _compile(rf"""(?P<label>{_names(_CAP_WORD, 4)}
                                           (?:\.(?=[ \t\n])
                                             |[ ]?\((?P<qualifier>[^()]{{1,400}})\)\.?
                                             |[ ]\[(?P<direction>[^\[\]]{{1,400}})\]\.?))
                                           (?P<sep>[ \t\n]*)(?=\S)"""),
        "NAME. speech in a paragraph — CATHERINE (indignantly). Our ideas real!",
        caps=True,
        priority=3,
    ),
    LabelGrammar(
        "dot-names",
        _compile(rf"""(?P<label>\*?{_names(_ANY_WORD, 5)}\*?{_QUAL}?[ ]?\.)(?P<sep>[ \t]+)(?=\S)"""),
        "Name. speech — Lord Mansfield. What Hotel is it?, Q. Do you remember …",
        priority=1,
        broad=True,
    ),
    LabelGrammar(
        "caps-direction",
        _compile(rf"""(?P<label>{_names(_CAP_WORD, 4)}{_QUAL_SQ})(?P<sep>[ \t]+)(?=\S)"""),
        "NAME [direction] speech — NORA [going to him] Torvald!",
        caps=True,
        priority=2,
    ),
    LabelGrammar(
        "underscore",
        _compile(rf"""[ \t]*(?P<label>_{_names(_ANY_WORD, 4)}(?:\._|_\.))(?P<sep>[ \t]+|$)"""),
        "_Name._ speech — _Filch._ _Tom Gagg_, Sir, is found guilty.",
        priority=5,
    ),
    LabelGrammar(
        "bold",
        _compile(rf"""(?:\#{{1,6}}[ ]+)?(?P<label>\*\*{_names(_ANY_WORD, 5)}{_QUAL}?(?::\*\*|\*\*:?))
                                       (?P<sep>[ \t]+|$)"""),
        "**Name:** speech — **Mat Ryer:** Hello …, **Break**:, ##### **Name** [[00:00:07](…)]",
        priority=5,
    ),
    LabelGrammar(
        "voice",
        _compile(r"""(?P<label><v(?:\.[\w.-]+)?[ \t]+(?P<names>[^>\n]{1,80})>)(?P<sep>[ \t]*)"""),
        "WebVTT voice tag — <v Michael Kennedy>sure …",
        priority=6,
    ),
    LabelGrammar(
        "timed-name",
        _compile(
            rf"""(?P<label>{_names(_ANY_WORD, 5)})(?P<sep>[ \t]{{2,}}\d{{1,2}}(?::\d{{2}}){{1,2}}[ \t]*(?:\n|$))"""
        ),
        "Otter export — Brian Okken  00:10, the speech on the next lines",
        alone=True,
        priority=5,
    ),
    LabelGrammar(
        "line-colon",
        _compile(
            rf"""(?P<label>{_names(_ANY_WORD, 8)}(?:,[ ](?=[A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω])[^\n:()]{{0,60}})?(?:{_QUAL}{_QUAL2})?:)(?P<sep>[ \t]*(?:\n|$))"""
        ),
        "Name: alone on its line — Präsident Dr. Norbert Lammert:, Thomas Oppermann (SPD):",
        alone=True,
        priority=2,
        max_words=10,
        broad=True,
    ),
    LabelGrammar(
        "line",
        _compile(rf"""(?P<label>{_names(_ANY_WORD, 4)}{_QUAL}?\.?)(?P<sep>[ \t]*(?:\n|$))"""),
        "NAME. alone on its line — ROPER., First Citizen, HAMLET",
        alone=True,
        priority=1,
        broad=True,
    ),
]
BY_NAME = {g.name: g for g in GRAMMARS}
#: What every label of a grammar contains: detection skips a line without it (a fast first test).
MARKS = {
    "colon": ":",
    "colon-names": ":",
    "dot": ".",
    "dot-names": ".",
    "underscore": "_",
    "bold": "**",
    "voice": "<v",
    "timed-name": ":",
    "line-colon": ":",
}

#: Labels a document of one grammar may also use: a play of "MASTER." labels alone on their line
#: may give "First Citizen:" alone on its line too (the colon is the more explicit mark).
ALSO = {"line": ("line-colon",)}

# --------------------------------------------------------------------------- what is never a speaker

#: Whole labels that are structure, transitions, furniture or formulae, never a person. Matched
#: against the whole name (case-insensitive), so "ACT" refuses "ACT III." but not "ACTON".
NOT_SPEAKERS = re.compile(
    r"""(?:act|scene|chapter|part|book|canto|prologue|epilogue|song|air|finis|the[ ]end|end|curtain
         |contents|index|note|notes|introduction|preface|foreword|appendix|dramatis[ ]personae|persons
         |characters|illustration|music|break|time|date|present|absent|place|location|subject|agenda
         |(?:cut|dissolve|smash[ ]cut|match[ ]cut|fade|wipe|iris)(?:[ ](?:to|in|out))?|int|ext|int\./ext|i/e
         |continued|cont'd|more|(?:and[ ])?(?:be[ ]it[ ])?(?:further[ ])?(?:resolved|whereas|ordered)
         |yes|no|oh|ah|well|why|what|now|so|then|here|there|o|ay|aye|nay|alas|hush|good|thanks|thank[ ]you|hello|hi)
         (?:[ ]+[ivxlc\d]+)?""",
    re.X | re.I,
)

PARTICLES = {
    "of",
    "the",
    "at",
    "de",
    "da",
    "di",
    "del",
    "della",
    "van",
    "von",
    "der",
    "den",
    "du",
    "la",
    "le",
    "y",
    "for",
    "on",
    "in",
    "to",
    "pro",
    "tempore",
    "bin",
    "ibn",
    "al",
    "zu",
    "and",
    "&",
    "des",
    "dos",
    "das",
    "ten",
    "ter",
}


def normal(names: str) -> str:
    """A label's names as one key: case, markup, spacing and end punctuation ignored."""
    s = unicodedata.normalize("NFKC", names).replace("\u00a0", " ")
    s = re.sub(r"[*_]", "", s)
    return " ".join(s.split()).strip(" .:").casefold()


def _word_ok(word: str, caps: bool, first_word: bool = False) -> bool:
    """Whether `word` can be a word of a name: capitalised (in capitals where the grammar wants
    them, "McCONNELL" included), a particle or a number (not first), never a year."""
    w = word.rstrip(".")
    if not w:
        return False
    if w.isdigit() and len(w) == 4:
        return False  # a year ("_Midsummer 1921_."): a date, not a name
    if w.lower() in PARTICLES or w.isdigit():
        return not first_word
    first = w.lstrip("'’")[:1]
    if caps:
        letters = [c for c in w if c.isalpha()]
        lower = [c for c in letters if c.islower()]
        return bool(letters) and (not lower or re.fullmatch(r"(?:Mc|Mac)[A-Z’'\-]+", w) is not None)
    return first.isalpha() and first.isupper()


#: Particles a name may open with: "The SPEAKER", "de Castro", "van Buren".
_OPENING_PARTICLES = {"the", "de", "van", "von", "da", "di", "du", "la", "le", "des", "ten", "ter"}


@lru_cache(maxsize=65536)
def names_ok(names: str, caps: bool, max_words: int) -> bool:
    """Every word a name's word (capitalised, or a particle), the first not a particle, within the
    word limit, and the whole not a word that is never a person."""
    for name in re.split(_JOIN, names):
        words = name.replace("\u00a0", " ").split()
        if not words or len(words) > max_words:
            return False
        if not _word_ok(words[0], caps, first_word=words[0].lower() not in _OPENING_PARTICLES):
            return False
        if not all(_word_ok(w, caps) for w in words):
            return False
        if NOT_SPEAKERS.fullmatch(" ".join(words).rstrip(".:")):
            return False
    return True


@dataclass
class Proposal:
    """A label a grammar proposes at the start of a paragraph (offsets in the paragraph text)."""

    start: int  # where the label begins (after a leading timestamp)
    end: int  # where the label ends
    speech_start: int  # where the speech begins
    names: list[str]
    qualifier: str
    key: str  # normal(names)


def propose_in(grammar: LabelGrammar, text: str) -> Proposal | None:
    """The label a document of `grammar` reads at the start of `text` (its own, or one of `ALSO`)."""
    found = propose(grammar, text)
    for other in ALSO.get(grammar.name, ()):
        if found is not None:
            break
        found = propose(BY_NAME[other], text)
    return found


def propose(grammar: LabelGrammar, text: str) -> Proposal | None:
    """The label `grammar` reads at the start of `text`, if its names are names."""
    m = grammar.pattern.match(text)
    if not m:
        return None
    names = m.group("names")
    if grammar.name == "voice":
        names = names.strip()
        if not names or len(names.split()) > grammar.max_words:
            return None
    elif not names_ok(names, grammar.caps, grammar.max_words):
        return None
    elif text[m.end("label") - 1 : m.end("label")] == "." and re.fullmatch(r"[IVXLC]+", names):
        return None  # "I. Introduction", "IV. The vote": a numbered section
    elif (
        text[m.end("label") - 1 : m.end("label")] == "."
        and names.replace("\u00a0", " ").split()[-1].rstrip(".").lower() in ABBREVIATIONS
    ):
        return None  # "Präsident Dr." then "Norbert …": the stop is the abbreviation's
    parts = re.split(_JOIN, names) if grammar.name != "voice" else [names]
    groups = m.groupdict()
    qualifier = groups.get("qualifier") or groups.get("direction") or ""
    return Proposal(m.start("label"), m.end("label"), m.end(), parts, qualifier, normal(names))


# --------------------------------------------------------------------------- detection

#: Labels of an examination (question and answer), found in any grammar; they say nothing about
#: which grammar a document uses, so detection does not count them.
EXAMINATION_KEYS = {"q", "a"}


@dataclass
class Detection:
    """Which grammar a document uses, how well it explains the text, and the labels it found."""

    grammar: LabelGrammar
    score: int  # lines opened by a label that recurs
    runner_up: str = ""
    runner_up_score: int = 0
    counts: Counter = field(default_factory=Counter)  # label key → occurrences
    caps: set = field(default_factory=set)  # keys printed in capitals
    qualifiers: dict = field(default_factory=dict)  # label key → the bracketed words met with it
    stopped: bool = False  # labels alone on their line end with "." or ":" (two in three): a bare one is a heading

    def names_person(self, key: str, qualifier: str) -> bool:
        """Whether the bracket after a label names the person rather than qualifying them: a call
        sign or office held by several people ("Заря 1 (Королев)", "Заря 1 (Каманин)"), or a
        bracketed name that is a label of its own elsewhere ("Minister of State … (Deputy Sean
        Fleming)", later "Deputy Sean Fleming:"). A direction or a party is neither."""
        q = normal(qualifier)
        if not q or not names_ok(qualifier, False, 5) or all_caps(qualifier):
            return False
        return self.counts.get(q, 0) > 0 or len(self.qualifiers.get(key, ())) > 1

    @property
    def unsure(self) -> bool:
        """Fewer than three lines opened by recurring labels: too little to go on."""
        return self.score < 3

    @cached_property
    def recurring(self) -> set[str]:
        return {k for k, n in self.counts.items() if n > 1}

    @cached_property
    def _openings(self) -> set[str]:
        return {k.split()[0] for k in self.recurring if k.split()}

    def like_recurring(self, key: str, qualified: bool = False) -> bool:
        """Whether a label met once is shaped like the labels that recur: it opens with the same
        word ("Senator Róisín Garvey" in a debate of "Senator …" labels; "Mr. Pechell" beside "Mr.
        Attorney General"), or it carries a bracket where the document's labels do ("Volker
        Kauder (CDU/CSU):"). In a grammar that reads any capitalised words as a name, that is the
        evidence a single label needs."""
        if qualified and len(self.qualifiers) >= 3:
            return True
        first = key.split()[0] if key.split() else ""
        return first in self._openings

    @cached_property
    def in_capitals(self) -> bool:
        """Whether the document prints its speakers in capitals (four in five recurring labels):
        then a label in lower case is a word of speech, not a name."""
        rec = self.recurring - EXAMINATION_KEYS
        return len(rec) >= 2 and len(rec & self.caps) >= 0.8 * len(rec)

    @property
    def examination(self) -> bool:
        """Questions and answers labelled Q and A (an examination of witnesses)."""
        return self.counts.get("q", 0) >= 3

    def describe(self) -> str:
        """ "colon (17 labelled lines; runner-up colon-names)": the summary line's account."""
        rest = f"; runner-up {self.runner_up}" if self.runner_up else ""
        unsure = ", unsure" if self.unsure else ""
        return f"{self.grammar.name} ({self.score} labelled lines{unsure}{rest})"


def _lines_with_next(text: str):
    """(line, next non-blank line or None, whether a blank line or the start precedes it) for
    every line, last to first."""
    nxt: str | None = None
    end = len(text)
    while end >= 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        before = text.rfind("\n", 0, max(start - 1, 0)) + 1
        yield line, nxt, start == 0 or not text[before : start - 1].strip(" \t\f")
        if line.strip(" \t\f"):
            nxt = line
        end = start - 1


def all_caps(s: str) -> bool:
    """Whether every letter of `s` is a capital (and it has letters; a script without case has none)."""
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _score(counts: Counter) -> int:
    """Lines opened by a recurring label, and half a point for each label met once (a debate has
    many members who speak once; a grammar that reads stray words as names finds few that recur)."""
    keys = [k for k in counts if k not in EXAMINATION_KEYS]
    return sum(counts[k] for k in keys if counts[k] > 1) + sum(1 for k in keys if counts[k] == 1) // 2


#: Detection chooses the grammar on the first this-many characters of a longer document (the way
#: a document marks its speakers shows long before 2 MB), then counts that grammar's labels over
#: the whole: twelve grammars tried on every line of 50 MB would double the time of encoding.
SAMPLE_CHARS = 2_000_000


@dataclass
class _Tally:
    """What the grammars read on the lines of a text."""

    counts: dict
    caps: dict
    quals: dict
    bare: Counter

    @classmethod
    def of(cls, text: str, grammars: list[LabelGrammar]) -> _Tally:
        t = cls(
            {g.name: Counter() for g in grammars},
            {g.name: set() for g in grammars},
            {g.name: {} for g in grammars},
            Counter(),
        )
        for line, nxt, after_blank in _lines_with_next(text):
            line = line.lstrip(" \t\f")
            if not line or len(line) > 20_000:
                continue
            head = line[:600]
            for g in grammars:
                if MARKS.get(g.name, "") not in head:
                    continue
                p = propose(g, line)
                if p is None or (
                    g.alone and (not after_blank or nxt is None or propose(g, nxt.strip(" \t\f")) is not None)
                ):
                    continue
                t.counts[g.name][p.key] += 1
                if p.qualifier:
                    t.quals[g.name].setdefault(p.key, set()).add(normal(p.qualifier))
                if g.alone and line[p.end - 1 : p.end] not in ".:":
                    t.bare[g.name] += 1  # alone with no stop after it: weaker evidence
                if all_caps(" ".join(p.names)):
                    t.caps[g.name].add(p.key)
        return t

    def score(self, g: LabelGrammar) -> int:
        return _score(self.counts[g.name]) - self.bare[g.name] // 2

    def detection(self, g: LabelGrammar, runner: LabelGrammar | None = None, runner_score: int = 0) -> Detection:
        stopped = g.alone and self.bare[g.name] <= sum(self.counts[g.name].values()) / 3
        return Detection(
            g,
            self.score(g),
            runner.name if runner else "",
            runner_score,
            self.counts[g.name],
            self.caps[g.name],
            self.quals[g.name],
            stopped,
        )


def detect(text: str, forced: str | None = None) -> Detection:
    """Score every grammar on the document; the best explains the most lines with labels that recur.

    A label counts only where it recurs (a name that opens one line only proves nothing); a label
    alone on its line counts only when a line of speech, not another label, follows it. Among
    grammars scoring within a third of the best, the narrowest (highest priority) wins."""
    if forced:
        g = BY_NAME[forced]
        return _Tally.of(text, [g]).detection(g)
    sample = text if len(text) <= SAMPLE_CHARS else text[: text.rfind("\n", 0, SAMPLE_CHARS) + 1]
    tally = _Tally.of(sample, GRAMMARS)
    scores = {g.name: tally.score(g) for g in GRAMMARS}
    best = max(scores.values())
    near = [g for g in GRAMMARS if best and scores[g.name] >= 2 * best / 3]
    if not near:  # nothing recurs: a document of Q and A only, or no labels at all
        near = [max(GRAMMARS, key=lambda g: (sum(tally.counts[g.name].values()), g.priority))]
    winner = max(near, key=lambda g: (g.priority, scores[g.name]))
    others = sorted((g for g in GRAMMARS if g is not winner), key=lambda g: -scores[g.name])
    runner = others[0] if others and scores[others[0].name] else None
    if sample is not text:
        tally = _Tally.of(text, [winner])
    return tally.detection(winner, runner, scores[runner.name] if runner else 0)


#: Where an answer starts on its question's line: after "?—" (or "?–", "?-", "? —"), or after a
#: dash set off by a stop or a space when the line opens with its "Q." ("it was.— It was to
#: tell"). The text is read as corrected: a dash or a Q misread by OCR ("?~", "O,") is mended in
#: the text's corrections file, not tolerated here.
_ANSWER_AFTER_QUESTION = re.compile(r"\?[ ]?(?:[—–]+|-+)[ ]*(?=\S)")
_ANSWER_AFTER_DASH = re.compile(r"(?:[.;,:][ ]?[—–]+|[ ][—–-][ ])[ ]*(?=\S)")
_OPENS_WITH_Q = re.compile(r"Q[.:][ ]")


def answer_cuts(text: str) -> list[int]:
    """Offsets in a paragraph of an examination where an answer begins ("Q. Where?— At home.");
    one question, one answer, so only the first such place counts."""
    m = _ANSWER_AFTER_QUESTION.search(text)
    if m is None and _OPENS_WITH_Q.match(text):
        m = _ANSWER_AFTER_DASH.search(text)
    return [m.end()] if m else []
