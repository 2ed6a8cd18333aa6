"""The Pyodide files the site ships (issue 16): brotli wasm (with its decoder) and gzipped module, a trimmed standard
library traced from a real run, a minimal lock file, and a build that stops when the checker
imports a module the trimmed library does not hold."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

import pytest

from generator import assets, stdlib

ROOT = Path(__file__).resolve().parents[2]
PYODIDE = ROOT / "node_modules" / "pyodide"
needs_pyodide = pytest.mark.skipif(not (PYODIDE / "pyodide.asm.wasm").exists(), reason="node_modules/pyodide missing (npm ci)")


@pytest.fixture(scope="module")
def runtime():
    if not (PYODIDE / "pyodide.asm.wasm").exists():
        pytest.skip("node_modules/pyodide missing (npm ci)")
    return assets.pyodide_files(PYODIDE, checker=assets.checker_files())  # the machine's cache, as builds use


def _site(runtime, name):
    return runtime[assets.PYODIDE_URL + name]


def test_the_compressed_files_inflate_to_pyodides_own(runtime):
    import brotli

    mjs = _site(runtime, "pyodide.asm.mjs.gz").read_bytes()
    assert mjs[:2] == b"\x1f\x8b"
    assert gzip.decompress(mjs) == (PYODIDE / "pyodide.asm.mjs").read_bytes()
    wasm = _site(runtime, "pyodide.asm.wasm.br").read_bytes()
    assert brotli.decompress(wasm) == (PYODIDE / "pyodide.asm.wasm").read_bytes()
    # Brotli at quality 11: 2.74 of 9.6 MB (Zopfli's gzip was 3.42 MB, above 0.35).
    assert len(wasm) < 0.3 * (PYODIDE / "pyodide.asm.wasm").stat().st_size
    assert assets.PYODIDE_URL + "pyodide.asm.wasm.gz" not in runtime  # nothing reads a gzipped wasm


def test_the_brotli_decoder_is_shipped_from_its_npm_package(runtime):
    package = PYODIDE.parent / assets.DECODER_PACKAGE
    assert _site(runtime, "brotli_dec_wasm.js").read_bytes() == (package / "pkg/brotli_dec_wasm.js").read_bytes()
    decoder = gzip.decompress(_site(runtime, "brotli_dec_wasm_bg.wasm.gz").read_bytes())
    assert decoder == (package / "pkg/brotli_dec_wasm_bg.wasm").read_bytes()
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]["node_modules/" + assets.DECODER_PACKAGE]
    assert json.loads((package / "package.json").read_text())["version"] == lock["version"]


@needs_pyodide
def test_a_missing_decoder_names_its_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"brotli decoder files missing from .*nowhere: pkg/brotli_dec_wasm\.js"):
        assets.pyodide_files(PYODIDE, cache_dir=tmp_path, decoder_dir=tmp_path / "nowhere")


def test_runtime_json_lists_each_download_and_its_size(runtime):
    listed = json.loads(_site(runtime, "runtime.json").read_text())
    assert set(listed["files"]) == set(assets.DOWNLOADS)
    for name, size in listed["files"].items():
        assert _site(runtime, name).stat().st_size == size


def test_the_lock_file_keeps_its_info_and_no_packages(runtime):
    lock = json.loads(_site(runtime, "pyodide-lock.json").read_text())
    assert lock["packages"] == {}
    assert lock["info"] == json.loads((PYODIDE / "pyodide-lock.json").read_text())["info"]


def test_the_trimmed_stdlib_holds_what_the_trace_saw_and_little_else(runtime):
    small = zipfile.ZipFile(io.BytesIO(gzip.decompress(_site(runtime, "python_stdlib.zip.gz").read_bytes())))
    names = small.namelist()
    assert names == stdlib.zip_members(stdlib.load_modules())
    assert {"re/__init__.py", "json/__init__.py", "_pyodide/_base.py", "pyodide/__init__.py"} <= set(names)
    assert "email/__init__.py" not in names and "tkinter/__init__.py" not in names
    assert all(i.compress_type == zipfile.ZIP_STORED for i in small.infolist())  # the wire gzip compresses across files
    full = zipfile.ZipFile(PYODIDE / "python_stdlib.zip")
    for name in names:  # slimmed, never moved: a traceback's line numbers stay right
        assert small.read(name).count(b"\n") == full.read(name).count(b"\n"), name


def test_slim_blanks_comments_and_docstrings_and_keeps_lines_and_code():
    source = b'"""Module doc\nover two lines."""\nimport re  # a comment\n\n\ndef f(x):\n    """Doc."""\n    s = "kept #1"\n    return f"{x}"  # why\n\nclass C:\n    r"""raw\n    doc"""\n    y = """data\n  with spaces   \n"""\n'
    out = stdlib.slim(source)
    assert out.count(b"\n") == source.count(b"\n")
    assert b"comment" not in out and b"why" not in out and b"Doc." not in out and b"Module doc" not in out
    assert b'"kept #1"' in out and b'"""data\n  with spaces   \n"""' in out
    scope: dict = {}
    exec(compile(out, "x.py", "exec"), scope)
    assert scope["f"](3) == "3" and scope["C"].y == "data\n  with spaces   \n"


def test_a_checker_import_the_trace_did_not_see_stops_the_build(tmp_path):
    module = tmp_path / "extra.py"
    module.write_text("import re\n\ndef f():\n    import xml.dom.minidom\n", "utf-8")
    errors = stdlib.check_imports({"generator/smart/extra.py": module}, stdlib.load_modules())
    assert errors == [
        "generator/smart/extra.py:4: imports 'xml.dom.minidom', which the trimmed standard library does not hold "
        "(not seen when stdlib_modules.json was traced); run `python -m generator.stdlib` to trace again"
    ]
    with pytest.raises(stdlib.StdlibError, match=r"generator/smart/extra.py:4: imports 'xml.dom.minidom'"):
        assets.pyodide_files(PYODIDE, tmp_path / "cache", {assets.PYTHON_URL + "generator/smart/extra.py": module})


def test_the_shipped_checker_imports_only_traced_modules():
    assert stdlib.check_imports({f"generator/{u.split('/generator/', 1)[1]}": p for u, p in assets.checker_files().items()},
                                stdlib.load_modules()) == []


# The checker's answers on the trimmed standard library, with nothing imported outside it, are asserted by
# tests/smart/test_parity.py, whose Pyodide run (the whole corpus) starts from the shipped zip: a run here
# cost a second Pyodide load, about 4 s of CPU (issue 18).


def test_the_checker_bundle_holds_every_shipped_checker_file(runtime):
    bundle = json.loads(gzip.decompress(_site(runtime, "checker.json.gz").read_bytes()))
    shipped = {url[len(assets.PYTHON_URL):]: path for url, path in assets.checker_files().items()}
    assert set(bundle["files"]) == set(shipped)
    for rel, path in shipped.items():
        assert bundle["files"][rel] == stdlib.slim(path.read_bytes()).decode("utf-8")  # comments blanked, lines kept
        assert bundle["files"][rel].count("\n") == path.read_text("utf-8").count("\n")
