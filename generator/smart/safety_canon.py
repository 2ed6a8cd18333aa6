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
    LEET_TARGETS, PAIRS, SHORT_TARGETS, SPELL, _COMMON_CAPS, _CONTRACTION_RE, _DRUG_SUFFIXES, _EVERYDAY, _FUZZY, _KNOWN, _LEET,
    _LEET_L, _MASK_WORDS, _ORDINAL_RE, _RAW_TOKEN_RE, _SUBJECT_IS)
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


_REPEAT_RE = re.compile(r"([a-z])\1\1")


def _squeezed(word):
    """A word typed with a letter held down ("kiiiill", "diieee", "suiciiide") as the known word it
    stretches, else None: letters repeated three times or more kept twice, then once."""
    for cand in (re.sub(r"([a-z])\1{2,}", r"\1\1", word), re.sub(r"([a-z])\1+", r"\1", word)):
        if cand in SPELL or cand in _KNOWN or cand in VOCAB:
            return cand
    return None


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
        if any(c.isalpha() for c in raw) and any(c.isdigit() or c in "@$!|" for c in raw):
            for table in (_LEET, _LEET_L):
                leet = raw.translate(table)
                if leet in SPELL or leet in _KNOWN or leet in LEET_TARGETS:
                    return _canon_word(leet)
                if len(leet) > 3 and _REPEAT_RE.search(leet):
                    squeezed = _squeezed(leet)
                    if squeezed:
                        return _canon_word(squeezed)
            out = []
            for k, piece in enumerate(re.split(r"!+", raw)):  # "stop!now": the "!" still ends a sentence
                out += (["."] if k else []) + [w for p in re.findall(r"\d+(?:[.,]\d+)?|[^\W\d_]+", piece)
                                               for w in _canon_word(p)]
            return out
        return [raw]
    if len(raw) > 3 and _REPEAT_RE.search(raw):
        squeezed = _squeezed(raw)
        if squeezed:
            return _canon_word(squeezed)
    if len(raw) > 4 and raw.endswith("in") and (raw + "g" in _KNOWN or raw + "g" in VOCAB):
        return [raw + "g"]
    if len(raw) >= 7 and raw.endswith(_DRUG_SUFFIXES) and raw not in _EVERYDAY:
        return ["meds"]  # an unlisted medicine name: sertraline-like endings
    fixed = _fuzzy(raw)
    return _canon_word(fixed) if fixed else [raw]


# Three or more single letters apart ("k i l l", "s.u.i.c.i.d.e", "k-i-l-l-i-n-g"): maybe one word spelled out.
_SPACED_RE = re.compile(r"(?<![^\W_])[a-z](?:[ .\-_*/]{1,2}[a-z](?![^\W_])){2,}")
# Words a spelled-out run may be read as (the letters are cut into these), and the words one of which
# the run must hold: spelling out "u s a" or "a b c" is not a disguise.
_SEGMENT_WORDS = frozenset(w for w in VOCAB | set(SPELL) | _KNOWN if w.isalpha() and (len(w) > 1 or w in "ia"))
_RISK_PIECES = frozenset(SHORT_TARGETS) | frozenset(_MASK_WORDS) | {"kms", "kys", "ctb", "sh", "od", "myself",
                                                                     "suicide", "unalive", "overdose", "selfharm"}


def _spaced(norm):
    """{start of the run: (its end, [(piece, start, end)])} for each run of single letters that spells
    risk words; spans are the letters' own."""
    out = {}
    if " " not in norm and "." not in norm and "-" not in norm:
        return out
    for m in _SPACED_RE.finditer(norm):
        letters = [(k.start(), k.group()) for k in re.finditer(r"[a-z]", m.group())]
        cut = _segment("".join(c for _, c in letters))
        if cut is None or _RISK_PIECES.isdisjoint(cut):
            continue
        pieces, i = [], 0
        for piece in cut:
            pieces.append((piece, m.start() + letters[i][0], m.start() + letters[i + len(piece) - 1][0] + 1))
            i += len(piece)
        out[m.start()] = (m.end(), pieces)
    return out


def _segment(letters):
    """The letters cut into the fewest _SEGMENT_WORDS, or None (dynamic programming; runs are short)."""
    if len(letters) > 40:
        return None
    best = [None] * (len(letters) + 1)
    best[0] = []
    for j in range(1, len(letters) + 1):
        for i in range(max(0, j - 16), j):
            if best[i] is not None and letters[i:j] in _SEGMENT_WORDS and (
                    best[j] is None or len(best[i]) + 1 < len(best[j])):
                best[j] = best[i] + [letters[i:j]]
    return best[-1]


PAIR_FIRST = frozenset(a for a, _ in PAIRS)


def _pairs(words, spans):
    """Two canonical words that are one slang word split apart ("sewer slide") made one (lexicon PAIRS)."""
    out_w, out_s, i = [], [], 0
    while i < len(words):
        joined = PAIRS.get((words[i], words[i + 1])) if i + 1 < len(words) else None
        if joined:
            for w in joined:
                out_w.append(w)
                out_s.append((spans[i][0], spans[i + 1][1]))
            i += 2
            continue
        out_w.append(words[i])
        out_s.append(spans[i])
        i += 1
    return out_w, out_s


class Canon:
    """Canonical words joined by single spaces, each mapped back to the span of
    the original word it came from.  A capitalised word in mid-sentence that
    the patterns do not know becomes "zname" (a person's name: "hurt Dave")."""

    __slots__ = ("text", "starts", "spans", "words")

    def __init__(self, text):
        norm = normalize(text)
        words, spans = [], []
        spaced = _spaced(norm)
        skip = -1
        for m in _RAW_TOKEN_RE.finditer(norm):
            if m.start() < skip:
                continue
            if m.start() in spaced:  # "k i l l", "s.u.i.c.i.d.e": one word spelled out letter by letter
                skip, pieces = spaced[m.start()]
                for piece, s, e in pieces:
                    for w in _canon_word(piece):
                        words.append(w)
                        spans.append((s, e))
                continue
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
        if len(words) > 1 and not PAIR_FIRST.isdisjoint(words):
            words, spans = _pairs(words, spans)
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
