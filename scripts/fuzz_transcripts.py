"""Fuzz the converter with generated transcripts: no input may end in E900 or an internal error.

    .venv/bin/python scripts/fuzz_transcripts.py --minutes 10
    .venv/bin/python scripts/fuzz_transcripts.py --minutes 10 --keep tests/fuzz/transcripts.jsonl.gz

Each input is a transcript put together from pieces of the shapes real transcripts have (labels
of every style, role labels and resolution formulae, brackets and parentheses, votes, headings,
numbered items and table rows, lone letters, Unicode spaces, control characters, tabs,
indentation, very long lines, mixed line ends), sometimes with a corrections file whose rows
match parts of it. Every input is encoded in-process (`edition.api.encode_source`); one in
`--cli-every` is also run through `edition encode` in a subprocess. An E900 (the encoding lost
text) or any exception that is not an `EditionError`, or a CLI exit 70, is a failure: the input is
written under `--failures` and counted.

With `--keep`, the most varied inputs seen (varied by the paths they take through the converter:
the kinds of paragraph, the kinds of neighbouring paragraphs, the elements and attributes made,
the diagnostics given, the pieces they were made of) are written as gzip'd JSON lines — the
corpus `tests/test_fuzz_transcripts.py` runs on every CI run.
"""

from __future__ import annotations

import argparse
import gzip
import heapq
import json
import random
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from lxml import etree

from edition.errors import EditionError, InvariantError
from edition.settings import EncodeSettings

# --------------------------------------------------------------------------- pieces

NAMES = [
    "SMITH",
    "JONES",
    "O’BRIEN",
    "TER-GABRYELAN",
    "ST. JOHN",
    "ЛЕНИН",
    "MÜLLER",
    "E",
    "X",
    "MR",
    "THE CHAIRMAN",
    "ANOTHER DELEGATE",
    "A VOICE",
    "THE CLERK",
    "SEVERAL DELEGATES",
    "B",
    "AB",
]
TITLE_NAMES = ["First Citizen", "Lady Macbeth", "Hamlet", "Mr", "Smith", "E", "Second Voice"]
FORMULAE = [
    "RESOLVED",
    "WHEREAS",
    "RESOLVED FURTHER",
    "ORDERED",
    "BE IT RESOLVED",
    "BE IT FURTHER RESOLVED",
    "FURTHER RESOLVED",
    "AGREED",
    "NOTED",
    "ADJOURNED",
    "CARRIED",
    "PROVIDED",
    "THEREFORE",
]
WORDS = (
    "the bridge is open and we shall see what the committee decides about the matter of the "
    "workers council and its delegates who were elected last week in the factories"
).split()
SPACES = [
    "\u00a0",
    "\u3000",
    "\u2009",
    "\u200b",
    "\u2028",
    "\u2029",
    "\u205f",
    "\u1680",
    "\u00ad",
    "\ufeff",
    "\u0085",
    "\u180e",
    "\u202f",
    "\u2007",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1d",
    "\x1e",
    "\x1f",
]
CONTROLS = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x9b", "\ufffe", "\uffff", "\ud7ff"]
#: The closed list of <corr type> (schemas/edition.odd), and a row that gives none.
CORRECTION_TYPES = ["char", "split", "join", "word", "name", "label", "number", "quote", "punct", ""]
LINE_ENDS = ["\n", "\n", "\n", "\r\n", "\r"]
QUOTE_OPEN = ["“", "«", '"', "„"]
QUOTE_CLOSE = ["”", "»", '"', ""]


def words(rng: random.Random, lo: int = 1, hi: int = 14) -> str:
    out = " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))
    return out[:1].upper() + out[1:] + rng.choice([".", ".", "?", "!", ":", ",", "", "…", "..."])


def _label(rng, name):
    return rng.choice(
        [
            f"{name}:",
            f"{name}: ",
            f"{name} (co-reporter):",
            f"{name}\u00a0:",
            f"{name} says:",
            f"{name} and JONES:",
            f"{name}:\t",
            f"{name}.",
            f"{name}",
        ]
    )


