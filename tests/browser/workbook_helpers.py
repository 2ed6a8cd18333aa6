"""Shared steps for the filling, storage, transfer and XSS browser tests."""

from __future__ import annotations

import json
import shutil
from contextlib import contextmanager
from datetime import date, timedelta

import pytest

from generator.contract import EVENTS
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, new_page, wait_until
from tests.sitebuild import SiteServer

KEY = "workbook:v1"
# Ask the browser to look for a new service worker now. The test then waits for its own positive signal
# (the update notice, the new worker's message); the promise itself is only bounded (Chromium may hold it
# until the new worker has installed, and page.evaluate has no timeout of its own: a run once hung here).
UPDATE_CHECK = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  await Promise.race([registration.update(), new Promise((resolve) => setTimeout(resolve, 60000))]);
}"""
# Before any page script: the checker worker's 'ready' message ({type, ms, snapshot}) as window.__ready,
# seen from the page (checker.js keeps no copy).
READY_SPY = """
(() => {
  const Native = window.Worker;
  window.__ready = null;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ({ data }) => { if (data && data.type === "ready") window.__ready = data; });
    }
  };
})();
"""
PAYLOADS = ["<img src=x onerror=alert(1)>", '"><script>alert(1)</script>']
# Overrides installed before any page script runs (context.add_init_script).
QUOTA_SCRIPT = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""
NO_STORAGE_SCRIPT = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""


MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def ago(days: int) -> str:
    """The ISO date `days` before today."""
    return (date.today() - timedelta(days=days)).isoformat()


def shown(iso: str, year: bool = True) -> str:
    """An ISO date as the tracker and My goals show it: '5 Mar 2030' (or '5 Mar')."""
    d = date.fromisoformat(iso)
    return f"{d.day} {MONTHS[d.month - 1]}" + (f" {d.year}" if year else "")


def visit_once(page, url: str) -> None:
    """One online visit: the page loads, registers the worker when idle, and the precache completes."""
    page.goto(url)
    wait_until(page, "() => !!navigator.serviceWorker.controller", timeout=90)  # clientsClaim after install


@contextmanager
def deployed_copy(browser, built_site, tmp_path, own_browser: bool = False):
    """A copy of the built site, served on its own, that a test may redeploy in place; a fresh profile.

    `own_browser`: the profile lives in a browser of its own, closed whole at the end. Closing just the
    context can hang in Chromium after a locked page reloads into a new service worker
    (test_nothing_lost_reload: context.close() never returned in 3 of 4 runs alone, after the test's
    last assertion had passed); closing the browser ends its processes."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    with SiteServer(site) as server:
        owner = browser.browser_type.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS) \
            if own_browser else browser
        context = owner.new_context()
        try:
            yield site, server, context, new_page(context, server.url)
        finally:
            owner.close() if own_browser else context.close()


def open_worksheet(page, site_url: str, ws: str) -> None:
    page.goto(f"{site_url}worksheets/{ws}/")
    wait_until(page, "() => !!document.querySelector('[data-wb-tools]')")


def raw(page, key: str = KEY):
    return page.evaluate("(k) => { try { return localStorage.getItem(k); } catch (e) { return null; } }", key)


def stored(page) -> dict:
    text = raw(page)
    return json.loads(text) if text else {}


def answers(page, ws: str) -> dict:
    return stored(page).get("worksheets", {}).get(ws, {}).get("answers", {})


def wait_answer(page, ws: str, field: str, value) -> None:
    """Wait until the stored answer for `field` equals `value` (autosave is debounced)."""
    wait_until(
        page,
        "([k, ws, f, v]) => { const d = JSON.parse(localStorage.getItem(k) || '{}');"
        " const a = d.worksheets && d.worksheets[ws] && d.worksheets[ws].answers;"
        " return !!a && JSON.stringify(a[f]) === JSON.stringify(v); }",
        [KEY, ws, field, value],
        timeout=30,  # a bound, not a delay: returns as soon as the answer is stored
    )


