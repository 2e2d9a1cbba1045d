"""How a customisation's `mode="change"` merges into the specification it changes.

The rules are the TEI's (as its Guidelines and the Consortium's ODD processor apply them): each
part of a spec the change gives (description, class memberships, content, value list, attributes,
constraints) replaces the original's part; what it does not give is kept. Attributes and
constraints are merged one by one, by ident, each with its own mode (add, change, replace, delete),
and a value list in `mode="change"` adds, replaces and deletes single values.
"""

from __future__ import annotations

import copy

from lxml import etree

from edition.odd.source import t

#: Parts of a spec that a change replaces as a whole, in the order a spec holds them.
WHOLE_PARTS = ("altIdent", "equiv", "gloss", "desc")


def mode(el: etree._Element) -> str:
    return el.get("mode") or "add"


def children(el: etree._Element | None, name: str) -> list[etree._Element]:
    return [] if el is None else el.findall(t(name))


def merge_spec(old: etree._Element, new: etree._Element) -> etree._Element:
    """`old` (from the source) changed by `new` (the ODD's `mode="change"` spec): a new element."""
    out = etree.Element(old.tag, {k: v for k, v in old.attrib.items() if k != "mode"})
    if new.get("ns"):
        out.set("ns", new.get("ns"))
    for part in WHOLE_PARTS:
        for el in children(new, part) or children(old, part):
            out.append(copy.deepcopy(el))
    out.append(merge_classes(old, new))
    kind = etree.QName(old).localname
    _merge_value_list(out, old, new)
    if kind in ("elementSpec", "macroSpec", "dataSpec"):
        out.append(_merged_content(old, new))
    for el in merged_constraints(old, new):
        out.append(el)
    if kind in ("elementSpec", "classSpec"):
        out.append(merged_attlist(old, new, class_spec=kind == "classSpec"))
    return out


def merge_classes(old: etree._Element, new: etree._Element) -> etree._Element:
    """Class memberships after a change: `classes mode="change"` edits the list, else replaces it."""
    out = etree.Element(t("classes"))
    classes = new.find(t("classes"))
    if classes is None:
        members = [(m.get("key"), m) for m in children(old.find(t("classes")), "memberOf")]
    elif classes.get("mode") == "change":
        members = [(m.get("key"), m) for m in classes.findall(t("memberOf")) if mode(m) == "add"]
        touched = {m.get("key") for m in classes.findall(t("memberOf"))}
        members += [
            (m.get("key"), m) for m in children(old.find(t("classes")), "memberOf") if m.get("key") not in touched
        ]
    else:
        members = [(m.get("key"), m) for m in classes.findall(t("memberOf")) if mode(m) != "delete"]
    seen = set()
    for key, member in members:
        if key and key not in seen:
            seen.add(key)
            kept = etree.SubElement(out, t("memberOf"), key=key)
            for attr in ("min", "max"):
                if member.get(attr) is not None:
                    kept.set(attr, member.get(attr))
    return out


def _merged_content(old: etree._Element, new: etree._Element) -> etree._Element:
    content = new.find(t("content"))
    if content is None:
        content = old.find(t("content"))
    return copy.deepcopy(content) if content is not None else etree.Element(t("content"))


def _merge_value_list(out: etree._Element, old: etree._Element, new: etree._Element) -> None:
    """A spec-level valList (macros, data specs, elements with closed lists of content)."""
    merged = merge_value_list(old.find(t("valList")), new.find(t("valList")))
    if merged is not None:
        out.append(merged)


def merge_value_list(old: etree._Element | None, new: etree._Element | None) -> etree._Element | None:
    """A value list after a change. `mode="change"` edits the old list item by item."""
    if new is None:
        return copy.deepcopy(old) if old is not None else None
    if mode(new) == "delete":
        return None
    if mode(new) in ("add", "replace") or old is None:
        out = etree.Element(t("valList"))
        for attr in ("type", "repeatable"):
            if new.get(attr) is not None:
                out.set(attr, new.get(attr))
        out.extend(copy.deepcopy(item) for item in new.findall(t("valItem")))
        return out
    # change: the new list's attributes (its @type only if it says one: the list stays what it was)
    out = etree.Element(t("valList"), {k: v for k, v in new.attrib.items() if k != "mode"})
    if out.get("type") is None and old.get("type") is not None:
        out.set("type", old.get("type"))
    dropped = {i.get("ident") for i in new.findall(t("valItem")) if mode(i) in ("delete", "replace")}
    for item in old.findall(t("valItem")):
        if item.get("ident") not in dropped:
            out.append(copy.deepcopy(item))
    for wanted in ("add", "replace"):
        out.extend(copy.deepcopy(i) for i in new.findall(t("valItem")) if i.get("mode") == wanted)
    return out


