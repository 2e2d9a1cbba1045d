"""The showcase edition: regenerated exactly, lossless, valid, and read the way a careful reader does."""

from __future__ import annotations

import csv

import pytest

from edition import api
from edition.settings import load_config
from edition.text import diplomatic
from edition.xmlio import NS

from conftest import ROOT, SHOWCASE, jing_errors


@pytest.fixture(scope="module")
def result():
    return api.encode(load_config(SHOWCASE))


def test_committed_tei_is_what_the_converter_produces(result):
    committed = (ROOT / "tei" / "march-1917.xml").read_bytes()
    assert result.to_bytes() == committed, "tei/march-1917.xml is stale: run `edition build`"


def test_lossless(result):
    source = (ROOT / "tei/sources/march-1917/march-1917-conference.txt").read_text(encoding="utf-8")
    assert diplomatic(result.root) == source


def test_deterministic(result):
    assert api.encode(load_config(SHOWCASE)).to_bytes() == result.to_bytes()


@pytest.mark.slow
def test_valid_tei_p5(tmp_path, result):
    out = tmp_path / "showcase.xml"
    out.write_bytes(result.to_bytes())
    assert jing_errors(out) == []


def test_speakers_match_an_independent_reading(result):
    """At least 98% of paragraphs get the speaker (or narration) the independent reading gives."""
    rows = list(csv.DictReader((ROOT / "tests/showcase/reading.tsv").open(encoding="utf-8"), delimiter="\t"))
    units = {u.para.line: u for u in result.units}
    right = 0
    for row in rows:
        u = units[int(row["line"])]
        expected = set(row["who"].split()) if row["kind"] in ("turn", "quote", "list-item") else set()
        speaking = u.kind in ("turn", "speech", "reported", "subheading", "quote", "item")
        got = set(u.who) if speaking else set()
        right += got == expected
    assert right / len(rows) >= 0.98, f"{right}/{len(rows)}"


def test_structure(result):
    root = result.root
    sessions = root.xpath("//tei:body//tei:div[@type='session']", namespaces=NS)
    dates = [d.xpath("string(tei:head/tei:date/@when)", namespaces=NS) for d in sessions]
    assert dates == [
        "1917-03-29",
        "1917-03-30",
        "1917-03-30",
        "1917-03-30",
        "1917-03-31",
        "1917-04-01",
        "1917-04-02",
        "1917-04-04",
    ]
    joint = root.xpath("//tei:div[@subtype='joint']", namespaces=NS)[0]
    assert joint.getparent().get("{http://www.w3.org/XML/1998/namespace}id") == "session-1917-03-30"
    chair_turns = root.xpath(
        "//tei:div[@subtype='joint']//tei:sp[tei:speaker[starts-with(., 'CHAIRMAN')]]/@who", namespaces=NS
    )
    assert chair_turns == ["#khinchuk"]
    assert root.xpath("count(//tei:table/tei:row[@n])", namespaces=NS) == 58  # 57 rows + the missing 33
    assert root.xpath("//tei:row[tei:cell/tei:gap]/@n", namespaces=NS) == ["33"]
    assert root.xpath("count(//tei:choice)", namespaces=NS) >= 110
    assert root.xpath("//tei:measure[@subtype='for'][@quantity='38']", namespaces=NS)
    assert root.xpath("//tei:sp[@who='#okhlonin #mandelstam']", namespaces=NS)
    assert root.xpath("//tei:q[@type='interjection'][@who='#kamenev']", namespaces=NS)
    assert root.xpath("//tei:floatingText//tei:list/tei:item[@n='4']", namespaces=NS)
    assert root.xpath("//tei:sp[@who='#lenin'][not(tei:speaker)]", namespaces=NS)
    assert root.xpath("//tei:fw[@type='furniture']", namespaces=NS)
