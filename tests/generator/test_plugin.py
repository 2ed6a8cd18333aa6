"""The plugin, through real `mkdocs build` runs: pages, nav, runtime files, and clean failure."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator import assets, versioning
from generator.loader import load_all
from tests.sitebuild import ROOT, build_site

FIXTURES = Path(__file__).parent / "fixtures"


def test_real_site_builds_strict_with_a_page_per_worksheet(built_site):
    for ws in load_all([ROOT / "worksheets"]):
        html = (built_site / "worksheets" / ws.id / "index.html").read_text("utf-8")
        assert f'data-worksheet="{ws.id}"' in html
        assert ws.title.replace("'", "&#39;") in html or ws.title in html


def test_worksheets_are_in_the_nav_in_order(built_site):
    html = (built_site / "index.html").read_text("utf-8")
    worksheets = load_all([ROOT / "worksheets"])
    positions = [html.index(f'href="worksheets/{ws.id}/"') for ws in worksheets]
    assert positions == sorted(positions)
    heading = html.index("Worksheets", html.index('href="getting-help/"'))
    assert heading < positions[0], "worksheets come under their own nav section, after the chapters"


def test_nothing_is_written_into_content():
    assert not (ROOT / "content" / "worksheets").exists()


def test_runtime_files_are_served_by_the_site(built_site):
    for name in assets.PYODIDE_CORE:
        assert (versioning.runtime_dir(built_site, "pyodide") / name).is_file(), name
    for name in ("pyodide.mjs", "pyodide.asm.mjs"):  # the derived files: tests/generator/test_runtime_assets.py
        copied = versioning.runtime_dir(built_site, "pyodide") / name
        assert copied.read_bytes() == (ROOT / "node_modules" / "pyodide" / name).read_bytes()
    python = versioning.runtime_dir(built_site, "python")  # assets/python/<version>/ (issue 15)
    manifest = json.loads((python / "manifest.json").read_text())
    paths = [f["path"] for f in manifest["files"]]
    assert "generator/smart/__init__.py" in paths and "generator/__init__.py" in paths
    for path in paths:  # shipped byte for byte
        assert (python / path).read_bytes() == (ROOT / path).read_bytes()


def _fixture_project(tmp_path: Path, worksheet_files: list[Path]) -> Path:
    """A tiny project: one chapter, the given worksheets, the real theme overrides."""
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    (project / "content" / "index.md").write_text("# Hello\n\nA page.\n")
    (project / "content" / "getting-help.md").write_text("# Getting help now\n")  # every page links to it
    (project / "worksheets").mkdir()
    for path in worksheet_files:
        shutil.copy(path, project / "worksheets" / path.name)
    (project / "mkdocs.yml").write_text(
        "site_name: Test\ndocs_dir: content\n"
        f"theme: {{name: material, font: false, custom_dir: {ROOT / 'site_overrides'}}}\n"
        "markdown_extensions: [md_in_html, attr_list, toc]\n"
        f"plugins: [{{workbook: {{pdf: false, pyodide_dir: {ROOT / 'node_modules' / 'pyodide'}, "
        f"node_modules_dir: {ROOT / 'node_modules'}}}}}]\n"
    )
    return project


def test_bad_worksheet_stops_the_build_with_messages_and_no_traceback(tmp_path):
    project = _fixture_project(tmp_path, [FIXTURES / "unknown_kind.yml", FIXTURES / "bad_range.yml"])
    site = tmp_path / "site"
    site.mkdir()
    (site / "previous.html").write_text("an earlier good build")
    done = build_site(site, config=project / "mkdocs.yml", cwd=project)
    assert done.returncode == 1
    out = done.stdout + done.stderr
    assert "Traceback" not in out
    assert "worksheets/unknown_kind.yml:8:15: sections[0].fields[0].kind: unknown kind 'slider'" in out
    assert "worksheets/bad_range.yml:11:14: sections[0].fields[0].max: max (10) must be greater than min (10)" in out
    # The earlier site is left as it was: nothing half-built.
    assert sorted(p.name for p in site.iterdir()) == ["previous.html"]


def test_fixture_project_builds_and_nav_lists_generated_pages(tmp_path):
    project = _fixture_project(tmp_path, [FIXTURES / "all_kinds.yml"])
    site = tmp_path / "site"
    done = build_site(site, config=project / "mkdocs.yml", cwd=project)
    assert done.returncode == 0, done.stderr
    page = (site / "worksheets" / "all-kinds" / "index.html").read_text("utf-8")
    assert 'data-worksheet="all-kinds"' in page and "Download printable PDF" not in page
    assert 'href="worksheets/all-kinds/"' in (site / "index.html").read_text("utf-8")


# --- plugin hygiene (issue 18 §3): options, state, addresses, what `serve` watches ---------


def _plugin(config_file: Path, **options):
    from generator.plugin import WorkbookPlugin

    plugin = WorkbookPlugin()
    errors, _ = plugin.load_config(options, str(config_file))
    return plugin, errors


def test_path_options_are_resolved_against_the_config_files_folder(tmp_path, monkeypatch):
    (tmp_path / "project" / "sheets").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)  # not the project: the shell's folder must not matter
    plugin, errors = _plugin(tmp_path / "project" / "mkdocs.yml", worksheets_dir="sheets", cache_dir="c")
    assert errors == []
    assert plugin.config.worksheets_dir == str(tmp_path / "project" / "sheets")
    assert plugin.config.cache_dir == str(tmp_path / "project" / "c")
    assert plugin.config.node_modules_dir == str(tmp_path / "project" / "node_modules")


def test_a_missing_worksheets_folder_is_a_config_error_naming_it(tmp_path):
    plugin, errors = _plugin(tmp_path / "mkdocs.yml", worksheets_dir="nowhere")
    assert [name for name, _ in errors] == ["worksheets_dir"]
    assert str(tmp_path / "nowhere") in str(errors[0][1])


def test_a_fresh_plugin_has_its_state_before_any_hook():
    from generator.plugin import WorkbookPlugin

    plugin = WorkbookPlugin()
    assert plugin.worksheets == [] and plugin.serving is False and plugin.use_directory_urls is True


def test_pdf_links_are_relative_to_the_page_address():
    ws = load_all([ROOT / "worksheets"])[0]
    plugin, _ = _plugin(ROOT / "mkdocs.yml")
    assert plugin.pdf_url(ws) == f"../../pdf/{ws.id}.pdf"  # worksheets/<id>/
    plugin.use_directory_urls = False
    assert plugin.pdf_url(ws) == f"../pdf/{ws.id}.pdf"  # worksheets/<id>.html
    plugin, _ = _plugin(ROOT / "mkdocs.yml", pdf=False)
    assert plugin.pdf_url(ws) is None


def test_serve_watches_the_worksheets_and_the_installed_templates(tmp_path):
    from generator import render

    class Server:
        watched: list[str] = []

        def watch(self, path):
            self.watched.append(path)

    (tmp_path / "worksheets").mkdir()
    plugin, _ = _plugin(tmp_path / "mkdocs.yml")
    plugin.on_serve(Server(), config=None, builder=None)
    assert Server.watched == [str(tmp_path / "worksheets"), str(render.TEMPLATES)]
    assert (render.TEMPLATES / "page.md.j2").is_file()


def test_the_pdfs_take_the_workbook_name_from_site_name(tmp_path, monkeypatch):
    from mkdocs.config.defaults import MkDocsConfig

    from generator import pdf

    seen = {}
    monkeypatch.setattr(pdf, "build_pdfs", lambda worksheets, **kw: seen.update(kw))
    plugin, _ = _plugin(ROOT / "mkdocs.yml", offline=False)
    plugin.serving = True  # no versioning pass over an empty folder
    config = MkDocsConfig()
    config.load_dict({"site_name": "Our Goals Book", "site_dir": str(tmp_path)})
    plugin.on_post_build(config)
    assert seen["name"] == "Our Goals Book"
    ws = load_all([ROOT / "worksheets"])[0]
    assert "Our Goals Book" in pdf.render_workbook_html([ws], name="Our Goals Book")
    assert pdf.worksheet_key(ws, "a4", b"", "Our Goals Book") != pdf.worksheet_key(ws, "a4", b"")
