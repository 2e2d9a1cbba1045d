"""A job runner whose worker dies on one input, as a worker killed for lack of memory would."""

from __future__ import annotations

import os

from edition.corpus.jobs import run_job


def dies_on_poison(job):
    if job.input.name == "poison.xml":
        os._exit(137)
    return run_job(job)


def stuck_on_stuck(job):
    """Hang where the time limit's signal cannot reach (it is blocked), as native code may."""
    if job.input.name == "stuck.xml":
        import signal
        import time

        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(3600)
    return run_job(job)


def validation_dies_on_poison(batch):
    """Validate a batch (`edition validate -j N`), dying as a killed worker would on poison.xml."""
    from edition.validate.parallel import check_batch

    if any(f.name == "poison.xml" for f in batch.files):
        os._exit(137)
    return check_batch(batch)
