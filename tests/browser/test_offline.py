"""Offline after one visit, and a new build announcing itself without losing answers (issue 9).

Each test has its own browser context (a fresh profile), so the service worker
one test installs never serves another. The update test copies the built site
into a temp dir, serves the copy, and rewrites it there (a page, then sw.js via
generator.offline), as a deploy of a new build would.
"""

from __future__ import annotations

import time

import pytest

from generator import offline
from tests.browser.conftest import PYTHON_SNAPSHOTS, new_page, pages_of, wait_until
from tests.browser.workbook_helpers import (PLAIN_DOCUMENT, READY_SPY, UPDATE_CHECK, answers, deployed_copy, deployed_here,
                                           keep_checker_from_starting, open_worksheet, visit_once, wait_answer,
                                           wait_in_page)
from tests.sitebuild import ROOT

SMART = "worksheets/smart-goal/"


def feedback_for(page, text: str, timeout: float = 90) -> str:
    page.locator("#wb-goal").fill(text)
    return wait_in_page(  # polled in the page: a first start of Python is a long wait
        page,
        """(text) => {
          const region = document.querySelector('[data-smart-feedback="goal"]');
          return region && region.dataset.state === 'ready' && region.dataset.checked === text
            && region.querySelectorAll('[data-criterion]').length === 5 && region.dataset.state;
        }""",
        text,
        timeout=timeout,
    )


def test_registration_waits_for_load_and_idle_and_skips_save_data(browser, site_url):
    context = browser.new_context()
    try:
        # Who asks for saveData, and every register() call: offline.js decides once per tab, at start-up,
        # so its asking is the positive signal that the decision was made.
        context.add_init_script("""
          window.__askedSaveData = [];
          window.__registered = 0;
          Object.defineProperty(navigator, 'connection', {get: () => {
            window.__askedSaveData.push(new Error().stack || '');
            return {saveData: true};
          }});
          const register = ServiceWorkerContainer.prototype.register;
          ServiceWorkerContainer.prototype.register = function (...args) {
            window.__registered += 1;
            return register.apply(this, args);
          };
        """)
        page = new_page(context, site_url)
        page.goto(site_url)
        page.wait_for_load_state("load")
        wait_until(page, "() => window.__askedSaveData.some((stack) => stack.includes('/offline.'))")
        assert page.evaluate("() => window.__registered") == 0
        assert page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0
        assert not any("/assets/pyodide/" in u for u in page.watch.requests)
    finally:
        context.close()


@pytest.fixture(scope="module")
def visited(browser, site_url):
    """A fresh profile after one online visit to a reading page (the precache complete): (context, that
    page's requests, those of them that left the origin). Shared by the tests that then go offline (each
    goes offline itself): one precache of the site instead of one per test."""
    context = browser.new_context()
    try:
        page = new_page(context, site_url)
        visit_once(page, site_url)  # a reading page: the precache fetched the rest
        requests, foreign = list(page.watch.requests), page.watch.foreign()
        page.close()
        yield context, requests, foreign
    finally:
        context.close()


def test_every_page_opens_offline_after_one_visit_and_a_worksheet_fills_saves_and_checks(visited, site_url, built_site):
    context, visit, foreign = visited
    assert visit and not any("/assets/pyodide/" in u for u in visit), "a reading page fetched Pyodide itself"
    assert foreign == []

    context.set_offline(True)
    # Every page opened in a tab whose own scripts do not run (DevTools' Emulation.setScriptExecutionDisabled,
    # this tab only; the offline worker runs as ever): each open is still a navigation the worker answers, and
    # the checks read its response, parsed. Scripts on, each page's own start-up (Material, the workbook's
    # modules, a goal field's checker) cost about half a CPU-second a page, and nothing here read it: the
    # worksheet below runs its scripts offline, and test_instant_navigation_works_offline moves between pages.
    opener = new_page(context, site_url)
    context.new_cdp_session(opener).send("Emulation.setScriptExecutionDisabled", {"value": True})
    for path in pages_of(built_site):
        # Open: the worker's response, parsed (what the checks read); not every image and script loaded too.
        response = opener.goto(site_url + path, wait_until="domcontentloaded")
        assert response is not None and response.ok, f"{path} did not open offline"
        assert response.from_service_worker, f"{path} was not the offline worker's answer"
        headings, exits = opener.evaluate(
            "() => [document.querySelectorAll('h1').length, document.querySelectorAll('[data-wb-exit]').length]")
        assert headings >= 1, path
        assert exits == 1, path
    assert opener.evaluate("() => document.querySelector('[data-wb-exit-status], [data-wb-tools]')") is None  # no script ran
    opener.close()

    page = new_page(context, site_url)
    open_worksheet(page, site_url, "smart-goal")
    page.fill("#wb-why", "Offline on the bus")
    wait_answer(page, "smart-goal", "why", "Offline on the bus")
    assert feedback_for(page, "Walk for twenty minutes after lunch three times a week for the next month") == "ready"
    # What the reload shows is the answers, restored offline: its checker, which nothing below reads, is not
    # started a second time (from the snapshot the first start kept, for nothing).
    keep_checker_from_starting(page)
    page.reload()
    # Restoring happens once form.js has loaded, a moment after the page itself.
    wait_until(page, "() => document.querySelector('#wb-why')?.value === 'Offline on the bus'")
    assert answers(page, "smart-goal")["why"] == "Offline on the bus"
    assert page.watch.foreign() == []
    # The context is the module's (visited): the reloaded worksheet stays open no longer than the test.
    page.close()


