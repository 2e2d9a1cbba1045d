"""The toolkit's own ODD compiler: a TEI customisation (ODD) → RELAX NG + ISO Schematron, without Java.

    resolve (edition.odd.resolve)   the ODD's schemaSpec applied to its TEI source (the bundled
                                    TEI P5 4.8.0 p5subset, or a local file: a chained ODD)
    grammar (edition.odd.grammar)   the resolved specs as a RELAX NG grammar, cleaned up as the
                                    Consortium's processor does (edition.odd.prune)
    schematron (…odd.schematron)    every constraintSpec in ISO Schematron, in one schema

`compile_odd` runs the three; `write` puts NAME.rng and NAME.sch in a folder; `cached` keeps a
compilation in the user's cache directory, keyed by the content of every file it was made from
(and the compiler's version), for `edition validate --odd`. Output is deterministic: the same ODD
gives the same bytes (no date in it).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from edition.errors import OddError, OutputError

#: Bumped when the compiler's output changes, so that cached compilations are made again.
COMPILER_VERSION = "2"


@dataclass(frozen=True)
class Compiled:
    """A compiled customisation: its name (the schemaSpec's ident) and the two schemas, as bytes."""

    ident: str
    rng: bytes
    sch: bytes
    sources: tuple[Path, ...]  # every local file it was made from (the ODD first)
    warnings: tuple[str, ...] = ()  # what the compiler ignored (e.g. an unknown @include name)


def compile_odd(odd: str | Path, schema: str | None = None) -> Compiled:
    """Compile the ODD's schemaSpec (the first, or the one whose ident is `schema`)."""
    from edition.odd.grammar import grammar
    from edition.odd.resolve import resolve
    from edition.odd.schematron import schematron

    path = Path(odd)
    if not path.is_file():
        raise OddError(f"{odd}: no such ODD file")
    resolved = resolve(path, schema)
    rng_root = grammar(resolved)
    header = etree.Comment(
        f" RELAX NG schema of the TEI customisation {resolved.ident!r}, compiled from {path.name} by "
        f"edition's ODD compiler against TEI {resolved.edition or 'P5'}. The TEI specifications are "
        f"copyright the TEI Consortium, licensed CC BY 3.0 and BSD-2-Clause. "
    )
    rng_root.insert(0, header)
    sch_root = schematron(resolved)
    return Compiled(
        resolved.ident,
        _serialize(rng_root),
        _serialize(sch_root),
        tuple(dict.fromkeys(p.resolve() for p in resolved.odd_files)),
        tuple(resolved.warnings),
    )


def _serialize(root: etree._Element) -> bytes:
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write(compiled: Compiled, folder: str | Path) -> tuple[Path, Path]:
    """Write NAME.rng and NAME.sch into `folder` (made if missing); both or neither."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot be made ({exc.strerror or exc})") from None
    targets = (folder / f"{compiled.ident}.rng", folder / f"{compiled.ident}.sch")
    temps = []
    try:
        for target, data in zip(targets, (compiled.rng, compiled.sch)):
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=target.suffix)
            temps.append(tmp)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o666 & ~_umask())
        for tmp, target in zip(temps, targets):
            os.replace(tmp, target)
    except OSError as exc:
        for tmp in temps:
            Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{folder}: the schemas cannot be written ({exc.strerror or exc})") from None
    return targets


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def cache_key(odd: Path, sources: tuple[Path, ...]) -> str:
    """The compiler's version, the bundled TEI release and every source file, by content."""
    from edition.odd.source import BUNDLED

    digest = hashlib.sha256(COMPILER_VERSION.encode())
    for path in (BUNDLED, *(sources or (odd,))):
        digest.update(str(path).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:24]


def cached(odd: str | Path, schema: str | None = None) -> tuple[Path, Path]:
    """The compiled RELAX NG and Schematron of an ODD, from the cache or compiled and cached.

    The cache entry records the files the compilation read; it is used only while every one of
    them has the content it had, so editing the ODD (or a chained source) compiles again."""
    from edition.validate.schemas import cache_dir

    odd = Path(odd).resolve()
    if not odd.is_file():
        raise OddError(f"{odd}: no such ODD file")
    folder = cache_dir() / "odd"
    index = folder / f"{hashlib.sha256(f'{odd}|{schema}'.encode()).hexdigest()[:24]}.sources"
    try:
        recorded = tuple(Path(p) for p in index.read_text(encoding="utf-8").splitlines() if p)
        key = cache_key(odd, recorded)
        entry = folder / key
        rng, sch = _entry_files(entry)
        if rng.is_file() and sch.is_file():
            return rng, sch
    except (OSError, ValueError):
        pass
    compiled = compile_odd(odd, schema)
    key = cache_key(odd, compiled.sources)
    entry = folder / key
    try:
        write_entry = write(compiled, entry)
        index.write_text("\n".join(map(str, compiled.sources)) + "\n", encoding="utf-8")
        return write_entry
    except (OutputError, OSError):
        # No cache to be had (read-only home): compile into a private temporary folder instead.
        return write(compiled, tempfile.mkdtemp(prefix="edition-odd-"))


def _entry_files(entry: Path) -> tuple[Path, Path]:
    rngs = list(entry.glob("*.rng"))
    schs = list(entry.glob("*.sch"))
    if len(rngs) != 1 or len(schs) != 1:
        raise ValueError(entry)
    return rngs[0], schs[0]
