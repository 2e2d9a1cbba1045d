"""The prolog check (`xmlio.read_prolog`) reads what stands before the root as an XML parser does,
and every parser of `xmlio` opens no external subset even when that check is bypassed."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
import textwrap

import pytest

from edition.xmlio import read_prolog

TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>'
DOCTYPE = '<!DOCTYPE TEI SYSTEM "subset.dtd">'

# (name, text before encoding, line of the DOCTYPE or None, root reached)
PROLOGS = [
    ("bare root", TEI, None, True),
    ("declaration", '<?xml version="1.0"?>\n' + TEI, None, True),
    ("doctype first", DOCTYPE + TEI, 1, False),
    ("doctype after declaration", '<?xml version="1.0"?>\n' + DOCTYPE + TEI, 2, False),
    ("doctype after comment with <", "<!-- <a -->\n" + DOCTYPE + TEI, 2, False),
    ("doctype after pi with <", "<?foo <x?>\n\n" + DOCTYPE + TEI, 3, False),
    ("doctype after both", '<?xml version="1.0"?>\r\n<?foo <x?>\r<!-- <a --><!---->\n' + DOCTYPE + TEI, 4, False),
    ("comment holding a doctype", "<!-- <!DOCTYPE x> -->" + TEI, None, True),
    ("pi holding a doctype", "<?foo <!DOCTYPE x>?>" + TEI, None, True),
    ("stylesheet pi, not a declaration", '<?xml-stylesheet href="a.xsl"?>' + DOCTYPE + TEI, 1, False),
    ("doctype after the root", TEI + DOCTYPE, None, True),
    ("unterminated comment", "<!-- <a " + DOCTYPE + TEI, None, False),
    ("unterminated pi", "<?foo " + DOCTYPE + TEI, None, False),
    ("unterminated declaration", '<?xml version="1.0" ' + DOCTYPE, None, False),
    ("text before the root", "x" + DOCTYPE + TEI, None, False),
    ("white space only", " \n\t", None, False),
    ("lone <", "<", None, False),
]

# (name, how the text becomes bytes, codec the check must read it with)
ENCODINGS = [
    ("utf-8", lambda t: t.encode("utf-8"), "utf-8"),
    ("utf-8 bom", lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8"),
    ("utf-16-le bom", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "utf-16-le"),
    ("utf-16-be bom", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16-be"),
    ("utf-16-le", lambda t: t.encode("utf-16-le"), "utf-16-le"),
    ("utf-16-be", lambda t: t.encode("utf-16-be"), "utf-16-be"),
    ("utf-32-le bom", lambda t: codecs.BOM_UTF32_LE + t.encode("utf-32-le"), "utf-32-le"),
    ("utf-32-be", lambda t: t.encode("utf-32-be"), "utf-32-be"),
]


#: Without a byte-order mark, UTF-16 and UTF-32 are recognised by a "<" first (as libxml2 does).
CASES = [(p, e) for p in PROLOGS for e in ENCODINGS if p[1].startswith("<") or e[0] == "utf-8" or e[0].endswith("bom")]


@pytest.mark.parametrize("prolog_case,encoding_case", CASES, ids=[f"{p[0]}, {e[0]}" for p, e in CASES])
def test_prolog_is_read_as_xml_reads_it(prolog_case, encoding_case):
    _, text, line, root = prolog_case
    _, encode, codec = encoding_case
    prolog = read_prolog(encode(text))
    assert (prolog.encoding, prolog.doctype_line, prolog.complete) == (codec, line, root)


@pytest.mark.parametrize(
    "declared,codec",
    [("ISO-8859-1", "iso8859-1"), ("windows-1252", "cp1252"), ("UTF-16", "utf-8"), ("klingon-8", "utf-8")],
)
def test_the_declared_encoding_is_used_when_the_bytes_allow_it(declared, codec):
    data = f'<?xml version="1.0" encoding="{declared}"?>\n<!-- é <a -->\n{DOCTYPE}{TEI}'.encode("latin-1")
    prolog = read_prolog(data)
    assert (prolog.encoding, prolog.doctype_line) == (codec, 3)


def test_a_doctype_in_ebcdic_is_found():
    data = f'<?xml version="1.0" encoding="IBM037"?>\n<!-- <a -->{DOCTYPE}{TEI}'.encode("cp037")
    assert read_prolog(data).doctype_line == 2


def test_a_head_cut_inside_a_character_does_not_hide_the_doctype():
    data = ("<!-- ünï <a -->" + DOCTYPE).encode("utf-8")
    assert read_prolog(data).doctype_line == 1
    assert read_prolog(data[:7]).doctype_line is None  # cut inside "ü": nothing found, no error


# ----------------------------------------------------------------- the parsers, prolog check bypassed

GUARD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from edition import xmlio
    from edition.errors import XMLInputError
    xmlio.read_prolog = lambda head: xmlio.Prolog("utf-8", None, True)   # the first check, fooled
    path = Path(sys.argv[1])
    try:
        if sys.argv[2] == "tree":
            xmlio.parse_file(path)
        elif sys.argv[2] == "events":
            with path.open("rb") as fh:
                for _ in xmlio.iterparse_safe(fh, str(path)):
                    pass
        else:
            with path.open("rb") as fh:
                for _ in xmlio.lxml_iterparse(fh, ("start", "end")):
                    pass
    except XMLInputError as exc:
        print(exc.kind)
    else:
        print("read")
""")


