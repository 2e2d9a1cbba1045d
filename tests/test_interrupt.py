"""Interrupted and killed builds: the previous output survives, nothing half-written remains."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from edition.files import staged_file, write_atomic

from conftest import CASES, ROOT

SHOWCASE = ROOT / "tei" / "march-1917.xml"


def _start_pdf(out: Path, tei: Path = SHOWCASE) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "edition", "pdf", str(tei), "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def long_book(tmp_path_factory) -> Path:
    """The showcase's text six times over (ids made unique): a book Typst takes longer than the
    test's three seconds to set (the showcase alone may be done by then)."""
    from lxml import etree

    from edition.xmlio import NS, XML_ID

    tree = etree.parse(str(SHOWCASE))
    body = tree.find(".//tei:text/tei:body", NS)
    divs = list(body)
    for n in range(2, 7):
        for div in divs:
            copy = etree.fromstring(etree.tostring(div))
            for el in copy.iter():
                if el.get(XML_ID):
                    el.set(XML_ID, f"{el.get(XML_ID)}-{n}")
            body.append(copy)
    path = tmp_path_factory.mktemp("long") / "long.xml"
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    return path


def _previous(tmp_path: Path) -> tuple[Path, bytes]:
    out = tmp_path / "book.pdf"
    out.write_bytes(b"%PDF-1.7 the previous edition\n")
    return out, out.read_bytes()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name)
@pytest.mark.slow
def test_a_build_killed_mid_pdf_leaves_the_previous_pdf(tmp_path, sig, long_book):
    out, before = _previous(tmp_path)
    proc = _start_pdf(out, long_book)
    time.sleep(3.0)  # inside the layout of the book
    assert proc.poll() is None, "the PDF finished before the signal; the test needs a longer book"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["book.pdf"]
    if sig != signal.SIGKILL:
        assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err


def test_staging_left_by_a_killed_run_is_removed_by_the_next(tmp_path):
    out = tmp_path / "book.xml"
    dead = 2**22 + 12345  # no such process
    while True:
        try:
            os.kill(dead, 0)
            dead += 1
        except ProcessLookupError:
            break
    stale = tmp_path / f".book.xml.{dead}.abcd"
    stale.write_bytes(b"half a file")
    write_atomic(out, b"<TEI/>")
    assert out.read_bytes() == b"<TEI/>" and not stale.exists()


def test_a_failure_while_writing_keeps_the_old_file(tmp_path):
    out = tmp_path / "book.xml"
    out.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with staged_file(out) as staged:
            staged.write_bytes(b"new, half")
            raise RuntimeError("disk full, say")
    assert out.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["book.xml"]


def test_a_full_disk_is_reported(tmp_path, monkeypatch):
    """ENOSPC while writing: a clear error (exit 5), the old output intact, no staging left."""
    from click.testing import CliRunner

    from edition import files
    from edition.cli import main

    out = tmp_path / "out.xml"
    out.write_bytes(b"old")

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    result = CliRunner().invoke(main, ["encode", str(CASES / "play" / "input.txt"), "-o", str(out), "--force"])
    assert result.exit_code == 5 and "No space left on device" in result.output
    assert out.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["out.xml"]
