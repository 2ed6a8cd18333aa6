"""Filling worksheets: every field kind autosaves in the documented shape, reloads, and two tabs stay in step."""

from __future__ import annotations

from tests.browser.conftest import new_page, wait_until
from tests.browser.workbook_helpers import (
    KEY, answers, held_context_fixtures, open_worksheet, reload_worksheet, search_held_in, stored, wait_answer,
)

WS = "smart-goal"


# Nothing here is about the goal checker: its downloads wait (hold_checker_downloads), so Pyodide does
# not boot beside each test. The tests share one context, emptied before each (HeldContext).
held, context, page = held_context_fixtures()
# Material's search waits in the shared contexts too (hold_search): every load fetches it, and no test here is
# about it.
search_held_here = search_held_in("held")


def option_values(page, name: str) -> list[str]:
    return page.evaluate("(n) => [...document.getElementsByName(n)].map((i) => i.value)", name)


def remove_labels(page, repeat: str) -> list[str]:
    return page.evaluate(
        "(r) => [...document.querySelectorAll(`[data-field='${r}'] [data-repeat-rows] [data-repeat-remove]`)]"
        ".map((b) => b.getAttribute('aria-label'))", repeat)


def test_smart_goal_fields_autosave_in_the_documented_shape_and_restore(page, site_url):
    open_worksheet(page, site_url, WS)
    page.fill("#wb-goal", "Walk for ten minutes at lunch three times a week")
    page.fill("#wb-why", "More energy\nfor the afternoon")
    page.check("input[name=confidence][value='7']")
    page.fill("#wb-time_bound", "2030-03-01")
    for i, text in enumerate(["Find shoes", "Pick a route", "Ask Sam"]):
        page.fill(f"[name='first_steps[{i}].step']", text)
    page.fill("[name='first_steps[0].by']", "2030-01-05")

    # add a fourth row: focus moves into it, it is labelled and numbered
    page.click("[data-field=first_steps] [data-repeat-add]")
    assert page.evaluate("() => document.activeElement.name") == "first_steps[3].step"
    page.keyboard.type("Go")
    assert remove_labels(page, "first_steps") == [f"Remove row {n}" for n in range(1, 5)]

    # remove row 2: rows renumber, focus lands in the row that took its place
    page.click("[aria-label='Remove row 2']")
    assert remove_labels(page, "first_steps") == [f"Remove row {n}" for n in range(1, 4)]
    assert page.evaluate("() => document.activeElement.name") == "first_steps[1].step"
    assert page.input_value("[name='first_steps[1].step']") == "Ask Sam"
    assert page.input_value("[name='first_steps[2].step']") == "Go"
    # at the minimum (3 rows) rows cannot be removed
    assert page.is_disabled("[aria-label='Remove row 1']")

    expected = {
        "goal": "Walk for ten minutes at lunch three times a week",
        "why": "More energy\nfor the afternoon",
        "confidence": 7,
        "time_bound": "2030-03-01",
        "first_steps": [{"step": "Find shoes", "by": "2030-01-05"}, {"step": "Ask Sam"}, {"step": "Go"}],
    }
    wait_answer(page, WS, "first_steps", expected["first_steps"])
    data = stored(page)
    assert data["version"] == 1
    assert data["worksheets"][WS]["answers"] == expected
    assert data["worksheets"][WS]["updated"].endswith("Z")

    reload_worksheet(page)
    assert page.input_value("#wb-goal") == expected["goal"]
    assert page.input_value("#wb-why") == expected["why"]
    assert page.is_checked("input[name=confidence][value='7']")
    assert page.input_value("#wb-time_bound") == "2030-03-01"
    assert [page.input_value(f"[name='first_steps[{i}].step']") for i in range(3)] == ["Find shoes", "Ask Sam", "Go"]
    assert page.input_value("[name='first_steps[0].by']") == "2030-01-05"
    assert page.watch.dialogs == []


def test_repeat_rows_stop_at_the_maximum_and_survive_reload(page, site_url):
    open_worksheet(page, site_url, WS)
    for _ in range(3):
        page.click("[data-field=first_steps] [data-repeat-add]")
    assert page.is_disabled("[data-field=first_steps] [data-repeat-add]")  # max_rows: 6
    page.fill("[name='first_steps[5].step']", "Sixth")
    wait_answer(page, WS, "first_steps", [{}, {}, {}, {}, {}, {"step": "Sixth"}])
    reload_worksheet(page)
    assert page.input_value("[name='first_steps[5].step']") == "Sixth"
    assert remove_labels(page, "first_steps")[-1] == "Remove row 6"


