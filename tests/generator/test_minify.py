"""Issue 16's page bytes: joined stylesheets (the form ones only where needed), minified code, worksheet chrome out of the search index."""

from __future__ import annotations

import json
import re

import yaml

from generator import minify
from tests.sitebuild import ROOT, pages_of

SOURCES = ROOT / "site_overrides" / "assets"


def _config() -> dict:
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))


def _listed_stylesheets() -> list[str]:
    return minify.own_stylesheets(_config()["extra_css"])


def _form_stylesheets() -> list[str]:
    (workbook,) = [p["workbook"] for p in _config()["plugins"] if isinstance(p, dict) and "workbook" in p]
    return workbook["form_css"]


def _ours(html: str) -> list[str]:
    return re.findall(r'href="[./]*(assets/stylesheets/(?!main\.|palette\.)[^"]+)"', html)


def _holds_every_part(joined, parts: list[str]) -> None:
    text = joined.read_text("utf-8")
    for part in parts:  # a class each source file defines survives the join, minified
        source = (SOURCES / part.split("assets/", 1)[1]).read_text("utf-8")
        first = re.search(r"\.(wb-[a-z0-9_-]+)", source).group(1)
        assert f".{first}" in text, (part, first)
    assert "/*" not in text and "\n" not in text.strip()


def test_every_page_links_the_workbook_stylesheet_and_only_pages_with_forms_link_the_form_one(built_site):
    parts, forms = _listed_stylesheets(), _form_stylesheets()
    assert len(parts) > 1 and len(forms) > 1, "mkdocs.yml lists the stylesheets that are joined"
    assert not set(parts) & set(forms)
    linked = {}
    for path in pages_of(built_site):
        html = (built_site / path / "index.html").read_text("utf-8")
        first, *rest = _ours(html)
        assert first.startswith("assets/stylesheets/workbook.") and len(rest) <= 1, (path, first, rest)
        assert all(href.startswith("assets/stylesheets/forms.") for href in rest), (path, rest)
        assert minify.needs_forms(html) == bool(rest), (path, rest)
        linked[path] = rest
    with_forms = {path for path, extra in linked.items() if extra}
    # every worksheet, the page with the workbook's tools (privacy) and My goals; no chapter
    assert {p for p in linked if p.startswith("worksheets/")} | {"privacy/", "my-goals/"} == with_forms
    assert not {"", "smart-goals/", "why-goals/", "getting-help/"} & with_forms
    (joined,) = (built_site / "assets" / "stylesheets").glob("workbook.*.css")
    _holds_every_part(joined, parts)
    (joined,) = (built_site / "assets" / "stylesheets").glob("forms.*.css")
    _holds_every_part(joined, forms)
    for part in forms:  # joined, not shipped a second time on its own
        assert not list((built_site / "assets" / "stylesheets").glob(part.rsplit("/", 1)[1].replace(".css", ".*")))


def test_the_form_mounts_are_found_in_markup_only():
    for attr in minify.FORM_MOUNTS:
        assert minify.needs_forms(f'<div class="x" {attr}></div>')
        assert minify.needs_forms(f'<form {attr}="smart-goal" novalidate>')
        assert not minify.needs_forms(f"<p>The attribute {attr} marks it.</p>")  # prose, not a tag's attribute
        assert not minify.needs_forms(f'<div {attr}-extra="1">')
    assert not minify.needs_forms('<div class="admonition note"><p>Only on this device</p></div>')


def test_the_form_parts_wait_for_their_stylesheet_on_the_very_mounts_that_link_it():
    """workbook.css (every page) holds the mounts back until forms.css applies: the same selector ends it there."""
    wait = re.search(r":is\(([^)]*)\)\s*\{\s*animation:\s*wb-forms-pending",
                     (SOURCES / "stylesheets" / "workbook.css").read_text("utf-8"))
    assert wait, "workbook.css holds the form parts back"
    selector = wait.group(1)
    for attr in minify.FORM_MOUNTS:
        assert f"[{attr}]" in selector, attr
    first = (SOURCES / _form_stylesheets()[0].split("assets/", 1)[1]).read_text("utf-8")
    assert re.search(r":is\(" + re.escape(selector) + r"\)\s*\{\s*animation:\s*none;", first)


def test_modules_are_minified_and_still_import_each_other_by_versioned_name(built_site):
    built = {p.name.split(".")[0]: p.read_text("utf-8") for p in (built_site / "assets" / "javascripts").glob("*.*.*js")
             if not p.name.startswith("bundle.")}
    for name in ("workbook", "offline", "exit", "form"):
        source = (SOURCES / "javascripts" / f"{name}.js").read_text("utf-8")
        assert len(built[name].encode()) < 0.7 * len(source.encode()), name
        assert "/**" not in built[name], name
    assert re.search(r"""["']\./[a-z-]+\.[0-9a-f]{10}\.js["']""", built["workbook"])


def test_worksheet_chrome_and_examples_stay_out_of_the_search_index(built_site):
    docs = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    worksheet = " ".join(d["text"] for d in docs if d["location"].startswith("worksheets/my-values/"))
    assert "How much it matters to me" in worksheet  # the questions are searchable
    assert worksheet.count("How much it matters to me") == 1  # once, not once per repeated row
    assert "Remove" not in worksheet and "out of 10" not in worksheet  # buttons and Sam's example answers
    assert not re.search(r"\b9 10\b", worksheet)  # scale points
    tracker = " ".join(d["text"] for d in docs if d["location"].startswith("worksheets/progress-tracker/"))
    assert "How close I am to my goal this week" in tracker  # the tracker's own question is searchable
    assert "Add rating" not in tracker and "Cancel editing" not in tracker and "Note (optional)" not in tracker
    for ws in ("smart-goal", "my-values", "progress-tracker"):  # each page's own words stay; the line every one repeats goes
        page = [d for d in docs if d["location"] == f"worksheets/{ws}/"]
        assert page and page[0]["text"].strip(), ws
        assert "This worksheet goes with the chapter" in (built_site / "worksheets" / ws / "index.html").read_text("utf-8")
        assert "This worksheet goes with the chapter" not in page[0]["text"] and "See an example" not in page[0]["text"], ws


def _selectors(css: str) -> list[str]:
    """Every rule's selector (comments dropped, at-rules and keyframe steps skipped)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out = []
    for head in re.findall(r"([^{};]+)\{", css):
        for selector in re.split(r",(?![^()]*\))", head):  # commas outside :is(...)
            selector = selector.strip()
            if selector and not selector.startswith("@") and selector not in ("from", "to"):
                out.append(selector)
    return out


def test_the_form_stylesheets_style_only_the_workbooks_own_parts():
    """Reading pages do not link them: a rule for the site's chrome (print included) belongs in extra_css."""
    for part in _form_stylesheets():
        selectors = _selectors((SOURCES / part.split("assets/", 1)[1]).read_text("utf-8"))
        assert selectors, part
        stray = [s for s in selectors if not re.search(r"\.wb-|\[data-", s)]
        assert not stray, (part, stray)
    every_page = " ".join(_selectors((SOURCES / "stylesheets" / "workbook.css").read_text("utf-8")))
    assert ".md-header" in every_page and ".md-sidebar" in every_page  # printed, any page drops the site's chrome
