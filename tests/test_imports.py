"""What a command loads: `edition validate` imports validation, not the converter; `edition pdf`
the Typst route, not the corpus build.

A cold `edition validate` spent a third of its CPU importing the encoder, the transcript grammars
and the settings' tables it never used (bench/RESULTS.md). Each check runs in a fresh process,
since this test session has long since imported everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

#: Modules of the converter and of the other commands: none is needed to validate a document.
NOT_FOR_VALIDATION = (
    "edition.library",
    "edition.settings",
    "edition.editorial",
    "edition.transcript",
    "edition.encode.",  # the stage's modules (the package itself is loaded by `import edition`)
    "edition.render.html",
    "edition.render.typst",
    "edition.collate",
    "xmlschema",  # only a streamed document that fails the grammar gate needs it
    "urllib.request",  # loads http, email and ssl
)


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    """The probes' processes keep whatever they cache in the test's folder."""
    monkeypatch.setenv("EDITION_CACHE_DIR", str(tmp_path / "cache"))


def loaded_after(code: str) -> tuple[list[str], object]:
    """The modules a fresh interpreter holds after running `code`, and what `code` left in `result`."""
    probe = f"import json, sys\nresult = None\n{code}\nprint(json.dumps([sorted(sys.modules), result]))"
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=dict(os.environ), capture_output=True, text=True, check=True
    )
    modules, result = json.loads(out.stdout.splitlines()[-1])
    return modules, result


def unwanted(modules: list[str]) -> list[str]:
    return [m for m in modules if m.startswith(NOT_FOR_VALIDATION)]


def test_validate_imports_no_module_of_the_converter():
    modules, status = loaded_after(
        "from edition.cli import main\n"
        "try:\n"
        "    main(['validate', 'tei/march-1917.xml'])\n"
        "except SystemExit as exc:\n"
        "    result = exc.code"
    )
    assert status == 0
    assert "edition.validate.relaxng" in modules and "edition.validate.schematron" in modules
    assert unwanted(modules) == []


def test_the_check_above_can_fail():
    """Encoding loads the converter, and the check names it."""
    modules, _ = loaded_after("import edition\nresult = edition.encode('SMITH: Hello.\\n').name")
    found = unwanted(modules)
    assert "edition.library" in found and "edition.transcript.labels" in found


#: What `edition pdf` never needs: the corpus build's jobs and manifest (and hashlib, whose OpenSSL
#: is the dearest module to load), the converter, validation, the other outputs.
NOT_FOR_PDF = (
    "edition.corpus.jobs",
    "edition.corpus.local",
    "hashlib",
    "edition.library",
    "edition.settings",
    "edition.editorial",
    "edition.transcript",
    "edition.encode.",
    "edition.validate",
    "edition.render.html",
    "edition.render.fo",
    "edition.collate",
    "xmlschema",
    "urllib.request",
)


@pytest.mark.slow
def test_pdf_imports_only_the_typst_route(tmp_path):
    modules, status = loaded_after(
        "from edition.cli import main\n"
        "try:\n"
        f"    main(['pdf', 'tei/march-1917.xml', '-o', {str(tmp_path / 'book.pdf')!r}])\n"
        "except SystemExit as exc:\n"
        "    result = exc.code"
    )
    assert status == 0
    assert "edition.render.typst" in modules and "edition.corpus.options" in modules
    assert [m for m in modules if m.startswith(NOT_FOR_PDF)] == []


def test_the_pdf_check_can_fail():
    """A corpus build's jobs load hashlib, and the check names both."""
    modules, _ = loaded_after("import edition.corpus.jobs")
    found = [m for m in modules if m.startswith(NOT_FOR_PDF)]
    assert "edition.corpus.jobs" in found and "hashlib" in found


def test_import_edition_loads_the_library_only_when_a_name_is_used():
    modules, _ = loaded_after("import edition")
    assert [m for m in modules if m.startswith("edition")] == ["edition", "edition.encode"]
    _, names = loaded_after(
        "import edition\n"
        "from edition import Edition, load\n"
        "result = [callable(edition.encode), Edition.__name__, load.__module__, sorted(set(edition.__all__) - set(dir(edition)))]"
    )
    assert names == [True, "Edition", "edition.library", []]


def test_encode_is_the_function_whichever_is_imported_first():
    """The encoding stage is a package named `encode` too: importing one of its modules, before
    or after the package's `encode` is first used, leaves `edition.encode` the function."""
    for code in (
        "from edition.encode.header import build_header\nimport edition\nresult = callable(edition.encode)",
        "import edition\nf = edition.encode\nimport edition.encode.header\nresult = edition.encode is f and callable(f)",
        "import edition.encode.header\nfrom edition import encode\nresult = callable(encode)",
    ):
        assert loaded_after(code)[1] is True, code


def test_an_unknown_name_is_an_attribute_error():
    _, message = loaded_after(
        "import edition\ntry:\n    edition.nothing\nexcept AttributeError as exc:\n    result = str(exc)"
    )
    assert message == "module 'edition' has no attribute 'nothing'"
