"""Measurable: a count, a frequency, a duration or an explicit rating.

Numbers that only describe the situation ("my 2 kids", "the 9 am bus",
"my 30th birthday") and absolutes ("never", "100%") do not measure anything.
"""

import re

from . import dates
from .numbers import NUM_STRICT, value
from .report import MET, PARTIAL, MISSING, first_found
from .clauses import inside, SpanSet

COUNT_RE = re.compile(
    r"\b(?:a couple of|" + NUM_STRICT + r")(?:[\s-]{1,3}(?:more|extra|new|full|whole|short|kind|good|small|"
    r"big|long|different|other|healthy|slow|deep))?[\s-]{1,3}[^\W\d_]+")
MONEY_RE = re.compile(r"[£$€]\s?\d[\d,.]*|(?<![\d,.])\b\d[\d,.]*\s?(?:pounds|dollars|euros|quid|bucks)\b")
PERCENT_RE = re.compile(r"\b(\d+)\s?(?:%|percent|per cent)")
DIGITS_K_RE = re.compile(r"\b\d+(?:k|km|kg|mi|ml|l|lbs?|g)\b")
SCALE_RE = re.compile(r"\b(?:double|doubling|triple|tripling|halve|halving|by half|twice as)\b")
ONCE_RE = re.compile(r"\b(?:at least|at most|no more than|only|just|exactly)\s+(?:once|twice)\b"
                     r"|\b(?:once|twice)\s+(?:in|during|at)\s+(?:each|every)\b")
DURATION_RE = re.compile(
    r"\b(?:for|at least|at most|about|around|up to|within|under|over|half)\s+(?:a|an|half an|half a)\s+"
    r"(?:minute|hour)\b|\b(?:an?|half an?)\s+hour\s+(?:a|per|each|every)\b|\bhalf an hour\b")
RATING_RE = re.compile(
    r"\brat(?:e|es|ing)\b(?!\s+of\b)|\bout of\s+(?:10|ten|5|five|100)\b|\bon a scale\b|\bscor(?:e|ing)\b"
    r"|\bfrom\s+(?:an?\s+)?\d{1,2}\s+to\s+(?:an?\s+)?\d{1,2}\b")
DESCRIPTIVE_BEFORE_RE = re.compile(r"\b(?:my|our|his|her|their|your|the|these|those|its|aged?|age)\s+$")
SITUATION_BEFORE_RE = re.compile(r"\b(?:when|whenever|if|while|because|since|as)\b[^,;]*$")
VAGUE_RE = re.compile(
    r"\b(?:more|less|fewer|better|healthier|a lot|loads|lots|often|regularly|sometimes|most days|"
    r"never|always|all the time|100\s?%|every single|completely|totally)\b")
NUM_HEAD_RE = re.compile(r"a couple of|" + NUM_STRICT)
NOT_COUNT_NOUNS = {"am", "pm", "o'clock", "th", "st", "nd", "rd", "of", "or", "and", "to", "out", "day", "days",
                   "percent", "per", "at", "in", "on", "a", "an"}


# "the 5-4-3-2-1 exercise", "the 3-3-3 rule", "4-7-8 breathing": three or
# more numbers joined by hyphens name a technique, not an amount.
TECHNIQUE_RE = re.compile(r"\d{1,3}(?:-\d{1,3}){2,8}(?![\d-])")


def _technique(norm, s, e):
    """True when the number at s..e is one link of a hyphenated digit chain."""
    lo = max(0, s - 36)
    for m in TECHNIQUE_RE.finditer(norm, lo, min(len(norm), e + 36)):
        if m.start() <= s and e <= m.end():
            return True
    return False


def _counts(an, blocked):
    norm = an.norm
    found, described = [], []
    for m in an.finditer(COUNT_RE):
        numtxt = NUM_HEAD_RE.match(m.group()).group()
        noun = m.group().split()[-1].split("-")[-1]
        span = (m.start(), m.end())
        if inside(span, blocked) or noun in NOT_COUNT_NOUNS:
            continue
        if numtxt == "one" and noun in ("day", "of", "another", "thing") or norm[max(0, m.start() - 3):m.start()] == "no ":
            continue
        if value(numtxt) is None or _technique(norm, m.start(), m.start() + len(numtxt)):
            continue
        ci = an.clause_at(m.start())
        line_start = max(an.clauses[ci].start if ci is not None else 0, m.start() - 60)
        if DESCRIPTIVE_BEFORE_RE.search(norm, line_start, m.start()):
            described.append(span)
            continue
        if SITUATION_BEFORE_RE.search(norm, line_start, m.start()):
            described.append(span)
            continue
        found.append(span)
    return found, described


def judge(an, context=None):
    blocked = SpanSet(len(an.norm), [t.span for t in an.times if t.kind in (dates.DEADLINE, dates.START, dates.CLOCK)])
    # How often you *feel* something can't be counted: a frequency needs an action.
    measures = [t.span for t in an.times if t.kind == dates.FREQUENCY] if an.has_action else []
    measures += [t.span for t in an.times if t.kind == dates.RESPONSE]
    counts, described = _counts(an, blocked)
    measures += counts
    for rx in (MONEY_RE, DIGITS_K_RE, SCALE_RE, DURATION_RE, RATING_RE, ONCE_RE):
        for m in an.finditer(rx):
            if not inside((m.start(), m.end()), blocked):
                measures.append((m.start(), m.end()))
    for m in an.finditer(PERCENT_RE):
        if m.group(1) != "100":
            measures.append((m.start(), m.end()))
    return first_found(an.text, [
        (MET, measures, ("You'll be able to tell how you're doing: {words} gives you something to count or "
                         "check.", "Your goal has something to count or check: {words}."), None, None),
        (PARTIAL, described, "The number here ({words}) describes your situation rather than what you'll "
                             "do, so it doesn't yet show progress.",
         "Add how often, how many or how long, for example \u201ctwice a week\u201d or \u201cfor 20 "
         "minutes\u201d.", None),
        (PARTIAL, [(m.start(), m.end()) for m in an.finditer(VAGUE_RE)],
         "Words like {words} point in a direction, but there's nothing you could count yet.",
         "Turn it into a number you can check, for example \u201con three evenings a week\u201d or "
         "\u201cfor 10 minutes\u201d.", None),
    ], (MISSING, "It's not yet clear how you'd notice progress. What could you count, time or rate?",
        "For example: \u201cthree times a week\u201d, \u201cfor 10 minutes\u201d, or \u201crate my mood "
        "from 1 to 10 each evening\u201d."), getattr(context, "plain", False))
