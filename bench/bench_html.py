"""Benchmark of the HTML edition, side by side in one run: this checkout, an earlier revision of
the toolkit, and the TEI Stylesheets' teitohtml on saxonche (the anchor of issue 18).

    .venv/bin/python bench/bench_html.py [--before REV] [--tei-stylesheets DIR] [--runs N]

Every figure is one fresh process (Python started, stylesheet compiled, document read, site
written), measured by the operating system: processor time (user + system) and peak resident
memory of that process alone (os.wait4). Processor time is the figure to compare: the machine is
shared, wall time is not (issue 18: "CPU time side by side").

Documents: the showcase (254 KB); the showcase's body repeated 96 times (15.1 MB, the "15 MB
TEI"); synthetic editions of 2,000 and 20,000 turns each with a note (linearity: 10× the turns
should cost about 10×). Made by bench/big_tei.py.

The anchor: a checkout of the TEI Stylesheets (`git clone https://github.com/TEIC/Stylesheets`),
its `profiles/default/html/to.xsl` (what `teitohtml` runs) on the same saxonche, no parameters.
They are not on PyPI or in Debian, so they are not installed by the project; without
--tei-stylesheets (or $TEI_STYLESHEETS) the anchor column says so. The anchor also reports how
much of its processor time went to compiling the stylesheets and how much to the transform.

Targets (issue 18): the HTML ≤ 0.5× teitohtml's time on the showcase and on the 15 MB TEI;
20,000 turns and notes linear. Measured against the anchor on 2026-12-05 (bench/RESULTS.md, "All
together after the second integration"): 1.13× on the showcase, 1.33× on the 15 MB TEI — not
met; on the showcase the toolkit's fixed cost before its first page is already 87 % of half
teitohtml's run.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from big_tei import SHOWCASE, scaled_showcase, synthetic  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

#: One site built in a fresh process: the toolkit of `root` (a checkout or an exported revision).
TOOLKIT = """
import sys; sys.path.insert(0, sys.argv[1])
from pathlib import Path
from edition.render.html import render_html
render_html(Path(sys.argv[2]), Path(sys.argv[3]))
"""

#: The anchor: the TEI Stylesheets' HTML profile on saxonche, written to a folder. It reports on
#: stderr the processor time its compile and its transform took (this process's clock, which
#: counts saxonche's native threads), so the HTML work knows where teitohtml's time goes.
ANCHOR = """
import sys, time
from saxonche import PySaxonProcessor
proc = PySaxonProcessor(license=False)
t0 = time.process_time()
exe = proc.new_xslt30_processor().compile_stylesheet(stylesheet_file=sys.argv[1])
t1 = time.process_time()
exe.set_base_output_uri("file://" + sys.argv[3] + "/")
exe.transform_to_file(source_file=sys.argv[2], output_file=sys.argv[3] + "/index.html")
t2 = time.process_time()
print(f"compile {t1 - t0:.2f} transform {t2 - t1:.2f}", file=sys.stderr)
"""


def measure(code: str, *args: str) -> tuple[float, float, float, str]:
    """(processor seconds, peak MB, wall seconds, last line on stderr) of one process running `code`."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{args}: {err.strip()[-500:]}")
    said = err.strip().splitlines()
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, wall, said[-1] if said else ""


def best(runs: int, code: str, *args: str, out: Path) -> tuple[float, float, float, str]:
    results = []
    for i in range(runs):
        folder = out.parent / f"{out.name}-{i}"
        if code is ANCHOR:  # the toolkit makes its own folder
            folder.mkdir(parents=True, exist_ok=True)
        results.append(measure(code, *args, str(folder)))
    return min(results)


