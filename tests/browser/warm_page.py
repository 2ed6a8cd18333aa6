"""One warmed checker page per test file: a context and a page whose goal checker has started, reused by
the tests that only need the checker's answer about a goal.

Why: booting Pyodide (compiling the wasm, starting Python, the checker's imports) costs seconds of CPU;
most checker tests paid it only to type a goal and read the feedback. The checker's worker lives as long
as the document (one per tab, shared across Material's instant navigation: checker.js), so the page keeps
its document and moves between pages by instant navigation, as a reader does.

Each test still starts from the same state, whatever ran before it (tests stay independent and
order-free): `open` leaves for a reading page (the worksheet's view ends and saves, as leaving does),
waits until every save is written (EVENT.FLUSH), has a second tab of the context clear the storage (and
put a workbook in, if the test seeds one), waits for the tab's store to hear it (the `storage` event),
then comes back by instant navigation: a fresh view of the page, built from that storage, with the
page's record of errors, requests and dialogs emptied.

Tests whose subject is the boot itself (a first visit's downloads, one worker across navigation, a
blocked download) keep a fresh context of their own.

Without instant navigation (the site not on the default port, see tests/sitebuild.py) every move is a
full load: the same states, only slower (the checker boots again).
"""

from __future__ import annotations

import json
from itertools import count

import pytest
from playwright.sync_api import Error as PlaywrightError

from generator.contract import ATTRS
from tests.browser.conftest import AXE, new_page, wait_until
from tests.browser.workbook_helpers import KEY, PLAIN_DOCUMENT, flush, seed_python_snapshot

# A reading page in the sitemap with no form and no goal field: where the page waits while the storage changes.
READING = "privacy/"
# Set once in the warm document; still there after a move only if the move kept the document.
MARK = "__wbWarmDocument"
# Ready signals: the form is bound to the store and the checker has answered (worksheet), My goals has
# drawn, the page has no form, goal field or goal list (reading page).
_FORM = f"form[{ATTRS['worksheet']}]"
WORKSHEET_READY = f"""() => {{
  const region = document.querySelector('[{ATTRS['smartFeedback']}]');
  return !!document.querySelector('{_FORM}[{ATTRS['formMounted']}]')
    && (!region || region.dataset.state === 'ready');
}}"""
MY_GOALS_READY = f"() => document.querySelector('[{ATTRS['myGoals']}]')?.dataset.count !== undefined"
READING_READY = f"() => !document.querySelector('{_FORM}, [{ATTRS['smartGoal']}], [{ATTRS['myGoals']}]')"
CHECKER_READY = f"() => document.documentElement.getAttribute('{ATTRS['checker']}') === 'ready'"
# In the warm document: count page views (Material's document$ emits after each one, as workbook.js
# hears it) and keep the last storage event another tab caused.
WATCH_VIEWS = """(mark) => {
  window[mark] = true;
  window.__wbViews = [];
  window.__wbStorage = null;
  window.document$?.subscribe(() => window.__wbViews.push(location.pathname));
  window.addEventListener('storage', (e) => { window.__wbStorage = [e.key, e.oldValue, e.newValue]; });
}"""
# Scheme switches. Material's palette does not follow the system setting live in this site's config: it
# picks the palette whose media query matches once, when the page starts (watchPalette), and keeps it when
# the media changes (tried: emulating "dark" on a light page leaves it light). So the switch emulates the
# system setting (for anything that reads it) and selects the palette whose media query now matches, as
# Material does on a fresh load; the site's styles all key off data-md-color-scheme.
SCHEMES = {"light": "default", "dark": "slate"}
SELECT_PALETTE = """(scheme) => {
  const input = document.querySelector(`input[data-md-color-media="(prefers-color-scheme: ${scheme})"]`);
  if (!matchMedia(`(prefers-color-scheme: ${scheme})`).matches) throw new Error(`the page does not see ${scheme}`);
  input.checked = false;
  input.click();
}"""
# Shown as a fresh load in that scheme shows it: the palette, its media query, the toggle that leads away.
SCHEME_SHOWN = """([scheme, want]) => document.body.dataset.mdColorScheme === want
  && document.body.dataset.mdColorMedia === `(prefers-color-scheme: ${scheme})`
  && !document.body.hasAttribute('data-md-color-switching')
  && [...document.querySelectorAll('input[data-md-color-media]')].every((input) =>
       input.nextElementSibling.hidden === (input.dataset.mdColorMedia !== document.body.dataset.mdColorMedia))"""
# Relative luminance (WCAG) of the page's background and of its text, as computed now.
LUMINANCE = """() => {
  const lum = (css) => {
    const [r, g, b] = css.match(/[\\d.]+/g).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const style = getComputedStyle(document.body);
  return { background: lum(style.backgroundColor), text: lum(getComputedStyle(document.querySelector('article') || document.body).color) };
}"""


class AxeInEveryPage:
    """The browser, whose new contexts get axe as an init script: in every page under the page's own CSP
    (the driver's init scripts are not subject to it; axe_findings), so no context bypasses the CSP."""

    def __init__(self, browser):
        self.browser = browser

    def new_context(self, **options):
        context = self.browser.new_context(**options)
        context.add_init_script(path=str(AXE))
        return context


