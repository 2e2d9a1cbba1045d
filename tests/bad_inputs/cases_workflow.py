"""Careless hands: outputs that are inputs, configs with wrong keys or types, builds and corpora.

Joined to the one catalogue by `catalogue.py`; the makers and `Case` come from there."""

from __future__ import annotations

import os
from pathlib import Path

from bad_inputs.catalogue import MINIMAL_BODY, Case, _write

TEI_DOC = MINIMAL_BODY.format("<p>The text.</p>")


def _tei(d: Path, name: str = "x.xml") -> Path:
    return _write(d, name, TEI_DOC)


def _linked(d: Path, kind: str) -> tuple[Path, Path]:
    """A TEI input and a second name for it: a hard link or a symbolic link."""
    tei = _tei(d)
    other = d / f"{kind}.xml"
    (os.link if kind == "hard" else os.symlink)(tei if kind == "hard" else tei.name, other)
    return tei, other


def _site_holding(d: Path, name: str = "x.xml") -> Path:
    """A folder marked as a site this toolkit built, with the input inside it."""
    site = d / "site"
    site.mkdir()
    (site / ".edition-site").write_text("A static edition built by the edition toolkit.\n")
    return _tei(site, name)


def edition(d: Path, **keys: str) -> Path:
    """An edition: a transcript, and an edition.toml with these [edition] keys (TOML values)."""
    _write(d, "minutes.txt", "SMITH: Hello.\n\nJONES: Goodbye.\n")
    lines = ['id = "t"', 'source = "minutes.txt"', *(f"{k} = {v}" for k, v in keys.items())]
    if "output" not in keys:
        lines.append('output = "t.xml"')
    return _write(d, "edition.toml", "[edition]\n" + "\n".join(lines) + "\n")


def build(**keys: str):
    return lambda d: ["build", "-c", str(edition(d, **keys))]


def _with_data(d: Path) -> dict[str, Path]:
    return {
        "register": _write(
            d,
            "register.xml",
            f'<listPerson xmlns="{TEI_NS}"><person xml:id="smith">'
            '<persName type="label">SMITH</persName></person></listPerson>',
        ),
        "corrections": _write(d, "corrections.tsv", "sic\tcorr\nHelo\tHello\n"),
        "overrides": _write(d, "overrides.toml", "[furniture]\npatterns = []\n"),
    }


TEI_NS = "http://www.tei-c.org/ns/1.0"


def _encode_over(which: str):
    def make(d: Path) -> list[str]:
        data = _with_data(d)
        source = _write(d, "minutes.txt", "SMITH: Helo.\n")
        return [
            "encode",
            str(source),
            *(a for k, p in data.items() for a in (f"--{k}", str(p))),
            "-o",
            str(data[which]),
            "--force",
        ]

    return make


