"""Which schema to validate against, and its compiled form, built once and kept.

A schema is named (`edition`, the project's customisation; `tei-all`, the full TEI P5) or given as a
path to any W3C XSD (1.0 or 1.1) or RELAX NG file. Building an XSD is the slow part (tei_all takes
about 20 s), so a built XSD is kept twice: in memory for the life of the process, and pickled in the
user's cache directory, keyed by the content of every file the schema was built from — editing
any of them invalidates the entry. RELAX NG is handed to jing, which needs no compiled form here,
except the project's own (`edition`, schemas/edition.rng, generated from the ODD), which libxml2
checks in the process (`relaxng.py`); a document too large to hold is checked against the
project's XSD (`for_stream`).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from lxml import etree

from edition import resources
from edition.errors import SchemaError

XSD_NS = "http://www.w3.org/2001/XMLSchema"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
VC_MIN_VERSION = "{http://www.w3.org/2007/XMLSchema-versioning}minVersion"

#: Where `--schema tei-all` looks for the TEI P5 schema, first match wins.
TEI_ALL_ENV = "EDITION_TEI_ALL"
TEI_ALL_URL = "https://tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"


@dataclass(frozen=True)
class Schema:
    """A schema to validate against: its language ("xsd" or "rng") and its file."""

    name: str
    language: str
    path: Path


def resolve(spec: str) -> Schema:
    """Turn `edition`, `tei-all` or a path into a Schema, or raise SchemaError saying what to do."""
    if spec == "edition":
        return Schema("edition", "rng", resources.schema_file("edition.rng"))
    if spec == "tei-all":
        path = _find_tei_all()
        return Schema("tei-all", _language(path), path)
    path = Path(spec)
    if not path.is_file():
        raise SchemaError(
            f"{spec}: no such schema file", hint="use --schema edition, --schema tei-all, or a path to an .xsd or .rng"
        )
    return Schema(path.name, _language(path), path)


def for_stream(schema: Schema) -> Schema:
    """The schema a document too large to hold is checked against.

    The project's RELAX NG is checked by libxml2 on a whole tree, which a stream does not have; a
    streamed document is checked against `schemas/edition.xsd` instead — the RELAX NG translated
    to W3C XSD 1.0 by trang (scripts/gen_schemas.py), never edited by hand — libxml2 validating
    it while the document is parsed (`gate.py`), xmlschema giving the diagnostics of an invalid
    one, one session at a time; the ODD's E200 constraints, which no grammar states, are checked
    on the same pass (`cooccurrence.py`). tests/test_odd_edition.py holds the XSD's verdicts to the
    RELAX NG's; bench/RESULTS.md has the measurements behind the choice."""
    if schema.name == "edition" and schema.path == resources.schema_file("edition.rng"):
        return Schema("edition", "xsd", resources.schema_file("edition.xsd"))
    return schema


def _find_tei_all() -> Path:
    candidates = []
    if os.environ.get(TEI_ALL_ENV):
        candidates.append(Path(os.environ[TEI_ALL_ENV]))
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    candidates += [data_home / "edition" / "tei_all.rng", data_home / "edition" / "tei_all.xsd"]
    for path in candidates:
        if path.is_file():
            return path
    raise SchemaError(
        "no copy of the TEI P5 schema tei_all was found",
        hint=f"download {TEI_ALL_URL} and set {TEI_ALL_ENV} to its path, or put it at {candidates[-2]}",
    )


def _language(path: Path) -> str:
    """ "xsd" or "rng", from the root element (extensions lie; .xml schemas exist)."""
    try:
        for _, root in etree.iterparse(
            str(path), events=("start",), resolve_entities=False, no_network=True, load_dtd=False
        ):
            ns = etree.QName(root).namespace
            break
    except (OSError, etree.XMLSyntaxError) as exc:
        raise SchemaError(f"{path}: cannot be read as a schema: {exc}") from None
    if ns == XSD_NS:
        return "xsd"
    if ns == RNG_NS:
        return "rng"
    raise SchemaError(
        f"{path}: not a W3C XML Schema or RELAX NG (XML syntax) file",
        hint="convert a compact RELAX NG (.rnc) schema to .rng with trang",
    )


# --------------------------------------------------------------------------- compiled XSDs

_built: dict[tuple[Path, int, int], object] = {}


def cache_dir() -> Path:
    """$EDITION_CACHE_DIR, else the user's cache directory (XDG) under `edition/`."""
    if os.environ.get("EDITION_CACHE_DIR"):
        return Path(os.environ["EDITION_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "edition"


def compiled_xsd(schema: Schema):
    """The built xmlschema object for an XSD: from memory, from the cache, or built and cached."""
    stat = schema.path.stat()
    key = (schema.path.resolve(), stat.st_mtime_ns, stat.st_size)
    if key not in _built:
        _built[key] = _load_or_build(schema.path.resolve())
    return _built[key]


def _load_or_build(path: Path):
    import xmlschema

    entry = cache_dir() / f"{_digest(path)[:24]}-xmlschema-{xmlschema.__version__}.pickle"
    cached = _read_cache(entry)
    if cached is not None:
        return cached
    schema = _build(path)
    _write_cache(entry, schema)
    return schema


def _build(path: Path):
    import xmlschema

    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    version_11 = root.get(VC_MIN_VERSION) == "1.1"
    cls = xmlschema.XMLSchema11 if version_11 else xmlschema.XMLSchema10
    try:
        # `sandbox`: imports and includes only from the schema's own folder; nothing is fetched.
        return cls(str(path), allow="sandbox", defuse="always")
    except (xmlschema.XMLSchemaException, OSError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SchemaError(f"{path}: the schema cannot be built: {first}") from None


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sources(schema) -> dict[str, str]:
    """Every local file the built schema was read from, with the digest of its content."""
    from urllib.request import url2pathname  # here: urllib.request loads http and email (20 ms)

    files = {}
    for other in schema.maps.iter_schemas():
        parsed = urlparse(other.url or "")
        path = url2pathname(parsed.path) if parsed.scheme in ("", "file") else ""
        if path and Path(path).is_file() and "xmlschema/schemas/" not in Path(path).as_posix():
            files[path] = _digest(Path(path))
    return files


def _read_cache(entry: Path):
    try:
        with entry.open("rb") as fh:
            sources, schema = pickle.load(fh)  # noqa: S301 — our own cache, in the user's own directory
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
        return None
    for url, digest in sources.items():
        if not Path(url).is_file() or _digest(Path(url)) != digest:
            return None
    return schema


def _write_cache(entry: Path, schema) -> None:
    """Keep the built schema; a cache that cannot be written only costs time, so it is skipped."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".pickle")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((_sources(schema), schema), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except (OSError, pickle.PicklingError, RecursionError, TypeError):
        try:
            os.unlink(tmp)  # type: ignore[possibly-undefined]
        except (OSError, NameError):
            pass


def jing() -> str | None:
    return shutil.which("jing")
