"""Attainable: flags all-or-nothing wording, a very large change in a very
short time, and several goals packed into one; then listens to confidence."""

import re

from . import dates
from .numbers import NUM_STRICT, value
from .report import Criterion, MET, PARTIAL, MISSING, merge_spans, quote, say
from .lexicon import lemma, VERBS

# Every alternative begins at a word boundary, written once in front (the same matches, several times faster).
ABSOLUTE_RE = re.compile(
    r"\b(?:(?:never|always|forever|completely|totally|entirely|absolutely|perfect|perfectly|flawless(?:ly)?|"
    r"all the time|at all times|every single|without (?:exception|fail|a single|missing|skipping)|"
    r"not (?:even )?once|even once|no matter what|all at once|for good|for the rest of my life|"
    r"at all costs|whatever it takes|100 percent|a hundred percent|at all|(?:a|one) single|no exceptions?|"
    r"ever(?! since| so| been| had| have| did)|ever again)\b"
    r"|(?:be|become|being)\s+the\s+(?:best|perfect|greatest|ideal)\b|in the (?:whole )?world\b"
    r"|100\s?%|24/7\b|(?<!from )zero\b|at 0\b|0 out of"
    r"|(?:every|each|all|any)\s+(?:single\s+)?[^\W\d_]+\s+(?:i|that i)\s+(?:get|receive|am offered|'m offered|am sent|see)\b)")
WEIGHT_RE = re.compile(r"\b(?:lose|losing|drop|dropping|shed|shedding)\s+(" + NUM_STRICT + r")\s?"
                       r"(kg|kgs|kilos?|kilograms?|pounds|lbs?|stone)\b")
MONEY_RE = re.compile(r"[£$€]\s?(\d[\d,]*)(k\b)?|(?<![\d,])\b(\d[\d,]*)(k)?\s?(?:pounds|dollars|euros|quid|bucks)\b")
RATIO_RE = re.compile(r"\bfrom\s+(?:an?\s+)?(" + NUM_STRICT + r")\s*([^\W\d_]+)?\s+to\s+(?:an?\s+)?(" + NUM_STRICT + r")\b")
RUN_RE = re.compile(r"\b(?:run|running|jog|jogging)\s+(?:a\s+)?(" + NUM_STRICT + r")\s?(km|k|kilometres?|kilometers?|miles?)\b"
                    r"|\b(?:half[- ])?marathon\b|\bfrom (?:zero|scratch|nothing)\b|\bcouch\b")
BIG_OUTCOME_RE = re.compile(
    r"\b(?:group of (?:close )?friends|close friends|best friends?|a (?:partner|girlfriend|boyfriend|husband|wife)|"
    r"engaged|married|fluent|rid of|cured?|overcome|get over|be over|debt[- ]free|all (?:of )?my (?:debts?|debt|savings|bills)|"
    r"(?:my own|a new) business|double|triple|quadruple|halve|a promotion|a new career)\b")
RATING_CONTEXT_RE = re.compile(r"\brat(?:e|ing)\b|\bout of\b|\bscale\b")

DOMAINS = {
    "people": """mum mom dad parents parent son daughter kids kid children partner wife husband boyfriend
        girlfriend ex brother sister sisters brothers gran nan grandma grandad family friend friends colleague
        colleagues team manager boss people person someone conversation conversations date dates dating social
        party invitation invitations cousin in-laws neighbour neighbours flatmate call ring text message""",
    "exercise": """gym run running walk walking jog jogging swim swimming yoga push-ups exercise workout km
        steps cycle cycling bike climbing sport football fitness stretch stretching pilates weights""",
    "sleep": "sleep sleeping bed bedtime nap wake rested tired",
    "food": "eat eating diet cook cooking meal meals healthier vegetables fruit sugar snacks",
    "substances": """alcohol beer beers wine smoking smoke cigarettes vaping vape weed drugs sober""",
    "money": "money save saving savings spend spending budget debt debts income bank salary £ $ €",
    "work": """job work office cv dissertation study studying exams exam career business shifts emails essay
        homework uni university degree grades recruiters""",
    "screens": "phone screen screens tiktok instagram scrolling netflix tv gaming",
}
WORD_DOMAIN = {w: d for d, ws in DOMAINS.items() for w in ws.split()}
REPLACE_HINT_RE = re.compile(r"\binstead\b|\brather than\b|\breplac|\bswap")
BACKREF = {"it", "them", "her", "him", "his", "their", "they", "that", "this", "she", "he"}


def _short(an):
    """Deadline spans of about a month or less."""
    return [t for t in an.times_of(dates.DEADLINE) if t.days is not None and t.days <= 35]


def _large_change(an):
    short = _short(an)
    if not short:
        return []
    days = min(t.days for t in short)
    norm = an.norm
    hits = []
    for m in an.finditer(WEIGHT_RE):
        n = value(m.group(1)) or 0
        unit = m.group(2)
        kg = n * (0.45 if unit.startswith(("pound", "lb")) else 6.35 if unit == "stone" else 1)
        if kg > days / 7.0 + 1.5:
            hits.append((m.start(), m.end()))
    for m in an.finditer(MONEY_RE):
        digits = (m.group(1) or m.group(3) or "").replace(",", "")
        try:
            amount = float(digits) * (1000 if (m.group(2) or m.group(4)) else 1)
        except ValueError:
            continue
        if amount >= 1000 and re.search(r"\b(?:save|saving|pay|paying|earn|earning|raise|make)\b", norm):
            hits.append((m.start(), m.end()))
    if not RATING_CONTEXT_RE.search(norm):
        for m in an.finditer(RATIO_RE):
            a, b = value(m.group(1)), value(m.group(3))
            if a and b is not None and (b == 0 or a / max(b, 1e-9) >= 2.5 or b / a >= 2.5):
                hits.append((m.start(), m.end()))
    for m in an.finditer(RUN_RE):
        if m.group(1):
            n = value(m.group(1)) or 0
            km = n * (1.6 if m.group(2).startswith("mile") else 1)
            if km < 10:
                continue
        hits.append((m.start(), m.end()))
    for m in an.finditer(BIG_OUTCOME_RE):
        hits.append((m.start(), m.end()))
    if hits:
        hits.extend(t.span for t in short)
    return hits


