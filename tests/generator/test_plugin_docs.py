"""The plugin's checks against the docs' files (review 2 #2, #3, #4), through real `mkdocs build` runs.

Every page must reach Getting help now, whatever the URL style; a worksheet may not
replace a chapter's page or link to a chapter that is not there.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.generator.test_plugin import FIXTURES, _fixture_project
from tests.sitebuild import build_site

WORKSHEET = "id: w\ntitle: W\nsummary: s\n{extra}sections:\n  - title: x\n    fields:\n      - {{id: a, kind: text, label: A}}\n"
HELP_LINKS = re.compile(r'<a href="([^"]*)"[^>]*>(?:Get help now|find crisis help now)</a>')


def _failed_build(tmp_path: Path, worksheet: str, *, docs: dict[str, str]) -> str:
    sheet = tmp_path / "w.yml"
    sheet.write_text(worksheet, encoding="utf-8")
    project = _fixture_project(tmp_path, [sheet])
    for name, text in docs.items():
        (project / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "content" / name).write_text(text, encoding="utf-8")
    done = build_site(tmp_path / "site", config=project / "mkdocs.yml", cwd=project)
    assert done.returncode == 1
    out = done.stdout + done.stderr
    assert "Traceback" not in out
    return out


@pytest.fixture(scope="module")
def flat_site(tmp_path_factory) -> Path:
    """A small site built with use_directory_urls: false, with pages at three depths."""
    tmp = tmp_path_factory.mktemp("flat")
    project = _fixture_project(tmp, [FIXTURES / "all_kinds.yml"])
    (project / "content" / "references.md").write_text("# References\n")
    (project / "content" / "deep" / "er").mkdir(parents=True)
    (project / "content" / "deep" / "er" / "page.md").write_text("# Deep\n")
    with (project / "mkdocs.yml").open("a") as fh:
        fh.write("use_directory_urls: false\ncopyright: Test contributors.\n")
    site = tmp / "site"
    done = build_site(site, config=project / "mkdocs.yml", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    return site


def test_every_page_reaches_getting_help_without_directory_urls(flat_site):
    pages = sorted(flat_site.rglob("*.html"))
    assert {p.relative_to(flat_site).as_posix() for p in pages} >= {
        "index.html", "getting-help.html", "deep/er/page.html", "worksheets/all-kinds.html", "404.html"}
    for page in pages:
        if page.name == "404.html":
            continue  # served at any depth; MkDocs gives it site-root links (site_url), tested by the real site
        text = page.read_text("utf-8")
        hrefs = HELP_LINKS.findall(text)
        assert len(hrefs) == 2, page  # the bar at the top and the footer
        # the bar's link is the one the safety panel and My goals read their address from (dom.helpHref)
        assert re.findall(r'<a href="([^"]*)" data-wb-help>', text) == hrefs[:1], page
        for href in hrefs:
            target = (page.parent / urlsplit(href).path).resolve()
            assert target == (flat_site / "getting-help.html").resolve(), (page, href)


def test_the_footers_references_link_follows_the_url_style(flat_site):
    html = (flat_site / "deep" / "er" / "page.html").read_text("utf-8")
    assert '<a href="../../references.html">References</a>' in html


def test_a_site_without_the_help_page_does_not_build(tmp_path):
    sheet = tmp_path / "w.yml"
    sheet.write_text(WORKSHEET.format(extra=""), encoding="utf-8")
    project = _fixture_project(tmp_path, [sheet])
    (project / "content" / "getting-help.md").unlink()
    done = build_site(tmp_path / "site", config=project / "mkdocs.yml", cwd=project)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert ("content/getting-help.md: missing: every page links to it (Get help now), "
            "so the site is not built without it") in done.stdout + done.stderr


def test_a_worksheet_may_not_replace_a_chapters_page(tmp_path):
    out = _failed_build(tmp_path, WORKSHEET.format(extra=""), docs={"worksheets/w.md": "# Mine\n"})
    assert ("worksheets/w.yml:1:5: id: the generated page worksheets/w.md would replace content/worksheets/w.md; "
            "rename the worksheet's id or the page") in out


def test_a_chapter_link_must_name_a_page_of_the_docs(tmp_path):
    out = _failed_build(tmp_path, WORKSHEET.format(extra="chapter: {page: nope.md, title: Nope}\n"), docs={})
    assert "worksheets/w.yml:4:17: chapter.page: no page nope.md in content/" in out


# --- review 2 #5: a site below its origin's root builds strict once the author says it is meant -------


def test_a_sub_path_site_url_is_a_warning_until_the_author_accepts_it(tmp_path):
    results = {}
    for accepted in (False, True):
        project = _fixture_project(tmp_path / str(accepted), [FIXTURES / "all_kinds.yml"])
        text = (project / "mkdocs.yml").read_text().replace("site_name: Test\n", "site_name: Test\nsite_url: https://example.org/sub/\n")
        if accepted:
            text = text.replace("{workbook: {pdf: false,", "{workbook: {shared_origin: true, pdf: false,")
        (project / "mkdocs.yml").write_text(text)
        # -v: under build_site's -q MkDocs drops warnings before --strict can count them
        done = build_site(tmp_path / str(accepted) / "site", "-v", config=project / "mkdocs.yml", cwd=project)
        said = [line.split()[0] for line in (done.stdout + done.stderr).splitlines() if "below its origin's root" in line]
        results[accepted] = (done.returncode, said)
    assert results == {False: (1, ["WARNING"]), True: (0, ["INFO"])}


def test_a_worksheet_that_crashed_the_loader_stops_the_build_with_a_message(tmp_path):
    out = _failed_build(tmp_path, "id: w\ntitle: W\nsummary: s\nsections: &a [*a]\n", docs={})
    assert "worksheets/w.yml:4:15: alias *a stands for a value it is part of (&a); a value cannot contain itself" in out
