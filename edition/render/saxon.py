"""The one way the toolkit runs XSLT 3.0: saxonche, stylesheets compiled once per thread.

Saxon is told to fetch nothing over the network. A transform returns its principal result, the
stylesheet's `xsl:message`s as data (to be reported as diagnostics), and the names of its
`xsl:result-document`s, which Saxon never writes where they say: they are captured in memory,
every name is checked to be a plain file inside the folder the caller chose (a staging folder that
the caller then swaps in whole), and only when all are, each is written to the path checked, by a
copy serialized in the format of its kind (SERIALIZATION). A name outside the folder is an
OutputError and nothing is written. (The captured trees are all in memory at once: a site of
70 MB of HTML peaks about 300 MB higher than when Saxon wrote each page as it went.) A stylesheet
that can name its documents beforehand (a `plan`: the HTML edition's ed:site-files) has them
checked first and then written by Saxon as it makes them, held nowhere; the folder must then hold
exactly the files it named.

Threads (a corpus build on Dask workers with several threads): each thread has its own compiled
stylesheets and document writers, so parameters, captured documents and messages of one transform
never mix with another's; nothing here touches a process-wide file descriptor. The one
PySaxonProcessor is shared and lives as long as the process: saxonche tears down its whole
runtime when the last processor is freed, and processors freed as their threads ended crashed the
process at exit (saxonche 13.1). saxonche holds the GIL in every call, so a call on the shared
processor is never interleaved with another.

Errors: Saxon prints its own report of a failure (error code, stylesheet line) on standard
error, where it stays; the exception it raises carries the message, which is what we report.
"""

from __future__ import annotations

import os
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from edition.diagnostics import Reporter
from edition.errors import InvariantError, OutputError, TransformError, XMLInputError

ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"

#: The JAXP limits of Saxon's XML parser that count references to the predefined entities (`&amp;`,
#: `&lt;`) as entity expansions: a document with more than 100,000 of them (a 15 MB TEI has many)
#: was refused. Lifted (0: no limit); the parser still refuses more than 2,500 expansions of
#: declared entities (an entity bomb), and documents reach Saxon only after lxml has read them.
UNLIMITED_PARSER_PROPERTIES = tuple(
    "http://saxon.sf.net/feature/parserProperty?uri=http%3A//www.oracle.com/xml/jaxp/properties/" + name
    for name in ("maxGeneralEntitySizeLimit", "totalEntitySizeLimit")
)

#: How the documents the stylesheets write are serialized, by extension: the named xsl:output
#: format of xslt/html/edition.xsl ("page"; tests/test_render_safety.py checks that the bytes are
#: those Saxon itself would write). A document of any other kind is refused (the search index,
#: a script, is written by the toolkit: edition/render/reading.py).
SERIALIZATION = {
    ".html": '<xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"/>',
}

_processor = None
_processor_lock = threading.Lock()
_local = threading.local()  # per thread: compiled stylesheets, document writers


@dataclass
class Output:
    main: str
    documents: list[str] = field(default_factory=list)  # result documents, relative paths
    messages: list[str] = field(default_factory=list)


def processor():
    """The process's PySaxonProcessor (created once, by whichever thread asks first)."""
    global _processor
    with _processor_lock:
        if _processor is None:
            from saxonche import PySaxonProcessor

            proc = PySaxonProcessor(license=False)
            proc.set_configuration_property(ALLOWED_PROTOCOLS, "file")
            for name in UNLIMITED_PARSER_PROPERTIES:
                proc.set_configuration_property(name, "0")
            _processor = proc
    return _processor


def compiled(stylesheet: Path, writes: bool = False):
    """This thread's compiled stylesheet, compiled on first use and again only when its files change.
    `writes`: the executable that lets Saxon write result documents itself (transform with a
    plan) is another than the one that captures them: one executable switched from capturing to
    writing crashed the process (saxonche 13.1)."""
    stylesheet = stylesheet.resolve()
    cache: dict[tuple[Path, bool], tuple[int, object]] = _local.__dict__.setdefault("compiled", {})
    mtime = _tree_mtime(stylesheet.parent)
    key = (stylesheet, writes)
    if key not in cache or cache[key][0] != mtime:
        xslt = processor().new_xslt30_processor()
        try:
            cache[key] = (mtime, xslt.compile_stylesheet(stylesheet_file=str(stylesheet)))
        except Exception as exc:  # noqa: BLE001 — saxonche raises bare exceptions
            raise InvariantError(f"{stylesheet}: the stylesheet does not compile: {exc}") from None
    return cache[key][1]


