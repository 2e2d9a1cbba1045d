"""Validation: the catalogue of broken documents, valid documents, the CLI, the schema cache."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from edition.cli import main
from edition.validate import RULES, STREAM_ABOVE, validate
from edition.validate import schemas as schema_mod

from conftest import CASES, ROOT, SAMPLES, TEI_ALL, need_samples

INVALID = sorted((CASES / "invalid").glob("*.xml"))
EXPECT = re.compile(rb"<!-- expect: (?P<code>[EW]\d{3}) line (?P<line>\d+) -->")


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    """Each test builds schemas into its own cache, so none depends on another's."""
    monkeypatch.setenv("EDITION_CACHE_DIR", str(tmp_path / "cache"))


def _expectation(path: Path) -> tuple[str, int]:
    m = EXPECT.search(path.read_bytes())
    assert m, f"{path.name} lacks an '<!-- expect: CODE line N -->' comment"
    return m["code"].decode(), int(m["line"])


def test_catalogue_covers_every_rule():
    codes = {_expectation(p)[0] for p in INVALID}
    assert {r.code for r in RULES} <= codes
    assert {"E100", "E101", "E102", "E103", "E200"} <= codes


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.stem)
def test_broken_document_reports_its_code_and_line(case):
    code, line = _expectation(case)
    report = validate([case])
    found = [(d.code, d.line) for d in report.files[0].diagnostics]
    assert (code, line) in found, found
    assert not report.ok(strict=True)


def test_diagnostic_names_the_element_and_suggests_a_fix():
    report = validate([CASES / "invalid" / "dangling-who.xml"])
    (d,) = [d for d in report.files[0].diagnostics if d.code == "E302"]
    assert d.format() == (
        f"{CASES / 'invalid' / 'dangling-who.xml'}:33:9: error[E302] <sp> who= points at #stalinn, "
        "which is not in the register (did you mean #stalin?) at /TEI/text/body/div/sp[2]"
    )


def test_refused_documents_read_nothing(tmp_path):
    """The DOCTYPE and XInclude cases name local files; nothing of them may reach the output."""
    secret = Path("/etc/hostname")
    if not secret.exists():
        pytest.skip("no /etc/hostname to use as the secret")
    result = CliRunner().invoke(
        main,
        [
            "validate",
            "--format",
            "json",
            str(CASES / "invalid" / "doctype-entity.xml"),
            str(CASES / "invalid" / "xinclude.xml"),
        ],
    )
    assert result.exit_code == 1
    assert secret.read_text().strip() not in result.output


def test_valid_documents_pass_strictly():
    report = validate([CASES / "valid", ROOT / "tei"])
    assert [d.format() for f in report.files for d in f.diagnostics] == []
    assert len(report.files) == 3 and report.ok(strict=True)


@pytest.mark.slow
def test_samples_valid_against_tei_all(monkeypatch):
    need_samples()
    if not TEI_ALL.exists() or shutil.which("jing") is None:
        pytest.skip("needs jing and ../shared/tei-p5")
    monkeypatch.setenv(schema_mod.TEI_ALL_ENV, str(TEI_ALL))
    report = validate([SAMPLES, ROOT / "tei" / "march-1917.xml"], schema="tei-all")
    assert report.schema.language == "rng" and not report.rules
    assert [d.format() for f in report.files for d in f.diagnostics] == []
    assert len(report.files) == 4


def test_samples_are_not_editions():
    """Foreign TEI against the project's customisation: invalid, with reasons, never a crash."""
    need_samples()
    report = validate([SAMPLES])
    assert len(report.files) == 3 and not any(f.ok() for f in report.files)
    codes = {d.code for f in report.files for d in f.diagnostics}
    assert codes <= {"E103", "E200", "E302", "E309"}, codes
    assert all(d.line for f in report.files for d in f.diagnostics if d.severity == "error")


# --------------------------------------------------------------------------- the command


