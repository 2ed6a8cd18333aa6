"""The list of software the site carries (references.md) names every runtime package at the version
the build really ships, so the notice cannot drift from package-lock.json and requirements.lock."""

from __future__ import annotations

import json
import re
from pathlib import Path

from content_prose import CONTENT, REPO

# package.json's runtime dependencies, by the name the table gives them (the Workbox modules are one project).
TABLE_NAME = {"pyodide": "Pyodide", "brotli-dec-wasm": "brotli-dec-wasm"}


def _table() -> dict[str, str]:
    """{software name: version} from the 'Software this site carries' table."""
    text = (CONTENT / "references.md").read_text(encoding="utf-8")
    section = text.split("\n## Software this site carries\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.strip("|").split("|") for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    return {cells[0].strip(): cells[1].strip() for cells in rows[1:]}


def _locked_npm() -> dict[str, str]:
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    return {path.removeprefix("node_modules/"): meta["version"] for path, meta in lock["packages"].items() if path}


def _table_name(package: str) -> str:
    return "Workbox" if package.startswith("workbox-") else TABLE_NAME[package]


def test_every_runtime_package_is_listed_at_its_locked_version():
    runtime = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["dependencies"]
    table, locked = _table(), _locked_npm()
    for package in runtime:
        name = _table_name(package)  # a new runtime package with no row fails here (KeyError names it)
        assert table.get(name) == locked[package], f"references.md: {name} is listed at {table.get(name)!r}, " \
            f"package-lock.json ships {locked[package]}"


def test_material_and_its_search_engine_are_listed_at_the_installed_versions():
    pinned = re.search(r"^mkdocs-material==(\S+)$", (REPO / "requirements.lock").read_text(encoding="utf-8"), re.M)
    table = _table()
    assert table["Material for MkDocs"] == pinned.group(1)
    import material

    workers = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
    banner = re.search(r"lunr - http://lunrjs.com .*? - (\d+\.\d+\.\d+)",
                       "".join(p.read_text(encoding="utf-8") for p in workers.glob("search.*.min.js")))
    assert banner, "Material's search worker no longer names its lunr version"
    assert table["Lunr (inside Material's search)"] == banner.group(1)
