"""Private by construction: every page stays on its own origin, under a strict CSP, with no violations.

The policy's text in the built files (no browser needed) is checked in tests/generator/test_csp.py."""

from __future__ import annotations

from tests.browser.conftest import pages_of, wait_until

# Recorded before any page script runs; the driver's init script is not subject to the CSP.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def test_every_page_stays_on_its_origin_without_violations(context, site_url, built_site):
    context.add_init_script(RECORD_VIOLATIONS)
    from tests.browser.conftest import new_page

    page = new_page(context, site_url)
    for path in pages_of(built_site):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        if page.locator("[data-smart-feedback]").count():
            wait_until(page, "() => [...document.querySelectorAll('[data-smart-feedback]')]"
                             ".every(r => r.dataset.state !== 'loading')", timeout=60)
        assert page.evaluate("() => window.__csp") == [], path
    assert page.watch.foreign() == []
    assert [e for e in page.watch.errors if "favicon" not in e] == []
    assert page.evaluate("() => document.cookie") == ""


def test_the_404_page_runs_under_its_policy(context, site_url):
    context.add_init_script(RECORD_VIOLATIONS)
    from tests.browser.conftest import new_page

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
    from tests.browser.conftest import new_page

    page = new_page(context, site_url)
    page.goto(site_url)
    for link in ('a[href$="smart-goals/"]', 'a[href$="worksheets/smart-goal/"]', 'a[href$="privacy/"]'):
        page.locator(link).first.click()
        page.wait_for_load_state("networkidle")
    assert page.evaluate("() => window.__csp") == []
    assert page.watch.errors == []
