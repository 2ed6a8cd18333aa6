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
         r"internship|driving test|test|retirement|reunion|audition|competition|gcses?|a[- ]levels|mocks|"
         r"midterms|placements?|inspection|leaving date|defence|defense|viva|launch|"
         r"go-live|release|handover)")
PERIOD = r"(?:week|month|year|term|semester|quarter|weekend|school year|academic year|season)"
LONG_UNIT = r"(?:days?|nights?|weeks?|fortnights?|months?|years?|terms?|semesters?|quarters?|weekends?)"
ORD = r"(?:st|nd|rd|th)"
NUM_WORDS_OR_DIGITS = r"\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"

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
    # "until we have signed a lease", "till they've found one": until the person's own task is done,
    # open-ended like "until I've finished" (the rubric), whoever the subject is.
    re.compile(r"\b(?:until|till)\s+(?:we|they|he|she|you)(?:'ve|'re|\s+have|\s+are|\s+has)?\s+"
               r"(?:[^\W\d_]+ed|done|found|got|paid|sold|finished|made|won|run|built|seen)\b"),
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

# Business calendars: "Q1", "by end of Q2", "through Q3 2025", "H1": a quarter or a half-year is a bounded
# period whatever word stands before it (OKR and ticket shorthand writes it bare: "Q3: launch podcast").
QUARTER_RE = re.compile(r"\b(?:(?:by|before|until|till|in|for|during|through|thru|over|throughout|due|end of|"
                        r"by end of|by the end of|the end of)\s+)?(?:the\s+)?(?:q[1-4]|h[12])\b(?!-)"
                        r"(?:\s+(?:of\s+)?(?:20)?\d{2}\b)?")
# A month written short ("by sept", "in aug", "end of dec") after a word that bounds the goal with it.  Bare
# abbreviations are left alone ("jan" is also a name; "mar", "may" are words).
MONTH_SHORT_RE = re.compile(r"\b(?:by|before|until|till|in|during|throughout|through|thru|over|"
                            r"(?:the\s+)?(?:end|start|beginning|middle)\s+of)\s+(?:(?:early|late|mid)[- ]?)?"
                            + words_re(MONTH_ABBR) + r"\b(?![.']?[^\W\d_])")
# A month's challenge ("dry jan", "sober october", "no-spend november"): the month bounds it.
MONTH_CHALLENGE_RE = re.compile(r"\b(?:dry|sober|alcohol[- ]free|no[- ]spend|plastic[- ]free)\s+"
                                r"(?:" + MONTH + r"|" + words_re(MONTH_ABBR) + r")\b")
# Day-first dotted dates ("till 15.03", "by 01.04.2025"): the month part 01-12 and either a year, a day past
# 12 or a day written with its leading zero, so "5.30" (a clock), "1.5 hours" and "10.05" (either) stay out.
DOTTED_RE = re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{2})(?:\.(?P<y>\d{2}|\d{4}))?\b(?![.,:]?\d)")
# A range between two months or two dated points bounds the goal at both ends ("from april to sept",
# "jan-march", "from 1 may to 30 june"); a range of weekdays ("monday-friday") is a rhythm, not a period.
_MONTH_OR_DATE = (r"(?:(?:\d{1,2}" + ORD + r"?\s+(?:of\s+)?)?(?:" + MONTH + r"|" + words_re(MONTH_ABBR) +
                  r")(?:\s+\d{1,2}" + ORD + r"?)?)")
RANGE_RE = re.compile(r"\b(?:from\s+|between\s+)?" + _MONTH_OR_DATE + r"\s*(?:-|to|till|until|through|thru|and)\s*"
                      + _MONTH_OR_DATE + r"\b(?![.']?[^\W\d_])")
