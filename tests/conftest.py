"""Fixtures shared by every layer: the real site, built once per test session."""

from __future__ import annotations

import pytest

from tests.sitebuild import build_site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real workbook, built with --strict once for the whole session."""
    dest = tmp_path_factory.mktemp("site")
    done = build_site(dest)
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}"
    return dest
