"""Shared tokenizer, lexicons and clause splitter.

Every criterion works on the same normalised copy of the goal, which has
exactly the same length as the original so regex offsets are evidence spans.
"""

import re

# ---------------------------------------------------------------------------
# Normalising and tokens


def normalize(text):
    """Lowercase, straighten quotes, blank out control characters.

    One character in, one character out: offsets stay valid for the original.
    """
    out = []
    for ch in text:
        if ch in "\u2019\u2018\u02bc`\u00b4":
            out.append("'")
        elif ch in "\u201c\u201d":
            out.append('"')
        elif ch in "\u2013\u2014":
            out.append("-")
        elif ch < " " or ch == "\x7f":
            out.append(" ")
        else:
            low = ch.lower()
            out.append(low if len(low) == 1 else ch)
    return "".join(out)


TOKEN_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+(?:[.,:/]\d+)*|[£$€%]")


def tokens(norm, start=0, end=None):
    """(start, end, word) for each word, number or currency sign."""
    if end is None:
        end = len(norm)
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(norm, start, end)]


def spans_overlap(a, b):
    return a[0] < b[1] and b[0] < a[1]


class SpanSet:
    """Character positions covered by some spans; overlap checks cost the
    length of the span asked about, not the number of spans (linear time)."""

    __slots__ = ("mask",)

    def __init__(self, size, spans=()):
        self.mask = bytearray(size + 1)
        for s, e in spans:
            self.add((s, e))

    def add(self, span):
        s, e = span
        if e > s:
            self.mask[s:e] = b"\x01" * (e - s)

    def hits(self, span):
        s, e = span
        return e > s and self.mask.find(1, s, e) != -1


def inside(span, spans):
    """True when span overlaps any of spans (a SpanSet or a short list)."""
    if isinstance(spans, SpanSet):
        return spans.hits(span)
    return any(spans_overlap(span, s) for s in spans)


def words_re(words):
    """A whole-word alternation, longest first so phrases win."""
    alts = sorted(set(words), key=len, reverse=True)
    return r"(?:%s)" % "|".join(re.escape(w) for w in alts)


# ---------------------------------------------------------------------------
# Lexicons

# Verbs a goal can start with; used to tell an action clause from a list item
# or a time phrase.
VERBS = set("""
accept add agree answer apologise apologize apply arrange ask attend avoid bake
be become begin block book borrow breathe bring brush build buy call calm cancel
care catch change chat check choose clean clear climb close colour color come
complete compliment contact continue cook count create criticise criticize cry
cut cycle dance date decide declutter delete do donate draw dress drink drive
drop earn eat email enjoy enrol enroll exercise explain fill find finish fix
focus follow forgive get give go greet grow handle have hear help hike hold hug
improve interrupt invite isolate jog join journal keep knit learn leave let
limit list listen live log look lose make manage meditate meet mention message
move mute name note notice order organise organize paint pay phone pick plan
plant play post practice practise pray prepare put quit raise rate reach read
reduce reflect register rehearse relax remind remember replace reply report
research respond rest return ride ring run save say schedule scroll see send
set share shout show shower sign sing sit skip sleep smile smoke snap sort speak
spend stand start stay stick stop stretch study sum swap swim switch take talk
tell text thank think tidy track train transfer treat try turn unfollow update
use visit volunteer wait wake walk watch wear weigh work worry write yell
argue apologise celebrate greet hang log sit mop hoover vacuum wash iron
understand feel love like trust believe know overcome beat conquer heal cope
deal become seem remain procrastinate criticise criticize binge vape gamble
bite pick nag lie hide withdraw ignore open fold hang cook bake feed wash tidy
hoover dust water weed mow repair fill file print post pack unpack carry lift
push pull kick throw hit climb cross pass buy sell rent collect drop deliver
fetch bring serve offer lend borrow return wrap sew mend build fix paint draw
sketch photograph film record type email phone dial tweet blog vlog film edit
translate teach coach mentor tutor babysit volunteer donate pray attend enrol
join sign subscribe unsubscribe uninstall remove delete declutter recycle plant
harvest explore travel fly sail camp hike stroll wander jog sprint skate ski
dance stretch kneel lie rest nap doze cuddle kiss hug hold wave nod smile laugh
joke chat gossip whisper shout scream sing hum whistle clap cheer thank praise
compliment forgive apologise apologize confess admit promise agree disagree
negotiate ask request invite host welcome greet introduce meet visit tell
inform warn remind suggest recommend describe explain discuss argue debate
question answer reply respond react notice observe watch listen look see hear
smell taste touch feel sense count measure weigh time rate score track log
note list journal plan organise organize arrange prepare schedule book cancel
postpone delay finish complete submit send receive accept decline refuse
reject choose pick select decide spend save budget earn pay invest lose win
quit stop start begin continue keep maintain set reach
""".split())

