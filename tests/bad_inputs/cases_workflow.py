"""Careless hands: outputs that are inputs, configs with wrong keys or types, builds and corpora.

Joined to the one catalogue by `catalogue.py`; the makers and `Case` come from there."""

from __future__ import annotations

from bad_inputs.catalogue import Case  # noqa: F401 — the cases below are Case rows

CASES: list[Case] = []
