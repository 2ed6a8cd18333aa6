"""The checker's answer: one Criterion per SMART letter, framing and a reframe."""

from dataclasses import dataclass, field

CRITERIA = ("specific", "measurable", "attainable", "relevant", "time_bound")
MET, PARTIAL, MISSING = "met", "partial", "missing"
# The safety screen found risk: no SMART judgement is shown (see safety.py).
WITHHELD = "withheld"


@dataclass
class Criterion:
    status: str
    message: str
    suggestion: object = None  # str or None
    evidence: list = field(default_factory=list)

    def to_dict(self):
        return {"status": self.status, "message": self.message,
                "suggestion": self.suggestion,
                "evidence": [[int(s), int(e)] for s, e in self.evidence]}


@dataclass
class Report:
    specific: Criterion
    measurable: Criterion
    attainable: Criterion
    relevant: Criterion
    time_bound: Criterion
    framing: str
    reframe: object = None  # str or None
    safety: object = None  # safety.Safety or None
    # The caution tier (safety.assess): not flagged, but the risk head was unsure. The breakdown
    # stays, its messages are the plain (praise-free) variants; never True beside a safety.
    caution: bool = False

    @property
    def score(self):
        """Criteria met, or None when the safety screen withheld the judgement."""
        if self.safety is not None:
            return None
        return sum(1 for name in CRITERIA if getattr(self, name).status == MET)

    @property
    def message(self):
        """What to say to the person first: the support message when the screen found risk."""
        return self.safety.message if self.safety is not None else None

    def to_dict(self):
        return {
            "criteria": {name: getattr(self, name).to_dict() for name in CRITERIA},
            "framing": self.framing,
            "reframe": self.reframe,
            "safety": None if self.safety is None else self.safety.to_dict(),
            "score": self.score,
            "caution": bool(self.caution) and self.safety is None,
        }


def say(message, plain=False):
    """A message is a string, or a pair (warm, plain): the warm one encourages ("That's a good
    sign"), the plain one only says what is there. The plain one is chosen in the caution tier,
    where praise could cheer on someone at risk (see safety.assess)."""
    if isinstance(message, tuple):
        return message[1] if plain else message[0]
    return message


def withheld():
    """A criterion whose judgement is held back because the goal signals risk."""
    return Criterion(WITHHELD, "", None, [])


def merge_spans(spans):
    """Sorted, de-duplicated, non-overlapping evidence spans."""
    out = []
    for s, e in sorted(set((int(a), int(b)) for a, b in spans if b > a)):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [tuple(x) for x in out]


def quote(text, spans, limit=3):
    """The evidence words, quoted for a message: “call”, “my mum”."""
    words = []
    for s, e in spans[:limit]:
        w = " ".join(text[s:e].split())
        if w and w not in words:
            words.append(w)
    return ", ".join("\u201c%s\u201d" % w for w in words)


def first_found(text, tiers, fallback, plain=False):
    """The first tier with evidence, as a Criterion; otherwise the fallback.

    Each tier is (status, spans, message, suggestion, quoted): "{words}" in
    the message becomes the quoted trigger words (quoted spans, or the
    evidence when quoted is None). The fallback is (status, message, suggestion).
    A message may be a (warm, plain) pair: ``plain`` picks (see ``say``).
    """
    for status, spans, message, suggestion, quoted in tiers:
        if spans:
            ev = merge_spans(spans)
            words = quote(text, ev if quoted is None else merge_spans(quoted), 4)
            return Criterion(status, say(message, plain).replace("{words}", words), suggestion, ev)
    status, message, suggestion = fallback
    return Criterion(status, say(message, plain), suggestion, [])