def flush(page) -> int:
    """Write every pending edit now and wait until it is stored, as leaving on purpose does (EVENT.FLUSH,
    answered by tab-store.js). The positive signal that no save is still to come; returns how many
    listeners answered."""
    return page.evaluate(
        """async (name) => {
          const waits = [];
          window.dispatchEvent(new CustomEvent(name, {detail: {waitUntil: (p) => waits.push(p)}}));
          await Promise.all(waits);
          return waits.length;
        }""",
        EVENTS["FLUSH"],
    )


def seed(page, site_url: str, value: str | dict, key: str = KEY) -> None:
    """Put `value` under `key` from a page of the site's origin, before the worksheet loads."""
    page.goto(f"{site_url}404.html")
    text = value if isinstance(value, str) else json.dumps(value)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, text])



def seed_plain(page, site_url: str, value: str | dict, key: str = KEY) -> None:
    """`seed` from the site's PLAIN_DOCUMENT (same origin, none of the site's scripts run, no service worker
    registered): the storage holds `value` before the worksheet loads, without a full page of the site."""
    page.goto(site_url + PLAIN_DOCUMENT)
    text = value if isinstance(value, str) else json.dumps(value)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, text])

def workbook(worksheets: dict) -> dict:
    return {"version": 1, "worksheets": {ws: {"answers": a, "updated": "2030-01-01T00:00:00.000Z"} for ws, a in worksheets.items()}}


def export_file(worksheets: dict, **extra) -> dict:
    body = {"format": "therapy-goals-workbook", "version": 1, "exported_at": "2030-01-01T00:00:00.000Z",
            "workbook_version": "0.1.0", "worksheets": workbook(worksheets)["worksheets"]}
    return {**body, **extra}


def download_json(page, selector: str) -> dict:
    with page.expect_download() as info:
        page.click(selector)
    return json.loads(open(info.value.path(), encoding="utf-8").read())


def import_file(page, data: bytes | str | dict, name: str = "answers.json", scope: str = "[data-wb-tools]") -> None:
    buffer = json.dumps(data).encode() if isinstance(data, dict) else (data.encode() if isinstance(data, str) else data)
    page.set_input_files(f"{scope} input[type=file]", files=[{"name": name, "mimeType": "application/json", "buffer": buffer}])


def dialog_text(page) -> str:
    wait_until(page, "() => !!document.querySelector('dialog[open]')")
    return page.inner_text("dialog[open]")


def choose(page, label: str) -> None:
    page.click(f"dialog[open] button:text-is('{label}')")
    wait_until(page, "() => !document.querySelector('dialog[open]')")


def alert_text(page) -> str:
    wait_until(page, "() => !!document.querySelector('[data-wb-tools] [role=alert]')")
    return page.inner_text("[data-wb-tools] .wb-alerts")


def no_script_ran(page) -> None:
    assert page.watch.dialogs == []
    assert page.evaluate("() => document.querySelectorAll('img[src=x], img[src=\"x\"]').length") == 0
    assert page.evaluate("() => [...document.scripts].every((s) => !s.textContent.includes('alert(1)'))")




# A page of the site's origin that runs none of the site's scripts (no service worker registered from it):
# where a shared context's helper tab writes the storage.
PLAIN_DOCUMENT = "assets/worksheets.json"
# In the helper tab: everything a fresh profile would not have, gone (localStorage, the workbook's Cache
# Storage, service worker registrations); sessionStorage is each tab's own and a test's tabs are new.
# A worker a reading page registered is still installing (its precache waits on the held downloads), and
# unregister() settles only when that install does: it is asked for, not awaited (an uninstalling
# registration serves no new page; it goes when its install ends).
EMPTY_PROFILE = """async () => {
  localStorage.clear();
  (await navigator.serviceWorker.getRegistrations()).forEach((r) => r.unregister());
  await Promise.all((await caches.keys()).map((name) => caches.delete(name)));
  return localStorage.length === 0 && (await caches.keys()).length === 0;
}"""


