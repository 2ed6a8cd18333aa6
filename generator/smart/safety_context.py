"""Context that takes a safety finding back: the past told as past, someone else's story,
the writer's job, a prescriber or service named in the plan, idioms, games, surprises.

Why a module of its own: a pattern says what *could* be risk; these say when
the sentence around it shows it is not the writer's current risk.  They are
where most near-misses (healthy versions, recovery stories) are let through,
and the learned detector reads which of them fired (safety_rules.features).
Stdlib only.
"""

import re

from .safety_categories import MEDICATION, VIOLENCE, WITHDRAWAL
from .safety_patterns import MEDICAL, PARTNER


# Context that takes a finding back.
PAST_STRONG_RE = re.compile(
    r" (?:used to|when i was|back when|years ago|months ago|as a (?:teen|teenager|kid|child|student)|in my (?:teens|"
    r"twenties|youth|teenage years|early twenties)|at school|at uni|in (?:19|20)\d\d|(?:have not|had not) (?:\w+ ){0,4}?"
    r"(?:in|for|since) (?:\w+ )?(?:years|months|year|a long time|ages)|no longer|"
    r"recovered|recovery|recovering|history of|in the past|survived|survivor|after (?:years|months) of|"
    r"(?:\d+|two|three|four|five|six|ten|many|several|a few) (?:years|months) (?:\w+ ){0,3}?(?:clean|free|sober)|"
    r"since i (?:stopped|recovered|left|got out)|i left|i escaped|got out of) ")
PAST_WEAK_RE = re.compile(r" (?:was|were|did|had|used) ")
CURRENT_RE = re.compile(
    r" (?:still|again|lately|recently|urge|urges|relapse|relapsed|relapsing|tonight|these days|right now|"
    r"thinking|thoughts|tempted|started|starting|back to|currently|this (?:week|month|morning)|last (?:night|week)|"
    r"yesterday|today|at the moment|every day) ")
THIRD_RE = re.compile(
    r" (?:friend|friends|sister|brother|mum|dad|son|daughter|kid|kids|child|children|student|students|client|clients|"
    r"patient|patients|colleague|colleagues|cousin|partner|husband|wife|boyfriend|girlfriend|he|she|they|his|her|"
    r"their|someone|people|others|who|whose|teens|young people|those|anyone) ")
FIRST_RE = re.compile(r" (?:i|me|my|myself|am) ")
PROFESSIONAL_RE = re.compile(r" (?:explain|explaining|teach|teaching|advise|advising|counsel|counselling|"
                             r"patients|clients|service users|residents|customers|colleagues|training|course|"
                             r"presentation|leaflet|guidance) ")
JOB_RE = re.compile(r" (?:i am|i work as|working as|i have been|i train as|training as) (?:a|an) (?:trainee |student |"
                    r"qualified |newly qualified |senior |junior )?(?:paramedic|nurse|doctor|solicitor|lawyer|barrister|"
                    r"police officer|officer|social worker|teacher|pharmacist|counsellor|therapist|psychologist|"
                    r"psychiatrist|support worker|carer|researcher|journalist|volunteer|firefighter|gp|midwife|"
                    r"health visitor|youth worker|advocate|caseworker|case worker|dietitian|care worker) ")
# "I've made my mind up": the writer's own intent, even when the topic came from others.
DECIDED_RE = re.compile(r" (?:made my mind up|made up my mind|decided|my plan|planning to|ready to|go through with|"
                        r"me too|like them|same way|join them|i want to|i think i) ")
