"""The safety screen's word lists: spellings, slang and text-speak mapped to canonical words,
the words a typo may be corrected towards, and the everyday words that are never "corrected".

Why apart from the tokeniser (safety_canon.py): these tables grow with every new
set of goals people write, while the tokenising logic barely changes; keeping
them data-only makes each addition a one-line, reviewable change.  Stdlib only.
"""

import re

from .lexicon import FEELING_NOUNS, LOCATIONS, PERSONS, VERBS


# Spelling, slang and text-speak -> canonical words (may be several words).
SPELL = {
    # contractions typed without the apostrophe
    "dont": "do not", "doesnt": "does not", "didnt": "did not", "cant": "can not", "cannot": "can not",
    "wont": "will not", "wouldnt": "would not", "isnt": "is not", "wasnt": "was not", "arent": "are not",
    "werent": "were not", "havent": "have not", "hasnt": "has not", "hadnt": "had not", "shouldnt": "should not",
    "couldnt": "could not", "aint": "is not", "im": "i am", "ive": "i have", "youre": "you are",
    "hes": "he is", "shes": "she is", "theyre": "they are", "idk": "i do not know", "dnt": "do not",
    "wouldve": "would have", "itll": "it will", "w/o": "without", "frm": "from", "abt": "about", "wud": "would",
    "wld": "would", "cud": "could", "shud": "should", "evrything": "everything", "everythin": "everything",
    "evryone": "everyone", "evry": "every", "nobody": "nobody", "noone": "nobody", "til": "till", "tbh": "honestly",
    "smth": "something", "sth": "something", "rly": "really", "brekkie": "breakfast", "brekky": "breakfast",
    "fent": "opioid", "fenty": "opioid", "painkillers": "painkillers", "pyschiatrist": "psychiatrist",
    "wanna": "want to", "gonna": "going to", "gotta": "got to", "tryna": "trying to", "hafta": "have to",
    "imma": "i am going to", "ima": "i am going to", "finna": "going to", "needa": "need to",
    "u": "you", "b": "be", "ur": "your", "ya": "you", "r": "are", "n": "and", "ppl": "people", "every1": "everyone",
    "evry1": "everyone", "sum1": "someone", "some1": "someone", "any1": "anyone", "b4": "before", "2day": "today",
    "2moro": "tomorrow", "2morrow": "tomorrow", "tmrw": "tomorrow", "tmr": "tomorrow", "tomoz": "tomorrow",
    "rn": "right now", "atm": "right now", "nite": "night", "tonite": "tonight", "2nite": "tonight",
    "bc": "because", "bcos": "because", "bcoz": "because", "cos": "because", "coz": "because", "cuz": "because",
    "becuase": "because", "becasue": "because", "bcuz": "because", "tho": "though", "thru": "through",
    "w": "with", "wo": "without", "wout": "without", "alot": "a lot", "anymore": "any more",
    "bf": "boyfriend", "gf": "girlfriend", "hubby": "husband", "hubs": "husband", "bff": "friend", "dh": "husband",
    "mom": "mum", "mam": "mum", "mommy": "mum", "mummy": "mum", "daddy": "dad", "stepdad": "dad", "stepmum": "mum",
    "stepmom": "mum", "ma": "mum", "pa": "dad", "bro": "brother", "sis": "sister",
    "gp": "doctor", "dr": "doctor", "doc": "doctor", "psych": "psych", "kno": "know", "knw": "know",
    "myslef": "myself", "mysefl": "myself", "meself": "myself", "myselfe": "myself", "mself": "myself",
    "msyelf": "myself", "myelf": "myself", "mysel": "myself", "myseld": "myself", "myselff": "myself",
    "ourselves": "myself",
    # suicide slang, euphemisms and masked spellings
    "kms": "kill myself", "kmn": "kill myself", "kys": "kill yourself", "ctb": "suicide", "sewerslide": "suicide",
    "sewerslid": "suicide", "suicied": "suicide", "sucide": "suicide", "suicde": "suicide", "suiside": "suicide",
    "suacide": "suicide", "sucidal": "suicidal", "suicidle": "suicidal", "suisidal": "suicidal",
    "unalive": "unalive", "unaliving": "unalive", "unalived": "unalive", "unalives": "unalive",
    "selfdelete": "self delete", "kermit": "suicide",
    "kil": "kill", "killl": "kill", "kll": "kill", "dye": "dye", "dieing": "dying", "dyin": "dying",
    # self-harm
    "selfharm": "self harm", "selfharming": "self harming", "selfharmed": "self harmed", "sh": "sh",
    "selfinjury": "self injury", "s/h": "self harm", "nssi": "self harm", "cuting": "cutting", "cuttin": "cutting",
    "hurtin": "hurting", "harmin": "harming", "od": "overdose", "oding": "overdosing", "odd": "odd",
    "overdoes": "overdose", "overdos": "overdose", "ovedose": "overdose",
    # eating
    "cals": "calories", "kcal": "calories", "kcals": "calories", "cal": "calories", "calorie": "calories",
    "lbs": "lb", "pounds": "lb", "pound": "lb", "kgs": "kg", "kilos": "kg", "kilo": "kg", "kilograms": "kg",
    "stones": "stone", "st": "stone", "starvin": "starving", "laxitives": "laxatives", "laxatives": "laxatives",
    "laxative": "laxatives", "laxies": "laxatives", "laxs": "laxatives", "purgeing": "purging",
    "thinspiration": "thinspo", "meanspo": "thinspo", "bonespo": "thinspo", "proana": "pro ana", "promia": "pro ana",
    "anorexic": "anorexia", "bulimic": "bulimia", "anerexia": "anorexia", "anorexia": "anorexia",
    "omad": "one meal a day", "wk": "week", "wks": "weeks", "yr": "year", "yrs": "years", "mnth": "month",
    "mnths": "months", "hr": "hour", "hrs": "hours",
    # substances (mapped to a class word; the original word stays the evidence)
    "benzos": "benzo", "benzodiazepine": "benzo", "benzodiazepines": "benzo", "xanax": "benzo", "xans": "benzo",
    "xannies": "benzo", "bars": "bars", "valium": "benzo", "diazepam": "benzo", "lorazepam": "benzo",
    "ativan": "benzo", "clonazepam": "benzo", "klonopin": "benzo", "alprazolam": "benzo", "temazepam": "benzo",
    "etizolam": "benzo", "librium": "benzo", "chlordiazepoxide": "benzo", "zopiclone": "benzo",
    "zolpidem": "benzo", "ambien": "benzo",
    "opioids": "opioid", "opiates": "opioid", "opiate": "opioid", "heroin": "opioid", "heroine": "opioid",
    "fentanyl": "opioid", "oxy": "opioid", "oxys": "opioid", "oxycodone": "opioid", "oxycontin": "opioid",
    "methadone": "opioid", "codeine": "opioid", "tramadol": "opioid", "morphine": "opioid", "subutex": "opioid",
    "suboxone": "opioid", "buprenorphine": "opioid", "percocet": "opioid", "vicodin": "opioid",
    "hydrocodone": "opioid", "dihydrocodeine": "opioid", "gear": "gear", "smack": "opioid", "kratom": "opioid",
    "booze": "alcohol", "alcohol": "alcohol", "vodka": "alcohol", "whisky": "alcohol", "whiskey": "alcohol",
    "gin": "alcohol", "rum": "alcohol", "spirits": "alcohol", "wine": "alcohol", "beer": "alcohol",
    "beers": "alcohol", "lager": "alcohol", "cider": "alcohol", "tequila": "alcohol", "brandy": "alcohol",
    "prosecco": "alcohol", "pints": "drinks", "cans": "drinks", "units": "drinks", "drinks": "drinks",
    "shots": "drinks", "alcoholic": "alcoholic", "alchohol": "alcohol", "alcahol": "alcohol", "acohol": "alcohol",
    "alkie": "alcoholic", "alcy": "alcoholic",
    # prescribed medicines (class word "medname")
    "meds": "meds", "med": "meds", "medication": "meds", "medications": "meds", "medicine": "meds",
    "medicines": "meds", "medicaton": "meds", "medicaiton": "meds", "mediction": "meds",
    "antidepressant": "meds", "antidepressants": "meds", "anti": "anti", "antipsychotic": "meds",
    "antipsychotics": "meds", "ssri": "meds", "ssris": "meds", "snri": "meds", "stabiliser": "meds",
    "stabilisers": "meds", "stabilizer": "meds", "stabilizers": "meds",
    "sertraline": "meds", "zoloft": "meds", "fluoxetine": "meds", "prozac": "meds", "citalopram": "meds",
    "escitalopram": "meds", "lexapro": "meds", "cipralex": "meds", "paroxetine": "meds", "paxil": "meds",
    "seroxat": "meds", "venlafaxine": "meds", "effexor": "meds", "duloxetine": "meds", "cymbalta": "meds",
    "mirtazapine": "meds", "remeron": "meds", "bupropion": "meds", "wellbutrin": "meds", "trazodone": "meds",
    "amitriptyline": "meds", "vortioxetine": "meds", "lithium": "meds", "quetiapine": "meds", "seroquel": "meds",
    "olanzapine": "meds", "zyprexa": "meds", "aripiprazole": "meds", "abilify": "meds", "risperidone": "meds",
    "clozapine": "meds", "lamotrigine": "meds", "lamictal": "meds", "valproate": "meds", "depakote": "meds",
    "carbamazepine": "meds", "pregabalin": "meds", "lyrica": "meds", "gabapentin": "meds", "propranolol": "meds",
    "adderall": "meds", "ritalin": "meds", "methylphenidate": "meds", "concerta": "meds", "vyvanse": "meds",
    "elvanse": "meds", "atomoxetine": "meds", "strattera": "meds", "levothyroxine": "meds", "insulin": "insulin",
    "steroids": "meds", "prednisolone": "meds", "antiepileptics": "meds", "antiepileptic": "meds", "blockers": "meds", "anticonvulsants": "meds",
    "anticonvulsant": "meds", "epilim": "meds", "ads": "ads",
}

