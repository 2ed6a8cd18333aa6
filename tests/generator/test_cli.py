"""The workbook command's verbs and exit codes (0 ok, 1 bad input, 2 usage)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


def test_validate_good_files_exits_0(capsys):
    assert main(["validate", str(FIXTURES / "all_kinds.yml")]) == 0
    assert "OK: 1 worksheet(s) valid: all-kinds" in capsys.readouterr().out


def test_validate_bad_files_exits_1_with_every_message(capsys):
    code = main(["validate", str(FIXTURES / "unknown_kind.yml"), str(FIXTURES / "bad_range.yml")])
    err = capsys.readouterr().err
    assert code == 1
    assert "unknown_kind.yml:8:15: sections[0].fields[0].kind: unknown kind 'slider'" in err
    assert "bad_range.yml:11:14: sections[0].fields[0].max:" in err
    assert "2 problem(s) found." in err


def test_validate_defaults_to_the_worksheets_folder(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["validate"]) == 0


def test_schema_prints_json(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Worksheet"


def test_usage_errors_exit_2():
    with pytest.raises(SystemExit) as caught:
        main(["frobnicate"])
    assert caught.value.code == 2


def test_console_script_runs_without_a_traceback():
    exe = Path(sys.executable).with_name("workbook")
    done = subprocess.run([exe, "validate", FIXTURES / "empty.yml"], capture_output=True, text=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "empty.yml:1:1: file is empty" in done.stderr


def test_a_reader_that_stops_early_is_not_an_internal_error():
    """`workbook check ... | head -3`: the pipe closes while the report is written."""
    exe = Path(sys.executable).with_name("workbook")
    goal = "walk 20 minutes every morning before work this month " * 2000  # more than a pipe buffer holds
    with subprocess.Popen([exe, "check", goal], stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout.read(10) == b"Goal: walk"
        proc.stdout.close()  # the reader leaves
        err = proc.stderr.read().decode()
    assert proc.returncode == 1
    assert err == "", err


def test_check_json_is_the_checker_contract(capsys):
    from generator.smart import check_goal

    goal = "Walk for 20 minutes every morning for the next three weeks"
    assert main(["check", goal, "--why", "I want more energy for my kids", "--confidence", "8", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == check_goal(goal, why="I want more energy for my kids", confidence=8).to_dict()
    assert set(printed["criteria"]) == {"specific", "measurable", "attainable", "relevant", "time_bound"}


def test_check_prints_a_readable_report(capsys):
    assert main(["check", "be less anxious around people"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Goal: be less anxious around people")
    for name in ("Specific", "Measurable", "Attainable", "Relevant", "Time-bound", "Framing"):
        assert name in out


@pytest.mark.parametrize("bad", ["11", "-1", "high"])
def test_check_refuses_a_bad_confidence(bad, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["check", "walk", "--confidence", bad])
    assert caught.value.code == 2
    assert "--confidence" in capsys.readouterr().err


# --- review 2 #11: an output path that cannot be written is a usage error (exit 2), in one line ----------


def test_unwritable_outputs_exit_2_naming_the_path(tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>x</title>")
    a_file = tmp_path / "file"
    a_file.write_text("")
    runs = {
        "schema": ["schema", "-o", str(tmp_path / "nonexist" / "x.json")],
        "deploy": ["deploy", "nginx", "--site", str(site), "-o", str(tmp_path / "nonexist" / "x")],
        "pdf": ["pdf", "--out", str(a_file / "pdf"), "--worksheets", str(FIXTURES / "all_kinds.yml")],
    }
    errors = {}
    for verb, argv in runs.items():
        assert main(argv) == 2, verb
        errors[verb] = capsys.readouterr().err
    assert errors == {
        "schema": f"workbook schema: cannot write {tmp_path / 'nonexist' / 'x.json'}: No such file or directory\n",
        "deploy": f"workbook deploy: cannot write {tmp_path / 'nonexist' / 'x'}: No such file or directory\n",
        "pdf": f"workbook pdf: cannot write {a_file / 'pdf'}: Not a directory\n",
    }


def test_pdf_counts_the_problems_like_validate(capsys):
    assert main(["pdf", "--worksheets", str(FIXTURES / "unknown_kind.yml")]) == 1
    assert capsys.readouterr().err.endswith("\n1 problem(s) found.\n")
