"""The safety screen in the page: a goal that signals risk gets a calm support
panel (data-safety, no criteria, no score) instead of SMART feedback, the typed
words are saved as typed, a near-miss gets the ordinary feedback, and My goals
shows a short support note instead of the SMART status."""

from __future__ import annotations

import pytest

from tests.browser.conftest import dump, new_page, run_axe, wait_until
from tests.browser.workbook_helpers import seed, wait_answer, workbook

SMART = "worksheets/smart-goal/"
REGION = "[data-smart-feedback=\"goal\"]"
RISKY = "be gone before my birthday, im done"
NEAR_MISS = "Smash my interview on Tuesday and celebrate with a walk by the sea"


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
                   help: [...r.querySelectorAll('.wb-safety a')].map((a) => new URL(a.href).pathname) }; }""")


def test_a_risky_goal_shows_support_and_is_saved_as_typed(page, site_url):
    page.goto(site_url + SMART)
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


def test_a_near_miss_gets_the_ordinary_feedback(page, site_url):
    page.goto(site_url + SMART)
    shown = type_and_wait(page, NEAR_MISS)
    assert shown["safety"] is None and shown["panel"] is None
    assert shown["criteria"] == 5


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_support_panel_passes_axe(browser, site_url, scheme):
    ctx = browser.new_context(bypass_csp=True, color_scheme=scheme)
    try:
        page = new_page(ctx, site_url)
        page.goto(site_url + SMART)
        assert type_and_wait(page, "I want to cut myself less, no more than twice a week by March")["safety"] == "self_harm"
        violations = run_axe(page)
        assert violations == [], dump(violations)
    finally:
        ctx.close()


def test_my_goals_shows_a_support_note_instead_of_the_smart_status(page, site_url):
    seed(page, site_url, workbook({"smart-goal": {"goal": "Skip dinner every day for a month", "confidence": 8}}))
    page.goto(site_url + "my-goals/")
    wait_until(page, "() => document.querySelector('[data-wb-goal-smart]')?.dataset.state === 'ready'", timeout=90)
    smart = page.evaluate(
        "() => { const d = document.querySelector('[data-wb-goal-smart]');"
        " return { safety: d.dataset.safety ?? null, score: d.dataset.score ?? null, text: d.innerText,"
        " criteria: d.querySelectorAll('[data-criterion]').length,"
        " help: [...d.querySelectorAll('a')].map((a) => new URL(a.href).pathname) }; }")
    assert smart["safety"] == "eating"
    assert smart["score"] is None and smart["criteria"] == 0
    assert "support is there" in smart["text"] and "of 5" not in smart["text"]
    assert any(p.endswith("/getting-help/") for p in smart["help"]), smart["help"]
    assert page.inner_text("[data-wb-goal-text]") == "Skip dinner every day for a month"
