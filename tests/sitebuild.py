"""Build the real site once and serve it on 127.0.0.1, as a static host would.

The server honours the site's ``_headers`` file (the format Netlify and
Cloudflare Pages read), so the Content-Security-Policy reaches workers too.
"""

from __future__ import annotations

import fnmatch
import functools
import http.server
import select
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_site(dest: Path, *extra: str, config: Path | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` in a subprocess (as a person would) into ``dest``."""
    # No -q: it drops warnings before strict mode counts them, so a warning would pass unseen.
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest), *extra]
    if config:
        cmd += ["-f", str(config)]
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin"}
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)


def pages_of(site: Path) -> list[str]:
    """Every HTML page of the built site, as a URL path."""
    out = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        out.append("" if rel == "." else rel + "/")
    return out


def parse_headers(site: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """Read ``_headers``: a path pattern line, then indented ``Name: value`` lines."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    path = site / "_headers"
    if not path.exists():
        return rules
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def _matches(pattern: str, url_path: str) -> bool:
    if pattern.endswith("*"):
        return url_path.startswith(pattern[:-1])
    return url_path == pattern


# Requests this server holds (keeps pending, never answers, until the client goes away) for a browser context
# that asks it to: the context carries the cookie HOLD_COOKIE (workbook_helpers.hold_at_server), whose value
# names kinds of SERVER_HOLDS joined by ".". A kind is a list of fnmatch patterns of the URL path.
# Why at the server: a Playwright route (context.route) turns the context's HTTP cache off, so every full load in a
# context with a route fetched and compiled Material's bundle and CSS again; the server's hold leaves the cache on.
HOLD_COOKIE = "wb-test-hold"
SERVER_HOLDS: dict[str, tuple[str, ...]] = {}


def held_kinds(cookie_header: str | None) -> list[str]:
    """The kinds of SERVER_HOLDS a request's Cookie header asks this server to hold."""
    for part in (cookie_header or "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == HOLD_COOKIE:
            return [kind for kind in value.split(".") if kind in SERVER_HOLDS]
    return []


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    served: list[tuple[str, int]] = []  # (path, status) of every response, for tests that count downloads

    def do_GET(self) -> None:
        if not self._held():
            super().do_GET()

    def do_HEAD(self) -> None:
        if not self._held():
            super().do_HEAD()

    def _held(self) -> bool:
        """Whether the request is one its context asked this server to hold (HOLD_COOKIE); if so, hold it: no
        answer, until the client closes the connection (its page, worker or context went away)."""
        path = self.path.split("?", 1)[0]
        kinds = held_kinds(self.headers.get("Cookie"))
        if not any(fnmatch.fnmatchcase(path, pattern) for kind in kinds for pattern in SERVER_HOLDS[kind]):
            return False
        self.close_connection = True
        while True:
            readable, _, _ = select.select([self.connection], [], [], 5)
            if readable:
                try:
                    if not self.connection.recv(4096):
                        return True  # the client went away
                except OSError:
                    return True

    def send_response(self, code, message=None) -> None:
        self.served.append((self.path.split("?", 1)[0], code))
        super().send_response(code, message)
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript", ".wasm": "application/wasm"}

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0]
        for pattern, headers in self.rules:
            if _matches(pattern, path):
                for name, value in headers:
                    self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None) -> None:
        """Serve the site's 404.html for missing pages, as static hosts do."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args) -> None:  # keep test output quiet
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """Browsers drop connections mid-download (aborted routes, navigation); that is not an error."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def _bind(handler) -> http.server.ThreadingHTTPServer:
    """Port 80 on a free loopback address when we may (as a real host serves it), else any port.

    Material's instant navigation keeps only the path of sitemap.xml's addresses
    and takes protocol and host from the page, but not the port: on the default
    port it works for any host, as it does in production.
    """
    for last in range(2, 60):
        try:
            return QuietServer((f"127.0.0.{last}", 80), handler)
        except OSError:
            continue
    return QuietServer(("127.0.0.1", 0), handler)


class SiteServer:
    """A threaded static server for one built site on loopback."""

    def __init__(self, site: Path):
        handler = type("Handler", (StaticHandler,), {"rules": parse_headers(site), "served": []})
        self.served = handler.served
        self.httpd = _bind(functools.partial(handler, directory=str(site)))
        host, port = self.httpd.server_address[:2]
        self.url = f"http://{host}/" if port == 80 else f"http://{host}:{port}/"
        self.default_port = port == 80
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "SiteServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
