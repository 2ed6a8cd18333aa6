"""Inputs that once crashed the loader or slipped past it (review 2): each now gets one exact message.

Every case is a small worksheet written here, loaded from the test's own folder so
messages show ``w.yml:line:col: where: message`` exactly as an author would see them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import loader
from generator.cli import main
from generator.loader import load_all, load_file

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
