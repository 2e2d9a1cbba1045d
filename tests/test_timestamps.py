"""Times a transcript writes become TEI time data: each written time in `time synch` pointing at
a `when` of one `timeline` (edition/transcript/timestamps.py, edition/encode/timeline.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from lxml import etree

from edition import api
from edition.settings import EncodeSettings
from edition.text import diplomatic
from edition.transcript import timestamps as ts
from edition.transcript.read import decode_source
from edition.validate import validate
from edition.xmlio import NS, XML_ID

from conftest import SAMPLES, jing_errors

SECONDS = [
    # (the clock as written, the seconds it counts)
    ("00:10", "10"),
    ("0:00", "0"),
    ("42:15", "2535"),
    ("0:00:13.8", "13.8"),
    ("00:00:06.140", "6.14"),
    ("00:00:06,140", "6.14"),  # SubRip's decimal comma
    ("01:02:03", "3723"),
    ("00:00:00:03", "3"),  # a mission clock: days, hours, minutes, seconds
    ("01:00:00:00", "86400"),
    ("-00:01:55:00", "-6900"),  # before lift-off
]


@pytest.mark.parametrize("clock,value", SECONDS, ids=[c for c, _ in SECONDS])
def test_a_clock_counts_its_fields(clock, value):
    assert ts.seconds(clock) == Decimal(value)


def _doc(*paras: str) -> str:
    return "\n\n".join(paras) + "\n"


TIMES = [
    # (name, transcript, the times found as (written, point id), in document order)
    (
        "webvtt-cue",
        "WEBVTT\n\n"
        + _doc(
            "00:00:06.140 --> 00:00:10.480\n<v Ann>hi there",
            "00:00:10.620 --> 00:00:17.800\n<v Bob>hello",
            "00:00:18.000 --> 00:00:19.000\n<v Ann>bye",
        ),
        [
            ("00:00:06.140", "T6.14"),
            ("00:00:10.480", "T10.48"),
            ("00:00:10.620", "T10.62"),
            ("00:00:17.800", "T17.8"),
            ("00:00:18.000", "T18"),
            ("00:00:19.000", "T19"),
        ],
    ),
    (
        "subrip-cue",
        _doc(
            "1\n00:00:01,000 --> 00:00:02,500\nANN: Hello there.",
            "2\n00:00:02,600 --> 00:00:04,000\nBOB: Hi Ann.",
            "3\n00:00:04,100 --> 00:00:05,000\nANN: Shall we?",
        ),
        [
            ("00:00:01,000", "T1"),
            ("00:00:02,500", "T2.5"),
            ("00:00:02,600", "T2.6"),
            ("00:00:04,000", "T4"),
            ("00:00:04,100", "T4.1"),
            ("00:00:05,000", "T5"),
        ],
    ),
    (
        "mission-clock",
        (
            "[-00:00:00:03]\nCC: 3, 2, 1, 0\n\n[00:00:00:03]\nP: Roger. The clock is operating.\n\n"
            "[00:00:00:07]\nCC: Hear loud and clear.\n\n[00:00:00:08]\nP: Roger.\n"
        ),
        [("-00:00:00:03", "T-3"), ("00:00:00:03", "T3"), ("00:00:00:07", "T7"), ("00:00:00:08", "T8")],
    ),
    (
        "otter-label-and-prefix",
        _doc(
            "0:00 Brian Okken  00:10",
            "0:00 I'm Brian, and we have a guest",
            "0:00 Michael Kennedy  00:11",
            "0:00 Hello. Welcome.",
            "0:00 Brian Okken  00:16",
            "0:00 Thank you.",
        ),
        [
            ("0:00", "T0"),
            ("00:10", "T10"),
            ("0:00", "T0"),
            ("0:00", "T0"),
            ("00:11", "T11"),
            ("0:00", "T0"),
            ("0:00", "T0"),
            ("00:16", "T16"),
            ("0:00", "T0"),
        ],
    ),
    (
        "bracketed-before-label",
        _doc(
            "[00:01:23] John Smith: Good morning.",
            "[00:01:30] Jane Roe: Morning.",
            "[00:01:41] John Smith: We met at 10:30 yesterday.",
        ),
        [("00:01:23", "T83"), ("00:01:30", "T90"), ("00:01:41", "T101")],
    ),
    (
        "markdown-escaped-after-label",
        _doc(
            "**Mat Ryer:** \\[04:21\\] Yeah, that's great.",
            "**Mark Bates:** \\[08:14\\] So it's great.",
            "\\[12:02\\] It goes on.",
            "**Break**: \\[28:36\\]",
            "**Mat Ryer:** And we're back at 12:30 sharp.",
        ),
        [("04:21", "T261"), ("08:14", "T494"), ("12:02", "T722"), ("28:36", "T1716")],
    ),
    (
        "markdown-link-after-bold-label",
        _doc(
            "##### **Jane Doe** [[00:00:07](https://example.org/a)]",
            "Good morning.",
            "##### **John Roe** [[00:00:12](https://example.org/b)]",
            "Morning.",
            "##### **Jane Doe** [[00:01:02](https://example.org/c)]",
            "Right.",
        ),
        [("00:00:07", "T7"), ("00:00:12", "T12"), ("00:01:02", "T62")],
    ),
    (
        "podcast-prefix-and-continuation",
        (
            "0:00:13.8 **Ann Lee** Welcome to the show.\n"
            "0:00:20.1 **Bob Ray** Thanks for having me.\n"
            "0:00:25.0 It is good to be here.\n0:00:31.4 **Ann Lee** Let us start.\n"
        ),
        [("0:00:13.8", "T13.8"), ("0:00:20.1", "T20.1"), ("0:00:25.0", "T25"), ("0:00:31.4", "T31.4")],
    ),
    (
        "hours-in-a-label-bracket",
        _doc("Speaker 1 (00:00:01): Hello.", "Speaker 2 (00:00:04): Hi.", "Speaker 1 (00:00:09): Fine."),
        [("00:00:01", "T1"), ("00:00:04", "T4"), ("00:00:09", "T9")],
    ),
    # not the transcript's timing: a time of day the record notes after a name, or one a speaker says
    (
        "time-of-day-after-a-name",
        _doc(
            "Mr FRYDENBERG (Kooyong—Treasurer) (14:02): I thank the House.",
            "Mr ALBANESE (Grayndler) (14:05): We oppose it.",
            "Mr FRYDENBERG (Kooyong—Treasurer) (14:09): Indeed.",
        ),
        [],
    ),
    (
        "one-paragraph-opening-with-a-time",
        _doc("SMITH: When shall we meet?", "JONES: Tomorrow.", "SMITH: At what time?", "10:30 is fine, said Jones."),
        [],
    ),
]


def encode(text: str, name: str = "t.txt"):
    return api.encode_source(decode_source(text.encode(), name), EncodeSettings())


def _times(root: etree._Element) -> list[tuple[str, str]]:
    return [(t.text, t.get("synch").lstrip("#")) for t in root.iterfind(".//tei:text//tei:time", NS)]


@pytest.mark.parametrize("text,expected", [r[1:] for r in TIMES], ids=[r[0] for r in TIMES])
def test_each_written_time_points_at_its_point_of_the_timeline(text, expected):
    result = encode(text)
    root = result.root
    assert _times(root) == expected
    assert diplomatic(root) == text  # the times stay in the text as written
    timeline = root.find(".//tei:body/tei:timeline", NS)
    if not expected:
        assert timeline is None
        return
    assert timeline is root.find(".//tei:body", NS)[0]
    points = {w.get(XML_ID): w for w in timeline}
    assert {p for _, p in expected} <= set(points)
    assert not root.xpath(".//tei:supplied[tei:time]", namespaces=NS)  # a clock's brackets supply nothing


def test_the_timeline_counts_seconds_from_an_undated_origin_in_order():
    result = encode(TIMES[2][1])
    timeline = result.root.find(".//tei:timeline", NS)
    assert (timeline.get("unit"), timeline.get("origin")) == ("s", "#T0")
    whens = [(w.get(XML_ID), w.get("interval"), w.get("since"), w.get("absolute")) for w in timeline]
    assert whens == [
        ("T-3", "-3", "#T0", None),
        ("T0", None, None, None),
        ("T3", "3", "#T0", None),
        ("T7", "7", "#T0", None),
        ("T8", "8", "#T0", None),
    ]


def test_the_time_data_is_valid_here_and_in_tei_p5(tmp_path):
    paths = []
    for name, text, _ in TIMES:
        path = tmp_path / f"{name}.xml"
        encode(text).write(path)
        paths.append(path)
    report = validate(paths)
    assert report.ok(), [str(d) for f in report.files for d in f.diagnostics]
    assert jing_errors(*paths) == []


TIMESTAMPED = [
    "webvtt-voice-tags_python-bytes-451.vtt",
    "otter-export-timestamps_python-bytes-220.txt",
    "timestamped-callsign-labels_spacelog-mercury-atlas-6.txt",
    "russian-radio-transcript_spacelog-vostok-1.txt",
    "markdown-bold-labels_changelog-go-time-107.md",
]


@pytest.mark.slow
@pytest.mark.parametrize("name", TIMESTAMPED)
def test_every_time_line_of_a_real_transcript_is_time_data(name):
    path = SAMPLES / "transcripts" / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the real transcripts live in ../shared/samples")
    result = api.encode_source(decode_source(path.read_bytes(), str(path)), EncodeSettings())
    root = result.root
    stamps = root.findall(".//tei:ab[@type='timestamp']", NS)
    assert all(ab.find("tei:time", NS) is not None for ab in stamps)
    ids = {w.get(XML_ID) for w in root.iterfind(".//tei:timeline/tei:when", NS)}
    times = _times(root)
    assert times and all(p in ids for _, p in times)
    assert not root.xpath(".//tei:supplied[tei:time]", namespaces=NS)


def test_a_time_that_points_at_no_point_is_an_error(tmp_path):
    path = tmp_path / "t.xml"
    encode(TIMES[2][1]).write(path)
    path.write_text(path.read_text(encoding="utf-8").replace('synch="#T7"', 'synch="#T77"'), encoding="utf-8")
    report = validate([path])
    assert [d.code for f in report.files for d in f.diagnostics if d.severity == "error"] == ["E302"]
