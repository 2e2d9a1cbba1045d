"""The one way the toolkit runs XSLT 3.0: saxonche, one processor a process, stylesheets compiled once.

Saxon is told to fetch nothing over the network. A transform returns its principal result, the
stylesheet's `xsl:message`s as data (to be reported as diagnostics), and writes its
`xsl:result-document`s, serialized by their own xsl:output, into a folder the caller chooses —
a staging folder that the caller then swaps in whole.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from edition.diagnostics import Reporter
from edition.errors import InvariantError, TransformError, XMLInputError

ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"

_processor = None
_compiled: dict[tuple[Path, int], object] = {}


@dataclass
class Output:
    main: str
    documents: list[str] = field(default_factory=list)          # result documents, relative hrefs
    messages: list[str] = field(default_factory=list)


def processor():
    global _processor
    if _processor is None:
        from saxonche import PySaxonProcessor

        _processor = PySaxonProcessor(license=False)
        _processor.set_configuration_property(ALLOWED_PROTOCOLS, "file")
    return _processor


def compiled(stylesheet: Path):
    """The compiled stylesheet, compiled on first use and again only when its entry file changes."""
    stylesheet = stylesheet.resolve()
    key = (stylesheet, _tree_mtime(stylesheet.parent))
    if key not in _compiled:
        xslt = processor().new_xslt30_processor()
        try:
            _compiled[key] = xslt.compile_stylesheet(stylesheet_file=str(stylesheet))
        except Exception as exc:  # noqa: BLE001 — saxonche raises bare exceptions
            raise InvariantError(f"{stylesheet}: the stylesheet does not compile: {exc}") from None
    return _compiled[key]


def _tree_mtime(folder: Path) -> int:
    """Latest change among the stylesheet's folder and its siblings (included modules)."""
    return max((p.stat().st_mtime_ns for p in folder.parent.rglob("*.xsl")), default=0)


def transform(stylesheet: Path, xml: bytes, params: dict[str, object] | None = None,
              name: str = "<input>", folder: Path | None = None) -> Output:
    """Run `stylesheet` over the document `xml`; result documents go into `folder`."""
    proc = processor()
    exe = compiled(stylesheet)
    exe.clear_parameters()
    for key, value in (params or {}).items():
        exe.set_parameter(key, _xdm(proc, value))
    exe.set_save_xsl_message(True)
    base = (folder or Path(tempfile.gettempdir())).resolve()
    exe.set_base_output_uri(base.as_uri() + "/")
    try:
        with _stderr_captured():                       # Saxon prints its parse errors on fd 2
            doc = proc.parse_xml(xml_text=xml.decode("utf-8", errors="strict"))
    except Exception as exc:  # noqa: BLE001 — Saxon's parser is stricter than libxml2 in corners
        detail = re.sub(r"\s+", " ", str(exc)).strip()
        raise XMLInputError(f"the XSLT processor cannot read it: {detail}", file=name) from None
    try:
        with _stderr_captured() as captured:
            main = exe.transform_to_string(xdm_node=doc) or ""
    except Exception as exc:  # noqa: BLE001
        detail = captured.read().strip().splitlines()
        raise TransformError(f"the transformation failed: {exc}"
                             + (f" ({detail[-1]})" if detail else ""), file=name) from None
    documents = sorted(str(p.relative_to(base)) for p in base.rglob("*") if p.is_file()) \
        if folder is not None else []
    messages = [str(m.string_value if hasattr(m, "string_value") else m)
                for m in (exe.get_xsl_messages() or [])]
    exe.clear_xsl_messages()
    return Output(main, documents, messages)


def _xdm(proc, value):
    if isinstance(value, bool):
        return proc.make_boolean_value(value)
    if isinstance(value, int):
        return proc.make_integer_value(value)
    return proc.make_string_value(str(value))


class _stderr_captured:
    """Saxon prints the full text of a dynamic error on fd 2; keep it for the message."""

    def __enter__(self):
        self._file = tempfile.TemporaryFile(mode="w+")
        sys.stderr.flush()
        self._saved = os.dup(2)
        os.dup2(self._file.fileno(), 2)
        return self

    def read(self) -> str:
        self._file.seek(0)
        return re.sub(r"\s+at .*", "", self._file.read())

    def __exit__(self, *exc):
        os.dup2(self._saved, 2)
        os.close(self._saved)
        return False


#: The stylesheets' one fallback, "W401 no HTML rule for <x>" (or FO): an element with no rule.
_FALLBACK = re.compile(r"W401 no (?P<route>HTML|FO) rule for <(?P<name>[^>]+)>")


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
        where = "xslt/html/text.xsl" if route == "HTML" else "xslt/fo/edition.xsl"
        reporter.warning("W401", f"no {route} rule for <{name}> ({count}×); its content is shown "
                         "as plain text", hint=f"the text is kept; add a rule to {where} to style it")
