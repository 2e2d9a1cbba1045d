"""Word documents: read to the text as read, encoded losslessly against it, hostile ones refused.

Documents are made here, with python-docx where it can say what is tested (runs, tables, comments,
headers) and as raw WordprocessingML where it cannot (notes, tracked changes, external
relationships, zip bombs).
"""

from __future__ import annotations

import http.server
import io
import sys
import threading
import time
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from lxml import etree

from edition.cli import main
from edition.errors import InputError
from edition.transcript import docx as reader
from edition.transcript.read import read_source
from edition.xmlio import NS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


# ---------------------------------------------------------------------- documents


def transcript_docx(path: Path) -> Path:
    """A transcript as an editor would type it in Word: bold labels, italic directions, a table,
    a tab, a line break inside a turn, Cyrillic, Greek and Chinese text."""
    d = docx.Document()
    d.add_paragraph("Minutes of the sitting of 29 March")
    p = d.add_paragraph()
    p.add_run("SMITH:").bold = True
    p.add_run(" I move that we ")
    p.add_run("adjourn").italic = True
    p.add_run(".")
    p = d.add_paragraph()
    p.add_run("(")
    p.add_run("Laughter and applause").italic = True
    p.add_run(")")
    p = d.add_paragraph()
    p.add_run("IVANOV: ").bold = True
    p.add_run("Товарищи,\tслово")
    p.add_run().add_break()
    p.add_run("— λόγος, 世界.")
    table = d.add_table(rows=2, cols=3)
    for r, row in enumerate((("For", "Against", "Abstained"), ("12", "3", "1"))):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    p = d.add_paragraph()
    p.add_run("THE").bold = True
    p.add_run(" ")
    p.add_run("CHAIRMAN:").bold = True
    p.add_run(" Carried.")
    d.save(path)
    return path


AS_READ = (
    "Minutes of the sitting of 29 March\n\n"
    "**SMITH:** I move that we _adjourn_.\n\n"
    "(_Laughter and applause_)\n\n"
    "**IVANOV:** Товарищи,\tслово\n— λόγος, 世界.\n\n"
    "For | Against | Abstained\n12 | 3 | 1\n\n"
    "**THE CHAIRMAN:** Carried.\n"
)


