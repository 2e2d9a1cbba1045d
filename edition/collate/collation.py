"""The collation itself: witnesses → paragraph groups → variant sites with classified readings.

The base witness is the spine. Every other witness's paragraphs are paired with the base's
(`align.match_paragraphs`); a paragraph the base lacks joins the paragraphs other witnesses add at
the same place when they are versions of one another. Within each group the words are aligned
against the group's lemma witness (the base where it has the paragraph), and the sites where any
witness differs become `App`s whose readings name their witnesses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from edition.collate.align import ALIGNERS, Boundaries, match_paragraphs, refine, sites
from edition.collate.tokenise import KINDS, Normaliser, Token, paragraphs, tokens


@dataclass(frozen=True)
class Witness:
    siglum: str  # as the editor writes it: "1859", "A"
    text: str  # the witness's text, exactly
    description: str = ""
    date: str = ""
    source: str = ""  # the file it was read from
    fragmentary: bool = False  # paragraphs it lacks are lost (a lacuna), not left out


@dataclass(frozen=True)
class Reading:
    text: str
    wits: tuple[str, ...]  # sigla, in witness order
    kind: str | None = None  # against the lemma; None for the lemma itself


@dataclass(frozen=True)
class App:
    """One variant site: the lemma's reading first when `lemma` (the base has the passage)."""

    readings: tuple[Reading, ...]
    lemma: bool
    kind: str  # the most significant kind among the readings

    def dissent(self) -> int:
        """How many witnesses read otherwise than the first reading."""
        return sum(len(r.wits) for r in self.readings[1:])


Segment = str | App


@dataclass
class Group:
    """One paragraph as the witnesses that have it give it."""

    wits: tuple[str, ...]  # the witnesses that have it, in witness order
    leads: dict[str, str]  # siglum → the whitespace before it in that witness
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Collation:
    witnesses: tuple[Witness, ...]
    base: str
    groups: list[Group]
    tails: dict[str, str]  # siglum → the whitespace after its last paragraph
    normaliser: Normaliser

    @property
    def sigla(self) -> tuple[str, ...]:
        return tuple(w.siglum for w in self.witnesses)

    def apps(self):
        for g in self.groups:
            for s in g.segments:
                if isinstance(s, App):
                    yield s


def collate(
    witnesses: Sequence[Witness],
    *,
    base: str | None = None,
    normaliser: Normaliser = Normaliser(),
    aligner: str = "cydifflib",
) -> Collation:
    """Collate witnesses (the first is the base unless `base` names another)."""
    if len({w.siglum for w in witnesses}) != len(witnesses):
        raise ValueError("two witnesses have the same siglum")
    witnesses = tuple(witnesses)
    base = base or witnesses[0].siglum
    order = {w.siglum: k for k, w in enumerate(witnesses)}
    layouts = {w.siglum: paragraphs(w.text) for w in witnesses}
    toks = {s: [tokens(p, normaliser) for p in lay.paras] for s, lay in layouts.items()}
    keysets = {s: [frozenset(t.key for t in para) for para in paras] for s, paras in toks.items()}
    layout_groups = _group_paragraphs(base, [w.siglum for w in witnesses], keysets)
    align = ALIGNERS[aligner]
    groups: list[Group] = []
    for members in layout_groups:
        wits = tuple(sorted(members, key=order.__getitem__))
        group = Group(wits, {s: layouts[s].leads[members[s]] for s in wits})
        lemma = base if base in members else wits[0]
        group.segments = _collate_tokens(
            lemma, wits, {s: toks[s][members[s]] for s in wits}, align, normaliser, has_lemma=lemma == base
        )
        groups.append(group)
    return Collation(witnesses, base, groups, {s: layouts[s].tail for s in order}, normaliser)


def _group_paragraphs(base: str, sigla: list[str], keysets: dict[str, list[frozenset[str]]]) -> list[dict[str, int]]:
    """The paragraph groups in reading order, each a map siglum → paragraph index."""
    n = len(keysets[base])
    spine: list[dict[str, int]] = [{base: i} for i in range(n)]
    slots: list[list[dict[str, int]]] = [[] for _ in range(n + 1)]  # added before base para k
    for s in sigla:
        if s == base:
            continue
        extras: dict[int, list[int]] = {}
        slot = 0
        for i, j in match_paragraphs(keysets[base], keysets[s]):
            if i is not None and j is not None:
                spine[i][s] = j
                slot = i + 1
            elif j is not None:
                extras.setdefault(slot, []).append(j)
            elif i is not None:
                slot = i + 1
        for k, js in extras.items():
            slots[k] = _merge_extras(slots[k], s, js, keysets)
    out: list[dict[str, int]] = []
    for k in range(n + 1):
        out.extend(slots[k])
        if k < n:
            out.append(spine[k])
    return out


def _merge_extras(
    groups: list[dict[str, int]], siglum: str, js: list[int], keysets: dict[str, list[frozenset[str]]]
) -> list[dict[str, int]]:
    """Join a witness's added paragraphs to those other witnesses add at the same place."""
    if not groups:
        return [{siglum: j} for j in js]

    def keys(g: dict[str, int]) -> frozenset[str]:
        s, i = next(iter(g.items()))
        return keysets[s][i]

    out: list[dict[str, int]] = []
    for gi, k in match_paragraphs([keys(g) for g in groups], [keysets[siglum][j] for j in js]):
        if gi is not None:
            if k is not None:
                groups[gi][siglum] = js[k]
            out.append(groups[gi])
        else:
            out.append({siglum: js[k]})
    return out


def _collate_tokens(
    lemma: str, wits: tuple[str, ...], toks: dict[str, list[Token]], align, normaliser: Normaliser, *, has_lemma: bool
) -> list[Segment]:
    base = toks[lemma]
    base_keys = [t.key for t in base]
    base_text = [t.text for t in base]
    others = [s for s in wits if s != lemma]
    ops = {}
    for s in others:
        key_ops = align(base_keys, [t.key for t in toks[s]])
        ops[s] = refine(key_ops, base_text, [t.text for t in toks[s]])
    bounds = {s: Boundaries(len(base), ops[s]) for s in others}
    segments: list[Segment] = []
    pos = 0
    for a, b in sites(len(base), list(ops.values())):
        if pos < a:
            segments.append("".join(base_text[pos:a]))
        lemma_text = "".join(base_text[a:b])
        texts = {lemma: lemma_text}
        for s in others:
            j1, j2 = bounds[s].span(a, b)
            texts[s] = "".join(t.text for t in toks[s][j1:j2])
        segments.append(make_app(lemma, wits, texts, normaliser, has_lemma=has_lemma))
        pos = b
    if pos < len(base):
        segments.append("".join(base_text[pos:]))
    return segments


def make_app(
    lemma: str, wits: tuple[str, ...], texts: dict[str, str], normaliser: Normaliser, *, has_lemma: bool
) -> App:
    """The readings of one site, grouped by identical text, the lemma's first."""
    by_text: dict[str, list[str]] = {texts[lemma]: []}
    for s in wits:
        by_text.setdefault(texts[s], []).append(s)
    lemma_text = texts[lemma]
    readings = [
        Reading(t, tuple(ws), None if t == lemma_text else normaliser.classify(lemma_text, t))
        for t, ws in by_text.items()
    ]
    kinds = [r.kind for r in readings if r.kind]
    kind = max(kinds, key=KINDS.index) if kinds else "punctuation"
    return App(tuple(readings), has_lemma, kind)
