"""Speaker attribution, turn by turn, against the hand-checked gold lists in tests/gold/turns/.

    .venv/bin/python bench/bench_speakers.py [--show N] [--markdown] [--only SUBSTRING]

Each gold list `tests/gold/turns/<sample>.tsv` names a transcript of ../shared/samples/transcripts/
(same stem, any extension). The transcript is encoded as a user would, with the defaults and the
editorial data an editor keeps for that one text (`tests/samples/<sample>/`: its corrections,
overrides or register, where there are any; see `sample_settings`), and the turns are read back
from the TEI alone —
every `sp` and `u` in document order — not from the encoder's internal structures, so the figures
stay comparable while the converter is rewritten. A turn's line is where its first diplomatic
character stands in the source; its label line is that of its `speaker`, else its own. Its names are
every `persName`/`name` of the `person` (or `personGrp`) its `@who` points at.

Gold and predicted turns are matched by (label line, order among the turns on that line). A
predicted turn is right when its key is in the gold list and one of its names equals one of the
gold speaker's ` | ` alternatives after `normalise`. Precision = right / predicted, recall =
right / gold. The format of the lists is in tests/gold/turns/README.md.

The exit status is 0 whatever the scores: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition import api
from edition.settings import EncodeSettings
from edition.text import EDITORIAL
from edition.xmlio import NS, XML_ID, tei

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "turns"
SAMPLES = ROOT.parent / "shared" / "samples" / "transcripts"
#: What is true of one sample only — its OCR corrections, overrides, register — kept as an edition
#: keeps them beside its source: `tests/samples/<sample file name without its extension>/`.
SAMPLE_DATA = ROOT / "tests" / "samples"
DATA_FILES = (("corrections", "corrections.tsv"), ("overrides", "overrides.toml"), ("register", "register.xml"))

HEADER = ("label_line", "speech_line", "label", "speaker")
TURNS = (tei("sp"), tei("u"))
PERSONS = (tei("person"), tei("personGrp"))
NAMES = (tei("persName"), tei("name"))
CONTROL = tei("g")


# --------------------------------------------------------------------------- the gold lists


@dataclass(frozen=True)
class GoldTurn:
    label_line: int
    speech_line: int
    label: str
    speakers: tuple[str, ...]  # the ` | ` alternatives, the canonical one first


def read_gold(path: Path) -> list[GoldTurn]:
    """The rows of one gold list (comment lines and the header skipped); ValueError names the row
    that does not follow the format, since a wrong row would silently move every score."""
    rows: list[GoldTurn] = []
    header_seen = False
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if tuple(cells) != HEADER:
                raise ValueError(f"{path.name}:{number}: expected the header {HEADER}")
            header_seen = True
            continue
        if len(cells) != 4 or not cells[0].isdigit() or not cells[1].isdigit() or not cells[3].strip():
            raise ValueError(f"{path.name}:{number}: not `label_line⇥speech_line⇥label⇥speaker`")
        rows.append(GoldTurn(int(cells[0]), int(cells[1]), cells[2], tuple(s.strip() for s in cells[3].split(" | "))))
    return rows


_VOICE_TAG = re.compile(r"^<v(?:\.[^\s>]*)?\s+([^>]*)>|</v>$")
_WRAPPING = "*_"
_TRAILING = ".:"


def normalise(name: str) -> str:
    """A speaker name as compared: NFKC, casefolded, markup (`**Mat Ryer:**`, `_Filch._`) and a
    voice tag (`<v Brian Okken>`) unwrapped, a trailing `.` or `:` dropped, whitespace collapsed.
    Nothing else is forgiven: `Mrs. Upjohn` is not `Mrs Upjohn`, nor `Alice (aside)` `Alice`."""
    s = " ".join(unicodedata.normalize("NFKC", name).split())
    s = _VOICE_TAG.sub(lambda m: m.group(1) or "", s).strip()
    while True:
        stripped = s.strip(_WRAPPING + " ").rstrip(_TRAILING + " ")
        if stripped == s:
            break
        s = stripped
    return " ".join(s.split()).casefold()


# --------------------------------------------------------------------------- turns of the TEI


@dataclass(frozen=True)
class Predicted:
    label_line: int | None  # None: the turn holds no diplomatic text at all
    start_line: int | None
    names: tuple[str, ...]  # every name of every person of @who
    who: str


def person_names(root: etree._Element) -> dict[str, tuple[str, ...]]:
    """xml:id → every persName/name string of that person or group (not of persons inside a group)."""
    names: dict[str, tuple[str, ...]] = {}
    for person in root.iter(*PERSONS):
        own = [
            " ".join("".join(el.itertext()).split()) for el in person.iter(*NAMES) if _nearest(el, PERSONS) is person
        ]
        if person.get(XML_ID):
            names[person.get(XML_ID)] = tuple(n for n in own if n)
    return names


def _nearest(el: etree._Element, tags: tuple[str, ...]) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag not in tags:
        parent = parent.getparent()
    return parent


def first_lines(root: etree._Element) -> dict[etree._Element, int]:
    """The source line of the first non-blank diplomatic character of every sp, u and speaker.

    The walk is `edition.text.iter_diplomatic`'s (the same skip rules: editorial elements and
    notes left out, a control character counted as one), counting line ends as it goes, so the
    line is where the element's text stands in the transcript. Leading blanks are passed over: a
    turn whose first diplomatic character is the line end before its label starts on the label's
    line. An element with no non-blank text gets no line."""
    watched = (*TURNS, tei("speaker"))
    text_el = root if root.tag == tei("text") else root.find("tei:text", NS)
    lines: dict[etree._Element, int] = {}
    pending: list[etree._Element] = []
    line = 1

    def see(piece: str) -> None:
        nonlocal line
        if pending:
            lead = len(piece) - len(piece.lstrip())
            if lead < len(piece):
                for el in pending:
                    lines[el] = line + piece.count("\n", 0, lead)
                pending.clear()
        line += piece.count("\n")

    if text_el.text:
        see(text_el.text)
    stack = [(text_el, iter(text_el))]
    while stack:
        parent, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if parent in pending:
                pending.remove(parent)
            if stack and parent.tail:
                see(parent.tail)
            continue
        if not isinstance(child.tag, str):
            pass
        elif child.tag == CONTROL and child.get("type") == "control":
            see(chr(int(child.get("n", "U+FFFD")[2:], 16)))
        elif child.tag not in EDITORIAL and child.get("type") != "editorial":
            if child.tag in watched:
                pending.append(child)
            if child.text:
                see(child.text)
            stack.append((child, iter(child)))
            continue
        if child.tail:
            see(child.tail)
    return lines


def predicted_turns(root: etree._Element) -> list[Predicted]:
    """Every sp and u of the TEI in document order, with its lines and its speaker's names."""
    lines = first_lines(root)
    names = person_names(root)
    text_el = root if root.tag == tei("text") else root.find("tei:text", NS)
    turns = []
    for turn in text_el.iter(*TURNS):
        speaker = next((s for s in turn.iter(tei("speaker")) if _nearest(s, TURNS) is turn and s in lines), None)
        start = lines.get(turn)
        who = turn.get("who") or ""
        found = tuple(n for ref in who.split() if ref.startswith("#") for n in names.get(ref[1:], ()))
        turns.append(Predicted(lines[speaker] if speaker is not None else start, start, found, who))
    return turns


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class Mismatch:
    kind: str  # "missed", "false" or "wrong speaker"
    line: int | None
    expected: str
    got: str


