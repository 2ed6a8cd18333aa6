"""Bytes a page view transfers, against the same page of a plain MkDocs Material build.

Each page is loaded once in a fresh browser context (empty cache), and every
response the page and its workers receive is counted: Playwright's
``request.sizes()`` (response headers + body as received; the bench server
does not compress), counted on the browser context so that the offline
service worker's precache fetches are included (``service_worker_bytes``;
the count waits for the worker to finish installing). A gzip estimate of
each body is reported beside it, since a real static host compresses text. The worksheet page is weighed after its
feedback is ready, so the Pyodide files its worker fetches are included; the
plain build has no worksheet pages, so it is compared with the plain build's
page of the same chapter (``smart-goals/``), and its absolute bytes are given.
"""

from __future__ import annotations

import gzip
from urllib.parse import urlparse

from .browser import chromium, poll
from .feedback import INIT, TIMEOUT_S
from .stats import ratio

READING = ["smart-goals/", "", "privacy/"]  # the first is the one compared; all must load no Pyodide
WORKSHEET = "worksheets/smart-goal/"
SAME_CHAPTER = "smart-goals/"
RUNTIME_PATHS = ("/assets/pyodide/", "/assets/python/")
# 'none' when the page registers no service worker (data-wb-sw empty or absent), 'active' once it has
# installed (its precache fetched), false while it is still registering or installing.
SW_SETTLED = """async () => {
  const bar = document.querySelector("[data-wb-sw]");
  if (!bar || !bar.dataset.wbSw || !("serviceWorker" in navigator)) return "none";
  const reg = await navigator.serviceWorker.getRegistration();
  return reg && reg.active && !reg.installing && !reg.waiting ? "active" : false;
}"""


def weigh(browser, url: str, wait_ready: bool = False) -> dict:
    context = browser.new_context()
    context.add_init_script(INIT)
    requests = []
    try:
        # On the context, not the page: the offline service worker's precache fetches count too.
        context.on("requestfinished", lambda request: requests.append(request))
        page = context.new_page()
        page.goto(url, wait_until="load")
        if wait_ready:
            poll(page, "() => window.__bench && window.__bench.ready", TIMEOUT_S)
        sw = poll(page, SW_SETTLED, TIMEOUT_S, 200)  # an offline precache finishes before we count
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        total = gz = runtime = by_sw = 0
        by_kind: dict[str, int] = {}
        for request in list(requests):
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
            if path.startswith(RUNTIME_PATHS) or any(p in path for p in RUNTIME_PATHS):
                runtime += size
            kind = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else "html"
            by_kind[kind] = by_kind.get(kind, 0) + size
            if getattr(request, "service_worker", None) is not None:
                by_sw += size
        longest = page.evaluate("() => window.__bench ? window.__bench.longest : null")
        return {"bytes": total, "bytes_without_service_worker": total - by_sw, "longest_task_ms": longest, "gzip_estimate": gz, "requests": len(requests), "pyodide_bytes": runtime,
                "service_worker_bytes": by_sw, "service_worker": sw,
                "by_type": dict(sorted(by_kind.items(), key=lambda kv: -kv[1]))}
    finally:
        context.close()


def measure(browser, real: str, plain: str, log=print) -> dict:
    out: dict = {"method": "sum of request.sizes() (headers + body) per page view in a fresh context; "
                           "gzip_estimate compresses each body at level 6",
                 "reading": {}, "worksheet": {}}
    for path in READING:
        site = weigh(browser, real + path)
        base = weigh(browser, plain + path)
        out["reading"][path or "/"] = {"site": site, "plain": base, "ratio": ratio(site["bytes"], base["bytes"]),
                                       "gzip_ratio": ratio(site["gzip_estimate"], base["gzip_estimate"]),
                                       "ratio_without_service_worker": ratio(site["bytes_without_service_worker"], base["bytes"])}
        log(f"weight: /{path}: {site['bytes']} B vs plain {base['bytes']} B, Pyodide bytes {site['pyodide_bytes']}")
    out["reading_pages_load_no_pyodide"] = all(v["site"]["pyodide_bytes"] == 0 for v in out["reading"].values())
    site = weigh(browser, real + WORKSHEET, wait_ready=True)
    base = weigh(browser, plain + SAME_CHAPTER)
    out["worksheet"] = {"page": WORKSHEET, "site": site, "compared_with": f"plain build's /{SAME_CHAPTER}",
                        "plain": base, "ratio": ratio(site["bytes"], base["bytes"]),
                        "gzip_ratio": ratio(site["gzip_estimate"], base["gzip_estimate"])}
    log(f"weight: /{WORKSHEET}: {site['bytes']} B ({site['pyodide_bytes']} B runtime) vs plain /{SAME_CHAPTER} {base['bytes']} B")
    return out


def run(real: str, plain: str, log=print, browser=None) -> dict:
    if browser is not None:
        return measure(browser, real, plain, log)
    with chromium() as b:
        return measure(b, real, plain, log)