class HeldContext:
    """One browser context for a test file's tests that are not about the goal checker (its downloads held,
    hold_checker_downloads), and a helper tab in it that writes the storage; each test gets new tabs.

    Why: a new context per test, plus a load of 404.html in the test's page to seed the storage, cost
    about 1.5 s a test on a loaded machine (a seeded worksheet open: 2.7-3.3 s that way, 1.3 s this way).

    Each test still starts from what a fresh profile holds: `fresh()` closes the last test's tabs (their
    pagehide saves land first), then the helper tab empties localStorage, the Cache Storage and any service
    worker registration (EMPTY_PROFILE) and puts the test's seed in; sessionStorage is each new tab's own.
    The helper tab sits on a plain file of the site (PLAIN_DOCUMENT), so it registers no worker itself.

    Not for tests that use Playwright's clock (page.clock is the context's: it would outlive the test) or
    that need a context option of their own.
    """

    def __init__(self, browser, site_url: str, **context_options):
        from tests.browser.conftest import hold_checker_downloads, hold_offline_worker

        self.site_url = site_url
        self.context = browser.new_context(**context_options)
        try:
            hold_checker_downloads(self.context)
            # The offline worker's script too: with the checker's files held its install never ends, yet it
            # kept storing the site's files (each put re-opens its cache), so a cache the helper tab had just
            # deleted could come back before fresh() checked (CI, a busy machine: "storage was not emptied").
            hold_offline_worker(self.context)
            self.helper = self.context.new_page()
            self.helper.goto(site_url + PLAIN_DOCUMENT)
        except BaseException:
            self.context.close()
            raise

    def fresh(self):
        """Close every tab but the helper, empty the profile; return the context."""
        for tab in self.context.pages:
            if tab is not self.helper:
                tab.close()
        assert self.helper.evaluate(EMPTY_PROFILE), "the shared context's storage was not emptied"
        return self.context

    def seed(self, value: str | dict, key: str = KEY) -> None:
        """Put `value` under `key` from the helper tab (as `seed` does from the test's page, without a load)."""
        text = value if isinstance(value, str) else json.dumps(value)
        self.helper.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, text])

    def new_page(self):
        """A new tab of the context that records what it does (conftest.new_page)."""
        return new_page(self.context, self.site_url)

    def close(self) -> None:
        self.context.close()


def held_context_fixtures(name: str = "held", **context_options):
    """Module-scoped `name` (a HeldContext), and function-scoped `context` and `page` drawn from it in place of
    conftest's: each test's context is the shared one, emptied (HeldContext.fresh), and its page a new tab.
    Use as `held, context, page = held_context_fixtures()` in a test file."""

    held = held_context_fixture(name, **context_options)

    @pytest.fixture(name="context")
    def context(request):
        return request.getfixturevalue(name).fresh()

    @pytest.fixture(name="page")
    def page(context, request):
        return request.getfixturevalue(name).new_page()

    return held, context, page


def held_context_fixture(name: str, **context_options):
    """A module-scoped fixture called `name`: a HeldContext with `context_options` (for example bypass_csp for
    axe), for tests that take tabs from it themselves (`fresh()`, then `new_page()`)."""

    @pytest.fixture(scope="module", name=name)
    def held(browser, site_url):
        shared = HeldContext(browser, site_url, **context_options)
        yield shared
        shared.close()

    return held


