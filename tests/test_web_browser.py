"""End to end in headless Chromium: a real ``storywire serve`` on 127.0.0.1 over the demo
corpus, driven by Playwright (Debian's chromium; Playwright downloads no browser here)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from conftest import BACKENDS, new_location
from webcorpus import build

CHROMIUM = os.environ.get("STORYWIRE_CHROMIUM") or shutil.which("chromium") or \
    shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not CHROMIUM:
    pytest.skip("Chromium not found (Debian: apt-get install chromium; or set "
                "STORYWIRE_CHROMIUM to its path)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module", params=BACKENDS)
def server(request, tmp_path_factory):
    """`storywire serve` over the web corpus in a SQLite file, then in a PostgreSQL
    database."""
    folder = tmp_path_factory.mktemp("browser")
    for location in new_location(request, folder, "web.db"):
        yield from _serve(build(folder, location))


def _serve(db: str):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "storywire.cli", "--db", str(db), "serve",
                             "--port", str(port)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(base + "/api/facets", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"storywire serve did not start: {proc.stdout.read1()!r}")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    opened = context.new_page()
    opened.errors = []  # console errors and CSP reports would land here
    opened.on("console", lambda m: m.type == "error" and opened.errors.append(m.text))
    opened.on("pageerror", lambda e: opened.errors.append(str(e)))
    yield opened
    context.close()


def _screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path


def test_front_page_search_article_and_copy_tree(server, page):
    page.goto(server + "/")
    assert page.title() == "Latest · storywire"
    assert page.locator("section[aria-labelledby=articles-h] li.card").count() == 20
    assert page.locator("section[aria-labelledby=stories-h] li.card").count() == 10
    folded = page.locator("a", has_text="copies folded").first
    assert folded.is_visible()
    # search with the keyboard: skip link, then the search box
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.get_by_label("Search articles").fill("earthquake")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=earthquake")
    assert page.locator("p.snippet mark").count() >= 3
    first = page.locator("li.card h2 a").first
    title = first.inner_text()
    first.click()
    assert page.locator("h1").inner_text() == title
    # the copy tree of a story with several copies
    page.goto(server + "/")
    page.locator("a", has_text="copies folded").first.click()
    rows = page.locator("table.tree tbody tr")
    assert rows.count() >= 3 and rows.first.locator("td").first.inner_text() == "original"
    kinds = {rows.nth(i).locator("td").nth(3).inner_text() for i in range(1, rows.count())}
    assert kinds <= {"exact", "near", "excerpt", "rewrite", "semantic"} and kinds
    assert page.locator("figure.timeline svg circle").count() >= 2
    shot = _screenshot(page, "copy-tree.png")
    assert shot.stat().st_size > 10_000
    assert not page.errors, page.errors


def test_story_coverage_side_by_side_copy_tree_and_quotes(server, page):
    page.goto(server + "/?q=Oduya")
    page.locator("li.card h2 a").first.click()
    page.get_by_role("link", name="story E06").click()
    page.wait_for_url("**/stories/E06")
    reports = page.locator("article.report")
    assert reports.count() >= 2
    boxes = [reports.nth(i).bounding_box() for i in range(2)]
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 2  # side by side at desktop width
    assert page.locator("article.report table.tree tbody tr").count() >= 1
    assert page.locator("h3.speaker", has_text="Felix Oduya").is_visible()
    assert page.locator("figure.timeline svg circle").count() >= 3
    assert page.locator("table.figures tr.disagree").count() >= 2
    _screenshot(page, "story.png")
    # Felix Oduya's quoted article, with names and the quote marked.
    page.locator('h3.speaker:has-text("Felix Oduya") + ul.quotes a').first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("mark.entity.label-PERSON").count() >= 1
    titles = [q.get_attribute("title") for q in page.locator("div.text span.quote").all()]
    assert any("Felix Oduya" in (t or "") for t in titles), titles
    assert not page.errors, page.errors


def test_hostile_article_runs_nothing(server, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/?q=pwned")
    page.locator("li.card h2 a").first.click()
    assert page.locator("h1").inner_text().startswith("<script>window.__pwned = 1</script>")
    assert "<script>window.__pwned = 5</script>" in page.locator("div.text").inner_text()
    assert "onmouseover" in page.locator("dl.meta-list").inner_text()
    page.locator("dl.meta-list").hover()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("div.text script, div.text img, h1 script, dl b").count() == 0
    assert not dialogs
    _screenshot(page, "hostile-article.png")


def test_add_test_and_remove_a_watch_at_phone_width(server, browser):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.on("dialog", lambda d: d.accept())
    for path in ("/", "/?q=strike", "/stories/E01", "/people"):  # nothing overflows
        page.goto(server + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    page.goto(server + "/watches")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert "connection refused" in page.locator("table.alerts").first.inner_text()
    page.get_by_label("Name").fill("port strike")
    page.get_by_label("Query").fill('"port" AND strike')
    page.get_by_role("button", name="Add watch").click()
    page.wait_for_url("**/watches/port%20strike")
    assert page.locator("h1").inner_text() == "Watch “port strike”"
    assert page.locator("ol.cards li").count() >= 1
    _screenshot(page, "watch-phone.png")
    page.goto(server + "/watches")
    page.get_by_role("button", name="Remove port strike").click()
    page.wait_for_url("**/watches")
    assert page.get_by_role("button", name="Remove port strike").count() == 0
    context.close()


def _fits(page, selector: str) -> bool:
    """The element's right edge is inside the viewport and nothing in it scrolls."""
    return page.evaluate(
        """(sel) => [...document.querySelectorAll(sel)].every(el => {
             const box = el.getBoundingClientRect();
             return box.right <= window.innerWidth + 0.5 && box.width > 0
                    && el.scrollWidth <= el.clientWidth + 1; })""", selector)


