"""The editorial data files' schema, as data, and the one checker that holds every file to it.

Each file (edition.toml, overrides.toml, the corrections TSV) is described by tables of keys: the
key's kind of value (`KINDS`), whether it is required, what values it allows, and what it is for.
`check(data, SCHEMA, file, text)` refuses unknown tables and keys, missing required keys, wrong
types and bad values with a `DataError` (exit 4) naming the file, the key and its line — tomllib
gives no lines, so `line_of` finds the key in the text. The reference documentation of these
files (docs/reference/data-files.md) is generated from the same tables.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from edition.errors import DataError

# --------------------------------------------------------------------------- kinds of value

#: Characters XML 1.0 cannot hold (C0 controls but TAB, LF, CR; U+FFFE/FFFF; lone surrogates).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
#: An xml:id (an NCName, ASCII here: ids are made from names by edition.editorial.names).
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_TOKEN = re.compile(r"[^\s]+")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
#: Where a site is published (edition.toml's `site-url`, `edition html --site-url`): a web address.
SITE_URL = re.compile(r"https?://[^\s/?#]+(/[^\s?#]*)?")
_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return f"must be text (in quotes), not {_typename(value)}"
    bad = _NOT_XML.search(value)
    if bad:
        return f"holds the control character U+{ord(bad[0]):04X} at character {bad.start() + 1}, which XML cannot hold"
    return None


def _matching(pattern: re.Pattern[str], what: str) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        problem = _text(value)
        if problem is None and not pattern.fullmatch(value):
            return f"{value!r} is not {what}"
        return problem

    return check


def _ids(value: object) -> str | None:
    problem = _text(value)
    if problem is None:
        bad = [w for w in value.split() if not _ID.fullmatch(w.lstrip("#"))]
        if bad or not value.split():
            return f"{value!r} is not a list of person ids (letters, digits, '-', '_', '.')"
    return problem


def _bool(value: object) -> str | None:
    return None if isinstance(value, bool) else f"must be true or false, not {_typename(value)}"


def _year(value: object) -> str | None:
    if isinstance(value, bool) or not (isinstance(value, int) or isinstance(value, str) and value.isdigit()):
        return f'must be a year (1917 or "1917"), not {_typename(value)}'
    return None if 1 <= int(value) <= 9999 else f"{value!r} is not a year"


def _regexes(value: object) -> str | None:
    if not isinstance(value, list):
        return f"must be a list of regular expressions, not {_typename(value)}"
    for item in value:
        problem = _text(item)
        if problem:
            return f"item {item!r}: {problem}"
        try:
            re.compile(item)
        except re.error as exc:
            return f"{item!r} is not a regular expression: {exc}"
    return None


def _attribute(value: object) -> str | None:
    if isinstance(value, bool) or isinstance(value, int | float):
        return None
    return _text(value)


#: Kind of value → its checker (None when the value is good, else what is wrong) and its
#: description in the reference documentation.
KINDS: dict[str, tuple[Callable[[object], str | None], str]] = {
    "text": (_text, "text"),
    "path": (_matching(re.compile(r".+", re.S), "a path"), "a path, relative to the file"),
    "id": (
        _matching(_ID, "an id (letters, digits, '-', '_', '.'; not starting with a digit)"),
        "an id: letters, digits, `-`, `_`, `.`, not starting with a digit",
    ),
    "ids": (_ids, "person ids, space-separated"),
    "token": (_matching(_TOKEN, "one word (no spaces)"), "one word, no spaces"),
    "date": (
        _matching(_DATE, "an ISO date (1917, 1917-03 or 1917-03-29)"),
        "an ISO date: `1917`, `1917-03` or `1917-03-29`",
    ),
    "language": (_matching(_LANGUAGE, "a language tag (en, ru, de-AT)"), "a language tag: `en`, `ru`, `de-AT`"),
    "year": (_year, 'a year: `1917` or `"1917"`'),
    "url": (
        _matching(SITE_URL, "a web address (https://example.org/edition/)"),
        "a web address: `https://example.org/edition/`",
    ),
    "bool": (_bool, "`true` or `false`"),
    "regexes": (_regexes, "a list of regular expressions"),
    "attribute": (_attribute, "text or a number"),
}


def _typename(value: object) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list", dict: "a table"}.get(
        type(value), type(value).__name__
    )


# --------------------------------------------------------------------------- the tables


@dataclass(frozen=True)
class Key:
    kind: str
    doc: str
    required: bool = False
    choices: tuple[str, ...] | Callable[[], tuple[str, ...]] = ()  # a callable: read when asked

    @property
    def allowed(self) -> tuple[str, ...]:
        """The values the key allows (none: any value of its kind)."""
        return self.choices() if callable(self.choices) else self.choices


@dataclass(frozen=True)
class Table:
    doc: str
    keys: dict[str, Key]
    many: bool = False  # [[name]]: a list of tables
    extra: str | None = None  # the kind of other keys (None: no other keys)
    extra_doc: str = ""
    extra_names: re.Pattern[str] | None = None


def _edition_table() -> Table:
    from edition.transcript.labels import BY_NAME as LABEL_STYLES

    return Table(
        "Where the edition's files are, and how its transcript is read.",
        {
            "id": Key("id", "the edition's id: the TEI file's name when `output` is not given"),
            "source": Key("path", "the transcript (`edition build` needs it; `edition encode` may name it instead)"),
            "output": Key("path", "where `edition build` writes the TEI (default: `build/ID.xml`)"),
            "html": Key("path", "the folder of the HTML edition `edition build` publishes"),
            "pdf": Key("path", "the print edition `edition build` writes"),
            "register": Key("path", "the person register (a TEI `listPerson`)"),
            "corrections": Key("path", "the corrections TSV"),
            "overrides": Key("path", "the overrides TOML"),
            "encoding": Key("text", "the transcript's encoding (default: UTF-8, a BOM is detected)"),
            "label-style": Key("text", "how speakers are labelled", choices=("auto", *LABEL_STYLES)),
            "layout": Key(
                "text", "one paragraph a line, or hard-wrapped paragraphs", choices=("auto", "lines", "wrapped")
            ),
            "year": Key("year", "the year of dates printed without one"),
            "site-url": Key(
                "url",
                "where the HTML edition will be published: citations and permalinks give absolute addresses under it",
            ),
        },
    )


def _metadata_table() -> Table:
    return Table(
        "What the edition is: the TEI header, the title page and the citation.",
        {
            "title": Key("text", "the edition's title"),
            "subtitle": Key("text", "its subtitle"),
            "author": Key("text", "the author of the work"),
            "editor": Key("text", "the editor(s)"),
            "editor_id": Key("id", "the editor's id: `resp` of corrections and notes"),
            "publisher": Key("text", "the publisher"),
            "licence": Key("text", "the licence, as named"),
            "licence_url": Key("text", "the licence's address"),
            "date": Key("date", "the date of publication (never today's: builds are reproducible)"),
            "language": Key("language", "the language of the text"),
            "language_name": Key("text", "the language's name"),
            "source_bibl": Key("text", "the printed source, one line"),
            "source_url": Key("text", "where the transcript was taken from"),
            "source_editors": Key("text", "who added the source's own square brackets"),
            "description": Key("text", "a description of the edition"),
        },
    )


#: edition.toml (edition.settings.load_config).
CONFIG: dict[str, Table] = {
    "edition": _edition_table(),
    "metadata": _metadata_table(),
    "metadata.revision": Table(
        "One change to the edition (`[[metadata.revision]]`, in order).",
        {
            "when": Key("date", "when", required=True),
            "change": Key("text", "what changed", required=True),
        },
        many=True,
    ),
    "witness": Table(
        "One witness of a collation (`[[witness]]`, in order; `edition collate -c`).",
        {
            "source": Key("path", "the witness: a plain-text transcript or a TEI file", required=True),
            "siglum": Key("token", "its siglum (default: what sets its file name apart from the others')"),
            "description": Key("text", "what the witness is (an edition, a manuscript)"),
            "date": Key("date", "when it was made"),
            "fragmentary": Key("bool", "a fragment: the paragraphs it lacks are lost (a lacuna), not left out"),
        },
        many=True,
    ),
    "collation": Table(
        "How the witnesses are collated.",
        {
            "base": Key("token", "the siglum of the base text (default: the first witness)"),
            "output": Key("path", "where `edition collate -c` writes the TEI"),
            "ignore-case": Key("bool", "compare words without their case (default: true)"),
        },
    ),
    "collation.rule": Table(
        "An orthographic rule (`[[collation.rule]]`): words it makes equal are "
        "aligned together and their variants typed orthographic.",
        {
            "pattern": Key("text", "a regular expression, matched in each case-folded word", required=True),
            "replace": Key("text", "what a match becomes", required=True),
        },
        many=True,
    ),
}


def _kinds() -> tuple[str, ...]:
    from edition.transcript.model import KINDS as PARAGRAPH_KINDS

    return tuple(k for k in PARAGRAPH_KINDS if k not in OVERRIDE_KINDS_LEFT_OUT)


#: Paragraph kinds an override may not set: they need what only the classifier reads off the text
#: (a table row's number and cells, a footnote's mark, the names and descriptions of a cast list's lines).
OVERRIDE_KINDS_LEFT_OUT = ("row", "row-head", "row-cont", "footnote", "cast")

_XML_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


def _overrides() -> dict[str, Table]:
    addition = "the exact source text it follows"
    return {
        "furniture": Table(
            "Paragraphs that are not the work (web-page or print furniture).",
            {
                "patterns": Key("regexes", "regular expressions; a paragraph one matches is furniture"),
            },
        ),
        "narration": Table(
            "Openings of the minute-taker's own sentences that only this text uses.",
            {
                "patterns": Key(
                    "regexes",
                    "regular expressions matched at a paragraph's start; a paragraph "
                    "one matches is narration, not speech",
                ),
            },
        ),
        "paragraph": Table(
            "The editor's word on one paragraph (or several), found by its opening words.",
            {
                "starts": Key("text", "the paragraph's opening words", required=True),
                "kind": Key("text", "what the paragraph is", choices=_kinds()),
                "who": Key("ids", "who speaks (person ids)"),
                "reported": Key("bool", "a turn written in the third person"),
            },
            many=True,
        ),
        "session": Table(
            "The chair of a session, by its heading.",
            {
                "heading": Key("text", "the session's heading as printed", required=True),
                "chair": Key("id", "the chair's person id", required=True),
            },
            many=True,
        ),
        "gap": Table(
            "A lacuna the editor records.",
            {
                "after": Key("text", addition, required=True),
                "desc": Key("text", "what is missing"),
                "block": Key("bool", "placed as a block before the paragraph, not inline"),
            },
            many=True,
            extra="attribute",
            extra_doc="any other key is an attribute of `<gap>` (`reason`, `unit`, `quantity`, `resp`, …)",
            extra_names=_XML_NAME,
        ),
        "note": Table(
            "An editorial note.",
            {
                "after": Key("text", addition, required=True),
                "text": Key("text", "the note", required=True),
                "block": Key("bool", "placed as a block before the paragraph, not inline"),
            },
            many=True,
            extra="attribute",
            extra_doc="any other key is an attribute of `<note>` (`type`, `resp`, …)",
            extra_names=_XML_NAME,
        ),
    }


#: The columns of the corrections TSV (edition.editorial.corrections.load_corrections).
CORRECTIONS = Table(
    "One OCR correction a row (tab-separated, the first row names the columns).",
    {
        "sic": Key("text", "the text as printed", required=True),
        "corr": Key("text", "the correction", required=True),
        "context": Key("text", "a longer exact string that locates `sic` (optional)"),
        "type": Key(
            "token",
            "what kind of error (optional: without it, `<corr>` has no `type`)",
            choices=lambda: odd_values("corr", "type"),
        ),
        "resp": Key("id", "who corrected it (default: the editor, `editor_id`)"),
        "note": Key("text", "a note for the editors (not published)"),
    },
)


@functools.cache
def odd_values(element: str, attribute: str) -> tuple[str, ...]:
    """The closed list of values the project's ODD gives `element/@attribute`: the list has one
    source, which the TEI's schema is made from too, so data the loader accepts is never TEI the
    validator refuses."""
    from edition import resources
    from edition.xmlio import NS, parse_file

    odd = parse_file(resources.schema_file("edition.odd"))
    return tuple(
        odd.xpath(
            "//tei:elementSpec[@ident = $e]/tei:attList/tei:attDef[@ident = $a]"
            "/tei:valList[@type = 'closed']/tei:valItem/@ident",
            namespaces=NS,
            e=element,
            a=attribute,
        )
    )


def overrides_schema() -> dict[str, Table]:
    """The tables of overrides.toml (edition.editorial.overrides.load_overrides)."""
    return _overrides()


# --------------------------------------------------------------------------- reading


def read_toml(path: Path, what: str, schema, subject: str) -> tuple[dict, str]:
    """(data, text) of a TOML data file, read as `read_data_file` reads, parsed, and held to
    `schema` before use; `subject` begins the message of a file that is not TOML ("config is")."""
    text = read_data_file(path, what)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{subject} not valid TOML: {exc}", file=str(path)) from None
    check(data, schema, str(path), text)
    return data, text


def read_data_file(path: Path, what: str) -> str:
    """The text of an editorial data file: UTF-8, a byte-order mark accepted (and dropped)."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise DataError(f"no such {what} file", file=str(path)) from None
    except IsADirectoryError:
        raise DataError(f"the {what} file is a directory", file=str(path)) from None
    except OSError as exc:
        raise DataError(f"the {what} file cannot be read: {exc.strerror}", file=str(path)) from None
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise DataError(
            f"the {what} file is not UTF-8 (byte 0x{exc.object[exc.start]:02x})",
            file=str(path),
            line=line,
            hint="save it as UTF-8",
        ) from None


