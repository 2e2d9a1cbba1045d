"""A document under validation: its parsed tree, and where each of its elements stands.

lxml knows an element's line but not its column; the column is found only for elements that get a
diagnostic, by scanning their line of the source for the n-th start tag of that name, so finding
positions costs nothing for valid documents and stays linear for invalid ones.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from lxml import etree

from edition.xmlio import TEI_NS


@dataclass
class Document:
    name: str
    data: bytes
    tree: etree._ElementTree

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @property
    def is_tei(self) -> bool:
        return self.root.tag == f"{{{TEI_NS}}}TEI"

    @cached_property
    def _lines(self) -> list[bytes]:
        return self.data.split(b"\n")

    @cached_property
    def _by_line(self) -> dict[int, list[etree._Element]]:
        by_line: dict[int, list[etree._Element]] = defaultdict(list)
        for el in self.root.iter(etree.Element):
            by_line[el.sourceline].append(el)
        return by_line

    def column(self, el: etree._Element) -> int | None:
        """1-based column of the element's start tag, or None when it cannot be told."""
        line = el.sourceline
        if line is None or line > len(self._lines):
            return None
        text = self._lines[line - 1]
        pos = 0
        for other in self._by_line.get(line, ()):
            qname = (f"{other.prefix}:" if other.prefix else "") + etree.QName(other).localname
            m = re.compile(rb"<" + re.escape(qname.encode()) + rb"(?=[\s/>])").search(text, pos)
            if m is None:
                return None
            if other is el:
                return len(text[:m.start()].decode("utf-8", "replace")) + 1
            pos = m.end()
        return None

    def path(self, el: etree._Element) -> str:
        """A readable XPath of the element: /TEI/text/body/div[2]/sp[14]."""
        steps = []
        node = el
        while node is not None:
            name = etree.QName(node).localname
            parent = node.getparent()
            if parent is None:
                steps.append(name)
                break
            same = sum(1 for _ in node.itersiblings(node.tag, preceding=True)) + 1
            total_after = next(node.itersiblings(node.tag), None) is not None
            steps.append(f"{name}[{same}]" if same > 1 or total_after else name)
            node = parent
        return "/" + "/".join(reversed(steps))