def test_choices_checklists_and_rows_with_choices_restore(page, site_url):
    ws = "before-first-session"
    open_worksheet(page, site_url, ws)
    formats = option_values(page, "meeting_format")
    needs = option_values(page, "practical_needs")
    page.check(f"input[name=meeting_format][value='{formats[1]}']")
    page.check(f"input[name=practical_needs][value='{needs[0]}']")
    page.check(f"input[name=practical_needs][value='{needs[2]}']")
    page.fill("[name='questions[0].question']", "How long is a session?")
    page.fill("#wb-know_first", "I get nervous")
    wait_answer(page, ws, "know_first", "I get nervous")
    assert answers(page, ws) == {
        "meeting_format": formats[1],
        "practical_needs": [needs[0], needs[2]],
        "questions": [{"question": "How long is a session?"}, {}, {}],
        "know_first": "I get nervous",
    }
    page.uncheck(f"input[name=practical_needs][value='{needs[0]}']")
    wait_answer(page, ws, "practical_needs", [needs[2]])

    ws2 = "areas-of-life"
    open_worksheet(page, site_url, ws2)
    areas = option_values(page, "common_areas")
    kinds = option_values(page, "areas[0].kind")
    page.check(f"input[name=common_areas][value='{areas[1]}']")
    page.fill("[name='areas[1].area']", "Sleep")
    page.check(f"input[name='areas[1].kind'][value='{kinds[0]}']")
    page.check("input[name='areas[1].matters'][value='4']")
    wait_answer(page, ws2, "areas", [{}, {"area": "Sleep", "kind": kinds[0], "matters": 4}, {}])

    reload_worksheet(page)
    assert page.is_checked(f"input[name=common_areas][value='{areas[1]}']")
    assert page.is_checked(f"input[name='areas[1].kind'][value='{kinds[0]}']")
    assert page.is_checked("input[name='areas[1].matters'][value='4']")
    open_worksheet(page, site_url, ws)
    assert page.is_checked(f"input[name=meeting_format][value='{formats[1]}']")
    assert not page.is_checked(f"input[name=practical_needs][value='{needs[0]}']")
    assert page.is_checked(f"input[name=practical_needs][value='{needs[2]}']")
    assert page.input_value("[name='questions[0].question']") == "How long is a session?"
    # both worksheets are kept side by side under the one key
    assert sorted(stored(page)["worksheets"]) == [ws2, ws]


def test_tracker_entries_are_left_to_the_tracker(held, page, site_url):
    ws = "progress-tracker"
    entries = [{"date": "2030-01-01", "rating": 3, "note": "first"}]
    # stored before the page loads (from the shared context's helper tab), not by a first load and a reload
    held.helper.evaluate("([k, ws, e]) => localStorage.setItem(k, JSON.stringify({version: 1, worksheets: {[ws]: "
                         "{answers: {ratings: e}, updated: '2030-01-01T00:00:00Z'}}}))", [KEY, ws, entries])
    open_worksheet(page, site_url, ws)
    page.fill("[name='ratings.date']", "2030-02-02")
    page.fill("[name='ratings.rating']", "8")
    page.fill("[name='ratings.note']", "typed, not added")
    page.fill("#wb-start_date", "2030-01-01")
    wait_answer(page, ws, "start_date", "2030-01-01")
    assert answers(page, ws) == {"ratings": entries, "start_date": "2030-01-01"}


def test_leaving_at_once_still_saves(page, site_url):
    open_worksheet(page, site_url, WS)
    page.fill("#wb-why", "typed just before leaving")
    page.goto(f"{site_url}privacy/")  # well inside the save delay: pagehide flushes
    assert answers(page, WS)["why"] == "typed just before leaving"


def test_instant_navigation_mounts_once_and_saves_on_the_way_out(page, site_url):
    open_worksheet(page, site_url, WS)
    for _ in range(2):
        page.click("nav.md-nav--primary a[href$='privacy/']")
        # Wait for each page's own tools (the privacy page has workbook tools; a worksheet, its toolbar):
        # the address changes before Material swaps the content in.
        wait_until(page, "() => location.pathname.endsWith('/privacy/') && !!document.querySelector('[data-wb-workbook-tools] [data-wb-tools]')")
        page.click("nav.md-nav--primary a[href$='smart-goal/']")
        wait_until(page, "() => location.pathname.endsWith('/smart-goal/') && !!document.querySelector('[data-wb-toolbar] [data-wb-tools]')")
    assert page.evaluate("() => document.querySelectorAll('[data-wb-tools]').length") == 1
    page.fill("#wb-why", "after instant navigation")
    page.click("nav.md-nav--primary a[href$='privacy/']")
    wait_until(page, "() => !!document.querySelector('[data-wb-workbook-tools] [data-wb-tools]')")
    # Leaving the page view saved it, well inside the autosave delay.
    wait_answer(page, WS, "why", "after instant navigation")


def test_two_tabs_stay_in_step_without_losing_the_focused_edit(context, site_url):
    a, b = new_page(context, site_url), new_page(context, site_url)
    open_worksheet(a, site_url, WS)
    open_worksheet(b, site_url, WS)

    a.fill("#wb-why", "from tab A")
    a.check("input[name=confidence][value='3']")
    wait_until(b, "() => document.querySelector('#wb-why').value === 'from tab A'")
    wait_until(b, "() => document.querySelector('input[name=confidence][value=\"3\"]').checked")

    # B is typing in "specific"; A changes the same field and another one
    b.click("#wb-specific")
    b.keyboard.type("B's words in progress")
    a.fill("#wb-specific", "A overwrote this")
    a.fill("#wb-supports", "from A again")
    wait_until(b, "() => document.querySelector('#wb-supports').value === 'from A again'")
    assert b.input_value("#wb-specific") == "B's words in progress"
    assert b.evaluate("() => document.activeElement.id") == "wb-specific"

    # repeat rows added in one tab appear in the other
    a.click("[data-field=first_steps] [data-repeat-add]")
    a.fill("[name='first_steps[3].step']", "fourth")
    wait_until(b, "() => document.getElementsByName('first_steps[3].step')[0]?.value === 'fourth'")
    assert a.watch.dialogs == b.watch.dialogs == []