TOPIC = set("""cases case clients law legal court sector unit patients shifts shift colleagues users prevention awareness helpline hotline charity charities training course walk fundraiser fundraising
research campaign volunteer volunteering squad bereavement bereaved loss survivors first aid talk talks documentary
book essay study studies lecture podcast module service services nurse nursing team ward policy policies
dissertation thesis project law laws statistics support group""".split())
# The writer says in so many words that they are safe or would not act: "i am not suicidal", "i would never
# hurt myself", "no urge to", "never acted on it". A feature only (safety_rules.CONTEXT): the learned detector
# weighs it (a denial beside a plan is still a plan), nothing is taken back by it alone.
DENIED_RE = re.compile(
    r" (?:(?:am|was|feel|felt) not (?:suicidal|in danger|going to (?:hurt|harm|do anything|act))|"
    r"(?:would|will|could|can) never (?:\w+ )?(?:hurt|harm|kill|do anything|do that|act on|go through with)|"
    r"(?:do|did|does) not (?:\w+ )?(?:hurt|harm|cut|burn|hit) (?:myself|my self|her|him|them|anyone)|"
    r"(?:have|had) (?:not|never) (?:\w+ ){0,3}?(?:hurt|harmed|cut|burned|hit|done it|relapsed|acted on)|"
    r"(?:no|without) (?:\w+ )?(?:urge|urges|intention|intent|plan|plans|thoughts|desire) (?:to|of) "
    r"(?:hurt|harm|act|die|kill|end|cut|use|drink)|never (?:acted|act) on|i am (?:safe|not at risk)|"
    r"not (?:in|at) (?:any )?(?:danger|risk)) ")
# "I do not want to hurt him": an intrusive thought told as unwanted (a near-miss by the labels) or a fear
# of one's own urge (risk); its own feature, so the detector can tell them apart with what else is said.
UNWANTED_RE = re.compile(r" (?:do|did|does) not (?:ever )?want to (?:hurt|harm|kill|hit|shake|snap at|lash out at) ")
IDIOM_RE = re.compile(
    r" (?:dying (?:for|to|of laughter)|to die for|bored to death|scared to death|worked to death|work myself to "
    r"death|killing me|kill for a|drop dead gorgeous|kill two birds) ")
MOVING_RE = re.compile(
    r" (?:surgery|operation|diagnosis|cancer|terminal|retire|retirement|(?:my|a) will|solicitor|lawyer|estate|attorney|move|"
    r"moving|emigrate|emigrating|travel|travelling|baby|funeral plan|pension|divorce|financial|finances|finance|tax|"
    r"paperwork|accountant|money|admin|bills|budget|debts|business|mortgage|insurance|charity|declutter|"
    r"decluttering|car boot|ebay|vinted|sell|selling|sold|minimalist|minimalism|do not use|never use|unused|old|"
    r"outgrown|spring clean|downsize|downsizing|make space|make room|clear out|clutter|tidy|wardrobe|clothes|toys|"
    r"donate|food bank|freecycle|marketplace|gumtree|allergic|allergy|landlord|new job|uni|university|abroad|"
    r"leaving do|party|trip|holiday|gap year|deployment|deployed|posting) ")
SURPRISE_RE = re.compile(r" (?:surprise|present|presents|pressie|pressies|prezzie|prezzies|gift|gifts|party|birthday|"
                         r"\d+(?:st|nd|rd|th)|anniversary|proposal|propose|ring|wedding|"
                         r"christmas|holiday|trip|tattoo|spending|shopping|bought|buy) ")
GAME_RE = re.compile(
    r" (?:game|games|gaming|mario|kart|fifa|chess|cards|monopoly|challenge|quiz|match|race|tournament|league|fantasy|"
    r"board game|scrabble|pool|darts|golf|tennis|football|rematch|prank|pranks|pranking|water fight|snowball|"
    r"paintball|laser tag|nerf|pillow fight|tag|wordle|competition|contest|score|points|steps|ranking) ")
# A named helper counts as help only when it is not being avoided ("without telling my GP").
HELP_NEG_RE = re.compile(r" (?:not|no|without|never|rather not|rather than|avoid|avoiding|behind|instead of|"
                         r"hate|refuse|nobody|no one|than|prove|defy|ignore|ignoring|against|i am a|i am an|as a|"
                         r"work as a|working as a|i work as a|trainee|student) (?:\w+ ){0,4}?$")
HELP_NEG_AFTER_RE = re.compile(r" (?:\w+ ){0,2}?(?:does not|do not|will not|would not|can not|must not|need not|"
                               r"never|not|is not going to) (?:need to |have to |ever |get to )?(?:know|find out|hear|"
                               r"be told|agree|notice|approve)")
FAST_OK_RE = re.compile(r" (?:surgery|operation|anaesthetic|blood test|ramadan|lent|yom kippur|fast day|religious|"
                        r"eid|colonoscopy|procedure|scan) ")
