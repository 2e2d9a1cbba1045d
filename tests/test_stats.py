"""`edition stats`: counts of the showcase and of TEI others wrote, that agree with the TEI itself
and with the exports; bad input gets one message and a non-zero exit."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from lxml import etree

from edition.cli import main
from edition.export.model import load
from edition.export.turns_json import document
from edition.stats import count
from edition.xmlio import NS

from conftest import ROOT, SAMPLES, need_samples

SHOWCASE = ROOT / "tei" / "march-1917.xml"
INPUTS = ["showcase"] + (sorted(p.name for p in SAMPLES.glob("*.xml")) if SAMPLES.exists() else ["samples"])


@pytest.fixture(params=INPUTS)
def tei(request):
    if request.param == "showcase":
        return SHOWCASE
    need_samples()
    return SAMPLES / request.param


def test_counts_agree_with_the_tei(tei):
    root = etree.parse(str(tei)).getroot()
    turns = root.xpath("//tei:sp | //tei:u", namespaces=NS)
    ids = {tok.split("#")[-1] for t in turns for tok in (t.get("who") or "").split()}
    top = root.xpath("/tei:teiCorpus/tei:TEI | /tei:TEI/tei:text/*/tei:div", namespaces=NS)
    sessions = [d for d in top if d.get("type") == "session"] or top  # a foreword is not a session
    divisions = root.xpath("//tei:text//tei:div | /tei:teiCorpus/tei:TEI", namespaces=NS)
    report = count(load(tei), str(tei))
    totals = report.totals
    assert totals["turns"] == len(turns) and totals["speakers"] == len(ids)
    assert totals["gaps"] == len(root.xpath("//tei:text//tei:gap", namespaces=NS))
    assert totals["sessions"] == len(sessions) and totals["divisions"] == len(divisions)
    assert sum(s["turns"] for s in report.sessions) == totals["turns"]
    assert sum(s["words"] for s in report.sessions) == totals["words"] == sum(p["words"] for p in report.speakers) > 0
    assert sum(s["notes"] for s in report.sessions) == totals["notes"]
    assert sum(s["gaps"] for s in report.sessions) == totals["gaps"]


def test_counts_agree_with_the_json_export(tei):
    edition = load(tei)
    assert count(edition, "x").totals == document(edition)["counts"]


def test_showcase_numbers():
    report = count(load(SHOWCASE), "showcase")
    by_date = {s["date"]: s for s in report.sessions if s["date"]}
    assert report.totals["turns"] == 162 and report.totals["gaps"] == 5
    assert report.totals["sessions"] == 6  # the foreword and the appendix are not
    assert by_date["1917-04-04"]["turns"] == 9
    assert report.speakers[0]["id"] == "lenin"  # the longest speaker: the April Theses


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_cli_reports(tei, fmt):
    result = CliRunner().invoke(main, ["stats", str(tei), "--format", fmt])
    assert result.exit_code == 0, result.output
    totals = count(load(tei), str(tei)).totals
    if fmt == "json":
        data = json.loads(result.output)
        assert data["totals"] == totals and data["file"] == str(tei)
    else:
        lines = result.output.splitlines()
        assert lines[0].startswith(str(tei))
        assert f"turns {totals['turns']:,}" in lines[1] and f"words {totals['words']:,}" in lines[1]
        assert any(line.split()[:2] == ["div", "part"] for line in lines)
        assert any(line.split()[:2] == ["speaker", "name"] for line in lines)


@pytest.mark.parametrize(
    "content, code",
    [
        (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text>", 3),
        (b"<html/>", 3),
        (b"", 3),
    ],
)
def test_cli_refuses_bad_input(tmp_path, content, code):
    src = tmp_path / "bad.xml"
    src.write_bytes(content)
    for fmt in ("text", "json"):
        result = CliRunner().invoke(main, ["stats", str(src), "--format", fmt])
        assert result.exit_code == code
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("edition: error[E003]") and str(src) in lines[0]
        assert "Traceback" not in result.output


def test_cli_missing_file(tmp_path):
    result = CliRunner().invoke(main, ["stats", str(tmp_path / "nope.xml")])
    assert result.exit_code == 3 and "no such file" in result.output
