"""Review 1's loss paths that need a browser: an answer over the limit kept on screen with a note (#1),
typing before the form's code arrives (#3), a stored value the control does not take (#4), and My goals
unlocking by keyboard (#8), and a locked tab asking before it saves held edits after Erase all elsewhere (#7). Each waits for a positive signal (a stored value, a note, a dialog)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.browser.conftest import dump, run_axe, wait_until
from tests.browser.test_lock import PASS, dialog_closed, lock_dialog, set_passphrase, submit, unlock
from tests.browser.workbook_helpers import (
    answers, choose, held_context_fixture, held_context_fixtures, open_worksheet, raw, search_held_in, stored, wait_answer,
    workbook,
)

WS = "smart-goal"
# Nothing here is about the goal checker: its downloads wait, so Pyodide does not boot beside each test.
# The tests share one context, emptied before each (HeldContext), and seed the storage from its helper tab
# instead of loading a page first; the tests that run axe share one that bypasses the CSP.
held, context, page = held_context_fixtures()
held_axe = held_context_fixture("held_axe", bypass_csp=True)
# Material's search waits in the shared contexts too (hold_search): every load fetches it, and no test here is
# about it.
search_held_here = search_held_in("held", "held_axe")


@pytest.fixture  # axe injects its script: the context bypasses the CSP
def axe_page(held_axe):
    held_axe.fresh()
    return held_axe.new_page()


def earlier(page) -> dict:
    return stored(page).get("worksheets", {}).get(WS, {}).get("earlier", {})


def test_typing_before_the_form_loads_moves_the_saved_answer_to_earlier_answers(held, page, site_url):
    held.seed(workbook({WS: {"why": "My saved reason, written last week"}}))
    held = []
    page.route("**/assets/javascripts/form.*.js", lambda route: held.append(route))
    page.goto(f"{site_url}worksheets/{WS}/", wait_until="domcontentloaded")
    for _ in range(600):  # the request is the signal; 30 s at most on a busy machine
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "form.js was never requested"
    page.fill("#wb-why", "New words typed while the page loaded")
    held[0].continue_()
    wait_answer(page, WS, "why", "New words typed while the page loaded")
    assert earlier(page) == {"why": "My saved reason, written last week"}
    wait_until(page, "() => document.querySelector('[data-wb-earlier]')?.textContent.includes('My saved reason')")
    assert page.input_value("#wb-why") == "New words typed while the page loaded"


def test_a_stored_value_the_control_cannot_take_is_shown_as_earlier_and_kept_on_edit(held, page, site_url):
    held.seed(workbook({WS: {
        "time_bound": "by the end of spring, before my sister's wedding",
        "first_steps": [{"step": "Ask Sam\nabout the route", "by": "2030-01-05"}],
    }}))
    open_worksheet(page, site_url, WS)
    box = "() => document.querySelector('[data-wb-earlier]')?.textContent || ''"
    wait_until(page, f"() => ({box})().includes('sister') && ({box})().includes('Ask Sam')")
    page.fill("[data-field='time_bound'] input", "2030-05-01")
    step = page.locator("[data-subfield='step'] input").first
    step.press("End")
    step.type(" soon")
    wait_answer(page, WS, "time_bound", "2030-05-01")
    wait_until(page, "() => (localStorage.getItem('workbook:v1') || '').includes('soon')")
    kept = earlier(page)
    assert kept["time_bound"] == "by the end of spring, before my sister's wedding", dump(kept)
    assert kept["first_steps"] == [{"step": "Ask Sam\nabout the route", "by": "2030-01-05"}], dump(kept)


def test_an_answer_over_the_limit_stays_on_screen_with_a_note_and_the_rest_saves(axe_page, site_url):
    page = axe_page
    open_worksheet(page, site_url, WS)
    page.fill("#wb-goal", "Walk at lunch")
    page.fill("#wb-why", "x" * 200_001)
    wait_answer(page, WS, "goal", "Walk at lunch")
    wait_until(page, "() => document.querySelector('[data-wb-limit=\"why\"]')?.textContent.includes('Not saved')")
    note = page.inner_text("[data-wb-limit='why']")
    assert "200,000" in note and "still here" in note
    assert "why" not in answers(page, WS)
    assert len(page.input_value("#wb-why")) == 200_001
    assert "wb-limit" in (page.get_attribute("#wb-why", "aria-describedby") or "")
    wait_until(page, "() => document.querySelector('[data-wb-tools] [role=status]')?.textContent.includes('Not saved')")
    assert run_axe(page) == []
    # closing the tab now would lose the unsaved words: the browser is asked to confirm
    assert page.evaluate("() => { const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented; }")
    page.fill("#wb-why", "x" * 200_000)  # at the limit: it saves, and the note goes
    wait_until(page, "() => (JSON.parse(localStorage.getItem('workbook:v1')).worksheets['smart-goal'].answers.why || '').length === 200000")
    wait_until(page, "() => !document.querySelector('[data-wb-limit]')")
    assert not page.evaluate("() => { const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented; }")
    page.fill("#wb-why", "")
    wait_until(page, "() => !JSON.parse(localStorage.getItem('workbook:v1')).worksheets['smart-goal'].answers.why")
    page.reload()  # the rest of the workbook loads: nothing set aside
    wait_until(page, "() => !!document.querySelector('form[data-wb-mounted]')")
    assert page.input_value("#wb-goal") == "Walk at lunch"
    assert page.locator("[data-wb-quarantine]").count() == 0


def test_my_goals_has_a_keyboard_unlock_button(held_axe, axe_page, site_url):
    page = axe_page
    held_axe.seed(workbook({WS: {"goal": "Walk daily at lunch"}}))
    set_passphrase(page, site_url)
    page.goto(f"{site_url}my-goals/")  # a new page load: no key
    wait_until(page, "() => !!document.querySelector('[data-wb-goals-unlock]')")
    assert "Walk daily" not in page.inner_text("[data-wb-my-goals]")
    assert run_axe(page) == []
    for _ in range(80):  # Tab until the button has the focus: reachable by keyboard
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement?.hasAttribute('data-wb-goals-unlock')"):
            break
    assert page.evaluate("() => document.activeElement?.tagName") == "BUTTON"
    assert page.evaluate("() => document.activeElement.textContent") == "Unlock"
    page.keyboard.press("Enter")
    lock_dialog(page)
    submit(page, PASS)
    dialog_closed(page)
    wait_until(page, "() => document.querySelector('[data-wb-my-goals]').textContent.includes('Walk daily at lunch')")
    assert page.locator("[data-wb-goals-locked]").count() == 0
    wait_until(page, "() => document.querySelector('[data-wb-my-goals]').contains(document.activeElement)")


FAIL_WRITES = """
const setItem = Storage.prototype.setItem;
Storage.prototype.setItem = function (key, value) {
  if (window.failWrites && this === window.localStorage) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  return setItem.call(this, key, value);
};
"""


def test_erase_all_in_another_tab_asks_before_a_locked_tab_saves_its_held_edits(held_axe, axe_page, site_url):
    a = axe_page
    held_axe.seed(workbook({WS: {"goal": "Walk daily at lunch"}}))
    set_passphrase(a, site_url)
    b = held_axe.new_page()
    b.add_init_script(FAIL_WRITES)
    open_worksheet(b, site_url, WS)
    unlock(b)
    # B's writes fail (storage full): its edit waits in memory
    b.evaluate("() => { window.failWrites = true; }")
    b.fill("#wb-why", "Words typed in tab B")
    wait_until(b, "() => !!document.querySelector('[data-wb-storage-alert]')")
    # A changes the passphrase: B cannot read the new key, so it locks, holding its edit
    a.click("[data-wb-lock-change]")
    lock_dialog(a)
    submit(a, PASS, "new passphrase here", "new passphrase here")
    dialog_closed(a)
    wait_until(b, "() => document.querySelector('form[data-wb-mounted]')?.inert === true")
    # A erases everything (the way out of a forgotten passphrase)
    a.click("[data-wb-workbook-tools] [data-wb-erase]")
    choose(a, "Erase everything")
    wait_until(a, "() => localStorage.getItem('workbook:v1') === null")
    wait_until(b, "() => !!document.querySelector('[data-wb-held] [data-wb-held-keep]')")
    assert raw(b) is None  # nothing written in plain text on its own
    assert "erased in another tab" in b.inner_text("[data-wb-held]")
    assert run_axe(b) == []
    b.evaluate("() => { window.failWrites = false; }")
    b.click("[data-wb-held-keep]")
    wait_answer(b, WS, "why", "Words typed in tab B")
    wait_until(b, "() => !document.querySelector('[data-wb-held]')")


def test_a_full_tracker_refuses_a_new_rating_and_keeps_what_was_typed(held, page, site_url):
    first = date.today() - timedelta(days=10_000)
    full = [{"date": (first + timedelta(days=i)).isoformat(), "rating": 5} for i in range(10_000)]
    held.seed(workbook({"progress-tracker": {"ratings": full}}))
    open_worksheet(page, site_url, "progress-tracker")
    wait_until(page, "() => !!document.querySelector('[data-tracker-summary]')")
    day = date.today().isoformat()
    page.fill("[name='ratings.date']", day)
    page.fill("[name='ratings.rating']", "7")
    page.fill("[name='ratings.note']", "my note for today")
    page.click("[data-tracker-add]")
    wait_until(page, "() => document.querySelector('[data-tracker-error]').textContent.includes('not added')")
    assert "10,000" in page.inner_text("[data-tracker-error]")
    assert page.input_value("[name='ratings.note']") == "my note for today"
    assert page.input_value("[name='ratings.rating']") == "7"
    assert len(answers(page, "progress-tracker")["ratings"]) == 10_000
