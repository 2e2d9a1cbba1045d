"""The RELAX NG grammar of a resolved customisation: one `define` per element, class, macro, datatype.

Names follow the TEI's conventions (an element's pattern is its ident; `model.x` and its
expansions `model.x_sequence` …; `att.x.attributes` and `att.x.attribute.y`; macros by ident), so
that a generated schema reads like the Consortium's and other tools' customisations of it work.
"""

from __future__ import annotations

import copy

from lxml import etree

from edition.errors import OddError
from edition.odd import prune
from edition.odd.attributes import class_attributes, element_attributes
from edition.odd.patterns import (
    EXAMPLES_NS,
    EXPANSIONS,
    Patterns,
    R,
    rng,
    values_choice,
)
from edition.odd.resolve import Resolved
from edition.odd.source import RNG, TEI, read, t

XSD_DATATYPES = "http://www.w3.org/2001/XMLSchema-datatypes"
DEFAULT_EXCEPTIONS = f"{TEI} teix:egXML"


def grammar(resolved: Resolved) -> etree._Element:
    """The whole grammar, cleaned up as the TEI's processor does (edition.odd.prune)."""
    patterns = Patterns(resolved)
    root = R.grammar(ns=resolved.ns or TEI, datatypeLibrary=XSD_DATATYPES)
    by_order = sorted(resolved.specs.values(), key=lambda s: resolved.order.get(s.get("ident"), 1 << 30))
    for spec in by_order:
        kind = etree.QName(spec).localname
        if kind in ("macroSpec", "dataSpec"):
            root.append(_macro(spec, patterns))
        elif kind == "classSpec" and spec.get("type") == "model":
            root.extend(_model_class(spec, patterns))
        elif kind == "classSpec" and spec.get("type") == "atts":
            root.extend(class_attributes(spec, patterns))
    for spec in by_order:
        if spec.tag == t("elementSpec"):
            root.append(_element(spec, patterns))
    for spec in by_order:
        if any(True for _ in spec.iter(t("anyElement"))):
            root.append(_any_element(spec, resolved))
    for path, prefix in resolved.external_rng:
        root.append(_external(path, prefix))
    root.append(_start(resolved, patterns))
    return prune.clean(root)


def _element(spec: etree._Element, patterns: Patterns) -> etree._Element:
    ident = spec.get("ident")
    content = spec.find(t("content"))
    if content is not None and content.find(rng("notAllowed")) is not None:
        return R.define(R.notAllowed(), name=patterns.name(ident))
    alt = spec.find(t("altIdent"))
    element = R.element(name=" ".join(alt.text.split()) if alt is not None and alt.text else ident)
    if spec.get("ns"):
        element.set("ns", spec.get("ns"))
    val_list = spec.find(t("valList"))
    if val_list is not None and val_list.get("type") == "closed":
        body = [values_choice(val_list)]
    else:
        body = patterns.content(content, ident)
    element.extend(body or [R.empty()])
    element.extend(element_attributes(spec, patterns))
    element.append(R.empty())
    return R.define(element, name=patterns.name(ident))


def _model_class(spec: etree._Element, patterns: Patterns) -> list[etree._Element]:
    """`model.x` (a choice of its members) and its five expansions; a class without members allows
    nothing where a choice is wanted and nothing-at-all where a sequence is."""
    ident = spec.get("ident")
    members = patterns.members(ident)
    out = []
    for suffix in ("", *EXPANSIONS):
        name = patterns.name(ident) + (f"_{suffix}" if suffix else "")
        if not members:
            empty = suffix in ("sequence", "sequenceOptional", "sequenceOptionalRepeatable")
            out.append(R.define(R.empty() if empty else R.notAllowed(), name=name))
            continue
        parts = [patterns.member_patterns(m, ident, suffix) for m in members]
        if suffix == "sequence":
            body = [p for part in parts for p in part]
        elif suffix == "sequenceOptional":
            body = [R.optional(*part) for part in parts]
        elif suffix == "sequenceRepeatable":
            body = [R.oneOrMore(*part) for part in parts]
        elif suffix == "sequenceOptionalRepeatable":
            body = [R.zeroOrMore(*part) for part in parts]
        else:
            body = [R.choice(*[p for part in parts for p in part])]
        out.append(R.define(*body, name=name))
    return out


