"""The first-feedback measurement on its own, for issue 9's figure: second visit against bare Pyodide cold.

``python -m bench.second_visit [--runs N] [--out PATH]`` builds the real site
(no PDFs) with the bare-Pyodide page beside it, serves it and runs
``bench.feedback.measure``, the same code ``make bench`` runs as its
``feedback`` part (see that module for what each visit is). It prints the
second visit's figures (``feedback["second"]``: the site's second visit with the
service worker and the Python snapshot, as a ratio to bare Pyodide cold in the
same rounds, target 0.6) and writes the whole result as JSON with ``--out``.
It does not touch ``bench/results.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from .browser import chromium
from .feedback import measure


def run(base: str, quick: bool = False, log=print, browser=None) -> dict:
    """The second-visit figures of one feedback measurement."""
    runs = 2 if quick else 5
    if browser is not None:
        return measure(browser, base, runs, log)["second"]
    with chromium() as b:
        return measure(b, base, runs, log)["second"]


def main(argv: list[str] | None = None) -> int:
    from tests.sitebuild import SiteServer

    from .sites import build_for_browser

    parser = argparse.ArgumentParser(prog="python -m bench.second_visit")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, help="write the whole feedback result as JSON here too")
    args = parser.parse_args(argv)
    log = lambda message: print(message, file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="workbook-second-visit-") as tmp:
        sites = build_for_browser(Path(tmp))
        with SiteServer(sites["real"]) as server, chromium() as browser:
            results = measure(browser, server.url, args.runs, log)
    print(json.dumps(results["second"], indent=1))
    if args.out:
        args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
