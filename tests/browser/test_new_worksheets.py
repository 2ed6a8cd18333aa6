"""Content v2 (issue 17) in the browser: the new worksheets render with their fields and
their PDFs, pages with examples are axe-clean with a disclosure open (light and dark),
"See an example" opens to Sam's answer, and an "Other" box saves beside its choice."""

from __future__ import annotations

import pytest

from generator.loader import load_all
from tests.browser.conftest import axe_findings, dump, wait_until
from tests.browser.warm_page import SCHEMES, AxeInEveryPage, held_page_fixture
from tests.browser.workbook_helpers import answers, open_worksheet, wait_answer
from tests.sitebuild import ROOT

NEW = ["my-values", "goal-ladder", "if-then-plan", "before-each-session", "safety-plan"]
WORKSHEETS = {ws.id: ws for ws in load_all([ROOT / "worksheets"])}


# Nothing here is about the goal checker: its downloads wait (hold_checker_downloads), so Pyodide does
# not boot beside each test.
# Nor about Material's search: its worker and index wait too (hold_search), as they are fetched by every load.
# The tests that only read and fill a worksheet, and the axe runs, share one page (warm_page.HeldPage, where all of
# that waits too; axe in it by the driver's init script, under the page's own CSP, as in test_safety): each opens its
# worksheet in a fresh view by instant navigation, as a reader's link does, not a full load in a context or a tab of
# its own. The reload test keeps its own context and loads.
shared = held_page_fixture("shared", AxeInEveryPage)


@pytest.mark.parametrize("ws_id", NEW)
def test_new_worksheet_renders_every_field_and_links_its_pdfs_and_chapter(shared, ws_id):
    ws = WORKSHEETS[ws_id]
    page = shared.open(f"worksheets/{ws_id}/")
    rendered = page.evaluate("() => [...document.querySelectorAll('form [data-field]')].map((el) => el.dataset.field)")
    assert [f.id for f in ws.fields()] == [f for f in rendered if not f.endswith("_other")]
    assert page.locator("form input, form textarea").count() >= len(ws.fields())
    for name in (f"{ws_id}.pdf", f"{ws_id}-example.pdf"):
        link = page.locator(f'a[href$="pdf/{name}"]')
        assert link.count() == 1, name
        response = page.request.get(link.evaluate("(a) => a.href"))
        assert response.ok and response.body().startswith(b"%PDF-"), name
    chapter = page.locator(".wb-chapter a")
    assert chapter.inner_text() == ws.chapter.title
    chapter.click()
    wait_until(page, "(t) => document.querySelector('article h1')?.textContent.includes(t)", ws.chapter.title)


def test_see_an_example_opens_to_sams_answer(shared):
    page = shared.open("worksheets/if-then-plan/")
    field = page.locator('[data-field="plan_confidence"]')
    details = field.locator("details.wb-example")
    assert details.get_attribute("open") is None
    assert not field.get_by_text("7 out of 10").is_visible()
    details.locator("summary").click()
    wait_until(page, "() => document.querySelector('[data-field=\"plan_confidence\"] details.wb-example').open")
    assert field.get_by_text("7 out of 10").is_visible()
    # Opening an example is reading, not answering: nothing is saved for the field.
    page.locator('[data-field="most_likely"] input').fill("Running late")
    wait_answer(page, "if-then-plan", "most_likely", "Running late")
    assert "plan_confidence" not in answers(page, "if-then-plan")


@pytest.mark.usefixtures("checker_held", "search_held")
def test_other_text_saves_beside_the_ticked_option(page, site_url):
    open_worksheet(page, site_url, "before-first-session")
    page.get_by_label("Something else", exact=True).check()
    page.get_by_label("Something else: in your own words").fill("A therapist who knows about autism")
    wait_answer(page, "before-first-session", "practical_needs_other", "A therapist who knows about autism")
    wait_answer(page, "before-first-session", "practical_needs", ["other"])
    page.reload()
    wait_until(page, "() => document.querySelector('[name=\"practical_needs_other\"]').value !== ''")
    assert page.get_by_label("Something else", exact=True).is_checked()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("ws_id", ["safety-plan", "smart-goal"])
def test_pages_with_an_open_example_are_axe_clean(shared, ws_id, scheme):
    page = shared.open(f"worksheets/{ws_id}/")
    shared.scheme(scheme)  # live, on the same page: checked to be the scheme's colours
    try:
        assert page.evaluate("() => document.body.dataset.mdColorScheme") == SCHEMES[scheme]
        page.locator("details.wb-example summary").first.click()
        wait_until(page, "() => document.querySelector('details.wb-example').open")
        # The page as it settles: the click scrolls, and Material's header fades its topic in and out on a scroll.
        wait_until(page, "() => document.getAnimations().every((a) => a.playState !== 'running')")
        violations = axe_findings(page)
        assert violations == [], dump(violations)
    finally:
        shared.scheme("light")  # the other tests on this page see it as a fresh context does


def test_typing_in_an_other_box_ticks_its_option(shared):
    page = shared.open("worksheets/before-first-session/")
    page.get_by_label("Another way: in your own words").fill("In a park, walking")
    wait_answer(page, "before-first-session", "meeting_format", "other")
    wait_answer(page, "before-first-session", "meeting_format_other", "In a park, walking")
    assert page.get_by_label("Another way", exact=True).is_checked()
