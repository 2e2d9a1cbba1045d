"""Every inline span of a document: what the recognisers, the corrections file, the register
and the overrides' inline additions mark in the paragraphs, looked up by source range."""

from __future__ import annotations

import bisect
import re

from lxml import etree

from edition.diagnostics import Reporter
from edition.editorial.corrections import Located, Match
from edition.editorial.overrides import Overrides
from edition.editorial.register import Register
from edition.encode.additions import addition_element
from edition.encode.inline import (Span, append_text, bracket_spans, ellipsis_spans, name_spans,
                                   paren_spans, vote_spans)
from edition.transcript.classify import person_of_label
from edition.transcript.model import Unit
from edition.transcript.read import LineFinder
from edition.xmlio import T


class Spans:
    """Every inline span of the document, found once, looked up by range."""

    def __init__(self, text: str, units: list[Unit], corrections: Located, register: Register,
                 editor_id: str, reporter: Reporter) -> None:
        self.reporter = reporter
        self.text = text
        spans: list[Span] = []
        names = _name_pattern(register)
        for u in units:
            if u.kind == "furniture":
                continue
            skip = u.label_end if u.kind == "turn" else 0     # a label holds no remarks
            s, t = u.para.start + skip, u.text[skip:]
            spans += bracket_spans(t, s, lambda n: person_of_label(register, n))
            spans += paren_spans(t, s)
            spans += ellipsis_spans(t, s)
            if u.kind in ("vote", "stage", "narration", "meta") or "(" in t:
                spans += vote_spans(t, s, lambda a, b: corrections.corrected(text, a, b))
            spans += name_spans(t, s, names, register.by_name)
        for c in corrections:
            spans.append(Span(c.start, c.end, 7, T.choice, fill=_choice_filler(c, editor_id, corrections)))
        self.spans = sorted(spans, key=lambda sp: sp.start)
        self.starts = [sp.start for sp in self.spans]
        self._lines = LineFinder(text)

    def between(self, start: int, end: int) -> list[Span]:
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_right(self.starts, end)
        return [sp for sp in self.spans[i:j] if sp.end <= end]

    def add_inline_additions(self, overrides: Overrides) -> None:
        for add in overrides.additions:
            if add.block:
                continue
            pos = self.text.find(add.after)
            if pos < 0:
                self.reporter.warning("W302", f"{add.element} after {add.after!r}: text not found")
                continue
            at = pos + len(add.after)
            self.spans.append(Span(at, at, 9, lambda a=add: addition_element(a), atomic=True))
        self.spans.sort(key=lambda sp: sp.start)
        self.starts = [sp.start for sp in self.spans]

    def report_cross(self, span: Span) -> None:
        self.reporter.info("I401", "an inline span crosses another and was left out",
                           line=self.line_of(span.start))

    def line_of(self, offset: int) -> int:
        """The 1-based line of a source offset."""
        return self._lines.line_of(offset)


def _choice_filler(c: Match, editor_id: str, located: Located):
    def fill(el: etree._Element, text: str) -> None:
        located.mark_placed(c)
        sic = T.sic()
        append_text(sic, text)
        attrs = {"resp": f"#{c.correction.resp or editor_id}"}
        if c.correction.type:
            attrs["type"] = c.correction.type
        el.append(sic)
        el.append(T.corr(c.correction.corr, **attrs))
    return fill


def _name_pattern(register: Register) -> re.Pattern[str] | None:
    forms = set()
    for person in register.persons.values():
        for name in [person.name, *person.variants]:
            if len(name) >= 3 and not name.isupper() and name[0].isupper() and register.by_name(name):
                forms.add(name)
    if not forms:
        return None
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")