CASES: list[Case] = [
    # ---------------------------------------------------------------- an output is never an input
    Case(
        "pdf-over-its-input",
        lambda d: ["pdf", str(_tei(d)), "-o", str(d / "x.xml")],
        5,
        ("overwrite the input", "x.xml"),
    ),
    Case(
        "pdf-over-a-hard-link-of-its-input",
        lambda d: ["pdf", *(str(p) for p in _linked(d, "hard")[:1]), "-o", str(d / "hard.xml")],
        5,
        ("overwrite the input", "hard.xml", "x.xml"),
    ),
    Case(
        "pdf-over-a-symlink-to-its-input",
        lambda d: ["pdf", str(_linked(d, "soft")[0]), "-o", str(d / "soft.xml")],
        5,
        ("overwrite the input", "soft.xml"),
    ),
    Case(
        "pdf-through-a-dotted-path",
        lambda d: ["pdf", str(_tei(d)), "-o", str(d / "." / ".." / d.name / "x.xml")],
        5,
        ("overwrite the input",),
    ),
    Case(
        "fo-over-a-hard-link-of-its-input",
        lambda d: ["fo", str(_linked(d, "hard")[0]), "-o", str(d / "hard.xml")],
        5,
        ("overwrite the input",),
    ),
    Case(
        "export-csv-over-a-hard-link",
        lambda d: ["export", str(_linked(d, "hard")[0]), "--to", "csv", "-o", str(d / "hard.xml")],
        5,
        ("overwrite the input",),
    ),
    Case(
        "export-epub-over-its-input",
        lambda d: ["export", str(_tei(d)), "--to", "epub", "-o", str(d / "x.xml")],
        5,
        ("overwrite the input",),
    ),
    Case(
        "site-folder-holding-its-input",
        lambda d: ["html", str(_site_holding(d)), "-o", str(d / "site")],
        5,
        ("holds the input", "x.xml"),
    ),
    Case(
        "site-folder-holding-the-pdf-offered",
        lambda d: [
            "html",
            str(_tei(d)),
            "--pdf",
            str(_write(d / "site" if (d / "site").mkdir() is None else d, "book.pdf", b"%PDF-1.4\n")),
            "-o",
            str(d / "site"),
        ],
        5,
        ("holds the input", "book.pdf"),
    ),
    Case("encode-over-its-register", _encode_over("register"), 5, ("overwrite the input", "register.xml")),
    Case("encode-over-its-corrections", _encode_over("corrections"), 5, ("overwrite the input", "corrections.tsv")),
    Case("encode-over-its-overrides", _encode_over("overrides"), 5, ("overwrite the input", "overrides.toml")),
    Case("build-pdf-over-the-transcript", build(pdf='"minutes.txt"'), 5, ("overwrite the input", "minutes.txt")),
    Case("build-output-over-the-transcript", build(output='"minutes.txt"'), 5, ("overwrite the input",)),
    Case("build-output-over-the-config", build(output='"edition.toml"'), 5, ("overwrite the input", "edition.toml")),
    Case("build-pdf-over-the-tei-it-writes", build(pdf='"t.xml"'), 5, ("t.xml", "pdf", "output")),
    Case("build-site-folder-holding-the-transcript", build(html='"."'), 5, ("holds the input", "edition.toml")),
    Case("build-site-folder-holding-the-pdf", build(html='"site"', pdf='"site/t.pdf"'), 5, ("site", "t.pdf")),
]


# ---------------------------------------------------------------- editorial data held to its schema


def _encode_with(overrides: str | None = None, corrections: str | bytes | None = None, register: str | None = None):
    """`encode` of a short transcript with one bad data file."""

    def make(d: Path) -> list[str]:
        source = _write(d, "minutes.txt", "SESSION ONE\n\nSMITH: Hello there.\n\nJONES: Goodbye now.\n")
        args = ["encode", str(source), "-o", "{out}"]
        for flag, name, data in (
            ("--overrides", "overrides.toml", overrides),
            ("--corrections", "corrections.tsv", corrections),
            ("--register", "register.xml", register),
        ):
            if data is not None:
                args += [flag, str(_write(d, name, data))]
        return args

    return make


def _config(text: str | bytes):
    def make(d: Path) -> list[str]:
        source = _write(d, "minutes.txt", "SMITH: Hello there.\n")
        return ["encode", str(source), "-c", str(_write(d, "edition.toml", text)), "-o", "{out}"]

    return make


PERSON = '<person xml:id="{}"><persName type="label">{}</persName></person>'

