"""Every command against the catalogue of bad inputs (tests/bad_inputs/): one clear message naming
the file, the documented exit code, no traceback, no hang, and nothing written on failure."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from edition.text import diplomatic
from edition.transcript.read import read_source
from edition.xmlio import parse_file

from bad_inputs.catalogue import CASES

HANG = 300  # seconds; far above any case's time here, so only a hang trips it

#: Cases of megabytes (0.5–20 s each); their commands are covered by the other cases.
LARGE = ("20-mb", "10-mb", "100000", "million")
#: Commands whose cases take 0.3–1.2 s each (a PDF engine, a whole edition built, the XSD 1.1 schema
#: loaded), where the others take 0.15–0.25 s.
SLOW_COMMANDS = {"pdf", "build", "validate"}


def _command(case) -> str:
    with tempfile.TemporaryDirectory() as folder:
        return case.make(Path(folder))[0]


def _lanes(cases) -> list:
    """The cases as tests, each process costing 0.15 s of start-up at least, so the fast lane
    (`-m "not slow"`) runs one case of each kind — the first of each command, exit code and family
    (the first word of the name: `doctype-…`, `config-…`, `utf-…`), unless large or of a slow
    command — and the full suite runs them all."""
    seen, params = set(), []
    for case in cases:
        large = any(part in case.name for part in LARGE)
        command = None if large else _command(case)
        kind = (command, case.exit, case.name.split("-")[0])
        slow = large or command in SLOW_COMMANDS or kind in seen
        seen.add(kind)
        params.append(pytest.param(case, id=case.name, marks=[pytest.mark.slow] if slow else []))
    return params


@pytest.mark.parametrize("case", _lanes(CASES))
def test_bad_input(tmp_path, case):
    folder = tmp_path / "in"
    folder.mkdir()
    out = tmp_path / "out" / "result"
    out.parent.mkdir()
    args = [a.replace("{out}", str(out)) for a in case.make(folder)]
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*")}
    run = subprocess.run([sys.executable, "-m", "edition", *args], capture_output=True, text=True, timeout=HANG)
    said = (run.stderr + (run.stdout if run.returncode else "")).lower()
    assert run.returncode == case.exit, run.stderr[-2000:]
    assert "traceback" not in said and "internal error" not in said
    for words in case.says:
        assert words.lower() in said, said[:500]
    if case.exit not in (0,):
        if case.names_file:  # the input or the output it is about
            named = [Path(a).name.lower() for a in args if "/" in a] + [p.name.lower() for p in folder.iterdir()]
            assert any(n and n in said for n in named) or "directory" in said, said[:300]
        assert not out.exists(), "a failed command left output behind"
        assert {p: p.stat().st_mtime_ns for p in folder.rglob("*")} == before, "an input was changed"
        assert not [p for p in tmp_path.rglob(".*") if p.name.startswith((".result", ".tmp"))]
    elif args[0] == "encode":  # handled: the output is lossless
        assert (
            diplomatic(parse_file(out).getroot())
            == read_source(
                Path(args[1]), *(args[args.index("--encoding") + 1 :][:1] if "--encoding" in args else [])
            ).text
        )


def test_the_catalogue_covers_every_command(tmp_path):
    commands = set()
    for i, case in enumerate(CASES):
        if any(part in case.name for part in LARGE):
            continue  # large; their commands are covered elsewhere
        folder = tmp_path / str(i)
        folder.mkdir()
        commands.add(case.make(folder)[0])
    assert len(CASES) >= 30
    assert commands == {"encode", "suspects", "build", "validate", "text", "html", "pdf", "fo", "export"}
