"""Text-speak, abbreviations and typos spelled out before any rule reads the goal.

People type "swim 2x a wk til xmas" and "evry nite b4 bed"; the rules and the
model are written for "swim 2 times a week until christmas". Spelling the
goal out once, here, lets every later step read plain words, so a new
abbreviation is one line in a table instead of a change to every regex.

The expanded text is longer than the original, so each of its characters
remembers which stretch of the original it came from (``Normalised.span``):
evidence spans still point into what the person typed, and messages quote
their own words ("2x a wk"), not ours (``OriginalView``).
"""

import re

# One word in, words out. Only forms that are never an ordinary English word
# in a goal ("wk", "b4", "evry"); ambiguous ones ("sat", "sun", "min") are
# read in context below.
TABLE = {
    # time and rhythm
    "wk": "week", "wks": "weeks", "wkly": "weekly", "wkend": "weekend", "wkends": "weekends",
    "wknd": "weekend", "wknds": "weekends", "wkday": "weekday", "wkdays": "weekdays", "wkdy": "weekday",
    "yr": "year", "yrs": "years", "mnth": "month", "mnths": "months", "mth": "month", "mths": "months",
    "hr": "hour", "hrs": "hours", "mins": "minutes", "secs": "seconds", "fortnite": "fortnight",
    "nite": "night", "nites": "nights", "2nite": "tonight", "tonite": "tonight", "2day": "today",
    "tmrw": "tomorrow", "tmr": "tomorrow", "tmrow": "tomorrow", "tomoz": "tomorrow", "2moro": "tomorrow",
    "2morrow": "tomorrow", "tomorow": "tomorrow", "tommorow": "tomorrow", "tommorrow": "tomorrow",
    "morn": "morning", "mornin": "morning", "mornings": "mornings", "eve": "evening",
    "evry": "every", "evrey": "every", "evey": "every", "evry1": "everyone", "every1": "everyone",
    "evrything": "everything", "evrythin": "everything", "evryday": "everyday", "evr": "ever",
    "til": "until", "untill": "until", "b4": "before", "befor": "before",
    "xmas": "christmas", "chrimbo": "christmas", "bday": "birthday", "b'day": "birthday", "bdays": "birthdays",
    "hols": "holidays", "hol": "holiday", "sem": "semester", "semster": "semester", "semestre": "semester",
    "smester": "semester", "semister": "semester", "nxt": "next", "nxtweek": "next week", "appt": "appointment", "appts": "appointments",
    "mon": "monday", "tues": "tuesday", "tue": "tuesday", "weds": "wednesday", "thurs": "thursday",
    "thur": "thursday", "thu": "thursday", "fri": "friday",
    # people and places
    "ppl": "people", "mtg": "meeting", "mtgs": "meetings", "bf": "boyfriend", "gf": "girlfriend",
    "bro": "brother", "sis": "sister", "mates": "friends", "convo": "conversation", "convos": "conversations",
    "msg": "message", "msgs": "messages", "txt": "text", "txts": "texts",
    "insta": "instagram", "sum1": "someone", "some1": "someone", "any1": "anyone", "no1": "no one",
    # little words
    "n": "and", "&": "and", "w": "with", "w/": "with", "w/o": "without", "b": "be",
    "u": "you", "ur": "your", "r": "are", "abt": "about", "bout": "about", "cuz": "because",
    "coz": "because", "cos": "because", "bc": "because", "bcos": "because", "becuz": "because",
    "thru": "through", "tho": "though", "pls": "please", "plz": "please", "wanna": "want to",
    "gonna": "going to", "gotta": "got to", "hav": "have", "wiv": "with", "gunna": "going to",
    "im": "i'm", "ive": "i've", "dont": "don't", "cant": "can't", "didnt": "didn't",
    "isnt": "isn't", "doesnt": "doesn't", "wouldnt": "wouldn't", "shouldnt": "shouldn't", "thats": "that's",
    "lonly": "lonely", "somthing": "something", "sumthing": "something", "alot": "a lot", "nothin": "nothing",
    "excercise": "exercise", "exersise": "exercise", "excersize": "exercise", "exercize": "exercise",
    "definately": "definitely", "freind": "friend", "freinds": "friends", "realy": "really",
    "partys": "parties", "anxios": "anxious", "studdy": "study",
}
# Words that are abbreviations only next to a number or a time word: "10 min",
# "on sat", "every sun".
AFTER_NUMBER = {"min": "minutes", "h": "hours", "x": "times"}
# "4 the next month", "go 2 the gp": a digit standing for a little word, read
# from the word after it (a count is followed by what is counted).
FOR_NEXT = {"the", "my", "me", "her", "him", "us", "them", "myself", "ever", "good", "now", "life",
            "feedback", "help", "fun", "real"}
