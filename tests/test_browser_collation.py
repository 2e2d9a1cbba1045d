"""A collation's HTML edition in a real browser (Debian's Chromium, headless, via Playwright):
the variants shaded by how many witnesses dissent, the readings at a click, the witness switcher
and two witnesses side by side. Opened from file://, as a reader would."""

from __future__ import annotations

import re

import pytest

from edition.collate import Witness, collate_witnesses
from edition.render.html import render_html
from edition.xmlio import serialize

from test_browser import browser  # noqa: F401 — the one Chromium, launched as the browser tests launch it

pytestmark = pytest.mark.slow  # every test drives chromium

WITNESSES = [
    Witness("A", "The black cat sat, on the mat and slept.\n\nIt was a quiet day.\n", "The first printing"),
    Witness("B", "The cat sat on the mat and slept.\n\nAn added paragraph here.\n\nIt was a quiet day.\n"),
    Witness("C", "The white cat sat, on a mat and slept.\n\nIt was a quiet evening.\n"),
    Witness("D", "It was a quiet night.\n", "A fragment", fragmentary=True),
]


def _words(text: str) -> str:
    return " ".join(text.replace("¶", " ").split())


@pytest.fixture(scope="module")
def page_url(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("collation")
    tei = folder / "cats.xml"
    tei.write_bytes(serialize(collate_witnesses(WITNESSES, title="Cats").root))
    render_html(tei, folder / "html")
    pages = [p for p in (folder / "html").glob("*.html") if "collation" in p.read_text(encoding="utf-8")]
    assert len(pages) == 1
    return pages[0].as_uri()


@pytest.fixture
def page(browser, page_url):  # noqa: F811 — `browser` is the imported fixture
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.goto(page_url)
    page.wait_for_load_state("load")
    yield page
    context.close()
    assert problems == []


def _shown(page, selector: str = ".collation-text:not(.compare)") -> str:
    return _words(page.locator(selector).inner_text())


def test_the_base_text_is_shown_with_its_variants_shaded_by_dissent(page):
    assert _shown(page) == _words(WITNESSES[0].text)
    apps = page.locator(".collation-text span.app")
    dissent = {
        apps.nth(i).locator(":scope > .rdg.base").inner_text().strip(): apps.nth(i).get_attribute("class")
        for i in range(apps.count())
        if apps.nth(i).locator(":scope > .rdg.base").inner_text().strip()
    }
    assert "dissent-2" in dissent["black"]  # B and C read otherwise
    assert "dissent-1" in dissent["the"]  # only C reads "a"
    assert "app-punctuation" in dissent["sat,"]  # only B, without the comma
    shades = page.evaluate("""() => ['.dissent-1', '.dissent-2'].map(s =>
        getComputedStyle(document.querySelector('.collation-text ' + s)).backgroundColor)""")
    alpha = [float(re.search(r"rgba\(.*,\s*([\d.]+)\)", s).group(1)) for s in shades]
    assert alpha[0] < alpha[1]  # deeper with more dissent


def test_the_witness_switcher_shows_each_witness_exactly(page):
    for w in WITNESSES[1:3] + WITNESSES[:1]:
        page.select_option(".witness-switch", w.siglum)
        assert _shown(page) == _words(w.text), w.siglum


def test_a_fragment_shows_where_it_begins_and_nothing_it_lacks(page):
    page.select_option(".witness-switch", "D")
    assert _shown(page) == "⟨the witness begins⟩ It was a quiet night."
    page.select_option(".witness-switch", "A")
    assert "⟨" not in _shown(page)


def test_a_click_shows_every_reading_of_a_site(page):
    page.locator(".collation-text .app.dissent-2").first.click()
    popover = page.locator(".app-popover")
    assert popover.is_visible()
    lines = [_words(t) for t in popover.locator("li").all_inner_texts()]
    assert lines == ["A black", "B om. (substantive)", "C white (substantive)"]
    page.keyboard.press("Escape")
    assert page.locator(".app-popover").count() == 0
    page.locator(".collation-text .app.dissent-1").first.focus()
    page.keyboard.press("Enter")
    assert page.locator(".app-popover").is_visible()


def test_two_witnesses_side_by_side(page):
    page.select_option(".compare-switch", "C")
    columns = page.locator(".collation.side-by-side .columns > .collation-text")
    assert columns.count() == 2
    left, right = columns.nth(0).bounding_box(), columns.nth(1).bounding_box()
    assert right["x"] >= left["x"] + left["width"] and abs(right["y"] - left["y"]) < 2
    assert _shown(page, ".collation-text:not(.compare)") == _words(WITNESSES[0].text)
    assert _shown(page, ".collation-text.compare") == _words(WITNESSES[2].text)
    # the sites where A and C differ (black/white, the/a, day/evening), marked in both columns
    assert page.locator(".collation-text:not(.compare) .app.differs").count() == 3
    assert page.locator(".collation-text.compare .app.differs").count() == 3
    page.select_option(".witness-switch", "B")  # the left column follows the switcher
    assert _shown(page, ".collation-text:not(.compare)") == _words(WITNESSES[1].text)
    assert page.locator(".collation-text.compare .app.differs").count() == 5
    page.select_option(".compare-switch", "")
    assert page.locator(".collation-text.compare").count() == 0
    assert page.locator(".collation.side-by-side").count() == 0
