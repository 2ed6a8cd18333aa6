"""Two tabs of the same worksheet (issue 14, path 3): a field the other tab changed while it had the
focus is refreshed when the tab comes back, and when both tabs changed it, both texts are kept."""

from __future__ import annotations

import pytest

from tests.browser.conftest import new_page, wait_until
from tests.browser.workbook_helpers import KEY, open_worksheet, stored, wait_answer

WS = "smart-goal"


# Nothing here is about the goal checker: its downloads wait (hold_checker_downloads), so Pyodide does
# not boot beside each test.
# Nor about Material's search: its worker and index wait too (hold_search), as they are fetched by every load.
pytestmark = pytest.mark.usefixtures("checker_held", "search_held")


def listen(page) -> None:
    """Count the storage events for the workbook's key this tab hears (the store hears them first)."""
    page.evaluate("""(key) => {
      window.__heard = 0;
      if (!window.__listening) addEventListener('storage', (e) => { if (e.key === key) window.__heard += 1; });
      window.__listening = true;
    }""", KEY)


def two_tabs(context, site_url, field: str, first: str, second: str):
    """Tab A writes `first` in `field` and keeps the focus there; tab B then saves `second` in it."""
    a, b = new_page(context, site_url), new_page(context, site_url)
    open_worksheet(a, site_url, WS)
    a.fill(f"#wb-{field}", first)
    wait_answer(a, WS, field, first)
    open_worksheet(b, site_url, WS)
    assert b.input_value(f"#wb-{field}") == first
    a.focus(f"#wb-{field}")
    listen(a)
    b.fill(f"#wb-{field}", second)
    wait_answer(b, WS, field, second)
    wait_until(a, "() => window.__heard >= 1")
    return a, b


def test_a_focused_field_changed_in_another_tab_is_refreshed_on_return(context, site_url):
    a, b = two_tabs(context, site_url, "goal", "Walk at lunch", "Swim on Sundays")
    assert a.input_value("#wb-goal") == "Walk at lunch"  # not changed under the cursor...
    assert a.evaluate("() => document.visibilityState") == "visible"
    a.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))")  # ...but when the tab is back
    assert a.input_value("#wb-goal") == "Swim on Sundays"

    # The same on window focus (another window was in front).
    listen(a)
    b.fill("#wb-goal", "Swim twice a week")
    wait_answer(b, WS, "goal", "Swim twice a week")
    wait_until(a, "() => window.__heard >= 1")
    a.evaluate("() => window.dispatchEvent(new Event('focus'))")
    assert a.input_value("#wb-goal") == "Swim twice a week"


def test_when_both_tabs_changed_a_field_the_other_text_goes_to_earlier_answers(context, site_url):
    a, _ = two_tabs(context, site_url, "why", "Energy", "For my knees")

    # A types on in its focused field before anything refreshed it.
    a.press("#wb-why", "End")
    a.keyboard.type(" and sleep")
    wait_answer(a, WS, "why", "Energy and sleep")
    record = stored(a)["worksheets"][WS]
    assert "For my knees" in record.get("earlier", {}).values()
    wait_until(a, "() => !!document.querySelector('[data-wb-earlier]')")
    assert "For my knees" in a.inner_text("[data-wb-earlier]")
