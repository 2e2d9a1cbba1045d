"""The text the HTML edition's search, charts and register read (edition/render/reading.py), made
in Python from lxml's tree and joined to the stylesheet's turns and blocks by number: held here to
the XPath definitions the stylesheet used before (an oracle run by Saxon; the register's opening
words are still the stylesheet's own where the toolkit gives none), to the stylesheet's
numbering, and to Saxon's JSON."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from edition import resources
from edition.errors import TransformError
from edition.render import reading, saxon

from conftest import ROOT, SAMPLES, need_samples

SHOWCASE = ROOT / "tei" / "march-1917.xml"

#: The oracle: each turn's and each block's searchable text and each turn's spoken words, as
#: XPath says them, with the numbers the stylesheet's accumulators give.
ORACLE = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:ed="urn:x-edition:functions" exclude-result-prefixes="#all">
  <xsl:include href="{functions}"/>
  <xsl:mode use-accumulators="#all"/>
  <xsl:output method="json"/>
  <xsl:template match="/">
    <!-- a block is the first element where ed:block has its number -->
    <xsl:variable name="blocks" as="array(*)*">
      <xsl:for-each-group select="//tei:text//*" group-adjacent="accumulator-before('ed:block')">
        <xsl:sequence select="[current-grouping-key(), ed:searched(.), ed:opening(.)][current-grouping-key() gt 0]"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:sequence select="map{{
      'turns': array{{//(tei:sp | tei:u) ! [accumulator-before('ed:turn'), ed:searched(.), ed:opening(.),
        ed:words(string-join(.//text()[not(ancestor::tei:speaker | ancestor::tei:sic | ancestor::tei:orig
          | ancestor::tei:note | ancestor::tei:desc | ancestor::tei:stage)], ''))]}},
      'blocks': array{{$blocks}},
      'total-turns': accumulator-after('ed:turn'), 'total-blocks': accumulator-after('ed:block')}}"/>
  </xsl:template>
  <!-- xslt/html/people.xsl, ed:opening -->
  <xsl:function name="ed:opening">
    <xsl:param name="block"/>
    <xsl:variable name="texts" select="$block//text()[not(ancestor::tei:speaker | ancestor::tei:sic
      | ancestor::tei:orig | ancestor::tei:note | ancestor::tei:desc | ancestor::tei:stage)]"/>
    <xsl:variable name="head" select="subsequence($texts, 1, 12)"/>
    <xsl:variable name="words" select="tokenize(normalize-space(substring(string-join($head), 1, 400)))"/>
    <xsl:sequence select="if (empty($words)) then '¶' else string-join(subsequence($words, 1, 10), ' ')
      || (if (count($words) gt 10 or exists($texts[13])) then ' …' else '')"/>
  </xsl:function>
  <xsl:function name="ed:searched">
    <xsl:param name="e"/>
    <xsl:sequence select="normalize-space(string-join($e//text()[not(ancestor::tei:sic
      | ancestor::tei:orig | ancestor::tei:speaker | ancestor::tei:desc)], ''))"/>
  </xsl:function>
</xsl:stylesheet>"""

