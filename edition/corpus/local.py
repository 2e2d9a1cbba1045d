"""Running a corpus's jobs on this machine: in this process (`-j 1`) or a pool of workers.

Workers are started fresh (spawn), not forked: the XSLT processor and Typst keep native state
that a fork would share. Each worker compiles its stylesheets once and keeps them for every
job it is given. When a worker dies (killed, out of memory) the pool cannot tell whose job killed
it: the jobs still waiting go on in a new pool, and each job that was running is tried again on
its own, so only the file that kills its worker is reported failed.

Workers die with the build: on Linux the kernel kills them when their parent dies (even by
SIGKILL, which gives the parent no chance to stop them); elsewhere each watches its parent. A job
that hangs fails after its time limit (`Job.timeout`, see `jobs.time_limit`); one stuck where no
signal reaches it (inside native code) is ended by a watchdog in its worker a little later, and
reported as timed out.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from edition.corpus.jobs import Job, Outcome, run_job, timed_out

#: Jobs queued per worker: enough to keep workers busy, few enough to keep memory bounded.
QUEUED_PER_WORKER = 2
#: Seconds past a job's time limit after which its worker's watchdog ends the worker.
GRACE = 10
#: prctl(2) option: the signal a process gets when its parent dies (linux/prctl.h).
PR_SET_PDEATHSIG = 1


def run_locally(
    jobs: list[Job] | deque[Job],
    workers: int,
    arrived: Callable[[Outcome], None],
    work: Callable[[Job], Outcome] = run_job,
    processes: bool = False,
) -> None:
    """Run `work` (a top-level function, so that workers can import it) on every job: in this
    process when `workers` is 1, unless `processes` asks for worker processes however few.

    Given a deque, the jobs are taken from its left end as they are handed out, so another
    thread may take jobs from its right end meanwhile (`edition validate -j N` does, in the
    process that runs the command)."""
    waiting = jobs if isinstance(jobs, deque) else deque(jobs)
    if workers <= 1 and not processes:
        while (job := _take(waiting)) is not None:
            arrived(work(job))
        return
    suspects: list[Job] = []
    while waiting:
        with _pool(workers) as pool:
            running: dict[Future, Job] = {}
            while waiting or running:
                while len(running) < QUEUED_PER_WORKER * workers and (job := _take(waiting)) is not None:
                    running[pool.submit(_watched, work, job)] = job
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


def _take(waiting: deque[Job]) -> Job | None:
    """The next job, or None when none is left (another thread may have taken the last)."""
    try:
        return waiting.popleft()
    except IndexError:
        return None


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("spawn"), initializer=_worker_start, initargs=(os.getpid(),)
    )


def _alone(job: Job, work: Callable[[Job], Outcome]) -> Outcome:
    """Run one job in a worker of its own: if that worker dies too, the job is the cause."""
    start = time.monotonic()
    with _pool(1) as pool:
        try:
            return pool.submit(_watched, work, job).result()
        except BrokenProcessPool:
            seconds = time.monotonic() - start
            if job.timeout and seconds >= job.timeout:
                return Outcome(job.input, "failed", seconds, message=timed_out(job.timeout))
            return Outcome(
                job.input,
                "failed",
                seconds,
                message="its worker process stopped (killed, or out of memory); the other files went on",
            )


# --------------------------------------------------------------------------- in the workers


def _worker_start(parent: int) -> None:
    """Make this worker die with the build that started it."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _watched(work: Callable[[Job], Outcome], job: Job) -> Outcome:
    """Run one job; a watchdog ends this worker if the job outlives its limit by GRACE seconds
    (stuck where the time limit's signal cannot reach it)."""
    if not job.timeout:
        return work(job)
    watchdog = threading.Timer(job.timeout + GRACE, os._exit, args=(124,))
    watchdog.daemon = True
    watchdog.start()
    try:
        return work(job)
    finally:
        watchdog.cancel()
