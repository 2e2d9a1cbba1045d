"""The words of a TEI subtree, for tests that compare an export's words with the source's."""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

WORD = re.compile(r"\w+")


def words(el: etree._Element, skip: Callable[[etree._Element], bool]) -> list[str]:
    """The words under `el`, in order, leaving out the subtrees `skip` says (their tails kept)."""
    pieces: list[str] = []

    def walk(node):
        if node.text:
            pieces.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and not skip(child):
                walk(child)
            if child.tail:
                pieces.append(child.tail)

    walk(el)
    return WORD.findall("".join(pieces))