def _writer(extension: str):
    """This thread's stylesheet that writes a captured document as a file of that kind: a copy,
    serialized by the format of SERIALIZATION."""
    writers = _local.__dict__.setdefault("writers", {})
    if extension not in writers:
        writers[extension] = (
            processor()
            .new_xslt30_processor()
            .compile_stylesheet(
                stylesheet_text=(
                    '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
                    f'{SERIALIZATION[extension]}<xsl:template match="/"><xsl:copy-of select="."/></xsl:template>'
                    "</xsl:stylesheet>"
                )
            )
        )
    return writers[extension]


def _tree_mtime(folder: Path) -> int:
    """Latest change among the stylesheet's folder and its siblings (included modules)."""
    return max((p.stat().st_mtime_ns for p in folder.parent.rglob("*.xsl")), default=0)


def transform(
    stylesheet: Path,
    xml: bytes,
    params: dict[str, object] | None = None,
    name: str = "<input>",
    folder: Path | None = None,
    plan: str | None = None,
) -> Output:
    """Run `stylesheet` over the document `xml`; result documents are written into `folder`
    (which must exist; without one, a stylesheet that writes documents is refused).

    With `plan`, the name of a template of the stylesheet that returns the names of the documents
    it will write, those names are asked for and checked first, then Saxon writes the documents
    itself as it makes them (none is held in memory), and the folder must then hold exactly
    those files. Without it, the documents are captured, checked and written by write_documents."""
    proc = processor()
    base = folder.resolve() if folder is not None else None
    planned = bool(plan and base is not None)
    exe = compiled(stylesheet, writes=planned)
    exe.clear_parameters()
    for key, value in (params or {}).items():
        exe.set_parameter(key, _xdm(proc, value))
    exe.set_save_xsl_message(True)
    exe.clear_xsl_messages()
    exe.set_capture_result_documents(not planned, False)
    # Without a folder, names resolve against one that is never created: nothing is written anyway.
    exe.set_base_output_uri((base or Path("/nonexistent-edition-output")).as_uri() + "/")
    try:
        doc = proc.parse_xml(xml_text=xml.decode("utf-8", errors="strict"))
    except Exception as exc:  # noqa: BLE001 — Saxon's parser is stricter than libxml2 in corners
        raise XMLInputError(f"the XSLT processor cannot read it: {_detail(exc)}", file=name) from None
    # The document is the global context item of every call on this executable, and is kept
    # alive with it until the next transform: a context item freed by Python while the compiled
    # stylesheet still pointed at it crashed a later transform (saxonche 13.1).
    exe.set_global_context_item(xdm_item=doc)
    _local.__dict__.setdefault("context", {})[stylesheet.resolve(), planned] = doc
    if planned:
        return _transform_planned(exe, doc, plan, base, name)
    try:
        main = exe.transform_to_string(xdm_node=doc) or ""
        captured = exe.get_result_documents() or {}
    except Exception as exc:  # noqa: BLE001
        raise TransformError(f"the transformation failed: {_detail(exc)}", file=name) from None
    finally:
        messages = [str(m.string_value if hasattr(m, "string_value") else m) for m in (exe.get_xsl_messages() or [])]
        exe.clear_xsl_messages()
    if captured and base is None:
        raise InvariantError(
            f"{stylesheet.name} wrote documents where none were expected: " + ", ".join(sorted(captured))[:300]
        )
    documents = write_documents(captured, base, name) if captured else []
    return Output(main, documents, messages)


def _transform_planned(exe, doc, plan: str, folder: Path, name: str) -> Output:
    """The stylesheet's own list of the documents it writes, checked; then the transform, Saxon
    writing each document into `folder` as it is made; then the folder, which must hold exactly
    the files listed (a stylesheet whose list and documents disagree is a bug: InvariantError)."""
    try:
        exe.set_result_as_raw_value(True)  # the strings themselves, not a text node of them
        try:
            listed = exe.call_template_returning_value(plan)
        finally:
            exe.set_result_as_raw_value(False)
        names = [str(listed.item_at(i).string_value) for i in range(listed.size)] if listed is not None else []
    except Exception as exc:  # noqa: BLE001
        raise TransformError(f"the transformation failed: {_detail(exc)}", file=name) from None
    planned = check_names([folder.as_uri() + "/" + n for n in names], folder, name)
    try:
        main = exe.transform_to_string(xdm_node=doc) or ""
    except Exception as exc:  # noqa: BLE001
        raise TransformError(f"the transformation failed: {_detail(exc)}", file=name) from None
    finally:
        messages = [str(m.string_value if hasattr(m, "string_value") else m) for m in (exe.get_xsl_messages() or [])]
        exe.clear_xsl_messages()
    expected = {rel for _, rel, _ in planned}
    written = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.is_dir()}
    if written != expected:
        raise InvariantError(
            f"{name}: the stylesheet wrote {sorted(written - expected)[:5]} and not "
            f"{sorted(expected - written)[:5]}, against its own list"
        )
    return Output(main, sorted(expected), messages)


