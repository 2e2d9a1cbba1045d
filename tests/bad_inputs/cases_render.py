"""Hostile TEI meeting the renderers: file names, fetched resources, strings in CSS, URL and HTML.

Joined to the one catalogue by `catalogue.py`; the makers and `Case` come from there. The makers
here are also used by tests/test_render_safety.py, which runs every variant through every route
and watches a folder beside the output (`sibling`) that the hostile names aim at: nothing may
appear there, nothing may be embedded in a PDF.

A variant's names aim at `sibling(d)`, the folder `sibling` beside the input folder `d`, from
wherever the stylesheet's output folder is (40 steps up reach the root from any depth, and the
root's parent is the root).
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from urllib.parse import quote

from bad_inputs.catalogue import TEI, Case, _write  # noqa: F401 — the cases below are Case rows

UP = 40


def sibling(d: Path) -> Path:
    """The watched folder beside the input folder (made on first use)."""
    folder = d.parent / "sibling"
    folder.mkdir(exist_ok=True)
    return folder


def _rel(path: Path) -> str:
    return str(path)[1:]  # without the leading '/': to follow '../' × UP


#: Division ids that name a place outside the output folder, by kind; each takes the watched folder.
ID_VARIANTS = {
    "absolute": lambda s: [f"{s}/absolute"],
    "relative": lambda s: ["../" * UP + _rel(s / "relative")],
    "file-uri": lambda s: [f"file://{s}/file-uri", f"file:{s}/file-uri-2"],
    "percent-encoded": lambda s: [
        "%2e%2e%2f" * UP + quote(_rel(s / "pct"), safe=""),
        "%2E%2E/" * UP + _rel(s / "pct-2"),
    ],
    "backslashes": lambda s: ["..\\" * UP + _rel(s / "bs").replace("/", "\\"), "\\\\host\\share\\bs-2"],
    "very-long": lambda s: ["a" * 300, "../" * UP + _rel(s) + "/" + "b" * 300],
    "unicode-lookalikes": lambda s: [
        "\uff0e\uff0e\uff0f" * UP + _rel(s / "fullwidth").replace("/", "\uff0f"),  # ．．／
        "\u2024\u2024\u2215" * UP + _rel(s / "leader").replace("/", "\u2215"),  # ․․∕
        "..\u2044" * UP + _rel(s / "fraction").replace("/", "\u2044"),
    ],  # ⁄
    "alike": lambda s: ["a/b", "a:b", "A-b", "a-b", "a.b", "a-b-2", "index", "Index", "nav", "con"],
}


def hostile_tei(ids: list[str], title: str = "Hostile ids") -> str:
    """A TEI document with one session per id (escaped for XML, as a document would carry it)."""

    def esc(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")

    divs = "".join(
        f'<div type="session" xml:id="{esc(i)}"><head>Session {n}</head>'
        f'<p xml:id="p{n}">Words of session {n}.</p></div>'
        for n, i in enumerate(ids, 1)
    )
    return (
        f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>{esc(title)}</title></titleStmt>'
        "<publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc>"
        f"</teiHeader><text><body>{divs}</body></text></TEI>"
    )


def ids_tei(variant: str):
    """Make the TEI of an id variant in `d`; return its path."""
    return lambda d: _write(d, f"ids-{variant}.xml", hostile_tei(ID_VARIANTS[variant](sibling(d))))


def all_ids_tei(d: Path) -> Path:
    s = sibling(d)
    return _write(d, "ids-all.xml", hostile_tei([i for v in ID_VARIANTS.values() for i in v(s)]))


# ---------------------------------------------------------------- the print route


def png(path: Path) -> Path:
    """A real 2×2 PNG, to be embedded if anything fetches it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return path


def _print_tei(d: Path, name: str, short_title: str = "Short", body: str = "<p>Hello.</p>") -> Path:
    return _write(
        d,
        name,
        f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>T</title>'
        f'<title type="short">{short_title}</title></titleStmt><publicationStmt><p>P</p>'
        "</publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>"
        f'<text><body><div type="session">{body}</div></body></text></TEI>',
    )


