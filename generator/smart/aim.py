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

# A sentence ends at . ! ? or a line break followed by more text.
SENTENCE_RE = re.compile(r"[.!?]+(?=\s|$)|\n+|;\s+(?=(?:i|we|my|so|but)\b)")
# Words that say "this is what I mean to do".
AIM_RE = re.compile(
    r"\b(?:i|we)(?=[\s'])\s*(?:(?:really|just|honestly|also|still|finally|now|then)\s+){0,3}"
    r"(?:want|wanna|'d\s+(?:really\s+)?(?:like|love)|would\s+(?:really\s+)?(?:like|love)|will|'ll|am\s+going\s+to|"
    r"'m\s+going\s+to|are\s+going\s+to|'re\s+going\s+to|need\s+to|plan\s+to|hope\s+to|aim\s+to|intend\s+to|"
    r"'m\s+gonna|am\s+gonna|must|should|have\s+to|'ve\s+got\s+to|got\s+to|'m\s+determined|am\s+determined|"
    r"'m\s+aiming|am\s+aiming|'m\s+planning|am\s+planning|'m\s+trying|am\s+trying)\b"
    r"|\bmy\s+(?:goal|aim|plan|target|intention)\b|\bi\s+(?:promise|commit)\b|\bi'm\s+committing\b")
# A reason after the aim: "so I can", "so that", "because", "as I".
REASON_AFTER_RE = re.compile(
    r"(?:,\s*|\s+)(?:so\s+that\b|so\s+(?=(?:i|i'm|i'll|we|we're|it|my|the|they|he|she|there|that)\b)|"
    r"because\b|as\s+(?=(?:i|i'm|it|my)\b)|since\s+(?=(?:i|i'm|it|my)\b)|in\s+order\s+to\b|which\s+(?:will|would)\b)")
# A reason before the aim: "So that we stop arguing, I'd like ...", "Because X, I want ...".
REASON_BEFORE_RE = re.compile(r"^\s*(?:so\s+that|so|because|since|as|to\s+(?:stop|help|get|make|feel|be|keep))\b[^,]{2,120},\s*")
# Context sentences that carry the time frame often start with one of these.
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
        # No "I want"/"I'll": a list of imperatives or a bare wish. Backstory
        # is rare then; the last sentence holds the goal only when the first
        # ones read like a story ("I have ...", "my ...").
        chosen = list(range(len(sents)))
    else:
        # The last stated aim, and any aim just before it ("I want X. I'll do Y").
        last = marked[-1]
        chosen = [last]
        if len(marked) > 1 and marked[-2] == last - 1:
            chosen.insert(0, last - 1)
    start, end = sents[chosen[0]][0], sents[chosen[-1]][1]
    reasons = []
    m = REASON_BEFORE_RE.match(norm, start, end)
    if m and AIM_RE.search(norm, m.end(), end):
        reasons.append((start, m.end()))
        start = m.end()
    r = REASON_AFTER_RE.search(norm, start, end)
    if r and r.start() - start >= 8:
        reasons.append((r.start(), end))
        end = r.start()
    return Aim(start, end, sents, [sents[i] for i in chosen], reasons)
