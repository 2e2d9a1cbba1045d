"""The rules no grammar can express, each with a stable code, a meaning and a fix.

One table (`RULES`) lists them in the order they run; each rule is a small function from a
`Context` (the document and its indexes, built once) to findings. The ODD customisation
(`schemas/edition.odd`) documents the same codes in its constraintSpecs, and a test keeps the two
lists equal, so the codes an editor sees are the ones the documentation explains.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from lxml import etree

from edition.diagnostics import Diagnostic
from edition.validate.document import Document
from edition.xmlio import TEI_NS, XML_ID

#: Attributes whose values are pointers; a value `#x` must name an xml:id of the same document.
POINTER_ATTRIBUTES = ("who", "ref", "target", "corresp", "ana", "resp")

#: Pointers that name people (or bodies) are said to point "at the register" in messages.
REGISTER_POINTERS = ("who",)

_TEI = f"{{{TEI_NS}}}"


@dataclass(frozen=True)
class Finding:
    element: etree._Element
    message: str
    hint: str | None = None


class Context:
    """One document and the indexes the rules share, each computed at most once."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.root = doc.root

    @cached_property
    def ids(self) -> dict[str, etree._Element]:
        """First element carrying each xml:id."""
        ids: dict[str, etree._Element] = {}
        for el in self.root.iter(etree.Element):
            value = el.get(XML_ID)
            if value is not None:
                ids.setdefault(value, el)
        return ids

    @cached_property
    def pointers(self) -> list[tuple[etree._Element, str, str]]:
        """(element, attribute, id) for every local pointer `#id` in the document."""
        found = []
        for el in self.root.iter(etree.Element):
            for attr in POINTER_ATTRIBUTES:
                value = el.get(attr)
                if value:
                    found += [(el, attr, token[1:]) for token in value.split() if token.startswith("#")]
        return found

    def tei(self, name: str) -> Iterator[etree._Element]:
        return self.root.iter(_TEI + name)


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    title: str
    fix: str
    check: Callable[[Context], Iterator[Finding]]


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _text(el: etree._Element) -> str:
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip()


# --------------------------------------------------------------------------- the rules

def unique_ids(ctx: Context) -> Iterator[Finding]:
    first: dict[str, etree._Element] = {}
    for el in ctx.root.iter(etree.Element):
        value = el.get(XML_ID)
        if value is None:
            continue
        if value in first:
            yield Finding(el, f"<{_local(el)}> repeats xml:id {value!r}",
                          f"first used on line {first[value].sourceline}; ids must be unique")
        else:
            first[value] = el


def pointers_resolve(ctx: Context) -> Iterator[Finding]:
    ids = ctx.ids
    known = None
    for el, attr, target in ctx.pointers:
        if target in ids:
            continue
        where = "which is not in the register" if attr in REGISTER_POINTERS or (
            attr == "ref" and _local(el) in ("persName", "orgName", "name", "affiliation")) \
            else "which is not an xml:id of this document"
        if known is None:
            known = list(ids)
        close = difflib.get_close_matches(target, known, n=1, cutoff=0.75)
        yield Finding(el, f"<{_local(el)}> {attr}= points at #{target}, {where}",
                      f"did you mean #{close[0]}?" if close else "add the entry or correct the pointer")


def sessions_dated(ctx: Context) -> Iterator[Finding]:
    for div in ctx.tei("div"):
        if div.get("type") != "session":
            continue
        head = div.find(_TEI + "head")
        dated = head is not None and any(d.get("when") for d in head.iter(_TEI + "date"))
        if not dated:
            title = _text(head)[:60] if head is not None else "(no heading)"
            yield Finding(div, f"session “{title}” has no date",
                          "give its <head> a <date when=\"YYYY-MM-DD\">, or an empty one with "
                          "type=\"inferred\" when the date is known from context")


_INTEGER = re.compile(r"\d+")


def vote_counts_integral(ctx: Context) -> Iterator[Finding]:
    for m in ctx.tei("measure"):
        if m.get("type") != "vote":
            continue
        for attr in ("quantity", "min", "max"):
            value = m.get(attr)
            if value is not None and not _INTEGER.fullmatch(value):
                yield Finding(m, f"vote count {attr}={value!r} is not a whole number of votes",
                              "write the count as digits, e.g. quantity=\"38\"")


def vote_totals_add_up(ctx: Context) -> Iterator[Finding]:
    groups: dict[etree._Element, list[etree._Element]] = defaultdict(list)
    for m in ctx.tei("measure"):
        if m.get("type") == "vote":
            groups[_vote_of(m)].append(m)
    for vote, measures in groups.items():
        totals = [m for m in measures if m.get("subtype") == "total"]
        parts = [m for m in measures if m.get("subtype") != "total"]
        if not totals or not parts:
            continue
        counts = [m.get("quantity") for m in parts]
        if not all(c and _INTEGER.fullmatch(c) for c in counts):
            continue
        for total in totals:
            given = total.get("quantity")
            if given and _INTEGER.fullmatch(given) and int(given) != sum(map(int, counts)):
                yield Finding(total, f"the vote total is {given}, but its counts add up to "
                              f"{sum(map(int, counts))} ({' + '.join(counts)})",
                              "check the counts against the source; mark a misprint with <choice>")


