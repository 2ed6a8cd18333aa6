"""The checker's speed-ups change no answer: the safety patterns' pre-filter (starts.py, safety_patterns.Lazy),
the ASCII path of clauses.normalize and the remembered feature hashes."""

from __future__ import annotations

import re
import zlib

import pytest

from generator.smart import features, safety_patterns, safety_signals
from generator.smart.clauses import normalize
from generator.smart.safety_canon import Canon
from generator.smart.starts import starts
from tests.smart.goalsets import HERE, load


@pytest.mark.parametrize("pattern, expected", [
    (r"(?<= )(?:kill|killing) myself(?= )", ("kill",)),  # the parser's own common prefix
    (r"abc|abd", ("ab",)),
    (r"\b(?:stop|quit)\b", ("quit", "stop")),
    (r"(?:to )?die", ("die", "to ")),
    (r"(?:ab)+c", ("ab",)),
    (r"(x)y", ("xy",)),
])
def test_starts_lists_what_every_match_begins_with(pattern, expected):
    assert starts(pattern) == expected


@pytest.mark.parametrize("pattern", [r"\w+ologist", r"[ab]c", r"(?:x)?", r"a|", r"(?i)abc", r"(?i:a)b", r".x",
                                     r"(?:[^ .]+ ){0,3}?die", "|".join(chr(0x100 + i) + "x" for i in range(500))])  # too many to test
def test_starts_is_none_when_a_match_could_begin_with_anything(pattern):
    assert starts(pattern) is None


def test_starts_is_never_wrong_on_random_text():
    rx = r"(?<= )(?:(?:end|ending) (?:my|it)|not (?:to )?wake|(?:a )?burden)(?= )"
    found = starts(rx)
    words = "end ending my it not to wake a burden x".split()
    import random
    rnd = random.Random(4)
    for _ in range(3000):
        text = " " + " ".join(rnd.choice(words) for _ in range(rnd.randint(0, 6))) + " "
        for m in re.finditer(rx, text):
            assert any(text.startswith(s, m.start()) for s in found), (text, m)


def _canon_texts():
    paths = [HERE / "safety" / name for name in ("dev.yaml", "cases.yaml", "probe2.yaml", "blind3.yaml", "test.yaml")]
    return [Canon(r["text"]).text for p in paths if p.exists() for r in load(p) if isinstance(r.get("text"), str)]


def test_the_prefilter_finds_every_match_the_pattern_finds():
    """Every category's patterns and every signal, on real risk sets: the same matches with the pre-filter."""
    texts = _canon_texts()
    assert len(texts) > 500
    lazies = [rx for pats in safety_patterns.PATTERNS.values() for _, rx in pats]
    lazies += [rx for _, rx in safety_signals.SIGNALS]
    gated = 0
    for lazy in lazies:
        plain = re.compile(lazy.pattern)
        for text in texts:
            got = [(m.span(), m.groups()) for m in lazy.finditer(text)]
            assert got == [(m.span(), m.groups()) for m in plain.finditer(text)], (lazy.pattern[:60], text)
            assert (lazy.search(text) is None) == (plain.search(text) is None)
        gated += lazy._words is not None
    assert gated > len(lazies) * 0.8  # most patterns have a pre-filter


def test_normalize_ascii_path_matches_the_character_loop():
    def loop(text):
        out = []
        for ch in text:
            if ch == "`":
                out.append("'")
            elif ch < " " or ch == "\x7f":
                out.append(" ")
            else:
                out.append(ch.lower())
        return "".join(out)
    every = "".join(map(chr, range(128)))
    assert normalize(every) == loop(every)
    assert normalize("It\u2019s \u201cOK\u201d \u0130") == "it's \"ok\" \u0130"  # not ASCII: the loop


def test_remembered_hashes_are_crc32():
    strings = ["u|walk", "b|<s> walk", "g|<wal", "u|caf\u00e9", "c|\U0001F600"]
    expected = sorted({zlib.crc32(s.encode("utf-8")) & 0xFFF for s in strings})
    assert features.hashed(strings, 12) == expected
    assert features.hashed(strings, 12) == expected  # from the cache this time
    assert all(features.CRC32[s] == zlib.crc32(s.encode("utf-8")) for s in strings)