TO_NEXT = {"the", "my", "her", "his", "our", "their", "bed", "work", "school", "uni", "college", "church", "see",
           "get", "be", "do", "go", "make", "talk", "me", "him", "them", "sleep"}
DAY_ABBR = {"sat": "saturday", "sun": "sunday", "wed": "wednesday"}
DAY_BEFORE = {"on", "every", "evry", "each", "by", "this", "next", "till", "til", "until", "before", "b4",
              "from", "sats", "and", "or", "last", "n", "&"}

# Misspellings one edit away from a word the rules lean on ("evnings",
# "weekned"). Only these targets, and only from words of five letters or
# more, so ordinary words ("ever", "week") are never "corrected".
TARGETS = tuple("""
every everyday everything evening evenings morning mornings afternoon afternoons tomorrow tonight
weekend weekends weekday weekdays fortnight minutes minute hours month months weeks christmas birthday
monday tuesday wednesday thursday friday saturday sunday january february march april june july august
september october november december until before because people friends exercise meeting meetings
instead without never always completely totally perfectly everyone someone together
""".split())
_KNOWN = frozenset(TARGETS)
_BY_LEN = {}
for _t in TARGETS:
    _BY_LEN.setdefault(len(_t), []).append(_t)

# digits glued to a unit or a times sign: "2x", "x3", "2wks", "10mins", "8hrs", "3rd"
GLUED_RE = re.compile(r"(?i)^(\d+(?:\.\d+)?)(x|wks?|hrs?|mins?|yrs?|days?|weeks?|hours?|minutes?|months?|secs?|times)$")
TIMES_BEFORE_RE = re.compile(r"(?i)^x(\d+)$")
TOKEN_RE = re.compile(r"(?i:w/o)(?![^\W_])|[^\W_]+(?:['\u2019][^\W_]+)?/?|&|[^\w\s]")
_GLUED_UNITS = {"x": "times", "wk": "week", "wks": "weeks", "hr": "hours", "hrs": "hours", "min": "minutes",
                "mins": "minutes", "yr": "years", "yrs": "years", "sec": "seconds", "secs": "seconds"}


def _one_edit(a, b):
    """True when a and b differ by one insertion, deletion, substitution or swap."""
    la, lb = len(a), len(b)
    if abs(la - lb) > 1 or a == b:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def correct(word):
    """The lexicon word one edit from word (lower case), or None when none or several are."""
    if len(word) < 5 or not word.isalpha() or word.endswith("s") and word[:-1] in _KNOWN or word + "s" in _KNOWN:
        return None  # "tuesdays", "minute": a real form of a known word, not a typo
    found = None
    for n in (len(word) - 1, len(word), len(word) + 1):
        for t in _BY_LEN.get(n, ()):
            if t[0] == word[0] and _one_edit(word, t):
                if found is not None and found != t:
                    return None
                found = t
    return found


# "10 mins a day 4 a month": after a rhythm, "4 a month" is how long it runs.
RHYTHM_END = {"day", "days", "week", "weeks", "night", "nights", "morning", "mornings", "evening", "evenings",
              "daily", "weekly", "weekend", "weekends"}
PERIODS = {"day", "week", "wk", "month", "year", "yr", "fortnight", "while", "bit", "few", "couple"}