@pytest.mark.parametrize("reader", ["tree", "events", "pull"])
def test_no_parser_opens_an_external_subset(tmp_path, reader):
    fifo = tmp_path / "subset.dtd"
    os.mkfifo(fifo)
    doc = tmp_path / "doc.xml"
    doc.write_text(f'<!DOCTYPE TEI SYSTEM "{fifo}">\n{TEI}')
    run = subprocess.run(
        [sys.executable, "-c", GUARD, str(doc), reader], capture_output=True, text=True, timeout=60
    )  # a parser that opens the FIFO waits: the test fails
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == ("read" if reader == "pull" else "unsafe")


HIDDEN = {"comment": "<!-- <a -->", "pi": "<?foo <x?>", "both": "<?foo <x?>\n<!-- <a -->"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
@pytest.mark.parametrize("before", HIDDEN)
def test_stats_refuses_the_hidden_doctype(tmp_path, before, encoding):
    fifo = tmp_path / "subset.dtd"
    os.mkfifo(fifo)
    doc = tmp_path / "doc.xml"
    doc.write_bytes(
        f'<?xml version="1.0" encoding="{encoding}"?>\n{HIDDEN[before]}\n<!DOCTYPE TEI SYSTEM "{fifo}">\n{TEI}'.encode(
            encoding
        )
    )
    run = subprocess.run(
        [sys.executable, "-m", "edition", "stats", str(doc)], capture_output=True, text=True, timeout=60
    )  # a hang fails the test
    assert run.returncode == 3, run.stderr[-2000:]
    line = 3 + HIDDEN[before].count("\n")
    assert f"doc.xml:{line}:" in run.stderr and "DOCTYPE" in run.stderr and "Traceback" not in run.stderr


def test_a_corpus_build_refuses_the_hidden_doctype(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    fifo = tmp_path / "subset.dtd"
    os.mkfifo(fifo)
    (inputs / "doc.xml").write_text(
        f'<?xml version="1.0"?>\n<!-- <a -->\n<?foo <x?>\n<!DOCTYPE TEI SYSTEM "{fifo}">\n{TEI}'
    )
    run = subprocess.run(
        [sys.executable, "-m", "edition", "build", str(inputs), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    said = run.stdout + run.stderr
    assert run.returncode == 1, said[-2000:]
    assert "doc.xml" in said and "DOCTYPE" in said and "Traceback" not in said
