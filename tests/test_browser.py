"""The HTML edition in a real browser: Debian's Chromium, headless, driven by Playwright.

Pages are opened from file:// (the site must work without a server). Skips, saying why, where
Chromium or Playwright is missing (scripts/setup.sh installs both).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.render.html import render_html

from conftest import ROOT
from support.chromium import chromium, watched

pytestmark = pytest.mark.slow  # every test drives chromium


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("browser") / "html"
    render_html(ROOT / "tei" / "march-1917.xml", folder)
    return folder


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = watched(context.new_page())
    page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield page
    context.close()


def test_every_page_loads_without_errors(site, page):
    for html in sorted(site.glob("*.html")):
        page.goto(html.as_uri())
        page.wait_for_load_state("load")
        dangling = page.evaluate("""() => [...document.querySelectorAll('a[href^="#"]')]
            .map(a => a.getAttribute('href').slice(1)).filter(id => id && !document.getElementById(id))""")
        assert dangling == [], html.name
    assert page.problems == []


def test_switch_shows_the_printed_text(site, page):
    page.goto((site / "session-1917-03-29.html").as_uri())
    choice = page.locator(".choice").first
    sic, corr = choice.locator(".sic"), choice.locator(".corr")
    assert corr.is_visible() and not sic.is_visible()
    reading = page.locator("main").inner_text()
    page.locator("label:has(#view-diplomatic)").click()
    assert sic.is_visible() and not corr.is_visible()
    assert page.locator("main").inner_text() != reading
    page.goto((site / "session-1917-03-30.html").as_uri())  # the choice is remembered
    assert page.locator("#view-diplomatic").is_checked()
    assert page.locator(".choice .sic").first.is_visible()
    assert page.problems == []


def test_a_popover_opens_by_pointer_and_by_keyboard(site, page):
    page.set_viewport_size({"width": 390, "height": 800})  # narrow: a popover (wide: the margin)
    page.goto((site / "session-1917-03-29.html").as_uri())
    button = page.locator("button.corr-ref").first
    target = page.locator(f"#{button.get_attribute('popovertarget')}")
    assert not target.is_visible()
    button.click()
    assert target.is_visible() and target.evaluate("el => el.matches(':popover-open')")
    page.keyboard.press("Escape")
    assert not target.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    assert target.is_visible()
    assert page.problems == []


def test_search_finds_a_known_phrase_offline(site, page):
    page.goto((site / "index.html").as_uri())
    page.fill("#search-q", "Provisional Government")
    results = page.locator("#search-results li")
    results.first.wait_for(timeout=5000)
    assert results.count() > 5
    first = results.first.locator("a")
    href = first.get_attribute("href")
    first.click()
    page.wait_for_load_state("load")
    anchor = href.split("#", 1)[1]
    assert page.url.endswith(href) and page.locator(f"[id='{anchor}']").count() == 1
    assert page.problems == []


def test_cite_gives_a_full_citation(site, page):
    page.goto((site / "session-1917-03-29.html").as_uri())
    page.locator("a.turn-cite").first.click()
    dialog = page.locator("#cite-dialog")
    assert dialog.is_visible()
    text = dialog.locator(".cite-text").inner_text()
    assert "The March 1917 Party Conference" in text and "#turn-" in text and "Session of March 29, 1917" in text
    assert page.problems == []


def test_readable_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((site / "session-1917-03-29.html").as_uri())
    assert page.locator(".sp").first.is_visible()
    assert not page.locator("form.search").is_visible()  # needs the script: hidden
    page.locator("label:has(#view-diplomatic)").click()  # the switch is CSS: still works
    assert page.locator(".choice .sic").first.is_visible()
    context.close()


HOSTILE = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>&lt;script&gt;alert('title')&lt;/script&gt;</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body>
<div type="session" xml:id="s1"><head>Hostile <ref target="javascript:alert('head')">link</ref></head>
<sp who="#x"><speaker>&lt;img src=x onerror=alert('speaker')&gt;</speaker>
<p>A <ref target="javascript:alert(1)">js link</ref>, a <ref target="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</ref>,
a <ref target="http://127.0.0.1:9/track">far link</ref>, <graphic url="http://127.0.0.1:9/pixel.png"/>
<hi rend="italic" onmouseover="alert(2)" style="background:url(http://127.0.0.1:9/bg)">styled</hi>
&lt;script&gt;alert(3)&lt;/script&gt; <note>&lt;iframe src="javascript:alert(4)"&gt;</note></p></sp></div></body></text></TEI>"""


def test_hostile_tei_stays_inert_in_the_browser(tmp_path, browser):
    """No dialog, no console error, nothing fetched beyond the site's own files; clicking every
    link and button runs nothing (a click on an http link is the reader's own navigation)."""
    tei = tmp_path / "hostile.xml"
    tei.write_text(HOSTILE, encoding="utf-8")
    site = tmp_path / "site"
    render_html(tei, site)
    context = browser.new_context()
    requests: list[tuple[str, bool]] = []
    context.on("request", lambda r: requests.append((r.url, r.is_navigation_request())))
    page = context.new_page()
    problems: list[str] = []
    page.on("dialog", lambda d: (problems.append(f"dialog {d.message}"), d.dismiss()))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    def go(url: str) -> None:
        """Open `url`, once more if a navigation a click began (a far link failing) cut it off."""
        try:
            page.goto(url)
        except Exception as exc:  # noqa: BLE001 — playwright's Error: "interrupted by another navigation"
            if "interrupted" not in str(exc):
                raise
            page.goto(url)

    for html in sorted(site.glob("*.html")):
        go(html.as_uri())
        page.wait_for_load_state("load")
        for link in page.locator("main a, main button").all():
            if link.is_visible() and link.is_enabled():
                link.click(no_wait_after=True, timeout=2000)
                page.wait_for_timeout(50)
                if page.url.split("#")[0] != html.as_uri():  # left the page: back to it
                    go(html.as_uri())
        page.mouse.move(200, 300)
    context.close()
    assert problems == []
    fetched = [u for u, navigation in requests if not navigation and not u.startswith(site.as_uri() + "/")]
    assert fetched == []
    assert all(u.startswith(("file:", "http:", "https:")) for u, _ in requests)
