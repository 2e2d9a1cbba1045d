"""The same converter on transcripts in other label styles, line ends and encodings."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition import api
from edition.settings import EncodeSettings
from edition.text import diplomatic
from edition.transcript.read import decode_source
from edition.validate import validate
from edition.xmlio import NS

from conftest import CASES, SAMPLES, jing_errors, need_samples


def encode_bytes(data: bytes, **kw):
    return api.encode_source(decode_source(data, "input.txt"), EncodeSettings(**kw))


@pytest.mark.slow
def test_congressional_record_dot_labels_wrapped(tmp_path):
    need_samples()
    path = next(SAMPLES.glob("CREC-*.txt"))
    result = api.encode(EncodeSettings(source=path))
    assert result.stats["label_style"] == "dot" and result.stats["layout"] == "wrapped"
    speakers = [" ".join(s.xpath("string()").split()) for s in result.root.xpath("//tei:speaker", namespaces=NS)]
    assert "Mr. BROWN of Ohio." in speakers and "The SPEAKER pro tempore." in speakers
    assert diplomatic(result.root) == path.read_text(encoding="utf-8")
    out = tmp_path / "crec.xml"
    out.write_bytes(result.to_bytes())
    assert jing_errors(out) == []


def test_play_labels_alone_on_their_line():
    result = api.encode(EncodeSettings(source=CASES / "play" / "input.txt"))
    who = result.root.xpath("//tei:sp/@who", namespaces=NS)
    assert who == ["#master", "#boatswain", "#master", "#first-citizen"]
    assert result.stats["label_style"] == "line"


def test_crlf_and_generated_register():
    data = (CASES / "kitchen-sink" / "crlf.txt").read_bytes()
    result = encode_bytes(data)
    assert result.source.newline == "CRLF"
    assert diplomatic(result.root) == data.decode().replace("\r\n", "\n")
    ids = result.root.xpath("//tei:listPerson/tei:person/@xml:id", namespaces=NS)
    assert set(ids) >= {"smith", "jones"}
    assert result.root.xpath("//tei:measure[@subtype='against'][@quantity='3']", namespaces=NS)
    assert result.root.xpath("//tei:supplied[.='of the last meeting']", namespaces=NS)


def test_bom_chair_anonymous_and_joint_labels():
    result = encode_bytes((CASES / "kitchen-sink" / "bom.txt").read_bytes())
    assert result.source.bom
    who = result.root.xpath("//tei:sp/@who", namespaces=NS)
    assert who == ["#smith", "#anon-delegate", "#anon-another-delegate", "#brown #smith", "#smith"]
    assert result.root.xpath("//tei:q[@who='#brown']", namespaces=NS)


# ---------------------------------------------------------------------------- property tests

_DOCS: list[bytes] = []

_alphabet = st.sampled_from(
    list("abcXYZ :;.,()[]“”\"'*–-\t\n\n\n \u00a0é1234")
    + [
        "STALIN: ",
        "THE CHAIRMAN: ",
        "Mr. BROWN. ",
        "(For – 3; against – 2.)",
        "[Applause]",
        "SESSION OF MARCH 3, 1917",
        "\n  1. item",
        "...",
        "\x0c",
        "\r\n",
        "DUKE.\n",
        "1) Row x\n2) Row y",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_alphabet, min_size=1, max_size=60).map("".join))
def test_any_text_is_encoded_losslessly(text):
    if not text.strip():
        text = "x" + text
    data = text.encode("utf-8")
    result = encode_bytes(data)
    assert diplomatic(result.root) == decode_source(data).text
    if len(_DOCS) < 150:
        _DOCS.append(result.to_bytes())


@pytest.mark.slow
def test_the_property_outputs_are_valid_tei(tmp_path):
    if not _DOCS:
        pytest.skip("run together with test_any_text_is_encoded_losslessly")
    paths = []
    for i, doc in enumerate(_DOCS):
        p = tmp_path / f"doc{i}.xml"
        p.write_bytes(doc)
        paths.append(p)
    report = validate(paths)  # the project's schema and rules, in process
    assert [d.format() for f in report.files for d in f.diagnostics if d.severity == "error"] == []
    assert jing_errors(*paths) == []


@pytest.mark.parametrize(
    "narration",
    [
        "Councillor Mossop then reports on the state of the footbridge.",
        "The Clerk reports that the Board has approved the loan.",
        "Mr. Brown here read the letter from the Surveyor.",
        "The Chairman announces the result.",
        "The Jury went out of court, and returned with a Verdict for the Plaintiff.",
    ],
)
def test_a_secretary_narrating_in_council_minutes_ends_the_turn(narration):
    """Minute-takers of councils and parliaments name members by title, not as comrades."""
    data = (f"MEETING OF OCTOBER 4, 1921\n\nMOSSOP: The bridge is unsafe.\n\n{narration}\n\nBROWN: I agree.\n").encode()
    result = encode_bytes(data, label_style="colon", layout="lines")
    turn = result.root.xpath("//tei:sp[1]", namespaces=NS)[0]
    assert narration not in " ".join(turn.xpath("string()").split())
    assert result.root.xpath(f"//tei:div/tei:p[contains(., '{narration[:20]}')]", namespaces=NS)
    assert diplomatic(result.root) == data.decode()


def test_an_office_is_a_speaker_label():
    """“THE CLERK:” opens a turn like “THE CHAIRMAN:”; the register's labels say who holds it."""
    data = b"MEETING OF OCTOBER 4, 1921\n\nTHE CLERK: The minutes are read.\n\nSMITH: Agreed.\n"
    result = encode_bytes(data, label_style="colon", layout="lines")
    speakers = result.root.xpath("//tei:sp/tei:speaker/text()", namespaces=NS)
    assert speakers == ["THE CLERK:", "SMITH:"]
    assert diplomatic(result.root) == data.decode()


