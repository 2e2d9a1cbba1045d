"""Corpus builds: many inputs, in parallel, incrementally, one failure reported without stopping
the others — here and on a Dask cluster on loopback."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from edition import corpus
from edition.corpus.local import run_locally

from conftest import CASES
from support.crashing import dies_on_poison, stuck_on_stuck

MINIMAL = (CASES / "valid" / "minimal.xml").read_bytes()


def _corpus(folder: Path, good: int = 3, bad: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(good):
        (folder / f"doc{n}.xml").write_bytes(MINIMAL.replace(b"</div>", f"<p>Text {n}.</p></div>".encode()))
    if bad:
        (folder / "broken.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><oops")
    return folder


def _build(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "edition", "build", *args], capture_output=True, text=True, timeout=600
    )


@pytest.mark.slow
def test_a_failing_file_is_reported_and_the_others_are_built(tmp_path):
    src, out = _corpus(tmp_path / "corpus"), tmp_path / "out"
    run = _build(str(src), "-o", str(out), "--to", "html", "-j", "2")
    assert run.returncode == 1
    assert "broken.xml  failed" in run.stderr and "malformed XML" in run.stderr
    assert "4 inputs: 3 built, 0 unchanged, 1 failed" in run.stderr
    assert "Traceback" not in run.stderr
    for n in range(3):
        assert (out / f"doc{n}" / "html" / "index.html").is_file()
    assert not (out / "broken").exists()
    table = (out / "build-summary.tsv").read_text().splitlines()
    assert table[0].startswith("input\tresult") and len(table) == 5


@pytest.mark.slow
def test_unchanged_inputs_are_skipped_and_changed_ones_rebuilt(tmp_path):
    src, out = _corpus(tmp_path / "corpus", bad=False), tmp_path / "out"
    assert _build(str(src), "-o", str(out), "-q").returncode == 0
    again = _build(str(src), "-o", str(out))
    assert "3 inputs: 0 built, 3 unchanged" in again.stderr
    (src / "doc1.xml").write_bytes((src / "doc1.xml").read_bytes() + b"\n")  # content changed
    shutil.rmtree(out / "doc2" / "html")  # an output deleted
    third = _build(str(src), "-o", str(out))
    assert "3 inputs: 2 built, 1 unchanged" in third.stderr
    assert "doc0.xml  unchanged" in third.stderr
    forced = _build(str(src), "-o", str(out), "--force")
    assert "3 inputs: 3 built" in forced.stderr


@pytest.mark.slow
def test_other_outputs_and_validation(tmp_path):
    src, out = _corpus(tmp_path / "corpus", good=1, bad=False), tmp_path / "out"
    (src / "foreign.xml").write_bytes(MINIMAL.replace(b"<p>", b"<p rend='x' bogus='1'>", 1))
    run = _build(str(src), "-o", str(out), "--to", "html,pdf", "--schema", "edition")
    assert "foreign.xml  failed" in run.stderr and "does not validate against edition" in run.stderr
    assert (out / "doc0" / "doc0.pdf").is_file() and (out / "doc0" / "html" / "index.html").is_file()


@pytest.mark.slow
def test_editions_and_files_named_one_by_one(tmp_path):
    ed = tmp_path / "eds" / "smith"
    ed.mkdir(parents=True)
    (ed / "t.txt").write_text("SMITH: Hello.\nJONES: Good day.\n")
    (ed / "edition.toml").write_text('[edition]\nid = "t"\nsource = "t.txt"\noutput = "t.xml"\nlabel-style = "colon"\n')
    tei = _corpus(tmp_path / "loose", good=1, bad=False) / "doc0.xml"
    listing = tmp_path / "list.txt"
    listing.write_text(f"{tei}\n")
    run = _build(str(tmp_path / "eds"), "--files-from", str(listing), "-o", str(tmp_path / "out"))
    assert run.returncode == 0, run.stderr
    assert "2 inputs: 2 built" in run.stderr
    assert (ed / "t.xml").is_file()
    assert (tmp_path / "out" / "doc0" / "html" / "index.html").is_file()


def test_plan_refuses_what_it_cannot_build(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for side in "ab":
        (tmp_path / side / "same.xml").write_bytes(MINIMAL)
    with pytest.raises(corpus.UsageError, match="same folder"):
        corpus.plan([tmp_path / "a" / "same.xml", tmp_path / "b" / "same.xml"], tmp_path / "out")
    with pytest.raises(corpus.UsageError, match="unknown output"):
        corpus.plan([tmp_path / "a"], tmp_path / "out", outputs=("docx",))
    with pytest.raises(corpus.UsageError, match="no such"):
        corpus.plan([tmp_path / "nowhere"], tmp_path / "out")
    jobs = corpus.plan([tmp_path], tmp_path / "out")
    assert [j.slug for j in jobs] == ["a/same", "b/same"]  # a folder keeps them apart


@pytest.mark.slow
def test_a_worker_that_dies_fails_its_file_only(tmp_path):
    src = _corpus(tmp_path / "corpus", bad=False)
    (src / "poison.xml").write_bytes(MINIMAL)
    jobs = corpus.plan([src], tmp_path / "out")
    seen = []
    run_locally(jobs, 2, seen.append, work=dies_on_poison)
    status = {o.input.name: o.status for o in seen}
    assert status == {"doc0.xml": "built", "doc1.xml": "built", "doc2.xml": "built", "poison.xml": "failed"}
    assert "worker process stopped" in next(o.message for o in seen if o.status == "failed")


@pytest.mark.slow
def test_the_same_build_runs_on_a_dask_cluster(tmp_path):
    distributed = pytest.importorskip("distributed", reason="Dask distributed is not installed")
    src, out = _corpus(tmp_path / "corpus"), tmp_path / "out"
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        run = _build(str(src), "-o", str(out), "--scheduler", cluster.scheduler_address)
    assert run.returncode == 1, run.stderr
    assert "4 inputs: 3 built, 0 unchanged, 1 failed" in run.stderr
    assert (out / "doc2" / "html" / "index.html").is_file()


@pytest.mark.slow
def test_an_unreachable_scheduler_is_a_clear_error(tmp_path):
    pytest.importorskip("distributed", reason="Dask distributed is not installed")
    src = _corpus(tmp_path / "corpus", good=1, bad=False)
    run = _build(str(src), "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9")
    assert run.returncode == 2 and "cannot reach the Dask scheduler" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.slow
def test_a_build_never_reads_its_own_outputs(tmp_path, monkeypatch):
    """`edition build .` three times: the outputs of one run (the TEI copied into each site, the
    ParlaMint .xml, the build folder) are not inputs of the next."""
    src = _corpus(tmp_path / "corpus", good=2, bad=False)
    monkeypatch.chdir(src)
    for _ in range(3):
        run = subprocess.run(
            [sys.executable, "-m", "edition", "build", ".", "--to", "html,parlamint"],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=src,
        )
        assert run.returncode == 0, run.stderr
        assert "2 inputs:" in run.stderr, run.stderr
    # outputs in another folder, built from the same place, are not read either
    other = subprocess.run(
        [sys.executable, "-m", "edition", "build", ".", "-o", "elsewhere"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=src,
    )
    assert "2 inputs:" in other.stderr, other.stderr
    again = subprocess.run(
        [sys.executable, "-m", "edition", "build", ".", "-o", "elsewhere"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=src,
    )
    assert "2 inputs: 0 built, 2 unchanged" in again.stderr, again.stderr


@pytest.mark.slow
def test_an_editions_built_tei_is_not_an_input(tmp_path):
    eds = tmp_path / "eds"
    for name in ("a", "b"):
        (eds / name).mkdir(parents=True)
        (eds / name / "t.txt").write_text("SMITH: Hello.\nJONES: Good day.\n")
        (eds / name / "edition.toml").write_text('[edition]\nid = "t"\nsource = "t.txt"\noutput = "t.xml"\n')
    for _ in range(2):
        assert [j.input.name for j in corpus.plan([eds], tmp_path / "out")] == ["edition.toml"] * 2
        assert _build(str(eds), "-o", str(tmp_path / "out"), "-q").returncode == 0
    assert [j.input.name for j in corpus.plan([eds / "a" / "t.xml", eds], tmp_path / "out")] == ["edition.toml"] * 2


def _descendants(pid: int) -> set[int]:
    """The processes started by `pid`, and theirs (read off /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _hanging(folder: Path, name: str = "hang.xml") -> Path:
    """A TEI file that never ends: a FIFO nobody writes to."""
    fifo = folder / name
    os.mkfifo(fifo)
    return fifo


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.slow
def test_workers_die_with_a_killed_build(tmp_path):
    src = _corpus(tmp_path / "corpus", good=2, bad=False)
    _hanging(src)
    build = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "edition",
            "build",
            str(src),
            "-o",
            str(tmp_path / "out"),
            "-j",
            "2",
            "--job-timeout",
            "600",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        workers: set[int] = set()
        while time.monotonic() < deadline and len(workers) < 2:  # the pool's two workers, at least
            time.sleep(0.2)
            workers = _descendants(build.pid)
        assert len(workers) >= 2, "the build started no workers"
        time.sleep(3)  # the workers are busy (one on the FIFO)
        workers = _descendants(build.pid)
    finally:
        build.send_signal(signal.SIGKILL)
        build.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.1)
    survivors = [p for p in workers if _alive(p)]
    for p in survivors:
        os.kill(p, signal.SIGKILL)
    assert not survivors, f"{len(survivors)} worker(s) outlived the killed build"


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.slow
def test_a_job_that_hangs_fails_alone_after_the_timeout(tmp_path, jobs):
    src = _corpus(tmp_path / "corpus", good=2, bad=False)
    _hanging(src)
    start = time.monotonic()
    run = _build(str(src), "-o", str(tmp_path / "out"), "-j", jobs, "--job-timeout", "3")
    assert run.returncode == 1, run.stderr
    assert "hang.xml  failed" in run.stderr and "timed out after 3 s" in run.stderr, run.stderr
    assert "3 inputs: 2 built, 0 unchanged, 1 failed" in run.stderr
    assert time.monotonic() - start < 90
    assert (tmp_path / "out" / "doc1" / "html" / "index.html").is_file()
    assert not (tmp_path / "out" / "hang").exists()


