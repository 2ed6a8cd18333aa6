"""The SMART checker live in the page: Pyodide in a module worker, feedback as you type."""

from __future__ import annotations

import pytest

from tests.browser.conftest import new_page, wait_until
from tests.browser.warm_page import OfflineWorkerHeld, WarmPage
from tests.browser.workbook_helpers import seed_python_snapshot

SMART = "worksheets/smart-goal/"
READY = "() => document.querySelector('[data-smart-feedback=\"goal\"]')?.dataset.state === 'ready'"
STATUSES = """() => Object.fromEntries([...document.querySelectorAll('[data-smart-feedback="goal"] [data-criterion]')]
    .map(li => [li.dataset.criterion, li.dataset.status]))"""
CRITERIA = {"specific", "measurable", "attainable", "relevant", "time_bound"}


# One page whose checker has booted, for the tests about its answers (warm_page.py), from the session's snapshot
# of Python (conftest.python_snapshot): these tests read answers, not a first start. The tests about the boot
# itself (downloads, one worker across navigation, a blocked download) open their own. Nor are they about the
# offline copy: its worker's script is held in that context (OfflineWorkerHeld).
@pytest.fixture(scope="module")
def warm(browser, site_server, python_snapshot):
    page = WarmPage(OfflineWorkerHeld(browser), site_server, SMART, snapshot=python_snapshot)
    yield page
    page.close()


@pytest.fixture
def smart_page(warm):
    """The SMART goal worksheet, a fresh view with empty storage, on the warm page."""
    return warm.open(SMART)


def statuses_after_typing(page, text: str) -> dict[str, str]:
    """Type a goal and wait for the feedback about exactly that text."""
    page.locator("#wb-goal").fill(text)
    wait_until(
        page,
        """(text) => {
          const region = document.querySelector('[data-smart-feedback="goal"]');
          return region.dataset.state === 'ready' && region.dataset.checked === text
            && region.querySelectorAll('[data-criterion]').length === 5;
        }""",
        text,
        timeout=60,
    )
    return page.evaluate(STATUSES)


def test_feedback_arrives_with_five_criteria_and_tells_vague_from_smart(smart_page):
    page = smart_page
    vague = statuses_after_typing(page, "feel better")
    assert set(vague) == CRITERIA
    assert vague["specific"] != "met" and vague["measurable"] != "met" and vague["time_bound"] != "met"
    region = page.locator('[data-smart-feedback="goal"]')
    assert region.get_attribute("aria-live") == "polite"

    smart = statuses_after_typing(page, "Walk for twenty minutes after dinner three times a week for the next four weeks")
    assert smart["specific"] == "met" and smart["measurable"] == "met" and smart["time_bound"] == "met"
    assert region.get_attribute("data-framing") == "approach"
    marks = page.locator('[data-smart-feedback="goal"] mark').all_text_contents()
    assert any("three times a week" in m or "twenty minutes" in m for m in marks), marks
    assert page.watch.errors == []


def test_avoidance_goal_gets_a_reframe_and_companions_count(smart_page):
    page = smart_page
    statuses_after_typing(page, "Stop avoiding my friends' calls")
    region = page.locator('[data-smart-feedback="goal"]')
    assert region.get_attribute("data-framing") in ("avoidance", "mixed")
    assert page.locator(".wb-feedback__reframe").count() == 1
    assert page.evaluate(STATUSES)["relevant"] == "missing"

    page.locator("#wb-why").fill("I miss feeling close to them and I want my weekends back")
    page.locator('input[name="confidence"][value="3"]').check()
    wait_until(page, f"() => (s => s.relevant === 'met' && s.attainable === 'partial')(({STATUSES})())")


def test_goal_text_is_never_run_as_html(smart_page):
    page = smart_page
    payload = '<img src=x onerror=alert(1)> "><script>alert(1)</script> twice a week'
    statuses_after_typing(page, payload)
    assert page.locator('[data-smart-feedback="goal"] img').count() == 0
    assert page.watch.dialogs == []


