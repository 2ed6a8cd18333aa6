"""The Content-Security-Policy as the built site carries it: a meta policy first in every page's head, and
the header policy for workers in _headers. Files only; the browser side (no violations, the 404 page,
instant navigation) is tests/browser/test_privacy.py."""

from __future__ import annotations

import re

from tests.sitebuild import pages_of


def test_every_page_has_a_csp_meta_first_in_head(built_site):
    for path in pages_of(built_site):
        html = (built_site / path / "index.html").read_text("utf-8")
        head = html[html.index("<head>"):html.index("</head>")]
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head)
        assert meta, path
        assert head.index(meta.group(0)) < head.index("<script"), f"{path}: a script comes before the CSP"
        policy = meta.group(1)
        for directive in ("default-src 'self'", "worker-src 'self'", "connect-src 'self'", "object-src 'none'",
                          "base-uri 'none'", "form-action 'self'", "img-src 'self' data:"):
            assert directive in policy, (path, directive)
        # No page compiles WebAssembly: only the checker's worker, under its own response headers (issue 15).
        assert "'unsafe-eval'" not in policy and "script-src 'self' 'sha256-" in policy


def test_headers_file_carries_the_policy_for_workers(built_site):
    text = (built_site / "_headers").read_text("utf-8")
    assert text.splitlines()[1] == "/*"
    assert "Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" in text
