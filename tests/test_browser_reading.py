"""The reading page of the HTML edition in a real browser (Debian's Chromium, headless, driven by
Playwright), at a phone's, a tablet's and a desktop's width, on the showcase and on TEI others
wrote (../shared/samples): nothing scrolls sideways; every note, correction and lacuna opens
beside its mark (a margin note on wide screens, a popover on narrow ones) and is reached by
keyboard; axe-core (npm, tests/axe, installed by scripts/setup.sh) finds no serious or critical
violation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.render.html import render_html

from conftest import ROOT, SAMPLES
from support.chromium import watched
from test_browser import browser  # noqa: F401 — the one Chromium, launched as the browser tests launch it

pytestmark = pytest.mark.slow  # every test drives chromium

AXE = ROOT / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (390, 768, 1440)
#: the wide layout (margin notes) begins at 72em (edition.css)
WIDE = 1152
#: the documents and the page of each the tests read: its longest reading page
DOCUMENTS = {
    "showcase": (ROOT / "tei" / "march-1917.xml", "session-1917-03-29.html"),
    "dracor": (SAMPLES / "dracor-rus_blok-korol-na-ploschadi.xml", None),
    "parlamint": (SAMPLES / "ParlaMint-ES-CT_2015-10-26-0101.xml", None),
    "parla-clarin": (SAMPLES / "Parla-CLARIN-Exemplar.xml", None),
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    built = {}
    for name, (tei, _) in DOCUMENTS.items():
        if tei.exists():
            built[name] = render_html(tei, tmp_path_factory.mktemp(name) / "html").folder
    return built


def reading_page(sites, name: str) -> Path:
    if name not in sites:
        pytest.skip(f"{DOCUMENTS[name][0]} is absent: interoperability samples live in ../shared/samples")
    folder, wanted = sites[name], DOCUMENTS[name][1]
    if wanted:
        return folder / wanted
    site_pages = {"index.html", "about.html", "people.html", "notes.html", "search.html"}
    text_pages = (p for p in folder.glob("*.html") if p.name not in site_pages and not p.name.startswith("person-"))
    return max(text_pages, key=lambda p: p.stat().st_size)


def pages_to_check(folder: Path) -> list[Path]:
    """Every page of a site but the register's entries, of which the longest three: they are made
    alike, and the showcase has 136."""
    entries = sorted(folder.glob("person-*.html"), key=lambda p: -p.stat().st_size)[:3]
    return sorted(p for p in folder.glob("*.html") if not p.name.startswith("person-")) + entries


@pytest.fixture
def open_page(browser):  # noqa: F811 — the fixture imported above
    contexts = []

    def opener(path: Path, width: int):
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        page = watched(context.new_page())
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        return page

    yield opener
    for context in contexts:
        context.close()


OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter(el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && (r.right > width + 1 || r.left < -1)
      && !el.closest('.table-wrap, [popover]:not(:popover-open), .sr-only, .skip');
  }).slice(0, 5).map(el => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right));
  return [document.documentElement.scrollWidth - width, wide];
}"""


@pytest.mark.parametrize("width", (320, *WIDTHS, 1920))
@pytest.mark.parametrize("name", DOCUMENTS)
def test_nothing_scrolls_sideways(sites, open_page, name, width):
    for path in pages_to_check(reading_page(sites, name).parent):
        page = open_page(path, width)
        excess, culprits = page.evaluate(OVERFLOW)
        assert excess <= 0 and culprits == [], f"{path.name} at {width}px: {excess}px too wide, {culprits}"
        page.context.close()


#: Where a mark's words stand, measured in the browser: the mark's and the words' boxes, whether
#: the words are shown (a margin note or an open popover) and which element has the focus.
PLACE = """mark => {
  const words = document.getElementById(mark.getAttribute('popovertarget'));
  const box = el => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const style = getComputedStyle(words);
  return {mark: box(mark), words: box(words), open: words.matches(':popover-open'),
          margin: style.cssFloat === 'right' && style.display !== 'none',
          visible: style.display !== 'none' && style.visibility !== 'hidden' && words.getBoundingClientRect().height > 0,
          focus: document.activeElement === words || words.contains(document.activeElement),
          width: document.documentElement.clientWidth, height: innerHeight};
}"""


def open_by_keyboard(control, place_script: str, near_foot: bool) -> dict:
    """Bring a mark or link on screen (with `near_foot`, just above the bottom of the screen, where
    what it opens has no room below it), focus it and press Enter; `place_script` says where what
    it opened stands."""
    control.scroll_into_view_if_needed()
    if near_foot:
        control.evaluate("c => window.scrollBy(0, c.getBoundingClientRect().bottom - innerHeight + 30)")
    control.focus()
    control.page.keyboard.press("Enter")
    return control.evaluate(place_script)


