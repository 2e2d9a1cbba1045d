"""Benchmark of the HTML edition: the showcase warm, and synthetic documents of N turns and N notes.

    .venv/bin/python bench/bench_html.py

Targets (issue 4): the showcase site in < 1.5 s in a warm process; 20,000 turns with 20,000 notes
in < 20 s; time linear in turns and notes (2,000 → 20,000 should cost about 10×).
"""

from __future__ import annotations

import os
import platform
import tempfile
import time
from pathlib import Path

from edition.render.html import render_html
from edition.xmlio import T, XML_ID, serialize

ROOT = Path(__file__).resolve().parent.parent


def synthetic(turns: int, sessions: int = 20) -> bytes:
    """A TEI edition with `turns` turns, each with one note, over `sessions` sessions, 40 speakers."""
    people = [T.person(T.persName(f"Speaker {i}", type="reg"), **{XML_ID: f"p{i}"}) for i in range(40)]
    divs = []
    per = turns // sessions
    for s in range(sessions):
        sps = [T.sp(T.speaker(f"SPEAKER {(s * per + t) % 40}:"),
                    T.p(f"Turn {s * per + t}: words of the speech about the resolution and the vote",
                        T.note(f"Note on turn {s * per + t}.", type="editorial"), " and more words."),
                    who=f"#p{(s * per + t) % 40}") for t in range(per)]
        divs.append(T.div(T.head(f"SESSION {s + 1}"), *sps, type="session", **{XML_ID: f"s{s + 1}"}))
    tei = T.TEI(T.teiHeader(T.fileDesc(T.titleStmt(T.title("Synthetic edition")),
                                       T.publicationStmt(T.p("Benchmark")), T.sourceDesc(T.p("Generated"))),
                            T.profileDesc(T.particDesc(T.listPerson(*people)))),
                T.text(T.body(*divs)))
    return serialize(tei)


def timed(path: Path, out: Path) -> float:
    t = time.perf_counter()
    render_html(path, out)
    return time.perf_counter() - t


def main() -> None:
    showcase = ROOT / "tei" / "march-1917.xml"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        timed(showcase, tmp / "warmup")
        t_show = min(timed(showcase, tmp / f"show{i}") for i in range(3))
        sizes = {}
        for n in (2_000, 20_000):
            doc = tmp / f"synthetic-{n}.xml"
            doc.write_bytes(synthetic(n))
            sizes[n] = (doc.stat().st_size, timed(doc, tmp / f"site-{n}"))
    print(f"machine: {platform.machine()} {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} cores")
    print(f"showcase site, warm:                 {t_show:.3f} s   (target < 1.5 s)")
    for n, (size, t) in sizes.items():
        print(f"{n:>6} turns + {n:>6} notes ({size / 1e6:.1f} MB): {t:.2f} s"
              + ("   (target < 20 s)" if n == 20_000 else ""))
    print(f"ratio 20,000 / 2,000: {sizes[20_000][1] / sizes[2_000][1]:.1f}× for 10× the turns and notes")


if __name__ == "__main__":
    main()
