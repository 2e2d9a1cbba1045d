"""Reading ODDs and the TEI source they customise: only local files, nothing fetched.

An ODD names its source in `schemaSpec/@source`: nothing or `tei:VERSION` means the TEI P5 release
shipped with the toolkit (`data/p5subset.xml.xz`); a path (or `file:` URI) relative to the ODD is a
local p5subset, another ODD or a compiled ODD (chained customisation). A URL is refused with a
clear error rather than fetched: a document must never make the toolkit reach the network.
"""

from __future__ import annotations

import lzma
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from edition.errors import OddError

TEI = "http://www.tei-c.org/ns/1.0"
RNG = "http://relaxng.org/ns/structure/1.0"
SCH = "http://purl.oclc.org/dsdl/schematron"
XML = "http://www.w3.org/XML/1998/namespace"
NS = {"tei": TEI, "rng": RNG, "sch": SCH}

#: The four kinds of specification an ODD resolves, by local name.
SPEC_KINDS = ("elementSpec", "classSpec", "macroSpec", "dataSpec")
SPEC_TAGS = frozenset(f"{{{TEI}}}{kind}" for kind in SPEC_KINDS)

BUNDLED = Path(__file__).resolve().parent / "data" / "p5subset.xml.xz"


def t(name: str) -> str:
    """Clark name of a TEI element."""
    return f"{{{TEI}}}{name}"


def _parser() -> etree.XMLParser:
    # collect_ids=False: ODDs quote invalid xml:ids inside their examples (DraCor's does).
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True, collect_ids=False, remove_comments=True
    )


def read(path: Path) -> etree._ElementTree:
    """Parse a local XML file of the customisation chain, or raise OddError saying which and why."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OddError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as exc:
        raise OddError(f"{path}: not well-formed XML: {exc}") from None
    if tree.docinfo.internalDTD is not None:
        raise OddError(f"{path}: declares a DOCTYPE, which is refused (no DTD is ever loaded)")
    return tree


@dataclass(frozen=True)
class Source:
    """The specifications a customisation starts from, and where they came from."""

    specs: dict[str, etree._Element]  # ident → spec (read only: callers copy what they change)
    order: dict[str, int]  # ident → position in the source (members keep this order)
    edition: str  # e.g. "P5 Version 4.8.0", for the generated schema's header
    where: str  # the file (or "TEI P5 4.8.0, bundled")


def index(tree: etree._ElementTree, where: str) -> Source:
    """Every specification of a p5subset-like document, by ident (the first of a name wins)."""
    specs: dict[str, etree._Element] = {}
    order: dict[str, int] = {}
    for el in tree.getroot().iter(*SPEC_TAGS):
        ident = el.get("ident")
        if ident and ident not in specs:
            specs[ident] = el
            order[ident] = len(order)
    return Source(specs, order, edition_of(tree), where)


def edition_of(tree: etree._ElementTree) -> str:
    edition = tree.getroot().find(f"{t('teiHeader')}/{t('fileDesc')}/{t('editionStmt')}/{t('edition')}")
    return " ".join("".join(edition.itertext()).split()) if edition is not None else ""


@lru_cache(maxsize=1)
def bundled() -> Source:
    """The TEI P5 release shipped with the toolkit, parsed once a process."""
    tree = etree.ElementTree(etree.fromstring(lzma.decompress(BUNDLED.read_bytes()), _parser()))
    return index(tree, "TEI P5 (bundled p5subset.xml)")


def local_path(reference: str, base: Path, what: str) -> Path | None:
    """The local file a reference names, relative to `base`; None for `tei:…`; OddError for URLs."""
    if reference.startswith("tei:"):
        return None
    parsed = urlparse(reference)
    if parsed.scheme == "file":
        path = Path(unquote(parsed.path))
    elif parsed.scheme and len(parsed.scheme) > 1:
        raise OddError(
            f"{what} {reference!r} is remote; the ODD compiler never fetches anything",
            hint="download it and point the attribute at the local copy, relative to the ODD",
        )
    else:
        path = Path(unquote(reference))
    path = path if path.is_absolute() else base / path
    if not path.is_file():
        raise OddError(f"{what} {reference!r}: no such file ({path})")
    return path
