"""The SMART goal checker: pure stdlib, relative imports only, so the same
files run under CPython, in the CLI and in the browser via Pyodide."""

from . import attainable, framing, measurable, relevant, specific, time_bound
from .analysis import Analysis
from .report import Criterion, Report

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
