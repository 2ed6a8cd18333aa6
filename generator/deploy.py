"""Deploy recipes: one set of response headers, worked out from the built site, rendered for each host.

Why one plan: the headers are security (a worker obeys only its response's
CSP; ``frame-ancestors`` works only as a header) and correctness (versioned
assets may be cached for ever, pages and ``sw.js`` must be revalidated, or a
reader mixes two deploys). Writing them by hand for four hosts lets them
drift; here ``plan(site_dir)`` decides once and ``headers_file``,
``netlify_toml``, ``nginx_conf`` and ``caddyfile`` only change the syntax.
The policy itself comes from ``csp.py``.

A file is *versioned* when its URL changes whenever its bytes do: a content
hash in its name (``bundle.a5f9d56c.min.js``, ``form.3f2a1b9c0d.js``) or a
folder named by its version (``assets/pyodide/<version>-<hash>/``; see
``versioning.py``). Only those are ``immutable``; everything else is
revalidated (``no-cache``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from . import csp, versioning

IMMUTABLE = "public, max-age=31536000, immutable"
NO_CACHE = "no-cache"
# Sent with every response.
SECURITY = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),  # frame-ancestors, for browsers that predate it
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)
# Types some servers get wrong or lack: a module worker needs a JavaScript type,
# and WebAssembly.instantiateStreaming needs application/wasm. Every .gz and .br
# file of the runtime (the brotli wasm among them) is decoded by the worker itself:
# served as application/gzip and application/octet-stream (never as its inner type,
# never with Content-Encoding), no host touches them.
MIME = {"mjs": "text/javascript", "wasm": "application/wasm", "py": "text/x-python", "gz": "application/gzip",
        "br": "application/octet-stream"}
# Compressed on the fly. Already-compressed files (zip, png, pdf) are left out:
# compressing them again costs time and saves nothing.
COMPRESS = (
    "text/html", "text/css", "text/javascript", "application/javascript", "application/json",
    "application/wasm", "image/svg+xml", "application/xml", "text/xml", "text/plain", "text/x-python",
    "application/manifest+json",
)

# Host configuration and build leftovers: never served as part of the site.
_NOT_SERVED = ("_headers", "netlify.toml")


def is_versioned(rel: str) -> bool:
    """Whether this site path's URL changes whenever its bytes do."""
    return bool(versioning.HASHED_NAME.search(rel.rsplit("/", 1)[-1]) or versioning.versioned_folder(rel))


def _must_revalidate(rel: str) -> bool:
    """Pages, the service worker, and the manifests that say what the current deploy holds."""
    return rel.endswith((".html", ".json", ".xml", ".webmanifest")) or rel == "sw.js"


def _urls(rel: str) -> list[str]:
    """The URL paths that serve a site file: a directory index answers at its folder too."""
    url = "/" + rel
    if rel == "index.html" or rel.endswith("/index.html"):
        return [url[: -len("index.html")], url]
    return [url]


