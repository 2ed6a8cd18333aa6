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
    # content v2 (issue 17)
    "my-values",
    "goal-ladder",
    "if-then-plan",
    "before-each-session",
    "safety-plan",
}
CONTENT = REPO / "content"


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
    yield from (ws.title, ws.summary, ws.intro or "", ws.print_intro or "")
    for section in ws.sections:
        yield from (section.title, section.intro or "")
    for field in all_fields(ws):
        yield from (field.label, field.help or "", field.placeholder or "")
        yield from example_texts(field.example)
        if isinstance(field, (ScaleField, TrackerField)):
            yield from (field.min_label or "", field.max_label or "")
        if isinstance(field, ChoiceField):
            yield from (o.label for o in field.options)
        if isinstance(field, ChecklistField):
            yield from (o.label for o in field.items)
        if isinstance(field, RepeatField):
            yield field.add_label


def example_texts(value) -> Iterator[str]:
    """The words of an example answer (rows and entries included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from example_texts(list(item.values()) if isinstance(item, dict) else item)


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


# --- content v2 (issue 17) -----------------------------------------------------


@pytest.mark.parametrize("ws_id", sorted(EXPECTED_IDS))
def test_every_field_has_an_example_from_the_worked_case(worksheets, ws_id):
    ws = worksheets[ws_id]
    missing = [f.id for f in ws.fields() if f.example is None]
    assert not missing, f"{ws_id}: no example for {missing}"
    for field in ws.fields():
        if isinstance(field, RepeatField):
            used = {key for row in field.example for key in row}
            unused = [sub.id for sub in field.fields if sub.id not in used]
            assert not unused, f"{ws_id}.{field.id}: no example row fills {unused}"


@pytest.mark.parametrize("ws_id", sorted(EXPECTED_IDS))
def test_every_worksheet_links_back_to_a_chapter_that_links_to_it(worksheets, ws_id):
    chapter = worksheets[ws_id].chapter
    assert chapter is not None, f"{ws_id}: add a 'chapter' key so the page links back to its chapter"
    path = CONTENT / chapter.page
    assert path.is_file(), f"{ws_id}: chapter {chapter.page} does not exist"
    text = path.read_text(encoding="utf-8")
    assert f"worksheets/{ws_id}.md" in text, f"content/{chapter.page} does not link to worksheets/{ws_id}.md"
    heading = re.search(r"^# (.+)$", text, re.M).group(1)
    assert chapter.title == heading, f"{ws_id}: chapter title {chapter.title!r} is not the chapter's heading {heading!r}"


def _scales(ws: Worksheet) -> Iterator[tuple[str, FieldBase]]:
    for field in all_fields(ws):
        if isinstance(field, (ScaleField, TrackerField)):
            yield f"{ws.id}.{field.id}", field


def test_every_scale_starts_at_not_at_all_so_up_is_always_more(worksheets):
    # Issue 17: a chapter rated tension with 10 = as tense as ever while the tracker said 10 = fully
    # met. Every scale now runs from "not at all ..." at 0 up to the most of the same thing at 10.
    wrong = [(name, f.min_label) for ws in worksheets.values() for name, f in _scales(ws)
             if not (f.min_label or "").startswith("not at all")]
    assert not wrong, f"scales whose 0 is not 'not at all ...': {wrong}"


def test_goal_ratings_run_from_not_at_all_there_to_fully_there(worksheets):
    goal_scales = [f for ws in worksheets.values() for _, f in _scales(ws) if isinstance(f, TrackerField)]
    goal_scales.append(worksheets["reviewing-goals"].field("goals").fields[1])
    assert len(goal_scales) >= 2
    for field in goal_scales:
        assert (field.min_label, field.max_label) == ("not at all there", "fully there"), field.id


def test_no_prompt_asks_two_questions(worksheets):
    doubles = [f"{ws.id}.{f.id}: {f.label}" for ws in worksheets.values() for f in all_fields(ws)
               if f.label.count("?") > 1 or re.search(r"\band (why|what|how|where|when)\b", f.label, re.I)]
    assert not doubles, f"split these prompts into one question each: {doubles}"


def test_reviewing_goals_can_mark_a_goal_achieved(worksheets):
    decision = worksheets["reviewing-goals"].field("goals").fields[2]
    assert [o.value for o in decision.options] == ["achieved", "keep", "change", "drop"]


def test_smart_goal_is_shaped_before_confidence_and_relevant_is_why(worksheets):
    ids = [f.id for f in worksheets["smart-goal"].fields()]
    assert "relevant" not in ids
    assert ids.index("time_bound") < ids.index("confidence") < ids.index("first_steps")
    assert ids.index("obstacles") + 1 == ids.index("obstacle_plan")


def test_before_first_session_has_the_prompts_its_chapters_promise(worksheets):
    ids = {f.id for f in worksheets["before-first-session"].fields()}
    assert {"worries_about_therapy", "last_felt_okay", "scared_to_talk_about", "previous_therapy", "medication",
            "meeting_format", "practical_needs"} <= ids


def test_safety_plan_follows_stanley_brown_and_asks_for_a_professional(worksheets):
    ws = worksheets["safety-plan"]
    titles = [s.title for s in ws.sections]
    assert titles[:6] == [
        "1. My warning signs", "2. Things I can do on my own to cope",
        "3. People and places that take my mind off things", "4. People I can ask for help",
        "5. Professionals and services I can contact", "6. Making my surroundings safer",
    ]
    for intro in (ws.intro, ws.print_intro):
        assert "with a professional" in intro and "Stanley" in intro and "emergency number" in intro