def _detail(exc: Exception) -> str:
    return re.sub(r"\s+", " ", str(exc)).strip()


def _xdm(proc, value):
    if isinstance(value, bool):
        return proc.make_boolean_value(value)
    if isinstance(value, int):
        return proc.make_integer_value(value)
    return proc.make_string_value(str(value))


def inside(uri: str, folder: Path) -> Path:
    """The path a result document's URI names, if it is a plain file inside `folder` (resolved);
    anything else — another scheme, a query, a step out, a link, a hidden name — is refused."""
    from urllib.request import url2pathname  # here: urllib.request loads http and email (20 ms)

    parts = urlsplit(uri)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost") or parts.query or parts.fragment:
        raise ValueError("not a file in the output folder")
    path = Path(os.path.normpath(url2pathname(parts.path)))
    try:
        relative = path.relative_to(folder)
    except ValueError:
        raise ValueError("outside the output folder") from None
    if not relative.parts or any(p in ("", ".", "..") or p.startswith(".") or "\\" in p for p in relative.parts):
        raise ValueError("not a plain file name")
    if Path(os.path.realpath(path)) != path:  # a link on the way, or the folder moved
        raise ValueError("leads elsewhere")
    return path


def check_names(uris, folder: Path, name: str) -> list[tuple[Path, str, str]]:
    """Every name a stylesheet writes, checked before anything is written: a plain file inside
    `folder`, of a kind we serialize, not there yet, no two alike but for case. Returns
    (path, relative name, uri) each; any refused name is an OutputError."""
    planned: list[tuple[Path, str, str]] = []
    seen: dict[str, str] = {}
    for uri in sorted(uris):
        try:
            path = inside(uri, folder)
        except ValueError as why:
            raise OutputError(f"the stylesheet would write {uri!r}: {why}; nothing was written", file=name) from None
        rel = path.relative_to(folder).as_posix()
        if path.suffix not in SERIALIZATION:
            raise OutputError(
                f"the stylesheet would write {rel!r}, a kind of file it never writes; nothing was written", file=name
            )
        if rel.casefold() in seen:  # one file on a case-insensitive file system
            raise OutputError(
                f"the stylesheet would write both {seen[rel.casefold()]!r} and {rel!r}; nothing was written", file=name
            )
        seen[rel.casefold()] = rel
        if path.exists() or path.is_symlink():  # never over a file already there (nor a link)
            raise OutputError(f"{rel} cannot be written: it exists", file=str(folder))
        planned.append((path, rel, uri))
    return planned


def write_documents(captured: dict, folder: Path, name: str) -> list[str]:
    """Check every captured document's name, then write them all, each serialized by Saxon in the
    format of its kind; return their paths relative to `folder`. Any refused name: OutputError,
    and nothing is written."""
    planned = check_names(captured, folder, name)
    for path, rel, uri in planned:
        value = captured.pop(uri)  # each tree goes once it is written
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists() or path.is_symlink():  # never over a file already there (nor a link)
                raise FileExistsError(17, "it exists")
            _writer(path.suffix).transform_to_file(xdm_node=value.head, output_file=str(path))
        except OSError as exc:
            raise OutputError(f"{rel} cannot be written: {exc.strerror}", file=str(folder)) from None
        except Exception as exc:  # noqa: BLE001 — saxonche raises bare exceptions
            raise OutputError(f"{rel} cannot be written: {_detail(exc)}", file=str(folder)) from None
    return [rel for _, rel, _ in planned]


#: The stylesheets' one fallback, "W401 no HTML rule for <x>" (or FO): an element with no rule.
_FALLBACK = re.compile(r"W401 no (?P<route>HTML|FO|Typst) rule for <(?P<name>[^>]+)>")


def report_messages(messages: list[str], reporter: Reporter) -> None:
    """A stylesheet's messages as diagnostics: the fallback's once per element name (W401),
    any other message as W400."""
    fallback: Counter[tuple[str, str]] = Counter()
    for message in messages:
        m = _FALLBACK.search(message)
        if m:
            fallback[m["route"], m["name"]] += 1
        else:
            reporter.warning("W400", message.strip())
    for (route, name), count in sorted(fallback.items()):
        where = {"HTML": "xslt/html/text.xsl", "FO": "xslt/fo/edition.xsl"}.get(route, "xslt/typst/text.xsl")
        reporter.warning(
            "W401",
            f"no {route} rule for <{name}> ({count}×); its content is shown as plain text",
            hint=f"the text is kept; add a rule to {where} to style it",
        )