def test_cli_exit_codes_and_summary(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(main, ["validate", str(CASES / "valid" / "minimal.xml")])
    assert ok.exit_code == 0 and "1 valid, 0 not valid" in ok.output
    bad = runner.invoke(main, ["validate", str(CASES / "invalid" / "dangling-who.xml")])
    assert bad.exit_code == 1 and "error[E302]" in bad.output and "0 valid, 1 not valid" in bad.output
    warn = CASES / "invalid" / "register-unused.xml"
    assert runner.invoke(main, ["validate", str(warn)]).exit_code == 0
    assert runner.invoke(main, ["validate", "--strict", str(warn)]).exit_code == 1
    for usage in (
        ["validate"],
        ["validate", str(tmp_path / "missing.xml")],
        ["validate", "--schema", str(tmp_path / "none.xsd"), str(warn)],
        ["validate", "--format", "yaml", str(warn)],
    ):
        result = runner.invoke(main, usage)
        assert result.exit_code == 2, usage
        assert "Traceback" not in result.output


def test_cli_tei_all_without_a_copy_says_where_to_get_it(monkeypatch, tmp_path):
    monkeypatch.delenv(schema_mod.TEI_ALL_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    result = CliRunner().invoke(main, ["validate", "--schema", "tei-all", str(CASES / "valid" / "minimal.xml")])
    assert result.exit_code == 2 and "tei_all" in result.output and "EDITION_TEI_ALL" in result.output


def test_cli_json_is_machine_readable():
    result = CliRunner().invoke(
        main,
        [
            "validate",
            "--format",
            "json",
            str(CASES / "invalid" / "vote-total-mismatch.xml"),
            str(CASES / "valid" / "minimal.xml"),
        ],
    )
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["valid"] is False and data["schema"]["name"] == "edition"
    first, second = data["files"]
    assert second["valid"] and not first["valid"]
    (d,) = first["diagnostics"]
    assert d["code"] == "E305" and d["line"] == 33 and d["path"].endswith("/measure[3]")


# --------------------------------------------------------------------------- any schema

SMALL_XSD = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
  targetNamespace="http://www.tei-c.org/ns/1.0" elementFormDefault="qualified">
  <xs:element name="p"><xs:simpleType><xs:restriction base="xs:string">
    <xs:maxLength value="{n}"/></xs:restriction></xs:simpleType></xs:element>
</xs:schema>"""
SMALL_RNG = """<element name="p" ns="http://www.tei-c.org/ns/1.0"
  xmlns="http://relaxng.org/ns/structure/1.0"><text/></element>"""


def _doc(tmp_path: Path, text: str = "hello") -> Path:
    doc = tmp_path / "p.xml"
    doc.write_text(f'<p xmlns="http://www.tei-c.org/ns/1.0">{text}</p>')
    return doc


def test_user_xsd_is_cached_and_the_cache_follows_edits(tmp_path):
    xsd = tmp_path / "mine.xsd"
    xsd.write_text(SMALL_XSD.format(n=10))
    doc = _doc(tmp_path)
    assert validate([doc], schema=str(xsd)).ok()
    entries = list((tmp_path / "cache").glob("*.pickle"))
    assert len(entries) == 1
    schema_mod._built.clear()  # a new process: only the disk cache is left
    assert validate([doc], schema=str(xsd)).ok()
    assert list((tmp_path / "cache").glob("*.pickle")) == entries
    xsd.write_text(SMALL_XSD.format(n=3))  # the schema changes: the cache must not be used
    schema_mod._built.clear()
    report = validate([doc], schema=str(xsd))
    assert not report.ok() and report.files[0].diagnostics[0].code == "E200"


def test_cache_entry_ignored_when_an_imported_file_changes(tmp_path):
    main_xsd = tmp_path / "main.xsd"
    part = tmp_path / "part.xsd"
    main_xsd.write_text("""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
      targetNamespace="http://www.tei-c.org/ns/1.0" elementFormDefault="qualified">
      <xs:include schemaLocation="part.xsd"/></xs:schema>""")
    part.write_text(SMALL_XSD.format(n=10))
    doc = _doc(tmp_path)
    assert validate([doc], schema=str(main_xsd)).ok()
    part.write_text(SMALL_XSD.format(n=3))
    schema_mod._built.clear()
    assert not validate([doc], schema=str(main_xsd)).ok()


def test_relax_ng_without_jing(tmp_path, monkeypatch):
    rng = tmp_path / "p.rng"
    rng.write_text(SMALL_RNG)
    monkeypatch.setattr(schema_mod.shutil, "which", lambda _name: None)
    assert validate([_doc(tmp_path)], schema=str(rng)).ok()
    (tmp_path / "bad.xml").write_text('<p xmlns="http://www.tei-c.org/ns/1.0"><b/></p>')
    report = validate([tmp_path / "bad.xml"], schema=str(rng))
    assert not report.ok() and report.files[0].diagnostics[0].line == 1


def test_not_a_schema_is_a_usage_error(tmp_path):
    fake = tmp_path / "fake.xsd"
    fake.write_text("<html/>")
    result = CliRunner().invoke(main, ["validate", "--schema", str(fake), str(_doc(tmp_path))])
    assert result.exit_code == 2 and "not a W3C XML Schema or RELAX NG" in result.output


# --------------------------------------------------------------------------- the build


def test_build_validates_before_writing(tmp_path):
    """An edition that does not validate is reported and not written; a good one is."""
    (tmp_path / "t.txt").write_text("SESSION OF MARCH 29, 1917\n\nSMITH: We agree.\n\nJONES: We do not.\n")
    (tmp_path / "overrides.toml").write_text(
        '[[gap]]\nafter = "We agree."\nreason = "tired"\ndesc = "An editor\'s invented reason."\n'
    )
    config = tmp_path / "edition.toml"
    config.write_text('[edition]\nid = "t"\nsource = "t.txt"\noutput = "t.xml"\noverrides = "overrides.toml"\n')
    result = CliRunner().invoke(main, ["build", "-c", str(config)])
    assert result.exit_code == 1, result.output
    assert "reason='tired'" in result.output and "nothing was written" in result.output
    assert not (tmp_path / "t.xml").exists()
    (tmp_path / "overrides.toml").write_text('[[gap]]\nafter = "We agree."\nreason = "illegible"\ndesc = "A smudge."\n')
    result = CliRunner().invoke(main, ["build", "-c", str(config)])
    assert result.exit_code == 0, result.output
    assert validate([tmp_path / "t.xml"]).ok(strict=True)


@pytest.mark.parametrize(
    ("case", "message", "hint"),
    [
        (
            "gap-reason-open",
            "<gap>: attribute reason='tired': the value is not one the schema allows",
            "reason takes one of: lost, missing, illegible, interrupted, omitted",
        ),
        (
            "stage-untyped",
            "<stage>: missing required attribute type",
            "type takes one of: remark, event, interjection, vote",
        ),
        (
            "unknown-element",
            "<foo> is not allowed here, in <p>",
            "the encoding manual (docs/encoding.md) says what <p> may contain",
        ),
        (
            "gap-quantity-without-unit",
            "<gap>: a gap with @quantity needs @unit (chars, words, lines, rows, pages, documents, sessions)",
            None,
        ),
    ],
)
def test_the_grammar_says_what_is_wrong(case, message, hint):
    """libxml2's terse messages about the generated RELAX NG, and the ODD's E200 constraints, read
    as an editor needs them: the attribute, its value, the values allowed."""
    (d,) = [d for d in validate([CASES / "invalid" / f"{case}.xml"]).files[0].diagnostics if d.code == "E200"]
    assert (d.message, d.hint, d.line) == (message, hint, 33)
    assert d.col and d.path.startswith("/TEI/text/body/div/")


def test_the_grammars_constraints_run_without_the_rules():
    """The E200 constraints are grammar: --no-rules keeps them (the Schematron phase "grammar")
    and leaves out the rules; another schema with the rules gets the rules alone."""
    report = validate(
        [CASES / "invalid" / "vote-range-reversed.xml", CASES / "invalid" / "dangling-who.xml"], rules=False
    )
    assert [[d.code for d in f.diagnostics] for f in report.files] == [["E200"], []]
    assert "@min must not be greater than @max" in report.files[0].diagnostics[0].message


ANY_RNG = """<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="any"/></start>
<define name="any"><element><anyName/><zeroOrMore><choice><attribute><anyName/></attribute><text/>
<ref name="any"/></choice></zeroOrMore></element></define></grammar>"""


def test_another_schema_with_the_rules_gets_the_rules_alone(tmp_path):
    """The ODD's E200 constraints belong to its grammar: with another schema (here one that
    accepts anything), `--rules` runs E301–E309 and W308 (the Schematron phase "rules") only."""
    schema = tmp_path / "any.rng"
    schema.write_text(ANY_RNG)
    report = validate(
        [CASES / "invalid" / "vote-range-reversed.xml", CASES / "invalid" / "dangling-who.xml"],
        schema=str(schema),
        rules=True,
    )
    assert [[d.code for d in f.diagnostics] for f in report.files] == [[], ["E302"]]


def test_grammar_errors_in_numbers_each_have_a_place(tmp_path):
    """libxml2 announces some errors twice, once without a place: every E200 of a document with
    dozens of them names its element, line and path, once; the attribute is named however many
    there are (probing by revalidation has a budget, the value lists do not)."""
    data = (ROOT / "tei" / "march-1917.xml").read_text(encoding="utf-8")
    data = re.sub(r'<stage type="[a-z]+"', "<stage", data)
    data = re.sub(r'<gap reason="[a-z]+"', '<gap reason="tired"', data)
    path = tmp_path / "bad.xml"
    path.write_text(data, encoding="utf-8")
    found = [d for d in validate([path]).files[0].diagnostics if d.code == "E200"]
    assert len(found) >= 10
    assert all(d.line and d.col and d.path for d in found)
    assert len({(d.line, d.col, d.message) for d in found}) == len(found)
    assert all(
        d.message.startswith(("<stage>: missing required attribute type", "<gap>: attribute reason='tired'"))
        for d in found
    ), found


@pytest.mark.parametrize("stream_above", [STREAM_ABOVE, 0], ids=["in memory", "streamed"])
def test_the_rules_read_a_document_in_any_encoding_as_its_parser_does(stream_above):
    """Saxon is given the characters lxml read when a document is UTF-8, a serialisation of the
    tree otherwise: with a byte order mark, in Latin-1, UTF-16 or UTF-32, the findings (a name
    with accents in the message) read the same, columns included, in memory and streamed."""
    from edition.validate import validate_data

    text = (CASES / "invalid" / "register-duplicate.xml").read_text(encoding="utf-8").replace("Stalin", "Jörg Müller")
    declared = {
        name: text.replace('encoding="UTF-8"', f'encoding="{name}"') for name in ("ISO-8859-1", "UTF-16", "UTF-32")
    }
    variants = {
        "utf-8": text.encode("utf-8"),
        "bom": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "latin-1": declared["ISO-8859-1"].encode("latin-1"),
        "utf-16": declared["UTF-16"].encode("utf-16"),
        "utf-16-be": declared["UTF-16"].encode("utf-16-be"),
        "utf-32": declared["UTF-32"].encode("utf-32"),
        "utf-32-be": declared["UTF-32"].encode("utf-32-be"),
    }
    found = {
        name: [(d.code, d.line, d.message, d.hint, d.col) for d in report.diagnostics]
        for name, report in zip(variants, validate_data(variants.items(), stream_above=stream_above).files)
    }
    e309 = [f for f in found["utf-8"] if f[0] == "E309"]
    assert [f[1:3] for f in e309] == [(24, "#stalin-2 has the same name as #stalin (line 22): Jörg Müller")]
    assert e309[0][4] is not None, "the finding has its column"
    for name in variants:
        assert found[name] == found["utf-8"], name


def test_close_match_hints_agree_with_difflib_in_both_engines(tmp_path):
    """The Schematron's E302 hint (the ODD's ed:close-match, with difflib's two cheap bounds
    before the ratio) and the stream's (difflib itself) name the same register entry for each
    dangling pointer, among near misses, far misses and pointers of other lengths."""
    import difflib

    from lxml import etree

    source = (CASES / "invalid" / "dangling-who.xml").read_bytes()
    tree = etree.fromstring(source)
    tei = "{http://www.tei-c.org/ns/1.0}"
    known = [
        e.get("{http://www.w3.org/XML/1998/namespace}id")
        for e in tree.iter()
        if e.get("{http://www.w3.org/XML/1998/namespace}id")
    ]
    misses = ["stalinn", "satlin", "kamenv", "kamenevs", "nilats", "zzzzzz", "k", "stalinstalin", "lenin", "kamen"]
    body = tree.find(f".//{tei}body/{tei}div")
    for miss in misses:
        sp = etree.SubElement(body, f"{tei}sp", who=f"#{miss}")
        etree.SubElement(sp, f"{tei}p").text = "Again."
    expected = {m: difflib.get_close_matches(m, known, n=1, cutoff=0.75) for m in misses}
    assert any(expected.values()) and not all(expected.values())
    doc = tmp_path / "misses.xml"
    doc.write_bytes(etree.tostring(tree))
    for stream_above in (10**9, 0):  # the Schematron, then the streamed rules
        hints = {
            re.search(r"points at #(\S+?),", d.message)[1]: d.hint
            for d in validate([doc], stream_above=stream_above).files[0].diagnostics
            if d.code == "E302"
        }
        assert set(hints) == set(misses) | {"stalinn"}
        for miss, match in expected.items():
            wanted = f"did you mean #{match[0]}?" if match else "add the entry or correct the pointer"
            assert hints[miss] == wanted, (stream_above, miss, hints[miss])
