"""A collation → TEI parallel segmentation: `listWit` in the header, `variantEncoding`, and in the
text `app` / `lem` / `rdg @wit @type` wherever the witnesses differ.

A fragmentary witness (`Witness.fragmentary`) does not read the paragraphs it lacks: it is named in
no reading of them; `witStart` marks where its text begins (when not with the first paragraph),
`witEnd` where it ends (when not with the last), and `lacunaStart` / `lacunaEnd` a run of
paragraphs lost between — each in an `app` of its own whose one reading is that witness's.

The whitespace that parts paragraphs is kept as each witness has it: where the witnesses agree it
stands between the `<p>`s; where they differ it is itself a site (`app type="punctuation"`); a
paragraph that only some witnesses have is an `app` at the level of the paragraphs whose reading
holds the whitespace before it and the `<p>`, the others' reading empty. So the text of every
witness comes back from the TEI exactly (`edition.collate.text.witness_text`).
"""

from __future__ import annotations

import re

from lxml import etree

from edition.collate.collation import App, Collation, Group, Reading, make_app
from edition.xmlio import XML_ID, T

_CONTROL = re.compile(r"([\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff])")
_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


def witness_ids(sigla) -> dict[str, str]:
    """Siglum → the xml:id of its `witness` (`1859` → `w1859`; a siglum that is a name stays)."""
    ids: dict[str, str] = {}
    for s in sigla:
        ident = s if _NCNAME.fullmatch(s) else "w" + re.sub(r"[^A-Za-z0-9_.-]", "-", s)
        if ident in ids.values():
            raise ValueError(f"the sigla give the same id {ident!r}: choose others")
        ids[s] = ident
    return ids


def to_tei(collation: Collation, *, title: str = "") -> etree._Element:
    ids = witness_ids(collation.sigla)
    ref = {s: "#" + i for s, i in ids.items()}
    div = T.div(type="section")
    builder = _Builder(collation, ref)
    spans = _fragment_spans(collation)
    for k, group in enumerate(collation.groups):
        for s, (first, last) in spans.items():  # markers before the paragraph
            if k == first and k > 0:
                div.append(builder.marker(s, "witStart"))
            elif first < k <= last and s not in group.wits and s in collation.groups[k - 1].wits:
                div.append(builder.marker(s, "lacunaStart"))
            elif first < k <= last and s in group.wits and s not in collation.groups[k - 1].wits:
                div.append(builder.marker(s, "lacunaEnd"))
        builder.group(div, group, unread={s for s in spans if s not in group.wits})
        for s, (_first, last) in spans.items():
            if k == last and k < len(collation.groups) - 1:
                div.append(builder.marker(s, "witEnd"))
    builder.whitespace(div, collation.tails, collation.sigla)
    header = _header(collation, ids, title)
    return T.TEI(header, T.text(T.body(div)))


def _header(collation: Collation, ids: dict[str, str], title: str) -> etree._Element:
    witnesses = []
    # the base first: readers (and the HTML edition) take the first witness for the base text
    for w in sorted(collation.witnesses, key=lambda w: w.siglum != collation.base):
        el = T.witness(w.description or w.siglum, n=w.siglum)
        el.set(XML_ID, ids[w.siglum])
        witnesses.append(el)
    rules = collation.normaliser.rules
    norm = (
        "Readings that differ only in spaces and punctuation are typed punctuation; "
        "those that differ only in "
        + (
            "case and in these spellings: " + "; ".join(f"{r.pattern} → {r.replace}" for r in rules)
            if rules
            else "case"
        )
        + " are typed orthographic; all others substantive."
    )
    return T.teiHeader(
        T.fileDesc(
            T.titleStmt(T.title(title or f"Collation of {len(collation.witnesses)} witnesses")),
            T.publicationStmt(T.p(f"Collated with the edition toolkit; base text: {collation.base}.")),
            T.sourceDesc(T.listWit(*witnesses)),
        ),
        T.encodingDesc(
            T.variantEncoding(method="parallel-segmentation", location="internal"),
            T.editorialDecl(T.normalization(T.p(norm))),
        ),
    )


def _fragment_spans(collation: Collation) -> dict[str, tuple[int, int]]:
    """Fragmentary witness → the indices of the first and the last paragraph group it reads."""
    spans = {}
    for w in collation.witnesses:
        if w.fragmentary:
            ks = [k for k, g in enumerate(collation.groups) if w.siglum in g.wits]
            spans[w.siglum] = (ks[0], ks[-1]) if ks else (len(collation.groups), -1)
    return spans


class _Builder:
    def __init__(self, collation: Collation, ref: dict[str, str]) -> None:
        self.c = collation
        self.ref = ref
        self.all = collation.sigla

    def wit(self, sigla) -> str:
        return " ".join(self.ref[s] for s in sigla)

    def marker(self, siglum: str, name: str) -> etree._Element:
        """An app of one reading, a fragmentary witness's: where its text begins, ends, or is lost."""
        return T.app(T.rdg(getattr(T, name)(), wit=self.ref[siglum]))

    def group(self, div: etree._Element, group: Group, unread: set[str] = frozenset()) -> None:
        p = T.p()
        for seg in group.segments:
            if isinstance(seg, App):
                _append_element(p, self.app(seg))
            else:
                _append_text(p, seg)
        if group.wits == self.all:
            self.whitespace(div, group.leads, group.wits)
            div.append(p)
            return
        absent = tuple(s for s in self.all if s not in group.wits and s not in unread)
        present = T.lem() if self.c.base in group.wits else T.rdg()
        present.set("wit", self.wit(group.wits))
        self.whitespace(present, group.leads, group.wits)
        present.append(p)
        app = T.app(present, type="substantive")
        if absent:
            app.append(T.rdg(wit=self.wit(absent), type="substantive"))
        div.append(app)

    def whitespace(self, parent: etree._Element, by_witness: dict[str, str], sigla) -> None:
        """The whitespace before a paragraph (or after the last): text where the witnesses
        agree, a site where they do not."""
        texts = {s: by_witness[s] for s in sigla}
        if len(set(texts.values())) == 1:
            _append_text(parent, texts[sigla[0]])
            return
        lemma = self.c.base if self.c.base in texts else sigla[0]
        app = make_app(lemma, tuple(sigla), texts, self.c.normaliser, has_lemma=lemma == self.c.base)
        _append_element(parent, self.app(app))

    def app(self, app: App) -> etree._Element:
        el = T.app(type=app.kind)
        for k, r in enumerate(app.readings):
            el.append(self.reading(r, lemma=app.lemma and k == 0))
        return el

    def reading(self, r: Reading, *, lemma: bool) -> etree._Element:
        el = T.lem() if lemma else T.rdg()
        el.set("wit", self.wit(r.wits))
        if r.kind:
            el.set("type", r.kind)
        _append_text(el, r.text)
        return el


def _append_element(parent: etree._Element, child: etree._Element) -> None:
    parent.append(child)


def _append_text(parent: etree._Element, text: str) -> None:
    """Text at the end of `parent`'s content; characters XML cannot hold become `g type="control"`."""
    for piece in _CONTROL.split(text):
        if not piece:
            continue
        if _CONTROL.fullmatch(piece):
            parent.append(T.g(type="control", n=f"U+{ord(piece):04X}"))
            continue
        try:
            last = parent[-1]  # constant time (len() walks every child)
        except IndexError:
            last = None
        if last is None:
            parent.text = (parent.text or "") + piece
        else:
            last.tail = (last.tail or "") + piece
