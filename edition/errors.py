"""The closed set of fatal errors, and the registry the CLI's exit codes and the reference are made from.

Library code raises these; only `edition.cli` turns them into a message and an exit code, so the
same failure reads the same way from the CLI, the tests and library callers. Every error class
of the toolkit is defined here (tests/test_errors.py checks it) with its stable `code`, its
`exit_code`, the `stage` that raises it, what it means (`meaning`) and how to fix it (`fix`):
`registry()` is that table, and `EXIT_STATUSES` says what each exit code means.
`edition --help`, docs/reference/cli.md and docs/reference/diagnostics.md are generated from them
(scripts/gen_reference.py). Anything else that escapes is a bug: the CLI exits 70 and asks for
`--traceback`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExitStatus:
    status: int
    meaning: str


#: Every exit status of the CLI. `edition --help` and docs/reference/cli.md list them from here.
EXIT_STATUSES: tuple[ExitStatus, ...] = (
    ExitStatus(0, "ok"),
    ExitStatus(1, "diagnostics with errors (or, in a corpus build, a failed input)"),
    ExitStatus(2, "usage"),
    ExitStatus(3, "unreadable input"),
    ExitStatus(4, "bad editorial data"),
    ExitStatus(5, "output cannot be written"),
    ExitStatus(6, "the PDF engine failed"),
    ExitStatus(70, "internal error (a bug: re-run with --traceback and report it)"),
    ExitStatus(130, "interrupted (Ctrl-C, SIGTERM)"),
)

#: The exit status of an unexpected exception (a bug), and of nothing in the registry.
INTERNAL_ERROR = 70


class EditionError(Exception):
    """A failure the user can act on. `code` is stable; `exit_code` is what the CLI returns."""

    code = "E000"
    exit_code = 1
    stage = "corpus"
    meaning = (
        "A failure with no more specific code. In a corpus build (`edition build TARGETS…`): "
        "an input that does not validate — an edition (nothing of it is written) or a TEI "
        "file checked with `--schema`; it is that input's row of the summary, with the first "
        "error quoted."
    )
    fix = (
        "Run `edition validate` on the file (or `edition build -c` on the edition) and fix what "
        "it reports; the rest of the corpus is built regardless."
    )

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        col: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.col = col
        self.hint = hint

    def __str__(self) -> str:
        where = self.file or ""
        if where and self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        text = f"{where}: {self.message}" if where else self.message
        return f"{text} ({self.hint})" if self.hint else text


class InputError(EditionError):
    """The input file cannot be read as what it should be (missing, binary, wrong encoding, empty)."""

    code = "E001"
    exit_code = 3
    stage = "read"
    meaning = (
        "The transcript cannot be read as text: it is missing, a directory or unreadable, "
        "looks binary, is not valid in its encoding, names an unknown `--encoding`, is "
        "empty, or has no paragraphs to encode; a Word document (.docx) that is corrupt, "
        "unpacks to more than the reader allows (a zip bomb) or takes its text from "
        "outside the file (never fetched); a zip archive that is not a Word document. Also "
        "an unknown PDF variant, and a file name "
        "that is not UTF-8 (refused for every command: it would have to be written into the "
        "outputs)."
    )
    fix = (
        "Check the path; convert the file to UTF-8, or name its encoding with `--encoding` "
        "(e.g. `utf-16`, `cp1251`); save a damaged Word document again from Word or LibreOffice "
        "(with all its text in the file); rename a file whose name is not UTF-8."
    )


class DataError(EditionError):
    """An editorial data file (register, corrections, overrides, config) is malformed."""

    code = "E002"
    exit_code = 4
    stage = "editorial data"
    meaning = (
        "An editorial data file is malformed or breaks its schema "
        "([data-files.md](data-files.md)): the config `edition.toml`, `overrides.toml` or "
        "`corrections.tsv` — missing, not UTF-8 or not TOML, an unknown table, key or "
        "column, a value of the wrong type, not one of the allowed values, a control "
        "character, a regular expression that does not compile, a required key missing, "
        "two `[[session]]` giving one heading different chairs — with the file, the key and "
        "its line; the register (not XML, a `person` or `org` without `xml:id`, a duplicate "
        "id, a label given to two people); `edition build` with no `source`."
    )
    fix = "Correct the file at the place the message gives."


class XMLInputError(EditionError):
    """An XML input is malformed, unsafe (entities, DTDs, XInclude) or not TEI.

    `kind` says which ("unreadable", "empty", "malformed", "unsafe", "xinclude"), so the validator can
    report each with its own diagnostic code.
    """

    code = "E003"
    exit_code = 3
    stage = "XML input"
    meaning = (
        "An XML input of a command other than `validate` cannot be used: missing or "
        "unreadable, empty, malformed, a DOCTYPE or an XInclude (refused, never followed), "
        "beyond a resource limit (the XSLT outputs refuse nesting deeper than 100 levels), or "
        "not TEI (for `--to parla-clarin` and `parlamint` also a `teiCorpus`, or a TEI without `<text><body>`; for `parlamint` a document that gives no date); "
        "`edition text` on a document without `<text>`; a document that would make the print "
        "edition (PDF or FO) read a file or URL (it reads nothing but its own stylesheet)."
    )
    fix = "Run `edition validate FILE`: it reports the same problem with its own code (E100–E105) and the line."

    def __init__(self, message: str, *, kind: str = "malformed", **where) -> None:
        super().__init__(message, **where)
        self.kind = kind


class OutputError(EditionError):
    """An output cannot be written (unwritable place, output equals input, would overwrite)."""

    code = "E004"
    exit_code = 5
    stage = "outputs"
    meaning = (
        "An output cannot be written: its folder does not exist, it is a directory, it "
        "cannot be written, it would overwrite one of the inputs (by any name: the same "
        "path, a symbolic or a hard link; for `edition build` also its config, register, "
        "corrections and overrides) or another output of the build, a site folder would hold "
        "an input, it exists (`encode` without `--force`), the TEI was changed by hand since "
        "the build that wrote it, or the HTML folder holds something that is not a site built "
        "by the toolkit, or a stylesheet would write a file outside its output folder (refused "
        "before anything is written)."
    )
    fix = (
        "Choose another path or an empty folder; `--force` overwrites (`encode`, `build`); move "
        "hand edits of a built TEI into the editorial data."
    )


class UsageError(EditionError):
    """The targets or options of a corpus build cannot be used as given."""

    code = "E006"
    exit_code = 2
    stage = "corpus"
    meaning = (
        "The targets or options of a corpus build cannot be used: an unknown `--to` output, a "
        "target that does not exist or is neither an `edition.toml` nor a `.xml` file, a "
        "folder holding neither, two inputs that would write to the same folder; and a "
        "`--site-url` (`edition html`) that is not a web address."
    )
    fix = (
        "As the message says; `--to` takes `html`, `pdf` and the export formats, comma-separated; "
        "`--site-url` takes an http(s) address such as https://example.org/edition/."
    )


class CollationError(EditionError):
    """Witnesses that cannot be collated as given."""

    code = "E020"
    exit_code = 2
    stage = "collate"
    meaning = (
        "The witnesses of a collation cannot be used as given: fewer than two, two with the "
        "same siglum (or sigla that make the same xml:id), a base that is not one of them, "
        "`edition text --witness` naming a witness the collation does not have, an export of "
        "variants (`--to variants-json`, `variants-csv`) from a TEI that is not a collation "
        "(no `listWit`)."
    )
    fix = (
        "Give each witness its own siglum (`--siglum`, or `siglum` in `[[witness]]`), name the "
        "base by one of them, and ask for a witness the collation's `listWit` lists."
    )


class ClusterError(EditionError):
    """A corpus build cannot reach its Dask cluster."""

    code = "E007"
    exit_code = 2
    stage = "corpus"
    meaning = (
        "`--scheduler` was given, but Dask distributed is not installed or the scheduler cannot be reached (10 s)."
    )
    fix = (
        '`pip install "edition[cluster]"`; start the scheduler and its workers, or check the '
        "address (`tcp://HOST:8786`). See docs/corpus.md."
    )


class JobTimeout(EditionError):
    """A corpus job ran longer than its time limit (`--job-timeout`) and was stopped."""

    code = "E008"
    exit_code = 1
    stage = "corpus"
    meaning = (
        "A corpus job took longer than `--job-timeout` seconds (default 3600) and was "
        "stopped: its input hangs the toolkit (a FIFO, a file on a stalled network share) or "
        "is far larger than the limit allows. Only that input fails; the others are built."
    )
    fix = "Check the input named in the row; raise `--job-timeout` for very large inputs (`0`: no limit)."


class SchemaError(EditionError):
    """The schema asked for cannot be found or built: a usage error, reported before any file."""

    code = "E201"
    exit_code = 2
    stage = "validate: grammar"
    meaning = (
        "The schema asked for cannot be found or used (a usage error, exit 2, before any file "
        "is read): no such file, no `tei_all` found, not an XSD or RELAX NG (XML syntax) "
        "file, it cannot be built, a large RELAX NG schema without jing, or jing failed; a "
        "Schematron that is not ISO Schematron, uses a query binding other than xslt, xslt2 "
        "or xslt3, does not compile, or would read files (`doc()`, `unparsed-text()`, "
        "`collection()`, `sch:include`, `xsl:include`…: refused, never run)."
    )
    fix = (
        "`--schema edition`, `--schema tei-all` (set `EDITION_TEI_ALL` to `tei_all.rng` or "
        "`.xsd`), or a path to an `.xsd` or `.rng`; install jing (scripts/setup.sh); convert "
        "`.rnc` to `.rng` with trang."
    )


class OddError(EditionError):
    """A TEI customisation (ODD) cannot be compiled: a usage error, reported before any file."""

    code = "E202"
    exit_code = 2
    stage = "validate: grammar"
    meaning = (
        "An ODD given to `edition odd compile` or `edition validate --odd` cannot be compiled: "
        "it is not XML or has no `schemaSpec`, its `@source` (or a `specGrpRef`, a "
        "`moduleRef/@url`) is remote, missing or circular, it names a module or a "
        "specification the TEI source does not have, or its `@start` names no element of "
        "the schema. Nothing is written."
    )
    fix = (
        "Point `schemaSpec/@source` at a local file beside the ODD (a `tei:` version uses the "
        "TEI P5 release shipped with the toolkit; a URL is never fetched: download it first), "
        "and correct the key the message names."
    )


class TransformError(EditionError):
    """The stylesheet failed on this document (a dynamic error), with Saxon's own message."""

    code = "E500"
    exit_code = 1
    stage = "XSLT"
    meaning = "An XSLT stylesheet failed on this document (a dynamic error), with Saxon's message."
    fix = "Validate the document first (`edition validate`); if it is valid, report the failure with the file."


