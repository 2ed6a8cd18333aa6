"""The SMART goal checker: pure stdlib, relative imports only, so the same
files run under CPython, in the CLI and in the browser via Pyodide.

The safety screen runs first: a goal that signals risk of harm gets a support
message and no SMART judgement (every criterion "withheld", no score, no reframe)."""

from . import attainable, framing, measurable, relevant, safety, specific, time_bound
from .analysis import Analysis
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
    found = safety.screen(text[:MAX_CHARS])
    if found is None and isinstance(why, str):
        # The why is the person's words too; its evidence cannot point into the goal.
        found = safety.screen(why[:MAX_CHARS])
        if found is not None:
            found.evidence = []
    if found is not None:
        return Report(specific=withheld(), measurable=withheld(), attainable=withheld(), relevant=withheld(),
                      time_bound=withheld(), framing=framing.judge(Analysis(text[:MAX_CHARS]))[0],
                      reframe=None, safety=found)
    an = Analysis(text[:MAX_CHARS] if len(text) > MAX_CHARS else text)
    an.text = text
    kind, _evidence, approach, avoid = framing.judge(an)
    return Report(
        specific=specific.judge(an),
        measurable=measurable.judge(an),
        attainable=attainable.judge(an, _confidence(confidence)),
        relevant=relevant.judge(why),
        time_bound=time_bound.judge(an),
        framing=kind,
        reframe=framing.reframe(an, kind, approach, avoid),
    )
