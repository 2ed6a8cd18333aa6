"""The learned half of the safety screen: a small model that reads a goal the
way the rules do and says how likely it is to signal risk, and of what kind.

Why a model beside the rules: on every new probe set the patterns of
safety.py first caught only about half to three quarters of the risky goals;
people find more ways to say "I want to disappear" than any list holds.  A
logistic regression over the same canonical words (safety.Canon: typos,
slang, leetspeak already undone) as word, word-pair and word-piece features
generalises to phrasings nobody wrote a pattern for.

Two ways to use it, both cross-validated by author on every ``make train``
(generator/train_safety.py), the better one on unseen writers shipped (the
weights say which, as ``design``): "or", the rules decide first and the model
only adds flags; "joint", the model also reads the rules' features (which
patterns fired, which take-backs removed them: safety_rules.features) and
alone decides, so it could overrule a rule on a near-miss.  Thresholds are
chosen on held-out authors' scores, never on the author being measured.

Since round 7 the risk head also reads each sentence of a goal alone and the highest log-odds counts
(``sentences``): a risk told in one sentence of a long backstory is no longer diluted by the rest.

Weights live in ``risk_weights.py`` (written by ``make train``) in the same
signed-byte format as the SMART model (learned.Model), so scoring is integer
sums and one multiply per head: the same bits in CPython and Pyodide.
Stdlib only, relative imports.
"""

import json

from .features import crc32
from .learned import Model
from .safety_signals import signals

RISK = "risk"
MAX_WORDS = 300  # past this, a backstory adds nothing the first 300 words did not


def _shape(w):
    """Numbers by their number of digits ("800" -> "#3"): the size matters, not the value."""
    return "#%d" % min(len(w), 5) if w[0].isdigit() else w


def strings(words):
    """{feature string: index of the (last) canonical word it came from}.

    Words, word pairs (across a sentence stop too: "." is a word), the
    four-letter pieces of longer words, so "starvin" and "starving" share most
    of their features, and the indirect constructions of safety_signals.py
    ("s|absent at": "not here by christmas")."""
    out = {}
    prev = "<s>"
    for i, raw in enumerate(words[:MAX_WORDS]):
        w = _shape(raw)
        out.setdefault("u|" + w, i)
        out.setdefault("b|" + prev + " " + w, i)
        if len(w) > 3 and w[0] != "#":
            padded = "<" + w + ">"
            for k in range(len(padded) - 3):
                out.setdefault("g|" + padded[k:k + 4], i)
        prev = w
    out.setdefault("b|" + prev + " </s>", max(len(words[:MAX_WORDS]) - 1, 0))
    text = " " + " ".join(words[:MAX_WORDS]) + " "
    for name, pos in signals(text).items():
        out["s|" + name] = max(text.count(" ", 0, pos + 1) - 1, 0)  # the word the construction starts at
    return out


def sentences(words):
    """The goal's sentences (its canonical words between full stops), when it has more than one; else [].

    Why: risk told in one sentence of a long backstory is diluted in the features of the whole text
    (the backstory's ordinary words pull the sum down).  A detector trained with ``sentences`` also
    reads each sentence alone and takes the highest log-odds (multiple-instance style); in training
    every sentence of a near-miss or ordinary goal is a negative, so no sentence of them may score high."""
    out, cur = [], []
    for w in words[:MAX_WORDS]:
        if w == ".":
            if cur:
                out.append(cur)
            cur = []
        else:
            cur.append(w)
    if cur:
        out.append(cur)
    return out if len(out) > 1 else []


def buckets(feature_strings, bits):
    """{bucket: first word index} for the feature strings (crc32, stable everywhere)."""
    mask = (1 << bits) - 1
    out = {}
    for s, i in feature_strings.items():
        b = crc32(s) & mask
        if b not in out or i < out[b]:
            out[b] = i
    return out


def all_strings(words, rule_features=()):
    """The word features plus the rules' features ("r|" + name, word index -1: they
    belong to no one word, so they are never shown as evidence)."""
    out = strings(words)
    for f in rule_features:
        out["r|" + f] = -1
    return out


