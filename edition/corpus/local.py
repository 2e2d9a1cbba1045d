"""Running a corpus's jobs on this machine: in this process (`-j 1`) or a pool of workers.

Workers are started fresh (spawn), not forked: the XSLT processor and WeasyPrint keep native
state that a fork would share. Each worker compiles its stylesheets once and keeps them for every
job it is given. When a worker dies (killed, out of memory) the pool cannot tell whose job killed
it: the jobs still waiting go on in a new pool, and each job that was running is tried again on
its own, so only the file that kills its worker is reported failed.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from edition.corpus.jobs import Job, Outcome, run_job

#: Jobs queued per worker: enough to keep workers busy, few enough to keep memory bounded.
QUEUED_PER_WORKER = 2


def run_locally(jobs: list[Job], workers: int, arrived: Callable[[Outcome], None],
                work: Callable[[Job], Outcome] = run_job) -> None:
    """Run `work` (a top-level function, so that workers can import it) on every job."""
    if workers <= 1:
        for job in jobs:
            arrived(work(job))
        return
    waiting = list(reversed(jobs))
    suspects: list[Job] = []
    while waiting:
        with _pool(workers) as pool:
            running: dict[Future, Job] = {}
            while waiting or running:
                while waiting and len(running) < QUEUED_PER_WORKER * workers:
                    job = waiting.pop()
                    running[pool.submit(work, job)] = job
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                try:
                    for future in done:
                        outcome = future.result()
                        running.pop(future)
                        arrived(outcome)
                except BrokenProcessPool:
                    suspects += running.values()
                    break
    for job in suspects:
        arrived(_alone(job, work))


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))


def _alone(job: Job, work: Callable[[Job], Outcome]) -> Outcome:
    """Run one job in a worker of its own: if that worker dies too, the job is the cause."""
    with _pool(1) as pool:
        try:
            return pool.submit(work, job).result()
        except BrokenProcessPool:
            return Outcome(job.input, "failed", message="its worker process stopped (killed, or out "
                           "of memory); the other files went on")