# Online slang for suicide and self-harm written as one word, and its masked forms.
SPELL.update({
    "kmsl": "laughing", "kmslll": "laughing",  # "killing myself laughing": an idiom, never "kill myself"
    "sewersliding": "suicide", "sewerslided": "suicide", "suicided": "suicide", "selfdeleting": "self delete",
    "selfdeleted": "self delete", "unaliveing": "unalive", "unalivin": "unalive", "selfharms": "self harms",
    "selfinjure": "self injure", "selfinjuring": "self injuring", "suicidality": "suicidal",
})
# Emoji that stand for a word of risk (the tokeniser keeps these and drops every other symbol).
EMOJI = {"\U0001FAA6": "grave", "\u26B0": "coffin", "\U0001FA78": "blood", "\U0001F48A": "pills",
         "\U0001F52A": "knife", "\U0001FAA2": "rope"}
SPELL.update(EMOJI)
# Two canonical words that are one slang word split by a space or a hyphen ("sewer slide", "un-alive").
PAIRS = {("sewer", "slide"): ("suicide",), ("sewer", "sliding"): ("suicide",), ("un", "alive"): ("unalive",),
         ("un", "aliving"): ("unalive",), ("self", "unalive"): ("unalive",), ("sui", "cide"): ("suicide",),
         ("sui", "cidal"): ("suicidal",), ("over", "dose"): ("overdose",), ("self", "harmed"): ("self", "harmed")}