def seed_python_snapshot(context, site_url: str, snapshot, cache: str | None = None) -> None:
    """Put the session's snapshot of Python (conftest.python_snapshot) where the checker's worker looks for it
    in `context` (or in the Cache Storage `cache`, put aside), as a reader's profile holds it after a first
    start: the worker then starts Python from it. For tests about the checker's answers, not its first start.

    From a tab of its own on PLAIN_DOCUMENT (none of the site's scripts run, no service worker registered),
    closed at the end; the bytes come from the session's site server (SNAPSHOT_SEED), not through the driver."""
    from tests.browser.conftest import PYTHON_SNAPSHOTS, SNAPSHOT_SEED

    tab = context.new_page()
    try:
        tab.goto(site_url + PLAIN_DOCUMENT)
        tab.evaluate("""async ([name, key, url]) => {
          const response = await fetch(url);
          if (!response.ok) throw new Error(`the snapshot's seed: HTTP ${response.status}`);
          const bytes = await response.blob();
          await (await caches.open(name)).put(key, new Response(bytes, {headers: {'Content-Type': 'application/octet-stream'}}));
        }""", [cache or PYTHON_SNAPSHOTS, snapshot.key, site_url + SNAPSHOT_SEED])
    finally:
        tab.close()


def reload_worksheet(page) -> None:
    """Reload the worksheet on screen (a full load, as open_worksheet's) and wait for what open_worksheet waits
    for: in place of a reload followed by open_worksheet's load of the same page, one load instead of two."""
    page.reload()
    wait_until(page, "() => !!document.querySelector('[data-wb-tools]')")


def hold_page_requests(context, pattern: str, held: list | None = None) -> list:
    """Keep the pages' requests of `context` that match `pattern` pending for as long as it lives (as
    conftest.hold_requests does), but not the offline worker's (its precache goes on): the held routes."""
    held = [] if held is None else held
    context.route(pattern, lambda route: route.fallback() if route.request.service_worker else held.append(route))
    return held


# Material's search: its worker's script and the index it builds from, fetched by every full load of a page.
SEARCH_FILES = ("**/search/search_index.json", "**/assets/javascripts/workers/search.*.js")


def hold_search(context) -> list:
    """Keep the pages' requests for Material's search (SEARCH_FILES) pending for as long as `context` lives; return
    the held routes. For tests whose subject is not the search: the worker never builds its index (about 0.07
    CPU-s of every full load of a page: 9 loads, 3 runs each way, 2-core machine under load: 0.63 -> 0.56 CPU-s a
    load), and with nothing answered nothing fails (no console error). The offline worker's own requests go on
    (its precache holds the search files too, and must end where a test waits for it)."""
    held: list = []
    for pattern in SEARCH_FILES:
        hold_page_requests(context, pattern, held)
    return held


def search_held_in(*names: str):
    """A module-scoped autouse fixture that holds Material's search (hold_search) in the HeldContexts named `names`
    (module fixtures of the test file). Use as `search_held = search_held_in("held", "held_axe")` in a test file."""

    @pytest.fixture(scope="module", autouse=True)
    def held_search(request):
        for name in names:
            hold_search(request.getfixturevalue(name).context)

    return held_search


@contextmanager
def deployed_here(browser, built_site, site_server, tmp_path, snapshot=None, own_browser: bool = False):
    """deployed_copy, served by the session's own site server (its origin) instead of a server of its own: a
    copy of the built site that the test may redeploy in place, in a fresh profile. Yields what deployed_copy
    yields (the copy, the server, the context, a page).

    Why: the session's snapshot of Python (conftest.python_snapshot) is keyed on that origin, so with `snapshot`
    given the checker of this profile starts from it (seed_python_snapshot), as a returning reader's does, not
    cold (6-8 CPU-s, then a snapshot of its own written) in tests about updates, not about Python's first start.
    A build whose checker changed looks up another key and starts cold, as it would on a host.

    The server's folder and its _headers rules (a test's deploy may set them) are put back after, whatever
    happened. Meanwhile every request to that server gets the copy: for one test at a time (as a worker runs
    them), while no other context of the session is loading from it (a module's open context stays idle)."""
    import functools

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    httpd = site_server.httpd
    serving = httpd.RequestHandlerClass
    handler = serving.func
    rules = list(handler.rules)
    httpd.RequestHandlerClass = functools.partial(handler, *serving.args, **{**serving.keywords, "directory": str(site)})
    try:
        owner = browser.browser_type.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS) \
            if own_browser else browser
        context = owner.new_context()
        try:
            if snapshot is not None:
                seed_python_snapshot(context, site_server.url, snapshot)
            yield site, site_server, context, new_page(context, site_server.url)
        finally:
            owner.close() if own_browser else context.close()
    finally:
        httpd.RequestHandlerClass = serving
        handler.rules[:] = rules


