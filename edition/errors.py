"""The closed hierarchy of fatal errors.

Library code raises these; only `edition.cli` turns them into a message and an exit code, so the
same failure reads the same way from the CLI, the tests and library callers.
"""

from __future__ import annotations


class EditionError(Exception):
    """A failure the user can act on. `code` is stable; `exit_code` is what the CLI returns."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 col: int | None = None, hint: str | None = None) -> None:
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


class DataError(EditionError):
    """An editorial data file (register, corrections, overrides, config) is malformed."""

    code = "E002"
    exit_code = 4


class XMLInputError(EditionError):
    """An XML input is malformed, unsafe (entities, DTDs, XInclude) or not TEI.

    `kind` says which ("unreadable", "empty", "malformed", "unsafe", "xinclude"), so the validator can
    report each with its own diagnostic code.
    """

    code = "E003"
    exit_code = 3

    def __init__(self, message: str, *, kind: str = "malformed", **where) -> None:
        super().__init__(message, **where)
        self.kind = kind


class OutputError(EditionError):
    """An output cannot be written (unwritable place, output equals input, would overwrite)."""

    code = "E004"
    exit_code = 5


class InvariantError(EditionError):
    """The toolkit broke one of its own promises (e.g. text lost); always a bug to report."""

    code = "E900"
    exit_code = 70
