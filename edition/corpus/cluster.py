"""Running a corpus's jobs on a Dask distributed cluster (`edition build --scheduler ADDRESS`).

The jobs are the same as on one machine; only where they run changes. Every worker must have
this toolkit installed (the same version: outputs are fingerprinted with its digest) and must see
the inputs and the output folder at the same paths — a shared filesystem. See docs for a real
cluster; the tests run a local cluster on loopback.
"""

from __future__ import annotations

from collections.abc import Callable

from edition.corpus.jobs import Job, Outcome, run_job
from edition.errors import ClusterError


def run_on_cluster(jobs: list[Job], address: str, arrived: Callable[[Outcome], None]) -> None:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ClusterError(
            "building on a cluster needs Dask distributed", hint='install it: pip install "edition[cluster]"'
        ) from None
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address}: {exc}",
            hint="start one (dask scheduler) and its workers, or check the address",
        ) from None
    with client:
        # pure=False: a job is not a pure function of its arguments (it reads and writes files)
        futures = {
            client.submit(run_job, job, pure=False, key=f"edition-{i}-{job.slug}"): job for i, job in enumerate(jobs)
        }
        for future in as_completed(futures):
            job = futures[future]
            try:
                arrived(future.result())
            except Exception as exc:  # noqa: BLE001 — a lost worker fails its job, not the corpus
                arrived(Outcome(job.input, "failed", message=f"the cluster lost the job: {type(exc).__name__}: {exc}"))
