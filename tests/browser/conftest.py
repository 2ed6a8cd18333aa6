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
import time
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


# Resolves when every finite animation and transition of the page has finished (at most 10 s: an animation
# restarted in a loop would otherwise never let axe run; axe then measures as before).
SETTLED = """async () => {
  const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
  await Promise.race([Promise.all(finite.map((a) => a.finished.catch(() => null))),
                      new Promise((done) => setTimeout(done, 10000))]);
}"""


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
    # First the page's finite animations and CSS transitions end (a dialog closing, a button's colour
    # fading): axe measures the colours on screen, and on a loaded machine it once measured the export
    # button mid-fade after a dialog closed ("color-contrast" in test_lock, 1 run in 4 at load 12).
    page.evaluate(SETTLED)
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


# ---------------------------------------------------------------- a snapshot of Python, made once per run

# Where the checker's worker keeps its snapshot of Python (checker-worker.mjs: Cache Storage, one entry whose
# key is a URL of the site's origin).
PYTHON_SNAPSHOTS = "workbook-python-snapshot"
# Where this session's site server hands the snapshot out to a context being seeded (seed_python_snapshot in
# workbook_helpers.py): a path of the test server only, never a file of the built site.
SNAPSHOT_SEED = "__test__/python-snapshot.bin"
SMART_WORKSHEET = "worksheets/smart-goal/"


class PythonSnapshot:
    """The snapshot a first start of Python kept: its bytes (a file) and its key on this session's site origin."""

    def __init__(self, key: str, path: Path):
        self.key, self.path = key, path


def _make_python_snapshot(browser, site_url: str, path: Path) -> str:
    """A first start of Python on the SMART worksheet; its snapshot written to `path`; return its key.

    The file comes out of the browser as a download (a blob the page links to): 31 MB through the driver's
    pipe (a route's body) cost 12-15 CPU-seconds."""
    ctx = browser.new_context(service_workers="block")
    try:
        page = new_page(ctx, site_url)
        page.goto(site_url + SMART_WORKSHEET)
        wait_until(page, "() => document.querySelector('[data-smart-feedback=\"goal\"]')?.dataset.state === 'ready'", timeout=120)
        wait_until(page, "async (name) => (await (await caches.open(name)).keys()).length === 1", PYTHON_SNAPSHOTS, timeout=60)
        with page.expect_download() as info:
            key = page.evaluate("""async (name) => {
              const cache = await caches.open(name);
              const [key] = await cache.keys();
              const a = Object.assign(document.createElement('a'),
                {href: URL.createObjectURL(await (await cache.match(key)).blob()), download: 'snapshot.bin'});
              document.body.append(a);
              a.click();
              a.remove();
              return key.url;
            }""", PYTHON_SNAPSHOTS)
        info.value.save_as(path)
    finally:
        ctx.close()
    assert key.startswith(site_url) and path.stat().st_size > 1_000_000, (key, path.stat().st_size)
    return key


# In the checker's worker, as soon as it runs: the key it looks its snapshot up under, kept as self.__snapshotKey.
RECORD_SNAPSHOT_KEY = """(name) => {
  const open = caches.open.bind(caches);
  caches.open = async (cacheName) => {
    const cache = await open(cacheName);
    if (cacheName === name) {
      const match = cache.match.bind(cache);
      cache.match = (request, ...rest) => {
        self.__snapshotKey = typeof request === 'string' ? request : request.url;
        return match(request, ...rest);
      };
    }
    return cache;
  };
}"""


def open_in_worker_before_runtime(context, page, url: str, act) -> None:
    """Open `url` and run `act(worker)` in its checker's worker before the worker reads runtime.json (the last
    input of the key it looks a snapshot up under): runtime.json waits until `act` has run. Why: a script put in
    the worker this way (a spy on the lookup, a snapshot seeded under the worker's own key) is in place before
    the lookup, on any origin, with nothing started early."""
    held: list = []
    done: list = []
    context.route("**/assets/pyodide/**/runtime.json", lambda route: route.fallback() if done else held.append(route))
    with page.expect_worker(lambda w: "checker-worker" in w.url, timeout=60_000) as info:
        page.goto(url)
    act(info.value)
    done.append(True)
    for route in held:
        route.fallback()


