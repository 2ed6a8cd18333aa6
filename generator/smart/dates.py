"""Time expressions: deadlines and bounded periods, start points, frequencies
and clock times.

The rubric treats these very differently ("by 1 March" is time-bound, "every
day" is a measure, "from tomorrow" is neither), so they are found once, here,
and each criterion reads the kind it cares about.
"""

import re

from .numbers import NUM, value
from .clauses import SpanSet
from .lexicon import DAYS, MONTHS, MONTH_ABBR, words_re
from .starts import starts

DEADLINE, START, FREQUENCY, CLOCK = "deadline", "start", "frequency", "clock"
# "reply within a day": how fast each reply comes, a measure and not a deadline.
RESPONSE = "response"


class TimeExpr:
    """One time phrase: span, kind and (for deadlines) a rough length in days."""

    __slots__ = ("start", "end", "kind", "days")

    def __init__(self, start, end, kind, days=None):
        self.start, self.end, self.kind, self.days = start, end, kind, days

    @property
    def span(self):
        return (self.start, self.end)

    def __repr__(self):
        return "TimeExpr(%d,%d,%s,%s)" % (self.start, self.end, self.kind, self.days)


DAY = words_re(DAYS)
MONTH = words_re(MONTHS)
MONTH_ANY = words_re(MONTHS + MONTH_ABBR)
SEASON = r"(?:summer|winter|spring|autumn)"
HOLIDAY = (r"(?:christmas(?: day| eve)?|xmas|easter|new year's(?: eve| day)?|new year|"
           r"valentine's(?: day)?|valentines(?: day)?|thanksgiving|halloween|eid|diwali|"
           r"hanukkah|ramadan|bonfire night|half[- ]term|bank holiday|the holidays|"
           r"the summer holidays|the school holidays|the christmas holidays|lent|dry january|"
           r"sober october|veganuary|stoptober|movember)")
EVENT = (r"(?:wedding|birthday|exams?|interview|graduation|holidays?|vacation|trip|"
         r"deadline|due date|operation|surgery|results|finals|anniversary|move|"
         r"appointment|new job|baby|race|marathon|gig|concert|presentation|review|"
         r"hearing|flight|leaving do|course|term|semester|residency|placement|"
         r"internship|driving test|test|retirement|reunion|audition|competition)")
PERIOD = r"(?:week|month|year|term|semester|quarter|weekend|school year|academic year|season)"
LONG_UNIT = r"(?:days?|nights?|weeks?|fortnights?|months?|years?|terms?|semesters?|quarters?|weekends?)"
ORD = r"(?:st|nd|rd|th)"

UNIT_DAYS = {"day": 1, "night": 1, "week": 7, "weekend": 7, "fortnight": 14,
             "month": 31, "year": 365, "term": 100, "semester": 120, "quarter": 92}


def _unit_days(word):
    word = word.rstrip("s") if word not in ("days",) else "day"
    return UNIT_DAYS.get(word.rstrip("s"), None)


# Start points and open-ended phrases: not deadlines (checked first, and they
# mask what they cover, so "from next Monday" is not read as "next Monday").
START_RES = [
    re.compile(
        r"\b(?:from|starting(?: from| on)?|beginning(?: from| on)?|as of|as from|commencing)\s+"
        r"(?:right now|now|today|tomorrow|tonight|this \w+|next \w+|(?:on )?" + DAY +
        r"|(?:in )?" + MONTH + r"(?: \d{1,2}" + ORD + r"?)?|\d{1,2}" + ORD + r"?(?: of)? " +
        MONTH_ANY + r"|the (?:start|beginning) of (?:the |this |next )?\w+)(?: on(?:wards)?\b)?"),
    re.compile(r"\b(?:from (?:now|today|here) on(?:wards)?|for good|for life|for the rest of my life|"
               r"asap|as soon as possible|someday|some day|eventually|sooner or later|"
               r"in the future|one of these days|at some point|from now)\b"),
    re.compile(r"(?<!for )(?<!in )(?<!within )\bone day\b(?! (?:a|per|each|every|in)\b)"),
    re.compile(r"\buntil (?:it'?s|it is|i'?m|i am|i feel|i can|i get|it gets|i have|i've|done|"
               r"finished|further notice|it works|i succeed|i'm better|i am better)\b"),
]

