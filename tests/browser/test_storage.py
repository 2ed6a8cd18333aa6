"""Nothing typed is lost: changed worksheets, full or missing storage, unreadable or unknown stored data."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from tests.browser.conftest import wait_until
from tests.browser.workbook_helpers import (
    KEY, NO_STORAGE_SCRIPT, QUOTA_SCRIPT, alert_text, answers, choose, dialog_text, download_json, open_worksheet,
    raw, seed_plain, stored, wait_answer, workbook,
)

WS = "smart-goal"


# Nothing here is about the goal checker: its downloads wait (hold_checker_downloads), so Pyodide does
# not boot beside each test.
# Nor about Material's search: its worker and index wait too (hold_search), as they are fetched by every load.
# Nor about the offline copy: a page without a goal field (a reading page, areas-of-life) registers its worker,
# whose precache then fetches and stores the whole site beside the test; its script waits (hold_offline_worker).
# All three held by the session's site server (held_at_server), not by routes: the context keeps its HTTP cache, so
# a full load does not fetch and compile Material's bundle and CSS again (the search worker's script waits; its index
# is answered, never built).
pytestmark = pytest.mark.usefixtures("held_at_server")


# What open_worksheet waits for, after a reload of the worksheet (the reload is the load: no second goto).
TOOLS_SHOWN = "() => !!document.querySelector('[data-wb-tools]')"


def first_value(html: str, name: str) -> str:
    """The value of the first input called `name` in a page's HTML."""
    values: list[str] = []

    class Inputs(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found = dict(attrs)
            if tag == "input" and found.get("name") == name:
                values.append(found.get("value") or "")

    Inputs().feed(html)
    return values[0]


def earlier_entries(page) -> dict:
    return page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('[data-wb-earlier] dt')]"
        ".map((dt) => [dt.textContent, dt.nextElementSibling.textContent]))")


def test_answers_of_a_removed_field_are_kept_and_shown(page, site_url):
    seed_plain(page, site_url, workbook({WS: {"goal": "Walk more", "old_question": "My old words\non two lines",
                                        "first_steps": "a text answer from when this was one box"}}))
    open_worksheet(page, site_url, WS)
    assert page.input_value("#wb-goal") == "Walk more"
    assert earlier_entries(page) == {"old_question": "My old words\non two lines",
                                     "first_steps": "a text answer from when this was one box"}
    assert "Earlier answers" in page.inner_text("[data-wb-earlier] h2")

    # editing other fields keeps them
    page.fill("#wb-why", "new answer")
    wait_answer(page, WS, "why", "new answer")
    assert answers(page, WS)["old_question"] == "My old words\non two lines"
    assert answers(page, WS)["first_steps"] == "a text answer from when this was one box"

    # editing the changed field moves its old value aside, still kept and shown
    page.fill("[name='first_steps[0].step']", "Shoes")
    wait_answer(page, WS, "first_steps", [{"step": "Shoes"}, {}, {}])
    record = stored(page)["worksheets"][WS]
    assert record["earlier"] == {"first_steps": "a text answer from when this was one box"}
    assert "first_steps" in earlier_entries(page)

    # copy-friendly text
    page.click("[data-wb-earlier-copy]")
    text = page.input_value(".wb-earlier__text")
    assert "old_question:\nMy old words\non two lines" in text

    # hiding does not delete; the box comes back next time
    before = raw(page)
    page.click("[data-wb-earlier-hide]")
    assert page.locator("[data-wb-earlier]").count() == 0
    assert raw(page) == before
    page.reload()
    wait_until(page, TOOLS_SHOWN)
    assert "old_question" in earlier_entries(page)

    # "Remove these" asks first; Cancel keeps them
    page.click("[data-wb-earlier-remove]")
    assert "can't be undone" in dialog_text(page)
    choose(page, "Cancel")
    assert raw(page) == before
    page.click("[data-wb-earlier-remove]")
    choose(page, "Remove")
    wait_until(page, "() => !document.querySelector('[data-wb-earlier]')")
    assert answers(page, WS) == {"goal": "Walk more", "why": "new answer", "first_steps": [{"step": "Shoes"}, {}, {}]}
    assert "earlier" not in stored(page)["worksheets"][WS]


def test_a_choice_that_is_gone_is_kept_until_the_field_is_edited(page, site_url):
    ws = "areas-of-life"
    first = first_value(page.request.get(f"{site_url}worksheets/{ws}/").text(), "common_areas")  # as served, no load
    seed_plain(page, site_url, workbook({ws: {"common_areas": [first, "an-option-that-went-away"]}}))
    open_worksheet(page, site_url, ws)
    assert page.is_checked(f"input[name=common_areas][value='{first}']")
    assert earlier_entries(page) == {"common_areas": f"{first}, an-option-that-went-away"}
    page.fill("#wb-other_areas", "Money")
    wait_answer(page, ws, "other_areas", "Money")
    assert answers(page, ws)["common_areas"] == [first, "an-option-that-went-away"]


