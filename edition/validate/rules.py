"""The rules no grammar can express, each with a stable code, a meaning and a fix.

One table (`RULES`) lists them in the order they report; each rule is a small class told of the
elements it watches as they end (see `walk.py`), with everything that several rules need — the
xml:ids and the pointers — gathered once by an `Index`. Because the rules see a document only as
a sequence of ended elements, the same code checks a tree in memory and a file streamed in pieces.
The ODD customisation (`schemas/edition.odd`) states the same rules as Schematron, which is what
`edition validate` runs on a document it holds in memory (`constraints.py`). These Python rules
remain for documents too large to hold: they check a stream in one pass in memory bounded by its
largest turn, which Saxon-HE cannot do for rules that look across the document (ids, pointers, the
register). tests/test_validate_stream.py holds the two to the same diagnostics — code, line,
column, message, hint, path — on every document of the catalogue, the showcase and the samples,
and tests/test_schema.py keeps their codes and severities equal.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lxml import etree

from edition.validate.walk import Walk, Where
from edition.xmlio import TEI_NS, XML_ID

#: Attributes whose values are pointers; a value `#x` must name an xml:id of the same document.
POINTER_ATTRIBUTES = ("who", "ref", "target", "corresp", "ana", "resp", "synch", "since", "origin")

#: Pointers that name people (or bodies) are said to point "at the register" in messages.
REGISTER_POINTERS = ("who",)
NAME_ELEMENTS = ("persName", "orgName", "name", "affiliation")

_TEI = f"{{{TEI_NS}}}"


@dataclass(frozen=True)
class Finding:
    where: Where
    message: str
    hint: str | None = None


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _text(el: etree._Element) -> str:
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip()


class Index:
    """The xml:ids of a document, gathered as elements start (so that the first of a repeated id
    is the first in document order, as the Schematron sees it), and its local pointers, gathered
    as they end."""

    def __init__(self) -> None:
        self.ids: dict[str, int | None] = {}  # id → line of its first element
        self.repeated: list[tuple[Where, str, str, int | None]] = []  # place, tag, id, first line
        self.unresolved: list[tuple[Where, str, str, str]] = []  # place, tag, attr, target
        self.targets: set[str] = set()
        self.has_turns = False

    def start(self, el: etree._Element, walk: Walk) -> None:
        value = el.get(XML_ID)
        if value is not None:
            if value in self.ids:
                self.repeated.append((walk.where(), _local(el), value, self.ids[value]))
            else:
                self.ids[value] = el.sourceline

    def end(self, el: etree._Element, walk: Walk) -> None:
        for attr in POINTER_ATTRIBUTES:
            pointer = el.get(attr)
            if not pointer:
                continue
            for token in pointer.split():
                if token.startswith("#"):
                    target = token[1:]
                    self.targets.add(target)
                    if target not in self.ids:  # perhaps later in the document: decided at the end
                        self.unresolved.append((walk.where(), _local(el), attr, target))
        if el.tag in (_TEI + "sp", _TEI + "u"):
            self.has_turns = True


class Check:
    """One rule over one document. `watch`: the TEI elements it is told of as they end;
    `hold`: elements whose subtree it reads when they end; `keep`: elements it reads from their
    parent when the parent ends."""

    watch: tuple[str, ...] = ()
    hold: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()

    def __init__(self, index: Index) -> None:
        self.index = index
        self.found: list[Finding] = []

    def end(self, el: etree._Element, walk: Walk) -> None:
        """Look at an element that has just ended."""

    def finish(self) -> Iterable[Finding]:
        """Every finding, once the whole document has been seen."""
        return self.found


# --------------------------------------------------------------------------- the rules


class UniqueIds(Check):
    def finish(self) -> Iterator[Finding]:
        for where, tag, value, first in self.index.repeated:
            yield Finding(where, f"<{tag}> repeats xml:id {value!r}", f"first used on line {first}; ids must be unique")


class PointersResolve(Check):
    """One finding per attribute, naming every pointer of it that resolves to nothing (as the
    ODD's Schematron, whose rule is about the attribute, does)."""

    def finish(self) -> Iterator[Finding]:
        ids = self.index.ids
        dangling: dict[tuple[Where, str, str], list[str]] = {}
        for where, tag, attr, target in self.index.unresolved:
            if target not in ids:
                dangling.setdefault((where, tag, attr), []).append(target)
        known = list(ids) if dangling else []
        for (where, tag, attr), targets in dangling.items():
            several = len(targets) > 1
            register = attr in REGISTER_POINTERS or (attr == "ref" and tag in NAME_ELEMENTS)
            where_to = ("which are not " if several else "which is not ") + (
                "in the register"
                if register
                else "xml:ids of this document"
                if several
                else "an xml:id of this document"
            )
            close = [
                f"#{m[0]}" + (f" for #{t}" if several else "")
                for t in targets
                if (m := difflib.get_close_matches(t, known, n=1, cutoff=0.75))
            ]
            hint = (
                f"did you mean {', '.join(close)}?"
                if close
                else "add the entries or correct the pointers"
                if several
                else "add the entry or correct the pointer"
            )
            yield Finding(where, f"<{tag}> {attr}= points at {', '.join('#' + t for t in targets)}, {where_to}", hint)


class SessionsDated(Check):
    watch = ("div",)
    hold = ("head",)
    keep = ("head",)

    def end(self, div: etree._Element, walk: Walk) -> None:
        if div.get("type") != "session":
            return
        head = div.find(_TEI + "head")
        if head is not None and any(d.get("when") for d in head.iter(_TEI + "date")):
            return
        title = _text(head)[:60] if head is not None else "(no heading)"
        self.found.append(
            Finding(
                walk.where(),
                f"session “{title}” has no date",
                'give its <head> a <date when="YYYY-MM-DD">, or an empty one '
                'with type="inferred" when the date is known from context',
            )
        )


#: Digits 0-9 only, as the ODD's Schematron and XSD's integers read them (Python's \\d would take
#: any script's digits).
_INTEGER = re.compile(r"[0-9]+")


class VoteCountsIntegral(Check):
    watch = ("measure",)

    def end(self, m: etree._Element, walk: Walk) -> None:
        if m.get("type") != "vote":
            return
        for attr in ("quantity", "min", "max"):
            value = m.get(attr)
            if value is not None and not _INTEGER.fullmatch(value):
                self.found.append(
                    Finding(
                        walk.where(),
                        f"vote count {attr}={value!r} is not a whole number of votes",
                        'write the count as digits, e.g. quantity="38"',
                    )
                )


class VoteTotalsAddUp(Check):
    """Counts are gathered as they end under the vote they belong to (an open ancestor), and
    summed when that vote ends."""

    watch = ("*",)

    def __init__(self, index: Index) -> None:
        super().__init__(index)
        self._votes: dict[etree._Element, list[tuple[str | None, str | None, Where]]] = {}

    def end(self, el: etree._Element, walk: Walk) -> None:
        if el.tag == _TEI + "measure" and el.get("type") == "vote":
            self._votes.setdefault(_vote_of(el), []).append((el.get("subtype"), el.get("quantity"), walk.where()))
        counts = self._votes.pop(el, None) if self._votes else None
        if counts:
            self._check(counts)

    def _check(self, measures: list[tuple[str | None, str | None, Where]]) -> None:
        totals = [m for m in measures if m[0] == "total"]
        counts = [q for subtype, q, _ in measures if subtype != "total"]
        if not totals or not counts or not all(c and _INTEGER.fullmatch(c) for c in counts):
            return
        added = sum(map(int, counts))
        for _, given, where in totals:
            if given and _INTEGER.fullmatch(given) and int(given) != added:
                self.found.append(
                    Finding(
                        where,
                        f"the vote total is {given}, but its counts add up to {added} ({' + '.join(counts)})",
                        "check the counts against the source; mark a misprint with <choice>",
                    )
                )


def _vote_of(measure: etree._Element) -> etree._Element:
    """The vote a count belongs to: its nearest vote paragraph or remark, else its parent."""
    for anc in measure.iterancestors(_TEI + "p", _TEI + "stage", _TEI + "ab"):
        if anc.get("type") == "vote" or "#vote" in (anc.get("ana") or "").split():
            return anc
    return measure.getparent()


class ChoicesComplete(Check):
    watch = ("choice",)
    hold = ("choice",)
    pairs = (("sic", "corr"), ("orig", "reg"))

    def end(self, choice: etree._Element, walk: Walk) -> None:
        names = [_local(c) for c in choice if isinstance(c.tag, str)]
        if not any(a in names and b in names for a, b in self.pairs):
            has = ", ".join(f"<{n}>" for n in names) or "nothing"
            self.found.append(
                Finding(
                    walk.where(),
                    f"<choice> has {has}; it needs both readings, the source's (<sic>) and the correction (<corr>)",
                    "add the missing reading, or drop <choice> if nothing is corrected",
                )
            )


class TurnsNotEmpty(Check):
    watch = ("sp",)
    hold = ("sp",)

    def end(self, sp: etree._Element, walk: Walk) -> None:
        speech = [c for c in sp if isinstance(c.tag, str) and c.tag != _TEI + "speaker"]
        if any(_text(c) for c in speech) or any(True for c in speech for _ in c.iter(_TEI + "gap", _TEI + "ellipsis")):
            return
        speaker = sp.find(_TEI + "speaker")
        who = (_text(speaker) if speaker is not None else "").rstrip(" :.") or sp.get("who") or ""
        self.found.append(
            Finding(
                walk.where(),
                f"the turn of {who} has no words" if who else "a turn has no words",
                "merge it into the neighbouring turn, or mark what is missing with <gap>",
            )
        )


class RegisterUsed(Check):
    watch = ("person",)
    hold = ("person",)

    def __init__(self, index: Index) -> None:
        super().__init__(index)
        self._people: list[tuple[str, str, Where]] = []

    def end(self, person: etree._Element, walk: Walk) -> None:
        pid = person.get(XML_ID)
        if pid:
            self._people.append((pid, _person_name(person), walk.where()))

    def finish(self) -> Iterator[Finding]:
        if not self.index.has_turns:
            return  # a register file on its own: nothing here could point at its people
        for pid, name, where in self._people:
            if pid not in self.index.targets:
                yield Finding(
                    where,
                    f"#{pid} ({name}) is in the register but nothing in the text points at them",
                    "link a mention with <persName ref>, or remove the entry",
                )


class RegisterUnique(Check):
    watch = ("person",)
    hold = ("person",)

    def __init__(self, index: Index) -> None:
        super().__init__(index)
        self._seen: dict[str, tuple[str | None, int | None]] = {}

    def end(self, person: etree._Element, walk: Walk) -> None:
        name = _person_name(person)
        key = re.sub(r"\W+", " ", name).strip().lower()  # lower-case(), as the Schematron can
        if not key:
            return
        if key in self._seen:
            other, line = self._seen[key]
            self.found.append(
                Finding(
                    walk.where(),
                    f"#{person.get(XML_ID)} has the same name as #{other} (line {line}): {name}",
                    "merge the two entries, or tell them apart in persName[@type='reg']",
                )
            )
        else:
            self._seen[key] = (person.get(XML_ID), person.sourceline)


def _person_name(person: etree._Element) -> str:
    names = person.findall(_TEI + "persName")
    reg = next((n for n in names if n.get("type") == "reg"), names[0] if names else None)
    return _text(reg) if reg is not None else ""


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    title: str
    fix: str
    check: type[Check]


RULES: tuple[Rule, ...] = (
    Rule(
        "E301",
        "error",
        "xml:id values are unique in a document",
        "rename one of the two elements' xml:id and update pointers to it",
        UniqueIds,
    ),
    Rule(
        "E302",
        "error",
        "every local pointer (@who, @ref, @target, @corresp, @ana, @resp, @synch, "
        "@since, @origin) names "
        "an xml:id of the document",
        "correct the pointer or add the missing entry to the register (listPerson, listOrg) or taxonomy",
        PointersResolve,
    ),
    Rule(
        "E303",
        "error",
        "every session division has a date in its heading",
        'add <date when="…"> to the session\'s <head>',
        SessionsDated,
    ),
    Rule(
        "E304",
        "error",
        "vote counts are whole numbers",
        "write counts as digits in @quantity (or @min and @max)",
        VoteCountsIntegral,
    ),
    Rule(
        "E305",
        "error",
        "vote counts add up to the total where a total is given",
        "check the counts against the source; a misprinted count is corrected with <choice>",
        VoteTotalsAddUp,
    ),
    Rule(
        "E306",
        "error",
        "every <choice> has both readings: <sic> with <corr> (or <orig> with <reg>)",
        "add the missing reading",
        ChoicesComplete,
    ),
    Rule(
        "E307",
        "error",
        "no speaker turn is empty",
        "merge the turn into its neighbour, or mark the loss with <gap>",
        TurnsNotEmpty,
    ),
    Rule(
        "W308",
        "warning",
        "every person in the register is referred to by the text",
        "remove the entry, or link a mention of the person",
        RegisterUsed,
    ),
    Rule(
        "E309",
        "error",
        "no two persons in the register have the same name",
        "merge the entries, or distinguish their regularised names",
        RegisterUnique,
    ),
)


class RulePass:
    """The rules over one document, set up as the watchers of one `Walk`."""

    def __init__(
        self, rules: tuple[Rule, ...] = RULES, stream: bool = False, locate: Iterable[tuple[int, str]] = (), also=()
    ) -> None:
        """`also`: other watchers of the same pass (the grammar gate, the ODD's E200 constraints),
        each with `watch` (Clark names) and `hold` like a check's, and an `end(el, walk)`."""
        self.index = Index()
        self.checks = [(rule, rule.check(self.index)) for rule in rules]
        watchers: dict[str | None, list] = {None: [self.index.end]}
        for _, check in self.checks:
            for name in check.watch:
                watchers.setdefault(None if name == "*" else _TEI + name, []).append(check.end)
        hold = frozenset(_TEI + n for _, c in self.checks for n in c.hold)
        for other in also:
            for name in other.watch:
                watchers.setdefault(name, []).append(other.end)
            hold |= other.hold
        keep = frozenset(_TEI + n for _, c in self.checks for n in c.keep)
        self.walk = Walk(watchers, hold, keep, stream, locate, starts=[self.index.start])

    def findings(self) -> Iterator[tuple[Rule, Finding]]:
        for rule, check in self.checks:
            for finding in check.finish():
                yield rule, finding
