"""The literal text every match of a regular expression begins with: a pre-filter that never changes a result.

Why: the safety screen's canonical-text patterns are long alternations of words behind a ``(?<= )``
look-behind, so Python's engine finds no literal prefix to skip ahead with and tries each alternative at
every word of the text, for every pattern of every category whose trigger words occur (about 40 a goal).
Most texts hold none of a pattern's first words: a substring test says so at a fraction of the cost.

``starts(pattern)`` reads the pattern's parse tree (the ``re`` package's own parser): along every path
to a match, the literal characters it must begin with, stopping at the first thing that is not a literal.
If some path could begin with anything (a character class, ``\\w+``, an empty match) or the tree holds
something this reader does not know, the answer is None: no pre-filter, the pattern always runs.
So ``any(s in text for s in starts)`` is false only when the pattern cannot match: the matches, and
everything read from them, stay exactly as without the filter.  Stdlib only.
"""

import re

# Give up rather than list more starts than this: the substring tests would cost more than the scan.
MOST = 120


def starts(pattern):
    """A tuple of strings, one of which every match of ``pattern`` begins with; None when unknown."""
    try:
        c = re._constants
        tree = re._parser.parse(pattern, 0)
        if tree.state.flags & (re.IGNORECASE | re.VERBOSE):
            return None
        ops = _Ops(c)
        out = set()
        if not _starts(ops, list(tree), "", out) or not out or len(out) > MOST:
            return None
    except Exception:  # a parser this reader does not know: no pre-filter, never a wrong one
        return None
    # Shortest first, and none that a shorter one already covers (its test finds the longer's matches too).
    kept = []
    for s in sorted(out, key=lambda s: (len(s), s)):
        if not any(s.startswith(k) for k in kept):
            kept.append(s)
    return tuple(kept)


class _Ops:
    __slots__ = ("literal", "zero_width", "subpattern", "branch", "repeats")

    def __init__(self, c):
        self.literal = c.LITERAL
        self.zero_width = (c.ASSERT, c.ASSERT_NOT, c.AT)
        self.subpattern = c.SUBPATTERN
        self.branch = c.BRANCH
        self.repeats = (c.MAX_REPEAT, c.MIN_REPEAT)


def _starts(ops, items, acc, out):
    """Add to ``out`` the literal start of every match of the sequence ``items`` (``acc`` matched already).
    False when some path has no literal start."""
    i = 0
    while i < len(items):
        if len(out) > MOST:
            return False
        op, av = items[i]
        if op is ops.literal:
            acc += chr(av)
            i += 1
            continue
        if acc:  # the literal run ends here: every match along this path begins with acc
            out.add(acc)
            return True
        rest = items[i + 1:]
        if op in ops.zero_width:  # consumes nothing: the match begins with what follows
            i += 1
        elif op is ops.subpattern:
            _, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                return False
            return _starts(ops, list(sub) + rest, "", out)
        elif op is ops.branch:
            return all(_starts(ops, list(alt) + rest, "", out) for alt in av[1])
        elif op in ops.repeats:
            low, high, sub = av
            if high == 0:
                i += 1
                continue
            # At least one repeat: it begins as the repeated part does (stopping inside it is still a start).
            if not _starts(ops, list(sub), "", out):
                return False
            # None at all: it begins as the rest does.
            return True if low > 0 else _starts(ops, rest, "", out)
        else:
            return False
    if acc:
        out.add(acc)
        return True
    return False  # an empty match is possible along this path
