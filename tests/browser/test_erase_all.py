"""Erase all means all (issue 14): after answers on three worksheets, a passphrase and offline pages,
Erase all on the Privacy page leaves nothing of the workbook in localStorage, sessionStorage, Cache
Storage or the service worker registrations."""

from __future__ import annotations

import pytest

from tests.browser.conftest import CHECKER_DOWNLOADS, follow_link, new_page, wait_until
from tests.browser.test_lock import dialog_closed, lock_dialog, set_passphrase, submit
from tests.browser.workbook_helpers import choose, dialog_text, hold_page_requests, open_worksheet, stored, wait_in_page

WORKSHEETS = ["smart-goal", "if-then-plan", "my-values"]
LEFT = """async () => ({
  local: Object.keys(localStorage).filter((k) => k.startsWith('workbook:')),
  session: Object.keys(sessionStorage).filter((k) => k.startsWith('workbook:')),
  caches: (await caches.keys()).filter((n) => n.startsWith('workbook')),
  workers: (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope),
})"""
# The service worker's first install precaches the whole site, Pyodide included, while the worksheets'
# checkers boot: once over 120 s at load ~20. A bound on a positive signal, not a delay (polled in the page).
CONTROLLED_WITHIN = 300
# A worksheet's own form mounted, its tools drawn: the page shown is that worksheet's (not the one before it).
WORKSHEET_SHOWN = """(ws) => !!document.querySelector(`form[data-worksheet="${ws}"][data-wb-mounted]`)
  && !!document.querySelector('[data-wb-tools]')"""
FIRST_BOX = "form[data-worksheet] [data-field] textarea, form[data-worksheet] [data-field] input[type=text]"


@pytest.fixture
def checker_held_in_pages(context) -> list:
    """The goal checker's downloads held for the pages (as hold_checker_downloads holds them) but not for the
    offline worker, whose install must end (it precaches them): Pyodide does not boot on a goal worksheet these
    tests only type into (about 3 CPU-s a test), and the offline copy is the whole site as before."""
    return hold_page_requests(context, CHECKER_DOWNLOADS)


# Material's search held for the pages too (hold_search; the offline worker still precaches it).
@pytest.mark.usefixtures("search_held")
def test_erase_all_leaves_nothing_of_the_workbook_behind(context, checker_held_in_pages, site_url):
    page = new_page(context, site_url)
    for i, ws in enumerate(WORKSHEETS):
        if i == 0:
            open_worksheet(page, site_url, ws)
        else:  # by a click on a link, as a reader moves on (instant navigation: no full load of each worksheet)
            follow_link(page, f"{site_url}worksheets/{ws}/", WORKSHEET_SHOWN, ws)
        page.locator(FIRST_BOX).first.fill(f"Something private on {ws}")
        wait_until(page, "(ws) => !!JSON.parse(localStorage.getItem('workbook:v1') || '{}').worksheets?.[ws]", ws)
    assert sorted(stored(page)["worksheets"]) == sorted(WORKSHEETS)
    set_passphrase(page, site_url)
    # offline pages: the service worker installs its copy of the site; a new load asks for the passphrase
    for path in ["", "privacy/"]:
        page.goto(site_url + path)
        wait_in_page(page, "() => !!navigator.serviceWorker.controller", timeout=CONTROLLED_WITHIN)
    lock_dialog(page)
    submit(page, "not the passphrase")  # a wrong try: the counter goes to sessionStorage
    wait_until(page, "() => !!sessionStorage.getItem('workbook:unlock-tries')")
    page.click("dialog[open] button:text-is('Cancel')")
    dialog_closed(page)
    before = page.evaluate(LEFT)
    assert before["local"] and before["session"] and before["caches"] and before["workers"], before

    page.click("[data-wb-workbook-tools] [data-wb-erase]")
    text = dialog_text(page)
    assert "cannot remove files you downloaded" in text and "history" in text and "copied" in text
    assert page.locator("[data-wb-erase-keep-offline]").is_checked() is False  # unticked unless chosen
    choose(page, "Erase everything")
    wait_until(page, "() => document.querySelector('[data-wb-workbook-tools] [role=status]').textContent.includes('not touched')", timeout=60)
    assert page.evaluate(LEFT) == {"local": [], "session": [], "caches": [], "workers": []}


@pytest.mark.usefixtures("search_held")
def test_erase_all_can_keep_the_offline_copy(context, checker_held_in_pages, site_url):
    page = new_page(context, site_url)
    open_worksheet(page, site_url, "smart-goal")
    page.fill("#wb-goal", "Walk at lunch")
    page.goto(site_url + "privacy/")
    wait_in_page(page, "() => !!navigator.serviceWorker.controller", timeout=CONTROLLED_WITHIN)
    # On the Privacy page already (privacy() would load it again): its workbook tools drawn.
    wait_until(page, "() => !!document.querySelector('[data-wb-workbook-tools] [data-wb-lock]')")
    page.click("[data-wb-workbook-tools] [data-wb-erase]")
    dialog_text(page)
    page.check("[data-wb-erase-keep-offline]")
    choose(page, "Erase everything")
    wait_until(page, "() => document.querySelector('[data-wb-workbook-tools] [role=status]').textContent.includes('kept')", timeout=60)
    left = page.evaluate(LEFT)
    assert left["local"] == [] and left["workers"] and all(n.startswith("workbook-precache") for n in left["caches"]), left