def _short_typos():
    """Typos of the short risk words, which one edit of distance would confuse with everyday words
    ("skill", "kiln", "hut", "ham"): only a doubled letter, two neighbours swapped or a letter dropped,
    never the first letter, and never an everyday word (SHORT_NOT_TYPOS)."""
    out = {}
    for target in SHORT_TARGETS:
        for i in range(1, len(target)):
            dropped = target[:i] + target[i + 1:]
            found = [target[:i] + target[i] + target[i:]] + ([dropped] if len(dropped) >= 3 else [])
            if i < len(target) - 1:
                found.append(target[:i] + target[i + 1] + target[i] + target[i + 2:])
            for typo in found:
                if typo != target and typo not in SHORT_NOT_TYPOS:
                    out.setdefault(typo, target)
    return out


SHORT_TARGETS = "kill killing die dead dying harm hurt hang hanging self blade rope starve purge".split()
SHORT_NOT_TYPOS = set("""ill dad ded ham har hut hag han ding bade roe stare stave pure pill dea dei sel sef hur
rop blad blae purg dyng hng hrm hrt""".split())
for _typo, _target in _short_typos().items():
    SPELL.setdefault(_typo, _target)

# Words the fuzzy matcher may correct towards (long, distinctive ones only;
# short verbs like "cut" or "kill" get exact table entries instead).
FUZZY_TARGETS = """suicide suicidal myself overdose overdosing overdosed laxatives purging starving
starve anorexia bulimia unalive medication antidepressants sertraline fluoxetine citalopram escitalopram
venlafaxine mirtazapine quetiapine olanzapine aripiprazole lamotrigine diazepam lorazepam clonazepam
alprazolam methadone fentanyl tramadol alcohol revenge husband boyfriend girlfriend strangle threatens
threatened calories goodbye belongings possessions withdrawal withdrawals
harming cutting killing everything everyone anymore tomorrow without""".split()
# Everyday words one edit away from a target: never "corrected".
NOT_TYPOS = set("""hunting punting putting gutting jutting nutting cutlery purring pulling starts start starry
stare stared starved halving having filling willing billing milling tilling calling culling selling kilns
husbands myselves belonging threaten cutting killing harming purging starving starve fasted faster prescribed
prescribe described everyday everyones overdoing overdo overdone overdue overload hurtful harmless
starter startle suicidal""".split())

