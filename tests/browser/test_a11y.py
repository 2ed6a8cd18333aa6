"""axe-core (pinned npm package) on every page of the built site, light and dark: no violations."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations, dump, pages_of


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_any_page(browser, built_site, site_url, scheme):
    found = {}
    for path in pages_of(built_site):
        violations = axe_violations(browser, site_url + path, {"color_scheme": scheme})
        if violations:
            found[path or "/"] = violations
    assert found == {}, dump(found)
