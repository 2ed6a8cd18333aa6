"""``python -m bench [--quick] [--only checker,feedback,throttled,weight,build] [--out PATH]``

Runs every measurement in one process, so each ratio compares figures taken
minutes apart on the same machine, prints the table and writes the results.
``feedback`` includes the second visit (service worker + Python snapshot)
against bare Pyodide cold, issue 9's figure (``bench/second_visit.py`` runs
that part alone). ``throttled`` is the first visit on a 4 Mbit/s line (``bench/throttled.py``).
Sites are built into a temp dir that is removed at the end.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

from . import RESULTS, report

PARTS = ("checker", "feedback", "throttled", "weight", "build")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Speed and weight of the workbook, as ratios to baselines.")
    parser.add_argument("--quick", action="store_true", help="fewer runs (about half the time); noisier")
    parser.add_argument("--only", default=",".join(PARTS), help=f"comma-separated subset of: {', '.join(PARTS)}")
    parser.add_argument("--out", type=Path, default=RESULTS, help=f"results file (default {RESULTS})")
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        parser.error(f"unknown part(s): {', '.join(unknown)}")

    log = lambda message: print(message, file=sys.stderr, flush=True)
    started = time.perf_counter()
    results: dict = {}
    if set(parts) != set(PARTS) and args.out.exists():
        # A partial re-run updates those parts of the last results and says so.
        results = json.loads(args.out.read_text("utf-8"))
        results.setdefault("reruns", []).append({"parts": parts, "when": _now(), "load_average_at_start": list(os.getloadavg())})
        results = {k: v for k, v in results.items() if k not in ("table", "seconds")}
    results |= {
        "when": _now(),
        "mode": "quick" if args.quick else "full",
        "machine": report.machine(),
        "versions": report.versions(),
    } if not results else {}

    def attempt(name: str, fn):
        try:
            results[name] = fn()
        except Exception as exc:  # one broken measurement must not hide the others
            log(f"{name}: failed: {exc!r}")
            results[name] = {"error": repr(exc), "trace": traceback.format_exc(limit=4)}

    with tempfile.TemporaryDirectory(prefix="workbook-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if "checker" in parts:
            from . import checker

            attempt("checker", lambda: checker.run(args.quick, log))
        if {"feedback", "throttled", "weight"} & set(parts):
            attempt("browser", lambda: _browser(tmp, parts, args.quick, results, log))
            if results.get("browser") is None:  # success leaves feedback and weight in results
                results.pop("browser", None)
        if "build" in parts:
            from . import build

            attempt("build", lambda: build.run(tmp / "build", args.quick, log))

    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["table"] = report.table(results).splitlines()
    report.write(results, args.out)
    print(report.table(results))
    load = results["machine"]
    print(f"\n{load['cores']} cores, load average {load['load_average_at_start'][0]} at start, "
          f"{load['load_average_at_end'][0]} at end; {results['seconds']:.0f} s; results in {args.out}")
    return 0


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def _browser(tmp: Path, parts: list[str], quick: bool, results: dict, log) -> None:
    """Build both sites once, serve them, and run the browser measurements with one Chromium."""
    from tests.sitebuild import SiteServer

    from . import feedback, sites, throttled, weight
    from .browser import chromium

    log("building the site and the plain baseline for the browser")
    built = sites.build_for_browser(tmp / "browser")
    with SiteServer(built["real"]) as real, SiteServer(built["plain"]) as plain, \
            SiteServer(built["no_headers"]) as no_headers, chromium() as browser:
        measures = {
            "feedback": lambda: feedback.run(real.url, quick, log, browser=browser),
            "throttled": lambda: throttled.run(no_headers.url, quick, log, browser=browser),
            "weight": lambda: weight.run(real.url, plain.url, log, browser=browser, site_dir=built["real"])
            | {"first_visit": weight.first_visit(browser, no_headers.url, log)},
        }
        for name, measure in measures.items():
            if name not in parts:
                continue
            try:
                results[name] = measure()
            except Exception as exc:  # one broken measurement must not hide the others
                log(f"{name}: failed: {exc!r}")
                results[name] = {"error": repr(exc)}

if __name__ == "__main__":
    sys.exit(main())
