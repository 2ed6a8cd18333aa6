"""Content-Security-Policy for every page: only this site, plus hashes of the inline scripts it has.

Material's inline scripts differ with page depth, so hashes are computed per
page from the built HTML, and only for the scripts the theme and the workbook
emit: a chapter or worksheet that carries an inline ``<script>`` stops the
build (``content_script_errors``), so content can never run code.

Two renderings of one policy. The meta tag (pages only) has no
``'wasm-unsafe-eval'``: no page compiles WebAssembly itself, the checker's
worker does, and a worker obeys its own response headers, never the page's
meta tag. The header policy (``deploy.py`` renders it for each host) adds
``'wasm-unsafe-eval'`` for that worker and the directives browsers ignore in
a meta tag (``frame-ancestors``). A page served with both obeys both, so it
still cannot compile WebAssembly.
"""

from __future__ import annotations

import base64
import hashlib
import re

# Executable inline scripts: no src, and a JavaScript type (or none).
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?(?!text/javascript|module)[^"'\s>]+""", re.I)

BASE_POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("worker-src", "'self'"),
    ("connect-src", "'self'"),
    ("img-src", "'self' data:"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("font-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'none'"),
    ("form-action", "'self'"),
)
# Only a response header can carry these: browsers ignore them in a meta tag.
HEADER_ONLY = (("frame-ancestors", "'none'"),)
# Lets the checker's worker compile Pyodide. Headers only (see the module docstring).
WASM = "'wasm-unsafe-eval'"


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-...' for each inline script the browser would run, in page order, without repeats."""
    hashes: list[str] = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I) or _DATA_TYPE.search(attrs):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode("utf-8")).digest()).decode()
        token = f"'sha256-{digest}'"
        if token not in hashes:
            hashes.append(token)
    return hashes


def policy(hashes: list[str], *, header: bool = False) -> str:
    """The meta policy, or with ``header`` the response-header policy (wasm for the worker, frame-ancestors)."""
    parts = []
    for name, value in BASE_POLICY + (HEADER_ONLY if header else ()):
        if name == "script-src":
            value = " ".join([value, *([WASM] if header else []), *hashes])
        parts.append(f"{name} {value}")
    return "; ".join(parts)


def add_meta(html: str, content: str = "") -> tuple[str, list[str]]:
    """Put the CSP meta tag first in <head>, before any script; return the page and its hashes.

    ``content`` is the page's own Markdown-made HTML: scripts in it are not
    hashed (the build refuses them anyway), so only the theme's and the
    workbook's inline scripts can run.
    """
    hashes = inline_script_hashes(html.replace(content, "", 1) if content else html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    head = re.search(r"<head[^>]*>", html, re.I)
    if not head:
        return html, hashes
    return html[: head.end()] + "\n    " + meta + html[head.end():], hashes


# ------------------------------------------------------------------ content must not run code

_OPEN_SCRIPT = re.compile(r"<\s*script\b", re.I)
_FENCE = re.compile(r"^\s*(```|~~~)")


def script_positions(text: str, *, markdown: bool = False) -> list[tuple[int, int]]:
    """(line, column), 1-based, of each ``<script`` opening in a source text.

    In Markdown, fenced code blocks and `inline code` are text, not HTML, and are skipped.
    """
    found, fenced = [], False
    for number, line in enumerate(text.splitlines(), 1):
        if markdown and _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        for match in _OPEN_SCRIPT.finditer(line):
            if markdown and line[: match.start()].count("`") % 2:
                continue
            found.append((number, match.start() + 1))
    return found


def has_script(html: str) -> bool:
    """Whether rendered HTML holds a script element (escaped text such as ``&lt;script`` is not one)."""
    return bool(_OPEN_SCRIPT.search(html))


def script_message(*, markdown: bool = False) -> str:
    """What is wrong with an inline script in a chapter (``markdown``) or a worksheet's YAML."""
    what = "a chapter" if markdown else "a worksheet"
    return f"inline <script> in {what}: content must not be able to run code (put behaviour in site_overrides/assets/javascripts/)"


def content_script_errors(shown: str, text: str, *, markdown: bool = False) -> list[str]:
    """``file:line:col`` errors for inline scripts in a chapter or a worksheet's YAML."""
    return [f"{shown}:{line}:{col}: {script_message(markdown=markdown)}" for line, col in script_positions(text, markdown=markdown)]
