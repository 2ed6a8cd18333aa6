"""Word lists the rules read, and a rough verb lemma.

One list per idea (verbs a goal starts with, people, places, occasions...),
each word once. The criteria and the clause parser import from here; the
learned model (learned.py) covers what the lists miss, so a missing word is
a weaker signal, not a wrong answer.
"""

import re


def words_re(words):
    """A whole-word alternation, longest first so phrases win."""
    alts = sorted(set(words), key=len, reverse=True)
    return r"(?:%s)" % "|".join(re.escape(w) for w in alts)


# Verbs a goal can start with; used to tell an action clause from a list item
# or a time phrase.
VERBS = set("""
accept add admit agree answer apologise apologize apply argue arrange ask attend avoid babysit bake be beat
become begin believe binge bite block blog book borrow breathe bring brush budget build buy call calm camp
cancel care carry catch celebrate change chat check cheer choose clap clean clear climb close coach collect
color colour come complete compliment confess conquer contact continue cook cope count create criticise
criticize cross cry cuddle cut cycle dance date deal debate decide decline declutter delay delete deliver
describe dial disagree discuss do donate doze draw dress drink drive drop dust earn eat edit email enjoy
enrol enroll exercise explain explore feed feel fetch file fill film find finish fix fly focus fold follow
forgive gamble get give go gossip greet grow handle hang harvest have heal hear help hide hike hit hold
hoover host hug hum ignore improve inform interrupt introduce invest invite iron isolate jog join joke
journal keep kick kiss kneel knit know laugh learn leave lend let lie lift like limit list listen live log
look lose love maintain make manage measure meditate meet mend mention mentor message mop move mow mute nag
name nap negotiate nod note notice observe offer open order organise organize overcome pack paint pass pay
phone photograph pick plan plant play post postpone practice practise praise pray prepare print
procrastinate promise pull push put question quit raise rate reach react read receive recommend record
recycle reduce reflect refuse register rehearse reject relax remain remember remind remove rent repair
replace reply report request research respond rest return ride ring run sail save say schedule score scream
scroll see seem select sell send sense serve set sew share shout show shower sign sing sit skate sketch ski
skip sleep smell smile smoke snap sort speak spend sprint stand start stay stick stop stretch stroll study
submit subscribe suggest sum swap swim switch take talk taste teach tell text thank think throw tidy time
touch track train transfer translate travel treat trust try turn tutor tweet type understand unfollow
uninstall unpack unsubscribe update use vacuum vape visit vlog volunteer wait wake walk wander warn wash
watch water wave wear weed weigh welcome whisper whistle win withdraw work worry wrap write yell
""".split())

# Head verbs that name a state, wish or vague outcome rather than an action
# someone else could see.
STATE_VERBS = set("""
accept achieve appreciate be beat become believe calm care conquer cope deal develop enjoy feel fix focus
forgive grow handle heal hope improve isolate know like love need overcome procrastinate relax remain
respect seem sort stay succeed think trust understand value want wish worry
""".split())

FEELING_NOUNS = set("""
anger anxiety calm confidence depression fear fears feeling feelings guilt happiness life loneliness mood
moods nerves panic sadness self-esteem shame stress tension thought thoughts worries worry
""".split())

COMPARATIVES = set("""
better calmer differently enough good happier healthier healthily less more positively properly regularly
right well
""".split())

PERSONS = set("""
aunt auntie baby barista boss boyfriend brother brothers cashier child children classmate classmates client
clients co-worker co-workers coach colleague colleagues counsellor counselor cousin cousins coworker
coworkers customer customers dad daughter daughters dentist doctor ex family father flatmate flatmates
friend friends girlfriend gp gp's gran grandad granddad grandfather grandma grandmother grandpa grandparents
granny group housemate housemates husband in-laws instructor kid kids landlady landlord lodger mam manager
mentor midwife mom mother mum nan nana neighbor neighbors neighbour neighbours nurse parent parents partner
people person recruiter recruiters roommate roommates sibling siblings sister sisters somebody someone son
son's sons sponsor spouse stranger strangers student students teacher teachers team teammates teenager
teenagers tenants therapist tutor uncle vet wife
""".split())

