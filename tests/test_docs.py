"""The README and the docs: the two set-up commands first, CI running the README's test command,
every relative link and picture pointing at a file that exists."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

PAGES = [
    ROOT / "README.md",
    *sorted((ROOT / "docs").rglob("*.md")),
    ROOT / "schemas" / "README.md",
    ROOT / "xslt" / "README.md",
    ROOT / "bench" / "RESULTS.md",
]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def test_readme_starts_with_the_two_commands_and_ci_runs_the_test_one():
    blocks = re.findall(r"^    (\S.*)$", (ROOT / "README.md").read_text(), re.MULTILINE)
    assert blocks[:2] == [
        "./scripts/setup.sh && .venv/bin/edition build",
        "./scripts/setup.sh && .venv/bin/python -m pytest -q",
    ]
    assert blocks[1] in (ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_and_picture_is_there(page):
    if not page.exists():
        pytest.skip(f"{page.relative_to(ROOT)} is not written yet")
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue  # a web address or an anchor on the same page
        path = (page.parent / target.split("#")[0]).resolve()
        assert path.exists(), f"{page.relative_to(ROOT)} links to {target}, which does not exist"


def test_the_readme_shows_both_editions():
    readme = (ROOT / "README.md").read_text()
    for picture in ("docs/images/html-edition.png", "docs/images/pdf-page.png", "docs/images/pdf-verse.png"):
        assert f"]({picture})" in readme
        assert (ROOT / picture).stat().st_size > 10_000
