"""Writing a document whose large blocks are held (`encode.held`): the tree is serialised as any
other (`xmlio.serialize_to`, so the bytes are those of the whole tree), and each held block's
content is made and written where the block stands, chunk by chunk, checked against the source
as it goes.

Where a held block stands, the serializer meets a placeholder (a processing instruction put in
the block for the time of writing, `<?edition-held N?>`); a thin file wrapper passes everything
else through and writes block N's content in its place. Text and attribute values are escaped
(`<` is `&lt;`), so those bytes come from a placeholder and from nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

from lxml import etree

from edition.encode.held import Held
from edition.xmlio import serialize_content, serialize_to

_TARGET = "edition-held"
_MARK = f"<?{_TARGET} ".encode()
_END = b"?>"


def write_document(root: etree._Element, held: Held | None, fh: BinaryIO) -> None:
    """The bytes `xmlio.serialize_to(root, models=True)` would write were every held block built,
    into `fh`; `text.Departure` if a held block's text departs from the source (`fh` then holds
    part of it)."""
    if not held:
        serialize_to(root, fh, models=True)
        return
    blocks = list(held.blocks)
    marks = []
    try:
        for n, el in enumerate(blocks):  # the content first, then what was added after
            mark = etree.ProcessingInstruction(_TARGET, str(n))
            mark.tail, el.text = el.text, None
            el.insert(0, mark)
            marks.append(mark)

        def content(n: int) -> None:
            held.write_content(blocks[n], lambda chunk: fh.write(serialize_content(chunk)))

        out = _Splice(fh, content)
        serialize_to(root, out, models=True)
        out.close()
    finally:
        for mark in marks:
            el = mark.getparent()
            el.text = mark.tail
            mark.tail = None
            el.remove(mark)


class _Splice:
    """A binary file that passes bytes on to `fh`, calling `content(n)` in place of the
    placeholder of block n (which may be cut between two writes)."""

    def __init__(self, fh: BinaryIO, content: Callable[[int], None]) -> None:
        self.fh, self.content, self.carry = fh, content, b""

    def write(self, data: bytes) -> int:
        buf = self.carry + bytes(data) if self.carry else bytes(data)
        pos = 0
        while True:
            at = buf.find(_MARK, pos)
            if at < 0:
                keep = _partial_mark(buf, pos)
                break
            end = buf.find(_END, at)
            if end < 0:
                keep = at
                break
            self.fh.write(buf[pos:at])
            self.content(int(buf[at + len(_MARK) : end]))
            pos = end + len(_END)
        self.fh.write(buf[pos:keep])
        self.carry = buf[keep:]
        return len(data)

    def close(self) -> None:
        self.fh.write(self.carry)
        self.carry = b""


def _partial_mark(buf: bytes, pos: int) -> int:
    """Where an unfinished placeholder may begin at the end of `buf` (its length if none)."""
    for k in range(min(len(_MARK) - 1, len(buf) - pos), 0, -1):
        if buf.endswith(_MARK[:k]):
            return len(buf) - k
    return len(buf)
