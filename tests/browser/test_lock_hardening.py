"""The lock against a shared device (issue 14): the passphrase is never offered to the browser's or a
password manager's store, and a page left (pagehide, back-forward cache) locks before it shows anything."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_until
from tests.browser.test_lock import LOCK_DIALOG, PASS, dialog_closed, lock_dialog, open_unlocked, privacy, submit
from tests.browser.workbook_helpers import open_worksheet, seed_python_snapshot

WS = "smart-goal"
BOXES = f"{LOCK_DIALOG} input[type=password]"


def boxes(page) -> list[dict]:
    return page.evaluate("""(s) => [...document.querySelectorAll(s)].map((i) => ({
      autocomplete: i.getAttribute('autocomplete'), inForm: !!i.closest('form'), name: i.getAttribute('name'),
      managers: ['data-1p-ignore', 'data-lpignore', 'data-bwignore'].every((a) => i.getAttribute(a) === 'true'),
    }))""", BOXES)


# Not about the goal checker: its downloads wait, so Pyodide does not boot (cold, about 4 CPU-s) on the
# worksheet; nor about the offline copy, whose worker would then never install (hold_offline_worker); nor
# about Material's search (hold_search).
@pytest.mark.usefixtures("checker_held", "offline_held", "search_held")
def test_passphrase_boxes_invite_no_saving_or_autofill(page, site_url):
    privacy(page, site_url)
    page.click("[data-wb-lock-set]")
    lock_dialog(page)
    assert boxes(page) == [{"autocomplete": "new-password", "inForm": False, "name": None, "managers": True}] * 2
    assert page.locator(f"{LOCK_DIALOG} form").count() == 0  # no form to submit: no save-password heuristics
    # Enter in a box sets it, as a form would
    page.locator(BOXES).nth(0).fill(PASS)
    page.locator(BOXES).nth(1).fill(PASS)
    page.locator(BOXES).nth(1).press("Enter")
    dialog_closed(page)
    assert page.evaluate("() => document.querySelectorAll('input[type=password]').length") == 0

    open_worksheet(page, site_url, WS)
    lock_dialog(page)
    assert boxes(page) == [{"autocomplete": "off", "inForm": False, "name": None, "managers": True}]
    box = page.locator(BOXES).first
    box.fill(PASS)
    box.press("Enter")
    dialog_closed(page)


# Not about the offline copy (no worker fetching the whole site, Pyodide included), nor about Material's search.
@pytest.mark.usefixtures("offline_held", "search_held")
def test_a_page_left_is_locked_and_asks_again_when_it_comes_back_from_the_cache(context, page, site_url, python_snapshot):
    # The checker's feedback must leave with the answers: it answers, from the session's snapshot of Python
    # as a returning reader's profile holds it (its first start is test_first_visit's and test_checker's).
    seed_python_snapshot(context, site_url, python_snapshot)
    privacy(page, site_url)
    page.click("[data-wb-lock-set]")
    lock_dialog(page)
    submit(page, PASS, PASS)
    dialog_closed(page)
    open_unlocked(page, site_url, WS)  # the key set here kept (the first test's load asks)
    page.fill("#wb-goal", "Walk at lunch")
    wait_until(page, "() => !!JSON.parse(localStorage.getItem('workbook:v1')).locked")
    feedback = "[data-smart-feedback='goal']"
    wait_until(page, "(s) => document.querySelector(s).dataset.checked === 'Walk at lunch'", feedback, timeout=60)
    # Leaving into the back-forward cache (Playwright's Chromium keeps no such cache, so the events are sent).
    page.evaluate("() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }))")
    assert page.evaluate("() => document.documentElement.classList.contains('wb-relocking')")  # hidden at once
    wait_until(page, "() => document.querySelector('form[data-worksheet]').inert")
    assert page.input_value("#wb-goal") == ""  # the answers left the page, and the feedback quoting them
    wait_until(page, "(s) => !document.querySelector(s).dataset.checked", feedback)  # gone, or the empty goal's
    assert "Walk" not in page.evaluate("(s) => document.querySelector(s).textContent", feedback)
    page.evaluate("() => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }))")
    assert "Unlock your answers" in lock_dialog(page)
    wait_until(page, "() => !document.documentElement.classList.contains('wb-relocking')")
    submit(page, PASS)
    dialog_closed(page)
    assert page.input_value("#wb-goal") == "Walk at lunch"  # saved before the lock, nothing lost
