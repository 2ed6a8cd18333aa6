"""axe-core (pinned npm package) on every page of the built site, light and dark: no violations."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_each, dump, pages_of


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_any_page(browser, built_site, site_url, scheme):
    paths = pages_of(built_site)
    results = axe_each(browser, [site_url + path for path in paths], {"color_scheme": scheme})
    found = {}
    for path in paths:
        violations = results[site_url + path]
        if violations:
            found[path or "/"] = violations
    assert found == {}, dump(found)
