"""Tokens, span sets and the clause splitter every criterion shares.

Every criterion works on the same normalised copy of the goal, which has
exactly the same length as the text it is given, so regex offsets are
evidence spans (normalise.py maps those back to what the person typed).
"""

import re

from .lexicon import FILLERS, LEADING_ADVERBS, TO_FILLERS, VERBS, lemma

# ---------------------------------------------------------------------------
# Normalising and tokens


# ASCII text (almost every goal) in one C call: control characters and DEL to spaces, the backtick to an
# apostrophe, capitals to lower case; exactly what the loop below does to those characters.
_ASCII = {i: " " for i in range(32)}
_ASCII.update({127: " ", ord("`"): "'"})
_ASCII.update({i: chr(i + 32) for i in range(ord("A"), ord("Z") + 1)})
_ASCII = str.maketrans(_ASCII)


def normalize(text):
    """Lowercase, straighten quotes, blank out control characters.

    One character in, one character out: offsets stay valid for the original.
    """
    if text.isascii():
        return text.translate(_ASCII)
    out = []
    for ch in text:
        if ch in "\u2019\u2018\u02bc`\u00b4":
            out.append("'")
        elif ch in "\u201c\u201d":
            out.append('"')
        elif ch in "\u2013\u2014":
            out.append("-")
        elif ch < " " or ch == "\x7f":
            out.append(" ")
        else:
            low = ch.lower()
            out.append(low if len(low) == 1 else ch)
    return "".join(out)


TOKEN_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+(?:[.,:/]\d+)*|[£$€%]")


def tokens(norm, start=0, end=None):
    """(start, end, word) for each word, number or currency sign."""
    if end is None:
        end = len(norm)
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(norm, start, end)]


def spans_overlap(a, b):
    return a[0] < b[1] and b[0] < a[1]


class SpanSet:
    """Character positions covered by some spans; overlap checks cost the
    length of the span asked about, not the number of spans (linear time)."""

    __slots__ = ("mask",)

    def __init__(self, size, spans=()):
        self.mask = bytearray(size + 1)
        for s, e in spans:
            self.add((s, e))

    def add(self, span):
        s, e = span
        if e > s:
            self.mask[s:e] = b"\x01" * (e - s)

    def hits(self, span):
        s, e = span
        return e > s and self.mask.find(1, s, e) != -1


def inside(span, spans):
    """True when span overlaps any of spans (a SpanSet or a short list)."""
    if isinstance(spans, SpanSet):
        return spans.hits(span)
    return any(spans_overlap(span, s) for s in spans)


# ---------------------------------------------------------------------------
# Clauses

# Split points: punctuation, coordinators, and the little words that start a
# second action ("by reading", "without interrupting", "instead of").
_SPLIT_RE = re.compile(
    r"[,;!?()\[\]\n]|\.(?=\s|$)|\s-\s"
    r"|\b(?:and then|and|then|but|plus|as well as)\b"
    r"|\b(?P<by>by)\s(?=[^\W\d_]+ing\b)"
    r"|\b(?P<without>without)\b"
    r"|\b(?P<instead>instead of|rather than)\b"
)


class Clause:
    """A stretch of the goal with its kind: main, by (the means), without, instead."""

    __slots__ = ("start", "end", "kind", "toks")

    def __init__(self, start, end, kind, toks):
        self.start, self.end, self.kind, self.toks = start, end, kind, toks

    def __repr__(self):
        return "Clause(%d,%d,%s,%r)" % (self.start, self.end, self.kind, [t[2] for t in self.toks])


def split_clauses(norm, masked=()):
    """Split into clauses; spans in masked (quotes) never split."""
    pieces = []
    pos = 0
    kind = "main"
    for m in _SPLIT_RE.finditer(norm):
        if inside((m.start(), m.end()), masked):
            continue
        pieces.append((pos, m.start(), kind))
        if m.group("by"):
            kind = "by"
        elif m.group("without"):
            kind = "without"
        elif m.group("instead"):
            kind = "instead"
        elif kind in ("without", "instead", "by") and norm[m.start()] in ",;!?.":
            kind = "main"
        elif kind in ("without", "instead"):
            kind = "main"
        pos = m.end()
    pieces.append((pos, len(norm), kind))
    out = []
    for s, e, k in pieces:
        toks = tokens(norm, s, e)
        if toks:
            out.append(Clause(toks[0][0], toks[-1][1], k, toks))
    return out


def opening_index(clause, start=0):
    """Index of the first token after the openers ("I want to", "always",
    "try to", "be able to", "have" + participle), from token start."""
    toks = clause.toks
    i = start
    n = len(toks)
    while i < n:
        w = toks[i][2]
        if w in FILLERS or w in LEADING_ADVERBS:
            i += 1
            continue
        if w in TO_FILLERS and i + 1 < n and toks[i + 1][2] == "to":
            i += 2
            continue
        if w in ("be", "being") and i + 2 < n and toks[i + 1][2] == "able" and toks[i + 2][2] == "to":
            i += 3
            continue
        if w == "have" and i + 1 < n and toks[i + 1][2].endswith(("ed", "en")) and (
                lemma(toks[i + 1][2]) in VERBS or i + 2 < n and toks[i + 2][2] in ("up", "in", "on", "the", "my", "a")):
            i += 1
            continue
        break
    return i


def head_index(clause, first=False, start=0):
    """Index in clause.toks of the clause's first verb-like word, or None.

    Skips openers ("I want to", "always", "start", "try to") so that
    "I want to stop calling myself stupid" has head "stop".
    """
    toks = clause.toks
    i = opening_index(clause, start)
    n = len(toks)
    if i >= n:
        return None
    w = toks[i][2]
    if w.endswith("ing"):
        # "by reading": the means. Otherwise a gerund opening a later clause
        # is a list item ("quit weed, alcohol and vaping"), not a new action.
        if clause.kind == "by" or (first and lemma(w) in VERBS):
            return i
        return None
    if lemma(w) in VERBS:
        return i
    return None
