"""A document under validation, held in memory: its bytes, its tree, and where each element stands.

lxml knows an element's line but not its column; the column is found only for elements that get a
diagnostic, by counting the start tags of that name before it on its line and finding the same
tag in the line's text (`walk.column_in`), so finding positions costs nothing for valid documents
and stays linear for invalid ones. Paths follow the convention of the streaming pass (`walk.py`),
so a document reads the same whether it was validated in memory or as a stream.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from lxml import etree

from edition.validate.walk import Where, qualified
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

    def text(self) -> str | None:
        """The document's characters as lxml read them, when it is UTF-8 (the toolkit's TEI is,
        and most XML), for a second parser (Saxon's) to read; None for another encoding, whose
        bytes only a parser that reads its declaration decodes correctly. A DOCTYPE, which would
        have a second parser read or fetch more, never gets here: loading refuses it."""
        if (self.tree.docinfo.encoding or "UTF-8").upper().replace("_", "-") not in ("UTF-8", "UTF8"):
            return None
        return self.data.decode("utf-8-sig")  # lxml read a byte order mark as one; Saxon's string may not hold it

    @cached_property
    def _by_line(self) -> dict[int, list[etree._Element]]:
        by_line: dict[int, list[etree._Element]] = defaultdict(list)
        for el in self.root.iter(etree.Element):
            by_line[el.sourceline].append(el)
        return by_line

    def where(self, el: etree._Element) -> Where:
        name = qualified(el)
        same = [other for other in self._by_line.get(el.sourceline, ()) if qualified(other) == name]
        nth = next((i for i, other in enumerate(same) if other is el), None)
        return Where(el.sourceline, self.path(el), name, nth)

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
            n = sum(1 for _ in node.itersiblings(node.tag, preceding=True)) + 1
            steps.append(f"{name}[{n}]" if n > 1 else name)
            node = parent
        return "/" + "/".join(reversed(steps))
