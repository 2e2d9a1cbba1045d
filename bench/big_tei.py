"""Big TEI documents for the HTML and search benchmarks, made from what the project has.

`scaled_showcase(k)`: the showcase with its body repeated k times (96 times: 15.1 MB), each
copy's ids given a suffix and the pointers inside the text moved with them, so the document
stays valid and every anchor unique. `synthetic(turns)`: turns each with a note, over 20
sessions, 40 speakers (the shape of issue 4's benchmark).
"""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree

from edition.xmlio import NS, XML_ID, T, serialize

ROOT = Path(__file__).resolve().parent.parent
SHOWCASE = ROOT / "tei" / "march-1917.xml"
POINTERS = ("target", "corresp", "next", "prev", "sameAs", "synch", "start", "end", "facs")


def scaled_showcase(k: int) -> bytes:
    tree = etree.parse(str(SHOWCASE))
    body = tree.find(".//tei:text/tei:body", NS)
    originals = list(body)
    ids = {e.get(XML_ID) for e in body.iter() if e.get(XML_ID)}
    for i in range(2, k + 1):
        for child in originals:
            piece = copy.deepcopy(child)
            for e in piece.iter():
                if not isinstance(e.tag, str):
                    continue
                if e.get(XML_ID):
                    e.set(XML_ID, f"{e.get(XML_ID)}-r{i}")
                for name in POINTERS:
                    value = e.get(name)
                    if value:
                        e.set(
                            name,
                            " ".join(f"{t}-r{i}" if t.startswith("#") and t[1:] in ids else t for t in value.split()),
                        )
            body.append(piece)
    return serialize(tree.getroot())


def synthetic(turns: int, sessions: int = 20) -> bytes:
    """A TEI edition with `turns` turns, each with one note, over `sessions` sessions, 40 speakers."""
    people = [T.person(T.persName(f"Speaker {i}", type="reg"), **{XML_ID: f"p{i}"}) for i in range(40)]
    divs = []
    per = turns // sessions
    for s in range(sessions):
        sps = [
            T.sp(
                T.speaker(f"SPEAKER {(s * per + t) % 40}:"),
                T.p(
                    f"Turn {s * per + t}: words of the speech about the resolution and the vote",
                    T.note(f"Note on turn {s * per + t}.", type="editorial"),
                    " and more words.",
                ),
                who=f"#p{(s * per + t) % 40}",
            )
            for t in range(per)
        ]
        divs.append(T.div(T.head(f"SESSION {s + 1}"), *sps, type="session", **{XML_ID: f"s{s + 1}"}))
    tei = T.TEI(
        T.teiHeader(
            T.fileDesc(
                T.titleStmt(T.title("Synthetic edition")),
                T.publicationStmt(T.p("Benchmark")),
                T.sourceDesc(T.p("Generated")),
            ),
            T.profileDesc(T.particDesc(T.listPerson(*people))),
        ),
        T.text(T.body(*divs)),
    )
    return serialize(tei)
