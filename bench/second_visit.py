"""First feedback on a second visit (service worker, code cache and Python snapshot warm), against bare Pyodide cold.

``python -m bench.second_visit [--runs N]`` builds the real site (no PDFs) with
the bare-Pyodide page beside it (``bench.sites.build_for_browser``), serves it,
and for each round, in a new browser context (a fresh profile):

1. **bare cold**: the bare page, in its own fresh context;
2. **site cold**: the SMART goal worksheet, first visit: the goal is typed at
   DOMContentLoaded (``bench.feedback.INIT``), first feedback timed from
   navigation start. The round then waits until the service worker controls the
   page and the worker has stored its Python snapshot, as a visit that lasts a
   few seconds would, and closes the page;
3. **site second**: the same worksheet in a new page of the same context.

The figure the issue asks for is ``second / bare cold`` (the median of each, and
the median of the per-round ratios). The worker's own ``ready`` message says
whether it booted from a snapshot.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from .browser import chromium, poll
from .feedback import BARE, INIT, TIMEOUT_S, WORKSHEET, load
from .stats import paired_ratios, ratio, summarize

# The worker's 'ready' message, seen from the page: checker.js keeps no copy, so listen before it starts.
SPY = """
(() => {
  const Native = window.Worker;
  window.__ready = null;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ({ data }) => { if (data && data.type === "ready") window.__ready = data; });
    }
  };
})();
"""
SETTLED = """async () => !!navigator.serviceWorker.controller
  && (await (await caches.open('workbook-python-snapshot')).keys()).length > 0"""


def visit(context, url: str, settle: bool = False) -> dict:
    """One page view of the worksheet: ms to first feedback; optionally wait for the worker and snapshot."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(url, wait_until="commit")
        poll(page, "() => window.__bench && window.__bench.ready", TIMEOUT_S)
        b = page.evaluate("() => window.__bench")
        ready = page.evaluate("() => window.__ready")
        settled = bool(poll(page, SETTLED, 120, 200)) if settle else None
        return {"ready_ms": b["ready"], "worker": ready, "settled": settled, "errors": errors[:3]}
    finally:
        page.close()


def measure(browser, base: str, runs: int, log=print) -> dict:
    bare_cold, site_cold, second = [], [], []
    boot = {"cold": [], "second": []}
    snapshots = []
    for i in range(runs):
        bare_ctx = browser.new_context()
        bare_ctx.add_init_script(INIT)
        try:
            bare_cold.append(load(bare_ctx, base + BARE)["ready_ms"])
        finally:
            bare_ctx.close()
        context = browser.new_context()
        context.add_init_script(INIT)
        context.add_init_script(SPY)
        try:
            first = visit(context, base + WORKSHEET, settle=True)
            again = visit(context, base + WORKSHEET)
        finally:
            context.close()
        site_cold.append(first["ready_ms"])
        second.append(again["ready_ms"])
        boot["cold"].append((first["worker"] or {}).get("ms"))
        boot["second"].append((again["worker"] or {}).get("ms"))
        snapshots.append((again["worker"] or {}).get("snapshot"))
        log(f"second visit: round {i + 1}/{runs}: bare cold {_ms(bare_cold[-1])}, site cold {_ms(site_cold[-1])}, "
            f"site second {_ms(second[-1])} (worker boot {boot['second'][-1]} ms, snapshot {snapshots[-1]}; "
            f"settled {first['settled']})")
    return {
        "measured_to": "first data-state=ready of the goal's feedback region, from navigation start",
        "runs": runs,
        "bare_cold_ms": summarize(bare_cold, 1),
        "site_cold_ms": summarize(site_cold, 1),
        "site_second_ms": summarize(second, 1),
        "worker_boot_ms": {k: summarize(v, 1) for k, v in boot.items()},
        "second_from_snapshot": snapshots,
        "ratio_second_to_bare_cold": ratio(summarize(second), summarize(bare_cold)),
        "paired_ratio_second_to_bare_cold": paired_ratios(zip(second, bare_cold)),
        "ratio_cold_to_bare_cold": ratio(summarize(site_cold), summarize(bare_cold)),
    }


def _ms(value) -> str:
    return "never" if value is None else f"{round(value)} ms"


def run(base: str, quick: bool = False, log=print, browser=None) -> dict:
    runs = 3 if quick else 7
    if browser is not None:
        return measure(browser, base, runs, log)
    with chromium() as b:
        return measure(b, base, runs, log)


def main(argv: list[str] | None = None) -> int:
    from tests.sitebuild import SiteServer

    from .sites import build_for_browser

    parser = argparse.ArgumentParser(prog="python -m bench.second_visit")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", type=Path, help="write the results as JSON here too")
    args = parser.parse_args(argv)
    log = lambda message: print(message, file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="workbook-second-visit-") as tmp:
        sites = build_for_browser(Path(tmp))
        with SiteServer(sites["real"]) as server, chromium() as browser:
            results = measure(browser, server.url, args.runs, log)
    text = json.dumps(results, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
