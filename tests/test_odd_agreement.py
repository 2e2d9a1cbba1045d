"""The ODD compiler against the Consortium's: same verdicts (jing) on real TEI and hundreds of mutants.

For each of the TEI's example customisations and DraCor's ODD, the schema compiled here and the
reference compilation (../shared) must find the same documents valid and the same invalid: the
samples, the showcase, transcripts encoded here, their repairs against the reference (documents
on the valid side of the border) and mutants of both (tests/support/oddagree.py). The
Schematron of each compilation must hold the reference's rules, and — both run by the toolkit's
Schematron engine over those documents and mutants aimed at the rules — fire the same asserts
and reports on the same nodes as often, but for the Consortium's copies of attribute
constraints, which are counted exactly. scripts/odd_agreement.py prints the same figures with
more mutants.
"""

from __future__ import annotations

import pytest
from lxml import etree

from edition.odd import compile_odd, write

from support import oddagree

pytestmark = pytest.mark.slow


#: Reference rules the compiler does not reproduce, with the reason. tei_lite deletes @calendar
#: on the twelve elements that have it, yet the Consortium's processor keeps each one's calendar
#: check at the element's level (a rule about an attribute the schema forbids there:
#: oddagree.copied_attribute_checks); the compiler drops a constraint with its attribute.
KNOWN_MISSING = {"tei_lite": {("tei:*[@calendar]", "assert", "string-length( normalize-space(.) ) gt 0")}}


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    why = oddagree.available()
    if why:
        pytest.skip(why)
    return oddagree.corpus(tmp_path_factory.mktemp("corpus"))


@pytest.mark.parametrize("name", [*oddagree.CONSORTIUM, "dracor"])
def test_same_verdicts_as_the_reference(name, real, tmp_path):
    rng, _ = write(compile_odd(oddagree.odd_file(name)), tmp_path / "compiled")
    docs = oddagree.documents_for(name, tmp_path, real, 120)
    result = oddagree.compare(name, rng, oddagree.reference_rng(name), docs)
    print(result.line())
    assert len(docs) >= 150
    assert result.valid_reference >= 10 and result.documents - result.valid_reference >= 10, (
        "both valid and invalid documents are needed for the comparison to mean anything"
    )
    assert result.disagree == []


@pytest.mark.parametrize("name", [*oddagree.CONSORTIUM, "dracor"])
def test_the_reference_schematron_rules_are_extracted(name, real, tmp_path):
    compiled = compile_odd(oddagree.odd_file(name))
    mine = oddagree.schematron_rules(etree.fromstring(compiled.sch))
    theirs = oddagree.schematron_rules(etree.parse(str(oddagree.reference_sch(name))).getroot())
    assert theirs - mine == KNOWN_MISSING.get(name, set())
    assert mine <= theirs


@pytest.mark.parametrize("name", [*oddagree.CONSORTIUM, "dracor"])
def test_the_same_schematron_assertions_fire(name, real, tmp_path):
    """Every failed assert and successful report, keyed by (document, node, test), as often here
    as in the reference. The reference's extra firings are exactly those of the attribute
    constraints the Consortium's processor copies to the element level of a changed element
    (oddagree.copied_attribute_checks: tei_bare's title, tei_lite's twelve elements, DraCor's)."""
    ours = etree.fromstring(compile_odd(oddagree.odd_file(name)).sch)
    reference = etree.parse(str(oddagree.reference_sch(name))).getroot()
    # 200 mutants of each kind, as scripts/odd_agreement.py makes them: fewer leave the rules of the
    # smaller customisations firing on too few documents (tei_drama: 28 firings with 60). Only
    # the Schematron runs on them here, which is quick.
    docs = oddagree.documents_for(name, tmp_path, real, 200, schematron=reference)
    result = oddagree.compare_firings(name, ours, reference, docs)
    print(result.line())
    assert result.documents_with_firings >= 20 and result.fired_reference >= 40, (
        "the rules must fire on enough documents for the comparison to mean anything"
    )
    assert oddagree.unexplained(result, oddagree.copied_attribute_checks(name)) == []
