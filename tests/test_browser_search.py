"""Search and citation in a real browser (Debian's Chromium, headless, via Playwright), opened
from file:// as a reader would: a query with every word marked, hits naming session, date and
speaker, the speaker and session filters, a shared `?q=` link that runs on load, and the citation
dialog with an absolute permalink and a BibTeX (RIS, CSL-JSON) download."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest

from edition.render.html import render_html

from conftest import ROOT, SAMPLES
from support.chromium import watched
from test_browser import browser  # noqa: F401 — the one Chromium, launched as the browser tests launch it

pytestmark = pytest.mark.slow  # every test drives chromium
SITE_URL = "https://example.org/march-1917/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("search") / "html"
    render_html(ROOT / "tei" / "march-1917.xml", folder, site_url=SITE_URL)
    return folder


@pytest.fixture
def page(browser):  # noqa: F811
    context = browser.new_context(accept_downloads=True)
    page = watched(context.new_page())
    yield page
    context.close()


def hits(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('#search-page-results li')].map(li => ({
        href: li.querySelector('a.hit').getAttribute('href'),
        session: li.querySelector('.hit-session').textContent,
        date: (li.querySelector('time') || {}).textContent || '',
        speaker: (li.querySelector('.hit-speaker') || {}).textContent || '',
        marks: [...li.querySelectorAll('mark')].map(m => m.textContent.toLowerCase()),
        text: li.textContent}))""")


def test_a_query_marks_every_word_and_names_session_date_and_speaker(site, page):
    page.goto((site / "search.html").as_uri())
    page.fill("#sp-q", "provisional government")
    page.locator("#search-page-results li").first.wait_for(timeout=5000)
    found = hits(page)
    assert len(found) > 5
    for hit in found:
        assert {"provisional", "government"} <= set(hit["marks"]), hit
    turns = [h for h in found if h["speaker"]]
    assert turns and all(h["session"] and not h["session"].isupper() for h in turns)
    assert any(h["date"] == "1917-03-29" and h["session"] == "Session of March 29, 1917" for h in found)
    assert "q=provisional+government" in page.url  # the address follows the form
    assert page.problems == []


def test_filters_by_speaker_and_by_session(site, page):
    page.goto((site / "search.html").as_uri() + "?q=government")
    page.locator("#search-page-results li").first.wait_for(timeout=5000)
    everyone = hits(page)
    page.select_option("#sp-speaker", "stalin")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.hit-speaker')].every(s => s.textContent === 'Stalin')"
    )
    stalin = hits(page)
    assert 0 < len(stalin) < len(everyone) and all(h["speaker"] == "Stalin" for h in stalin)
    assert "speaker=stalin" in page.url
    page.select_option("#sp-speaker", "")
    page.select_option("#sp-session", "session-1917-03-29")
    page.wait_for_function(
        "() => [...document.querySelectorAll('a.hit')].every(a => a.getAttribute('href').startsWith('session-1917-03-29.html#'))"
    )
    one_session = hits(page)
    assert 0 < len(one_session) < len(everyone)
    assert all(h["date"] == "1917-03-29" for h in one_session)
    assert page.problems == []


def test_a_shared_link_runs_its_query_on_load(site, page):
    page.goto((site / "search.html").as_uri() + "?q=" + quote("Kamenev amendments") + "&speaker=stalin")
    page.locator("#search-page-results .hit-count").wait_for(timeout=5000)
    assert page.input_value("#sp-q") == "Kamenev amendments"
    assert page.input_value("#sp-speaker") == "stalin"
    count = page.locator("#search-page-results .hit-count").inner_text()
    assert re.match(r"(\d+ found|Nothing found)", count)
    page.goto((site / "search.html").as_uri() + "?q=" + quote("Kamenev amendments"))
    page.locator("#search-page-results li").first.wait_for(timeout=5000)
    found = hits(page)
    assert found and all({"kamenev", "amendments"} <= set(h["marks"]) for h in found)
    first = page.locator("#search-page-results a.hit").first
    href = first.get_attribute("href")
    first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(href) and page.locator(f"[id='{href.split('#')[1]}']").count() == 1
    assert page.problems == []


def test_the_header_box_leads_to_all_results(site, page):
    page.goto((site / "index.html").as_uri())
    page.fill("#search-q", "Provisional Government")
    more = page.locator("#search-results a[href^='search.html?q=']")
    more.wait_for(timeout=5000)
    assert page.locator("#search-results li").count() == 10
    more.click()
    page.locator("#search-page-results li").first.wait_for(timeout=5000)
    assert page.input_value("#sp-q") == "Provisional Government"
    assert page.problems == []


