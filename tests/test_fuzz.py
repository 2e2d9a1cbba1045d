"""Fuzzing: mutated TEI gets a diagnostic or a valid render, never a crash.

CI runs a short campaign; a longer one runs outside CI with EDITION_FUZZ_EXAMPLES=N (the count of
inputs tried is printed at the end).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition.errors import EditionError
from edition.render.html import render_html
from edition.text import diplomatic, reading
from edition.validate import validate_data
from edition.xmlio import parse_bytes

from conftest import CASES, SAMPLES

EXAMPLES = int(os.environ.get("EDITION_FUZZ_EXAMPLES", "60"))
BASES = [CASES / "valid" / "minimal.xml", CASES / "invalid" / "vote-total-mismatch.xml"] + (
    [SAMPLES / "Parla-CLARIN-Exemplar.xml"] if SAMPLES.exists() else []
)
SEEDS = [p.read_bytes() for p in BASES]
PIECES = [
    b"<",
    b">",
    b"&",
    b"&amp;",
    b"</p>",
    b"<p>",
    b"<sp who='#x'>",
    b"</sp>",
    b"<gap/>",
    b"<choice><sic>a</sic></choice>",
    b'xml:id="d"',
    b"\x00",
    b"\xff",
    b"<!--",
    b"-->",
    b"<![CDATA[",
    b"]]>",
    b"<?pi x?>",
    b'<ref target="javascript:alert(1)">x</ref>',
    "Ω ЖЗ ẞ".encode(),
    b"<!DOCTYPE x>",
    b"<xi:include href='/etc/passwd'/>",
]


NAMES = [
    "p",
    "sp",
    "speaker",
    "div",
    "head",
    "note",
    "gap",
    "choice",
    "sic",
    "corr",
    "stage",
    "list",
    "item",
    "table",
    "row",
    "cell",
    "floatingText",
    "body",
    "q",
    "measure",
    "persName",
    "lb",
    "u",
    "seg",
    "kinesic",
    "unknownThing",
    "TEI",
    "text",
    "listPerson",
    "person",
]
ATTRS = [
    ("who", "#stalin"),
    ("who", "#nobody"),
    ("xml:id", "dup"),
    ("type", "vote"),
    ("ana", "#vote"),
    ("target", "javascript:alert(1)"),
    ("target", "#dup"),
    ("rend", "italic"),
    ("reason", "lost"),
    ("quantity", "-3"),
    ("when", "not-a-date"),
    ("n", "\u202e" + "x" * 50),
]


@st.composite
def restructured(draw) -> bytes:
    """Element-level mutations of a well-formed document: moved, renamed, deleted, re-attributed."""
    from lxml import etree

    root = etree.fromstring(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 5))):
        elements = [e for e in root.iter(etree.Element) if e is not root]
        if not elements:
            break
        el = draw(st.sampled_from(elements))
        kind = draw(st.integers(0, 3))
        if kind == 0:
            target = draw(st.sampled_from(elements))
            if target is not el and el not in target.iterancestors():
                el.getparent().remove(el)
                target.insert(draw(st.integers(0, len(target))), el)
        elif kind == 1:
            el.tag = "{http://www.tei-c.org/ns/1.0}" + draw(st.sampled_from(NAMES))
        elif kind == 2:
            el.getparent().remove(el)
        else:
            name, value = draw(st.sampled_from(ATTRS))
            el.set("{http://www.w3.org/XML/1998/namespace}id" if name == "xml:id" else name, value)
    return etree.tostring(root, encoding="UTF-8")


@st.composite
def bytes_mutated(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.integers(0, 3))
        if kind == 0:
            data[at:at] = draw(st.sampled_from(PIECES))
        elif kind == 1:
            data[at : at + draw(st.integers(1, 40))] = b""
        elif kind == 2:
            end = min(len(data), at + draw(st.integers(1, 200)))
            data[at:at] = data[at:end]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
    return bytes(data)


TRIED = {"count": 0}


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 60,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.one_of(bytes_mutated(), restructured()))
@pytest.mark.slow
def test_mutated_tei_never_crashes(tmp_path_factory, data):
    TRIED["count"] += 1
    report = validate_data([("fuzz.xml", data)])
    assert report.files[0].diagnostics or report.ok()
    try:
        tree = parse_bytes(data, "fuzz.xml")
    except EditionError:
        return  # refused with a message: fine
    for view in (diplomatic, reading):
        try:
            view(tree.getroot())
        except ValueError:
            pass  # "no <text> element": a message in the CLI
    folder = tmp_path_factory.mktemp("fuzz")
    tei = folder / "fuzz.xml"
    tei.write_bytes(data)
    try:
        site = render_html(tei, folder / "site")
    except EditionError:
        return
    assert (folder / "site" / "index.html").exists() and site.pages


def test_report_fuzz_count():
    if EXAMPLES > 60:
        print(f"\nfuzz: {TRIED['count']} mutated documents tried")
