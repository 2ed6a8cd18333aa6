"""Inputs that once crashed the loader or slipped past it (review 2): each now gets one exact message.

Every case is a small worksheet written here, loaded from the test's own folder so
messages show ``w.yml:line:col: where: message`` exactly as an author would see them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import loader
from generator.cli import main
from generator.loader import WorksheetError, load_all, load_file

HEAD = "id: w\ntitle: W\nsummary: s\nsections:\n  - title: x\n    fields:\n"


@pytest.fixture
def write(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages name files as the author types them

    def write(text: str, name: str = "w.yml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def messages(path: Path) -> list[str]:
    ws, problems = load_file(path)
    assert ws is None
    return [str(p) for p in problems]


CRASHERS = {
    "control character": (
        HEAD + '      - {id: a, kind: text, label: "A\a"}\n',
        ["w.yml:7:38: YAML syntax: unacceptable character #x0007: control characters are not allowed"],
    ),
    "impossible unquoted date": (
        HEAD + "      - {id: d, kind: date, label: D, example: 2030-02-30}\n",
        ["w.yml:7:48: sections[0].fields[0].example: example: '2030-02-30' is not a date in the calendar"],
    ),
    "alias inside its own anchor": (
        "id: w\ntitle: W\nsummary: s\nsections: &a [*a]\n",
        ["w.yml:4:15: alias *a stands for a value it is part of (&a); a value cannot contain itself"],
    ),
    "list as an id": (
        HEAD + "      - id: [a]\n        kind: text\n        label: A\n",
        ["w.yml:7:13: sections[0].fields[0].id: input should be a valid string (got a list)"],
    ),
    "number as options, with other": (
        HEAD + "      - {id: c, kind: choice, label: C, options: 5, other: Else}\n",
        ["w.yml:7:50: sections[0].fields[0].options: input should be a valid list (got 5)"],
    ),
    "list as an option value, with an example": (
        HEAD + "      - {id: c, kind: choice, label: C, options: [{value: [q], label: z}, b], example: b}\n",
        ["w.yml:7:59: sections[0].fields[0].options[0].value: input should be a valid string (got a list)"],
    ),
    "text as a scale's min, with an example": (
        HEAD + "      - {id: s, kind: scale, label: S, min: lo, example: 5}\n",
        ["w.yml:7:45: sections[0].fields[0].min: input should be a valid integer, "
         "unable to parse string as an integer (got 'lo')"],
    ),
    "number as a repeat example's key": (
        HEAD + "      - {id: r, kind: repeat, label: R, fields: [{id: t, kind: text, label: T}], example: [{1: x}]}\n",
        ["w.yml:7:91: sections[0].fields[0].example: example: row 0: no sub-field '1'; expected one of: t"],
    ),
}


@pytest.mark.parametrize("text, expected", CRASHERS.values(), ids=CRASHERS.keys())
def test_inputs_that_crashed_get_one_exact_message(write, text, expected):
    assert messages(write(text)) == expected


def test_every_crasher_is_reported_in_one_validate_run(write, capsys):
    for n, (text, _) in enumerate(CRASHERS.values()):
        write(text.replace("id: w\n", f"id: w{n}\n", 1), f"w{n}.yml")
    assert main(["validate", "."]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{len(CRASHERS)} problem(s) found." in err
    for n, (_, expected) in enumerate(CRASHERS.values()):
        assert expected[0].replace("w.yml", f"w{n}.yml") in err


def test_an_unquoted_date_is_text_not_a_date_object(write):
    ws, problems = load_file(write(HEAD + "      - {id: a, kind: text, label: A, example: 2030-02-01}\n"))
    assert problems == [] and ws.field("a").example == "2030-02-01"


def test_a_failing_cross_check_is_a_message_not_a_traceback(write, monkeypatch):
    def broken(data):
        raise RuntimeError("boom")

    monkeypatch.setattr(loader, "_cross_check", broken)
    assert messages(write(HEAD + "      - {id: a, kind: text, label: A}\n")) == [
        "w.yml:1:1: internal error while checking this file (RuntimeError: boom); please report it with this file"
    ]


def test_the_cli_never_ends_in_a_traceback(monkeypatch, capsys):
    def broken(paths):
        raise RuntimeError("boom")

    monkeypatch.setattr(loader, "load_all", broken)
    assert main(["validate", "x"]) == 1
    err = capsys.readouterr().err
    assert err == "workbook: internal error (RuntimeError: boom); please report it\n"


# --- checks that were missing (review 2 #6-#10) -------------------------------------------------

REPEAT = "      - id: r\n        kind: repeat\n        label: R\n        fields:\n"
SLIPPED = {
    "#6 the whole workbook's PDF name": (
        HEAD.replace("id: w", "id: workbook"),
        ["w.yml:1:5: id: 'workbook' is reserved: pdf/workbook.pdf is the whole workbook; choose another id"],
    ),
    "#6 another worksheet's example PDF name": (
        HEAD.replace("id: w", "id: a-example"),
        ["w.yml:1:5: id: an id may not end in '-example': pdf/<id>-example.pdf is a worksheet's example PDF; "
         "choose another id"],
    ),
    "#7 a script in an intro": (
        HEAD.replace("summary: s\n", "summary: s\nintro: 'Hi <script>x</script>'\n") + "      - {id: a, kind: texts, label: A}\n",
        ["w.yml:4:12: inline <script> in a worksheet: content must not be able to run code "
         "(put behaviour in site_overrides/assets/javascripts/)",
         "w.yml:8:23: sections[0].fields[0].kind: unknown kind 'texts'; expected one of: "
         "text, textarea, goal, scale, choice, checklist, date, repeat, tracker"],
    ),
    "#8 two plain options with one value": (
        "      - {id: c, kind: choice, label: C, options: [Yes!, Yes?]}\n",
        ["w.yml:7:57: sections[0].fields[0].options[1]: duplicate option value 'yes' (also options[0]); "
         "an option written as text takes its value from its label, so write this one as {value: <id>, label: 'Yes?'}"],
    ),
    "#8 two explicit options with one value": (
        "      - {id: c, kind: checklist, label: C, items: [{value: a, label: A}, {value: a, label: B}]}\n",
        ["w.yml:7:82: sections[0].fields[0].items[1].value: duplicate option value 'a' (also items[0])"],
    ),
    "#9 a repeat's Other box and a sub-field of the same id": (
        REPEAT + "          - {id: c, kind: choice, label: C, options: [x, y], other: Else}\n"
        "          - {id: c_other, kind: text, label: T}\n",
        ["w.yml:11:69: sections[0].fields[0].fields[0].other: "
         "the 'Other' box saves under 'c_other', which another field uses"],
    ),
    "#10 a step that does not divide the range": (
        "      - {id: s, kind: scale, label: S, max: 10, step: 3, example: 5}\n",
        ["w.yml:7:55: sections[0].fields[0].step: step 3 does not divide the range 0 to 10, so 10 would not be "
         "a point; use a step that divides 10"],
    ),
    "#10 an example between the points": (
        "      - {id: s, kind: scale, label: S, max: 10, step: 2, example: 5}\n",
        ["w.yml:7:67: sections[0].fields[0].example: example: expected one of the scale's points: 0, 2, 4, 6, 8, 10"],
    ),
}


@pytest.mark.parametrize("text, expected", SLIPPED.values(), ids=SLIPPED.keys())
def test_what_slipped_through_is_reported(write, text, expected):
    whole = text if text.startswith("id:") else HEAD + text
    if whole.endswith("fields:\n"):
        whole += "      - {id: a, kind: text, label: A}\n"
    with pytest.raises(WorksheetError) as caught:
        load_all([write(whole)])
    assert [str(p) for p in caught.value.problems] == expected


def test_validate_reports_a_script_with_the_other_problems(write, capsys):
    write(SLIPPED["#7 a script in an intro"][0])
    assert main(["validate", "w.yml"]) == 1
    assert capsys.readouterr().err.endswith("2 problem(s) found.\n")


def test_a_plain_option_that_makes_a_bad_value_says_to_give_one(write):
    assert messages(write(HEAD + "      - {id: c, kind: choice, label: C, options: [1 time, b]}\n")) == [
        "w.yml:7:51: sections[0].fields[0].options[0]: the option '1 time' makes the value '1-time', which is not "
        "a valid id (lower-case letters, digits, '-' or '_', starting with a letter); write it as "
        "{value: <id>, label: '1 time'}"
    ]


def test_a_repeated_worksheet_id_is_reported_where_it_is_written(write):
    write(HEAD + "      - {id: a, kind: text, label: A}\n", "a.yml")
    write("title: W\nsummary: s\n# the id comes late here\nid:   w\n" + HEAD.split("summary: s\n", 1)[1]
          + "      - {id: a, kind: text, label: A}\n", "b.yml")
    with pytest.raises(WorksheetError) as caught:
        load_all([Path(".")])
    assert [str(p) for p in caught.value.problems] == ["b.yml:4:7: id: worksheet id 'w' is already used by a.yml"]
