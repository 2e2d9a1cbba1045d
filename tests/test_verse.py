"""Verse in a speech kept as lines: `l` in `sp` where the layout says verse, prose where it
leaves a doubt (edition/transcript/verse.py)."""

from __future__ import annotations

import pytest

from edition import api
from edition.settings import EncodeSettings
from edition.text import diplomatic
from edition.transcript.read import decode_source
from edition.validate import validate
from edition.xmlio import NS

from conftest import SAMPLES, jing_errors

PROSE = (
    "PEACHUM. A Lawyer is an honest Employment, so is mine. Like me too he acts in a\n"
    "double Capacity, both against Rogues and for them; for it is but fitting\n"
    "that we should protect and encourage Cheats, since we live by them.\n\n"
    "FILCH. Sir, Black Moll hath sent word her Trial comes on in the\n"
    "Afternoon, and she hopes you will order Matters so as to bring her off.\n\n"
)
AFTER = (
    "\n\nPEACHUM. But make haste to Newgate, Boy, and let my Friends know\n"
    "what I intend; for I love to make them easy one way or other.\n"
)

SPEECHES = [
    # (name, the speech between two prose turns, the lines kept as l)
    (
        "song-under-an-indented-label",
        "  FILCH. Tis Woman that seduces all Mankind,\n    By her we first were taught the wheedling Arts:\n"
        "  Her very Eyes can cheat; when most she is kind,\n    She tricks us of our Money with our Hearts.",
        [
            "Tis Woman that seduces all Mankind,",
            "By her we first were taught the wheedling Arts:",
            "Her very Eyes can cheat; when most she is kind,",
            "She tricks us of our Money with our Hearts.",
        ],
    ),
    (
        "song-opening-with-an-apostrophe-and-a-bracket",
        "  FILCH. 'Tis Woman that seduces all Mankind,\n    (By her we first were taught the Arts:)\n"
        "  Her very Eyes can cheat; when most she is kind,\n    She tricks us of our Money with our Hearts.\n"
        "  For her, like Wolves by Night we roam for Prey,",
        [
            "'Tis Woman that seduces all Mankind,",
            "(By her we first were taught the Arts:)",
            "Her very Eyes can cheat; when most she is kind,",
            "She tricks us of our Money with our Hearts.",
            "For her, like Wolves by Night we roam for Prey,",
        ],
    ),
    # doubts: prose
    (
        "three-lines-only",
        "  FILCH. Tis Woman that seduces all Mankind,\n    By her we first were taught the wheedling Arts:\n"
        "  Her very Eyes can cheat; when most she is kind,",
        [],
    ),
    (
        "verse-at-the-margin",
        "FILCH. Tis Woman that seduces all Mankind,\nBy her we first were taught the wheedling Arts:\n"
        "Her very Eyes can cheat; when most she is kind,\nShe tricks us of our Money with our Hearts.",
        [],
    ),
    (
        "indented-prose-of-long-lines",
        "  FILCH. Sir, Black Moll hath sent word her Trial comes on in the Afternoon, and she\n"
        "  Hopes you will order Matters so as to bring her off; for she is very active and\n"
        "  Industrious, and you may satisfy her that I'll soften the Evidence as I can do\n"
        "  Whenever a Wench is of use to the Gang and brings in her share of the takings.",
        [],
    ),
    ("a-list-of-titles", "  FILCH. THE TIMES\n  THE PROFLIGATE\n  THE CABINET MINISTER\n  THE HOBBY HORSE", []),
    (
        "lines-of-directions",
        "  FILCH. [_He goes to the door._\n    [_He opens it._\n  [_He looks out._\n    [_He shuts it._",
        [],
    ),
    (
        "lower-case-openings",
        "  FILCH. tis woman that seduces all mankind,\n    by her we first were taught the arts:\n"
        "  her very eyes can cheat; when most she is kind,\n    she tricks us of our money with our hearts.",
        [],
    ),
]


def encode(text: str):
    return api.encode_source(decode_source(text.encode(), "play.txt"), EncodeSettings())


@pytest.mark.parametrize("speech,lines", [r[1:] for r in SPEECHES], ids=[r[0] for r in SPEECHES])
def test_verse_is_kept_as_lines_and_a_doubt_stays_prose(speech, lines):
    text = PROSE + speech + AFTER
    root = encode(text).root
    assert diplomatic(root) == text
    found = root.findall(".//tei:sp/tei:l", NS)
    assert ["".join(el.itertext()) for el in found] == lines
    if lines:
        turn = found[0].getparent()
        assert turn.find("tei:p", NS) is None and turn.findtext("tei:speaker", namespaces=NS) == "FILCH."


def test_a_song_split_into_paragraphs_by_its_indents_is_one_run():
    """A wrapped transcript opens a paragraph wherever a line is indented further: the song's
    lines are gathered again across those paragraphs, in one turn."""
    text = (
        PROSE
        + SPEECHES[0][1]
        + "\n  Beneath the left Ear so fit but a Cord,\n    And we cry, There dies an Adonis!"
        + AFTER
    )
    root = encode(text).root
    sps = root.findall(".//tei:sp", NS)
    assert [len(sp.findall("tei:l", NS)) for sp in sps] == [0, 0, 6, 0]


def test_a_song_after_a_label_alone_on_its_line_is_verse():
    text = (
        "LILY.\n\nWhat a charming thing to say to me, and in front of everybody too; I\n"
        "declare I shall never know where to look when we go in to supper.\n\n"
        "DAPHNE.\n\nAnd now the song, dear, the one that everybody in London is humming\n"
        "and whistling on the tops of the omnibuses from morning till night.\n\nLILY.\n\n"
        "  If you would only, only love me;\n  If you would merely, merely say,\n"
        "  Wait but a little, little for me,\n  I will be yours, be yours some day!\n\n"
        "DAPHNE.\n\nOh, how lovely it is, the way you sing it to us all.\n"
    )
    root = encode(text).root
    assert diplomatic(root) == text
    sps = root.findall(".//tei:sp", NS)
    assert [len(sp.findall("tei:l", NS)) for sp in sps] == [0, 0, 4, 0]
    assert sps[2].find("tei:p", NS) is None


def test_verse_is_valid_here_and_in_tei_p5(tmp_path):
    path = tmp_path / "verse.xml"
    encode(PROSE + SPEECHES[0][1] + AFTER).write(path)
    report = validate([path])
    assert report.ok(), [str(d) for f in report.files for d in f.diagnostics]
    assert jing_errors(path) == []


@pytest.mark.slow
def test_the_songs_of_the_beggars_opera_are_verse_and_shaws_prose_is_not():
    found = {}
    for name in (
        "play-underscore-italic-labels_gay-beggars-opera.txt",
        "play-inline-caps-labels_shaw-arms-and-the-man.txt",
    ):
        path = SAMPLES / "transcripts" / name
        if not path.exists():
            pytest.skip(f"{path} is absent: the real transcripts live in ../shared/samples")
        root = api.encode_source(decode_source(path.read_bytes(), str(path)), EncodeSettings()).root
        found[name[:10]] = root.findall(".//tei:sp/tei:l", NS)
    assert len(found["play-under"]) > 300
    assert "".join(found["play-under"][0].itertext()) == "'Tis Woman that seduces all Mankind,"
    assert found["play-inlin"] == []
