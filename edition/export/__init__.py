"""Exports: an edition's TEI — or TEI that others wrote — in the formats other tools read.

Each format lives in its own module, which exposes one function::

    write(tei: Path, out: Path, options: ExportOptions) -> None

that reads the TEI safely (`edition.xmlio`), writes `out` atomically (`edition.files`) and raises
only `edition.errors` exceptions. `FORMATS` is the one list of formats: the CLI's choices, the
reference documentation and the tests are read off it, and a module is imported only when its
format is asked for (the EPUB needs the HTML renderer; plain text does not).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    summary: str
    module: str


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("txt", ".txt", "plain text, reading or diplomatic, with speakers and gaps", "edition.export.text"),
        Format(
            "md",
            ".md",
            "Markdown: sessions as headings, speakers in bold, notes as footnotes",
            "edition.export.markdown",
        ),
        Format(
            "json",
            ".json",
            "turns (speaker, session, date, text, notes) and people; schema: schemas/export/turns.schema.json",
            "edition.export.turns_json",
        ),
        Format("csv", ".csv", "per speaker and session: turns and words", "edition.export.counts"),
        Format(
            "parla-clarin",
            ".xml",
            "one TEI P5 file in the spoken idiom of Parla-CLARIN: u/seg, note, kinesic/vocal/incident",
            "edition.export.parla_clarin",
        ),
        Format(
            "parlamint",
            ".parlamint",
            "a ParlaMint corpus (a folder): the teiCorpus root with the register and "
            "taxonomies, one component file per sitting; valid against ParlaMint's schemas and checks",
            "edition.export.parlamint",
        ),
        Format(
            "dracor",
            ".xml",
            "a play in DraCor's TEI: castList, acts and scenes as div, stage outside p, "
            "@xml:id and the original source; valid against DraCor's RELAX NG and Schematron",
            "edition.export.dracor",
        ),
        Format("epub", ".epub", "an EPUB 3 e-book of the HTML edition", "edition.export.epub"),
        Format(
            "variants-json",
            ".variants.json",
            "a collation's variant sites and their readings (edition collate)",
            "edition.export.variants_json",
        ),
        Format(
            "variants-csv",
            ".variants.csv",
            "a collation's readings, one row each (edition collate)",
            "edition.export.variants_csv",
        ),
    )
}


@dataclass(frozen=True)
class ExportOptions:
    """What a user may choose; a format ignores what does not apply to it."""

    view: str = "reading"  # "reading" (corrections applied) or "diplomatic" (as transcribed)
    # ParlaMint: what the source cannot say (see edition/export/parlamint.py and docs/reference/exports.md)
    country: str = "XX"  # ISO 3166 code of the corpus id ParlaMint-XX; XX: user-assigned, none
    corpus_name: str = "Unnamed"  # one or two words before "parliamentary corpus" in the titles
    source_url: str | None = None  # the source's web address (idno); else the first in the TEI header
    sitting_date: str | None = None  # YYYY-MM-DD of an undated document; else from the TEI or file name
    # DraCor: the play's id where the source has none (default: ed + six digits of the title's CRC-32)
    play_id: str | None = None


def export(tei: str | Path, fmt: str, out: str | Path, options: ExportOptions = ExportOptions()) -> Path:
    """Write the TEI file `tei` as `fmt` to `out`; return `out`."""
    module = importlib.import_module(FORMATS[fmt].module)
    module.write(Path(tei), Path(out), options)
    return Path(out)
