"""Limits: peak memory of encoding a 50 MB transcript and of validating the TEI it gives, and
the time and memory of validating a TEI of a million turns, valid and with one error.

    .venv/bin/python bench/bench_limits.py [MB] [--turns N] [--line-mb N]
                                           [--only encode|dense|words|joined|turns|bad-turns]

Targets (issue 6): encoding keeps peak memory under ten times the input, a transcript of one
20 MB line too, however dense its markup (`dense`: a vote count, an ellipsis, a bracket, a
remark or a control character every few characters; `words`: plain words; `joined`: the
showcase joined into one line — its paragraph is held, `edition/encode/held.py`); validation streams (a
TEI above `edition.validate.STREAM_ABOVE` is never held whole, so its peak is bounded by its
largest session, not its size). Issue 13: a TEI of a million turns validates (default schema,
rules on) in at most 3 minutes and 300 MB. Each stage runs as its own command, its peak resident
memory read by GNU time.
"""

from __future__ import annotations

import argparse
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_encode import synthetic  # noqa: E402

EDITION = str(Path(sys.executable).with_name("edition"))
LINES = ("dense", "words", "joined")
ROOT = Path(__file__).resolve().parent.parent


def many_turns(path: Path, turns: int, bad_turn: int | None = None) -> None:
    """The showcase edition with its body replaced by one dated session of `turns` short turns,
    each by a person of its register in turn (so the document is valid and every person is
    referred to): the shape of a long verbatim record, written without holding it. With
    `bad_turn`, that turn's paragraph carries an attribute the schema does not allow (one error,
    deep in one session: what an editor's large file most often looks like)."""
    data = (ROOT / "tei" / "march-1917.xml").read_text(encoding="utf-8")
    start = data.index("\n<body>") + 1
    end = data.index("</body>", data.rindex("</div></div></body>"))
    people = re.findall(r'<person xml:id="([^"]+)"', data)
    with path.open("w", encoding="utf-8") as fh:
        fh.write(data[:start])
        fh.write(
            '<body><div type="session" xml:id="session-bench"><head>SESSION OF '
            '<date when="1917-03-29">MARCH 29, 1917</date></head>\n'
        )
        for n in range(turns):
            who = people[n % len(people)]
            p = '<p bogus="1">' if n == bad_turn else "<p>"
            fh.write(f'<sp who="#{who}"><speaker>{who.upper()}: </speaker>{p}Turn {n}.</p></sp>\n')
        fh.write("</div>")
        fh.write(data[end:])


def single_line(path: Path, shape: str, size: int) -> None:
    """One transcript paragraph of `size` characters on one line, of one shape (see above)."""
    if shape == "dense":
        rnd = random.Random(1)
        pieces = ["word ...", "for – 12 ", "the [lost] ", "(Applause) ", "text… ", "a\x07b "]
        parts, n = ["NOGIN: "], 0
        while n < size:
            piece = rnd.choice(pieces)
            parts.append(piece)
            n += len(piece)
        text = "".join(parts)
    elif shape == "words":
        text = "SMITH: " + "word " * (size // 5)
    else:
        text = " ".join(synthetic(size).decode().split("\n"))
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def peak(args: list[str], fails: bool = False) -> tuple[float, float]:
    """(seconds, peak MB) of one command, which must succeed (or fail, with `fails`)."""
    t = time.perf_counter()
    run = subprocess.run(["/usr/bin/time", "-f", "%M", *args], capture_output=True, text=True)
    if (run.returncode != 0) != fails:
        sys.exit(f"{' '.join(args)}: exit {run.returncode}: {run.stderr[-2000:]}")
    kb = int(re.findall(r"^(\d+)$", run.stderr, re.M)[-1])
    return time.perf_counter() - t, kb / 1024


def main() -> None:
    if not shutil.which("time") and not Path("/usr/bin/time").exists():
        sys.exit("needs GNU time (/usr/bin/time)")
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("mb", nargs="?", type=int, default=50, help="size of the transcript to encode")
    args.add_argument("--turns", type=int, default=1_000_000, help="turns of the TEI to validate")
    args.add_argument("--line-mb", type=int, default=20, help="size of the one-line transcripts")
    args.add_argument("--only", choices=("encode", *LINES, "turns", "bad-turns"), help="run one case")
    opts = args.parse_args()
    print(f"machine: {platform.machine()} {platform.python_implementation()} {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        if opts.only in (None, "encode"):
            src, tei = Path(tmp) / "big.txt", Path(tmp) / "big.xml"
            src.write_bytes(synthetic(opts.mb * 1_000_000))
            mb = src.stat().st_size / 1e6
            t_enc, m_enc = peak(
                [EDITION, "encode", str(src), "-o", str(tei), "-q", "--label-style", "colon", "--layout", "lines"]
            )
            t_val, m_val = peak([EDITION, "validate", str(tei)])
            tei_mb = tei.stat().st_size / 1e6
            print(
                f"encode {mb:.0f} MB transcript: {t_enc:.1f} s, peak {m_enc:.0f} MB = "
                f"{m_enc / mb:.1f}× the input (target < 10×)"
            )
            print(
                f"validate the {tei_mb:.0f} MB TEI: {t_val:.1f} s, peak {m_val:.0f} MB = "
                f"{m_val / tei_mb:.1f}× the input (streamed)"
            )
        for shape in LINES:
            if opts.only not in (None, shape):
                continue
            src, tei = Path(tmp) / f"{shape}.txt", Path(tmp) / f"{shape}.xml"
            single_line(src, shape, opts.line_mb * 1_000_000)
            mb = src.stat().st_size / 1e6
            t_enc, m_enc = peak([EDITION, "encode", str(src), "-o", str(tei), "-q"])
            print(
                f"encode one {mb:.1f} MB line ({shape}; TEI {tei.stat().st_size / 1e6:.0f} MB): "
                f"{t_enc:.1f} s, peak {m_enc:.0f} MB = {m_enc / mb:.1f}× the input (target < 10×)"
            )
            tei.unlink()
        if opts.only in (None, "turns"):
            tei = Path(tmp) / "turns.xml"
            many_turns(tei, opts.turns)
            tei_mb = tei.stat().st_size / 1e6
            t_val, m_val = peak([EDITION, "validate", str(tei)])
            print(
                f"validate a TEI of {opts.turns:,} turns ({tei_mb:.0f} MB): {t_val:.1f} s, peak "
                f"{m_val:.0f} MB (targets for a million: ≤ 180 s, ≤ 300 MB)"
            )
        if opts.only in (None, "bad-turns"):
            # The gate fails it, so xmlschema reads it all: the case the stream must still bound.
            tei = Path(tmp) / "turns-bad.xml"
            many_turns(tei, opts.turns, bad_turn=opts.turns // 2)
            tei_mb = tei.stat().st_size / 1e6
            t_val, m_val = peak([EDITION, "validate", str(tei)], fails=True)
            print(
                f"validate a TEI of {opts.turns:,} turns with one error in turn "
                f"{opts.turns // 2 + 1:,} ({tei_mb:.0f} MB): {t_val:.1f} s, peak {m_val:.0f} MB "
                f"(targets for a million: ≤ 180 s, ≤ 300 MB)"
            )


if __name__ == "__main__":
    main()
