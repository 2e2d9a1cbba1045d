"""Parla-CLARIN-style TEI (also the first stage of the ParlaMint corpus, `parlamint.py`): an edition in the spoken idiom that corpus tools read — turns as `u` with
their paragraphs as `seg`, narration as `note`, stage directions as `kinesic`/`vocal`/`incident`,
the person register in `particDesc` — for exchange with ParlaMint and Parla-CLARIN corpora.

The conversion is the stylesheet `xslt/export/parlamint.xsl`, whose decisions are written into
the result's `encodingDesc`. This module reads the input safely, refuses what cannot become one
valid document, and writes the result atomically. TEI others wrote is taken as it comes: plays
and proceedings in `sp`, and ParlaMint itself, whose `u` and `seg` pass through with their ids.
A `teiCorpus` is refused: ParlaMint keeps one sitting a file, so its documents are exported one
by one.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from edition import resources
from edition.errors import XMLInputError
from edition.files import write_atomic
from edition.render.saxon import transform
from edition.xmlio import NS, XML_ID, parse_bytes, parse_file, require_tei, serialize, tei

STYLESHEET = "export/parlamint.xsl"

#: What an xml:id may be (an NCName, as far as ids made from file names go).
_NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")


def write(tei_file: Path, out: Path, options) -> None:
    """Write the TEI file `tei_file` as ParlaMint-style TEI to `out` (the reading text: the
    `view` option does not apply)."""
    tree = read(tei_file)
    write_atomic(out, convert(tree, document_id(tree, tei_file), str(tei_file)), inputs=(tei_file,))


def read(tei_file: Path) -> etree._ElementTree:
    """The TEI document, parsed safely; refused if it is not one TEI document with a body."""
    name = str(tei_file)
    tree = parse_file(tei_file)
    require_tei(tree, name)
    root = tree.getroot()
    if root.tag == tei("teiCorpus"):
        raise XMLInputError(
            "is a teiCorpus; the ParlaMint export takes one TEI document at a time",
            file=name,
            line=root.sourceline,
            kind="not-tei",
            hint="export each TEI document of the corpus on its own",
        )
    if root.find("tei:text/tei:body", NS) is None:
        raise XMLInputError(
            "has no <text> with a <body>: there is nothing to export", file=name, line=root.sourceline, kind="not-tei"
        )
    return tree


def document_id(tree: etree._ElementTree, tei_file: Path) -> str:
    """The result's xml:id: the source's own, else one made from the file name."""
    own = tree.getroot().get(XML_ID, "")
    if _NCNAME.match(own):
        return own
    stem = re.sub(r"[^\w.\-]+", "-", tei_file.stem).strip("-.") or "document"
    return stem if _NCNAME.match(stem) else f"d-{stem}"


def convert(tree: etree._ElementTree, doc_id: str, name: str) -> bytes:
    """ParlaMint-style TEI of a parsed TEI document, as the bytes of the toolkit's serializer."""
    source = etree.tostring(tree, encoding="UTF-8")
    result = transform(resources.stylesheet(STYLESHEET), source, {"document-id": doc_id}, name=name)
    return serialize(parse_bytes(result.main.encode("utf-8"), f"{name} (ParlaMint)").getroot())