@dataclass
class Score:
    gold: int
    predicted: int
    right: int
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _keyed(turns, line_of) -> dict[tuple, object]:
    seen: Counter = Counter()
    keyed = {}
    for turn in turns:
        line = line_of(turn)
        keyed[(line, seen[line])] = turn
        seen[line] += 1
    return keyed


def score(gold: list[GoldTurn], predicted: list[Predicted]) -> Score:
    """Match by (label line, order on that line); right = same key and a name in common."""
    want = _keyed(gold, lambda t: t.label_line)
    got = _keyed(predicted, lambda t: t.label_line)
    result = Score(len(gold), len(predicted), 0)
    for key in sorted(want.keys() | got.keys(), key=lambda k: (k[0] is None, k[0] or 0, k[1])):
        g, p = want.get(key), got.get(key)
        if g is None:
            result.mismatches.append(Mismatch("false", key[0], "", _shown(p)))
        elif p is None:
            result.mismatches.append(Mismatch("missed", key[0], g.speakers[0], ""))
        elif {normalise(n) for n in p.names} & {normalise(s) for s in g.speakers}:
            result.right += 1
        else:
            result.mismatches.append(Mismatch("wrong speaker", key[0], g.speakers[0], _shown(p)))
    return result


def _shown(p: Predicted) -> str:
    return " | ".join(p.names) or (f"{p.who} (no name)" if p.who else "(no @who)")


# --------------------------------------------------------------------------- one sample


@dataclass
class Run:
    sample: str
    score: Score
    style: str = ""
    seconds: float = 0.0
    megabytes: float = 0.0
    error: str = ""
    lines: list[str] = field(default_factory=list)  # the source, for excerpts


def sample_settings(source: Path, **settings) -> EncodeSettings:
    """The settings a sample is encoded with: the defaults, and the data files of its folder in
    `SAMPLE_DATA` that exist (a sample without a folder is encoded with the defaults alone)."""
    folder = SAMPLE_DATA / source.stem
    data = {key: folder / name for key, name in DATA_FILES if (folder / name).is_file()}
    return EncodeSettings(source=source, **data, **settings)


