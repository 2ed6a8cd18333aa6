"""One parse of the goal shared by every criterion: normalised text, quotes,
clauses (with their head verbs) and time expressions."""

import re
from bisect import bisect_right

from . import actions, dates, guess
from .clauses import normalize, split_clauses, head_index, inside, SpanSet

_QUOTE_RE = re.compile(
    r"(?<![^\W_])'[^'\n]{1,80}?'(?![^\W_])|\"[^\"\n]{1,120}?\"")


# A goal's own opener in a clause ("my goal is to", "the main aim for this term is to", "so the plan is"):
# not the action, which follows it.
AIM_OPENER_RE = re.compile(
    r"(?:(?:so|and|but|then|ok|okay)\s+)?(?:my|the|our|one|this)\s+(?:(?:main|big|first|new|only|real|"
    r"overall|next)\s+)?(?:goal|objective|aim|plan|target|intention|key\s+result|priority|focus|mission|"
    r"resolution|challenge)s?(?:\s+(?:for|this|in)\s+(?:the\s+|this\s+|next\s+)?[\w-]+)?\s+"
    r"(?:is|are|will\s+be|would\s+be|is\s+going\s+to\s+be)\s+(?:simply\s+|just\s+)?(?:to\s+)?")


class Analysis:
    """The parsed goal. Spans everywhere are offsets into the original text."""

    def __init__(self, text):
        self.text = text
        self.norm = normalize(text)
        self.quotes = SpanSet(len(self.norm), [(m.start(), m.end()) for m in _QUOTE_RE.finditer(self.norm)])
        self.clauses = split_clauses(self.norm, self.quotes)
        self._starts = [c.start for c in self.clauses]
        self.times = dates.find(self.norm)
        timed = SpanSet(len(self.norm), [t.span for t in self.times if t.kind != dates.FREQUENCY])
        self.heads = []
        lead = {t.start: t.end for t in self.times if t.kind in (dates.DEADLINE, dates.START)}
        for i, c in enumerate(self.clauses):
            # "By Friday have booked ...": read the verb after a leading time phrase.
            skip = 0
            if c.toks[0][0] in lead:
                end = lead[c.toks[0][0]]
                while skip < len(c.toks) and c.toks[skip][0] < end:
                    skip += 1
            # "My goal is to do a budget", "so the plan for Q3 is to ...": the verb after the aim's own
            # opener heads the clause, as after "I want to".
            m = AIM_OPENER_RE.match(self.norm, c.toks[skip][0] if skip < len(c.toks) else c.end)
            if m and m.end() < c.end:
                while skip < len(c.toks) and c.toks[skip][0] < m.end():
                    skip += 1
            h = head_index(c, first=(i == 0), start=skip)
            if h is None:
                h = guess.head(c, i == 0 or skip > 0 or (i == 1 and self.heads[0] is None), skip)
            # "starting today" is a time phrase, not an action.
            if h is not None and inside(c.toks[h][:2], timed):
                h = None
            self.heads.append(h)
        self.kinds = [actions.head_kind(self, i) for i in range(len(self.clauses))]

    @property
    def has_action(self):
        """True when some main clause names an action (not only a state)."""
        return any(k == "action" and self.clauses[i].kind in ("main", "by")
                   for i, (k, _) in enumerate(self.kinds))

    def times_of(self, *kinds):
        return [t for t in self.times if t.kind in kinds]

    def finditer(self, rx, skip_quotes=True):
        """Matches of rx outside quoted words (quoted phrases are examples, not the goal)."""
        for m in rx.finditer(self.norm):
            if skip_quotes and inside((m.start(), m.end()), self.quotes):
                continue
            yield m

    def clause_at(self, pos):
        """Index of the clause holding pos, or None (binary search: linear overall)."""
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.clauses[i].end:
            return i
        return None
