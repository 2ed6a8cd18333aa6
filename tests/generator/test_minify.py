"""Issue 16's page bytes: one joined stylesheet per page, minified code, and worksheet chrome out of the search index."""

from __future__ import annotations

import json
import re

import yaml

from generator import minify
from tests.sitebuild import ROOT, pages_of

SOURCES = ROOT / "site_overrides" / "assets"


def _listed_stylesheets() -> list[str]:
    return minify.own_stylesheets(yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))["extra_css"])


def test_every_page_links_one_workbook_stylesheet_holding_every_listed_part(built_site):
    parts = _listed_stylesheets()
    assert len(parts) > 1, "mkdocs.yml lists the stylesheets that are joined"
    for path in pages_of(built_site):
        html = (built_site / path / "index.html").read_text("utf-8")
        ours = re.findall(r'href="[./]*(assets/stylesheets/(?!main\.|palette\.)[^"]+)"', html)
        assert len(ours) == 1 and ours[0].startswith("assets/stylesheets/workbook."), (path, ours)
    (joined,) = [p for p in (built_site / "assets" / "stylesheets").glob("workbook.*.css")]
    text = joined.read_text("utf-8")
    for part in parts:  # a class each source file defines survives the join, minified
        source = (SOURCES / part.split("assets/", 1)[1]).read_text("utf-8")
        first = re.search(r"\.(wb-[a-z0-9_-]+)", source).group(1)
        assert f".{first}" in text, (part, first)
    assert "/*" not in text and "\n" not in text.strip()


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
