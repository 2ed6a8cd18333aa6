"""The safety screen in the page: a goal that signals risk gets a calm support
panel (data-safety, no criteria, no score) instead of SMART feedback, the typed
words are saved as typed, a near-miss gets the ordinary feedback, and My goals
shows a short support note instead of the SMART status.

The caution tier (the screen unsure, report "caution": true): the breakdown stays, with no praise
and no celebrated score, below one calm line linking to Getting help now (data-caution="true")."""

from __future__ import annotations

import functools

import pytest

from generator.smart.text import CAUTION_NOTE
from tests.browser.conftest import axe_findings, dump, wait_until
from tests.browser.warm_page import MY_GOALS_READY, AxeInEveryPage, OfflineWorkerHeld, WarmPage
from tests.browser.workbook_helpers import wait_answer, workbook
from tests.smart.goalsets import iter_caution_goals
from tests.smart.praise import praise_in

SMART = "worksheets/smart-goal/"
REGION = "[data-smart-feedback=\"goal\"]"
RISKY = "be gone before my birthday, im done"
NEAR_MISS = "Smash my interview on Tuesday and celebrate with a walk by the sea"

# One page whose checker has booted (warm_page.py; Python from the session's snapshot, conftest.python_snapshot)
# for the tests that read its answers, axe in every page of its context by the driver's init script, under the
# pages' own policy (as in test_mygoals and test_privacy): the axe tests share it, one Pyodide boot for all.
# Nothing here is about the offline copy: its worker's script is held in that context (OfflineWorkerHeld).


@pytest.fixture(scope="module")
def warm(browser, site_server, python_snapshot):
    page = WarmPage(OfflineWorkerHeld(AxeInEveryPage(browser)), site_server, SMART, snapshot=python_snapshot)
    yield page
    page.close()


def type_and_wait(page, text: str) -> dict:
    """Type a goal, wait for the feedback about exactly that text, and describe the region."""
    page.locator("#wb-goal").fill(text)
    wait_until(
        page,
        """(text) => {
          const r = document.querySelector('[data-smart-feedback="goal"]');
          return r.dataset.state === 'ready' && r.dataset.checked === text
            && (!!r.dataset.safety || r.querySelectorAll('[data-criterion]').length === 5);
        }""",
        text,
        timeout=60,
    )
    return page.evaluate(
        """() => { const r = document.querySelector('[data-smart-feedback="goal"]');
          return { state: r.dataset.state, safety: r.dataset.safety ?? null,
                   criteria: r.querySelectorAll('[data-criterion]').length,
                   panel: r.querySelector('.wb-safety')?.innerText ?? null,
                   status: r.querySelector('.wb-feedback__status').textContent,
                   reframe: r.querySelectorAll('.wb-feedback__reframe').length,
                   help: [...r.querySelectorAll('.wb-safety a')].map((a) => new URL(a.href).pathname),
                   caution: r.getAttribute('data-caution'),
                   note: r.querySelector('.wb-caution')?.textContent ?? null,
                   noteFirst: !!r.querySelector('.wb-caution')
                     && !!(r.querySelector('.wb-caution').compareDocumentPosition(r.querySelector('.wb-feedback__list'))
                           & Node.DOCUMENT_POSITION_FOLLOWING),
                   noteHelp: [...r.querySelectorAll('.wb-caution a')].map((a) => new URL(a.href).pathname),
                   barHelp: document.querySelector('[data-wb-help]') ? new URL(document.querySelector('[data-wb-help]').href).pathname : null,
                   messages: [...r.querySelectorAll('.wb-criterion__message')].map((p) => p.textContent) }; }""")


def test_a_risky_goal_shows_support_and_is_saved_as_typed(warm):
    page = warm.open(SMART)
    shown = type_and_wait(page, RISKY)
    assert shown["state"] == "ready"
    assert shown["safety"] == "suicide"
    assert shown["criteria"] == 0 and shown["reframe"] == 0
    assert "of 5" not in shown["status"] and "saved as you wrote it" in shown["status"]
    assert "What you wrote matters" in shown["panel"] and "support is there" in shown["panel"]
    assert "crisis line" in shown["panel"] and "Getting help now" in shown["panel"]
    assert any(p.endswith("/getting-help/") for p in shown["help"]), shown["help"]
    wait_answer(page, "smart-goal", "goal", RISKY)  # the person's words, unchanged

    # A later goal without risk: the panel and data-safety go, the SMART breakdown comes back.
    shown = type_and_wait(page, "Walk for twenty minutes after dinner three times a week")
    assert shown["safety"] is None and shown["panel"] is None and shown["criteria"] == 5
    assert "of 5 SMART parts" in shown["status"]
    assert page.watch.errors == [] and page.watch.foreign() == []


