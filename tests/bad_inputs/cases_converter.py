"""Transcripts and editorial data meeting the converter: texts it must encode losslessly, corrections, registers, overrides.

Joined to the one catalogue by `catalogue.py`; the makers and `Case` come from there."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

from bad_inputs.catalogue import Case, _write, text

_HELLO = "SMITH: Hello.\n\nJONES: Привет, “world”.\n"


def with_corrections(transcript: str, rows: str):
    """`encode` of a transcript with a corrections file beside it."""

    def make(d: Path) -> list[str]:
        tsv = _write(d, "corrections.tsv", "sic\tcorr\n" + rows)
        return ["encode", str(_write(d, "t.txt", transcript)), "-o", "{out}", "--corrections", str(tsv)]

    return make


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _zip(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return buffer.getvalue()


def _docx(
    body: str = "<w:p><w:r><w:t>SMITH: Hello.</w:t></w:r></w:p>", rels: str = "", parts: dict[str, str] | None = None
) -> bytes:
    """A Word document: a body of WordprocessingML, its relationships, more parts by name."""
    return _zip(
        {
            "word/document.xml": f'<w:document xmlns:w="{_W}" xmlns:r="{_REL}"><w:body>{body}</w:body></w:document>',
            "word/_rels/document.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats'
            f'.org/package/2006/relationships">{rels}</Relationships>',
            **(parts or {}),
        }
    )


CASES: list[Case] = [
    # Word documents: a damaged one, a text named .docx, a zip of something else, text from outside
    # the file (never fetched) refused; what is not read (comments) said
    Case("docx-truncated", text("t.docx", _docx()[:150]), 3, ("not a readable word document",)),
    Case("docx-not-a-zip", text("t.docx", "SMITH: Hello.\n"), 3, ("is named .docx",)),
    Case(
        "zip-without-a-word-document",
        text("t.odt", _zip({"content.xml": "<office/>"})),
        3,
        ("without a word document",),
    ),
    Case(
        "docx-subdocument-from-a-url",
        text(
            "master.docx",
            _docx(
                '<w:p><w:subDoc r:id="rS"/></w:p>',
                f'<Relationship Id="rS" Type="{_REL}/subDocument" '
                'Target="http://127.0.0.1:9/part.docx" TargetMode="External"/>',
            ),
        ),
        3,
        ("outside the file",),
    ),
    Case(
        "docx-with-comments",
        text(
            "c.docx",
            _docx(
                rels=f'<Relationship Id="rC" Type="{_REL}/comments" Target="comments.xml"/>',
                parts={
                    "word/comments.xml": f'<w:comments xmlns:w="{_W}"><w:comment w:id="0"><w:p><w:r>'
                    "<w:t>check</w:t></w:r></w:p></w:comment></w:comments>"
                },
            ),
        ),
        0,
        ("W101", "1 comment"),
    ),
    # an encoding named on the command line is honoured, BOM or not (the NUL bytes of UTF-16 and
    # UTF-32 are not a sign of binary then); the byte order of an unmarked file is read from it
    Case(
        "utf-16-le-without-bom-with-encoding", text("u16le.txt", _HELLO.encode("utf-16-le"), "--encoding", "utf-16"), 0
    ),
    Case(
        "utf-16-be-without-bom-with-encoding", text("u16be.txt", _HELLO.encode("utf-16-be"), "--encoding", "utf-16"), 0
    ),
    Case("utf-16-be-named-exactly", text("u16be2.txt", _HELLO.encode("utf-16-be"), "--encoding", "utf-16-be"), 0),
    Case("utf-32-without-bom-with-encoding", text("u32.txt", _HELLO.encode("utf-32-be"), "--encoding", "utf-32"), 0),
    Case("utf-32-with-bom", text("u32bom.txt", codecs.BOM_UTF32_LE + _HELLO.encode("utf-32-le")), 0),
    Case("utf-16-with-bom-and-encoding", text("u16bom.txt", _HELLO.encode("utf-16"), "--encoding", "utf-16"), 0),
    # without --encoding the binary check still applies
    Case(
        "utf-16-without-bom-without-encoding",
        text("u16nobom.txt", _HELLO.encode("utf-16-le")),
        3,
        ("binary", "--encoding utf-16"),
    ),
    # plain texts that were refused with E900 (the encoding lost their order); kept exactly now
    Case("title-page-between-blocks", text("b.txt", "b) the bridge.\n\nMr\n\nE\nSMITH: Hello.\n"), 0),
    Case("nbsp-alone-on-a-line", text("nbsp.txt", "b) the bridge.\n\nMr\n\u00a0\nE\nSMITH: Hello.\n"), 0),
    Case("ideographic-space-alone-on-a-line", text("wide.txt", "(Laughter)\nCo\n\u3000\nI\nSESSION\n"), 0),
    Case("back-matter-only", text("app.txt", "APPENDIX\n\nSITTING"), 0),
    # formulae of a resolution are words, not speakers (checked in test_other_transcripts)
    Case(
        "resolution-formulae",
        text("res.txt", "SMITH: I move.\n\nWHEREAS: The bridge fell.\n\nRESOLVED: That it be mended.\n"),
        0,
    ),
    # a correction the encoder cannot place is said, not counted
    Case(
        "correction-across-a-label",
        with_corrections("SMITH: Helo there.\n", "SMITH: Helo\tSMITH: Hello\n"),
        0,
        ("W112", "not applied", "0 corrections"),
    ),
    Case(
        "utf-16-odd-length-with-encoding",
        text("u16odd.txt", _HELLO.encode("utf-16-le") + b"x", "--encoding", "utf-16"),
        3,
        ("not valid utf-16",),
    ),
]
