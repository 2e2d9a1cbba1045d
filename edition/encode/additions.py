"""The editor's additions from the overrides file: a gap or an editorial note, placed after
the exact source text it follows, inline or as a block of its own."""

from __future__ import annotations

import bisect

from lxml import etree

from edition.diagnostics import Reporter
from edition.editorial.overrides import Addition, Overrides
from edition.transcript.segment import Para
from edition.xmlio import T


def addition_element(add: Addition) -> etree._Element:
    """The element of one addition: a <gap> (reason "lost" unless said) or an editorial <note>."""
    if add.element == "gap":
        el = T.gap(**{"reason": "lost", **add.attrs, "resp": add.attrs.get("resp", "#ed")})
        if add.text:
            el.append(T.desc(add.text))
        return el
    return T.note(add.text, **{"type": "editorial", "resp": "#ed", **add.attrs})


def block_additions(
    overrides: Overrides, paras: list[Para], text: str, reporter: Reporter
) -> dict[int, list[etree._Element]]:
    """Block additions by the index of the paragraph they go before."""
    out: dict[int, list[etree._Element]] = {}
    starts = [p.start for p in paras]
    for add in overrides.additions:
        if not add.block:
            continue
        pos = text.find(add.after)
        if pos < 0:
            reporter.warning("W302", f"{add.element} before {add.after!r}: text not found")
            continue
        idx = max(0, bisect.bisect_right(starts, pos) - 1)
        out.setdefault(idx, []).append(addition_element(add))
    return out
