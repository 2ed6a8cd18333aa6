"""YAML -> typed model, with every problem reported at once like a compiler.

PyYAML gives us a node tree with positions; pydantic gives us typed validation
with error paths. This module joins the two so that each message names the
file, line, column and field path: ``worksheets/x.yml:14:5: sections[1].fields[2].kind: ...``.
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml
from pydantic import ValidationError

from . import csp
from .model import (EXAMPLE_SUFFIX, FIELD_KINDS, OTHER, ROW_KINDS, WORKBOOK_ID, Worksheet, _options_from_strings,
                    menu_order)

Loc = tuple[Any, ...]
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EXAMPLE_SHAPES = ("expected an answer as it is saved: text, a whole number, a list of option values, "
                   "or a list of rows (mappings of sub-field id to answer)")
# libyaml's parser when PyYAML was built with it; the text is parsed once, and
# the same node tree gives both positions and data.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)



class _Constructor(yaml.constructor.SafeConstructor):
    """PyYAML's safe constructor, but an unquoted date stays the text it is.

    Answers store dates as 'YYYY-MM-DD' text, so a date object is never wanted,
    and an impossible one (2030-02-30) would raise instead of being reported.
    """


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str)

# Resource limits, so a hostile or broken file fails in a moment instead of
# running for minutes ("billion laughs" aliases, absurd nesting, huge files).
# A real worksheet is a few KB, a few hundred nodes, about eight levels deep.
MAX_BYTES = 1_000_000
MAX_NODES = 50_000  # nodes after expanding every alias
MAX_DEPTH = 40


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one worksheet file, at one place."""

    path: str
    line: int
    col: int
    where: str
    message: str

    def __str__(self) -> str:
        where = f" {self.where}:" if self.where else ""
        return f"{self.path}:{self.line}:{self.col}:{where} {self.message}"


