"""Nothing lost across tabs and locks: edits pending in one tab when another tab erases everything (the
workbook not locked) are neither saved into the erased store nor dropped without asking; the tab asks
Keep / Discard. And an answer over the store's limit (kept on screen, not saved) is there again after the
workbook locks and unlocks. Each step waits for a positive signal (a dialog, a stored value, a field's text).

The pending edits are made deterministic with Playwright's clock: paused, the 0.3 s autosave cannot fire
until the test moves time on (`run_for`), so "typed but not yet saved" is a state, not a race."""

from __future__ import annotations

import time

import pytest

from tests.browser.conftest import new_page, run_axe, wait_until
from tests.browser.test_lock import dialog_closed, lock_dialog, open_unlocked, set_passphrase, unlock
from tests.browser.workbook_helpers import (
    KEY, answers, choose, hold_checker_offline_and_search, open_worksheet, raw, seed_plain, wait_answer, workbook,
)

WS = "smart-goal"
HELD_DIALOG = "dialog[open].wb-held-dialog"
SAVED = {"goal": "Walk daily at lunch", "supports": "My sister Priya"}
# Tab A edits an answer that is about to be erased (its text holds the erased words) and types a new one.
TYPED = {"goal": "Walk daily at lunch, even in the rain", "why": "More energy for the evenings"}

# Nothing here is about the goal checker: its downloads wait, so Pyodide does not boot beside each test.
# Nor about Material's search: its worker and index wait too (hold_search), as they are fetched by every load.
# Nor about the offline copy: tab B's Privacy page registers its worker, whose precache then fetches and stores the
# whole site beside the test; its script waits (hold_offline_worker).
pytestmark = pytest.mark.usefixtures("checker_held", "offline_held", "search_held")


@pytest.fixture  # axe injects its script: the context bypasses the CSP
def axe_context(browser):
    ctx = browser.new_context(bypass_csp=True)
    hold_checker_offline_and_search(ctx)
    yield ctx
    ctx.close()


def heard_erase(page) -> None:
    """Count the storage events that remove the workbook's key in this tab (the store hears them first)."""
    page.evaluate("""(key) => {
      window.__erased = 0;
      addEventListener('storage', (e) => { if (e.key === key && e.newValue === null) window.__erased += 1; });
    }""", KEY)



def erase_everything_from(b, a) -> None:
    """Erase all in tab b (its workbook tools), seen gone from storage and heard by tab a; then a's paused
    clock runs past the autosave's time (before the fix, a wrote its pending edits into the erased store)."""
    b.click("[data-wb-workbook-tools] [data-wb-erase]")
    choose(b, "Erase everything")
    wait_until(b, "(k) => localStorage.getItem(k) === null", KEY)
    wait_until(a, "() => window.__erased >= 1")
    a.clock.run_for(2_000)

def pending_edits_then_erase_all(context, site_url):
    """Tab A holds TYPED as pending edits (autosave not yet run) when tab B erases everything."""
    a = new_page(context, site_url)
    a.clock.install()  # the context's clock: time flows until paused
    seed_plain(a, site_url, workbook({WS: SAVED}))
    open_worksheet(a, site_url, WS)
    assert a.input_value("#wb-goal") == SAVED["goal"]
    b = new_page(context, site_url)
    b.goto(f"{site_url}privacy/")
    wait_until(b, "() => !!document.querySelector('[data-wb-workbook-tools] [data-wb-erase]')")
    heard_erase(a)

    a.clock.pause_at(time.time() + 5)  # from here no timer fires until the test says so
    a.fill("#wb-goal", TYPED["goal"])
    a.fill("#wb-why", TYPED["why"])
    assert answers(a, WS) == SAVED  # typed, not saved: the autosave waits

    erase_everything_from(b, a)
    return a, b


def ask_held(page) -> str:
    wait_until(page, "(s) => !!document.querySelector(s)", HELD_DIALOG)
    return page.inner_text(HELD_DIALOG)


def test_erase_all_in_another_tab_asks_before_pending_edits_are_saved_and_keep_saves_them_anew(axe_context, site_url):
    a, _ = pending_edits_then_erase_all(axe_context, site_url)
    text = ask_held(a)
    assert "erased in another tab" in text
    assert raw(a) is None  # nothing saved without asking, whatever time passes
    a.clock.run_for(5_000)
    assert raw(a) is None
    # what was typed is still on the screen while the tab asks; the erased answer it did not touch is gone
    assert a.input_value("#wb-goal") == TYPED["goal"] and a.input_value("#wb-why") == TYPED["why"]
    assert a.input_value("#wb-supports") == ""
    a.clock.resume()  # time flows again (axe waits on timers); the dialog still holds everything
    assert run_axe(a) == []
    assert raw(a) is None

    choose(a, "Keep my changes")
    wait_answer(a, WS, "why", TYPED["why"])
    assert answers(a, WS) == TYPED  # saved anew: what was typed, and no erased answer comes back
    assert a.input_value("#wb-goal") == TYPED["goal"] and a.input_value("#wb-supports") == ""
    # later typing saves as usual
    a.fill("#wb-supports", "A walking group")
    a.clock.run_for(1_000)
    wait_answer(a, WS, "supports", "A walking group")


