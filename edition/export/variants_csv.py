"""CSV export of a collation's variants (`edition collate`), one row per reading of each site::

    site,paragraph,site_type,dissent,witnesses,reading,reading_type,lemma

RFC 4180 as the other CSV export (UTF-8, CRLF, a header row); `witnesses` are the sigla that read
the reading, space-separated; `reading` its text exactly as they have it (empty: an omission);
`lemma` is `yes` for the base text's reading. Text cells a spreadsheet would run as a formula get
a leading apostrophe (see `edition.export.counts`).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from edition.collate.records import records
from edition.export import ExportOptions
from edition.export.counts import spreadsheet_safe
from edition.files import write_atomic
from edition.xmlio import parse_file

HEADER = ("site", "paragraph", "site_type", "dissent", "witnesses", "reading", "reading_type", "lemma")


def render(tei: Path) -> str:
    found = records(parse_file(tei).getroot(), str(tei))
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerow(HEADER)
    for s in found.sites:
        for r in s.readings:
            out.writerow(
                (
                    s.n,
                    s.paragraph,
                    s.type,
                    s.dissent,
                    " ".join(r.witnesses),
                    spreadsheet_safe(r.text),
                    r.type or "",
                    "yes" if r.lemma else "no",
                )
            )
    return buf.getvalue()


def write(tei: Path, out: Path, options: ExportOptions) -> None:
    write_atomic(out, render(tei).encode("utf-8"), inputs=(tei,))
