"""MkDocs configs for the bench, written into temp dirs: the real workbook and a plain Material baseline.

Every path in a written config is absolute, so the config can live anywhere and
nothing is ever built into the repository's own ``site/``.
"""

from __future__ import annotations

import copy
import os
import resource
import subprocess
import sys
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
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=config.parent, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    done.cpu_seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, done


def build_or_raise(config: Path, dest: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of a build that must succeed."""
    seconds, done = mkdocs_build(config, dest)
    if done.returncode != 0:
        raise RuntimeError(f"mkdocs build -f {config} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return seconds, done.cpu_seconds


def build_for_browser(tmp: Path) -> dict[str, Path]:
    """The real site (no PDFs) with the bare-Pyodide baseline page copied in, and the plain site."""
    import shutil

    from . import HERE

    real = tmp / "site-real"
    build_or_raise(real_config(tmp, name="browser-real"), real)
    shutil.copytree(HERE / "bare", real / "bench-bare")
    # Pyodide sits in a versioned folder (issue 15): point the bare page at it.
    from generator import versioning

    labels = versioning.runtime_labels(real)
    for path in (real / "bench-bare").iterdir():
        if path.suffix in (".mjs", ".js", ".html"):
            path.write_text(versioning.rewrite_runtime_refs(path.read_text("utf-8"), labels), encoding="utf-8")
    plain = tmp / "site-plain"
    build_or_raise(plain_config(tmp, name="browser-plain"), plain)
    return {"real": real, "plain": plain}



def mkdocs_build_verbose(config: Path, dest: Path) -> tuple[float, subprocess.CompletedProcess]:
    """Like ``mkdocs_build`` but with the plugin's INFO lines (PDF rendered / reused) in the output."""
    return mkdocs_build(config, dest, quiet=False)
