"""Is a clause an action someone could see, or a state or wish?

"Call my mum" is an action; "feel calmer", "be happier", "make a friend" are
not. Specific and measurable both need to know.
"""

import re

from .numbers import NUM_STRICT
from .lexicon import VERBS, STATE_VERBS, COMPARATIVES, FEELING_NOUNS, lemma

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
GREETINGS = {"morning", "night", "afternoon", "evening", "luck", "bye", "day"}
DETERMINERS = {"a", "an", "the", "my", "our", "some", "one", "two", "three", "more", "regular", "proper", "nice"}


def head_kind(an, ci):
    """'action', 'state' or None for clause ci, with the head token index."""
    clause = an.clauses[ci]
    h = an.heads[ci]
    if h is None:
        # "No screens in bed", "no more than one glass": doing without, or
        # with less of, a named thing is observable.
        toks = clause.toks
        if len(toks) > 1 and toks[0][2] == "no" and toks[1][2] not in ("longer", "matter", "one"):
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
    # "be in bed by 10:30", "stay off social media": being somewhere is observable.
    if lem in ("be", "stay") and nxt in ("in", "at", "home", "out", "outside", "there", "off", "away",
                                         "on", "up", "asleep", "dressed", "for", "with"):
        return "action", h
    # "wish the receptionist a good morning": a greeting said to someone.
    if lem == "wish" and any(w in ("good", "happy", "merry", "luck", "well") for w in after):
        return "action", h
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
    # "say good morning to ..." is a greeting, not "good" as a comparison.
    greeting = nxt == "good" and len(after) > 1 and after[1] in GREETINGS
    if nxt in COMPARATIVES and not greeting and not any(NUMBER_RE.match(w) for w in after):
        return "state", h
    if lem not in RECORD_VERBS and any(w in FEELING_NOUNS for w in after[:3]):
        return "state", h
    return "action", h


