"""Fewer bytes for every page (issue 16): the workbook's stylesheets joined into one, its code minified.

- **Joined**: the stylesheets ``mkdocs.yml`` lists under ``extra_css`` from the
  theme's ``assets/stylesheets/`` become one file, ``assets/stylesheets/workbook.css``,
  in the listed order. One request instead of several; authors keep small files.
  Done for ``mkdocs serve`` too, so a page links the same stylesheet either way.
- **Only where needed**: the plugin's ``form_css`` (fields, tools, tracker,
  lock) are joined the same way into ``assets/stylesheets/forms.css``, which
  only pages with a worksheet form, the workbook's tools or My goals link
  (``needs_forms``; ``main.html``). A reading page does not download them.
- **Minified** (``mkdocs build`` only, before versioning hashes the bytes):
  every module of ours (``assets/javascripts/*.js``, ``*.mjs``) and those
  stylesheets, in place. ``mkdocs serve`` keeps the readable sources.

Why esbuild (pinned in package-lock.json): one native binary that parses
modern JavaScript (modules, template literals, regex literals) and CSS, so
minifying cannot mangle syntax the way pattern-based minifiers can; it does
all the files in one call, in about 0.1 s. It keeps import specifiers as
strings (versioning.py still finds ``"./form.js"``) and string contents
byte for byte (``"../pyodide/"``).
"""

from __future__ import annotations

import platform
import re
import subprocess
import tempfile
from pathlib import Path

from . import contract

STYLES = "assets/stylesheets/"
JOINED = STYLES + "workbook.css"
FORMS = STYLES + "forms.css"
MODULES = "assets/javascripts"
# The mounts whose markup forms.css styles: a worksheet's form, the workbook's tools, My goals.
FORM_MOUNTS = tuple(contract.ATTRS[name] for name in ("worksheet", "workbookTools", "myGoals"))
_FORM_MOUNT = re.compile(r"<[a-z][^>]*\s(?:" + "|".join(map(re.escape, FORM_MOUNTS)) + r")[\s=/>]", re.I)


def own_stylesheets(extra_css: list) -> list[str]:
    """The ``extra_css`` entries that are the theme's own stylesheets (joined), in order."""
    return [str(entry) for entry in extra_css if str(entry).startswith(STYLES) and str(entry).endswith(".css")]


def needs_forms(content: str) -> bool:
    """Whether a page's content (its HTML) has a mount that forms.css styles."""
    return bool(_FORM_MOUNT.search(content))


def join_css(parts: list[tuple[str, str]]) -> str:
    """One stylesheet from (name, text) pairs, each after a comment naming its source file."""
    return "".join(f"/* {name} */\n{text.rstrip()}\n" for name, text in parts)


def esbuild_binary(node_modules: Path) -> Path:
    """The pinned esbuild's native binary, or FileNotFoundError with the fix."""
    system = {"Linux": "linux", "Darwin": "darwin", "Windows": "win32"}.get(platform.system(), platform.system().lower())
    arch = {"x86_64": "x64", "AMD64": "x64", "aarch64": "arm64", "arm64": "arm64"}.get(platform.machine(), platform.machine())
    package = Path(node_modules) / "@esbuild" / f"{system}-{arch}"
    for candidate in (package / "bin" / "esbuild", package / "esbuild.exe"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"esbuild (the minifier) missing from {package}. Run 'npm ci'.")


def _ours(folder: Path, suffix: str) -> list[Path]:
    from .versioning import HASHED_NAME  # Material's files carry a hash and are minified already

    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix == suffix and not HASHED_NAME.search(p.name))


def minify_site(site_dir: Path, node_modules: Path) -> dict:
    """Minify our modules and stylesheets of a built site in place; return ``{files, before, after}``."""
    site = Path(site_dir)
    groups = [(_ours(site / MODULES, ".js"), []), (_ours(site / MODULES, ".mjs"), ["--out-extension:.js=.mjs"]),
              (_ours(site / STYLES, ".css"), [])]
    groups = [(files, extra) for files, extra in groups if files]
    if not groups:
        return {"files": 0, "before": 0, "after": 0}
    binary = esbuild_binary(node_modules)
    before = sum(p.stat().st_size for files, _ in groups for p in files)
    with tempfile.TemporaryDirectory(prefix="wb-minify-") as tmp:
        for i, (files, extra) in enumerate(groups):
            out = Path(tmp) / str(i)
            # --charset=utf8: "…" stays one character, not \u2026. No --bundle: each file stays one module.
            done = subprocess.run([str(binary), *map(str, files), "--minify", "--charset=utf8", "--log-level=error",
                                   f"--outdir={out}", *extra], capture_output=True, text=True)
            if done.returncode:
                raise RuntimeError(f"esbuild could not minify {files[0].parent}:\n{done.stderr.strip()}")
            for path in files:
                path.write_bytes((out / path.name).read_bytes())
    after = sum(p.stat().st_size for files, _ in groups for p in files)
    return {"files": sum(len(files) for files, _ in groups), "before": before, "after": after}