def walk_the_marks(page, width: int) -> int:
    """Every mark, in order, by keyboard: focus it, Enter shows its words beside it, Escape hides
    them (or leaves the margin note) and gives the focus back to the mark. Returns how many."""
    marks = page.locator("main button.mark")
    count = marks.count()
    for i in range(count):
        mark = marks.nth(i)
        if not mark.is_visible():  # a mark of a hidden view (as printed only)
            continue
        place = open_by_keyboard(mark, PLACE, near_foot=bool(i % 2))
        label = f"mark {i} ({mark.get_attribute('aria-label')!r}) at {width}px"
        assert place["visible"], f"{label}: its words are not shown"
        words, at = place["words"], place["mark"]
        assert 0 <= words["left"] and words["right"] <= place["width"] + 1, f"{label}: off the screen {words}"
        if width >= WIDE and place["margin"]:
            # beside its line: to the right of the column, starting near the mark's line, on the same screen
            assert words["left"] > at["right"], f"{label}: margin note not beside the text {words} {at}"
            assert abs(words["top"] - at["top"]) < place["height"] / 2, (
                f"{label}: margin note far from its mark {words} {at}"
            )
            assert place["focus"], f"{label}: the margin note did not take the focus"
        else:
            assert place["open"], f"{label}: popover did not open"
            # next to the mark: just below it or just above it, never in the middle of elsewhere
            below, above = words["top"] - at["bottom"], at["top"] - words["bottom"]
            assert -1 <= below <= 24 or -1 <= above <= 24, f"{label}: popover not next to its mark {words} {at}"
            assert -1 <= words["top"] and words["bottom"] <= place["height"] + 1, f"{label}: off the screen {words}"
        page.keyboard.press("Escape")
        assert not mark.evaluate(
            "m => document.getElementById(m.getAttribute('popovertarget')).matches(':popover-open')"
        )
        assert mark.evaluate("m => document.activeElement === m"), f"{label}: Escape did not give the focus back"
    return count


@pytest.mark.parametrize("width", WIDTHS)
def test_keyboard_walk_through_every_mark_of_the_showcase(sites, open_page, width):
    page = open_page(reading_page(sites, "showcase"), width)
    assert walk_the_marks(page, width) >= 30
    assert page.problems == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["dracor", "parlamint", "parla-clarin"])
def test_keyboard_walk_through_the_marks_of_the_samples(sites, open_page, name, width):
    folder = reading_page(sites, name).parent
    for path in sorted(folder.glob("*.html")):
        page = open_page(path, width)
        walk_the_marks(page, width)
        assert page.problems == [], path.name
        page.context.close()


def test_marks_are_targets_of_24_px(sites, open_page):
    page = open_page(reading_page(sites, "showcase"), 390)
    small = page.evaluate("""() => [...document.querySelectorAll('button.mark, a.turn-cite')]
        .map(el => el.getBoundingClientRect()).filter(r => r.width > 0 && (r.width < 24 || r.height < 24)).length""")
    assert small == 0


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
          .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
    }""")
    return result


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", DOCUMENTS)
def test_axe_finds_nothing_serious(sites, open_page, name, width):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (scripts/setup.sh runs npm ci in tests/axe)")
    for path in pages_to_check(reading_page(sites, name).parent):
        page = open_page(path, width)
        assert axe_violations(page) == [], f"{name} {path.name} at {width}px"
        page.context.close()


def test_axe_finds_nothing_serious_as_printed_with_a_popover_open(sites, open_page):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (scripts/setup.sh runs npm ci in tests/axe)")
    page = open_page(reading_page(sites, "showcase"), 390)
    page.locator("label:has(#view-diplomatic)").click()
    page.locator("main button.corr-ref").first.click()
    assert axe_violations(page) == []


def test_as_printed_marks_each_misprint(sites, open_page):
    page = open_page(reading_page(sites, "showcase"), 768)
    page.locator("label:has(#view-diplomatic)").click()
    choice = page.locator("main .choice:has(> .sic)").first
    sic = choice.locator(".sic")
    assert sic.is_visible() and not choice.locator(".corr").is_visible()
    assert "underline" in sic.evaluate("el => getComputedStyle(el).textDecorationLine")
    mark = page.locator("main button.corr-ref").first
    assert mark.is_visible()  # what the correction is stays one tap away
    assert page.problems == []


def test_a_tap_opens_a_mark_beside_it_and_a_tap_elsewhere_closes_it(sites, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(reading_page(sites, "showcase").as_uri())
    mark = page.locator("main button.corr-ref").nth(3)
    mark.scroll_into_view_if_needed()
    mark.tap()
    place = mark.evaluate(PLACE)
    assert place["open"] and place["words"]["top"] - place["mark"]["bottom"] <= 24
    page.locator("main h1").first.tap()
    assert not mark.evaluate(PLACE)["open"]
    context.close()


def test_axe_would_find_a_violation(sites, open_page):
    """The accessibility check can fail: a button without a name and an image without an
    alternative, put into the page, are reported."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed (scripts/setup.sh runs npm ci in tests/axe)")
    page = open_page(reading_page(sites, "showcase"), 768)
    page.evaluate("""() => { const b = document.createElement('button'); document.querySelector('main').append(b);
                             const i = document.createElement('img'); i.src = 'assets/none.png'; document.querySelector('main').append(i); }""")
    found = " ".join(axe_violations(page))
    assert "button-name" in found and "image-alt" in found