def test_instant_navigation_works_offline(visited, site_url):
    context, _, _ = visited
    context.set_offline(True)
    page = new_page(context, site_url)
    page.goto(site_url + "smart-goals/")
    page.evaluate("() => { window.__same_document = true; }")
    page.locator(".md-nav a[href$='privacy/']").first.click()
    wait_until(page, "() => location.pathname.endsWith('/privacy/') && document.querySelector('h1')")
    assert page.locator("h1").first.inner_text().strip() != ""


def test_a_new_build_offers_a_reload_and_answers_survive(browser, built_site, site_server, tmp_path):
    # Served on the session's origin (deployed_here). The worksheet's checker, which this test never reads, is
    # never started (keep_checker_from_starting: the worksheet is the offline worker's, which a route cannot
    # hold), where Python started from the session's snapshot on both of its loads before.
    with deployed_here(browser, built_site, site_server, tmp_path) as (site, server, context, page):
        keep_checker_from_starting(context)
        # The one online visit is to a reading page: on the worksheet, registration would first wait for the
        # goal checker's start (checkerSettled in offline.js), which this test never reads. The
        # worksheet is then served by the worker, as after any first visit.
        visit_once(page, server.url)
        open_worksheet(page, server.url, "smart-goal")
        page.fill("#wb-why", "Typed before the update")
        wait_answer(page, "smart-goal", "why", "Typed before the update")
        page.fill("#wb-goal", "Still typing when the notice came")  # not yet saved when the update lands

        # Deploy a new build in place: one page changes, sw.js is regenerated.
        privacy = site / "privacy" / "index.html"
        privacy.write_text(privacy.read_text("utf-8").replace("</h1>", " (new build)</h1>", 1), encoding="utf-8")
        old_sw = (site / "sw.js").read_text("utf-8")
        offline.write_offline(site, ROOT / "node_modules")
        assert (site / "sw.js").read_text("utf-8") != old_sw

        page.evaluate(UPDATE_CHECK)
        wait_in_page(page, "() => { const n = document.querySelector('[data-wb-update]');"
                         " return n && n.getAttribute('role') === 'status' && n.querySelector('button'); }", timeout=90)
        assert "new version" in page.locator("[data-wb-update]").inner_text()

        # The reload's new document (its load event), not expect_navigation, which a scroll's
        # history.replaceState also ends (as in test_nothing_lost_reload): the checks below must read the new page.
        with page.expect_event("load"):
            page.locator("[data-wb-update] button").click()
        wait_until(page, "() => !!document.querySelector('[data-wb-tools]')")
        assert page.input_value("#wb-why") == "Typed before the update"
        assert page.input_value("#wb-goal") == "Still typing when the notice came"
        assert answers(page, "smart-goal")["goal"] == "Still typing when the notice came"

        # The new version serves the new page, from its cache, offline too.
        context.set_offline(True)
        page.goto(server.url + "privacy/")
        assert "(new build)" in page.locator("h1").first.inner_text()


# Each page's own register() call, and how it settled: the reloaded page tries once more and must fail
# (no sw.js), and until that failure lands the browser lists its half-made registration.
REGISTER_SPY = """
  const register = ServiceWorkerContainer.prototype.register;
  ServiceWorkerContainer.prototype.register = function (...args) {
    const out = register.apply(this, args);
    out.then(() => { window.__registerSettled = 'resolved'; }, () => { window.__registerSettled = 'rejected'; });
    return out;
  };
"""


