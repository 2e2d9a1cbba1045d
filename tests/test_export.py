"""The txt, md, json and csv exports, on the showcase and on TEI others wrote (DraCor, ParlaMint,
Parla-CLARIN): every turn, every speaker and every lacuna survives; the diplomatic text is the
transcription; the JSON keeps its schema; the CSV and the Markdown agree with it; bad input gets
one message and no output."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from lxml import etree

from edition import text as tei_text
from edition.cli import main
from edition.export import ExportOptions, export
from edition.export.model import GAP_REASONS, gap_marker, load
from edition.xmlio import NS, TEI_NS

from conftest import ROOT, SAMPLES, need_samples
from support.cli import refused_export

SHOWCASE = ROOT / "tei" / "march-1917.xml"
SCHEMA = json.loads((ROOT / "schemas" / "export" / "turns.schema.json").read_text(encoding="utf-8"))
MINE = ("txt", "md", "json", "csv")
#: The showcase and every XML sample (or a placeholder that skips when the samples are absent).
INPUTS = ["showcase"] + (sorted(p.name for p in SAMPLES.glob("*.xml")) if SAMPLES.exists() else ["samples"])
#: Elements that hold a turn's own text, whose diplomatic text the diplomatic export must contain.
TURN_BLOCKS = "./tei:speaker | ./tei:p | ./tei:l | ./tei:ab | ./tei:seg | ./tei:stage | ./tei:lg/tei:l"
#: Notes between turns (at division level) are text of the proceedings; the others are annotations.
ANNOTATIONS = (
    "//tei:text//tei:note[not(parent::tei:div or parent::tei:body or parent::tei:front"
    " or parent::tei:back or parent::tei:group or parent::tei:text)]"
)


def source(name: str) -> Path:
    if name == "showcase":
        return SHOWCASE
    need_samples()
    return SAMPLES / name


@dataclass
class Exported:
    tei: Path
    root: etree._Element
    out: dict[str, str]  # "txt", "md", "json", "csv", and "txt-diplomatic", "json-diplomatic"

    def json(self, view: str = "reading") -> dict:
        return json.loads(self.out["json" if view == "reading" else "json-diplomatic"])


@pytest.fixture(scope="module", params=INPUTS)
def exported(request, tmp_path_factory) -> Exported:
    tei = source(request.param)
    folder = tmp_path_factory.mktemp("export")
    out = {}
    for fmt in MINE:
        for view in ("reading", "diplomatic"):
            key = fmt if view == "reading" else f"{fmt}-diplomatic"
            path = export(tei, fmt, folder / f"{key}.{fmt}", ExportOptions(view=view))
            out[key] = path.read_bytes().decode("utf-8")
    out["csv-bytes"] = (folder / "csv.csv").read_bytes()
    return Exported(tei, etree.parse(str(tei)).getroot(), out)


def turns_of(root: etree._Element) -> list[etree._Element]:
    return root.xpath("//tei:sp | //tei:u", namespaces=NS)


def who_ids(root: etree._Element) -> set[str]:
    return {tok.split("#")[-1] for t in turns_of(root) for tok in (t.get("who") or "").split()}


def norm(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------ turns and speakers


def test_every_turn_is_exported(exported):
    n = len(turns_of(exported.root))
    doc = exported.json()
    assert n > 0
    assert len(doc["turns"]) == doc["counts"]["turns"] == n
    assert [t["n"] for t in doc["turns"]] == list(range(1, n + 1))
    assert sum(int(r["turns"]) for r in csv.DictReader(io.StringIO(exported.out["csv"]))) == n


def test_every_speaker_is_kept(exported):
    doc = exported.json()
    ids = who_ids(exported.root)
    assert ids <= {p["id"] for p in doc["people"]}
    assert ids == {i for t in doc["turns"] for i in t["speaker"]["ids"]}
    spoken = {p["id"] for p in doc["people"] if p["turns"]}
    assert spoken == ids and doc["counts"]["speakers"] == len(ids)


def test_each_turn_opens_with_its_speaker_in_order(exported):
    """Every sp/u of the TEI, in document order, starts a paragraph of the text export with its
    label: the printed one (speaker, or ParlaMint's note type="speaker"), else the name in brackets."""
    paragraphs = exported.out["txt"].split("\n\n")
    at = 0
    for turn in turns_of(exported.root):
        printed = turn.find("tei:speaker", NS)
        before = turn.getprevious()
        if (
            printed is None
            and before is not None
            and before.tag == f"{{{TEI_NS}}}note"
            and before.get("type") == "speaker"
        ):
            printed = before
        prefix = norm(tei_text.reading(_wrap(printed))) if printed is not None else "["
        while at < len(paragraphs) and not paragraphs[at].startswith(prefix):
            at += 1
        assert at < len(paragraphs), f"turn {turn.get('who')} (line {turn.sourceline}): no {prefix!r}"
        at += 1


def test_markdown_opens_each_turn_with_its_speaker_in_bold(exported):
    """The source's own asterisks are escaped, so a paragraph opening with ** is a turn."""
    opened = re.findall(r"^\*\*[^*\n]+\*\*", exported.out["md"], flags=re.MULTILINE)
    assert len(opened) == len(turns_of(exported.root))


# ------------------------------------------------------------------ text: diplomatic, reading, gaps


def _wrap(el: etree._Element) -> etree._Element:
    """A copy of `el` inside <text>, gaps replaced by the export's marker, notes removed: what
    `edition.text` reads as the diplomatic text the export must show."""
    text = etree.Element(f"{{{TEI_NS}}}text")
    body = copy.deepcopy(el)
    text.append(body)
    for gap in body.iter(f"{{{TEI_NS}}}gap"):
        seg = etree.Element(f"{{{TEI_NS}}}seg")
        seg.text = " " + gap_marker(gap.get("reason"), gap.get("quantity"), gap.get("unit")) + " "
        seg.tail = gap.tail
        gap.getparent().replace(gap, seg)
    for note in list(body.iterdescendants(f"{{{TEI_NS}}}note")):
        parent, prev = note.getparent(), note.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + (note.tail or "")
        else:
            parent.text = (parent.text or "") + (note.tail or "")
        parent.remove(note)
    return text


def test_diplomatic_text_contains_each_turn_as_transcribed(exported):
    out = norm(exported.out["txt-diplomatic"])
    checked = 0
    for turn in turns_of(exported.root):
        for block in turn.xpath(TURN_BLOCKS, namespaces=NS):
            expected = norm(tei_text.diplomatic(_wrap(block)))
            if expected:
                assert expected in out, f"line {block.sourceline}: {expected[:80]!r}"
                checked += 1
    assert checked >= len(turns_of(exported.root))


def test_reading_applies_corrections_and_diplomatic_keeps_the_print(exported):
    """A printed form that the TEI's own reading text never has (`edition text --reading`) is
    not in the reading export, and is in the diplomatic one."""
    reading_tei = norm(" ".join(map(tei_text.reading, exported.root.iter(f"{{{TEI_NS}}}text"))))
    reading, diplomatic = norm(exported.out["txt"]), norm(exported.out["txt-diplomatic"])
    for choice in exported.root.iterfind(".//tei:text//tei:choice", NS):
        sic = choice.find("tei:sic", NS)
        corr = choice.find("tei:corr", NS)
        if sic is None or corr is None or not norm("".join(sic.itertext())):
            continue
        printed, fixed = norm("".join(sic.itertext())), norm("".join(corr.itertext()))
        if printed not in reading_tei:
            assert printed not in reading and printed in diplomatic, printed
        assert fixed in reading


def test_gaps_are_marked_where_they_are(exported):
    gaps = exported.root.xpath("//tei:text//tei:gap", namespaces=NS)
    doc = exported.json()
    assert len(doc["gaps"]) == doc["counts"]["gaps"] == len(gaps)
    for fmt in ("txt", "txt-diplomatic"):
        assert exported.out[fmt].count("[…") == len(gaps), fmt
    assert exported.out["md"].count("\\[…") == len(gaps)
    turns = {t["n"]: t for t in doc["turns"]}
    for gap, record in zip(gaps, doc["gaps"]):
        assert record["reason"] == gap.get("reason")
        if record["turn"] is not None:
            assert record["marker"] in turns[record["turn"]]["text"]
            assert record["n"] in turns[record["turn"]]["gaps"]
        if gap.get("reason") in GAP_REASONS:
            assert GAP_REASONS[gap.get("reason")] in record["marker"]


def test_showcase_gaps_say_why():
    doc = load(SHOWCASE)
    interrupted = [g for g in doc.gaps if g.reason == "interrupted"]
    assert len(interrupted) == 2
    for g in interrupted:
        turn = doc.turns[g.turn - 1]
        assert turn.blocks[-1].text().endswith("[… speech breaks off]")
        assert g.description and "[…" not in g.description
    lost = [p for p in doc.passages if p.block.kind == "gap"]
    assert [p.block.text() for p in lost][:1] == ["[… lost (2 sessions)]"] and lost[0].session is None


def test_gap_labels_are_those_of_the_common_stylesheet():
    """The labels of lacunae are the ones the HTML and print editions use."""
    xsl = (ROOT / "xslt" / "common" / "functions.xsl").read_text(encoding="utf-8")
    block = xsl[xsl.index('name="ed:gap-reasons"') :]
    block = block[: block.index("}")]
    assert dict(re.findall(r"'([^']+)':\s*'([^']+)'", block)) == GAP_REASONS


# ------------------------------------------------------------------ notes and Markdown


def test_markdown_footnotes_are_the_notes(exported):
    md = exported.out["md"]
    expected = len(exported.root.xpath(ANNOTATIONS, namespaces=NS))
    definitions = re.findall(r"^\[\^(\d+)\]: ", md, flags=re.MULTILINE)
    assert [int(n) for n in definitions] == list(range(1, expected + 1))
    assert exported.json()["counts"]["notes"] == expected
    body = re.sub(r"^\[\^\d+\]: ", "", md, flags=re.MULTILINE)
    for n in definitions:
        assert body.count(f"[^{n}]") == 1, f"note {n} is not anchored exactly once"


def test_notes_are_listed_under_their_turn_in_text(exported):
    doc = exported.json()
    txt = exported.out["txt"]
    for turn in doc["turns"]:
        for note in turn["notes"]:
            assert f"    [{note['n']}] {note['text']}" in txt
            assert note["text"] not in turn["text"]


def test_markdown_escapes_the_source():
    from edition.export.markdown import escape

    assert escape("[Applause] *all* <b> 1. # x") == r"\[Applause\] \*all\* \<b\> 1. # x"
    assert escape("1. first") == r"1\. first" and escape("# not a heading") == r"\# not a heading"
    assert escape("- not a list") == r"\- not a list"


# ------------------------------------------------------------------ JSON and CSV


def test_json_is_valid_against_its_schema(exported):
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for view in ("reading", "diplomatic"):
        doc = exported.json(view)
        errors = sorted(validator.iter_errors(doc), key=lambda e: e.path)
        assert not errors, [f"{e.json_path}: {e.message}" for e in errors[:5]]
        assert doc["edition"]["view"] == view


def test_schema_is_a_real_constraint(exported):
    validator = jsonschema.Draft202012Validator(SCHEMA)
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    broken = exported.json()
    del broken["turns"][0]["speaker"]
    broken["sessions"].append({"n": 0, "id": None})
    assert len(list(validator.iter_errors(broken))) >= 2


def test_csv_agrees_with_json(exported):
    raw = exported.out["csv-bytes"]
    assert not raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n")
    rows = list(csv.DictReader(io.StringIO(exported.out["csv"], newline="")))
    doc = exported.json()
    assert list(rows[0]) == [
        "speaker_id",
        "speaker_name",
        "session",
        "session_id",
        "session_title",
        "date",
        "turns",
        "words",
    ]
    assert sum(int(r["words"]) for r in rows) == doc["counts"]["words"] == sum(t["words"] for t in doc["turns"]) > 0
    keys = [(r["speaker_id"], r["speaker_name"], r["session"]) for r in rows]
    assert len(keys) == len(set(keys))
    for s in doc["sessions"]:
        mine = [r for r in rows if r["session"] == str(s["n"])]
        assert sum(int(r["turns"]) for r in mine) == s["turns"]
        assert sum(int(r["words"]) for r in mine) == s["words"]


def test_exports_are_reproducible(exported, tmp_path):
    for fmt in MINE:
        again = export(exported.tei, fmt, tmp_path / f"again.{fmt}").read_bytes().decode("utf-8")
        assert again == exported.out[fmt], fmt


# ------------------------------------------------------------------ other TEI, one construct each

CORPUS = f"""<teiCorpus xmlns="{TEI_NS}" xml:lang="en">
<teiHeader><fileDesc><titleStmt><title>Corpus</title></titleStmt></fileDesc>
 <profileDesc><particDesc><listPerson>
  <person xml:id="a"><persName>Ann <surname>Able</surname></persName></person>
  <person xml:id="b"><persName type="reg">Bob Baker</persName><persName>B.</persName></person>
 </listPerson></particDesc></profileDesc></teiHeader>
<TEI><teiHeader><fileDesc><titleStmt><title>Sitting one</title></titleStmt></fileDesc>
 <profileDesc><settingDesc><setting><date when="2001-02-03"/></setting></settingDesc></profileDesc>
 </teiHeader>
 <text><body><div><head>Item<note>On the item.</note></head>
  <note type="speaker">The Chair:</note>
  <u who="#a">We <choice><abbr>conv.</abbr><expan>convene</expan></choice> <del>now</del>to<lb
   break="no"/>day.<note>Bell rings.</note> <kinesic><desc>Laughter</desc></kinesic> Next.</u>
  <sp who="#a #b"><speaker>BOTH<note>Both stand.</note></speaker><p>Agreed<gap reason="inaudible"/>.</p>
   <floatingText><body><sp who="#b"><speaker>B.</speaker><p>Quoted.</p></sp></body></floatingText></sp>
  <u who="#c"><seg>Who am I?</seg><vocal><desc>shouting</desc></vocal></u>
  <incident><desc>Lights out.</desc></incident>
 </div></body></text></TEI>
</teiCorpus>"""


@pytest.fixture()
def corpus(tmp_path) -> Path:
    path = tmp_path / "corpus.xml"
    path.write_text(CORPUS, encoding="utf-8")
    return path


def test_other_tei_constructs(corpus):
    doc = load(corpus)
    assert doc.root == "teiCorpus" and doc.title == "Corpus"
    (sitting, item) = doc.divisions
    assert sitting.level == 0 and sitting.title.text() == "Sitting one" and sitting.date == "2001-02-03"
    assert item.parent == sitting.n and item.title.text() == "Item" and item.date == "2001-02-03"
    chair, both, quoted, nobody = doc.turns
    assert chair.speaker.label.text() == "The Chair:" and chair.speaker.name == "Ann Able"
    assert chair.blocks[0].text() == "We convene today. (Laughter) Next."
    assert chair.blocks[0].text("diplomatic") == "We conv. nowtoday. (Laughter) Next."
    assert chair.words() == 4 and [doc.notes[n - 1].block.text() for n in chair.notes()] == ["Bell rings."]
    assert [doc.notes[n - 1].block.text() for n in item.title.notes()] == ["On the item."]
    assert both.speaker.label.text() == "BOTH" and both.notes() == [3]
    assert both.speaker.ids == ("a", "b") and both.speaker.name == "Ann Able & Bob Baker"
    assert both.blocks[0].text() == "Agreed [… inaudible] ." and both.words() == 1
    assert quoted.speaker.id == "b" and quoted.blocks[0].text() == "Quoted." and quoted.n == 3
    assert nobody.speaker.name == "c" and [b.kind for b in nobody.blocks] == ["text", "event"]
    assert [p.block.kind for p in doc.passages] == ["event"] and doc.passages[0].after_turn == 4
    people = {p.id: p for p in doc.people}
    assert people["c"].registered is False and people["b"].name == "Bob Baker"


def test_other_tei_in_every_format(corpus, tmp_path):
    txt = export(corpus, "txt", tmp_path / "c.txt").read_text(encoding="utf-8")
    assert "Item\n----\n\n    [1] On the item." in txt
    assert "The Chair: We convene today. (Laughter) Next.\n\n    [2] Bell rings." in txt
    assert "BOTH: Agreed [… inaudible] .\n\n    [3] Both stand." in txt
    assert "BOTH: Agreed [… inaudible] ." in txt and "B.: Quoted." not in txt and "B. Quoted." in txt
    assert "[c]: Who am I?\n\n(shouting)" in txt and "(Lights out.)" in txt
    md = export(corpus, "md", tmp_path / "c.md").read_text(encoding="utf-8")
    assert "**The Chair:** We convene today.[^2] (Laughter) Next." in md
    assert "\n[^2]: Bell rings.\n" in md and "## Sitting one (2001-02-03)" in md
    assert "### Item[^1]\n\n[^1]: On the item." in md and "**BOTH:** [^3] Agreed" in md
    assert len(re.findall(r"^\[\^\d\]: ", md, flags=re.MULTILINE)) == 3
    doc = json.loads(export(corpus, "json", tmp_path / "c.json").read_text(encoding="utf-8"))
    assert not list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(doc))
    assert doc["sessions"][0]["divisions"][0]["notes"] == [{"n": 1, "type": None, "text": "On the item."}]