class WorksheetError(Exception):
    """Raised with every problem found, so an author fixes them in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path) -> str:
    """A path as the author would type it: relative to the working directory when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def format_loc(loc: Iterable[Any]) -> str:
    """('sections', 1, 'fields', 2, 'kind') -> 'sections[1].fields[2].kind'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Positions:
    """Maps a field path to where its value (or key) starts in the YAML text."""

    def __init__(self) -> None:
        self.values: dict[Loc, yaml.Mark] = {}
        self.keys: dict[Loc, yaml.Mark] = {}

    def value(self, loc: Loc) -> yaml.Mark:
        # Fall back to the nearest parent that we know.
        for n in range(len(loc), -1, -1):
            if loc[:n] in self.values:
                return self.values[loc[:n]]
        raise KeyError(loc)  # pragma: no cover - the root is always known

    def key(self, loc: Loc) -> yaml.Mark:
        return self.keys.get(loc) or self.value(loc)


def _walk(node: yaml.Node, loc: Loc, pos: _Positions, problems: list[tuple[Loc, yaml.Mark, str]]) -> None:
    """Record positions and catch what PyYAML lets through silently (duplicate keys)."""
    pos.values[loc] = node.start_mark
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, yaml.Mark] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else f"<{key_node.id}>"
            if key in seen:
                problems.append(
                    (loc + (key,), key_node.start_mark, f"duplicate key '{key}' (first given on line {seen[key].line + 1})")
                )
            seen.setdefault(key, key_node.start_mark)
            pos.keys[loc + (key,)] = key_node.start_mark
            _walk(value_node, loc + (key,), pos, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, loc + (index,), pos, problems)


def _strip_tags(loc: Loc, data: Any) -> Loc:
    """Drop the union tags pydantic puts in error paths ('fields', 0, 'scale', 'min')."""
    out: list[Any] = []
    current = data
    for part in loc:
        if isinstance(part, str) and isinstance(current, dict) and part not in current and part in FIELD_KINDS:
            continue
        out.append(part)
        if isinstance(current, dict):
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
        else:
            current = None
    return tuple(out)


def _raw(data: Any, loc: Loc) -> Any:
    """The value the author wrote at ``loc``, or None."""
    for part in loc:
        if isinstance(data, dict) and part in data or isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _message(err: dict[str, Any], loc: Loc, data: Any = None) -> tuple[Loc, str, bool]:
    """Turn one pydantic error into (path, message, points-at-key)."""
    kind = err["type"]
    if kind == "extra_forbidden":
        return loc, f"unknown key '{loc[-1]}'", True
    if kind == "missing":
        return loc, f"missing required key '{loc[-1]}'", False
    if kind == "union_tag_invalid":
        allowed = ROW_KINDS if "fields" in loc[:-2] and _is_row(loc) else tuple(FIELD_KINDS)
        got = err["ctx"]["tag"]
        note = " (not allowed inside a repeat group)" if got in FIELD_KINDS else ""
        return loc + ("kind",), f"unknown kind '{got}'{note}; expected one of: {', '.join(allowed)}", False
    if kind == "union_tag_not_found":
        return loc, f"missing required key 'kind'; expected one of: {', '.join(FIELD_KINDS)}", False
    if kind == "value_error":
        return loc, str(err["ctx"]["error"]), False
    if kind == "string_pattern_mismatch" and loc[-1:] == ("value",) and isinstance(label := _raw(data, loc[:-1]), str):
        return loc[:-1], (  # a plain-string option: the author never wrote the value
            f"the option '{label}' makes the value '{err['input']}', which is not a valid id (lower-case letters, "
            f"digits, '-' or '_', starting with a letter); write it as {{value: <id>, label: '{label}'}}"
        ), False
    if kind == "string_pattern_mismatch":
        return loc, (
            f"'{err['input']}' is not a valid id; use lower-case letters, digits, '-' or '_', starting with a letter"
        ), False
    return loc, f"{err['msg'][0].lower()}{err['msg'][1:]} (got {_describe(err.get('input'))})", False


def _describe(value: Any) -> str:
    """A short, readable account of what the author wrote."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{value}; YAML reads yes/no/on/off as true/false, so put text in quotes"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_row(loc: Loc) -> bool:
    """True when the path is inside a repeat group's fields (fields[..].fields[..])."""
    return sum(1 for p in loc if p == "fields") >= 2


def _cross_check(data: dict[str, Any]) -> list[tuple[Loc, str]]:
    """Rules that span fields: unique ids, and companion ids that exist.

    Works on the raw data, not the model, so these problems are reported
    alongside type errors in the same run.
    """
    problems: list[tuple[Loc, str]] = []
    fields: list[tuple[Loc, dict[str, Any]]] = []
    sections = data.get("sections")
    for s, section in enumerate(sections if isinstance(sections, list) else []):
        items = section.get("fields") if isinstance(section, dict) else None
        for f, field in enumerate(items if isinstance(items, list) else []):
            if isinstance(field, dict):
                fields.append((("sections", s, "fields", f), field))
                subs = field.get("fields")
                if field.get("kind") == "repeat" and isinstance(subs, list):
                    row = [(("sections", s, "fields", f, "fields", i), sub) for i, sub in enumerate(subs) if isinstance(sub, dict)]
                    problems += _unique_ids(row) + _other_ids(row)  # a row's "Other" box saves beside its sub-fields
                    problems += [p for loc, sub in row for p in _check_example(loc, sub) + _unique_options(loc, sub)]
    problems += _unique_ids(fields)
    problems += _other_ids(fields)
    problems += _reserved_id(data.get("id"))
    for loc, field in fields:
        problems += _check_example(loc, field) + _unique_options(loc, field)
    kinds = {field.get("id"): field.get("kind") for _, field in fields if isinstance(field.get("id"), str)}
    links = {"why": ("text", "textarea"), "confidence": ("scale",), "goal": ("goal",)}
    for loc, field in fields:
        for attr, want in links.items():
            ref = field.get(attr)
            if not isinstance(ref, str) or (attr == "goal" and field.get("kind") != "tracker"):
                continue
            if ref not in kinds:
                problems.append((loc + (attr,), f"no field with id '{ref}' in this worksheet"))
            elif kinds[ref] not in want:
                problems.append((loc + (attr,), f"field '{ref}' is a {kinds[ref]}; expected a {' or '.join(want)} field"))
    # My goals counts the review field's date as each goal's last review, so it must be one of this
    # worksheet's own date fields (a typo here would silently leave every goal "never reviewed").
    review = data.get("review_field")
    if isinstance(review, str):
        if review not in kinds:
            problems.append((("review_field",), f"no field with id '{review}' in this worksheet"))
        elif kinds[review] != "date":
            problems.append((("review_field",), f"field '{review}' is a {kinds[review]}; expected a date field"))
    return problems


