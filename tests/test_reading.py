"""The reading text (edition/transcript/reading.py): corrections applied once before the converter
reads, offsets carried back to the source, and the recognisers holding no OCR tolerance of their
own — an OCR slip is read right only when the text's corrections file mends it."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.api import encode_source
from edition.diagnostics import Reporter
from edition.editorial.corrections import Correction, Located, locate
from edition.settings import EncodeSettings
from edition.text import diplomatic
from edition.transcript.read import decode_source
from edition.transcript.reading import Reading
from edition.xmlio import NS


def _reading(text: str, *rows: tuple[str, str]) -> Reading:
    return Reading.of(text, locate([Correction(sic, corr) for sic, corr in rows], text, Reporter()))


def test_no_correction_reads_the_source_itself():
    text = "SMITH: Hello.\n"
    reading = Reading.of(text, Located([]))
    assert reading.text is text and not reading.changed
    assert reading.source_start(5) == 5 and reading.source_end(5) == 5


#                  text,                 rows,                  reading offset, start → , end →
CARRIED = [
    # outside a correction: moved by the change of length before it
    ("SMITH: Helo there.", [("Helo", "Hello")], 13, 12, 12),
    ("SMITH: Helo there.", [("Helo", "Hello")], 3, 3, 3),
    # inside what sic and corr share: exact ("SMITH: Hel" of "SMITH: Helo" → "SMITH: Hello")
    ("SMITH: Helo there.", [("SMITH: Helo", "SMITH: Hello")], 6, 6, 6),
    # inside what they do not share ("Doc|tor"): a start goes to the correction's start, an end
    # to its end; in the end they share ("Doct|or") exact again
    ("Dodor OSBORNE sworn.", [("Dodor", "Doctor")], 3, 0, 5),
    ("Dodor OSBORNE sworn.", [("Dodor", "Doctor")], 4, 3, 3),
    # a deletion: an empty stretch at the offset is taken in by a start and by an end
    ("a ~ b", [("~", "")], 2, 2, 3),
    # two corrections: the differences add up
    ("teh cat teh dog", [("teh", "the")], 12, 12, 12),
    ("l3 and l4", [("l3", "13"), ("l4", "14")], 9, 9, 9),
]


@pytest.mark.parametrize("text, rows, offset, start, end", CARRIED)
def test_offsets_are_carried_back_to_the_source(text, rows, offset, start, end):
    reading = _reading(text, *rows)
    assert reading.source_start(offset) == start
    assert reading.source_end(offset) == end


def test_the_reading_text_has_the_source_s_lines():
    text = "BQUCHIER SMITH, Esq. sworn.\n\nExamined by Mr. Bearcroft.\n"
    reading = _reading(text, ("BQUCHIER", "BOUCHIER"))
    assert reading.text == text.replace("BQUCHIER", "BOUCHIER")
    assert reading.text.count("\n") == text.count("\n")
    assert reading.reading_start(text.index("Examined")) == reading.text.index("Examined")


def _encode(text: str, tsv: str | None, folder: Path, **settings):
    corrections = None
    if tsv is not None:
        corrections = folder / "corrections.tsv"
        corrections.write_text("sic\tcorr\tcontext\n" + tsv, encoding="utf-8")
    result = encode_source(
        decode_source(text.encode("utf-8"), "input.txt"), EncodeSettings(corrections=corrections, **settings)
    )
    assert diplomatic(result.root) == text  # lossless, corrected or not
    return result


VOTE = "SESSION OF MARCH 29, 1917\n\nLUGANOVSKY: Moves to adjourn. (For – 14; against – l3.)\n"


def test_a_vote_count_misread_is_counted_only_when_corrected(tmp_path):
    plain = _encode(VOTE, None, tmp_path, label_style="colon", layout="lines")
    assert not plain.root.xpath("//tei:measure[@subtype='against']", namespaces=NS)
    fixed = _encode(VOTE, "l3\t13\t\n", tmp_path, label_style="colon", layout="lines")
    against = fixed.root.xpath("//tei:measure[@subtype='against']", namespaces=NS)
    assert [m.get("quantity") for m in against] == ["13"]
    assert against[0].xpath("string(tei:choice/tei:sic)", namespaces=NS) == "l3"


MINUTES = (
    "SESSION OF MARCH 29, 1917\n\nChairman: Comrade Nogin.\n\nSecretarie8: Comrades Boki and Drabkina.\n\n"
    "NOGIN: The session is open.\n\nSTALIN: I agree.\n"
)


def test_a_session_s_secretaries_misread_are_metadata_only_when_corrected(tmp_path):
    def secretaries(result):
        return [u.subtype for u in result.units if u.text.startswith("Secretarie8")]

    assert secretaries(_encode(MINUTES, None, tmp_path, label_style="colon", layout="lines")) != ["secretaries"]
    fixed = _encode(MINUTES, "Secretarie8\tSecretaries\t\n", tmp_path, label_style="colon", layout="lines")
    assert secretaries(fixed) == ["secretaries"]


TRIAL = (
    "The Right Honourable Lord DEERHU RS T\nj worn .\nExamined by Mr. Howarth,\n\n"
    "Q. In what year were you acquainted with her?— In the year 1779.\n\n"
    "Q. Had you occasion to know Sir Richard?— Yes, Sir.\n\n"
    "Q. Did he object?— He did not.\n\nLord Mansfield. Go on.\n"
)


def test_a_witness_sworn_under_a_misread_name_answers_only_when_corrected(tmp_path):
    def answers(result):
        people = {
            p.get("{http://www.w3.org/XML/1998/namespace}id"): p.xpath("string(tei:persName)", namespaces=NS)
            for p in result.root.xpath("//tei:person", namespaces=NS)
        }
        return [people[w[1:]] for w in result.root.xpath("//tei:sp/@who", namespaces=NS)][1:6:2]

    assert answers(_encode(TRIAL, None, tmp_path, layout="lines")) == ["A", "A", "A"]
    fixed = _encode(TRIAL, "DEERHU RS T\tDEERHURST\t\nj worn .\tsworn.\t\n", tmp_path, layout="lines")
    assert answers(fixed) == ["Lord DEERHURST"] * 3
    assert len(fixed.root.xpath("//tei:choice", namespaces=NS)) == 2


def test_a_correction_that_adds_a_question_s_dash_makes_the_answer_a_turn(tmp_path):
    text = (
        "ANN WATKINSON sworn.\n\nExamined by Mr. Lee.\n\nQ. Were you there?— Yes.\n\nQ. When?— In June.\n\n"
        "Q. Alone?— Yes.\n\nYou are speaking of her manner I am speaking of her conduct.\n"
    )

    def turns(result):
        return len(result.root.xpath("//tei:sp", namespaces=NS))

    assert turns(_encode(text, None, tmp_path, layout="lines")) == 6
    fixed = _encode(text, "manner\tmanner?—\tmanner I am speaking\n", tmp_path, layout="lines")
    assert turns(fixed) == 8


def test_a_correction_across_the_place_a_paragraph_is_cut_is_reported_and_nothing_is_lost(tmp_path):
    text = (
        "ANN WATKINSON sworn.\n\nExamined by Mr. Lee.\n\nQ. Were you there?— Yes.\n\nQ. When?— In June.\n\n"
        "Q. Alone?— Yes.\n\nQ. Her manner I am speaking of.\n"
    )
    result = _encode(text, "manner I\tmanner?— I\t\n", tmp_path, layout="lines")
    assert len(result.root.xpath("//tei:sp", namespaces=NS)) == 8  # the answer is read as corrected
    assert [d.code for d in result.diagnostics.items] == ["W112"]  # the choice could not be placed
    assert not result.root.xpath("//tei:choice", namespaces=NS)
