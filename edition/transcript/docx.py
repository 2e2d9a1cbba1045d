"""Stage 1 for Word documents: a .docx → *the text as read*, the string the edition reproduces.

A Word document has no plain text of its own, so the reader defines one, and the lossless guarantee
is on it (the diplomatic text of the TEI equals it exactly). The rules, which `READING` states in the
words the TEI header records:

* one line per paragraph, paragraphs separated by a blank line, so that the converter's segmenter
  keeps each paragraph (a speaker's turn) a block of its own in either layout, and a line break
  inside a paragraph (`<w:br/>`) stays a line of that block;
* character formatting that carries meaning is kept as light markup the label grammars read: a bold
  run as `**…**`, an italic run as `_…_` (both: `**_…_**`); adjacent runs of one formatting are
  merged (a space between two bold runs counts as bold), whitespace at a run's edges stays outside
  the markers, and markers never span a line end;
* a tab is a tab character, a line break (`<w:br/>`, `<w:cr/>`) a line end; page and column breaks
  are layout, not text;
* a table is one line per row, its cells separated by ` | ` (a cell's own paragraphs and line breaks
  become spaces, so that a row stays one line);
* a footnote or endnote reference is `[^n]` where it stands, numbered in order of reference, and the
  note's text follows the body as a paragraph `[^n]: …`;
* tracked insertions are read, tracked deletions are not (the document with its changes accepted);
  the text of hyperlinks, fields and content controls is read, field codes are not.

Not read, and said so (a W101 notice and the header's record): comments, headers and footers, text
boxes and other drawings, embedded documents (altChunk), and the automatic numbers of list
paragraphs (Word draws them from numbering.xml; they are not in the paragraph's text). Bold or
italic that a paragraph style gives (a heading's look) is not marked: only a run's own formatting
and its character style are.

The file is a zip from anywhere, so it is read as hostile: only the parts needed are unpacked, at
most `MAX_UNPACKED_BYTES` together (a zip bomb is refused before it is inflated); every XML part goes
through the toolkit's safe parser (no DTD, no entities, no network); no external relationship is
ever opened, and a document whose text would come from outside the file (a master document's
subdocuments, an external altChunk) is refused rather than read in part.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from edition.diagnostics import Diagnostic
from edition.errors import InputError, XMLInputError
from edition.xmlio import parse_bytes

#: The most the parts read from one .docx may unpack to, together. A transcript of 50 MB of text is
#: about 100–150 MB of WordprocessingML; far more than that from a file of a few kilobytes is a bomb.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024

#: The first bytes of a zip archive (a local file header): a file that starts so is read as a .docx.
ZIP_MAGIC = b"PK\x03\x04"

#: The main part where a package does not name one (`_rels/.rels`).
DEFAULT_MAIN_PART = "word/document.xml"

#: How the text as read was made, as the TEI header records it (editorialDecl/normalization).
READING: tuple[str, ...] = (
    "The transcript is a Word document (.docx). The text as read from it, which the diplomatic text "
    "of this file reproduces exactly, is made thus: one line per paragraph, paragraphs separated by a "
    "blank line; a bold run as **…**, an italic run as _…_ (adjacent runs of one formatting merged, "
    "whitespace at their edges outside the marks); a tab as a tab character, a line break as a line "
    "end (page and column breaks are not text).",
    'Tables: one line per row, cells separated by " | " (paragraphs and line breaks inside a cell '
    "become spaces). Footnotes and endnotes: a mark [^n] where the note is referenced, numbered in "
    'order of reference, and the note\'s text after the body as a paragraph "[^n]: …".',
    "Tracked insertions are read and tracked deletions are not; the text of hyperlinks, fields and "
    "content controls is read, field codes and link addresses are not. Comments, headers, footers, "
    "text boxes, embedded documents and the automatic numbers of lists are not read; what this "
    "document had of them is said below when it had any.",
)

#: Relationship types (the last segment of the type URI) whose target, if external, would supply
#: text of the document: reading it would mean fetching it, so such a document is refused.
EXTERNAL_TEXT = {"subDocument": "a subdocument (a master document)", "aFChunk": "an embedded document"}

#: Parts that hold text the reader leaves out, by relationship type: what the W101 notice calls them.
UNREAD_PARTS = {"comments": "comments", "header": "headers", "footer": "footers"}

#: Everything the reader leaves out, plural → singular, for saying how many of each it left out.
LEFT_OUT_NOUNS = {
    "comments": "comment",
    "headers": "header",
    "footers": "footer",
    "text boxes": "text box",
    "embedded documents": "embedded document",
    "list numbers": "list number",
}

#: Breaks that are layout, not a line end of the text.
_LAYOUT_BREAKS = {"page", "column"}

#: Inline elements whose content is not text of the document: deletions, field codes, properties.
_SKIP_INLINE = {
    "del",
    "moveFrom",
    "delText",
    "instrText",
    "delInstrText",
    "rPr",
    "pPr",
    "sectPr",
    "commentReference",
    "commentRangeStart",
    "commentRangeEnd",
    "annotationRef",
    "footnoteRef",
    "endnoteRef",
    "separator",
    "continuationSeparator",
    "lastRenderedPageBreak",
    "fldChar",
    "proofErr",
    "bookmarkStart",
    "bookmarkEnd",
    "sdtPr",
    "sdtEndPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblGrid",
    "customXmlPr",
    "smartTagPr",
}

#: Inline elements that hold drawings (and the text boxes inside them), not running text.
_DRAWINGS = {"drawing", "pict", "object", "AlternateContent"}

_W_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)
_TRUE = {"1", "true", "on"}
_EDGES = re.compile(r"(\s*)(.*?)(\s*)", re.S)


def left_out_phrase(left_out: dict[str, int]) -> str:
    """ "2 comments, 1 header": what a reading left out, in words."""
    return ", ".join(f"{n} {what if n != 1 else LEFT_OUT_NOUNS[what]}" for what, n in left_out.items())


@dataclass
class Reading:
    """The text as read from one .docx, with what the reader found and left out."""

    text: str
    encoding: str
    notices: list[Diagnostic] = field(default_factory=list)
    left_out: dict[str, int] = field(default_factory=dict)


def read_docx(data: bytes, name: str) -> Reading:
    """Read a Word document as text; refuse a corrupt, oversized or externally fed one (InputError)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _Reader(archive, name).read()
    except RecursionError:  # the reader recurses as the XML nests; Word nests a dozen deep
        raise InputError(
            "nests its elements too deeply to be read as a Word document",
            file=name,
            hint="open it in Word or LibreOffice and save it again as .docx",
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError, OSError) as exc:
        raise InputError(
            f"is not a readable Word document ({type(exc).__name__}: {exc})",
            file=name,
            hint="open it in Word or LibreOffice and save it again as .docx",
        ) from None


