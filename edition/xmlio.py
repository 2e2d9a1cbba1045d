"""The one way this toolkit reads and writes XML.

Reading is safe by construction: no DTD is loaded, no entity is expanded, nothing is fetched, and
a document that declares a DOCTYPE is refused outright (the TEI needs none, and DTDs are how
entity bombs and file disclosure get in). XInclude is never processed, and a document that asks for
it is refused rather than read without the parts it meant to include. Writing goes through one serializer with fixed options,
so the same tree always gives the same bytes.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

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


class _RefuseExternal(etree.Resolver):
    """Answers every request of the parser for an external resource (a DTD's external subset,
    an external entity) with nothing, so that no file, device or FIFO is ever opened.

    `load_dtd=False` alone does not stop libxml2 from reading an external subset: lxml carries
    collect_ids=False to libxml2 (before 2.15) as a flag in the same field that asks for the
    subset to be loaded, so `<!DOCTYPE TEI SYSTEM "/some/fifo">` was opened and read. Whatever
    asks, this resolver answers first; the document is then refused for its DOCTYPE."""

    def resolve(self, url, pubid, context):
        return self.resolve_string("", context)


def _guarded(parser: etree.XMLParser) -> etree.XMLParser:
    parser.resolvers.add(_RefuseExternal())
    return parser


#: The options of every parser of the toolkit. collect_ids=False: a repeated xml:id is the
#: validator's finding (E301), not a parse failure. huge_tree=True: a transcript of one 20 MB
#: paragraph gives a 20 MB text node, which the toolkit must read back; with entities refused, what
#: remains guarded is nesting depth.
_SAFE = dict(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True, remove_blank_text=False, collect_ids=False
)


def _parser() -> etree.XMLParser:
    return _guarded(etree.XMLParser(dtd_validation=False, **_SAFE))


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


#: libxml2's resource limits, said in an editor's words.
_LIMITS = [
    (
        re.compile(r"Excessive depth in document: (\d+)"),
        "elements nested more than {0} levels deep; refused as a guard against resource exhaustion",
    ),
    (
        re.compile(r"Buffer size limit exceeded|xmlSAX2Characters: huge text node|AttValue length too long"),
        "a text or attribute value larger than 10 MB; refused as a guard against resource exhaustion",
    ),
    (
        re.compile(r"Maximum entity amplification|entity.*loop", re.IGNORECASE),
        "entity expansion beyond safe limits (an entity bomb)",
    ),
]


def parse_bytes(data: bytes, name: str = "<input>") -> etree._ElementTree:
    """Parse bytes safely; the one place every XML input of the toolkit goes through."""
    if not data.strip():
        raise XMLInputError("is empty", file=name, kind="empty")
    doctype = _doctype_line(data)
    if doctype:
        raise _doctype(name, doctype)
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, name) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        at = data.find(b"<!DOCTYPE")
        raise _doctype(name, data.count(b"\n", 0, at) + 1 if at >= 0 else None)
    for include in tree.getroot().iter(XI_INCLUDE):
        raise _xinclude(include, name)
    return tree


def check_prolog(fh: BinaryIO, name: str) -> None:
    """Refuse an empty file or one whose prolog declares a DOCTYPE, before any parser reads it;
    leave the file at its start."""
    head = fh.read(_PROLOG_SCAN)
    fh.seek(0)
    if not head.strip() and len(head) < _PROLOG_SCAN:
        raise XMLInputError("is empty", file=name, kind="empty")
    doctype = _doctype_line(head)
    if doctype:
        raise _doctype(name, doctype)


def iterparse_safe(
    fh: BinaryIO, name: str, schema: etree.XMLSchema | None = None
) -> Iterator[tuple[str, etree._Element]]:
    """Start and end events of every element of an open file, read in pieces, as safely as
    `parse_bytes` reads a whole one: the caller may drop what it has seen, so a file of any size
    is read in bounded memory. With `schema`, libxml2 validates while it parses (see
    `lxml_iterparse`)."""
    check_prolog(fh, name)
    events = lxml_iterparse(fh, ("start", "end"), schema)
    first = True
    try:
        for event, el in events:
            if event == "start":
                if first:
                    first = False
                    info = el.getroottree().docinfo
                    if info.doctype or info.internalDTD is not None:
                        raise _doctype(name, None)
                if el.tag == XI_INCLUDE:
                    raise _xinclude(el, name)
            yield event, el
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, name) from None


def lxml_iterparse(
    fh: BinaryIO, events: tuple[str, ...], schema: etree.XMLSchema | None = None
) -> Iterator[tuple[str, object]]:
    """Parser events of an open file read in 64 KB pieces, with the options of `parse_bytes`
    (a pull parser: lxml's iterparse ignores collect_ids). Comments and processing instructions
    are dropped; no check needs them. Also for a library that drives its own iteration
    (xmlschema's lazy resources); it refuses nothing itself: read the file with `iterparse_safe`
    first, which refuses a DOCTYPE or XInclude.

    With `schema`, libxml2 validates the document as it is parsed, and any failure ends in
    `etree.DocumentInvalid` — malformed or not valid, read it again without a schema to be told
    which and where. (A validating pull parser does not tell the two apart, and with
    resolve_entities=False it does not even notice a document cut short: its events then end as
    if the document did. So a second parser, which keeps nothing, reads the same pieces only to
    say whether they are well formed.)"""
    options = dict(_SAFE, remove_comments=True, remove_pis=True, **_push_encoding(fh))
    if schema is None:
        parser, twin = _guarded(etree.XMLPullParser(events=events, **options)), None
    else:
        parser = _guarded(etree.XMLPullParser(events=events, schema=schema, **options))
        twin = _guarded(etree.XMLParser(target=_Discard(), **options))
    try:
        while chunk := fh.read(1 << 16):
            if twin is not None:
                twin.feed(chunk)
            parser.feed(chunk)
            yield from parser.read_events()
        if twin is not None:
            twin.close()
        parser.close()
    except etree.XMLSyntaxError as exc:
        if schema is not None:
            raise etree.DocumentInvalid(exc.msg) from None
        raise
    yield from parser.read_events()


def _push_encoding(fh: BinaryIO) -> dict[str, str]:
    """The encoding a pull parser must be told: libxml2 reading in pieces recognises UTF-8 and
    UTF-16 by their first bytes, but not UTF-32 (it reports "Start tag expected" at 1:1), which
    it reads when named. The file is left where it was."""
    at = fh.tell()
    head = fh.read(4)
    fh.seek(at)
    encoding = head_encoding(head)
    return (
        {"encoding": encoding.upper().replace("-BE", "BE").replace("-LE", "LE")}
        if encoding.startswith("utf-32")
        else {}
    )


class _Discard:
    """A parser target that keeps nothing (no tree is built, no event is queued)."""

    def close(self) -> None:
        return None


def _syntax_error(exc: etree.XMLSyntaxError, name: str) -> XMLInputError:
    line, col = exc.position if exc.position else (None, None)
    msg = exc.msg or "malformed XML"
    for pattern, said in _LIMITS:
        m = pattern.search(msg)
        if m:
            return XMLInputError(said.format(*m.groups()), file=name, line=line, col=col, kind="limit")
    msg = re.sub(r", line \d+, column \d+$", "", msg)
    if "Invalid bytes in character encoding" in msg or "not proper UTF-8" in msg:
        return XMLInputError(
            "malformed XML: bytes that are not valid UTF-8 (nor the encoding its XML declaration names)",
            file=name,
            line=line,
            col=col,
            hint="re-save the file as UTF-8",
        )
    if "Document is empty" in msg and line == 1:
        return XMLInputError("is empty", file=name, kind="empty")
    return XMLInputError(f"malformed XML: {msg}", file=name, line=line, col=col)


def _doctype(name: str, line: int | None) -> XMLInputError:
    return XMLInputError(
        "declares a DOCTYPE; DTDs and entities are refused for safety",
        file=name,
        kind="unsafe",
        line=line,
        hint="remove the <!DOCTYPE …> declaration; TEI needs none",
    )


def _xinclude(include: etree._Element, name: str) -> XMLInputError:
    return XMLInputError(
        f"asks to include {include.get('href', 'a resource')!r} by XInclude, which is never processed",
        file=name,
        kind="xinclude",
        line=include.sourceline,
        hint="merge the included file into this one, or validate it separately",
    )


#: How far into a file a DOCTYPE is looked for before parsing (the parser refuses any later one).
_PROLOG_SCAN = 1_000_000


@dataclass(frozen=True)
class Prolog:
    """What stands before the root element, read as an XML parser reads it.

    `encoding`: the codec the head was read with; `doctype_line`: the line of a DOCTYPE, if the
    prolog has one; `complete`: whether the root's start was reached (False when the head ends
    inside the prolog, or something that is not prolog comes first — the parser then decides)."""

    encoding: str
    doctype_line: int | None
    complete: bool


#: Byte-order marks and the first bytes of "<?" or "<" without one (XML 1.0, appendix F), longest
#: first: the codec each means.
_SIGNATURES = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x4c\x6f\xa7\x94", "cp037"),  # "<?xm" in EBCDIC
)

#: The encoding named by an XML declaration (read in any ASCII-compatible form).
_DECLARED = re.compile(rb"<\?xml\s[^>]*?encoding\s*=\s*[\"']([A-Za-z][\w.\-]*)[\"']")

#: The parts of a prolog, each matched where the last one ended.
_SPACE = re.compile(r"[ \t\r\n]*")
_LINE_END = re.compile(r"\r\n?|\n")


def head_encoding(head: bytes) -> str:
    """The codec of a document's first bytes, as the parser would choose it: its byte-order mark or
    the byte pattern of its first character, else the XML declaration's encoding, else UTF-8.

    A declared UTF-16 or UTF-32 on bytes that read as ASCII is ignored, as libxml2 ignores it."""
    for signature, encoding in _SIGNATURES:
        if head.startswith(signature):
            if encoding != "cp037":
                return encoding
            head = head[:200].decode("cp037", "replace").encode("ascii", "replace")
            break
    else:
        encoding = "utf-8"
    m = _DECLARED.match(head)
    if m is None:
        return encoding
    try:
        named = codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return encoding  # one Python does not know: the parser will refuse it or read it as ASCII
    return encoding if named.startswith(("utf-16", "utf-32")) else named


#: How much of a document's head is first read for its prolog (usually a line or two long).
_PROLOG_WINDOW = 1 << 16


def _doctype_line(head: bytes) -> int | None:
    """The line of a DOCTYPE in the prolog of a document, if it has one: the prolog is read in a
    small window first, widened only while the prolog goes on, up to _PROLOG_SCAN (decoding the
    whole megabyte for every document cost a millisecond each)."""
    window = _PROLOG_WINDOW
    while True:
        prolog = read_prolog(head[:window])
        if prolog.complete or prolog.doctype_line or window >= min(len(head), _PROLOG_SCAN):
            return prolog.doctype_line
        window = min(window * 16, _PROLOG_SCAN)


def read_prolog(head: bytes) -> Prolog:
    """Read the prolog of a document from its first bytes: XML declaration, comments, processing
    instructions and white space, in whatever encoding the document is in, up to the root element
    or a DOCTYPE — wherever the DOCTYPE stands before the root (a "<" inside a comment is not the
    root). Bytes that cannot be decoded are read as replacement characters: they never hide a
    DOCTYPE, and the parser refuses them."""
    encoding = head_encoding(head)
    text = codecs.getincrementaldecoder(encoding)("replace").decode(head, final=False)
    pos = 1 if text.startswith("\ufeff") else 0
    if text.startswith("<?xml", pos) and text[pos + 5 : pos + 6].isspace():
        end = text.find("?>", pos)
        if end < 0:
            return Prolog(encoding, None, False)
        pos = end + 2
    while True:
        pos = _SPACE.match(text, pos).end()
        for opening, closing in (("<!--", "-->"), ("<?", "?>")):
            if text.startswith(opening, pos):
                end = text.find(closing, pos + len(opening))
                if end < 0:
                    return Prolog(encoding, None, False)
                pos = end + len(closing)
                break
        else:
            if text.startswith("<!DOCTYPE", pos):
                return Prolog(encoding, len(_LINE_END.findall(text, 0, pos)) + 1, False)
            root = pos < len(text) and text[pos] == "<" and text[pos + 1 : pos + 2] not in ("", "!", "?")
            return Prolog(encoding, None, root)


#: The XSLT processor's own parser refuses documents nested deeper than this.
XSLT_MAX_DEPTH = 100


def check_depth(tree: etree._ElementTree, name: str, limit: int = XSLT_MAX_DEPTH) -> None:
    """Refuse, with a clear message, a document nested deeper than `limit` (one linear walk)."""
    depth = 0
    for event, el in etree.iterwalk(tree.getroot(), events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > limit:
            raise XMLInputError(
                f"elements nested more than {limit} levels deep, which the XSLT processor refuses",
                file=name,
                line=el.sourceline,
                kind="limit",
                hint="TEI needs far fewer; check for unclosed or runaway nesting",
            )


def require_tei(tree: etree._ElementTree, name: str) -> None:
    """Refuse a document whose root is not TEI (or teiCorpus) in the TEI namespace."""
    root = tree.getroot()
    check_depth(tree, name)
    if root.tag not in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"):
        q = etree.QName(root)
        where = f"in namespace {q.namespace}" if q.namespace else "in no namespace"
        raise XMLInputError(
            f"is not a TEI document: its root is <{q.localname}> {where}",
            file=name,
            line=root.sourceline,
            kind="not-tei",
            hint=f'the root must be <TEI xmlns="{TEI_NS}">',
        )


DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'

#: The schemas the TEI of the toolkit's own format names in its prolog, so that editors (oXygen,
#: jEdit, Emacs nXML, VS Code) validate it as it is typed: the customisation's RELAX NG and its
#: Schematron, as `xml-model` processing instructions (W3C, "Associating Schemas with XML
#: documents 1.0"). Each href is a file name, relative to the TEI: `edition build` publishes the
#: files beside it (`edition.validate.publish`).
XML_MODELS = (
    ("edition.rng", "http://relaxng.org/ns/structure/1.0"),
    ("edition.sch", "http://purl.oclc.org/dsdl/schematron"),
)


def xml_models() -> bytes:
    """The `xml-model` processing instructions of XML_MODELS, one a line."""
    return b"".join(
        etree.tostring(
            etree.ProcessingInstruction("xml-model", f'href="{href}" type="application/xml" schematypens="{ns}"')
        )
        + b"\n"
        for href, ns in XML_MODELS
    )


def names_models(tree: etree._ElementTree) -> bool:
    """Whether a document's prolog holds the xml-model instructions the toolkit writes."""
    before = [n for n in tree.getroot().itersiblings(preceding=True) if isinstance(n, etree._ProcessingInstruction)]
    return b"".join(etree.tostring(n) + b"\n" for n in reversed(before)) == xml_models()


def serialize(root: etree._Element, models: bool = False) -> bytes:
    """Bytes of a document: UTF-8, XML declaration (and, with `models`, the schemas' xml-model
    instructions), final newline, nothing re-indented."""
    return (
        DECLARATION
        + (xml_models() if models else b"")
        + etree.tostring(root, encoding="UTF-8", xml_declaration=False)
        + b"\n"
    )


def serialize_to(root: etree._Element, fh, models: bool = False) -> None:
    """The same bytes as `serialize`, streamed into an open binary file (no copy in memory)."""
    fh.write(DECLARATION + (xml_models() if models else b""))
    etree.ElementTree(root).write(fh, encoding="UTF-8", xml_declaration=False)
    fh.write(b"\n")


def serialize_content(el: etree._Element) -> bytes:
    """The bytes of an element's content as `serialize` writes them inside the document: its
    text, children and their tails, without the element's own tags (nor the namespace they
    declare: the element stands for a TEI block whose start tag is written already). `el` has
    no attributes; an empty element has no content."""
    data = etree.tostring(el, encoding="UTF-8")
    if data.endswith(b"/>"):
        return b""
    return data[data.index(b">") + 1 : data.rindex(b"</")]
