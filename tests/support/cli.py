"""Running `edition export` on an input it must refuse, the same way for every format."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from edition.cli import main


def refused_export(src: Path, fmt: str, out: Path) -> str:
    """Export `src`; check the refusal is one E003 line with exit 3 and that nothing was written
    beside the input. Return the line, for the caller's checks of what it says."""
    result = CliRunner().invoke(main, ["export", str(src), "--to", fmt, "-o", str(out)])
    assert result.exit_code == 3, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("edition: error[E003]"), result.output
    assert "Traceback" not in result.output and not out.exists()
    assert sorted(p.name for p in src.parent.iterdir()) == [src.name]
    return lines[0]
