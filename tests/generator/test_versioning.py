"""Versioned URLs (issue 15 §2): a URL names one set of bytes, across builds, so a page can only load its own build's code."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator import versioning
from tests.generator.test_plugin import FIXTURES, _fixture_project
from tests.sitebuild import ROOT, build_site

CODE = ("assets/javascripts/", "assets/stylesheets/", "assets/pyodide/", "assets/python/")
SPECIFIER = re.compile(r"""["'`](\.\.?/[^"'`\s]+\.m?js)["'`]""")  # code only: data such as worksheets.json is revalidated


def test_a_module_is_named_by_its_bytes_and_by_what_it_imports():
    sources = {
        "entry.js": 'import("./mid.js");',
        "mid.js": 'import { x } from "./leaf.js"; export const m = x;',
        "leaf.js": "export const x = 1;",
        "other.js": "export const o = 2;",
        "a.js": 'import "./b.js"; import "./leaf.js";',
        "b.js": 'import "./a.js";',
    }
    first = versioning.hash_modules(sources)
    assert 'import("./' + first["mid.js"][0] + '");' == first["entry.js"][1]
    assert first["a.js"][0].split(".")[1] == first["b.js"][0].split(".")[1]  # a cycle shares one hash
    assert f'"./{first["a.js"][0]}"' in first["b.js"][1] and f'"./{first["b.js"][0]}"' in first["a.js"][1]

    second = versioning.hash_modules({**sources, "leaf.js": "export const x = 2;"})
    for name in ("leaf.js", "mid.js", "entry.js", "a.js", "b.js"):  # the change and everything that leads to it
        assert second[name][0] != first[name][0], name
    assert second["other.js"] == first["other.js"]


def test_every_reference_in_the_built_site_names_a_versioned_file_that_exists(built_site):
    pages = list(built_site.rglob("*.html"))
    refs = 0
    for page in pages:
        html = page.read_text("utf-8")
        assert re.search(r'data-wb-build="[0-9a-f]{10}"', html), page
        for url in re.findall(r'(?:src|href)="([^"]+\.(?:js|mjs|css))"', html):
            target = (built_site / url[1:]) if url.startswith("/") else (page.parent / url).resolve()  # 404.html: from the root
            assert target.is_file() and versioning.HASHED_NAME.search(target.name), (page, url)
            refs += 1
    assert refs > len(pages)
    modules = list((built_site / "assets" / "javascripts").glob("*.*js"))
    assert modules and all(versioning.HASHED_NAME.search(m.name) for m in modules)
    for module in modules:
        for spec in SPECIFIER.findall(module.read_text("utf-8")):
            target = (module.parent / spec).resolve()
            assert target.is_file(), (module.name, spec)
            rel = target.relative_to(built_site).as_posix()
            assert versioning.HASHED_NAME.search(target.name) or versioning.versioned_folder(rel), (module.name, spec)


def _code(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and p.relative_to(site).as_posix().startswith(CODE)}


def test_two_builds_with_a_changed_module_never_reuse_a_url_for_other_bytes(tmp_path):
    project = _fixture_project(tmp_path, [FIXTURES / "all_kinds.yml"])
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "site_overrides", theme)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace(str(ROOT / "site_overrides"), str(theme))
                      + "extra_css: [assets/stylesheets/workbook.css]\n")
    assert str(theme) in config.read_text()

    assert build_site(tmp_path / "v1", config=config, cwd=project).returncode == 0
    (theme / "assets" / "javascripts" / "dom.js").write_text((theme / "assets" / "javascripts" / "dom.js").read_text() + "\nexport const v2 = 2;\n")  # code, not a comment: minifying drops comments
    (theme / "assets" / "stylesheets" / "workbook.css").write_text((theme / "assets" / "stylesheets" / "workbook.css").read_text() + "\n.v2 { color: red; }\n")
    done = build_site(tmp_path / "v2", config=config, cwd=project)
    assert done.returncode == 0, done.stderr
    v1, v2 = _code(tmp_path / "v1"), _code(tmp_path / "v2")

    reused = [url for url in v1.keys() & v2.keys() if v1[url] != v2[url]]
    assert reused == []
    changed = lambda prefix: {u for u in v1 if u.startswith(prefix)} != {u for u in v2 if u.startswith(prefix)}  # noqa: E731
    assert changed("assets/javascripts/dom.") and changed("assets/javascripts/workbook.")  # the module and its importers
    assert changed("assets/stylesheets/workbook.")
    same = [u for u in v1.keys() & v2.keys() if u.startswith("assets/javascripts/lock.")]
    assert same, "a module that does not lead to dom.js keeps its URL (and its cache)"
    page = lambda site: (site / "index.html").read_text("utf-8")  # noqa: E731
    build = lambda html: re.search(r'data-wb-build="([0-9a-f]+)"', html).group(1)  # noqa: E731
    assert build(page(tmp_path / "v1")) != build(page(tmp_path / "v2"))
