"""The SMART goal checker: pure stdlib, relative imports only, so the same
files run under CPython, in the CLI and in the browser via Pyodide.

The safety screen runs first: a goal that signals risk of harm gets a support
message and no SMART judgement (every criterion "withheld", no score, no reframe).
When it is unsure (the learned head's log-odds between its caution and flag
thresholds) the report says ``caution``: the full breakdown, worded without
praise, and no reframe.
Otherwise engine.py reads the goal (text-speak spelled out, the aim apart from
its backstory), the rules find the evidence and the learned model decides."""

from . import engine, safety
from .report import Criterion, Report, withheld

__all__ = ["check_goal", "Report", "Criterion"]

# Goals longer than this are judged on their first MAX_CHARS characters (the
# worksheet field is far shorter); evidence still points into the full text.
MAX_CHARS = 10000


def _confidence(value):
    """An int 0-10, or None when it is missing or not a number."""
    if value is None or isinstance(value, bool):
        return None
    try:
        n = int(float(value))
    except (TypeError, ValueError, OverflowError):
        return None
    return max(0, min(10, n))


def check_goal(text, why=None, confidence=None):
    """Check one goal statement, criterion by criterion, and return a Report."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    found, caution = safety.assess(text[:MAX_CHARS])
    if found is None and isinstance(why, str):
        # The why is the person's words too; its evidence cannot point into the goal.
        # It is read at the detector's own thresholds for whys: the goal's were chosen on goals, and short
        # reasons about feelings score near risky goals (at the goal's flag threshold the round-10 screen
        # flagged 58 of 400 ordinary whys). Between its caution line and its flag, the goal loses its praise.
        found, why_caution = safety.assess_why(why[:MAX_CHARS])
        caution = caution or why_caution
        if found is not None:
            found.evidence = []
    if found is not None:
        return Report(specific=withheld(), measurable=withheld(), attainable=withheld(), relevant=withheld(),
                      time_bound=withheld(), framing=engine.framing_of(text[:MAX_CHARS]),
                      reframe=None, safety=found)
    # Evidence found in the first MAX_CHARS characters points into the full text unchanged.
    return engine.check(text[:MAX_CHARS], why, _confidence(confidence), caution=caution)
