"""Private by construction: every page stays on its own origin, under a strict CSP, with no violations.

One visit to every page (`tour`: one context, a full load of each page, the goal checker live) serves
the privacy checks here and axe in the light scheme: a page load costs more than either check. axe comes
in by the driver's init script, as the violation recorder does, so the pages keep their own policy (no
bypass_csp) and axe runs under it. After the tour, a planted inline script and a planted image without a
text alternative show that this same visit sees a violation of either kind.
The dark scheme is checked in tests/browser/test_a11y.py; the policy's text in the built files (no
browser needed) in tests/generator/test_csp.py."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tests.browser.conftest import AXE, axe_findings, dump, new_page, pages_of, wait_until
from tests.browser.warm_page import PAGE_DRAWN
from tests.browser.workbook_helpers import seed_python_snapshot

# Recorded before any page script runs; the driver's init script is not subject to the CSP.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""
# Every goal field's checker has answered: Pyodide booted in the page's worker, under the worker's policy.
CHECKER_READY = "() => [...document.querySelectorAll('[data-smart-feedback]')].every((r) => r.dataset.state === 'ready')"
# Planted after the tour on its last page: an inline script with no hash (the policy must block it) and
# an image with no text alternative (axe must report it).
PLANT = """() => {
  const script = document.createElement('script');
  script.textContent = 'window.__planted = true;';
  document.body.append(script);
  const img = document.createElement('img');
  img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
  img.width = img.height = 24;
  (document.querySelector('article') || document.body).prepend(img);
}"""


@dataclass
class Tour:
    """What the visit to every page saw."""

    axe: dict[str, list] = field(default_factory=dict)  # path -> axe violations
    csp: dict[str, list] = field(default_factory=dict)  # path -> CSP violations
    checker_ready: list[str] = field(default_factory=list)  # pages with a goal field, once its checker answered
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    cookie: str | None = None
    planted: dict = field(default_factory=dict)  # the planted violations, as the same visit saw them


@pytest.fixture(scope="module")
def tour(browser, built_site, site_url, python_snapshot):
    ctx = browser.new_context(color_scheme="light")
    ctx.add_init_script(RECORD_VIOLATIONS)
    ctx.add_init_script(path=str(AXE))
    try:
        # The checker's boot under the policy, not its first start: Python starts from the session's snapshot
        # (conftest.python_snapshot) on the first goal field as on the later ones.
        seed_python_snapshot(ctx, site_url, python_snapshot)
        page = new_page(ctx, site_url)
        seen = Tour()
        for path in pages_of(built_site):
            page.goto(site_url + path)
            if page.locator("[data-smart-feedback]").count():
                wait_until(page, CHECKER_READY, timeout=120)
                seen.checker_ready.append(path)
            # axe on the page as the site's scripts drew it (My goals' list could still be to come).
            wait_until(page, PAGE_DRAWN)
            seen.axe[path] = axe_findings(page)
            # What the page fetches late is recorded too: the network has been quiet for 500 ms (axe's run
            # usually covers that wait).
            page.wait_for_load_state("networkidle")
            seen.csp[path] = page.evaluate("() => window.__csp")
        seen.foreign, seen.errors = page.watch.foreign(), list(page.watch.errors)
        seen.cookie = page.evaluate("() => document.cookie")
        page.evaluate(PLANT)
        # Either outcome is a signal: the script was blocked (a violation) or it ran.
        wait_until(page, "() => window.__csp.length > 0 || window.__planted === true")
        seen.planted = {
            "csp": page.evaluate("() => window.__csp"),
            "ran": page.evaluate("() => window.__planted === true"),
            "axe": [v["id"] for v in axe_findings(page)],
        }
        yield seen
    finally:
        ctx.close()


def test_every_page_stays_on_its_origin_without_violations(tour, built_site):
    assert list(tour.csp) == pages_of(built_site)
    assert {path: found for path, found in tour.csp.items() if found} == {}
    assert tour.checker_ready, "no page with a goal field: the checker's boot went unchecked"
    assert tour.foreign == []
    assert [e for e in tour.errors if "favicon" not in e] == []
    assert tour.cookie == ""


def test_no_axe_violations_on_any_page_in_light(tour, built_site):
    assert list(tour.axe) == pages_of(built_site)
    found = {path or "/": violations for path, violations in tour.axe.items() if violations}
    assert found == {}, dump(found)


def test_the_tour_sees_a_planted_violation_of_either_kind(tour):
    """The checks above can fail: the visit enforced the policy and axe ran in it."""
    assert any(v.startswith("script-src") for v in tour.planted["csp"]), tour.planted
    assert tour.planted["ran"] is False
    assert "image-alt" in tour.planted["axe"], tour.planted


def test_the_404_page_runs_under_its_policy(context, site_url):
    context.add_init_script(RECORD_VIOLATIONS)

    page = new_page(context, site_url)
    response = page.goto(site_url + "worksheets/no-such-page/")
    assert response.status == 404
    page.wait_for_load_state("networkidle")
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert page.evaluate("() => window.__csp") == []
    assert [e for e in page.watch.errors if "404" not in e] == []


def test_instant_navigation_keeps_the_policy_intact(context, site_url):
    """Material swaps pages without a reload; scripts of deeper pages must still be allowed."""
    context.add_init_script(RECORD_VIOLATIONS)

    page = new_page(context, site_url)
    page.goto(site_url)
    for link in ('a[href$="smart-goals/"]', 'a[href$="worksheets/smart-goal/"]', 'a[href$="privacy/"]'):
        page.locator(link).first.click()
        page.wait_for_load_state("networkidle")
    assert page.evaluate("() => window.__csp") == []
    assert page.watch.errors == []
