"""Content models and datatypes of TEI specs as RELAX NG patterns.

Pure ODD (`sequence`, `alternate`, `elementRef`, `classRef`, `macroRef`, `dataRef`, `anyElement`,
`textNode`, `empty`, with `@minOccurs`/`@maxOccurs`) and the older RELAX NG embedded in `content`
both become RELAX NG here. A reference keeps the name of what it points to even when that is not
in the schema: the clean-up (edition.odd.prune) decides what a dangling reference becomes, as the
TEI's own processor does, so that a customisation means the same here as there.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable

from lxml import etree
from lxml.builder import ElementMaker

from edition.errors import OddError
from edition.odd.resolve import Resolved
from edition.odd.source import RNG, TEI, t

R = ElementMaker(namespace=RNG, nsmap={None: RNG})
A_NS = "http://relaxng.org/ns/compatibility/annotations/1.0"
EXAMPLES_NS = "http://www.tei-c.org/ns/Examples"

#: The ways a model class can be expanded in place (`classRef/@expand`), with the suffix of the
#: pattern that holds the expansion.
EXPANSIONS = ("alternation", "sequence", "sequenceOptional", "sequenceOptionalRepeatable", "sequenceRepeatable")
_SUFFIX = re.compile(r"_(alternation|sequenceOptionalRepeatable|sequenceOptional|sequenceRepeatable|sequence)$")

#: Beyond this many repetitions of a bounded `@maxOccurs`, a pattern allows any number (as the
#: TEI's processor does): deterministic optionals nested 400 deep are of no use to anyone.
MAX_UNROLL = 400

UNBOUNDED = -1


def rng(name: str) -> str:
    return f"{{{RNG}}}{name}"


def occurs(el: etree._Element) -> tuple[int, int]:
    """(@minOccurs, @maxOccurs) as integers, -1 for unbounded; both default to 1."""
    try:
        low = int(el.get("minOccurs") or "1")
        raw = el.get("maxOccurs") or "1"
        high = UNBOUNDED if raw == "unbounded" else int(raw)
    except ValueError:
        raise OddError(
            f"<{etree.QName(el).localname} key={el.get('key')!r}>: minOccurs/maxOccurs must be counts (or 'unbounded')"
        ) from None
    if high != UNBOUNDED and high < low:
        raise OddError(f"<{etree.QName(el).localname} key={el.get('key')!r}>: maxOccurs is less than minOccurs")
    return low, high


def wrapper(low: int, high: int) -> str:
    """The RELAX NG element that says a count, or "" where none does."""
    if low == 0 and high == 1:
        return "optional"
    if low >= 1 and high == UNBOUNDED:
        return "oneOrMore"
    if low == 0 and high == UNBOUNDED:
        return "zeroOrMore"
    return ""


class Patterns:
    """Turns the parts of resolved specs into patterns, naming references as the grammar defines them."""

    def __init__(self, resolved: Resolved) -> None:
        self.resolved = resolved
        self.specs = resolved.specs
        self.prefix = resolved.prefix
        self._members: dict[str, list[etree._Element]] | None = None

    # ----------------------------------------------------------------- names

    def name(self, key: str) -> str:
        """The pattern name of a reference: prefixed where the thing is a spec of this schema."""
        base = _SUFFIX.sub("", key)
        if self.prefix and base in self.specs and not key.startswith(self.prefix):
            return self.prefix + key
        return key

    def members(self, class_ident: str) -> list[etree._Element]:
        """The specs that are members of a class, in declaration order."""
        if self._members is None:
            table: dict[str, list[etree._Element]] = {}
            order = self.resolved.order
            for ident in sorted(self.specs, key=lambda i: order.get(i, 1 << 30)):
                spec = self.specs[ident]
                if spec.tag not in (t("elementSpec"), t("classSpec")):
                    continue
                for member in spec.iter(t("memberOf")):
                    table.setdefault(member.get("key"), []).append(spec)
            self._members = table
        return self._members.get(class_ident, [])

    def member_patterns(self, spec: etree._Element, class_ident: str, suffix: str) -> list[etree._Element]:
        """One member of a class as it appears in the class's pattern (or an expansion of it)."""
        ident = spec.get("ident")
        if spec.tag == t("classSpec"):
            return [R.ref(name=self.name(ident + (f"_{suffix}" if suffix else "")))]
        member = next((m for m in spec.iter(t("memberOf")) if m.get("key") == class_ident), None)
        low_raw = member.get("min") if member is not None else None
        high_raw = member.get("max") if member is not None else None
        low = int(low_raw) if low_raw and low_raw.isdigit() else 1
        out = [R.ref(name=self.name(ident)) for _ in range(low)]
        if high_raw == "unbounded":
            out.append(R.zeroOrMore(R.ref(name=self.name(ident))))
        else:
            high = int(high_raw) if high_raw and high_raw.isdigit() else 1
            out += [R.optional(R.ref(name=self.name(ident))) for _ in range(low + 1, high + 1)]
        return out

    # ----------------------------------------------------------------- content

    def content(self, content: etree._Element | None, owner: str) -> list[etree._Element]:
        """The patterns of a `content` element (nothing: an empty list)."""
        if content is None:
            return []
        out: list[etree._Element] = []
        for child in _simplified_rng(content):
            out += self.node(child, owner)
        return out

    def node(self, el: etree._Element, owner: str) -> list[etree._Element]:
        if not isinstance(el.tag, str):
            return []
        qname = etree.QName(el)
        if qname.namespace == RNG:
            return self._rng(el, owner)
        if qname.namespace != TEI:
            return []
        handler = getattr(self, f"_tei_{qname.localname}", None)
        return handler(el, owner) if handler else []

    def _children(self, el: etree._Element, owner: str) -> list[etree._Element]:
        out: list[etree._Element] = []
        for child in el:
            out += self.node(child, owner)
        return out

    def _tei_sequence(self, el, owner):
        low, high = occurs(el)
        kind = "group" if any(c.tag != t("dataRef") for c in el if isinstance(c.tag, str)) else "list"
        inner = self._children(el, owner)
        if el.get("preserveOrder") == "false" and (low, high) == (1, 1):
            return [R(kind, R.interleave(*inner))]
        return repeat([R(kind, *inner)], low, high)

    def _tei_alternate(self, el, owner):
        return repeat([R.choice(*self._children(el, owner))], *occurs(el))

    def _tei_textNode(self, el, owner):
        return [R.text()]

    def _tei_empty(self, el, owner):
        return [R.empty()]

    def _tei_anyElement(self, el, owner):
        owe = wrapper(*occurs(el))
        ref = R.ref(name=f"anyElement-{owner}")
        return [R(owe, ref)] if owe else [ref]

    def _tei_valList(self, el, owner):
        return [values_choice(el)]

    def _tei_dataRef(self, el, owner):
        return self.data(el)

    def _tei_elementRef(self, el, owner):
        return self._reference(el)

    _tei_classRef = _tei_elementRef
    _tei_macroRef = _tei_elementRef

    def _reference(self, el: etree._Element) -> list[etree._Element]:
        key = el.get("key") or ""
        expand = el.get("expand")
        include = set((el.get("include") or "").split())
        exclude = set((el.get("except") or "").split())

        def kept(spec):
            ident = spec.get("ident")
            return ident in include if include else ident not in exclude

        if el.tag == t("classRef") and not expand and (include or exclude):
            body = [p for m in self.members(key) if kept(m) for p in self.member_patterns(m, key, "")]
        elif el.tag != t("classRef") or not expand:
            body = [R.ref(name=self.name(key))]
        else:
            members = [m for m in self.members(key) if kept(m)]
            parts = [self.member_patterns(m, key, expand) for m in members]
            if expand == "sequence":
                body = [p for part in parts for p in part]
            elif expand == "sequenceOptional":
                body = [R.optional(*part) for part in parts]
            elif expand == "sequenceRepeatable":
                body = [R.oneOrMore(*part) for part in parts]
            elif expand == "sequenceOptionalRepeatable":
                body = [R.zeroOrMore(*part) for part in parts]
            else:
                body = [R.choice(*[p for part in parts for p in part])]
        return repeat(body, *occurs(el))

    # ----------------------------------------------------------------- embedded RELAX NG

    def _rng(self, el: etree._Element, owner: str) -> list[etree._Element]:
        local = etree.QName(el).localname
        kids = [c for c in el if isinstance(c.tag, str)]
        if local == "ref":
            return [R.ref(name=self.name(el.get("name") or ""))]
        if local == "zeroOrMore":
            previous = el.getprevious()
            while previous is not None and not isinstance(previous.tag, str):
                previous = previous.getprevious()
            if (
                _refers(el, "model.global")
                and previous is not None
                and previous.tag == rng("zeroOrMore")
                and _refers(previous, "model.global")
            ):
                return []
            if len(kids) == 1 and kids[0].tag == rng("zeroOrMore"):
                return self._children(el, owner)
        if local == "choice" and len([k for k in kids if etree.QName(k).namespace == RNG]) == 1:
            return self._children(el, owner)
        out = R(local, **{k: v for k, v in el.attrib.items() if not k.startswith("{")})
        out.text = el.text if not kids else None
        for child in self._children(el, owner):
            out.append(child)
        return [out]

    # ----------------------------------------------------------------- datatypes

    def data(self, el: etree._Element, restriction: str | None = None) -> list[etree._Element]:
        """A `dataRef`: a datatype of the XSD library, or the content of a `dataSpec`, inlined."""
        if el.get("name"):
            data = R.data(type=el.get("name"))
            facets = el.findall(t("dataFacet"))
            if facets:
                for facet in facets:
                    data.append(R.param(facet.get("value") or "", name=facet.get("name")))
            elif el.get("restriction") or restriction:
                data.append(R.param(el.get("restriction") or restriction, name="pattern"))
            return [data]
        key = el.get("key")
        spec = self.specs.get(key or "")
        if spec is None or spec.tag != t("dataSpec"):
            return []
        content = spec.find(t("content"))
        out: list[etree._Element] = []
        for child in content if content is not None else []:
            if isinstance(child.tag, str) and child.tag == t("dataRef"):
                out += self.data(child, el.get("restriction"))
            else:
                out += self.node(child, key)
        return out

    def datatype(self, datatype: etree._Element | None) -> list[etree._Element]:
        out: list[etree._Element] = []
        for child in datatype if datatype is not None else []:
            out += self.node(child, "datatype")
        return out