# Not about the offline copy nor the search: the offline worker's script and Material's search are held (conftest.offline_held,
# search_held), so neither fetches and stores the site's files beside the test.
@pytest.mark.usefixtures("offline_held", "search_held")
def test_one_worker_survives_instant_navigation(context, page, site_url, site_server, python_snapshot):
    if not site_server.default_port:
        pytest.skip("instant navigation needs the site on the default port (bind port 80 as root)")
    # One worker, whatever its Python starts from: from the session's snapshot, as a returning reader's does.
    seed_python_snapshot(context, site_url, python_snapshot)
    page.goto(site_url + SMART)
    wait_until(page, READY, timeout=60)
    wasm = lambda: [u for u in page.watch.requests if u.endswith("pyodide.asm.wasm.br")]
    assert len(wasm()) == 1
    page.evaluate("() => { window.__same_document = true; }")  # survives only if no full reload
    page.locator('a[href$="approach-or-avoidance/"]').first.click()
    wait_until(page, "() => location.pathname.endsWith('/approach-or-avoidance/')")
    assert page.evaluate("() => window.__same_document === true"), "the link caused a full page load"
    wait_until(page, "() => document.querySelector('[data-smart-feedback=\"goal_as_it_comes\"]')?.dataset.state === 'ready'")
    assert len(wasm()) == 1, "navigating between worksheets booted Pyodide again"


# The search is not held here: its held requests would keep the page from ever being idle on the network.
@pytest.mark.usefixtures("offline_held")
def test_reading_pages_fetch_no_pyodide(page, site_url):
    for path in ("", "smart-goals/", "privacy/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert [u for u in page.watch.requests if "/assets/pyodide/" in u or "/assets/python/" in u] == []


@pytest.mark.usefixtures("offline_held", "search_held")
def test_blocked_pyodide_leaves_a_working_form(context, site_url):
    context.route("**/assets/pyodide/**", lambda route: route.abort())
    page = new_page(context, site_url)
    page.goto(site_url + SMART)
    wait_until(page, "() => document.querySelector('[data-smart-feedback=\"goal\"]')?.dataset.state === 'unavailable'", timeout=60)
    assert "not available" in page.locator('[data-smart-feedback="goal"]').inner_text()
    page.locator("#wb-goal").fill("Call my sister every Sunday")
    saved = wait_until(page, "() => localStorage.getItem('workbook:v1')?.includes('Call my sister every Sunday')")
    assert saved
    page.reload()
    wait_until(page, "() => document.querySelector('#wb-goal').value === 'Call my sister every Sunday'")


def test_a_first_worksheet_visit_downloads_pyodide_once(browser, site_url, site_server, tmp_path, python_snapshot):
    """The offline precache waits for the checker and revalidates the wasm instead of fetching it again.

    A real profile (disk cache) is needed: an incognito context's memory cache keeps no 9 MB entry.
    About the downloads, not Python's first start: the worker still downloads the wasm (and every other file)
    on this first visit, then starts Python from the session's snapshot (conftest.python_snapshot, seeded
    from a plain file of the site: no page of the site loaded, no offline worker registered, the wasm not
    fetched), in under half a first start's CPU.
    """
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    before = len(site_server.served)
    ctx = browser.browser_type.launch_persistent_context(tmp_path, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    try:
        seed_python_snapshot(ctx, site_url, python_snapshot)
        page = ctx.new_page()
        page.goto(site_url + SMART)
        wait_until(page, READY, timeout=60)
        page.evaluate("async () => { await navigator.serviceWorker.ready; }")
        wait_until(page, "() => !!navigator.serviceWorker.controller", timeout=60)
    finally:
        ctx.close()
    wasm = [code for p, code in site_server.served[before:] if p.endswith("pyodide.asm.wasm.br")]
    assert wasm == [200, 304], wasm
