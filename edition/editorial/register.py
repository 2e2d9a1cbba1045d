"""The person register: a TEI `listPerson` (+ `listOrg`) file that the editor keeps.

Every `persName` of a person is an alias the converter may meet in the text: `type="label"` for
speaker labels as printed (garbled ones included), `variant`/`nickname` for mentions in running
text. With no register file, `Register.from_labels` makes one from the labels of the transcript.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition.editorial.names import make_id, name_key
from edition.errors import DataError, XMLInputError
from edition.xmlio import NS, XML_ID, T, parse_file


@dataclass
class Person:
    id: str
    name: str  # display name
    labels: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    element: etree._Element | None = None  # the register entry, copied into the edition


@dataclass
class Org:
    id: str
    names: list[str]
    element: etree._Element | None = None


@dataclass
class Register:
    persons: dict[str, Person] = field(default_factory=dict)
    orgs: dict[str, Org] = field(default_factory=dict)
    source: str | None = None  # file it came from, None when generated
    _labels: dict[str, str] = field(default_factory=dict)
    _names: dict[str, list[str]] = field(default_factory=dict)

    # ------------------------------------------------------------------ lookup

    def by_label(self, label: str) -> str | None:
        key = name_key(label)
        return self._labels.get(key) or self._unique(key)

    def by_name(self, name: str) -> str | None:
        return self._unique(name_key(name))

    def _unique(self, key: str) -> str | None:
        ids = self._names.get(key, [])
        return ids[0] if len(set(ids)) == 1 else None

    def names(self) -> dict[str, list[str]]:
        return self._names

    def org_names(self) -> list[tuple[str, str]]:
        """(printed name, org id), longest first, for matching at the start of a table row."""
        pairs = [(n, o.id) for o in self.orgs.values() for n in o.names]
        return sorted(pairs, key=lambda p: -len(p[0]))

    # ------------------------------------------------------------------ building

    def add(self, person: Person) -> None:
        self.persons[person.id] = person
        for label in person.labels:
            self._labels.setdefault(name_key(label), person.id)
        for name in [person.name, *person.variants]:
            key = name_key(name)
            if key:
                self._names.setdefault(key, []).append(person.id)

    def ensure(self, label: str, role: str | None = None, id_prefix: str = "") -> str:
        """The id for a label, adding a generated person when the register has none; the label
        is kept as printed, `id_prefix` sets generated people apart ("anon-delegate")."""
        found = self.by_label(label)
        if found:
            return found
        pid = make_id(id_prefix + label)
        while pid in self.persons and name_key(self.persons[pid].name) != name_key(label):
            pid += "-x"
        if pid not in self.persons:
            person = Person(pid, label, labels=[label], roles=[role] if role else ["speaker"])
            person.element = T.person(T.persName(label, type="label"), **{XML_ID: pid, "role": " ".join(person.roles)})
            self.add(person)
        return pid

    def alias(self, pid: str, label: str) -> None:
        """Record another label printed for a person the register generated ("Заря 1 (Королев)"
        for Королев); a person of the register file is left as the editor wrote it."""
        person = self.persons.get(pid)
        key = name_key(label)
        if person is None or self.source or key in self._labels:
            return
        person.labels.append(label)
        person.element.append(T.persName(label, type="label"))
        self._labels[key] = pid

    def list_person(self, used: set[str] | None = None) -> etree._Element:
        """`listPerson` of the register's people (all of them, or those `used`), in file order."""
        lp = T.listPerson()
        for pid, person in self.persons.items():
            if used is None or pid in used:
                lp.append(copy.deepcopy(person.element))
        return lp

    def list_org(self) -> etree._Element | None:
        if not self.orgs:
            return None
        lo = T.listOrg()
        for org in self.orgs.values():
            lo.append(copy.deepcopy(org.element))
        return lo


def load_register(path: str | Path) -> Register:
    try:
        tree = parse_file(path)
    except XMLInputError as exc:
        raise DataError(f"register: {exc.message}", file=exc.file, line=exc.line) from None
    reg = Register(source=str(path))
    root = tree.getroot()
    for el in root.iterfind(".//tei:person", NS):
        pid = el.get(XML_ID)
        if not pid:
            raise DataError("a <person> has no xml:id", file=str(path), line=el.sourceline)
        names = {
            t: [" ".join("".join(n.itertext()).split()) for n in el.findall(f"tei:persName[@type='{t}']", NS)]
            for t in ("reg", "label", "variant", "nickname")
        }
        untyped = [" ".join("".join(n.itertext()).split()) for n in el.xpath("tei:persName[not(@type)]", namespaces=NS)]
        display = (names["reg"] or untyped or names["label"] or names["variant"] or [pid])[0]
        surnames = [" ".join("".join(s.itertext()).split()) for s in el.iterfind(".//tei:surname", NS)]
        variants = names["variant"] + names["nickname"] + untyped + surnames + names["label"]
        person = Person(
            pid,
            display,
            labels=names["label"],
            variants=variants,
            roles=(el.get("role") or "").split(),
            element=_clean(el),
        )
        if pid in reg.persons:
            raise DataError(f"duplicate person id {pid!r}", file=str(path), line=el.sourceline)
        _require_id(pid, el, path)
        _refuse_shared_labels(reg, el, pid, path)
        reg.add(person)
    for el in root.iterfind(".//tei:org", NS):
        oid = el.get(XML_ID)
        if not oid:
            raise DataError("an <org> has no xml:id", file=str(path), line=el.sourceline)
        _require_id(oid, el, path)
        if oid in reg.persons or oid in reg.orgs:
            raise DataError(
                f"duplicate id {oid!r} (a person or an organisation has it already)", file=str(path), line=el.sourceline
            )
        names = [" ".join("".join(n.itertext()).split()) for n in el.iterfind("tei:orgName", NS)]
        reg.orgs[oid] = Org(oid, names, _clean(el))
    return reg


def _require_id(ident: str, el: etree._Element, path: str | Path) -> None:
    """Ids are pointed at as `#id` (who, ref, resp): one that is not an id breaks every pointer."""
    from edition.editorial.schema import KINDS

    problem = KINDS["id"][0](ident)
    if problem:
        raise DataError(f"the xml:id of a <{etree.QName(el).localname}>: {problem}", file=str(path), line=el.sourceline)


def _refuse_shared_labels(reg: Register, el: etree._Element, pid: str, path: str | Path) -> None:
    """A speaker label names one person: given to two, the speeches of one would go to the other."""
    for name in el.findall("tei:persName[@type='label']", NS):
        label = " ".join("".join(name.itertext()).split())
        other = reg._labels.get(name_key(label))
        if other is not None and other != pid:
            raise DataError(
                f"the label {label!r} is given to {other!r} and to {pid!r}",
                file=str(path),
                line=name.sourceline,
                hint="a label names one person; give one of them "
                'a variant (type="variant") instead, or an override for the turns',
            )


def _clean(el: etree._Element) -> etree._Element:
    """A copy without comments and source whitespace, so the edition re-indents it uniformly."""
    dup = copy.deepcopy(el)
    for c in dup.xpath(".//comment()"):
        parent = c.getparent()
        if c.tail:
            prev = c.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + c.tail
            else:
                parent.text = (parent.text or "") + c.tail
        parent.remove(c)
    dup.tail = None
    return dup
