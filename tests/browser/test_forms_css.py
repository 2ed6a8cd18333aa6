"""The form stylesheets (forms.css) after Material's instant navigation.

A reading page does not link forms.css (generator/minify.py). Instant navigation from it to a worksheet
shows the new content first and adds the stylesheet after, so workbook.css holds the form back
(visibility hidden, for at most a second) until forms.css applies, rather than showing it unstyled. These
tests watch the form from the moment it enters the page, with forms.css's download held by the test.
"""

from __future__ import annotations

from tests.browser.conftest import hold_checker_downloads, new_page, wait_until
from tests.browser.warm_page import READING_READY, WATCH_VIEWS

FORMS_CSS = "**/assets/stylesheets/forms.*css"  # fingerprinted: forms.<hash>.css
FORMS_LINK = 'link[rel=stylesheet][href*="/stylesheets/forms."]'
READING = "why-goals/"
WORKSHEET = "worksheets/if-then-plan/"

# Before the move: note how the form looks in the first style computed for it (the mutation callback runs
# right after the new content is inserted, before any later task), and whether forms.css applies then.
WATCH_FORM = ("""() => {
  window.__wbFormSeen = null;
  new MutationObserver((records, observer) => {
    const form = document.querySelector('form[data-worksheet]');
    if (!form) return;
    observer.disconnect();
    const style = getComputedStyle(form);
    window.__wbFormSeen = {visibility: style.visibility, animation: style.animationName,
                           linked: !!document.querySelector(%s)};
  }).observe(document, {childList: true, subtree: true});
}""" % repr(FORMS_LINK))
CLICK = ("(href) => { const a = Object.assign(document.createElement('a'), {href}); "
         "document.body.append(a); a.click(); a.remove(); }")
FORM_STYLE = """() => {
  const form = document.querySelector('form[data-worksheet]');
  const field = document.querySelector('.wb-field');
  if (!form || !field) return null;
  const style = getComputedStyle(form);
  return {visibility: style.visibility, animation: style.animationName, fieldMargin: getComputedStyle(field).marginTop};
}"""


def _reading_page_with_forms_css_held(browser, site_url):
    """A page on a reading chapter (loaded in full, so instant navigation is on), forms.css's download held."""
    # No service worker: it could answer forms.css from its cache, where the test's route never sees it.
    context = browser.new_context(service_workers="block")
    hold_checker_downloads(context)  # the worksheet's checker stays out of this (and off the CPU)
    held: list = []
    context.route(FORMS_CSS, lambda route: held.append(route))
    page = new_page(context, site_url)
    page.goto(site_url + READING)
    wait_until(page, READING_READY)
    assert not page.evaluate("(sel) => !!document.querySelector(sel)", FORMS_LINK), \
        "a reading page links forms.css"
    page.evaluate(WATCH_VIEWS, "__wbFormsCssTest")
    page.evaluate(WATCH_FORM)
    return context, page, held


def _wait_held(page, held: list, timeout_ms: int = 30_000) -> None:
    """Until forms.css's request has reached the test's route (route handlers run while the page waits)."""
    waited = 0
    while not held:
        assert waited < timeout_ms, "forms.css was never requested"
        page.wait_for_timeout(50)
        waited += 50


def _go_to_worksheet(page, site_url) -> dict:
    page.evaluate(CLICK, site_url + WORKSHEET)
    wait_until(page, "(path) => window.__wbViews?.at(-1) === path", "/" + WORKSHEET)  # instant: same document
    return wait_until(page, "() => window.__wbFormSeen")


def test_a_worksheet_reached_by_instant_navigation_is_held_back_until_forms_css_applies(browser, site_url):
    context, page, held = _reading_page_with_forms_css_held(browser, site_url)
    try:
        seen = _go_to_worksheet(page, site_url)
        assert seen == {"visibility": "hidden", "animation": "wb-forms-pending", "linked": seen["linked"]}, seen
        wait_until(page, "(sel) => !!document.querySelector(sel)", FORMS_LINK)  # Material adds it after
        _wait_held(page, held)  # the stylesheet's request reached the route: what the form now waits for
        for route in held:
            route.continue_()
        styled = wait_until(page, f"() => {{ const s = ({FORM_STYLE})(); return s && s.animation === 'none' && s; }}")
        assert styled["visibility"] == "visible"
        assert styled["fieldMargin"] not in ("", "0px"), styled  # forms.css's own rules apply (.wb-field margin)
        assert not page.watch.errors
    finally:
        context.close()


def test_without_forms_css_the_form_still_shows_after_the_wait(browser, site_url):
    context, page, held = _reading_page_with_forms_css_held(browser, site_url)
    try:
        seen = _go_to_worksheet(page, site_url)
        assert (seen["visibility"], seen["animation"]) == ("hidden", "wb-forms-pending"), seen
        wait_until(page, "(sel) => !!document.querySelector(sel)", FORMS_LINK)
        _wait_held(page, held)
        for route in held:
            route.abort()
        # Never styled, but not hidden for good: the wait ends on its own.
        shown = wait_until(page, f"() => {{ const s = ({FORM_STYLE})(); return s && s.visibility === 'visible' && s; }}")
        assert shown["animation"] == "wb-forms-pending", shown  # forms.css never applied
    finally:
        context.close()