def measure(gold_path: Path, source: Path) -> Run:
    """Encode one sample with the defaults and score its turns; an encoding that raises scores 0.

    Any exception is caught on purpose: the converter is measured as it stands, and one sample
    that crashes it is a result to report, not a reason to stop measuring the others."""
    gold = read_gold(gold_path)
    data = source.read_bytes()
    text = data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    run = Run(source.name, Score(len(gold), 0, 0), megabytes=len(data) / 1_000_000, lines=text.split("\n"))
    started = time.perf_counter()
    try:
        result = api.encode(sample_settings(source))
    except Exception as exc:  # noqa: BLE001 — see the docstring
        run.seconds = time.perf_counter() - started
        run.error = f"{type(exc).__name__}: {exc}"
        run.score.mismatches = [Mismatch("missed", g.label_line, g.speakers[0], "") for g in gold]
        return run
    run.seconds = time.perf_counter() - started
    stats = getattr(result, "stats", None) or {}
    run.style = "/".join(str(stats[k]) for k in ("layout", "label_style") if k in stats)
    run.score = score(gold, predicted_turns(result.root))
    return run


def sample_for(gold_path: Path, samples: Path = SAMPLES) -> Path | None:
    """The transcript a gold list is of: the same stem, whatever its extension."""
    found = sorted(p for p in samples.iterdir() if p.is_file() and p.stem == gold_path.stem) if samples.is_dir() else []
    return found[0] if found else None


# --------------------------------------------------------------------------- output

COLUMNS = ("sample", "layout/labels", "gold", "pred", "TP", "P", "R", "F1", "s/MB")


def row(run: Run) -> tuple[str, ...]:
    s = run.score
    per_mb = f"{run.seconds / run.megabytes:.2f}" if run.megabytes else "—"
    return (
        run.sample,
        run.style or ("FAILED" if run.error else "—"),
        str(s.gold),
        str(s.predicted),
        str(s.right),
        f"{s.precision:.3f}",
        f"{s.recall:.3f}",
        f"{s.f1:.3f}",
        per_mb,
    )


def total_row(runs: list[Run]) -> tuple[str, ...]:
    """All samples pooled (micro-averaged: every turn counts once, whichever sample it is in)."""
    pooled = Score(
        sum(r.score.gold for r in runs), sum(r.score.predicted for r in runs), sum(r.score.right for r in runs)
    )
    seconds, mb = sum(r.seconds for r in runs), sum(r.megabytes for r in runs)
    return (
        "all (pooled)",
        "",
        str(pooled.gold),
        str(pooled.predicted),
        str(pooled.right),
        f"{pooled.precision:.3f}",
        f"{pooled.recall:.3f}",
        f"{pooled.f1:.3f}",
        f"{seconds / mb:.2f}" if mb else "—",
    )


def plain_table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in [COLUMNS, *rows]) for i in range(len(COLUMNS))]

    def aligned(r: tuple[str, ...]) -> str:  # names to the left, figures to the right
        return "  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))

    return "\n".join([aligned(COLUMNS), *map(aligned, rows)])


def markdown_table(rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|---|---|" + "---:|" * (len(COLUMNS) - 2)]
    lines += [
        "| " + " | ".join(f"`{c}`" if i == 0 and not c.startswith("all") else c for i, c in enumerate(r)) + " |"
        for r in rows
    ]
    return "\n".join(lines)


def mismatches(run: Run, limit: int) -> str:
    out = [
        f"{run.sample}: {len(run.score.mismatches)} mismatches"
        + (f" (encoding failed: {run.error})" if run.error else "")
    ]
    for m in run.score.mismatches[:limit]:
        excerpt = run.lines[m.line - 1][:70] if m.line and m.line <= len(run.lines) else ""
        detail = {
            "missed": f"gold {m.expected!r}",
            "false": f"predicted {m.got!r}",
            "wrong speaker": f"gold {m.expected!r}, predicted {m.got!r}",
        }[m.kind]
        out.append(f"  line {m.line if m.line is not None else '?'}: {m.kind}: {detail}  | {excerpt}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--show", type=int, default=0, metavar="N", help="print the first N mismatches of each sample")
    args.add_argument("--markdown", action="store_true", help="print the table as Markdown, for bench/RESULTS.md")
    args.add_argument("--only", default="", metavar="SUBSTRING", help="measure only the samples whose name holds it")
    opts = args.parse_args(argv)
    runs = []
    for gold_path in sorted(GOLD.glob("*.tsv")):
        if opts.only not in gold_path.stem:
            continue
        source = sample_for(gold_path)
        if source is None:
            print(f"skipped {gold_path.name}: no sample {gold_path.stem}.* in {SAMPLES}", file=sys.stderr)
            continue
        try:
            runs.append(measure(gold_path, source))
        except (ValueError, OSError) as exc:  # a malformed list or an unreadable sample
            print(f"skipped {gold_path.name}: {exc}", file=sys.stderr)
    if not runs:
        print("no gold list with a sample to measure", file=sys.stderr)
        return 0
    rows = [row(r) for r in runs] + ([total_row(runs)] if len(runs) > 1 else [])
    print(
        f"machine: {platform.machine()} {platform.python_implementation()} {platform.python_version()}; "
        "encode time: one run of each sample"
    )
    print(markdown_table(rows) if opts.markdown else plain_table(rows))
    for r in runs:
        if r.error:
            print(f"{r.sample}: encoding failed: {r.error}")
    if opts.show:
        for r in runs:
            print()
            print(mismatches(r, opts.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
