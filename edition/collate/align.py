"""Alignment: paragraphs first (the anchors), then words within each pair of paragraphs.

Words are aligned by their keys with a longest-matching-block diff (difflib's algorithm, compiled
in `cydifflib`; chosen by measurement, see bench/RESULTS.md), which keeps agreeing runs long and
variant sites whole. Paragraphs are matched by the words they share, with a dynamic programme held
to a band around the diagonal: the cost grows with the length of the text, not with its square.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence

try:  # the same algorithm and output as difflib, ten times faster
    import cydifflib as _fast_difflib
except ImportError:  # pragma: no cover — a pure-Python fallback, same output
    _fast_difflib = None

Opcode = tuple[str, int, int, int, int]


def _difflib(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def _cydifflib(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    if _fast_difflib is None:
        return _difflib(a, b)
    return _fast_difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def _rapidfuzz(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    from rapidfuzz.distance import Indel

    return [(op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end) for op in Indel.opcodes(a, b)]


#: The word aligners, by name: the bench compares them; `cydifflib` is the default (a dependency).
#: `rapidfuzz` is not a dependency: it is there to be measured (`pip install rapidfuzz` first).
ALIGNERS: dict[str, Callable[[Sequence[str], Sequence[str]], list[Opcode]]] = {
    "cydifflib": _cydifflib,
    "difflib": _difflib,
    "rapidfuzz": _rapidfuzz,
}

#: Two paragraphs are versions of one another when they share at least this share of their words.
SIMILAR = 0.3
#: The band of the paragraph programme: this many paragraphs beyond the difference in counts.
BAND = 12


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice's coefficient of two paragraphs' sets of word keys."""
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


def match_paragraphs(a: Sequence[frozenset[str]], b: Sequence[frozenset[str]]) -> list[tuple[int | None, int | None]]:
    """Pair the paragraphs of two witnesses, in order: (i, j) for versions of one paragraph,
    (i, None) and (None, j) for a paragraph only one has. The pairing maximises the summed
    similarity of the pairs (each at least `SIMILAR`), searched in a band around the diagonal."""
    n, m = len(a), len(b)
    band = BAND + abs(n - m)
    NEG = float("-inf")
    score: dict[tuple[int, int], float] = {}
    move: dict[tuple[int, int], int] = {}

    for i in range(n + 1):
        centre = i * m // n if n else 0
        lo, hi = (max(0, centre - band), min(m, centre + band)) if n else (0, m)
        if i == n:
            hi = m
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                score[0, 0] = 0.0
                continue
            best, how = NEG, 0
            if i and score.get((i - 1, j), NEG) > best:
                best, how = score[i - 1, j], 1
            if j and score.get((i, j - 1), NEG) > best:
                best, how = score[i, j - 1], 2
            if i and j and (i - 1, j - 1) in score:
                s = similarity(a[i - 1], b[j - 1])
                if s >= SIMILAR and score[i - 1, j - 1] + s > best:
                    best, how = score[i - 1, j - 1] + s, 3
            if best > NEG:
                score[i, j], move[i, j] = best, how
    pairs: list[tuple[int | None, int | None]] = []
    i, j = n, m
    if (n, m) not in score:  # the band missed the corner: nothing matched
        return [(k, None) for k in range(n)] + [(None, k) for k in range(m)]
    while i or j:
        how = move[i, j]
        if how == 3:
            i, j = i - 1, j - 1
            pairs.append((i, j))
        elif how == 1:
            i -= 1
            pairs.append((i, None))
        else:
            j -= 1
            pairs.append((None, j))
    pairs.reverse()
    return pairs


def refine(ops: list[Opcode], a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """Split the equal runs of a key alignment where the surfaces differ (a comma, a capital):
    each such token becomes a one-token replacement, so that every difference is a site."""
    out: list[Opcode] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag != "equal":
            out.append((tag, i1, i2, j1, j2))
            continue
        run = i1
        for k in range(i1, i2):
            if a[k] != b[j1 + k - i1]:
                if run < k:
                    out.append(("equal", run, k, j1 + run - i1, j1 + k - i1))
                out.append(("replace", k, k + 1, j1 + k - i1, j1 + k - i1 + 1))
                run = k + 1
        if run < i2:
            out.append(("equal", run, i2, j1 + run - i1, j2))
    return _coalesce(out)


def _coalesce(ops: list[Opcode]) -> list[Opcode]:
    """Join blocks that touch into one: a token that differs only in its punctuation, next to a
    word the witness changes, adds or leaves out, is part of that one variant."""
    out: list[Opcode] = []
    for op in ops:
        if out and op[0] != "equal" and out[-1][0] != "equal":
            _, i1, _, j1, _ = out.pop()
            i2, j2 = op[2], op[4]
            op = ("replace" if i2 > i1 and j2 > j1 else "delete" if i2 > i1 else "insert", i1, i2, j1, j2)
        out.append(op)
    return out


class Boundaries:
    """Where each position between the lemma's tokens falls in a witness: `left[i]` before and
    `right[i]` after whatever the witness inserts there. Positions inside a block the witness
    replaces or omits have none (a site always covers them)."""

    def __init__(self, n: int, ops: list[Opcode]) -> None:
        left: list[int | None] = [None] * (n + 1)
        right: list[int | None] = [None] * (n + 1)
        for tag, i1, i2, j1, j2 in ops:
            if tag == "equal":
                for k in range(i1, i2 + 1):
                    if left[k] is None:
                        left[k] = j1 + k - i1
                    right[k] = j1 + k - i1
            elif tag == "insert":
                if left[i1] is None:
                    left[i1] = j1
                right[i1] = j2
            else:  # replace, delete
                if left[i1] is None:
                    left[i1] = j1
                right[i1] = j1
                left[i2] = right[i2] = j2
        if n == 0 and left[0] is None:  # nothing aligned: an empty lemma
            left[0] = right[0] = 0
        self.left, self.right = left, right

    def span(self, a: int, b: int) -> tuple[int, int]:
        """The witness's tokens for the lemma's tokens a..b (a == b: what it inserts at a)."""
        if a == b:
            return self.left[a], self.right[a]
        return self.right[a], self.left[b]


def sites(n: int, alignments: Sequence[list[Opcode]]) -> list[tuple[int, int]]:
    """The variant sites of a lemma of `n` tokens against several witnesses' alignments: the
    blocks where some witness differs, merged where they overlap; an insertion is a site of its
    own (a, a) unless it falls strictly inside another site."""
    blocks = sorted((i1, i2) for ops in alignments for tag, i1, i2, _, _ in ops if tag != "equal" and i1 < i2)
    merged: list[list[int]] = []
    for a, b in blocks:
        if merged and a < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    points = sorted({i1 for ops in alignments for tag, i1, i2, _, _ in ops if tag == "insert"})
    out = [(a, b) for a, b in merged]
    k = 0
    for p in points:
        while k < len(merged) and merged[k][1] <= p:
            k += 1
        if k < len(merged) and merged[k][0] < p < merged[k][1]:
            continue
        out.append((p, p))
    out.sort(key=lambda s: (s[0], s[1]))
    return out
