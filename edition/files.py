"""Files the toolkit writes get the permissions the user's umask gives new files.

Outputs are written to temporary files and folders first (created private by `tempfile`) and
renamed into place; before the rename they get the ordinary mode, so a published site or PDF is
readable by the web server or colleague it is meant for.
"""

from __future__ import annotations

import os
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def ordinary_mode(path: str | Path) -> None:
    """Give a file 0666, a folder (and everything in it) 0777, less the umask."""
    path = Path(path)
    mask = _umask()
    if path.is_dir():
        os.chmod(path, 0o777 & ~mask)
        for inner in path.rglob("*"):
            os.chmod(inner, (0o777 if inner.is_dir() else 0o666) & ~mask)
    else:
        os.chmod(path, 0o666 & ~mask)
