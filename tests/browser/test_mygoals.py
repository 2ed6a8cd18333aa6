"""The My goals page: every goal from the local answers, with ratings, change, last reviewed,
a gentle note when a goal has not been rated for two weeks, and the checker's SMART status."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_findings, dump, new_page, wait_until
from tests.browser.warm_page import MY_GOALS_READY, AxeInEveryPage, OfflineWorkerHeld, WarmPage
from tests.browser.workbook_helpers import ago, seed, shown, workbook

PAGE = "my-goals/"
SMART_GOAL = "Walk for twenty minutes at lunch three days a week until the end of June"
TRACKED_GOAL = "Call a friend every Sunday evening"
AVOID_GOAL = "Stop checking my phone in bed"


def answers() -> dict:
    return {
        "smart-goal": {"goal": SMART_GOAL, "why": "More energy in the afternoon", "confidence": 7},
        "progress-tracker": {"goal": TRACKED_GOAL, "ratings": [
            {"date": ago(20), "rating": 5}, {"date": ago(60), "rating": 2, "note": "start"},
            {"date": ago(40), "rating": 3}, {"date": "2026-02-30", "rating": 9}]},
        "approach-or-avoidance": {"goal_as_it_comes": AVOID_GOAL},
    }


def open_my_goals(page, site_url: str) -> None:
    page.goto(site_url + PAGE)
    wait_until(page, "() => document.querySelector('[data-wb-my-goals]')?.dataset.count !== undefined")


def goal_info(page) -> list[dict]:
    return page.evaluate(
        "() => [...document.querySelectorAll('[data-wb-goal]')].map((li) => ({"
        " key: li.dataset.wbGoal,"
        " text: li.querySelector('[data-wb-goal-text]')?.textContent ?? null,"
        " from: li.querySelector('.wb-goal__from').textContent,"
        " facts: Object.fromEntries([...li.querySelectorAll('.wb-goal__facts dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent])),"
        " note: li.querySelector('[data-wb-goal-note]')?.textContent ?? null }))")


# Not about the offline copy nor the search: the offline worker's script and Material's search are held (conftest.offline_held,
# search_held), so neither fetches and stores the site's files beside the test.
@pytest.mark.usefixtures("offline_held", "search_held")
def test_with_no_answers_it_explains_how_to_start(page, site_url):
    open_my_goals(page, site_url)
    text = page.inner_text("[data-wb-my-goals]")
    assert "There are no goals in this browser yet" in text
    links = page.evaluate("() => [...document.querySelectorAll('[data-wb-goals-empty] a')].map((a) => new URL(a.href).pathname)")
    assert links and all(link.startswith("/worksheets/") or "/worksheets/" in link for link in links)
    assert page.watch.errors == [] and page.watch.foreign() == []
    # no goal to check: the checker (and Pyodide) is never loaded
    assert [u for u in page.watch.requests if "/assets/pyodide/" in u or "checker" in u] == []


@pytest.mark.usefixtures("offline_held", "search_held")
def test_lists_goals_from_several_worksheets_with_first_and_latest_rating_and_change(checker_held, page, site_url):
    # about the facts beside each goal, not the checker's status (held: no Pyodide boot beside the test)
    seed(page, site_url, workbook(answers()))
    open_my_goals(page, site_url)
    goals = goal_info(page)
    # in the order of the Worksheets menu
    assert [g["key"] for g in goals] == ["smart-goal/goal", "approach-or-avoidance/goal_as_it_comes", "progress-tracker/goal"]
    by_key = {g["key"]: g for g in goals}

    tracked = by_key["progress-tracker/goal"]
    assert tracked["text"] == TRACKED_GOAL
    assert tracked["from"].startswith("From My progress tracker")
    assert tracked["facts"]["First rating"] == f"2 on {shown(ago(60))}"
    assert tracked["facts"]["Latest rating"] == f"5 on {shown(ago(20))}"
    assert tracked["facts"]["Change"] == "up 3 points (from 2 to 5)"
    assert tracked["facts"]["Last reviewed"] == f"{shown(ago(20))} (your latest rating)"
    assert "It has been 20 days since you last rated this goal" in tracked["note"], "20 days without a rating: a gentle note"

    smart = by_key["smart-goal/goal"]
    assert smart["text"] == SMART_GOAL
    assert smart["facts"]["Ratings"] == "none: this goal has no tracker"
    assert "copy it into My progress tracker" in smart["note"]
    assert smart["facts"]["Last reviewed"] == "1 Jan 2030 (when you last changed this worksheet)"
    assert by_key["approach-or-avoidance/goal_as_it_comes"]["text"] == AVOID_GOAL

    # the link goes to the worksheet (and to the tracker on it)
    href = page.get_attribute("[data-wb-goal='progress-tracker/goal'] .wb-goal__from a", "href")
    assert href.endswith("/worksheets/progress-tracker/#wb-ratings")
    assert page.watch.foreign() == []


def test_smart_status_and_framing_arrive_from_the_checker(warm):
    # a fresh view of My goals built from these answers (its records emptied: only this view's errors count)
    page = warm.open(PAGE, MY_GOALS_READY, storage=workbook(answers()))
    wait_until(page, "() => [...document.querySelectorAll('[data-wb-goal-smart]')].every((d) => d.dataset.state === 'ready')", timeout=90)
    smart = page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('[data-wb-goal]')].map((li) => [li.dataset.wbGoal, {"
        " score: li.querySelector('[data-wb-goal-smart]').dataset.score,"
        " items: li.querySelectorAll('[data-wb-goal-smart] li[data-criterion]').length,"
        " framing: li.querySelector('[data-wb-goal-framing]').dataset.framing }]))")
    assert all(v["items"] == 5 and v["score"] in "012345" for v in smart.values()), dump(smart)
    assert smart["approach-or-avoidance/goal_as_it_comes"]["framing"] == "avoidance"
    assert smart["progress-tracker/goal"]["framing"] == "approach"
    text = page.inner_text("[data-wb-goal='smart-goal/goal'] [data-wb-goal-smart]")
    assert "of 5 SMART parts are clear" in text and "Time-bound:" in text
    assert page.watch.foreign() == [] and page.watch.errors == []


@pytest.mark.usefixtures("offline_held", "search_held")
def test_the_page_still_works_when_the_checker_cannot_start(context, site_url):
    context.route("**/assets/pyodide/**", lambda route: route.abort())
    page = new_page(context, site_url)
    seed(page, site_url, workbook(answers()))
    open_my_goals(page, site_url)
    wait_until(page, "() => [...document.querySelectorAll('[data-wb-goal-smart]')].every((d) => d.dataset.state === 'unavailable')", timeout=90)
    assert "The goal checker is not available in this browser" in page.inner_text("[data-wb-goal='smart-goal/goal']")
    assert "up 3 points" in page.inner_text("[data-wb-goal='progress-tracker/goal']")


@pytest.mark.usefixtures("offline_held", "search_held")
def test_a_recent_rating_or_review_needs_no_note_and_changes_show_without_reload(checker_held, context, site_url):
    page = new_page(context, site_url)
    data = {"progress-tracker": {"goal": TRACKED_GOAL, "ratings": [{"date": ago(3), "rating": 4}]},
            "reviewing-goals": {"review_date": ago(1)}}
    seed(page, site_url, workbook(data))
    open_my_goals(page, site_url)
    [goal] = goal_info(page)
    assert goal["note"] is None
    assert goal["facts"]["Latest rating"] == "the same: only one rating so far"
    assert goal["facts"]["Last reviewed"] == f"{shown(ago(1))} (your last review on Reviewing my goals)"
    # another tab adds a rating: the page follows
    other = new_page(context, site_url)
    other.goto(f"{site_url}worksheets/progress-tracker/")
    wait_until(other, "() => !!document.querySelector('[data-tracker-summary]')")
    other.fill("[name='ratings.date']", ago(0))
    other.fill("[name='ratings.rating']", "7")
    other.click("[data-tracker-add]")
    wait_until(page, "() => document.querySelector('[data-wb-goal]')?.textContent.includes('up 3 points')")


@pytest.fixture(scope="module")
def warm(browser, site_server, python_snapshot):
    """My goals with the answers above, its checker booted (warm_page.py; Python from the session's snapshot,
    conftest.python_snapshot), under the site's own CSP with axe in every page: the checker's status and both
    schemes' axe runs on the one page, one Pyodide boot for all. Not about the offline copy: its worker's script
    is held in that context (OfflineWorkerHeld)."""
    page = WarmPage(OfflineWorkerHeld(AxeInEveryPage(browser)), site_server, PAGE, MY_GOALS_READY,
                    storage=workbook(answers()), snapshot=python_snapshot)
    yield page
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_goals(warm, scheme):
    page = warm.open(PAGE, MY_GOALS_READY, storage=workbook(answers()))
    warm.scheme(scheme)  # live, on the same page: checked to be the scheme's colours
    wait_until(page, "() => [...document.querySelectorAll('[data-wb-goal-smart]')].every((d) => d.dataset.state !== 'loading')", timeout=90)
    violations = axe_findings(page)
    assert violations == [], dump(violations)