CASES += [
    # edition.toml: unknown keys and tables, wrong types, bad values — with the line
    Case(
        "config-bogus-label-style",
        _config('[edition]\nsource = "minutes.txt"\nlabel-style = "bogus"\n'),
        4,
        ("edition.toml:3", "label-style", "bogus", "colon"),
    ),
    Case(
        "config-bogus-layout",
        _config('[edition]\nsource = "minutes.txt"\nlayout = "bogus"\n'),
        4,
        ("edition.toml:3", "layout", "wrapped"),
    ),
    Case(
        "config-encoding-a-number",
        _config('[edition]\nsource = "minutes.txt"\nencoding = 8\n'),
        4,
        ("edition.toml:3", "encoding", "must be text"),
    ),
    Case(
        "config-unknown-key",
        _config('[edition]\nsource = "minutes.txt"\nsorce = "x.txt"\n'),
        4,
        ("edition.toml:3", "unknown key", "sorce"),
    ),
    Case(
        "config-unknown-table",
        _config('[edition]\nsource = "minutes.txt"\n\n[metdata]\ntitle = "T"\n'),
        4,
        ("edition.toml:4", "metdata"),
    ),
    Case(
        "config-title-a-number",
        _config('[edition]\nsource = "minutes.txt"\n[metadata]\ntitle = 1917\n'),
        4,
        ("edition.toml:4", "title", "must be text"),
    ),
    Case(
        "config-revision-without-change",
        _config('[edition]\nsource = "minutes.txt"\n\n[[metadata.revision]]\nwhen = "2026-01-01"\n'),
        4,
        ("edition.toml:4", "lacks change"),
    ),
    Case(
        "config-revision-a-number",
        _config('[edition]\nsource = "minutes.txt"\n[metadata]\nrevision = 5\n'),
        4,
        ("edition.toml:4", "revision"),
    ),
    Case(
        "config-bad-date",
        _config('[edition]\nsource = "minutes.txt"\n[metadata]\ndate = "today"\n'),
        4,
        ("edition.toml:4", "iso date"),
    ),
    Case(
        "config-control-character",
        _config('[edition]\nsource = "minutes.txt"\n[metadata]\ntitle = "The \\u0007 minutes"\n'),
        4,
        ("edition.toml:4", "u+0007"),
    ),
    Case(
        "config-year-a-list",
        _config('[edition]\nsource = "minutes.txt"\nyear = [1917]\n'),
        4,
        ("edition.toml:3", "year"),
    ),
    Case(
        "config-without-source",
        lambda d: ["build", "-c", str(_write(d, "edition.toml", '[edition]\nid = "t"\n'))],
        4,
        ("no transcript", "source"),
    ),
    Case(
        "config-output-a-folder",
        lambda d: ["build", "-c", str(edition(d, output='"folder"')) if (d / "folder").mkdir() is None else ""],
        5,
        ("folder", "directory"),
    ),
    # overrides.toml
    Case(
        "overrides-who-a-number",
        _encode_with(overrides='[[paragraph]]\nstarts = "SMITH"\nwho = 5\n'),
        4,
        ("overrides.toml:3", "who", "must be text"),
    ),
    Case(
        "overrides-starts-a-number",
        _encode_with(overrides="[[paragraph]]\nstarts = 5\n"),
        4,
        ("overrides.toml:2", "starts"),
    ),
    Case(
        "overrides-kind-row",
        _encode_with(overrides='[[paragraph]]\nstarts = "SMITH"\nkind = "row"\n'),
        4,
        ("overrides.toml:3", "kind", "'row' is not one of"),
    ),
    Case(
        "overrides-reported-text",
        _encode_with(overrides='[[paragraph]]\nstarts = "SMITH"\nreported = "yes"\n'),
        4,
        ("overrides.toml:3", "true or false"),
    ),
    Case(
        "overrides-gap-after-a-number", _encode_with(overrides="[[gap]]\nafter = 5\n"), 4, ("overrides.toml:2", "after")
    ),
    Case(
        "overrides-note-text-a-number",
        _encode_with(overrides='[[note]]\nafter = "Hello"\ntext = 5\n'),
        4,
        ("overrides.toml:3", "text"),
    ),
    Case(
        "overrides-note-control-character",
        _encode_with(overrides='[[note]]\nafter = "Hello"\ntext = "a\\u0001b"\n'),
        4,
        ("overrides.toml:3", "u+0001"),
    ),
    Case(
        "overrides-patterns-not-a-list",
        _encode_with(overrides='[furniture]\npatterns = "^x"\n'),
        4,
        ("overrides.toml:2", "patterns"),
    ),
    Case(
        "overrides-pattern-a-number",
        _encode_with(overrides="[furniture]\npatterns = [5]\n"),
        4,
        ("overrides.toml:2", "patterns"),
    ),
    Case(
        "overrides-furniture-a-number", _encode_with(overrides="furniture = 5\n"), 4, ("overrides.toml:1", "furniture")
    ),
    Case(
        "overrides-unknown-table",
        _encode_with(overrides='[[paragraf]]\nstarts = "SMITH"\n'),
        4,
        ("overrides.toml:1", "paragraf"),
    ),
    Case(
        "overrides-chair-not-an-id",
        _encode_with(overrides='[[session]]\nheading = "SESSION ONE"\nchair = "Mr Smith"\n'),
        4,
        ("overrides.toml:3", "chair", "not an id"),
    ),
    Case(
        "overrides-two-chairs-for-one-session",
        _encode_with(
            overrides='[[session]]\nheading = "SESSION ONE"\nchair = "smith"\n\n'
            '[[session]]\nheading = "SESSION ONE"\nchair = "jones"\n'
        ),
        4,
        ("overrides.toml:6", "same heading", "session one"),
    ),
    # corrections.tsv
    Case(
        "corrections-control-character",
        _encode_with(corrections="sic\tcorr\nHello\tHel\x01lo\n"),
        4,
        ("corrections.tsv:2", "u+0001"),
    ),
    Case(
        "corrections-unknown-column",
        _encode_with(corrections="sic\tcorr\tcomment\nHello\tHallo\tx\n"),
        4,
        ("corrections.tsv:1", "comment"),
    ),
    Case(
        "corrections-more-cells-than-columns",
        _encode_with(corrections="sic\tcorr\nHello\tHallo\tx\n"),
        4,
        ("corrections.tsv:2", "3 cells", "2 columns"),
    ),
    Case(
        "corrections-type-with-spaces",
        _encode_with(corrections="sic\tcorr\ttype\nHello\tHallo\tbad type\n"),
        4,
        ("corrections.tsv:2", "type"),
    ),
    # a type outside the ODD's closed list would make TEI the validator refuses
    Case(
        "corrections-type-not-in-the-odd",
        _encode_with(corrections="sic\tcorr\ttype\nHello\tHallo\tocr\n"),
        4,
        ("corrections.tsv:2", "'ocr' is not one of char"),
    ),
    Case(
        "corrections-not-utf-8",
        _encode_with(corrections="sic\tcorr\nHello\tHéllo\n".encode("latin-1")),
        4,
        ("corrections.tsv:2", "not utf-8"),
    ),
    # a byte-order mark is accepted (Windows editors write one): the file reads as without it
    Case("corrections-with-bom", _encode_with(corrections="\ufeffsic\tcorr\nHello\tHallo\n"), 0),
    Case("config-with-bom", _config('\ufeff[edition]\nsource = "minutes.txt"\nlabel-style = "colon"\n'), 0),
    # the register
    Case(
        "register-one-label-two-people",
        _encode_with(
            register=(
                f'<listPerson xmlns="{TEI_NS}">\n{PERSON.format("a", "SMITH")}\n{PERSON.format("b", "Smith")}\n'
                "</listPerson>"
            )
        ),
        4,
        ("register.xml:3", "smith", "'a'", "'b'"),
    ),
    # commands
    Case(
        "text-of-a-tei-without-text",
        lambda d: ["text", str(_write(d, "header.xml", f'<TEI xmlns="{TEI_NS}"><teiHeader/></TEI>'))],
        3,
        ("no <text>",),
    ),
    Case("site-in-proc", lambda d: ["html", str(_tei(d)), "-o", "/proc/edition-site"], 5, ("cannot be written",)),
    Case(
        "file-name-not-utf-8",
        lambda d: ["text", str(_write(d, os.fsdecode(b"minutes-\xff.xml"), TEI_DOC))],
        3,
        ("not valid utf-8", "minutes-\\xff.xml"),
        names_file=False,
    ),
]

