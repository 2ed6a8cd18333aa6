"""Time-bound: a deadline or a bounded period for the goal as a whole.

A frequency ("every Sunday") or a start point ("from tomorrow") is not an end,
so each earns only a partial with a nudge toward a finish line.
"""

from . import dates
from .report import Criterion, MET, PARTIAL, MISSING, merge_spans, quote


def judge(an):
    text = an.text
    deadlines = [t.span for t in an.times_of(dates.DEADLINE)]
    if deadlines:
        ev = merge_spans(deadlines)
        return Criterion(MET, "There's a clear time frame (%s), so you'll know when to look back and see "
                              "how it went." % quote(text, ev), None, ev)
    starts = [t.span for t in an.times_of(dates.START)]
    if starts:
        ev = merge_spans(starts)
        return Criterion(PARTIAL, "You know when you'll begin (%s), which is a great start. An end point or "
                                  "review date gives you a moment to look back and celebrate." % quote(text, ev),
                         "Add a finish line, for example \u201c\u2026 for the next four weeks\u201d or "
                         "\u201c\u2026 by the end of the month\u201d.", ev)
    rhythm = [t.span for t in an.times_of(dates.FREQUENCY)]
    if rhythm:
        ev = merge_spans(rhythm)
        return Criterion(PARTIAL, "You've set a rhythm (%s). Adding how long you'll keep it up, or when "
                                  "you'll review it, makes it time-bound." % quote(text, ev),
                         "For example: \u201c\u2026 for the next three weeks, then look back at how it "
                         "went\u201d.", ev)
    return Criterion(MISSING, "There's no time frame yet. When would you like to check how it's going?",
                     "For example: \u201cfor the next three weeks\u201d or \u201cby 1 March\u201d.", [])
