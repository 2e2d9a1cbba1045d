"""The HTML edition: TEI → a static site (XSLT 3.0), written into its folder all at once.

The stylesheet writes every page into a staging folder beside the target; the stylesheet's
assets, the TEI, a plain-text copy for download and the search index (the stylesheet's index
completed with the texts read here, edition.render.reading) are added, and the folder is swapped
in by renaming. A build that fails or is interrupted leaves the previous site as it
was (edition.files). A folder that holds something other than a site of ours is never replaced.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from edition import resources
from edition.diagnostics import Reporter
from edition.errors import OutputError, UsageError
from edition.files import SITE_MARKER, staged_folder
from edition.render import reading
from edition.render.saxon import report_messages, transform
from edition.xmlio import parse_bytes, require_tei

#: Written into every site; its presence means the folder may be replaced by a new build.
MARKER = SITE_MARKER
#: The stylesheet's template that names every file it writes (checked before any is written).
SITE_FILES = "{urn:x-edition:functions}site-files"
#: The search index: the stylesheet's principal result completed with the texts (edition.render.reading).
SEARCH_INDEX = "search-index.js"
ASSETS = ("edition.css", "edition.js", "notes.js", "search.js", "cite.js", "apparatus.css", "apparatus.js")


@dataclass
class Site:
    folder: Path
    pages: list[str] = field(default_factory=list)
    diagnostics: Reporter = field(default_factory=Reporter)


def render_html(tei: Path, folder: Path, *, pdf: Path | None = None, site_url: str = "") -> Site:
    """Render the TEI file `tei` as a site in `folder`. `site_url`, where it will be published, makes
    citations and permalinks absolute; it must be a web address (a `javascript:` one would become
    a link in every citation)."""
    if site_url and not _site_url_pattern().fullmatch(site_url):
        raise UsageError(
            f"--site-url {site_url!r} is not a web address",
            hint="give where the site will be published, as https://example.org/edition/",
        )
    data = tei.read_bytes()
    tree = parse_bytes(data, str(tei))
    require_tei(tree, str(tei))
    _check_target(folder)
    text_name = tei.with_suffix(".txt").name
    # The plain text and the reading data are made now and lxml's tree let go before Saxon builds
    # its own: the two trees of a 15 MB TEI are never held at once.
    plain = _plain_text(tree)
    text = reading.read(tree.getroot())
    reading_data = reading.stylesheet_data(text)
    search = text.searched()  # the spoken text is let go with the tree
    del tree, text
    if len(data) > _LARGE:
        _return_freed_memory()
    params = {
        "tei-download": tei.name,
        "text-download": text_name,
        "pdf-download": pdf.name if pdf else "",
        "site-url": site_url,
        "reading-data": reading_data,
    }
    with staged_folder(folder) as staging:
        out = transform(
            resources.stylesheet("html/edition.xsl"), data, params, name=str(tei), folder=staging, plan=SITE_FILES
        )
        site = Site(folder, sorted([*out.documents, SEARCH_INDEX]))  # the index is written below
        site.diagnostics.file = str(tei)
        report_messages(out.messages, site.diagnostics)
        (staging / "assets").mkdir(exist_ok=True)
        for asset in ASSETS:
            shutil.copyfile(resources.stylesheet(f"html/assets/{asset}"), staging / "assets" / asset)
        (staging / tei.name).write_bytes(data)
        (staging / text_name).write_text(plain, encoding="utf-8")
        (staging / SEARCH_INDEX).write_bytes(reading.search_index(out.main, search))
        if pdf and pdf.is_file():
            shutil.copyfile(pdf, staging / pdf.name)
        (staging / MARKER).write_text("A static edition built by the edition toolkit.\n")
    return site


#: A TEI this large (bytes) has the memory of lxml's tree handed back before Saxon starts.
_LARGE = 4_000_000


def _return_freed_memory() -> None:
    """Hand the heap's free memory back to the system (glibc's malloc_trim). The C library keeps
    what lxml's tree freed for its own later use, which never comes: Saxon's heap is its own.
    Without it the peak of a 15 MB TEI held both trees (about 95 MB more). Elsewhere than glibc,
    nothing is done."""
    import ctypes

    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError, TypeError):  # no such function; no process handle (Windows)
        pass


def _site_url_pattern():
    """The editorial schema's pattern of a web address, imported only when a site URL is given:
    the schema loads the transcript grammar, which the HTML edition does not otherwise need."""
    from edition.editorial.schema import SITE_URL

    return SITE_URL


def _plain_text(tree) -> str:
    from edition.text import reading

    try:
        return reading(tree.getroot())
    except ValueError:
        return "".join(tree.getroot().itertext())


def _check_target(folder: Path) -> None:
    """Refuse a folder that holds anything but a site of ours. Judged on one listing of it: while
    another writer swaps its site in (a thread of a corpus build), the folder may vanish for an
    instant between two separate looks, and a second look would find the marker gone."""
    try:
        entries = os.listdir(folder)
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise OutputError("exists and is not a folder", file=str(folder)) from None
    if entries and MARKER not in entries:
        raise OutputError(
            "is not empty and holds no site built by this toolkit; it is left alone",
            file=str(folder),
            hint="choose a new or empty folder",
        )
