"""Approach or avoidance: does the goal move toward something, away from
something, or both?  Judged clause by clause, so "stop X and do Y" is mixed."""

import re

from .numbers import NUM_STRICT
from .clauses import inside, SpanSet
from .lexicon import lemma, VERBS

APPROACH, AVOIDANCE, MIXED = "approach", "avoidance", "mixed"

# Words that name removing, reducing or stopping something.  Every alternative but one begins at a word
# boundary, written once in front: the engine then tests the boundary once a position instead of once an
# alternative (about 5x faster, the same matches).
AVOID_RE = re.compile(
    r"\b(?:(?:stop|stops|stopped|stopping)\b(?!\s+(?:by|at|off|in|over)\b)"
    r"|(?:quit|quits|quitting|avoid|avoids|avoided|avoiding|reduce|reduces|reducing|decrease|"
    r"lowering|limiting|minimi[sz]e|minimi[sz]ing|eliminate|eliminating|"
    r"ditch|ditching|unfollow|unfollowing|muting|blocking|resist|resisting|refrain|"
    r"refraining|abstain|abstaining|wean|weaning|fewer|never|less|deleting|removing|"
    r"uninstall|uninstalling|unsubscribe|unsubscribing|overcome|overcoming|conquer|conquering)\b"
    r"|(?:stay|stays|staying|keep|keeping)\s+(?:off|away\s+from|clear\s+of)\b"
    r"|(?:lose|losing|shed|shake|shaking|drop|dropping)\s+(?:my|the)\s+(?:fear|fears|anxiety|worry|worries|"
    r"stress|habit|guilt|shame|anger|phobia|panic|nerves|shyness|insecurity|insecurities|self-doubt)\b"
    r"|(?:beat|beating)\s+(?:my|the)\b"
    r"|cut(?:s|ting)?\s+(?:down|back|out)\b"
    # A cap is a reduction: "max 2 drinks", "3 drinks max", "down to one a day", "only once".
    r"|max(?:imum)?\b|(?:down|cut\s+it|cut\s+that)\s+to\b|(?:only|just)\s+once\b|sober\b"
    r"|(?:give|giving|gave)\s+up\b"
    r"|(?:get|getting|got)\s+rid\s+of\b|rid\s+myself\s+of\b"
    r"|no\s+(?:longer|more)\b|at\s+most\b|(?:a\s+)?max(?:imum)?\s+of\b"
    r"|(?:let|letting)\s+go\s+of\b"
    r"|(?:take|taking)\s+a\s+break\s+from\b"
    r"|(?:get|getting)\s+out\s+of\b(?!\s+(?:the\s+)?(?:house|bed|home|flat|door|town|city|office))"
    r"|(?:pay|paying|paid)\s+off\b|clear\s+(?:my|all\s+my)\s+debts?\b"
    r"|(?:be|being|get|getting|got|gets|am|'m|feel|stay)\s+(?:completely\s+|totally\s+|fully\s+|finally\s+)?over\b"
    r"(?!\s+(?:this|next|a|an|to|it|there|here|for)\b|\s+the\s+(?:next|rest|weekend|summer|winter|holidays?|road|"
    r"bridge|moon|hill|top|wall|fence|line|phone)\b)"
    r"|kick\s+the\s+habit\b|break\s+the\s+habit\b"
    r"|[^\W\d_]+-free\b|free\s+(?:of|from)\b"
    # "phone free sundays", "debt free by 2028": a thing, then free of it (written without the hyphen); not
    # "feel free", "for free", "set free", "duty free", nor "free time".
    r"|(?!(?:feel|feels|for|be|being|been|is|am|are|was|were|set|break|go|get|stay|run|roam|walk|fly|totally|"
    r"completely|fully|entirely|more|so|very|too|and|or|the|a|an|it|me|you|them|him|her|us|of|duty|tax|hands|"
    r"born|home|scot|spirit|event)\b)[^\W\d_]{3,}\s+free\b(?!\s+(?:time|of|from|to|for|will|hand|trial|period|"
    r"space|kick|spirit|range|up|lunch|ticket|tickets|samples?|gift|parking|wifi|session|class|classes)\b)"
    r"|(?<!\bin )(?:under|below|fewer\s+than|less\s+than)\s+" + NUM_STRICT + r"\b"
    r"|(?:anxiety|stress|worry|worries|panic|craving|cravings|drinking|smoking|spending|debt|"
    r"screen\s+time|caffeine|sugar|weight|anger|temper|heart\s+rate)\b[^,.;]{0,30}?\b(?:down|at\s+0|at\s+zero|to\s+0|to\s+zero)\b)"
)
# Plain negation counts too, unless it sits in a "when/if/who..." part that
# only describes the situation.
NEG_RE = re.compile(r"\b(?:not|don't|dont|do not|won't|wont|didn't|cannot|can't|no)\b")
SUBORD_RE = re.compile(r"\b(?:when|whenever|if|because|who|that|which|even|unless|as|than|what|whatever|where|whom|whose)\b")
SUBJECTS = {"i", "you", "he", "she", "we", "they", "it", "people", "someone", "nobody", "anyone"}
# Words before a subject that keep its negation in the main goal ("make sure I don't").
MAIN_BEFORE = {"sure", "so", "that", "and", "but", "if", "then", "also", "to", "promise", "will"}
# "three stops", "the bus stop": the noun, not the verb.
NOUN_STOP_BEFORE = {"a", "the", "my", "next", "last", "bus", "tram", "few", "two", "three", "four", "five",
                    "six", "seven", "eight", "nine", "ten", "one", "every", "each", "pit", "full"}
