"""The trimmed standard library the browser downloads, and the check that it is enough.

Pyodide's ``python_stdlib.zip`` is 2.5 MB; the checker and Pyodide's own
start-up import about a tenth of it. Which tenth is not guessed: ``python -m
generator.stdlib`` boots the pinned Pyodide under Node (``stdlib_trace.mjs``),
runs the worker's set-up and every goal of the checker's test sets, and writes
what ``sys.modules`` then holds to ``stdlib_modules.json``. The build copies
only those files (uncompressed entries: the whole zip is gzipped for the wire,
which compresses across files) and refuses to go on when a checker file
imports a module that the trace did not see, naming file and line.
"""

from __future__ import annotations

import ast
import io
import json
import shutil
import subprocess
import sys
import tempfile
import tokenize
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODULES_FILE = HERE / "stdlib_modules.json"
TRACE_SCRIPT = HERE / "stdlib_trace.mjs"
ZIP_PREFIX = "/lib/python"  # Pyodide mounts the zip at /lib/python3XX.zip
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the same bytes on every build


# ---------------------------------------------------------------- slimming

# What the interpreter never reads: comments, and string statements (docstrings:
# ``python -OO`` drops them too). Each is blanked in place with its newlines
# kept, so a traceback's line numbers still match the real file.

_SKIP = (tokenize.NL, tokenize.COMMENT)
_STATEMENT_START = (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING)


def slim(source: bytes) -> bytes:
    """Comments and bare string statements (docstrings) blanked; every line stays where it was."""
    lines = source.decode("utf-8").splitlines(keepends=True)
    tokens = list(tokenize.generate_tokens(io.StringIO("".join(lines)).readline))
    cuts = []
    prev = tokenize.NEWLINE
    for i, tok in enumerate(tokens):
        if tok.type == tokenize.COMMENT:
            cuts.append((tok.start, tok.end, ""))
        elif tok.type == tokenize.STRING and prev in _STATEMENT_START:
            after = next((t for t in tokens[i + 1:] if t.type not in _SKIP), None)
            prefix = tok.string[: len(tok.string) - len(tok.string.lstrip("rRbBuUfFtT"))].lower()
            if after is not None and after.type in (tokenize.NEWLINE, tokenize.ENDMARKER) and "f" not in prefix and "t" not in prefix:
                n = tok.end[0] - tok.start[0]
                cuts.append((tok.start, tok.end, '"""' + "\n" * n + '"""' if n else '""'))
        if tok.type not in _SKIP:
            prev = tok.type
    for (r, c), (r2, c2), rep in sorted(cuts, reverse=True):
        head, tail = lines[r - 1][:c], lines[r2 - 1][c2:]
        lines[r - 1 : r2] = [head + rep + tail]
    return "".join(lines).encode("utf-8")


class StdlibError(Exception):
    """The trimmed standard library cannot serve the checker (a message naming file:line)."""


def load_modules(path: Path = MODULES_FILE) -> dict[str, str | None]:
    """Module name -> where it came from in the trace (a path inside the zip, 'built-in', 'frozen', ...)."""
    return json.loads(path.read_text("utf-8"))["modules"]


def zip_members(modules: dict[str, str | None]) -> list[str]:
    """The files inside python_stdlib.zip that the traced modules came from, sorted."""
    members = set()
    for origin in modules.values():
        if origin and origin.startswith(ZIP_PREFIX) and ".zip/" in origin:
            members.add(origin.split(".zip/", 1)[1])
    return sorted(members)


def trimmed_zip(source: Path, modules: dict[str, str | None]) -> bytes:
    """A zip of only the traced members of ``source``, slimmed, stored uncompressed, deterministic."""
    members = zip_members(modules)
    out = io.BytesIO()
    with zipfile.ZipFile(source) as full, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as small:
        names = set(full.namelist())
        missing = [m for m in members if m not in names]
        if missing:
            raise StdlibError(f"{source}: the traced modules need {', '.join(missing)}, which this Pyodide does not ship; "
                              "run `python -m generator.stdlib` to trace again")
        for name in members:
            data = full.read(name)
            small.writestr(zipfile.ZipInfo(name, _FIXED_TIME), slim(data) if name.endswith(".py") else data)
    return out.getvalue()


