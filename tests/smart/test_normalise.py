"""The normaliser spells out text-speak, glued units and typos, and every
span of its output maps back into what the person typed."""

from __future__ import annotations

import re

import pytest

from generator.smart.normalise import TABLE, correct, expand


@pytest.mark.parametrize("typed, spelled", [
    ("swim 2x a week", "swim 2 times a week"),
    ("sleep over 7 hrs a night within 3 wks", "sleep over 7 hours a night within 3 weeks"),
    ("pass my theory test this yr", "pass my theory test this year"),
    ("call mum tmrw", "call mum tomorrow"),
    ("walk evry evening", "walk every evening"),
    ("gym x3 a wk", "gym 3 times a week"),
    ("read 10 min b4 bed", "read 10 minutes before bed"),
    ("8hrs sleep", "8 hours sleep"),
    ("til xmas", "until christmas"),
    ("journal evry nite 4 the rest of the yr", "journal every night for the rest of the year"),
    ("meditate 10 mins a day 4 a month", "meditate 10 minutes a day for a month"),
    ("go 2 the gp", "go to the gp"),
    ("gym on sat", "gym on saturday"),
    ("try n get more sleep cuz im knackered", "try and get more sleep because i'm knackered"),
    ("walk in the evnings", "walk in the evenings"),
    ("eat w/ the family w/o fail", "eat with the family without fail"),
])
def test_spelled_out(typed, spelled):
    assert expand(typed).text == spelled


@pytest.mark.parametrize("text", [
    "smoke 4 a day", "run 4 miles", "got 2 kids", "plan b for the weekend", "I sat down", "Sunday lunch",
    "swim on Tuesdays and Thursdays", "ever since", "a minute", "for weeks", "vitamin b", "4/5 times a week",
    "24/7", "and/or",
])
def test_ordinary_words_are_left_alone(text):
    assert expand(text).text == text


def test_correct_needs_one_edit_to_one_known_word():
    assert correct("tomorow") == "tomorrow"
    assert correct("evenigns") == "evenings"  # two letters swapped
    assert correct("evnngs") is None  # two edits
    assert correct("ever") is None  # too short to guess
    assert correct("tuesdays") is None  # a plural of a known word, not a typo


def test_table_entries_are_lower_case_single_tokens():
    for key, value in TABLE.items():
        assert key == key.lower() and " " not in key, key
        assert value == value.lower(), value


@pytest.mark.parametrize("typed", [
    "swim 2x a wk at the leisure centre til xmas",
    "Sleep 8hrs evry nite b4 wrk, 4 the next 3 wks",
    "\u201cquoted\u201d 2x \U0001F600 tmrw\x00 n evry wkend",
    "",
])
def test_spans_map_back_into_the_original(typed):
    n = expand(typed)
    view = n.view()
    assert len(view) == len(n.text)
    for m in re.finditer(r"\S+", n.text):
        s, e = n.span(m.span())
        assert 0 <= s < e <= len(typed)
        assert view[m.start():m.end()] == typed[s:e]
    for word in ("times", "week", "christmas", "every", "night", "before", "for", "tomorrow"):
        for m in re.finditer(word, n.text):
            s, e = n.span(m.span())
            assert typed[s:e].strip(), (word, typed[s:e])


def test_quotes_are_the_persons_own_words():
    n = expand("swim 2x a wk till xmas")
    view = n.view()
    i = n.text.index("2 times a week")
    assert view[i:i + len("2 times a week")] == "2x a wk"
    j = n.text.index("christmas")
    assert view[j:j + 9] == "xmas" and view[j] == "x"


def test_capitals_survive_where_nothing_was_replaced():
    assert expand("Call Sam tmrw").text == "Call Sam tomorrow"
