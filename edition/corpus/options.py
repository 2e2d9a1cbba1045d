"""What a corpus build can be asked for, apart from the machinery that does it: the outputs a TEI
file can become and how long a job may run. The CLI declares its `build` options from these, so
a command that builds no corpus (`edition pdf`, `edition validate`) does not load the jobs, the
manifest or the worker pool to show its own."""

from __future__ import annotations

from edition.export import FORMATS

#: What a TEI file of a corpus can be built into (an edition's outputs are set in its edition.toml):
#: the two editions and every export format.
TEI_OUTPUTS = ("html", "pdf", *FORMATS)

#: Seconds a corpus job may run (`edition build --job-timeout`): far above what the largest
#: editions take (a 50 MB transcript, encoded, validated and printed), so that only a hang trips it.
JOB_TIMEOUT = 3600
