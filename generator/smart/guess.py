"""Small part-of-speech guesses for words no lexicon lists.

Word lists never cover every action ("floss", "repot", "unclog") or every
person ("the plumber", "HR"), so the checker falls back on clause shape:
an unknown word that opens a goal and is followed by an object or a
preposition is read as its verb; a noun ending like a role ("-er", "-ist")
after "to"/"with" or a contacting verb is read as a person.
"""

from .clauses import opening_index
from .lexicon import (VERBS, PERSONS, LOCATIONS, OCCASIONS, TIMES_OF_DAY, FEELING_NOUNS, COMPARATIVES, DAYS, MONTHS,
                      NOT_NAMES)

# Words that start an object: after an unknown word they mark it as a verb
# ("repaint the fence", "mend my bike", "thank them").
OBJECT_START = set("""
the my a an our his her their your this that these those some me myself him them it us
everyone everybody someone somebody
""".split())
# In the opening clause a preposition, particle or rhythm word may follow
# the verb too ("floss after brushing", "hand in my timesheet", "floss daily").
OPENING_NEXT = OBJECT_START | set("""
after before with to in on at for from into up out off down back over around through during
daily nightly weekly every each once twice more less regularly properly when whenever while
one two three four five six seven eight nine ten twenty thirty
""".split())
# Closed-class and common non-verb words that can open a goal.
NOT_VERBS = set("""
i you he she we they it me my your his her our their a an the this that these those some any
every each all no not more less fewer most much many few several both either neither
and or but so if when whenever while because as than then also just only very really even
at in on to for from with by of into onto about over under after before during without
one two three four five six seven eight nine ten once twice daily weekly monthly nightly
healthy healthier good better best bad worse new old big small little lot lots plenty
lunchtime bedtime weekday weekdays weekend weekends today tomorrow tonight
""".split()) | PERSONS | LOCATIONS | OCCASIONS | TIMES_OF_DAY | FEELING_NOUNS | COMPARATIVES | set(DAYS) | set(MONTHS)
NOUN_ENDINGS = ("ness", "ment", "tion", "sion", "ity", "ship", "ance", "ence", "ism", "ful", "ous", "ive", "ical", "able")


def looks_verb(toks, i, opening):
    """Is toks[i] (a word no lexicon knows) the verb of its clause?"""
    w = toks[i][2]
    if not w.isalpha() or len(w) < 3 or w in NOT_VERBS or w.endswith(("ly",) + NOUN_ENDINGS):
        return False
    if i + 1 >= len(toks):
        return False
    nxt = toks[i + 1][2]
    if nxt in (OPENING_NEXT if opening else OBJECT_START) or opening and nxt.isdigit():
        return True
    # "Chop vegetables ...": the goal's first word with a plural object
    # (adjectives such as "healthy", "tasty" end in -y and are left out).
    return opening and i == 0 and not w.endswith(("y", "ed", "al", "ic", "s")) and len(nxt) > 3 \
        and nxt.endswith("s") and not nxt.endswith("ss") and nxt not in NOT_VERBS


# Role endings: "plumber", "supervisor", "receptionist", "optician".
ROLE_ENDINGS = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians")
NOT_ROLES = set("""
water dinner number paper letter computer answer timer order shower power matter mirror error door floor
colour color labour labor hour hours corner weather winter summer together other others another either
neither whether rather never ever over under after better later offer cover river border register
chapter character tower centre center theatre theater litter finger dinners letters numbers papers
orders answers computers flowers flower butter sugar burger burgers beer beers cider liquor laptop
calendar folder trainer trainers sneakers sweater jumper poster posters timetable member remainder
reminder reminders planner diary anchor tractor meteor motor sister brother mother father
""".split())


def looks_person(word):
    """A noun that names someone by their role (not in the PERSONS list)."""
    if word in PERSONS:
        return True
    if len(word) < 5 or word in NOT_ROLES or not word.isalpha():
        return False
    return word.endswith(ROLE_ENDINGS)


def looks_proper(text, s, e, word):
    """A capitalised word or acronym mid-sentence that is not a day, month or 'I'."""
    return text[s:s + 1].isupper() and word not in NOT_NAMES and word.isalpha()


def head(clause, first, start=0):
    """Index of an unlisted verb heading clause, or None ("repaint the fence",
    "floss daily", "meal prep my lunches")."""
    toks = clause.toks
    i = opening_index(clause, start)
    n = len(toks)
    if i >= n or toks[i][2].endswith("ing"):
        return None
    if looks_verb(toks, i, first):
        return i
    # A noun-verb compound opening the goal: "meal prep my lunches", "batch cook a stew".
    if first and i + 2 < n and toks[i + 2][2] in OBJECT_START and toks[i][2].isalpha() and toks[i + 1][2].isalpha() \
            and toks[i][2] not in NOT_VERBS and toks[i + 1][2] not in NOT_VERBS and not toks[i + 1][2].endswith("ing"):
        return i + 1
    return None
