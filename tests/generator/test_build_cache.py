"""Build-time caches that must not change what is built (issue 16's build CPU): compiled Jinja templates."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jinja2

from generator import render
from generator.plugin import WorkbookPlugin

ROOT = Path(__file__).resolve().parents[2]

_RENDER = """
import json
from pathlib import Path
from generator.loader import load_all
from generator import render
print(json.dumps([render.render_page(ws) for ws in load_all([Path("worksheets")])]))
"""


def _render_in_new_process(cache_home: Path) -> list[str]:
    done = subprocess.run([sys.executable, "-c", _RENDER], capture_output=True, text=True, cwd=ROOT, check=True,
                          env={"XDG_CACHE_HOME": str(cache_home), "PATH": "/usr/bin:/bin"})
    return json.loads(done.stdout)


def test_compiled_templates_are_kept_between_builds_and_render_the_same_pages(tmp_path):
    first = _render_in_new_process(tmp_path)
    compiled = sorted((tmp_path / "therapy-goals-workbook" / "jinja").iterdir())
    assert len(compiled) >= 5  # page.md.j2 and the field templates it includes
    stamps = {p: p.stat().st_mtime_ns for p in compiled}
    second = _render_in_new_process(tmp_path)
    assert second == first and len(first) > 5
    assert {p: p.stat().st_mtime_ns for p in compiled} == stamps  # read back, not compiled and written again


def test_a_cache_folder_that_cannot_be_made_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    render.bytecode_cache.cache_clear()
    try:
        assert render.bytecode_cache() is None
        env = render.environment()
        assert env.bytecode_cache is None
        assert env.from_string("{{ wb.attr.field }}").render() == "data-field"
    finally:
        render.bytecode_cache.cache_clear()


def test_the_theme_environment_gets_the_cache_unless_it_has_one(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    render.bytecode_cache.cache_clear()
    try:
        env = WorkbookPlugin().on_env(jinja2.Environment(), config=None, files=None)
        assert isinstance(env.bytecode_cache, jinja2.FileSystemBytecodeCache)
        assert Path(env.bytecode_cache.directory) == tmp_path / "therapy-goals-workbook" / "jinja"
        own = jinja2.FileSystemBytecodeCache(str(tmp_path))
        assert WorkbookPlugin().on_env(jinja2.Environment(bytecode_cache=own), config=None, files=None).bytecode_cache is own
    finally:
        render.bytecode_cache.cache_clear()
