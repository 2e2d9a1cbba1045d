"""The word count of the speaker chart (edition/render/reading.py, words) and the ParlaMint header
(xslt/common/functions.xsl, ed:words) against its definition: tokens between XML white space that hold a character other than
punctuation, separator or control. The stylesheet takes shortcuts for speed (a token that begins
with an ASCII letter or digit is a word without further looking; only a token with no ASCII letter
or digit meets the regular expression); each case here is one the shortcuts could get wrong."""

from __future__ import annotations

import re
import unicodedata

import pytest
from lxml import etree

from edition.render import reading
from edition.render.saxon import transform

from support.probe import probe_stylesheet

CASES = [
    "",
    "   ",
    "one two  three",
    "tabs\tand\nnew\rlines",
    "— – … -- ... «» () [] ! ?",
    "(a) —word word— 1917, 38:12; «Да» и «нет»",
    "Второй говорит: «Нет!» — и уходит.",
    "x\u00a0y non-breaking\u00a0space stays one token",
    "ﬁ ² ½ ° § ¶ † ‡ • © ™ € $ %",
    "ʼ ˈ ˌ ´ ` ^ ¨ _ __ _a_",
    "καὶ ἐν ἀρχῇ 中文 العربية",
]


def reference(text: str) -> int:
    return sum(1 for t in re.split(r"[ \t\n\r]+", text) if any(unicodedata.category(c)[0] not in "PZC" for c in t))


@pytest.fixture(scope="module")
def counts(tmp_path_factory) -> list[int]:
    xsl = probe_stylesheet(
        tmp_path_factory.mktemp("words"), "common/functions.xsl", "/cases/case ! string(ed:words(string(.)))"
    )
    doc = etree.Element("cases")
    for case in CASES:
        etree.SubElement(doc, "case").text = case
    out = transform(xsl, etree.tostring(doc, encoding="utf-8"))
    return [int(n) for n in out.main.split(",")]


@pytest.mark.parametrize("i", range(len(CASES)), ids=[repr(c)[:30] for c in CASES])
def test_words_as_defined(counts, i):
    assert counts[i] == reference(CASES[i]), CASES[i]


@pytest.mark.parametrize("i", range(len(CASES)), ids=[repr(c)[:30] for c in CASES])
def test_the_charts_count_as_defined(i):
    """The HTML edition's charts count in Python (edition/render/reading.py), by the same definition."""
    assert reading.words(CASES[i]) == reference(CASES[i]), CASES[i]