PIECES = {
    # speaker labels of every style
    "colon-turn": lambda r: f"{_label(r, r.choice(NAMES))} {words(r)}",
    "dot-turn": lambda r: (
        f"{r.choice(['Mr.', 'Mrs.', 'Dr.'])} {r.choice(['BROWN', 'SMITH', 'O’NEIL'])}"
        f"{r.choice(['', ' of Ohio'])}. {words(r)}"
    ),
    "speaker-role": lambda r: (
        f"The {r.choice(['SPEAKER', 'CHAIRMAN', 'PRESIDENT'])}{r.choice(['', ' pro tempore'])}. {words(r)}"
    ),
    "label-alone": lambda r: r.choice([r.choice(NAMES), r.choice(TITLE_NAMES)]) + r.choice(["", ".", ":"]),
    "formula": lambda r: f"{r.choice(FORMULAE)}{r.choice([':', ',', ' That', ' that'])} {words(r)}",
    "lone-letter": lambda r: r.choice("ABCDEXYZabcxyzIVЖ"),
    "lone-word": lambda r: r.choice(["Mr", "Mrs", "Dr", "St", "No", "Yes", "Ok", "Hear", "Applause"]),
    # numbering, lists, tables
    "numbered": lambda r: (
        f"{r.choice(['a', 'b', 'c', 'i', 'ii', 'IV', '1', '2', '12', '99'])}"
        + r.choice([")", "."])
        + r.choice([" ", "\t", "  "])
        + words(r)
    ),
    "row": lambda r: (
        f"{r.randint(1, 120)}) {r.choice(['Putilov works', 'Obukhov', 'Metal works'])} {r.randint(1, 900)}"
    ),
    "footnote": lambda r: f"*{words(r)}",
    "separator": lambda r: r.choice(["***", "* * *", "-----", "_____", "~ ~ ~"]),
    # headings and metadata
    "session": lambda r: r.choice(
        ["SESSION OF MARCH 29", "Session of 2 April 1917", "THE JOINT SESSION", "Meeting continued", "SITTING"]
    ),
    "heading": lambda r: r.choice(
        [
            "APPENDIX",
            "FOREWORD",
            "ACT I",
            "SCENE 2",
            "Report by comrade Smith",
            "Article 3",
            "On the War",
            "THE AGRARIAN QUESTION",
            "I. General",
        ]
    ),
    "meta": lambda r: r.choice(
        [
            "Chairman: comrade Smith.",
            "Secretaries: Jones, Brown.",
            "Time: 10 a.m.",
            "Present: 40 delegates.",
            "Order of the day: war.",
        ]
    ),
    # narration and votes
    "vote": lambda r: r.choice(
        [
            f"(For – {r.randint(0, 99)}; against – {r.randint(0, 99)}.)",
            "Motion carried.",
            "Adopted unanimously.",
            "For – l3",
            "Defeated by all votes against three.",
        ]
    ),
    "narration": lambda r: r.choice(
        [
            "The motion is put to a vote.",
            "Comrade Smith reads the resolution.",
            "Smith takes the chair.",
            "The session opens at 8 p.m.",
            "The motion of comrade Smith:",
        ]
    ),
    "stage": lambda r: r.choice(["(Applause.)", "(Shouts: Down with him!)", "(Commotion)", "(Laughter.)"]),
    "quote": lambda r: r.choice(QUOTE_OPEN) + r.choice(["", "1) ", "(2) "]) + words(r) + r.choice(QUOTE_CLOSE),
    "speech": lambda r: words(r, 3, 40),
    # inline matter
    "brackets": lambda r: (
        f"{words(r)} [{r.choice(['Applause', 'SMITH: No!', 'the Government', 'see p. 4', 'Reads the text.', 'A', '', '[', 'x' * 500])}] {words(r)}"
    ),
    "parens": lambda r: (
        f"{words(r)} ({r.choice(['Shouts: Yes!', 'For – 3', 'aside', 'Applause', '', '(', 'majority in favour'])}) {words(r)}"
    ),
    "ellipsis": lambda r: f"{words(r)} {r.choice(['...', '…', '. . .'])} {words(r)}",
    "unbalanced": lambda r: r.choice(["[ unclosed", "] closed", "( open", ") shut", "“ quote", "[[x]]", "(()", "[(])"]),
    # hostile characters
    "unicode-space": lambda r: r.choice(SPACES) * r.randint(1, 3),
    "spaced-words": lambda r: r.choice(SPACES).join(words(r).split(" ")),
    "control": lambda r: r.choice([r.choice(CONTROLS), f"{words(r)}{r.choice(CONTROLS)}{words(r)}"]),
    "tabs": lambda r: "\t".join(words(r).split(" ")),
    "long-line": lambda r: " ".join(words(r, 10, 20) for _ in range(r.randint(20, 200))),
    "bidi": lambda r: f"\u202e{words(r)}\u202c \u05e9\u05dc\u05d5\u05dd",
    "combining": lambda r: f"Cafe\u0301 e\u0308 {words(r)}",
}
KINDS = sorted(PIECES)


