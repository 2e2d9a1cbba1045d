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


def test_a_replaced_output_keeps_its_mode(tmp_path):
    out = tmp_path / "private.txt"
    out.write_bytes(b"old")
    out.chmod(0o600)
    files.write_atomic(out, b"new")
    assert out.read_bytes() == b"new" and out.stat().st_mode & 0o777 == 0o600


def test_a_replaced_folder_keeps_its_mode(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    site.chmod(0o700)
    with files.staged_folder(site) as staging:
        (staging / "index.html").write_text("new")
    assert site.stat().st_mode & 0o777 == 0o700 and (site / "index.html").read_text() == "new"


def test_a_folder_given_as_a_symlink_leaves_nothing_behind(tmp_path):
    """A site given as a symlink: the link is replaced by the new site (as a file output given as
    a symlink is), the folder it pointed to is left as it was, and no `.site.PID.old` remains."""
    real = tmp_path / "real"
    real.mkdir()
    (real / "old.html").write_text("old")
    link = tmp_path / "site"
    link.symlink_to(real)
    with files.staged_folder(link) as staging:
        (staging / "index.html").write_text("new")
    assert not link.is_symlink() and (link / "index.html").read_text() == "new"
    assert (real / "old.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["real", "site"]


def test_writers_racing_for_one_folder_each_succeed_and_the_last_stays(tmp_path):
    """Threads of a corpus build (or two runs) writing the same site: no writer fails because
    another's folder landed between its two renames, and nothing is left beside the target."""
    target = tmp_path / "site"
    failures: list[BaseException] = []
    start = threading.Barrier(8)

    def write(n: int) -> None:
        start.wait()
        for round_ in range(25):
            try:
                with files.staged_folder(target) as staged:
                    (staged / "writer.txt").write_text(f"{n}-{round_}")
            except BaseException as exc:  # noqa: BLE001 — collected for the assertion
                failures.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert [p.name for p in target.iterdir()] == ["writer.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
