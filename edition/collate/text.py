"""A witness's text out of a parallel-segmentation TEI: the text outside the `app`s, and in each
`app` the reading (`lem` or `rdg`) whose `@wit` names the witness. The inverse of
`edition.collate.encode`: for every witness, `witness_text(to_tei(collate(ws)), w)` is `w.text`."""

from __future__ import annotations

from lxml import etree

from edition.errors import CollationError
from edition.text import EDITORIAL, _text_element
from edition.xmlio import NS, XML_ID, tei

_APP, _LEM, _RDG, _G = tei("app"), tei("lem"), tei("rdg"), tei("g")


def sigla(root: etree._Element) -> dict[str, str]:
    """Siglum → xml:id of every witness of the `listWit`."""
    return {w.get("n") or w.get(XML_ID): w.get(XML_ID) for w in root.iterfind(".//tei:listWit//tei:witness", NS)}


def witness_text(root: etree._Element, siglum: str) -> str:
    """The text of one witness (named by its siglum or its xml:id)."""
    known = sigla(root)
    ident = known.get(siglum) or (siglum if siglum in known.values() else None)
    if ident is None:
        raise CollationError(
            f"no witness {siglum!r} in this collation", hint="its witnesses: " + (", ".join(known) or "none")
        )
    ref = "#" + ident
    out: list[str] = []
    _walk(_text_element(root), ref, out)
    return "".join(out)


def _walk(el: etree._Element, ref: str, out: list[str]) -> None:
    if el.text:
        out.append(el.text)
    for child in el:
        tag = child.tag
        if tag == _APP:
            for reading in child:
                if reading.tag in (_LEM, _RDG) and ref in reading.get("wit", "").split():
                    _walk(reading, ref, out)
                    break
        elif not isinstance(tag, str):
            pass
        elif tag == _G and child.get("type") == "control":
            out.append(chr(int(child.get("n", "U+FFFD")[2:], 16)))
        elif tag not in EDITORIAL and child.get("type") != "editorial":
            _walk(child, ref, out)
        if child.tail:
            out.append(child.tail)
