"""The fuzz corpus: the most varied of the generated transcripts, encoded on every run.

`tests/fuzz/transcripts.jsonl.gz` is written by `scripts/fuzz_transcripts.py --keep` (one JSON
object a line: `text`, and `corrections`, the corrections file's text or null). Each must encode
losslessly (the encoder's own check, E900) or be refused with a message; none may end in an
internal error; the TEI made must be valid; a few go through the command line as well.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from edition.api import encode_source
from edition.errors import EditionError, InvariantError
from edition.settings import EncodeSettings
from edition.text import diplomatic
from edition.transcript.read import decode_source
from edition.validate import validate_data

from conftest import ROOT

CORPUS = ROOT / "tests" / "fuzz" / "transcripts.jsonl.gz"
#: Errors a generated transcript may rightly leave in its TEI: a session heading that gives no
#: date (the source does not say it; the editor adds it, and the validator says so).
FROM_THE_SOURCE = {"E303"}


def _corpus() -> list[dict]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _settings(record: dict, folder: Path) -> EncodeSettings:
    if record["corrections"] is None:
        return EncodeSettings()
    path = folder / "corrections.tsv"
    path.write_text(record["corrections"], encoding="utf-8")
    return EncodeSettings(corrections=path)


def test_the_corpus_is_varied_and_small():
    records = _corpus()
    assert len(records) >= 900 and CORPUS.stat().st_size < 400_000
    assert len({r["text"] for r in records}) == len(records)


@pytest.mark.slow
def test_every_input_encodes_losslessly_and_validly(tmp_path):
    made: list[tuple[str, bytes]] = []
    refused = 0
    for i, record in enumerate(_corpus()):
        settings = _settings(record, tmp_path)
        try:
            source = decode_source(record["text"].encode("utf-8"), f"fuzz-{i}.txt")
            result = encode_source(source, settings)
        except InvariantError as exc:  # E900: text lost
            pytest.fail(f"input {i}: {exc}\n{record!r}")
        except EditionError:
            refused += 1  # refused with a message: fine
            continue
        assert diplomatic(result.root) == source.text, f"input {i}"
        made.append((f"fuzz-{i}.xml", result.to_bytes()))
    assert refused < len(made) / 10
    report = validate_data(made)
    errors = [
        d.format()
        for f in report.files
        for d in f.diagnostics
        if d.severity == "error" and d.code not in FROM_THE_SOURCE
    ]
    assert errors == []


@pytest.mark.parametrize("index", [0, 250, 500, 750, 999])
def test_the_command_line_never_ends_in_an_internal_error(tmp_path, index):
    records = _corpus()
    record = records[index % len(records)]
    source = tmp_path / "fuzz.txt"
    source.write_bytes(record["text"].encode("utf-8"))
    args = [sys.executable, "-m", "edition", "encode", str(source), "-o", str(tmp_path / "out.xml")]
    if record["corrections"] is not None:
        _settings(record, tmp_path)
        args += ["--corrections", str(tmp_path / "corrections.tsv")]
    run = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert run.returncode in (0, 3, 4), run.stderr
    assert "Traceback" not in run.stderr
