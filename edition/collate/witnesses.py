"""Witnesses from files: plain-text transcripts (their text exactly as the file holds it, UTF-8) or
TEI (its diplomatic text, `edition text`), with sigla given or read off the file names; or the
`[[witness]]` tables and the `[collation]` table of an `edition.toml`."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from edition.collate.collation import Witness
from edition.collate.tokenise import Normaliser, Rule
from edition.errors import CollationError, DataError, InputError

_SEPARATORS = "-_. "


@dataclass(frozen=True)
class CollateSettings:
    """What `edition collate` was told: witnesses, base, rules, output."""

    witnesses: tuple[Witness, ...]
    base: str | None = None
    normaliser: Normaliser = field(default_factory=Normaliser)
    output: Path | None = None
    title: str = ""
    inputs: tuple[Path, ...] = ()  # every file read (no output may be one of them)


def sigla_from_names(paths: Sequence[Path]) -> list[str]:
    """What sets each file's name apart: `origin-1859.txt`, `origin-1872.txt` → `1859`, `1872`."""
    stems = [p.stem for p in paths]
    if len(set(stems)) < len(stems):
        return stems  # the same names: the caller reports it
    prefix = os.path.commonprefix(stems)
    suffix = os.path.commonprefix([s[::-1] for s in stems])[::-1]
    # cut at separators only: origin-ch1-1859, origin-ch1-1872 → 1859, 1872 (not 59, 72)
    prefix = prefix[: max(prefix.rfind(c) for c in _SEPARATORS) + 1]
    cut = [k for k in (suffix.find(c) for c in _SEPARATORS) if k >= 0]
    suffix = suffix[min(cut) :] if cut else ""
    out = []
    for s in stems:
        core = s[len(prefix) : len(s) - len(suffix) if suffix else None].strip(_SEPARATORS)
        out.append(core or s)
    if len(set(out)) < len(out):
        return stems
    return out


def read_witness(path: Path, siglum: str, description: str = "", date: str = "", fragmentary: bool = False) -> Witness:
    """A witness from a file: TEI (an XML file whose root is TEI) gives its diplomatic text, any
    other file its text exactly (UTF-8; a byte-order mark and CRs are kept)."""
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", file=name) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a witness", file=name) from None
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror}", file=name) from None
    head = data[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    if path.suffix.lower() == ".xml" or head.startswith(b"<?xml") or head.startswith(b"<TEI"):
        from edition.text import diplomatic
        from edition.xmlio import parse_bytes, require_tei

        tree = parse_bytes(data, name)
        require_tei(tree, name)
        text = diplomatic(tree.getroot())
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError(
                f"is not UTF-8 (byte 0x{data[exc.start]:02x})", file=name, line=line, hint="save the witness as UTF-8"
            ) from None
        if "\x00" in text:
            raise InputError("looks binary (it holds NUL bytes), not a witness", file=name)
    return Witness(siglum, text, description or siglum, date, name, fragmentary)


def from_files(
    paths: Sequence[str | Path],
    sigla: Sequence[str] = (),
    *,
    base: str | None = None,
    title: str = "",
    fragmentary: Sequence[str] = (),
) -> CollateSettings:
    paths = [Path(p) for p in paths]
    if sigla and len(sigla) != len(paths):
        raise CollationError(
            f"{len(sigla)} sigla for {len(paths)} witnesses",
            hint="give --siglum once for each witness, in order, or not at all",
        )
    sigla = list(sigla) or sigla_from_names(paths)
    unknown = sorted(set(fragmentary) - set(sigla))
    if unknown:
        raise CollationError(f"--fragmentary {unknown[0]!r} is not one of the witnesses ({', '.join(sigla)})")
    witnesses = tuple(read_witness(p, s, fragmentary=s in fragmentary) for p, s in zip(paths, sigla))
    return CollateSettings(witnesses, base, Normaliser(), None, title, tuple(paths))


def from_config(path: str | Path) -> CollateSettings:
    """The witnesses and the collation's settings of an edition.toml (paths relative to it)."""
    from edition.editorial.schema import CONFIG, read_toml

    path = Path(path)
    data, _text = read_toml(path, "config", CONFIG, "config is")
    rows = data.get("witness", [])
    if len(rows) < 2:
        raise CollationError("names fewer than two [[witness]] tables", file=str(path))
    files = [(path.parent / r["source"]).resolve() for r in rows]
    named = sigla_from_names(files)
    witnesses = tuple(
        read_witness(
            f, str(r.get("siglum") or s), r.get("description", ""), str(r.get("date", "")), r.get("fragmentary", False)
        )
        for f, r, s in zip(files, rows, named)
    )
    col = data.get("collation", {})
    rules = []
    for n, r in enumerate(col.get("rule", []), 1):
        try:
            re.compile(r["pattern"])
        except re.error as exc:
            raise DataError(
                f"[[collation.rule]] number {n}: {r['pattern']!r} is not a regular expression: {exc}", file=str(path)
            ) from None
        rules.append(Rule(r["pattern"], r["replace"]))
    normaliser = Normaliser(tuple(rules), col.get("ignore-case", True))
    output = (path.parent / col["output"]).resolve() if col.get("output") else None
    title = data.get("metadata", {}).get("title", "")
    return CollateSettings(witnesses, col.get("base"), normaliser, output, title, (path.resolve(), *files))
