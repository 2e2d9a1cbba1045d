"""The one way this toolkit reads and writes XML.

Reading is safe by construction: no DTD is loaded, no entity is expanded, nothing is fetched, and
a document that declares a DOCTYPE is refused outright (the TEI needs none, and DTDs are how
entity bombs and file disclosure get in). XInclude is never processed, and a document that asks for
it is refused rather than read without the parts it meant to include. Writing goes through one serializer with fixed options,
so the same tree always gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from lxml.builder import ElementMaker

from edition.errors import XMLInputError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {None: TEI_NS}
NS = {"tei": TEI_NS}

#: The single builder of TEI elements: ``T.sp(T.speaker("STALIN:"), who="#stalin")``.
T = ElementMaker(namespace=TEI_NS, nsmap=NSMAP)


def tei(tag: str) -> str:
    """Clark name of a TEI element, for comparisons with ``element.tag``."""
    return f"{{{TEI_NS}}}{tag}"


XI_INCLUDE = "{http://www.w3.org/2001/XInclude}include"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"


def _parser() -> etree.XMLParser:
    # collect_ids=False: a repeated xml:id is the validator's finding (E301), not a parse failure.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_blank_text=False,
                           collect_ids=False)


def parse_file(path: str | Path) -> etree._ElementTree:
    """Parse an XML file safely; raise XMLInputError with line and column on any problem."""
    path = Path(path)
    if path.is_dir():
        raise XMLInputError("is a directory, not an XML file", file=str(path), kind="unreadable")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise XMLInputError("no such file", file=str(path), kind="unreadable") from None
    except OSError as exc:
        raise XMLInputError(f"cannot be read: {exc.strerror}", file=str(path), kind="unreadable") from None
    return parse_bytes(data, str(path))


def parse_bytes(data: bytes, name: str = "<input>") -> etree._ElementTree:
    """Parse bytes safely; the one place every XML input of the toolkit goes through."""
    if not data.strip():
        raise XMLInputError("is empty", file=name, kind="empty")
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (None, None)
        msg = exc.msg or "malformed XML"
        raise XMLInputError(f"malformed XML: {msg}", file=name, line=line, col=col) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        at = data.find(b"<!DOCTYPE")
        raise XMLInputError("declares a DOCTYPE; DTDs and entities are refused for safety",
                            file=name, kind="unsafe", line=data.count(b"\n", 0, max(at, 0)) + 1,
                            hint="remove the <!DOCTYPE …> declaration; TEI needs none")
    for include in tree.getroot().iter(XI_INCLUDE):
        raise XMLInputError(f"asks to include {include.get('href', 'a resource')!r} by XInclude, "
                            "which is never processed", file=name, kind="xinclude",
                            line=include.sourceline,
                            hint="merge the included file into this one, or validate it separately")
    return tree


def serialize(root: etree._Element) -> bytes:
    """Bytes of a document: UTF-8, XML declaration, final newline, nothing re-indented."""
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"
