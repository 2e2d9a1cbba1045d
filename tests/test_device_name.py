"""ed:device-name (xslt/common/functions.xsl): the names Windows keeps for devices are never the
name of a page, in any case. The function lower-cases rather than matching case-blind (which cost
every stylesheet 6 ms to compile), so each case is checked here."""

from __future__ import annotations

import pytest

from edition.render.saxon import transform

from support.probe import probe_stylesheet

DEVICES = ["con", "CON", "Con", "prn", "aux", "AUX", "nul", "NuL", "com1", "COM9", "lpt0", "LPT3"]
NOT_DEVICES = ["", "cons", "econ", "com", "com10", "comx", "lpt", "aux1", "nulo", "con-1", "c0n", "\u212aon"]


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    return probe_stylesheet(
        tmp_path_factory.mktemp("device"), "common/functions.xsl", "ed:device-name($token)", ("token",)
    )


@pytest.mark.parametrize("token", DEVICES + NOT_DEVICES)
def test_device_names_in_any_case_and_nothing_else(probe, token):
    assert transform(probe, b"<x/>", {"token": token}).main == ("true" if token in DEVICES else "false")
