"""Versioned URLs (issue 15): one deploy's pages can only load that deploy's code.

Runs on the finished site, before the service worker's manifest and the
headers are made (both then see the final names):

- Pyodide and the checker's Python files move into a folder named by what
  they are: ``assets/pyodide/<pinned npm version>-<hash>/`` (the hash too,
  because the build derives some of Pyodide's files) and
  ``assets/python/<hash>/``. Modules that name those folders
  (``"../pyodide/"``) are rewritten to the new ones.
- Every module of ours (``assets/javascripts/*.js``, ``*.mjs``) is renamed
  ``name.<hash>.js``. The hash covers its bytes *after* its own imports were
  rewritten to the hashed names of what it imports, so a change in any module
  changes the URL of every module that leads to it, up to ``workbook.js``.
  Modules that import each other in a cycle share one hash.
- Every stylesheet of ours (``assets/stylesheets/*.css``) is renamed ``name.<hash>.css``.
- Pages are rewritten to the new URLs, and ``data-wb-build=""`` gets the
  build's code version (a hash of all those names): code that finds a page
  from another build than itself reloads instead of running against it.

Why names and not an import map or ``?v=`` queries: an import map is an
inline script (one more hash in every policy, and it must come before every
module), and a query on a page's ``<script src>`` does not reach the modules
that script imports by relative URL. Rewritten names need neither.
Material's own files are hashed by Material already and are left alone.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

MODULES = "assets/javascripts"
STYLES = "assets/stylesheets"
RUNTIMES = ("assets/pyodide", "assets/python")
HASH_LEN = 10
BUILD_ATTR = "data-wb-build"

# A content hash in a file name: ours (name.<hash>.js) and Material's (bundle.<hash>.min.js).
HASHED_NAME = re.compile(r"\.[0-9a-f]{8,}(\.min)?\.[A-Za-z0-9]+$")
# "./form.js", './form.js' or `./form.js`, in static imports, import(), lists of names and new URL(...).
_SPECIFIER = re.compile(r"""(["'`])\./([A-Za-z0-9_.-]+\.m?js)\1""")
_RUNTIME_REF = re.compile(r"(?<![\w-])(\.\./|assets/)(pyodide|python)/")
_PAGE_REF = re.compile(r"(assets/(?:javascripts|stylesheets)/)([A-Za-z0-9_.-]+)(?=[\"'?#])")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:HASH_LEN]


