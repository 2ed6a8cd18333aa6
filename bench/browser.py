"""Headless Chromium for the bench: Debian's package driven by Playwright, with the test suite's flags."""

from __future__ import annotations

import contextlib
import os
import shutil
import time

try:  # the browser tests own the flags; keep one list
    from tests.browser.conftest import CHROMIUM_ARGS
    from tests.browser.conftest import FULL_CHROMIUM as CHROMIUM  # the bench times what readers run: the full browser
except Exception:  # pragma: no cover - tests moved or pytest missing
    CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
    CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextlib.contextmanager
def chromium():
    # Service workers' fetches reach context.on("request...") only with this flag in some Playwright versions.
    os.environ.setdefault("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", "1")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def poll(page, js: str, timeout: float, interval_ms: int = 50):
    """page.evaluate(js) until truthy or timeout (the site's CSP rules out wait_for_function strings)."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(js)
        if value or time.monotonic() > deadline:
            return value
        page.wait_for_timeout(interval_ms)