def test_a_build_without_a_worker_removes_the_old_one(browser, built_site, tmp_path):
    """What `mkdocs serve` does for authors: no sw.js, so pages drop any worker from an earlier build."""
    with deployed_copy(browser, built_site, tmp_path) as (site, server, context, page):
        context.add_init_script(REGISTER_SPY)
        visit_once(page, server.url)
        (site / "sw.js").unlink()  # the dev server writes none
        index = site / "index.html"
        index.write_text(index.read_text("utf-8").replace("</h1>", " (edited)</h1>", 1), encoding="utf-8")
        page.goto(server.url)  # the old worker finds no sw.js, unregisters and reloads the page
        # The end state, seen from a page the old worker no longer controls, after that page's own
        # register() has failed: nothing registered. (Read too early, the list may still hold the
        # half-made registration of that last attempt.) The page reloads itself on the way, so a
        # read may meet a navigation.
        gone = """async () => window.__registerSettled === 'rejected' && !navigator.serviceWorker.controller
          && (await navigator.serviceWorker.getRegistrations()).length === 0"""
        deadline = time.monotonic() + 60
        while not _read(page, gone):
            assert time.monotonic() < deadline, _read(page, STATE)
            page.wait_for_timeout(200)
        page.goto(server.url)
        assert "(edited)" in page.locator("h1").first.inner_text()
        assert page.evaluate("() => !navigator.serviceWorker.controller")


STATE = """async () => JSON.stringify({registrations: (await navigator.serviceWorker.getRegistrations()).length,
  controlled: !!navigator.serviceWorker.controller, register: window.__registerSettled || null})"""


def _read(page, js: str):
    try:
        return page.evaluate(js)
    except Exception as error:  # the page navigated while the read was under way
        return f"(no reading: {error})"[:200] if js is STATE else None


SNAPSHOT_STORED = f"async () => (await (await caches.open('{PYTHON_SNAPSHOTS}')).keys()).length === 1"
STATUSES = """() => Object.fromEntries([...document.querySelectorAll('[data-smart-feedback="goal"] [data-criterion]')]
    .map(li => [li.dataset.criterion, li.dataset.status]))"""


GOALS = ["feel better", "Walk for twenty minutes after dinner three times a week for the next four weeks"]


def statuses_of_goals(page, site_url: str) -> list[dict]:
    """Open the SMART worksheet and return the checker's statuses for each of GOALS in turn."""
    open_worksheet(page, site_url, "smart-goal")  # typed before the form mounts, text is lost (form.js restore)
    found = []
    for goal in GOALS:
        feedback_for(page, goal)
        found.append(page.evaluate(STATUSES))
    return found


@pytest.fixture(scope="module")
def first_start(browser, site_url):
    """A fresh profile whose first start of Python checked GOALS and kept its snapshot: (context, the
    statuses for each goal, whether that start was from a snapshot). Shared by the two snapshot tests:
    one first start instead of two.

    Service workers blocked: the snapshot is the checker's own (Cache Storage, kept by its worker), not the
    offline copy's, and a registered offline worker would precache the whole site (Pyodide too) beside the
    first start, for nothing these tests read (as conftest._make_python_snapshot and test_deploy do)."""
    context = browser.new_context(service_workers="block")
    context.add_init_script(READY_SPY)
    try:
        page = new_page(context, site_url)
        first = statuses_of_goals(page, site_url)
        from_snapshot = page.evaluate("() => window.__ready && window.__ready.snapshot")
        wait_in_page(page, SNAPSHOT_STORED, timeout=60)
        page.close()
        yield context, first, from_snapshot
    finally:
        context.close()


def test_a_second_visit_starts_python_from_a_snapshot_with_the_same_feedback(first_start, site_url):
    context, first, from_snapshot = first_start
    assert from_snapshot is False
    page = new_page(context, site_url)
    again = statuses_of_goals(page, site_url)
    assert page.evaluate("() => window.__ready && window.__ready.snapshot") is True
    assert again == first
    assert page.watch.errors == []


def test_a_broken_snapshot_is_dropped_and_python_starts_as_before(first_start, site_url):
    context, _, _ = first_start
    page = new_page(context, site_url)
    page.goto(site_url + PLAIN_DOCUMENT)  # a file of the origin: none of the site's scripts, no checker started
    wait_in_page(page, SNAPSHOT_STORED, timeout=60)
    page.evaluate("""async (name) => {
      const cache = await caches.open(name);
      const [key] = await cache.keys();
      await cache.put(key, new Response(new Uint8Array(1024)));
    }""", PYTHON_SNAPSHOTS)
    open_worksheet(page, site_url, "smart-goal")  # typed before the form mounts, text is lost (form.js restore)
    assert feedback_for(page, "Call my sister every Sunday evening this month") == "ready"
    assert page.evaluate("() => window.__ready.snapshot") is False
    # The fresh start kept a new snapshot in place of the broken one (the worker's own entry, typed).
    wait_in_page(page, """async (name) => {
      const cache = await caches.open(name);
      const [key, ...more] = await cache.keys();
      return key && !more.length && (await cache.match(key)).headers.get('Content-Type') === 'application/octet-stream';
    }""", PYTHON_SNAPSHOTS, timeout=60)
