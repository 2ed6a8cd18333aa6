"""Links in the chapters: help is always one click away, each chapter points to
its worksheet, relative links resolve, and no other site is linked but the
helpline directory."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

from content_prose import (
    ALLOWED_HOSTS,
    CHAPTERS,
    PATH_CHAPTERS,
    CONTENT,
    WORKSHEETS,
    bare_urls,
    chapter_files,
    link_targets,
)

HELP = "getting-help.md"
NO_WORKSHEET = {"getting-help.md", "privacy.md", "index.md", "references.md", "for-therapists.md", "my-goals.md"}

# The worksheet(s) each chapter's "Try the worksheet" section must point to;
# for index.md any one of the listed ones will do.
EXPECTED_WORKSHEETS = {
    "why-goals.md": {"areas-of-life"},
    "what-you-want.md": {"what-i-want", "my-values"},
    "smart-goals.md": {"smart-goal", "goal-ladder", "if-then-plan"},
    "approach-avoidance.md": {"approach-or-avoidance"},
    "relationship-with-yourself.md": {"relationship-with-myself"},
    "relationships-with-others.md": {"relationships-with-others"},
    "not-knowing.md": {"before-first-session"},
    "working-with-a-therapist.md": {"before-first-session", "before-each-session"},
    "getting-help.md": {"safety-plan"},
    "tracking-progress.md": {"progress-tracker", "reviewing-goals"},
}
INDEX_ANY_OF = {"smart-goal", "areas-of-life"}

_WORKSHEET_PATH = re.compile(r"^worksheets/([a-z0-9-]+)\.md$")


def resolved_pages(chapter_name: str, markdown: str) -> list[str]:
    """Relative link targets as paths under content/ (anchors dropped)."""
    pages = []
    for target in link_targets(markdown):
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        base = posixpath.dirname(chapter_name)
        pages.append(posixpath.normpath(posixpath.join(base, parts.path)))
    return pages


def worksheet_ids(chapter_name: str, markdown: str) -> set[str]:
    ids = set()
    for page in resolved_pages(chapter_name, markdown):
        match = _WORKSHEET_PATH.match(page)
        if match:
            ids.add(match.group(1))
    return ids


def last_section(markdown: str) -> tuple[str, str]:
    """The last level-2 heading and the text under it."""
    sections = re.split(r"^##\s+", markdown, flags=re.M)
    if len(sections) < 2:
        return "", markdown
    heading, _, body = sections[-1].partition("\n")
    return heading.strip(), body


def test_every_chapter_is_present():
    missing = [name for name in CHAPTERS if not (CONTENT / name).is_file()]
    assert not missing, f"missing chapters: {missing}"


def test_links_to_getting_help(chapter):
    if chapter.name == HELP:
        return
    assert HELP in resolved_pages(chapter.name, chapter.markdown), (
        f"content/{chapter.name} must link to {HELP}"
    )


def test_links_to_a_worksheet(chapter):
    if chapter.name in NO_WORKSHEET and chapter.name not in ("index.md", *EXPECTED_WORKSHEETS):
        return
    ids = worksheet_ids(chapter.name, chapter.markdown)
    if chapter.name == "index.md":
        assert ids & INDEX_ANY_OF, f"index.md should link to one of {sorted(INDEX_ANY_OF)}"
        return
    assert ids, f"content/{chapter.name} must link to a worksheets/*.md page"
    expected = EXPECTED_WORKSHEETS.get(chapter.name)
    if expected:
        assert expected <= ids, (
            f"content/{chapter.name} should link to worksheets {sorted(expected - ids)}"
        )


def test_ends_with_try_this_now(chapter):
    if chapter.name not in PATH_CHAPTERS:
        return
    heading, body = last_section(chapter.markdown)
    assert heading.lower() == "try this now", (
        f"content/{chapter.name} should end with a 'Try this now' section, "
        f"not {heading!r}"
    )
    assert worksheet_ids(chapter.name, body), (
        f"the last section of content/{chapter.name} has no worksheet link"
    )


def test_relative_links_resolve(chapter):
    known = set(chapter_files())
    broken = []
    for page in resolved_pages(chapter.name, chapter.markdown):
        match = _WORKSHEET_PATH.match(page)
        if match:
            if match.group(1) not in WORKSHEETS:
                broken.append(page)
        elif page not in known:
            broken.append(page)
    assert not broken, f"content/{chapter.name} links to pages that will not exist: {broken}"


def test_no_other_sites_and_no_images(chapter):
    outside = []
    for target in link_targets(chapter.markdown):
        parts = urlsplit(target)
        if parts.scheme in ("http", "https") and parts.hostname in ALLOWED_HOSTS:
            continue
        if parts.scheme or parts.netloc:
            outside.append(target)
    outside += bare_urls(chapter.markdown)
    assert not outside, f"content/{chapter.name} links outside the site: {outside}"
    assert not re.search(r"!\[[^\]]*\]\(|<img\b", chapter.markdown, re.I), (
        f"content/{chapter.name} has an image; the workbook uses none"
    )
    assert not re.search(r"<script\b|<iframe\b|<link\b", chapter.markdown, re.I), (
        f"content/{chapter.name} embeds a script, frame or stylesheet"
    )
