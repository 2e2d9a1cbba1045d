"""Writing outputs (edition/files.py): modes, umask, folder swaps."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from edition import files


def _real_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_the_umask_is_read_without_setting_it(tmp_path, monkeypatch):
    """os.umask sets the mask of the whole process to read it: a thread writing a file meanwhile
    (a Dask worker's other thread) would create it with mode 0666. The mask is read, not set."""
    expected = 0o666 & ~_real_umask()
    out = tmp_path / "out.txt"

    def refuse(mask):
        raise AssertionError(f"os.umask({mask:o}) called from {threading.current_thread().name}")

    monkeypatch.setattr(os, "umask", refuse)
    files.write_atomic(out, b"x")
    assert out.stat().st_mode & 0o777 == expected


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_the_umask_follows_changes(tmp_path):
    old = os.umask(0o027)
    try:
        files.write_atomic(tmp_path / "a", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "a").stat().st_mode & 0o777 == 0o640