def _secret(d: Path, name: str = "secret.txt") -> Path:
    """A private file: text, and as CSS it writes itself into the book (so reading it shows)."""
    secret = sibling(d) / name
    secret.write_text('body::before { content: "the contents of a private file" }\n')
    return secret


PRIVATE_CSS = "private.css"


def _enc(path: Path) -> str:
    """`path` reached from the print stylesheet's folder by percent-encoded steps up."""
    return "%2e%2e/" * UP + _rel(path)


#: TEI files that try to make the print routes fetch or embed a local file (an attachment, an
#: image, an @import, a style breakout: names that a paged-HTML engine would have fetched; Typst
#: and FOP are given the same names), by kind.
PRINT_VARIANTS = {
    "style-breakout-attachment": lambda d: _print_tei(
        d, "attach.xml", f"x&lt;/style&gt;&lt;a rel=attachment href={_enc(_secret(d))}&gt;p&lt;/a&gt;&lt;style&gt;"
    ),
    "style-breakout-image": lambda d: _print_tei(
        d, "image.xml", f"x&lt;/style&gt;&lt;img src={_enc(png(sibling(d) / 'victim.png'))}&gt;&lt;style&gt;"
    ),
    "style-breakout-link-stylesheet": lambda d: _print_tei(
        d,
        "import.xml",
        f"x&lt;/STYLE &gt;&lt;link rel=stylesheet href={_enc(_secret(d, PRIVATE_CSS))}&gt;&lt;style&gt;",
    ),
    "css-string-breakout": lambda d: _print_tei(
        d, "css.xml", f'x"; }} @import url("{_enc(_secret(d, PRIVATE_CSS))}"); @page {{ content: "\\'
    ),
    "document-names-files": lambda d: _print_tei(
        d,
        "names.xml",
        body=(
            f'<pb facs="{_enc(png(sibling(d) / "facs.png"))}"/>'
            f'<p>See <ref target="{_enc(_secret(d))}">this</ref> and <ptr target="file:///etc/passwd"/>.'
            f'<figure><graphic url="{_enc(png(sibling(d) / "graphic.png"))}"/></figure>'
            f'<figure><graphic url="file://{png(sibling(d) / "graphic2.png")}"/></figure></p>'
            '<p xml:id="url(file:///etc/passwd)">An id that looks like a URL.</p>'
        ),
    ),
}


def _cmd(command: str, make):
    return lambda d: [command, str(make(d)), "-o", "{out}"]


# ---------------------------------------------------------------- the catalogue's rows

CASES: list[Case] = [
    # a division id names the page: each variant stays in the site folder, under a safe name
    *[
        Case(f"html-division-id-{variant}", _cmd("html", ids_tei(variant)), 0, names_file=False)
        for variant in ID_VARIANTS
    ],
    Case("build-division-ids", lambda d: ["build", str(all_ids_tei(d)), "-o", "{out}", "-q"], 0, names_file=False),
    # the short title, a CSS string in the book's <style>, cannot end the element or the string
    *[Case(f"pdf-{variant}", _cmd("pdf", make), 0, names_file=False) for variant, make in PRINT_VARIANTS.items()],
    Case("fo-document-names-files", _cmd("fo", PRINT_VARIANTS["document-names-files"]), 0, names_file=False),
    # margins go into the same <style> (and the FO's attributes): CSS sizes only
    Case(
        "pdf-margins-break-out",
        lambda d: [
            "pdf",
            str(_print_tei(d, "m.xml")),
            "-o",
            "{out}",
            "--margins",
            "1cm; } </style><a rel=attachment href=/etc/passwd>x</a><style>",
        ],
        3,
        ("not a css size",),
        names_file=False,
    ),
    Case(
        "fo-margins-break-out",
        lambda d: ["fo", str(_print_tei(d, "m.xml")), "-o", "{out}", "--margins", '1cm" font-family="url(/etc/passwd)'],
        3,
        ("not a css size",),
        names_file=False,
    ),
]
