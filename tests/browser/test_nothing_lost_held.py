"""Nothing lost while the Keep/Discard question is open (held edits after Erase all in another tab): the
question survives what would otherwise end it without a choice. Each step waits for a positive signal (the
dialog, a stored value, the focused button); the pending edits are made by test_nothing_lost_tabs's helpers
(Playwright's clock paused, so "typed but not yet saved" is a state, not a race)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_until
from tests.browser.test_nothing_lost_tabs import HELD_DIALOG, TYPED, WS, ask_held, pending_edits_then_erase_all
from tests.browser.workbook_helpers import answers, choose, raw, wait_answer

# Nothing here is about the goal checker: its downloads wait, so Pyodide does not boot beside each test.
pytestmark = pytest.mark.usefixtures("checker_held")

KEEP_FOCUSED = "(s) => document.activeElement?.matches(s + ' button[data-value=keep]')"


def test_escape_again_and_again_does_not_end_the_question_and_keep_still_saves(context, site_url):
    # Chromium lets a page block Escape on a dialog only so often: the third press closes it whatever the page
    # says. Before the fix the question was then gone with no choice made (the typed text never saved).
    a, _ = pending_edits_then_erase_all(context, site_url)
    ask_held(a)
    for _ in range(4):
        a.keyboard.press("Escape")
    wait_until(a, KEEP_FOCUSED, HELD_DIALOG)  # open again, Keep focused as at first
    assert raw(a) is None  # Escape chose nothing
    choose(a, "Keep my changes")
    wait_answer(a, WS, "why", TYPED["why"])
    assert answers(a, WS) == TYPED