def raw_docx(body: str, *, parts: dict[str, str] | None = None, rels: str = "", styles: str | None = None) -> bytes:
    """A minimal .docx from a body of WordprocessingML, extra parts and document relationships."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}</w:body></w:document>')
        if styles is not None:
            z.writestr("word/styles.xml", f'<w:styles xmlns:w="{W}">{styles}</w:styles>')
            rels += f'<Relationship Id="rSt" Type="{REL}/styles" Target="styles.xml"/>'
        z.writestr(
            "word/_rels/document.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{rels}</Relationships>",
        )
        for name, xml in (parts or {}).items():
            z.writestr(name, xml)
    return buffer.getvalue()


def read_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "t.docx"
    path.write_bytes(data)
    return read_source(path).text


def encode(tmp_path: Path, src: Path) -> tuple[object, Path]:
    out = tmp_path / "out.xml"
    return CliRunner().invoke(main, ["encode", str(src), "-o", str(out)]), out


# ---------------------------------------------------------------------- end to end


def test_a_transcript_in_word_is_encoded_losslessly_validly_and_says_how_it_was_read(tmp_path):
    src = transcript_docx(tmp_path / "minutes.docx")
    assert read_source(src).text == AS_READ
    result, out = encode(tmp_path, src)
    assert result.exit_code == 0, result.output
    diplomatic = CliRunner().invoke(main, ["text", "--diplomatic", str(out)])
    assert diplomatic.exit_code == 0 and diplomatic.stdout == AS_READ
    valid = CliRunner().invoke(main, ["validate", str(out)])
    assert valid.exit_code == 0, valid.output
    header = etree.parse(str(out)).find(".//tei:teiHeader", NS)
    normalization = " ".join(header.find(".//tei:editorialDecl/tei:normalization", NS).itertext())
    for rule in (
        "Word document (.docx)",
        "bold run as **…**",
        "italic run as _…_",
        'cells separated by " | "',
        "[^n]",
        "Comments, headers, footers",
    ):
        assert rule in normalization
    note = header.find(".//tei:sourceDesc/tei:bibl[@type='transcript']/tei:note", NS).text
    assert note.startswith("Word document (.docx") and f"{len(AS_READ)} characters" in note


def test_the_word_reading_is_found_by_content_not_by_name(tmp_path):
    src = transcript_docx(tmp_path / "minutes.docx")
    renamed = tmp_path / "minutes.txt"
    renamed.write_bytes(src.read_bytes())
    source = read_source(renamed)
    assert (source.text, source.format) == (AS_READ, "docx")


def test_what_is_not_read_is_said_in_a_warning_and_in_the_header(tmp_path):
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Verbatim report — page header"
    p = d.add_paragraph()
    p.add_run("SMITH:").bold = True
    p.add_run(" Aye.")
    d.add_comment(p.runs, text="check against the print", author="ed")
    d.save(tmp_path / "c.docx")
    result, out = encode(tmp_path, tmp_path / "c.docx")
    assert result.exit_code == 0
    assert "warning[W101] not read from the Word document: 1 comment, 1 header" in result.stderr
    normalization = etree.parse(str(out)).find(".//tei:normalization", NS)
    assert normalization[-1].text == "Not read from this document: 1 comment, 1 header."
    assert "page header" not in CliRunner().invoke(main, ["text", "--diplomatic", str(out)]).stdout


# ---------------------------------------------------------------------- the rules of reading


def _p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def _r(text: str, props: str = "") -> str:
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


RULES = [
    (
        "bold and italic at once, runs merged",
        _p(_r("Mr. ", "<w:b/><w:i/>"), _r("BROWN.", "<w:b/><w:i/>"), _r(" Yes.")),
        "**_Mr. BROWN._** Yes.\n",
    ),
    (
        "whitespace at a run's edges stays outside the marks",
        _p(_r("  SMITH:  ", "<w:b/>"), _r("Aye.")),
        "  **SMITH:**  Aye.\n",
    ),
    (
        "a bold stretch does not span a line break",
        _p(_r("A", "<w:b/>"), "<w:r><w:rPr><w:b/></w:rPr><w:br/><w:t>B</w:t></w:r>"),
        "**A**\n**B**\n",
    ),
    ("bold turned off in the run", _p(_r("no", '<w:b w:val="0"/>')), "no\n"),
    ("complex-script bold (Arabic, Hebrew)", _p(_r("سلام", "<w:bCs/><w:rtl/>")), "**سلام**\n"),
    (
        "a hyperlink's text, not its address",
        _p(_r("see "), '<w:hyperlink r:id="rL">' + _r("the record") + "</w:hyperlink>"),
        "see the record\n",
    ),
    (
        "tracked insertions read, deletions not",
        _p(
            _r("a "),
            '<w:ins w:id="1" w:author="x">' + _r("new") + "</w:ins>",
            '<w:del w:id="2" w:author="x"><w:r><w:delText>old</w:delText></w:r></w:del>',
        ),
        "a new\n",
    ),
    (
        "a page break is layout, a line break a line end",
        _p(_r("one"), '<w:r><w:br w:type="page"/></w:r>', _r(" two"), "<w:r><w:cr/></w:r>", _r("three")),
        "one two\nthree\n",
    ),
    (
        "a field's result, not its code",
        _p(
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
            _r("7"),
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        ),
        "7\n",
    ),
    ("an empty paragraph is an empty line", _p(_r("a")) + "<w:p/>" + _p(_r("b")), "a\n\n\n\nb\n"),
    ("a content control's text", "<w:sdt><w:sdtContent>" + _p(_r("inside")) + "</w:sdtContent></w:sdt>", "inside\n"),
    (
        "a cell's paragraphs and breaks become spaces; a nested table stays in its cell",
        "<w:tbl><w:tr><w:tc>" + _p(_r("a")) + _p(_r("b")) + "</w:tc><w:tc>"
        "<w:tbl><w:tr><w:tc>" + _p(_r("x")) + "</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>",
        "a b | x\n",
    ),
]


@pytest.mark.parametrize("body, expected", [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_a_rule_of_reading(tmp_path, body, expected):
    rels = f'<Relationship Id="rL" Type="{REL}/hyperlink" Target="http://example.org/" TargetMode="External"/>'
    assert read_text(raw_docx(body, rels=rels), tmp_path) == expected


def test_a_character_style_makes_bold_and_a_run_may_undo_it(tmp_path):
    styles = (
        '<w:style w:type="character" w:styleId="Base"><w:rPr><w:b/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="Speaker"><w:basedOn w:val="Base"/></w:style>'
    )
    body = _p('<w:r><w:rPr><w:rStyle w:val="Speaker"/></w:rPr><w:t>SMITH:</w:t></w:r>', _r(" yes ")) + _p(
        '<w:r><w:rPr><w:rStyle w:val="Speaker"/><w:b w:val="false"/></w:rPr><w:t>plain</w:t></w:r>'
    )
    assert read_text(raw_docx(body, styles=styles), tmp_path) == "**SMITH:** yes \n\nplain\n"


def test_notes_are_marked_where_referenced_and_follow_the_body(tmp_path):
    notes = {
        "word/footnotes.xml": f'<w:footnotes xmlns:w="{W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>'
        + _r(" Second note,")
        + "</w:p>"
        + _p(_r("in two paragraphs."))
        + "</w:footnote>"
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
        + _r(" In the print: ")
        + _r("adjurn", "<w:i/>")
        + "</w:p></w:footnote></w:footnotes>",
        "word/endnotes.xml": f'<w:endnotes xmlns:w="{W}"><w:endnote w:id="1"><w:p>'
        + _r("An endnote.")
        + "</w:p></w:endnote></w:endnotes>",
    }
    rels = (
        f'<Relationship Id="rF" Type="{REL}/footnotes" Target="footnotes.xml"/>'
        f'<Relationship Id="rE" Type="{REL}/endnotes" Target="endnotes.xml"/>'
    )
    body = _p(_r("We adjourn."), '<w:r><w:footnoteReference w:id="1"/></w:r>', _r(" Next.")) + _p(
        _r("Then"), '<w:r><w:endnoteReference w:id="1"/></w:r>', '<w:r><w:footnoteReference w:id="2"/></w:r>'
    )
    assert read_text(raw_docx(body, parts=notes, rels=rels), tmp_path) == (
        "We adjourn.[^1] Next.\n\nThen[^2][^3]\n\n"
        "[^1]: In the print: _adjurn_\n\n[^2]: An endnote.\n\n[^3]: Second note, in two paragraphs.\n"
    )


def test_automatic_list_numbers_are_said_to_be_left_out(tmp_path):
    d = docx.Document()
    d.add_paragraph("The order of the day:")
    d.add_paragraph("The bridge.", style="List Number")  # numbered by its paragraph style
    d.add_paragraph("The school.", style="List Number")
    d.add_paragraph("Written out: 3. The road.")
    d.save(tmp_path / "agenda.docx")
    source = read_source(tmp_path / "agenda.docx")
    assert source.text == "The order of the day:\n\nThe bridge.\n\nThe school.\n\nWritten out: 3. The road.\n"
    assert [d.message for d in source.notices] == ["not read from the Word document: 2 list numbers"]


def test_a_paragraph_may_turn_its_styles_numbering_off(tmp_path):
    styles = (
        '<w:style w:type="paragraph" w:styleId="Item"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>'
    )
    body = (
        '<w:p><w:pPr><w:pStyle w:val="Item"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>' + _r("plain") + "</w:p>"
    )
    path = tmp_path / "off.docx"
    path.write_bytes(raw_docx(body, styles=styles))
    assert read_source(path).notices == ()


def test_a_text_box_is_left_out_and_said(tmp_path):
    box = (
        '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
        + _p(_r("boxed"))
        + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    path = tmp_path / "box.docx"
    path.write_bytes(raw_docx(_p(_r("body"), box)))
    source = read_source(path)
    assert source.text == "body\n"
    assert [d.code for d in source.notices] == ["W101"] and "1 text box" in source.notices[0].message


# ---------------------------------------------------------------------- hostile and broken input


def _refused(tmp_path: Path, data: bytes, expect: str, name: str = "bad.docx") -> None:
    src = tmp_path / name
    src.write_bytes(data)
    result, out = encode(tmp_path, src)
    assert result.exit_code == 3, result.output
    assert f"error[E001] {src}: " in result.output and expect in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_a_corrupt_word_document_is_refused(tmp_path):
    good = (transcript_docx(tmp_path / "good.docx")).read_bytes()
    _refused(tmp_path, good[: len(good) // 2], "is not a readable Word document")


def test_a_word_document_with_broken_xml_is_refused(tmp_path):
    _refused(tmp_path, raw_docx("<w:p><w:r>"), "is not a readable Word document (word/document.xml:")


def test_a_word_document_declaring_entities_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(
            "word/document.xml",
            '<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p>'
            "</w:body></w:document>",
        )
    _refused(tmp_path, buffer.getvalue(), "DOCTYPE")


@pytest.mark.slow
def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    """257 MB of one paragraph packed into well under a megabyte."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>'.encode())
            chunk = b"a" * 2**20
            for _ in range(reader.MAX_UNPACKED_BYTES // len(chunk) + 1):
                fh.write(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    data = buffer.getvalue()
    assert len(data) < reader.MAX_UNPACKED_BYTES // 100
    started = time.perf_counter()
    _refused(tmp_path, data, "zip bomb")
    assert time.perf_counter() - started < 5


def test_a_deeply_nested_word_document_is_read_by_the_cli_and_refused_cleanly_below_its_limit(tmp_path):
    """The reader recurses as the XML nests: libxml2 reads 2,000 levels (huge_tree); the CLI raises
    Python's recursion limit for that, and a library caller at the default limit gets an E001."""
    depth = 1500
    src = tmp_path / "deep.docx"
    src.write_bytes(raw_docx("<w:p>" + "<w:hyperlink>" * depth + _r("deep") + "</w:hyperlink>" * depth + "</w:p>"))
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    try:
        with pytest.raises(InputError, match="nests its elements too deeply"):
            read_source(src)
    finally:
        sys.setrecursionlimit(limit)
    result, out = encode(tmp_path, src)
    assert result.exit_code == 0 and read_source(src).text == "deep\n"


def test_a_zip_that_is_not_a_word_document_and_a_docx_that_is_no_zip(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("content.xml", "<office:document/>")
    _refused(tmp_path, buffer.getvalue(), "is a zip archive without a Word document in it", name="notes.odt")
    _refused(tmp_path, b"SMITH: Aye.\n", "is named .docx but is not a Word document")


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 — the name http.server calls
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<w:p>fetched</w:p>")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    _Recorder.requests = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_external_relationships_are_never_opened(tmp_path, server):
    """Links and linked pictures are read past; text from outside the file refuses the document.
    Either way the server hears nothing (a file URL to a FIFO would hang the reader if opened)."""
    rels = "".join(
        f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target="{server}/{rid}" TargetMode="External"/>'
        for rid, kind in (("rL", "hyperlink"), ("rI", "image"), ("rT", "attachedTemplate"))
    )
    body = _p('<w:hyperlink r:id="rL">' + _r("linked") + "</w:hyperlink>")
    src = tmp_path / "linked.docx"
    src.write_bytes(raw_docx(body, rels=rels))
    result, out = encode(tmp_path, src)
    assert result.exit_code == 0 and out.exists()
    out.unlink()
    sub = f'<Relationship Id="rS" Type="{REL}/subDocument" Target="{server}/sub.docx" TargetMode="External"/>'
    _refused(
        tmp_path, raw_docx(_p('<w:subDoc r:id="rS"/>'), rels=sub), "takes text from outside the file (a subdocument"
    )
    chunk = f'<Relationship Id="rA" Type="{REL}/aFChunk" Target="{server}/chunk.html" TargetMode="External"/>'
    _refused(tmp_path, raw_docx('<w:altChunk r:id="rA"/>', rels=chunk), "an embedded document")
    assert _Recorder.requests == []


# ---------------------------------------------------------------------- subtitles are text

VTT = (
    "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nSMITH: We begin.\n\n"
    "00:00:05.000 --> 00:00:07.500\nJONES: Agreed — согласен.\n"
)
SRT = (
    "1\n00:00:01,000 --> 00:00:04,000\nSMITH: We begin.\n\n"
    "2\n00:00:05,000 --> 00:00:07,500\nJONES: Agreed — согласен.\n"
)


@pytest.mark.parametrize("name, text", [("talk.vtt", VTT), ("talk.srt", SRT)])
@pytest.mark.parametrize("bom, newline", [(b"", "\n"), (b"\xef\xbb\xbf", "\r\n")], ids=["plain", "bom-crlf"])
def test_subtitles_are_read_as_text_and_encoded_losslessly(tmp_path, name, text, bom, newline):
    src = tmp_path / name
    src.write_bytes(bom + text.replace("\n", newline).encode())
    result, out = encode(tmp_path, src)
    assert result.exit_code == 0, result.output
    diplomatic = CliRunner().invoke(main, ["text", "--diplomatic", str(out)]).stdout
    assert diplomatic == text  # the file's text, its mark and CRLF recorded in the header
    note = etree.parse(str(out)).find(".//tei:bibl[@type='transcript']/tei:note", NS).text
    assert f"line ends as found: {'CRLF' if bom else 'LF'}; byte-order mark: {'yes' if bom else 'no'}" in note


def test_the_guide_states_the_readers_limit():
    guide = (Path(__file__).resolve().parent.parent / "docs" / "guide.md").read_text()
    assert f"{reader.MAX_UNPACKED_BYTES // 2**20} MB is unpacked" in guide