# Head verbs that name a state, wish or vague outcome rather than an action
# someone else could see.
STATE_VERBS = set("""
be become feel stay remain seem think understand know believe accept love like
enjoy trust worry care hope wish improve sort fix heal grow overcome beat conquer
handle cope deal relax calm develop achieve succeed procrastinate value respect
appreciate forgive focus isolate want need
""".split())

FEELING_NOUNS = set("""
anxiety stress worry worries fear fears panic nerves confidence self-esteem
mood moods happiness sadness anger guilt shame depression loneliness tension
calm feelings feeling thoughts thought life
""".split())

COMPARATIVES = set("""
better more less healthier happier calmer properly positively well differently
right good healthily regularly enough
""".split())

PERSONS = set("""
mum mom mother mam dad father parents parent son sons daughter daughters kids
kid children child baby partner wife husband boyfriend girlfriend ex spouse
brother brothers sister sisters siblings sibling cousin cousins gran granny
grandma grandmother grandad granddad grandpa grandfather grandparents nan nana
aunt auntie uncle in-laws family friend friends colleague colleagues coworker
coworkers co-worker co-workers boss manager team teammates teacher teachers
tutor classmates classmate flatmate flatmates roommate roommates housemate
housemates neighbour neighbours neighbor neighbors counsellor counselor
therapist doctor gp nurse instructor coach cashier barista recruiter recruiters
stranger strangers someone somebody people person teenager teenagers son's
students student client clients customer customers mentor sponsor group
landlord landlady lodger tenants housemate gp's dentist midwife vet
""".split())

# Places count when the goal goes there or happens there ("at the gym",
# "leave the office"), not when they are just a thing ("buy a house").
LOCATIONS = set("""
home house flat apartment office school uni university college campus library
gym park station bus train tram car bed bedroom kitchen table counter shop shops
supermarket store café cafe restaurant pub bar church mosque temple synagogue
centre center club online app apps instagram tiktok facebook twitter whatsapp
snapchat youtube reddit area neighbourhood neighborhood street beach pool grave
account desk garden allotment queue checkout course choir company workplace
homes offices shops cafes restaurants parks clubs groups group chat forum
phone laptop computer tablet bank surgery council pharmacy chemist clinic
hospital nursery garage shed loft attic hallway hall stairs landing porch driveway
balcony lounge basement cellar yard patio tube underground metro subway plane
ferry taxi cinema theatre museum gallery market mall
""".split())
# Occasions and situations: where the goal applies wherever they appear.
OCCASIONS = set("""
meeting meetings stand-up standup party parties social socials dinner dinners
lunch lunches breakfast lunchtime date dates conversation conversations session
sessions appointment appointments lesson lessons lecture lectures seminar
seminars shift shifts invitation invitations invite invites wedding event events
payday argument arguments commute workshop rehearsal interview interviews class
classes
""".split())
LOC_PREPS = set("at in on to into from inside outside around near through across off onto".split())
MOVE_VERBS = set("""
go going goes went visit visiting leave leaving join joining attend attending
phone phoning call calling ring ringing email emailing text texting message
messaging contact contacting enter arrive walk walking drive cycle come return
clean tidy book sign ride riding
""".split())

TIMES_OF_DAY = set("""
morning mornings afternoon afternoons evening evenings night nights tonight
weeknight weeknights lunchtime lunchtimes bedtime midday noon dawn dusk
breakfast dinner lunch
""".split()) | {"rush hour"}

# Capitalised words that are not people's names.
NOT_NAMES = set("""
i i'm i'll i've i'd monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november
december christmas xmas easter valentine's valentine eid diwali hanukkah
ramadan thanksgiving halloween tiktok instagram facebook twitter whatsapp
youtube cv gp uk us nhs english spanish french german maths math english tv
god ok okay lent dry veganuary k km
""".split())

DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july",
          "august", "september", "october", "november", "december"]
MONTH_ABBR = ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
              "oct", "nov", "dec"]

# Words that may open a clause without being its verb.
FILLERS = set("""
i i'm im i'll ill i'd id will would want wanna gonna going am really also then
finally just actually and but so please definitely should must can could to
not don't dont once even
""".split())
# "try to", "plan to", "hope to": openers only when "to" follows.
TO_FILLERS = {"try", "trying", "aim", "plan", "hope", "need", "like", "love", "want", "going", "able", "promise", "decide"}

LEADING_ADVERBS = set("""
always never completely totally entirely fully finally really actually just
also then gradually slowly properly perfectly consistently regularly even
instead still only
""".split())


