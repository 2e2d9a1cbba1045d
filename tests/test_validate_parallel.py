"""`edition validate -j N`: the same report as one process, a progress bar, a worker's death contained."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from edition.cli import main
from edition.validate import validate
from edition.validate.parallel import validate_parallel

from conftest import CASES, ROOT
from support.crashing import validation_dies_on_poison

pytestmark = pytest.mark.slow  # each test starts a pool of worker processes


@pytest.fixture
def corpus(tmp_path):
    """The catalogue's documents (valid, invalid, refused), a copy of the showcase, in folders."""
    folder = tmp_path / "corpus"
    shutil.copytree(CASES / "invalid", folder / "invalid")
    shutil.copytree(CASES / "valid", folder / "valid")
    shutil.copy(ROOT / "tei" / "march-1917.xml", folder / "march-1917.xml")
    return folder


def test_the_report_is_the_one_of_one_process(corpus, monkeypatch, tmp_path):
    monkeypatch.setenv("EDITION_CACHE_DIR", str(tmp_path / "cache"))
    one = CliRunner().invoke(main, ["validate", str(corpus)])
    two = CliRunner().invoke(main, ["validate", "-j", "2", str(corpus)])
    assert one.exit_code == two.exit_code == 1
    lines_one = one.output.splitlines()
    lines_two = [line for line in two.output.splitlines() if not line.startswith("validating ")]
    assert lines_two[:-1] == lines_one[:-1]  # every diagnostic, in the same order
    assert lines_two[-1].startswith(lines_one[-1] + "; in ") and lines_two[-1].endswith("(-j 2)")
    assert f"validating {len(list(corpus.rglob('*.xml')))} files" in two.output  # the progress bar's label


def test_a_valid_corpus_exits_0(tmp_path):
    for n in range(3):
        shutil.copy(CASES / "valid" / "minimal.xml", tmp_path / f"m{n}.xml")
    result = CliRunner().invoke(main, ["validate", "-j", "2", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "3 files checked against edition and the rules: 3 valid, 0 not valid" in result.output


def test_a_file_that_kills_its_worker_is_the_only_one_reported(corpus):
    shutil.copy(CASES / "valid" / "minimal.xml", corpus / "poison.xml")
    seen = []
    report = validate_parallel([corpus], workers=2, on_file=seen.append, work=validation_dies_on_poison, here=False)
    alone = validate([corpus])
    assert [f.file for f in report.files] == [f.file for f in alone.files]
    assert len(seen) == len(report.files)
    for mine, expected in zip(report.files, alone.files):
        if mine.file.endswith("poison.xml"):
            assert [d.code for d in mine.diagnostics] == ["E105"]
            assert "stopped its worker process" in mine.diagnostics[0].message
        else:
            assert mine.diagnostics == expected.diagnostics, mine.file
