"""The checker's pipeline: spell out, find the aim, let the rules find the
words, let the model decide, then say it warmly.

1. normalise.expand: text-speak and typos spelled out, with a map back.
2. aim.find: the aim apart from backstory and reasons; only the aim is
   parsed (Analysis), the rest is context the model sees as context.
3. The criterion modules find evidence spans and write their messages as
   before; what they found becomes rule features.
4. learned.model decides met / not met per label and the framing; where it
   disagrees with the rules, decide.py words the result.
5. Evidence spans go back through the map, so they point into the original.
"""

import re

from . import aim as aim_mod
from . import attainable, criteria, dates, decide, features, framing, learned, numbers, specific
from .analysis import Analysis
from .normalise import expand
from .report import Criterion, Report, merge_spans
from .clauses import normalize
from .lexicon import lemma


class Reading:
    """Everything the checker read from one goal (the rules' view of it)."""

    __slots__ = ("norm", "aim", "an", "context", "rules", "risks", "framing", "strings")


def read(text, why=None, confidence=None, plain=False):
    """Expand, find the aim, run every registered criterion; return a Reading.
    ``plain``: the criteria word their messages without praise (the caution tier)."""
    r = Reading()
    r.norm = expand(text)
    lowered = normalize(r.norm.text)
    r.aim = aim_mod.find(lowered)
    s, e = r.aim.span
    masked = " " * s + r.norm.text[s:e] + " " * (len(lowered) - e)
    an = Analysis(masked)
    an.text = r.norm.view()
    r.an = an
    r.context = r.aim.context(lowered)
    r.rules = criteria.judge_all(an, criteria.Context(why, confidence, plain))
    r.risks = attainable.risks(an)
    r.framing = framing.judge(an)
    # A date in a reason that closes the goal ("... so I can run a 5k before my birthday in May") is read apart
    # from one in the backstory ("Mum died in March"): both are context, only the first bounds the goal.
    reason_times = ["t|reason|" + t.kind for a, b in r.aim.reasons for t in dates.find(lowered[a:b])]
    r.strings = features.strings(lowered[s:e], r.context, _rule_strings(r) + reason_times)
    return r


def _rule_strings(r):
    """The rules' findings as feature strings."""
    # Relevance is read from the why, attainability from the risks below: neither is a text feature.
    out = ["r|%s|%s" % (k, c.status) for k, c in r.rules.items() if k not in ("attainable", "relevant")]
    out += ["r|risk|" + kind for kind, _ in r.risks] or ["r|risk|none"]
    out.append("r|framing|" + r.framing[0])
    out += ["t|aim|" + t.kind for t in r.an.times]
    if r.context.strip():
        out += ["t|ctx|" + t.kind for t in dates.find(r.context)]
        out.append("s|context")
    out.append("s|sentences|%d" % min(len(r.aim.sentences), 4))
    out.append("s|aimsentences|%d" % min(len(r.aim.aim_sentences), 3))
    if r.aim.reasons:
        out.append("s|reason")
    out.append("s|action|%s" % r.an.has_action)
    an = r.an
    for i, (kind, h) in enumerate(an.kinds):
        if kind is not None:
            out.append("h|%s|%s" % (an.clauses[i].kind, kind))
            out.append("h|" + lemma(an.clauses[i].toks[h][2]))
    kinds = [name for name, rx in ANCHOR_KINDS if rx.search(an.norm)]
    out += ["a|" + name for name in kinds]
    # Specific wants a step *and* where it applies: each kind of anchor, and how
    # many, paired with whether the aim has an action, so the model can weigh
    # "a place with a step" apart from "a place in a wish".
    out += ["x|%s|a|%s" % (an.has_action, name) for name in kinds]
    out.append("x|%s|n%d" % (an.has_action, min(len(kinds), 3)))
    # "before the day", "till exams", "by next rota": whether the word after
    # by/before/until closes the goal is learned from examples, not listed.
    for m in BOUND_RE.finditer(an.norm):
        out.append("bx|" + m.group(1))
    out += _scale_strings(an)
    return out


