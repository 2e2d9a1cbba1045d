"""A play's list of persons: found, read line by line, encoded as castList, taken as evidence of
speakers, and linked to the register in the DraCor export (edition/transcript/cast.py,
edition/encode/cast.py, edition/export/dracor.py)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from edition import api
from edition.export import ExportOptions, export
from edition.settings import EncodeSettings
from edition.text import diplomatic
from edition.transcript import cast as ct
from edition.transcript.read import decode_source
from edition.transcript.segment import segment
from edition.validate import validate
from edition.xmlio import NS, parse_file

from conftest import SHARED, jing_errors

HEADINGS = [
    ("DRAMATIS PERSONÆ.", True),
    ("DRAMATIS PERSONAE", True),
    ("_The Persons of the Play_", True),
    ("PERSONS REPRESENTED.", True),
    ("Characters", True),
    ("CAST OF CHARACTERS:", True),
    ("Действующие лица", True),
    ("The characters of this play are all imaginary", False),
    ("ACT I", False),
    ("DRAMATIS PERSONÆ.\nMEN.", False),
]


@pytest.mark.parametrize("text,expected", HEADINGS, ids=[h for h, _ in HEADINGS])
def test_a_cast_list_opens_with_a_heading_of_its_own(text, expected):
    assert ct.is_heading(text) is expected


LINES = [
    # (line, names in capitals, the names, the description)
    ("VISCOUNT FARNCOMBE", True, ["VISCOUNT FARNCOMBE"], None),
    (
        "  CARLTON SMYTHE (_Manager of the Pandora Theatre_)",
        True,
        ["CARLTON SMYTHE"],
        "_Manager of the Pandora Theatre_",
    ),
    ("  DOUGLAS GLYNN, ALBERT PALK, }", True, ["DOUGLAS GLYNN", "ALBERT PALK"], None),
    ("    WILFRID TAVISH, and       } (_Actors at the Pandora_)", True, ["WILFRID TAVISH"], "_Actors at the Pandora_"),
    ("  ROBIN OF BAGSHOT    } _Macheath's_ Gang.", True, ["ROBIN OF BAGSHOT"], "_Macheath's_ Gang."),
    ("  CROOK-FINGER'D JACK }", True, ["CROOK-FINGER'D JACK"], None),
    ("  MRS. UPJOHN (LILY PARRADELL's _mother_)", True, ["MRS. UPJOHN"], "LILY PARRADELL's _mother_"),
    (
        "    (_Formerly, as Dolly Ensor, of the Pandora Theatre_)",
        True,
        [],
        "_Formerly, as Dolly Ensor, of the Pandora Theatre_",
    ),
    ("Constables, Drawers, Turnkey, etc.", True, [], "Constables, Drawers, Turnkey, etc."),
    ("KROGSTAD, a lawyer", True, ["KROGSTAD"], "a lawyer"),
    ("Hamlet, Prince of Denmark", False, ["Hamlet"], "Prince of Denmark"),
    ("Ghost of Hamlet's Father", False, ["Ghost of Hamlet's Father"], None),
]


@pytest.mark.parametrize("text,capitals,roles,desc", LINES, ids=[ln.strip()[:30] for ln, *_ in LINES])
def test_a_line_of_the_list_gives_names_and_a_description(text, capitals, roles, desc):
    line = ct.parse_line(text, 0, len(text), capitals)
    assert [text[s:e] for s, e in line.roles] == roles
    assert (text[line.desc[0] : line.desc[1]] if line.desc else None) == desc
    assert line.continues is text.lstrip().startswith("(")


KEYS = [
    ("LILY PARRADELL", {"lily parradell", "lily", "parradell"}),
    ("SAM DE CASTRO", {"sam de castro", "sam", "de castro", "castro"}),
    (
        "THE HON. MRS. ARTHUR STIDULPH",
        {"the hon. mrs. arthur stidulph", "arthur stidulph", "stidulph", "mrs. stidulph"},
    ),
    ("MR. PEACHUM", {"mr. peachum", "peachum"}),
    ("WAITERS", {"waiters"}),
]


@pytest.mark.parametrize("name,keys", KEYS, ids=[n for n, _ in KEYS])
def test_a_name_of_the_list_names_its_person_in_shorter_forms(name, keys):
    assert ct.name_keys(name) == keys


PLAY = """THE DOLL'S HOUSE