class _Reader:
    def __init__(self, archive: zipfile.ZipFile, name: str) -> None:
        self.archive = archive
        self.names = set(archive.namelist())
        self.name = name
        self.budget = MAX_UNPACKED_BYTES
        self.note_numbers: dict[tuple[str, str], int] = {}  # (kind, id) → its number
        self.note_order: list[tuple[str, str]] = []  # the same keys, by number
        self.char_styles: dict[str, tuple[str | None, bool | None, bool | None]] = {}
        self.numbered_styles: dict[str, tuple[str | None, bool | None]] = {}  # paragraph styles
        self.left_out: dict[str, int] = {}

    # ------------------------------------------------------------------ the package

    def read(self) -> Reading:
        main = self._main_part()
        root = self._xml(main).getroot()
        rels = self._relationships(main)
        by_type: dict[str, list[str]] = {}
        for kind, target, external in rels.values():
            if external and kind in EXTERNAL_TEXT:
                raise InputError(
                    f"takes text from outside the file ({EXTERNAL_TEXT[kind]} at {target!r}), which is never fetched",
                    file=self.name,
                    hint="save the document with all its text in the file",
                )
            if not external:
                by_type.setdefault(kind, []).append(target)
        for target in by_type.get("styles", [])[:1]:
            self._read_styles(self._xml(target).getroot())
        body = _child(root, "body")
        if body is None:
            raise InputError(f"is not a readable Word document ({main} has no body)", file=self.name)
        blocks = list(self._blocks(body))
        notes = self._notes(by_type)
        for kind, label in UNREAD_PARTS.items():
            count = sum(1 for target in by_type.get(kind, []) if self._has_text(target))
            if count:
                self.left_out[label] = self.left_out.get(label, 0) + count
        text = "\n\n".join(blocks + notes)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text and not text.endswith("\n"):
            text += "\n"
        notices = (
            [
                Diagnostic(
                    "W101",
                    "warning",
                    f"not read from the Word document: {left_out_phrase(self.left_out)}",
                    file=self.name,
                    hint="only the body, its tables and its notes are "
                    "the text; copy into the body what belongs to the transcript",
                )
            ]
            if self.left_out
            else []
        )
        return Reading(text, root.getroottree().docinfo.encoding or "UTF-8", notices, self.left_out)

    def _main_part(self) -> str:
        if "_rels/.rels" in self.names:
            for kind, target, external in self._relationships("").values():
                if kind == "officeDocument" and not external and target in self.names:
                    return target
        if DEFAULT_MAIN_PART in self.names:
            return DEFAULT_MAIN_PART
        raise InputError(
            f"is a zip archive without a Word document in it (no {DEFAULT_MAIN_PART})",
            file=self.name,
            hint="give a .docx, or the transcript as plain text",
        )

    def _bytes(self, part: str) -> bytes:
        info = self.archive.getinfo(part)
        self.budget -= info.file_size
        if self.budget < 0:
            raise InputError(
                f"unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB ({part} alone is "
                f"{info.file_size} bytes, {info.compress_size} packed); refused as a "
                "zip bomb",
                file=self.name,
                hint="a real transcript this large: give it as plain text",
            )
        with self.archive.open(info) as fh:
            return fh.read(info.file_size)  # zipfile stops at the declared size and checks the CRC

    def _xml(self, part: str) -> etree._ElementTree:
        try:
            return parse_bytes(self._bytes(part), f"{self.name}!{part}")
        except XMLInputError as exc:
            raise InputError(f"is not a readable Word document ({part}: {exc.message})", file=self.name) from None

    def _relationships(self, part: str) -> dict[str, tuple[str, str, bool]]:
        """id → (type, target, external) of a part's relationships; internal targets as zip names."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name not in self.names:
            return {}
        found = {}
        for rel in self._xml(rels_name).getroot():
            if not isinstance(rel.tag, str) or etree.QName(rel).localname != "Relationship":
                continue
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            target = rel.get("Target") or ""
            external = rel.get("TargetMode") == "External"
            if not external:
                target = posixpath.normpath(posixpath.join("/", folder, target)).lstrip("/")
            found[rel.get("Id") or ""] = (kind, target, external)
        return found

    def _has_text(self, part: str) -> bool:
        if part not in self.names:
            return False
        return any(t.text for t in self._xml(part).getroot().iter() if _is_w(t, "t"))

    # ------------------------------------------------------------------ styles and notes

    def _read_styles(self, styles: etree._Element) -> None:
        """Character styles (bold and italic come from them too) and which paragraph styles
        number their paragraphs (a list style's numbers are not in the text)."""
        for style in styles:
            if not _is_w(style, "style"):
                continue
            based = _child(style, "basedOn")
            based_on = _attr(based, "val") if based is not None else None
            if _attr(style, "type") == "character":
                rpr = _child(style, "rPr")
                self.char_styles[_attr(style, "styleId") or ""] = (
                    based_on,
                    _toggle(rpr, "b", "bCs"),
                    _toggle(rpr, "i", "iCs"),
                )
            elif _attr(style, "type") == "paragraph":
                self.numbered_styles[_attr(style, "styleId") or ""] = (based_on, _numbered(_child(style, "pPr")))

    def _numbered_by_style(self, style_id: str | None) -> bool:
        seen = set()
        while style_id and style_id not in seen and style_id in self.numbered_styles:
            seen.add(style_id)
            style_id, numbered = self.numbered_styles[style_id]
            if numbered is not None:
                return numbered
        return False

    def _style_format(self, style_id: str | None) -> tuple[bool, bool]:
        bold = italic = None
        seen = set()
        while style_id and style_id not in seen and style_id in self.char_styles:
            seen.add(style_id)
            style_id, b, i = self.char_styles[style_id]
            bold = b if bold is None else bold
            italic = i if italic is None else italic
        return bool(bold), bool(italic)

    def _notes(self, by_type: dict[str, list[str]]) -> list[str]:
        """The notes referenced in the body, as `[^n]: …` paragraphs in the order of their numbers."""
        bodies: dict[tuple[str, str], etree._Element] = {}
        for kind in ("footnote", "endnote"):
            for target in by_type.get(kind + "s", [])[:1]:
                for note in self._xml(target).getroot():
                    if _is_w(note, kind):
                        bodies[(kind, _attr(note, "id") or "")] = note
        lines = []
        for number, key in enumerate(self.note_order, 1):  # grows if a note references another
            note = bodies.get(key)
            text = " ".join(b.replace("\n", " ") for b in self._blocks(note)) if note is not None else ""
            lines.append(f"[^{number}]: {text.lstrip()}")
        return lines

    # ------------------------------------------------------------------ blocks

    def _blocks(self, container: etree._Element) -> Iterator[str]:
        for el in container:
            if not isinstance(el.tag, str):
                continue
            local = etree.QName(el).localname
            if local == "p":
                yield self._paragraph(el)
            elif local == "tbl":
                yield self._table(el)
            elif local in ("sdt", "sdtContent", "customXml", "ins", "moveTo"):
                yield from self._blocks(el)
            elif local == "altChunk":
                self._count("embedded documents")

    def _table(self, table: etree._Element) -> str:
        rows = []
        for row in _descendants(table, "tr", stop="tbl"):
            cells = [
                " ".join(b.replace("\n", " ") for b in self._blocks(cell))
                for cell in _descendants(row, "tc", stop="tbl")
            ]
            rows.append(" | ".join(cells))
        return "\n".join(rows)

    def _paragraph(self, paragraph: etree._Element) -> str:
        ppr = _child(paragraph, "pPr")
        numbered = _numbered(ppr)
        if numbered is None:
            style = _child(ppr, "pStyle")
            numbered = self._numbered_by_style(_attr(style, "val"))
        if numbered:
            self._count("list numbers")
        pieces: list[tuple[str, bool, bool]] = []
        self._inline(paragraph, pieces, (False, False))
        return _render(pieces)

    # ------------------------------------------------------------------ runs

    def _inline(self, el: etree._Element, pieces: list, fmt: tuple[bool, bool]) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            local = etree.QName(child).localname
            if local in _SKIP_INLINE:
                continue
            if local in _DRAWINGS:
                if any(etree.QName(d).localname == "txbxContent" for d in child.iter() if isinstance(d.tag, str)):
                    self._count("text boxes")
            elif local == "r":
                self._inline(child, pieces, self._run_format(child))
            elif local == "t":
                pieces.append((child.text or "", *fmt))
            elif local in ("tab", "ptab"):
                pieces.append(("\t", *fmt))
            elif local in ("br", "cr"):
                if _attr(child, "type") not in _LAYOUT_BREAKS:
                    pieces.append(("\n", *fmt))
            elif local == "noBreakHyphen":
                pieces.append(("\u2011", *fmt))
            elif local == "softHyphen":
                pieces.append(("\u00ad", *fmt))
            elif local == "sym":
                pieces.append((_symbol(_attr(child, "char")), *fmt))
            elif local in ("footnoteReference", "endnoteReference"):
                key = (local[: -len("Reference")], _attr(child, "id") or "")
                if key not in self.note_numbers:
                    self.note_numbers[key] = len(self.note_order) + 1
                    self.note_order.append(key)
                pieces.append((f"[^{self.note_numbers[key]}]", False, False))
            else:  # hyperlinks, insertions, fields, smart tags, content controls, math: their text
                self._inline(child, pieces, fmt)

    def _run_format(self, run: etree._Element) -> tuple[bool, bool]:
        rpr = _child(run, "rPr")
        style = _child(rpr, "rStyle") if rpr is not None else None
        styled_bold, styled_italic = self._style_format(_attr(style, "val") if style is not None else None)
        bold, italic = _toggle(rpr, "b", "bCs"), _toggle(rpr, "i", "iCs")
        return (styled_bold if bold is None else bold), (styled_italic if italic is None else italic)

    def _count(self, what: str) -> None:
        self.left_out[what] = self.left_out.get(what, 0) + 1


# ---------------------------------------------------------------------- rendering


def _render(pieces: list[tuple[str, bool, bool]]) -> str:
    """Runs → text with `**` and `_` around bold and italic stretches (see the module's rules)."""
    for k in range(1, len(pieces) - 1):  # a space between two runs of one formatting takes it
        text, *fmt = pieces[k]
        if text.isspace() and "\n" not in text and pieces[k - 1][1:] == pieces[k + 1][1:]:
            pieces[k] = (text, *pieces[k - 1][1:])
    merged: list[list] = []
    for text, bold, italic in pieces:
        if merged and merged[-1][1:] == [bold, italic]:
            merged[-1][0] += text
        else:
            merged.append([text, bold, italic])
    out = []
    for text, bold, italic in merged:
        if not (bold or italic):
            out.append(text)
            continue
        opening = ("**" if bold else "") + ("_" if italic else "")
        closing = opening[::-1]
        lines = []
        for line in text.split("\n"):
            before, core, after = _EDGES.fullmatch(line).groups()
            lines.append(f"{before}{opening}{core}{closing}{after}" if core else line)
        out.append("\n".join(lines))
    return "".join(out)


# ---------------------------------------------------------------------- WordprocessingML helpers


def _is_w(el, local: str) -> bool:
    return isinstance(el.tag, str) and etree.QName(el).localname == local and etree.QName(el).namespace in _W_NAMESPACES


def _child(el: etree._Element | None, local: str) -> etree._Element | None:
    if el is None:
        return None
    return next((c for c in el if _is_w(c, local)), None)


def _descendants(el: etree._Element, local: str, stop: str) -> Iterator[etree._Element]:
    """`local` elements under `el`, not looking inside a nested `stop` (rows of a nested table)."""
    for child in el:
        if _is_w(child, local):
            yield child
        elif isinstance(child.tag, str) and not _is_w(child, stop):
            yield from _descendants(child, local, stop)


def _attr(el: etree._Element | None, local: str) -> str | None:
    if el is None:
        return None
    for ns in _W_NAMESPACES:
        value = el.get(f"{{{ns}}}{local}")
        if value is not None:
            return value
    return None


def _toggle(rpr: etree._Element | None, *names: str) -> bool | None:
    """A toggle property (bold, italic) set in `rpr`: True, False, or None where it is not set.
    The complex-script form (`bCs`, `iCs`) counts as well: Arabic or Hebrew bold is set there."""
    for local in names:
        el = _child(rpr, local)
        if el is not None:
            value = _attr(el, "val")
            return value is None or value.lower() in _TRUE
    return None


def _numbered(ppr: etree._Element | None) -> bool | None:
    """Whether paragraph properties give the paragraph an automatic number (a list item): True,
    False (numbering turned off, `numId` 0), or None where they say nothing of it."""
    num = _child(ppr, "numPr")
    if num is None:
        return None
    num_id = _attr(_child(num, "numId"), "val")
    return None if num_id is None else num_id != "0"


def _symbol(code: str | None) -> str:
    """The character of a `<w:sym w:char="F0E0"/>` (symbol fonts map into U+F000–U+F0FF)."""
    try:
        return chr(int(code or "", 16))
    except ValueError:
        return ""