def _snapshot_key(browser, site_url: str) -> str:
    """The key the checker's worker looks its snapshot up under on this origin (it names the origin), read
    from the worker itself without starting Python: its downloads wait (hold_checker_downloads), and so does
    runtime.json (the key's last input) until the worker's Cache Storage lookup is watched."""
    ctx = browser.new_context(service_workers="block")
    try:
        hold_checker_downloads(ctx)
        page = new_page(ctx, site_url)
        workers: list = []

        def watch(worker) -> None:
            worker.evaluate(RECORD_SNAPSHOT_KEY, PYTHON_SNAPSHOTS)
            workers.append(worker)

        open_in_worker_before_runtime(ctx, page, site_url + SMART_WORKSHEET, watch)
        worker = workers[0]
        deadline = time.monotonic() + 60
        while not (key := worker.evaluate("() => self.__snapshotKey || null")):
            assert time.monotonic() < deadline, "the checker's worker never looked for a snapshot"
            page.wait_for_timeout(50)
        return key
    finally:
        ctx.close()


@pytest.fixture(scope="session")
def python_snapshot(browser, site_server, tmp_path_factory) -> PythonSnapshot:
    """One first start of Python for the whole run, its snapshot kept in a file, handed out by this session's
    site server at SNAPSHOT_SEED, for seed_python_snapshot (workbook_helpers.py).

    Why: a first start of the checker costs 6-8 CPU-seconds (compiling the wasm, starting Python, the
    checker's imports), a start from the snapshot about 3 in a fresh context (quiet 2-core machine, cpuacct
    of the browser's processes). Tests that need the checker's answers, not its first start, take the snapshot
    as a returning reader's profile holds it.

    Under pytest-xdist the workers share one start, as they share the build (tests/conftest.py): the first
    to get the lock makes the file. The key names the origin and each worker serves the site on its own, so
    a worker that did not make the file reads its own key from the checker's worker (_snapshot_key, about
    a CPU-second). A snapshot that would not load on another origin is dropped by the worker, which starts
    Python as before; test_first_visit's recovery tests assert the start from it."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        import fcntl

        root = tmp_path_factory.getbasetemp().parent
        path, made = root / "python-snapshot.bin", root / "python-snapshot.key"
        with open(root / "python-snapshot.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            key = None if made.exists() else _make_python_snapshot(browser, site_server.url, path)
            if key:
                made.write_text(key, encoding="utf-8")
        key = key or _snapshot_key(browser, site_server.url)
    else:
        path = tmp_path_factory.mktemp("python-snapshot") / "snapshot.bin"
        key = _make_python_snapshot(browser, site_server.url, path)
    assert key.startswith(site_server.url), key
    # This server's own handler class (SiteServer makes one per server): SNAPSHOT_SEED is the file.
    handler = site_server.httpd.RequestHandlerClass.func
    site_path = handler.translate_path

    def translate_path(self, url_path: str) -> str:
        return str(path) if url_path.split("?", 1)[0] == "/" + SNAPSHOT_SEED else site_path(self, url_path)

    handler.translate_path = translate_path
    return PythonSnapshot(key, path)


@pytest.fixture
def search_held(context) -> list:
    """Material's search held in the test's context (workbook_helpers.hold_search): the held routes."""
    from tests.browser.workbook_helpers import hold_search

    return hold_search(context)


@pytest.fixture
def held_at_server(context, site_url) -> None:
    """The goal checker's downloads, the offline worker's script and Material's search held for the test's context
    by the session's site server (workbook_helpers.hold_checker_offline_and_search_at_server), not by routes: as
    checker_held, offline_held and search_held together, with the context's HTTP cache on. For tests that do
    not use the held routes."""
    from tests.browser.workbook_helpers import hold_checker_offline_and_search_at_server

    hold_checker_offline_and_search_at_server(context, site_url)
