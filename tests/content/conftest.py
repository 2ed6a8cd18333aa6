"""Fixtures and hooks for the chapter (content/) tests.

Everything works on the Markdown files as text: no site build is needed.

* Any test that takes a ``chapter_name`` argument runs once per chapter; the
  ``chapter`` fixture gives that chapter's Markdown and prose.
* The terminal summary prints the reading grade of every chapter whenever the
  readability tests ran, so the numbers show without ``-s`` (and under xdist).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from content_prose import (  # noqa: E402
    CONTENT,
    GRADE_BAND,
    MAX_GRADE,
    Chapter,
    chapter_files,
    load_chapter,
    reading_grade,
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "chapter_name" in metafunc.fixturenames:
        names = chapter_files()
        metafunc.parametrize("chapter_name", names, ids=names)


@pytest.fixture
def chapter(chapter_name: str) -> Chapter:
    path = CONTENT / chapter_name
    if not path.is_file():
        pytest.fail(f"missing chapter: content/{chapter_name}")
    return load_chapter(chapter_name)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    ran = any(
        "test_readability" in getattr(report, "nodeid", "")
        for reports in terminalreporter.stats.values()
        for report in reports
    )
    if not ran:
        return
    terminalreporter.section("chapter reading grades (Flesch-Kincaid)")
    terminalreporter.write_line(f"{'chapter':<34} {'running':>8} {'all':>6} {'words':>6}")
    for name in chapter_files():
        path = CONTENT / name
        if not path.is_file():
            terminalreporter.write_line(f"{name:<34} {'missing':>8}")
            continue
        ch = load_chapter(name)
        grade = reading_grade(ch.running)
        low, high = GRADE_BAND
        flag = "" if grade <= MAX_GRADE else f"  over {MAX_GRADE}"
        if not low <= grade <= high:
            flag = f"  outside {low:g}-{high:g}"
        terminalreporter.write_line(f"{name:<34} {grade:>8.1f} {reading_grade(ch.prose):>6.1f} {ch.words:>6}{flag}")