def _reserved_id(ws_id: Any) -> list[tuple[Loc, str]]:
    """A worksheet's PDFs are pdf/<id>.pdf and pdf/<id>-example.pdf: no id may take another PDF's name."""
    if ws_id == WORKBOOK_ID:
        return [(("id",), f"'{ws_id}' is reserved: pdf/{WORKBOOK_ID}.pdf is the whole workbook; choose another id")]
    if isinstance(ws_id, str) and ws_id.endswith(EXAMPLE_SUFFIX):
        return [(("id",), f"an id may not end in '{EXAMPLE_SUFFIX}': pdf/<id>{EXAMPLE_SUFFIX}.pdf is a worksheet's "
                          "example PDF; choose another id")]
    return []


def _unique_options(loc: Loc, field: dict[str, Any]) -> list[tuple[Loc, str]]:
    """Two options saving the same value could not be told apart in the answers ([Yes!, Yes?] both save 'yes')."""
    key = {"choice": "options", "checklist": "items"}.get(field.get("kind"))  # type: ignore[arg-type]
    raw = field.get(key) if key else None
    if not isinstance(raw, list):
        return []
    first: dict[str, int] = {}
    problems = []
    for i, (item, cooked) in enumerate(zip(raw, _options_from_strings(raw))):
        value = cooked.get("value") if isinstance(cooked, dict) else None
        if not isinstance(value, str):
            continue
        if value in first:
            message = f"duplicate option value '{value}' (also {key}[{first[value]}])"
            if isinstance(item, str):
                message += (f"; an option written as text takes its value from its label, "
                            f"so write this one as {{value: <id>, label: '{item}'}}")
            problems.append((loc + (key, i) + (() if isinstance(item, str) else ("value",)), message))
        first.setdefault(value, i)
    return problems


def _other_ids(fields: list[tuple[Loc, dict[str, Any]]]) -> list[tuple[Loc, str]]:
    """An "Other" box saves under '<id>_other': that id must be free, and no option may be 'other'."""
    ids = {field.get("id") for _, field in fields if isinstance(field.get("id"), str)}
    problems = []
    for loc, field in fields:
        if not field.get("other") or field.get("kind") not in ("choice", "checklist"):
            continue
        key = "options" if field.get("kind") == "choice" else "items"
        raw = field.get(key)
        values = [o.get("value") if isinstance(o, dict) else o for o in raw] if isinstance(raw, list) else []
        if OTHER in values or "Other" in values:
            problems.append((loc + ("other",), f"an option is already called '{OTHER}'; remove it or the 'other' key"))
        if f"{field.get('id')}_{OTHER}" in ids:
            problems.append((loc + ("other",), f"the 'Other' box saves under '{field.get('id')}_{OTHER}', which another field uses"))
    return problems


def _option_values(field: dict[str, Any]) -> set[str]:
    """The values a choice or checklist saves: option values (derived from plain-string options) and 'other'."""
    key = "options" if field.get("kind") == "choice" else "items"
    raw = field.get(key)
    cooked = _options_from_strings(raw) if isinstance(raw, list) else []
    values = {o.get("value") for o in cooked if isinstance(o, dict) and isinstance(o.get("value"), str)}
    return values | ({OTHER} if field.get("other") else set())