NO_OK_RE = re.compile(r"\b(?:say|saying|said|says)\s+no\b|\bno\s+(?:matter|one|less|fewer|doubt)\b|\bnot\s+(?:only|just)\b|\bwhether\s+or\s+not\b|\bno\s+later\b")
LESS_OK_RE = re.compile(r"\b(?:no|not|nothing)\s+less\b|\bless\s+than\s+an?\b|\bin\s+less\s+than\b")
REPLACE_RE = re.compile(
    r"\b(?:instead|rather\s+than|replac(?:e|es|ed|ing)|swap(?:s|ped|ping)?|switch(?:es|ed|ing)?\s+from|"
    r"substitut(?:e|es|ed|ing)|trad(?:e|es|ed|ing)\s+\w+(?:\s+\w+)?\s+for)\b")
# "without stopping", "without missing a day": how firmly, not a thing to cut.
WITHOUT_INTENSIFIER_RE = re.compile(
    r"\s?(?:stopping|a\s+break|breaks|a\s+rest|missing|skipping|fail|failing|exception|exceptions|"
    r"excuses?|a\s+day\s+off|giving\s+up|quitting|pause|pausing)\b")
LIGHT_VERBS = {"go", "spend", "last", "manage", "make", "get"}

# Positive versions of common unwanted states, for the reframe hint.
OPPOSITES = {
    "anxious": "calmer", "stressed": "more relaxed", "awkward": "more at ease", "nervous": "steadier",
    "angry": "calmer", "lonely": "more connected", "isolated": "more connected", "tense": "more relaxed",
    "worried": "more settled", "scared": "braver", "shy": "more open", "sad": "more hopeful",
    "irritable": "more patient", "critical": "kinder", "hard": "gentler", "busy": "more balanced",
    "distracted": "more focused", "tired": "more rested", "negative": "more balanced", "harsh": "kinder",
    "defensive": "more open", "jealous": "more secure", "insecure": "more secure",
}


# Words that are avoidance only as the verb of the goal ("block my ex's
# number", "cut my smoking"), not as nouns ("walk around the block").
HEAD_ONLY_AVOID = {"block", "mute", "lower", "limit", "cut", "delete", "remove", "drop"}
# ... but "block two hours for notes", "block out Friday morning": setting time aside, a thing to do.
BLOCK_TIME_RE = re.compile(r"\s+(?:(?:out|off)\b|(?:some\s+|an?\s+|the\s+)?(?:time|hour|hours|afternoon|morning|evening|"
                           r"slot|day)\b|(?:" + NUM_STRICT + r"|an?|half\s+an?)\s+(?:whole\s+)?(?:hours?|minutes?|mins?|"
                           r"days?|afternoons?|mornings?|evenings?|slots?)\b)")