_FUZZY = {}
for _w in FUZZY_TARGETS:
    _FUZZY.setdefault(_w, set()).add(_w)
    for _i in range(len(_w)):
        _FUZZY.setdefault(_w[:_i] + _w[_i + 1:], set()).add(_w)

_LEET = str.maketrans("0134578@$!|", "oieastbasil")
_LEET_L = str.maketrans("0134578@$!|", "oleastbasli")  # "1", "!" and "|" read as l: "ki11", "ki!!"
_MASK_WORDS = ("kill", "killing", "suicide", "suicidal", "die", "dead", "myself", "self", "harm", "cut", "cutting",
               "overdose", "unalive", "rape", "abuse", "hang", "hanging", "starve", "starving", "purge", "purging",
               "pills", "blade", "blades", "razor", "hurt")
# What a leetspeak or masked spelling may stand for: the risk words (not "iam" for "1am", "sam" for "5am").
LEET_TARGETS = frozenset(_MASK_WORDS) | {"self harm", "selfharm", "cuts", "burn", "burning", "dying", "death", "meds",
                                         "rope", "bridge", "jump", "end", "life", "alive", "laxatives", "fast", "fasting"}
# A word may hold masking and leetspeak marks ("k*ll", "k!ll", "ki||", "$uicide"); a "!" only between letters
# ("k!ll"), so "stop!" still ends a sentence.
_RAW_TOKEN_RE = re.compile(r"w/o|s/h|\d+(?:[.,]\d+){1,4}|(?:[@$](?=[^\W\d_]))?[^\W_]+(?:(?:[*'@$|]|!+(?=[^\W_]))[^\W_]*){0,6}"
                           r"|[.!?;]+|,|\*|[" + "".join(EMOJI) + "]")
_CONTRACTION_RE = re.compile(r"^(.*?)(n't|'m|'re|'ve|'ll|'d|'s)$")
_SUBJECT_IS = {"he", "she", "it", "that", "there", "who", "what", "everyone", "life", "everything"}
_KNOWN = set(SPELL) | set(FUZZY_TARGETS) | NOT_TYPOS


_EVERYDAY = VERBS | PERSONS | LOCATIONS | FEELING_NOUNS


_ORDINAL_RE = re.compile(r"\d+(?:st|nd|rd|th)$")
_DRUG_SUFFIXES = ("oxetine", "apine", "zepam", "azolam", "olol", "pril", "sartan", "statin", "idone", "triptyline",
                  "faxine", "ipramine", "azepine", "trigine", "prazole", "oxone", "amfetamine", "phenidate")


_COMMON_CAPS = set("""monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december christmas easter nhs english french spanish uk us usa london
england scotland wales ireland america god jesus""".split())