def values_choice(val_list: etree._Element) -> etree._Element:
    """A closed list of values as a choice of `value`s (an item's `altIdent` is its value if given)."""
    choice = R.choice()
    for item in val_list.findall(t("valItem")):
        choice.append(R.value(item_value(item)))
    return choice


def item_value(item: etree._Element) -> str:
    alt = item.find(t("altIdent"))
    return " ".join(alt.text.split()) if alt is not None and alt.text else item.get("ident") or ""


def repeat(body: list[etree._Element], low: int, high: int) -> list[etree._Element]:
    """`body` said `low` to `high` times, as the TEI's processor unrolls counts."""
    if (low, high) == (1, 1):
        return body
    if low in (0, 1) and high in (1, UNBOUNDED):
        return [R(wrapper(low, high), *body)]
    group = R.group()
    if low == 0:
        group.append(R.optional(*_copies(body)))
    else:
        for _ in range(min(low, MAX_UNROLL)):
            group.extend(_copies(body))
    count = high - low
    if high == UNBOUNDED or count >= MAX_UNROLL:
        group.append(R.zeroOrMore(*_copies(body)))
    elif count > 0:
        nested = None
        for _ in range(count):
            optional = R.optional(*_copies(body))
            if nested is not None:
                optional.append(nested)
            nested = optional
        group.append(nested)
    return [group]


