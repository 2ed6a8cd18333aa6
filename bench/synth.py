"""Synthetic workbooks of any size, made by cycling the real worksheets under new ids.

The real worksheets are kept as they are (the chapters link to them, and the
real build is strict); copies follow with ids ``<id>-n<k>``, titles
``<title> (<k>)`` and a later ``order``, so every file is a valid, distinct
worksheet that ``generator.loader.load_all`` accepts.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import ROOT

_ID = re.compile(r"^id:\s*(?P<value>\S+)\s*$", re.M)
_TITLE = re.compile(r"^title:\s*(?P<value>.+?)\s*$", re.M)
_ORDER = re.compile(r"^order:\s*\d+\s*$", re.M)


def sources(worksheets_dir: Path = ROOT / "worksheets") -> list[Path]:
    return sorted([*worksheets_dir.glob("*.yml"), *worksheets_dir.glob("*.yaml")])


def variant(text: str, copy: int, order: int) -> tuple[str, str]:
    """A worksheet's YAML as copy number ``copy``: (new id, new text). Only top-level keys change."""
    found = _ID.search(text)
    if not found:
        raise ValueError("worksheet has no top-level 'id:' line")
    new_id = f"{found.group('value')}-n{copy}"
    text = _ID.sub(f"id: {new_id}", text, count=1)
    text = _TITLE.sub(lambda m: f"title: {_quote(_unquote(m.group('value')) + f' ({copy})')}", text, count=1)
    if _ORDER.search(text):
        text = _ORDER.sub(f"order: {order}", text, count=1)
    else:
        text = text.replace(f"id: {new_id}\n", f"id: {new_id}\norder: {order}\n", 1)
    return new_id, text


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_workbook(dest: Path, count: int, worksheets_dir: Path = ROOT / "worksheets") -> list[Path]:
    """Write ``count`` worksheet files into ``dest`` (the real ones first), and the schema editors use."""
    dest.mkdir(parents=True, exist_ok=True)
    real = sources(worksheets_dir)
    if not real:
        raise FileNotFoundError(f"no worksheets in {worksheets_dir}")
    written: list[Path] = []
    schema = worksheets_dir / "schema.json"
    if schema.exists():
        (dest / "schema.json").write_bytes(schema.read_bytes())
    for path in real[:count]:
        target = dest / path.name
        target.write_bytes(path.read_bytes())
        written.append(target)
    n = len(written)
    while n < count:
        source = real[n % len(real)]
        copy = n // len(real)
        new_id, text = variant(source.read_text("utf-8"), copy, 1000 + n)
        target = dest / f"{new_id}.yml"
        target.write_text(text, encoding="utf-8")
        written.append(target)
        n += 1
    return written