# Places count when the goal goes there or happens there ("at the gym",
# "leave the office"), not when they are just a thing ("buy a house").
LOCATIONS = set("""
account allotment apartment app apps area attic balcony bank bar basement beach bed bedroom bus cafe cafes
café campus car cellar center centre chat checkout chemist choir church cinema clinic club clubs college
company computer council counter course desk driveway facebook ferry flat forum gallery garage garden grave
group groups gym hall hallway home homes hospital house instagram kitchen landing laptop library loft lounge
mall market metro mosque museum neighborhood neighbourhood nursery office offices online park parks patio
pharmacy phone plane pool porch pub queue reddit restaurant restaurants school shed shop shops snapchat
stairs station store street subway supermarket surgery synagogue table tablet taxi temple theatre tiktok
train tram tube twitter underground uni university whatsapp workplace yard youtube
""".split())
# Occasions and situations: where the goal applies wherever they appear.
OCCASIONS = set("""
appointment appointments argument arguments breakfast class classes commute conversation conversations date
dates dinner dinners event events interview interviews invitation invitations invite invites lecture
lectures lesson lessons lunch lunches lunchtime meeting meetings parties party payday rehearsal seminar
seminars session sessions shift shifts social socials stand-up standup wedding workshop
""".split())
LOC_PREPS = set("at in on to into from inside outside around near through across off onto".split())
MOVE_VERBS = set("""
arrive attend attending book call calling clean come contact contacting cycle drive email emailing enter go
goes going join joining leave leaving message messaging phone phoning return ride riding ring ringing sign
text texting tidy visit visiting walk walking went
""".split())

TIMES_OF_DAY = set("""
morning mornings afternoon afternoons evening evenings night nights tonight
weeknight weeknights lunchtime lunchtimes bedtime midday noon dawn dusk
breakfast dinner lunch
""".split()) | {"rush hour"}

# Capitalised words that are not people's names.
NOT_NAMES = set("""
april august christmas cv december diwali dry easter eid english facebook february french friday german god
gp halloween hanukkah i i'd i'll i'm i've instagram january july june k km lent march math maths may monday
nhs november october ok okay ramadan saturday september spanish sunday thanksgiving thursday tiktok tuesday
tv twitter uk us valentine valentine's veganuary wednesday whatsapp xmas youtube
""".split())

DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july",
          "august", "september", "october", "november", "december"]
MONTH_ABBR = ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
              "oct", "nov", "dec"]

# Words that may open a clause without being its verb.
FILLERS = set("""
actually also am and but can could definitely don't dont even finally going gonna i i'd i'll i'm id ill im
just must not once please really should so then to wanna want will would
""".split())
# "try to", "plan to", "hope to": openers only when "to" follows.
TO_FILLERS = {"try", "trying", "aim", "plan", "hope", "need", "like", "love", "want", "going", "able", "promise", "decide"}

LEADING_ADVERBS = set("""
actually also always completely consistently entirely even finally fully gradually instead just never only
perfectly properly really regularly slowly still then totally
""".split())


IRREGULAR = {"went": "go", "gone": "go", "ate": "eat", "eaten": "eat",
             "took": "take", "taken": "take", "made": "make", "got": "get",
             "gotten": "get", "had": "have", "has": "have", "been": "be",
             "was": "be", "were": "be", "is": "be", "are": "be", "being": "be",
             "am": "be", "said": "say", "told": "tell", "felt": "feel",
             "kept": "keep", "spent": "spend", "slept": "sleep", "ran": "run",
             "wrote": "write", "written": "write", "quitting": "quit",
             "lying": "lie", "drank": "drink", "stopped": "stop",
             "stopping": "stop", "did": "do", "done": "do", "doing": "do"}


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
    if word in IRREGULAR:
        return IRREGULAR[word]
    for c in cands:
        if c in VERBS:
            return c
    return word
