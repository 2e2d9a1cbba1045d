"""Shapes of plain text that once lost their order in the encoding (E900) or made invalid TEI,
found by fuzzing (scripts/fuzz_transcripts.py).

Each row is the smallest text of one cause; the encoding must reproduce it exactly and be valid.
"""

from __future__ import annotations

import pytest

from edition import api
from edition.settings import EncodeSettings
from edition.text import diplomatic
from edition.transcript.read import decode_source
from edition.validate import validate_data

SHAPES = [
    # front matter: a block, then a short line taken for the title, then narration. The title page
    # stays where it is; the narration after it cannot join the division before it.
    ("block-title-narration-before-a-turn", "b) the bridge.\n\nMr\n\nE\nSMITH: Hello.\n"),
    ("stage-title-narration", "(Laughter)\nCo\nI\rJOINT SESSION\n\n\n\n"),
    ("quote-title-heading", "“\nLa\n-\nSESSION\n\n\n\n"),
    # nothing but back matter: TEI wants a body, so the back matter is it
    ("appendix-alone", "APPENDIX"),
    ("appendix-and-text", "APPENDIX\n\nThe rules of the conference.\n"),
    ("appendix-before-a-session", "APPENDIX\n\nSITTING"),
    # a label that names a bracketed event: the name goes inside the brackets' element, not around it
    ("name-coinciding-with-a-bracket", "Applause:\n[Applause]"),
    # a chair named by a space that is not a blank to strip (U+3000) was an internal error
    ("chair-named-by-a-wide-space", "SITTING\n\nChairman: \u3000.\n\nSMITH: Yes.\n"),
]


@pytest.mark.parametrize("text", [t for _, t in SHAPES], ids=[n for n, _ in SHAPES])
def test_the_encoding_reproduces_the_text(text):
    source = decode_source(text.encode("utf-8"), "input.txt")
    result = api.encode_source(source, EncodeSettings())
    assert diplomatic(result.root) == source.text
    assert valid_but_for_missing_dates(result.to_bytes())


def valid_but_for_missing_dates(data: bytes) -> bool:
    """Valid TEI, by the schema and the rules; a session heading that gives no date (E303) is the
    one error allowed: the source does not say it, the editor adds it (the validator says so)."""
    report = validate_data([("input.xml", data)])
    errors = [d.format() for f in report.files for d in f.diagnostics if d.severity == "error" and d.code != "E303"]
    assert errors == []
    return True