@dataclass(frozen=True)
class Plan:
    """What every host must send. URL paths start with '/' and are relative to the site's root."""

    csp: str  # the header policy, on every response
    security: tuple[tuple[str, str], ...]
    immutable: tuple[str, ...]  # versioned files
    no_cache: tuple[str, ...]  # pages (both URL forms), sw.js, manifests

    def every_response(self) -> list[tuple[str, str]]:
        return [("Content-Security-Policy", self.csp), *self.security]

    def rules(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Path rules whose headers never overlap, so no host has to merge two values of one header.

        Cloudflare Pages joins repeated headers with a comma and Netlify lets
        the last rule win: with no header in two matching rules, both read
        these rules the same way. Unlisted files get the host's default, which
        on both is ``max-age=0, must-revalidate``.
        """
        out = [("/*", self.every_response())]
        out += [(url, [("Cache-Control", IMMUTABLE)]) for url in self.immutable]
        out += [(url, [("Cache-Control", NO_CACHE)]) for url in self.no_cache]
        return out


def plan(site_dir: Path) -> Plan:
    """The headers for this built site: its pages' script hashes, its versioned files."""
    site_dir = Path(site_dir)
    hashes: list[str] = []
    immutable: list[str] = []
    no_cache: list[str] = []
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if rel in _NOT_SERVED:
            continue
        if rel.endswith(".html"):
            hashes += [h for h in csp.inline_script_hashes(path.read_text("utf-8")) if h not in hashes]
        if is_versioned(rel):
            immutable += _urls(rel)
        elif _must_revalidate(rel):
            no_cache += _urls(rel)
    return Plan(csp.policy(hashes, header=True), SECURITY, tuple(immutable), tuple(no_cache))


# ------------------------------------------------------------------ Netlify and Cloudflare Pages

def headers_file(p: Plan) -> str:
    """``_headers`` (Netlify and Cloudflare Pages read it from the published folder)."""
    lines = ["# Response headers for Netlify and Cloudflare Pages. Generated by the workbook plugin (generator/deploy.py)."]
    for pattern, headers in p.rules():
        lines.append(pattern)
        lines += [f"  {name}: {value}" for name, value in headers]
    return "\n".join(lines) + "\n"


def netlify_toml(p: Plan, publish: str = "site", command: str = "make build") -> str:
    """``netlify.toml``: the build, and the same rules as ``_headers``."""
    lines = [
        "# Generated by `workbook deploy netlify` (generator/deploy.py) from a built site; regenerate after a build.",
        "[build]",
        f"  command = {json.dumps(command)}",
        f"  publish = {json.dumps(publish)}",
    ]
    for pattern, headers in p.rules():
        lines += ["", "[[headers]]", f"  for = {json.dumps(pattern)}", "  [headers.values]"]
        lines += [f"    {json.dumps(name)} = {json.dumps(value)}" for name, value in headers]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ nginx

def _nginx_quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def nginx_conf(p: Plan, root: Path, listen: str = "80", server_name: str = "_") -> str:
    """A file for nginx's ``http`` block (e.g. ``/etc/nginx/conf.d/workbook.conf``): a map and a server.

    ``add_header ... always`` so error pages carry the headers too. No
    location below sets a header: in nginx one ``add_header`` in a location
    drops every header the server level set.
    """
    cache = ["map $uri $workbook_cache_control {", f"    default {_nginx_quote(NO_CACHE)};"]
    # Exact-match regexes, not plain keys: long plain keys overflow nginx's default map_hash_bucket_size.
    cache += [f"    {_nginx_quote('~^' + re.escape(url) + '$')} {_nginx_quote(IMMUTABLE)};" for url in p.immutable]
    cache.append("}")
    headers = [f"    add_header {name} {_nginx_quote(value)} always;" for name, value in p.every_response()]
    types = [
        f"    location ~ \\.{ext}$ {{\n        types {{ }}\n        default_type {mime};\n    }}"
        for ext, mime in MIME.items()
    ]
    return "\n".join([
        "# The Therapy Goals Workbook on nginx. Generated by `workbook deploy nginx` (generator/deploy.py)",
        "# from a built site: regenerate after each build (the script hashes and versioned files change).",
        "# Include it in nginx's http block, e.g. as /etc/nginx/conf.d/workbook.conf.",
        *cache,
        "",
        "server {",
        f"    listen {listen};",
        f"    server_name {server_name};",
        f"    root {_nginx_quote(str(root))};",
        "    index index.html;",
        "    charset utf-8;",
        "    charset_types text/css text/javascript application/javascript application/json text/xml text/plain;",
        "    error_page 404 /404.html;",
        "    server_tokens off;",
        "",
        "    gzip on;",
        "    gzip_vary on;",
        "    gzip_min_length 256;",
        "    gzip_types " + " ".join(t for t in COMPRESS if t != "text/html") + ";",  # text/html always is
        "",
        *headers,
        "    add_header Cache-Control $workbook_cache_control always;",
        "",
        "    location / {",
        "        try_files $uri $uri/ =404;",
        "    }",
        *types,
        "}",
    ]) + "\n"


# ------------------------------------------------------------------ Caddy

def _caddy_quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def caddyfile(p: Plan, root: Path, address: str = "example.org") -> str:
    """A Caddyfile site block (Caddy 2): the same headers, types and compression."""
    immutable = " ".join(p.immutable)
    # The main route's headers do not reach error responses: handle_errors sends them again.
    headers = ["    header {", *[f"        {name} {_caddy_quote(value)}" for name, value in p.every_response()], "    }"]
    encode = ["    encode {", "        gzip", "        match {", *[f"            header Content-Type {t}*" for t in COMPRESS], "        }", "    }"]
    types = []
    for ext, mime in MIME.items():
        types += [f"    @{ext} path *.{ext}", f"    header @{ext} Content-Type {_caddy_quote(mime)}"]
    return "\n".join([
        "# The Therapy Goals Workbook on Caddy. Generated by `workbook deploy caddy` (generator/deploy.py)",
        "# from a built site: regenerate after each build (the script hashes and versioned files change).",
        f"{address} {{",
        f"    root * {_caddy_quote(str(root))}",
        *encode,
        *headers,
        f"    @immutable path {immutable}" if immutable else "    @immutable path /.workbook-none",
        f"    header @immutable Cache-Control {_caddy_quote(IMMUTABLE)}",
        "    @revalidate not path " + (immutable or "/.workbook-none"),
        f"    header @revalidate Cache-Control {_caddy_quote(NO_CACHE)}",
        *types,
        "    handle_errors {",
        *["    " + line for line in encode + headers],
        f"        header Cache-Control {_caddy_quote(NO_CACHE)}",
        "        rewrite * /404.html",
        "        file_server",
        "    }",
        "    file_server",
        "}",
    ]).replace("    ", "\t") + "\n"  # Caddy's own format (caddy fmt) indents with tabs


RENDERERS = ("headers", "netlify", "nginx", "caddy")