def export(rev: str, into: Path) -> Path:
    """The toolkit (edition/ and xslt/) as it was at `rev`."""
    data = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "edition", "xslt"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def machine() -> str:
    load = os.getloadavg()
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"CPython {platform.python_version()}, load {load[0]:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="", help="an earlier revision to compare with (e.g. main)")
    parser.add_argument(
        "--tei-stylesheets",
        default=os.environ.get("TEI_STYLESHEETS", ""),
        help="a checkout of the TEI Stylesheets, for the teitohtml anchor",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each small document (best taken)")
    parser.add_argument("--only", choices=("showcase", "big", "linear"), action="append")
    args = parser.parse_args()
    anchor = Path(args.tei_stylesheets) / "profiles" / "default" / "html" / "to.xsl" if args.tei_stylesheets else None
    if anchor and not anchor.is_file():
        sys.exit(f"{anchor}: not found (give a checkout of the TEI Stylesheets)")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        docs = {}
        only = set(args.only or ("showcase", "big", "linear"))
        if "showcase" in only:
            docs["showcase"] = (SHOWCASE, args.runs)
        if "big" in only:
            (tmp / "showcase-96.xml").write_bytes(scaled_showcase(96))
            docs["showcase ×96"] = (tmp / "showcase-96.xml", 1)
        if "linear" in only:
            for n in (2_000, 20_000):
                (tmp / f"synthetic-{n}.xml").write_bytes(synthetic(n))
                docs[f"{n:,} turns + notes"] = (tmp / f"synthetic-{n}.xml", 1 if n > 2_000 else args.runs)
        tools = {"now": ROOT}
        if args.before:
            tools[f"before ({args.before})"] = export(args.before, tmp / "before")
        rows = []
        for label, (path, runs) in docs.items():
            row = {"doc": label, "MB": path.stat().st_size / 1e6}
            for tool, root in tools.items():
                row[tool] = best(runs, TOOLKIT, str(root), str(path), out=tmp / "out" / f"{tool[:6]}-{label[:5]}")
            if anchor:
                row["anchor"] = best(runs, ANCHOR, str(anchor), str(path), out=tmp / "out" / f"anchor-{label[:5]}")
            rows.append(row)
            print(
                f"{label}: "
                + "; ".join(f"{k} {v[0]:.2f} s CPU, {v[1]:.0f} MB" for k, v in row.items() if isinstance(v, tuple)),
                file=sys.stderr,
            )

    print(f"machine: {machine()}; {time.strftime('%Y-%m-%d')}")
    cols = list(tools) + (["teitohtml"] if anchor else [])
    print(
        "| document | MB | "
        + " | ".join(f"{c}: CPU s / peak MB" for c in cols)
        + (" | now ÷ teitohtml" if anchor else "")
        + (" | now ÷ before" if args.before else "")
        + " |"
    )
    print("|---|---:|" + "---:|" * (len(cols) + bool(anchor) + bool(args.before)))
    for row in rows:
        cells = [f"{row[t][0]:.2f} / {row[t][1]:.0f}" for t in tools]
        if anchor:
            cells.append(f"{row['anchor'][0]:.2f} / {row['anchor'][1]:.0f}")
            cells.append(f"{row['now'][0] / row['anchor'][0]:.2f}×")
        if args.before:
            before = next(t for t in tools if t.startswith("before"))
            cells.append(f"{row['now'][0] / row[before][0]:.2f}×")
        print(f"| {row['doc']} | {row['MB']:.2f} | " + " | ".join(cells) + " |")
    for row in rows:
        if anchor:  # where teitohtml's time goes; the rest is starting Python and loading saxonche
            print(f"teitohtml on {row['doc']}: {row['anchor'][3]} s processor, of {row['anchor'][0]:.2f} s")
    linear = [r for r in rows if "turns" in r["doc"]]
    if len(linear) == 2:
        for tool in list(tools) + (["anchor"] if anchor else []):
            print(
                f"linearity ({'teitohtml' if tool == 'anchor' else tool}): 20,000 / 2,000 turns = "
                f"{linear[1][tool][0] / linear[0][tool][0]:.1f}× the processor time for 10× the turns and notes"
            )
    if not anchor:
        print(
            "teitohtml: not measured — the TEI Stylesheets are not installed here (not on PyPI or in "
            "Debian); give a checkout with --tei-stylesheets DIR"
        )


if __name__ == "__main__":
    main()
