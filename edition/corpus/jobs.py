"""One unit of a corpus build, and the function that does it anywhere: here, in a worker process,
or on a cluster node.

A `Job` is plain data (paths and choices), so it pickles to any worker; `run_job` is a top-level
function that never raises: whatever goes wrong becomes a failed `Outcome` with a message, so one
bad file is reported and the others go on. A job decides itself whether it is up to date — it
hashes its inputs where it runs, so a cluster spreads the reading of a corpus as well as the work.
"""

from __future__ import annotations

import contextlib
import hashlib
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from edition.errors import EditionError, JobTimeout
from edition.export import FORMATS
from edition.files import refuse_undecodable

if TYPE_CHECKING:
    from edition.settings import EncodeSettings


@dataclass(frozen=True)
class Job:
    """Build one input: an edition (`edition.toml`) or a TEI file."""

    input: Path
    kind: str  # "edition" | "tei"
    slug: str  # its outputs' folder under `out`: its path in the corpus
    out: Path  # the folder a TEI file's outputs go into
    outputs: tuple[str, ...] = ("html",)
    schema: str | None = None  # validate a TEI file first against this schema
    force: bool = False
    toolkit: str = ""  # digest of the toolkit's code, schemas and stylesheets
    previous: str | None = None  # the fingerprint of the last successful build
    timeout: float = 0  # seconds a job may take before it fails (0: no limit)


@dataclass
class Outcome:
    input: Path
    status: str  # "built" | "unchanged" | "failed"
    seconds: float = 0.0
    fingerprint: str | None = None
    made: list[Path] = field(default_factory=list)
    message: str = ""
    warnings: int = 0


def run_job(job: Job) -> Outcome:
    """Build the job's input unless it is unchanged; never raise."""
    start = time.perf_counter()
    try:
        with time_limit(job.timeout, job.input):
            return _run(job, start)
    except EditionError as exc:
        return Outcome(job.input, "failed", time.perf_counter() - start, message=f"[{exc.code}] {exc}")


def _run(job: Job, start: float) -> Outcome:
    # Imported here, not with the module: a worker that only reports a file's failure, or a
    # corpus whose jobs are all up to date, does not pay for the settings' tables.
    from edition.settings import load_config

    try:
        refuse_undecodable(job.input)
        # An edition's config is read once: it names the inputs, the outputs and the build.
        settings = load_config(job.input) if job.kind == "edition" else None
        fingerprint = _fingerprint(job, settings)
        if fingerprint == job.previous and not job.force and _outputs_exist(job, settings):
            return Outcome(job.input, "unchanged", time.perf_counter() - start, fingerprint)
        made, warnings = _build_edition(job, settings) if settings else _build_tei(job)
        return Outcome(job.input, "built", time.perf_counter() - start, fingerprint, made, warnings=warnings)
    except JobTimeout:
        raise
    except EditionError as exc:
        return Outcome(job.input, "failed", time.perf_counter() - start, message=f"[{exc.code}] {exc}")
    except MemoryError:
        return Outcome(job.input, "failed", time.perf_counter() - start, message="out of memory")
    except Exception as exc:  # noqa: BLE001 — a worker reports, it does not crash the corpus
        return Outcome(
            job.input, "failed", time.perf_counter() - start, message=f"internal error: {type(exc).__name__}: {exc}"
        )


def timed_out(seconds: float) -> str:
    return f"timed out after {seconds:g} s (--job-timeout); the other files went on"


@contextlib.contextmanager
def time_limit(seconds: float, name: Path):
    """Raise JobTimeout in this job when it runs longer than `seconds` (0: no limit).

    A timer signal interrupts the job where it waits (reading a FIFO, a blocking call), so it
    fails like any other: in this process (-j 1) and in each worker process. A job run in a
    thread (a Dask worker with several threads) cannot be interrupted and has no limit here.
    """
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum, frame):
        raise JobTimeout(timed_out(seconds), file=str(name))

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _build_edition(job: Job, settings: EncodeSettings) -> tuple[list[Path], int]:
    from edition import api

    result = api.build(settings, force=job.force)
    if not result.outputs:
        errors = [d for f in result.validation.files for d in f.diagnostics if d.severity == "error"]
        first = errors[0].format() if errors else ""
        raise EditionError(
            f"does not validate ({result.validation.summary()}); nothing was written. First: {first}",
            file=str(job.input),
        )
    warnings = sum(d.severity == "warning" for d in result.encoded.diagnostics.items)
    return result.outputs + result.schemas, warnings + len(result.diagnostics)


def _build_tei(job: Job) -> tuple[list[Path], int]:
    warnings = 0
    if job.schema:
        from edition.validate import validate

        report = validate([job.input], schema=job.schema)
        if not report.ok():
            first = next(d for d in report.files[0].diagnostics if d.severity == "error")
            raise EditionError(f"does not validate against {job.schema}: {first.format()}", file=str(job.input))
        warnings += sum(f.warnings for f in report.files)
    folder = _folder(job)
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        return _render(job, folder, warnings)
    except BaseException:
        if created and not any(folder.iterdir()):
            folder.rmdir()  # a file that fails leaves nothing behind
        raise


def _render(job: Job, folder: Path, warnings: int) -> tuple[list[Path], int]:
    from edition import api

    made: list[Path] = []
    pdf = folder / f"{job.input.stem}.pdf"
    if "pdf" in job.outputs:  # before the site, which offers it for download
        book = api.pdf(job.input, pdf)
        made.append(book.path)
        warnings += len(book.diagnostics.items)
    if "html" in job.outputs:
        site = api.html(job.input, folder / "html", pdf=pdf if "pdf" in job.outputs else None)
        made.append(site.folder)
        warnings += len(site.diagnostics.items)
    for fmt in job.outputs:
        if fmt not in ("html", "pdf"):
            from edition.export import export

            made.append(export(job.input, fmt, folder / f"{job.input.stem}{FORMATS[fmt].suffix}"))
    return made, warnings


def _folder(job: Job) -> Path:
    return job.out / job.slug


def _outputs_exist(job: Job, settings: EncodeSettings | None) -> bool:
    """An unchanged input is rebuilt anyway when an output it made has been deleted."""
    if settings is not None:
        return all(p is None or Path(p).exists() for p in (settings.output, settings.pdf, settings.html))
    return _folder(job).is_dir() and all((_folder(job) / name).exists() for name in _names(job))


def _names(job: Job) -> list[str]:
    stem = job.input.stem
    return [
        "html" if f == "html" else f"{stem}.pdf" if f == "pdf" else f"{stem}{FORMATS[f].suffix}" for f in job.outputs
    ]


def _fingerprint(job: Job, settings: EncodeSettings | None) -> str:
    """A digest of everything the outputs depend on: the toolkit, the choices and every input
    file (for an edition: its config, transcript, register, corrections and overrides)."""
    h = hashlib.sha256()
    h.update(f"{job.toolkit}\0{job.kind}\0{','.join(job.outputs)}\0{job.schema}\0".encode())
    for path in _inputs(job, settings):
        h.update(str(path).encode() + b"\0")
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    return h.hexdigest()


def _inputs(job: Job, settings: EncodeSettings | None) -> list[Path]:
    if settings is None:
        return [job.input]
    named = (settings.source, settings.register, settings.corrections, settings.overrides)
    return [job.input, *(Path(p) for p in named if p is not None and Path(p).is_file())]
