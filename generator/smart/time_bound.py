"""Time-bound: a deadline or a bounded period for the goal as a whole.

A frequency ("every Sunday") or a start point ("from tomorrow") is not an end,
so each earns only a partial with a nudge toward a finish line.
"""

from . import dates
from .report import MET, PARTIAL, MISSING, first_found


def judge(an, context=None):
    return first_found(an.text, [
        (MET, [t.span for t in an.times_of(dates.DEADLINE)],
         ("There's a clear time frame ({words}), so you'll know when to look back and see how it went.",
          "Your goal names a time frame ({words})."),
         None, None),
        (PARTIAL, [t.span for t in an.times_of(dates.START)],
         ("You know when you'll begin ({words}), which is a great start. An end point or review date gives "
          "you a moment to look back and celebrate.",
          "Your goal says when it begins ({words}). It does not yet name an end point or review date."),
         "Add a finish line, for example \u201c\u2026 for the next four weeks\u201d or \u201c\u2026 by the end "
         "of the month\u201d.", None),
        (PARTIAL, [t.span for t in an.times_of(dates.FREQUENCY)],
         "You've set a rhythm ({words}). Adding how long you'll keep it up, or when you'll review it, makes "
         "it time-bound.",
         "For example: \u201c\u2026 for the next three weeks, then look back at how it went\u201d.", None),
    ], (MISSING, "There's no time frame yet. When would you like to check how it's going?",
        "For example: \u201cfor the next three weeks\u201d or \u201cby 1 March\u201d."),
        getattr(context, "plain", False))
