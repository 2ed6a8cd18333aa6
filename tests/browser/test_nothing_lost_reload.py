"""The update notice's Reload waits for an encrypted save (review 1, suspected, confirmed): with a passphrase
set, saves are encrypted asynchronously, and the notice used to tell the new service worker to take over
(which reloads the page) before the last edit's encryption had finished.

The page's crypto.subtle.encrypt is slowed by 50 ms and logged, as is the message that lets the new version
take over: the log's order is the signal, and the last edit must be there after the reload."""

from __future__ import annotations

import time

from generator import offline
from tests.browser.conftest import wait_until
from tests.browser.test_lock import set_passphrase, unlock
from tests.browser.workbook_helpers import UPDATE_CHECK, deployed_copy, visit_once
from tests.sitebuild import ROOT

SMART = "worksheets/smart-goal/"
LOG = """
(() => {
  const log = (what) => sessionStorage.setItem("test-log", (sessionStorage.getItem("test-log") || "") + what + ";");
  const encrypt = crypto.subtle.encrypt.bind(crypto.subtle);
  crypto.subtle.encrypt = async (...args) => {
    const out = await encrypt(...args);
    if (window.slowEncrypt) await new Promise((r) => setTimeout(r, 50));
    if (window.slowEncrypt) log("encrypted");
    return out;
  };
  const post = ServiceWorker.prototype.postMessage;
  ServiceWorker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === "SKIP_WAITING") log("skip-waiting");
    return post.call(this, message, ...rest);
  };
})();
"""


def test_reload_from_the_update_notice_waits_for_the_encrypted_save(browser, built_site, tmp_path):
    with deployed_copy(browser, built_site, tmp_path, own_browser=True) as (site, server, context, page):
        context.add_init_script(LOG)
        visit_once(page, server.url + SMART)
        set_passphrase(page, server.url)
        page.goto(server.url + SMART)
        unlock(page)
        wait_until(page, "() => document.querySelector('form[data-wb-mounted]')?.inert === false")
        page.fill("#wb-why", "Typed before the update")  # typing in this page view: the update asks, not reloads

        privacy = site / "privacy" / "index.html"
        privacy.write_text(privacy.read_text("utf-8").replace("</h1>", " (new build)</h1>", 1), encoding="utf-8")
        offline.write_offline(site, ROOT / "node_modules")
        page.evaluate(UPDATE_CHECK)
        wait_until(page, "() => !!document.querySelector('[data-wb-update] button')", timeout=90)

        page.evaluate("() => { window.slowEncrypt = true; }")
        page.fill("#wb-goal", "Typed just before Reload")  # not saved yet: the autosave waits 0.3 s
        with page.expect_navigation():
            page.locator("[data-wb-update] button").click()
        # The page may load twice: when the new worker takes over later than offline.js's 3 s fallback,
        # that reload is served by the old worker and updates.js reloads the stale page once more. Unlock
        # whichever page asks, until one shows the answer.
        deadline = time.monotonic() + 60
        while True:
            try:
                unlock(page)
                wait_until(page, "() => document.querySelector('#wb-goal')?.value === 'Typed just before Reload'",
                           timeout=20)
                break
            except Exception as error:  # a navigation under way
                if "context was destroyed" not in str(error) and "navigat" not in str(error) \
                        or time.monotonic() > deadline:
                    raise
                page.wait_for_load_state("load")
        log = page.evaluate("() => sessionStorage.getItem('test-log')")
        assert log.startswith("encrypted;"), log
        assert "skip-waiting" in log, log
