"""The one way this toolkit reads and writes XML.

Reading is safe by construction: no DTD is loaded, no entity is expanded, nothing is fetched, and
a document that declares a DOCTYPE is refused outright (the TEI needs none, and DTDs are how
entity bombs and file disclosure get in). XInclude is never processed, and a document that asks for
it is refused rather than read without the parts it meant to include. Writing goes through one serializer with fixed options,
so the same tree always gives the same bytes.
"""

from __future__ import annotations

import re
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
    # huge_tree=True: a transcript of one 20 MB paragraph gives a 20 MB text node, which the
    # toolkit must read back; with entities refused, what remains guarded is nesting depth.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=True, remove_blank_text=False,
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


#: A DOCTYPE in the prolog, in UTF-8/ASCII or UTF-16 (either byte order).
_DOCTYPE = re.compile(rb"<!DOCTYPE|<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E|\x00<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E")

#: libxml2's resource limits, said in an editor's words.
_LIMITS = [
    (re.compile(r"Excessive depth in document: (\d+)"),
     "elements nested more than {0} levels deep; refused as a guard against resource exhaustion"),
    (re.compile(r"Buffer size limit exceeded|xmlSAX2Characters: huge text node|AttValue length too long"),
     "a text or attribute value larger than 10 MB; refused as a guard against resource exhaustion"),
    (re.compile(r"Maximum entity amplification|entity.*loop", re.I),
     "entity expansion beyond safe limits (an entity bomb)"),
]


def parse_bytes(data: bytes, name: str = "<input>") -> etree._ElementTree:
    """Parse bytes safely; the one place every XML input of the toolkit goes through."""
    if not data.strip():
        raise XMLInputError("is empty", file=name, kind="empty")
    doctype = _DOCTYPE.search(data, 0, _prolog_end(data))
    if doctype:
        raise XMLInputError("declares a DOCTYPE; DTDs and entities are refused for safety",
                            file=name, kind="unsafe", line=data.count(b"\n", 0, doctype.start()) + 1,
                            hint="remove the <!DOCTYPE …> declaration; TEI needs none")
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (None, None)
        msg = exc.msg or "malformed XML"
        for pattern, said in _LIMITS:
            m = pattern.search(msg)
            if m:
                raise XMLInputError(said.format(*m.groups()), file=name, line=line, col=col,
                                    kind="limit") from None
        msg = re.sub(r", line \d+, column \d+$", "", msg)
        if "Invalid bytes in character encoding" in msg or "not proper UTF-8" in msg:
            raise XMLInputError("malformed XML: bytes that are not valid UTF-8 (nor the encoding its "
                                "XML declaration names)", file=name, line=line, col=col,
                                hint="re-save the file as UTF-8") from None
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


#: The start of the root element: "<" and a name (not "<?" or "<!"), in UTF-8 or UTF-16.
_ROOT_START = re.compile(rb"<(?:\x00)?[^?!\x00]")


def _prolog_end(data: bytes) -> int:
    """Where the root element starts (or a safe bound): a DOCTYPE can only stand before it."""
    m = _ROOT_START.search(data, 0, 1_000_000)
    return m.start() if m else min(len(data), 1_000_000)


#: The XSLT processor's own parser refuses documents nested deeper than this.
XSLT_MAX_DEPTH = 100


def check_depth(tree: etree._ElementTree, name: str, limit: int = XSLT_MAX_DEPTH) -> None:
    """Refuse, with a clear message, a document nested deeper than `limit` (one linear walk)."""
    depth = 0
    for event, el in etree.iterwalk(tree.getroot(), events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > limit:
            raise XMLInputError(f"elements nested more than {limit} levels deep, which the XSLT "
                                "processor refuses", file=name, line=el.sourceline, kind="limit",
                                hint="TEI needs far fewer; check for unclosed or runaway nesting")


def require_tei(tree: etree._ElementTree, name: str) -> None:
    """Refuse a document whose root is not TEI (or teiCorpus) in the TEI namespace."""
    root = tree.getroot()
    check_depth(tree, name)
    if root.tag not in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"):
        q = etree.QName(root)
        where = f"in namespace {q.namespace}" if q.namespace else "in no namespace"
        raise XMLInputError(f"is not a TEI document: its root is <{q.localname}> {where}",
                            file=name, line=root.sourceline, kind="not-tei",
                            hint=f'the root must be <TEI xmlns="{TEI_NS}">')


DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def serialize(root: etree._Element) -> bytes:
    """Bytes of a document: UTF-8, XML declaration, final newline, nothing re-indented."""
    return DECLARATION + etree.tostring(root, encoding="UTF-8", xml_declaration=False) + b"\n"


def serialize_to(root: etree._Element, fh) -> None:
    """The same bytes as `serialize`, streamed into an open binary file (no copy in memory)."""
    fh.write(DECLARATION)
    etree.ElementTree(root).write(fh, encoding="UTF-8", xml_declaration=False)
    fh.write(b"\n")
