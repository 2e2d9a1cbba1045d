"""The one escaping function of the Typst stylesheets (xslt/typst/markup.xsl), against the rule it
documents: white space runs as one space, control and format characters dropped (but the
zero-width joiners), the backslash and the double quote escaped. The function does without
regular expressions where it can (bench/RESULTS.md), so each case is checked against that rule
written in Python."""

from __future__ import annotations

import re
import unicodedata

import pytest

from edition.render.saxon import transform

from support.probe import probe_stylesheet

CASES = [
    "",
    " ",
    "   ",
    "plain",
    " lead",
    "trail ",
    "  both  ends  ",
    "a\tb\nc\rd",
    "\n\t \r\n",
    "line\u2028sep\u2029para",
    "no\u00a0break stays",  # not white space in XPath
    "soft\u00adhyphen, zero\u200bwidth, mark\u200eleft, bom\ufeff",
    "joiners\u200c\u200d kept",
    "a \u00ad b",  # dropped after the spaces are made one: two spaces remain
    "controls\x01\x1f\x7f\x85\x9f",
    'quote " and back\\slash \\" both',
    "\\",
    "Кириллица «в кавычках» — и тире",
    "#set page(width: 1cm) ] [ $x$ <l> @r // /*",
]


def expected(text: str) -> str:
    spaced = re.sub(r"[ \t\n\r\u2028\u2029]+", " ", text)
    kept = "".join(c for c in spaced if unicodedata.category(c) not in ("Cc", "Cf") or c in "\u200c\u200d")
    return '"' + kept.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    """A stylesheet that writes ed:typst-string of its parameter `text`."""
    return probe_stylesheet(tmp_path_factory.mktemp("markup"), "typst/markup.xsl", "ed:typst-string($text)", ("text",))


@pytest.mark.parametrize("text", CASES, ids=[ascii(c)[:40] for c in CASES])
def test_a_string_literal_is_the_text_by_the_documented_rule(probe, text):
    assert transform(probe, b"<x/>", {"text": text}).main == expected(text)


def test_the_rule_above_can_tell_a_wrong_literal():
    """The reference is not the identity: each kind of character it handles changes the text."""
    assert expected(" a \t\n b ") == '" a b "'
    assert expected("x\u00ad\x01y\u200dz") == '"xy\u200dz"'
    assert expected('"\\') == '"\\"\\\\"'
