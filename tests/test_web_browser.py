"""The web view in a real browser: Playwright driving Debian's chromium against a live server.

Screenshots go to test-output/ under the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from searchengine import NewsIndex
from tests.web_articles import XSS_TITLE, build_index, live_server

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parent.parent
SCREENSHOTS = REPO / "test-output"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="browser tests need Debian's chromium at /usr/bin/chromium")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """A live server on a free port of 127.0.0.1, over the seed article and the ones above."""
    with NewsIndex.open(build_index(tmp_path_factory.mktemp("browser"))) as index:
        with live_server(index) as url:
            yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, base_url):
    """A fresh page that records dialogs (an alert would mean injected script ran) and
    every request that leaves the server (there must be none: no CDN)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(5000)
    tab.dialogs, tab.outside = [], []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("request", lambda request: None if request.url.startswith(base_url)
           else tab.outside.append(request.url))
    yield tab
    context.close()


def _total(page) -> int:
    return int(page.locator(".summary .total strong").inner_text().replace(",", ""))


def _search(page, base_url, query: str) -> None:
    page.goto(base_url + "/")
    page.fill("#q", query)
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"\?q="))


def test_type_a_query_and_see_the_seed(page, base_url):
    _search(page, base_url, "extradition")
    assert "q=extradition" in page.url
    assert page.locator(".hit h3 a", has_text="extradited").count() == 1
    assert page.locator(".hit").count() == _total(page) == 5
    assert page.locator(".hit mark").count() > 0
    assert page.locator(".hit h3 a", has_text="Counter-terrorism cooperation").count() == 1
    SCREENSHOTS.mkdir(exist_ok=True)
    shot = SCREENSHOTS / "search-page.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SCREENSHOTS / "search-page-phone.png"), full_page=True)
    assert not page.outside, f"requests left the server: {page.outside}"


def test_person_facet_narrows_and_chip_removes(page, base_url):
    _search(page, base_url, "extradition")
    total = _total(page)
    facet = page.locator(".facet-person li a").filter(
        has=page.locator(".count", has_text=re.compile(r"^[1-4]$"))).first
    name = facet.locator(".value").inner_text()
    count = int(facet.locator(".count").inner_text())
    facet.click()
    page.wait_for_url(re.compile(r"filter=person"))
    assert _total(page) == count < total
    chip = page.locator(".chip", has_text=name)
    assert chip.count() == 1
    assert page.locator(".facet-person li.active", has_text=name).count() == 1
    page.go_back()
    page.wait_for_url(re.compile(r"^(?!.*filter=)"))
    assert _total(page) == total
    page.go_forward()
    page.wait_for_url(re.compile(r"filter=person"))
    page.locator(".chip", has_text=name).click()
    page.wait_for_url(re.compile(r"^(?!.*filter=)"))
    assert page.locator(".chip").count() == 0 and _total(page) == total


def test_timeline_bar_filters_to_its_period(page, base_url):
    _search(page, base_url, "extradition")
    assert "per year" in page.locator(".timeline figcaption").inner_text()
    bar = page.locator("svg a.bar").first
    label = bar.get_attribute("aria-label")  # "2021: 1"
    period, count = label.split(": ")
    bar.click()
    page.wait_for_url(re.compile(r"filter=date%3A" + period))
    assert _total(page) == int(count)
    assert page.locator(".chip", has_text=period).count() == 1
    assert page.locator(".hit time").first.inner_text().startswith(period)


def test_article_page(page, base_url):
    _search(page, base_url, "Khalistani")
    page.locator(".hit h3 a").first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    assert "Khalistani" in page.locator(".article .body").inner_text()
    assert page.locator(".body a.entity").count() > 0
    assert page.locator(".article-quotes li").count() > 0
    page.locator(".body a.entity").first.click()
    page.wait_for_url(re.compile(r"/\?filter="))
    assert _total(page) >= 1 and page.locator(".chip").count() == 1


def test_malformed_query_explains(page, base_url):
    _search(page, base_url, '(extradition "Rana')
    error = page.locator("p.error").inner_text()
    assert error.startswith("Malformed query") and "\n" not in error.strip()


def test_nothing_from_an_article_runs(page, base_url):
    _search(page, base_url, "payload")
    assert page.evaluate("typeof window.__xss") == "undefined"
    title = page.locator(".hit h3 a").first
    assert title.inner_text() == XSS_TITLE  # shown as text
    assert page.locator(".hit .original").count() == 0  # a javascript: URL is not linked
    title.click()
    page.wait_for_url(re.compile(r"/articles/"))
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("h1").inner_text() == XSS_TITLE
    assert '<img src=x onerror="window.__xss=1">' in page.locator(".body").inner_text()
    assert page.locator(".body img, .body script").count() == 0
    assert not page.dialogs