CLOCK_RES = [
    re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.|o'clock)(?![^\W\d_])"),
    re.compile(r"\b\d{1,2}:\d{2}\b"),
    re.compile(r"\b(?:noon|midnight|midday)\b"),
]

# A reply verb, then "within <time>" in the same stretch (any unit, so "within
# a day" reads like "within an hour").
RESPONSE_RE = re.compile(
    r"\b(?:repl(?:y|ies|ying)|respond(?:s|ing)?|answer(?:s|ing)?|get(?:ting)? back|(?:call|ring|text|write|"
    r"message)(?:ing)? back|acknowledg(?:e|es|ing)|return(?:ing)? (?:[^\W\d_]+ )?(?:calls?|messages?|texts?|emails?))\b"
    r"[^,.;]{0,60}?\b(?P<w>within\s+(?:the\s+)?(?:same\s+)?(?:(?:" + NUM + r"|24|48|72)\s+)?(?:working\s+|business\s+)?"
    r"(?:minutes?|mins?|hours?|hrs?|days?))\b")
# "go a whole month without ...": the span the goal runs for.
GO_WITHOUT_RE = re.compile(
    r"\b(?:go|goes|going|went|last|lasting|manage|managing|spend|spending|survive|surviving)\s+"
    r"(?P<n>" + NUM + r")\s+(?:(?:whole|full|entire|complete)\s+)?(?P<u>" + LONG_UNIT + r")\s+without\b")

_PREP = r"(?:by|before|until|till|til|no later than|in|during|over|throughout|through|for|within|at|on|to|ahead of|in time for)"

