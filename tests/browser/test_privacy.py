"""Private by construction: every page stays on its own origin, under a strict CSP, with no violations."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import pages_of, wait_until

# Recorded before any page script runs; the driver's init script is not subject to the CSP.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def test_every_page_has_a_csp_meta_first_in_head(built_site):
    for path in pages_of(built_site):
        html = (built_site / path / "index.html").read_text("utf-8")
        head = html[html.index("<head>"):html.index("</head>")]
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head)
        assert meta, path
        assert head.index(meta.group(0)) < head.index("<script"), f"{path}: a script comes before the CSP"
        policy = meta.group(1)
        for directive in ("default-src 'self'", "worker-src 'self'", "connect-src 'self'", "object-src 'none'",
                          "base-uri 'none'", "form-action 'self'", "img-src 'self' data:"):
            assert directive in policy, (path, directive)
        # No page compiles WebAssembly: only the checker's worker, under its own response headers (issue 15).
        assert "'unsafe-eval'" not in policy and "script-src 'self' 'sha256-" in policy


def test_headers_file_carries_the_policy_for_workers(built_site):
    text = (built_site / "_headers").read_text("utf-8")
    assert text.splitlines()[1] == "/*"
    assert "Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" in text


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
