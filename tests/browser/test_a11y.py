"""axe-core (pinned npm package) on every page of the built site, light and dark: no violations.

The goal checker's downloads are held (hold_checker_downloads): each empty goal field shows the
download's bar on every run (before, it showed the bar, "Starting…" or the one-line prompt of a ready
checker, whichever axe happened to meet), and Pyodide does not boot beside axe on every worksheet.
The bar moving is axe-checked in test_first_visit, feedback with a support panel in test_safety."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_each, dump, pages_of


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_any_page(browser, built_site, site_url, scheme):
    paths = pages_of(built_site)
    results = axe_each(browser, [site_url + path for path in paths], {"color_scheme": scheme}, hold_checker=True)
    found = {}
    for path in paths:
        violations = results[site_url + path]
        if violations:
            found[path or "/"] = violations
    assert found == {}, dump(found)