def merged_constraints(old: etree._Element, new: etree._Element) -> list[etree._Element]:
    """The ODD's constraints (added, replacing, changing) and the original's it leaves alone."""
    ours = [c for c in children(new, "constraintSpec") if mode(c) != "delete"]
    touched = {c.get("ident") for c in children(new, "constraintSpec")}
    theirs = [c for c in children(old, "constraintSpec") if c.get("ident") not in touched]
    return [copy.deepcopy(c) for c in ours + theirs]


def merged_attlist(old: etree._Element, new: etree._Element, *, class_spec: bool) -> etree._Element:
    """The attributes of a changed element or class.

    The ODD's own definitions come first (replacements of the original's attributes, additions,
    and — on elements — changes of attributes the element inherits from a class, kept with their
    mode for the class-attribute pass); then each original attribute: dropped, replaced, changed
    or kept. A deleted attribute of an element stays as a `mode="delete"` marker so that the
    class-attribute pass knows it is gone."""
    out = etree.Element(t("attList"))
    old_list = old.find(t("attList"))
    if old_list is not None and old_list.get("org"):
        out.set("org", old_list.get("org"))
    originals = {a.get("ident") for a in old.iter(t("attDef"))}
    new_defs = {a.get("ident"): a for a in new.iter(t("attDef"))}
    for att in new.iter(t("attDef")):
        if mode(att) == "replace" and att.get("ident") in originals:
            out.append(copy.deepcopy(att))  # kept "replace": a class attribute it replaces is not doubled
        elif mode(att) == "add":
            out.append(_without_mode(att))
        elif att.get("ident") not in originals:
            out.append(copy.deepcopy(att))  # a class attribute overridden here
    for ref in new.iter(t("attRef")):
        out.append(copy.deepcopy(ref))
    if old_list is not None:
        _merge_originals(old_list, out, new_defs, class_spec=class_spec)
    return out


def _merge_originals(old_list: etree._Element, out: etree._Element, new_defs: dict, *, class_spec: bool) -> None:
    for child in old_list:
        if child.tag == t("attList"):
            nested = etree.SubElement(out, t("attList"))
            if child.get("org"):
                nested.set("org", child.get("org"))
            _merge_originals(child, nested, new_defs, class_spec=class_spec)
        elif child.tag == t("attDef"):
            change = new_defs.get(child.get("ident"))
            if change is None:
                out.append(copy.deepcopy(child))
            elif mode(change) == "delete":
                if not class_spec:
                    out.append(copy.deepcopy(change))
            elif mode(change) == "change":
                out.append(merge_attdef(child, change))
            elif mode(change) == "add":
                out.append(copy.deepcopy(child))  # an "add" of an existing name: both, as TEI does
        elif child.tag == t("attRef"):
            out.append(copy.deepcopy(child))


def _without_mode(att: etree._Element) -> etree._Element:
    out = copy.deepcopy(att)
    out.attrib.pop("mode", None)
    return out


def merge_attdef(old: etree._Element, new: etree._Element, *, keep_old_mode: bool = True) -> etree._Element:
    """One attribute definition changed by another: each part the change gives wins."""
    out = etree.Element(t("attDef"), ident=old.get("ident"))
    if keep_old_mode and old.get("mode"):
        out.set("mode", old.get("mode"))
    for attr in ("ns",):
        if old.get(attr):
            out.set(attr, old.get(attr))
    usage = new.get("usage") or old.get("usage")
    if usage:
        out.set("usage", usage)
    for part in ("altIdent",):
        for el in children(new, part):
            out.append(copy.deepcopy(el))
    for part in ("equiv", "gloss", "desc", "constraintSpec", "datatype", "defaultVal", "valDesc"):
        for el in children(new, part) or children(old, part):
            out.append(copy.deepcopy(el))
    merged = merge_value_list(old.find(t("valList")), new.find(t("valList")))
    if merged is not None:
        out.append(merged)
    return out
