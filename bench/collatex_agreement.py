"""How far the toolkit's variant sites agree with CollateX's, paragraph by paragraph.

CollateX (PyPI `collatex`, GPLv3, with `levenshtein`; never a dependency of the toolkit: install it
by hand into a scratch environment) is given each paragraph that all witnesses have, tokenised by
the toolkit (the same tokens, the same keys as `n`), so that only the alignments differ. Both
alignments go through the same site-building (`edition.collate.align.refine` and `sites`); a site
is identical when it covers the same base tokens and every witness reads the same there.
Paragraphs CollateX does not finish within `--timeout` seconds are left out and counted. The
sites are counted twice: of all six witnesses together (the apparatus as the edition has it), and
of each witness against the base alone (the two aligners compared pair by pair).

    .venv/bin/python bench/collatex_agreement.py [--timeout 120] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DARWIN = ROOT.parent / "shared" / "samples" / "witnesses" / "darwin"

from edition.collate.align import ALIGNERS, Boundaries, refine, sites  # noqa: E402
from edition.collate.collation import Witness, _group_paragraphs  # noqa: E402
from edition.collate.tokenise import Normaliser, paragraphs, tokens  # noqa: E402


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout


def collatex_ops(toks: dict[str, list], base: str, timeout: int):
    """CollateX's alignment of one paragraph, as opcodes of each witness against the base."""
    from collatex import Collation, collate

    data = {
        "witnesses": [
            {"id": s, "tokens": [{"t": t.text, "n": t.key, "i": k} for k, t in enumerate(ts)]} for s, ts in toks.items()
        ]
    }
    signal.alarm(timeout)
    try:
        table = json.loads(collate(Collation.create_from_dict(data), output="json", segmentation=False))
    finally:
        signal.alarm(0)
    sigla = table["witnesses"]
    cols = list(zip(*table["table"]))
    b = sigla.index(base)
    out = {}
    for w, s in enumerate(sigla):
        if s == base:
            continue
        pairs = [((c[b][0]["i"] if c[b] else None), (c[w][0]["i"] if c[w] else None)) for c in cols]
        pairs = [p for p in pairs if p != (None, None)]
        out[s] = _opcodes(pairs, toks[base], toks[s])
    return out


def _opcodes(pairs, a, b):
    """Aligned pairs → difflib-style opcodes: equal where the keys agree, blocks in between."""
    ops, i, j = [], 0, 0
    block = None
    for x, y in pairs + [("end", "end")]:
        equal = x not in (None, "end") and y not in (None, "end") and a[x].key == b[y].key
        if equal or x == "end":
            if block is not None:
                i1, j1 = block
                tag = "replace" if i > i1 and j > j1 else "delete" if i > i1 else "insert"
                ops.append((tag, i1, i, j1, j))
                block = None
            if x == "end":
                break
            if ops and ops[-1][0] == "equal":
                t, i1, _, j1, _ = ops.pop()
                ops.append(("equal", i1, i + 1, j1, j + 1))
            else:
                ops.append(("equal", i, i + 1, j, j + 1))
            i, j = i + 1, j + 1
        else:
            if block is None:
                block = (i, j)
            if x is not None:
                i += 1
            if y is not None:
                j += 1
    return ops


def site_set(base_toks, toks, ops):
    texts = {s: [t.text for t in ts] for s, ts in toks.items()}
    refined = {s: refine(o, texts[base_toks], texts[s]) for s, o in ops.items()}
    bounds = {s: Boundaries(len(texts[base_toks]), o) for s, o in refined.items()}
    out = set()
    for a, b in sites(len(texts[base_toks]), list(refined.values())):
        readings = tuple((s, "".join(texts[s][slice(*bounds[s].span(a, b))])) for s in sorted(refined))
        out.add((a, b, readings))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--timeout", type=int, default=120, help="seconds CollateX may take a paragraph")
    ap.add_argument("--json", type=Path, help="write the per-paragraph figures here")
    ap.add_argument("--limit", type=int, default=0, help="only the first N paragraphs")
    args = ap.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    files = sorted(DARWIN.glob("origin-ch1-*.txt"))
    ws = [Witness(f.stem[-4:], f.read_text(encoding="utf-8")) for f in files]
    base = ws[0].siglum
    norm = Normaliser()
    lay = {w.siglum: paragraphs(w.text) for w in ws}
    toks = {s: [tokens(p, norm) for p in layout.paras] for s, layout in lay.items()}
    keysets = {s: [frozenset(t.key for t in p) for p in ps] for s, ps in toks.items()}
    groups = [g for g in _group_paragraphs(base, [w.siglum for w in ws], keysets) if len(g) == len(ws)]
    if args.limit:
        groups = groups[: args.limit]
    rows = []
    for n, g in enumerate(groups):
        ptoks = {s: toks[s][g[s]] for s in g}
        ours = {
            s: ALIGNERS["cydifflib"]([t.key for t in ptoks[base]], [t.key for t in ptoks[s]])
            for s in ptoks
            if s != base
        }
        t0 = time.perf_counter()
        try:
            theirs = collatex_ops(ptoks, base, args.timeout)
        except Timeout:
            rows.append({"paragraph": n, "words": len(ptoks[base]), "finished": False})
            print(f"{n:3} {len(ptoks[base]):4} words  CollateX did not finish in {args.timeout} s", flush=True)
            continue
        secs = time.perf_counter() - t0
        a, b = site_set(base, ptoks, ours), site_set(base, ptoks, theirs)
        # each witness against the base alone: the aligners compared pair by pair
        pa, pb = set(), set()
        for s in ours:
            pair = {base: ptoks[base], s: ptoks[s]}
            pa |= {(s, x) for x in site_set(base, pair, {s: ours[s]})}
            pb |= {(s, x) for x in site_set(base, pair, {s: theirs[s]})}
        rows.append(
            {
                "paragraph": n,
                "words": len(ptoks[base]),
                "finished": True,
                "seconds": round(secs, 1),
                "ours": len(a),
                "collatex": len(b),
                "identical": len(a & b),
                "pairs_ours": len(pa),
                "pairs_collatex": len(pb),
                "pairs_identical": len(pa & pb),
            }
        )
        print(
            f"{n:3} {len(ptoks[base]):4} words {secs:6.1f} s  ours {len(a):3}  CollateX {len(b):3}  "
            f"identical {len(a & b):3}",
            flush=True,
        )
        if args.json:
            args.json.write_text(json.dumps(rows, indent=1))
    done = [r for r in rows if r["finished"]]
    ours = sum(r["ours"] for r in done)
    theirs = sum(r["collatex"] for r in done)
    same = sum(r["identical"] for r in done)
    print(
        f"paragraphs: {len(done)} of {len(rows)} finished; sites: ours {ours}, CollateX {theirs}, "
        f"identical {same} ({same / max(theirs, 1):.1%} of CollateX's, {same / max(ours, 1):.1%} of ours)"
    )
    po, pt, ps = (sum(r[k] for r in done) for k in ("pairs_ours", "pairs_collatex", "pairs_identical"))
    print(
        f"each witness against the base alone: ours {po}, CollateX {pt}, identical {ps} "
        f"({ps / max(pt, 1):.1%} of CollateX's, {ps / max(po, 1):.1%} of ours)"
    )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