def _example_problem(field: dict[str, Any], value: Any) -> str | None:
    """Why ``value`` is not an answer this field could hold, or None when it is."""
    kind = field.get("kind")
    if kind in ("text", "textarea", "goal"):
        return None if isinstance(value, str) else "expected text"
    if kind == "date":
        if not isinstance(value, str) or not _DATE.match(value):
            return "expected a date as 'YYYY-MM-DD' in quotes"
        return None if _is_calendar_date(value) else f"'{value}' is not a date in the calendar"
    if kind == "scale":
        low, high = field.get("min", 0), field.get("max", 10)
        if not all(_is_int(n) for n in (low, high)):
            return None  # the model reports the bad range itself
        step = field.get("step", 1)
        if _is_int(value) and low <= value <= high:
            if not _is_int(step) or step < 1 or (high - low) % step or (value - low) % step == 0:
                return None  # a bad step is the model's to report
            return f"expected one of the scale's points: {', '.join(map(str, range(low, high + 1, step)))}"
        return f"expected a whole number from {low} to {high}"
    if kind in ("choice", "checklist"):
        values = _option_values(field)
        many = kind == "checklist" or field.get("multiple")
        chosen = value if many and isinstance(value, list) else [value] if not many and isinstance(value, str) else None
        if chosen is None:
            return "expected a list of option values" if many else "expected one option value"
        unknown = [v for v in chosen if not isinstance(v, str) or v not in values]
        return f"not an option value: {', '.join(map(str, unknown))}; expected one of: {', '.join(sorted(values))}" if unknown else None
    if kind == "tracker":
        if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
            return "expected a list of {date, rating, note}"
        for n, entry in enumerate(value):
            if set(entry) - {"date", "rating", "note"} or not _DATE.match(str(entry.get("date", ""))):
                return f"entry {n}: expected keys date ('YYYY-MM-DD'), rating (0-10) and an optional note"
            if not _is_int(entry.get("rating")) or not 0 <= entry["rating"] <= 10:
                return f"entry {n}: rating must be a whole number from 0 to 10"
            if not isinstance(entry.get("note", ""), str):
                return f"entry {n}: a note must be text"
        return None
    if kind == "repeat":
        if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
            return "expected a list of rows, each a mapping of sub-field id to answer"
        raw = field.get("fields")
        subs = {sub.get("id"): sub for sub in raw if isinstance(sub, dict)} if isinstance(raw, list) else {}
        for n, row in enumerate(value):
            for key, cell in row.items():
                if not isinstance(key, str):
                    return f"row {n}: no sub-field '{key}'; expected one of: {', '.join(map(str, subs))}"
                sub = subs.get(key)
                if sub is None and key.endswith(f"_{OTHER}") and subs.get(key[: -len(OTHER) - 1], {}).get("other"):
                    sub = {"kind": "text"}
                if sub is None:
                    return f"row {n}: no sub-field '{key}'; expected one of: {', '.join(map(str, subs))}"
                problem = _example_problem(sub, cell)
                if problem:
                    return f"row {n}, {key}: {problem}"
        return None
    return None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_calendar_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _check_example(loc: Loc, field: dict[str, Any]) -> list[tuple[Loc, str]]:
    if "example" not in field or field["example"] is None:
        return []
    problem = _example_problem(field, field["example"])
    return [(loc + ("example",), f"example: {problem}")] if problem else []


def _unique_ids(fields: list[tuple[Loc, dict[str, Any]]]) -> list[tuple[Loc, str]]:
    first: dict[Any, Loc] = {}
    problems = []
    for loc, field in fields:
        field_id = field.get("id")
        if not isinstance(field_id, str):
            continue
        if field_id in first:
            problems.append((loc + ("id",), f"duplicate field id '{field_id}' (first used at {format_loc(first[field_id])})"))
        first.setdefault(field_id, loc + ("id",))
    return problems


