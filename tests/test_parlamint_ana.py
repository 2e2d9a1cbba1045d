"""ParlaMint's linguistically annotated files (.ana) as input: tokens one a line, spaced by
their @join, not by the layout — in the text exports, the Parla-CLARIN export (which keeps the
annotation) and the ParlaMint export (a plain-text corpus, valid against ParlaMint's checks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from edition.export import export
from edition.stats import stats
from edition.xmlio import NS

from test_export_parlamint import content_checks, jing, parts

#: A hand-made sitting in the shape of ParlaMint's .ana files: tokens one a line, @join where no
#: space follows, a contraction with its parts, a named entity, UD syntax.
ANA = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="ParlaMint-ES-GA_2022-03-08.ana" xml:lang="gl"
     ana="#parla.sitting #covid">
  <teiHeader><fileDesc><titleStmt>
    <title type="main" xml:lang="en">Galician parliamentary corpus ParlaMint-ES-GA, 2022-03-08 [ParlaMint.ana]</title>
  </titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p></sourceDesc></fileDesc>
  </teiHeader>
  <text ana="#covid"><body><div type="debateSection">
    <note type="speaker">A presidenta</note>
    <u xml:id="u1" who="#PontonAna" ana="#chair">
      <seg xml:id="u1.1">
        <s xml:id="u1.1.1">
          <w xml:id="t1" lemma="en" msd="UPosTag=ADP">En</w>
          <w xml:id="t2" lemma="2022" msd="UPosTag=NUM" join="right">2022</w>
          <pc xml:id="t3" msd="UPosTag=PUNCT">,</pc>
          <w xml:id="t4" msd="UPosTag=ADP">
            polo
            <w xml:id="t4a" norm="por" lemma="por" msd="UPosTag=ADP"/>
            <w xml:id="t4b" norm="o" lemma="o" msd="UPosTag=DET"/>
          </w>
          <name type="PER">
            <w xml:id="t5" lemma="Ana" msd="UPosTag=PROPN">Ana</w>
            <w xml:id="t6" lemma="Pontón" msd="UPosTag=PROPN">Pontón</w>
          </name>
          <pc xml:id="t7" msd="UPosTag=PUNCT" join="right">(</pc>
          <w xml:id="t8" lemma="lectura" msd="UPosTag=NOUN" join="right">lectura</w>
          <pc xml:id="t9" msd="UPosTag=PUNCT" join="right">)</pc>
          <pc xml:id="t10" msd="UPosTag=PUNCT">.</pc>
          <linkGrp type="UD-SYN" targFunc="head argument">
            <link ana="ud-syn:root" target="#u1.1.1 #t8"/>
          </linkGrp>
        </s>
      </seg>
    </u>
  </div></body></text>
</TEI>
"""
SAID = "En 2022, polo Ana Pontón (lectura)."


@pytest.fixture
def ana(tmp_path) -> Path:
    path = tmp_path / "ParlaMint-ES-GA_2022-03-08.ana.xml"
    path.write_text(ANA, encoding="utf-8")
    return path


def test_the_text_exports_space_tokens_by_their_join(ana, tmp_path):
    assert export(ana, "txt", tmp_path / "a.txt").read_text(encoding="utf-8").rstrip().endswith(f"A presidenta: {SAID}")
    turns = json.loads(export(ana, "json", tmp_path / "a.json").read_text(encoding="utf-8"))["turns"]
    assert [t["text"] for t in turns] == [SAID] and turns[0]["words"] == 6
    assert stats(ana).as_dict()["totals"]["words"] == 6  # En 2022 polo Ana Pontón lectura


def test_the_parla_clarin_export_keeps_the_annotation(ana, tmp_path):
    out = etree.parse(str(export(ana, "parla-clarin", tmp_path / "a.xml")))
    source = etree.fromstring(ANA.encode("utf-8"))
    for path in ("//tei:s", "//tei:w", "//tei:pc", "//tei:name", "//tei:linkGrp/tei:link", "//tei:w[@join]"):
        assert len(out.xpath(path, namespaces=NS)) == len(source.xpath(path, namespaces=NS)), path
    assert out.xpath("string(//tei:w[@xml:id='t8']/@lemma)", namespaces=NS) == "lectura"


@pytest.mark.slow
def test_the_parlamint_export_is_a_valid_plain_text_corpus(ana, tmp_path):
    corpus = export(ana, "parlamint", tmp_path / "corpus")
    root, components = parts(corpus)
    assert (root.name, [c.name for c in components]) == ("ParlaMint-ES-GA.xml", ["ParlaMint-ES-GA_2022-03-08.xml"])
    tei = etree.parse(str(components[0]))
    assert tei.xpath("string(//tei:seg)", namespaces=NS) == SAID
    assert tei.xpath("string(//tei:title[@type='main'])", namespaces=NS).startswith("Galician parliamentary corpus")
    assert jing("ParlaMint-teiCorpus.rng", root) == [] and jing("ParlaMint-TEI.rng", *components) == []
    assert content_checks(root, *components) == []
