"""The Python API (edition.encode, edition.load, Edition): the examples of docs/api.md run as
they are written, and what they promise holds on its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import edition
from edition.errors import XMLInputError

from conftest import ROOT

API_DOC = ROOT / "docs" / "api.md"


def examples() -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", API_DOC.read_text(encoding="utf-8"), re.S | re.M)


@pytest.mark.slow
def test_the_examples_of_the_api_documentation_run(tmp_path, monkeypatch):
    """Every python block of docs/api.md, in order, in one namespace, in an empty folder."""
    monkeypatch.chdir(tmp_path)
    blocks = examples()
    assert len(blocks) >= 6
    namespace = {"ROOT": ROOT, "__name__": "docs_api"}
    for n, block in enumerate(blocks, 1):
        try:
            exec(compile(block, f"docs/api.md (example {n})", "exec"), namespace)
        except Exception as exc:
            raise AssertionError(f"example {n} of docs/api.md fails: {exc!r}\n{block}") from exc


def test_a_failing_example_would_be_caught(tmp_path, monkeypatch):
    """The runner above fails on a false assertion (so the documentation cannot drift silently)."""
    monkeypatch.chdir(tmp_path)
    block = examples()[0].replace('["#smith", "#jones", "#smith"]', '["#smith"]')
    with pytest.raises(AssertionError):
        exec(compile(block, "changed example", "exec"), {"ROOT": ROOT})


def test_the_package_exposes_the_api_and_is_typed():
    assert edition.__all__ == ["Edition", "encode", "load", "__version__"]
    assert callable(edition.encode) and callable(edition.load)
    assert (Path(edition.__file__).parent / "py.typed").exists()
    from edition.encode.header import build_header  # the encoding stage is still a package

    assert callable(build_header)


def test_encode_takes_text_or_a_file_and_refuses_unknown_options(tmp_path):
    text = "SMITH: Hello.\nJONES: Good day.\n"
    ed = edition.encode(text)
    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    assert edition.encode(str(tmp_path / "t.txt")).text() == ed.text() == text
    with pytest.raises(TypeError, match="unknown option.*titel"):
        edition.encode(text, titel="Typo")


def test_exports_come_back_as_text_bytes_or_files():
    ed = edition.encode("SMITH: Hello.\nJONES: Good day.\n")
    assert isinstance(ed.export("txt"), str) and isinstance(ed.export("csv"), str)
    assert ed.export("dracor").startswith(b"<?xml") and ed.export("parla-clarin").startswith(b"<?xml")
    assert set(ed.export("parlamint", sitting_date="2001-02-03")) == {"ParlaMint-XX.xml", "ParlaMint-XX_2001-02-03.xml"}
    with pytest.raises(ValueError, match="unknown format"):
        ed.export("docx")


def test_load_is_as_safe_as_the_cli(tmp_path):
    with pytest.raises(XMLInputError):
        edition.load(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><TEI>&e;</TEI>')
    ed = edition.load(ROOT / "tei" / "march-1917.xml")
    assert ed.name == "march-1917" and ed.to_bytes() == (ROOT / "tei" / "march-1917.xml").read_bytes()


RUN_EXAMPLES = """
import re, sys
from pathlib import Path
import edition
doc, root = Path(sys.argv[1]), Path(sys.argv[2])
assert "site-packages" in edition.__file__, edition.__file__
namespace = {"ROOT": root, "__name__": "docs_api"}
blocks = re.findall(r"^```python\\n(.*?)^```", doc.read_text(encoding="utf-8"), re.S | re.M)
for n, block in enumerate(blocks, 1):
    exec(compile(block, f"docs/api.md (example {n})", "exec"), namespace)
print(f"{len(blocks)} examples ran")
"""


@pytest.mark.slow
def test_a_wheel_in_a_clean_virtualenv_runs_the_examples(tmp_path):
    """Build the wheel, install it (and its dependencies, from the configured index) into a new
    virtualenv, and run docs/api.md's examples there, outside the checkout."""
    import subprocess
    import sys

    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(wheels)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr
    wheel = next(wheels.glob("tei_transcript_edition-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True, timeout=900
    )
    if installed.returncode != 0:
        pytest.skip(f"the dependencies cannot be installed here: {installed.stderr.strip()[-300:]}")
    work = tmp_path / "work"
    work.mkdir()
    run = subprocess.run(
        [str(python), "-c", RUN_EXAMPLES, str(API_DOC), str(ROOT)],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert f"{len(examples())} examples ran" in run.stdout
