"""Validating many files in parallel: `edition validate -j N`.

N processes validate: this one and N - 1 workers of the corpus build's pool
(`corpus.local.run_locally`: fresh processes, each compiling the schema and the Schematron once
and keeping them for every batch it is given; workers die with the command). The files are dealt
out in small batches (at most BATCH files, fewer when there are few files for the processes)
from one queue: the workers take batches from its front, this process from its back, until none
is left, so no process waits while another has work, and this process starts at once while the
workers are still starting (about 0.6 s of CPU each). A batch is validated exactly as `validate`
does it, so the diagnostics are those of `-j 1`, and the report lists the files in the order
they were named, whatever order they finish in. A batch whose worker dies (killed, out of memory)
is tried again file by file, each in a worker of its own, so only the file that kills its worker
is reported, as E105.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from edition.diagnostics import Diagnostic
from edition.validate import STREAM_ABOVE, FileReport, Report, expand, validate
from edition.validate.schemas import resolve

#: The most files a process is given at a time: enough to spread the cost of handing work over
#: (and, for RELAX NG, of starting jing, once a batch), few enough to keep every process busy.
BATCH = 8


@dataclass(frozen=True)
class Batch:
    input: Path  # its first file, by which the pool names it
    files: tuple[Path, ...]
    schema: str
    rules: bool | None
    stream_above: int
    timeout: float = 0  # the pool's job time limit: none


@dataclass
class Checked:
    input: Path
    reports: list[FileReport]


def check_batch(batch: Batch) -> Checked:
    """Validate one batch (in a worker; a top-level function, so that workers can import it)."""
    report = validate(list(batch.files), batch.schema, batch.rules, batch.stream_above)
    return Checked(batch.input, report.files)


def validate_parallel(
    paths: list[str | Path],
    schema: str = "edition",
    rules: bool | None = None,
    workers: int = 2,
    stream_above: int = STREAM_ABOVE,
    on_file: Callable[[FileReport], None] = lambda report: None,
    work: Callable[[Batch], Checked] = check_batch,
    here: bool = True,
) -> Report:
    """`validate` on `workers` processes; `on_file` is told of each file's report as it arrives.
    (`work` checks a batch in a worker, a top-level function; `here`: this process validates
    too, as one of the `workers`. Tests give a `work` that fails, and keep this process out.)"""
    from edition.corpus.local import run_locally

    target = resolve(schema)  # a schema that cannot be found fails before any worker starts
    files = expand(paths)
    size = max(1, min(BATCH, math.ceil(len(files) / (2 * workers))))
    batches = {
        b.input: b
        for b in (
            Batch(files[i], tuple(files[i : i + size]), schema, rules, stream_above) for i in range(0, len(files), size)
        )
    }
    reports: dict[str, FileReport] = {}
    again: list[Batch] = []
    lock = threading.Lock()

    def arrived(result) -> None:
        with lock:  # from the workers' thread and from this one
            if isinstance(result, Checked):
                for report in result.reports:
                    reports[report.file] = report
                    on_file(report)
                return
            batch = batches[result.input]  # a corpus Outcome: the worker died
            if len(batch.files) > 1:
                again.extend(Batch(f, (f,), schema, rules, stream_above) for f in batch.files)
                return
            name = str(batch.input)
            reports[name] = FileReport(
                name,
                [
                    Diagnostic(
                        "E105",
                        "error",
                        f"validating it stopped its worker process: {result.message}",
                        name,
                        hint="validate it on its own (-j 1) to see why; a file that needs more memory than "
                        "the machine has can be validated as a stream",
                    )
                ],
            )
            on_file(reports[name])

    queue = deque(batches.values())
    # No more workers than batches they could take (one file: no worker at all).
    helpers = max(0, min(workers - 1 if here else workers, len(queue) - (1 if here else 0)))
    failed: list[BaseException] = []

    def dispatch() -> None:
        try:
            run_locally(queue, helpers, arrived, work=work, processes=True)
        except BaseException as exc:  # noqa: BLE001 — raised again in this thread, below
            failed.append(exc)

    thread = threading.Thread(target=dispatch, name="validate-workers", daemon=True)
    if helpers:
        thread.start()
    try:
        while here and not failed:
            try:
                batch = queue.pop()
            except IndexError:
                break
            arrived(check_batch(batch))
    except BaseException:
        queue.clear()  # interrupted: the workers finish what they hold, no more
        raise
    if helpers:
        thread.join()
    if failed:
        raise failed[0]
    if again:
        batches.update((b.input, b) for b in again)
        run_locally(again, max(1, helpers), arrived, work=work, processes=True)
    with_rules = (target.name == "edition") if rules is None else rules
    return Report(target, with_rules, [reports[name] for name in dict.fromkeys(map(str, files))])
