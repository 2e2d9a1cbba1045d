"""Attributes: attribute definitions as patterns, and which attributes an element ends up with.

An element has its own attributes and those of the attribute classes it is a member of. Where it
redefines a class attribute (`attDef` with the class attribute's ident, in any mode), the class is
not referenced as a whole: each of its attributes (and its superclasses') is referenced one by
one, except the redefined ones, which the element defines itself — changed (merged with the
class's definition), replaced, or deleted.
"""

from __future__ import annotations

from lxml import etree

from edition.odd.merge import merge_attdef, mode
from edition.odd.patterns import Patterns, R, values_choice
from edition.odd.source import XML, t


def attribute_name(att: etree._Element) -> str:
    alt = att.find(t("altIdent"))
    if alt is not None and alt.text:
        return " ".join(alt.text.split())
    ident = att.get("ident") or ""
    return f"xml:{ident}" if att.get("ns") == XML and ":" not in ident else ident


def attribute_pattern(att: etree._Element, patterns: Patterns) -> etree._Element:
    """`attribute` (required) or `optional(attribute)`, with the values the definition allows."""
    attribute = R.attribute(name=attribute_name(att))
    if att.get("ns") and att.get("ns") != XML:
        attribute.set("ns", att.get("ns"))
    datatype = att.find(t("datatype"))
    low, high = _counts(datatype)
    single = (
        datatype is None or high == 1 or any(c.tag == "{http://relaxng.org/ns/structure/1.0}text" for c in datatype)
    )
    if single:
        attribute.extend(_values(att, patterns))
    else:
        items = R.list()
        if high == -1 and low == 1:
            items.append(R.oneOrMore(*_values(att, patterns)))
        else:
            for _ in range(low):
                items.extend(_values(att, patterns))
            if high == -1:
                items.append(R.zeroOrMore(*_values(att, patterns)))
            else:
                for _ in range(low + 1, high + 1):
                    items.append(R.optional(*_values(att, patterns)))
        attribute.append(items)
    return attribute if att.get("usage") == "req" else R.optional(attribute)


def _counts(datatype: etree._Element | None) -> tuple[int, int]:
    if datatype is None:
        return 1, 1
    low = int(datatype.get("minOccurs") or "1")
    raw = datatype.get("maxOccurs") or "1"
    return low, -1 if raw == "unbounded" else int(raw)


def _values(att: etree._Element, patterns: Patterns) -> list[etree._Element]:
    """What an attribute's value may be: a closed list, a semi-open one, or its datatype."""
    val_list = att.find(t("valList"))
    kind = val_list.get("type") if val_list is not None else None
    datatype = att.find(t("datatype"))
    if kind == "closed":
        return [values_choice(val_list)]
    if kind == "semi":
        choice = values_choice(val_list)
        if datatype is None:
            choice.append(R.data(type="Name"))
        else:
            choice.extend(patterns.datatype(datatype))
        return [choice]
    if datatype is not None and len(datatype):
        return patterns.datatype(datatype)
    return [R.text()]


def att_class_name(patterns: Patterns, ident: str, attribute: str | None = None) -> str:
    if attribute is None:
        return patterns.name(ident) + ".attributes"
    return patterns.name(ident) + ".attribute." + attribute.replace(":", "")


def class_attributes(spec: etree._Element, patterns: Patterns) -> list[etree._Element]:
    """The defines of an attribute class: `X.attributes` and one `X.attribute.a` per attribute."""
    ident = spec.get("ident")
    refs = []
    for member in spec.iter(t("memberOf")):
        other = patterns.specs.get(member.get("key"))
        if other is not None and other.get("type") == "atts":
            refs.append(R.ref(name=att_class_name(patterns, other.get("ident"))))
    defines = []
    for att in spec.iter(t("attDef")):
        if mode(att) == "delete" or (att.get("ident") or "").startswith("xmlns"):
            continue
        name = att_class_name(patterns, ident, att.get("ident"))
        refs.append(R.ref(name=name))
        defines.append(R.define(attribute_pattern(att, patterns), name=name))
    for ref in spec.iter(t("attRef")):
        refs += _att_ref(ref, patterns)
    head = R.define(*(refs or [R.empty()]), name=att_class_name(patterns, ident))
    return [head, *defines]


