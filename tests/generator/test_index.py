"""The worksheet index the My goals page reads (assets/worksheets.json): built from the model."""

from __future__ import annotations

import json
from pathlib import Path

from generator.index import build_index, index_json, worksheet_url
from generator.loader import load_all
from generator.model import Worksheet

ROOT = Path(__file__).resolve().parents[2]


def sheet(id: str, order: int, fields: list[dict], title: str | None = None, **flags) -> Worksheet:
    return Worksheet.model_validate({
        "id": id, "title": title or id.title(), "summary": "S.", "order": order,
        "sections": [{"title": "One", "fields": fields}], **flags,
    })


def test_goals_and_trackers_with_their_links_in_menu_order():
    later = sheet("tracker", 20, [
        {"id": "goal", "kind": "goal", "label": "My goal"},
        {"id": "notes", "kind": "textarea", "label": "Notes"},
        {"id": "ratings", "kind": "tracker", "label": "How close", "goal": "goal", "min_label": "no", "max_label": "yes"},
    ])
    first = sheet("smart", 10, [
        {"id": "goal", "kind": "goal", "label": "The goal", "why": "why", "confidence": "sure"},
        {"id": "why", "kind": "textarea", "label": "Why"},
        {"id": "sure", "kind": "scale", "label": "How sure"},
    ], title="The SMART builder")
    index = build_index([later, first])
    assert index["format"] == 1
    assert [w["id"] for w in index["worksheets"]] == ["smart", "tracker"]
    assert index["worksheets"][0] == {
        "id": "smart", "title": "The SMART builder", "url": "worksheets/smart/",
        "fields": [{"id": "goal", "kind": "goal", "label": "The goal", "why": "why", "confidence": "sure"}],
        "labels": {"goal": "The goal", "why": "Why", "sure": "How sure"},
    }
    assert index["worksheets"][1]["fields"] == [
        {"id": "goal", "kind": "goal", "label": "My goal", "why": None, "confidence": None},
        {"id": "ratings", "kind": "tracker", "label": "How close", "goal": "goal", "min_label": "no", "max_label": "yes"},
    ]
    assert index["review"] is None


def test_worksheets_without_goals_are_listed_with_no_fields_and_urls_follow_the_site_setting():
    ws = sheet("plain", 1, [{"id": "a", "kind": "text", "label": "A"}])
    assert build_index([ws])["worksheets"][0]["fields"] == []
    assert worksheet_url(ws, use_directory_urls=False) == "worksheets/plain.html"
    assert build_index([ws], use_directory_urls=False)["worksheets"][0]["url"] == "worksheets/plain.html"


def test_the_review_date_is_named_only_when_it_is_a_date_field():
    good = sheet("reviewing-goals", 1, [{"id": "review_date", "kind": "date", "label": "Date"}], review_field="review_date")
    bad = sheet("reviewing-goals", 1, [{"id": "review_date", "kind": "text", "label": "Date"}], review_field="review_date")
    assert build_index([good])["review"] == {"worksheet": "reviewing-goals", "field": "review_date"}
    assert build_index([bad])["review"] is None


def test_the_real_worksheets_index_is_small_json_with_every_goal():
    worksheets = load_all([ROOT / "worksheets"])
    text = index_json(worksheets)
    assert len(text.encode()) < 8000
    index = json.loads(text)
    by_id = {w["id"]: w for w in index["worksheets"]}
    assert set(by_id) == {ws.id for ws in worksheets}
    tracker = next(f for f in by_id["progress-tracker"]["fields"] if f["kind"] == "tracker")
    assert tracker["goal"] == "goal"
    # up to three goals, each with its tracker, as Goals-Based Outcomes does (issue 17)
    assert {f["id"] for f in by_id["progress-tracker"]["fields"]} == {"goal", "ratings", "goal_2", "ratings_2", "goal_3", "ratings_3"}
    smart = by_id["smart-goal"]["fields"][0]
    assert (smart["kind"], smart["why"], smart["confidence"]) == ("goal", "why", "confidence")
    assert index["review"] == {"worksheet": "reviewing-goals", "field": "review_date"}


def test_review_date_and_start_pages_come_from_yaml_flags_not_ids():
    review = sheet("look-back", 30, [{"id": "when", "kind": "date", "label": "When"}], review_field="when")
    later = sheet("also-back", 40, [{"id": "when", "kind": "date", "label": "When"}], review_field="when")
    start = sheet("begin", 20, [{"id": "a", "kind": "text", "label": "A"}], start_here=True)
    plain = sheet("reviewing-goals", 10, [{"id": "review_date", "kind": "date", "label": "Date"}])
    index = build_index([later, review, start, plain])
    assert index["review"] == {"worksheet": "look-back", "field": "when"}
    assert index["start"] == ["begin"]


def test_the_real_worksheets_flag_the_review_and_the_start_pages():
    index = build_index(load_all([ROOT / "worksheets"]))
    assert index["review"] == {"worksheet": "reviewing-goals", "field": "review_date"}
    assert index["start"] == ["smart-goal", "progress-tracker"]
