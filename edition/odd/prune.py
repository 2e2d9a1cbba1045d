"""Clean-up of a generated grammar: what a reference to something not in the schema means.

A customisation that leaves an element out leaves references to it in the content models of
others. The TEI's processor (and so every published TEI schema) removes such a reference —
or, where it was the only thing in its pattern, puts `empty` in its place — and then simplifies:
a choice or group left with nothing to match becomes `empty`, a repetition of nothing goes, an
element left with nothing allows nothing. A model class with no members, on the other hand, is
`notAllowed` where it is chosen from. The rules are kept here as the Consortium's schemas apply
them, so that a document is valid against a schema compiled here exactly when it is valid
against the Consortium's (tests/test_odd_agreement.py holds the compiler to that).
"""

from __future__ import annotations

from lxml import etree

from edition.odd.source import RNG

A_NS = "http://relaxng.org/ns/compatibility/annotations/1.0"

#: Patterns whose presence makes a choice, a group or an element's content worth keeping.
_MEANINGFUL = frozenset(f"{{{RNG}}}{n}" for n in ("text", "ref", "anyName", "attribute", "data", "name", "value"))
_REPEATS = frozenset(("optional", "zeroOrMore", "oneOrMore"))


def r(name: str) -> str:
    return f"{{{RNG}}}{name}"


def clean(grammar: etree._Element) -> etree._Element:
    _drop_dangling(grammar)
    out = _transform(grammar)[0]
    _drop_unreachable(out)
    return out


def _drop_dangling(grammar: etree._Element) -> None:
    """A reference to an undefined pattern goes; alone in its parent, `empty` takes its place."""
    defined = {d.get("name") for d in grammar.iter(r("define"))}
    doomed = []
    for ref in grammar.iter(r("ref")):
        if ref.get("name") in defined:
            continue
        parent = ref.getparent()
        alone = sum(1 for c in parent if isinstance(c.tag, str)) == 1
        doomed.append((ref, alone))
    for ref, alone in doomed:
        if alone:
            ref.addprevious(etree.Element(r("empty")))
        ref.getparent().remove(ref)


def _transform(el: etree._Element) -> list[etree._Element]:
    """One node after clean-up (conditions are read on the input, as the TEI's processor does)."""
    local = etree.QName(el).localname if etree.QName(el).namespace == RNG else None
    kids = [c for c in el if isinstance(c.tag, str)]
    if local in ("element", "list"):
        out = _shell(el)
        contents = [n for k in kids for n in _transform(k)]
        if any(n.tag in _MEANINGFUL or any(True for _ in n.iter(*_MEANINGFUL)) for n in contents):
            out.extend(contents)
        else:
            out.extend(n for n in contents if etree.QName(n).namespace == A_NS)
            out.append(etree.Element(r("empty")))
        return [out]
    if local == "group" and len(kids) == 1:
        return _transform(kids[0])
    if local in ("choice", "group"):
        direct = any(k.tag in (r("value"), r("name")) for k in kids)
        deep = any(True for _ in el.iter(r("ref"), r("text"), r("data")))
        if not (direct or deep):
            return [etree.Element(r("empty"))]
    if local in _REPEATS:
        if not kids:
            return []
        if len(kids) == 1:
            kid = kids[0]
            if kid.tag == r("empty"):
                return []
            if _repeated_next(el, kid):
                return []
            if kid.tag == r("zeroOrMore"):
                return _transform(kid)
            if (
                kid.tag == r("group")
                and len([k for k in kid if isinstance(k.tag, str)]) == 1
                and kid.find(r("zeroOrMore")) is not None
            ):
                return _transform(kid)
    out = _shell(el)
    for k in kids:
        out.extend(_transform(k))
    return [out]


def _shell(el: etree._Element) -> etree._Element:
    out = etree.Element(el.tag, dict(el.attrib), nsmap=el.nsmap)
    if not any(isinstance(c.tag, str) for c in el):
        out.text = el.text
    return out


def _repeated_next(el: etree._Element, kid: etree._Element) -> bool:
    """`x?` (or `x*`, `x+`) just before a pattern that repeats `x` too: the TEI's processor drops it."""
    if kid.tag != r("ref"):
        return False
    nxt = el.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):
        nxt = nxt.getnext()
    if nxt is None:
        return False
    inner = [c for c in nxt if isinstance(c.tag, str)]
    if len(inner) != 1:
        return False
    name = kid.get("name")
    only = inner[0]
    if any(c.tag == r("ref") and c.get("name") == name for c in only):
        return True
    if only.tag == r("group"):
        group_kids = [c for c in only if isinstance(c.tag, str)]
        if len(group_kids) == 1 and any(c.tag == r("ref") and c.get("name") == name for c in group_kids[0]):
            return True
    return False


def _drop_unreachable(grammar: etree._Element) -> None:
    """Defines no path from the start reaches: they change nothing and make the schema long."""
    defines: dict[str, list[etree._Element]] = {}
    for d in grammar.iter(r("define")):
        defines.setdefault(d.get("name"), []).append(d)
    todo = [ref.get("name") for s in grammar.iter(r("start")) for ref in s.iter(r("ref"))]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for d in defines.get(name, []):
            todo += [ref.get("name") for ref in d.iter(r("ref"))]
    for name, ds in defines.items():
        if name not in seen:
            for d in ds:
                d.getparent().remove(d)