def _replacement(word, prev, nxt, nxt2=""):
    """What one token stands for, or None to keep it as typed."""
    low = word.lower().replace("\u2019", "'")
    if low in TABLE:
        # "n" and "b" and "w" are letters too: "plan b", "vitamin b", "n/a".
        if low in ("b", "n", "w", "r", "u") and (prev in ("plan", "vitamin", "grade", "type", "a")
                                                     or nxt in ("/", "-")):
            return None
        if low == "eve" and prev not in ("every", "evry", "each", "this", "on", "the", "friday", "sunday",
                                         "saturday", "monday", "tuesday", "wednesday", "thursday"):
            return None
        return TABLE[low]
    if low in ("4", "2") and not prev[:1].isdigit() and (
            nxt.lower() in (FOR_NEXT if low == "4" else TO_NEXT)
            or low == "4" and (nxt[:1].isdigit() or nxt.lower() in ("a", "an") and nxt2.lower() in PERIODS and prev in RHYTHM_END)):
        return "for" if low == "4" else "to"
    if prev and prev[0].isdigit() and low in AFTER_NUMBER:
        return AFTER_NUMBER[low]
    if low in DAY_ABBR and prev in DAY_BEFORE:
        return DAY_ABBR[low]
    m = GLUED_RE.match(low)
    if m and not low.isdigit():
        unit = m.group(2)
        return "%s %s" % (m.group(1), _GLUED_UNITS.get(unit, unit))
    m = TIMES_BEFORE_RE.match(low)
    if m:
        return "%s times" % m.group(1)
    if low.isalpha() and low == word.lower() and low not in TARGETS:
        return correct(low)
    return None


class Normalised:
    """The goal spelled out, with a map back to the original.

    ``text`` keeps the person's own characters wherever nothing was
    replaced; ``span((s, e))`` turns a span of ``text`` into one of the
    original; ``original`` is what they typed.
    """

    __slots__ = ("original", "text", "_from", "_to")

    def __init__(self, original, text, starts, ends):
        self.original, self.text, self._from, self._to = original, text, starts, ends

    def span(self, span):
        s, e = span
        n = len(self.text)
        if e <= s:
            p = self._from[s] if s < n else len(self.original)
            return (p, p)
        return (self._from[min(s, n - 1)], self._to[min(e, n) - 1])

    def view(self):
        return OriginalView(self)


def expand(original):
    """Spell out text-speak, glued units and typos; one pass, linear time."""
    pieces = []  # (text, orig_start, orig_end, replaced)
    pos = 0
    toks = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(original)]
    prev = ""
    for i, (s, e, w) in enumerate(toks):
        nxt = toks[i + 1][2] if i + 1 < len(toks) else ""
        nxt2 = toks[i + 2][2] if i + 2 < len(toks) else ""
        rep = _replacement(w, prev, nxt, nxt2)
        if w.endswith("/") and rep is None:
            e -= 1
            w = w[:-1]
            rep = None if w.isdigit() else _replacement(w, prev, nxt, nxt2)  # "4/5 times" is a fraction
        if rep is not None:
            if s > pos:
                pieces.append((original[pos:s], pos, s, False))
            if w[:1].isupper() and rep[:1].isalpha():
                rep = rep[0].upper() + rep[1:]
            pieces.append((rep, s, e, True))
            pos = e
            prev = rep.split()[-1].lower() if rep.split() else prev
        else:
            prev = w.lower()
    if not pieces:
        n = len(original)
        r = list(range(n))
        return Normalised(original, original, r, [i + 1 for i in r])
    if pos < len(original):
        pieces.append((original[pos:], pos, len(original), False))
    out, starts, ends = [], [], []
    for text, s, e, replaced in pieces:
        out.append(text)
        if replaced:
            starts.extend([s] * len(text))
            ends.extend([e] * len(text))
        else:
            starts.extend(range(s, e))
            ends.extend(range(s + 1, e + 1))
    return Normalised(original, "".join(out), starts, ends)


class OriginalView(str):
    """The expanded text's positions, the original text's characters.

    Criteria quote evidence as ``text[s:e]`` with spans found in the expanded
    text; through this view the quote is what the person typed ("2x a wk",
    not "2 times a week"). One character at i is the first character of
    the original stretch that position i came from.
    """

    def __new__(cls, norm):
        obj = str.__new__(cls, norm.text)
        obj._norm = norm
        obj._chars = None
        return obj

    def __getitem__(self, key):
        n = self._norm
        if isinstance(key, slice):
            start, stop, step = key.indices(len(n.text))
            if step != 1:
                return n.text[key]
            s, e = n.span((start, max(start, stop)))
            return n.original[s:e]
        if self._chars is None:
            orig = n.original
            self._chars = "".join(orig[i] for i in n._from) if n.text is not orig else orig
        return self._chars[key]
