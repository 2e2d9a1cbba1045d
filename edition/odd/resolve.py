"""Resolve a customisation: the ODD's schemaSpec applied to its TEI source, giving the specs of one schema.

The stages, in the order the TEI defines them:

1. gather the customisation: the `schemaSpec`'s children, with every `specGrpRef` expanded and
   several `mode="change"` specs of one ident joined into one;
2. find the source (`@source`; a chained ODD is resolved first, recursively);
3. import: each `moduleRef` brings all classes, macros and datatypes of its module and the
   elements its `@include`/`@except` keep; `elementRef`/`classRef`/`macroRef`/`dataRef` directly
   in the `schemaSpec` bring single specs;
4. apply the ODD's specs: `delete` drops, `replace` swaps, `change` merges (edition.odd.merge),
   `add` (or no mode) adds;
5. tidy: class memberships of classes not in the schema are dropped.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition.errors import OddError
from edition.odd import merge, source
from edition.odd.source import SPEC_TAGS, Source, t

#: Modules processed first, as the TEI does (their classes are declared before the others).
FIRST_MODULES = ("tei", "core")

_DIRECT_REFS = {t("elementRef"), t("classRef"), t("macroRef"), t("dataRef")}


@dataclass
class Resolved:
    """The specifications of one compiled schema, and what the schemaSpec says about it."""

    ident: str
    specs: dict[str, etree._Element]  # ident → resolved spec (owned copies)
    order: dict[str, int]  # ident → declaration order
    start: list[str]
    prefix: str
    ns: str | None
    edition: str
    default_exceptions: str | None
    schema_spec: etree._Element  # the ODD's schemaSpec (for sch:ns, constraintSpecs)
    external_rng: list[tuple[Path, str]] = field(default_factory=list)  # moduleRef/@url, prefix
    odd_files: list[Path] = field(default_factory=list)  # every local file the result depends on
    warnings: list[str] = field(default_factory=list)  # what was ignored, said once

    def of_kind(self, kind: str) -> list[etree._Element]:
        return [s for s in self.specs.values() if etree.QName(s).localname == kind]


def resolve(odd: Path, selected: str | None = None, _chain: tuple[Path, ...] = ()) -> Resolved:
    """The resolved specs of the ODD's schemaSpec (the first, or the one named `selected`)."""
    odd = odd.resolve()
    if odd in _chain:
        raise OddError(f"{odd}: the chain of ODD sources is circular ({' → '.join(map(str, _chain + (odd,)))})")
    tree = source.read(odd)
    schema_spec = _schema_spec(tree, odd, selected)
    parts, module_refs, direct = _gather(schema_spec, tree, odd.parent, odd)
    src, files = _source(schema_spec, odd, _chain + (odd,))
    warnings: list[str] = []
    specs, order = _import(src, module_refs, direct, odd, warnings)
    _apply(specs, order, parts, src)
    _tidy(specs)
    start = (schema_spec.get("start") or "").split() or (["TEI", "teiCorpus"] if "teiCorpus" in specs else ["TEI"])
    external = []
    for ref in module_refs:
        if ref.get("url"):
            path = source.local_path(ref.get("url"), odd.parent, "moduleRef/@url")
            external.append((path, ref.get("prefix") or ""))
            files.append(path)
    return Resolved(
        ident=schema_spec.get("ident") or odd.stem,
        specs=specs,
        order=order,
        start=start,
        prefix=schema_spec.get("prefix") or "",
        ns=schema_spec.get("ns"),
        edition=src.edition,
        default_exceptions=schema_spec.get("defaultExceptions"),
        schema_spec=schema_spec,
        external_rng=external,
        odd_files=[odd, *files],
        warnings=warnings,
    )


def _schema_spec(tree: etree._ElementTree, odd: Path, selected: str | None) -> etree._Element:
    specs = tree.getroot().findall(f".//{t('schemaSpec')}")
    if tree.getroot().tag == t("schemaSpec"):
        specs = [tree.getroot()]
    if not specs:
        raise OddError(
            f"{odd}: no schemaSpec: not an ODD customisation", hint="an ODD is a TEI document with a <schemaSpec> in it"
        )
    if selected is None:
        return specs[0]
    for spec in specs:
        if spec.get("ident") == selected:
            return spec
    raise OddError(
        f"{odd}: no schemaSpec with ident {selected!r}", hint="it has " + ", ".join(repr(s.get("ident")) for s in specs)
    )


# --------------------------------------------------------------------------- 1. gather


def _gather(schema_spec: etree._Element, tree, base: Path, odd: Path):
    """The ODD's specs (in order, changes of one ident joined), its moduleRefs and direct refs."""
    ids = {
        el.get(f"{{{source.XML}}}id"): el
        for el in tree.getroot().iter()
        if isinstance(el.tag, str) and el.get(f"{{{source.XML}}}id")
    }
    parts: list[etree._Element] = []
    module_refs: list[etree._Element] = []
    direct: list[etree._Element] = []

    def walk(container: etree._Element, seen: tuple) -> None:
        for child in container:
            if not isinstance(child.tag, str):
                continue
            if child.tag in SPEC_TAGS:
                parts.append(child)
            elif child.tag == t("moduleRef"):
                module_refs.append(child)
            elif child.tag in _DIRECT_REFS:
                direct.append(child)
            elif child.tag == t("specGrp"):
                walk(child, seen)
            elif child.tag == t("specGrpRef"):
                target = child.get("target") or ""
                if target in seen:
                    raise OddError(f"{odd}: specGrpRef {target!r} includes itself")
                if target.startswith("#"):
                    group = ids.get(target[1:])
                    if group is None:
                        raise OddError(f"{odd}: specGrpRef {target!r} points to nothing in the ODD")
                    walk(group, seen + (target,))
                else:
                    path = source.local_path(target, base, "specGrpRef/@target")
                    root = source.read(path).getroot()
                    walk(
                        root if root.tag == t("specGrp") else root.find(f".//{t('specGrp')}") or root, seen + (target,)
                    )

    walk(schema_spec, ())
    return _join_changes(parts), module_refs, direct


