"""The report's JSON contract, its evidence spans, the why/confidence rules,
the plain-text report, and that the package imports on a bare python3."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from generator.smart import Report, check_goal
from generator.smart.text import format_report
from tests.smart.goalsets import CASES, DEV, ROOT, load

KEYS = ("specific", "measurable", "attainable", "relevant", "time_bound")
GOALS = [r["text"] for path in (DEV, CASES) if path.exists() for r in load(path)]
JUDGEMENTAL = ("you failed", "wrong", "bad goal", "lazy", "should have", "patient", "disorder", "symptom", "unrealistic")


@pytest.mark.parametrize("text", GOALS[::7] + ["", "Call my mum every Sunday"])
def test_json_shape_and_types(text):
    report = check_goal(text, why="I miss her", confidence=8)
    assert isinstance(report, Report)
    data = json.loads(json.dumps(report.to_dict()))
    assert set(data) == {"criteria", "framing", "reframe", "safety", "score", "caution"}
    assert data["safety"] is None  # ordinary goals: the safety screen stays out of the way
    assert type(data["caution"]) is bool
    assert set(data["criteria"]) == set(KEYS)
    for crit in data["criteria"].values():
        assert set(crit) == {"status", "message", "suggestion", "evidence"}
        assert crit["status"] in {"met", "partial", "missing"}
        assert isinstance(crit["message"], str) and crit["message"]
        assert crit["suggestion"] is None or isinstance(crit["suggestion"], str)
        assert isinstance(crit["evidence"], list)
        assert all(isinstance(s, list) and len(s) == 2 and all(type(x) is int for x in s) for s in crit["evidence"])
    assert data["framing"] in {"approach", "avoidance", "mixed"}
    assert (data["reframe"] is None) == (data["framing"] == "approach")
    assert type(data["score"]) is int
    assert data["score"] == sum(c["status"] == "met" for c in data["criteria"].values())


@pytest.mark.parametrize("text", GOALS)
def test_evidence_spans_are_exact_offsets(text):
    data = check_goal(text).to_dict()
    for key, crit in data["criteria"].items():
        prev_end = -1
        for start, end in crit["evidence"]:
            assert 0 <= start < end <= len(text), (key, start, end)
            assert start > prev_end, "sorted and not overlapping"
            prev_end = end
            assert text[start:end].strip() == text[start:end], (key, text[start:end])


def test_evidence_names_the_trigger_words():
    text = "Never check my ex's Instagram again"
    crit = check_goal(text).to_dict()["criteria"]
    assert "Never" in [text[s:e] for s, e in crit["attainable"]["evidence"]]
    text = "Go to bed by 11 pm every weeknight for the next two weeks"
    crit = check_goal(text).to_dict()["criteria"]
    assert [text[s:e] for s, e in crit["time_bound"]["evidence"]] == ["for the next two weeks"]
    assert "every weeknight" in [text[s:e] for s, e in crit["measurable"]["evidence"]]


@pytest.mark.parametrize("why, status", [
    (None, "missing"), ("", "missing"), ("   ", "missing"), ("idk", "missing"),
    ("I miss having friends to laugh with", "met"),
    ("So I can keep up with my kids at the park", "met"),
    ("It matters to me to feel part of something", "met"),
    ("My mum says I should", "partial"),
    ("My doctor told me to", "partial"),
    ("because everyone else does it", "partial"),
    ("My boss wants me to, but really I want to feel less drained", "met"),
])
def test_relevant_reads_the_why(why, status):
    crit = check_goal("Walk to work on Mondays", why=why).relevant
    assert crit.status == status
    assert crit.evidence == []
    if status != "met":
        assert crit.suggestion


@pytest.mark.parametrize("confidence, status", [(None, "met"), (9, "met"), (7, "met"), (6, "partial"), (0, "partial")])
def test_attainable_listens_to_confidence(confidence, status):
    crit = check_goal("Walk for 10 minutes after lunch on weekdays", confidence=confidence).attainable
    assert crit.status == status
    if status == "partial":
        assert "smaller" in crit.message and crit.suggestion


def test_wording_risk_wins_over_confidence():
    for confidence in (None, 2, 10):
        assert check_goal("Never feel anxious again", confidence=confidence).attainable.status == "missing"


@pytest.mark.parametrize("text", GOALS[::3])
def test_messages_are_kind_and_second_person(text):
    report = check_goal(text, why="my mum says so", confidence=4)
    for crit in report.to_dict()["criteria"].values():
        words = (crit["message"] + " " + (crit["suggestion"] or "")).lower()
        assert "you" in words or words.startswith(("this", "there", "why", "it")), words
        assert not any(j in words for j in JUDGEMENTAL), words


def test_format_report_is_readable():
    text = "Stop checking work emails after 8 pm"
    out = format_report(check_goal(text, why="my boss says I should", confidence=5), text)
    lines = out.splitlines()
    assert lines[0] == "Goal: " + text
    for title in ("Specific", "Measurable", "Attainable", "Relevant", "Time-bound"):
        assert any(line.startswith(("[x] " + title, "[~] " + title, "[ ] " + title)) for line in lines), title
    assert "Framing: Avoidance" in out
    assert "instead" in out  # the reframe hint
    assert format_report(check_goal(text).to_dict())  # works on the JSON too


def test_imports_on_bare_python_without_the_rest_of_generator(tmp_path):
    """Only generator/smart and an empty generator/__init__.py, as in the browser."""
    pkg = tmp_path / "generator"
    shutil.copytree(ROOT / "generator" / "smart", pkg / "smart", ignore=shutil.ignore_patterns("__pycache__"))
    (pkg / "__init__.py").write_text("")
    code = ("import sys, json; sys.path.insert(0, '.'); from generator.smart import check_goal; "
            "report = check_goal('Call my mum every Sunday').to_dict(); "
            "print(json.dumps([report['score'], sorted({'yaml', 'jinja2', 'generator.cli'} & set(sys.modules))]))")
    python = shutil.which("python3") or sys.executable
    done = subprocess.run([python, "-I", "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [3, []]  # specific, measurable, attainable