def _copies(body: Iterable[etree._Element]) -> list[etree._Element]:
    return [copy.deepcopy(b) for b in body]


def _refers(el: etree._Element, name: str) -> bool:
    return any(c.tag == rng("ref") and c.get("name") == name for c in el)


def _simplified_rng(content: etree._Element) -> list[etree._Element]:
    """The children of a `content`, with the TEI processor's simplifications of embedded RELAX NG.

    An `optional` around a lone `zeroOrMore` or `oneOrMore`, or around exactly two `zeroOrMore`s,
    and a pattern around a lone pattern of its own kind, give way to what they hold. (An optional
    `oneOrMore` thereby becomes required: that is what the Consortium's schemas say, and a
    customisation must mean the same here.)"""
    work = copy.deepcopy(content)
    for el in list(work.iter(f"{{{RNG}}}*")):
        if el.getparent() is None:
            continue
        kids = [c for c in el if isinstance(c.tag, str)]
        local = etree.QName(el).localname
        unwrap = (
            (local == "optional" and len(kids) == 2 and all(k.tag == rng("zeroOrMore") for k in kids))
            or (len(kids) == 1 and etree.QName(kids[0]).localname == local and kids[0].tag == el.tag)
            or (local == "optional" and len(kids) == 1 and kids[0].tag in (rng("zeroOrMore"), rng("oneOrMore")))
        )
        if unwrap:
            parent = el.getparent()
            index = parent.index(el)
            parent.remove(el)
            for offset, kid in enumerate(kids):
                parent.insert(index + offset, kid)
    return [c for c in work if isinstance(c.tag, str)]