def _lag_cells_visible(page) -> bool:
    """Every Lag cell (the last column of a copy table) is whole on the screen and inside
    its table's box: not cut off by a scrolling table."""
    return page.evaluate(
        """() => [...document.querySelectorAll('table.tree')].every(table => {
             const outer = table.getBoundingClientRect();
             return [...table.querySelectorAll('tr > :last-child')].every(cell => {
               const box = cell.getBoundingClientRect();
               return box.width > 0 && box.right <= outer.right + 0.5
                      && box.right <= window.innerWidth + 0.5
                      && table.scrollWidth <= table.clientWidth + 1; }); })""")


def test_timeline_and_copy_tables_fit_a_phone_and_the_lag_column_shows(server, browser):
    for width in (375, 1100):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(server + "/")
        page.locator("a", has_text="copies folded").first.click()
        assert page.locator("table.tree th", has_text="Lag").is_visible()
        assert _lag_cells_visible(page), width
        assert _fits(page, "figure.timeline") and _fits(page, "figure.timeline svg"), width
        page.goto(server + "/stories/E01")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert _fits(page, "figure.timeline svg"), width
        assert _lag_cells_visible(page), width
        # The labels stay legible: at least 9 px on the screen.
        size = page.evaluate("""() => { const t = document.querySelector(
            'figure.timeline svg text.label'); return t.getBoundingClientRect().height; }""")
        assert size >= 9, (width, size)
        if width == 375:
            _screenshot(page, "story-phone.png")
        context.close()


def test_stories_page_pages_through_every_story_with_filters(server, page):
    page.goto(server + "/")
    page.get_by_role("link", name="All stories →").click()
    page.wait_for_url("**/stories")
    assert page.title() == "Stories · storywire"
    assert page.locator("ol.stories li.card").count() == 15
    page.goto(server + "/stories?limit=6")
    seen = []
    while True:
        seen += page.locator("ol.stories li.card h2 a").all_inner_texts()
        following = page.locator("a[rel=next]")
        if following.count() == 0:
            break
        following.click()
    assert len(seen) == len(set(seen)) == 15
    assert page.locator("a[rel=prev]").count() == 1
    page.goto(server + "/stories")
    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/stories?*language=fr*")
    assert 0 < page.locator("ol.stories li.card").count() < 15
    assert not page.errors, page.errors


def test_watch_form_adds_an_atom_target_and_search_folds_copies(server, page):
    page.on("dialog", lambda d: d.accept())
    page.goto(server + "/watches")
    page.get_by_label("Name").fill("kessel")
    page.get_by_label("Query").fill('"Kessel Highlands"')
    page.get_by_label("Also write an Atom file").check()
    page.get_by_role("button", name="Add watch").click()
    page.wait_for_url("**/watches/kessel")
    assert "Atom file kessel.atom" in page.locator("ul.targets").inner_text()
    page.goto(server + "/watches")
    page.get_by_role("button", name="Remove kessel").click()
    page.wait_for_url("**/watches")
    assert page.get_by_role("button", name="Remove kessel").count() == 0
    page.goto(server + "/?q=earthquake")
    folded = page.locator("ul.folded li")
    assert folded.count() >= 1 and folded.first.is_visible()
    assert not page.errors, page.errors
