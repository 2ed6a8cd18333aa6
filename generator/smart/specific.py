"""Specific: a concrete action or observable outcome, and where it applies
(a situation, person, place, occasion or time of day)."""

import re

from . import dates, guess
from .report import MET, PARTIAL, MISSING, first_found
from .clauses import inside, SpanSet
from .lexicon import PERSONS, LOCATIONS, OCCASIONS, LOC_PREPS, MOVE_VERBS, TIMES_OF_DAY, NOT_NAMES, DAYS, words_re

PERSON_RE = re.compile(r"\b" + words_re(PERSONS) + r"\b")
LOCATION_RE = re.compile(r"\b" + words_re(LOCATIONS) + r"\b")
OCCASION_RE = re.compile(r"\b" + words_re(OCCASIONS) + r"\b")
DAY_RE = re.compile(r"\b" + words_re(DAYS) + r"s?\b")
# "at the food bank", "in the living room": a place even if we don't know the word.
AT_THE_RE = re.compile(
    r"\b(?:at|in|inside|outside|into|around|near)\s+(?:the|my|our|a|an|his|her|their)\s+"
    r"(?!(?:end|start|beginning|moment|future|long|past|world|meantime|life|head|mind|total|row|general|"
    r"same|way|first|next|last|rest|middle|morning|evening|afternoon|night|week|month|year|day|time|"
    r"mood|habit|mirror|case|hope|order|process|space|form|best|worst|run|bit|lot|while|week's)\b)"
    r"[^\W\d_]+(?:\s+[^\W\d_]+)?")
NAME_BEFORE = {"with", "to", "tell", "call", "ring", "text", "message", "ask", "meet", "visit", "see", "and",
               "invite", "hug", "thank", "help", "email", "phone", "for", "neighbour", "neighbor", "friend",
               "friends", "cousin", "colleague", "uncle", "aunt", "auntie", "sister", "brother", "from"}
TIME_OF_DAY_RE = re.compile(r"\b" + words_re(TIMES_OF_DAY) + r"\b")
WORK_RE = re.compile(r"\b(?:at|after|before|to|from|during|leave|leaving|outside|off|into|in|for)\s+(?:work|school|uni|college)\b")
SITUATION_RE = re.compile(
    r"\b(?:when|whenever|while|as soon as|every time|each time|the moment|once i|if i|if my|if someone|"
    r"if anyone|after|before|during)\b")
# Occasions and settings named by their shape, whatever the noun:
# "in front of guests", "with every meal", "on days I work late".
SHAPE_RE = re.compile(
    r"\bin front of\s+(?:(?:the|my|a|an|other|our|his|her|their)\s+)?[^\W\d_]+"
    r"|\b(?:with|at|during|after|before)\s+(?:every|each)\s+[^\W\d_]+"
    r"|\bon\s+(?:the\s+)?(?:days|nights|mornings|evenings)\s+(?:when|that|i|where|my)\b"
    r"|\b(?:on|at)\s+(?:weekdays|weekends|workdays|schooldays|(?:work|working|school)\s+days)\b|\bonline\b(?=\s*$|\s*[,.;!?]|\s+(?:at|in|on|for|after|before|every|each|when|and|or|this|next|until|by)\b)")
# "good morning" is a greeting, not a time of day.
GREETING_RE = re.compile(r"\bgood\s?(?:morning|night|afternoon|evening)\b")
# Words just before an unlisted role noun or proper noun that make it who or
# where the goal applies: "phone the plumber", "to the site supervisor", "on YouTube".
ROLE_BEFORE = NAME_BEFORE | {"wish", "greet", "thank", "email", "contact", "speak", "talk", "write", "reply",
                             "in", "at", "on", "into", "via", "front", "beside", "alongside"}
PLACE_NOT_AFTER = {"buy", "sell", "rent", "find", "get", "afford", "own", "build", "want", "need", "have",
                   "save", "make", "lose", "choose", "pick"}
# After a place that is the verb's object: a time, a rhythm or the clause's end.
PLACE_NEXT = guess.OPENING_NEXT | {"within", "by", "until", "till", "this", "next", "today", "tomorrow", "tonight",
                                   "and", "or", "so", "then", "again", "once"}
# Places only with a preposition: "answer the phone" is a thing, "on my phone" a place.
NOT_OBJECT_PLACES = {"phone", "laptop", "computer", "tablet", "app", "apps", "account", "course", "company",
                     "table", "desk", "queue", "checkout", "group", "groups", "club", "clubs", "chat", "forum", "bed"}
DETS = {"the", "my", "a", "an", "our", "his", "her", "their", "your", "this", "that"}
LIKE_BEFORE_RE = re.compile(r"(?:\b(?:like|as)\s+(?:a|an|my|your)?\s*|the way i would\s+(?:to|with|for)?\s*(?:a|an|my)?\s*)$")

def anchors(an):
    """Spans naming where the goal applies."""
    text, norm = an.text, an.norm
    blocked = SpanSet(len(norm), [t.span for t in an.times if t.kind in (dates.DEADLINE, dates.START)])
    found = []
    for m in an.finditer(PERSON_RE):
        if LIKE_BEFORE_RE.search(norm, max(0, m.start() - 30), m.start()):
            continue
        found.append((m.start(), m.end()))
    greetings = SpanSet(len(norm), [(m.start(), m.end()) for m in GREETING_RE.finditer(norm)])
    for rx in (OCCASION_RE, TIME_OF_DAY_RE, WORK_RE, AT_THE_RE, DAY_RE, SHAPE_RE):
        for m in an.finditer(rx):
            if not inside((m.start(), m.end()), greetings):
                found.append((m.start(), m.end()))
    for m in an.finditer(LOCATION_RE):
        if _located(an, m.start()):
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
    found.extend(_roles_and_objects(an))
    return [s for s in found if not inside(s, blocked)]


