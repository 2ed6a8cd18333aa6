"""First feedback on a slow line (issue 16): the worksheet page against bare Pyodide, both throttled alike.

Chromium's own network emulation (CDP ``Network.emulateNetworkConditions``,
which also holds back the page's workers): 4 Mbit/s down, 1 Mbit/s up, 100 ms
round trip. Each visit is a new browser context (empty cache and storage) with
service workers blocked: a first visit. Both pages are served by a host that
sends no custom headers, as ``python -m http.server`` does, the setting of the
issue's 4.5 MB target (a host that sends the CSP header gets the plain
``pyodide.asm.mjs`` and compresses it itself). The bare page boots stock
Pyodide (the npm files, uncompressed). Rounds alternate which page goes first.

The first-visit transfer is measured on the same host, unthrottled (weight.weigh).
"""

from __future__ import annotations

from .feedback import INIT, WORKSHEET, BARE, load
from .stats import paired_ratios, ratio, summarize

PROFILE = {"offline": False, "latency": 100, "downloadThroughput": 4_000_000 / 8, "uploadThroughput": 1_000_000 / 8}
TARGET = 0.4  # issue 16: the worksheet's first feedback / bare Pyodide's, same throttle
TIMEOUT_S = 240  # stock Pyodide's 13.6 MB take about 30 s at 4 Mbit/s


def throttle(context, page) -> None:
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", PROFILE)


def _visit(browser, url: str) -> dict:
    context = browser.new_context(service_workers="block")
    context.add_init_script(INIT)
    try:
        return load(context, url, prepare=throttle, timeout=TIMEOUT_S)
    finally:
        context.close()


def measure(browser, base: str, runs: int, log=print) -> dict:
    got: dict[str, list[dict]] = {"site": [], "bare": []}
    urls = {"site": base + WORKSHEET, "bare": base + BARE}
    for i in range(runs):
        for which in (("site", "bare") if i % 2 == 0 else ("bare", "site")):
            got[which].append(_visit(browser, urls[which]))
        log(f"throttled: round {i + 1}/{runs}: site {got['site'][-1]['ready_ms']} ms, bare {got['bare'][-1]['ready_ms']} ms")
    site = [r["ready_ms"] for r in got["site"]]
    bare = [r["ready_ms"] for r in got["bare"]]
    problems = [f"{w}: never ready (state {r['state']}; {r['errors']})" for w in got for r in got[w] if r["ready_ms"] is None]
    out = {"profile": PROFILE, "runs": runs, "host": "no custom headers (as python -m http.server)",
           "site_ms": summarize(site, 1), "bare_ms": summarize(bare, 1),
           "ratio": ratio(summarize(site), summarize(bare)), "paired_ratio": paired_ratios(zip(site, bare)),
           "target": TARGET,
           "site_breakdown_ms": {k: summarize([r[k] for r in got["site"]], 1) for k in ("dcl_ms", "worker_created_ms", "worker_ready_ms")}}
    if problems:
        out["problems"] = problems[:10]
    return out


def run(base: str, quick: bool, log, browser) -> dict:
    """The throttled rounds (one with --quick, else three) in ``browser`` (bench/__main__.py's)."""
    return measure(browser, base, 1 if quick else 3, log)