# Numbered weeks ("week 14 to week 20", "wk1 ... wk2 ... wk3", "week one I'll ..., week two ..."): a plan laid
# out week by week is bounded by its last week; one numbered week counts only after a bounding word
# ("by the end of wk 10", "due week 6"), not as a point in a backstory ("in week 5 of term").
WEEK_NO_RE = re.compile(r"\b(?:week|wk)\s?(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                        r"twelve)\b(?!\s*(?:of|times|hours|minutes|days|weeks))")
WEEK_BOUND_BEFORE_RE = re.compile(r"\b(?:by|before|until|till|due|end of|through|thru|to)\s+(?:the\s+)?$")
# A count of occasions ahead ("for the next three visits", "over the next 6 sessions") bounds the goal as a
# span of time does.
NEXT_OCCASIONS_RE = re.compile(r"\b(?:for|over|during|in)\s+the\s+(?:next|coming|following|first)\s+(?:" + NUM_WORDS_OR_DIGITS +
                               r")\s+(?!(?:" + LONG_UNIT + r"|hours?|minutes?|mins?)\b)[^\W\d_]+s\b")

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
    # Not "before sunday dinner", "after friday prayers": a day naming a weekly meal or service recurs.
    (re.compile(r"\b(?:by|before|until|till|on|no later than|ahead of)\s+" + DAY + r"\b(?!s|\s+(?:dinner|lunch|"
                r"breakfast|brunch|tea|roast|service|mass|prayers?|worship|school)\b)"), "prep"),
    (re.compile(r"(?<!every )(?<!each )\b" + HOLIDAY + r"\b"), None),
    (re.compile(r"\b(?:by|before|until|till|ahead of|in time for)\s+(?:my|the|our|his|her|their|your)\s+"
                r"(?:[\w'-]+\s+){0,3}?" + EVENT + r"\b"), None),
    # "till exams are over", "by graduation", "before placements": the event itself, without "my" or "the".
    (re.compile(r"\b(?:by|before|until|till|ahead of|in time for)\s+" + EVENT + r"\b"), None),
    # "before we move", "before she goes back to Canada": a one-off event in someone's life closes the goal
    # (not "before I go to bed", a daily situation).
    (re.compile(r"\b(?:before|by the time)\s+(?:i|we|he|she|they|my\s+[^\W\d_]+)\s+(?:move|moves|emigrate|emigrates|"
                r"relocate|relocates|graduate|graduates|retire|retires|go\s+back|goes\s+back|fly\s+(?:out|back|home)|"
                r"flies\s+(?:out|back|home)|get\s+married|gets\s+married|give\s+birth|gives\s+birth|leave\s+for|"
                r"leaves\s+for|start\s+(?:my|her|his|their|our|the)\s+new|starts\s+(?:my|her|his|their|our|the)\s+new)\b"),
     None),
    (re.compile(r"\bbetween now and\b"), None),
    (QUARTER_RE, "quarter"),
    (MONTH_SHORT_RE, None),
    (MONTH_CHALLENGE_RE, 31),
    (NEXT_OCCASIONS_RE, None),
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
    # "on saturday and sunday", "on friday or saturday": two days joined are a weekly schedule.
    return m is not None or re.match(r"\s*(?:,|and|or|&|n)\s*(?:" + DAY + r")\b", tail) is not None


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

    for m in _matches(RANGE_RE, norm):
        if re.search(r"\d|" + MONTH + r"|" + words_re(MONTH_ABBR), m.group()):
            add(m, DEADLINE)
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
    for m in DOTTED_RE.finditer(norm):
        d, mo = int(m.group("d")), int(m.group("m"))
        if 1 <= d <= 31 and 1 <= mo <= 12 and (m.group("y") or d > 12 or m.group("d").startswith("0")):
            add(m, DEADLINE)
    weeks = [m for m in WEEK_NO_RE.finditer(norm)
             if not re.search(r"\b(?:a|per|each|every|an?y|last|this|next)\s*$|/\s*$", norm[max(0, m.start() - 8):m.start()])]
    numbers_seen = {m.group("n") for m in weeks}
    for m in weeks:
        if len(numbers_seen) >= 2 or WEEK_BOUND_BEFORE_RE.search(norm, max(0, m.start() - 20), m.start()):
            add(m, DEADLINE, 7 * len(numbers_seen))
    for rx, how in DEADLINE_RES:
        for m in _matches(rx, norm):
            days = None
            text = m.group()
            if how == "span":
                if not m.group("n") and m.group("u").endswith("s") and not re.search(
                        r"\b(?:next|coming|following|first|whole|entire|full|rest)\b", text):
                    continue  # "for weeks", "in months": how long, vaguely, not a bound
                if not m.group("n") and re.match(r"\s?\d", norm[m.end():m.end() + 2]):
                    continue  # "in week 5 of term": a numbered week (WEEK_NO_RE), not "in a week"
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
            elif how == "quarter":
                days = 183 if re.search(r"\bh[12]\b", text) else 92
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
