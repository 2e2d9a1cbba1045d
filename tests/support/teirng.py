"""What TEI P5 (`tei_all.rng`) allows, as sets: the children and attributes of each element.

Used to prove that the project's schema is a restriction of TEI P5: every child and attribute the
project's XSD allows must be one TEI allows in the same place. Order and cardinality are checked
separately, by validating documents with jing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

RNG = "http://relaxng.org/ns/structure/1.0"
N = {"r": RNG}


class TeiGrammar:
    def __init__(self, path: Path) -> None:
        tree = etree.parse(str(path))
        self.defines = {d.get("name"): d for d in tree.iterfind(f".//{{{RNG}}}define")}
        self.elements = {}
        for d in self.defines.values():
            el = d.find(f"{{{RNG}}}element")
            if el is not None and el.get("name"):
                self.elements.setdefault(el.get("name"), el)

    def children(self, element: str) -> frozenset[str]:
        return self._reach(element)[0]

    def attributes(self, element: str) -> frozenset[str]:
        return self._reach(element)[1]

    @cache  # noqa: B019 — one grammar per test session
    def _reach(self, element: str) -> tuple[frozenset[str], frozenset[str]]:
        kids: set[str] = set()
        attrs: set[str] = set()
        seen: set[str] = set()

        def walk(node) -> None:
            for child in node:
                if not isinstance(child.tag, str):
                    continue
                tag = etree.QName(child).localname
                if tag == "element":
                    if child.get("name"):
                        kids.add(child.get("name"))
                    continue
                if tag == "attribute":
                    name = child.get("name")
                    if name is None:
                        nm = child.find(f"{{{RNG}}}name")
                        name = (nm.text or "").strip() if nm is not None else None
                        if nm is not None and nm.get("ns") == "http://www.w3.org/XML/1998/namespace":
                            name = f"xml:{name}"
                    elif child.get("ns") == "http://www.w3.org/XML/1998/namespace":
                        name = f"xml:{name}"
                    if name:
                        attrs.add(name)
                    continue
                if tag == "ref":
                    target = child.get("name")
                    if target in seen:
                        continue
                    seen.add(target)
                    d = self.defines.get(target)
                    if d is None:
                        continue
                    el = d.find(f"{{{RNG}}}element")
                    if el is not None:
                        kids.add(el.get("name"))
                    else:
                        walk(d)
                    continue
                walk(child)

        walk(self.elements[element])
        return frozenset(kids), frozenset(attrs)
