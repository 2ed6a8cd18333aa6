"""Which runtime files the built site serves: Pyodide's core and the checker's sources.

Both are served from the site itself (no CDN). The checker's ``.py`` files are
shipped byte for byte, with a manifest the worker reads to know what to fetch.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

# The files loadPyodide needs for a bare interpreter (no extra packages).
PYODIDE_CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
PYODIDE_URL = "assets/pyodide/"
PYTHON_URL = "assets/python/"

PACKAGE_ROOT = Path(__file__).resolve().parent


def pyodide_files(pyodide_dir: Path) -> dict[str, Path]:
    """Site path -> source path for Pyodide's core, or FileNotFoundError naming what is missing."""
    missing = [name for name in PYODIDE_CORE if not (pyodide_dir / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"Pyodide core files missing from {pyodide_dir}: {', '.join(missing)}. Run 'npm ci' (or 'make serve')."
        )
    return {PYODIDE_URL + name: pyodide_dir / name for name in PYODIDE_CORE}


def checker_files() -> dict[str, Path]:
    """Site path -> source path for the checker package, and the package marker above it."""
    files = {PYTHON_URL + "generator/__init__.py": PACKAGE_ROOT / "__init__.py"}
    for path in sorted((PACKAGE_ROOT / "smart").glob("*.py")):
        files[PYTHON_URL + f"generator/smart/{path.name}"] = path
    return files


def checker_manifest(files: dict[str, Path]) -> str:
    """JSON the worker reads: each file's path under assets/python/ and a short content hash."""
    entries = []
    for url, path in files.items():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        entries.append({"path": url[len(PYTHON_URL):], "sha256": digest})
    version = hashlib.sha256("".join(e["sha256"] for e in entries).encode()).hexdigest()[:16]
    return json.dumps({"version": version, "files": entries}, indent=1)
