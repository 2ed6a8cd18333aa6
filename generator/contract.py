"""The contract between the Python side and the browser: every name both sides use, once.

Why this module exists: the page markup (Jinja templates), the worksheet index
and the browser modules agree on attribute names, an id rule, the checker
worker's messages, a few custom events and some format versions. Copied into
each side they drift apart silently (an attribute emitted but never read, a
regex that differs by one character). Here they are written once:

- templates get them as ``wb`` in the Jinja environment (``render.py``);
- the browser gets ``assets/javascripts/contract.js``, written from
  ``js_source()`` by the plugin at build time. A copy of that file lives in
  ``site_overrides/`` so ``node --test`` can import it without a build;
  ``tests/generator/test_contract.py`` fails when the copy is stale
  (``python -m generator.contract`` rewrites it).

The SMART checker (``generator/smart/``) stays stdlib-only and imports nothing
from here; the criteria names and framing sentences are read from it, so it
remains their single source.
"""

from __future__ import annotations

import ast
import json
import re
import tomllib
from importlib import metadata
from pathlib import Path

_SMART = Path(__file__).resolve().parent / "smart"
# What is read from the checker, by module: its plain constants (literals in its source).
_FROM_CHECKER = {"report": ("CRITERIA", "MET", "MISSING", "PARTIAL"), "text": ("CAUTION_NOTE", "FRAMING", "TITLES")}


