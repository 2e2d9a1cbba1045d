"""Transcripts and editorial data meeting the converter: texts it must encode losslessly, corrections, registers, overrides.

Joined to the one catalogue by `catalogue.py`; the makers and `Case` come from there."""

from __future__ import annotations

from bad_inputs.catalogue import Case  # noqa: F401 — the cases below are Case rows

CASES: list[Case] = []
