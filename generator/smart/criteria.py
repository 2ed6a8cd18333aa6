"""The registry of criteria: one entry per SMART letter, one signature.

Every criterion is ``judge(analysis, context) -> Criterion``: the analysis is
the parsed aim (analysis.Analysis), the context carries what the worksheet
asks beside the goal (the person's "why" and their confidence). A new
criterion is one module with a ``judge`` and one line here; the engine, the
report and the model's features all read this table.
"""

from . import attainable, measurable, relevant, specific, time_bound


class Context:
    """What the worksheet knows besides the goal's words, and how to word the answer
    (``plain``: the caution tier's praise-free messages, report.say)."""

    __slots__ = ("why", "confidence", "plain")

    def __init__(self, why=None, confidence=None, plain=False):
        self.why, self.confidence, self.plain = why, confidence, plain


# (name in the report, judge). Order is the report's order.
REGISTRY = (
    ("specific", specific.judge),
    ("measurable", measurable.judge),
    ("attainable", attainable.judge),
    ("relevant", relevant.judge),
    ("time_bound", time_bound.judge),
)


def judge_all(an, context):
    """{name: Criterion} for every registered criterion."""
    return {name: judge(an, context) for name, judge in REGISTRY}