CASES += [
    Case(
        "register-id-with-a-space",
        _encode_with(register=(f'<listPerson xmlns="{TEI_NS}">\n{PERSON.format("mr smith", "SMITH")}\n</listPerson>')),
        4,
        ("register.xml:2", "'mr smith' is not an id"),
    ),
    Case(
        "register-person-and-org-one-id",
        _encode_with(
            register=(
                f'<listPerson xmlns="{TEI_NS}">\n{PERSON.format("smith", "SMITH")}\n'
                '<org xml:id="smith"><orgName>Smith and Co.</orgName></org>\n</listPerson>'
            )
        ),
        4,
        ("register.xml:3", "duplicate id 'smith'"),
    ),
]

CASES += [
    # corpus builds: what cannot be built is said before anything is written
    Case(
        "build-files-from-not-utf-8",
        lambda d: ["build", "--files-from", str(_write(d, "list.txt", b"\xff\xfe\x00x\n")), "-o", "{out}"],
        3,
        ("list.txt", "utf-8"),
    ),
    Case(
        "build-to-nothing",
        lambda d: ["build", str(_tei(d)), "--to", ",", "-o", "{out}"],
        2,
        ("--to", "no output"),
        names_file=False,
    ),
    Case(
        "build-with-a-missing-schema",
        lambda d: ["build", str(_tei(d)), "--schema", str(d / "nope.xsd"), "-o", "{out}"],
        2,
        ("nope.xsd", "no such schema"),
    ),
]

CASES += [
    Case(
        "corrections-context-without-its-sic",
        _encode_with(corrections="sic\tcorr\tcontext\nHelo\tHello\tsaid hallo there\n"),
        4,
        ("corrections.tsv:2", "context", "helo"),
    ),
]