def test_erase_all_in_another_tab_asks_and_discard_drops_the_pending_edits(context, site_url):
    a, _ = pending_edits_then_erase_all(context, site_url)
    assert "erased in another tab" in ask_held(a)
    assert raw(a) is None
    for _ in range(3):  # not a choice: the question stays (Chromium closes a dialog on the third Escape)
        a.keyboard.press("Escape")
    wait_until(a, "(s) => document.activeElement?.matches(s + ' button[data-value=keep]')", HELD_DIALOG)
    choose(a, "Discard them")
    wait_until(a, "() => document.querySelector('#wb-goal').value === '' && document.querySelector('#wb-why').value === ''")
    a.clock.run_for(5_000)
    assert raw(a) is None  # discarded: nothing written
    a.fill("#wb-why", "Something new")  # and the tab saves again as usual
    a.clock.run_for(1_000)
    wait_answer(a, WS, "why", "Something new")
    assert answers(a, WS) == {"why": "Something new"}


def unlocked_tab_and_eraser(context, site_url):
    """Tab A (clock installed) has SAVED under a passphrase and is open on WS; tab B, on the Privacy page without
    the key, can erase everything (Erase all works while locked); A hears erases."""
    a = new_page(context, site_url)
    a.clock.install()
    seed_plain(a, site_url, workbook({WS: SAVED}))
    set_passphrase(a, site_url)
    open_unlocked(a, site_url)  # the key set here kept (test_lock's first test is the one whose load asks)
    assert a.input_value("#wb-goal") == SAVED["goal"]
    b = new_page(context, site_url)
    b.goto(f"{site_url}privacy/")
    lock_dialog(b)  # b has no key: it asks, and is cancelled
    b.click("dialog[open] button:text-is('Cancel')")
    dialog_closed(b)
    heard_erase(a)
    return a, b


def test_with_a_passphrase_an_unlocked_tab_asks_too_and_keep_saves_without_one(context, site_url):
    a, b = unlocked_tab_and_eraser(context, site_url)
    a.clock.pause_at(time.time() + 5)
    a.fill("#wb-why", TYPED["why"])
    erase_everything_from(b, a)
    text = ask_held(a)
    assert "erased in another tab" in text and "without one" in text  # the passphrase went with the erase
    assert raw(a) is None  # neither plain nor encrypted, until the person chooses
    choose(a, "Keep my changes")
    wait_answer(a, WS, "why", TYPED["why"])
    assert answers(a, WS) == {"why": TYPED["why"]}
    assert a.input_value("#wb-goal") == ""


LONG = "I want to remember all of this. " * 6_250 + "THE END"  # 200,007 characters: over the 200,000 limit


def test_an_answer_over_the_limit_is_there_again_after_lock_now_and_unlock(page, site_url):
    seed_plain(page, site_url, workbook({WS: {"goal": "Walk daily at lunch"}}))
    set_passphrase(page, site_url)
    open_unlocked(page, site_url)
    page.fill("#wb-why", LONG)
    wait_until(page, "() => document.querySelector('[data-wb-limit=\"why\"]')?.textContent.includes('Not saved')")

    page.click("[data-wb-lock-toggle]")  # Lock now
    lock_dialog(page)
    assert page.input_value("#wb-why") == "" and page.input_value("#wb-goal") == ""  # nothing on screen while locked
    unlock(page)
    wait_until(page, "() => document.querySelector('#wb-goal').value === 'Walk daily at lunch'")
    assert page.input_value("#wb-why") == LONG  # exactly what was typed
    wait_until(page, "() => document.querySelector('[data-wb-limit=\"why\"]')?.textContent.includes('Not saved')")
    # still the person's to shorten: at the limit it saves (the note goes), and a second lock keeps it
    page.fill("#wb-why", LONG[:200_000])
    wait_until(page, "() => !document.querySelector('[data-wb-limit]')")
    page.click("[data-wb-lock-toggle]")
    lock_dialog(page)
    assert page.input_value("#wb-why") == ""
    unlock(page)
    wait_until(page, "() => document.querySelector('#wb-why').value.length === 200000")
    assert page.input_value("#wb-why") == LONG[:200_000]
    assert page.locator("[data-wb-limit]").count() == 0
