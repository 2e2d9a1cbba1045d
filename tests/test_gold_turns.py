"""The gold turn lists (tests/gold/turns/*.tsv) are well formed, and the speaker scorer
(bench/bench_speakers.py) matches and normalises as its docstring says.

No test here holds the converter to a score on the real samples: measuring it is the bench's job.
"""

from __future__ import annotations

import importlib.util
import re
import sys

import pytest
from lxml import etree

from conftest import ROOT

GOLD = ROOT / "tests" / "gold" / "turns"
LISTS = sorted(GOLD.glob("*.tsv"))


def _bench():
    spec = importlib.util.spec_from_file_location("bench_speakers", ROOT / "bench" / "bench_speakers.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


bench = _bench()


# --------------------------------------------------------------------------- the lists


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.name)
def test_gold_list_is_well_formed(path):
    data = path.read_bytes()
    assert b"\r" not in data, "LF line ends only"
    lines = data.decode("utf-8").split("\n")
    assert lines[-1] == "", "ends with a line end"
    lines = lines[:-1]
    comments = 0
    while lines[comments].startswith("#"):
        comments += 1
    assert comments >= 1, "comment lines at the top name the sample, the count and the decisions"
    assert lines[comments] == "label_line\tspeech_line\tlabel\tspeaker"
    rows = lines[comments + 1 :]
    stated = [
        int(m.group(1) or m.group(2))
        for c in lines[:comments]
        if (m := re.search(r"\bturns: (\d+)|\b(\d+) turns\b", c))
    ]
    if stated:
        assert stated[0] == len(rows), "the count in the comments is the number of rows"
    previous = 0
    for number, row in enumerate(rows, comments + 2):
        assert not row.startswith("#"), f"line {number}: comments belong at the top"
        cells = row.split("\t")
        assert len(cells) == 4, f"line {number}: 4 tab-separated columns"
        label_line, speech_line, _label, speaker = cells
        assert label_line.isdigit() and speech_line.isdigit(), f"line {number}: line numbers"
        assert int(label_line) >= 1 and int(speech_line) >= int(label_line), f"line {number}"
        assert int(label_line) >= previous, f"line {number}: rows in reading order"
        assert speaker.strip() and all(s.strip() for s in speaker.split(" | ")), f"line {number}: speaker"
        previous = int(label_line)
    assert bench.read_gold(path)  # and the scorer reads it


def test_a_malformed_row_is_refused(tmp_path):
    bad = tmp_path / "x.tsv"
    bad.write_text("# x\nlabel_line\tspeech_line\tlabel\tspeaker\n3\tthree\tA:\tA\n", encoding="utf-8")
    with pytest.raises(ValueError, match="x.tsv:3"):
        bench.read_gold(bad)


# --------------------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    "printed, name",
    [
        ("**Mat Ryer:**", "Mat Ryer"),
        ("**Break**:", "break"),
        ("_Filch._", "Filch"),
        ("<v Brian Okken>", "Brian Okken"),
        ("HELMER.", "Helmer"),
        ("Заря 1 (Королев):", "заря 1 (КОРОЛЕВ)"),
        ("Ｍａｔ  Ryer", "mat ryer"),  # NFKC, and whitespace collapsed
    ],
)
def test_names_that_are_the_same(printed, name):
    assert bench.normalise(printed) == bench.normalise(name)


@pytest.mark.parametrize(
    "printed, name",
    [
        ("Mrs. Upjohn", "Mrs Upjohn"),  # a dot inside the name is kept
        ("Alice (aside)", "Alice"),
        ("Speaker 3", "Speaker"),
        ("Кедр", "Гагарин"),
    ],
)
def test_names_that_are_not(printed, name):
    assert bench.normalise(printed) != bench.normalise(name)


# --------------------------------------------------------------------------- matching

