"""Hostile TEI meeting the renderers: file names, fetched resources, strings in CSS, URL and HTML.

Joined to the one catalogue by `catalogue.py`; the makers and `Case` come from there."""

from __future__ import annotations

from bad_inputs.catalogue import Case  # noqa: F401 — the cases below are Case rows

CASES: list[Case] = []
