"""Old home of the lexicon and the clause parser, now lexicon.py and
clauses.py. Kept only until every importer has moved (issue 13)."""

from .clauses import inside, normalize, SpanSet, split_clauses, head_index, opening_index  # noqa: F401
from .lexicon import lemma, VERBS, words_re  # noqa: F401
