"""Content v2 (issue 17) in the browser: the new worksheets render with their fields and
their PDFs, pages with examples are axe-clean with a disclosure open (light and dark),
"See an example" opens to Sam's answer, and an "Other" box saves beside its choice."""

from __future__ import annotations

import pytest

from generator.loader import load_all
from tests.browser.conftest import dump, hold_checker_downloads, run_axe, wait_until
from tests.browser.warm_page import SCHEMES
from tests.browser.workbook_helpers import answers, hold_search, open_worksheet, wait_answer
from tests.sitebuild import ROOT

NEW = ["my-values", "goal-ladder", "if-then-plan", "before-each-session", "safety-plan"]
WORKSHEETS = {ws.id: ws for ws in load_all([ROOT / "worksheets"])}


# Nothing here is about the goal checker: its downloads wait (hold_checker_downloads), so Pyodide does
# not boot beside each test.
# Nor about Material's search: its worker and index wait too (hold_search), as they are fetched by every load.
pytestmark = pytest.mark.usefixtures("checker_held", "search_held")


@pytest.mark.parametrize("ws_id", NEW)
def test_new_worksheet_renders_every_field_and_links_its_pdfs_and_chapter(page, site_url, ws_id):
    ws = WORKSHEETS[ws_id]
    open_worksheet(page, site_url, ws_id)
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


def test_see_an_example_opens_to_sams_answer(page, site_url):
    open_worksheet(page, site_url, "if-then-plan")
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


def test_other_text_saves_beside_the_ticked_option(page, site_url):
    open_worksheet(page, site_url, "before-first-session")
    page.get_by_label("Something else", exact=True).check()
    page.get_by_label("Something else: in your own words").fill("A therapist who knows about autism")
    wait_answer(page, "before-first-session", "practical_needs_other", "A therapist who knows about autism")
    wait_answer(page, "before-first-session", "practical_needs", ["other"])
    page.reload()
    wait_until(page, "() => document.querySelector('[name=\"practical_needs_other\"]').value !== ''")
    assert page.get_by_label("Something else", exact=True).is_checked()


# Before a tab's first page script: the site's storage as a fresh profile has it (empty), once per tab
# (sessionStorage is the tab's own). Material keeps the palette it showed there, which a later tab in
# another scheme would show instead of the one its system setting asks for.
FRESH_TAB = """
if (!sessionStorage.getItem("wb-test-tab")) {
  localStorage.clear();
  sessionStorage.setItem("wb-test-tab", "1");
}
"""


@pytest.fixture(scope="module")
def axe_context(browser):
    """One context for the axe runs below: axe injects past the CSP, the checker's downloads wait. Each run is a
    new tab (its storage emptied first, FRESH_TAB) and a full load in its scheme (a new context each cost more
    than the tab)."""
    ctx = browser.new_context(bypass_csp=True)
    hold_checker_downloads(ctx)
    hold_search(ctx)
    ctx.add_init_script(FRESH_TAB)
    yield ctx
    ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("ws_id", ["safety-plan", "smart-goal"])
def test_pages_with_an_open_example_are_axe_clean(axe_context, site_url, ws_id, scheme):
    page = axe_context.new_page()
    try:
        page.emulate_media(color_scheme=scheme)  # before the load: Material picks the palette as the page starts
        open_worksheet(page, site_url, ws_id)
        assert page.evaluate("() => document.body.dataset.mdColorScheme") == SCHEMES[scheme]
        page.locator("details.wb-example summary").first.click()
        wait_until(page, "() => document.querySelector('details.wb-example').open")
        violations = run_axe(page)
        assert violations == [], dump(violations)
    finally:
        page.close()


def test_typing_in_an_other_box_ticks_its_option(page, site_url):
    open_worksheet(page, site_url, "before-first-session")
    page.get_by_label("Another way: in your own words").fill("In a park, walking")
    wait_answer(page, "before-first-session", "meeting_format", "other")
    wait_answer(page, "before-first-session", "meeting_format_other", "In a park, walking")
    assert page.get_by_label("Another way", exact=True).is_checked()