def _roles_and_objects(an):
    """Unlisted people by their role ("to the site supervisor", "email HR"),
    proper-noun places ("on YouTube") and a place as the object of the verb
    ("declutter the garage", "ride the tube")."""
    text = an.text
    caps = _caps_ok(an)
    out = []
    for ci, c in enumerate(an.clauses):
        toks = c.toks
        h = an.heads[ci]
        for j, (s, e, w) in enumerate(toks):
            back = [t[2] for t in toks[max(0, j - 3):j]]
            if not back:
                continue
            near = back[-1] in ROLE_BEFORE or (back[-1] in DETS or len(back) > 1 and back[-2] in DETS) \
                and any(b in ROLE_BEFORE for b in back[:-1])
            if near and w not in PERSONS and guess.looks_person(w):
                out.append((s, e))
            elif near and caps and j > 0 and guess.looks_proper(text, s, e, w):
                out.append((s, e))
            elif w in LOCATIONS and w not in NOT_OBJECT_PLACES and h is not None and h < j <= h + 3 \
                    and all(t[2] in DETS or t[2].endswith("ing") for t in toks[h + 1:j]) \
                    and toks[h][2] not in PLACE_NOT_AFTER and (j + 1 == len(toks) or toks[j + 1][2] in PLACE_NEXT):
                out.append((s, e))
    return out


def _caps_ok(an):
    """Capitals carry meaning only when most words are lower case. A sentence's
    first word is capitalised whatever it is, so it is not counted: in "Call Sam
    back" one of three words has a capital that means something."""
    words = [t for c in an.clauses for t in c.toks if t[2].isalpha()]
    caps = [t for t in words if an.text[t[0]].isupper() and not _opens_sentence(an.text, t[0])]
    return len(words) >= 2 and len(caps) * 2 <= len(words)


def _opens_sentence(text, s):
    """True when the word at s is the first of its sentence."""
    k = s - 1
    while k >= 0 and text[k].isspace() and s - k < 40:
        k -= 1
    return k < 0 or text[k] in ".!?\"'(:\n"


def _located(an, pos):
    """A place word counts after a preposition or a going/contacting verb."""
    ci = an.clause_at(pos)
    if ci is None:
        return False
    toks = an.clauses[ci].toks
    j = _tok_index(toks, pos)
    return any(w in LOC_PREPS or w in MOVE_VERBS for _, _, w in toks[max(0, j - 4):j])


def _tok_index(toks, pos):
    """Index of the first token at or after pos (binary search on starts)."""
    lo, hi = 0, len(toks)
    while lo < hi:
        mid = (lo + hi) // 2
        if toks[mid][0] < pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _names(an):
    """Capitalised words mid-sentence that look like people's names (Sam, Priya)."""
    text = an.text
    words = [(s, e, w) for c in an.clauses for (s, e, w) in c.toks if w.isalpha()]
    caps = [x for x in words if text[x[0]].isupper()]
    if not _caps_ok(an):
        return []
    out = []
    prev = {}
    for c in an.clauses:
        for j, t in enumerate(c.toks):
            prev[t[0]] = c.toks[j - 1][2] if j else ""
    for s, e, w in caps:
        if _opens_sentence(text, s):
            continue
        if w in NOT_NAMES or text[s:e].isupper():
            continue
        if prev.get(s) in NAME_BEFORE or text[e:e + 2] in ("'s", "\u2019s"):
            out.append((s, e))
    return out


def judge(an, context=None):
    kinds = an.kinds
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
    return first_found(an.text, [
        (MET, (actions + used) if used else [],
         ("You've named a clear step and where it happens ({words}). That makes it easy to picture and easy "
          "to start.",
          "Your goal names a step and where it happens ({words})."), None, None),
        (PARTIAL, actions,
         ("You've named something you can actually do ({words}). Saying where, when or with whom would make "
          "it easier to picture and to start.",
          "Your goal names an action ({words}). It does not yet say where, when or with whom."),
         "Add a place, a person or a time of day, for example \u201c\u2026 after dinner\u201d, \u201c\u2026 "
         "at the gym near work\u201d or \u201c\u2026 with my sister\u201d.", None),
        (PARTIAL, (states + found) if found else [],
         ("You've said where this matters ({words}), which helps. Now try naming one thing you would actually "
          "do there, something a friend could see you doing.",
          "Your goal says where this matters ({words}). It does not yet name one thing you would do there."),
         "For example, instead of \u201cfeel calm at work\u201d, try \u201ctake three slow breaths before "
         "each meeting at work\u201d.", found),
        (MISSING, states,
         "This reads more like a wish than a step. What would you actually do, and where or with whom?",
         _WISH_SUGGESTION, None),
    ], (MISSING, "This reads more like a wish than a step. What would you actually do, and where or with "
                 "whom?", _WISH_SUGGESTION), getattr(context, "plain", False))


_WISH_SUGGESTION = ("For example: \u201ctext one friend on Sunday evenings\u201d rather than \u201cbe more "
                    "social\u201d.")