# Before any page script: the goal checker's worker is never made. checker.js gets a stand-in that says at once
# that the checker is unavailable, as a worker whose downloads are blocked does (test_checker's blocked-Pyodide
# test): no Python starts, and nothing waits on it (offline.js registers its worker once the checker has settled);
# every other worker (Material's search) is made as ever. For pages an offline worker controls: their requests go
# to it, and a context's routes only hold what reaches the network (Playwright does not route what a service worker
# answers), so holding the downloads (conftest.hold_checker_downloads) cannot keep their checker from starting.
# Only for tests that read nothing the checker affects.
CHECKER_NOT_STARTED = """
(() => {
  const Inert = class extends EventTarget {
    constructor() {
      super();
      const data = { type: "unavailable", reason: "not started in this test" };
      setTimeout(() => this.dispatchEvent(new MessageEvent("message", { data })), 0);
    }
    postMessage() {}
    terminate() {}
  };
  window.Worker = new Proxy(window.Worker, {
    construct: (Native, args, target) =>
      String(args[0]).includes("/checker-worker") ? new Inert() : Reflect.construct(Native, args, target),
  });
})();
"""


def keep_checker_from_starting(target) -> None:
    """In every document `target` (a context, or one page) loads from now on, the goal checker's worker is never
    made (CHECKER_NOT_STARTED): no Python starts, from a snapshot or cold, beside a test that reads nothing of it."""
    target.add_init_script(CHECKER_NOT_STARTED)


# CHECKER_NOT_STARTED in the first document of the site a tab loads, and in no later one: the tab's sessionStorage
# (which survives its reloads and navigations, and is its own) keeps a flag that the first document set. A document
# without storage of its own (about:blank) changes nothing and sets nothing.
CHECKER_NOT_STARTED_IN_FIRST_DOCUMENT = """
(() => {
  const FLAG = "__wbCheckerKeptOnce";
  try {
    if (location.protocol !== "http:" && location.protocol !== "https:") return;
    if (sessionStorage.getItem(FLAG)) return;
    sessionStorage.setItem(FLAG, "1");
  } catch (error) {
    return;
  }
""" + CHECKER_NOT_STARTED + """
})();
"""


def keep_checker_from_starting_in_first_document(page) -> None:
    """In the first document of the site `page` (one tab) loads from now on, the goal checker's worker is never made
    (CHECKER_NOT_STARTED); every later document of the tab (a reload, a navigation) starts it as ever. For a test that
    reads nothing of the checker on its first load and reads it after."""
    page.add_init_script(CHECKER_NOT_STARTED_IN_FIRST_DOCUMENT)


def wait_in_page(page, js: str, arg=None, timeout: float = 30.0) -> object:
    """conftest.wait_until, polled by the page itself: one evaluate that calls `js` (a JS function of `arg`, async or
    not) every 100 ms in the page until it returns something truthy (returned), or fails after `timeout` seconds.

    Why: wait_until's polls are a driver round trip each (Python, Playwright's driver, the renderer): about 0.04 CPU-s
    a second of waiting on this 2-core machine (a page idle 10 s: 0.42-0.45 CPU-s polled from here, 0.03-0.05 polled
    in the page, 2 runs each), which a first start of Python or a precache under load makes tens of seconds. Only
    for a wait during which the document stays (a navigation ends the evaluate: use wait_until across one), and not
    under Playwright's clock (page.clock would hold the page's timers)."""
    value = page.evaluate(f"""async ([arg, ms]) => {{
      const ready = ({js});
      const end = performance.now() + ms;
      for (;;) {{
        const value = await ready(arg);
        if (value) return value;
        if (performance.now() > end) return null;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }}
    }}""", [arg, timeout * 1000])
    if not value:
        raise AssertionError(f"timed out after {timeout}s waiting for: {js}")
    return value