WITH_NO_RE = re.compile(r"\bwith\s+no\b(?!\s+(?:problem|problems|issue|issues|one|doubt|fuss|pressure)\b)")


def _avoid_marks(an):
    """Avoidance words per clause index (one pass over the text)."""
    per = [[] for _ in an.clauses]
    if not an.clauses:
        return per
    ok = SpanSet(len(an.norm), [(m.start(), m.end()) for m in NO_OK_RE.finditer(an.norm)])
    subord = [None] * len(an.clauses)
    for m in SUBORD_RE.finditer(an.norm):
        ci = an.clause_at(m.start())
        if ci is not None and subord[ci] is None:
            subord[ci] = m.start()
    for m in an.finditer(AVOID_RE):
        ci = an.clause_at(m.start())
        if ci is None:
            continue
        if m.group() == "less" and LESS_OK_RE.search(an.norm, max(0, m.start() - 8), m.end() + 6):
            continue
        if m.group() in ("stop", "stops") and _word_before(an, m.start()) in NOUN_STOP_BEFORE:
            continue
        per[ci].append((m.start(), m.end()))
    for ci, clause in enumerate(an.clauses):
        h = an.heads[ci]
        if h is not None and lemma(clause.toks[h][2]) in HEAD_ONLY_AVOID \
                and not BLOCK_TIME_RE.match(an.norm, clause.toks[h][1]):
            per[ci].append(clause.toks[h][:2])

    for m in an.finditer(NEG_RE):
        ci = an.clause_at(m.start())
        if ci is None or inside((m.start(), m.end()), ok):
            continue
        if subord[ci] is not None and subord[ci] < m.start():
            continue
        if _side_clause(an, ci, m.start()):
            continue
        if m.group() == "no" and not _no_opens_clause(an.clauses[ci], m.start()):
            continue
        per[ci].append((m.start(), m.end()))
    return per


def _with_no_marks(an):
    """'with no screens' per clause index: read as 'without screens', a part to leave out beside the clause's
    own verb (so "wind down with no screens" is mixed, as "wind down without screens"); not "with no excuses"
    (an intensifier, as after "without")."""
    per = [[] for _ in an.clauses]
    for m in an.finditer(WITH_NO_RE):
        ci = an.clause_at(m.start())
        if ci is not None and not WITHOUT_INTENSIFIER_RE.match(an.norm, m.end(), m.end() + 30):
            per[ci].append((m.start(), m.end()))
    return per


def _word_before(an, pos):
    """The token just before pos in its clause ('' at the start or for digits: '3')."""
    ci = an.clause_at(pos)
    if ci is None:
        return ""
    prev = ""
    for t in an.clauses[ci].toks:
        if t[0] >= pos:
            break
        prev = t[2]
    return "three" if prev.isdigit() else prev


def _side_clause(an, ci, pos):
    """A negative in a relative clause after the goal's verb ("people I don't
    know", "things I can't control") describes, it does not steer the goal."""
    h = an.heads[ci]
    toks = an.clauses[ci].toks
    if h is None or pos <= toks[h][0]:
        return False
    j = h + 1
    while j < len(toks) and toks[j][0] < pos:
        j += 1
    # toks[j] is the negative; the subject sits just before it (maybe with an auxiliary).
    k = j - 1
    if k > h and toks[k][2] in ("do", "did", "have", "has", "had", "am", "was", "will", "can", "could", "would"):
        k -= 1
    if k <= h + 1 or toks[k][2] not in SUBJECTS:
        return False
    before = toks[k - 1][2]
    return before not in MAIN_BEFORE and lemma(before) not in VERBS


