"""The aim is found inside longer text: backstory and reasons are context."""

from __future__ import annotations

import pytest

from generator.smart.aim import find, sentences
from generator.smart.normalise import expand
from generator.smart.clauses import normalize


def _aim(text: str) -> tuple[str, str]:
    norm = normalize(expand(text).text)
    a = find(norm)
    return norm[a.start:a.end], " ".join(a.context(norm).split())


@pytest.mark.parametrize("text, aim, context", [
    ("I start a new job in May and I'm scared. I'd like to practise the commute twice in April so I'm on time",
     "i'd like to practise the commute twice in april", "i start a new job in may and i'm scared. so i'm on time"),
    ("put my phone on charge in the kitchen by 11 on weeknights so i stop scrolling in bed",
     "put my phone on charge in the kitchen by 11 on weeknights", "so i stop scrolling in bed"),
    ("So that we stop arguing, I'd like us to sit down for a budget check-in every Sunday.",
     "i'd like us to sit down for a budget check-in every sunday", "so that we stop arguing, ."),
    ("I have 3 kids and I shout at them every day. For the next month I want to take three slow breaths at teatime.",
     "for the next month i want to take three slow breaths at teatime", "i have 3 kids and i shout at them every day. ."),
    ("Meet Priya for coffee once a fortnight, because she keeps asking",
     "meet priya for coffee once a fortnight", ", because she keeps asking"),
    ("Call my mum every Sunday", "call my mum every sunday", ""),
    ("find a flat pass my exams and get fit by summer", "find a flat pass my exams and get fit by summer", ""),
])
def test_aim_and_context(text, aim, context):
    assert _aim(text) == (aim, context)


@pytest.mark.parametrize("text, aim", [
    ("I've been unemployed for 14 months. I want to get some advice, so I'll book the careers adviser this week.",
     "i want to get some advice, so i'll book the careers adviser this week"),
    ("I freeze every time I have to speak, because of my nerves. I want to speak once in each meeting.",
     "i want to speak once in each meeting"),
    ("My patience is thin. I don't ever want to shout at her again.", "i don't ever want to shout at her again"),
    ("Our dog died in May. Walk past the park daily.", "walk past the park daily"),
])
def test_aim_after_backstory(text, aim):
    assert _aim(text)[0] == aim


@pytest.mark.parametrize("text, aim", [
    ("Our landlord has ignored the damp for 18 months, so I want us out of this flat before winter.",
     "i want us out of this flat before winter"),
    ("My review is on 30 June and my manager flagged my slides, so before then I want to present without notes.",
     "before then i want to present without notes"),
    ("Small talk makes my chest tight; for the next six weeks I'll eat lunch there twice a week.",
     "for the next six weeks i'll eat lunch there twice a week"),
    # A fronted "when" clause is the situation (it makes the goal specific): it stays with the aim.
    ("When my partner leaves the kitchen in a mess, I want to tell him calmly.",
     "when my partner leaves the kitchen in a mess, i want to tell him calmly"),
])
def test_aim_starts_after_a_backstory_joint_in_the_same_sentence(text, aim):
    assert _aim(text)[0] == aim


def test_two_stated_aims_in_a_row_stay_together():
    got, _ = _aim("I'm a student. I want to get into medicine. This term I'll do 20 minutes of practice every day.")
    assert got == "i want to get into medicine. this term i'll do 20 minutes of practice every day"


def test_sentences_skip_blank_and_punctuation_only_pieces():
    norm = "walk daily.  ... \n\n then rest!"
    assert [norm[s:e] for s, e in sentences(norm)] == ["walk daily", "then rest"]


def test_no_text_is_all_aim():
    a = find("")
    assert (a.start, a.end) == (0, 0)


# Round 17 (issue 13, candidate S3): the clause the aim sits in, and what it does to the framing rules.
def _rules(text: str):
    from generator.smart.analysis import Analysis
    from generator.smart import framing

    an = Analysis(normalize(expand(text).text))
    heads = [an.clauses[i].toks[h][2] for i, h in enumerate(an.heads) if h is not None]
    return heads, framing.judge(an)[0]


@pytest.mark.parametrize("text, head", [
    ("My goal is to do a budget on a Sunday evening once a week", "do"),
    ("so the goal is to take him out for a burger once a fortnight", "take"),
    ("The main aim for this term is to read one chapter a night", "read"),
    ("my plan is just to walk the dog before work", "walk"),
])
def test_the_verb_after_an_aim_opener_heads_the_clause(text, head):
    assert head in _rules(text)[0]


@pytest.mark.parametrize("text", [
    "my goal is fitness",                       # no verb after the opener: no head is made up
    "the plan is good",
])
def test_an_aim_opener_without_a_verb_has_no_head(text):
    assert _rules(text)[0] == []


@pytest.mark.parametrize("text, expected", [
    # the opener no longer hides the approach half of a packed do + stop goal
    ("My goal is to do a budget once a week, and stop buying things over 20 pounds", "mixed"),
    ("so the goal is to take him out once a fortnight, and not mention school", "mixed"),
    # "with no X" reads as "without X": a part to leave out beside the verb
    ("wind down with no screens for the last 30 minutes before bed", "mixed"),
    ("go a week with no alcohol", "avoidance"),        # a light verb is not an approach, as before "without"
    ("finish the report with no excuses", "approach"),  # an intensifier, as "without excuses"
    ("finish the jigsaw with no problems", "approach"),
    # blocking out time is setting it aside, not cutting something
    ("I will block two hours every Friday morning for notes", "approach"),
    ("block out time for lunch", "approach"),
    ("block his number", "avoidance"),                  # blocking a person or a thing stays avoidance
    ("I will block two hours on Friday for notes and not book any visits then", "mixed"),
    # "<thing> free" without the hyphen, as "<thing>-free"
    ("phone free sundays", "avoidance"),
    ("debt free by 2028", "avoidance"),
    ("feel free to ask for help at work", "approach"),
    ("spend free time with my kids", "approach"),
    ("eat duty free chocolate on the flight", "approach"),
])
def test_framing_rules_read_the_aims_clause(text, expected):
    assert _rules(text)[1] == expected