def hold_checker_offline_and_search(context) -> None:
    """In `context`, everything a page fetches beside itself held: the goal checker's downloads
    (conftest.hold_checker_downloads), the offline worker's script (conftest.hold_offline_worker) and Material's
    search (hold_search). For tests about the page itself, none of the three (HeldPage, test_exit's own contexts,
    test_nothing_lost_tabs' axe context)."""
    from tests.browser.conftest import hold_checker_downloads, hold_offline_worker

    hold_checker_downloads(context)
    hold_offline_worker(context)
    hold_search(context)


# What the session's site server holds for a context that asks it to (hold_at_server), as fnmatch patterns of the
# URL's path: the requests of conftest.CHECKER_DOWNLOADS and conftest.OFFLINE_WORKER, and of SEARCH_FILES the worker's.
SERVER_HOLD_KINDS = {
    "checker": ("*/assets/pyodide/*.gz", "*/assets/pyodide/*.br"),
    "offline": ("*/sw.js",),
    # Only the search worker's script: the worker is never made, so the index is never built. The page's fetch of
    # the index is answered (from the HTTP cache after the first load): a held request takes one of the six
    # connections Chromium opens to a host, and a worksheet with a goal field holds four already.
    "search": ("*/assets/javascripts/workers/search.*.js",),
}


def hold_at_server(context, site_url: str, *kinds: str) -> None:
    """Have the session's site server (tests/sitebuild.py, SiteServer) hold the requests of `context` of each of
    `kinds` (SERVER_HOLD_KINDS: "checker", "offline", "search"): pending, never answered, for as long as the context
    lives. The context carries a cookie (sitebuild.HOLD_COOKIE, HttpOnly: no page script sees it) that its pages,
    their workers and its service workers all send, so the server holds what conftest.hold_checker_downloads and
    hold_offline_worker hold, and of what hold_search holds the search worker's script (the index is answered:
    with no worker it is never built); every request of the kind (hold_search lets a service worker's through:
    use "search" only where the offline worker is held too). The same state on the page, measured against the
    routes on a worksheet, a reading page and the progress tracker, twice each: each goal field's bar at 0.0 of
    3.5 MB, the offline worker's registration pending (no worker, no controller), no console error.

    A request held here keeps a connection open, and Chromium opens at most six to a host in a context: a worksheet
    with a goal field holds four (three downloads, the search worker), a reading page two (the search worker,
    sw.js). Not for tests with two pages open at once in one context: there the routes' holds (in the browser)
    are added too, and hold first.

    Why: any Playwright route in a context (context.route, as those helpers use) turns the context's HTTP cache off,
    so every full load there fetched and compiled Material's bundle and CSS again (13 reading-page loads: 6.4-7.3
    CPU-s with a route that matches nothing, 4.3-5.7 with none). Here the context has no route."""
    from tests import sitebuild

    for kind in kinds:
        sitebuild.SERVER_HOLDS.setdefault(kind, SERVER_HOLD_KINDS[kind])
    held = [c["value"] for c in context.cookies(site_url) if c["name"] == sitebuild.HOLD_COOKIE]
    value = ".".join(sorted(set(kinds) | set(held[0].split(".") if held else ())))
    context.add_cookies([{"name": sitebuild.HOLD_COOKIE, "value": value, "url": site_url, "httpOnly": True}])


def hold_checker_offline_and_search_at_server(context, site_url: str) -> None:
    """hold_checker_offline_and_search, held by the session's site server (hold_at_server): the context keeps its
    HTTP cache."""
    hold_at_server(context, site_url, "checker", "offline", "search")