class EngineError(EditionError):
    """The FO engine is missing or failed."""

    code = "E501"
    exit_code = 6
    stage = "PDF"
    meaning = "`--engine fop`: Apache FOP is not installed, or it failed (its first severe message)."
    fix = "Install fop (scripts/setup.sh does), or leave out `--engine fop` (Typst, the default)."


class InvariantError(EditionError):
    """The toolkit broke one of its own promises (e.g. text lost); always a bug to report."""

    code = "E900"
    exit_code = 70  # INTERNAL_ERROR (a literal: the reference generator reads it)
    stage = "internal"
    meaning = (
        "The toolkit broke one of its own promises: the encoding does not reproduce the "
        "source text, a stylesheet does not compile, or the installation lacks its "
        "`schemas/` or `xslt/`."
    )
    fix = (
        "A bug: report it with the input file (re-run with `--traceback`); reinstall the package "
        "if a folder is missing."
    )


@dataclass(frozen=True)
class Registered:
    """One row of the registry: a fatal error as the CLI and the reference present it."""

    code: str
    exit_status: int
    summary: str
    meaning: str
    hint: str
    stage: str
    cls: type[EditionError]


def registry() -> dict[str, Registered]:
    """Code → its row, for every error class defined in this module (and only here)."""
    out: dict[str, Registered] = {}
    todo: list[type[EditionError]] = [EditionError]
    while todo:
        cls = todo.pop(0)
        todo += cls.__subclasses__()
        if cls.__module__ != __name__:
            continue  # tests/test_errors.py refuses such classes
        if cls.code in out:
            raise AssertionError(f"{cls.__name__} and {out[cls.code].cls.__name__} share {cls.code}")
        summary = (cls.__doc__ or "").strip().split("\n")[0]
        out[cls.code] = Registered(cls.code, cls.exit_code, summary, cls.meaning, cls.fix, cls.stage, cls)
    return dict(sorted(out.items()))


def exit_status_help() -> str:
    """The exit statuses as one paragraph, for `edition --help`."""
    return "Exit codes: " + "; ".join(f"{s.status} {s.meaning}" for s in EXIT_STATUSES) + "."