@pytest.mark.parametrize("width", (390, 1440))
def test_tab_reaches_every_mark_in_reading_order(sites, open_page, width):
    """Tab alone, from the top of the page, reaches every mark of the text in the order of the
    text (the margin notes are not in the way: they take the focus only when their mark is used)."""
    page = open_page(reading_page(sites, "showcase"), width)
    total = page.locator("main button.mark").count()
    reached, steps = [], 0
    while steps < 3000:
        page.keyboard.press("Tab")
        steps += 1
        at = page.evaluate("() => [...document.querySelectorAll('main button.mark')].indexOf(document.activeElement)")
        if at >= 0 and at not in reached:
            reached.append(at)
        if page.evaluate("() => document.activeElement.closest('footer') !== null"):
            break
    assert reached == list(range(total))


#: Where the citation dialog stands against the link that opened it, and who has the focus.
CITE_PLACE = """link => {
  const dialog = document.getElementById('cite-dialog');
  const box = el => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  return {link: box(link), dialog: box(dialog), open: dialog.matches(':popover-open'),
          focus: dialog.contains(document.activeElement), width: document.documentElement.clientWidth,
          height: innerHeight};
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["showcase", "dracor", "parlamint"])
def test_the_citation_dialog_opens_at_its_link_and_escape_gives_the_focus_back(sites, open_page, name, width):
    """ "cite" and ¶ open the dialog next to the link, like the notes (never in the middle of the
    screen, over the text); the dialog takes the focus and Escape gives it back to the link."""
    page = open_page(reading_page(sites, name), width)
    links = page.locator("main a.cite")
    count = links.count()
    assert count >= 3
    for i in sorted({0, count // 2, count - 1, *(i for i in range(count) if i % 7 == 3)})[:12]:
        link = links.nth(i)
        place = open_by_keyboard(link, CITE_PLACE, near_foot=bool(i % 2))
        label = f"{name} cite link {i} ({link.get_attribute('href')}) at {width}px"
        assert place["open"], f"{label}: the dialog did not open"
        at, dialog = place["link"], place["dialog"]
        below, above = dialog["top"] - at["bottom"], at["top"] - dialog["bottom"]
        assert -1 <= below <= 24 or -1 <= above <= 24, f"{label}: dialog not next to its link {dialog} {at}"
        assert 0 <= dialog["left"] and dialog["right"] <= place["width"] + 1, f"{label}: off the screen {dialog}"
        assert -1 <= dialog["top"] and dialog["bottom"] <= place["height"] + 1, f"{label}: off the screen {dialog}"
        assert place["focus"], f"{label}: the dialog did not take the focus"
        page.keyboard.press("Escape")
        assert not link.evaluate(CITE_PLACE)["open"], f"{label}: Escape did not close the dialog"
        assert link.evaluate("l => document.activeElement === l"), f"{label}: Escape did not give the focus back"
    assert page.problems == []


def test_an_old_link_to_the_register_leads_to_the_entrys_page(sites, open_page):
    """people.html#id (the register's links before each entry had its page) opens the entry."""
    folder = reading_page(sites, "showcase").parent
    page = open_page(folder / "people.html", 768)
    page.goto((folder / "people.html").as_uri() + "#stalin")
    page.wait_for_url("**/person-stalin.html#stalin")
    assert page.locator("article#stalin h1").is_visible()
    page.locator("nav.pager a[href='people.html']").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/people.html")  # the way back does not bounce to the entry
    assert page.problems == []


@pytest.mark.parametrize("name", ["showcase", "dracor"])
def test_axe_finds_nothing_serious_with_the_citation_dialog_open(sites, open_page, name):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (scripts/setup.sh runs npm ci in tests/axe)")
    page = open_page(reading_page(sites, name), 390)
    page.locator("main a.turn-cite").nth(2).click()
    assert page.locator("#cite-dialog").evaluate("d => d.matches(':popover-open')")
    assert axe_violations(page) == []
