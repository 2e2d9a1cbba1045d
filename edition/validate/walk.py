"""One pass over a document's elements that the rules share, in bounded memory when streaming.

A tree already in memory (`etree.iterwalk`) and a file read in pieces (`xmlio.iterparse_safe`)
give the same start and end events; the rules see only those events. When the pass streams, every
element is let go once it has ended, unless a rule still needs it: the subtree of a *held* element
(a turn, a choice, a register entry, a heading) stays whole until it ends, and a *kept* element (a
heading) stays in its parent until the parent ends. So a 50 MB edition is checked in memory bounded
by its largest turn, not by its size.

Letting go never touches a node the parser may still be writing: the pull parser reads ahead, and
when an element's end is seen its tail may be only partly read — libxml2 goes on appending the
rest to the parent's last text node, trusting the length it noted. An element that has ended is
therefore emptied but left in place with its tail, and taken out of its parent only when its next
sibling starts (its tail is whole then), or with everything else when the parent ends. (Taking it
out at once made libxml2 write the rest of the tail into whatever text node was then last: heap
corruption, a crash on large files.)

Each element's place is recorded while it is open, when it costs nothing to know: its line, its
path (``/TEI/text/body/div[2]/sp[14]``, the position given when the element is not the first of
its name among its siblings) and how many start tags of its name precede it on its line, from
which its column is found later in the line's text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from lxml import etree

from edition.xmlio import head_encoding


@dataclass(frozen=True)
class Where:
    """A place in a document: line, readable path, and what finds the column in the line."""

    line: int | None
    path: str | None
    qname: str | None = None  # the element's name as written in its start tag
    nth: int | None = None  # start tags of that name before it on its line; None: unknown


def column_in(text: bytes, where: Where) -> int | None:
    """1-based column of the element's start tag in its line, or None when it cannot be told.

    Without `nth` (a place reported by a validator that does not count), only a name that starts
    exactly one tag on the line gives a column: a wrong column is worse than none."""
    if where.qname is None:
        return None
    tags = list(re.finditer(b"<" + re.escape(where.qname.encode()) + rb"(?=[\s/>])", text))
    if where.nth is None:
        m = tags[0] if len(tags) == 1 else None
    else:
        m = tags[where.nth] if where.nth < len(tags) else None
    return None if m is None else len(text[: m.start()].decode("utf-8", "replace")) + 1


#: Codecs whose lines are searched as they are (a column counts UTF-8 characters).
_AS_BYTES = frozenset({"utf-8", "ascii"})


def utf8_lines(stream: BinaryIO) -> Iterable[bytes]:
    """The lines of a document as UTF-8, whatever it is encoded in, for `columns` to search.

    A document in another codec (UTF-16, UTF-32, Latin-1 …) is decoded as the parser decodes it,
    by its byte-order mark or declaration, and each line encoded again; its byte-order mark is not
    a column. Lines end at line feeds, as the parser counts them."""
    head = stream.read(256)
    stream.seek(0)
    encoding = head_encoding(head)
    if encoding in _AS_BYTES:
        return stream
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="\n")
    return (
        line.lstrip("\ufeff").encode("utf-8") if number == 1 else line.encode("utf-8")
        for number, line in enumerate(text, 1)
    )


def columns(lines: Iterable[bytes], places: Iterable[Where]) -> dict[Where, int | None]:
    """The column of every place, reading `lines` once and keeping only the lines asked for."""
    wanted: dict[int, list[Where]] = {}
    for w in places:
        if w.line:
            wanted.setdefault(w.line, []).append(w)
    found: dict[Where, int | None] = {}
    if not wanted:
        return found
    last = max(wanted)
    for number, text in enumerate(lines, start=1):
        for w in wanted.get(number, ()):
            found[w] = column_in(text, w)
        if number >= last:
            break
    return found


def qualified(el: etree._Element) -> str:
    local = etree.QName(el).localname
    return f"{el.prefix}:{local}" if el.prefix else local


class Walk:
    """The pass: tells each watcher of an element's end, with the element whole and open ancestors.

    `watchers` maps a Clark name (or None, for every element) to the callables told of it; `hold`
    and `keep` are Clark names as described above; `stream` says whether to let elements go;
    `locate` lists (line, path) places whose full `Where` is wanted in `located`; `starts` are
    told of each element as it starts (its attributes are read, its content not yet).
    """

    def __init__(
        self,
        watchers: dict[str | None, list],
        hold: frozenset[str],
        keep: frozenset[str],
        stream: bool,
        locate: Iterable[tuple[int, str]] = (),
        starts: Iterable = (),
    ) -> None:
        self._starts = list(starts)  # told of every element as it starts, in document order
        self._every = watchers.get(None, [])
        self._by_tag = {tag: fns for tag, fns in watchers.items() if tag is not None}
        self._hold, self._keep, self._stream = hold, keep, stream
        # One entry per open element: its path step, its children's name counts, line, name, nth.
        self._open: list[tuple[str, dict[str, int], int | None, str, int]] = []
        self._held = 0
        self._line: int | None = None
        self._on_line: dict[str, int] = {}
        self.root_tag: str | None = None
        self.root_line: int | None = None
        # Places another validator reported by line and path, whose start tags are to be counted.
        self._locate = set(locate)
        self._locate_lines = {line for line, _ in self._locate}
        self.located: dict[tuple[int, str], Where] = {}

    def where(self) -> Where:
        """The place of the element now ending (or starting)."""
        _, _, line, qname, nth = self._open[-1]
        return Where(line, "/" + "/".join(step for step, *_ in self._open), qname, nth)

    def child_tags(self) -> Iterable[str]:
        """The Clark names of the children of the element now ending, held or let go."""
        return self._open[-1][1].keys()

    def run(self, events: Iterable[tuple[str, etree._Element]]) -> None:
        for event, el in events:
            if not isinstance(el.tag, str):  # comments and processing instructions
                continue
            if event == "start":
                self._start(el)
            else:
                self._end(el)

    def _start(self, el: etree._Element) -> None:
        if self.root_tag is None:
            self.root_tag, self.root_line = el.tag, el.sourceline
        name = qualified(el)
        local = name.rpartition(":")[2]
        if self._open:
            counts = self._open[-1][1]
            n = counts[el.tag] = counts.get(el.tag, 0) + 1
            step = f"{local}[{n}]" if n > 1 else local
        else:
            step = local
        line = el.sourceline
        if line != self._line:
            self._line, self._on_line = line, {}
        nth = self._on_line.get(name, 0)
        self._on_line[name] = nth + 1
        self._open.append((step, {}, line, name, nth))
        if self._stream and not self._held:
            _drop_preceding(el, self._keep)
        if line in self._locate_lines:
            here = self.where()
            if (line, here.path) in self._locate:
                self.located[(line, here.path)] = here
        for fn in self._starts:
            fn(el, self)
        if el.tag in self._hold:
            self._held += 1

    def _end(self, el: etree._Element) -> None:
        for fn in self._every:
            fn(el, self)
        for fn in self._by_tag.get(el.tag, ()):
            fn(el, self)
        self._open.pop()
        if el.tag in self._hold:
            self._held -= 1
        if self._stream and not self._held and el.tag not in self._keep:
            el.clear(keep_tail=True)  # its subtree is whole; its tail may not be (see above)


def _drop_preceding(el: etree._Element, keep: frozenset[str]) -> None:
    """Take out of the tree the siblings before `el` (now starting, so their tails are whole), back
    to the nearest kept one: those before it went when it or a later sibling started."""
    parent = el.getparent()
    if parent is None:
        return
    sibling = el.getprevious()
    while sibling is not None and sibling.tag not in keep:
        before = sibling.getprevious()
        parent.remove(sibling)
        sibling = before


def tree_events(root: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """The events of a tree already in memory, as iterparse would give them."""
    return etree.iterwalk(root, events=("start", "end"))
