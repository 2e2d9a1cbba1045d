"""Corpus builds: many editions and TEI files, in parallel, incrementally, here or on a cluster.

`plan(targets, ...)` turns what the user named — edition.toml files, TEI files, folders of
either — into `Job`s; `build(jobs, ...)` runs them on a pool of local worker processes (`-j N`)
or on a Dask cluster (`scheduler`), hands each `Outcome` to a callback as it arrives (a progress
bar), and records in a manifest in the output folder the fingerprint of every input built, so the
next build skips what has not changed. Each worker holds one file at a time, so memory is bounded
by the largest file (times the number of workers), never by the corpus.
"""

from __future__ import annotations

import fnmatch
import importlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from edition import __version__
from edition.corpus.options import JOB_TIMEOUT, TEI_OUTPUTS
from edition.errors import EditionError, OutputError, UsageError
from edition.files import SITE_MARKER, write_atomic

if TYPE_CHECKING:
    from edition.corpus.jobs import Job, Outcome

__all__ = ["MANIFEST", "TEI_OUTPUTS", "Job", "Outcome", "UsageError", "build", "plan", "run_job"]

#: The jobs' names, loaded on first use (PEP 562): the CLI reads edition.corpus.options for the
#: options of `build`, which imports this package first, and `edition pdf` has no job to run.
_LAZY = {"Job": "edition.corpus.jobs", "Outcome": "edition.corpus.jobs", "run_job": "edition.corpus.jobs"}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'edition.corpus' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


#: Where a corpus build records what it built, in its output folder.
MANIFEST = ".edition-build.json"


def plan(
    targets: Iterable[str | Path],
    out: str | Path,
    outputs: tuple[str, ...] = ("html",),
    schema: str | None = None,
    force: bool = False,
    timeout: float = JOB_TIMEOUT,
) -> list[Job]:
    """The jobs for the targets, in a stable order.

    A folder holding any edition.toml stands for its editions (their TEI, registers and
    transcripts are theirs, not more inputs); any other folder stands for the TEI files under it.
    A build never reads what builds wrote (`outputs_of_builds`): its own output folder, another
    build's folder, a site, an output recorded in a manifest, the TEI an edition of the plan writes.
    """
    from edition.corpus.jobs import Job

    unknown = [o for o in outputs if o not in TEI_OUTPUTS]
    if unknown:
        raise UsageError(f"unknown output {', '.join(unknown)}", hint=f"choose from {', '.join(TEI_OUTPUTS)}")
    if not outputs:
        raise UsageError("--to names no output", hint=f"choose from {', '.join(TEI_OUTPUTS)}")
    if schema:
        from edition.validate.schemas import resolve

        resolve(schema)  # a schema that cannot be found fails the build, not each file
    out = Path(out).resolve()
    manifest = read_manifest(out)
    toolkit = toolkit_digest()
    found = [(path.resolve(), slug) for target in map(Path, targets) for path, slug in _inputs_of(target, out)]
    made = outputs_of_builds(out, [p for p, _ in found if p.suffix == ".toml"])
    jobs: list[Job] = []
    for path, slug in found:
        if path.suffix == ".xml" and any(path == m or path.is_relative_to(m) for m in made):
            continue
        kind = "edition" if path.suffix == ".toml" else "tei"
        jobs.append(
            Job(path, kind, slug, out, tuple(outputs), schema, force, toolkit, manifest.get(str(path)), timeout)
        )
    _refuse_clashes(jobs)
    return jobs


def read_targets(listing: str | Path) -> list[str]:
    """The targets a `--files-from` file names, one a line (blank lines skipped)."""
    from edition.errors import InputError

    try:
        text = Path(listing).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError(f"the list of targets cannot be read: {exc.strerror}", file=str(listing)) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the list of targets is not UTF-8 (byte 0x{exc.object[exc.start]:02x})",
            file=str(listing),
            line=exc.object[: exc.start].count(b"\n") + 1,
        ) from None
    return [line.strip() for line in text.splitlines() if line.strip()]


def outputs_of_builds(out: Path, editions: list[Path]) -> set[Path]:
    """What earlier builds wrote (recorded in the manifest of `out`) and what the editions of this
    build write (their TEI, PDF and site): never inputs of a build."""
    from edition.settings import load_config

    made = {Path(p) for p in read_outputs(out)}
    for config in editions:
        try:
            settings = load_config(config)
        except EditionError:
            continue  # the job reports it
        made.update(Path(p) for p in (settings.output, settings.pdf, settings.html) if p is not None)
    return made


def _written_by_a_build(folder: Path, out: Path) -> bool:
    """A folder a build wrote: the output folder, another build's (it holds a manifest), a site."""
    return folder == out or (folder / MANIFEST).exists() or (folder / SITE_MARKER).exists()


