"""Specific: a concrete action or observable outcome, and where it applies
(a situation, person, place, occasion or time of day)."""

import re

from . import dates
from .numbers import NUM_STRICT
from .report import Criterion, MET, PARTIAL, MISSING, merge_spans, quote
from .words import (PERSONS, PLACES, TIMES_OF_DAY, NOT_NAMES, VERBS, STATE_VERBS,
                    COMPARATIVES, FEELING_NOUNS, lemma, inside, words_re)

PERSON_RE = re.compile(r"\b" + words_re(PERSONS) + r"\b")
PLACE_RE = re.compile(r"\b" + words_re(PLACES) + r"\b")
TIME_OF_DAY_RE = re.compile(r"\b" + words_re(TIMES_OF_DAY) + r"\b")
WORK_RE = re.compile(r"\b(?:at|after|before|to|from|during|leave|leaving|outside|off|into|in)\s+(?:work|school|uni|college)\b")
SITUATION_RE = re.compile(
    r"\b(?:when|whenever|while|as soon as|every time|each time|the moment|once i|if i|if my|if someone|"
    r"if anyone|after|before|during)\b")
LIKE_BEFORE_RE = re.compile(r"(?:\b(?:like|as)\s+(?:a|an|my|your)?\s*|the way i would\s+(?:to|with|for)?\s*(?:a|an|my)?\s*)$")
NUMBER_RE = re.compile(r"^" + NUM_STRICT + r"$")

# Verbs that say "record" rather than "change": "rate my anxiety" is an action.
RECORD_VERBS = {"rate", "track", "log", "write", "note", "notice", "record", "measure", "talk", "share",
                "tell", "journal", "list", "describe", "name", "mention", "say"}
CHAIN_VERBS = {"stop", "quit", "start", "begin", "keep", "continue", "try", "learn", "remember", "be"}
HAVE_OK = {"dinner", "lunch", "breakfast", "coffee", "tea", "chat", "conversation", "talk", "call",
           "bath", "shower", "walk", "break", "nap", "meal", "drink", "date", "day", "picnic", "meeting",
           "session", "lesson", "check-up", "appointment", "friends", "people", "game"}
MAKE_OK = {"dinner", "lunch", "breakfast", "meal", "meals", "call", "calls", "phone", "list", "plan",
           "appointment", "bed", "time", "budget", "cup", "tea", "coffee", "food", "notes", "note"}
GET_OK = {"up", "to", "home", "back", "out", "in", "outside", "dressed", "changed", "off", "into", "a"}
DETERMINERS = {"a", "an", "the", "my", "our", "some", "one", "two", "three", "more", "regular", "proper", "nice"}


def _head_kind(an, ci):
    """'action', 'state' or None for clause ci, with the head token index."""
    clause = an.clauses[ci]
    h = an.heads[ci]
    if h is None:
        # "No screens in bed": doing without a named thing is observable.
        toks = clause.toks
        if len(toks) > 1 and toks[0][2] == "no" and toks[1][2] not in ("longer", "more", "matter", "one"):
            return "action", 0
        return None, None
    toks = clause.toks
    n = len(toks)
    lem = lemma(toks[h][2])
    while lem in CHAIN_VERBS and h + 1 < n:
        nxt = toks[h + 1][2]
        if nxt.endswith("ing") and lemma(nxt) in VERBS:
            h += 1
        elif nxt == "to" and h + 2 < n and lemma(toks[h + 2][2]) in VERBS and lem != "be":
            h += 2
        else:
            break
        lem = lemma(toks[h][2])
    after = [t[2] for t in toks[h + 1:h + 5]]
    nxt = after[0] if after else ""
    if lem in STATE_VERBS:
        return "state", h
    if lem == "get":
        ok = nxt in GET_OK and nxt != "a" or bool(NUMBER_RE.match(nxt))
        return ("action" if ok else "state"), h
    if lem in ("have", "make"):
        words = [w for w in after if w not in DETERMINERS]
        ok = bool(words) and words[0] in (HAVE_OK if lem == "have" else MAKE_OK)
        return ("action" if ok else "state"), h
    if lem == "keep":
        return ("action" if nxt in ("a", "an", "in", "up", "going", "track") else "state"), h
    if lem == "work":
        return ("action" if nxt == "out" else "state"), h
    if lem in ("find", "build", "learn", "let", "treat", "sort"):
        return "state", h
    if nxt in COMPARATIVES and not any(NUMBER_RE.match(w) for w in after):
        return "state", h
    if lem not in RECORD_VERBS and any(w in FEELING_NOUNS for w in after[:3]):
        return "state", h
    return "action", h


