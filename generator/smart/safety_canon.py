"""Canonical text for the safety screen: what a person typed, turned into canonical words
that remember the span of the original word they came from.

Why: people type as they talk (lowercase, typos, text-speak, slang, leetspeak
"su1c1de", masked letters "k*ll").  Contractions are expanded, a spelling and
slang table applied (safety_lexicon.py), and one edit of distance to a short
risk lexicon undone, so the patterns and the learned detector see one
spelling; the spans let evidence point into the person's own text.  Stdlib
only.
"""

import re
from bisect import bisect_right

from .clauses import normalize
from .safety_lexicon import (
    SPELL, _COMMON_CAPS, _CONTRACTION_RE, _DRUG_SUFFIXES, _EVERYDAY, _FUZZY, _KNOWN, _LEET, _MASK_WORDS,
    _ORDINAL_RE, _RAW_TOKEN_RE, _SUBJECT_IS)
from .safety_patterns import VOCAB


def _fuzzy(word):
    """The one risk-lexicon word this word is a single typo of, else None.
    Everyday words (and their -ing, -ed, -s forms) are never "corrected"."""
    if len(word) < 5 or word in _KNOWN or not word.isalpha() or word in _EVERYDAY:
        return None
    for tail in ("ing", "ed", "s", "es", "er"):
        if word.endswith(tail) and (word[:-len(tail)] in _EVERYDAY or word[:-len(tail)] + "e" in _EVERYDAY):
            return None
    found = set(_FUZZY.get(word, ()))
    for i in range(len(word)):
        found |= _FUZZY.get(word[:i] + word[i + 1:], set())
    found = {w for w in found if w[0] == word[0] and abs(len(w) - len(word)) <= 1}
    if any(word == w + tail or w == word + tail for w in found for tail in ("s", "d", "ed", "r", "er", "es")):
        return None  # "strangled" is strangle's past tense, not a typo of it
    return found.pop() if len(found) == 1 else None


_CACHE = {}


def _canon_word(raw):
    """One raw token -> a tuple of canonical words (remembered: words repeat, and a
    goal is checked again at every pause in typing)."""
    out = _CACHE.get(raw)
    if out is None:
        if len(_CACHE) > 20000:
            _CACHE.clear()
        out = _CACHE[raw] = tuple(_canon_word_uncached(raw))
    return out


def _canon_word_uncached(raw):
    if raw in SPELL:
        return SPELL[raw].split()
    if "'" in raw:
        m = _CONTRACTION_RE.match(raw)
        if m and m.group(1):
            base, tail = m.group(1), m.group(2)
            if tail == "n't":
                base = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}.get(base, base)
                return [*_canon_word(base), "not"]
            if tail == "'s":
                return [*_canon_word(base), "is"] if base in _SUBJECT_IS else _canon_word(base + "s")
            return [*_canon_word(base), {"'m": "am", "'re": "are", "'ve": "have", "'ll": "will", "'d": "would"}[tail]]
        return _canon_word(raw.replace("'", ""))
    if "*" in raw:
        rx = re.compile(re.escape(raw).replace(r"\*", "[a-z]?") + "$")
        hit = [w for w in _MASK_WORDS if rx.match(w)]
        return _canon_word(hit[0]) if len(hit) == 1 else [raw.replace("*", "")]
    if not raw.isalpha():
        if _ORDINAL_RE.match(raw):
            return [raw]  # 40th, 1st
        if any(c.isalpha() for c in raw) and any(c.isdigit() or c in "@$" for c in raw):
            leet = raw.translate(_LEET)
            if leet in SPELL or leet in _KNOWN or leet in ("kill", "die", "dead", "self", "harm", "cut"):
                return _canon_word(leet)
            return [w for p in re.findall(r"\d+(?:[.,]\d+)?|[^\W\d_]+", raw) for w in _canon_word(p)]
        return [raw]
    if len(raw) > 4 and raw.endswith("in") and (raw + "g" in _KNOWN or raw + "g" in VOCAB):
        return [raw + "g"]
    if len(raw) >= 7 and raw.endswith(_DRUG_SUFFIXES) and raw not in _EVERYDAY:
        return ["meds"]  # an unlisted medicine name: sertraline-like endings
    fixed = _fuzzy(raw)
    return _canon_word(fixed) if fixed else [raw]


class Canon:
    """Canonical words joined by single spaces, each mapped back to the span of
    the original word it came from.  A capitalised word in mid-sentence that
    the patterns do not know becomes "zname" (a person's name: "hurt Dave")."""

    __slots__ = ("text", "starts", "spans", "words")

    def __init__(self, text):
        norm = normalize(text)
        words, spans = [], []
        for m in _RAW_TOKEN_RE.finditer(norm):
            raw = m.group()
            if raw[0] in ".!?;":
                out = ["."]
            elif raw == "*":
                continue
            elif raw[0].isdigit() and ("." in raw or "," in raw):
                out = [raw.replace(",", "") if re.match(r"\d{1,3}(?:,\d{3})+$", raw) else raw.replace(",", ".")]
            else:
                out = _canon_word(raw)
                if (len(out) == 1 and out[0] == raw and len(raw) > 1 and text[m.start()].isupper()
                        and words and words[-1] != "." and raw not in VOCAB and raw not in _COMMON_CAPS):
                    out = ["zname"]
            for w in out:
                words.append(w)
                spans.append((m.start(), m.end()))
        starts, pos = [], 1
        for w in words:
            starts.append(pos)
            pos += len(w) + 1
        self.words, self.spans, self.starts = words, spans, starts
        self.text = " " + " ".join(words) + " "

    def span(self, s, e):
        """Original-text span covering canonical characters s..e."""
        i, j = self.index(s), self.index(max(s, e - 1))
        return self.spans[i][0], self.spans[j][1]

    def index(self, pos):
        """Index of the canonical word holding character pos."""
        return max(bisect_right(self.starts, pos) - 1, 0)
