"""The pipeline end to end: text-speak read as words, evidence in the
person's own characters, backstory and reasons kept out of the judgement."""

from __future__ import annotations

from generator.smart import check_goal


def _evidence(text: str, criterion: str) -> list[str]:
    crit = check_goal(text).to_dict()["criteria"][criterion]
    return [text[s:e] for s, e in crit["evidence"]]


def test_text_speak_is_read_and_quoted_as_typed():
    text = "swim 2x a wk at the leisure centre til xmas"
    report = check_goal(text).to_dict()["criteria"]
    assert report["measurable"]["status"] == "met" and _evidence(text, "measurable") == ["2x a wk"]
    assert report["time_bound"]["status"] == "met" and _evidence(text, "time_bound") == ["xmas"]
    assert "\u201c2x a wk\u201d" in report["measurable"]["message"]


def test_abbreviated_units_and_days():
    for text in ("sleep over 7 hrs a night within 3 wks", "pass my theory test this yr", "call mum tmrw"):
        assert check_goal(text).time_bound.status == "met", text


def test_backstory_numbers_do_not_measure_the_goal():
    text = "I've failed my driving test 4 times before. I want to feel calmer about it."
    crit = check_goal(text).to_dict()["criteria"]["measurable"]
    assert crit["status"] != "met"
    assert all(s >= text.index("I want") for s, _ in crit["evidence"])


def test_a_reason_does_not_set_the_framing():
    assert check_goal("put my phone on charge in the kitchen by 11 on weeknights so i stop scrolling in bed").framing \
        == "approach"


def test_evidence_always_points_into_the_original():
    for text in ("Sleep 8hrs evry nite b4 wrk 4 the next 3 wks w/ no phone", "\u201cgym\u201d 2x/wk \U0001F600 tmrw",
                 "I start a new job in May and I'm scared. I'd like to practise the commute twice in April"):
        for crit in check_goal(text).to_dict()["criteria"].values():
            for s, e in crit["evidence"]:
                assert 0 <= s < e <= len(text) and text[s:e].strip()


def test_a_cap_is_a_reduction():
    for text in ("max 2 drinks a nite", "3 drinks max per week", "get down to one fizzy drink a day",
                 "check the hob only once before bed"):
        assert check_goal(text).framing in ("avoidance", "mixed"), text
