"""Stage 1, *read*: bytes on disk → one normalised string, with what was normalised recorded.

The only normalisations are the ones XML forces or that carry no text: a byte-order mark is
dropped and CRLF/CR line ends become LF. Both are recorded on the returned `Source` (and later
in the TEI header), so the edition states exactly how its diplomatic text relates to the file.

What a file is, is decided by its content: a zip archive holding `word/document.xml` is a Word
document, read by `edition.transcript.docx` into *the text as read* (the rules are recorded on
the `Source` as `reading`, and in the header); anything else is text — WebVTT and SubRip
subtitles included, whose cue timings are the converter's to recognise.
"""

from __future__ import annotations

import bisect
import codecs
import re
from array import array
from dataclasses import dataclass
from pathlib import Path

from edition.diagnostics import Diagnostic
from edition.errors import InputError
from edition.transcript import docx

#: Byte-order marks and the encodings they announce (UTF-32 first: its LE mark begins with UTF-16's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Encodings whose byte order a mark may give, with their two explicit orders and unit size.
_ORDERED = {"utf-16": ("utf-16-le", "utf-16-be", 2), "utf-32": ("utf-32-le", "utf-32-be", 4)}


class LineFinder:
    """1-based line numbers of offsets in a text. The line ends are indexed once, when first asked:
    counting them from the start for every report would be quadratic in a long text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._ends: array | None = None

    def line_of(self, offset: int) -> int:
        if self._ends is None:
            self._ends = array("q", (m.start() for m in re.finditer("\n", self.text)))
        return bisect.bisect_left(self._ends, offset) + 1


@dataclass(frozen=True)
class Source:
    path: str
    text: str  # LF line ends, no BOM
    encoding: str  # the encoding it was decoded from
    bom: bool  # whether a byte-order mark was dropped
    newline: str  # "LF", "CRLF", "CR" or "mixed": the line ends found in the file
    format: str = "text"  # "text", or "docx" (a Word document read as text)
    reading: tuple[str, ...] = ()  # how a document that is not text was read as text
    notices: tuple[Diagnostic, ...] = ()  # what reading left out (a Word document's comments…)


def read_source(path: str | Path, encoding: str | None = None) -> Source:
    """Read a transcript, refusing what is neither text nor a Word document with one clear message.
    `encoding` is for text; a Word document's parts name their own."""
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise InputError("is a directory, not a transcript", file=name)
    return decode_source(_read_bytes(path, name), name, encoding)  # no second reference kept


def _docx_source(data: bytes, name: str) -> Source:
    read = docx.read_docx(data, name)
    if not read.text or read.text.isspace():
        raise InputError("is empty (a Word document with no text to encode)", file=name)
    not_read = docx.left_out_phrase(read.left_out)
    reading = docx.READING + ((f"Not read from this document: {not_read}.",) if not_read else ())
    return Source(name, read.text, read.encoding.lower(), False, "LF", "docx", reading, tuple(read.notices))


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", file=name) from None
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror}", file=name) from None


def decode_source(data: bytes, name: str = "<input>", encoding: str | None = None) -> Source:
    """Decode a transcript. A zip archive is a Word document (read as such; `encoding` is for
    text). Without `encoding`, a byte-order mark decides, else UTF-8, and NUL bytes mean binary;
    an encoding given is honoured as given (UTF-16 and UTF-32 text is full of NUL bytes), the byte
    order of unmarked UTF-16 or UTF-32 read from where its zero bytes lie.

    The choice is made here, where `data` is the only reference to the bytes: a 50 MB transcript
    is dropped once decoded rather than held beside its text."""
    if data.startswith(docx.ZIP_MAGIC):
        return _docx_source(data, name)
    if name.lower().endswith(".docx"):
        raise InputError(
            "is named .docx but is not a Word document (not a zip archive)",
            file=name,
            hint="save it again from Word or LibreOffice, or rename a text file .txt",
        )
    bom = False
    chosen = encoding or "utf-8"
    if encoding is None:
        for mark, enc in _BOMS:
            if data.startswith(mark):
                chosen, bom = enc, True
                break
        if not bom and b"\x00" in data:
            raise InputError(
                "looks binary (it contains NUL bytes), not a text transcript",
                file=name,
                hint="give a UTF-8 text file, or --encoding utf-16 for UTF-16 text",
            )
    key = chosen.lower().replace("_", "-").replace("utf16", "utf-16").replace("utf32", "utf-32")
    if key in ("utf-8", "utf8") and data.startswith(codecs.BOM_UTF8):
        data, bom = data[len(codecs.BOM_UTF8) :], True
    elif key in _ORDERED:
        chosen, bom = _byte_order(data, key)
    try:
        text = data.decode(chosen)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"is not valid {chosen} (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            file=name,
            line=line,
            hint="convert it to UTF-8, or name its encoding with --encoding (e.g. latin-1, cp1251)",
        ) from None
    except LookupError:
        raise InputError(f"unknown encoding {chosen!r}", file=name) from None
    del data  # a 50 MB transcript need not be held twice
    if text.startswith("\ufeff"):
        text, bom = text[1:], True
    newline = _newline_style(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text or text.isspace():  # (not text.strip(): a copy of a 50 MB text)
        raise InputError("is empty (no text to encode)", file=name)
    if _looks_binary(text):
        raise InputError("looks binary (mostly control characters), not a text transcript", file=name)
    return Source(name, text, chosen, bom, newline)


def _byte_order(data: bytes, key: str) -> tuple[str, bool]:
    """(the codec, whether a mark is there) for UTF-16 or UTF-32 named without its byte order.

    A mark decides (the codec named without order reads and drops it); else the order that puts
    the zero bytes of the text where the high byte of a unit is (in Latin, Cyrillic and most
    other text, that byte is zero), little-endian when nothing tells."""
    little, big, size = _ORDERED[key]
    marks = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) if size == 2 else (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
    if data.startswith(marks):
        return key, True
    sample = data[:65536]
    high_first, high_last = sample[0::size].count(0), sample[size - 1 :: size].count(0)
    return (big if high_first > high_last else little), False


def _newline_style(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [k for k, n in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if n]
    if not kinds:
        return "LF"
    return kinds[0] if len(kinds) == 1 else "mixed"


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\f\v")
    return controls > max(8, len(sample) // 10)
