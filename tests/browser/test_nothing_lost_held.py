"""Nothing lost while the Keep/Discard question is open (held edits after Erase all in another tab): the
question survives what would otherwise end it without a choice. Each step waits for a positive signal (the
dialog, a stored value, the focused button); the pending edits are made by test_nothing_lost_tabs's helpers
(Playwright's clock paused, so "typed but not yet saved" is a state, not a race)."""

from __future__ import annotations

import time

import pytest

from tests.browser.conftest import follow_link, new_page, wait_until
from tests.browser.test_nothing_lost_tabs import (
    HELD_DIALOG, LONG, SAVED, TYPED, WS, ask_held, erase_everything_from, heard_erase, pending_edits_then_erase_all, unlocked_tab_and_eraser,
)
from tests.browser.workbook_helpers import KEY, answers, choose, raw, seed_plain, wait_answer, workbook

# Nothing here is about the goal checker: its downloads wait, so Pyodide does not boot beside each test.
# Nor about Material's search: its worker and index wait too (hold_search), as they are fetched by every load.
# Nor about the offline copy: a reading page registers its worker, whose precache then fetches and stores the whole
# site beside the test; its script waits (hold_offline_worker).
pytestmark = pytest.mark.usefixtures("checker_held", "offline_held", "search_held")

KEEP_FOCUSED = "(s) => document.activeElement?.matches(s + ' button[data-value=keep]')"


def test_escape_again_and_again_does_not_end_the_question_and_keep_still_saves(context, site_url):
    # Chromium lets a page block Escape on a dialog only so often: the third press closes it whatever the page
    # says. Before the fix the question was then gone with no choice made (the typed text never saved).
    a, _ = pending_edits_then_erase_all(context, site_url)
    ask_held(a)
    # the question's text is the dialog's description (aria-describedby), not only its heading
    assert "erased in another tab" in a.evaluate(
        "(s) => document.getElementById(document.querySelector(s).getAttribute('aria-describedby')).textContent", HELD_DIALOG)
    for _ in range(4):
        a.keyboard.press("Escape")
    wait_until(a, KEEP_FOCUSED, HELD_DIALOG)  # open again, Keep focused as at first
    assert raw(a) is None  # Escape chose nothing
    choose(a, "Keep my changes")
    wait_answer(a, WS, "why", TYPED["why"])
    assert answers(a, WS) == TYPED


# A beforeunload listener that asks first (the close-tab warning) cancels a synthetic beforeunload.
WARNS_BEFORE_CLOSE = "() => !dispatchEvent(new Event('beforeunload', { cancelable: true }))"


def test_back_while_the_question_is_open_keeps_asking_on_a_page_without_a_toolbar(context, site_url):
    # Before the fix the page change ended the question with no choice (and removed the close-tab warning), and a
    # page without a toolbar never asked again: the typed words were neither saved nor asked about.
    a = new_page(context, site_url)
    a.clock.install()
    seed_plain(a, site_url, workbook({WS: SAVED}))
    a.goto(f"{site_url}smart-goals/")
    wait_until(a, "() => !!document.querySelector('article h1')")
    a.evaluate("window.__sameDocument = 1")
    follow_link(a, f"{site_url}worksheets/{WS}/", "() => !!document.querySelector('[data-wb-tools]') && document.querySelector('#wb-goal')?.value !== ''")
    b = new_page(context, site_url)
    b.goto(f"{site_url}privacy/")
    wait_until(b, "() => !!document.querySelector('[data-wb-workbook-tools] [data-wb-erase]')")
    heard_erase(a)
    a.clock.pause_at(time.time() + 5)
    a.fill("#wb-goal", TYPED["goal"])
    a.fill("#wb-why", TYPED["why"])
    erase_everything_from(b, a)
    ask_held(a)
    a.clock.resume()
    a.evaluate("history.back()")
    wait_until(a, "() => !document.querySelector('#wb-goal') && !!document.querySelector('article h1')")
    assert a.evaluate("window.__sameDocument") == 1  # instant navigation: the same document, its store
    assert "erased in another tab" in ask_held(a)  # still asking, on a page with no worksheet
    assert a.evaluate(WARNS_BEFORE_CLOSE)  # and closing the tab asks first
    assert raw(a) is None
    choose(a, "Keep my changes")
    wait_until(a, "(k) => localStorage.getItem(k) !== null", KEY)
    assert answers(a, WS) == TYPED
    assert not a.evaluate(WARNS_BEFORE_CLOSE)  # chosen: nothing held, no warning left


def test_a_passphrase_set_elsewhere_while_the_question_is_open_asks_again_after_unlocking(context, site_url):
    # Before the fix Keep, once this tab had locked, said the changes could not be saved, the question never came
    # back after unlocking and the typed words were never saved.
    from tests.browser.test_lock import PASS, lock_dialog, set_passphrase, submit, unlock

    a, b = pending_edits_then_erase_all(context, site_url)
    ask_held(a)
    a.clock.resume()
    set_passphrase(b, site_url)
    wait_until(a, "() => !!document.querySelector('form.wb-form--locked')")
    # the held text leaves the locked form with the rest (before the fix it stayed on screen)
    wait_until(a, "() => document.querySelector('#wb-goal').value === '' && document.querySelector('#wb-why').value === ''")
    choose(a, "Keep my changes")  # locked meanwhile: nothing can be saved yet, nothing is dropped
    a.click("[data-wb-locked] button")
    lock_dialog(a)
    submit(a, PASS)  # the unlock dialog gives way to the question
    assert "erased in another tab" in ask_held(a)  # asked again once open
    assert a.input_value("#wb-goal") == TYPED["goal"] and a.input_value("#wb-why") == TYPED["why"]  # shown again
    choose(a, "Keep my changes")
    assert not a.evaluate(WARNS_BEFORE_CLOSE)  # kept: nothing held any more
    a.reload()
    unlock(a)
    wait_until(a, "(t) => document.querySelector('#wb-goal').value === t.goal && document.querySelector('#wb-why').value === t.why", TYPED)


