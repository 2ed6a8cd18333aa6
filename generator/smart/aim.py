"""Find the aim inside a longer goal: backstory, reasons and context apart.

People write "I start a new job in May and I'm scared. I'd like to practise
the commute twice in April so I'm on time." The goal is the middle; the
first sentence is backstory and "so I'm on time" is the reason. Judging all
of it as the goal reads "scared" as the aim and "so I'm on time" as a
second goal. The rubric judges the aim; context only counts where it says
so (a deadline named in the backstory: the model sees it as context).

Works on the normalised (lower-case, spelled-out) text; returns spans in it.
"""

import re

from .lexicon import VERBS, lemma

# A sentence ends at . ! ? or a line break followed by more text.
SENTENCE_RE = re.compile(r"[.!?]+(?=\s|$)|\n+|;\s+(?=(?:i|we|my|so|but)\b)")
# Words that say "this is what I mean to do".
AIM_RE = re.compile(
    r"\b(?:i|we)(?=[\s'])\s*(?:(?:really|just|honestly|also|still|finally|now|then|don't|do\s+not|never|ever|"
    r"definitely|seriously)\s+){0,3}"
    r"(?:want|wanna|'d\s+(?:really\s+)?(?:like|love)|would\s+(?:really\s+)?(?:like|love)|will|'ll|am\s+going\s+to|"
    r"'m\s+going\s+to|are\s+going\s+to|'re\s+going\s+to|need\s+to|plan\s+to|hope\s+to|aim\s+to|intend\s+to|"
    r"'m\s+gonna|am\s+gonna|'m\s+determined|am\s+determined|"
    r"'m\s+aiming|am\s+aiming|'m\s+planning|am\s+planning|'m\s+trying|am\s+trying)\b"
    r"|\bmy\s+(?:goal|aim|plan|target|intention)\b|\bi\s+(?:promise|commit)\b|\bi'm\s+committing\b")
# A reason after the aim: "so I can", "so that", "because", "as I".
REASON_AFTER_RE = re.compile(
    r"(?:,\s*|\s+)(?:so\s+that\b|so\s+(?=(?:i|i'm|i'll|we|we're|it|my|the|they|he|she|there|that)\b)|"
    r"because\b|as\s+(?=(?:i|i'm|it|my)\b)|since\s+(?=(?:i|i'm|it|my)\b)|in\s+order\s+to\b|which\s+(?:will|would)\b)")
# A reason before the aim: "So that we stop arguing, I'd like ...", "Because X, I want ...".
REASON_BEFORE_RE = re.compile(r"^\s*(?:so\s+that|so|because|since|as|to\s+(?:stop|help|get|make|feel|be|keep))\b[^,]{2,120},\s*")
# Backstory and aim in one sentence: "My landlord ignores the damp, so I want us
# out before winter", "... and I'm done with shifts, and I want to ...",
# "... — so before then I want to ...". The aim starts after the joint; a short
# time or situation phrase between the joint and "I want" stays with the aim.
JOINT_RE = re.compile(r",\s*(?:(?:and\s+)?so|and|but|which\s+is\s+why|that's\s+why|because\s+of\s+that)\s+"
                      r"|(?:[;:\u2014\u2013]|\s-)\s*(?:(?:and\s+)?so\s+|and\s+|but\s+)?"
                      r"|\s+(?:and\s+)?so\s+|\s+(?:which\s+is|that's)\s+why\s+")
LEAD_MAX = 60  # characters of lead-in ("by my next blood test in three months") kept with the aim
MAX_SENTENCES = 60


class Aim:
    """Where the aim sits in the normalised text, and what surrounds it."""

    __slots__ = ("start", "end", "sentences", "aim_sentences", "reasons")

    def __init__(self, start, end, sentences, aim_sentences, reasons):
        self.start, self.end = start, end
        self.sentences, self.aim_sentences, self.reasons = sentences, aim_sentences, reasons

    @property
    def span(self):
        return (self.start, self.end)

    def context(self, norm):
        """The text outside the aim (backstory and reasons), as one string."""
        return norm[:self.start] + " " + norm[self.end:]


def sentences(norm):
    """(start, end) of each sentence, leading and trailing blanks trimmed."""
    out = []
    pos = 0
    for m in SENTENCE_RE.finditer(norm):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(norm)))
    spans = []
    for s, e in out:
        while s < e and norm[s].isspace():
            s += 1
        while e > s and norm[e - 1].isspace():
            e -= 1
        if e > s and any(ch.isalnum() for ch in norm[s:e]):
            spans.append((s, e))
    return spans


FIRST_WORD_RE = re.compile(r"[^\W\d_]+")


def _imperative(norm, s, e):
    """True when the sentence opens with a verb the lexicon knows ("call", "walk")."""
    m = FIRST_WORD_RE.search(norm, s, e)
    return m is not None and m.start() - s <= 2 and lemma(m.group()) in VERBS and m.group() not in NOT_IMPERATIVE


# Verbs that open backstory as often as goals ("Love my job but...", "Work is hard").
NOT_IMPERATIVE = {"love", "like", "feel", "work", "being", "been", "know", "think", "hope", "wish", "want", "need"}


def _after_joint(norm, start, end):
    """Where the aim starts in a sentence that opens with backstory: just past
    the last joint ("…, so", "… and", "; ") before the first "I want", if
    what lies between is a short lead-in; otherwise start unchanged."""
    m = AIM_RE.search(norm, start, end)
    if m is None or m.start() - start < 12:
        return start
    cut = None
    for j in JOINT_RE.finditer(norm, start, m.start() + 1):
        if j.end() <= m.start() and m.start() - j.end() <= LEAD_MAX and j.start() - start >= 8:
            cut = j.end()
            break
    return start if cut is None else cut


def find(norm):
    """The aim of a goal: the sentences that say what the person will do,
    without a trailing or leading reason. A one-sentence goal with no reason
    is all aim."""
    sents = sentences(norm)
    if not sents:
        return Aim(0, len(norm), [], [], [])
    if len(sents) > MAX_SENTENCES:
        sents = sents[:MAX_SENTENCES]
    marked = [i for i, (s, e) in enumerate(sents) if AIM_RE.search(norm, s, e)]
    if not marked:
        # No "I want"/"I'll": the sentences that open with a verb ("Walk the
        # dog daily.") are the aim; with none, a bare wish is all aim.
        marked = [i for i, (s, e) in enumerate(sents) if _imperative(norm, s, e)]
    if not marked:
        chosen = list(range(len(sents)))
    else:
        # The last stated aim, and any aim just before it ("I want X. I'll do Y").
        last = marked[-1]
        chosen = [last]
        if len(marked) > 1 and marked[-2] == last - 1:
            chosen.insert(0, last - 1)
    start, end = sents[chosen[0]][0], sents[chosen[-1]][1]
    if marked:
        start = _after_joint(norm, start, end)
    reasons = []
    m = REASON_BEFORE_RE.match(norm, start, end)
    if m and AIM_RE.search(norm, m.end(), end):
        reasons.append((start, m.end()))
        start = m.end()
    # A reason trails the last aim sentence; "so I'll ..." is the aim going on, not a reason.
    for r in REASON_AFTER_RE.finditer(norm, max(start, sents[chosen[-1]][0]), end):
        if r.start() - start >= 8 and not AIM_RE.match(norm, r.end(), min(end, r.end() + 40)):
            reasons.append((r.start(), end))
            end = r.start()
            break
    return Aim(start, end, sents, [sents[i] for i in chosen], reasons)
