"""Hostile or huge XML meeting the parser and the validator: prologs, DOCTYPE bypasses, streaming.

(`edition stats` and corpus builds meet the same DOCTYPE bypasses in tests/test_xmlio_prolog.py.)

Joined to the one catalogue by `catalogue.py`; the makers and `Case` come from there."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from bad_inputs.catalogue import MINIMAL_BODY, Case, _write


def _fifo_doctype(command: str, before: str, encoding: str = "utf-8", bom: bool = False):
    """A TEI document whose prolog has `before` (comments, processing instructions) and then a
    DOCTYPE naming a FIFO beside it: a parser that opens the external subset waits forever."""

    def make(d: Path) -> list[str]:
        fifo = d / "subset.dtd"
        os.mkfifo(fifo)
        declaration = f'<?xml version="1.0" encoding="{encoding.upper().removesuffix("-LE").removesuffix("-BE")}"?>\n'
        text = declaration + before + f'\n<!DOCTYPE TEI SYSTEM "{fifo}">\n' + MINIMAL_BODY.format("<p>x</p>")
        data = text.encode(encoding)
        if bom:
            data = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-8": codecs.BOM_UTF8}[
                encoding
            ] + data
        path = _write(d, "doc.xml", data)
        if command in ("validate", "text"):
            return [command, str(path)]
        return [command, str(path), "-o", "{out}"]

    return make


#: What stood before the DOCTYPE and hid it from the first prolog check (a "<" taken for the root).
_BEFORE = {"comment": "<!-- <a -->", "pi": "<?foo <x?>", "both": "<?foo <x?>\n<!-- <a --> <!---->"}

CASES: list[Case] = [
    *(
        Case(
            f"doctype-fifo-after-{kind}-{command}",
            _fifo_doctype(command, before),
            1 if command == "validate" else 3,
            ("E101",) if command == "validate" else ("doctype",),
        )
        for kind, before in _BEFORE.items()
        for command in ("text", "validate", "html", "pdf", "fo")
    ),
    Case("doctype-fifo-utf-16-le-bom", _fifo_doctype("text", _BEFORE["both"], "utf-16-le", bom=True), 3, ("doctype",)),
    Case(
        "doctype-fifo-utf-16-be-bom", _fifo_doctype("validate", _BEFORE["comment"], "utf-16-be", bom=True), 1, ("E101",)
    ),
    Case("doctype-fifo-utf-16-le", _fifo_doctype("html", _BEFORE["pi"], "utf-16-le"), 3, ("doctype",)),
    Case("doctype-fifo-utf-16-be", _fifo_doctype("fo", _BEFORE["both"], "utf-16-be"), 3, ("doctype",)),
    Case("doctype-fifo-utf-8-bom", _fifo_doctype("pdf", _BEFORE["comment"], "utf-8", bom=True), 3, ("doctype",)),
    # a prolog longer than the first check reads: only the parser's own refusal stands
    Case(
        "doctype-fifo-after-long-comment", _fifo_doctype("text", "<!-- <a " + "x" * 1_100_000 + " -->"), 3, ("doctype",)
    ),
]
