"""Export, import (merge, replace, refused files), erase with a real dialog, print, and accessibility of it all."""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import assert_accessible, wait_until
from tests.browser.warm_page import held_page_fixture
from tests.browser.workbook_helpers import (
    KEY, alert_text, answers, choose, dialog_text, download_json, export_file, held_context_fixture,
    held_context_fixtures, import_file, open_worksheet, raw, search_held_in, stored, wait_answer, workbook,
)

WS = "smart-goal"
OTHER = "what-i-want"


# Nothing here is about the goal checker: its downloads wait (hold_checker_downloads), so Pyodide does
# not boot beside each test. The tests share one context, emptied before each (HeldContext), and seed the
# storage from its helper tab instead of loading a page first; the axe runs share one that bypasses the CSP.
held, context, page = held_context_fixtures()
held_axe = held_context_fixture("held_axe", bypass_csp=True)
# Material's search waits in the shared contexts too (hold_search): every load fetches it, and no test here is
# about it.
search_held_here = search_held_in("held", "held_axe")
# The tests that stay on the worksheet share one page (warm_page.HeldPage, where all of the above waits too): each
# opens the worksheet in a fresh view, built from the storage it asks for, by instant navigation as a reader's link
# does, not a full load in a new tab.
shared = held_page_fixture("shared")


def fill_some(page, site_url):
    open_worksheet(page, site_url, WS)
    fill_in(page)


def fill_in(page):
    """Fill three answers of the worksheet on screen (fill_some, its page already open)."""
    page.fill("#wb-goal", "Walk at lunch")
    page.fill("#wb-why", "Energy")
    page.fill("[name='first_steps[0].step']", "Shoes")
    wait_answer(page, WS, "first_steps", [{"step": "Shoes"}, {}, {}])


def test_export_a_worksheet_in_the_documented_format(shared):
    page = shared.open(f"worksheets/{WS}/", storage=workbook({OTHER: {"matters_most": "Calm"}}))
    fill_in(page)
    with page.expect_download() as info:
        page.click("[data-wb-export]")
    assert info.value.suggested_filename.startswith("therapy-goals-smart-goal-")
    data = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert list(data) == ["format", "version", "exported_at", "workbook_version", "worksheets"]
    assert (data["format"], data["version"], data["workbook_version"]) == ("therapy-goals-workbook", 1, "0.1.0")
    assert list(data["worksheets"]) == [WS]  # this worksheet only
    assert data["worksheets"][WS]["answers"] == {"goal": "Walk at lunch", "why": "Energy", "first_steps": [{"step": "Shoes"}, {}, {}]}
    assert "Exported 3 answers" in page.inner_text("[data-wb-tools] [role=status]")


def test_round_trip_merge_and_replace_with_a_preview(shared):
    page = shared.open(f"worksheets/{WS}/")
    fill_in(page)
    exported = download_json(page, "[data-wb-export]")
    page.fill("#wb-goal", "Swim instead")
    page.fill("#wb-supports", "My sister")
    wait_answer(page, WS, "supports", "My sister")

    import_file(page, exported, name="backup.json")
    preview = dialog_text(page)
    assert "backup.json" in preview
    assert "the file has 3 answers; you have 4 answers here now" in preview
    # Field labels, as the page shows them, not ids (issue 14 path 5)
    assert "overwrite 1 answer of yours: “My goal”" in preview
    assert "Replace also erases 1 answer the file does not have: “People and things that can help me”" in preview
    assert page.evaluate("() => document.activeElement.textContent") == "Cancel"
    choose(page, "Merge")
    assert page.input_value("#wb-goal") == "Walk at lunch"
    assert page.input_value("#wb-supports") == "My sister"
    assert answers(page, WS)["supports"] == "My sister"

    import_file(page, exported, name="backup.json")
    dialog_text(page)
    choose(page, "Replace")
    assert page.input_value("#wb-supports") == ""
    assert answers(page, WS) == exported["worksheets"][WS]["answers"]

    before = raw(page)
    import_file(page, exported)
    dialog_text(page)
    page.keyboard.press("Escape")
    wait_until(page, "() => !document.querySelector('dialog[open]')")
    assert raw(page) == before
    assert "Nothing was changed" in page.inner_text("[data-wb-tools] [role=status]")