def goal_clauses(an):
    """Main clauses that carry their own action (a verb-only clause like
    'Book' in 'Book and take my first lesson' joins the next one)."""
    out = []
    for i, c in enumerate(an.clauses):
        h = an.heads[i]
        if c.kind != "main" or h is None:
            continue
        if len(c.toks) - h <= 2 and i + 1 < len(an.clauses) and all(
                t[2] in VERBS or t[2] in ("for", "up", "in", "out", "to") for t in c.toks[h:]):
            continue
        out.append(c)
    return out


def _packed(an):
    goals = goal_clauses(an)
    if len(goals) == 2 and REPLACE_HINT_RE.search(an.norm):
        return []  # "stop X and do Y instead": one swap, not two goals
    if len(goals) >= 3:
        return [(c.start, c.end) for c in goals]
    if len(goals) == 2:
        doms = []
        for c in goals:
            ds = set(WORD_DOMAIN[t[2]] for t in c.toks if t[2] in WORD_DOMAIN)
            ds |= set(WORD_DOMAIN.get(lemma(t[2]), "") for t in c.toks) - {""}
            doms.append(ds)
        second = goals[1]
        if any(t[2] in BACKREF for t in second.toks) or doms[0] & doms[1]:
            return []
        # Two different areas of life, or two things each with its own rhythm.
        freq = [t.start for t in an.times_of(dates.FREQUENCY)]
        rhythms = [any(c.start <= f < c.end for f in freq) for c in goals]
        if (doms[0] and doms[1]) or all(rhythms):
            return [(c.start, c.end) for c in goals]
    return []


# "stop being so angry all the time": how often the problem happens now, not
# an all-or-nothing target, when it sits after stop/quit/less.
DESCRIBES_PROBLEM = {"all the time", "always", "at all times", "24/7", "every single"}
STOPPING_RE = re.compile(r"\b(?:stop|stops|stopping|quit|quits|quitting|less|fewer|give up|giving up|"
                         r"cut down on|cut back on)\b")


def _stopped_from(an):
    """Per clause, where the first stopping word ends (one pass: linear)."""
    first = {}
    for m in STOPPING_RE.finditer(an.norm):
        ci = an.clause_at(m.start())
        if ci is not None and ci not in first:
            first[ci] = m.end()
    return first


def _after(stopped, ci, pos):
    return ci is not None and ci in stopped and stopped[ci] <= pos


def risks(an):
    """(kind, spans) for each attainability risk found in the wording."""
    out = []
    stopped = _stopped_from(an)
    absolutes = [(m.start(), m.end()) for m in an.finditer(ABSOLUTE_RE)
                 if not (m.group() in DESCRIBES_PROBLEM and _after(stopped, an.clause_at(m.start()), m.start()))]
    if absolutes:
        out.append(("absolute", absolutes))
    big = _large_change(an)
    if big:
        out.append(("large", big))
    packed = _packed(an)
    if packed:
        out.append(("packed", packed))
    return out


def judge(an, context=None):
    confidence = context.confidence if context is not None else None
    plain = getattr(context, "plain", False)
    text = an.text
    found = risks(an)
    if found:
        kind, spans = found[0]
        ev = merge_spans([s for _, ss in found for s in ss])
        if kind == "absolute":
            msg = say(("Words like %s set an all-or-nothing bar, so one off day could feel like failing even "
                       "when you're doing well. Leaving yourself a little room is kinder and more likely to stick.",
                       "Words like %s set an all-or-nothing bar: one off day would count as missing it."),
                      plain) % quote(text, merge_spans(spans))
            sug = ("Try a number instead of an absolute, for example \u201con at least four evenings this "
                   "week\u201d rather than \u201calways\u201d or \u201cnever\u201d.")
        elif kind == "large":
            msg = ("This is a big change for a short time (%s). Big changes usually come from a run of "
                   "smaller steps." % quote(text, merge_spans(spans)))
            sug = ("Pick a first milestone that feels doable in this time, perhaps a quarter or half of it, "
                   "and review when you get there.")
        else:
            msg = ("There are several goals in here, and each one deserves its own attention. Choosing one "
                   "to start with makes it much more likely to happen.")
            sug = "Pick the one that matters most right now and make it this goal; keep the others for later."
        return Criterion(MISSING, msg, sug, ev)
    return within_reach(confidence, plain)


def within_reach(confidence=None, plain=False):
    """The criterion when nothing in the wording is a risk: it listens to confidence.
    ``plain``: the caution tier's wording, which states the rating and nothing more (report.say)."""
    if confidence is not None and confidence < 7:
        return Criterion(PARTIAL, "You rated your confidence at %d out of 10. That's useful to know: a "
                                  "slightly smaller first step can make this feel more doable." % confidence,
                         "What would bring your confidence up to 7 or more? For example, try it once this "
                         "week before aiming for every week.", [])
    if confidence is not None:
        msg = say(("This sounds within reach, and you rated your confidence at %d out of 10. That's a good "
                   "sign.", "You rated your confidence at %d out of 10."), plain) % confidence
    else:
        msg = say(("This sounds within reach: nothing in the wording asks for perfection or a huge leap.",
                   "The wording does not ask for an all-or-nothing result or a sudden change."), plain)
    return Criterion(MET, msg, None, [])