def _no_opens_clause(clause, pos):
    """'No screens in bed': 'no' + noun as the goal itself."""
    first = []
    for t in clause.toks:
        if t[0] >= pos or len(first) > 6:
            break
        first.append(t)
    return len(first) <= 6 and all(t[2] in ("i", "will", "want", "to", "have", "eat", "drink", "use", "allow", "with", "and", "then", "also")
               for t in first)


def judge(an):
    """(framing, evidence spans, approach spans, avoid spans)."""
    avoid, approach, replace = [], [], []
    for m in an.finditer(REPLACE_RE):
        replace.append((m.start(), m.end()))
    marks_per = _avoid_marks(an)
    with_no = _with_no_marks(an)
    for i, clause in enumerate(an.clauses):
        avoid.extend(with_no[i])
        head = an.heads[i]
        if clause.kind == "without":
            rest = an.norm[clause.start:clause.end]
            if WITHOUT_INTENSIFIER_RE.match(" " + rest):
                continue
            kw = an.norm.rfind("without", max(0, clause.start - 12), clause.start + 1)
            avoid.append((kw if kw >= 0 else clause.start, clause.end))
            # "go a week without smoking": the light verb is not an approach.
            if i > 0 and an.heads[i - 1] is not None:
                prev = an.clauses[i - 1]
                if lemma(prev.toks[an.heads[i - 1]][2]) in LIGHT_VERBS and len(prev.toks) <= 5:
                    if approach and prev.start <= approach[-1][0] < prev.end:
                        approach.pop()
            continue
        if clause.kind == "instead":
            continue
        marks = marks_per[i]
        if marks:
            avoid.extend(marks)
        elif head is not None and not (with_no[i] and lemma(clause.toks[head][2]) in LIGHT_VERBS):
            # ("go a week with no alcohol": the light verb is not an approach, as before "without".)
            t = clause.toks[head]
            approach.append((t[0], t[1]))
    if replace:
        framing = MIXED
    elif avoid and approach:
        framing = MIXED
    elif avoid:
        framing = AVOIDANCE
    else:
        framing = APPROACH
    return framing, replace + avoid, approach, avoid


def _clean(s):
    return " ".join(s.strip(" ,.;:!?").split())


def reframe(an, framing, approach, avoid):
    """An approach-style rewording hint, or None for approach goals."""
    if framing == APPROACH:
        return None
    text = an.text
    if framing == MIXED and approach:
        s = approach[0][0]
        ci = an.clause_at(s)
        part = _clean(text[s:an.clauses[ci].end]) if ci is not None else ""
        first = part.split(" ", 1)
        if first and first[0].lower().endswith("ing") and lemma(first[0].lower()) in VERBS:
            part = " ".join([lemma(first[0].lower())] + first[1:])
        if part:
            return ("You already name something to do (\u201c%s\u201d). Try leading with it and making it "
                    "the whole goal, for example: \u201c%s\u201d, and let the part about what to stop follow "
                    "on its own." % (part, part[0].upper() + part[1:]))
    # Avoidance (or mixed with no clear approach part).
    m = re.search(r"\bless\s+([^\W\d_]+)", an.norm)
    if m and m.group(1) in OPPOSITES:
        return ("Try naming what you want more of instead: \u201cfeel %s\u201d is a start, and even better "
                "is one thing you would do, for example \u201ctake three slow breaths and say hello to one "
                "person\u201d in the place this matters to you." % OPPOSITES[m.group(1)])
    target = ""
    if avoid:
        s, e = avoid[0]
        ci = an.clause_at(s)
        end = an.clauses[ci].end if ci is not None else len(text)
        target = _clean(text[e:end])
    if target:
        return ("A well-chosen goal to cut down or stop something can serve you well. It can also help to "
                "name what you will do instead of \u201c%s\u201d, so you have something to practise, for example: "
                "\u201cWhen I notice the urge, I will take a short walk / text a friend / drink a glass of "
                "water.\u201d Keep the first version as your reason and this one as your plan." % target)
    return ("Goals that move away from something can serve you well, and it may also help to word it toward "
            "something: what would you do more of, and when? For example: \u201cgo for a 10-minute walk after "
            "dinner\u201d as well as \u201cstop sitting around\u201d.")
