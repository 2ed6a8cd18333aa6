"""axe-core (pinned npm package) in the dark scheme, on the pages that together show every kind of element
the built site has: no violations. The light scheme is checked on every page, in the same visit as the
privacy checks (tests/browser/test_privacy.py).

Why not every page in dark too: a scheme changes colours, and colours follow the kind of element (its tag,
classes, data attributes, role, and the same of its parent), not the words in it. So the dark pass takes,
from the built HTML, every page's set of element kinds and visits the fewest pages (greedily) that
together hold all of them; a new kind of element on any page brings its page into the set. Parts drawn by
the page's scripts hang off mount points in the HTML (the toolbar, the goal checker's region, the
tracker, My goals), which are kinds of their own, so their pages are in the set too.

The goal checker's downloads are held (hold_checker_downloads): each goal field shows the download's bar
on every run, and Pyodide does not boot beside axe. The bar moving is axe-checked in test_first_visit,
feedback with a support panel in test_safety, the ready checker (light) in test_privacy.

The pages are visited as a reader moves through the site: the first by a full load, the others by a link
followed in that tab (Material's instant navigation, which swaps in the page's own HTML; a full load where
the site is not on the default port). A full load of each page was most of the test's CPU (about half a
second a page), and axe's first run in a new document costs about twice its next ones. What a full load
draws once per document (the exit control's lights and spoken status) is on the first page. Each page is
checked once the site's scripts have drawn it (VIEW_DRAWN): a full load did not wait for that, and axe saw
most worksheets' forms before they were mounted (no toolbar)."""

from __future__ import annotations

import functools
from html.parser import HTMLParser
from pathlib import Path

from generator.contract import ATTRS
from tests.browser.conftest import AXE, axe_findings, dump, follow_link, hold_checker_downloads, new_page, pages_of, wait_until
from tests.browser.warm_page import PAGE_DRAWN

# Attributes that make an element a different kind (their names; the value too for these).
VALUED = {"type", "role"}
KIND_ATTRS = VALUED | {"open", "hidden", "disabled", "checked"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Kinds(HTMLParser):
    """Every element in <body> as 'parent kind > kind'."""

    def __init__(self):
        super().__init__()
        self.kinds: set[str] = set()
        self.stack: list[str] = []
        self.body = False

    def handle_starttag(self, tag, attrs):
        self.body = self.body or tag == "body"
        if not self.body:
            return
        names = sorted(f"[{k}={v}]" if k in VALUED else f"[{k}]" for k, v in attrs
                       if k.startswith("data-") or k in KIND_ATTRS)
        classes = sorted((dict(attrs).get("class") or "").split())
        kind = tag + "".join("." + c for c in classes) + "".join(names)
        self.kinds.add(f"{self.stack[-1] if self.stack else ''} > {kind}")
        if tag not in VOID:
            self.stack.append(kind)

    def handle_endtag(self, tag):
        if self.body and tag not in VOID and self.stack:
            self.stack.pop()


def element_kinds(html: str) -> set[str]:
    parser = _Kinds()
    parser.feed(html)
    return parser.kinds


@functools.cache
def site_kinds(site: Path) -> dict[str, set[str]]:
    """Every page's element kinds (parsed once per run: both tests here use them)."""
    return {path: element_kinds((site / path / "index.html").read_text("utf-8")) for path in pages_of(site)}


def covering(kinds: dict[str, set[str]]) -> list[str]:
    """The fewest pages (greedy: the most kinds not yet seen first; ties in site order) holding every kind."""
    left, chosen = set().union(*kinds.values()), []
    while left:
        best = max(kinds, key=lambda path: len(kinds[path] & left))
        chosen.append(best)
        left -= kinds[best]
    return chosen


def test_the_covering_pages_hold_every_kind_and_a_new_kind_joins_them(built_site):
    kinds = site_kinds(built_site)
    pages = covering(kinds)
    assert set().union(*(kinds[p] for p in pages)) == set().union(*kinds.values())
    assert len(pages) < len(kinds)
    # A page with a kind no other page has (here: a new data attribute on one left-out page's article) joins.
    left_out = next(p for p in kinds if p not in pages)
    html = (built_site / left_out / "index.html").read_text("utf-8")
    assert "<article" in html
    changed = {**kinds, left_out: element_kinds(html.replace("<article", "<article data-new-kind", 1))}
    assert left_out in covering(changed)


# The page view is drawn (warm_page.PAGE_DRAWN: the form mounted with its toolbar, the workbook's tools, the
# tracker's summary, My goals), every goal field showing the download's bar (the checker's downloads are held).
VIEW_DRAWN = f"""() => ({PAGE_DRAWN})()
  && [...document.querySelectorAll('[{ATTRS['smartFeedback']}]')].every((r) => !!r.querySelector('.wb-feedback__progress progress'))"""
# In the first document: the path of every page view (Material's document$ emits after each; this listener
# comes after the site's own, so the view's mounting has begun).
WATCH_VIEWS = "() => { window.__a11yViews = [location.pathname]; window.document$.subscribe(() => window.__a11yViews.push(location.pathname)); }"
# On `path` (a view of this document, or a new document loaded in full) and drawn.
SHOWN = f"""(path) => location.pathname === path && document.readyState === 'complete'
  && (!window.__a11yViews || window.__a11yViews.at(-1) === path) && ({VIEW_DRAWN})()"""


def test_no_axe_violations_in_dark_on_every_kind_of_element(browser, built_site, site_url):
    ctx = browser.new_context(color_scheme="dark")
    ctx.add_init_script(path=str(AXE))  # axe under the pages' own policy (see test_privacy)
    hold_checker_downloads(ctx)
    try:
        page = new_page(ctx, site_url)
        found = {}
        for i, path in enumerate(covering(site_kinds(built_site))):
            if i == 0:
                page.goto(site_url + path)
                page.evaluate(WATCH_VIEWS)
                wait_until(page, SHOWN, "/" + path)
            else:
                follow_link(page, site_url + path, SHOWN, "/" + path)
            assert page.evaluate("() => document.body.dataset.mdColorScheme") == "slate", path
            violations = axe_findings(page)
            if violations:
                found[path or "/"] = violations
        assert found == {}, dump(found)
    finally:
        ctx.close()
