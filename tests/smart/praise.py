"""The praise words, listed once: the caution tier's messages must hold none of them, and the
ordinary messages must hold some (so the list is not vacuous). Shared by tests/smart/test_caution.py
and tests/browser/test_safety.py.

Praise here means judging the goal as good ("That's a good sign", "a clear step", "which is a great
start", "celebrate"), not saying what is in it. The person's own words, quoted in curly quotes,
are left out first: a goal may say "great" itself."""

from __future__ import annotations

import re

PRAISE_WORDS = (
    "good", "great", "nice", "well done", "brilliant", "excellent", "wonderful", "lovely", "amazing",
    "fantastic", "awesome", "proud", "celebrate", "within reach", "doing well", "kinder", "carry you",
    "even better", "serve you well", "made a start", "easy to", "easier to", "which helps", "a clear",
)
PRAISE_RE = re.compile(r"\b(?:%s)\b" % "|".join(re.escape(w) for w in PRAISE_WORDS), re.IGNORECASE)
QUOTED_RE = re.compile("\u201c[^\u201d]*\u201d")


def praise_in(message: str | None) -> list[str]:
    """The praise words in a message, outside the person's quoted words."""
    return PRAISE_RE.findall(QUOTED_RE.sub("", message or ""))