# --------------------------------------------------------------------------- the checker


def check(data: dict, schema: dict[str, Table], file: str, text: str) -> None:
    """Refuse, with a DataError naming file, key and line, anything `schema` does not allow."""
    lines = TomlLines(text)
    tables = {name: t for name, t in schema.items() if "." not in name}
    for name, value in data.items():
        if name not in tables:
            raise DataError(
                f"unknown table or key {name!r} (known: {', '.join(tables)})", file=file, line=lines.find(name)
            )
        table = tables[name]
        rows = value if table.many else [value]
        if not isinstance(value, list if table.many else dict) or not all(isinstance(r, dict) for r in rows):
            shape = f"[[{name}]] tables" if table.many else f"a table [{name}]"
            raise DataError(f"{name!r} must be {shape}", file=file, line=lines.find(name))
        for n, row in enumerate(rows):
            inner = {k: v for k, v in schema.items() if k.startswith(f"{name}.")}
            check_row(
                row,
                table,
                file,
                lambda key, n=n: lines.find(name, key, n),
                where=f"[[{name}]] number {n + 1}" if table.many else f"[{name}]",
                inner={k.split(".", 1)[1]: t for k, t in inner.items()},
                lines=lines,
                path=name,
            )


def check_row(
    row: dict,
    table: Table,
    file: str,
    line_of: Callable[[str], int | None],
    *,
    where: str,
    inner: dict[str, Table] | None = None,
    lines: TomlLines | None = None,
    path: str = "",
) -> None:
    """One table (or one TSV row as a dict): unknown keys, required keys, kinds and choices."""
    inner = inner or {}
    for key, value in row.items():
        if key in inner and lines is not None:
            sub = inner[key]
            items = value if isinstance(value, list) else None
            if items is None or not all(isinstance(i, dict) for i in items):
                raise DataError(f"{where}: {key!r} must be [[{path}.{key}]] tables", file=file, line=line_of(key))
            for m, item in enumerate(items):
                check_row(
                    item,
                    sub,
                    file,
                    lambda k, m=m: lines.find(f"{path}.{key}", k, m) or line_of(key),
                    where=f"[[{path}.{key}]] number {m + 1}",
                )
            continue
        spec = table.keys.get(key)
        if spec is None:
            if table.extra is None or (table.extra_names and not table.extra_names.fullmatch(key)):
                known = ", ".join(table.keys)
                raise DataError(
                    f"{where}: unknown key {key!r}", file=file, line=line_of(key), hint=f"known keys: {known}"
                )
            kind = table.extra
        else:
            kind = spec.kind
        problem = KINDS[kind][0](value)
        if problem is None and spec is not None and spec.allowed and value not in spec.allowed:
            problem = f"{value!r} is not one of {', '.join(spec.allowed)}"
        if problem:
            raise DataError(f"{where} {key}: {problem}", file=file, line=line_of(key))
    missing = [k for k, spec in table.keys.items() if spec.required and k not in row]
    if missing:
        raise DataError(
            f"{where} lacks {', '.join(missing)}",
            file=file,
            line=line_of(missing[0]),
            hint=f"each {where.split(' number')[0]} needs {', '.join(k for k, s in table.keys.items() if s.required)}",
        )