@pytest.mark.slow
def test_a_job_stuck_out_of_reach_of_signals_is_ended_by_its_workers_watchdog(tmp_path):
    src = _corpus(tmp_path / "corpus", good=2, bad=False)
    (src / "stuck.xml").write_bytes(MINIMAL)
    jobs = corpus.plan([src], tmp_path / "out", timeout=2)
    seen = []
    run_locally(jobs, 2, seen.append, work=stuck_on_stuck)
    status = {o.input.name: o.status for o in seen}
    assert status == {"doc0.xml": "built", "doc1.xml": "built", "stuck.xml": "failed"}
    assert "timed out after 2 s" in next(o.message for o in seen if o.status == "failed")


def _tree(folder: Path) -> dict[str, bytes]:
    """Every output file under a build folder, by relative path (the build's own records aside)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in (corpus.MANIFEST, "build-summary.tsv")
    }


@pytest.mark.parametrize("outputs", ["txt,md,json,csv", "html,txt,json,csv"])
@pytest.mark.slow
def test_dask_workers_with_several_threads_build_every_output_right(tmp_path, outputs):
    """Jobs run three at a time in the threads of one worker process: the outputs are those of a
    build one job at a time, byte for byte, and have the ordinary modes."""
    distributed = pytest.importorskip("distributed", reason="Dask distributed is not installed")
    src = _corpus(tmp_path / "corpus", good=6, bad=False)
    alone = _build(str(src), "-o", str(tmp_path / "alone"), "--to", outputs)
    assert alone.returncode == 0, alone.stderr
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=3, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        run = _build(
            str(src), "-o", str(tmp_path / "threads"), "--to", outputs, "--scheduler", cluster.scheduler_address
        )
    assert run.returncode == 0, run.stderr
    assert "6 inputs: 6 built" in run.stderr
    expected, got = _tree(tmp_path / "alone"), _tree(tmp_path / "threads")
    assert sorted(got) == sorted(expected)
    assert [name for name in expected if got[name] != expected[name]] == []
    mask = int(
        next(
            line.split()[1] for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("Umask:")
        ),
        8,
    )
    for path in (tmp_path / "threads").rglob("*"):
        if path.name != corpus.MANIFEST:
            assert path.stat().st_mode & 0o777 == (0o777 if path.is_dir() else 0o666) & ~mask, path


def test_the_summary_tsv_neutralises_formulas(tmp_path):
    from edition.corpus.jobs import Outcome
    from edition.corpus.summary import write_summary

    write_summary(tmp_path / "s.tsv", [Outcome(Path("/c/a.xml"), "failed", message="=cmd|' /C calc'!A0")])
    assert (tmp_path / "s.tsv").read_text().splitlines()[1].split("\t")[-1] == "'=cmd|' /C calc'!A0"
