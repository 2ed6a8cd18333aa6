"""Typing before the form's code arrives is kept: the page is usable while its scripts load."""

from __future__ import annotations

from tests.browser.conftest import wait_until


# Nothing here is about the goal checker: its downloads wait (hold_checker_downloads), so Pyodide does not
# boot beside the test (a worksheet's cold start is seconds of CPU the test never reads).
def test_text_typed_before_the_form_mounts_is_saved_not_cleared(page, checker_held, site_url):
    held = []
    page.route("**/assets/javascripts/form.*.js", lambda route: held.append(route))
    page.goto(site_url + "worksheets/smart-goal/", wait_until="domcontentloaded")
    for _ in range(600):  # the request is the signal; 30 s at most on a busy machine
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "form.js was never requested"
    page.locator("#wb-why").fill("typed while the page was still loading")
    page.locator('input[name="confidence"][value="6"]').check()
    held[0].continue_()
    wait_until(page, "() => localStorage.getItem('workbook:v1')?.includes('typed while the page was still loading')")
    assert page.locator("#wb-why").input_value() == "typed while the page was still loading"
    assert page.locator('input[name="confidence"][value="6"]').is_checked()
