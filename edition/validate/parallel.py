"""Validating many files on a pool of worker processes: `edition validate -j N`.

The files are dealt out in small batches (at most BATCH files, fewer when there are few files
for the workers) to the corpus build's pool (`corpus.local.run_locally`: fresh worker processes,
each compiling the schema and the Schematron once and keeping them for every batch it is given;
workers die with the command). A batch is validated exactly as `validate` does it, so the
diagnostics are those of `-j 1`, and the report lists the files in the order they were named,
whatever order they finish in. A batch whose worker dies (killed, out of memory) is tried again
file by file, so only the file that kills its worker is reported, as E105.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from edition.diagnostics import Diagnostic
from edition.validate import STREAM_ABOVE, FileReport, Report, expand, validate
from edition.validate.schemas import resolve

#: The most files a worker is given at a time: enough to spread the cost of handing work over
#: (and, for RELAX NG, of starting jing, once a batch), few enough to keep both workers busy.
BATCH = 8


@dataclass(frozen=True)
class Batch:
    input: Path                       # its first file, by which the pool names it
    files: tuple[Path, ...]
    schema: str
    rules: bool | None
    stream_above: int
    timeout: float = 0                # the pool's job time limit: none


@dataclass
class Checked:
    input: Path
    reports: list[FileReport]


def check_batch(batch: Batch) -> Checked:
    """Validate one batch (in a worker; a top-level function, so that workers can import it)."""
    report = validate(list(batch.files), batch.schema, batch.rules, batch.stream_above)
    return Checked(batch.input, report.files)


def validate_parallel(paths: list[str | Path], schema: str = "edition", rules: bool | None = None,
                      workers: int = 2, stream_above: int = STREAM_ABOVE,
                      on_file: Callable[[FileReport], None] = lambda report: None,
                      work: Callable[[Batch], Checked] = check_batch) -> Report:
    """`validate`, on `workers` processes; `on_file` is told of each file's report as it arrives.
    (`work` checks a batch in a worker: a top-level function; tests give one that fails.)"""
    from edition.corpus.local import run_locally

    target = resolve(schema)          # a schema that cannot be found fails before any worker starts
    files = expand(paths)
    size = max(1, min(BATCH, math.ceil(len(files) / (2 * workers))))
    batches = {b.input: b for b in (Batch(files[i], tuple(files[i:i + size]), schema, rules, stream_above)
                                     for i in range(0, len(files), size))}
    reports: dict[str, FileReport] = {}
    again: list[Batch] = []

    def arrived(result) -> None:
        if isinstance(result, Checked):
            for report in result.reports:
                reports[report.file] = report
                on_file(report)
            return
        batch = batches[result.input]             # a corpus Outcome: the worker died
        if len(batch.files) > 1:
            again.extend(Batch(f, (f,), schema, rules, stream_above) for f in batch.files)
            return
        name = str(batch.input)
        reports[name] = FileReport(name, [Diagnostic(
            "E105", "error", f"validating it stopped its worker process: {result.message}", name,
            hint="validate it on its own (-j 1) to see why; a file that needs more memory than "
                 "the machine has can be validated as a stream")])
        on_file(reports[name])

    run_locally(list(batches.values()), workers, arrived, work=work)
    if again:
        batches.update((b.input, b) for b in again)
        run_locally(again, workers, arrived, work=work)
    with_rules = (target.name == "edition") if rules is None else rules
    return Report(target, with_rules, [reports[name] for name in dict.fromkeys(map(str, files))])
