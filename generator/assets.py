"""Which runtime files the built site serves: Pyodide's core and the checker's sources.

Both are served from the site itself (no CDN). The checker's ``.py`` files are
shipped byte for byte under ``assets/python/`` with a manifest, and slimmed
(comments and docstrings blanked, lines kept) in ``checker.json.gz``, which is
what the worker fetches.

Pyodide is shipped for a first visit on a slow connection (issue 16), on any
host, compressing or not:

- ``pyodide.asm.wasm.br``: brotli at quality 11 (2.74 MB; Zopfli's gzip is
  3.42 MB), decoded by the worker as it streams in with ``brotli-dec-wasm``
  (pinned in package-lock.json), whose two files are shipped beside it:
  ``brotli_dec_wasm.js`` and ``brotli_dec_wasm_bg.wasm.gz`` (94 KB on the
  wire). Browsers' ``DecompressionStream`` takes no brotli, so the decoder's
  cost is paid once and saves 0.57 MB net. Served as octet-stream, never with
  ``Content-Encoding``; the worker gives the wasm its ``application/wasm``
  type itself. No gzipped wasm is shipped: nothing else reads it.
- ``pyodide.asm.mjs.gz``: gzipped here, inflated by the worker with
  ``DecompressionStream`` as it streams in. A ``.gz`` file is served as a gzip
  file (``application/gzip`` or octet-stream), which hosts do not compress
  again. ``pyodide.asm.mjs`` also stays, for workers whose policy
  refuses a ``blob:`` module (hosts that send a CSP header; they compress it).
- ``python_stdlib.zip.gz``: only the modules a traced run imports
  (``stdlib.py``), slimmed, in a gzipped zip of stored entries.
- ``pyodide-lock.json``: the lock file's ``info`` and no packages (the
  checker loads none).
- ``checker.json.gz``: the checker's ``.py`` files, slimmed, in one gzipped JSON file
  (``{"files": {path: source}}``), downloaded with Pyodide: one request
  instead of one per module, a third of the bytes. The files also stay under
  ``assets/python/`` with their manifest.
- ``runtime.json``: each file's size, so the worker can show "1.2 of 3.9 MB"
  before the bytes arrive, and a version for the Python snapshot's key.

Compressing the wasm takes a second or two: the results are kept in the user's
cache folder (``runtime_cache()``), named by the hash of what they are made
from. They depend only on the pinned npm files and this code, never on a
project, so every build and workbook on the machine shares them.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
from pathlib import Path

from . import stdlib

# What the npm package must hold.
PYODIDE_SOURCES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# What the site serves (runtime.json lists the ones the worker downloads and counts).
PYODIDE_CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.mjs.gz", "pyodide.asm.wasm.br",
                "python_stdlib.zip.gz", "checker.json.gz", "pyodide-lock.json", "runtime.json",
                "brotli_dec_wasm.js", "brotli_dec_wasm_bg.wasm.gz")
DOWNLOADS = ("pyodide.asm.wasm.br", "brotli_dec_wasm_bg.wasm.gz", "pyodide.asm.mjs.gz", "python_stdlib.zip.gz",
             "checker.json.gz")
# The brotli decoder's npm package (beside pyodide in node_modules) and the files of it the site serves.
DECODER_PACKAGE = "brotli-dec-wasm"
DECODER_SOURCES = ("pkg/brotli_dec_wasm.js", "pkg/brotli_dec_wasm_bg.wasm")
PYODIDE_URL = "assets/pyodide/"
PYTHON_URL = "assets/python/"
# Bump when the way a derived file is made changes, so old cache entries are not reused.
_RECIPE = "2"

PACKAGE_ROOT = Path(__file__).resolve().parent


def _gzip(data: bytes) -> bytes:
    """Gzip as small as a browser can inflate it: Zopfli (pinned in requirements.lock), else zlib at level 9.

    Zopfli's one pass takes some seconds per megabyte, once per machine (the cache), and saves 4-5 %:
    130 KB less for every first visit."""
    try:
        import zopfli.gzip
    except ImportError:
        return gzip.compress(data, compresslevel=9, mtime=0)
    return zopfli.gzip.compress(data, numiterations=1)


def _brotli(data: bytes) -> bytes:
    """Brotli at its best quality (11; the default 4 MB window, which came out smaller for the wasm than 16 MB).

    About a minute for the wasm on a busy machine, once per machine (the cache). The ``brotli`` package is
    pinned in requirements.lock."""
    import brotli

    return brotli.compress(data, quality=11)


def _cached(cache_dir: Path, name: str, inputs: list[bytes], make) -> Path:
    """A derived file under cache_dir, named by the hash of its inputs; made once.

    Builds running side by side (the test suite's workers: the site build and the Pyodide parity run both
    want the runtime on a fresh machine) make it once: the first takes a lock on the file's name and makes
    it, the others wait and then read it. The brotli wasm costs about a CPU-minute, so making it twice at
    once cost a 2-core machine half a minute. Where ``fcntl`` is missing (Windows), each makes its own copy
    and the last rename wins, as before."""
    key = hashlib.sha256(_RECIPE.encode() + b"".join(hashlib.sha256(i).digest() for i in inputs)).hexdigest()[:20]
    path = cache_dir / f"{key}-{name}"
    if path.is_file():
        return path
    cache_dir.mkdir(parents=True, exist_ok=True)
    with _lock(path.with_name(path.name + ".lock")):
        if not path.is_file():  # made by another build while this one waited
            tmp = path.with_suffix(f"{path.suffix}.{os.getpid()}.tmp")
            tmp.write_bytes(make())
            tmp.replace(path)
    return path


@contextlib.contextmanager
def _lock(path: Path):
    """An exclusive lock on ``path`` (created if missing) for the block, or no lock without ``fcntl``."""
    try:
        import fcntl
    except ImportError:  # Windows: no lock (see _cached)
        yield
        return
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def runtime_cache() -> Path:
    """Where derived runtime files live between builds: ``$XDG_CACHE_HOME`` (or ``~/.cache``)/therapy-goals-workbook."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "therapy-goals-workbook" / "runtime"


