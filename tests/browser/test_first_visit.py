"""A first visit on a slow or broken connection (issues 14 and 16).

The checker's download shows a named progress bar that moves, is announced
politely at most every 25 % and never takes the focus; typing saves as usual
meanwhile. A wasm that is blocked, missing or cut short turns the feedback
region to "unavailable" with a Retry button as soon as the failure happens (a
failure signal, no fixed timeout), and Retry after the network recovers brings the checker up.
"""

from __future__ import annotations

import re
import time

import pytest

from tests.browser.conftest import PYTHON_SNAPSHOTS, new_page, run_axe, wait_until
from tests.browser.workbook_helpers import READY_SPY, seed_python_snapshot

SMART = "worksheets/smart-goal/"
REGION = '[data-smart-feedback="goal"]'
STATE = "() => document.querySelector('[data-smart-feedback=\"goal\"]')?.dataset.state"
READYING = "Getting the goal checker ready (one time only)"
# Records every text the polite announcer and the status line take, as they change.
RECORD = """
window.__seen = { announced: [], status: [] };
new MutationObserver(() => {
  const region = document.querySelector('[data-smart-feedback="goal"]');
  if (!region) return;
  const said = region.querySelector('.wb-feedback__announce')?.textContent;
  if (said && said !== window.__seen.announced.at(-1)) window.__seen.announced.push(said);
  const status = region.querySelector('.wb-feedback__status')?.textContent;
  if (status && status !== window.__seen.status.at(-1)) window.__seen.status.push(status);
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


def _throttle(context, page, bytes_per_s: float) -> None:
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions",
             {"offline": False, "latency": 40, "downloadThroughput": bytes_per_s, "uploadThroughput": bytes_per_s})


@pytest.fixture
def axe_context(browser):
    ctx = browser.new_context(bypass_csp=True)  # axe is injected as an inline script
    yield ctx
    ctx.close()


def test_the_download_shows_a_named_moving_bar_and_typing_saves_meanwhile(axe_context, site_url, python_snapshot):
    context = axe_context
    context.add_init_script(RECORD)
    # About the download, not Python's first start: the worker still downloads every file through the slow
    # line (the bar, its words, "Starting…" once nothing is under way), then starts Python from the session's
    # snapshot (conftest.python_snapshot) in about a second instead of a first start's five or more.
    seed_python_snapshot(context, site_url, python_snapshot)
    page = new_page(context, site_url)
    # About 4 s for the checker's 4 MB: long enough for several progress steps and for typing to save
    # while it downloads (the state stays "loading" through Python's start after it, seconds more).
    _throttle(context, page, 1_000_000)
    page.goto(site_url + SMART, wait_until="commit")  # the page's load shares the slow line with the download
    bar = page.get_by_role("progressbar", name=READYING)
    bar.wait_for(timeout=90_000)  # a loaded machine can take long to run the page's modules
    goal = page.locator("#wb-goal")
    goal.click()
    page.keyboard.type("Walk to the shop every morning")
    first = float(bar.get_attribute("value") or 0)
    moved = wait_until(page, "(first) => { const b = document.querySelector('.wb-feedback__bar');"
                             " return b && b.value > first ? b.value : (b ? 0 : -1); }", first, timeout=60)
    assert moved == -1 or moved > first  # -1: the download ended between two looks, which also moved it
    words = page.locator(f"{REGION} .wb-feedback__status").text_content()
    saved_while_loading = wait_until(
        page, "() => (localStorage.getItem('workbook:v1') || '').includes('every morning') &&"
              " document.querySelector('[data-smart-feedback=\"goal\"]').dataset.state", timeout=20)
    assert saved_while_loading == "loading", "the answer should save before the checker is ready"
    assert run_axe(page) == []
    wait_until(page, f"() => ({STATE})() === 'ready'", timeout=120)
    assert page.evaluate("() => document.activeElement && document.activeElement.id") == "wb-goal"
    assert goal.input_value() == "Walk to the shop every morning"

    seen = page.evaluate("() => window.__seen")
    downloading = [s for s in seen["status"] if s.startswith(READYING)]
    assert len(downloading) >= 2, seen["status"]  # the words moved with the bar
    assert all(re.fullmatch(rf"{re.escape(READYING)}: \d+\.\d of \d+\.\d MB", s) for s in downloading), downloading
    assert re.fullmatch(rf"{re.escape(READYING)}: \d+\.\d of \d+\.\d MB", words or "") or words.startswith("The goal checker")
    # Politely, at most every 25 %: each announcement is a new quarter.
    quarters = [int(re.match(rf"{re.escape(READYING)}: (\d+)%", said).group(1)) for said in seen["announced"]]
    assert quarters and quarters == sorted(set(quarters)) and set(quarters) <= {0, 25, 50, 75, 100}, seen["announced"]
    starting = [i for i, s in enumerate(seen["status"]) if "Starting…" in s]
    assert starting and starting[0] > seen["status"].index(downloading[-1]), seen["status"]
    assert page.locator(f"{REGION} progress").count() == 0
    assert page.locator(f"{REGION} .wb-criterion").count() == 5  # feedback on what was typed


FAILURE_SIGNAL_BOUND = 20.0  # seconds; the timeout it replaced was 60 s


def _break(kind: str, when: list):
    def handler(route):  # `when`: the moment the failure is handed to the browser
        if kind == "blocked":
            when.append(time.monotonic())
            route.abort("blockedbyclient")
        elif kind == "missing":
            when.append(time.monotonic())
            route.fulfill(status=404, body="not here")
        else:  # cut short: the first half of the real file (brotli or gzip), sent as if complete
            body = route.fetch().body()
            when.append(time.monotonic())
            route.fulfill(status=200, headers={"Content-Type": "application/octet-stream"}, body=body[: len(body) // 2])
    return handler


# Where these tests put the session's snapshot of Python aside (the worker's own cache: PYTHON_SNAPSHOTS).
STASH = "test-snapshot-aside"

@pytest.fixture(scope="module")
def recovery(browser, site_url, python_snapshot):
    """One profile for the failure tests below, and the session's snapshot of Python (conftest.python_snapshot)
    put aside in it.

    Each test's failed attempt is a first visit: nothing where the worker looks for a snapshot,
    localStorage empty (recovering() clears both after every test), no HTTP cache (a route stays
    on, and Playwright turns the browser's cache off while any route is on: every retried download
    comes from the host again, which the tests check) and no service worker (once registered it
    could serve the retry from its own copy). Before Retry a test puts the snapshot back: the new
    worker still downloads everything and the checker answers, but Python starts from the snapshot
    in about a second instead of a first start's five (many more under load), once per failure.
    """
    ctx = browser.new_context(service_workers="block")
    ctx.route("**/assets/pyodide/**", lambda route: route.fallback())
    ctx.add_init_script(READY_SPY)
    try:
        seed_python_snapshot(ctx, site_url, python_snapshot, cache=STASH)
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def recovering(recovery, site_url):
    """A page in the recovery profile; afterwards the snapshot is out of the worker's way and storage is empty again."""
    page = new_page(recovery, site_url)
    yield page
    try:
        page.evaluate("async (name) => { await caches.delete(name); localStorage.clear(); }", PYTHON_SNAPSHOTS)
    finally:
        page.close()


