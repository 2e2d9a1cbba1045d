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
    return {"register": _write(d, "register.xml", f'<listPerson xmlns="{TEI_NS}"><person xml:id="smith">'
                                                  '<persName type="label">SMITH</persName></person></listPerson>'),
            "corrections": _write(d, "corrections.tsv", "sic\tcorr\nHelo\tHello\n"),
            "overrides": _write(d, "overrides.toml", "[furniture]\npatterns = []\n")}


TEI_NS = "http://www.tei-c.org/ns/1.0"


def _encode_over(which: str):
    def make(d: Path) -> list[str]:
        data = _with_data(d)
        source = _write(d, "minutes.txt", "SMITH: Helo.\n")
        return ["encode", str(source), *(a for k, p in data.items() for a in (f"--{k}", str(p))),
                "-o", str(data[which]), "--force"]
    return make


CASES: list[Case] = [
    # ---------------------------------------------------------------- an output is never an input
    Case("pdf-over-its-input", lambda d: ["pdf", str(_tei(d)), "-o", str(d / "x.xml")], 5,
         ("overwrite the input", "x.xml")),
    Case("pdf-over-a-hard-link-of-its-input", lambda d: ["pdf", *(str(p) for p in _linked(d, "hard")[:1]),
                                                         "-o", str(d / "hard.xml")], 5,
         ("overwrite the input", "hard.xml", "x.xml")),
    Case("pdf-over-a-symlink-to-its-input", lambda d: ["pdf", str(_linked(d, "soft")[0]), "-o",
                                                       str(d / "soft.xml")], 5,
         ("overwrite the input", "soft.xml")),
    Case("pdf-through-a-dotted-path", lambda d: ["pdf", str(_tei(d)), "-o", str(d / "." / ".." / d.name / "x.xml")],
         5, ("overwrite the input",)),
    Case("fo-over-a-hard-link-of-its-input", lambda d: ["fo", str(_linked(d, "hard")[0]), "-o",
                                                        str(d / "hard.xml")], 5, ("overwrite the input",)),
    Case("export-csv-over-a-hard-link", lambda d: ["export", str(_linked(d, "hard")[0]), "--to", "csv",
                                                   "-o", str(d / "hard.xml")], 5, ("overwrite the input",)),
    Case("export-epub-over-its-input", lambda d: ["export", str(_tei(d)), "--to", "epub", "-o",
                                                  str(d / "x.xml")], 5, ("overwrite the input",)),
    Case("site-folder-holding-its-input", lambda d: ["html", str(_site_holding(d)), "-o", str(d / "site")], 5,
         ("holds the input", "x.xml")),
    Case("site-folder-holding-the-pdf-offered", lambda d: ["html", str(_tei(d)), "--pdf",
                                                           str(_write(d / "site" if (d / "site").mkdir() is None
                                                                      else d, "book.pdf", b"%PDF-1.4\n")),
                                                           "-o", str(d / "site")], 5,
         ("holds the input", "book.pdf")),
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
