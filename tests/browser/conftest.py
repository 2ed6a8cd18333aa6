"""Headless Chromium (Debian's package, driven by Playwright) against the built site on 127.0.0.1.

Each test gets a fresh browser context (a fresh profile: empty storage) and a
page that records console errors, CSP violations, dialogs and every request,
so any test can assert that nothing left the site's origin.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.sitebuild import ROOT, SiteServer, pages_of  # noqa: F401 (pages_of: re-exported for the tests)

# The tests' browser: Debian's chromium-headless-shell, Chromium's own headless build (the same Debian source
# package and version as `chromium`, the same Blink and V8; what Playwright itself runs for headless tests).
# Why not the full browser's headless mode: it starts a browser's whole UI stack in every context. Measured
# on this 2-core machine (a fresh context, one page, 6 s idle, median of 3, /proc/stat CPU): a reading page
# 0.53 CPU-s in the shell vs 1.79 in `chromium`, a worksheet with the checker booted 5.06 vs 6.48.
# WB_CHROMIUM=/usr/bin/chromium runs the whole suite in the full browser (FULL_CHROMIUM; the bench's browser).
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
FULL_CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM = os.environ.get("WB_CHROMIUM") or HEADLESS_SHELL
# Without the background-networking flags Chromium tries to reach Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def site_server(built_site):
    with SiteServer(built_site) as server:
        yield server


@pytest.fixture(scope="session")
def site_url(site_server):
    return site_server.url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run 'make test', which installs Debian's chromium-headless-shell package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watch:
    """What a page did: requests, console errors, CSP violations, dialogs."""

    def __init__(self, page, origin: str):
        self.origin = origin
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def foreign(self) -> list[str]:
        """Requests to any origin but the site's own (data: and blob: stay in the browser)."""
        return [u for u in self.requests if urlparse(u).scheme in ("http", "https", "ws", "wss")
                and f"{urlparse(u).scheme}://{urlparse(u).netloc}/" != self.origin]


def new_page(context, origin: str):
    page = context.new_page()
    page.watch = Watch(page, origin)
    return page


@pytest.fixture
def context(browser):
    ctx = browser.new_context()
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, site_url):
    return new_page(context, site_url)


def wait_until(page, js: str, arg=None, timeout: float = 30.0) -> object:
    """Poll a JS function until it returns something truthy.

    The site's CSP forbids eval, so Playwright's string-based wait_for_function
    cannot run; page.evaluate of a function is injected by the driver instead.
    """
    import time

    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(js, arg)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for: {js}")
        page.wait_for_timeout(100)


# A click on a link of the site, as a reader's: Material's instant navigation takes it when it can.
CLICK_LINK = """(href) => {
  const a = Object.assign(document.createElement('a'), {href});
  document.body.append(a);
  a.click();
  a.remove();
}"""


def follow_link(page, url: str, ready: str, arg=None, timeout: float = 60.0) -> None:
    """Go to `url` by a click on a link of the site, as a reader does, and wait until `ready` (a JS function
    of `arg`, which must tell the new page from the old one) is true. On the default port Material's instant
    navigation swaps the page in without a load (well under a second against one to three seconds for a full
    load on a busy machine); elsewhere the click loads the page in full, and the wait sees that too.

    For steps that only need to be on a page; a test about a load (a first visit, a reload) loads."""
    from playwright.sync_api import Error as PlaywrightError
    import time

    page.evaluate(CLICK_LINK, url)
    deadline = time.monotonic() + timeout
    while True:
        try:
            if page.evaluate(ready, arg):
                return
        except PlaywrightError:  # a full load is replacing the document: ask the new one
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {url}: {ready}")
        page.wait_for_timeout(100)


@functools.cache
def _axe_source() -> str:
    """axe.min.js, read once for the many pages it is injected into."""
    return AXE.read_text("utf-8")


def run_axe(page) -> list[dict]:
    """axe-core (pinned npm package) on the page as it is now; its context must bypass the CSP."""
    page.add_script_tag(content=_axe_source())
    return axe_findings(page)