# --------------------------------------------------------------------------- lines of keys

_HEADER = re.compile(r"\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r'\s*("(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_-]+)\s*[.=]')


@dataclass
class TomlLines:
    """Where tables and keys are in a TOML text (tomllib gives values, not lines).

    A plain reading, line by line: headers (`[name]`, `[[name]]`, the n-th of an array) and the
    keys under them. Good enough to point at a line; a key it cannot place gets its table's line.
    """

    text: str
    _index: dict[tuple[str, int], tuple[int, dict[str, int]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        current: tuple[str, int] = ("", 0)
        self._index[current] = (1, {})
        counts: dict[str, int] = {}
        for number, raw in enumerate(self.text.split("\n"), start=1):
            m = _HEADER.match(raw)
            if m and not raw.lstrip().startswith("#"):
                name = ".".join(p.strip().strip('"') for p in m[2].split("."))
                n = counts.get(name, 0) if m[1] == "[[" else 0
                counts[name] = n + 1
                current = (name, n)
                self._index.setdefault(current, (number, {}))
                continue
            k = _KEY.match(raw)
            if k:
                key = k[1].strip("\"'")
                self._index[current][1].setdefault(key, number)

    def find(self, table: str, key: str | None = None, n: int = 0) -> int | None:
        """The line of `key` in the n-th `table` (or of the table itself; or of a top-level key)."""
        if key is None:
            if (table, n) in self._index:
                return self._index[(table, n)][0]
            return self._index[("", 0)][1].get(table)
        found = self._index.get((table, n))
        if found is None:
            return self._index[("", 0)][1].get(table)
        return found[1].get(key, found[0])