def checker_constants() -> dict[str, object]:
    """The checker's shared words, read as literals from ``smart/report.py`` and ``smart/text.py``.

    Why not ``from .smart.report import ...``: importing any module of the
    package runs ``generator/smart/__init__.py``, which compiles the safety
    screen's and the engine's patterns: about 0.12 s of CPU in every ``mkdocs
    build`` (a tenth of the real site's build), for seven constants. The
    checker stays their single source; should one stop being a literal, this
    falls back to importing them.
    """
    found: dict[str, object] = {}
    for module, names in _FROM_CHECKER.items():
        tree = ast.parse((_SMART / f"{module}.py").read_text("utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.Assign) or len(node.targets) != 1:
                continue
            target, value = node.targets[0], node.value
            pairs = [(target, value)]
            if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple) and len(target.elts) == len(value.elts):
                pairs = list(zip(target.elts, value.elts))  # MET, PARTIAL, MISSING = "met", ...
            for name, expr in pairs:
                if isinstance(name, ast.Name) and name.id in names:
                    try:
                        found[name.id] = ast.literal_eval(expr)
                    except ValueError:
                        pass
    wanted = [name for names in _FROM_CHECKER.values() for name in names]
    if any(name not in found for name in wanted):
        from .smart import report, text

        found = {name: getattr(report if module == "report" else text, name)
                 for module, names in _FROM_CHECKER.items() for name in names}
    return found


_checker = checker_constants()
_CRITERIA, MET, MISSING, PARTIAL = (_checker[n] for n in _FROM_CHECKER["report"])
_CAUTION_NOTE, _FRAMING, _TITLES = (_checker[n] for n in _FROM_CHECKER["text"])

# ---------------------------------------------------------------- attributes

# The data-* attributes the generated markup carries and the browser reads.
# Keys are the names both sides use in code (JS: ``ATTR.repeatRows``, Jinja:
# ``wb.attr.repeatRows``). The ``data-smart-*`` names are a public contract
# (other tools read them): never rename those.
ATTRS: dict[str, str] = {
    # a worksheet page: its form, toolbar and fields (page.md.j2 -> form.js)
    "worksheet": "data-worksheet",
    "toolbar": "data-wb-toolbar",
    "field": "data-field",
    "kind": "data-kind",
    "subfield": "data-subfield",
    # repeat groups (repeat.html.j2, _row.html.j2 -> repeat.js)
    "minRows": "data-min-rows",
    "maxRows": "data-max-rows",
    "repeatRows": "data-repeat-rows",
    "repeatTemplate": "data-repeat-template",
    "repeatAdd": "data-repeat-add",
    "repeatRemove": "data-repeat-remove",
    # the goal checker (goal.html.j2 -> checker.js, feedback.js)
    "smartGoal": "data-smart-goal",
    "smartWhy": "data-smart-why",
    "smartConfidence": "data-smart-confidence",
    "smartFeedback": "data-smart-feedback",
    "state": "data-state",
    # set by feedback.js on the feedback region when the safety screen found a risk: its category
    "safety": "data-safety",
    # set to "true" by feedback.js (and mygoals.js on a goal's SMART cell) in the caution tier: the screen
    # did not flag the goal but was unsure (report "caution"): breakdown without praise, one line about help
    "caution": "data-caution",
    # tracker fields (tracker.html.j2 -> tracker.js)
    "tracker": "data-tracker",
    "trackerEntry": "data-tracker-entry",
    "trackerError": "data-tracker-error",
    "trackerAdd": "data-tracker-add",
    "trackerCancel": "data-tracker-cancel",
    "trackerEntries": "data-tracker-entries",
    # mount points in chapters and main.html
    "workbookTools": "data-wb-workbook-tools",
    "myGoals": "data-wb-my-goals",
    "exit": "data-wb-exit",
    # main.html's "Get help now" link, whose href the build resolves (getting-help.md's URL, whatever
    # use_directory_urls says): the safety panel and My goals' support note link to the same page
    "help": "data-wb-help",
    "serviceWorker": "data-wb-sw",
    # main.html's bar: the build's code version, stamped by versioning.py (updates.js compares it)
    "build": "data-wb-build",
    # set by workbook.js on a worksheet form once form.js is bound to it (updates.js: "not saving" otherwise)
    "formMounted": "data-wb-mounted",
    # set by checker.js on <html>: "loading" | "ready" | "unavailable" (offline.js waits on it)
    "checker": "data-wb-checker",
    # Material's search plugin leaves out an element that carries it (no module reads it): the form's
    # chrome (repeated rows, scale points, buttons, status) and Sam's examples stay out of search_index.json,
    # which every page loads (issue 16)
    "searchExclude": "data-search-exclude",
}

# ---------------------------------------------------------------- ids

# Worksheet, field, option and sub-field ids: the keys answers are stored under.
ID_PATTERN = r"^[a-z][a-z0-9_-]{0,63}$"
ID_RE = re.compile(ID_PATTERN)
# Element ids in a page are the field's path behind this prefix, so they never
# clash with Material's own ids.
DOM_ID_PREFIX = "wb-"


def dom_id(*parts: object) -> str:
    """A page-unique element id for a field (one worksheet per page): ``wb-`` + parts joined by ``-``."""
    return DOM_ID_PREFIX + "-".join(str(p) for p in parts)


# ---------------------------------------------------------------- worker messages and events

# The checker worker's closed message set (checker-worker.mjs <-> checker.js):
#   in:  {id, type: "check", text, why, confidence}
#   out: {type: "progress", loaded, total, phase} (phase "download", then "starting")
#        {type: "ready", ms, snapshot} | {type: "unavailable", reason}
#        {id, type: "result", report} | {id, type: "error", message}
MESSAGES: dict[str, str] = {
    "CHECK": "check",
    "PROGRESS": "progress",
    "READY": "ready",
    "UNAVAILABLE": "unavailable",
    "RESULT": "result",
    "ERROR": "error",
}

# Custom DOM events between modules that do not import each other.
EVENTS: dict[str, str] = {
    # on a worksheet form, after answers were set without input events (restore, another tab, lock)
    "RESTORED": "wb:restored",
    # on window, whenever the checker's status changes (see ATTRS["checker"])
    "CHECKER": "wb:checker",
    # on window: save everything typed now (exit button, offline update reload)
    "FLUSH": "wb:flush",
}

# ---------------------------------------------------------------- formats and versions

# assets/worksheets.json (index.py -> mygoals.js); the reader refuses other formats.
INDEX_FORMAT = 1
# The stored answers (localStorage "workbook:v1") and export files; bump with a migration in format.js.
STORAGE_VERSION = 1

# ---------------------------------------------------------------- words shared with the checker

CRITERIA: tuple[tuple[str, str], ...] = tuple(_TITLES)
if tuple(key for key, _ in CRITERIA) != tuple(_CRITERIA):
    raise ImportError("generator.smart: text.TITLES and report.CRITERIA name different criteria")
# The page's plain words for a criterion's status (feedback.js, mygoals.js).
STATUS_WORDS: dict[str, str] = {MET: "clear", PARTIAL: "nearly there", MISSING: "not yet"}
FRAMING: dict[str, str] = dict(_FRAMING)
# The caution tier's line above the breakdown (feedback.js, mygoals.js): before, link text, after.
CAUTION_NOTE: dict[str, str] = dict(zip(("before", "link", "after"), _CAUTION_NOTE))

# ---------------------------------------------------------------- the package version

_PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def package_version() -> str:
    """The workbook's version from pyproject.toml (a source checkout), else the installed metadata."""
    if _PYPROJECT.is_file():
        project = tomllib.loads(_PYPROJECT.read_text(encoding="utf-8")).get("project", {})
        if project.get("name") == "therapy-goals-workbook" and "version" in project:
            return str(project["version"])
    return metadata.version("therapy-goals-workbook")


WORKBOOK_VERSION = package_version()


def for_templates() -> dict:
    """What Jinja templates see as ``wb``: ``wb.attr.field`` is ``"data-field"``."""
    return {"attr": dict(ATTRS), "events": dict(EVENTS), "dom_id_prefix": DOM_ID_PREFIX}


# ---------------------------------------------------------------- contract.js

JS_URL = "assets/javascripts/contract.js"
JS_COPY = Path(__file__).resolve().parent.parent / "site_overrides" / JS_URL

_JS_HEAD = """\
// GENERATED from generator/contract.py by the workbook plugin: do not edit.
// (python -m generator.contract rewrites this copy for node --test; a test checks it.)
// The names the page markup, the worksheet index and the browser modules share.
"""

# Code that is the same in every build: the guards and helpers over the constants.
_JS_CODE = r"""
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** `[data-x]`, or `[data-x="value"]` with the value quoted for CSS. */
export function sel(name, value) {
  return value === undefined ? `[${name}]` : `[${name}="${String(value).replace(/["\\]/g, "\\$&")}"]`;
}

/** An element id for a field path, as generator/contract.py's dom_id makes it. */
export const domId = (...parts) => DOM_ID_PREFIX + parts.map(String).join("-");

/** True for a worksheet, field or sub-field id the model allows. */
export const isId = (value) => typeof value === "string" && ID_RE.test(value);

// Guards for the checker worker's messages (as Material's search worker does with SearchMessageType).
/** A request to the worker: {id, type: "check", text, why, confidence}. */
export const isCheckMessage = (m) => isObject(m) && m.type === MESSAGE.CHECK && typeof m.id === "number";
/** Pyodide's download and start-up so far: {type: "progress", loaded, total, phase} (bytes; "download" | "starting"). */
export const isProgressMessage = (m) =>
  isObject(m) && m.type === MESSAGE.PROGRESS && Number.isFinite(m.loaded) && Number.isFinite(m.total) && typeof m.phase === "string";
/** The worker booted: {type: "ready", ms, snapshot}. */
export const isReadyMessage = (m) => isObject(m) && m.type === MESSAGE.READY;
/** The worker cannot check goals in this browser: {type: "unavailable", reason}. */
export const isUnavailableMessage = (m) => isObject(m) && m.type === MESSAGE.UNAVAILABLE;
/** A report for request `id`: {id, type: "result", report}. */
export const isResultMessage = (m) => isObject(m) && m.type === MESSAGE.RESULT && isObject(m.report);
/** A failed request `id`: {id, type: "error", message}. */
export const isErrorMessage = (m) => isObject(m) && m.type === MESSAGE.ERROR;
"""


def js_source() -> str:
    """The text of ``contract.js``: frozen constants, then the guards."""
    const = {
        "ATTR": ATTRS,
        "MESSAGE": MESSAGES,
        "EVENT": EVENTS,
        "CRITERIA": [list(pair) for pair in CRITERIA],
        "STATUS_WORDS": STATUS_WORDS,
        "FRAMING": FRAMING,
        "CAUTION_NOTE": CAUTION_NOTE,
    }
    lines = [_JS_HEAD]
    for name, value in const.items():
        lines.append(f"export const {name} = Object.freeze({json.dumps(value, ensure_ascii=False, indent=2)});")
    lines.append(f"export const ID_PATTERN = {json.dumps(ID_PATTERN)};")
    lines.append("const ID_RE = new RegExp(ID_PATTERN);")
    lines.append(f"export const DOM_ID_PREFIX = {json.dumps(DOM_ID_PREFIX)};")
    lines.append(f"export const INDEX_FORMAT = {INDEX_FORMAT};")
    lines.append(f"export const STORAGE_VERSION = {STORAGE_VERSION};")
    lines.append(f"export const WORKBOOK_VERSION = {json.dumps(WORKBOOK_VERSION)};")
    return "\n".join(lines) + "\n" + _JS_CODE


if __name__ == "__main__":
    JS_COPY.write_text(js_source(), encoding="utf-8")
    print(f"wrote {JS_COPY}")
