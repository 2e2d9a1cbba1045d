"""What the print routes share: the print settings (paper, margins, archival variant), the book
a route made, and the index of speakers as XML for the XSL-FO route's second pass.

The print edition is set by Typst (edition/render/typst.py, the default) or through XSL-FO by
Apache FOP (edition/render/fo.py). The paged-HTML route through WeasyPrint was retired once the
Typst book passed every PDF test: one print path less to keep.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition.diagnostics import Reporter
from edition.errors import InputError
from edition.xmlio import NS, TEI_NS, XML_ID

#: Paper sizes offered by name, with margins that suit them (top right bottom left).
PAPER = {
    "A4": ("A4", "22mm 20mm 24mm 20mm"),
    "Letter": ("letter", "0.85in 0.8in 0.95in 0.8in"),
    "A5": ("A5", "16mm 14mm 18mm 15mm"),
}


#: A page size or margins given as CSS: words, numbers, units and spaces only (it is written into
#: the FO's attributes, so nothing that could end an attribute or an element).
CSS_VALUE = re.compile(r"[A-Za-z0-9.% -]{1,80}")


@dataclass(frozen=True)
class PrintSettings:
    paper: str = "A4"
    margins: str | None = None  # CSS margins; default: the paper's own
    variant: str | None = None  # None, or an archival variant the engine writes

    def __post_init__(self):
        for what, value in (("paper size", self.paper), ("margins", self.margins)):
            if value is not None and not CSS_VALUE.fullmatch(value):
                raise InputError(
                    f"{what} {value!r} is not a CSS size",
                    hint="e.g. --paper A4, --margins '20mm' or '22mm 20mm 24mm 20mm'",
                )


@dataclass
class Book:
    path: Path
    pages: int
    diagnostics: Reporter = field(default_factory=Reporter)


def speaker_index(root: etree._Element, pages: dict[str, int]) -> str:
    """The index as XML for the stylesheet: each speaker, the pages of their turns, in order."""
    people = {p.get(XML_ID): p for p in root.iterfind(".//tei:listPerson/tei:person", NS)}
    found: dict[str, dict[int, str]] = defaultdict(dict)
    labels: dict[str, str] = {}
    for number, turn in enumerate(root.iter(f"{{{TEI_NS}}}sp", f"{{{TEI_NS}}}u"), start=1):
        anchor = turn.get(XML_ID) or f"turn-{number}"
        who = [w[1:] for w in (turn.get("who") or "").split() if w.startswith("#")]
        if not who or anchor not in pages:
            continue
        found[who[0]].setdefault(pages[anchor], anchor)
        speaker = turn.find("tei:speaker", NS)
        if speaker is not None:
            labels.setdefault(who[0], re.sub(r"\s+", " ", "".join(speaker.itertext())).strip(" :."))
    index = etree.Element("index")
    for pid, by_page in found.items():
        name, sort = _names(people.get(pid), labels.get(pid) or pid)
        person = etree.SubElement(index, "person", id=pid, name=name, sort=sort)
        for page in sorted(by_page):
            etree.SubElement(person, "page", n=str(page), anchor=by_page[page])
    return etree.tostring(index, encoding="unicode")


def _names(person: etree._Element | None, fallback: str) -> tuple[str, str]:
    if person is None:
        return fallback, fallback
    names = person.findall("tei:persName", NS)
    reg = next((n for n in names if n.get("type") == "reg"), names[0] if names else None)
    if reg is None:
        return fallback, fallback
    name = re.sub(r"\s+", " ", "".join(reg.itertext())).strip()
    surname = reg.find("tei:surname", NS)
    sort = "".join(surname.itertext()).strip() if surname is not None else name
    return name or fallback, sort or fallback
