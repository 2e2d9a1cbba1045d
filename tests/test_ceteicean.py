"""Exchange with other tools: the showcase TEI, unchanged, displayed by CETEIcean in Debian's Chromium.

CETEIcean (npm, pinned in tests/ceteicean/package.json, installed by
`npm ci --prefix tests/ceteicean`) turns TEI into custom elements in the browser. It fetches the
TEI, which browsers refuse from file://, so the page (tests/ceteicean/index.html and tei.css),
CETEIcean's browser build and the TEI are served from a temporary folder on 127.0.0.1.
The rendered page is compared with the TEI read by lxml: every turn, every speaker label (visible,
bold, with the corrected reading), every note, every session heading; no console errors, nothing
fetched from anywhere else. Skips, saying why, where Chromium, Playwright or CETEIcean is missing.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest
from lxml import etree

from conftest import ROOT
from support.chromium import chromium

HERE = ROOT / "tests" / "ceteicean"
CETEI_JS = HERE / "node_modules" / "CETEIcean" / "dist" / "CETEI.js"
SHOWCASE_TEI = ROOT / "tei" / "march-1917.xml"
pytestmark = pytest.mark.slow  # every test drives chromium
NS = {"t": "http://www.tei-c.org/ns/1.0"}


def words(text: str) -> str:
    """Whitespace-normalised text (no-break spaces included), as a reader sees it."""
    return " ".join(text.split())


def reading(element: etree._Element) -> str:
    """The element's text as corrected: every text node except those of a sic."""
    return words("".join(element.xpath(".//text()[not(ancestor::t:sic)]", namespaces=NS)))


@pytest.fixture(scope="module")
def tei() -> dict[str, list[str]]:
    """What the TEI holds, for comparison with what CETEIcean shows."""
    text = etree.parse(str(SHOWCASE_TEI)).find("t:text", NS)
    return {
        "sp": text.xpath(".//t:sp", namespaces=NS),
        "speaker": [reading(s) for s in text.xpath(".//t:sp/t:speaker", namespaces=NS)],
        "note": [reading(n) for n in text.xpath(".//t:note", namespaces=NS)],
        "session": [reading(h) for h in text.xpath(".//t:div[@type='session']/t:head", namespaces=NS)],
        "choice": text.xpath(".//t:choice[t:sic and t:corr]", namespaces=NS),
    }


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> str:
    """The page, its CSS, CETEIcean and the TEI, served on 127.0.0.1; yields the page's URL."""
    if not CETEI_JS.exists():
        pytest.skip(
            f"CETEIcean is not installed at {CETEI_JS.relative_to(ROOT)} "
            "(npm ci --prefix tests/ceteicean; scripts/setup.sh runs it)"
        )
    folder = tmp_path_factory.mktemp("ceteicean")
    for source, name in [
        (HERE / "index.html", "index.html"),
        (HERE / "tei.css", "tei.css"),
        (CETEI_JS, "CETEI.js"),
        (SHOWCASE_TEI, "edition.xml"),
    ]:
        shutil.copyfile(source, folder / name)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def rendered(served):
    """The page once CETEIcean has rendered the TEI, with what happened on the way."""
    with chromium() as browser:
        context = browser.new_context()
        requests: list[str] = []
        problems: list[str] = []

        def only_local(route) -> None:
            requests.append(route.request.url)
            if route.request.url.startswith(served):
                route.continue_()
            else:
                route.abort()

        context.route("**/*", only_local)
        page = context.new_page()
        page.on(
            "console",
            lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None,
        )
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
        page.goto(served + "index.html")
        page.wait_for_selector("body[data-rendered='true']", state="attached", timeout=15000)
        page.served, page.requests, page.problems = served, requests, problems
        yield page
        context.close()


# Elements CETEIcean shows: inside tei-text, not the copies it keeps hidden in cetei-original.
SHOWN = """(selector) => [...document.querySelectorAll('tei-text ' + selector)]
    .filter(el => !el.closest('cetei-original'))
    .map(el => {
        const box = el.getBoundingClientRect();
        return {text: el.innerText, visible: box.width > 0 && box.height > 0 && el.checkVisibility(),
                weight: Number(getComputedStyle(el).fontWeight)};
    })"""


def test_every_turn_is_rendered(rendered, tei):
    assert len(tei["sp"]) > 100
    shown = rendered.evaluate(SHOWN, "tei-sp")
    assert len(shown) == len(tei["sp"])
    assert all(s["visible"] for s in shown)


def test_every_speaker_label_is_visible_bold_and_corrected(rendered, tei):
    shown = rendered.evaluate(SHOWN, "tei-sp > tei-speaker")
    assert len(shown) == len(tei["speaker"])
    assert sum(s["visible"] for s in shown) == len(tei["speaker"])
    assert all(s["weight"] >= 600 for s in shown)
    assert [words(s["text"]) for s in shown] == tei["speaker"]
    speakers = rendered.locator("tei-text tei-sp > tei-speaker")
    for i in sorted({0, len(tei["speaker"]) // 2, len(tei["speaker"]) - 1}):  # as a reader would
        label = speakers.nth(i)
        label.scroll_into_view_if_needed()
        box = label.bounding_box()
        assert label.is_visible() and box["width"] > 0 and box["height"] > 0
        assert words(label.inner_text()) == tei["speaker"][i]


def test_notes_are_present_and_visible(rendered, tei):
    assert tei["note"]
    shown = rendered.evaluate(SHOWN, "tei-note")
    assert len(shown) == len(tei["note"])
    assert all(s["visible"] for s in shown)
    for note, expected in zip(shown, tei["note"]):
        assert expected in words(note["text"])


def test_session_headings_appear(rendered, tei):
    shown = rendered.evaluate(SHOWN, "tei-div[type='session'] > tei-head")
    assert [words(s["text"]) for s in shown] == tei["session"]
    assert all(s["visible"] for s in shown)


def test_a_correction_shows_one_reading(rendered, tei):
    """CETEIcean has no behaviour for choice; tei.css hides sic where there is a corr."""
    shown = rendered.evaluate(SHOWN, "tei-choice")
    assert len(shown) == len(tei["choice"])
    assert [words(s["text"]) for s in shown] == [reading(c) for c in tei["choice"]]
    assert rendered.locator("tei-text tei-choice > tei-sic:visible").count() == 0


def test_nothing_goes_wrong_and_nothing_is_fetched_from_elsewhere(rendered):
    assert rendered.problems == []
    assert rendered.requests, "no request was seen"
    assert [u for u in rendered.requests if not u.startswith(rendered.served)] == []