def anchors(an):
    """Spans naming where the goal applies."""
    text, norm = an.text, an.norm
    blocked = [t.span for t in an.times if t.kind in (dates.DEADLINE, dates.START)]
    found = []
    for m in an.finditer(PERSON_RE):
        if LIKE_BEFORE_RE.search(norm, max(0, m.start() - 30), m.start()):
            continue
        found.append((m.start(), m.end()))
    for rx in (PLACE_RE, TIME_OF_DAY_RE, WORK_RE):
        for m in an.finditer(rx):
            found.append((m.start(), m.end()))
    for t in an.times:
        if t.kind == dates.CLOCK:
            found.append(t.span)
    for m in an.finditer(SITUATION_RE):
        ci = an.clause_at(m.start())
        end = an.clauses[ci].end if ci is not None else m.end()
        probe = (m.start(), min(end, m.end() + 14))
        if inside(probe, blocked):
            continue
        found.append((m.start(), min(end, m.end() + 40)))
    found.extend(_names(an))
    return [s for s in found if not inside(s, blocked)]


def _names(an):
    """Capitalised words mid-sentence that look like people's names (Sam, Priya)."""
    text = an.text
    words = [(s, e, w) for c in an.clauses for (s, e, w) in c.toks if w.isalpha()]
    caps = [x for x in words if text[x[0]].isupper()]
    if len(words) < 2 or len(caps) * 2 > len(words):
        return []
    out = []
    for s, e, w in caps:
        before = text[:s].rstrip()
        if not before or before[-1] in ".!?\"'(:\n":
            continue
        if w in NOT_NAMES or text[s:e].isupper() or w in VERBS and w not in ("mark", "pat", "will", "bill"):
            continue
        out.append((s, e))
    return out


def judge(an):
    kinds = [_head_kind(an, i) for i in range(len(an.clauses))]
    found = anchors(an)
    per_clause = {}
    glob = []
    for span in found:
        ci = an.clause_at(span[0])
        clause = an.clauses[ci] if ci is not None else None
        if ci is None or kinds[ci][0] is None or clause.kind in ("without", "instead"):
            glob.append(span)
        else:
            per_clause.setdefault(ci, []).append(span)
    actions, states = [], []
    used = []
    for ci, (kind, h) in enumerate(kinds):
        if kind is None or an.clauses[ci].kind not in ("main", "by"):
            continue
        tok = an.clauses[ci].toks[h]
        if kind == "action":
            actions.append((tok[0], tok[1]))
            own = per_clause.get(ci, [])
            if own or glob:
                used.extend(own + glob)
        else:
            states.append((tok[0], tok[1]))
    text = an.text
    if actions and used:
        ev = merge_spans(actions + used)
        return Criterion(MET, "You've named a clear step and where it happens (%s). That makes it easy to "
                              "picture and easy to start." % quote(text, ev, 4), None, ev)
    if actions:
        ev = merge_spans(actions)
        return Criterion(PARTIAL, "You've named something you can actually do (%s). Saying where, when or with "
                                  "whom would make it easier to picture and to start." % quote(text, ev),
                         "Add a place, a person or a time of day, for example \u201c\u2026 after dinner\u201d, "
                         "\u201c\u2026 at the gym near work\u201d or \u201c\u2026 with my sister\u201d.", ev)
    ctx = [s for s in found]
    if ctx:
        ev = merge_spans(states + ctx)
        return Criterion(PARTIAL, "You've said where this matters (%s), which helps. Now try naming one thing "
                                  "you would actually do there, something a friend could see you doing."
                         % quote(text, merge_spans(ctx)),
                         "For example, instead of \u201cfeel calm at work\u201d, try \u201ctake three slow "
                         "breaths before each meeting at work\u201d.", ev)
    ev = merge_spans(states)
    return Criterion(MISSING, "This reads more like a wish than a step. What would you actually do, and where "
                              "or with whom?",
                     "For example: \u201ctext one friend on Sunday evenings\u201d rather than \u201cbe more "
                     "social\u201d.", ev)