def _vote_of(measure: etree._Element) -> etree._Element:
    """The vote a count belongs to: its nearest vote paragraph or remark, else its parent."""
    for anc in measure.iterancestors(_TEI + "p", _TEI + "stage", _TEI + "ab"):
        if anc.get("type") == "vote" or "#vote" in (anc.get("ana") or "").split():
            return anc
    return measure.getparent()


def choices_complete(ctx: Context) -> Iterator[Finding]:
    pairs = (("sic", "corr"), ("orig", "reg"))
    for choice in ctx.tei("choice"):
        names = [_local(c) for c in choice if isinstance(c.tag, str)]
        if not any(a in names and b in names for a, b in pairs):
            has = ", ".join(f"<{n}>" for n in names) or "nothing"
            yield Finding(choice, f"<choice> has {has}; it needs both readings, the source's "
                          "(<sic>) and the correction (<corr>)",
                          "add the missing reading, or drop <choice> if nothing is corrected")


def turns_not_empty(ctx: Context) -> Iterator[Finding]:
    for sp in ctx.tei("sp"):
        speech = [c for c in sp if isinstance(c.tag, str) and c.tag != _TEI + "speaker"]
        spoken = any(_text(c) for c in speech)
        marked = any(True for c in speech for _ in c.iter(_TEI + "gap", _TEI + "ellipsis"))
        if not spoken and not marked:
            speaker = sp.find(_TEI + "speaker")
            who = (_text(speaker) if speaker is not None else "").rstrip(" :.") or sp.get("who") or ""
            yield Finding(sp, f"the turn of {who} has no words" if who else "a turn has no words",
                          "merge it into the neighbouring turn, or mark what is missing with <gap>")


def register_used(ctx: Context) -> Iterator[Finding]:
    if not any(True for _ in ctx.root.iter(_TEI + "sp", _TEI + "u")):
        return  # a register file on its own: nothing here could point at its people
    used = {target for _, _, target in ctx.pointers}
    for person in ctx.tei("person"):
        pid = person.get(XML_ID)
        if pid and pid not in used:
            yield Finding(person, f"#{pid} ({_person_name(person)}) is in the register but "
                          "nothing in the text points at them",
                          "link a mention with <persName ref>, or remove the entry")


def register_unique(ctx: Context) -> Iterator[Finding]:
    seen: dict[str, etree._Element] = {}
    for person in ctx.tei("person"):
        key = re.sub(r"\W+", " ", _person_name(person)).strip().casefold()
        if not key:
            continue
        if key in seen:
            other = seen[key]
            yield Finding(person, f"#{person.get(XML_ID)} has the same name as "
                          f"#{other.get(XML_ID)} (line {other.sourceline}): {_person_name(person)}",
                          "merge the two entries, or tell them apart in persName[@type='reg']")
        else:
            seen[key] = person


def _person_name(person: etree._Element) -> str:
    names = person.findall(_TEI + "persName")
    reg = next((n for n in names if n.get("type") == "reg"), names[0] if names else None)
    return _text(reg) if reg is not None else ""


RULES: tuple[Rule, ...] = (
    Rule("E301", "error", "xml:id values are unique in a document",
         "rename one of the two elements' xml:id and update pointers to it", unique_ids),
    Rule("E302", "error", "every local pointer (@who, @ref, @target, @corresp, @ana, @resp) names "
         "an xml:id of the document", "correct the pointer or add the missing entry to the "
         "register (listPerson, listOrg) or taxonomy", pointers_resolve),
    Rule("E303", "error", "every session division has a date in its heading",
         "add <date when=\"…\"> to the session's <head>", sessions_dated),
    Rule("E304", "error", "vote counts are whole numbers",
         "write counts as digits in @quantity (or @min and @max)", vote_counts_integral),
    Rule("E305", "error", "vote counts add up to the total where a total is given",
         "check the counts against the source; a misprinted count is corrected with <choice>",
         vote_totals_add_up),
    Rule("E306", "error", "every <choice> has both readings: <sic> with <corr> (or <orig> with "
         "<reg>)", "add the missing reading", choices_complete),
    Rule("E307", "error", "no speaker turn is empty", "merge the turn into its neighbour, or mark "
         "the loss with <gap>", turns_not_empty),
    Rule("W308", "warning", "every person in the register is referred to by the text",
         "remove the entry, or link a mention of the person", register_used),
    Rule("E309", "error", "no two persons in the register have the same name",
         "merge the entries, or distinguish their regularised names", register_unique),
)


def check_rules(doc: Document, rules: tuple[Rule, ...] = RULES) -> Iterator[Diagnostic]:
    """Run every rule over one TEI document."""
    ctx = Context(doc)
    for rule in rules:
        for f in rule.check(ctx):
            yield Diagnostic(rule.code, rule.severity, f.message, doc.name, f.element.sourceline,
                             doc.column(f.element), f.hint, doc.path(f.element))
