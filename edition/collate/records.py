"""The variants of a collation's TEI as records, for the exports (`--to variants-json`,
`--to variants-csv`): one site per `app`, in document order, each with its readings.

A site gives its number (`n`, from 1), the paragraph it is in (`paragraph`: the number of the
`p`, from 1, in document order; for a paragraph only some witnesses have, that paragraph's),
its kind (`type`), how many witnesses read otherwise than the base (`dissent`), and its readings:
the witnesses' sigla, the text exactly as those witnesses have it (whitespace included, so an
empty text is an omission), the reading's kind against the lemma, and whether it is the lemma.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from edition.collate.text import _walk, sigla
from edition.errors import CollationError
from edition.xmlio import NS, XML_ID, tei

_APP, _P, _LEM = tei("app"), tei("p"), tei("lem")


@dataclass(frozen=True)
class ReadingRecord:
    witnesses: tuple[str, ...]
    text: str
    type: str | None
    lemma: bool


@dataclass(frozen=True)
class Site:
    n: int
    paragraph: int
    type: str
    dissent: int
    readings: tuple[ReadingRecord, ...]


@dataclass(frozen=True)
class Witnesses:
    base: str
    witnesses: tuple[tuple[str, str], ...]  # (siglum, description)
    sites: tuple[Site, ...]


def records(root: etree._Element, name: str = "<input>") -> Witnesses:
    wits = root.findall(".//tei:listWit//tei:witness", NS)
    if not wits:
        raise CollationError(
            "is not a collation: its header has no listWit", file=name, hint="make one with edition collate"
        )
    by_id = {v: k for k, v in sigla(root).items()}
    order = [(by_id[w.get(XML_ID)], " ".join("".join(w.itertext()).split())) for w in wits]
    base = order[0][0]
    sites: list[Site] = []
    paragraph = 0
    body = root.find("tei:text/tei:body", NS)
    for el in body.iter(_APP, _P) if body is not None else ():
        if el.tag == _P:
            paragraph += 1
            continue
        block = el.find("*/tei:p", NS) is not None
        readings = []
        for r in el:
            if not isinstance(r.tag, str) or r.tag not in (_LEM, tei("rdg")):
                continue
            ids = r.get("wit", "").split()
            names = tuple(by_id.get(i[1:], i) for i in ids)
            out: list[str] = []
            if ids:
                _walk(r, ids[0], out)
            readings.append(ReadingRecord(names, "".join(out), r.get("type"), r.tag == _LEM))
        shown = next((r for r in readings if base in r.witnesses), readings[0] if readings else None)
        dissent = sum(len(r.witnesses) for r in readings if r is not shown)
        sites.append(
            Site(
                len(sites) + 1,
                paragraph + 1 if block else max(paragraph, 1),
                el.get("type", ""),
                dissent,
                tuple(readings),
            )
        )
    return Witnesses(base, tuple(order), tuple(sites))
