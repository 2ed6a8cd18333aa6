"""Whatever a person types, stores or imports is shown back as text: markup never runs."""

from __future__ import annotations

import pytest

from tests.browser.conftest import pages_of
from tests.browser.workbook_helpers import (
    PAYLOADS, choose, dialog_text, export_file, import_file, no_script_ran, open_worksheet, seed, wait_answer, workbook,
)


def worksheet_ids(site) -> list[str]:
    return [p.split("/")[1] for p in pages_of(site) if p.startswith("worksheets/") and p.count("/") == 2]


def test_payloads_typed_in_every_text_field_of_every_worksheet(page, site_url, built_site):
    ids = worksheet_ids(built_site)
    assert len(ids) >= 9
    for ws in ids:
        open_worksheet(page, site_url, ws)
        boxes = page.evaluate(
            "() => [...document.querySelectorAll('form[data-worksheet] input[type=text], form[data-worksheet] textarea')]"
            ".filter((el) => !el.closest('[data-tracker]')).map((el) => el.name)")
        assert boxes, ws
        for i, name in enumerate(boxes):
            page.fill(f"[name='{name}']", PAYLOADS[i % 2] + f" {i}")
        last = boxes[-1]
        if "[" not in last:
            wait_answer(page, ws, last, PAYLOADS[(len(boxes) - 1) % 2] + f" {len(boxes) - 1}")
        page.reload()
        open_worksheet(page, site_url, ws)
        assert page.input_value(f"[name='{boxes[0]}']") == PAYLOADS[0] + " 0"
        page.emulate_media(media="print")
        no_script_ran(page)
        page.emulate_media(media="screen")
    no_script_ran(page)


def test_payloads_in_earlier_answers(page, site_url):
    seed(page, site_url, workbook({"smart-goal": {"old_a": PAYLOADS[0], "old_b": PAYLOADS[1], "first_steps": [{"gone": PAYLOADS[0]}]}}))
    open_worksheet(page, site_url, "smart-goal")
    text = page.inner_text("[data-wb-earlier]")
    assert PAYLOADS[0] in text and PAYLOADS[1] in text
    page.click("[data-wb-earlier-copy]")
    assert PAYLOADS[1] in page.input_value(".wb-earlier__text")
    no_script_ran(page)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_an_imported_file_and_its_preview(page, site_url, payload):
    open_worksheet(page, site_url, "smart-goal")
    data = export_file({"smart-goal": {"goal": payload, "why": payload}}, exported_at=payload)
    import_file(page, data, name=f"{payload}.json")
    preview = dialog_text(page)
    assert payload in preview  # the file name, shown as text
    no_script_ran(page)
    choose(page, "Merge")
    assert page.input_value("#wb-goal") == payload
    no_script_ran(page)


def test_a_hostile_file_name_in_an_error_message(page, site_url):
    open_worksheet(page, site_url, "smart-goal")
    import_file(page, PAYLOADS[0], name=f"{PAYLOADS[1]}.json")
    page.wait_for_selector("[data-wb-tools] [role=alert]")
    no_script_ran(page)