# Tab A's encryption waits until the test lets it go (a test hook on WebCrypto's encrypt): "the encrypted
# write is under way" is a state, not a race. window.__encrypting counts the writes that reached it.
HOLD_ENCRYPT = """() => {
  const encrypt = SubtleCrypto.prototype.encrypt;
  window.__encrypting = 0;
  const gate = new Promise((resolve) => { window.__letEncrypt = resolve; });
  SubtleCrypto.prototype.encrypt = function (...args) {
    window.__encrypting += 1;
    return gate.then(() => encrypt.apply(this, args));
  };
}"""


def test_erase_all_elsewhere_while_an_encrypted_write_is_under_way_holds_that_edit(context, site_url):
    # Before the fix the write took its worksheets out of the pending set before encrypting: Erase all in
    # another tab meanwhile found nothing pending here, so nothing was asked (the typed words were dropped),
    # and the write then put them back as pending with no record, so a later save deleted that worksheet.
    a, b = unlocked_tab_and_eraser(context, site_url)
    a.evaluate(HOLD_ENCRYPT)
    a.clock.pause_at(time.time() + 5)
    a.fill("#wb-why", TYPED["why"])
    a.clock.run_for(1_000)  # the autosave runs: its encrypted write waits at the encryption
    wait_until(a, "() => window.__encrypting >= 1")
    erase_everything_from(b, a)
    assert "erased in another tab" in ask_held(a)  # the edit being written is held, and asked about
    a.evaluate("window.__letEncrypt()")
    b.evaluate("(k) => localStorage.setItem(k, JSON.stringify({version: 1, worksheets: {other: {answers: {goal: 'From B'}}}}))", KEY)
    wait_until(a, "() => !!JSON.parse(localStorage.getItem('workbook:v1') || '{}').worksheets?.other")
    choose(a, "Keep my changes")
    wait_answer(a, WS, "why", TYPED["why"])
    assert answers(a, WS) == {"why": TYPED["why"]}  # what was typed here; the erased saved answers stay erased
    assert answers(a, "other") == {"goal": "From B"}  # B's later write is still there


def test_erasing_an_answer_over_the_limit_takes_its_note_and_the_close_tab_warning(context, site_url):
    # Before the fix the note ("Not saved: ... longer than") and the close-tab warning stayed after Erase answers
    # emptied the field: the page warned about words that were no longer there.
    from tests.browser.workbook_helpers import open_worksheet

    a = new_page(context, site_url)
    seed_plain(a, site_url, workbook({WS: SAVED}))
    open_worksheet(a, site_url, WS)
    a.fill("#wb-why", LONG)
    wait_until(a, "() => document.querySelector('[data-wb-limit=\"why\"]')?.textContent.includes('Not saved')")
    assert a.evaluate(WARNS_BEFORE_CLOSE)
    a.click("[data-wb-tools] [data-wb-erase]")
    choose(a, "Erase answers")
    wait_until(a, "() => document.querySelector('#wb-why').value === '' && !document.querySelector('[data-wb-limit]')")
    assert raw(a) is None or answers(a, WS) == {}
    assert not a.evaluate(WARNS_BEFORE_CLOSE)


def test_an_answer_over_the_limit_hidden_by_the_lock_outlasts_a_link_followed_while_locked(context, site_url):
    # Before the fix the hidden answer was the page view's memory: a link followed while locked (instant
    # navigation, the same document) dropped it, with no warning, and after unlocking the field was empty.
    from tests.browser.test_lock import lock_dialog, set_passphrase, unlock

    a = new_page(context, site_url)
    seed_plain(a, site_url, workbook({WS: SAVED}))
    set_passphrase(a, site_url)  # this tab is open (the key in memory)
    a.evaluate("window.__sameDocument = 1")
    follow_link(a, f"{site_url}worksheets/{WS}/", "(g) => document.querySelector('#wb-goal')?.value === g", SAVED["goal"])
    a.fill("#wb-why", LONG)
    wait_until(a, "() => document.querySelector('[data-wb-limit=\"why\"]')?.textContent.includes('Not saved')")
    a.click("[data-wb-lock-toggle]")  # Lock now: the answer leaves the screen
    lock_dialog(a)
    assert a.input_value("#wb-why") == ""
    follow_link(a, f"{site_url}smart-goals/", "() => !document.querySelector('#wb-why') && !!document.querySelector('article h1')")
    assert a.evaluate(WARNS_BEFORE_CLOSE)  # it still waits: closing the tab asks first
    follow_link(a, f"{site_url}worksheets/{WS}/", "() => !!document.querySelector('form.wb-form--locked #wb-why')")
    assert a.evaluate("window.__sameDocument") == 1  # instant navigation throughout: the same document, its store
    unlock(a)  # the page asks (before the fix the question left with the first page and never asked again)
    wait_until(a, "(n) => document.querySelector('#wb-why').value.length === n", len(LONG))
    assert a.input_value("#wb-why") == LONG  # exactly what was typed
    wait_until(a, "() => document.querySelector('[data-wb-limit=\"why\"]')?.textContent.includes('Not saved')")
    assert a.evaluate(WARNS_BEFORE_CLOSE)
