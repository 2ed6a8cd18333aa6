"""Offline support: the service worker's precache manifest, built from the finished site, and ``sw.js``.

Pure functions over a built ``site_dir``: list the files to precache with a
content hash each (Workbox's ``revision``), render ``sw.js`` from
``templates/sw.js.j2``, and copy the pinned Workbox runtime (npm) into
``assets/workbox/`` so the worker imports it from this site, never a CDN.

A new build changes the manifest only where a file's bytes changed, so
Workbox fetches just those files, keeps the rest, and drops entries that
are no longer listed when the new worker activates.
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import json
import shutil
from functools import lru_cache
from pathlib import Path

import jinja2

from . import render

WORKBOX_URL = "assets/workbox/"
# The pinned npm packages the worker uses (package-lock.json), production builds only.
WORKBOX_FILES = (
    ("workbox-sw", "workbox-sw.js"),
    ("workbox-core", "workbox-core.prod.js"),
    ("workbox-precaching", "workbox-precaching.prod.js"),
    ("workbox-routing", "workbox-routing.prod.js"),
    ("workbox-strategies", "workbox-strategies.prod.js"),
)
SW_NAME = "sw.js"

# Never precached. The worker itself and its Workbox copy (the browser keeps
# those with the registration); host configuration; source maps; the gzipped
# sitemap (sitemap.xml itself stays: instant navigation reads it); PDFs (cached
# when first opened instead: they are large and not everyone prints); Material's
# search helpers for languages other than the site's (fetched only for them).
EXCLUDE = (
    SW_NAME,
    "_headers",
    "*.map",
    "sitemap.xml.gz",
    "pdf/*",
    "assets/workbox/*",
    "assets/javascripts/lunr/*",
)
# Files the checker needs to run: precached with Subresource Integrity too, so a
# host that serves a stale mix (new Python, old stdlib) fails the install and
# the previous, working version stays in place instead.
INTEGRITY = ("assets/pyodide/*", "assets/python/*")


def _matches(path: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns)


def build_manifest(site_dir: Path, exclude: tuple[str, ...] = EXCLUDE) -> list[dict]:
    """Every file to precache, sorted: ``{url, revision[, integrity]}``; url relative to the site root."""
    entries = []
    for path in sorted(p for p in Path(site_dir).rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if _matches(rel, exclude):
            continue
        digest = hashlib.sha256(path.read_bytes()).digest()
        entry = {"url": rel, "revision": digest.hex()[:16]}
        if _matches(rel, INTEGRITY):
            entry["integrity"] = "sha256-" + base64.b64encode(digest).decode()
        entries.append(entry)
    return entries


def manifest_version(entries: list[dict]) -> str:
    """A short hash of the whole manifest: changes when any listed file does."""
    joined = "\n".join(f"{e['url']} {e['revision']}" for e in entries)
    return hashlib.sha256(joined.encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """The site's Jinja set-up (render.environment); sw.js is JavaScript, so nothing is HTML-escaped."""
    return render.environment(autoescape=False)


def render_sw(entries: list[dict], version: str | None = None) -> str:
    """The service worker's source for this manifest."""
    return _environment().get_template("sw.js.j2").render(
        version=version or manifest_version(entries),
        workbox=WORKBOX_URL,
        manifest=json.dumps(entries, indent=0, separators=(",", ":")),
    )


def workbox_sources(node_modules: Path) -> dict[str, Path]:
    """Site path -> source path of the Workbox runtime, or FileNotFoundError naming what is missing."""
    files = {WORKBOX_URL + name: Path(node_modules) / package / "build" / name for package, name in WORKBOX_FILES}
    missing = [str(src) for src in files.values() if not src.is_file()]
    if missing:
        raise FileNotFoundError(f"Workbox files missing: {', '.join(missing)}. Run 'npm ci' (or 'make serve').")
    return files


def write_offline(site_dir: Path, node_modules: Path) -> dict:
    """Copy Workbox into the site, then write ``sw.js`` with a manifest of the finished site."""
    site_dir = Path(site_dir)
    for url, src in workbox_sources(node_modules).items():
        dest = site_dir / url
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
    entries = build_manifest(site_dir)
    version = manifest_version(entries)
    (site_dir / SW_NAME).write_text(render_sw(entries, version), encoding="utf-8")
    return {"version": version, "files": len(entries), "bytes": sum((site_dir / e["url"]).stat().st_size for e in entries)}


def remove_offline(site_dir: Path) -> None:
    """No worker in this build (offline off, or the dev server): pages that find none unregister theirs."""
    (Path(site_dir) / SW_NAME).unlink(missing_ok=True)
