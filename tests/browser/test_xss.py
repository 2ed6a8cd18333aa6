"""Whatever a person types, stores or imports is shown back as text: markup never runs."""

from __future__ import annotations

import pytest

from tests.browser.conftest import follow_link, pages_of, wait_until
from tests.browser.warm_page import held_page_fixture
from tests.browser.workbook_helpers import (
    PAYLOADS, answers, choose, dialog_text, export_file, flush, import_file, no_script_ran, open_worksheet, workbook,
)

# Not about Material's search: its worker and index wait (hold_search), as they are fetched by every load.
# The tests on one worksheet share one page (warm_page.HeldPage; the goal checker's downloads, the offline worker
# and the search wait there): each opens it in a fresh view, built from the storage it asks for, by instant
# navigation as a reader's link does, not a full load in a context of its own.
shared = held_page_fixture("shared")


def worksheet_ids(site) -> list[str]:
    return [p.split("/")[1] for p in pages_of(site) if p.startswith("worksheets/") and p.count("/") == 2]


# Types `text` into each named box as a person's typing does (focus, select all, insert: the browser's own
# editing, firing beforeinput and input as a key press does; what Playwright's fill does, box by box) in
# one call for the whole worksheet instead of three driver round trips per box; returns the boxes' values.
TYPE_INTO = """(entries) => entries.map(([name, text]) => {
  const box = document.querySelector(`form[data-worksheet] [name="${name}"]`);
  box.focus();
  box.select();
  document.execCommand('insertText', false, text);
  return box.value;
})"""
# The worksheet `ws` is on screen, its form bound to the store and its tools drawn (what open_worksheet waits for).
WORKSHEET_SHOWN = """(ws) => location.pathname.endsWith(`/worksheets/${ws}/`)
  && !!document.querySelector(`form[data-worksheet="${ws}"][data-wb-mounted]`)
  && !!document.querySelector('[data-wb-tools]')"""
SHOWN = """([names, want]) => JSON.stringify(want)
  === JSON.stringify(names.map((name) => document.querySelector(`form[data-worksheet] [name="${name}"]`).value))"""


@pytest.mark.usefixtures("search_held")
def test_payloads_typed_in_every_text_field_of_every_worksheet(page, checker_held, site_url, built_site):
    """Every box keeps its payload as text: typed, saved, shown again after a reload, and printed.
    (The goal checker's downloads are held: the checker's feedback on these payloads is
    test_checker.py's test_goal_text_is_never_run_as_html.)

    One document types into every worksheet, moving on by a link of the site (instant navigation, as a
    reader does); one reload then starts a new document, which reads the storage and shows each worksheet
    in turn (its form drawn from what was stored, not from what was typed): a full load of each worksheet
    twice cost one to three seconds a load on a busy machine."""
    ids = worksheet_ids(built_site)
    assert len(ids) >= 9
    typed_in: dict[str, tuple[list[str], list[str]]] = {}
    for n, ws in enumerate(ids):
        if n == 0:
            open_worksheet(page, site_url, ws)
        else:
            follow_link(page, f"{site_url}worksheets/{ws}/", WORKSHEET_SHOWN, ws)
        boxes = page.evaluate(
            "() => [...document.querySelectorAll('form[data-worksheet] input[type=text], form[data-worksheet] textarea')]"
            ".filter((el) => !el.closest('[data-tracker]')).map((el) => el.name)")
        assert boxes, ws
        typed = [PAYLOADS[i % 2] + f" {i}" for i in range(len(boxes))]
        assert page.evaluate(TYPE_INTO, list(zip(boxes, typed))) == typed, ws
        assert flush(page), ws  # every edit written now (as leaving does), instead of waiting out the autosave delay
        last = boxes[-1]
        if "[" not in last:
            assert answers(page, ws)[last] == typed[-1], ws
        typed_in[ws] = boxes, typed
    page.reload()
    wait_until(page, WORKSHEET_SHOWN, ids[-1])
    for ws in [ids[-1], *ids[:-1]]:  # the reloaded worksheet first, then each other one by a link
        if ws != ids[-1]:
            follow_link(page, f"{site_url}worksheets/{ws}/", WORKSHEET_SHOWN, ws)
        wait_until(page, SHOWN, list(typed_in[ws]))  # every box shows its payload again, as text in the box
        page.emulate_media(media="print")
        no_script_ran(page)
        page.emulate_media(media="screen")
    no_script_ran(page)


def test_payloads_in_earlier_answers(shared):
    page = shared.open("worksheets/smart-goal/", storage=workbook(
        {"smart-goal": {"old_a": PAYLOADS[0], "old_b": PAYLOADS[1], "first_steps": [{"gone": PAYLOADS[0]}]}}))
    text = page.inner_text("[data-wb-earlier]")
    assert PAYLOADS[0] in text and PAYLOADS[1] in text
    page.click("[data-wb-earlier-copy]")
    assert PAYLOADS[1] in page.input_value(".wb-earlier__text")
    no_script_ran(page)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_an_imported_file_and_its_preview(shared, payload):
    page = shared.open("worksheets/smart-goal/")
    data = export_file({"smart-goal": {"goal": payload, "why": payload}}, exported_at=payload)
    import_file(page, data, name=f"{payload}.json")
    preview = dialog_text(page)
    assert payload in preview  # the file name, shown as text
    no_script_ran(page)
    choose(page, "Merge")
    assert page.input_value("#wb-goal") == payload
    no_script_ran(page)


def test_a_hostile_file_name_in_an_error_message(shared):
    page = shared.open("worksheets/smart-goal/")
    import_file(page, PAYLOADS[0], name=f"{PAYLOADS[1]}.json")
    page.wait_for_selector("[data-wb-tools] [role=alert]")
    no_script_ran(page)
