"""The workbook's own worksheets: all present, linked up, helpful and original.

These tests read the real files in worksheets/ (not fixtures), so they catch a
worksheet that goes missing, a companion link that breaks, or wording that
drifts too close to the reference article in shared/seed/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest

from generator.loader import load_all
from generator.model import (
    ChecklistField,
    ChoiceField,
    FieldBase,
    GoalField,
    RepeatField,
    ScaleField,
    TrackerField,
    Worksheet,
)

REPO = Path(__file__).resolve().parents[2]
WORKSHEETS = REPO / "worksheets"
SEED_DIR = REPO / ".." / "shared" / "seed"
SHINGLE = 8

EXPECTED_IDS = {
    "areas-of-life",
    "what-i-want",
    "relationship-with-myself",
    "relationships-with-others",
    "smart-goal",
    "approach-or-avoidance",
    "before-first-session",
    "progress-tracker",
    "reviewing-goals",
}


@pytest.fixture(scope="module")
def worksheets() -> dict[str, Worksheet]:
    return {ws.id: ws for ws in load_all([WORKSHEETS])}


def all_fields(ws: Worksheet) -> Iterator[FieldBase]:
    """Every field, including the sub-fields of repeat groups."""
    for field in ws.fields():
        yield field
        if isinstance(field, RepeatField):
            yield from field.fields


def worksheet_texts(ws: Worksheet) -> Iterator[str]:
    """Every piece of text a reader sees: titles, intros, labels, help, options."""
    yield from (ws.title, ws.summary, ws.intro or "")
    for section in ws.sections:
        yield from (section.title, section.intro or "")
    for field in all_fields(ws):
        yield from (field.label, field.help or "", field.placeholder or "")
        if isinstance(field, (ScaleField, TrackerField)):
            yield from (field.min_label or "", field.max_label or "")
        if isinstance(field, ChoiceField):
            yield from (o.label for o in field.options)
        if isinstance(field, ChecklistField):
            yield from (o.label for o in field.items)
        if isinstance(field, RepeatField):
            yield field.add_label


def normalise_words(text: str) -> list[str]:
    """Lowercase words with apostrophes dropped and all other punctuation gone."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("'", "")
    return re.sub(r"[^a-z0-9]+", " ", text).split()


def shingles(words: list[str], size: int = SHINGLE) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def test_all_expected_worksheets_load(worksheets):
    missing = EXPECTED_IDS - set(worksheets)
    assert not missing, f"worksheets not found or not valid: {sorted(missing)}"


@pytest.mark.parametrize("ws_id", sorted(EXPECTED_IDS))
def test_file_is_named_after_its_id_and_names_the_schema(ws_id):
    # Chapters link to worksheets/<id>.md, and editors need the schema comment.
    path = WORKSHEETS / f"{ws_id}.yml"
    assert path.is_file(), f"expected {path.relative_to(REPO)}"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema.json"


@pytest.mark.parametrize("ws_id", sorted(EXPECTED_IDS))
def test_each_worksheet_offers_some_help(worksheets, ws_id):
    helped = [f.id for f in all_fields(worksheets[ws_id]) if f.help]
    assert helped, f"{ws_id}: no field has help text; add a hint where one helps"


def test_progress_tracker_follows_its_goal(worksheets):
    ws = worksheets["progress-tracker"]
    tracker = ws.field("ratings")
    assert isinstance(tracker, TrackerField)
    assert tracker.goal == "goal"
    assert isinstance(ws.field(tracker.goal), GoalField)


def test_smart_goal_links_why_and_confidence(worksheets):
    ws = worksheets["smart-goal"]
    goal = ws.field("goal")
    assert isinstance(goal, GoalField)
    assert goal.why == "why" and goal.confidence == "confidence"
    assert ws.field("why") is not None and ws.field("why").kind in ("text", "textarea")
    assert isinstance(ws.field("confidence"), ScaleField)


def test_approach_or_avoidance_has_two_goals(worksheets):
    ids = [g.id for g in worksheets["approach-or-avoidance"].goal_fields()]
    assert ids == ["goal_as_it_comes", "approach_goal"]


@pytest.fixture(scope="module")
def seed_shingles() -> set[tuple[str, ...]]:
    if not SEED_DIR.is_dir():
        pytest.skip(f"reference article folder not found at {SEED_DIR.resolve()}")
    files = sorted(p for p in SEED_DIR.iterdir() if p.is_file())
    if not files:
        pytest.fail(f"{SEED_DIR.resolve()} holds no reference article")
    found: set[tuple[str, ...]] = set()
    for path in files:
        found |= shingles(normalise_words(path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("ws_id", sorted(EXPECTED_IDS))
def test_no_shared_eight_word_run(worksheets, seed_shingles, ws_id):
    ws = worksheets[ws_id]
    offending: set[str] = set()
    for text in worksheet_texts(ws):
        offending |= {" ".join(s) for s in shingles(normalise_words(text)) & seed_shingles}
    assert not offending, (
        f"{ws_id} shares {len(offending)} run(s) of {SHINGLE}+ words with the reference article; reword:\n  "
        + "\n  ".join(sorted(offending))
    )


def test_no_copy_check_catches_a_copied_run(seed_shingles):
    # Guard the guard: a phrase lifted from the article (with different case
    # and punctuation) must be caught.
    seed = next(p for p in sorted(SEED_DIR.iterdir()) if p.is_file()).read_text(encoding="utf-8")
    words = normalise_words(seed)[200:208]
    copied = " ".join(w.upper() for w in words) + "!"
    assert shingles(normalise_words(copied)) & seed_shingles
