"""The settling pass: shapes TEI forbids are repaired, and not one character moves."""

from __future__ import annotations

import pytest
from lxml import etree

from edition import api
from edition.encode.settle import settle
from edition.settings import EncodeSettings
from edition.text import diplomatic
from edition.transcript.read import decode_source
from edition.validate import validate_data
from edition.xmlio import NS, TEI_NS


def _encode(text: str):
    source = decode_source(text.encode(), "input.txt")
    result = api.encode_source(source, EncodeSettings())
    assert diplomatic(result.root) == source.text
    report = validate_data([("input.xml", result.to_bytes())])
    assert [d.format() for f in report.files for d in f.diagnostics if d.severity == "error"] == []
    return result


def _codes(result) -> set[str]:
    return {d.code for d in result.diagnostics.items}


def test_a_label_with_no_words_records_a_gap():
    result = _encode("SESSION OF MARCH 3, 1917\n\nSMITH: We agree.\n\nJONES: \n")
    (sp,) = [sp for sp in result.root.iterfind(".//tei:sp", NS) if "JONES" in "".join(sp.itertext())]
    gap = sp.find(".//tei:gap", NS)
    assert gap is not None and gap.get("reason") == "missing" and gap.get("resp") == "#ed"
    assert "W203" in _codes(result)


def test_a_document_heading_with_no_document_is_a_subheading():
    text = etree.fromstring(
        f'<text xmlns="{TEI_NS}"><body><div type="session"><head>S</head>\n'
        '<floatingText type="document"><body>\n<head>RESOLUTION</head>\n</body></floatingText>\n'
        "<p>After.</p></div></body></text>"
    )
    before = "".join(text.itertext())
    notes = settle(text, "ed")
    assert [code for code, _ in notes] == ["W204"]
    assert "".join(text.itertext()) == before
    div = text.find(".//tei:div", NS)
    assert [etree.QName(c).localname for c in div] == ["head", "ab", "p"]
    assert div.find("tei:ab", NS).get("type") == "subheading"


def test_blocks_after_a_division_join_it_in_order():
    text = etree.fromstring(
        f'<text xmlns="{TEI_NS}"><body><div type="session"><head>S</head><p>One.</p></div>\n\n'
        "<p>Two.</p> <p>Three.</p>\n</body></text>"
    )
    before = "".join(text.itertext())
    settle(text, "ed")
    assert "".join(text.itertext()) == before
    body = text.find("tei:body", NS)
    assert [etree.QName(c).localname for c in body] == ["div"]


@pytest.mark.parametrize(
    "text",
    [
        "FOREWORD\n\nSMITH: A turn in the front matter.\n\nSESSION OF MARCH 3, 1917\n\nJONES: Yes.\n",
        "SESSION OF MARCH 3, 1917\n\nSMITH: Yes.\n\nAPPENDIX\n\nJONES: A turn in the back matter.\n",
        'Yé([\n\n"(For – 3; against – 2.)\n21SESSION OF MARCH 3, 1917Z',
    ],
)
def test_odd_shapes_come_out_valid_and_lossless(text):
    _encode(text)