def _scale_strings(an):
    """How big and how soon, coarsely: the largest number, the shortest
    deadline, how many separate goal clauses, and each pair of these. The
    model learns from examples which mixes are too much too fast."""
    days = [t.days for t in an.times if t.kind == dates.DEADLINE and t.days]
    d = min(days) if days else None
    soon = "none" if d is None else "7" if d <= 7 else "35" if d <= 35 else "100" if d <= 100 else "long"
    vals = [v for v in (numbers.value(m.group()) for m in NUMBER_RE.finditer(an.norm)) if v is not None]
    top = max(vals) if vals else None
    big = "none" if top is None else "1" if top <= 1 else "5" if top <= 5 else "20" if top <= 20 else \
        "100" if top <= 100 else "big"
    goals = min(len(attainable.goal_clauses(an)), 4)
    out = ["k|soon|" + soon, "k|big|" + big, "k|%s|%s" % (big, soon), "k|goals|%d" % goals, "k|goals%d|%s" % (goals, soon)]
    for m in EVERY_RE.finditer(an.norm):
        out.append("k|every|" + ("time" if m.group(1) in TIME_WORDS else "thing"))
    return out


ANCHOR_KINDS = (("person", specific.PERSON_RE), ("place", specific.LOCATION_RE), ("occasion", specific.OCCASION_RE),
                ("day", specific.DAY_RE), ("at", specific.AT_THE_RE), ("daytime", specific.TIME_OF_DAY_RE),
                ("work", specific.WORK_RE), ("situation", specific.SITUATION_RE), ("shape", specific.SHAPE_RE))
NUMBER_RE = re.compile(r"\b" + numbers.NUM_STRICT + r"\b")
# "every plan", "no mistakes": all-or-nothing unless the noun is a time ("every day").
EVERY_RE = re.compile(r"\b(?:every|each|all|any|no)\s+(?:single\s+)?([^\W\d_]+)")
TIME_WORDS = {"day", "days", "week", "weeks", "night", "nights", "morning", "mornings", "evening", "evenings", "month",
              "months", "year", "time", "times", "weekend", "weekends", "afternoon", "fortnight", "single", "other",
              "hour", "minute"}
BOUND_RE = re.compile(r"\b(?:by|before|until|till|ahead of)\s+(?:(?:the|my|our|his|her|their|next|this)\s+)?"
                      r"([^\W\d_]+|\d+)")


def decisions(r):
    """The model's {label: decision} for a Reading. An absolute the rules found
    ("never", "not once", "100%") is a risk whatever the model weighs: the
    rubric names absolutes outright, and cross-validation agrees (0.958 -> 0.960)."""
    m = learned.model()
    got = m.decide(features.hashed(r.strings, m.bits))
    if any(kind == "absolute" for kind, _ in r.risks):
        got["attainable_risk"] = True
    return got


# Loaded with the checker, not on the first goal: the worker's memory snapshot
# (taken after import) then holds the decoded model too.
learned.preload()


def check(text, why=None, confidence=None, caution=False):
    """One goal -> Report (the public contract's shape); confidence is an int 0-10 or None.
    ``caution`` (safety.assess was unsure): the same statuses and evidence, every message in its
    plain, praise-free wording, and no reframe (it coaches how to pursue the goal)."""
    r = read(text, why, confidence, plain=caution)
    got = decisions(r)
    an = r.an
    kind = got["framing"]
    _, _, approach, avoid = r.framing
    crit = dict(r.rules)
    hints = {"measurable": merge_spans([m.span() for m in NUMBER_RE.finditer(an.norm)]
                                       + [t.span for t in an.times if t.kind == dates.FREQUENCY]),
             "time_bound": [m.span() for m in BOUND_RE.finditer(an.norm)]}
    for name in ("specific", "measurable", "time_bound"):
        crit[name] = decide.follow(name, crit[name], got[name], an.text, hints.get(name, ()), plain=caution)
    crit["attainable"] = decide.attainable(crit["attainable"], got["attainable_risk"], confidence, plain=caution)
    crit = {k: _to_original(c, r.norm) for k, c in crit.items()}
    reframe = None if caution else framing.reframe(an, kind, approach, avoid)
    return Report(framing=kind, reframe=reframe, caution=caution, **crit)


def framing_of(text):
    """The learned framing alone (for a goal whose judgement the safety screen withholds)."""
    return decisions(read(text))["framing"]


def _to_original(c, norm):
    """The criterion with its evidence spans moved into the original text."""
    if not c.evidence:
        return c
    spans = []
    for sp in c.evidence:
        s, e = norm.span(sp)
        if spans and s <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], e))
        else:
            spans.append((s, e))
    return Criterion(c.status, c.message, c.suggestion, spans)