class Detector:
    """The risk head, the seven category heads and the chosen threshold.

    ``design`` says how the screen uses it: "joint" (the shipped design since the
    author-level cross-validation: the rules' findings are features, and the risk
    head alone decides, so it can overrule a rule on a near-miss) or "or" (the
    earlier design: the rules decide first, the model only adds flags)."""

    def __init__(self, data):
        self.model = Model(data)
        self.threshold = float(data["threshold"])  # a log-odds: the risk head flags at or above it
        # The caution tier's lower log-odds (make train chooses it by author cross-validation): a goal
        # the screen does not flag but that scores at or above it gets its SMART feedback without praise.
        # Weights without one have no tier (it equals the threshold).
        self.caution = min(float(data.get("caution", self.threshold)), self.threshold)
        # The person's "why" is read at its own log-odds, never below the goal's: reasons are short,
        # first-person and about feelings, so ordinary ones score near risky goals (round 10: at the goal's
        # threshold the screen flagged 58 of 400 blind ordinary whys). make train chooses it on blind sets of
        # (goal, why) pairs (train_safety.choose_why_threshold); weights without one read the why as a goal.
        self.why_threshold = max(float(data.get("why_threshold", self.threshold)), self.threshold)
        # Between the goal's flag threshold and the why's, a why loses the goal its praise (the caution tier)
        # without the support panel: a risky reason the why threshold misses is not cheered on, and an
        # ordinary one loses only warm words. make train chooses it under the caution tier's ordinary budget.
        self.why_caution = min(max(float(data.get("why_caution", self.why_threshold)), self.threshold),
                               self.why_threshold)
        # The rule floor (a "joint" detector trained as the hybrid design): a goal a rule found is flagged at
        # this lower log-odds, so the model overrules a rule only when it is fairly sure. None: no floor.
        self.floor = min(float(data["floor"]), self.threshold) if data.get("floor") is not None else None
        self.categories = tuple(data["categories"])
        self.version = data.get("version", "")
        self.design = data.get("design", "or")
        # Read each sentence alone too and take the highest log-odds (``sentences``); weights trained
        # before this reader have no key and read the whole text only.
        self.sentences = bool(data.get("sentences", False))

    def margin(self, words, rule_features=()):
        """(risk log-odds, {bucket: word index}) for the canonical words and rule features: the whole
        text's log-odds, or with ``sentences`` the highest of it and each sentence's own (words only).
        The buckets are the whole text's (the category heads and the evidence read them)."""
        idx = buckets(all_strings(words, rule_features), self.model.bits)
        best = self.model.margin(RISK, sorted(idx))
        if self.sentences:
            for part in sentences(words):
                best = max(best, self.model.margin(RISK, sorted(buckets(strings(part), self.model.bits))))
        return best, idx

    def category(self, idx):
        """The category head with the largest log-odds."""
        keys = sorted(idx)
        best, name = None, self.categories[0]
        for cat in self.categories:
            m = self.model.margin("cat:" + cat, keys)
            if best is None or m > best:
                best, name = m, cat
        return name

    def evidence(self, idx, words, skip):
        """Index of the word behind the bucket that pushed the risk head up most, among words
        not in ``skip`` (little words like "i" and "the" share buckets with too much), or None."""
        w = self.model.heads[RISK][2]
        best = None
        for b, i in idx.items():
            if i >= 0 and w[b] > 0 and words[i] not in skip and (best is None or (w[b], -i) > best[0]):
                best = ((w[b], -i), i)
        return None if best is None else best[1]


_DETECTOR = []


def detector():
    """The shipped detector, loaded once per process; None when no weights ship."""
    if not _DETECTOR:
        try:
            from . import risk_weights  # generated by `make train`
        except ImportError:
            _DETECTOR.append(None)
        else:
            _DETECTOR.append(Detector(json.loads(risk_weights.DATA)))
    return _DETECTOR[0]