def checker_bundle(checker: dict[str, Path]) -> bytes:
    """The checker's sources as gzipped JSON, ``{"files": {path under assets/python/: source}}``.

    Slimmed as the standard library is (comments and docstrings blanked, every line where it was, so a
    traceback's file:line still points at the source) and gzipped with Zopfli: 175 KB -> 149 KB for every
    first visit. Zopfli's half second is paid once per change of the checker (the bundle is cached by its sources)."""
    files = {url[len(PYTHON_URL):]: stdlib.slim(path.read_bytes()).decode("utf-8") for url, path in checker.items()}
    return _gzip(json.dumps({"files": files}, sort_keys=True, ensure_ascii=False).encode())


def minimal_lock(lock_json: bytes) -> bytes:
    """The lock file with its ``info`` and no packages."""
    return json.dumps({"info": json.loads(lock_json)["info"], "packages": {}}, sort_keys=True).encode()


def pyodide_files(pyodide_dir: Path, cache_dir: Path | None = None, checker: dict[str, Path] | None = None,
                  decoder_dir: Path | None = None) -> dict[str, Path]:
    """Site path -> file for Pyodide's runtime, or FileNotFoundError / StdlibError naming what is wrong.

    Derived files are made once into ``cache_dir`` (default ``runtime_cache()``). The brotli decoder
    comes from ``decoder_dir`` (default: its npm package beside ``pyodide_dir``).

    ``checker`` (site path -> source) is checked against the traced standard
    library: a module it imports that the trace did not see stops the build.
    """
    missing = [name for name in PYODIDE_SOURCES if not (pyodide_dir / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"Pyodide core files missing from {pyodide_dir}: {', '.join(missing)}. Run 'npm ci' (or 'make serve')."
        )
    decoder_dir = Path(decoder_dir) if decoder_dir else Path(pyodide_dir).parent / DECODER_PACKAGE
    missing = [name for name in DECODER_SOURCES if not (decoder_dir / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"brotli decoder files missing from {decoder_dir}: {', '.join(missing)}. Run 'npm ci' (or 'make serve')."
        )
    modules = stdlib.load_modules()
    cache = Path(cache_dir) if cache_dir else runtime_cache()
    modules_bytes = stdlib.MODULES_FILE.read_bytes()
    stdlib_code = Path(stdlib.__file__).read_bytes()
    # The checker's sources, as the key of what is derived from them: unchanged sources cost no parse or gzip.
    checker = checker or {}
    sources = [b"\0".join(url.encode() for url in sorted(checker))] + [checker[url].read_bytes() for url in sorted(checker)]

    def imports_ok() -> bytes:
        errors = stdlib.check_imports({f"generator/{url.split('/generator/', 1)[1]}": p for url, p in checker.items()}, modules)
        if errors:  # raised, so nothing is cached and the next build checks again
            raise stdlib.StdlibError("\n".join(errors))
        return b"ok\n"

    _cached(cache, "imports-ok", [*sources, modules_bytes, stdlib_code], imports_ok)
    src = {name: (pyodide_dir / name).read_bytes() for name in PYODIDE_SOURCES}
    decoder_wasm = (decoder_dir / "pkg/brotli_dec_wasm_bg.wasm").read_bytes()
    files = {
        "pyodide.mjs": pyodide_dir / "pyodide.mjs",
        "pyodide.asm.mjs": pyodide_dir / "pyodide.asm.mjs",
        "pyodide.asm.mjs.gz": _cached(cache, "pyodide.asm.mjs.gz", [src["pyodide.asm.mjs"]], lambda: _gzip(src["pyodide.asm.mjs"])),
        "pyodide.asm.wasm.br": _cached(cache, "pyodide.asm.wasm.br", [src["pyodide.asm.wasm"]], lambda: _brotli(src["pyodide.asm.wasm"])),
        "brotli_dec_wasm.js": decoder_dir / "pkg/brotli_dec_wasm.js",
        "brotli_dec_wasm_bg.wasm.gz": _cached(cache, "brotli_dec_wasm_bg.wasm.gz", [decoder_wasm], lambda: _gzip(decoder_wasm)),
        "python_stdlib.zip.gz": _cached(
            cache, "python_stdlib.zip.gz", [src["python_stdlib.zip"], modules_bytes, stdlib_code],
            lambda: _gzip(stdlib.trimmed_zip(pyodide_dir / "python_stdlib.zip", modules))),
        "pyodide-lock.json": _cached(cache, "pyodide-lock.json", [src["pyodide-lock.json"]], lambda: minimal_lock(src["pyodide-lock.json"])),
    }
    if checker:
        files["checker.json.gz"] = _cached(cache, "checker.json.gz", [b"slim, zopfli", stdlib_code, *sources], lambda: checker_bundle(checker))
    sizes = {name: files[name].stat().st_size for name in DOWNLOADS if name in files}
    digest = hashlib.sha256(b"".join(files[n].read_bytes() for n in (*sizes, "pyodide-lock.json"))).hexdigest()[:16]
    runtime = json.dumps({"version": digest, "files": sizes}, sort_keys=True).encode()
    files["runtime.json"] = _cached(cache, "runtime.json", [runtime], lambda: runtime)
    return {PYODIDE_URL + name: path for name, path in files.items()}


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