def axe_findings(page) -> list[dict]:
    """axe-core's violations on the page as it is now, axe already in it: run_axe injects it (its context
    must bypass the CSP); a context given add_init_script(path=AXE) has it in every page under the page's
    own policy, as the driver's init scripts are not subject to the CSP."""
    # resultTypes: every violation in full, the other result types (passes, incomplete, inapplicable)
    # with one node each, and only the violations sent back: the same findings in well under half
    # the time (most of it went into collecting and serialising every passing node).
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})).violations"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in violations
    ]


def assert_accessible(page, buttons: str) -> None:
    """No axe violation, and every button matched by `buttons` is at least 24 by 24 px (WCAG 2.2 target size)."""
    violations = run_axe(page)
    assert violations == [], dump(violations)
    sizes = page.evaluate(
        "(selector) => [...document.querySelectorAll(selector)].map((b) => b.getBoundingClientRect())"
        ".filter((r) => r.width).map((r) => Math.min(r.width, r.height))",
        buttons,
    )
    assert sizes and min(sizes) >= 24, sizes


def axe_violations(browser, url: str, context_options: dict | None = None, *, hold_checker: bool = False) -> list[dict]:
    """Open a page in a context that lets axe inject past the CSP, and run axe on it."""
    return axe_each(browser, [url], context_options, hold_checker=hold_checker)[url]


# The goal checker's downloads (Pyodide and the checker's files, gzipped; the wasm brotli): what a worksheet's
# first visit spends seconds of CPU on, compiling the wasm and starting Python.
CHECKER_DOWNLOADS = "**/assets/pyodide/**/*.{gz,br}"


def hold_checker_downloads(context) -> list:
    """Keep the checker's downloads pending for as long as `context` lives; return the held routes.

    For tests about everything but the checker: a goal field then shows the checker's download state
    (its named bar at 0 of N MB, as on a slow connection, axe-checked in test_first_visit.py), the same
    on every run, instead of booting Pyodide on a CPU the test and the other pytest worker share.
    runtime.json and pyodide.mjs still load, so the bar is drawn. Tests of the checker never use this.
    """
    return hold_requests(context, CHECKER_DOWNLOADS)


@pytest.fixture
def checker_held(context) -> list:
    """The goal checker's downloads held in the test's context (hold_checker_downloads): the held routes."""
    return hold_checker_downloads(context)


def axe_each(browser, urls: list[str], context_options: dict | None = None, *, hold_checker: bool = False) -> dict[str, list[dict]]:
    """axe on each page in turn, in one context that lets axe inject past the CSP: url -> violations.

    One context for all of them: a fresh context per page cost more than axe itself, and every page
    is still a fresh document (a full load, axe injected again). `hold_checker`: see hold_checker_downloads.
    """
    ctx = browser.new_context(bypass_csp=True, **(context_options or {}))
    if hold_checker:
        hold_checker_downloads(ctx)
    try:
        page = ctx.new_page()
        found = {}
        for url in urls:
            page.goto(url)
            if hold_checker:  # every goal field in the same state: the download's bar drawn
                wait_until(page, "() => [...document.querySelectorAll('[data-smart-feedback]')]"
                                 ".every((r) => r.querySelector('.wb-feedback__progress progress'))")
            found[url] = run_axe(page)
        return found
    finally:
        ctx.close()


def dump(value) -> str:
    return json.dumps(value, indent=1)


def hold_requests(context, pattern: str) -> list:
    """Keep every request of `context` that matches `pattern` pending for as long as it lives: the held routes."""
    held: list = []
    context.route(pattern, lambda route: held.append(route))
    return held


# The offline worker's script (generator/offline.py writes it at the site's root).
OFFLINE_WORKER = "**/sw.js"


def hold_offline_worker(context) -> list:
    """Keep the offline worker's script pending for as long as `context` lives; return the held routes.

    Only beside hold_checker_downloads: there the worker's precache waits on the held checker files, so its
    install never ends and it never controls a page; meanwhile it fetched and stored every page and asset of
    the site, about half a second of CPU a context (a reading page left idle for 3 s, 4 contexts each way,
    loaded 2-core machine: 8.7-8.9 s of CPU with the worker, 6.6-7.0 s with its script held). Held here,
    register() stays pending: no worker, no precache, no error and no notice on the page.
    """
    return hold_requests(context, OFFLINE_WORKER)


@pytest.fixture
def offline_held(context) -> list:
    """The offline worker's script held in the test's context (hold_offline_worker): the held routes."""
    return hold_offline_worker(context)