DRAMATIS PERSONÆ.

MEN.

  HELMER
  KROGSTAD, a lawyer

WOMEN.

  NORA (_his wife_)
  MRS. LINDE
    (_an old friend_)

Porters, Maids, etc.

_The action takes place in Helmer's house._

ACT I

HELMER.

Is that my little lark twittering out there?

NORA.

Yes, it is!

KROGSTAD.

Mrs. Helmer.

HELMER.

Good morning.

NORA.

Yes!

LINDE.

Nora--

NORA.

Kristine!
"""


def encode(text: str):
    return api.encode_source(decode_source(text.encode(), "play.txt"), EncodeSettings())


def test_the_list_runs_from_its_heading_to_the_first_paragraph_that_is_no_list():
    paras = segment(PLAY, "wrapped")
    found = ct.find_cast(paras)
    parts = {paras[i].text.split("\n")[0].strip(): found.part_of(i) for i in range(len(paras)) if found.part_of(i)}
    assert parts == {
        "DRAMATIS PERSONÆ.": "head",
        "MEN.": "group",
        "HELMER": "items",
        "WOMEN.": "group",
        "NORA (_his wife_)": "items",
        "(_an old friend_)": "items",
        "Porters, Maids, etc.": "items",
    }
    assert {"helmer", "krogstad", "nora", "mrs. linde", "linde"} <= found.names
    assert "porters" not in found.names


def test_a_cast_list_is_encoded_as_cast_list_losslessly_and_validly(tmp_path):
    result = encode(PLAY)
    root = result.root
    assert diplomatic(root) == PLAY
    cast = root.find(".//tei:front/tei:castList", NS)
    assert cast.findtext("tei:head", namespaces=NS) == "DRAMATIS PERSONÆ."
    assert [g.findtext("tei:head", namespaces=NS) for g in cast.iterfind("tei:castGroup", NS)] == ["MEN.", "WOMEN."]
    items = [" ".join("".join(i.itertext()).split()) for i in cast.iter("{http://www.tei-c.org/ns/1.0}castItem")]
    assert items == [
        "HELMER",
        "KROGSTAD, a lawyer",
        "NORA (_his wife_)",
        "MRS. LINDE (_an old friend_)",
        "Porters, Maids, etc.",
    ]
    linde = list(cast.iter("{http://www.tei-c.org/ns/1.0}castItem"))[3]
    assert linde.find("tei:lb", NS) is not None and linde.findtext("tei:roleDesc", namespaces=NS) == "_an old friend_"
    assert [r.text for r in cast.iter("{http://www.tei-c.org/ns/1.0}role")] == [
        "HELMER",
        "KROGSTAD",
        "NORA",
        "MRS. LINDE",
    ]
    path = tmp_path / "play.xml"
    result.write(path)
    report = validate([path])
    assert report.ok(), [str(d) for f in report.files for d in f.diagnostics]
    assert jing_errors(path) == []


def test_a_name_of_the_list_is_a_speaker_though_it_speaks_once():
    result = encode(PLAY)
    assert not [d for d in result.diagnostics.items if d.code == "W206"]  # KROGSTAD., LINDE.: the list names them
    assert [sp.get("who") for sp in result.root.iterfind(".//tei:body//tei:sp", NS)] == [
        "#helmer",
        "#nora",
        "#krogstad",
        "#helmer",
        "#nora",
        "#linde",
        "#nora",
    ]


def test_a_listed_label_before_speech_a_grammar_reads_as_a_label_keeps_its_speech():
    text = PLAY + "\nHELMER.\n\nLord Farncombe----\n\nNORA.\n\nYes.\n"
    result = encode(text)
    turns = result.root.findall(".//tei:body//tei:sp", NS)
    assert " ".join("".join(turns[-2].itertext()).split()) == "HELMER. Lord Farncombe----"


def test_the_dracor_export_links_the_roles_to_the_persons_they_name(tmp_path):
    tei = tmp_path / "play.xml"
    encode(PLAY).write(tei)
    out = export(tei, "dracor", tmp_path / "play.dracor.xml", ExportOptions(play_id="test000001"))
    root = parse_file(out).getroot()
    roles = {r.text: r.get("corresp") for r in root.iter("{http://www.tei-c.org/ns/1.0}role")}
    assert roles == {"HELMER": "#helmer", "KROGSTAD": "#krogstad", "NORA": "#nora", "MRS. LINDE": "#linde"}
    assert len(root.findall(".//tei:castList", NS)) == 1  # the play's own, not one made from the register


@pytest.mark.slow
def test_dracors_schema_accepts_the_plays_own_cast_list_and_its_verse(tmp_path):
    schema = SHARED / "schemas" / "dracor" / "dracor.rng"
    if shutil.which("jing") is None or not schema.exists():
        pytest.skip("DraCor's schema (../shared/schemas/dracor) and jing are needed")
    tei = tmp_path / "play.xml"
    song = (
        "NORA.\n\n  Oh, what a lovely tree it is,\n  Lit up with every candle bright,\n"
        "  And all the children round it sing\n  Until the middle of the night!\n"
    )
    prose = (
        "HELMER.\n\nGood morning. I have been at the bank since eight o'clock this morning, and\n"
        "I have not had a moment to think of the tree, or of the children, or of\n"
        "anything at all but the accounts that the new manager wants to see.\n"
    )
    encode(PLAY.replace("NORA.\n\nYes!\n", song).replace("HELMER.\n\nGood morning.\n", prose)).write(tei)
    out = export(tei, "dracor", tmp_path / "play.dracor.xml", ExportOptions(play_id="test000001"))
    root = parse_file(out).getroot()
    assert root.find(".//tei:front/tei:castList", NS) is not None and root.findall(".//tei:sp/tei:l", NS)
    run = subprocess.run(["jing", str(schema), str(out)], capture_output=True, text=True)
    assert [ln for ln in (run.stdout + run.stderr).splitlines() if ": error:" in ln] == []


def test_a_name_of_the_list_the_corrections_mend_stays_a_name_on_what_the_source_prints(tmp_path):
    """The list is read in the corrected text ("N0RA" as "NORA", a name in capitals), and its
    offsets are carried back to the source: the role holds the printed misprint and its correction."""
    corrections = tmp_path / "corrections.tsv"
    corrections.write_text("sic\tcorr\tcontext\ttype\tnote\nN0RA\tNORA\t\tname\tzero for O\n", encoding="utf-8")
    text = PLAY.replace("NORA", "N0RA")
    result = api.encode_source(decode_source(text.encode(), "play.txt"), EncodeSettings(corrections=corrections))
    roles = result.root.findall(".//tei:castItem/tei:role", NS)
    nora = [r for r in roles if r.find("tei:choice", NS) is not None]
    assert len(nora) == 1
    assert nora[0].findtext("tei:choice/tei:sic", namespaces=NS) == "N0RA"
    assert nora[0].findtext("tei:choice/tei:corr", namespaces=NS) == "NORA"
    assert diplomatic(result.root) == text


@pytest.mark.parametrize(
    "speech, reported",
    [
        ("Is that my little lark twittering out there?", False),  # a question: direct speech
        ("Cannot you see it?", False),
        ("Is against the motion.", True),  # the minutes' third person
        ("Asks whether the delegates agree?", True),  # a reported question stays reported
    ],
)
def test_a_turn_that_opens_with_a_question_is_direct_speech(speech, reported):
    result = encode(f"GOLOSCHEKIN: {speech}\n\nNOGIN: Agrees.\n\nGOLOSCHEKIN: Thanks.\n")
    first = result.root.find(".//tei:sp", NS)
    assert ("#reported" in (first.get("ana") or "")) is reported
