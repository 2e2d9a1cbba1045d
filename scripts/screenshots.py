"""The README's pictures, made from the showcase build: a session page of the HTML edition in
Debian's Chromium, a page of prose with its apparatus from the PDF, and a page of verse from the
PDF of a DraCor play (../shared/samples/), both rendered by poppler.

    .venv/bin/edition build && .venv/bin/python scripts/screenshots.py

Writes docs/images/html-edition.png, docs/images/pdf-page.png and docs/images/pdf-verse.png. Run it again when the look of
either edition changes; tests/test_docs.py checks that the pictures exist and are linked.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "march-1917"
IMAGES = ROOT / "docs" / "images"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SESSION_PAGE = "session-1917-03-29.html"
#: A page where a session opens, with turns, a vote and footnotes: found by its running text.
PDF_PAGE_HOLDS = "SESSION OF MARCH 30"
#: A page of verse: the prologue of Blok's play, spoken by the Jester.
PLAY = ROOT.parent / "shared" / "samples" / "dracor-rus_blok-korol-na-ploschadi.xml"
VERSE_PAGE_HOLDS = "Еще и солнцу лень светиться"


def html_picture() -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--headless=new", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1100, "height": 760}, device_scale_factor=1)
        page.goto((BUILD / "html" / SESSION_PAGE).as_uri())
        page.wait_for_load_state("load")
        page.screenshot(path=str(IMAGES / "html-edition.png"))
        browser.close()


def pdf_picture(pdf: Path, holds: str, picture: str) -> None:
    pages = int(
        re.search(
            r"^Pages:\s+(\d+)",
            subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout,
            re.MULTILINE,
        )[1]
    )
    for n in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        if holds in text and "Contents" not in text and "Index of speakers" not in text:
            break
    else:
        sys.exit(f"no page of {pdf} holds {holds!r}")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-f", str(n), "-l", str(n), "-r", "90", "-png", "-singlefile", str(pdf), f"{tmp}/page"],
            check=True,
        )
        shutil.copyfile(f"{tmp}/page.png", IMAGES / picture)


def main() -> None:
    if not (BUILD / "html" / SESSION_PAGE).exists() or not (BUILD / "march-1917.pdf").exists():
        sys.exit("build the showcase first: .venv/bin/edition build")
    IMAGES.mkdir(parents=True, exist_ok=True)
    if "--pdf-only" not in sys.argv:
        html_picture()
    pdf_picture(BUILD / "march-1917.pdf", PDF_PAGE_HOLDS, "pdf-page.png")
    from edition import api

    with tempfile.TemporaryDirectory() as tmp:
        api.pdf(PLAY, Path(tmp) / "play.pdf")
        pdf_picture(Path(tmp) / "play.pdf", VERSE_PAGE_HOLDS, "pdf-verse.png")
    print(f"wrote the pictures in {IMAGES}")


if __name__ == "__main__":
    main()