BAD_FILES = {
    "not-json": "this is not json {",
    "wrong-format": json.dumps({"format": "something-else", "version": 1, "worksheets": {}}),
    "version-99": json.dumps(export_file({WS: {"goal": "x"}}, version=99)),
    "too-big": json.dumps(export_file({WS: {"goal": "x" * (6 * 1024 * 1024)}})),
    "proto-keys": '{"format": "therapy-goals-workbook", "version": 1, "worksheets": {"smart-goal": {"answers": {"__proto__": {"polluted": "yes"}}}}}',
    "proto-worksheet": '{"format": "therapy-goals-workbook", "version": 1, "worksheets": {"__proto__": {"answers": {"goal": "x"}}}}',
    "wrong-types": json.dumps(export_file({WS: {"goal": {"nested": True}, "confidence": [1, 2]}})),
    "not-an-object": "[1, 2, 3]",
}
MESSAGES = {
    "not-json": "not JSON", "wrong-format": "not a Therapy Goals Workbook export", "version-99": "version 99",
    "too-big": "too big", "proto-keys": "__proto__", "proto-worksheet": "__proto__", "wrong-types": "cannot be imported",
    "not-an-object": "not a Therapy Goals Workbook export",
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_import_changes_nothing(shared, name):
    page = shared.open(f"worksheets/{WS}/")
    fill_in(page)
    before = raw(page)
    import_file(page, BAD_FILES[name], name=f"{name}.json")
    message = alert_text(page)
    assert MESSAGES[name] in message and "Nothing was changed" in message
    assert page.locator("dialog[open]").count() == 0
    assert raw(page) == before
    assert page.input_value("#wb-goal") == "Walk at lunch"
    assert page.evaluate("() => ({}).polluted === undefined && Object.prototype.polluted === undefined")


def test_erase_asks_in_a_dialog_and_cancel_keeps_everything(shared):
    page = shared.open(f"worksheets/{WS}/", storage=workbook({OTHER: {"matters_most": "Calm"}}))
    fill_in(page)
    before = raw(page)

    page.focus("[data-wb-erase]")
    page.keyboard.press("Enter")
    text = dialog_text(page)
    assert "3 answers" in text and "can't be undone" in text
    assert page.evaluate("() => document.activeElement.textContent") == "Cancel"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('dialog') !== null")
    page.keyboard.press("Escape")
    wait_until(page, "() => !document.querySelector('dialog[open]')")
    assert page.evaluate("() => document.activeElement.hasAttribute('data-wb-erase')")
    assert raw(page) == before

    page.click("[data-wb-erase]")
    dialog_text(page)
    choose(page, "Cancel")
    assert raw(page) == before
    assert page.watch.dialogs == []  # never window.confirm

    page.click("[data-wb-erase]")
    dialog_text(page)
    choose(page, "Erase answers")
    assert "Erased 3 answers" in page.inner_text("[data-wb-tools] [role=status]")
    assert page.input_value("#wb-goal") == ""
    assert list(stored(page)["worksheets"]) == [OTHER]  # other worksheets untouched


def test_whole_workbook_tools_on_the_privacy_page(held, page, site_url):
    held.seed(workbook({OTHER: {"matters_most": "Calm"}}))
    held.seed("{broken", key="workbook:quarantine:2030-01-01T00:00:00.000Z")
    fill_some(page, site_url)
    page.goto(f"{site_url}privacy/")
    wait_until(page, "() => !!document.querySelector('[data-wb-workbook-tools] [data-wb-tools]')")
    names = page.evaluate("() => [...document.querySelectorAll('[data-wb-workbook-tools] button')].map((b) => b.textContent)")
    # the privacy page's own words point at these buttons
    for word in ("Export", "Import", "Erase"):
        assert any(n.startswith(word) for n in names), names
    exported = download_json(page, "[data-wb-export]")
    assert sorted(exported["worksheets"]) == sorted([WS, OTHER])

    before = raw(page)
    page.click("[data-wb-erase]")
    text = dialog_text(page)
    assert "2 worksheets" in text and "1 set-aside copy" in text
    choose(page, "Cancel")
    assert raw(page) == before

    page.click("[data-wb-erase]")
    dialog_text(page)
    choose(page, "Erase everything")
    assert raw(page) is None
    assert page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('workbook:'))") == []

    import_file(page, exported, scope="[data-wb-workbook-tools]")
    assert "the file has 1 answer; you have no answers here yet" in dialog_text(page)
    choose(page, "Replace")
    assert stored(page)["worksheets"] == exported["worksheets"]


def test_print_shows_answers_without_the_site_chrome(shared):
    page = shared.open(f"worksheets/{WS}/")
    fill_in(page)
    page.fill("#wb-supports", "First line\nSecond line of a long answer")
    page.emulate_media(media="print")
    for selector in ("header.md-header", ".md-sidebar--primary", "[data-wb-toolbar]", "footer.md-footer",
                     "[data-field=first_steps] [data-repeat-add]"):
        assert not page.is_visible(selector), selector
    assert not page.is_visible("#wb-supports")
    mirror = page.locator("[data-field=supports] .wb-print-value")
    assert mirror.is_visible()
    assert mirror.inner_text() == "First line\nSecond line of a long answer"
    page.emulate_media(media="screen")
    assert not mirror.is_visible()
    assert page.is_visible("[data-wb-toolbar]")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_toolbar_earlier_answers_and_dialog_pass_axe(held_axe, site_url, scheme):
    held_axe.fresh()
    page = held_axe.new_page()
    page.emulate_media(color_scheme=scheme)  # before the load: the page starts in the scheme, as a context's option does
    held_axe.seed(workbook({WS: {"goal": "Walk", "old_field": "kept words"}}))
    open_worksheet(page, site_url, WS)
    assert page.evaluate("(s) => matchMedia(`(prefers-color-scheme: ${s})`).matches", scheme)
    page.fill("#wb-why", "so the quota note and status appear")
    wait_answer(page, WS, "why", "so the quota note and status appear")
    assert page.locator("[data-wb-earlier]").count() == 1
    page.click("[data-wb-erase]")
    dialog_text(page)
    assert_accessible(page, "[data-wb-tools] button, [data-wb-earlier] button, dialog button, .wb-repeat__remove")
    assert KEY
