"""The reference documentation (docs/reference/) is generated from the source and cannot drift.

`scripts/gen_reference.py --check` must find nothing stale; and, checked here without the
generator's help, every diagnostic code in the source is documented (and every documented code is
in the source), every command and option of the CLI is in cli.md, every top-level xsl:param is in
xslt-parameters.md, and every export format is in exports.md.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

import click
import pytest
from lxml import etree

from edition.cli import main
from edition.export import FORMATS
from edition.xmlio import parse_file

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "gen_reference.py"
REFERENCE = ROOT / "docs" / "reference"
XSL = "{http://www.w3.org/1999/XSL/Transform}"
CODE = re.compile(r"\b[EWI]\d{3}\b")


def _load_generator():
    spec = importlib.util.spec_from_file_location("gen_reference", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_reference"] = module
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


def _read(name: str) -> str:
    return (REFERENCE / name).read_text(encoding="utf-8")


def _sections(text: str, level: str = "## ") -> dict[str, str]:
    """Heading → the text under it, for headings of one level."""
    parts = re.split(rf"^{level}(.+)$", text, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


# --------------------------------------------------------------------------- the generator


@pytest.mark.slow
def test_check_mode_finds_nothing_stale():
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert run.returncode == 0, run.stderr + "\n(run: .venv/bin/python scripts/gen_reference.py)"


@pytest.mark.slow
def test_check_mode_names_a_stale_file(tmp_path, monkeypatch, capsys):
    rendered = gen.render_all()
    for name, text in rendered.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(gen, "OUT", tmp_path)
    assert gen.main(["--check"]) == 0
    (tmp_path / "cli.md").write_text(rendered["cli.md"].replace("--traceback", "--trace"), encoding="utf-8")
    assert gen.main(["--check"]) == 1
    assert "cli.md is stale" in capsys.readouterr().err


def test_a_new_option_makes_cli_md_stale(monkeypatch):
    option = click.Option(["--fake-option"], help="Not a real option.")
    monkeypatch.setattr(main.commands["encode"], "params", [*main.commands["encode"].params, option])
    assert "--fake-option" in gen.render_all()["cli.md"]
    assert "--fake-option" not in _read("cli.md")


@pytest.mark.slow
def test_a_code_without_an_entry_or_an_entry_without_a_code_fails(monkeypatch):
    data = gen.load_data()
    del data["W110"]
    monkeypatch.setattr(gen, "load_data", lambda: data)
    with pytest.raises(gen.DriftError, match="W110 is in the source"):
        gen.render_all()
    monkeypatch.undo()
    data = gen.load_data()
    data["W999"] = {"severity": "warning", "stage": "encode", "meaning": "x", "fix": "y"}
    monkeypatch.setattr(gen, "load_data", lambda: data)
    with pytest.raises(gen.DriftError, match="W999 has an entry but is nowhere in the source"):
        gen.render_all()


def test_a_severity_that_disagrees_with_the_source_fails(monkeypatch):
    data = gen.load_data()
    data["W201"] = {**data["W201"], "severity": "info"}
    monkeypatch.setattr(gen, "load_data", lambda: data)
    with pytest.raises(gen.DriftError, match="W201: the source reports it as warning"):
        gen.render_all()


# --------------------------------------------------------------------------- checked independently


def _source_codes() -> set[str]:
    """Every code-like token anywhere in the toolkit's Python and XSLT, comments included."""
    files = [*(ROOT / "edition").rglob("*.py"), *(ROOT / "xslt").rglob("*.xsl")]
    return {c for f in files for c in CODE.findall(f.read_text(encoding="utf-8"))}


def test_every_code_in_the_source_is_documented_and_no_other():
    documented = set(_sections(_read("diagnostics.md"), "### "))
    assert _source_codes() - documented == set(), "codes in the source without documentation"
    assert documented - _source_codes() == set(), "documented codes that are not in the source"


def test_every_command_and_option_is_in_cli_md():
    sections = _sections(_read("cli.md"))
    for name, command in main.commands.items():
        section = sections.get(f"`edition {name}`")
        assert section is not None, f"edition {name} is not in docs/reference/cli.md"
        for param in command.params:
            for flag in [*param.opts, *getattr(param, "secondary_opts", [])]:
                shown = f"`{flag}`" if isinstance(param, click.Option) else f"`{param.human_readable_name}`"
                assert shown in section, f"edition {name} {flag} is not in docs/reference/cli.md"
    for param in main.params:
        for flag in param.opts:
            assert f"`{flag}`" in _read("cli.md"), flag


def test_every_xsl_param_is_in_xslt_parameters_md():
    text = _read("xslt-parameters.md")
    for path in sorted((ROOT / "xslt").rglob("*.xsl")):
        root = parse_file(path).getroot()
        for param in root.iterchildren(f"{XSL}param"):
            name, as_ = param.get("name"), param.get("as")
            assert f"| `{name}` | `{as_}` |" in text, f"{path.name}: xsl:param {name} is not documented"
            assert isinstance(param.getprevious(), etree._Comment), (
                f"{path.name}: xsl:param {name} has no comment before it"
            )


def test_every_export_format_is_in_exports_md():
    text = _read("exports.md")
    for fmt in FORMATS.values():
        assert f"| `{fmt.name}` | `{fmt.suffix}` |" in text, fmt.name


def test_the_readme_of_schemas_points_at_the_diagnostics_reference():
    readme = (ROOT / "schemas" / "README.md").read_text(encoding="utf-8")
    assert "docs/reference/diagnostics.md" in readme
    assert not re.search(r"^\| E\d{3}", readme, re.M), "schemas/README.md has its own table of codes again"


@pytest.mark.slow
def test_what_the_generator_writes_its_check_accepts(tmp_path, monkeypatch):
    monkeypatch.setattr(gen, "OUT", tmp_path)
    assert gen.main([]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(gen.render_all())
    assert gen.main(["--check"]) == 0


@pytest.mark.slow
def test_a_fatal_error_is_documented_in_the_registry_not_in_the_data_file(monkeypatch):
    data = gen.load_data()
    data["E004"] = {"severity": "error", "stage": "outputs", "meaning": "x", "fix": "y"}
    monkeypatch.setattr(gen, "load_data", lambda: data)
    with pytest.raises(gen.DriftError, match="E004 is a fatal error of edition/errors.py"):
        gen.render_all()


def test_exit_codes_come_from_the_registry():
    from edition.errors import EXIT_STATUSES, registry

    section = _sections(_read("cli.md"))["Exit codes"]
    for status in EXIT_STATUSES:
        assert f"| `{status.status}` | {status.meaning} |" in section, status
    for code in registry():
        assert f"[{code}](diagnostics.md#{code.lower()})" in section, code


def test_every_key_of_the_data_schema_is_in_data_files_md():
    from edition.editorial.schema import CONFIG, CORRECTIONS, overrides_schema

    text = _read("data-files.md")
    for tables in (CONFIG, overrides_schema()):
        for name, t in tables.items():
            section = _sections(text, "### ")[f"`[[{name}]]`" if t.many else f"`[{name}]`"]
            for key in t.keys:
                assert f"| `{key}` |" in section, f"{name}.{key}"
    for column in CORRECTIONS.keys:
        assert f"| `{column}` |" in text, column