# The diplomatic text of this TEI is its source: line 1 a heading, 2 Alice (right), 3 Bob where
# the gold says Carol (wrong speaker), 4 a turn the converter missed, 5 a turn it invented,
# 6 two turns on one line (both right), 7 a turn with no @who, 8 another invented one. The editorial note holds two line
# ends that are not in the source: counting them would move every later turn.
TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><profileDesc><particDesc><listPerson>
<person xml:id="alice"><persName>Alice Smith</persName><persName type="label">ALICE.</persName></person>
<person xml:id="bob"><persName type="label">BOB:</persName></person>
<personGrp xml:id="all"><name>Everyone</name><person xml:id="carol"><persName>Carol</persName></person></personGrp>
</listPerson></particDesc></profileDesc></teiHeader><text><body><head>A heading</head><note type="editorial">an
editor's
note</note>
<sp who="#alice"><speaker>ALICE.</speaker> <p>Hello.</p></sp>
<sp who="#bob"><speaker>BOB:</speaker> Hi.</sp>
<p>CAROL: I am not encoded as a turn.</p>
<sp who="#all"><p>Together.</p></sp>
<sp who="#alice"><speaker>ALICE.</speaker> Yes. <choice><sic>no</sic><corr>No
way</corr></choice></sp> <sp who="#bob"><speaker>BOB:</speaker> No.</sp>
<u><p>Who said this?</p></u>
<u who="#bob">Not in the gold list either.</u>
</body></text></TEI>"""

GOLD_ROWS = """# sample: test
# turns: 6
label_line\tspeech_line\tlabel\tspeaker
2\t2\tALICE.\tAlice | Alice Smith
3\t3\tBOB:\tCarol
4\t4\tCAROL:\tCarol
6\t6\tALICE.\tALICE
6\t6\tBOB:\tBob
7\t7\t\tSomeone
"""


@pytest.fixture
def scored(tmp_path):
    path = tmp_path / "test.tsv"
    path.write_text(GOLD_ROWS, encoding="utf-8")
    root = etree.fromstring(TEI.encode())
    predicted = bench.predicted_turns(root)
    return predicted, bench.score(bench.read_gold(path), predicted)


def test_turns_are_read_from_the_tei_with_their_source_lines(scored):
    predicted, _ = scored
    assert [(t.label_line, t.names) for t in predicted] == [
        (2, ("Alice Smith", "ALICE.")),
        (3, ("BOB:",)),
        (5, ("Everyone",)),
        (6, ("Alice Smith", "ALICE.")),
        (6, ("BOB:",)),
        (7, ()),
        (8, ("BOB:",)),
    ]


def test_precision_and_recall(scored):
    _, result = scored
    assert (result.gold, result.predicted, result.right) == (6, 7, 3)
    assert result.precision == pytest.approx(3 / 7) and result.recall == pytest.approx(3 / 6)
    assert result.f1 == pytest.approx(2 * (3 / 7) * (3 / 6) / (3 / 7 + 3 / 6))
    assert [(m.kind, m.line) for m in result.mismatches] == [
        ("wrong speaker", 3),
        ("missed", 4),
        ("false", 5),
        ("wrong speaker", 7),
        ("false", 8),
    ]


def test_two_turns_on_one_line_are_matched_in_their_order(tmp_path):
    path = tmp_path / "swapped.tsv"
    path.write_text(
        "label_line\tspeech_line\tlabel\tspeaker\n6\t6\tBOB:\tBob\n6\t6\tALICE.\tAlice Smith\n", encoding="utf-8"
    )
    result = bench.score(bench.read_gold(path), bench.predicted_turns(etree.fromstring(TEI.encode())))
    assert result.right == 0
    assert result.recall == 0 and result.precision == 0 and result.f1 == 0


def test_the_label_line_is_the_speakers_when_the_turn_starts_earlier():
    tei = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><sp who="#x"><stage>(aside)</stage>\n'
        "<speaker>X.</speaker> Hm.</sp></body></text></TEI>"
    )
    (turn,) = bench.predicted_turns(etree.fromstring(tei.encode()))
    assert (turn.label_line, turn.start_line, turn.names) == (2, 1, ())


# --------------------------------------------------------------------------- samples and failures


def test_a_gold_list_finds_its_sample_by_stem_whatever_the_extension(tmp_path):
    for name in ("talk.vtt", "talk.notes.txt", "other.txt"):
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    assert bench.sample_for(tmp_path / "talk.tsv", tmp_path) == tmp_path / "talk.vtt"
    assert bench.sample_for(tmp_path / "talk.notes.tsv", tmp_path) == tmp_path / "talk.notes.txt"
    assert bench.sample_for(tmp_path / "absent.tsv", tmp_path) is None
    assert bench.sample_for(tmp_path / "talk.tsv", tmp_path / "no-such-folder") is None


def test_a_sample_the_encoder_refuses_scores_zero_with_the_message(tmp_path):
    gold = tmp_path / "binary.tsv"
    gold.write_text("label_line\tspeech_line\tlabel\tspeaker\n1\t1\tA:\tA\n", encoding="utf-8")
    source = tmp_path / "binary.txt"
    source.write_bytes(b"A:\x00\x01 hello\n")
    run = bench.measure(gold, source)
    assert "binary" in run.error
    assert (run.score.gold, run.score.predicted, run.score.right, run.score.f1) == (1, 0, 0, 0.0)
    assert [m.kind for m in run.score.mismatches] == ["missed"]
    assert bench.row(run)[1] == "FAILED"