# (regex, days) -- days None means "a deadline, length unknown".
DEADLINE_RES = [
    (re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b"), None),
    (re.compile(r"\b\d{1,2}" + ORD + r"?(?: of)?\s+" + MONTH_ANY + r"\b(?:,? \d{4}\b)?"), None),
    (re.compile(r"\b" + MONTH_ANY + r"\s+\d{1,2}" + ORD + r"?(?![\d:.]|\s?(?:am|pm))\b(?:,? \d{4}\b)?"), None),
    (re.compile(r"\b(?:by|before|until|till|on|no later than)\s+the\s+\d{1,2}" + ORD + r"\b"), None),
    # "by the end of the month", "for the rest of this month", "before the end of term"
    (re.compile(r"\b" + _PREP + r"\s+(?:the\s+)?(?:very\s+)?(?:end|start|beginning|middle|close|rest)\s+of\s+"
                r"(?:the\s+|this\s+|next\s+|my\s+)?(?:" + PERIOD + r"|day|" + SEASON + r"|" + MONTH +
                r"|" + HOLIDAY + r")\b"), "end"),
    (re.compile(r"\b(?:this|next|the coming|coming)\s+(?:" + PERIOD + r"|" + SEASON + r"|" + DAY +
                r"|" + MONTH + r"|morning|afternoon|evening)\b"), "this"),
    (re.compile(r"\b" + _PREP + r"\s+(?:(?:early|late|mid)[- ]?)?(?:the\s+)?(?:" + MONTH + r"|" + SEASON +
                r")\b(?!s)"), "prep"),
    (re.compile(r"\b(?:by|before|until|till|on|no later than|ahead of)\s+" + DAY + r"\b(?!s)"), "prep"),
    (re.compile(r"(?<!every )(?<!each )\b" + HOLIDAY + r"\b"), None),
    (re.compile(r"\b(?:by|before|until|till|ahead of|in time for)\s+(?:my|the|our|his|her|their|your)\s+"
                r"(?:[\w'-]+\s+){0,3}?" + EVENT + r"\b"), None),
    (re.compile(r"\bby the time\b"), None),
    (re.compile(r"\b(?:by|before|until)\s+(?:i|i'm|i am|we|he|she|they)\s+(?:turn\s+|turns\s+|reach\s+)?"
                r"(?:" + NUM + r")\b"), None),
    (re.compile(r"\b(?:for|during|throughout|over)\s+(?:the\s+)?(?:whole|all|rest|entirety)\s+of\s+(?:" + MONTH +
                r"|" + SEASON + r"|the\s+" + SEASON + r"|" + HOLIDAY + r")\b"), None),
    (re.compile(r"\b(?:today|tomorrow|tonight)\b"), 1),
    # spans: "for the next four weeks", "within two months", "in 3 weeks"
    (re.compile(r"\b(?:for|over|during|in|within|throughout|across|inside(?: of)?)\s+(?:the\s+)?"
                r"(?:(?:next|coming|following|first|whole|entire|full|rest of the)\s+)?"
                r"(?:(?P<n>" + NUM + r")\s+)?(?:(?:whole|full|more|entire)\s+)?(?P<u>" + LONG_UNIT + r")\b"
                r"(?!\s+(?:a|per|each|every|in a|of the)\s+(?:week|month|day|year|night)\b)"), "span"),
    (re.compile(r"\b(?P<n>" + NUM + r")\s+(?P<u>" + LONG_UNIT + r")(?:'|s')?\s+(?:from now|from today|time)\b"), "span"),
    (GO_WITHOUT_RE, "span"),
]

_FREQ_RES = [
    re.compile(r"\b(?:every|each)(?:\s+single|\s+other|\s+and\s+every)?\s+(?!now and then|so often)[^\W\d_]+(?:\s+of)?"),
    re.compile(r"\beveryday\b|\b(?:daily|nightly|weekly|fortnightly|monthly|hourly|yearly|annually)\b"),
    re.compile(r"\b(?:once|twice|thrice|" + NUM + r"\s+times?)\s+(?:a|an|per|each|every)\s+[^\W\d_]+"),
    re.compile(r"\b" + NUM + r"\s+(?:days?|nights?|evenings?|mornings?|afternoons?|times?|sessions?|"
               r"weekends?|weekdays?|weeknights?|lunchtimes?)\s+(?:a|per|each|every|in a)\s+"
               r"(?:week|month|day|fortnight|year|night)\b"),
    re.compile(r"\b(?:on\s+|at\s+|in\s+the\s+|most\s+)?(?:weekdays|weeknights|weekends|"
               r"(?:" + DAY + r")s|(?:(?:" + DAY + r"|week|weekday|weekend|school)\s+)?"
               r"(?:mornings|evenings|nights|afternoons|lunchtimes))\b"),
    re.compile(r"\b(?:on|most|all)\s+(?:work|working|school|office|training|college|uni|gym|non-work)[ -]?days\b"
               r"|\b(?:on|most|all)\s+(?:workdays|schooldays)\b"),
    re.compile(r"(?<!in )(?<!within )(?<!for )(?<!after )(?<!of )(?<!over )\b(?:a|per)\s+"
               r"(?:day|week|night|month|fortnight|year)\b"),
]
# "a day" only counts when a quantity stands just before it ("5 a day",
# "2 hours a day"): checked in code.
_QTY_BEFORE_RE = re.compile(r"(?:\d|" + NUM + r"|hours?|minutes?|mins?|cigarettes?|drinks?|beers?|"
                            r"steps|pages?|glasses|cups?|units?|times?|push-ups|[^\W\d_]+s)\s+$")


def _on_day_is_recurring(norm, end):
    """'on Friday and Saturday nights' is a schedule, not one Friday."""
    tail = norm[end:end + 40]
    m = re.match(r"(?:\s*(?:,|and|or|&)\s*(?:" + DAY + r"))*\s+(?:morning|afternoon|evening|night|lunchtime)s\b", tail)
    return m is not None


_STARTS = {}


def _matches(rx, norm):
    """rx.finditer(norm), or nothing at once when norm holds none of the literal starts every match of rx
    begins with (starts.py): the same matches.  Only expressions whose starts are all three characters or
    longer are filtered ("from", "until", month names): "in", "on" or "a" occur in almost every goal."""
    gate = _STARTS.get(rx, False)
    if gate is False:
        found = starts(rx.pattern) if not rx.flags & re.IGNORECASE else None
        gate = _STARTS[rx] = found if found is not None and min(map(len, found)) >= 3 else None
    if gate is not None:
        for s in gate:
            if s in norm:
                return rx.finditer(norm)
        return ()
    return rx.finditer(norm)


def find(norm):
    """All time expressions in the normalised text, without overlaps."""
    found = []
    taken = SpanSet(len(norm))

    def add(m, kind, days=None, span=None):
        span = span or (m.start(), m.end())
        if taken.hits(span):
            return False
        found.append(TimeExpr(span[0], span[1], kind, days))
        taken.add(span)
        return True

    for rx in START_RES:
        for m in _matches(rx, norm):
            add(m, START)
    for m in _matches(RESPONSE_RE, norm):
        add(m, RESPONSE, span=m.span("w"))
    for rx in CLOCK_RES:
        for m in _matches(rx, norm):
            add(m, CLOCK)
    # slash dates, but not "24/7" or "3/4 of"
    for m in re.finditer(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b", norm):
        a, b = int(m.group(1)), int(m.group(2))
        if m.group() == "24/7" or not (1 <= a <= 31 and 1 <= b <= 31 and (a <= 12 or b <= 12)):
            continue
        if norm[m.end():m.end() + 3] == " of":
            continue
        add(m, DEADLINE)
    for rx, how in DEADLINE_RES:
        for m in _matches(rx, norm):
            days = None
            text = m.group()
            if how == "span":
                if not m.group("n") and m.group("u").endswith("s") and not re.search(
                        r"\b(?:next|coming|following|first|whole|entire|full|rest)\b", text):
                    continue  # "for weeks", "in months": how long, vaguely, not a bound
                n = value(m.group("n")) if m.group("n") else 1
                unit = _unit_days(m.group("u"))
                days = (n or 1) * unit if unit else None
            elif how in ("end", "this"):
                for unit, d in (("day", 1), ("week", 7), ("weekend", 7), ("month", 31),
                                ("quarter", 92), ("term", 100), ("semester", 120), ("year", 365)):
                    if re.search(r"\b%s\b" % unit, text):
                        days = d
                        break
                else:
                    if re.search(r"\b(?:%s|morning|afternoon|evening)\b" % DAY, text):
                        days = 7
            elif how == "prep":
                if re.search(DAY, text):
                    if text.startswith("on ") and _on_day_is_recurring(norm, m.end()):
                        continue
                    days = 7
                elif re.search(r"\b" + MONTH + r"\b", text) and text.split()[0] in ("by", "before", "until", "till", "in", "during", "throughout"):
                    days = None
                if text.startswith(("for ", "at ", "to ")) and not re.search(DAY + "|" + MONTH, text):
                    continue
            elif isinstance(how, int):
                days = how
            # "go a month without": the verb stays the goal's action.
            add(m, DEADLINE, days, span=(m.start("n"), m.end()) if rx is GO_WITHOUT_RE else None)
    for rx in _FREQ_RES:
        for m in _matches(rx, norm):
            if rx is _FREQ_RES[-1] and not _QTY_BEFORE_RE.search(norm, max(0, m.start() - 40), m.start()):
                continue
            add(m, FREQUENCY)
    found.sort(key=lambda t: t.start)
    return found
