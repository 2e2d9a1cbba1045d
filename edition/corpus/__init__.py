"""Corpus builds: many editions and TEI files, in parallel, incrementally, here or on a cluster.

`plan(targets, ...)` turns what the user named — edition.toml files, TEI files, folders of
either — into `Job`s; `build(jobs, ...)` runs them on a pool of local worker processes (`-j N`)
or on a Dask cluster (`scheduler`), hands each `Outcome` to a callback as it arrives (a progress
bar), and records in a manifest in the output folder the fingerprint of every input built, so the
next build skips what has not changed. Each worker holds one file at a time, so memory is bounded
by the largest file (times the number of workers), never by the corpus.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from edition import __version__
from edition.corpus.jobs import TEI_OUTPUTS, Job, Outcome, run_job
from edition.errors import EditionError, OutputError
from edition.files import write_atomic

__all__ = ["MANIFEST", "TEI_OUTPUTS", "Job", "Outcome", "UsageError", "build", "plan", "run_job"]

#: Where a corpus build records what it built, in its output folder.
MANIFEST = ".edition-build.json"


class UsageError(EditionError):
    """The targets or options of a corpus build cannot be used as given."""

    code = "E006"
    exit_code = 2


def plan(targets: Iterable[str | Path], out: str | Path, outputs: tuple[str, ...] = ("html",),
         schema: str | None = None, force: bool = False) -> list[Job]:
    """The jobs for the targets, in a stable order.

    A folder holding any edition.toml stands for its editions (their TEI, registers and
    transcripts are theirs, not more inputs); any other folder stands for the TEI files under it.
    """
    unknown = [o for o in outputs if o not in TEI_OUTPUTS]
    if unknown:
        raise UsageError(f"unknown output {', '.join(unknown)}",
                         hint=f"choose from {', '.join(TEI_OUTPUTS)}")
    out = Path(out).resolve()
    manifest = read_manifest(out)
    toolkit = toolkit_digest()
    jobs: list[Job] = []
    for target in map(Path, targets):
        for path, slug in _inputs_of(target):
            kind = "edition" if path.suffix == ".toml" else "tei"
            jobs.append(Job(path.resolve(), kind, slug, out, tuple(outputs), schema, force, toolkit,
                            manifest.get(str(path.resolve()))))
    _refuse_clashes(jobs)
    return jobs


def _inputs_of(target: Path) -> list[tuple[Path, str]]:
    if target.is_dir():
        editions = sorted(target.rglob("edition.toml"))
        found = editions or sorted(p for p in target.rglob("*.xml") if not p.name.startswith("."))
        if not found:
            raise UsageError("holds no edition.toml and no .xml file", file=str(target))
        return [(p, str(p.relative_to(target).with_suffix("")) if p.suffix == ".xml"
                 else str(p.parent.relative_to(target))) for p in found]
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
            raise UsageError(f"{seen[key]} and {job.input} would write to the same folder "
                             f"{job.slug!r}", hint="build them from their common folder, or separately")
        seen[key] = job.input


def build(jobs: list[Job], workers: int = 1, scheduler: str | None = None,
          on_outcome: Callable[[Outcome], None] = lambda o: None) -> list[Outcome]:
    """Run the jobs; record each success in the manifest as it arrives; return the outcomes in
    the order of the jobs."""
    if not jobs:
        return []
    out = jobs[0].out
    out.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(out)
    by_input: dict[Path, Outcome] = {}

    def arrived(outcome: Outcome) -> None:
        by_input[outcome.input] = outcome
        if outcome.status != "failed" and manifest.get(str(outcome.input)) != outcome.fingerprint:
            manifest[str(outcome.input)] = outcome.fingerprint
            _write_manifest(out, manifest)
        on_outcome(outcome)

    if scheduler:
        from edition.corpus.cluster import run_on_cluster

        run_on_cluster(jobs, scheduler, arrived)
    else:
        from edition.corpus.local import run_locally

        run_locally(jobs, workers, arrived)
    return [by_input[job.input] for job in jobs]


def read_manifest(out: Path) -> dict[str, str]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.get("built", {}).items()}
    except (OSError, ValueError, AttributeError):
        return {}  # none yet, or unreadable: everything is built again, nothing is lost


def _write_manifest(out: Path, manifest: dict[str, str]) -> None:
    data = {"toolkit": __version__, "built": dict(sorted(manifest.items()))}
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
        from edition.resources import data_dir

        h = hashlib.sha256(__version__.encode())
        package = Path(__file__).resolve().parent.parent
        for root in (package, data_dir("schemas"), data_dir("xslt")):
            for path in sorted(root.rglob("*")):
                if path.is_file() and path.suffix in (".py", ".xsl", ".xsd", ".odd", ".css", ".js",
                                                      ".rng", ".json", ".toml"):
                    h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
        _TOOLKIT = h.hexdigest()
    return _TOOLKIT
