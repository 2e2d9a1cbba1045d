"""Where the toolkit's own schemas and stylesheets are, in a checkout or in an installed wheel.

A wheel carries `schemas/` and `xslt/` inside the package as `edition/_data/`; an editable install
or a checkout has them at the top of the repository. Both are looked up here, and only here.
"""

from __future__ import annotations

from pathlib import Path

from edition.errors import InvariantError

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The directory `schemas` or `xslt`, wherever this installation keeps it."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise InvariantError(
        f"the toolkit's {name}/ directory is missing from this installation", hint="reinstall the package"
    )


def schema_file(name: str) -> Path:
    return data_dir("schemas") / name


def stylesheet(name: str) -> Path:
    return data_dir("xslt") / name