WEIGHT_WORDS = re.compile(r" (?:lose|losing|lost|weight|thin|thinner|slim|skinny|calories|fat|size|sizes|kg|lb|stone) ")
EAT_WORDS = re.compile(r" (?:eat|eating|food|meal|meals|calories|weight|thin|thinner|skinny|lose|losing|fat) ")


def _window(canon, s, e, before, after):
    """(sentence text around s..e with at most `before`/`after` words, the words before s) inside one sentence."""
    i, j = canon.index(s), canon.index(max(s, e - 1))
    lo, hi = max(0, i - before), min(len(canon.words), j + 1 + after)
    for k in range(i - 1, lo - 1, -1):
        if canon.words[k] == ".":
            lo = k + 1
            break
    for k in range(j + 1, hi):
        if canon.words[k] == ".":
            hi = k
            break
    return " " + " ".join(canon.words[lo:hi]) + " ", " " + " ".join(canon.words[lo:i]) + " "


def _helped(canon):
    """True when a doctor, prescriber or service is named as part of the plan (not as someone avoided)."""
    text = canon.text
    for m in MEDICAL.finditer(text):
        if HELP_NEG_RE.search(text[max(0, m.start() - 50):m.start() + 1]):
            continue
        if HELP_NEG_AFTER_RE.match(text, m.end() - 1):
            continue
        return True
    return False


def _taken_back(canon, name, category, m):
    """True when the context shows this finding is not a current risk for the writer."""
    s, e = m.start(), m.end()
    sentence, before = _window(canon, s, e, 14, 6)
    nominal = name.endswith("*")
    if category not in (MEDICATION, WITHDRAWAL):
        past = PAST_STRONG_RE.search(sentence) or (nominal and PAST_WEAK_RE.search(sentence))
        if past and not CURRENT_RE.search(sentence):
            return True
    if nominal and JOB_RE.search(canon.text):
        return True  # "I'm a paramedic and we deal with overdoses": the writer's work, not their risk
    if nominal:
        near = " " + " ".join(before.split()[-6:]) + " "
        third = None
        for third in THIRD_RE.finditer(near):
            pass
        if third is not None and not FIRST_RE.search(near[third.end() - 1:]) and not DECIDED_RE.search(sentence):
            return True
        if TOPIC & set(canon.text[e:e + 50].split()[:2] + before.split()[-2:]):
            return True
    if name == "starve" and FAST_OK_RE.search(canon.text):
        return True
    if name == "skip" and re.search(r" (?:stop|not|no|never|quit|less|fewer|avoid|without|more|instead of|rather than"
                                    r"|no more|no longer) $", " " + " ".join(before.split()[-2:]) + " "):
        return True
    if name in ("hurt self", "body") and re.search(r" (?:by accident|accidentally|clumsy|clumsily) ", sentence):
        return True
    if name == "insulin" and not WEIGHT_WORDS.search(canon.text):
        return True
    if name in ("affairs", "give away", "goodbye") and MOVING_RE.search(canon.text):
        return True
    if name in ("secret", "secret partner", "save secret") and SURPRISE_RE.search(canon.text):
        return True
    if name == "secret partner" and not re.search(" (?:" + PARTNER + ") ", canon.text):
        return True
    if name == "threatens me" and re.search(r" (?:never|not|no longer|nobody|no one) (?:\w+ ){0,3}?$", before):
        return True
    if category == VIOLENCE:
        if GAME_RE.search(sentence):
            return True
        # "stop my toddler hitting his sister", "he'll hurt my brother": someone else does the hurting.
        if name == "hurt them":
            prev = [w for w in before.split() if w not in MODALS][-1:] or [""]
            if prev[0] in AGENTS:
                return True
    if IDIOM_RE.search(canon.text[max(0, s - 14):e + 14]):
        return True
    return False


MODALS = set("will would might could can may is was going to gonna keeps keep kept always".split())
AGENTS = set("""toddler son daughter kid kids child children baby boy boys girl girls dog puppy cat students pupils
class brother sister he she they him her them zname dad mum husband wife partner boyfriend girlfriend""".split())
