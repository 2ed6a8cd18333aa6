"""Updates reach readers safely (issue 15 §3): a redeploy with a changed title, module and checker rule.

Build v1 is the session's site; build v2 is built here from a copy of the
project with three changes: the SMART worksheet's title, one JS module
(dom.js) and one checker rule's wording (generator/smart/time_bound.py, in a
copy of the package that the build imports first). "Deploying" replaces the
served folder's contents, as a host does.

Every document's module requests are logged (in sessionStorage, which
survives the reloads) so the test can tell that no page ever ran a mix of
v1 and v2 modules.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.browser.conftest import wait_until
from generator import versioning
from tests.browser.workbook_helpers import UPDATE_CHECK, deployed_copy, deployed_here, keep_checker_from_starting_in_first_document, visit_once
from tests.browser.workbook_helpers import answers, wait_answer, wait_in_page
from tests.sitebuild import ROOT, build_site, parse_headers

SMART = "worksheets/smart-goal/"
V2_TITLE = "SMART goal builder, second edition"
V2_RULE = "No time frame in this goal yet."
BUILD = "() => document.querySelector('[data-wb-build]')?.getAttribute('data-wb-build')"

# Before any page script: which module each document requested, kept across reloads of the tab.
LOG_MODULES = """
(() => {
  const doc = Math.random().toString(36).slice(2);
  const keep = (name) => {
    const all = JSON.parse(sessionStorage.getItem('__modules') || '[]');
    all.push([doc, name]);
    sessionStorage.setItem('__modules', JSON.stringify(all));
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name.includes('/assets/javascripts/')) keep(new URL(e.name).pathname.split('/').pop());
  }).observe({ type: 'resource', buffered: true });
})();
"""


@pytest.fixture(scope="module")
def v2_site(tmp_path_factory):
    """The workbook with a new worksheet title, a changed module and a changed checker rule."""
    tmp = tmp_path_factory.mktemp("v2")
    project = tmp / "project"
    project.mkdir()
    for name in ("content", "node_modules"):
        (project / name).symlink_to(ROOT / name)
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "worksheets", project / "worksheets")
    shutil.copytree(ROOT / "site_overrides", project / "site_overrides")
    shutil.copytree(ROOT / "generator", project / "generator", ignore=shutil.ignore_patterns("__pycache__"))

    sheet = project / "worksheets" / "smart-goal.yml"
    text = sheet.read_text("utf-8")
    assert "\ntitle: SMART goal builder\n" in text
    sheet.write_text(text.replace("\ntitle: SMART goal builder\n", f"\ntitle: {V2_TITLE}\n", 1), encoding="utf-8")
    dom = project / "site_overrides" / "assets" / "javascripts" / "dom.js"
    dom.write_text(dom.read_text("utf-8") + "\n// build v2\n", encoding="utf-8")
    rule = project / "generator" / "smart" / "time_bound.py"
    text = rule.read_text("utf-8")
    assert "There's no time frame yet." in text
    rule.write_text(text.replace("There's no time frame yet.", V2_RULE), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("      paper: a4\n", "      paper: a4\n      pdf: false\n"), encoding="utf-8")
    assert "pdf: false" in config.read_text("utf-8")

    site = tmp / "site"
    done = build_site(site, config=config, cwd=project)  # the copied package comes first on sys.path (cwd)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _shipped(site, V2_RULE), "the changed rule is not in the v2 build"
    return site


def _shipped(site: Path, text: str) -> bool:
    """Whether the checker's files in a build (plain or gzipped, wherever the build puts them) hold this text."""
    for path in site.glob("assets/py*/**/*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            if text.encode() in data:
                return True
    return False


def deploy(site: Path, build: Path, server) -> None:
    """Replace what the host serves with another build, and the headers with that build's."""
    for child in site.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    shutil.copytree(build, site, dirs_exist_ok=True)
    server.httpd.RequestHandlerClass.func.rules[:] = parse_headers(site)


def modules_of(site: Path) -> set[str]:
    return {p.name for p in (site / "assets" / "javascripts").rglob("*.*js")}


def build_of(site: Path) -> str:
    return re.search(r'data-wb-build="([0-9a-f]+)"', (site / "index.html").read_text("utf-8")).group(1)


def wait_across_reload(page, js: str, arg=None, timeout: float = 60) -> None:
    """wait_until, for a page that reloads itself meanwhile (an evaluate may meet the navigation)."""
    from playwright.sync_api import Error

    for _ in range(int(timeout * 5)):
        try:
            if page.evaluate(js, arg):
                return
        except Error:
            pass  # the execution context went away with the old document
        page.wait_for_timeout(200)
    raise AssertionError(f"timed out after {timeout}s waiting for: {js}")


def feedback_text(page, goal: str) -> str:
    """Feedback for exactly this goal, once the checker has answered (polled in the page: Python's start is a long wait)."""
    return wait_in_page(page, """(goal) => {
      const region = document.querySelector('[data-smart-feedback="goal"]');
      return region && region.dataset.state === 'ready' && region.dataset.checked === goal
        && region.querySelectorAll('[data-criterion]').length === 5 && region.innerText;
    }""", goal, timeout=120)


def test_a_redeploy_reaches_an_open_tab_on_its_next_navigation_without_mixing_builds(browser, built_site, v2_site, site_server,
                                                                                     python_snapshot, tmp_path):
    v1_modules, v2_modules = modules_of(built_site), modules_of(v2_site)
    v1_build, v2_build = build_of(built_site), build_of(v2_site)
    assert v1_build != v2_build and v1_modules != v2_modules
    # Served on the session's origin (deployed_here), the profile holding the session's snapshot of Python: v1's
    # checker starts from it, as a returning reader's does; v2's changed rule is a new snapshot key, so v2's
    # checker starts cold, as it would after a real deploy.
    with deployed_here(browser, built_site, site_server, tmp_path, python_snapshot) as (site, server, context, page):
        context.add_init_script(LOG_MODULES)
        # The first load's checker is never read (the feedback below is the offline reload's), so it is not started
        # there (keep_checker_from_starting_in_first_document): one start of Python, from the snapshot, fewer.
        keep_checker_from_starting_in_first_document(page)
        # 1. Build v1: visit a worksheet, type, go offline and come back.
        visit_once(page, server.url + SMART)
        page.fill("#wb-why", "Typed under v1")
        wait_answer(page, "smart-goal", "why", "Typed under v1")
        context.set_offline(True)
        page.reload()
        wait_until(page, "() => document.querySelector('#wb-why')?.value === 'Typed under v1'")
        context.set_offline(False)
        page.fill("#wb-goal", "feel better")
        wait_answer(page, "smart-goal", "goal", "feel better")
        assert "There's no time frame yet." in feedback_text(page, "feel better")
        assert page.evaluate(BUILD) == v1_build

        # 2. Build v2 is deployed while the tab is open.
        deploy(site, v2_site, server)

        # 3. One navigation (Material's instant navigation): the v2 page does not run under v1 code,
        # the tab loads it in full, with v2's code.
        page.locator('a[href$="privacy/"]').first.click()
        wait_across_reload(page, "(b) => location.pathname.endsWith('/privacy/') && document.readyState === 'complete'"
                         " && document.querySelector('[data-wb-build]')?.getAttribute('data-wb-build') === b"
                         " && performance.getEntriesByType('navigation')[0]?.type === 'reload'", v2_build, timeout=60)
        page.locator('a[href$="worksheets/smart-goal/"]').first.click()
        wait_until(page, "(t) => document.querySelector('article h1')?.textContent.includes(t)", V2_TITLE, timeout=60)
        wait_until(page, "() => document.querySelector('#wb-why')?.value === 'Typed under v1'")
        assert page.input_value("#wb-goal") == "feel better"
        assert V2_RULE in feedback_text(page, "feel better")
        assert answers(page, "smart-goal")["why"] == "Typed under v1"

        # No document ever loaded modules of both builds.
        log = page.evaluate("() => JSON.parse(sessionStorage.getItem('__modules') || '[]')")
        by_doc: dict[str, set[str]] = {}
        for doc, name in log:
            by_doc.setdefault(doc, set()).add(name)
        shared = v1_modules & v2_modules  # Material's bundle, unchanged modules
        builds = []
        for names in by_doc.values():
            own = names - shared
            assert own <= v1_modules or own <= v2_modules, (sorted(own - v1_modules), sorted(own - v2_modules))
            builds.append("v1" if own and own <= v1_modules else "v2" if own else "")
        assert "v1" in builds and "v2" in builds, builds
        assert not [e for e in page.watch.errors if "favicon" not in e]


def test_a_failed_install_is_reported_with_retry_and_logged(browser, built_site, v2_site, tmp_path):
    with deployed_copy(browser, built_site, tmp_path) as (site, server, context, page):
        visit_once(page, server.url)
        # A deploy whose files do not match what its sw.js says (a host serving a stale mix).
        deploy(site, v2_site, server)
        # The smallest runtime file: sw.js lists every one with its integrity (generator/offline.py).
        broken = min((p for p in site.glob("assets/py*/*/**/*") if p.is_file()), key=lambda p: p.stat().st_size)
        good = broken.read_bytes()
        broken.write_bytes(good + b"\n# not what was built\n")
        page.evaluate(UPDATE_CHECK)
        notice = "[data-wb-update]"
        wait_in_page(page, f"() => document.querySelector('{notice}')?.innerText.includes('could not be saved')", timeout=90)
        assert page.locator(f"{notice} button").inner_text() == "Retry"
        assert page.locator(notice).get_attribute("role") == "status"
        assert any("failed to install" in e for e in page.watch.errors), page.watch.errors
        for _ in range(100):  # the worker's message naming the file arrives in no fixed order with the install's end
            if any(broken.name in e and "could not save" in e for e in page.watch.errors):
                break
            page.wait_for_timeout(100)
        assert any(broken.name in e and "could not save" in e for e in page.watch.errors), page.watch.errors

        # The host is fixed; Retry installs the new version, which takes over (nobody is typing).
        broken.write_bytes(good)
        later = broken.stat().st_mtime + 5  # Last-Modified has whole seconds: a fix within the same second would revalidate as 304
        os.utime(broken, (later, later))
        old = page.evaluate("() => navigator.serviceWorker.controller.scriptURL")
        page.locator(f"{notice} button").click()
        wait_until(page, """async () => {
          const reg = await navigator.serviceWorker.getRegistration();
          return reg.active?.state === 'activated' && !reg.waiting && !reg.installing && !document.querySelector('[data-wb-update]')
            && (await caches.keys()).length > 0;
        }""", timeout=120)
        assert page.evaluate("() => navigator.serviceWorker.controller.scriptURL") == old  # same address, new version
        cached = page.evaluate("""async () => {
          const names = [];
          for (const key of await caches.keys()) for (const r of await (await caches.open(key)).keys()) names.push(r.url);
          return names;
        }""")
        v1, v2 = versioning.runtime_labels(built_site), versioning.runtime_labels(v2_site)
        changed = [name for name in v2 if v1.get(name) != v2[name]]
        assert changed  # the checker's rule changed: its folder's name too
        for name in changed:
            assert any(f"/assets/{name}/{v2[name]}/" in u for u in cached)
            assert not any(f"/assets/{name}/{v1[name]}/" in u for u in cached)  # the old version's copy is gone


# The two tests below are about the form's code: the checker's downloads are held (checker_held), so no
# Pyodide starts beside them; nor are they about the offline copy or the search: the offline worker's script
# and Material's search are held (conftest.offline_held, search_held), so neither fetches the site beside them.
@pytest.mark.usefixtures("offline_held", "search_held")
def test_a_form_whose_code_did_not_load_says_it_is_not_saving(page, checker_held, site_url):
    page.route("**/assets/javascripts/form.*.js", lambda route: route.abort())
    page.goto(site_url + SMART)
    alert = page.locator(".wb-not-saving[role=alert]")
    alert.wait_for(timeout=30000)
    assert "not saving" in alert.inner_text() and alert.locator("button").inner_text() == "Reload"
    assert page.locator("form[data-worksheet]").get_attribute("data-wb-mounted") is None


@pytest.mark.usefixtures("offline_held", "search_held")
def test_a_mounted_form_is_marked_and_shows_no_warning(page, checker_held, site_url):
    page.goto(site_url + SMART)
    wait_until(page, "() => document.querySelector('form[data-worksheet]')?.hasAttribute('data-wb-mounted')")
    assert page.locator(".wb-not-saving").count() == 0
