"""The project's own schema, compiled from schemas/edition.odd: it accepts and rejects what the
hand-kept XSD does — except what only the XSD's xs:asserts say (co-occurrence rules, the ODD's
E200 Schematron constraints, with which it gives the XSD's verdict exactly) — and every document
it and those rules accept is valid TEI P5."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest
import xmlschema
from lxml import etree

from edition.odd import compile_odd
from edition.validate.schemas import compiled_xsd, for_stream, resolve
from edition.xmlio import serialize

from conftest import CASES, ROOT, TEI_ALL, jing_errors
from test_schema import _base, _mutate

ODD = ROOT / "schemas" / "edition.odd"


@pytest.fixture(scope="module")
def compiled():
    return compile_odd(ODD)


@pytest.fixture(scope="module")
def rng(compiled):
    return etree.RelaxNG(etree.fromstring(compiled.rng))


@pytest.fixture(scope="module")
def xsd():
    return compiled_xsd(for_stream(resolve("edition")))


def _xsd_verdict(xsd, root) -> tuple[bool, bool]:
    """(valid, invalid only by assertions) by the hand-kept XSD."""
    errors = list(xsd.iter_errors(xmlschema.XMLResource(etree.ElementTree(root), allow="none")))
    only_asserts = bool(errors) and all("assertion" in (e.reason or "") for e in errors)
    return not errors, only_asserts


def _documents() -> list[Path]:
    return sorted(CASES.glob("**/*.xml")) + [ROOT / "tei" / "march-1917.xml", ROOT / "tei" / "march-1917-register.xml"]


def _parse(path: Path):
    try:
        return etree.parse(
            str(path), etree.XMLParser(collect_ids=False, resolve_entities=False, no_network=True, load_dtd=False)
        ).getroot()
    except etree.XMLSyntaxError:
        return None


def test_the_odd_compiles_without_warnings(compiled):
    assert compiled.warnings == ()
    assert compiled.ident == "edition"


def test_same_verdicts_as_the_xsd_on_the_cases_and_the_showcase(rng, xsd):
    checked = 0
    for path in _documents():
        root = _parse(path)
        if root is None:
            continue
        valid, only_asserts = _xsd_verdict(xsd, root)
        assert rng.validate(root) == (valid or only_asserts), (path.name, rng.error_log.last_error)
        checked += 1
    assert checked >= 15


@pytest.mark.slow
def test_same_verdicts_on_mutants_and_what_it_accepts_is_tei(rng, xsd, compiled, tmp_path):
    """Mutants of the showcase (tests/test_schema.py's model): the compiled schema and the XSD
    agree on each, assertions apart; jing agrees with lxml on the compiled schema; and every
    mutant the compiled schema accepts is valid TEI P5."""
    if not TEI_ALL.exists():
        pytest.skip(f"{TEI_ALL} is absent")
    base = _base()
    names = sorted(el.local_name for el in xsd.elements.values())
    r = random.Random(1917)
    accepted, rejected, by_xsd = [], [], []
    for i in range(300):
        mutant = copy.deepcopy(base)
        for _ in range(r.randint(1, 3)):
            _mutate(mutant, r, names)
        valid, only_asserts = _xsd_verdict(xsd, mutant)
        ours = rng.validate(mutant)
        assert ours == (valid or only_asserts), rng.error_log.last_error
        # the grammar as `edition validate` checks it (the RNG and the ODD's E200 constraints) is
        # the XSD, asserts and all
        assert (ours and not _e200(mutant)) == valid, _e200(mutant)
        path = tmp_path / f"mutant-{i:03}.xml"
        path.write_bytes(serialize(mutant))
        (accepted if ours else rejected).append(path)
        if valid:
            by_xsd.append(path)
    assert len(by_xsd) >= 25 and len(rejected) >= 100
    # valid TEI P5 (tei_all): what the grammar accepts and the assertions (Schematron's from now
    # on) do not reject — a body of headings only passes the grammar and fails an assertion
    assert jing_errors(*by_xsd) == []
    schema = tmp_path / "edition.rng"
    schema.write_bytes(compiled.rng)
    import subprocess

    run = subprocess.run(
        ["jing", str(schema), *map(str, accepted + rejected)], capture_output=True, text=True, check=False
    )
    failing = {line.split(":")[0] for line in (run.stdout + run.stderr).splitlines() if ": error:" in line}
    assert failing == {str(p) for p in rejected}  # jing's verdicts are lxml's


def _e200(root) -> list[str]:
    """The messages of the ODD's E200 constraints (the Schematron phase "grammar") on a document."""
    from edition.validate import constraints

    grammar = constraints.project_rules(constraints.GRAMMAR_PHASE)
    return [f.message for f in grammar.run(etree.ElementTree(root))]


def test_the_rng_and_the_e200_constraints_are_the_xsd(rng, xsd):
    """With the ODD's E200 constraints, the RELAX NG gives the XSD's verdict, asserts included,
    on every case and the showcase; and a constraint fires exactly where only an assert objects."""
    only_by_asserts = 0
    for path in _documents():
        root = _parse(path)
        if root is None:
            continue
        valid, only_asserts = _xsd_verdict(xsd, root)
        assert (rng.validate(root) and not _e200(root)) == valid, path.name
        if only_asserts:
            assert rng.validate(root) and _e200(root), path.name
            only_by_asserts += 1
    assert only_by_asserts >= 2  # a gap's quantity without unit, a vote's min above max


def test_the_committed_relax_ng_is_what_the_odd_compiles_to(compiled):
    """schemas/edition.rng, which `edition validate` checks held documents against and `edition
    build` publishes, is generated (scripts/gen_schemas.py): it must be current."""
    committed = ROOT / "schemas" / "edition.rng"
    assert committed.read_bytes() == compiled.rng, "run scripts/gen_schemas.py"
