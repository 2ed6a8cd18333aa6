"""MkDocs configs for the bench, written into temp dirs: the real workbook and a plain Material baseline.

Every path in a written config is absolute, so the config can live anywhere and
nothing is ever built into the repository's own ``site/``.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from . import ROOT


def real_config(tmp: Path, *, worksheets_dir: Path | None = None, pdf: bool = False,
                cache_dir: Path | None = None, name: str = "real") -> Path:
    """The project's mkdocs.yml with absolute paths and the workbook plugin's options overridden."""
    data = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    data["docs_dir"] = str(ROOT / data.get("docs_dir", "docs"))
    theme = data["theme"]
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(ROOT / theme["custom_dir"])
    options = {
        "worksheets_dir": str(worksheets_dir or ROOT / "worksheets"),
        "cache_dir": str(cache_dir or tmp / f"{name}-cache"),
        "pdf": pdf,
    }
    plugins = []
    for entry in data.get("plugins", []):
        if isinstance(entry, dict) and "workbook" in entry or entry == "workbook":
            given = dict(entry["workbook"] or {}) if isinstance(entry, dict) else {}
            # Every path option (``*_dir``) made absolute against the repository, whatever new ones appear.
            for key, default in _path_options().items():
                if key not in options:
                    value = given.get(key, default)
                    options[key] = str(value if Path(value).is_absolute() else ROOT / value)
            entry = {"workbook": {**given, **options}}
        plugins.append(entry)
    data["plugins"] = plugins
    return _write(tmp / f"{name}.yml", data)


def _path_options() -> dict[str, str]:
    """The workbook plugin's ``*_dir`` options and their defaults (relative to mkdocs.yml)."""
    try:
        from generator.config import WorkbookConfig
    except Exception:  # pragma: no cover
        return {"pyodide_dir": "node_modules/pyodide"}
    return {key: option.default for key, option in WorkbookConfig._schema
            if key.endswith("_dir") and isinstance(getattr(option, "default", None), str)}


def plain_config(tmp: Path, name: str = "plain") -> Path:
    """Plain MkDocs Material over the same Markdown: no workbook plugin, no custom_dir, no extra CSS.

    Theme options (palette, features, font: false) and Markdown extensions stay
    the same, so the difference is what the workbook adds. Chapter links to
    worksheet pages dangle here, so this build is not strict.
    """
    data = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    data["docs_dir"] = str(ROOT / data.get("docs_dir", "docs"))
    data["theme"] = {k: v for k, v in data["theme"].items() if k != "custom_dir"}
    data["theme"]["font"] = False
    data["plugins"] = ["search"]
    data.pop("extra_css", None)
    data.pop("extra_javascript", None)
    data["strict"] = False
    data["nav"] = [item for item in data.get("nav", [])
                   if not (isinstance(item, dict) and list(item.values())[0] in ([], None))]
    return _write(tmp / f"{name}.yml", data)


def _write(path: Path, data: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(copy.deepcopy(data), sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def mkdocs_build(config: Path, dest: Path, quiet: bool = True) -> tuple[float, subprocess.CompletedProcess]:
    """(wall seconds, process) of ``mkdocs build`` in a fresh interpreter, as an author runs it.

    The process also carries ``cpu_seconds`` (user + system of the build and its
    children), which other load on a shared machine disturbs far less than wall time.
    """
    cmd = [sys.executable, "-m", "mkdocs", "build", *(["-q"] if quiet else []), "-f", str(config), "-d", str(dest)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # The CPU time of this one process, from wait4: RUSAGE_CHILDREN would also count any other child
    # reaped meanwhile. Output goes to files, so nothing reaps the build before wait4 does.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=config.parent, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        done = subprocess.CompletedProcess(cmd, proc.returncode, out.read().decode("utf-8", "replace"),
                                           err.read().decode("utf-8", "replace"))
    done.cpu_seconds = usage.ru_utime + usage.ru_stime
    return wall, done


def build_or_raise(config: Path, dest: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of a build that must succeed."""
    seconds, done = mkdocs_build(config, dest)
    if done.returncode != 0:
        raise RuntimeError(f"mkdocs build -f {config} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return seconds, done.cpu_seconds


# Stock Pyodide, for the bare baseline: what the npm package ships and loadPyodide fetches by default.
STOCK_PYODIDE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


def add_bare(site: Path) -> None:
    """``bench-bare/``: the bare-Pyodide page, with stock Pyodide copied beside it (the site ships its own, trimmed)."""
    import shutil

    from . import HERE

    shutil.copytree(HERE / "bare", site / "bench-bare")
    (site / "bench-bare" / "pyodide").mkdir()
    for name in STOCK_PYODIDE:
        shutil.copyfile(ROOT / "node_modules" / "pyodide" / name, site / "bench-bare" / "pyodide" / name)


def build_for_browser(tmp: Path) -> dict[str, Path]:
    """The real site (no PDFs) with the bare-Pyodide baseline page copied in; the same files as a host
    without custom headers serves them (``python -m http.server``: no ``_headers``); and the plain site."""
    import shutil

    real = tmp / "site-real"
    build_or_raise(real_config(tmp, name="browser-real"), real)
    add_bare(real)
    no_headers = tmp / "site-no-headers"
    shutil.copytree(real, no_headers, ignore=shutil.ignore_patterns("_headers"))
    plain = tmp / "site-plain"
    build_or_raise(plain_config(tmp, name="browser-plain"), plain)
    return {"real": real, "no_headers": no_headers, "plain": plain}


def mkdocs_build_verbose(config: Path, dest: Path) -> tuple[float, subprocess.CompletedProcess]:
    """Like ``mkdocs_build`` but with the plugin's INFO lines (PDF rendered / reused) in the output."""
    return mkdocs_build(config, dest, quiet=False)
