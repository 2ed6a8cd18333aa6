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
