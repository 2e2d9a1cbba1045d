"""JSON export of a collation's variants (`edition collate`): the witnesses, the base, and every
variant site with its readings (`edition.collate.records`), UTF-8, one document::

    {"base": "1859", "witnesses": [{"siglum": "1859", "description": "…"}, …],
     "sites": [{"n": 1, "paragraph": 1, "type": "substantive", "dissent": 3,
                "readings": [{"witnesses": ["1859", …], "text": "", "type": null, "lemma": true}, …]}]}
"""

from __future__ import annotations

import json
from pathlib import Path

from edition.collate.records import records
from edition.export import ExportOptions
from edition.files import write_atomic
from edition.xmlio import parse_file


def document(tei: Path) -> dict:
    found = records(parse_file(tei).getroot(), str(tei))
    return {
        "base": found.base,
        "witnesses": [{"siglum": s, "description": d} for s, d in found.witnesses],
        "sites": [
            {
                "n": s.n,
                "paragraph": s.paragraph,
                "type": s.type,
                "dissent": s.dissent,
                "readings": [
                    {"witnesses": list(r.witnesses), "text": r.text, "type": r.type, "lemma": r.lemma}
                    for r in s.readings
                ],
            }
            for s in found.sites
        ],
    }


def write(tei: Path, out: Path, options: ExportOptions) -> None:
    data = json.dumps(document(tei), ensure_ascii=False, indent=1) + "\n"
    write_atomic(out, data.encode("utf-8"), inputs=(tei,))