def transcript(rng: random.Random) -> tuple[str, list[str]]:
    """A generated transcript and the names of the pieces it was made of."""
    used: list[str] = []
    lines: list[str] = []
    favoured = rng.sample(KINDS, rng.randint(1, 6))  # a transcript leans on a few shapes
    for _ in range(rng.randint(1, 30)):
        kind = rng.choice(favoured) if rng.random() < 0.6 else rng.choice(KINDS)
        used.append(kind)
        line = PIECES[kind](rng)
        if rng.random() < 0.15:
            line = rng.choice([" ", "  ", "\t", "    ", "\u00a0"]) + line
        if rng.random() < 0.1:
            line += rng.choice([" ", "\t", "\u00a0", "\u3000"])
        lines.append(line)
    wrapped = rng.random() < 0.3
    out = []
    for line in lines:
        out.append(line)
        out.append(rng.choice(LINE_ENDS) if rng.random() < 0.1 else "\n")
        if not wrapped or rng.random() < 0.3:
            out.append(rng.choice(["\n", "\n", "\n \n", "\n\t\n", "\n\n"]) if rng.random() < 0.7 else "")
    text = "".join(out)
    if rng.random() < 0.2:
        text = text.rstrip("\n")
    if rng.random() < 0.05:
        text = "\ufeff" + text
    return text, used


def corrections_for(rng: random.Random, text: str) -> str | None:
    """Now and then a corrections file whose rows match stretches of the text (labels included)."""
    if rng.random() > 0.25 or len(text) < 4:
        return None
    rows = ["sic\tcorr\tcontext\ttype"]
    for _ in range(rng.randint(1, 4)):
        start = rng.randrange(len(text))
        sic = text[start : start + rng.randint(1, 12)]
        if not sic.strip() or not _storable(sic):
            continue
        context = ""
        if rng.random() < 0.3:
            context = text[max(0, start - 5) : start + len(sic) + 5]
            if not _storable(context):
                context = ""
        corr = rng.choice([sic.upper(), sic[::-1], "x", sic + "s"])
        rows.append(f"{sic}\t{corr}\t{context}\t{rng.choice(CORRECTION_TYPES)}")
    return "\n".join(rows) + "\n" if len(rows) > 1 else None


def _storable(cell: str) -> bool:
    """A cell a corrections file can hold: no TAB or line end, no character XML forbids (the
    loader refuses those with a message; this campaign is about the encoder)."""
    return not any(ord(c) < 32 or c in "\ufffe\uffff" or 0xD800 <= ord(c) < 0xE000 for c in cell)


# --------------------------------------------------------------------------- running one input


def encode_text(text: str, corrections: str | None, folder: Path):
    """Encode in-process; returns (result or None, the error if it was an EditionError)."""
    from edition.api import encode_source
    from edition.transcript.read import decode_source

    settings = EncodeSettings()
    if corrections is not None:
        path = folder / "corrections.tsv"
        path.write_text(corrections, encoding="utf-8")
        settings = settings.with_(corrections=path)
    try:
        source = decode_source(text.encode("utf-8"), "fuzz.txt")
        return encode_source(source, settings), None
    except EditionError as exc:
        return None, exc


def features(result, pieces: list[str], corrections: str | None) -> set[str]:
    """The paths an input takes through the converter, as a set of names."""
    out = {f"piece:{p}" for p in pieces}
    if corrections:
        out.add("corrections")
    if result is None:
        return out
    kinds = [u.kind for u in result.units]
    out |= {f"kind:{k}" for k in kinds}
    out |= {f"after:{a}>{b}" for a, b in zip(kinds, kinds[1:])}
    out |= {f"layout:{result.stats['layout']}", f"style:{result.stats['label_style']}"}
    out |= {f"diag:{d.code}" for d in result.diagnostics.items}
    text_el = result.root.find("{http://www.tei-c.org/ns/1.0}text")
    for el in text_el.iter(etree.Element):
        name = etree.QName(el).localname
        parent = el.getparent()
        out.add(f"in:{etree.QName(parent).localname if parent is not None else ''}/{name}")
        for attr in ("type", "ana", "subtype"):
            if el.get(attr):
                out.add(f"attr:{name}@{attr}={el.get(attr)[:20]}")
    return out


