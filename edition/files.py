"""Writing outputs so that nothing is ever half-written.

Every output is first written beside its target under a hidden name that carries the writer's
process id (`.march-1917.pdf.4711.k2j3`), then renamed over the target in one step. An
interrupted run (Ctrl-C, SIGTERM) removes its staging file on the way out; a killed one
(SIGKILL) cannot, so the next run removes staging files whose process is gone. The previous
output stays intact until the rename.

Staged files and folders are private (tempfile); before the rename they get the ordinary modes
(0666/0777 less the umask), so a published site or PDF is readable by whoever it is for.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import itertools
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from edition.errors import InputError, OutputError

#: Written into every site the toolkit builds; a folder holding it may be replaced by a new build,
#: and is never read as a corpus's input.
SITE_MARKER = ".edition-site"


def _umask() -> int:
    """The process's umask, read without changing it.

    `os.umask` can only read the mask by setting it, for the whole process: a thread that creates
    a file in between (corpus builds run on Dask workers with several threads) would get mode 0666.
    Linux reports the mask in /proc/self/status; elsewhere it is read once (set and restored),
    the first time it is needed, and kept.
    """
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return _umask_once()


@functools.cache
def _umask_once() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def ordinary_mode(path: str | Path, replacing: str | Path | None = None) -> None:
    """Give a file 0666, a folder (and everything in it) 0777, less the umask — or, when it
    replaces an output that exists, that output's mode (a private 0600 PDF stays private)."""
    path = Path(path)
    mask = _umask()
    kept = _mode_of(replacing) if replacing is not None else None
    if path.is_dir():
        os.chmod(path, kept if kept is not None else 0o777 & ~mask)
        for inner in path.rglob("*"):
            os.chmod(inner, (0o777 if inner.is_dir() else 0o666) & ~mask)
    else:
        os.chmod(path, kept if kept is not None else 0o666 & ~mask)


def _mode_of(path: str | Path) -> int | None:
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(target: Path) -> None:
    """Remove staging files or folders left for `target` by processes that no longer run."""
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.(\d+)\.[^.]+$")
    if not target.parent.is_dir():
        return
    for entry in target.parent.iterdir():
        m = pattern.match(entry.name)
        if m and int(m.group(1)) != os.getpid() and not _alive(int(m.group(1))):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    entry.unlink()


def _check_parent(target: Path) -> Path:
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError("its directory does not exist", file=str(target))
    return parent


@contextlib.contextmanager
def staged_file(target: str | Path) -> Iterator[Path]:
    """A hidden file beside `target`; renamed over it when the block ends, removed if it fails."""
    target = Path(target)
    if target.is_dir():
        raise OutputError("is a directory", file=str(target))
    parent = _check_parent(target)
    remove_stale(target)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", dir=parent)
    except OSError as exc:
        raise OutputError(f"cannot be written: {exc.strerror}", file=str(target)) from None
    os.close(fd)
    staged = Path(name)
    try:
        yield staged
        ordinary_mode(staged, replacing=target)
        os.replace(staged, target)
    except OSError as exc:
        raise OutputError(f"cannot be written: {exc.strerror}", file=str(target)) from None
    finally:
        with contextlib.suppress(OSError):
            staged.unlink()