# The brotli wasm, and the decoder the worker downloads for it (generator/assets.py): each one failing.
@pytest.mark.parametrize("name,kind", [
    ("pyodide.asm.wasm.br", "blocked"), ("pyodide.asm.wasm.br", "missing"), ("pyodide.asm.wasm.br", "truncated"),
    ("brotli_dec_wasm_bg.wasm.gz", "truncated"), ("brotli_dec_wasm.js", "blocked"),
])
def test_a_failed_wasm_is_unavailable_at_once_and_retry_recovers(recovery, recovering, site_url, site_server, name, kind):
    context, page = recovery, recovering
    when: list[float] = []
    handler = _break(kind, when)
    context.route(f"**/{name}", handler)
    page.goto(site_url + SMART)
    wait_until(page, f"() => ({STATE})() === 'unavailable'", timeout=60)
    shown = time.monotonic()
    assert when, f"{name} was never asked for"
    # A failure signal, not a timer: the old code waited out a 60 s timeout.
    # The bound is far below that but loose enough for a loaded machine (a
    # quiet one shows it in well under 2 s); wall time is not asserted tightly.
    assert shown - when[-1] < FAILURE_SIGNAL_BOUND, f"unavailable {shown - when[-1]:.1f} s after the failure"
    region = page.locator(REGION)
    assert "not available" in region.inner_text()
    retry = region.get_by_role("button", name="Retry")
    assert retry.is_visible()
    # Typing still saves.
    page.locator("#wb-goal").fill("Phone my brother on Sundays")
    wait_until(page, "() => (localStorage.getItem('workbook:v1') || '').includes('Phone my brother')")
    context.unroute(f"**/{name}", handler)
    # The failed attempt was a first visit: no snapshot where the worker looked.
    assert page.evaluate("async (name) => (await (await caches.open(name)).keys()).length", PYTHON_SNAPSHOTS) == 0
    page.evaluate("""async ([name, aside]) => {
      const stash = await caches.open(aside);
      const [key] = await stash.keys();
      await (await caches.open(name)).put(key, await stash.match(key));
    }""", [PYTHON_SNAPSHOTS, STASH])
    before = len(site_server.served)
    retry.click()
    wait_until(page, f"() => ({STATE})() === 'ready'", timeout=90)
    assert page.evaluate("() => document.activeElement && document.activeElement.id") == "wb-goal"
    wait_until(page, "() => document.querySelector('[data-smart-feedback=\"goal\"]').dataset.checked === 'Phone my brother on Sundays'")
    assert region.get_by_role("button", name="Retry").count() == 0
    # The new worker downloaded the failed file again, from the host, and started from the snapshot put back.
    assert 200 in [code for path, code in site_server.served[before:] if path.endswith("/" + name)], site_server.served[before:]
    assert page.evaluate("() => window.__ready && window.__ready.snapshot") is True