#: Shapes the walk must get right: comments and processing instructions between text, a
#: non-breaking space, corrections, notes and stage directions in a turn, a bibliography's bibl,
#: a text inside a text, blocks in the header (not numbered), turns in a header (numbered).
TRICKY = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
<publicationStmt><p>header p</p></publicationStmt><sourceDesc><p>src <sp><p>in header</p></sp></p></sourceDesc>
</fileDesc></teiHeader><text><front><head>Front <!-- c -->matter</head><listBibl><bibl>A  book</bibl></listBibl>
<bibl>not a block</bibl></front><body><div><head>SESSION</head>
<sp who="#a"><speaker>A:</speaker><p>One<?pi x?> two<!-- gone --> three\u00a0four — … <choice><sic>teh</sic><corr>the</corr></choice>
<note>a note’s words</note> <stage>(laughs)</stage> end_ _ €</p></sp>
<stage>Outside <desc>no</desc> turn</stage><u who="#b">said <seg>it</seg></u>
<floatingText><body><p>inner <hi>text</hi></p></body></floatingText>
<p/><p>   </p><p>Named <persName ref="#a">Anna</persName> once.</p></div></body></text></TEI>"""


def oracle(xml: bytes, tmp_path) -> dict:
    xsl = tmp_path / "oracle.xsl"
    xsl.write_text(ORACLE.format(functions=(ROOT / "xslt" / "common" / "functions.xsl").as_uri()), encoding="utf-8")
    return json.loads(saxon.transform(xsl, xml).main)


DOCUMENTS = ["showcase", "tricky", "dracor-rus_blok-korol-na-ploschadi.xml", "ParlaMint-ES-CT_2015-10-26-0101.xml"]


def document(name: str) -> bytes:
    if name == "showcase":
        return SHOWCASE.read_bytes()
    if name == "tricky":
        return TRICKY.encode()
    need_samples()
    return (SAMPLES / name).read_bytes()


@pytest.mark.parametrize("name", DOCUMENTS)
def test_texts_words_and_numbers_are_the_xpath_definitions(name, tmp_path):
    xml = document(name)
    want = oracle(xml, tmp_path)
    got = reading.read(etree.fromstring(xml))
    assert (got.turns, got.blocks) == (want["total-turns"], want["total-blocks"])
    words = got.turn_words()
    for n, text, opening, count in want["turns"]:
        assert got.search_text(f"t{n}") == text, n
        assert got.opening(got.turn_nodes, n) == opening, n
        assert words[n - 1] == count, (n, text)
    for n, text, opening in want["blocks"]:
        assert got.search_text(f"b{n}") == text, n
        assert got.opening(got.block_nodes, n) == opening, n


def test_the_tricky_document_reads_as_expected():
    got = reading.read(etree.fromstring(TRICKY.encode()))
    assert got.turns == 3  # the one in the header counts, as the stylesheet's accumulator does
    assert got.search_text("t2") == "One two three\u00a0four — … the a note’s words (laughs) end_ _ €"
    # One, two, 'three\u00a0four' (a non-breaking space joins), the, end_, €; '—', '…', '_' are no words
    assert got.turn_words()[1] == 6
    assert got.search_text("b2") == "A book"  # after the front's head; the bibl outside listBibl is none


def test_openings_are_given_for_turns_and_the_blocks_names_are_in():
    got = reading.read(etree.fromstring(TRICKY.encode()))
    openings = got.openings()
    assert openings["turns"][1] == "One two three\u00a0four — … the end_ _ €"
    assert [(n, o) for n, o in enumerate(openings["blocks"], 1) if o] == [(got.blocks, "Named Anna once.")]


def test_a_name_the_text_lacks_is_refused():
    got = reading.read(etree.fromstring(TRICKY.encode()))
    for key in ("t0", "t4", "b999", "x1"):
        with pytest.raises(Exception, match="does not have"):
            got.search_text(key)


def test_data_that_counts_otherwise_stops_the_build(tmp_path):
    """Words shown against the wrong turn would be silently wrong: the stylesheet refuses data
    whose totals are not its own."""
    data = json.loads(reading.stylesheet_data(reading.read(etree.parse(str(SHOWCASE)).getroot())))
    data["turns"] += 1
    with pytest.raises(TransformError, match="counted"):
        saxon.transform(
            resources.stylesheet("html/edition.xsl"),
            SHOWCASE.read_bytes(),
            {"reading-data": json.dumps(data)},
            folder=tmp_path,
            plan="{urn:x-edition:functions}site-files",
        )


def test_json_is_written_as_saxon_writes_it():
    chars = "".join(map(chr, [9, 10, 13, *range(0x20, 0xD800), *range(0xE000, 0xFFFE), 0x10000, 0x1F600, 0x10FFFD]))
    value = [chars, "a/b", -1, 3, {"k": ["x"]}]
    xpath = saxon.processor().new_xpath_processor()
    xpath.set_parameter("s", saxon.processor().make_string_value(chars))
    xpath.declare_variable("s")
    ours = xpath.evaluate_single("serialize([$s, 'a/b', -1, 3, map{'k': ['x']}], map{'method': 'json'})")
    assert reading.saxon_json(value) == ours.string_value


@pytest.mark.parametrize("extra", ["", "\u0085 C1"], ids=["plain", "a C1 control character"])
def test_the_index_is_the_stylesheets_json_with_the_texts_in(extra):
    """Texts with quotes, backslashes and slashes written at C speed, and (a control character in
    the text) by the slow way, both as Saxon's JSON of the index would be."""
    xml = TRICKY.replace("end_ _ €", 'end_ _ € "q" \\ a/b ' + extra).encode()
    got = reading.read(etree.fromstring(xml))
    skeleton = {
        "pages": [["a.html", "Title / “x”", ""]],
        "speakers": [["a", "Anna"]],
        "entries": [[0, "turn-2", 0, "t2"], [0, "p-9", -1, "b9"], [0, "x", -1, "b6"]],
    }
    written = reading.search_index(json.dumps(skeleton), got)
    texts = [got.search_text(e[3]) for e in skeleton["entries"]]
    assert texts[1] == ""  # an empty block is left out
    skeleton["entries"] = [e[:3] + [t] for e, t in zip(skeleton["entries"], texts) if t]
    assert written == ("window.EDITION_SEARCH = " + reading.saxon_json(skeleton) + ";\n").encode()
    assert ('"q" \\ a/b ' + extra).strip() in json.loads(written.decode()[24:-2])["entries"][0][3]
