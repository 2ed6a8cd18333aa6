"""The committed JSON Schema matches the model, and describes real worksheets."""

import json
from pathlib import Path

from generator.model import FIELD_KINDS, json_schema

ROOT = Path(__file__).parents[2]


def test_committed_schema_is_in_sync_with_the_model():
    committed = json.loads((ROOT / "worksheets" / "schema.json").read_text("utf-8"))
    assert committed == json_schema(), "worksheets/schema.json is stale: run 'make schema'"


def test_schema_lists_every_field_kind_and_forbids_unknown_keys():
    schema = json_schema()
    kinds = {d["properties"]["kind"]["const"] for d in schema["$defs"].values() if "kind" in d.get("properties", {})}
    assert kinds == set(FIELD_KINDS)
    assert schema["additionalProperties"] is False
    assert all(d.get("additionalProperties") is False for d in schema["$defs"].values() if d.get("type") == "object")


def test_every_worksheet_points_editors_at_the_schema():
    for path in sorted((ROOT / "worksheets").glob("*.yml")):
        assert path.read_text("utf-8").splitlines()[0] == "# yaml-language-server: $schema=schema.json", path.name
