"""generator.offline: the precache manifest from a built site, and sw.js rendered from it."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest

from generator import offline, versioning

ROOT = Path(__file__).resolve().parents[2]


def make_site(root: Path) -> Path:
    files = {
        "index.html": "<h1>Start</h1>",
        "privacy/index.html": "<h1>Privacy</h1>",
        "404.html": "<h1>Not found</h1>",
        "assets/javascripts/workbook.js": "export {};",
        "assets/javascripts/bundle.min.js.map": "{}",
        "assets/javascripts/lunr/min/lunr.de.min.js": "x",
        "assets/pyodide/pyodide.asm.wasm": "\0asm",
        "assets/python/generator/smart/text.py": "X = 1\n",
        "assets/workbox/workbox-sw.js": "",
        "search/search_index.json": "{}",
        "pdf/smart-goal.pdf": "%PDF-1.7",
        "sitemap.xml": "<urlset/>",
        "sitemap.xml.gz": "gz",
        "_headers": "/*\n",
        "sw.js": "old",
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def urls(entries):
    return [e["url"] for e in entries]


def test_manifest_lists_pages_and_assets_with_content_hashes(tmp_path):
    site = make_site(tmp_path)
    entries = offline.build_manifest(site)
    assert urls(entries) == sorted(urls(entries))
    assert {"index.html", "privacy/index.html", "404.html", "assets/javascripts/workbook.js",
            "assets/pyodide/pyodide.asm.wasm", "assets/python/generator/smart/text.py",
            "search/search_index.json", "sitemap.xml"} <= set(urls(entries))
    for entry in entries:
        digest = hashlib.sha256((site / entry["url"]).read_bytes()).digest()
        assert entry["revision"] == digest.hex()[:16]
    wasm = next(e for e in entries if e["url"].endswith(".wasm"))
    assert wasm["integrity"] == "sha256-" + base64.b64encode(hashlib.sha256(b"\0asm").digest()).decode()
    assert "integrity" not in next(e for e in entries if e["url"] == "index.html")


def test_manifest_leaves_out_the_worker_host_files_maps_pdfs_and_other_languages(tmp_path):
    listed = set(urls(offline.build_manifest(make_site(tmp_path))))
    for left_out in ("sw.js", "_headers", "sitemap.xml.gz", "pdf/smart-goal.pdf", "assets/workbox/workbox-sw.js",
                     "assets/javascripts/bundle.min.js.map", "assets/javascripts/lunr/min/lunr.de.min.js"):
        assert left_out not in listed


def test_a_changed_file_changes_its_revision_and_the_version_only(tmp_path):
    site = make_site(tmp_path)
    before = offline.build_manifest(site)
    (site / "privacy" / "index.html").write_text("<h1>Privacy, edited</h1>", encoding="utf-8")
    after = offline.build_manifest(site)
    changed = [b["url"] for b, a in zip(before, after) if b != a]
    assert changed == ["privacy/index.html"]
    assert offline.manifest_version(before) != offline.manifest_version(after)
    assert offline.manifest_version(after) == offline.manifest_version(offline.build_manifest(site))


def test_sw_js_uses_the_local_workbox_and_embeds_the_manifest(tmp_path):
    site = make_site(tmp_path)
    entries = offline.build_manifest(site)
    source = offline.render_sw(entries)
    assert 'importScripts("assets/workbox/workbox-sw.js")' in source
    assert 'modulePathPrefix: "assets/workbox/"' in source
    assert "googleapis" not in source and "cdn" not in source.lower().replace("never a cdn", "")
    embedded = re.search(r"precacheAndRoute\((\[.*?\]), \{", source, re.S).group(1)
    assert json.loads(embedded) == entries
    assert offline.manifest_version(entries) in source
    for needed in ("cleanupOutdatedCaches()", "SKIP_WAITING", 'directoryIndex: "index.html"', "NetworkFirst"):
        assert needed in source


def test_write_offline_copies_workbox_and_replaces_sw_js(tmp_path):
    site = make_site(tmp_path)
    done = offline.write_offline(site, ROOT / "node_modules")
    for _, name in offline.WORKBOX_FILES:
        assert (site / "assets" / "workbox" / name).stat().st_size > 1000
    text = (site / "sw.js").read_text("utf-8")
    assert text.startswith("// Therapy Goals Workbook") and done["version"] in text
    offline.remove_offline(site)
    assert not (site / "sw.js").exists()


def test_missing_workbox_names_the_fix(tmp_path):
    with pytest.raises(FileNotFoundError, match="npm ci"):
        offline.write_offline(make_site(tmp_path), tmp_path / "no_node_modules")


def test_the_built_site_has_a_worker_for_its_own_files(built_site):
    source = (built_site / "sw.js").read_text("utf-8")
    embedded = json.loads(re.search(r"precacheAndRoute\((\[.*?\]), \{", source, re.S).group(1))
    listed = {e["url"] for e in embedded}
    assert {"index.html", "worksheets/smart-goal/index.html"} <= listed
    # Code under its versioned name (issue 15): every file of these folders, whatever the build calls it.
    pyodide, python = (versioning.runtime_dir(built_site, n).relative_to(built_site).as_posix() for n in ("pyodide", "python"))
    for folder in (pyodide, python, "assets/javascripts", "assets/stylesheets"):
        files = [p for p in (built_site / folder).rglob("*") if p.is_file() and not p.name.endswith(".map")]
        files = [p for p in files if "/lunr/" not in p.as_posix()]
        assert files and {p.relative_to(built_site).as_posix() for p in files} <= listed, folder
    assert f"{python}/manifest.json" in listed
    assert any(u.startswith("assets/javascripts/checker-worker.") for u in listed)
    assert not any(u.startswith("pdf/") or u.endswith(".map") for u in listed)
    for entry in embedded:
        assert entry["revision"] == hashlib.sha256((built_site / entry["url"]).read_bytes()).hexdigest()[:16]
