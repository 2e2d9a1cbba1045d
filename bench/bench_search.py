"""Search at scale: the edition's own index (search-index.js) against Pagefind, side by side in
one run, in Debian's Chromium (headless, Playwright): index size, time to build it, and query
time, cold (the first query of a page, index loaded) and warm (the next queries).

    .venv/bin/python bench/bench_search.py [--pagefind-python PYTHON] [--scale 96]

Pagefind (PyPI `pagefind[extended]`, which ships its binary) is not a dependency of the project:
give a Python that has it (`--pagefind-python`), else its column says it was not measured. Its
browser side fetches its index over HTTP (it cannot run from file://), so its site is served from
127.0.0.1 by a server this script starts and stops; the edition's own search runs from file://.

Sites: the showcase, and the showcase's body repeated `--scale` times (bench/big_tei.py).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from big_tei import SHOWCASE, scaled_showcase  # noqa: E402

from edition.render.html import render_html  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
QUERIES = ["provisional government", "Kamenev amendments", "resolution", "war"]


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def own(page, site: Path) -> dict:
    """The edition's own search: search.html?q= cold, then warm queries through the form."""
    started = time.perf_counter()
    page.goto((site / "search.html").as_uri() + "?q=" + QUERIES[0].replace(" ", "+"))
    page.locator("#search-page-results .hit-count").wait_for(timeout=120_000)
    cold = time.perf_counter() - started
    warm = []
    for q in QUERIES * 3:
        warm.append(
            page.evaluate(
                """q => { const f = document.getElementById('search-page');
            document.getElementById('sp-q').value = q; const t = performance.now(); f.requestSubmit();
            return performance.now() - t; }""",
                q,
            )
        )
    hits = page.locator("#search-page-results .hit-count").inner_text()
    return {
        "size": (site / "search-index.js").stat().st_size,
        "cold": cold,
        "warm ms": statistics.median(warm),
        "hits": hits,
    }


def pagefind(page, site: Path, port: int) -> dict:
    """Pagefind's own API (pagefind.js): the first search with its results' data, then warm ones."""
    started = time.perf_counter()
    page.goto(f"http://127.0.0.1:{port}/index.html")
    result = page.evaluate(
        """async qs => {
        const t0 = performance.now();
        const pf = await import('/pagefind/pagefind.js');
        await pf.init();
        let r = await pf.search(qs[0]);
        await Promise.all(r.results.slice(0, 10).map(x => x.data()));
        const cold = performance.now() - t0;
        const warm = [];
        for (const q of qs.concat(qs, qs)) {
          const t = performance.now();
          r = await pf.search(q);
          await Promise.all(r.results.slice(0, 10).map(x => x.data()));
          warm.push(performance.now() - t);
        }
        warm.sort((a, b) => a - b);
        return {cold, warm: warm[Math.floor(warm.length / 2)], hits: r.results.length};
    }""",
        QUERIES,
    )
    return {
        "size": folder_size(site / "pagefind"),
        "cold": time.perf_counter() - started,
        "warm ms": result["warm"],
        "hits": result["hits"],
    }


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # one line per request would bury the figures
        pass


def serve(folder: Path):
    """A static server on 127.0.0.1 (a free port), for Pagefind, which fetches its index."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pagefind-python", default="", help="a Python with pagefind[extended] installed")
    parser.add_argument("--scale", type=int, default=96)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        big = tmp / "big.xml"
        big.write_bytes(scaled_showcase(args.scale))
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM,
                headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            )
            for label, tei in (("showcase", SHOWCASE), (f"showcase ×{args.scale}", big)):
                site = tmp / label.replace(" ", "-")
                render_html(tei, site)
                row = {"site": label, "MB": tei.stat().st_size / 1e6, "pages": len(list(site.glob("*.html")))}
                page = browser.new_page()
                row["own"] = own(page, site)
                page.close()
                if args.pagefind_python:
                    before = os.times()
                    subprocess.run(
                        [args.pagefind_python, "-m", "pagefind", "--site", str(site), "--silent"], check=True
                    )
                    after = os.times()
                    server = serve(site)
                    try:
                        page = browser.new_page()
                        row["pagefind"] = pagefind(page, site, server.server_address[1])
                        row["pagefind"]["index s"] = (
                            after.children_user + after.children_system - before.children_user - before.children_system
                        )
                        page.close()
                    finally:
                        server.shutdown()
                rows.append(row)
                print(row, file=sys.stderr)
            browser.close()

    print(
        "| site | TEI MB | engine | index size | index build CPU s | first query (load + search) | next queries (median) | hits |"
    )
    print("|---|---:|---|---:|---:|---:|---:|---|")
    for row in rows:
        for engine in ("own", "pagefind"):
            r = row.get(engine)
            if r is None:
                print(f"| {row['site']} | {row['MB']:.2f} | pagefind | not measured (no --pagefind-python) | | | | |")
                continue
            build = f"{r['index s']:.2f}" if "index s" in r else "(with the site)"
            print(
                f"| {row['site']} | {row['MB']:.2f} | {engine} | {r['size'] / 1e6:.2f} MB | {build} | "
                f"{r['cold'] * 1000:.0f} ms | {r['warm ms']:.1f} ms | {r['hits']} |"
            )


if __name__ == "__main__":
    main()
