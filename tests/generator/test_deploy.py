"""Deploy recipes (issue 15): one header plan, rendered for Netlify/Cloudflare, nginx and Caddy; the build's guards.

The files are checked for what they say, and nginx and Caddy check their own
syntax (``nginx -t``, ``caddy validate``); tests/browser/test_deploy.py runs them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from generator import csp, deploy
from tests.deploy_servers import caddy_files, free_port, nginx_files, workbook_deploy
from tests.generator.test_plugin import FIXTURES, _fixture_project
from tests.sitebuild import ROOT, build_site, parse_headers

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def _directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        name, *values = part.split()
        out[name] = values
    return out


def test_versioned_means_the_url_changes_with_the_bytes():
    for rel in ("assets/javascripts/bundle.a5f9d56c.min.js", "assets/javascripts/form.0123456789ab.js",
                "assets/stylesheets/form.3f2a1b9c.css", "assets/pyodide/0.27.7-0123456789/pyodide.asm.wasm",
                "assets/python/0123456789/generator/smart/text.py"):
        assert deploy.is_versioned(rel), rel
    for rel in ("assets/javascripts/form.js", "sw.js", "index.html", "assets/pyodide/pyodide.mjs", "assets/pyodide/0.27.7/x.mjs",
                "assets/javascripts/bundle.a5f9d56c.min.js.map", "pdf/smart-goal.pdf"):
        assert not deploy.is_versioned(rel), rel


def test_headers_file_keeps_every_header_in_one_rule_only(built_site):
    """Cloudflare joins a header repeated by two matching rules, Netlify keeps the last: no header is repeated."""
    rules = parse_headers(built_site)
    assert rules[0][0] == "/*"
    everywhere = {name for name, _ in rules[0][1]}
    assert {"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"} <= everywhere
    for pattern, headers in rules[1:]:
        assert not pattern.endswith("*"), pattern  # exact paths: two of them never match one URL
        assert not everywhere & {name for name, _ in headers}, pattern
    patterns = [p for p, _ in rules]
    assert len(patterns) == len(set(patterns))


def test_versioned_files_are_immutable_and_pages_worker_and_manifests_revalidate(built_site):
    cache = {pattern: dict(headers).get("Cache-Control") for pattern, headers in parse_headers(built_site)[1:]}
    files = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()]
    versioned = [f for f in files if deploy.is_versioned(f)]
    for start in ("assets/javascripts/bundle.", "assets/javascripts/workbook.", "assets/stylesheets/workbook.",
                  "assets/pyodide/", "assets/python/"):  # Material's hashed files and ours (versioning.py)
        assert any(f.startswith(start) for f in versioned), start
    for rel in versioned:
        assert cache["/" + rel] == deploy.IMMUTABLE, rel
    for rel in files:
        if rel.endswith("index.html"):
            folder = "/" + rel[: -len("index.html")]
            assert cache[folder] == cache["/" + rel] == "no-cache", rel
    for url in ("/sw.js", "/404.html", "/assets/worksheets.json", "/sitemap.xml", "/search/search_index.json"):
        assert cache[url] == "no-cache", url
    assert not [u for u, v in cache.items() if v == deploy.IMMUTABLE and not deploy.is_versioned(u[1:])]


def test_header_policy_is_the_meta_policy_plus_what_only_headers_carry(built_site):
    header = _directives(dict(parse_headers(built_site)[0][1])["Content-Security-Policy"])
    assert header["frame-ancestors"] == ["'none'"] and header["base-uri"] == ["'none'"]
    assert header["form-action"] == ["'self'"] and header["object-src"] == ["'none'"]
    assert "'wasm-unsafe-eval'" in header["script-src"]  # for the checker's worker, which obeys only headers
    pages = [p for p in built_site.rglob("*.html")]
    assert len(pages) > 10
    for page in pages:
        meta = _directives(META.search(page.read_text("utf-8")).group(1))
        assert "frame-ancestors" not in meta, page  # ignored in a meta tag
        assert "'wasm-unsafe-eval'" not in meta["script-src"], page  # no page compiles WebAssembly itself
        assert set(meta["script-src"]) <= set(header["script-src"]), page
        assert {k: v for k, v in meta.items() if k != "script-src"} == {
            k: v for k, v in header.items() if k not in ("script-src", "frame-ancestors")}, page


def test_netlify_toml_says_what_headers_says(built_site, tmp_path):
    out = tmp_path / "netlify.toml"
    done = workbook_deploy("netlify", "--site", str(built_site), "-o", str(out))
    assert done.returncode == 0, done.stderr
    config = tomllib.loads(out.read_text("utf-8"))
    assert config["build"]["publish"] == "site" and config["build"]["command"]
    from_toml = [(h["for"], list(h["values"].items())) for h in config["headers"]]
    assert from_toml == parse_headers(built_site)


def test_deploy_refuses_a_folder_that_is_not_a_built_site(tmp_path):
    done = workbook_deploy("nginx", "--site", str(tmp_path))
    assert done.returncode == 1 and "not a built site" in done.stderr


def test_nginx_recipe_has_types_compression_and_caching_and_passes_nginx_t(built_site, tmp_path):
    text = workbook_deploy("nginx", "--site", str(built_site)).stdout
    assert "default_type application/wasm;" in text and "default_type text/javascript;" in text
    assert "default_type application/gzip;" in text  # the runtime's .gz files: never sniffed, never re-encoded
    gzip_types = re.search(r"gzip_types ([^;]+);", text).group(1).split()
    assert "application/wasm" in gzip_types and "text/javascript" in gzip_types
    assert not {"application/zip", "application/pdf", "image/png", "application/gzip"} & set(gzip_types)  # no double compression
    assert text.count(" always;") == len(deploy.SECURITY) + 2  # CSP, the security headers, Cache-Control
    assert "location" not in text.split("add_header", 1)[0].split("server {", 1)[1]
    if not shutil.which("nginx"):
        pytest.fail("nginx not installed: run 'make test', which installs Debian's nginx")
    command = nginx_files(built_site, tmp_path, free_port())
    done = subprocess.run([*command[:-2], "-t", "-q", *command[-2:]], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr + (tmp_path / "error.log").read_text()


def test_caddy_recipe_passes_caddy_validate(built_site, tmp_path):
    if not shutil.which("caddy"):
        pytest.fail("caddy not installed: run 'make test', which installs Debian's caddy")
    command = caddy_files(built_site, tmp_path, free_port())
    text = (tmp_path / "site.caddy").read_text("utf-8")
    assert "application/wasm" in text and "application/zip" not in text
    done = subprocess.run([command[0], "validate", *command[2:]], capture_output=True, text=True, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stdout + done.stderr


# ------------------------------------------------------------------ the build's guards

def _build(project: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """Not quiet: warnings are what some of these tests look for."""
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site"), "-f", str(project / "mkdocs.yml")],
                          cwd=project, capture_output=True, text=True, env=env)


def test_a_site_below_its_origins_root_gets_a_warning_that_says_why(tmp_path):
    project = _fixture_project(tmp_path, [FIXTURES / "all_kinds.yml"])
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "site_url: https://someone.github.io/workbook/\n")
    done = _build(project, tmp_path)
    assert done.returncode == 0, done.stderr
    warning = done.stderr[done.stderr.index("WARNING"):]
    assert "below its origin's root" in warning and "/workbook/" in warning
    for why in ("localStorage", "script-src", "service worker", "origin of its own"):
        assert why in warning, why

    config.write_text(config.read_text().replace("/workbook/", "/"))
    assert "below its origin's root" not in _build(project, tmp_path).stderr


def test_an_inline_script_in_a_chapter_stops_the_build_at_its_line(tmp_path):
    project = _fixture_project(tmp_path, [FIXTURES / "all_kinds.yml"])
    chapter = project / "content" / "index.md"
    chapter.write_text("# Hello\n\nShown as code: `<script>` and\n\n```html\n<script>alert(1)</script>\n```\n\nText.\n")
    ok = build_site(tmp_path / "ok", config=project / "mkdocs.yml", cwd=project)
    assert ok.returncode == 0, ok.stderr  # code that shows a script is text, not a script
    chapter.write_text(chapter.read_text() + "\n<div>\n  <SCRIPT>steal()</SCRIPT>\n</div>\n")
    done = build_site(tmp_path / "bad", config=project / "mkdocs.yml", cwd=project)
    assert done.returncode == 1
    assert "content/index.md:12:3: inline <script> in a chapter" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_an_inline_script_in_a_worksheets_text_stops_the_build_at_its_line(tmp_path):
    project = _fixture_project(tmp_path, [FIXTURES / "all_kinds.yml"])
    sheet = project / "worksheets" / "all_kinds.yml"
    lines = sheet.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[at] = 'title: "Goals <script src=//evil.example/x.js></script>"'
    sheet.write_text("\n".join(lines) + "\n")
    done = build_site(tmp_path / "site", config=project / "mkdocs.yml", cwd=project)
    assert done.returncode == 1
    assert f"worksheets/all_kinds.yml:{at + 1}:15: inline <script> in a worksheet" in done.stdout + done.stderr


def test_only_the_themes_inline_scripts_are_hashed():
    page = ("<html><head></head><body><script>theme()</script><article>"
            "<script>fromContent()</script></article><script type=\"application/json\">{}</script></body></html>")
    content = "<script>fromContent()</script>"
    html, hashes = csp.add_meta(page, content)
    assert hashes == csp.inline_script_hashes("<script>theme()</script>")
    assert csp.inline_script_hashes(content)[0] not in html


def test_script_positions_skip_code_in_markdown():
    text = "a `<script>` b\n```\n<script>\n```\n  <script>x</script> `c`\n"
    assert csp.script_positions(text, markdown=True) == [(5, 3)]
    assert csp.script_positions(text) == [(1, 4), (3, 1), (5, 3)]