def test_cite_gives_a_reference_an_absolute_link_and_downloads(site, page, tmp_path):
    page.goto((site / "session-1917-03-29.html").as_uri())
    cite = page.locator(".sp[data-who='stalin'] > a.turn-cite").first
    anchor = cite.get_attribute("href")[1:]
    cite.click()
    dialog = page.locator("#cite-dialog")
    assert dialog.is_visible()
    text = dialog.locator(".cite-text").inner_text()
    assert text.startswith("Stalin. “Session of March 29, 1917”.")
    assert f"{SITE_URL}session-1917-03-29.html#{anchor}" in text
    assert dialog.locator(".cite-permalink a").get_attribute("href") == f"{SITE_URL}session-1917-03-29.html#{anchor}"
    with page.expect_download() as info:
        dialog.locator("button[data-format='bib']").click()
    bib = Path(info.value.path()).read_text(encoding="utf-8")
    assert info.value.suggested_filename.endswith(".bib")
    assert bib.startswith("@incollection{Stalin19170329-" + anchor + ",")
    assert "author = {{Stalin}}" in bib and "title = {Session of March 29, 1917}" in bib
    assert f"url = {{{SITE_URL}session-1917-03-29.html#{anchor}}}" in bib
    with page.expect_download() as info:
        dialog.locator("button[data-format='ris']").click()
    ris = Path(info.value.path()).read_bytes().decode("utf-8")
    assert ris.startswith("TY  - CHAP\r\nAU  - Stalin\r\n") and ris.endswith("ER  - \r\n")
    with page.expect_download() as info:
        dialog.locator("button[data-format='json']").click()
    csl = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert csl[0]["type"] == "speech" and csl[0]["author"] == [{"literal": "Stalin"}]
    assert csl[0]["event-date"] == {"date-parts": [[1917, 3, 29]]}
    assert page.problems == []


def test_every_paragraph_has_a_permalink_that_cites_it(site, page):
    page.goto((site / "session-1917-03-29.html").as_uri())
    pilcrow = page.locator(".sp[data-who='stalin'] a.cite:not(.turn-cite)").first
    anchor = pilcrow.get_attribute("href")[1:]
    assert anchor.startswith("p-")
    pilcrow.focus()
    page.keyboard.press("Enter")
    text = page.locator("#cite-dialog .cite-text").inner_text()
    assert text.startswith("Stalin.") and f"session-1917-03-29.html#{anchor}" in text
    assert page.url.endswith("#" + anchor)
    assert page.problems == []


DRACOR = SAMPLES / "dracor-rus_blok-korol-na-ploschadi.xml"


@pytest.fixture(scope="module")
def russian_site(tmp_path_factory) -> Path:
    if not DRACOR.exists():
        pytest.skip(f"{DRACOR} is absent: interoperability samples live in ../shared/samples")
    folder = tmp_path_factory.mktemp("search-ru") / "html"
    render_html(DRACOR, folder, site_url=SITE_URL)
    return folder


def test_search_and_citation_of_a_russian_play(russian_site, page):
    """Search and citation on TEI others wrote, in Russian: a query (its й matched and marked), a
    filter by a speaker whose name another shares, a `?q=` link, a BibTeX download; every word
    of the search and the dialog in Russian."""
    page.goto((russian_site / "search.html").as_uri())
    page.fill("#sp-q", "зодчий")
    page.locator("#search-page-results li").first.wait_for(timeout=5000)
    found = hits(page)
    assert len(found) >= 3 and all("зодчий" in h["marks"] for h in found)
    assert page.locator("#search-page-results .hit-count").inner_text() == f"найдено: {len(found)}"
    names = page.eval_on_selector_all("#sp-speaker option", "os => os.map(o => o.textContent)")
    assert len(names) == len(set(names)) and "Второй (Second dandy)" in names  # namesakes told apart
    page.select_option("#sp-speaker", "zodchij")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.hit-speaker')].every(s => s.textContent === 'Зодчий')"
    )
    assert 0 < len(hits(page)) < len(found) and "speaker=zodchij" in page.url

    page.goto((russian_site / "search.html").as_uri() + "?q=" + quote("король"))
    page.locator("#search-page-results li").first.wait_for(timeout=5000)
    assert page.input_value("#sp-q") == "король" and all("король" in h["marks"] for h in hits(page))

    page.goto((russian_site / "part-3.html").as_uri())
    cite = page.locator(".sp[data-who='zodchij'] > a.turn-cite").first
    anchor = cite.get_attribute("href")[1:]
    cite.click()
    dialog = page.locator("#cite-dialog")
    assert dialog.get_attribute("aria-label") == "Как цитировать"
    assert dialog.locator("button").first.inner_text() == "Копировать"
    text = dialog.locator(".cite-text").inner_text()
    assert text.startswith("Зодчий. “Второе Действие”. В: Король на площади") and "дата обращения" in text
    with page.expect_download() as info:
        dialog.locator("button[data-format='bib']").click()
    bib = Path(info.value.path()).read_text(encoding="utf-8")
    assert "author = {{Зодчий}}" in bib and "title = {Второе Действие}" in bib
    assert f"url = {{{SITE_URL}part-3.html#{anchor}}}" in bib
    assert page.problems == []