def _decode(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(shown, line, col, "", f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")]
    return text.lstrip("\ufeff"), []


def _too_big(text: str, shown: str) -> Problem | None:
    """Refuse excessive nesting and alias expansion before building anything.

    Reads the event stream (flat, linear in the text) and counts the nodes a
    full expansion would create: each alias adds the size of the node its
    anchor names, so a chain of aliases is measured without expanding it.
    """
    size: dict[str, int] = {}
    open_: list[tuple[str | None, int]] = []  # (anchor, count when it started)
    count = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent):
            if any(anchor == event.anchor for anchor, _ in open_):
                m = event.start_mark
                return Problem(shown, m.line + 1, m.column + 1, "",
                               f"alias *{event.anchor} stands for a value it is part of (&{event.anchor}); "
                               "a value cannot contain itself")
            count += size.get(event.anchor, 1)
        elif isinstance(event, yaml.ScalarEvent):
            count += 1
            if event.anchor:
                size[event.anchor] = 1
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            count += 1
            open_.append((event.anchor, count))
            if len(open_) > MAX_DEPTH:
                m = event.start_mark
                return Problem(shown, m.line + 1, m.column + 1, "",
                               f"nested more than {MAX_DEPTH} levels deep; a worksheet needs far fewer")
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            anchor, start = open_.pop()
            if anchor:
                size[anchor] = count - start + 1
        else:
            continue
        if count > MAX_NODES:
            m = event.start_mark
            return Problem(shown, m.line + 1, m.column + 1, "",
                           f"more than {MAX_NODES:,} values in all, counting each alias (*name) "
                           "as the values it stands for; a worksheet needs far fewer")
    return None


def _yaml_problem(exc: yaml.YAMLError, text: str, shown: str) -> Problem:
    """PyYAML's error at its place: marked errors carry a line, reader errors a character position."""
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or "\0")
        return Problem(shown, line, col, "", f"YAML syntax: unacceptable character #x{char:04x}: {exc.reason}")
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        context = ""
        if exc.context and exc.context_mark:
            context = f"{exc.context} (line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1}): "
        return Problem(shown, line, col, "", f"YAML syntax: {context}{exc.problem or ''}")
    return Problem(shown, 1, 1, "", f"YAML syntax: {exc}")


def parse(text: str, shown: str) -> tuple[Worksheet | None, list[Problem]]:
    """Validate one worksheet's YAML text; ``shown`` is the path used in messages.

    Never raises: a mistake in a check itself is reported against the file (and
    is a bug to fix), so ``workbook validate`` and ``mkdocs build`` always end
    in messages.
    """
    try:
        return _parse(text, shown)
    except Exception as exc:  # noqa: BLE001 - the backstop: any bug below becomes a message
        return None, [Problem(shown, 1, 1, "", f"internal error while checking this file "
                              f"({type(exc).__name__}: {exc}); please report it with this file")]