@contextlib.contextmanager
def staged_folder(target: str | Path) -> Iterator[Path]:
    """A hidden folder beside `target`; swapped in whole when the block ends, removed if it fails."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(target)
        staged = Path(tempfile.mkdtemp(prefix=f".{target.name}.{os.getpid()}.", dir=target.parent))
    except OSError as exc:
        raise OutputError(f"cannot be written: {exc.strerror}", file=str(target)) from None
    try:
        yield staged
        ordinary_mode(staged, replacing=target)
        _swap(staged, target)
    finally:
        if staged.exists():
            shutil.rmtree(staged, ignore_errors=True)


#: Numbers the folders moved aside, so that threads of one process never pick the same name.
_ASIDE = itertools.count(1)


def _swap(staged: Path, target: Path) -> None:
    """Rename the old folder away, the new one in, then delete the old one.

    Writers racing for one target (threads of a corpus build, two runs) each get their turn: when
    another writer's folder lands between our two renames, it is moved aside too and we try again,
    so every writer succeeds and the last one's folder stays."""
    aside: list[Path] = []
    try:
        for attempt in range(_SWAP_TRIES):
            if target.exists() or target.is_symlink():
                old = target.parent / f".{target.name}.{os.getpid()}.old{next(_ASIDE)}"
                with contextlib.suppress(FileNotFoundError):  # another writer moved it first
                    target.rename(old)
                    aside.append(old)
            try:
                staged.rename(target)
                return
            except OSError as exc:
                if exc.errno in (errno.ENOTEMPTY, errno.EEXIST) and attempt + 1 < _SWAP_TRIES:
                    continue  # another writer's folder landed
                if aside and not target.exists():
                    aside.pop().rename(target)  # the previous output stays
                raise OutputError(f"cannot be written: {exc.strerror}", file=str(target)) from None
    finally:
        for old in aside:
            if old.is_symlink():  # the link is replaced; the folder it named is left alone
                with contextlib.suppress(OSError):
                    old.unlink()
            else:
                shutil.rmtree(old, ignore_errors=True)


_SWAP_TRIES = 20


def undecodable(name: str | Path) -> bool:
    """Whether a file name is not UTF-8: its bytes reach Python as lone surrogates
    (surrogateescape), which no output — XML, JSON, a page — can hold."""
    return any("\udc80" <= ch <= "\udcff" for ch in str(name))


def shown(name: str | Path) -> str:
    """A file name as a message can print it: undecodable bytes as \\xNN."""
    return os.fsencode(str(name)).decode("utf-8", "backslashreplace")


def refuse_undecodable(name: str | Path) -> None:
    """A file name that is not UTF-8 is refused, plainly, before it reaches an output."""
    if undecodable(name):
        raise InputError(
            "the file name is not valid UTF-8; it would have to be written into the outputs (TEI, pages, JSON)",
            file=shown(name),
            hint="rename the file (its name as UTF-8)",
        )


def _identity(path: str | Path) -> tuple[int, int] | None:
    """The file a path leads to (device and inode, symlinks followed), or None if there is none."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def inside(path: str | Path, folder: str | Path) -> bool:
    """Whether `path` (as named, or with its links resolved) lies in `folder` (either way)."""
    named, real = Path(os.path.abspath(path)), Path(os.path.realpath(path))
    folders = {Path(os.path.abspath(folder)), Path(os.path.realpath(folder))}
    return any(p == f or p.is_relative_to(f) for p in (named, real) for f in folders)


def same_place(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file: the same inode, or (for files not yet written) the same
    path once links and dots are resolved."""
    first = _identity(a)
    return (first is not None and first == _identity(b)) or os.path.realpath(a) == os.path.realpath(b)


def refuse_inputs(output: str | Path, inputs: Iterable[str | Path | None], *, folder: bool = False) -> None:
    """An output never replaces one of the files it is made from — the one check every writer makes.

    A file output is refused when it is an input by any name: the same path, a symbolic link to it
    or a hard link of it (same device and inode). A folder output (a site, swapped in whole) is
    refused when it is an input or holds one, since replacing the folder deletes what is in it.
    """
    output = Path(output)
    target = _identity(output)
    for src in inputs:
        if src is None:
            continue
        same = target is not None and target == _identity(src)
        if same or (folder and inside(src, output)):
            raise OutputError(
                f"the output would overwrite the input {src}"
                if same or not folder
                else f"the output folder holds the input {src}; replacing the folder would delete it",
                file=str(output),
                hint="choose another output",
            )


def write_atomic(path: str | Path, data: bytes, *, inputs: tuple[Path | None, ...] = ()) -> None:
    """Write `data` to `path` through a staged file: a reader never sees half a file."""
    path = Path(path)
    refuse_inputs(path, inputs)
    with staged_file(path) as staged:
        with staged.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