def _imports(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def check_imports(files: dict[str, Path], modules: dict[str, str | None], own: str = "generator") -> list[str]:
    """``file:line`` errors for every absolute import in ``files`` that the trace did not see."""
    errors = []
    for shown, path in files.items():
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        for line, name in _imports(tree):
            if name.split(".")[0] == own:
                continue
            parts = name.split(".")
            absent = [".".join(parts[: i + 1]) for i in range(len(parts)) if ".".join(parts[: i + 1]) not in modules]
            if absent:
                errors.append(f"{shown}:{line}: imports '{name}', which the trimmed standard library does not hold "
                              f"(not seen when {MODULES_FILE.name} was traced); run `python -m generator.stdlib` to trace again")
    return errors


# ---------------------------------------------------------------- tracing (a developer's step, not the build's)

def _trace_goals(root: Path) -> list[dict]:
    import yaml

    goals = []
    for path in sorted((root / "tests" / "smart").glob("cases*.yaml")):
        goals += [{"text": r["text"]} for r in yaml.safe_load(path.read_text("utf-8")) or [] if isinstance(r, dict) and "text" in r]
    goals += [
        {"text": "Call my mum every Sunday by 2030-01-05", "why": "I miss her", "confidence": 8},
        {"text": "Never feel anxious again", "why": "my mum says I should", "confidence": 3},
        {"text": "", "why": "", "confidence": None},
        {"text": "\U0001F600 \u6bce\u671d\u8d70\u308b \u0130stanbul \x00\x07!?", "why": None, "confidence": 11},
    ]
    return goals


def trace(root: Path = HERE.parent, node: str | None = None, goals: list[dict] | None = None,
          stdlib_zip: Path | None = None) -> dict:
    """Run the checker in Pyodide under Node: {python, pyodide, modules, reports}.

    ``stdlib_zip`` starts Python from that zip instead of Pyodide's full one.
    """
    node = node or shutil.which("node")
    if not node:
        raise StdlibError("tracing needs node (and `npm ci` for node_modules/pyodide)")
    files = {"generator/__init__.py": (root / "generator" / "__init__.py").read_text("utf-8")}
    for path in sorted((root / "generator" / "smart").glob("*.py")):
        files[f"generator/smart/{path.name}"] = path.read_text("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "input.json"
        given = {"files": files, "goals": _trace_goals(root) if goals is None else goals}
        if stdlib_zip:
            given["stdlib"] = str(stdlib_zip)
        data.write_text(json.dumps(given), "utf-8")
        done = subprocess.run([node, str(TRACE_SCRIPT), str(data)], cwd=root, capture_output=True, text=True, timeout=600)
    if done.returncode:
        raise StdlibError(f"{TRACE_SCRIPT.name} failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout)
    package = json.loads((root / "node_modules" / "pyodide" / "package.json").read_text("utf-8"))
    return {"python": result["python"], "pyodide": package["version"], "modules": result["modules"], "reports": result["reports"]}


def main(argv: list[str] | None = None) -> int:
    """``python -m generator.stdlib``: trace again and write stdlib_modules.json."""
    result = trace()
    del result["reports"]
    # The checker's own modules are files of this site, not of the zip.
    result["modules"] = {k: v for k, v in result["modules"].items() if k.split(".")[0] != "generator"}
    MODULES_FILE.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"{MODULES_FILE}: {len(result['modules'])} modules, {len(zip_members(result['modules']))} files from the zip")
    return 0


if __name__ == "__main__":
    sys.exit(main())
