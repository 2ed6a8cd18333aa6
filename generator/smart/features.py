"""What the learned model sees of one goal: words, word pieces and what the rules found.

Word lists alone miss "swims", "anxios" and phrasings nobody listed; the rules
alone cannot weigh "I shout every day" (a description) against "walk every
day" (a target). Each goal becomes a set of short strings, hashed with
zlib.crc32 (stable across runs and across CPython and Pyodide, unlike
``hash()``) into a fixed number of buckets, so the shipped weights are one
small array per label.

The same function builds the training rows (generator/train.py) and the
rows the checker scores, so the two can never drift apart.
"""

import zlib

from .clauses import TOKEN_RE
MAX_TOKENS = 400  # a goal is a sentence or three; past this, more words add nothing


def _shape(w):
    return "#" if w[0].isdigit() else w


def strings(aim_norm, context_norm, rules):
    """Feature strings: aim words and word pairs, aim word pieces, context
    words, and the rule findings (``rules`` is a list of strings)."""
    out = set(rules)
    words = [_shape(w) for w in TOKEN_RE.findall(aim_norm)[:MAX_TOKENS]]
    prev = "<s>"
    for w in words:
        out.add("u|" + w)
        out.add("b|" + prev + " " + w)
        if len(w) > 4:
            padded = "<" + w + ">"
            for i in range(len(padded) - 3):
                out.add("g|" + padded[i:i + 4])
        prev = w
    if words:
        out.add("b|" + prev + " </s>")
    out.add("n|aimwords|%d" % (min(len(words), 40) // 5))
    ctx = [_shape(w) for w in TOKEN_RE.findall(context_norm)[:MAX_TOKENS]]
    for w in ctx:
        out.add("c|" + w)
    out.add("n|ctxwords|%d" % (min(len(ctx), 60) // 10))
    return out


# {feature string: zlib.crc32 of its UTF-8}, shared with risk.py: most strings ("u|i", "b|<s> i", a word's
# pieces) recur from goal to goal, from sentence to sentence (risk.sentences) and keystroke to keystroke, and a
# dict look-up costs about half of encoding and hashing again.  The same numbers, so the same buckets; emptied
# when it holds CRC_KEEP strings (a few MB at most).
CRC32 = {}
CRC_KEEP = 1 << 15


def crc32(s):
    """zlib.crc32 of the string's UTF-8, remembered in CRC32."""
    h = CRC32.get(s)
    if h is None:
        if len(CRC32) >= CRC_KEEP:
            CRC32.clear()
        h = CRC32[s] = zlib.crc32(s.encode("utf-8"))
    return h


def hashed(feature_strings, bits):
    """Sorted bucket indices for the feature strings (duplicates merged)."""
    mask = (1 << bits) - 1
    return sorted({crc32(s) & mask for s in feature_strings})