def _files_under(target: Path, out: Path, pattern: str) -> list[Path]:
    """The files named `pattern` under `target`, skipping hidden files and the folders builds wrote
    (unless the target itself is one: then the user asked for it)."""
    found = []
    for folder, subfolders, files in os.walk(target):
        here = Path(folder)
        subfolders[:] = sorted(d for d in subfolders if not _written_by_a_build((here / d).resolve(), out))
        found += [here / f for f in files if fnmatch.fnmatchcase(f, pattern) and not f.startswith(".")]
    return sorted(found)


def _inputs_of(target: Path, out: Path) -> list[tuple[Path, str]]:
    if target.is_dir():
        editions = _files_under(target, out, "edition.toml")
        found = editions or _files_under(target, out, "*.xml")
        if not found:
            raise UsageError("holds no edition.toml and no .xml file", file=str(target))
        return [
            (p, str(p.relative_to(target).with_suffix("")) if p.suffix == ".xml" else str(p.parent.relative_to(target)))
            for p in found
        ]
    if not target.exists():
        raise UsageError("no such file or folder", file=str(target))
    if target.suffix not in (".toml", ".xml"):
        raise UsageError("is neither an edition.toml nor a TEI .xml file", file=str(target))
    return [(target, target.parent.name if target.suffix == ".toml" else target.stem)]


def _refuse_clashes(jobs: list[Job]) -> None:
    seen: dict[tuple[str, str], Path] = {}
    for job in jobs:
        key = (job.kind, job.slug)
        if key in seen and seen[key] != job.input:
            raise UsageError(
                f"{seen[key]} and {job.input} would write to the same folder {job.slug!r}",
                hint="build them from their common folder, or separately",
            )
        seen[key] = job.input


def build(
    jobs: list[Job],
    workers: int = 1,
    scheduler: str | None = None,
    on_outcome: Callable[[Outcome], None] = lambda o: None,
) -> list[Outcome]:
    """Run the jobs; record each success in the manifest as it arrives; return the outcomes in
    the order of the jobs."""
    if not jobs:
        return []
    out = jobs[0].out
    out.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(out)
    made = read_outputs(out)
    by_input: dict[Path, Outcome] = {}

    def arrived(outcome: Outcome) -> None:
        by_input[outcome.input] = outcome
        new = {str(p) for p in outcome.made} - made
        if outcome.status != "failed" and (manifest.get(str(outcome.input)) != outcome.fingerprint or new):
            manifest[str(outcome.input)] = outcome.fingerprint
            made.update(new)
            _write_manifest(out, manifest, made)
        on_outcome(outcome)

    if scheduler:
        from edition.corpus.cluster import run_on_cluster

        run_on_cluster(jobs, scheduler, arrived)
    else:
        from edition.corpus.local import run_locally

        run_locally(jobs, workers, arrived)
    return [by_input[job.input] for job in jobs]


def _manifest(out: Path) -> dict:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}  # none yet, or unreadable: everything is built again, nothing is lost


def read_manifest(out: Path) -> dict[str, str]:
    """Input → the fingerprint it had when it was last built."""
    built = _manifest(out).get("built", {})
    return {str(k): str(v) for k, v in built.items()} if isinstance(built, dict) else {}


def read_outputs(out: Path) -> set[str]:
    """Every output the builds into `out` have written (files and site folders)."""
    made = _manifest(out).get("outputs", [])
    return {str(p) for p in made} if isinstance(made, list) else set()


def _write_manifest(out: Path, manifest: dict[str, str], made: set[str]) -> None:
    data = {"toolkit": __version__, "built": dict(sorted(manifest.items())), "outputs": sorted(made)}
    try:
        write_atomic(out / MANIFEST, json.dumps(data, indent=1).encode() + b"\n")
    except OutputError:
        pass  # the outputs are written; the next build only does more work than it needs


_TOOLKIT: str | None = None


def toolkit_digest() -> str:
    """A digest of this toolkit's code, schemas and stylesheets: outputs made by another version
    are out of date. Computed once per process."""
    global _TOOLKIT
    if _TOOLKIT is None:
        import hashlib

        from edition.resources import data_dir

        h = hashlib.sha256(__version__.encode())
        package = Path(__file__).resolve().parent.parent
        for root in (package, data_dir("schemas"), data_dir("xslt")):
            for path in sorted(root.rglob("*")):
                if path.is_file() and path.suffix in (
                    ".py",
                    ".xsl",
                    ".xsd",
                    ".odd",
                    ".css",
                    ".js",
                    ".rng",
                    ".json",
                    ".toml",
                ):
                    h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
        _TOOLKIT = h.hexdigest()
    return _TOOLKIT
