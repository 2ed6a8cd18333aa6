"""The deploy recipes, run for real (issue 15): the built site through nginx, Caddy and a header-less host.

Each server starts on a free 127.0.0.1 port from a temp folder with the
config ``workbook deploy`` writes, and stops after its test. In each: the page
and the checker's worker script arrive with the headers, the checker starts
(so the worker could compile WebAssembly while the page's meta policy forbids
it), and no Content-Security-Policy violation or console error happens.
"""

from __future__ import annotations

import shutil

import pytest

from tests.browser.conftest import PYTHON_SNAPSHOTS, SNAPSHOT_SEED, new_page, open_in_worker_before_runtime
from tests.browser.test_checker import statuses_after_typing
from tests.browser.test_privacy import RECORD_VIOLATIONS
from tests.browser.workbook_helpers import READY_SPY, seed_python_snapshot
from tests.deploy_servers import RecipeServer

SMART = "worksheets/smart-goal/"


# A WebAssembly file the site does not serve as such (Pyodide's ships gzipped): the recipe's type and compression for one.
PROBE = "probe.wasm"


@pytest.fixture(params=["nginx", "caddy"])
def recipe(request, built_site, tmp_path):
    if not shutil.which(request.param):
        pytest.fail(f"{request.param} not installed: run 'make test', which installs Debian's {request.param}")
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("pdf"))
    (site / PROBE).write_bytes(b"\0asm\1\0\0\0" + bytes(4096))
    with RecipeServer(request.param, site, tmp_path / request.param) as server:
        server.site = site
        yield server


# In the checker's worker, as soon as it runs: its lookup of a snapshot of Python finds the file at `seed` (fetched by
# the worker from the site's server, under the worker's own policy) stored under the key it asks for, as a returning
# reader's profile holds it. The key names the page's origin (checker-worker.mjs, snapshotKey), so a server of its own
# (a recipe's, on a port of its own) cannot be seeded from outside the worker without a first worker to read it from.
SEED_SNAPSHOT_IN_WORKER = """([name, seed]) => {
  const open = caches.open.bind(caches);
  caches.open = async (cacheName) => {
    const cache = await open(cacheName);
    if (cacheName === name) {
      const match = cache.match.bind(cache);
      cache.match = async (request, ...rest) => {
        if (!(await match(request, ...rest))) {
          const response = await fetch(seed);
          if (!response.ok) throw new Error(`the snapshot's seed: HTTP ${response.status}`);
          await cache.put(request, new Response(await response.blob(), {headers: {'Content-Type': 'application/octet-stream'}}));
        }
        return match(request, ...rest);
      };
    }
    return cache;
  };
}"""


def _open_and_check(browser, url: str, snapshot=None, seed_in_worker: bool = False):
    """Visit the SMART worksheet, get feedback from the checker; return the page and every response by URL.
    `snapshot`: the session's snapshot of Python (conftest.python_snapshot), put in the profile first (its key
    names the session server's origin, so only there); None: Python's first start. `seed_in_worker`: the snapshot
    is put where the worker looks, under the worker's own key, by the worker itself (SEED_SNAPSHOT_IN_WORKER) from
    the server at `url` (which must serve the snapshot's file at SNAPSHOT_SEED): for a server of any origin."""
    # Service workers blocked: this is about what the server sends, not about the offline cache.
    context = browser.new_context(service_workers="block")
    context.add_init_script(RECORD_VIOLATIONS)
    if snapshot is not None:
        context.add_init_script(READY_SPY)
    if snapshot is not None and not seed_in_worker:
        seed_python_snapshot(context, url, snapshot)
    page = new_page(context, url)
    responses = {}
    page.on("response", lambda r: responses.setdefault(r.url.split("?")[0], r))
    if seed_in_worker:
        # The worker seeds its own lookup before it reads runtime.json, the key's last input.
        open_in_worker_before_runtime(context, page, url + SMART,
                                      lambda worker: worker.evaluate(SEED_SNAPSHOT_IN_WORKER, [PYTHON_SNAPSHOTS, url + SNAPSHOT_SEED]))
    else:
        page.goto(url + SMART)
    statuses = statuses_after_typing(page, "Walk for twenty minutes after dinner three times a week for the next four weeks")
    assert statuses["time_bound"] == "met"
    if snapshot is not None:  # Python started from the snapshot (the checker's 'ready' message, READY_SPY)
        assert page.evaluate("() => window.__ready && window.__ready.snapshot") is True
    assert page.evaluate("() => window.__csp") == []
    assert page.watch.errors == []
    assert page.watch.foreign() == []
    return context, page, responses


