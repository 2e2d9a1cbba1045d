"""Corrections applied by the encoder: where they land, what is reported, and what it costs.

The cost is counted in operations (lines of the toolkit's Python run, traced), not in seconds,
so the test of its growth cannot be flaky: applying n matches must take about n times the work
of one, whatever the machine is doing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import edition
from edition.api import encode_source
from edition.settings import EncodeSettings
from edition.transcript.read import decode_source

PACKAGE = str(Path(edition.__file__).parent)


def _encode(text: str, tsv: str, folder: Path):
    (folder / "corrections.tsv").write_text(tsv, encoding="utf-8")
    source = decode_source(text.encode("utf-8"), "input.txt")
    return encode_source(source, EncodeSettings(corrections=folder / "corrections.tsv"))


def _operations(n: int, folder: Path) -> int:
    """Lines of the toolkit run to encode n turns, each with one match of one correction (and a
    second row overlapping the first at every match)."""
    text = "".join(f"SMITH: the teh bridge {i}.\n" for i in range(n))
    tsv = "sic\tcorr\nteh\tthe\nteh bridge\tthe bridge\n"
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if not frame.f_code.co_filename.startswith(PACKAGE):
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        result = _encode(text, tsv, folder)
    finally:
        sys.settrace(None)
    assert result.stats["corrections"] == n
    return count


@pytest.mark.slow
def test_applying_corrections_grows_linearly(tmp_path):
    small, large = _operations(300, tmp_path), _operations(1200, tmp_path)
    # linear: ×4 (a little more for the sorts); quadratic would be ×16
    assert large / small < 5, (small, large)


def test_a_correction_across_a_speaker_label_is_reported_not_counted(tmp_path):
    text = "SMITH: Helo there.\n\nJONES: Helo again.\n"
    result = _encode(text, "sic\tcorr\nSMITH: Helo\tSMITH: Hello\nHelo again\tHello again\n", tmp_path)
    placed = [
        c.findtext("{http://www.tei-c.org/ns/1.0}corr") for c in result.root.iter("{http://www.tei-c.org/ns/1.0}choice")
    ]
    assert placed == ["Hello again"]
    assert result.stats["corrections"] == 1
    (w112,) = [d for d in result.diagnostics.items if d.code == "W112"]
    assert w112.line == 1 and "'SMITH: Helo'" in w112.message and "not applied" in w112.message


def test_corrections_are_applied_where_they_match(tmp_path):
    text = "SMITH: the teh bridge and teh river.\n\nJONES: (For – l3.) Teh end.\n"
    result = _encode(text, "sic\tcorr\nteh\tthe\nl3\t13\n", tmp_path)
    choices = [
        (c.findtext("{http://www.tei-c.org/ns/1.0}sic"), c.findtext("{http://www.tei-c.org/ns/1.0}corr"))
        for c in result.root.iter("{http://www.tei-c.org/ns/1.0}choice")
    ]
    assert choices == [("teh", "the"), ("teh", "the"), ("l3", "13")]
    assert result.stats["corrections"] == 3
    (measure,) = result.root.find("{http://www.tei-c.org/ns/1.0}text").iter("{http://www.tei-c.org/ns/1.0}measure")
    assert measure.get("quantity") == "13"


def test_a_row_without_a_type_makes_valid_tei(tmp_path):
    """The type column may be left out or empty: <corr> then has no @type (it had 'ocr', which
    the schema's closed list does not know)."""
    from edition.validate import validate_data

    result = _encode(
        "SMITH: the teh bridge.\n\nJONES: the teh river.\n",
        "sic\tcorr\tcontext\ttype\nteh bridge\tthe bridge\t\t\nteh\tthe\n",
        tmp_path,
    )
    corrs = result.root.findall(".//{http://www.tei-c.org/ns/1.0}corr")
    assert [c.get("type") for c in corrs] == [None, None]
    report = validate_data([("t.xml", result.to_bytes())])
    assert [d.format() for f in report.files for d in f.diagnostics if d.severity == "error"] == []


def test_a_repeated_column_is_named(tmp_path):
    from edition.editorial.corrections import load_corrections
    from edition.errors import DataError

    path = tmp_path / "corrections.tsv"
    path.write_text("sic\tcorr\tnote\tnote\nteh\tthe\t\t\n", encoding="utf-8")
    with pytest.raises(DataError, match="repeated column 'note'"):
        load_corrections(path)


# A row without a context matches whole words only where its sic begins or ends with a letter or
# digit (of any script; `_` counts as part of a word, as in `\w`); a failed candidate lets the
# next one start one character later, so "aa" is found at 4 in "aaa aa".
WHOLE_WORDS = [
    ("teh", "teh, teh. tehran eteh teh", [0, 5, 22]),
    ("aa", "aaa aa", [4]),
    ("aa", "aa_aa aa", [6]),
    ("aa", "éaa aaé aa", [8]),
    ("aa", "1aa aa1 aa", [8]),
    ("aa", "٣aa aa", [4]),  # an Arabic-Indic digit is part of a word
    ("l3", "(For – l3.) l33", [7]),
    (",", "a,b ,c", [1, 4]),  # no letter at its edges: every occurrence
    (".a", "x.a .ab .a", [1, 8]),  # a letter at its end only: checked on the right
    ("a.", "a. ba. a.", [0, 7]),  # at its start only: checked on the left
    ("aa", "aaaa", []),
    ("ab ab", "ab ab ab ab", [0, 6]),  # never overlapping one another
    ("teh", "", []),
]


@pytest.mark.parametrize(("sic", "text", "starts"), WHOLE_WORDS)
def test_a_row_without_context_matches_whole_words(sic, text, starts):
    from edition.diagnostics import Reporter
    from edition.editorial.corrections import Correction, locate

    found = locate([Correction(sic, "x")], text, Reporter())
    assert [m.start for m in found] == starts