def _hashed_name(name: str, digest: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return f"{stem}.{digest}.{ext}"


def _tree_digest(folder: Path) -> str:
    """A hash of every file's relative path and bytes under a folder."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:HASH_LEN]


def _version_runtime(site: Path, folder: str, prefix: str) -> str | None:
    """Move a runtime folder's files one level down into a versioned folder; return its name."""
    root = site / folder
    if not root.is_dir():
        return None
    label = f"{prefix}-{_tree_digest(root)}" if prefix else _tree_digest(root)
    staging = site / (folder + ".versioning")
    root.rename(staging)
    root.mkdir()
    staging.rename(root / label)
    return label


def rewrite_runtime_refs(text: str, labels: dict[str, str]) -> str:
    """``../pyodide/`` and ``assets/pyodide/`` (and python) to their versioned folders."""
    # The pattern has no literal start, so it is tried at every "../" of a page's nav: a plain scan first
    # keeps the pass over every page linear in its size (it was the build's one cost growing with the square
    # of the worksheet count: 3.1 s of CPU at 500 worksheets).
    if "pyodide/" not in text and "python/" not in text:
        return text
    return _RUNTIME_REF.sub(lambda m: f"{m.group(1)}{m.group(2)}/{labels[m.group(2)]}/" if m.group(2) in labels else m.group(0), text)


def _rewrite_specifiers(text: str, names: dict[str, str]) -> str:
    return _SPECIFIER.sub(lambda m: f"{m.group(1)}./{names.get(m.group(2), m.group(2))}{m.group(1)}", text)


def _cycles_first(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan), each after every component it imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for dep in sorted(graph[node]):
            if dep not in index:
                visit(dep)
                low[node] = min(low[node], low[dep])
            elif dep in on_stack:
                low[node] = min(low[node], index[dep])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            out.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return out


def hash_modules(sources: dict[str, str]) -> dict[str, tuple[str, str]]:
    """name -> (hashed name, rewritten text) for a folder of ES modules that import each other by ./name."""
    graph = {name: {m.group(2) for m in _SPECIFIER.finditer(text)} & sources.keys() for name, text in sources.items()}
    named: dict[str, str] = {}
    texts = dict(sources)
    for group in _cycles_first(graph):
        for name in group:
            texts[name] = _rewrite_specifiers(texts[name], named)
        digest = _digest(b"".join(name.encode() + b"\0" + texts[name].encode() + b"\0" for name in group))
        for name in group:
            named[name] = _hashed_name(name, digest)
        for name in group:
            texts[name] = _rewrite_specifiers(texts[name], {n: named[n] for n in group})
    return {name: (named[name], texts[name]) for name in sources}


def _ours(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Top-level files of ours: Material's are hashed by Material already."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in suffixes and not HASHED_NAME.search(p.name))


def version_site(site_dir: Path, pyodide_version: str = "") -> dict:
    """Rename the site's code to versioned URLs and rewrite the pages; return ``{build, renamed}``."""
    site = Path(site_dir)
    labels = {}
    for folder, prefix in zip(RUNTIMES, (pyodide_version, "")):
        label = _version_runtime(site, folder, prefix)
        if label:
            labels[folder.rsplit("/", 1)[1]] = label

    renamed: dict[str, str] = {}
    modules = _ours(site / MODULES, (".js", ".mjs"))
    sources = {p.name: rewrite_runtime_refs(p.read_text("utf-8"), labels) for p in modules}
    for name, (new, text) in hash_modules(sources).items():
        (site / MODULES / new).write_text(text, encoding="utf-8")
        (site / MODULES / name).unlink()
        renamed[f"{MODULES}/{name}"] = f"{MODULES}/{new}"
    for path in _ours(site / STYLES, (".css",)):
        new = _hashed_name(path.name, _digest(path.read_bytes()))
        path.rename(path.with_name(new))
        renamed[f"{STYLES}/{path.name}"] = f"{STYLES}/{new}"

    runtime = {f"{folder}/": f"{folder}/{labels[folder.rsplit('/', 1)[1]]}/" for folder in RUNTIMES if folder.rsplit("/", 1)[1] in labels}
    build = _digest(json.dumps([sorted(renamed.values()), sorted(runtime.values())]).encode())
    by_name = {old.rsplit("/", 1)[1]: new.rsplit("/", 1)[1] for old, new in renamed.items()}
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        new_html = _PAGE_REF.sub(lambda m: m.group(1) + by_name.get(m.group(2), m.group(2)), html)
        new_html = rewrite_runtime_refs(new_html, labels).replace(f'{BUILD_ATTR}=""', f'{BUILD_ATTR}="{build}"')
        if new_html != html:
            page.write_text(new_html, encoding="utf-8")
    return {"build": build, "renamed": {**renamed, **runtime}}


def versioned_folder(rel: str) -> bool:
    """Whether a site path lies in a runtime folder named by its version (for the cache headers)."""
    parts = rel.split("/")
    return "/".join(parts[:2]) in RUNTIMES and len(parts) > 3 and bool(re.search(r"[0-9a-f]{%d}$" % HASH_LEN, parts[2]))


def pyodide_version(pyodide_dir: Path) -> str:
    """The pinned npm package's version, for the folder name."""
    try:
        return str(json.loads((Path(pyodide_dir) / "package.json").read_text("utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return ""


def runtime_labels(site_dir: Path) -> dict[str, str]:
    """``{"pyodide": "<version>-<hash>", "python": "<hash>"}`` of a built site, for pages added after the build."""
    return {name: runtime_dir(site_dir, name).name for name in ("pyodide", "python")
            if runtime_dir(site_dir, name) != Path(site_dir) / "assets" / name}


def runtime_dir(site_dir: Path, name: str) -> Path:
    """Where a built site keeps a runtime (``pyodide`` or ``python``): its versioned folder, if it has one."""
    root = Path(site_dir) / "assets" / name
    inner = [p for p in root.iterdir() if p.is_dir() and versioned_folder(f"assets/{name}/{p.name}/x")] if root.is_dir() else []
    return inner[0] if len(inner) == 1 else root