# ------------------------------------------------------------------ bad input

BAD = {
    "malformed.xml": b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text>",
    "not-tei.xml": b"<html><body>hello</body></html>",
    "doctype.xml": b"<!DOCTYPE TEI [<!ENTITY x 'y'>]><TEI xmlns='http://www.tei-c.org/ns/1.0'/>",
    "empty.xml": b"",
}


@pytest.mark.parametrize("fmt", MINE)
@pytest.mark.parametrize("name", sorted(BAD))
def test_cli_refuses_bad_input(tmp_path, fmt, name):
    src = tmp_path / name
    src.write_bytes(BAD[name])
    assert str(src) in refused_export(src, fmt, tmp_path / f"out.{fmt}")


@pytest.mark.parametrize("fmt", MINE)
def test_cli_never_overwrites_its_input(tmp_path, fmt):
    src = tmp_path / "copy.xml"
    src.write_bytes(SHOWCASE.read_bytes())
    result = CliRunner().invoke(main, ["export", str(src), "--to", fmt, "-o", str(src)])
    assert result.exit_code == 5 and len(result.output.strip().splitlines()) == 1
    assert src.read_bytes() == SHOWCASE.read_bytes()


def test_cli_exports_the_showcase(tmp_path):
    out = tmp_path / "m.json"
    result = CliRunner().invoke(main, ["export", str(SHOWCASE), "--to", "json", "-o", str(out), "--diplomatic"])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["edition"]["view"] == "diplomatic"


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised(tmp_path):
    """A name or title beginning with = + - @ (or TAB, CR) is a formula to a spreadsheet: such a
    cell gets a leading apostrophe, which spreadsheets show as text and hide; numbers stay numbers."""
    doc = (ROOT / "tests" / "cases" / "valid" / "minimal.xml").read_text(encoding="utf-8")
    doc = doc.replace(
        '<persName type="reg">Stalin</persName>',
        '<persName type="reg">=HYPERLINK("http://x.example/","Stalin")</persName>',
    )
    doc = doc.replace("SESSION OF <date", "@SUM(1) OF <date")
    tei = tmp_path / "formula.xml"
    tei.write_text(doc, encoding="utf-8")
    export(tei, "csv", tmp_path / "out.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8"))))
    assert rows[0]["speaker_name"] == '\'=HYPERLINK("http://x.example/","Stalin")'
    assert rows[0]["session_title"].startswith("'@SUM(1) OF")
    assert rows[0]["turns"] == "1" and rows[0]["speaker_id"] == "stalin"
