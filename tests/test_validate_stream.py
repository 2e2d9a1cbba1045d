"""Streaming validation: a document too large to hold is checked as if it were held.

Every document of the catalogue, the showcase and the samples is validated twice — in memory and
as a stream (`stream_above=0`) — and must give the same diagnostics: code, line, column, message,
path. The streaming pass must also let go of what it has read.
"""

from __future__ import annotations

import io

import pytest
from lxml import etree

from edition.validate import grammar, validate
from edition.validate.rules import RulePass
from edition.xmlio import iterparse_safe

from conftest import CASES, ROOT, SAMPLES, need_samples

DOCUMENTS = sorted(CASES.glob("*/*.xml")) + [ROOT / "tei" / "march-1917.xml",
                                              ROOT / "tei" / "march-1917-register.xml"]


@pytest.fixture(autouse=True)
def every_error(monkeypatch, tmp_path):
    """Both ways must find the same errors, not only the same first 200 (the order they are
    found in differs: a stream checks a session's subtree before its parents)."""
    monkeypatch.setattr(grammar, "MAX_ERRORS", 10**6)
    monkeypatch.setenv("EDITION_CACHE_DIR", str(tmp_path / "cache"))


def _both(path):
    held = validate([path]).files[0].diagnostics
    streamed = validate([path], stream_above=0).files[0].diagnostics
    return held, streamed


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_streamed_document_reads_as_one_held(path):
    held, streamed = _both(path)
    assert streamed == held


def test_foreign_tei_streamed_reads_as_held():
    need_samples()
    for path in sorted(SAMPLES.glob("*.xml")):
        held, streamed = _both(path)
        assert sorted(streamed, key=repr) == sorted(held, key=repr), path.name


def test_the_stream_lets_go_of_what_it_has_checked():
    """4,000 turns in one session: when each turn ends, the turns before it are gone (those after
    it may be there already: the parser reads ahead by a 64 KB piece)."""
    turns = "".join(f'<sp who="#a"><speaker>A:</speaker><p>Words {n}.</p></sp>' for n in range(4000))
    doc = (f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>'
           f'<div type="session"><head>Session <date when="1917-03-29">29</date></head>{turns}'
           f'</div></body></text></TEI>').encode()
    rule_pass = RulePass(stream=True)
    most = 0

    def count(sp, walk):
        nonlocal most
        most = max(most, sum(1 for _ in sp.itersiblings(preceding=True)))

    rule_pass.walk._by_tag.setdefault("{http://www.tei-c.org/ns/1.0}sp", []).append(count)
    rule_pass.walk.run(iterparse_safe(io.BytesIO(doc), "many.xml"))
    assert most == 1  # the heading, kept for the session's date
    codes = {rule.code for rule, _ in rule_pass.findings()}
    assert codes == {"E302"}  # #a is nowhere; nothing else is wrong, the session's date was kept


def test_stream_refuses_what_memory_refuses(tmp_path):
    cases = {
        "doctype.xml": (b'<!DOCTYPE TEI [<!ENTITY x "y">]><TEI xmlns="http://www.tei-c.org/ns/1.0"/>', "E101"),
        "late-doctype.xml": (b"<!--" + b" " * 1_100_000 + b'--><!DOCTYPE TEI><TEI/>', "E101"),
        "empty.xml": (b"   \n", "E100"),
        "cut.xml": (b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>', "E100"),
        "xinclude.xml": (b'<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/'
                         b'XInclude"><xi:include href="/etc/passwd" parse="text"/></TEI>', "E102"),
    }
    for name, (data, code) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        (d,) = validate([path], stream_above=0).files[0].diagnostics
        assert d.code == code, (name, d)
        assert "root:" not in d.message  # nothing of /etc/passwd


def test_the_threshold_decides(tmp_path, monkeypatch):
    """Above the threshold the document is never read whole."""
    path = tmp_path / "doc.xml"
    path.write_bytes((ROOT / "tei" / "march-1917.xml").read_bytes())
    read_whole = []
    monkeypatch.setattr("pathlib.Path.read_bytes",
                        lambda self: read_whole.append(self) or etree.tostring(etree.Element("x")))
    validate([path], stream_above=path.stat().st_size - 1)
    assert path not in read_whole