def lemma(word):
    """A rough base form for a verb ("criticising" -> "criticise")."""
    if word in VERBS:
        return word
    cands = []
    if word.endswith("ies"):
        cands.append(word[:-3] + "y")
    if word.endswith("ing"):
        stem = word[:-3]
        cands += [stem, stem + "e"]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            cands.append(stem[:-1])
        if stem.endswith("y"):
            cands.append(stem[:-1] + "ie")
    if word.endswith("ed"):
        stem = word[:-2]
        cands += [stem, stem + "e", word[:-1]]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            cands.append(stem[:-1])
        if stem.endswith("i"):
            cands.append(stem[:-1] + "y")
    if word.endswith("es"):
        cands.append(word[:-2])
    if word.endswith("s"):
        cands.append(word[:-1])
    irregular = {"went": "go", "gone": "go", "ate": "eat", "eaten": "eat",
                 "took": "take", "taken": "take", "made": "make", "got": "get",
                 "gotten": "get", "had": "have", "has": "have", "been": "be",
                 "was": "be", "were": "be", "is": "be", "are": "be", "being": "be",
                 "am": "be", "said": "say", "told": "tell", "felt": "feel",
                 "kept": "keep", "spent": "spend", "slept": "sleep", "ran": "run",
                 "wrote": "write", "written": "write", "quitting": "quit",
                 "lying": "lie", "drank": "drink", "stopped": "stop",
                 "stopping": "stop", "did": "do", "done": "do", "doing": "do"}
    if word in irregular:
        return irregular[word]
    for c in cands:
        if c in VERBS:
            return c
    return word


# ---------------------------------------------------------------------------
# Clauses

# Split points: punctuation, coordinators, and the little words that start a
# second action ("by reading", "without interrupting", "instead of").
_SPLIT_RE = re.compile(
    r"[,;!?()\[\]\n]|\.(?=\s|$)|\s-\s"
    r"|\b(?:and then|and|then|but|plus|as well as)\b"
    r"|\b(?P<by>by)\s(?=[^\W\d_]+ing\b)"
    r"|\b(?P<without>without)\b"
    r"|\b(?P<instead>instead of|rather than)\b"
)


class Clause:
    """A stretch of the goal with its kind: main, by (the means), without, instead."""

    __slots__ = ("start", "end", "kind", "toks")

    def __init__(self, start, end, kind, toks):
        self.start, self.end, self.kind, self.toks = start, end, kind, toks

    def __repr__(self):
        return "Clause(%d,%d,%s,%r)" % (self.start, self.end, self.kind, [t[2] for t in self.toks])


def split_clauses(norm, masked=()):
    """Split into clauses; spans in masked (quotes) never split."""
    pieces = []
    pos = 0
    kind = "main"
    for m in _SPLIT_RE.finditer(norm):
        if inside((m.start(), m.end()), masked):
            continue
        pieces.append((pos, m.start(), kind))
        if m.group("by"):
            kind = "by"
        elif m.group("without"):
            kind = "without"
        elif m.group("instead"):
            kind = "instead"
        elif kind in ("without", "instead", "by") and norm[m.start()] in ",;!?.":
            kind = "main"
        elif kind in ("without", "instead"):
            kind = "main"
        pos = m.end()
    pieces.append((pos, len(norm), kind))
    out = []
    for s, e, k in pieces:
        toks = tokens(norm, s, e)
        if toks:
            out.append(Clause(toks[0][0], toks[-1][1], k, toks))
    return out


def opening_index(clause, start=0):
    """Index of the first token after the openers ("I want to", "always",
    "try to", "be able to", "have" + participle), from token start."""
    toks = clause.toks
    i = start
    n = len(toks)
    while i < n:
        w = toks[i][2]
        if w in FILLERS or w in LEADING_ADVERBS:
            i += 1
            continue
        if w in TO_FILLERS and i + 1 < n and toks[i + 1][2] == "to":
            i += 2
            continue
        if w in ("be", "being") and i + 2 < n and toks[i + 1][2] == "able" and toks[i + 2][2] == "to":
            i += 3
            continue
        if w == "have" and i + 1 < n and toks[i + 1][2].endswith(("ed", "en")) and (
                lemma(toks[i + 1][2]) in VERBS or i + 2 < n and toks[i + 2][2] in ("up", "in", "on", "the", "my", "a")):
            i += 1
            continue
        break
    return i


def head_index(clause, first=False, start=0):
    """Index in clause.toks of the clause's first verb-like word, or None.

    Skips openers ("I want to", "always", "start", "try to") so that
    "I want to stop calling myself stupid" has head "stop".
    """
    toks = clause.toks
    i = opening_index(clause, start)
    n = len(toks)
    if i >= n:
        return None
    w = toks[i][2]
    if w.endswith("ing"):
        # "by reading": the means. Otherwise a gerund opening a later clause
        # is a list item ("quit weed, alcohol and vaping"), not a new action.
        if clause.kind == "by" or (first and lemma(w) in VERBS):
            return i
        return None
    if lemma(w) in VERBS:
        return i
    return None
