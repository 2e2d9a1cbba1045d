"""`edition suspects`: its TSV goes into corrections.tsv as it is, and every row applies."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from edition import api
from edition.cli import main
from edition.settings import EncodeSettings
from edition.xmlio import NS

TEXTS = [
    # (name, transcript): the suspects sit next to what a TSV cell or a context cannot hold
    ("tab-before", "SMITH: The\tcontradicticn of the Soviet.\n"),
    ("tab-after", "SMITH: The contradicticn\tof the Soviet.\n"),
    ("line-end-before", "SMITH: Yes.\ncontradicticn here.\n"),
    ("control-near", "SMITH: The\x0ccontradicticn\x0bof it.\n"),
    ("split-word-by-tab", "SMITH: Soviet of\tDep uties.\n"),
]


@pytest.mark.parametrize("text", [t for _, t in TEXTS], ids=[n for n, _ in TEXTS])
def test_the_suspects_tsv_round_trips_into_corrections(tmp_path, text):
    src = tmp_path / "t.txt"
    src.write_bytes(text.encode("utf-8"))
    result = CliRunner().invoke(main, ["suspects", str(src)])
    assert result.exit_code == 0, result.output
    rows = result.output.rstrip("\n").split("\n")
    assert len(rows) > 1  # the header and a suspect at least
    assert all(len(row.split("\t")) == 5 for row in rows), rows
    assert not [row for row in rows if any(ord(c) < 32 and c != "\t" for c in row)]  # cells hold no controls
    (tmp_path / "corrections.tsv").write_text(result.output, encoding="utf-8")
    encoded = api.encode(EncodeSettings(source=src, corrections=tmp_path / "corrections.tsv"))
    assert not [d for d in encoded.diagnostics.items if d.code in ("W110", "W112")]
    corrs = encoded.root.xpath("//tei:choice/tei:corr/text()", namespaces=NS)
    assert corrs and encoded.stats["corrections"] == len(rows) - 1
