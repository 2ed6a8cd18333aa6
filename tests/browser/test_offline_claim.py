"""A page opened while the first service worker was installing ends up controlled by it (issue 18).

clients.claim(), which the first version runs when it activates, passes over a page whose load is still
under way (its document does not exist yet), and that page's own request went to the network (there was
no active version to ask): nothing would ever control it, until the next navigation. On a busy machine
test_erase_all waited 300 s for `navigator.serviceWorker.controller` on such a page. offline.js now asks an
active version to claim a page it finds uncontrolled (sw.js, CLAIM).

The server holds one precached file (so the install waits) and then the home page's response (so its load
is under way while the install finishes and the version activates): the race, on every run."""

from __future__ import annotations

import threading

from tests.browser.conftest import new_page, wait_until
from tests.browser.workbook_helpers import PLAIN_DOCUMENT
from tests.sitebuild import SiteServer

PRECACHED_ONLY = "/404.html"  # precached, and fetched by none of the pages this test opens
HOME = "/"
REGISTRATION = """async () => { const r = await navigator.serviceWorker.getRegistration();
  return r ? {installing: r.installing?.state || null, active: r.active?.state || null} : null; }"""


class Held:
    """GETs of `path` on `server` wait until `release()`; `seen` is set when one arrives. Armed at once, or
    later with `arm()` (a page the test visits first is served as usual). Each Held wraps the handler's
    current do_GET, so several apply together."""

    def __init__(self, server: SiteServer, path: str, armed: bool = True):
        self.path, self.armed, self.seen, self.released = path, armed, threading.Event(), threading.Event()
        handler = server.httpd.RequestHandlerClass.func  # this server's own handler class (SiteServer)
        serve = handler.do_GET

        def do_GET(request):
            if self.armed and request.path.split("?", 1)[0] == self.path:
                self.seen.set()
                self.released.wait(120)
            return serve(request)

        handler.do_GET = do_GET

    def arm(self) -> None:
        self.armed = True

    def release(self) -> None:
        self.released.set()


def test_a_page_loading_while_the_first_version_activates_is_controlled(browser, built_site):
    server = SiteServer(built_site)
    precache, home = Held(server, PRECACHED_ONLY), Held(server, HOME, armed=False)
    with server:
        context = browser.new_context()
        try:
            page = new_page(context, server.url)
            page.goto(server.url + "privacy/")
            # registered once loaded and idle; its install waits on the held file
            wait_until(page, f"async () => (await ({REGISTRATION})())?.installing === 'installing'", timeout=90)
            home.arm()
            page.evaluate("(url) => { location.href = url; }", server.url)  # the home page's load starts
            assert home.seen.wait(30), "the home page was not asked for"
            precache.release()  # the install ends and the version activates while the home page is held
            helper = context.new_page()
            helper.goto(server.url + PLAIN_DOCUMENT)
            wait_until(helper, f"async () => (await ({REGISTRATION})())?.active === 'activated'", timeout=120)
            with page.expect_event("load", timeout=60000):
                home.release()
            assert page.url == server.url
            wait_until(page, "() => !!navigator.serviceWorker.controller", timeout=60)
            assert page.evaluate("() => navigator.serviceWorker.controller.state") == "activated"
            assert page.watch.errors == [], page.watch.errors
        finally:
            precache.release()
            home.release()
            context.close()