def run_cli(text: str, corrections: str | None, folder: Path) -> int:
    source = folder / "fuzz.txt"
    source.write_bytes(text.encode("utf-8"))
    args = [
        str(Path(sys.executable).with_name("edition")),
        "encode",
        str(source),
        "-o",
        str(folder / "out.xml"),
        "--force",
    ]
    if corrections is not None:
        args += ["--corrections", str(folder / "corrections.tsv")]
    return subprocess.run(args, capture_output=True, timeout=300).returncode


# --------------------------------------------------------------------------- the campaign

#: An input joins the pool the corpus is picked from while one of its features is rarer than this.
POOL_PER_FEATURE = 20


def select_varied(candidates: list[tuple[set[str], dict]], keep: int) -> list[dict]:
    """Greedy: each pick is the input that adds the most weight of features the kept ones lack
    (a feature's weight halves each time a kept input has it)."""
    seen: dict[str, int] = {}

    def gain(feats: set[str]) -> float:
        return sum(0.5 ** seen.get(f, 0) for f in feats) / (1 + len(feats) / 200)

    heap = [(-gain(f), i) for i, (f, _) in enumerate(candidates)]
    heapq.heapify(heap)
    picked: list[dict] = []
    while heap and len(picked) < keep:
        neg, i = heapq.heappop(heap)
        fresh = gain(candidates[i][0])
        if heap and fresh < -heap[0][0] - 1e-12:  # stale: scores only fall (lazy greedy)
            heapq.heappush(heap, (-fresh, i))
            continue
        picked.append(candidates[i][1])
        for f in candidates[i][0]:
            seen[f] = seen.get(f, 0) + 1
    return picked


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--cli-every", type=int, default=250, help="run the CLI on one input in N")
    ap.add_argument("--failures", type=Path, default=Path("fuzz-failures"))
    ap.add_argument("--keep", type=Path, default=None, help="write the most varied inputs here (.jsonl.gz)")
    ap.add_argument("--keep-count", type=int, default=1000)
    ap.add_argument("--max-kept-size", type=int, default=1500, help="longest input the corpus keeps")
    args = ap.parse_args(argv)

    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    rng = random.Random(seed)
    deadline = time.monotonic() + args.minutes * 60
    counts = {"inputs": 0, "cli": 0, "E900": 0, "internal": 0, "cli-70": 0, "refused": 0}
    candidates: list[tuple[set[str], dict]] = []
    pooled: dict[str, int] = {}  # how many pooled inputs have each feature
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        while time.monotonic() < deadline:
            text, pieces = transcript(rng)
            corrections = corrections_for(rng, text)
            counts["inputs"] += 1
            failure = None
            try:
                result, error = encode_text(text, corrections, folder)
            except Exception:  # an internal error: exit 70 in the CLI
                result, error = None, None
                failure = ("internal", traceback.format_exc())
            if isinstance(error, InvariantError):
                failure = ("E900", str(error))
            elif error is not None:
                counts["refused"] += 1
            if failure is None and counts["inputs"] % args.cli_every == 0:
                counts["cli"] += 1
                if run_cli(text, corrections, folder) == 70:
                    failure = ("cli-70", "edition encode exited 70")
            if failure is not None:
                kind, detail = failure
                counts[kind] += 1
                args.failures.mkdir(parents=True, exist_ok=True)
                record = {"kind": kind, "detail": detail, "text": text, "corrections": corrections}
                (args.failures / f"{kind}-{counts['inputs']}.json").write_text(
                    json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8"
                )
                print(f"{kind}: {detail.splitlines()[-1][:200]}", file=sys.stderr)
                continue
            if args.keep and len(text) + len(corrections or "") <= args.max_kept_size:
                feats = features(result, pieces, corrections)
                if any(pooled.get(f, 0) < POOL_PER_FEATURE for f in feats):  # the pool stays bounded
                    candidates.append((feats, {"text": text, "corrections": corrections}))
                    for f in feats:
                        pooled[f] = pooled.get(f, 0) + 1
    summary = {"seed": seed, "minutes": args.minutes, **counts}
    print(json.dumps(summary))
    if args.keep:
        picked = select_varied(candidates, args.keep_count)
        args.keep.parent.mkdir(parents=True, exist_ok=True)
        with gzip.GzipFile(args.keep, "wb", mtime=0) as fh:
            for record in picked:
                fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
        print(
            f"kept {len(picked)} of {len(candidates)} distinct inputs in {args.keep} ({args.keep.stat().st_size} bytes)"
        )
    return 1 if counts["E900"] or counts["internal"] or counts["cli-70"] else 0


if __name__ == "__main__":
    sys.exit(main())