def _macro(spec: etree._Element, patterns: Patterns) -> etree._Element:
    """A macro or datatype: its content, a closed value list, or (when empty) the empty pattern."""
    ident = spec.get("ident")
    content = spec.find(t("content"))
    val_list = spec.find(t("valList"))
    if val_list is not None and val_list.get("type") == "closed":
        body = [values_choice(val_list)]
    elif (
        content is not None
        and content.find(rng("group")) is not None
        and len(content) == 1
        and content.find(rng("group")).find(rng("ref")) is None
    ):
        body = [R.choice(*patterns.content(content.find(rng("group")), ident))]
    elif spec.tag == t("dataSpec"):
        body = []
        for child in content if content is not None else []:
            body += (
                patterns.data(child)
                if isinstance(child.tag, str) and child.tag == t("dataRef")
                else patterns.node(child, ident)
            )
    else:
        body = patterns.content(content, ident)
    if not body:
        body = [R.choice(R.empty())]
    elif (
        len(body) > 1
        and content is not None
        and (content.find(rng("text")) is not None or content.find(rng("ref")) is not None)
    ):
        body = [R.choice(*body)]
    return R.define(*body, name=patterns.name(ident))


def _any_element(spec: etree._Element, resolved: Resolved) -> etree._Element:
    """Any element outside the excluded namespaces, with any attributes and content."""
    name = f"anyElement-{spec.get('ident')}"
    first = next(spec.iter(t("anyElement")))
    exclude = first.get("exclude") or resolved.default_exceptions or DEFAULT_EXCEPTIONS
    except_ = R("except")
    for item in dict.fromkeys(exclude.split()):
        if item == "teix:egXML":
            except_.append(R.name("egXML", ns=EXAMPLES_NS))
        elif ":" in item and not item.startswith(("http:", "https:", "urn:")):
            prefix, local = item.split(":", 1)
            uri = first.nsmap.get(prefix)
            except_.append(R.name(local, ns=uri) if uri else R.nsName(ns=item))
        else:
            except_.append(R.nsName(ns=item))
    return R.define(
        R.element(
            R.anyName(except_),
            R.zeroOrMore(R.attribute(R.anyName())),
            R.zeroOrMore(R.choice(R.text(), R.ref(name=name))),
        ),
        name=name,
    )


def _external(path, prefix: str) -> etree._Element:
    """A RELAX NG grammar a `moduleRef/@url` names, its patterns prefixed, its start dropped."""
    div = R.div()
    root = read(path).getroot()
    if root.tag != rng("grammar"):
        raise OddError(f"{path}: moduleRef/@url must name a RELAX NG grammar (XML syntax)")
    for inherited in ("ns", "datatypeLibrary"):  # what the grammar's patterns inherit from it
        div.set(inherited, root.get(inherited, "" if inherited == "ns" else XSD_DATATYPES))
    for child in root:
        if not isinstance(child.tag, str) or child.tag == rng("start"):
            continue
        if child.tag == rng("include"):
            raise OddError(
                f"{path}: includes of included grammars are not supported",
                hint="flatten the grammar (e.g. with trang) first",
            )
        kept = copy.deepcopy(child)
        for el in kept.iter(rng("define"), rng("ref")):  # (iter includes kept itself)
            if el.get("name"):
                el.set("name", prefix + el.get("name"))
        div.append(kept)
    return div


def _start(resolved: Resolved, patterns: Patterns) -> etree._Element:
    names = [s for s in resolved.start if s in resolved.specs and resolved.specs[s].tag == t("elementSpec")]
    if not names:
        raise OddError(
            f"schemaSpec {resolved.ident!r}: start={' '.join(resolved.start)!r} names no element of the schema",
            hint='name the root elements the schema allows, e.g. start="TEI"',
        )
    return R.start(R.choice(*[R.ref(name=patterns.name(n)) for n in names]))


__all__ = ["RNG", "grammar"]