def _one(responses: dict, part: str):
    found = [r for u, r in responses.items() if part in u]
    assert found, f"no response for {part}: {sorted(responses)}"
    return found[0]


def test_recipe_sends_the_headers_and_the_checker_runs_without_violations(browser, recipe, python_snapshot):
    # Python starts from the session's snapshot, as a returning reader's does (seeded by the worker itself: the
    # recipe's server has an origin of its own), not cold: the same downloads, under the same headers, and the same
    # WebAssembly compile under the worker's policy, for about 2 CPU-s less. The snapshot's file is served beside
    # the site at SNAPSHOT_SEED (a link, not a copy of its 30 MB), none of the site's files.
    seed = recipe.site / SNAPSHOT_SEED
    seed.parent.mkdir(parents=True)
    try:
        seed.hardlink_to(python_snapshot.path)
    except OSError:  # another file system
        shutil.copyfile(python_snapshot.path, seed)
    context, page, responses = _open_and_check(browser, recipe.url, python_snapshot, seed_in_worker=True)
    try:
        html = _one(responses, SMART).headers
        assert "frame-ancestors 'none'" in html["content-security-policy"]
        assert html["cache-control"] == "no-cache" and html["x-content-type-options"] == "nosniff"
        assert html.get("content-encoding") == "gzip"

        worker = _one(responses, "checker-worker").headers
        assert "'wasm-unsafe-eval'" in worker["content-security-policy"]
        assert "frame-ancestors 'none'" in worker["content-security-policy"]
        assert worker["content-type"].startswith("text/javascript")

        wasm = page.request.get(recipe.url + PROBE, headers={"Accept-Encoding": "gzip"}).headers
        assert wasm["content-type"] == "application/wasm" and wasm.get("content-encoding") == "gzip"

        bundle = _one(responses, "/bundle.").headers
        assert "immutable" in bundle["cache-control"]

        sw = page.request.get(recipe.url + "sw.js", headers={"Accept-Encoding": "gzip"})
        assert sw.headers["cache-control"] == "no-cache" and "content-security-policy" in sw.headers
        packed = [p for p in recipe.site.rglob("*") if p.suffix in (".gz", ".br", ".zip", ".png")]
        assert packed and any(p.suffix == ".br" for p in packed)
        for path in packed:  # compressed files are not compressed twice
            got = page.request.get(recipe.url + path.relative_to(recipe.site).as_posix(), headers={"Accept-Encoding": "gzip"})
            assert got.ok and "content-encoding" not in got.headers, path
            if path.suffix == ".gz":  # the worker decompresses these itself: no host may pass them off as their inner type
                assert got.headers["content-type"] == "application/gzip", path
            if path.suffix == ".br":  # the brotli wasm, decoded by the worker: plain bytes, even to a client that takes br
                got = page.request.get(recipe.url + path.relative_to(recipe.site).as_posix(), headers={"Accept-Encoding": "br, gzip"})
                assert got.headers["content-type"] == "application/octet-stream" and "content-encoding" not in got.headers, path

        missing = page.request.get(recipe.url + "no-such-page/")
        assert missing.status == 404 and "frame-ancestors 'none'" in missing.headers["content-security-policy"]
        assert "Getting help now" in missing.text() or "404" in missing.text()
    finally:
        context.close()


def test_a_host_without_headers_still_runs_the_checker(browser, site_server, python_snapshot):
    """GitHub Pages sends no custom headers: the worker then has no policy of its own, and the page's meta still holds.

    The session's server with its _headers rules taken away for this test (put back after): a host that sends
    none, with no copy of the site and no second server. The recipes above start Python afresh under their
    worker's policy; here the worker has no policy, and Python starts from the session's snapshot
    (conftest.python_snapshot, keyed on this server's origin): the same downloads and WebAssembly compile."""
    rules = site_server.httpd.RequestHandlerClass.func.rules
    kept = list(rules)
    rules.clear()
    try:
        context, page, responses = _open_and_check(browser, site_server.url, python_snapshot)
        try:
            assert "content-security-policy" not in _one(responses, "checker-worker").headers
            assert "frame-ancestors" not in page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        finally:
            context.close()
    finally:
        rules[:] = kept
