"""Every transcript's reading (kind, rule and speaker of each paragraph) against its reviewed
golden file in tests/gold/structure/; regenerate after review with
`.venv/bin/python scripts/golden_structure.py --update`."""

from __future__ import annotations

import difflib
import importlib.util

import pytest

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("golden_structure", ROOT / "scripts" / "golden_structure.py")
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)


@pytest.mark.parametrize("source", golden.transcripts(), ids=lambda p: p.name)
def test_reading_is_the_reviewed_one(source):
    path = golden.golden_path(source)
    assert path.exists(), f"no golden reading for {source.name}: run scripts/golden_structure.py --update"
    before, now = path.read_text(encoding="utf-8"), golden.reading(source)
    if now != before:
        diff = "".join(
            list(difflib.unified_diff(before.splitlines(True), now.splitlines(True), path.name, "now", n=1))[:80]
        )
        pytest.fail(
            f"the converter reads {source.name} differently now:\n{diff}\nIf the change is "
            "right, run .venv/bin/python scripts/golden_structure.py --update and commit the diff"
        )


def test_a_changed_reading_is_shown_as_a_diff(tmp_path, monkeypatch):
    case = golden.transcripts()[0]
    monkeypatch.setattr(golden, "GOLDEN", tmp_path)
    golden.golden_path(case).write_text("line\tkind\trule\twho\texcerpt\n", encoding="utf-8")
    monkeypatch.setattr("sys.argv", ["golden_structure.py", "--only", case.name])
    assert golden.main() == 1
    monkeypatch.setattr("sys.argv", ["golden_structure.py", "--only", case.name, "--update"])
    assert golden.main() == 0 and golden.golden_path(case).read_text(encoding="utf-8") == golden.reading(case)
