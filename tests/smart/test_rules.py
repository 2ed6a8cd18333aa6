"""Each clarification in GUIDELINES.md, on examples written for this test."""

from __future__ import annotations

import pytest

from generator.evaluate import predict
from generator.smart import check_goal


def status(text, key):
    return check_goal(text).to_dict()["criteria"][key]["status"]


@pytest.mark.parametrize("text, expected", [
    ("Swap my evening crisps for an apple", "mixed"),
    ("Replace doom-scrolling with ten minutes of reading in bed", "mixed"),
    ("Take the bus rather than driving to the shops", "mixed"),
    ("Cycle to work instead of taking the car on weekdays", "mixed"),
    ("Stop snacking after dinner", "avoidance"),
    ("Give up fizzy drinks", "avoidance"),
    ("Say no to one extra request a week at work", "approach"),
    ("Swim 20 lengths without stopping", "approach"),
    ("Hold my baby niece every time I visit my sister", "approach"),
    ("Quit gaming at night and go to bed by midnight", "mixed"),
    ("No alcohol on school nights", "avoidance"),
    ("Worry less about what people think", "avoidance"),
])
def test_framing(text, expected):
    assert check_goal(text).framing == expected


@pytest.mark.parametrize("text", [
    "Go for a swim every morning from tomorrow",
    "Start journaling each night starting today",
    "Phone my aunt from now on every Sunday",
    "Quit sugar for good",
    "Apply for that course ASAP",
    "Visit Japan one day",
    "Keep practising the piano until it's done",
])
def test_start_points_are_not_time_bound(text):
    assert status(text, "time_bound") != "met"


@pytest.mark.parametrize("text", [
    "Walk the dog every day", "Call my nan twice a week", "Meditate each morning",
    "Go running on weekdays", "Cook a meal from scratch on Sunday nights",
])
def test_frequency_is_measurable_not_time_bound(text):
    assert status(text, "measurable") == "met"
    assert status(text, "time_bound") == "partial"


@pytest.mark.parametrize("text", [
    "Stretch for ten minutes each morning by 1 March", "Tidy my desk on Friday afternoons until March 1st",
    "Send my CV to a recruiter before 2027-01-15", "Finish the first aid course by 12/12",
    "Go to two pottery classes within two months", "Do yoga twice a week for the next three weeks",
    "Join a choir this semester", "Learn three songs on the ukulele before summer",
    "Sort out my wardrobe by the end of the month", "Plan a day trip with my sister before her wedding in June",
    "Run three times a week for the next eight weeks", "Write a letter to my gran within a fortnight",
])
def test_dates_and_spans_in_many_forms(text):
    assert status(text, "time_bound") == "met", text


@pytest.mark.parametrize("text", [
    "Take my 2 dogs to the beach", "Have lunch with my 4 cousins", "Catch the 8 am train to work",
    "Celebrate my 21st birthday with friends",
])
def test_descriptive_numbers_do_not_measure(text):
    assert status(text, "measurable") != "met"


def test_span_bounds_rather_than_measures():
    got = predict("Keep my phone out of the bedroom for the next four weeks")
    assert got["time_bound"] and not got["measurable"]


@pytest.mark.parametrize("text", [
    "Never skip breakfast again", "Always be kind to my brother", "Be 100% focused in lectures",
    "Perfectly follow my meal plan", "Go to the gym without a single missed day", "Not once snap at my kids",
])
def test_absolutes_are_attainability_risks_not_measures(text):
    got = predict(text)
    assert got["attainable_risk"] and not got["measurable"]


@pytest.mark.parametrize("text, specific", [
    ("Text a friend whenever I feel low", True),
    ("After a bad day, go for a walk round the park", True),
    ("Feel happier", False),
    ("Improve my relationships", False),
    ("Be more confident", False),
    ("Speak up once in each weekly team meeting", True),
    ("Exercise three times a week", False),
])
def test_specific(text, specific):
    assert predict(text)["specific"] is specific


@pytest.mark.parametrize("text", [
    "Lose 15 kg by the end of this month",
    "Save £8,000 this month",
    "Pay off all my debts in two weeks",
    "Make a big group of close friends by next week",
    "Go to the gym, learn Spanish and find a new job by summer",
])
def test_overreaching_goals(text):
    assert predict(text)["attainable_risk"]


def test_one_goal_in_two_steps_is_not_packed():
    for text in ("Book and take my first swimming lesson", "Write my CV and send it to two agencies this week",
                 "Keep a food diary each day for two weeks and rate my hunger from 1 to 10"):
        assert not predict(text)["attainable_risk"], text
