"""Tracker fields in the browser: add, edit, delete and undo entries; the chart and its text
alternative match the data; reload, export and import keep them; bad values are refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.browser.conftest import dump, new_page, run_axe, wait_until
from tests.browser.warm_page import held_page_fixture
from tests.browser.workbook_helpers import (
    KEY, ago, answers, choose, dialog_text, download_json, export_file, flush, held_context_fixture,
    held_context_fixtures, import_file, open_worksheet, reload_worksheet, search_held_in, shown, stored, wait_answer,
    workbook,
)

WS = "progress-tracker"
FIELD = "ratings"
# Nothing here is about the goal checker: its downloads wait (hold_checker_downloads), so Pyodide does
# not boot beside each test. The tests share one context, emptied before each (HeldContext), and seed the
# storage from its helper tab instead of loading a page first; the axe runs share one that bypasses the CSP.
held, context, page = held_context_fixtures()
held_axe = held_context_fixture("held_axe", bypass_csp=True)
# Material's search waits in the shared contexts too (hold_search): every load fetches it, and no test here is
# about it.
search_held_here = search_held_in("held", "held_axe")
# The tests that neither reload nor use a second tab share one page (warm_page.HeldPage, where all of the above
# waits too): each opens the tracker in a fresh view, built from the storage it asks for, by instant navigation as
# a reader's link does, not a full load in a new tab.
shared = held_page_fixture("shared")


def open_tracker(page, site_url: str) -> None:
    open_worksheet(page, site_url, WS)
    tracker_shown(page)


def reload_tracker(page) -> None:
    """A reload of the tracker on screen: one full load (reload_worksheet), not a reload and then a second load."""
    reload_worksheet(page)
    tracker_shown(page)


def tracker_shown(page) -> None:
    wait_until(page, "() => !!document.querySelector('[data-tracker-summary]')")


def add(page, day: str, rating: str, note: str = "") -> None:
    page.fill("[name='ratings.date']", day)
    page.fill("[name='ratings.rating']", rating)
    page.fill("[name='ratings.note']", note)
    page.click("[data-tracker-add]")


def error(page) -> str:
    return page.inner_text("[data-tracker-error]").strip()


def status(page) -> str:
    return " ".join(page.text_content("[data-tracker-status]").split())


def rows(page) -> list[list[str]]:
    return page.evaluate(
        "() => [...document.querySelectorAll('[data-tracker-table] tbody tr[data-date]')]"
        ".map((tr) => [...tr.cells].slice(0, 3).map((td) => td.textContent.trim()))")


def points(page) -> list[dict]:
    return page.evaluate(
        "() => [...document.querySelectorAll('svg.wb-chart .wb-chart__point')].map((g) => {"
        " const c = g.querySelector('circle');"
        " return {date: g.dataset.date, rating: Number(g.dataset.rating), x: Number(c.getAttribute('cx')), y: Number(c.getAttribute('cy'))}; })")


def entries(page) -> list:
    return answers(page, WS).get(FIELD, [])


def test_add_edit_delete_and_undo_keep_entries_in_date_order(page, site_url):
    open_tracker(page, site_url)
    assert page.input_value("[name='ratings.date']") == date.today().isoformat(), "the date defaults to today"
    assert "No ratings yet" in page.inner_text("[data-tracker-summary]")

    a, b, c = ago(40), ago(20), ago(2)
    add(page, c, "6", "  good week ")
    wait_answer(page, WS, FIELD, [{"date": c, "rating": 6, "note": "good week"}])
    assert status(page) == f"Rating 6 for {shown(c)} added."
    assert page.input_value("[name='ratings.rating']") == "" and page.input_value("[name='ratings.note']") == ""
    add(page, a, "3")
    add(page, b, "4", "slow")
    expected = [{"date": a, "rating": 3}, {"date": b, "rating": 4, "note": "slow"}, {"date": c, "rating": 6, "note": "good week"}]
    wait_answer(page, WS, FIELD, expected)
    assert [r[0] for r in rows(page)] == [shown(a), shown(b), shown(c)]
    first_update = stored(page)["worksheets"][WS]["updated"]

    # edit: the entry goes into the form, Save changes replaces it, Undo puts it back
    page.click(f"[data-tracker-edit='{b}']")
    assert page.evaluate("() => document.activeElement.name") == "ratings.date"
    assert page.input_value("[name='ratings.rating']") == "4" and page.input_value("[name='ratings.note']") == "slow"
    assert page.inner_text("[data-tracker-add]") == "Save changes"
    page.fill("[name='ratings.rating']", "5")
    page.fill("[name='ratings.note']", "better")
    page.click("[data-tracker-add]")
    edited = [expected[0], {"date": b, "rating": 5, "note": "better"}, expected[2]]
    wait_answer(page, WS, FIELD, edited)
    assert status(page).startswith(f"Entry for {shown(b)} changed to 5.")
    assert page.evaluate("() => document.activeElement.dataset.trackerEdit") == b, "focus returns to the edited row"
    assert stored(page)["worksheets"][WS]["updated"] > first_update, "the worksheet's updated time moves"
    page.click("[data-tracker-undo]")
    wait_answer(page, WS, FIELD, expected)
    assert status(page) == "Change undone."

    # Escape cancels an edit
    page.click(f"[data-tracker-edit='{a}']")
    page.keyboard.press("Escape")
    assert page.inner_text("[data-tracker-add]") == "Add rating"
    assert status(page) == "Editing cancelled. Nothing was changed."

    # delete: "Entry deleted. Undo", focus on Undo; Undo restores it
    page.click(f"[data-tracker-delete='{a}']")
    wait_answer(page, WS, FIELD, expected[1:])
    assert status(page) == "Entry deleted. Undo"
    assert page.evaluate("() => document.activeElement.textContent") == "Undo"
    assert [p["date"] for p in points(page)] == [b, c]
    page.keyboard.press("Enter")
    wait_answer(page, WS, FIELD, expected)
    assert status(page) == f"Entry for {shown(a)} restored."
    assert page.evaluate("() => document.activeElement.dataset.trackerEdit") == a

    # a delete not undone stays deleted, across a reload
    page.click(f"[data-tracker-delete='{c}']")
    wait_answer(page, WS, FIELD, expected[:2])
    reload_tracker(page)
    assert [r[:2] for r in rows(page)] == [[shown(a), "3"], [shown(b), "4"]]
    assert page.watch.errors == [] and page.watch.foreign() == []


def test_the_chart_and_its_text_alternative_match_the_data_and_survive_reload(held, page, site_url):
    data = [{"date": ago(10), "rating": 6, "note": "<b>not bold</b>"}, {"date": ago(60), "rating": 3},
            {"date": ago(35), "rating": 0}, {"date": ago(20), "rating": 10}]
    held.seed(workbook({WS: {FIELD: data}}))
    open_tracker(page, site_url)
    ordered = sorted(data, key=lambda e: e["date"])
    for attempt in range(2):
        if attempt:  # the same checks after a reload
            reload_tracker(page)
        pts = points(page)
        assert [(p["date"], p["rating"]) for p in pts] == [(e["date"], e["rating"]) for e in ordered]
        # y: 0 at the bottom, 10 at the top, linear; x: in proportion to the days between ratings
        bottom, top = pts[1]["y"], pts[2]["y"]
        assert bottom > top
        for p in pts:
            assert p["y"] == pytest.approx(bottom - (bottom - top) * p["rating"] / 10, abs=0.2)
        days = [(date.fromisoformat(p["date"]) - date.fromisoformat(pts[0]["date"])).days for p in pts]
        for p, d in zip(pts, days):
            assert p["x"] == pytest.approx(pts[0]["x"] + (pts[-1]["x"] - pts[0]["x"]) * d / days[-1], abs=0.2)
        assert page.evaluate("() => document.querySelector('svg.wb-chart path.wb-chart__line').getAttribute('d').split(/[ML]/).length - 1") == 4
        # the text alternative: the summary names the chart, the table holds the same data
        summary = page.inner_text("[data-tracker-summary]")
        first, last = ordered[0], ordered[-1]
        same_year = first["date"][:4] == last["date"][:4]
        assert summary == (f"4 ratings, from 3 on {shown(first['date'], year=not same_year)} "
                           f"to 6 on {shown(last['date'])}: up 3 points.")
        label = page.evaluate("() => { const s = document.querySelector('svg.wb-chart');"
                              " return [s.getAttribute('role'), document.getElementById(s.getAttribute('aria-labelledby')).textContent]; }")
        assert label == ["img", summary]
        assert rows(page) == [[shown(e["date"]), str(e["rating"]), e.get("note", "")] for e in ordered]
        assert page.evaluate("() => document.querySelectorAll('[data-tracker-table] b').length") == 0, "notes are text"
        # axis: 0-10 and dates
        labels = page.evaluate("() => [...document.querySelectorAll('svg.wb-chart .wb-chart__labels > text')].map((t) => t.textContent)")
        assert labels == ["0", "2", "4", "6", "8", "10"]
        ticks = page.evaluate("() => [...document.querySelectorAll('svg.wb-chart .wb-chart__tick text')].map((t) => t.textContent)")
        assert ticks[0] == shown(first["date"], year=not same_year) and ticks[-1] == shown(last["date"], year=not same_year)
    assert page.watch.foreign() == []


def test_bad_values_are_refused_with_a_clear_message_and_nothing_is_saved(shared):
    page = shared.open(f"worksheets/{WS}/")
    tracker_shown(page)
    add(page, ago(3), "5")
    good = [{"date": ago(3), "rating": 5}]
    wait_answer(page, WS, FIELD, good)

    def refused(field: str, message: str) -> None:
        page.click("[data-tracker-add]")
        assert message in error(page), error(page)
        control = f"[name='ratings.{field}']"
        assert page.get_attribute(control, "aria-invalid") == "true"
        assert page.evaluate("() => document.activeElement.name") == f"ratings.{field}"
        assert "wb-ratings-error" in page.get_attribute(control, "aria-describedby")
        assert flush(page) == 1  # every pending edit is written now: a refused one was never handed over
        assert entries(page) == good

    page.fill("[name='ratings.date']", ago(1))
    page.fill("[name='ratings.rating']", "11")
    refused("rating", "11 is more than 10. The rating is a whole number from 0 (not at all) to 10 (fully).")
    page.fill("[name='ratings.rating']", "-1")
    refused("rating", "-1 is less than 0.")
    page.fill("[name='ratings.rating']", "")
    page.keyboard.type("seven")  # a number box holds no text: the browser reports bad input
    refused("rating", "That is not a number.")
    page.fill("[name='ratings.rating']", "7.5")
    refused("rating", "7.5 is not a whole number.")
    page.fill("[name='ratings.rating']", "")
    refused("rating", "Choose a rating.")

    # typing fixes the field and clears its message
    page.fill("[name='ratings.rating']", "7")
    assert error(page) == "" and page.get_attribute("[name='ratings.rating']", "aria-invalid") is None

    page.fill("[name='ratings.date']", (date.today() + timedelta(days=1)).isoformat())
    refused("date", "That date is in the future.")
    page.fill("[name='ratings.date']", ago(3))
    refused("date", f"There is already a rating for {shown(ago(3))}.")
    page.fill("[name='ratings.date']", "")
    refused("date", "Enter the date of this rating.")
    # Browsers without a date picker show a text box: impossible and malformed dates are caught too.
    page.evaluate("() => { document.querySelector('[name=\"ratings.date\"]').type = 'text'; }")
    page.fill("[name='ratings.date']", "2026-02-30")
    refused("date", "30 Feb 2026 doesn't exist. Check the day and the month.")
    page.fill("[name='ratings.date']", "next Tuesday")
    refused("date", "“next Tuesday” is not a date.")

    page.fill("[name='ratings.date']", ago(1))
    page.click("[data-tracker-add]")
    wait_answer(page, WS, FIELD, good + [{"date": ago(1), "rating": 7}])
    assert error(page) == ""
    assert page.watch.errors == []


def test_export_and_import_round_trip_the_entries(page, site_url):
    open_tracker(page, site_url)
    add(page, ago(30), "2", "start")
    add(page, ago(9), "5")
    expected = [{"date": ago(30), "rating": 2, "note": "start"}, {"date": ago(9), "rating": 5}]
    wait_answer(page, WS, FIELD, expected)
    exported = download_json(page, "[data-wb-export]")
    assert exported["worksheets"][WS]["answers"][FIELD] == expected

    page.click("[data-wb-erase]")
    dialog_text(page)
    choose(page, "Erase answers")
    wait_until(page, "() => document.querySelector('[data-tracker-summary]').textContent.startsWith('No ratings yet')")
    assert points(page) == [] and rows(page) == []

    import_file(page, exported, name="mine.json")
    dialog_text(page)
    choose(page, "Replace")
    wait_until(page, "() => document.querySelectorAll('svg.wb-chart .wb-chart__point').length === 2")
    assert entries(page) == expected
    assert [r[1] for r in rows(page)] == ["2", "5"]
    reload_tracker(page)
    assert [(p["date"], p["rating"]) for p in points(page)] == [(ago(30), 2), (ago(9), 5)]
    assert page.watch.foreign() == []


def test_imported_entries_that_cannot_be_charted_are_kept_aside_not_charted(shared):
    page = shared.open(f"worksheets/{WS}/")
    tracker_shown(page)
    bad = [{"date": "2026-02-30", "rating": 4}, {"date": ago(5), "rating": 11}, {"date": ago(50), "rating": 3}]
    import_file(page, export_file({WS: {FIELD: bad}}))
    dialog_text(page)
    choose(page, "Merge")
    wait_until(page, "() => !document.querySelector('[data-tracker-unreadable]').hidden")
    text = page.inner_text("[data-tracker-unreadable]")
    assert "2 saved entries can't go on the chart" in text
    assert "30 Feb 2026 doesn't exist" in text and "11 is more than 10" in text
    assert [(p["date"], p["rating"]) for p in points(page)] == [(ago(50), 3)]
    assert page.inner_text("[data-tracker-summary]").startswith("1 rating so far")
    # kept as they were (nothing dropped); fixing one by Edit makes it a normal entry
    assert entries(page) == bad
    page.click(f"[data-tracker-unreadable] [data-tracker-edit='{ago(5)}']")
    page.fill("[name='ratings.rating']", "10")
    page.click("[data-tracker-add]")
    wait_until(page, "() => document.querySelectorAll('[data-tracker-invalid]').length === 1")
    assert {(e["date"], e["rating"]) for e in entries(page)} == {("2026-02-30", 4), (ago(5), 10), (ago(50), 3)}
    page.click("[data-tracker-unreadable] [data-tracker-delete='2026-02-30']")
    wait_until(page, "() => document.querySelector('[data-tracker-unreadable]').hidden")
    assert entries(page) == [{"date": ago(50), "rating": 3}, {"date": ago(5), "rating": 10}]


def test_the_slider_sets_the_rating_by_pointer(shared):
    page = shared.open(f"worksheets/{WS}/")
    tracker_shown(page)
    # the first tracker's slider (the worksheet has one per goal)
    slider = page.locator(f"[data-tracker='{FIELD}'] [data-tracker-range]")
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)
    assert page.input_value("[name='ratings.rating']") == "10"
    page.fill("[name='ratings.rating']", "2")
    assert slider.input_value() == "2"
    # keyboard: arrows in the number box
    page.focus("[name='ratings.rating']")
    page.keyboard.press("ArrowUp")
    assert page.input_value("[name='ratings.rating']") == "3"
    page.keyboard.press("Enter")
    wait_answer(page, WS, FIELD, [{"date": date.today().isoformat(), "rating": 3}])


def test_another_tab_sees_new_entries(context, site_url):
    a, b = new_page(context, site_url), new_page(context, site_url)
    open_tracker(a, site_url)
    open_tracker(b, site_url)
    add(a, ago(4), "8")
    wait_until(b, "() => document.querySelectorAll('svg.wb-chart .wb-chart__point').length === 1")
    assert rows(b) == [[shown(ago(4)), "8", ""]]


def test_print_shows_the_filled_table_and_the_chart_not_the_form(shared):
    page = shared.open(f"worksheets/{WS}/", storage=workbook({WS: {FIELD: [{"date": ago(20), "rating": 2}, {"date": ago(6), "rating": 5}]}}))
    tracker_shown(page)
    page.emulate_media(media="print")
    try:
        visible = page.evaluate(
            "() => Object.fromEntries(['[data-tracker-entry]', 'svg.wb-chart', '[data-tracker-table]', '[data-tracker-edit]', '[data-tracker-status]']"
            ".map((s) => [s, !!document.querySelector(s) && getComputedStyle(document.querySelector(s)).display !== 'none'"
            " && document.querySelector(s).getClientRects().length > 0]))")
        assert visible == {"[data-tracker-entry]": False, "svg.wb-chart": True, "[data-tracker-table]": True,
                           "[data-tracker-edit]": False, "[data-tracker-status]": False}
        assert page.evaluate("() => getComputedStyle(document.querySelector('svg.wb-chart .wb-chart__line')).stroke") == "rgb(0, 0, 0)"
    finally:
        page.emulate_media(media="screen")  # the shared page: the other tests see it on a screen


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_a_filled_tracker(held_axe, site_url, scheme):
    held_axe.fresh()
    page = held_axe.new_page()
    page.emulate_media(color_scheme=scheme)  # before the load: the page starts in the scheme, as a context's option does
    held_axe.seed(workbook({WS: {FIELD: [
        {"date": ago(30), "rating": 3, "note": "start"}, {"date": ago(12), "rating": 6},
        {"date": "2026-02-30", "rating": 4}]}}))
    open_tracker(page, site_url)
    assert page.evaluate("(s) => matchMedia(`(prefers-color-scheme: ${s})`).matches", scheme)
    page.fill("[name='ratings.rating']", "12")
    page.click("[data-tracker-add]")  # an error message on show
    page.click(f"[data-tracker-delete='{ago(12)}']")  # and the undo message
    wait_until(page, "() => !!document.querySelector('[data-tracker-undo]')")
    violations = run_axe(page)
    assert violations == [], dump(violations)
