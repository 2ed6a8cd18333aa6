"""Each class of worksheet error, reported like a compiler: file:line:col: path: message."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.loader import WorksheetError, load_all, load_file
from generator.model import GoalField, RepeatField, ScaleField, TrackerField

FIXTURES = Path(__file__).parent / "fixtures"
REL = "tests/generator/fixtures"


@pytest.fixture(autouse=True)
def _repo_root(monkeypatch):
    # Messages show paths relative to the working directory, as an author types them.
    monkeypatch.chdir(Path(__file__).parents[2])


def messages(name: str) -> list[str]:
    ws, problems = load_file(FIXTURES / name)
    assert ws is None
    return [str(p) for p in problems]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("unknown_kind.yml", [
            f"{REL}/unknown_kind.yml:8:15: sections[0].fields[0].kind: unknown kind 'slider'; expected one of: "
            "text, textarea, goal, scale, choice, checklist, date, repeat, tracker",
        ]),
        ("unknown_key.yml", [
            f"{REL}/unknown_key.yml:4:1: colour: unknown key 'colour'",
            f"{REL}/unknown_key.yml:8:39: sections[0].fields[0].hint: unknown key 'hint'",
        ]),
        ("duplicate_ids.yml", [
            f"{REL}/duplicate_ids.yml:10:14: sections[1].fields[0].id: duplicate field id 'a' "
            "(first used at sections[0].fields[0].id)",
        ]),
        ("wrong_type.yml", [
            f"{REL}/wrong_type.yml:10:22: sections[0].fields[0].print_lines: input should be a valid integer, "
            "unable to parse string as an integer (got 'lots')",
        ]),
        ("bad_range.yml", [
            f"{REL}/bad_range.yml:11:14: sections[0].fields[0].max: max (10) must be greater than min (10)",
        ]),
        ("missing_key.yml", [
            f"{REL}/missing_key.yml:1:1: summary: missing required key 'summary'",
            f"{REL}/missing_key.yml:6:9: sections[0].fields[0].label: missing required key 'label'",
        ]),
        ("empty.yml", [
            f"{REL}/empty.yml:1:1: file is empty; expected a worksheet (id, title, summary, sections)",
        ]),
        ("not_utf8.yml", [
            f"{REL}/not_utf8.yml:2:11: not UTF-8 text (byte 0xe9); save the file as UTF-8",
        ]),
        ("yaml_syntax.yml", [
            f"{REL}/yaml_syntax.yml:4:1: YAML syntax: while scanning a quoted scalar (line 2, column 8): "
            "found unexpected end of stream",
        ]),
    ],
)
def test_each_error_class_has_an_exact_message(name, expected):
    assert messages(name) == expected


def test_worksheet_ids_must_be_unique_across_files():
    with pytest.raises(WorksheetError) as caught:
        load_all([FIXTURES / "dup_worksheets"])
    assert [str(p) for p in caught.value.problems] == [
        f"{REL}/dup_worksheets/b.yml:1:5: id: worksheet id 'same' is already used by {REL}/dup_worksheets/a.yml"
    ]


def test_all_problems_in_all_files_are_reported_at_once(tmp_path):
    for name in ("unknown_kind.yml", "unknown_key.yml", "bad_range.yml", "all_kinds.yml"):
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    with pytest.raises(WorksheetError) as caught:
        load_all([tmp_path])
    assert len(caught.value.problems) == 4
    assert {Path(p.path).name for p in caught.value.problems} == {"unknown_kind.yml", "unknown_key.yml", "bad_range.yml"}


def test_many_problems_in_one_file_are_all_reported(tmp_path):
    bad = tmp_path / "many.yml"
    bad.write_text(
        "id: Bad Id\ntitle: T\nsummary: S\nextra: 1\nsections:\n"
        "  - title: One\n    fields:\n"
        "      - {id: a, kind: slider, label: A}\n"
        "      - {id: a, kind: scale, label: B, min: 3, max: 1}\n"
        "      - {id: g, kind: goal, label: G, why: nowhere}\n"
        "      - {id: l, kind: text, label: no}\n",
        encoding="utf-8",
    )
    _, problems = load_file(bad)
    wheres = [p.where for p in problems]
    assert wheres == [
        "id", "extra", "sections[0].fields[0].kind", "sections[0].fields[1].id", "sections[0].fields[1].max",
        "sections[0].fields[2].why", "sections[0].fields[3].label",
    ]
    assert "YAML reads yes/no/on/off as true/false" in problems[-1].message


def test_duplicate_yaml_keys_are_not_silently_overwritten(tmp_path):
    bad = tmp_path / "dup_key.yml"
    bad.write_text("id: a\ntitle: One\ntitle: Two\nsummary: s\nsections: [{title: x, fields: [{id: a, kind: text, label: A}]}]\n")
    _, problems = load_file(bad)
    assert [(p.line, p.where, p.message) for p in problems] == [(3, "title", "duplicate key 'title' (first given on line 2)")]


def test_kinds_not_allowed_in_a_repeat_group(tmp_path):
    bad = tmp_path / "nested.yml"
    bad.write_text(
        "id: n\ntitle: N\nsummary: s\nsections:\n  - title: x\n    fields:\n"
        "      - id: r\n        kind: repeat\n        label: R\n        fields:\n"
        "          - {id: t, kind: tracker, label: T}\n"
    )
    _, problems = load_file(bad)
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "sections[0].fields[0].fields[0].kind: unknown kind 'tracker' (not allowed inside a repeat group); "
        "expected one of: text, textarea, scale, choice, date"
    ]


def test_companion_fields_must_have_the_right_kind(tmp_path):
    bad = tmp_path / "links.yml"
    bad.write_text(
        "id: l\ntitle: L\nsummary: s\nsections:\n  - title: x\n    fields:\n"
        "      - {id: g, kind: goal, label: G, why: w, confidence: w}\n"
        "      - {id: w, kind: textarea, label: W}\n"
        "      - {id: t, kind: tracker, label: T, goal: w}\n"
    )
    _, problems = load_file(bad)
    assert [(p.where, p.message) for p in problems] == [
        ("sections[0].fields[0].confidence", "field 'w' is a textarea; expected a scale field"),
        ("sections[0].fields[2].goal", "field 'w' is a textarea; expected a goal field"),
    ]


def test_review_field_must_name_a_date_field_of_the_worksheet(tmp_path):
    head = "id: r\ntitle: R\nsummary: s\nreview_field: {ref}\nsections:\n  - title: x\n    fields:\n"
    body = "      - {id: g, kind: goal, label: G}\n      - {id: when, kind: date, label: When}\n"
    results = {}
    for ref in ("when", "g", "nope"):
        path = tmp_path / f"{ref}.yml"
        path.write_text(head.format(ref=ref) + body)
        _, problems = load_file(path)
        results[ref] = [(p.line, p.where, p.message) for p in problems]
    assert results == {
        "when": [],
        "g": [(4, "review_field", "field 'g' is a goal; expected a date field")],
        "nope": [(4, "review_field", "no field with id 'nope' in this worksheet")],
    }


def test_a_good_worksheet_becomes_a_typed_model():
    ws, problems = load_file(FIXTURES / "all_kinds.yml")
    assert problems == []
    kinds = [f.kind for f in ws.fields()]
    assert kinds == ["text", "textarea", "goal", "textarea", "scale", "choice", "choice", "checklist", "date", "repeat", "tracker"]
    goal = ws.field("goal")
    assert isinstance(goal, GoalField) and (goal.why, goal.confidence) == ("why", "sure")
    scale = ws.field("sure")
    assert isinstance(scale, ScaleField) and scale.points == list(range(11))
    assert [o.value for o in ws.field("pick").options] == ["in-person", "online"]
    assert isinstance(ws.field("steps"), RepeatField) and ws.field("steps").min_rows == 2
    assert isinstance(ws.field("ratings"), TrackerField) and ws.field("ratings").goal == "goal"


def test_the_real_worksheets_are_valid():
    worksheets = load_all([Path("worksheets")])
    assert "smart-goal" in [ws.id for ws in worksheets]