def _parse(text: str, shown: str) -> tuple[Worksheet | None, list[Problem]]:
    if not text.strip() or all(l.strip().startswith("#") or not l.strip() for l in text.splitlines()):
        return None, [Problem(shown, 1, 1, "", "file is empty; expected a worksheet (id, title, summary, sections)")]
    try:
        limit = _too_big(text, shown)
        if limit:
            return None, [limit]
        node = yaml.compose(text, Loader=_LOADER)
        data = _Constructor().construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        return None, [_yaml_problem(exc, text, shown)]
    if not isinstance(data, dict):
        got = "a list" if isinstance(data, list) else "a single value"
        return None, [Problem(shown, node.start_mark.line + 1, node.start_mark.column + 1, "",
                              f"expected a mapping of keys (id, title, ...) at the top level, got {got}")]
    pos = _Positions()
    dup: list[tuple[Loc, yaml.Mark, str]] = []
    _walk(node, (), pos, dup)
    problems = [Problem(shown, m.line + 1, m.column + 1, format_loc(loc), msg) for loc, m, msg in dup]

    def at(loc: Loc, message: str, key: bool = False) -> Problem:
        mark = pos.key(loc) if key else pos.value(loc)
        return Problem(shown, mark.line + 1, mark.column + 1, format_loc(loc), message)

    checked = _cross_check(data)
    problems += [at(loc, message) for loc, message in checked]
    try:
        ws = Worksheet.model_validate(data)
    except ValidationError as exc:
        # An example's shape is a union: pydantic reports every arm it tried, in its own type names.
        # The loader's own example check says it in one line; pydantic's are dropped, or become one line.
        explained = {loc for loc, _ in checked if loc[-1:] == ("example",)}
        for err in exc.errors(include_url=False):
            loc = _strip_tags(tuple(err["loc"]), data)
            if "example" in loc:
                loc = loc[: loc.index("example") + 1]
                if loc not in explained:
                    explained.add(loc)
                    problems.append(at(loc, f"example: {_EXAMPLE_SHAPES}"))
                continue
            loc, message, key = _message(err, loc, data)
            problems.append(at(loc, message, key))
        ws = None
    if ws is not None:
        ws._origin = (shown, {format_loc(loc): (m.line + 1, m.column + 1) for loc, m in pos.values.items()})
    return (None if problems else ws), sorted(problems)


def problem_at(ws: Worksheet, where: str, message: str) -> Problem:
    """A problem found after loading (say, against the docs' files), at the place ``where`` was written."""
    shown, marks = ws._origin
    line, col = marks.get(where, (1, 1))
    return Problem(shown or f"{ws.id}.yml", line, col, where, message)


def load_file(path: Path) -> tuple[Worksheet | None, list[Problem]]:
    """Read and validate one file; never raises for bad content."""
    shown = display_path(path)
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)  # never read a huge file whole
    except OSError as exc:
        return None, [Problem(shown, 1, 1, "", f"cannot read file: {exc.strerror}")]
    if len(raw) > MAX_BYTES:
        return None, [Problem(shown, 1, 1, "", f"file is over {MAX_BYTES:,} bytes; a worksheet is far smaller")]
    text, problems = _decode(raw, shown)
    if text is None:
        return None, problems
    return parse(text, shown)


def _scripts(path: Path) -> list[Problem]:
    """A <script> in a worksheet is a mistake or an attack: `workbook validate` says so as the build does.

    (Rendering escapes it; this says where it is.) Unreadable or oversized files are load_file's to report.
    """
    try:
        if path.stat().st_size > MAX_BYTES:
            return []
        text = path.read_text("utf-8", errors="replace")
    except OSError:
        return []
    shown = display_path(path)
    return [Problem(shown, line, col, "", csp.script_message()) for line, col in csp.script_positions(text)]


def worksheet_files(paths: Iterable[Path]) -> list[Path]:
    """Expand directories to their ``*.yml`` / ``*.yaml`` files, sorted for stable output."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files += sorted([*p.glob("*.yml"), *p.glob("*.yaml")])
        else:
            files.append(p)
    return files


def load_all(paths: Iterable[Path]) -> list[Worksheet]:
    """Load every worksheet, or raise ``WorksheetError`` with every problem in every file."""
    worksheets: list[Worksheet] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    files = worksheet_files(paths)
    if not files:
        raise WorksheetError([Problem(display_path(Path(p)), 1, 1, "", "no worksheet files (*.yml) found") for p in paths])
    for path in files:
        ws, found = load_file(path)
        scripts = _scripts(path)
        problems += found + scripts
        if ws is None or scripts:
            continue
        if ws.id in seen:
            problems.append(problem_at(ws, "id", f"worksheet id '{ws.id}' is already used by {seen[ws.id]}"))
            continue
        seen[ws.id] = display_path(path)
        worksheets.append(ws)
    if problems:
        raise WorksheetError(problems)
    return menu_order(worksheets)
