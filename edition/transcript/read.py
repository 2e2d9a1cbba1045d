"""Stage 1, *read*: bytes on disk → one normalised string, with what was normalised recorded.

The only normalisations are the ones XML forces or that carry no text: a byte-order mark is
dropped and CRLF/CR line ends become LF. Both are recorded on the returned `Source` (and later
in the TEI header), so the edition states exactly how its diplomatic text relates to the file.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from edition.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Source:
    path: str
    text: str           # LF line ends, no BOM
    encoding: str       # the encoding it was decoded from
    bom: bool           # whether a byte-order mark was dropped
    newline: str        # "LF", "CRLF", "CR" or "mixed": the line ends found in the file


def read_source(path: str | Path, encoding: str | None = None) -> Source:
    """Read and decode a transcript, refusing what is not text with one clear message."""
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise InputError("is a directory, not a transcript", file=name)
    return decode_source(_read_bytes(path, name), name, encoding)   # no second reference kept


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", file=name) from None
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror}", file=name) from None


def decode_source(data: bytes, name: str = "<input>", encoding: str | None = None) -> Source:
    bom = False
    chosen = encoding or "utf-8"
    if encoding is None:
        for mark, enc in _BOMS:
            if data.startswith(mark):
                chosen, bom = enc, True
                break
    if chosen.lower().replace("_", "-") in ("utf-8", "utf8") and data.startswith(codecs.BOM_UTF8):
        data, bom = data[len(codecs.BOM_UTF8):], True
    if not bom and b"\x00" in data:
        raise InputError("looks binary (it contains NUL bytes), not a text transcript", file=name,
                         hint="give a UTF-8 text file, or --encoding utf-16 for UTF-16 text")
    try:
        text = data.decode(chosen)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"is not valid {chosen} (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                         file=name, line=line,
                         hint="convert it to UTF-8, or name its encoding with --encoding "
                              "(e.g. latin-1, cp1251)") from None
    except LookupError:
        raise InputError(f"unknown encoding {chosen!r}", file=name) from None
    del data                            # a 50 MB transcript need not be held twice
    if text.startswith("\ufeff"):
        text, bom = text[1:], True
    newline = _newline_style(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("is empty (no text to encode)", file=name)
    if _looks_binary(text):
        raise InputError("looks binary (mostly control characters), not a text transcript", file=name)
    return Source(name, text, chosen, bom, newline)


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