def test_full_storage_warns_keeps_working_and_export_still_works(context, page, site_url):
    context.add_init_script(QUOTA_SCRIPT)
    open_worksheet(page, site_url, WS)
    page.fill("#wb-why", "words that did not fit")
    assert "full" in alert_text(page)
    assert page.input_value("#wb-why") == "words that did not fit"
    data = download_json(page, "[data-wb-export]")
    assert data["worksheets"][WS]["answers"]["why"] == "words that did not fit"
    assert page.watch.errors == [] or all("checker" in e for e in page.watch.errors)


def test_unavailable_storage_warns_and_the_page_still_works(context, page, site_url):
    context.add_init_script(NO_STORAGE_SCRIPT)
    open_worksheet(page, site_url, WS)
    assert "not letting the workbook save" in alert_text(page)
    page.fill("#wb-goal", "typed in a private window")
    page.click("[data-field=first_steps] [data-repeat-add]")
    data = download_json(page, "[data-wb-export]")
    assert data["worksheets"][WS]["answers"]["goal"] == "typed in a private window"
    assert [e for e in page.watch.errors if "workbook" in e] == []


@pytest.mark.parametrize("bad", [
    '{"version": 1, "worksheets": {',
    json.dumps({"version": 0, "worksheets": {"smart-goal": {"answers": {"goal": "no such version"}}}}),
    json.dumps({"version": 1, "worksheets": {"smart-goal": {"answers": {"goal": {"not": "text"}}}}}),
], ids=["not-json", "unknown-version", "wrong-types"])
def test_unreadable_stored_data_is_set_aside_not_lost(page, site_url, bad):
    seed_plain(page, site_url, bad)
    open_worksheet(page, site_url, WS)
    message = alert_text(page)
    assert "set aside" in message
    keys = page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('workbook:quarantine:'))")
    assert len(keys) == 1 and keys[0] in message
    assert raw(page, keys[0]) == bad
    assert raw(page) is None  # started clean
    assert page.input_value("#wb-goal") == ""

    with page.expect_download() as info:
        page.click("[data-wb-quarantine] button:text-is('Download the set-aside data')")
    assert open(info.value.path(), encoding="utf-8").read() == bad

    # new answers go under the clean key; the set-aside copy stays
    page.fill("#wb-why", "fresh start")
    wait_answer(page, WS, "why", "fresh start")
    assert raw(page, keys[0]) == bad
    page.reload()
    wait_until(page, TOOLS_SHOWN)
    assert page.locator("[data-wb-quarantine]").count() == 0
    assert raw(page, keys[0]) == bad


def test_data_from_a_newer_workbook_is_read_only_and_a_set_aside_copy_imports(page, site_url):
    """Issue 14, path 2: an old page never writes over data it cannot read; set-aside copies import."""
    newer = json.dumps({"version": 99, "worksheets": {WS: {"answers": {"goal": "from the future"}}}})
    seed_plain(page, site_url, newer)
    open_worksheet(page, site_url, WS)
    message = alert_text(page)
    assert "newer version" in message and "not saving" in message
    assert page.locator("[data-wb-storage-alert] [data-wb-reload]").count() == 1
    page.fill("#wb-why", "typed in the old page")
    page.evaluate("() => window.dispatchEvent(new Event('pagehide'))")  # every save path runs
    assert raw(page) == newer
    assert page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('workbook:'))") == [KEY]  # nothing set aside

    # A set-aside copy (what a damaged store leaves) is imported from the Privacy page.
    copy = json.dumps({"version": 1, "worksheets": {WS: {"answers": {"goal": "from the copy"}}}})
    page.evaluate("([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }", ["workbook:quarantine:2030-01-02T03:04:05.000Z", copy])
    page.goto(f"{site_url}privacy/")
    wait_until(page, "() => !!document.querySelector('[data-wb-set-aside-import]')")
    page.click("[data-wb-set-aside-import]")
    assert "the file has 1 answer" in dialog_text(page)
    choose(page, "Merge")
    wait_answer(page, WS, "goal", "from the copy")


def test_the_browser_is_asked_to_keep_answers_after_the_first_save(page, site_url):
    open_worksheet(page, site_url, WS)
    page.fill("#wb-why", "first answer")
    wait_until(page, "() => !document.querySelector('.wb-note').hidden")
    note = page.inner_text(".wb-note")
    assert "won't clear them" in note or "may clear saved answers" in note
    assert KEY in page.evaluate("() => Object.keys(localStorage)")
