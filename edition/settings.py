"""One frozen settings object per edition: defaults < the edition's config file < CLI flags.

An edition's config (`edition.toml`) names its source, its editorial data files and its
metadata; paths in it are relative to the config file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from edition.editorial.schema import CONFIG, read_toml


@dataclass(frozen=True)
class Metadata:
    title: str = ""
    subtitle: str = ""
    author: str = ""
    editor: str = "The editors"
    editor_id: str = "ed"
    publisher: str = ""
    licence: str = "CC BY 4.0"
    licence_url: str = "https://creativecommons.org/licenses/by/4.0/"
    date: str = ""  # publication date of the edition (ISO), never "today"
    language: str = "en"
    language_name: str = "English"
    source_bibl: str = ""  # the printed source, one line
    source_url: str = ""  # where the transcript was taken from
    source_editors: str = ""  # who added the source's own square brackets
    description: str = ""
    revisions: tuple[tuple[str, str], ...] = ()  # (ISO date, what changed)


@dataclass(frozen=True)
class EncodeSettings:
    source: Path | None = None
    output: Path | None = None
    html: Path | None = None  # where `edition build` publishes the HTML edition
    pdf: Path | None = None  # where `edition build` writes the print edition
    register: Path | None = None
    corrections: Path | None = None
    overrides: Path | None = None
    encoding: str | None = None
    label_style: str = "auto"  # auto, or a grammar of edition.transcript.labels.GRAMMARS
    explain: bool = False  # keep, per paragraph, the rule that decided it and the runner-up
    layout: str = "auto"  # auto, lines, wrapped
    default_year: str = ""
    edition_id: str = "edition"
    site_url: str = ""  # where the HTML edition is published, for citations
    metadata: Metadata = field(default_factory=Metadata)
    config: Path | None = None  # the edition.toml these settings were read from

    def inputs(self) -> tuple[Path | None, ...]:
        """Every file an encoding reads: no output may be one of them."""
        return (self.config, self.source, self.register, self.corrections, self.overrides)

    def with_(self, **changes) -> EncodeSettings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def load_config(path: str | Path) -> EncodeSettings:
    """Read an edition.toml, held to its schema (edition.editorial.schema.CONFIG) before use."""
    path = Path(path)
    data, _text = read_toml(path, "config", CONFIG, "config is")
    base = path.parent
    ed = data.get("edition", {})
    meta = dict(data.get("metadata", {}))
    revisions = tuple((r["when"], r["change"]) for r in meta.pop("revision", []))

    def rel(key: str) -> Path | None:
        return (base / ed[key]).resolve() if ed.get(key) else None

    return EncodeSettings(
        source=rel("source"),
        output=rel("output"),
        html=rel("html"),
        pdf=rel("pdf"),
        register=rel("register"),
        corrections=rel("corrections"),
        overrides=rel("overrides"),
        encoding=ed.get("encoding"),
        label_style=ed.get("label-style", "auto"),
        layout=ed.get("layout", "auto"),
        default_year=str(ed.get("year", "")),
        edition_id=ed.get("id", "edition"),
        site_url=ed.get("site-url", ""),
        config=path.resolve(),
        metadata=Metadata(**meta, revisions=revisions),
    )