class WarmPage:
    """A page whose checker has booted, moved between the site's pages without leaving its document."""

    _tokens = count(1)

    def __init__(self, browser, site_server, start: str, ready: str = WORKSHEET_READY, storage: dict | None = None,
                 snapshot=None, **context_options):
        """`snapshot`: the session's snapshot of Python (conftest.python_snapshot), put in the profile first, so
        the checker starts from it (seed_python_snapshot); None: a first start."""
        self.site_url = site_server.url
        self.instant = bool(site_server.default_port)
        self.context = browser.new_context(**context_options)
        try:
            self._hold(self.context)
            if snapshot is not None:
                seed_python_snapshot(self.context, self.site_url, snapshot)
            # The second tab that writes the storage, on a plain file of the site (PLAIN_DOCUMENT: same origin, none
            # of the site's scripts, so no page of its own to draw and no offline worker registered from it).
            self.helper = new_page(self.context, self.site_url)
            self.helper.goto(self.site_url + PLAIN_DOCUMENT)
            if storage is not None:
                self.helper.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(storage)])
            self.page = new_page(self.context, self.site_url)
            self._load(start, ready)
            self._booted()
        except BaseException:
            self.context.close()
            raise

    def _hold(self, context) -> None:
        """What the context holds back before its first page (HeldPage: the checker, offline worker, search)."""

    def _booted(self) -> None:
        """The boot: the checker answers on the first page (My goals starts it for its goals)."""
        wait_until(self.page, CHECKER_READY, timeout=120)

    def _load(self, path: str, ready: str) -> None:
        """A full load of `path` (the first, or a move without instant navigation): watch the new document."""
        self.page.goto(self.site_url + path)
        wait_until(self.page, ready, timeout=120)
        self.page.evaluate(WATCH_VIEWS, MARK)

    def _move(self, path: str, ready: str) -> None:
        """Go to `path` by instant navigation (a click on a link of the site, as a reader's), or load it in full."""
        if not self.instant:
            return self._load(path, ready)
        views = self.page.evaluate("() => window.__wbViews.length")
        self.page.evaluate(
            "(href) => { const a = Object.assign(document.createElement('a'), {href}); document.body.append(a); a.click(); a.remove(); }",
            self.site_url + path)
        try:
            wait_until(self.page, "([n, path]) => window.__wbViews?.length > n && window.__wbViews.at(-1) === path",
                       [views, "/" + path.lstrip("/") if path else "/"], timeout=60)
        except PlaywrightError:  # the click loaded the page in full (the document went): watch the new one
            self.page.wait_for_load_state()
            self.page.evaluate(WATCH_VIEWS, MARK)
        wait_until(self.page, ready, timeout=120)

    def _set_storage(self, storage: dict | None) -> None:
        """From the second tab: clear the site's storage, then put `storage` in (if any); wait until this
        tab's store has heard the last of it (a storage event for a marker key, after the others)."""
        token = f"reset-{next(self._tokens)}"
        self.helper.evaluate(
            """([k, v, marker, token]) => {
              localStorage.clear();
              if (v !== null) localStorage.setItem(k, v);
              localStorage.setItem(marker, token);
              localStorage.removeItem(marker);
            }""",
            [KEY, None if storage is None else json.dumps(storage), "wb-test-reset", token])
        wait_until(self.page, "(last) => JSON.stringify(window.__wbStorage) === JSON.stringify(last)",
                   ["wb-test-reset", token, None], timeout=30)

    def open(self, path: str, ready: str = WORKSHEET_READY, storage: dict | None = None):
        """The page on `path`, a fresh view built from `storage` (empty if None), its records emptied."""
        self._move(READING, READING_READY)
        flush(self.page)  # every save of the view that ended is written before the storage is cleared
        self._set_storage(storage)
        self._move(path, ready)
        watch = self.page.watch
        watch.errors.clear(), watch.requests.clear(), watch.dialogs.clear()
        return self.page

    def kept_document(self) -> bool:
        """Whether every move so far kept the first document (and its booted checker)."""
        return self.page.evaluate("(mark) => window[mark] === true", MARK)

    def scheme(self, scheme: str) -> dict:
        """Show the page in `scheme` ("light" or "dark"): the system setting and Material's palette, live (see
        SELECT_PALETTE); return the computed luminance of background and text, checked to be the scheme's
        (a dark run cannot silently test light)."""
        self.page.emulate_media(color_scheme=scheme)
        self.page.evaluate(SELECT_PALETTE, scheme)
        wait_until(self.page, SCHEME_SHOWN, [scheme, SCHEMES[scheme]], timeout=30)
        lum = self.page.evaluate(LUMINANCE)
        if scheme == "dark":
            assert lum["background"] < 0.1 and lum["text"] > 0.4, lum
        else:
            assert lum["background"] > 0.8 and lum["text"] < 0.2, lum
        return lum

    def close(self) -> None:
        self.context.close()