def _join_changes(parts: list[etree._Element]) -> list[etree._Element]:
    """Several `mode="change"` specs of one ident act as one, their children in order."""
    out: list[etree._Element] = []
    changes: dict[str, etree._Element] = {}
    for spec in parts:
        if spec.get("mode") == "change":
            ident = spec.get("ident")
            if ident in changes:
                changes[ident].extend(copy.deepcopy(c) for c in spec)
                continue
            spec = copy.deepcopy(spec)
            changes[ident] = spec
        out.append(spec)
    return out


# --------------------------------------------------------------------------- 2. source


def _source(schema_spec: etree._Element, odd: Path, chain: tuple[Path, ...]) -> tuple[Source, list[Path]]:
    reference = schema_spec.get("source")
    if not reference:
        return source.bundled(), []
    path = source.local_path(reference, odd.parent, "schemaSpec/@source")
    if path is None:
        return source.bundled(), []
    tree = source.read(path)
    if tree.getroot().find(f".//{t('schemaSpec')}") is not None or tree.getroot().tag == t("schemaSpec"):
        # a chained customisation (an ODD, or an ODD already compiled): resolved first
        parent = resolve(path, None, chain)
        return Source(parent.specs, parent.order, parent.edition, str(path)), parent.odd_files
    return source.index(tree, str(path)), [path.resolve()]


# --------------------------------------------------------------------------- 3. import


def _import(src: Source, module_refs, direct, odd: Path, warnings: list[str]) -> tuple[dict, dict]:
    direct_keys = {r.get("key") for r in direct if r.get("key")}
    modules = {s.get("module") for s in src.specs.values()}
    specs: dict[str, etree._Element] = {}
    keyed = [r for r in module_refs if r.get("key")]
    ordered = [r for k in FIRST_MODULES for r in keyed if r.get("key") == k] + [
        r for r in keyed if r.get("key") not in FIRST_MODULES
    ]
    for ref in ordered:
        key = ref.get("key")
        if key not in modules:
            raise OddError(f"{odd}: moduleRef key={key!r}: {src.where} has no such module")
        include = set((ref.get("include") or "").split())
        exclude = set((ref.get("except") or "").split())
        members = [s for s in src.specs.values() if s.get("module") == key]
        names = {s.get("ident") for s in members if s.tag == t("elementSpec")}
        for name in sorted((include | exclude) - names):
            warnings.append(
                f"moduleRef key={key!r} names {name!r}, which is not an element of that module in {src.where}: ignored"
            )
        for spec in members:
            ident = spec.get("ident")
            if ident in direct_keys:
                continue
            if spec.tag == t("elementSpec") and not _kept(ident, include, exclude):
                continue
            specs[ident] = copy.deepcopy(spec)
    for ref in direct:
        key = ref.get("key")
        if not key:
            continue
        if key not in src.specs:
            raise OddError(f"{odd}: {etree.QName(ref).localname} key={key!r}: not found in {src.where}")
        spec = copy.deepcopy(src.specs[key])
        if ref.tag == t("classRef") and (ref.get("include") or ref.get("except")):
            _filter_class_attributes(spec, ref)
        specs[key] = spec
    return specs, dict(src.order)


def _kept(ident: str, include: set[str], exclude: set[str]) -> bool:
    if include:
        return ident in include
    return ident not in exclude


def _filter_class_attributes(spec: etree._Element, ref: etree._Element) -> None:
    include = set((ref.get("include") or "").split())
    exclude = set((ref.get("except") or "").split())
    for att in list(spec.iter(t("attDef"))):
        if not _kept(att.get("ident"), include, exclude):
            att.getparent().remove(att)


# --------------------------------------------------------------------------- 4. apply


def _apply(specs: dict, order: dict, parts: list[etree._Element], src: Source) -> None:
    for part in parts:
        ident = part.get("ident")
        if not ident:
            continue
        how = part.get("mode") or "add"
        if how == "delete":
            specs.pop(ident, None)
        elif how == "replace":
            if ident in specs:
                specs[ident] = _own(part)
        elif how == "change":
            if ident in specs:
                specs[ident] = merge.merge_spec(specs[ident], part)
        else:
            specs[ident] = _own(part)
            order.setdefault(ident, len(order) + 100000)


def _own(part: etree._Element) -> etree._Element:
    """A spec written in the ODD, as it will be used (its mode dropped)."""
    out = copy.deepcopy(part)
    out.attrib.pop("mode", None)
    return out


# --------------------------------------------------------------------------- 5. tidy


def _tidy(specs: dict) -> None:
    for spec in specs.values():
        for member in list(spec.iter(t("memberOf"))):
            if member.get("key") not in specs or member.get("mode") == "delete":
                member.getparent().remove(member)
