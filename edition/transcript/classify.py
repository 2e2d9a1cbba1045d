"""Stage 3, *classify*: paragraphs → units (what each paragraph is, who speaks it).

One left-to-right pass. Context-free questions ("is this a label?", "is this a vote?") are asked
of the tables in `grammar`; the pass itself only keeps the state a reader keeps: the current
speaker, the session and its chair, whether we are in a table, a list or a quoted document.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field

from edition.diagnostics import Reporter
from edition.editorial.register import Register
from edition.transcript import grammar as g
from edition.transcript import labels as lb
from edition.transcript.cast import Cast
from edition.transcript.model import Unit
from edition.transcript.segment import Para


@dataclass
class Label:
    end: int  # end of the label in the paragraph text
    speech_start: int  # where the speech starts
    names: list[str]
    qualifier: str
    key: str = ""  # the names as one key (labels.normal)


@dataclass
class Context:
    """What the classifier knows at a given paragraph."""

    who: tuple[str, ...] = ()
    chair: str = ""
    year: str = ""
    date: str = ""
    part: str = "front"
    in_session: bool = False
    session_has_turns: bool = False
    reporter: str = ""  # a "Report by X" heading waiting for X's unlabelled speech
    doc_who: tuple[str, ...] = ()  # who moved the quoted document being read
    prev: Unit | None = None
    seen_heading: bool = False
    examiner: str = ""  # who asks the questions labelled Q ("Examined by Mr. Dunning.")
    witness: str = ""  # who answers them (A): the last witness sworn
    examined: bool = False  # the witness sworn last has been examined already


#: The rules in the order they are tried; the first that decides a paragraph wins. Each is the
#: method `rule_<name>` of the classifier; a paragraph no rule decides is narration.
RULES: tuple[tuple[str, str], ...] = (
    ("furniture", "a line the edition's overrides mark as furniture of the page"),
    ("cast", "a play's list of persons: its heading, group headings and lines (transcript/cast.py)"),
    ("separator", "a row of stars or rules"),
    ("table", "numbered rows on consecutive lines, the header above them, a note below"),
    ("examination", "who examines whom in a trial: 'Examined by Mr. X.', 'NAME sworn.'"),
    ("turn", "a speaker label opens a turn (Q and A in an examination too)"),
    (
        "answer-ends",
        "in an examination, what follows an answer after a blank line is not the witness's (decides nothing)",
    ),
    ("stage", "a whole paragraph in parentheses that the grammar knows as an event"),
    ("transition", "a screenplay's transition: CUT TO:, FADE IN:, DISSOLVE TO:"),
    ("timestamp", "a time alone on its line: a cue's timing, a mission clock, an offset"),
    ("vote", "a vote count or result"),
    ("direction", "a whole paragraph in parentheses, in '[_', or in italics; 'Enter …', 'Exit …'"),
    ("session-meta", "chair, secretaries, time, presence, agenda before a session's first turn"),
    ("speech-after-label", "a line shaped like a heading right after a label alone on its line is that label's speech"),
    ("speech-ends", "a line shaped like a heading that ends a sentence and the turn is the speech's last line"),
    ("heading", "a heading opens a division (or heads a quoted document); inside a turn that goes on, a subheading"),
    ("quote", "a paragraph of a quoted document"),
    ("list-item", "an item of a numbered or lettered list"),
    ("report", "the unlabelled speech under a 'Report by X' heading"),
    ("chair-taken", "notes who takes the chair (decides nothing)"),
    ("narrated-turn", "'X reads the resolution:' before the document X reads"),
    ("narration", "the minute-taker's own sentence"),
    ("continuation", "a paragraph without a label while someone has the floor"),
)


@dataclass
class Classifier:
    register: Register
    detection: lb.Detection
    reporter: Reporter
    furniture: list[re.Pattern[str]] = field(default_factory=list)
    narration: list[re.Pattern[str]] = field(default_factory=list)  # this text's own (overrides)
    default_year: str = ""
    chairs: dict[str, str] = field(default_factory=dict)  # session heading → chair id (overrides)
    explain: bool = False  # keep on each unit the rule that decided it and the runner-up
    cast: Cast = field(default_factory=Cast)  # the document's cast lists (`cast.find_cast`)

    # ------------------------------------------------------------------ labels

    def label(
        self, text: str, prev: Unit | None = None, nxt: Para | None = None, line: int | None = None
    ) -> Label | None:
        """The speaker label opening `text`, if the document's grammar reads one there and the
        document bears it out (`_is_speaker`)."""
        grammar = self.detection.grammar
        p = lb.propose_in(grammar, text)
        if p is None:
            p = self._label_alone(text, nxt)
        if p is None:
            return None
        if any(g.FORMULA.fullmatch(" ".join(n.split()).rstrip(".")) for n in p.names):
            return None  # "RESOLVED:", "WHEREAS:": a resolution's words, not a speaker
        if grammar.alone and prev is not None and prev.kind == "turn" and not prev.text[prev.speech_start :].strip():
            return None  # a label alone right after another one is that one's speech ("Yes.")
        if (
            grammar.alone
            and nxt is not None
            and "\n" not in text.rstrip()
            and (q := lb.propose_in(grammar, nxt.text)) is not None
            and not self.cast.speech_not_label(p.key, q.key)
        ):
            return None  # nor is a label one that no speech follows ("Inhalt:" over a contents list)
        if not self._is_speaker(p, text, line):
            return None
        return Label(p.end, p.speech_start, p.names, p.qualifier, p.key)

    def _label_alone(self, text: str, nxt: Para | None) -> lb.Proposal | None:
        """In a document whose labels open their speech on the same line, one of its recurring
        labels standing alone on its line, with the document's stop, before a paragraph that is
        not a label: the speaker's turn, the speech below it ("LORD MANSFIELD." over his charge to
        the jury in a trial of "Lord Mansfield." labels). A label met once is not enough: a line
        of a name and a stop is as likely a heading or a signature."""
        grammar = self.detection.grammar
        stop = lb.MARKS.get(grammar.name, "")
        if (
            grammar.alone
            or stop not in (".", ":")
            or nxt is None
            or "\n" in text
            or not text.endswith(stop)
            or lb.propose_in(grammar, nxt.text) is not None
        ):
            return None
        p = lb.propose(lb.BY_NAME["line"], text)
        if p is None or p.end != len(text) or self.detection.counts.get(p.key, 0) < 2:
            return None
        return p

    def _is_speaker(self, p: lb.Proposal, text: str, line: int | None = None) -> bool:
        """Whether a proposed label is a speaker, judged against the document: yes when the register
        knows it or it names a role; when it recurs, unless the document prints its speakers in
        capitals and this one is not; when met once, if its bracket names a person, or if it has
        the stop the document's labels have and (in a grammar that reads any capitalised words)
        is shaped like the recurring ones — then with a warning (W206), since a debate has members
        who speak once."""
        det = self.detection
        if self.cast.names_speaker(p.key):
            return True  # the play's list of persons names it
        if all(self._role(n) or self.register.by_label(" ".join(n.split())) for n in p.names):
            return True
        if det.counts.get(p.key, 0) > 1:
            return not det.in_capitals or p.key in det.caps
        if det.in_capitals and not lb.all_caps(" ".join(p.names)):
            return False
        if len(p.names) == 1 and det.names_person(p.key, p.qualifier):
            return True  # "Acting Chairperson (Senator Fintan Warfield)": a person named
        stop = text[p.end - 1 : p.end] in ".:"
        if det.stopped and not stop:
            return False  # "THE TEMPEST" over a play of "MASTER." labels: a heading
        alone_marked = det.grammar.alone and (stop or lb.all_caps(" ".join(p.names)))
        if det.grammar.broad and not alone_marked and not det.like_recurring(p.key, bool(p.qualifier)):
            return False  # any capitalised words before a stop: a name only beside its like
        if p.key not in self._once:
            self._once.add(p.key)
            if len(self._once) > _SINGLE_LABELS_LISTED:
                return True  # counted, and told once at the end of the pass
            self.reporter.warning(
                "W206",
                f"the label {text[p.start : p.end]!r} occurs only once; it is taken as a speaker",
                line=line,
                hint="if it is not a speaker, mark the paragraph in overrides.toml",
            )
        return True

    @staticmethod
    def _role(name: str) -> str | None:
        return role_of(name)

    def resolve(self, name: str, ctx: Context, unit: Unit) -> str:
        name = " ".join(name.replace("\u00a0", " ").split())
        role = self._role(name)
        if role == "chair":
            if ctx.chair:
                return ctx.chair
            return self.register.ensure(name, "chair")
        if role == "anonymous":
            return person_of_label(self.register, name)
        if role in ("examiner", "witness"):
            found = ctx.examiner if role == "examiner" else ctx.witness
            if found:
                return found
            if role not in self._unresolved:
                self._unresolved.add(role)
                self.reporter.warning(
                    "W207",
                    f"{name!r} is not resolved to a person: no "
                    f"{'examination by a counsel' if role == 'examiner' else 'witness sworn'} "
                    "is named before it",
                    line=unit.para.line,
                    hint="the turns are given to a register entry for the label itself",
                )
            return self.register.ensure(name, role)
        found = self.register.by_label(name)
        if found:
            return found
        if self.register.source:
            self.reporter.warning(
                "W201",
                f"speaker label {name!r} is not in the register; a register entry was generated",
                line=unit.para.line,
                hint='add it as <persName type="label"> to the right person',
            )
        return self.register.ensure(name)

    # ------------------------------------------------------------------ the pass

    def _doc_follows(self, para: Para) -> bool:
        """A quoted document (perhaps under its own heading) comes next."""
        following = self._paras[para.index + 1 : para.index + 3]
        if following and _starts_quote(following[0].text):
            return True
        return len(following) == 2 and self.heading(following[0].text) is not None and _starts_quote(following[1].text)

    def run(self, paras: list[Para]) -> list[Unit]:
        self._paras = paras
        self._running = _running_heads(paras)
        self._once: set[str] = set()
        self._unresolved: set[str] = set()
        ctx = Context(year=self.default_year)
        units: list[Unit] = []
        work_starts, work_ends = _boilerplate_bounds(paras)
        for i, para in enumerate(paras):
            nxt = paras[i + 1] if i + 1 < len(paras) else None
            if i < work_starts or i >= work_ends:
                unit = Unit(para, "furniture")  # an e-text's licence and notes, not the work
            else:
                unit = self.classify(para, nxt, ctx)
            unit.part = ctx.part
            unit.chair = ctx.chair
            units.append(unit)
            ctx.prev = unit
        if len(self._once) > _SINGLE_LABELS_LISTED:
            self.reporter.warning(
                "W206",
                f"{len(self._once) - _SINGLE_LABELS_LISTED} more labels occur only "
                "once and are taken as speakers (the first "
                f"{_SINGLE_LABELS_LISTED} are listed above)",
            )
        return units

    def classify(self, para: Para, nxt: Para | None, ctx: Context) -> Unit:
        """The first rule of `RULES` that decides the paragraph; with `explain` set, the rule and
        the runner-up (the next rule that would have decided it) are kept on the unit."""
        for i, (name, _doc) in enumerate(RULES):
            unit = getattr(self, "rule_" + name.replace("-", "_"))(Unit(para, "narration"), nxt, ctx)
            if unit is not None:
                if self.explain:
                    unit.notes.append(f"rule:{name}")
                    unit.notes.append(f"runner-up:{self._runner_up(i, para, nxt, ctx)}")
                return unit
        unit = Unit(para, "narration")
        if self.explain:
            unit.notes += ["rule:narration (nothing else)", "runner-up:"]
        return unit

    def _runner_up(self, decided: int, para: Para, nxt: Para | None, ctx: Context) -> str:
        """The rule after `decided` that would also have decided the paragraph, tried on copies of
        what a rule may change (the register, the context, the warnings)."""
        saved = self.register, self.reporter, self._once, self._unresolved
        self.register, self.reporter = copy.deepcopy(self.register), Reporter()
        self._once, self._unresolved = set(self._once), set(self._unresolved)
        try:
            for name, _doc in RULES[decided + 1 :]:
                if (
                    getattr(self, "rule_" + name.replace("-", "_"))(
                        Unit(para, "narration"), nxt, dataclasses.replace(ctx)
                    )
                    is not None
                ):
                    return name
            return "narration (nothing else)"
        finally:
            self.register, self.reporter, self._once, self._unresolved = saved

    # ------------------------------------------------------------------ the rules, in RULES order

    def rule_furniture(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        if any(p.search(u.text) for p in self.furniture):
            u.kind = "furniture"
            return u
        return None

    def rule_cast(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        part = self.cast.part_of(u.para.index)
        if not part:
            return None
        u.kind, u.subtype = "cast", part
        ctx.who = ()
        return u

    def rule_separator(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        if g.SEPARATOR.fullmatch(u.text):
            ctx.who = ()
            u.kind = "separator"
            return u
        return None

    def rule_table(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        text, prev, para = u.text, ctx.prev, u.para
        single_break = prev is not None and _gap(prev.para, para) == 1
        if prev is not None and prev.kind in ("row", "row-head", "row-cont") and single_break:
            m = g.TABLE_ROW.match(text)
            u.kind, u.n = ("row", m.group("n")) if m else ("row-cont", "")
            return u
        if g.TABLE_ROW.match(text) and nxt is not None and _gap(para, nxt) == 1 and g.TABLE_ROW.match(nxt.text):
            u.kind, u.n = "row", g.TABLE_ROW.match(text).group("n")
            return u
        if (
            nxt is not None
            and _gap(para, nxt) == 1
            and g.TABLE_ROW.match(nxt.text)
            and len(text) < 80
            and not text.endswith((".", ":"))
        ):
            u.kind = "row-head"
            return u
        if text.startswith("*") and prev is not None and prev.kind in ("row", "row-cont"):
            u.kind = "footnote"
            return u
        return None

    def rule_examination(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        """Who examines whom: "Examined by Mr. Dunning.", "BY MR. SMITH:", "Captain LEVERSAGE sworn."."""
        if not self.detection.examination:
            return None
        found = _examination(u.text)
        if not found and nxt is not None and _gap(u.para, nxt) == 1 and g.SWORN_BELOW.fullmatch(nxt.text):
            found = _examination(f"{u.text} {nxt.text}")  # the name, "sworn." on the next line
        if (
            not found
            and ctx.prev is not None
            and _gap(ctx.prev.para, u.para) == 1
            and g.SWORN_BELOW.fullmatch(u.text)
            and _examination(f"{ctx.prev.text} {u.text}")
        ):
            ctx.who = ()
            return u  # the "sworn." under the name: the witness is known already
        if not found:
            return None
        role, name = found
        person = self.register.by_name(name) or self.register.by_label(name) or self.register.ensure(name)
        if role == "examiner":
            cross = _CROSS.search(u.text) or (ctx.prev is not None and _CROSS.search(ctx.prev.text))
            if ctx.examined and not cross:
                ctx.witness = ""  # a new examination in chief and no witness sworn for it:
            ctx.examiner, ctx.examined = person, True  # the answers are not the last witness's
        else:
            ctx.witness, ctx.examiner, ctx.examined = person, "", False
        ctx.who = ()
        return u

    def rule_turn(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        """A speaker label opens a turn (or an examination's question or answer implies one)."""
        para, text, prev = u.para, u.text, ctx.prev
        label = self.label(text, prev, nxt, para.line)
        if label is None and prev is not None and prev.subtype == "question" and self.detection.examination:
            label = Label(0, 0, ["A"], "", "a")  # the answer printed after "?—" on the question's line
        elif (
            label is None
            and self.detection.examination
            and (ctx.witness or ctx.examiner)
            and _ASKS.search(text)
            and not _continues_line_above(prev, para)
        ):
            label = Label(0, 0, ["Q"], "", "q")  # a question printed without its "Q."
        if label is None:
            return None
        if len(label.names) == 1 and self.detection.names_person(label.key, label.qualifier):
            who = (self.resolve(label.qualifier, ctx, u),)  # "Заря 1 (Королев)": Korolev
            self.register.alias(who[0], text[: label.end].rstrip(" .:"))
        else:
            who = tuple(self.resolve(n, ctx, u) for n in label.names)
        u.kind, u.who, u.label_end, u.speech_start = "turn", who, label.end, label.speech_start
        if self.detection.examination and _ASKS.search(text):
            u.subtype = "question"
        elif self.detection.examination and len(label.names) == 1 and self._role(label.names[0]) == "witness":
            u.subtype = "answer"
        speech = text[label.speech_start :]
        u.reported = bool(g.REPORTED_VERB.match(speech)) and not g.INVERTED_QUESTION.match(speech)
        ctx.who, ctx.session_has_turns, ctx.reporter = who, True, ""
        if ctx.part == "front":  # front matter ends where the speaking starts
            ctx.part = "body"
        return u

    def rule_answer_ends(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        """In an examination the witness answers in the paragraph of the answer (its lines run on
        without a blank one): a paragraph after a blank line is not the witness's — the reporter's
        narrative, "The End of the Evidence …", a heading. Decides nothing; the witness no
        longer has the floor."""
        prev = ctx.prev
        if self.detection.examination and prev is not None and prev.subtype == "answer" and _gap(prev.para, u.para) > 1:
            ctx.who = ()
        return None

    def rule_stage(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        text = u.text
        if text.startswith("(") and text.endswith(")") and g.STAGE_REMARK.fullmatch(text):
            return self._direction(u, nxt, ctx)
        return None

    def rule_direction(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        """A paragraph that is a direction or an interjection as a whole. Inside a turn that goes on
        after it, it stays in the turn (applause in a speech); before a label or outside a turn,
        it stands between the turns."""
        text = u.text
        if not (g.DIRECTION.fullmatch(text) or g.DIRECTION_OPENING.match(text)):
            return None
        return self._direction(u, nxt, ctx)

    def _direction(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit:
        u.kind = "stage"
        goes_on = (
            nxt is not None
            and lb.propose_in(self.detection.grammar, nxt.text) is None
            and not g.DIRECTION.fullmatch(nxt.text)
        )
        if ctx.who and goes_on:
            u.who = ctx.who
        else:
            ctx.who = ()
        return u

    def rule_timestamp(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        """A time alone on its line belongs to what follows it: between turns before a label, in
        the turn when the same speaker goes on after it."""
        if not g.TIMESTAMP_LINE.fullmatch(u.text.strip()):
            return None
        self._direction(u, nxt, ctx)
        u.kind = "timestamp"
        return u

    def rule_transition(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        """A screenplay's transition ("CUT TO:", "FADE IN:") is a direction, never speech."""
        if g.TRANSITION.fullmatch(u.text.strip()):
            u.kind = "stage"
            ctx.who = ()
            return u
        return None

    def rule_vote(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        if _is_vote(u.text, bool(ctx.who)):
            u.kind = "vote"
            ctx.who = ()
            return u
        return None

    def rule_session_meta(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        if not ctx.in_session or ctx.session_has_turns:
            return None
        for role, pattern in g.SESSION_META:
            m = pattern.match(u.text)
            if m:
                u.kind, u.subtype = "meta", role
                if role == "chair":
                    ctx.chair = self._first_person(u.text[m.end() :]) or ctx.chair
                    u.chair = ctx.chair
                return u
        return None

    def rule_speech_after_label(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        """What follows a label alone on its line is that label's speech, however it is shaped:
        "Lord Farncombe----" under "ROPER." is what Roper says, not a title inside his turn.
        Decides only a line the heading rule would take for a topic's heading; a division's own
        heading ("ACT II.", a session's) still opens its division."""
        prev = ctx.prev
        if not ctx.who or prev is None or prev.kind != "turn" or prev.text[prev.speech_start :].strip():
            return None
        if not self._topic_heading(u.text):
            return None
        return self.rule_continuation(u, nxt, ctx)

    def rule_speech_ends(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        """A line shaped like a heading that ends a sentence ("Vielen Dank.", "Where's Sybil?",
        "Ask Miss Birch----!") in a turn that ends with it — the next paragraph opens another
        label — is the speech's last words: a heading stands above what it heads, never last."""
        if not ctx.who or not u.text.rstrip().endswith(_SENTENCE_ENDS) or not self._topic_heading(u.text):
            return None  # (the heading's shape first: it refuses a long paragraph at once)
        if lb.all_caps(u.text) or self._turn_goes_on(nxt):
            return None
        return self.rule_continuation(u, nxt, ctx)

    def rule_heading(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        """A heading opens a division. Inside a turn, a topic's heading set in the text's own case
        is a subheading of the speech when the speech goes on below it; when the turn ends there
        and the line is set as a title (no stop, no bracket: "The End of the Evidence for the
        Defendants" above the next witness), it is the document's heading and closes the turn —
        unless the document prints it again and again: a running head ("Seanad Éireann" at the
        top of each page) heads nothing."""
        heading = self.heading(u.text)
        if not heading:
            return None
        level, div_type = heading
        if nxt is not None and _starts_quote(nxt.text) and div_type == "topic":
            u.kind, u.doc_head, u.level, u.div_type = "heading", True, 0, "document"
            return u
        if (
            ctx.who
            and div_type == "topic"
            and not lb.all_caps(u.text)
            and (
                self._turn_goes_on(nxt)
                or not u.text.rstrip()[-1:].isalnum()
                or " ".join(u.text.split()) in self._running
            )
        ):
            u.kind, u.who = "subheading", ctx.who
            return u
        return self._heading(u, level, div_type, ctx)

    def _topic_heading(self, text: str) -> bool:
        heading = self.heading(text)
        return heading is not None and heading[1] == "topic"

    def _turn_goes_on(self, nxt: Para | None) -> bool:
        """Whether the paragraph after this one can be more of the current turn: there is one,
        and it opens neither with a label of the document's grammar nor with who is examined."""
        if nxt is None or lb.propose_in(self.detection.grammar, nxt.text) is not None:
            return False
        return not (self.detection.examination and _examination(nxt.text))

    def rule_quote(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        text, prev = u.text, ctx.prev
        if not (_starts_quote(text) and (ctx.who or prev is None or prev.kind != "item")):
            return None
        in_doc = prev is not None and (prev.kind == "quote" or prev.doc_head or prev.subtype == "lead")
        u.kind, u.who = "quote", ctx.who or (ctx.doc_who if in_doc else ())
        ctx.doc_who = ctx.doc_who if in_doc else ""
        if u.who and not ctx.who:
            ctx.doc_who = u.who
        m = g.NUMBERED_POINT.match(text)
        u.n = m.group("n") if m else ""
        return u

    def rule_list_item(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        m = g.LIST_ITEM.match(u.para.indent + u.text)
        if not m or len(u.text) >= 600:
            return None
        u.kind, u.who, u.n = "item", ctx.who, m.group("n")
        u.depth = len(u.para.indent.expandtabs(4)) // 2
        return u

    def rule_report(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        """The unlabelled speech under a "Report by X" heading is X's."""
        if ctx.reporter and not ctx.who:
            u.kind, u.who = "turn", (ctx.reporter,)
            ctx.who, ctx.reporter, ctx.session_has_turns = u.who, "", True
            return u
        return None

    def rule_chair_taken(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        """Notes who takes the chair ("Comrade Nogin takes the chair"); decides nothing."""
        chair_taker = _CHAIR_TAKEN.search(u.text)
        if chair_taker:
            ctx.chair = self.register.by_name(chair_taker.group("name")) or ctx.chair
        return None

    def rule_narrated_turn(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        """ "Nogin reads the resolution:" before a quoted document: the reading is Nogin's turn."""
        speaker = self._narrated_speaker(u.text)
        if speaker and self._doc_follows(u.para):
            u.kind, u.who, u.reported = "turn", (speaker,), True
            ctx.who = u.who
            return u
        return None

    def rule_narration(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        text = u.text
        if not self._is_narration(text, ctx, nxt):
            return None
        ctx.who = ()
        mover = g.DOC_MOVER.match(text)
        if mover and nxt is not None and _starts_quote(nxt.text):
            person = self.register.by_name(mover.group("name"))
            ctx.doc_who = (person,) if person else ()
            u.subtype = "lead"
        return u

    def rule_continuation(self, u: Unit, nxt: Para | None, ctx: Context) -> Unit | None:
        """A paragraph without a label while someone has the floor goes on with their turn."""
        if not ctx.who:
            return None
        u.who = ctx.who
        if self.detection.examination and _ASKS.search(u.text):
            u.subtype = "question"  # a question wrapped onto this line: its answer follows
        elif ctx.prev is not None and ctx.prev.subtype == "answer":
            u.subtype = "answer"  # an answer wrapped onto this line
        u.kind = "reported" if (g.REPORTED.match(u.text) or self._names_speaker(u.text, ctx)) else "speech"
        return u

    # ------------------------------------------------------------------ helpers

    def heading(self, text: str) -> tuple[int, str] | None:
        """(level, div type) if the paragraph is a heading."""
        if len(text) > 140 or "\n" in text:
            return None
        for name, level, div_type, pattern in g.HEADINGS:
            if pattern.match(text) and (name in ("report", "article", "act", "scene") or _heading_shape(text)):
                return level, div_type
        if _heading_shape(text) and not lb.BY_NAME["colon"].pattern.match(text):
            return 2, "topic"
        return None

    def _heading(self, u: Unit, level: int, div_type: str, ctx: Context) -> Unit:
        text = u.text
        u.kind, u.level, u.div_type = "heading", level, div_type
        ctx.who, ctx.reporter = (), ""
        if div_type == "report":
            m = re.search(r"(?:by|of)[ ](?:comrade[ ]|Comrade[ ])?(?P<name>[\w’'\-]+)", text)
            ctx.reporter = (self.register.by_name(m.group("name")) or "") if m else ""
        if div_type == "foreword":
            ctx.part = "front"
        elif div_type == "appendix":
            ctx.part = "back"
        elif div_type in ("session", "act") or (ctx.part == "front" and ctx.seen_heading and div_type != "topic"):
            ctx.part = "body"
        if div_type == "session":
            ctx.part = "body"
            date = _parse_date(text, ctx.year or self.default_year)
            if date:
                ctx.date, ctx.year = date, date[:4]
                u.when = date
            else:
                u.when, u.level = ctx.date, 2 if ctx.date else 1
                u.subtype = (
                    "joint"
                    if re.search(r"\bjoint\b", text, re.I)
                    else "continued"
                    if re.search(r"\bcontinu", text, re.I)
                    else ""
                )
                u.notes.append("date-inherited")
            ctx.in_session, ctx.session_has_turns = True, False
            ctx.chair = self.chairs.get(text, "")
        if ctx.part == "front" and not ctx.seen_heading and div_type == "topic":
            u.kind = "title"
        ctx.seen_heading = True
        return u

    def _first_person(self, text: str) -> str:
        text = re.sub(r"\b[Cc]omrades?\b", "", text)
        for chunk in re.split(r",|\band\b|;", text):
            chunk = chunk.strip(" .:")
            if chunk.split():  # not blank by str.split's reckoning either (U+3000, U+2028 …)
                found = self.register.by_name(chunk) or self.register.by_name(chunk.split()[-1])
                if found:
                    return found
                if re.fullmatch(r"[A-Z][\w’'\-]+", chunk.split()[-1]):
                    return self.register.ensure(chunk.split()[-1], "chair")
        return ""

    def _is_narration(self, text: str, ctx: Context, nxt: Para | None) -> bool:
        if g.NARRATION.match(text) or any(p.match(text) for p in self.narration):
            return True
        m = _CAPITALS_ACT.match(text)
        if m and self._known_speaker(m.group("name")):
            return True  # "THE CHAIRMAN deprives him …", "VOITINSKY proposes …"
        m = g.NARRATED_PERSON.match(text)
        if m and m.group("title") and not m.group("title").startswith("Comrade"):
            return True  # "Councillor Mossop then reports …": a member named by title
        if m:
            name = m.group("name").split(" – ")[0]
            poss = bool(m.group("poss")) or name.endswith(("’s", "'s"))
            person = self.register.by_name(re.sub(r"[’']s$", "", name))
            if person and (poss or person not in ctx.who):
                return True
        return bool(_CHAIR_TAKEN.search(text))

    def _known_speaker(self, name: str) -> bool:
        """Whether a name in capitals is one of the document's speakers (a role, a person of the
        register, a label it reads), not an acronym ("NAMA has …") or a word set in capitals
        ("THERE arises …", the first word of a judge's charge)."""
        name = " ".join(name.split())
        return bool(
            self._role(name)
            or self.register.by_label(name)
            or self.register.by_name(name)
            or self.detection.counts.get(lb.normal(name), 0)
        )

    def _names_speaker(self, text: str, ctx: Context) -> bool:
        m = g.NARRATED_PERSON.match(text)
        return bool(m and self.register.by_name(m.group("name")) in ctx.who)

    def _narrated_speaker(self, text: str) -> str:
        m = g.NARRATED_PERSON.match(text)
        if m and m.group("verb").split()[-1] in ("reads", "moves", "proposes", "read", "moved", "proposed"):
            return self.register.by_name(m.group("name")) or ""
        return ""


def role_of(name: str) -> str | None:
    """The role a label names ("chair", "anonymous", "office"), or None for a person's name."""
    for role, pattern in g.ROLE_LABELS:
        if pattern.fullmatch(" ".join(name.split())):
            return role
    return None


def person_of_label(register: Register, name: str) -> str:
    """The register id of a label met outside a turn's own resolution (an interjection in
    brackets) or of an anonymous one: the same anonymous label is always the same entry."""
    if role_of(name) == "anonymous":
        return register.ensure(name, "anonymous", id_prefix="anon-")
    return register.by_label(name) or register.ensure(name)


#: A name in capitals and a verb in the third person: the minute-taker reporting what someone does.
_CAPITALS_ACT = re.compile(r"(?P<name>(?:THE[ \u00a0])?[A-Z]{3,}(?:[ \u00a0][A-Z]{3,})*)[ \u00a0][a-z]+s\b")
_CHAIR_TAKEN = re.compile(
    rf"(?:{g.HONORIFIC}[ ])?(?P<name>[A-Z][\w’'\-]+)[^.]{{0,80}}"
    r"\b(?:takes[ ]the[ ]chair|took[ ]the[ ]chair|presided|presides|(?:is|was)[ ]in[ ]the[ ]chair)"
)


def _gap(a: Para, b: Para) -> int:
    """Number of line ends between two paragraphs (1 = adjacent lines)."""
    return b.line - (a.line + a.text.count("\n"))


def _continues_line_above(prev: Unit | None, para: Para) -> bool:
    """A paragraph that goes on with the line right above it: it opens in lower case on the next
    line ("Q. … you never spoke to" / "him?— No."), so it is the rest of that sentence."""
    return prev is not None and _gap(prev.para, para) == 1 and para.text[:1].islower()


def _starts_quote(text: str) -> bool:
    if not text or text[0] not in g.QUOTE_OPEN:
        return False
    close = max(text.rfind("”"), text.rfind('"'))
    first_close = min((i for i in (text.find("”", 1), text.find('"', 1)) if i > 0), default=-1)
    if first_close == -1:
        return True
    tail = text[first_close + 1 :].strip()
    return len(tail) <= 3 or close == len(text.rstrip(" .;,")) - 1


def _heading_shape(text: str) -> bool:
    text = text.strip()
    if not text or len(text) > 120 or text.endswith((":", ";", ",")) or text[0] in g.QUOTE_OPEN:
        return False
    if lb.all_caps(text):
        return len(re.findall(r"[A-Za-z]", text)) >= 4
    words = re.findall(r"[\w’'\-]+", text)
    if not words or len(words) > 14 or "," in text:
        return False
    if len(words) == 1 and text.endswith((".", "!", "?")):
        return False  # "Oh.", "Yes.": a word of speech, not a title
    if text.endswith(".") and len(words) > 6:
        return False
    if ". " in text and not re.match(r"(?:[IVXLC]+|\d+)\.[ ]", text):
        return False
    for i, w in enumerate(words):
        if w[0].isdigit() or re.fullmatch(r"[IVXLC]+", w):
            continue
        if w[0].islower() and (i == 0 or w.lower() not in g.MINOR_WORDS):
            return False
    return words[0][0].isupper() or re.fullmatch(r"[IVXLC]+", words[0]) is not None


def _parse_date(text: str, year: str) -> str:
    m = g.DATE.search(text)
    if not m:
        return ""
    month = (m.group("month") or m.group("month2")).lower()
    day = int(m.group("day") or m.group("day2"))
    y = m.group("year") or m.group("year2") or year
    if not y:
        return ""
    return f"{int(y):04d}-{g.MONTHS[month]:02d}-{day:02d}"


def _is_vote(text: str, in_turn: bool) -> bool:
    if len(text) > 300:
        return False
    if g.VOTE_COUNT.search(text) or g.VOTE_AGAINST_WORDS.search(text):
        return True
    m = g.VOTE_OUTCOME.search(text)
    if not m or len(text) >= 200:
        return False
    return not in_turn or bool(g.NARRATION.match(text) or _VOTE_OPENING.match(text))


#: A vote result stated first thing: "Adopted by a majority …", "Sverdlov’s motion is carried."
_VOTE_OPENING = re.compile(
    r"(?:[\w’']+[ ]){0,4}(?:is[ ]|are[ ]|was[ ]|were[ ])?(?:carried|adopted|"
    r"rejected|defeated|passed|accepted|withdrawn)\b",
    re.I,
)


def _running_heads(paras: list[Para]) -> set[str]:
    """The one-line paragraphs a document prints `_RUNNING_HEAD_TIMES` times or more, white space
    (a page break too) folded: a page's running head or furniture, never one division's heading."""
    counts = Counter(" ".join(p.text.split()) for p in paras if len(p.text) <= 140 and "\n" not in p.text)
    return {text for text, n in counts.items() if n >= _RUNNING_HEAD_TIMES}


def _boilerplate_bounds(paras: list[Para]) -> tuple[int, int]:
    """(first, last + 1) paragraph of the work inside an e-text's boilerplate: what lies before a
    "*** START OF THE PROJECT GUTENBERG EBOOK" line and from its END line on is furniture."""
    first, last = 0, len(paras)
    for para in paras:
        if len(para.text) > 300:
            continue
        if g.BOILERPLATE_START.search(para.text) and first == 0:
            first = para.index + 1
        elif g.BOILERPLATE_END.search(para.text):
            last = para.index
            break
    return first, last


def _examination(text: str) -> tuple[str, str] | None:
    """("examiner" | "witness", name) for a line that says who examines or who is sworn."""
    for role, pattern in g.EXAMINATION:
        m = pattern.fullmatch(text.strip(" *_"))
        if m:
            name = " ".join(m.group("name").split())
            return role, g.STYLES.sub("", g.STYLES.sub("", name)) or name
    return None


#: How often a line recurs before it is taken for a running head rather than a heading.
_RUNNING_HEAD_TIMES = 3
#: How a sentence ends: a stop, a question, an exclamation, an ellipsis, a dash broken off.
_SENTENCE_ENDS = (".", "!", "?", "…", "-", "—", "–")
#: How many labels met once are reported one by one; the rest are counted in one warning.
_SINGLE_LABELS_LISTED = 20
_CROSS = re.compile(r"\b(?:cross|re)[- ]?exam", re.I)
#: A question whose answer follows on its line (segment made the cut: "Q. … ?—" | "Yes, Sir.").
_ASKS = re.compile(r"(?:\?[ ]?(?:[—–]+|-+)|[.;,:][ ]?[—–]+|[ ][—–-])[ ]*$")