def _att_ref(ref: etree._Element, patterns: Patterns) -> list[etree._Element]:
    cls = ref.get("class")
    if cls:
        if cls not in patterns.specs:
            return []
        return [R.ref(name=att_class_name(patterns, cls, ref.get("name")))]
    return [R.ref(name=ref.get("name"))] if ref.get("name") else []


def element_attributes(spec: etree._Element, patterns: Patterns) -> list[etree._Element]:
    """The attribute patterns of an element: its classes' (whole or one by one) and its own."""
    own_defs = list(spec.iter(t("attDef")))
    out: list[etree._Element] = []
    encountered: set[str] = set()
    for member in spec.iter(t("memberOf")):
        cls = patterns.specs.get(member.get("key"))
        if cls is None or cls.get("type") != "atts":
            continue
        if not own_defs:
            out.append(R.ref(name=att_class_name(patterns, cls.get("ident"))))
            continue
        overridden, parts = _class_overrides(cls, own_defs, patterns, encountered, set())
        if overridden:
            out += parts
        else:
            out.append(R.ref(name=att_class_name(patterns, cls.get("ident"))))
    att_list = spec.find(t("attList"))
    if att_list is not None:
        own = _own_attributes(att_list, patterns, encountered)
        out += [R.choice(*own)] if own and att_list.get("org") == "choice" else own
    return out


def _class_overrides(cls, own_defs, patterns, encountered, visiting) -> tuple[bool, list]:
    """A class's attributes, one by one, with the element's redefinitions in place of its own."""
    ident = cls.get("ident")
    if ident in visiting:
        return False, []
    visiting = visiting | {ident}
    overridden = False
    parts: list[etree._Element] = []
    for att in cls.iter(t("attDef")):
        name = att.get("ident")
        encountered.add(name)
        mine = [d for d in own_defs if d.get("ident") == name]
        if not mine:
            parts.append(R.ref(name=att_class_name(patterns, ident, name)))
            continue
        overridden = True
        for d in mine:
            if mode(d) == "delete":
                continue
            if d.get("mode") in (None, "replace"):
                parts.append(attribute_pattern(d, patterns))
            else:
                parts.append(attribute_pattern(merge_attdef(att, d, keep_old_mode=False), patterns))
    for member in cls.iter(t("memberOf")):
        parent = patterns.specs.get(member.get("key"))
        if parent is not None and parent.get("type") == "atts":
            more, more_parts = _class_overrides(parent, own_defs, patterns, encountered, visiting)
            overridden = overridden or more
            parts += more_parts
    return overridden, parts


def _own_attributes(att_list: etree._Element, patterns: Patterns, encountered: set[str]) -> list:
    out: list[etree._Element] = []
    for child in att_list:
        if child.tag == t("attList"):
            inner = _own_attributes(child, patterns, encountered)
            if not inner:
                continue
            if child.get("org") == "choice":
                out.append(R.choice(*inner))
            elif child.get("org") == "group" and att_list.get("org") == "choice":
                out.append(R.group(*inner))
            else:
                out += inner
        elif child.tag == t("attDef"):
            if (child.get("ident") or "").startswith("xmlns"):
                continue
            how = child.get("mode")
            if how == "replace" and child.get("ident") not in encountered:
                out.append(attribute_pattern(child, patterns))
            elif how and how != "add":
                continue
            else:
                out.append(attribute_pattern(child, patterns))
        elif child.tag == t("attRef"):
            out += _att_ref(child, patterns)
    return out