def warm_fixture(name: str, start: str, ready: str = WORKSHEET_READY, storage: dict | None = None,
                 snapshot: bool = False, **context_options):
    """A module-scoped fixture called `name`: a WarmPage booted on `start` (a test file's one warmed checker page);
    `snapshot`: its checker starts from the session's snapshot of Python (WarmPage)."""

    @pytest.fixture(scope="module", name=name)
    def warm(browser, site_server, request):
        python = request.getfixturevalue("python_snapshot") if snapshot else None
        page = WarmPage(browser, site_server, start, ready, storage, python, **context_options)
        yield page
        page.close()

    return warm


class OfflineWorkerHeld:
    """A browser (or a wrapper of one, such as AxeInEveryPage) whose new contexts hold the offline worker's script
    (conftest.hold_offline_worker), for a WarmPage whose tests are not about the offline copy: the page's own first
    load would register the worker (the helper tab sits on a plain file, workbook_helpers.PLAIN_DOCUMENT, since
    409219f), whose precache then fetches and checks every file of the site (the checker's too) beside the
    tests. Held, register() stays pending: no worker, no precache, no error and no notice; the pages come from
    the site as before. A WarmPage booted, idle 8 s and opened 3 times, 3 runs each
    way (loaded 2-core machine, cpuacct): 5.10 -> 4.00 CPU-s (medians)."""

    def __init__(self, browser):
        self.browser = browser

    def new_context(self, **options):
        from tests.browser.conftest import hold_offline_worker

        context = self.browser.new_context(**options)
        hold_offline_worker(context)
        return context


# A page view drawn by the site's scripts (workbook.js mounts them after each page view, asynchronously): every
# worksheet form mounted, every toolbar and the workbook's tools holding their buttons, every tracker its summary,
# My goals its list or its words for an empty one. The goal checker's regions are not in it (their state is each
# test's own: ready, or the download's bar while it is held).
PAGE_DRAWN = f"""() => {{
  const all = (selector, drawn) => [...document.querySelectorAll(selector)].every(drawn);
  return all('form[{ATTRS['worksheet']}]', (f) => f.hasAttribute('{ATTRS['formMounted']}'))
    && all('[{ATTRS['toolbar']}], [{ATTRS['workbookTools']}]', (t) => !!t.querySelector('[data-wb-tools]'))
    && all('form [{ATTRS['tracker']}]', (t) => !!t.querySelector('[data-tracker-summary]'))
    && all('[{ATTRS['myGoals']}]', (g) => g.dataset.count !== undefined);
}}"""


# A worksheet's view drawn while its goal checker waits (HeldPage): its form mounted, and the page drawn (PAGE_DRAWN).
WORKSHEET_DRAWN = f"() => !!document.querySelector('{_FORM}[{ATTRS['formMounted']}]') && ({PAGE_DRAWN})()"


class HeldPage(WarmPage):
    """A WarmPage whose goal checker never starts: one page of a test file, moved between the site's pages by
    instant navigation, for tests about everything but the checker, the offline copy and the search (their
    downloads and scripts held in its context: conftest.hold_checker_downloads, hold_offline_worker,
    workbook_helpers.hold_search). `open` gives each test a fresh view built from the storage it asks for, as
    WarmPage's does, with the page's records emptied; its ready signal for a worksheet is WORKSHEET_DRAWN.

    Why: a full load of a worksheet in a new tab costs about a CPU-second on this 2-core machine, a move away and
    back by instant navigation about a seventh of that (SMART worksheet, checker, offline worker and search held,
    loaded machine, whole process tree: the set-up alone 1.3-1.4 CPU-s; with 8 loads in new tabs 8.0-10.2; with
    one load and 8 moves away and back 3.3-3.6). Tests about a load itself (a first visit, a reload, storage read
    as a page starts) keep their loads; a test must not reload this page (its moves watch the first document)."""

    def __init__(self, browser, site_server, start: str = READING, ready: str = READING_READY, **context_options):
        super().__init__(browser, site_server, start, ready, **context_options)

    def _hold(self, context) -> None:
        from tests.browser.workbook_helpers import hold_checker_offline_and_search

        hold_checker_offline_and_search(context)

    def _booted(self) -> None:
        """Nothing to wait for: the checker never starts."""

    def open(self, path: str, ready: str = WORKSHEET_DRAWN, storage: dict | None = None):
        """The page on `path`, a fresh view built from `storage` (empty if None), its records emptied (WarmPage.open)."""
        return super().open(path, ready, storage)


def held_page_fixture(name: str, wrap=None, **context_options):
    """A module-scoped fixture called `name`: a HeldPage (a test file's one page whose checker never starts);
    `wrap`: a browser wrapper its context comes from (AxeInEveryPage: axe in its pages, under their own CSP)."""
    from contextlib import closing

    def held_page(browser, site_server):
        with closing(HeldPage(wrap(browser) if wrap else browser, site_server, **context_options)) as page:
            yield page

    return pytest.fixture(scope="module", name=name)(held_page)
