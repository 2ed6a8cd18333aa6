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


def test_schema_offers_the_v2_keys():
    defs = json_schema()["$defs"]
    assert {"example", "other"} <= set(defs["ChoiceField"]["properties"])
    assert "other" in defs["ChecklistField"]["properties"]
    assert {"example", "print_rows"} <= set(defs["RepeatField"]["properties"])
    assert {"print_intro", "chapter"} <= set(json_schema()["properties"])


def _errors(tmp_path, fields: str) -> list[str]:
    from generator.loader import load_file

    path = tmp_path / "w.yml"
    path.write_text("id: w\ntitle: W\nsummary: S.\nsections:\n  - title: T\n    fields:\n" + fields, "utf-8")
    _, problems = load_file(path)
    return [f"{p.line}: {p.where}: {p.message}" for p in problems]


def test_an_example_must_be_an_answer_the_field_could_hold(tmp_path):
    got = _errors(tmp_path, """\
      - {id: a, kind: scale, label: A, example: 11}
      - {id: b, kind: choice, label: B, options: [sure, nope], example: maybe}
      - {id: c, kind: checklist, label: C, items: [x], example: x}
      - {id: d, kind: date, label: D, example: "next week"}
      - id: e
        kind: repeat
        label: E
        fields: [{id: s, kind: text, label: S}]
        example: [{s: fine}, {t: nope}]
""")
    assert got == [
        "7: sections[0].fields[0].example: example: expected a whole number from 0 to 10",
        "8: sections[0].fields[1].example: example: not an option value: maybe; expected one of: nope, sure",
        "9: sections[0].fields[2].example: example: expected a list of option values",
        "10: sections[0].fields[3].example: example: expected a date as 'YYYY-MM-DD' in quotes",
        "15: sections[0].fields[4].example: example: row 1: no sub-field 't'; expected one of: s",
    ]


def test_other_may_not_clash_with_an_option_or_a_field(tmp_path):
    got = _errors(tmp_path, """\
      - {id: a, kind: choice, label: A, options: [sure, other], other: Else}
      - {id: b, kind: checklist, label: B, items: [x], other: Else}
      - {id: b_other, kind: text, label: B}
""")
    assert got == [
        "7: sections[0].fields[0].other: an option is already called 'other'; remove it or the 'other' key",
        "8: sections[0].fields[1].other: the 'Other' box saves under 'b_other', which another field uses",
    ]
