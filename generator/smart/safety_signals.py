"""General signals of suicide risk told indirectly, as features for the learned detector (risk.py).

Why: by author cross-validation, the suicide goals an unseen writer's risk set
still slipped past were rarely new words; they were old constructions in new
words.  "not here by christmas", "not be around much longer", "gone before
spring": the writer's absence at a future time.  "log off for good", "want out,
permanently": a leaving made final.  "my cat goes to a good home before I'm
gone", "letters for after": arranging things for after oneself.  "everyone would
cope", "would save everyone a lot of bother": others managing without me.  A
pattern for each phrase would be a phrase list; a word n-gram sees only its
own words.  These detect the *construction* (an absence word beside a future
time, a leaving word beside a finality word, ...) and give the model one
feature per construction, whose weight cross-validation by author sets: a
signal that also fires on near-misses ("quit smoking for good") gets little.

They never decide alone: they are inputs of the risk head, like the words.
Read over canonical words (safety_canon.Canon: contractions expanded, typos,
slang and leetspeak undone), one space apart.  Stdlib only.
"""

import re

from .safety_patterns import Lazy


def _r(pattern):
    """Canonical-text pattern, whole words; {gN}: a gap of at most N words inside one sentence.
    Compiled when first used, behind the pre-filter of its first words (safety_patterns.Lazy)."""
    pattern = re.sub(r"\{g(\d+)\}", lambda m: r"(?:[^ .,]+ ){0,%s}?" % m.group(1), pattern)
    return Lazy(r"(?<= )(?:" + pattern + r")(?= )")


_TIME = (r"(?:christmas|new year|easter|summer|spring|autumn|fall|winter|the weekend|this weekend|next \w+|"
         r"the end of (?:the )?\w+|my (?:\w+ )?birthday|\w+day|january|february|march|april|may|june|july|august|"
         r"september|october|november|december|exams?|results|the holidays|\d{4}|tonight|tomorrow|the harvest|"
         r"then|soon|spring|term|half term)")
_ABSENT = r"(?:here|around|alive|about|gone|dead|alive any more|around any more|here any more)"
_LEAVE = (r"(?:log off|logoff|log out|logout|logging off|sign off|exit|disappear|disappearing|vanish|vanishing|be gone|"
          r"gone|go to sleep|sleep|rest|bye|goodbye|check out|tap out|bow out|way out|escape|want out|be over|"
          r"end it|end things|ending it|leave this|leaving this|be done|done|leave|leaving|out|go|going)")
_FINAL = (r"(?:for good|forever|for ever|permanently|permanent|once and for all|for real|final|one last|the last time|"
          r"for the last time|no coming back|never come back|not come back|never wake|not wake|no return)")
_OTHERS = (r"(?:everyone|everybody|they|family|my family|parents|my parents|kids|my kids|people|mum|dad|my wife|"
           r"my husband|children|my children|friends|my friends|the world|the lads|my \w+)")

SIGNALS = (
    # absent at a future time: "not here by christmas", "not be around much longer", "gone before spring"
    ("absent at", _r(r"(?:not|never|no longer) {g2}(?:be |being )?" + _ABSENT + r" (?:{g2}(?:by|before|after|for|"
                     r"past|at|till|until|in|to see) " + _TIME + r"|(?:for )?(?:much )?longer|for long)|"
                     r"(?:be gone|be dead|disappear|vanish|gone) (?:by|before|after|in|for) " + _TIME)),
    # absent, with no time: "everyone would be happier if I just was not around", "not be around"
    ("absent", _r(r"(?:not|never|no longer) (?:be |being |was |were |am )?" + _ABSENT + r"(?= (?:any more|\.|,|so|and|"
                  r"then|$)| ?$)|(?:if|when|once|after|before) i (?:am|was|were) (?:not )?(?:gone|dead|not here|"
                  r"not around)")),
    # a leaving made final: "log off for good", "want out, permanently", "final logoff tonight"
    ("final leaving", _r(_LEAVE + r" (?:[^ .]+ ){0,3}?" + _FINAL + "|" + _FINAL + r" {g2}" + _LEAVE)),
    # arranging things for after oneself: "before I go", "for after I am gone", "so he has them after"
    ("after me", _r(r"before i (?:go|leave|am gone|die|do it)(?= (?:\.|,|so|and|$)| ?$)|(?:after|when|once) i am gone|"
                    r"for after(?= (?:\.|,|i|$)| ?$)|(?:has|have|keep) (?:them|it) after(?= (?:\.|,|$)| ?$)|"
                    r"remember me by|left behind|(?:after|when) i (?:die|do it)|(?:leave|left) them somewhere")),
    # others managing without me: "everyone would cope", "save everyone a lot of bother"
    ("others cope", _r(_OTHERS + r" {g3}(?:would|will|could|can) {g2}(?:cope|manage|be fine|be ok|be okay|be better|"
                       r"be happier|be easier|have an easier|get over it|move on|forget me|be relieved|go on)|"
                       r"(?:save|spare) (?:everyone|them|my family|my parents|my kids|people) {g3}(?:bother|trouble|"
                       r"money|hassle|pain|grief)|life insurance|(?:not|never) (?:have to|need to) (?:deal with|worry "
                       r"about|pay for|look after) (?:me|it)")),
    # wanting it over or stopped: "want the game to be over", "done with all of it", "make it stop for good"
    ("want over", _r(r"(?:want|wish|need|ready|hope|hoping) {g3}(?:to be over|to end|over with|to stop for good)|"
                     r"done with (?:all of it|everything|it all|life|this life|living|being alive|all this)|"
                     r"(?:make|let) (?:it|this|everything|it all|the pain|the noise|the thoughts|my head|all of it) "
                     r"(?:\w+ )?(?:stop|end|go quiet|go away)")),
    # a date or a countdown: "already picked a date", "set a date", "counting down"
    ("a date", _r(r"(?:picked|set|chose|chosen|choose|pick|got|have) (?:a|the|my) date|counting down|countdown|"
                  r"(?:my|the) last (?:week|month|day|days|weeks|christmas|birthday|summer)")),
    # no future: "no more tomorrows", "do not want to see 2027", "not make it to summer"
    ("no future", _r(r"(?:no more|not see|to see|not make it to|not be here for|not be around for|never see) "
                     r"(?:another |any more |my next |the next )?(?:tomorrows|tomorrow|\d{4}|christmas|new year|"
                     r"summer|spring|birthday|year|years)|no future|(?:one|a) last (?:nice |good )?(?:one|christmas|"
                     r"birthday|summer|time)")),
    # tired of it all: "so tired of everything", "tired of respawning", "my soul is tired"
    ("tired of it", _r(r"(?:tired|exhausted|sick|worn out|done) (?:of|with) (?:everything|it all|all of it|trying|"
                       r"fighting|being me|myself|this|life|living|existing|waking up|pretending|\w+ing irl)|"
                       r"can not do (?:this|it|life|any of this) (?:any more)|soul is tired")),
    # a burden: "stop being a burden", "costing so much", "in everyone's way"
    ("burden", _r(r"burden|in (?:the|everyones|everyone is|their) way|(?:cost|costing|costs) (?:them |everyone )?"
                  r"(?:so much|too much)|ruin everything|ruin everyones")),
)


def signals(text):
    """{signal name: start of its first match in ``text``} for the canonical text (" w1 w2 ... ")."""
    out = {}
    for name, rx in SIGNALS:
        m = rx.search(text)
        if m:
            out[name] = m.start()
    return out