def test_a_near_miss_gets_the_ordinary_feedback(warm):
    page = warm.open(SMART)
    shown = type_and_wait(page, NEAR_MISS)
    assert shown["safety"] is None and shown["panel"] is None
    assert shown["criteria"] == 5


@pytest.mark.parametrize("tier", ["support panel", "caution line"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_support_panel_and_the_caution_line_pass_axe(warm, scheme, tier):
    page = warm.open(SMART)
    warm.scheme(scheme)  # live, on the same page: checked to be the scheme's colours
    try:
        if tier == "support panel":
            assert type_and_wait(page, "I want to cut myself less, no more than twice a week by March")["safety"] == "self_harm"
        else:
            assert type_and_wait(page, _caution_goal())["caution"] == "true"
        violations = axe_findings(page)
        assert violations == [], dump(violations)
    finally:
        warm.scheme("light")  # the other tests on this page see it as a fresh context does


def my_goals_smart(warm, goal: str) -> dict:
    """Seed one SMART goal, open My goals and describe its SMART cell once the checker has answered."""
    page = warm.open("my-goals/", MY_GOALS_READY, storage=workbook({"smart-goal": {"goal": goal, "confidence": 8}}))
    wait_until(page, "() => document.querySelector('[data-wb-goal-smart]')?.dataset.state === 'ready'", timeout=90)
    return page.evaluate(
        "() => { const d = document.querySelector('[data-wb-goal-smart]');"
        " return { safety: d.dataset.safety ?? null, score: d.dataset.score ?? null, text: d.innerText,"
        " caution: d.getAttribute('data-caution'), criteria: d.querySelectorAll('[data-criterion]').length,"
        " help: [...d.querySelectorAll('a')].map((a) => new URL(a.href).pathname) }; }")


def test_my_goals_shows_a_support_note_instead_of_the_smart_status(warm):
    smart = my_goals_smart(warm, "Skip dinner every day for a month")
    page = warm.page
    assert smart["safety"] == "eating" and smart["caution"] is None
    assert smart["score"] is None and smart["criteria"] == 0
    assert "support is there" in smart["text"] and "of 5" not in smart["text"]
    assert any(p.endswith("/getting-help/") for p in smart["help"]), smart["help"]
    assert page.inner_text("[data-wb-goal-text]") == "Skip dinner every day for a month"


@functools.cache
def _caution_goal() -> str:
    """A risky goal from the training sets that the shipped screen puts in the caution tier (found by
    the model, one line, so the textarea holds it as is). Found once per run: four tests here use it, and
    each search read the training sets and screened goals again (about a CPU-second)."""
    return next(t for t in iter_caution_goals() if "\n" not in t and len(t) >= 25)


def test_a_goal_the_screen_is_unsure_of_gets_no_praise_and_a_line_about_help(warm):
    text = _caution_goal()
    page = warm.open(SMART)
    shown = type_and_wait(page, text)
    assert shown["safety"] is None and shown["caution"] == "true"
    assert shown["criteria"] == 5 and shown["reframe"] == 0 and shown["panel"] is None
    assert shown["note"] == "".join(CAUTION_NOTE) and shown["noteFirst"], shown
    assert shown["noteHelp"] == [shown["barHelp"]] and shown["barHelp"].endswith("/getting-help/"), shown
    assert "of 5" not in shown["status"] and "saved as you wrote it" in shown["status"]
    assert all(m and praise_in(m) == [] for m in shown["messages"]), shown["messages"]
    wait_answer(page, "smart-goal", "goal", text)  # the person's words, unchanged

    # A later, clearly healthy goal: the line and data-caution go, the score is back.
    shown = type_and_wait(page, "Walk for twenty minutes after dinner three times a week")
    assert shown["caution"] is None and shown["note"] is None and "of 5 SMART parts" in shown["status"]
    assert page.watch.errors == [] and page.watch.foreign() == []


def test_my_goals_shows_the_caution_tier_without_a_score(warm):
    text = _caution_goal()
    smart = my_goals_smart(warm, text)
    page = warm.page
    assert smart["caution"] == "true" and smart["safety"] is None and smart["criteria"] == 5
    assert CAUTION_NOTE[0].strip() in smart["text"] and "of 5" not in smart["text"]
    assert any(p.endswith("/getting-help/") for p in smart["help"]), smart["help"]
    assert page.inner_text("[data-wb-goal-text]") == text
