"""Every stage, on the showcase and on editions and corpora 10× and 100× its size; -j 2 against -j 1.

    .venv/bin/python bench/bench_stages.py [--quick] [--write]

Each stage runs as the `edition` command a user would type (so a cold process, schemas from the
cache), one after another on an otherwise idle machine:

* one document — the showcase, and a synthetic edition of 10× and 100× its transcript (its own
  sessions repeated): encode, validate, html, pdf (not at 100×: four thousand pages say nothing
  the 10× does not), and every export;
* a corpus — 10 and 100 copies of the showcase TEI — built into HTML and JSON with -j 1 and -j 2,
  then rebuilt unchanged (the incremental case).

`--write` replaces the results section of bench/RESULTS.md with this run's table and machine.
Timings on shared machines are noisy: compare the ratios within one run.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_encode import synthetic  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EDITION = str(Path(sys.executable).with_name("edition"))
SHOWCASE = ROOT / "tei" / "sources" / "march-1917"
EXPORTS = ("txt", "md", "json", "csv", "parlamint", "epub")


PEAK: dict[tuple[str, ...], float] = {}


def run(*args: str) -> float:
    """Seconds of one `edition` command; its peak memory (the largest of its processes, read by
    GNU time) is kept in PEAK."""
    timer = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").exists() else []
    t = time.perf_counter()
    done = subprocess.run([*timer, EDITION, *args], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - t
    if done.returncode not in (0,):
        raise SystemExit(f"edition {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    if timer:
        PEAK[args] = int(done.stderr.strip().splitlines()[-1]) / 1024
    return elapsed


def document_stages(tmp: Path, scale: int, pdf: bool) -> dict[str, float]:
    """Seconds of each stage on the showcase (scale 1) or a synthetic edition `scale` times its size."""
    work = tmp / f"x{scale}"
    work.mkdir()
    src = work / "transcript.txt"
    original = (SHOWCASE / "march-1917-conference.txt").read_bytes()
    src.write_bytes(original if scale == 1 else synthetic(len(original) * scale))
    tei = work / "edition.xml"
    times = {
        "encode": run(
            "encode",
            str(src),
            "-o",
            str(tei),
            "-q",
            "--label-style",
            "colon",
            "--layout",
            "lines",
            "--register",
            str(ROOT / "tei" / "march-1917-register.xml"),
        )
    }
    times["validate"] = run("validate", str(tei))
    times["html"] = run("html", str(tei), "-o", str(work / "site"), "-q")
    if pdf:
        times["pdf"] = run("pdf", str(tei), "-o", str(work / "book.pdf"), "-q")
    for fmt in EXPORTS:
        times[f"export {fmt}"] = run("export", str(tei), "--to", fmt, "-o", str(work / f"out.{fmt}"), "-q")
    times["_mb"] = src.stat().st_size / 1e6
    return times


def corpus_builds(tmp: Path, copies: int) -> dict[str, float]:
    folder = tmp / f"corpus{copies}"
    folder.mkdir()
    showcase = (ROOT / "tei" / "march-1917.xml").read_bytes()
    for n in range(copies):
        (folder / f"minutes-{n:03d}.xml").write_bytes(showcase)
    times = {}
    for jobs in (1, 2):
        out = tmp / f"out{copies}-j{jobs}"
        args = ("build", str(folder), "-o", str(out), "--to", "html,json", "-j", str(jobs), "-q")
        times[f"-j {jobs}"] = run(*args)
        if PEAK:
            times[f"-j {jobs}: peak MB of one process"] = PEAK[args]
        if jobs == 2:
            times["rebuild, unchanged"] = run(
                "build", str(folder), "-o", str(out), "--to", "html,json", "-j", str(jobs), "-q"
            )
    return times


def machine() -> str:
    cpus = os.cpu_count()
    mem = ""
    try:
        meminfo = Path("/proc/meminfo").read_text().splitlines()
        kb = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB"
    except (OSError, StopIteration, ValueError):
        pass
    return (
        f"{platform.machine()}, {cpus} cores{mem}, {platform.system()} {platform.release()}, "
        f"{platform.python_implementation()} {platform.python_version()}"
    )


def table(docs: dict[int, dict[str, float]], corpora: dict[int, dict[str, float]]) -> str:
    scales = sorted(docs)
    stages = [s for s in docs[scales[0]] if not s.startswith("_")]
    lines = [
        "| stage | "
        + " | ".join(f"{'showcase' if s == 1 else f'{s}×'} ({docs[s]['_mb']:.2f} MB)" for s in scales)
        + " |",
        "|---|" + "---:|" * len(scales),
    ]
    for stage in stages:
        cells = [f"{docs[s][stage]:.2f} s" if stage in docs[s] else "—" for s in scales]
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "| corpus (HTML + JSON) | " + " | ".join(f"{n} files" for n in sorted(corpora)) + " |",
        "|---|" + "---:|" * len(corpora),
    ]
    for key in corpora[min(corpora)]:
        unit = " MB" if "MB" in key else " s"
        lines.append(
            f"| {key} | "
            + " | ".join(f"{corpora[n][key]:.{0 if unit == ' MB' else 1}f}{unit}" for n in sorted(corpora))
            + " |"
        )
    speedups = " and ".join(f"{corpora[n]['-j 1'] / corpora[n]['-j 2']:.2f}× for {n} files" for n in sorted(corpora))
    lines += ["", f"-j 2 against -j 1: {speedups}."]
    return "\n".join(lines)


def main() -> None:
    quick = "--quick" in sys.argv
    scales = (1, 10) if quick else (1, 10, 100)
    copies = (10,) if quick else (10, 100)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        docs = {s: document_stages(tmp, s, pdf=s <= 10) for s in scales}
        corpora = {n: corpus_builds(tmp, n) for n in copies}
        shutil.rmtree(tmp, ignore_errors=True)
    result = f"Measured {time.strftime('%Y-%m-%d')} on {machine()}.\n\n{table(docs, corpora)}\n"
    print(result)
    if "--write" in sys.argv:
        path = Path(__file__).with_name("RESULTS.md")
        head = path.read_text().split("<!-- stages -->")[0] if path.exists() else ""
        path.write_text(head + "<!-- stages -->\n" + result)


if __name__ == "__main__":
    main()