def test_an_anonymous_label_is_one_register_entry_wherever_it_speaks():
    """VOICE: opening a turn and [VOICE: …] interjecting are the same unnamed speaker."""
    data = b"SMITH: We must act. [VOICE: Never!] I say again.\n\nVOICE: Never, I said.\n"
    result = encode_bytes(data, label_style="colon", layout="lines")
    assert result.root.xpath("//tei:q[@type='interjection']/@who", namespaces=NS) == ["#anon-voice"]
    assert result.root.xpath("//tei:sp/@who", namespaces=NS) == ["#smith", "#anon-voice"]
    person = result.root.xpath("//tei:person[@xml:id='anon-voice']", namespaces=NS)[0]
    assert person.get("role") == "anonymous"
    assert person.findtext("tei:persName", namespaces=NS) == "VOICE"  # the label as printed


@pytest.mark.parametrize(
    "formula",
    [
        "RESOLVED:",
        "WHEREAS:",
        "RESOLVED FURTHER:",
        "FURTHER RESOLVED:",
        "ORDERED:",
        "BE IT RESOLVED:",
        "BE IT FURTHER RESOLVED:",
        "Resolved:",
        "AND BE IT FURTHER RESOLVED:",
        "PROVIDED:",
        "ENACTED:",
    ],
)
def test_the_formulae_of_a_resolution_are_not_speakers(formula):
    """RESOLVED:, WHEREAS: and their kin open the clauses of a resolution, read by whoever
    speaks: they are words of the turn (or of the narration), never a person."""
    data = (
        f"MEETING OF OCTOBER 4, 1921\n\nSMITH: I move the following.\n\n{formula} That the bridge "
        "be mended.\n\nJONES: Seconded.\n"
    ).encode()
    result = encode_bytes(data, label_style="colon", layout="lines")
    assert result.root.xpath("//tei:sp/@who", namespaces=NS) == ["#smith", "#jones"]
    assert not result.root.xpath(
        "//tei:person[contains(@xml:id, 'resolved') or contains(@xml:id, 'whereas') or contains(@xml:id, 'ordered')]",
        namespaces=NS,
    )
    smith = result.root.xpath("//tei:sp[1]", namespaces=NS)[0]
    assert "That the bridge be mended." in smith.xpath("string()")
    assert diplomatic(result.root) == data.decode()


def test_a_formula_in_brackets_is_not_an_interjection():
    data = b"SMITH: The text reads [RESOLVED: That the bridge be mended.] as moved.\n"
    result = encode_bytes(data, label_style="colon", layout="lines")
    assert not result.root.xpath("//tei:q[@type='interjection']", namespaces=NS)
    assert result.root.xpath("//tei:sp/@who", namespaces=NS) == ["#smith"]
    assert diplomatic(result.root) == data.decode()