# A build without an offline copy: the page's data-wb-sw is blanked as soon as it is parsed.
NO_OFFLINE = """
new MutationObserver((_, observer) => {
  const bar = document.querySelector('[data-wb-sw]');
  if (bar) { bar.setAttribute('data-wb-sw', ''); observer.disconnect(); }
}).observe(document, { subtree: true, childList: true });
"""
WARMED = """() => performance.getEntriesByType('resource')
  .some((e) => e.name.includes('/assets/pyodide/') && e.name.endsWith('pyodide.asm.wasm.br') && e.responseEnd > 0)"""


def test_a_reading_page_warms_the_download_after_it_loads_and_the_worksheet_reuses_it(context, site_url, site_server, python_snapshot):
    context.add_init_script(NO_OFFLINE)
    # About the download, not Python's first start: the worker starts Python from the session's snapshot.
    seed_python_snapshot(context, site_url, python_snapshot)
    page = new_page(context, site_url)
    before = len(site_server.served)
    page.goto(site_url + "smart-goals/")
    wait_until(page, WARMED, timeout=60)
    timing = page.evaluate("""() => ({
      loaded: performance.getEntriesByType('navigation')[0].loadEventEnd,
      starts: performance.getEntriesByType('resource').filter((e) => e.name.includes('/assets/pyodide/')).map((e) => e.startTime),
    })""")
    assert timing["loaded"] > 0 and timing["starts"]
    assert min(timing["starts"]) >= timing["loaded"], "the reading page fetched Pyodide while it loaded"
    page.goto(site_url + SMART)
    wait_until(page, f"() => ({STATE})() === 'ready'", timeout=60)
    wasm = [code for path, code in site_server.served[before:] if path.endswith("pyodide.asm.wasm.br")]
    assert wasm in ([200], [200, 304]), wasm  # the worksheet did not download it again


