"""The toolkit as a library, for scripts and notebooks: an `Edition` in memory.

    import edition
    ed = edition.encode("SMITH: Hello.\\nJONES: Good day.\\n", title="A short exchange")
    ed.tei                    # the TEI, an lxml ElementTree
    ed.report                 # what the encoding noticed (Diagnostics)
    ed.validate().ok()        # the project's schema and rules
    ed.html()                 # {page name: HTML}, or ed.html("site/") to write the site
    ed.pdf()                  # the print edition, bytes
    ed.export("md")           # str; "epub", "dracor", "parla-clarin": bytes; "parlamint": {file: bytes}
    edition.load("tei/march-1917.xml")      # TEI that exists: the same methods

Everything goes through `edition.api` and the exports, as the CLI does; what needs a file (the
renderers, the exports) is given one in a temporary folder, named after the edition. Errors are
`edition.errors.EditionError`s, as everywhere.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path
from typing import Any

from lxml import etree

from edition.diagnostics import Diagnostic
from edition.settings import EncodeSettings, Metadata
from edition.xmlio import names_models, parse_bytes, parse_file, require_tei, serialize

_SETTINGS = {f.name for f in dataclasses.fields(EncodeSettings)} - {
    "source",
    "output",
    "html",
    "pdf",
    "metadata",
    "config",
    "explain",
}
_METADATA = {f.name for f in dataclasses.fields(Metadata)}
_TEXT_FORMATS = {"txt", "md", "json", "csv"}


class Edition:
    """A TEI edition in memory: its tree, what made it, and every output the toolkit writes."""

    def __init__(
        self,
        tei: etree._ElementTree,
        *,
        name: str = "edition",
        report: list[Diagnostic] | None = None,
        stats: dict[str, Any] | None = None,
        own: bool = False,
    ) -> None:
        self.tei = tei
        self.name = name
        self.own = own  # the toolkit's TEI: it names the project's schemas (xml-model)
        self.report: list[Diagnostic] = list(report or [])
        self.stats: dict[str, Any] = dict(stats or {})

    def __repr__(self) -> str:
        turns = len(self.tei.getroot().findall(".//{http://www.tei-c.org/ns/1.0}sp"))
        return f"<Edition {self.name!r}: {turns} turns>"

    # ------------------------------------------------------------------ the TEI

    def to_bytes(self) -> bytes:
        """The TEI as the toolkit writes it (UTF-8, the same bytes for the same input)."""
        return serialize(self.tei.getroot(), models=self.own)

    def write(self, path: str | Path) -> Path:
        """Write the TEI to `path` (replaced atomically); return the path."""
        from edition.files import write_atomic

        write_atomic(path, self.to_bytes())
        return Path(path)

    def text(self, view: str = "diplomatic") -> str:
        """The plain text: `diplomatic` (the transcript as it was) or `reading` (corrected)."""
        from edition import text as textmod

        return (textmod.diplomatic if view == "diplomatic" else textmod.reading)(self.tei.getroot())

    def validate(self, schema: str = "edition", rules: bool | None = None):
        """Validate against the project's schema and rules (or `tei-all`, or a schema file): a
        `Report` whose `.ok()` says whether it passed and whose `.files[0].diagnostics` say why."""
        from edition.validate import validate_data

        return validate_data([(f"{self.name}.xml", self.to_bytes())], schema=schema, rules=rules)

    # ------------------------------------------------------------------ outputs

    def html(self, folder: str | Path | None = None) -> dict[str, str] | Path:
        """The HTML edition: written to `folder` (its path returned), or without one as pages,
        {file name: HTML} (the site's assets, styles and scripts, are left out)."""
        from edition import api

        if folder is not None:
            with self._file() as tei:
                return api.html(tei, folder).folder
        with self._file() as tei:
            site = Path(tei).parent / "site"
            api.html(tei, site)
            return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}

    def pdf(self, **options: Any) -> bytes:
        """The print edition as PDF bytes (options as `edition.api.pdf`: paper, margins, engine)."""
        from edition import api

        with self._file() as tei:
            out = Path(tei).parent / f"{self.name}.pdf"
            api.pdf(tei, out, **options)
            return out.read_bytes()

    def export(self, fmt: str, **options: Any) -> str | bytes | dict[str, bytes]:
        """An export (`edition.export.FORMATS`): text formats (txt, md, json, csv) as str, the
        others as bytes, a ParlaMint corpus as {file name: bytes}. `options` are the fields of
        `ExportOptions` (view, country, corpus_name, source_url, sitting_date, play_id)."""
        from edition.export import FORMATS, ExportOptions, export

        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        with self._file() as tei:
            out = export(tei, fmt, Path(tei).parent / f"out{FORMATS[fmt].suffix}", ExportOptions(**options))
            if out.is_dir():
                return {p.name: p.read_bytes() for p in sorted(out.iterdir())}
            return out.read_text(encoding="utf-8") if fmt in _TEXT_FORMATS else out.read_bytes()

    def _file(self):
        """A temporary folder holding the TEI as `<name>.xml`; yields its path."""
        import contextlib

        @contextlib.contextmanager
        def staged():
            with tempfile.TemporaryDirectory(prefix="edition-") as folder:
                path = Path(folder) / f"{self.name}.xml"
                path.write_bytes(self.to_bytes())
                yield path

        return staged()


def encode(source: str | Path, **options: Any) -> Edition:
    """Encode a transcript — its text (a str with a line break, or any str that names no file) or
    a file (a `Path`, or a str naming one) — as a TEI edition.

    `options`: the metadata (`title`, `author`, `language`, `source_bibl`, `source_url`, … — see
    `edition.settings.Metadata`) and the reading (`label_style`, `layout`, `encoding`,
    `register`, `corrections`, `overrides`, `default_year`, `edition_id`)."""
    from edition import api
    from edition.transcript.read import decode_source

    unknown = set(options) - _SETTINGS - _METADATA
    if unknown:
        raise TypeError(
            f"unknown option(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(_SETTINGS | _METADATA))}"
        )
    metadata = Metadata(**{k: v for k, v in options.items() if k in _METADATA})
    settings = {
        k: (Path(v) if k in ("register", "corrections", "overrides") and v is not None else v)
        for k, v in options.items()
        if k in _SETTINGS
    }
    path = _as_file(source)
    if path is not None:
        result = api.encode(EncodeSettings(source=path, metadata=metadata, **settings))
        name = path.stem
    else:
        result = api.encode_source(
            decode_source(str(source).encode("utf-8"), "transcript.txt"), EncodeSettings(metadata=metadata, **settings)
        )
        name = options.get("edition_id", "edition")
    return Edition(
        etree.ElementTree(result.root), name=name, report=result.diagnostics.items, stats=result.stats, own=True
    )


def load(tei: str | Path | bytes | etree._ElementTree | etree._Element) -> Edition:
    """An existing TEI document (a file, its bytes, or an lxml tree) as an `Edition`, read
    safely (no DTD, no entities, no network)."""
    if isinstance(tei, etree._Element):
        tree, name = etree.ElementTree(tei), "edition"
    elif isinstance(tei, etree._ElementTree):
        tree, name = tei, "edition"
    elif isinstance(tei, bytes):
        tree, name = parse_bytes(tei), "edition"
    else:
        tree, name = parse_file(tei), Path(tei).stem
    require_tei(tree, name)
    return Edition(tree, name=name, own=names_models(tree))


def _as_file(source: str | Path) -> Path | None:
    if isinstance(source, Path):
        return source
    if "\n" not in source and len(source) < 4096 and Path(source).is_file():
        return Path(source)
    return None
