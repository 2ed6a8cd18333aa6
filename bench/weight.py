"""Bytes a page view transfers, against the same page of a plain MkDocs Material build.

**Page weight** is what the page itself transfers while it loads: each page is
loaded once in a fresh browser context (empty cache) created with
``service_workers="block"``, and every response the page and its dedicated
workers receive is counted with Playwright's ``request.sizes()`` (response
headers + body as received; the bench server does not compress). A gzip
estimate of each body is reported beside it, since a real static host
compresses text. The worksheet page is weighed after its feedback is ready, so
the Pyodide files its checker worker fetches are included; the plain build has
no worksheet pages, so it is compared with the plain build's page of the same
chapter (``smart-goals/``), and its absolute bytes are given.

**Offline precache** is reported on its own: issue 9 lets the offline service
worker precache the site after the page's load event and an idle moment
(``offline.js``). It is measured in a second fresh context with service workers
allowed: the page loads, the worker registers, installs and activates, and the
bytes of the requests the service worker itself makes
(``request.service_worker``) are summed. The sum of the precache manifest's file
sizes (read from the built ``sw.js``) is given beside it as a cross-check.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import urlparse

from .browser import chromium, poll
from .feedback import INIT, TIMEOUT_S
from .stats import ratio

READING = ["smart-goals/", "", "privacy/"]  # the first is the one compared; all must load no Pyodide
WORKSHEET = "worksheets/smart-goal/"
SAME_CHAPTER = "smart-goals/"
RUNTIME_PATHS = ("/assets/pyodide/", "/assets/python/")
PRECACHE_TIMEOUT_S = 120  # registration waits for load + idle (and, on a worksheet, the checker)
# 'none' when the page registers no service worker (data-wb-sw empty or absent), 'active' once it has
# installed (its precache fetched), false while it is still registering or installing.
SW_SETTLED = """async () => {
  const bar = document.querySelector("[data-wb-sw]");
  if (!bar || !bar.dataset.wbSw || !("serviceWorker" in navigator)) return "none";
  const reg = await navigator.serviceWorker.getRegistration();
  return reg && reg.active && reg.active.state === "activated" && !reg.installing && !reg.waiting ? "active" : false;
}"""


def _is_runtime(path: str) -> bool:
    return any(p in path for p in RUNTIME_PATHS)


def _count(requests: list) -> dict:
    """Bytes (headers + body as received), a gzip estimate, Pyodide bytes and bytes by file type."""
    total = gz = runtime = 0
    by_kind: dict[str, int] = {}
    for request in requests:
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        response = request.response()
        body = b""
        if response is not None:
            try:
                body = response.body()
            except Exception:  # a redirect or an aborted body has none
                body = b""
        path = urlparse(request.url).path
        total += size
        gz += len(gzip.compress(body, 6)) + sizes["responseHeadersSize"] if body else size
        if _is_runtime(path):
            runtime += size
        kind = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else "html"
        by_kind[kind] = by_kind.get(kind, 0) + size
    return {"bytes": total, "gzip_estimate": gz, "requests": len(requests), "pyodide_bytes": runtime,
            "by_type": dict(sorted(by_kind.items(), key=lambda kv: -kv[1]))}


def weigh(browser, url: str, wait_ready: bool = False) -> dict:
    """The page's own loads (and its dedicated workers'), service workers blocked, in a fresh context."""
    context = browser.new_context(service_workers="block")
    context.add_init_script(INIT)
    requests = []
    try:
        context.on("requestfinished", lambda request: requests.append(request))
        page = context.new_page()
        page.goto(url, wait_until="load")
        if wait_ready:
            poll(page, "() => window.__bench && window.__bench.ready", TIMEOUT_S)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        counted = _count(list(requests))
        longest = page.evaluate("() => window.__bench ? window.__bench.longest : null")
        # bytes_without_service_worker and service_worker_bytes are kept for older readers of results.json:
        # with service workers blocked, the first equals bytes and the second is 0.
        return counted | {"bytes_without_service_worker": counted["bytes"], "service_worker_bytes": 0,
                          "service_workers": "blocked", "longest_task_ms": longest}
    finally:
        context.close()


def precache(browser, url: str, wait_ready: bool = False) -> dict:
    """Bytes the offline service worker fetches after a first visit to ``url`` (fresh context, workers allowed)."""
    context = browser.new_context()
    context.add_init_script(INIT)
    by_sw, by_page = [], []
    try:
        context.on("requestfinished", lambda r: (by_sw if r.service_worker is not None else by_page).append(r))
        page = context.new_page()
        page.goto(url, wait_until="load")
        if wait_ready:
            poll(page, "() => window.__bench && window.__bench.ready", TIMEOUT_S)
        state = poll(page, SW_SETTLED, PRECACHE_TIMEOUT_S, 200)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        counted = _count(list(by_sw))
        return counted | {"service_worker": state or "not active", "page_requests": len(by_page),
                          "when": "after the load event and an idle moment (offline.js); on a worksheet, "
                                  "after the checker is ready"}
    finally:
        context.close()


def manifest_bytes(site_dir: Path | None) -> dict | None:
    """Files and bytes the built sw.js lists for precaching (sizes on disk), or None without a site dir."""
    if site_dir is None:
        return None
    sw = Path(site_dir) / "sw.js"
    if not sw.is_file():
        return {"files": 0, "bytes": 0, "pyodide_bytes": 0, "note": "no sw.js in the build"}
    found = re.search(r"precacheAndRoute\(\s*(\[.*?\])\s*,", sw.read_text("utf-8"), re.S)
    if not found:
        return {"files": None, "bytes": None, "note": "precache manifest not found in sw.js"}
    entries = json.loads(found.group(1))
    sizes = {e["url"]: (Path(site_dir) / e["url"]).stat().st_size for e in entries if (Path(site_dir) / e["url"]).is_file()}
    return {"files": len(entries), "bytes": sum(sizes.values()),
            "pyodide_bytes": sum(s for u, s in sizes.items() if _is_runtime("/" + u))}


def measure(browser, real: str, plain: str, log=print, site_dir: Path | None = None) -> dict:
    out: dict = {"method": "sum of request.sizes() (headers + body) per page view in a fresh context with service "
                           "workers blocked (the page's own loads); gzip_estimate compresses each body at level 6. "
                           "The offline service worker's precache is counted apart, in a fresh context with service "
                           "workers allowed, from the requests the service worker makes",
                 "reading": {}, "worksheet": {}}
    for path in READING:
        site = weigh(browser, real + path)
        base = weigh(browser, plain + path)
        r = ratio(site["bytes"], base["bytes"])
        out["reading"][path or "/"] = {"site": site, "plain": base, "ratio": r,
                                       "gzip_ratio": ratio(site["gzip_estimate"], base["gzip_estimate"]),
                                       "ratio_without_service_worker": r}
        log(f"weight: /{path}: {site['bytes']} B vs plain {base['bytes']} B, Pyodide bytes {site['pyodide_bytes']}")
    out["reading_pages_load_no_pyodide"] = all(v["site"]["pyodide_bytes"] == 0 for v in out["reading"].values())
    first = READING[0]
    pre = precache(browser, real + first)
    out["precache"] = {"page": first, **pre, "manifest": manifest_bytes(site_dir)}
    log(f"weight: offline precache after a first visit to /{first}: {pre['bytes']} B in {pre['requests']} requests "
        f"({pre['pyodide_bytes']} B Pyodide), service worker {pre['service_worker']}")
    site = weigh(browser, real + WORKSHEET, wait_ready=True)
    base = weigh(browser, plain + SAME_CHAPTER)
    out["worksheet"] = {"page": WORKSHEET, "site": site, "compared_with": f"plain build's /{SAME_CHAPTER}",
                        "plain": base, "ratio": ratio(site["bytes"], base["bytes"]),
                        "gzip_ratio": ratio(site["gzip_estimate"], base["gzip_estimate"])}
    log(f"weight: /{WORKSHEET}: {site['bytes']} B ({site['pyodide_bytes']} B runtime) vs plain /{SAME_CHAPTER} {base['bytes']} B")
    pre = precache(browser, real + WORKSHEET, wait_ready=True)
    out["worksheet"]["precache"] = pre
    log(f"weight: offline precache after a first visit to /{WORKSHEET}: {pre['bytes']} B "
        f"({pre['pyodide_bytes']} B Pyodide), service worker {pre['service_worker']}")
    return out


FIRST_VISIT_TARGET = 4_500_000  # issue 16: the worksheet page's first visit from a plain static server


def first_visit(browser, no_headers: str, log=print) -> dict:
    """The worksheet page's first visit, feedback ready, from a host without custom headers (python -m http.server)."""
    site = weigh(browser, no_headers + WORKSHEET, wait_ready=True)
    log(f"weight: first visit to /{WORKSHEET} from a host without headers: {site['bytes']} B ({site['pyodide_bytes']} B runtime)")
    return {"page": WORKSHEET, "host": "no custom headers (as python -m http.server)", "site": site,
            "target_bytes": FIRST_VISIT_TARGET}


def run(real: str, plain: str, log=print, browser=None, site_dir: Path | None = None) -> dict:
    if browser is not None:
        return measure(browser, real, plain, log, site_dir)
    with chromium() as b:
        return measure(b, real, plain, log, site_dir)