@pytest.fixture
def context_without_offline(browser):
    """A fresh profile with service workers blocked: the offline worker's precache (after the checker is ready)
    would fetch the same files through a test's routes, beside the checker's worker."""
    ctx = browser.new_context(service_workers="block")
    yield ctx
    ctx.close()


def test_a_host_that_decodes_the_files_itself_still_works(context_without_offline, site_url, site_server, python_snapshot):
    """A host that sends the .gz files with Content-Encoding: gzip, and the .br wasm with Content-Encoding: br,
    hands the worker plain bytes: they pass through, and no brotli decoder is downloaded."""
    import gzip

    import brotli

    decoded: list[str] = []

    def plain(route):
        name = route.request.url.rsplit("/", 1)[-1]
        body = route.fetch().body()
        body = brotli.decompress(body) if name.endswith(".br") else gzip.decompress(body)
        decoded.append(name)
        route.fulfill(status=200, headers={"Content-Type": "application/octet-stream"}, body=body)

    # About the downloads, not Python's first start: the worker still downloads every file, and starts
    # Python from the session's snapshot. The routes count the worker's downloads only (no offline worker:
    # once the checker was ready, its precache could fetch checker.json.gz through them too, as one run did).
    context = context_without_offline
    seed_python_snapshot(context, site_url, python_snapshot)
    for name in ("pyodide.asm.wasm.br", "python_stdlib.zip.gz", "checker.json.gz"):
        context.route(f"**/{name}", plain)
    before = len(site_server.served)
    page = new_page(context, site_url)
    page.goto(site_url + SMART)
    page.locator("#wb-goal").fill("Swim twice a week before work")
    wait_until(page, "() => document.querySelector('[data-smart-feedback=\"goal\"]').dataset.checked === 'Swim twice a week before work'", timeout=90)
    assert sorted(decoded) == ["checker.json.gz", "pyodide.asm.wasm.br", "python_stdlib.zip.gz"]
    assert not [path for path, _ in site_server.served[before:] if "brotli_dec_wasm" in path]
    assert page.locator(f"{REGION} .wb-criterion").count() == 5


def test_a_host_that_sends_the_wasm_with_content_encoding_br_still_works(context_without_offline, built_site, site_server,
                                                                         python_snapshot):
    """A host that serves pyodide.asm.wasm.br with Content-Encoding: br: the browser decodes it, the worker
    sees the wasm's own magic and passes it through, and downloads no brotli decoder."""
    (wasm,) = built_site.glob("assets/pyodide/*/pyodide.asm.wasm.br")
    # The session's server, its _headers rules plus one for this test only, as a line added to that host's
    # _headers file would give (removed at the end). Its origin is the one the session's snapshot of Python
    # is keyed on: about the download, not Python's first start, the worker starts from that snapshot.
    context = context_without_offline
    seed_python_snapshot(context, site_server.url, python_snapshot)
    rules = site_server.httpd.RequestHandlerClass.func.rules
    rule = (f"/{wasm.relative_to(built_site).as_posix()}", [("Content-Encoding", "br")])
    rules.append(rule)
    try:
        before = len(site_server.served)
        page = new_page(context, site_server.url)
        encodings = {}
        page.on("response", lambda r: encodings.setdefault(r.url.rsplit("/", 1)[-1], r.headers.get("content-encoding")))
        page.goto(site_server.url + SMART)
        page.locator("#wb-goal").fill("Cycle to work on Mondays and Thursdays")
        wait_until(page, "() => document.querySelector('[data-smart-feedback=\"goal\"]').dataset.checked"
                         " === 'Cycle to work on Mondays and Thursdays'", timeout=90)
        assert encodings.get("pyodide.asm.wasm.br") == "br"
        assert page.locator(f"{REGION} .wb-criterion").count() == 5
        assert not [path for path, _ in site_server.served[before:] if "brotli_dec_wasm" in path]
    finally:
        rules.remove(rule)
