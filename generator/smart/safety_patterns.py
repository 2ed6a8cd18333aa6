"""The safety screen's per-category patterns over canonical text, and the trigger words that
decide which categories' patterns run at all.

Why these are patterns of a *combination* (a harm concept, a target, a
direction) and not a list of bad words: "kill it at work", "smash my
interview" and "cut back on crisps" never form such a combination, so idioms
fall away without a list of idioms.  Patterns are written over canonical words
(safety_canon.Canon), one space apart; ``R`` compiles them as whole words.
Stdlib only.
"""

import re

from .starts import starts
from .safety_categories import ABUSE, EATING, MEDICATION, SELF_HARM, SUICIDE, VIOLENCE, WITHDRAWAL


# ---------------------------------------------------------------------------
# Pattern vocabulary (canonical words; "{g3}" is a gap of up to 3 words)

SELF = r"(?:myself|my self)"
PERSON_NOUN = (r"(?:husband|wife|partner|boyfriend|girlfriend|ex|ex husband|ex wife|ex boyfriend|ex girlfriend|"
               r"spouse|fiance|fiancee|boss|manager|supervisor|coworker|co worker|colleague|dad|father|mum|mother|"
               r"parents|brother|sister|son|daughter|kids|kid|children|child|baby|neighbour|neighbor|neighbours|"
               r"landlord|teacher|bully|bullies|uncle|aunt|cousin|nan|grandad|flatmate|housemate|roommate|"
               r"stepfather|stepmother|in laws|mother in law|father in law|friend|best friend|mate|classmate|"
               r"family|carer|pimp|dealer|attacker|abuser|rapist|wifes|husbands|people|person|man|woman|guy|girl|boy|"
               r"men|women|guys|lads|girls|boys|bitch|bastard|prick)")
PEOPLE = (r"(?:him|her|them|someone|somebody|anyone|people|everyone|others|other people|zname|"
          r"(?:my|the|that|this|his|her|our|their) (?:\w+ ){0,2}?" + PERSON_NOUN + r"|"
          r"that (?:guy|man|woman|girl|boy|person|bitch|bastard|prick|idiot|cunt|twat|dick|asshole|arsehole))")
INTIMATE = (r"(?:husband|wife|partner|boyfriend|girlfriend|ex|ex husband|ex boyfriend|ex partner|spouse|fiance|"
            r"dad|father|mum|mother|parents|brother|sister|son|daughter|uncle|carer|stepfather|stepmother|"
            r"flatmate|housemate|family)")
ABUSER = r"(?:he|she|they|zname|(?:(?:my|the|our) )?" + INTIMATE + r")"
PARTNER = r"(?:husband|wife|partner|boyfriend|girlfriend|fiance|fiancee|spouse)"
HARM_VERBS = (r"(?:hit|hits|beat|beats|kick|kicks|kicked|slap|slaps|slapped|punch|punches|punched|choke|chokes|"
              r"choked|strangle|strangles|strangled|shove|shoves|shoved|rape|rapes|raped|hurt|hurts|kill|attack|"
              r"attacks|threaten|threatens|bruise)")
WANT = (r"(?:want|wanted|wants|wanting|wish|wishing|need|needs|plan|planning|planned|ready|tempted|try|trying|tried|hope|"
        r"hoping|like|decided|determined|deserve|urge|urges|just want|really want)")
NEG = r"(?:not|never|no|no more|no longer|stop|stopped|quit|less|fewer|avoid|without|resist|resisting)"
MEDICAL = re.compile(
    r" (?:doctor|psychiatrist|psych(?! meds| medication)|\w+ologist|prescriber|nurse|pharmacist|consultant|clinic|clinician|care team|crisis team|"
    r"mental health team|cmht|medical|medically|supervised|supervision|supervising|rehab|"
    r"specialist|dietitian|dietician|key ?worker|aa|na|alcoholics anonymous|narcotics anonymous|"
    r"drug service|alcohol service|addiction service|substance service|treatment|taper plan|tapering plan|"
    r"as prescribed|prescribed me|support worker|counsellor|therapist|midwife|"
    r"obstetrician|endocrinologist|diabetes team|care coordinator|medical detox|go to detox|into detox|"
    r"detox (?:centre|center|unit|programme|program|clinic|service|ward|facility)|gps)s? ")
# Clause ends: end of text, a sentence mark or a comma.
END = r"(?= (?:\.|,|$)| ?$)"


class Lazy:
    """A regular expression compiled the first time it is used, behind a pre-filter that never changes a result.

    Why: a category's patterns run only when its trigger words occur (TRIGGERS), so most goals never use
    most of them, yet compiling all of them was about 40% of the checker's import (the first feedback
    after the checker starts, in Pyodide too). ``pattern`` is the source, as a compiled one's.
    The pre-filter (starts.py): the literal text every match begins with.  Behind a ``(?<= )`` look-behind
    a start holding a space names the match's whole first word, which must then be one of the text's
    space-separated words (one set test for all of them); any other start must occur in the text, after
    that space.  A text failing both has no match, and its scan (about 4 us a pattern) is skipped."""

    __slots__ = ("pattern", "_compiled", "_words", "_parts")

    def __init__(self, pattern):
        self.pattern = pattern
        self._compiled = None
        self._words = self._parts = None

    def compiled(self):
        """The compiled expression (compiled now, the first time)."""
        if self._compiled is None:
            found = starts(self.pattern)
            if found is not None:
                if self.pattern.startswith("(?<= )"):
                    self._words = frozenset(s.split(" ", 1)[0] for s in found if " " in s)
                    self._parts = tuple(" " + s for s in found if " " not in s)
                else:
                    self._words, self._parts = frozenset(), found
            self._compiled = re.compile(self.pattern)
        return self._compiled

    def _may_match(self, text):
        """The compiled expression, or None when ``text`` cannot hold a match (none of its starts)."""
        rx = self.compiled()
        if self._words is None or not self._words.isdisjoint(_words_of(text)):
            return rx
        for s in self._parts:
            if s in text:
                return rx
        return None

    def search(self, text, *pos):
        rx = self._may_match(text)
        return None if rx is None else rx.search(text, *pos)

    def finditer(self, text, *pos):
        rx = self._may_match(text)
        return iter(()) if rx is None else rx.finditer(text, *pos)


_LAST = [None, frozenset()]


def _words_of(text):
    """The set of ``text``'s space-separated words (the last text's kept: every pattern reads the same one)."""
    if text is not _LAST[0]:
        _LAST[1] = set(text.split(" ")) if _LAST[0] is None or text != _LAST[0] else _LAST[1]
        _LAST[0] = text
    return _LAST[1]


def R(pattern):
    """A canonical-text pattern (compiled when first used: Lazy): words separated by single spaces,
    matched as whole words; {gN} is a gap of at most N words within a sentence."""
    pattern = re.sub(r"\{g(\d+)\}", lambda m: r"(?:[^ .]+ ){0,%s}?" % m.group(1), pattern)
    return Lazy(r"(?<= )(?:" + pattern + r")(?= )")


# Each category: its patterns (name, regex).  A name ending in "*" marks a
# "nominal" pattern: it names the topic rather than an act, so someone else's
# story or a past told as past takes it back more readily.
I_GAP = r"(?:want|wanna|just|to|will|would|should|really|am|going|need|plan|planning|hoping|trying|hope|wish|rather|better|ready|finally|soon|simply|desperately|honestly|i|all|gonna|like) "
SUICIDE_P = [
    ("noun*", R(r"suicide|suicidal|unalive|self delete|sui ideation")),
    ("kill self", R(r"(?:kill|killing|kills|killed|end|ending|off|offing|top|topping|delete|unalive|hang|hanging|"
                    r"drown|drowning|shoot|shooting|poison|poisoning|gas) " + SELF +
                    r"(?! (?:laughing|at work|with work|working|at the gym|with overtime|doing|over|on the|in the gym|"
                    r"with training|trying|to get|to make|to finish|to pass|to please|to be|off the|off from|out|"
                    r"in the foot|in the leg))")),
    ("end life", R(r"(?:end|ending|take|taking|finish|finishing) (?:my|my own) (?:life|lives)|"
                   r"(?:end|ending) (?:it all|everything|my suffering|my existence)|"
                   r"(?:end|ending) (?:it|things)(?= (?:\.|,|tonight|soon|now|already|today|before|forever|"
                   r"for good|once and|one day|$)| ?$)|"
                   r"(?:it all|everything|my life|life) to (?:end|be over|stop)(?: forever| for good| now)?" + END + "|"
                   r"(?:thinking|think|thoughts|dream|dreaming|fantasi\w+) (?:about|of) (?:dying|death|being dead|"
                   r"not existing|ending it|ending my life|killing myself|not being here|my funeral)|"
                   r"(?:remove|removing|erase|erasing|take|taking) myself (?:\w+ ){0,5}?(?:permanently|for good|forever|"
                   r"from (?:this|the) world|out of the picture|out of the equation)|"
                   r"(?:go|going|get|getting) through with it (?:this time|tonight|soon)|"
                   r"(?:attempt|attempting|attempted|try it) again" + END + r"|"
                   r"(?:then|after that|after) (?:i )?(?:can|will|am allowed to|get to) (?:stop|rest|go|be done|leave)"
                   r"(?: for good| forever| permanently)|"
                   r"(?:will not|do not) (?:need|have) to (?:worry about|deal with|face) anything (?:any more|again|"
                   r"ever again)|(?:made my mind up|made up my mind|decided) (?:\w+ ){0,3}?(?:to )?(?:go|end it|do it)" + END + r"")),
    ("wake", R(r"(?:not|never|no|to not|and not) (?:to )?wake up(?: in the morning| tomorrow| one day| one morning)?"
               r"(?= (?:\.|,|again|any more|ever|forever|at all|tomorrow|one day|$)| ?$)|"
               r"(?:sleep|rest) (?:forever|for ever|and never wake|permanently)|eternal sleep|permanent sleep|"
               r"sleep and (?:never|not) wake|(?:fall|falling) asleep (?:forever|for ever|permanently|and never wake)")),
    ("better off", R(r"(?:better|happier|easier) (?:off )?(?:without me|if i (?:was|were) (?:gone|dead|not here|"
                     r"not around|not alive|never born)|if i (?:did not exist|died|disappeared)|with me gone|"
                     r"when i am gone|once i am gone)|better off (?:dead|gone)|(?:rather|better) be dead|"
                     r"better dead|better off (?:\w+ ){0,6}?than (?:with )?me|"
                     r"(?:nobody|no one|noone) (?:has|would have|will have) to (?:deal with|worry about|put up with) me")),
    ("want die", R(r"(?:" + WANT + r"|just) (?:to )?(?:die(?! (?:my|her|his|the|your) hair| than| without| laughing| for"
                   r"| if| of| trying| happy| old| in my sleep at| doing| a hero| on this hill| alone)|be dead|"
                   r"not be alive|not exist|stop existing|cease to exist|not be here)|"
                   r"wish (?:i|i had) (?:was|were|am|had|could|would)? ?(?:dead|gone|not alive|not here|never born|"
                   r"never been born|never existed|not exist)|"
                   r"wish i (?:was|were|am) not (?:alive|here|born|around)|"
                   r"(?:do|does) not want to (?:live|be alive|be here any more|exist|wake up|be around)(?! (?:in|with|"
                   r"like|at|near|for|on|by|without))")),
    ("ways to die", R(r"(?:ways|way|how|methods?|means|best way|easiest way|quickest way|painless way) (?:\w+ )?to "
                      r"(?:die|end it|end it all|end my life|kill myself|take my life|not wake up|overdose|disappear)|"
                      r"(?:pray|praying|hope|hoping|wish|wishing) (?:that )?i (?:die|do not wake|will not wake|get hit|"
                      r"get killed|never wake)|let me die|(?:not|never) (?:be|being) alive|"
                      r"(?:pills|tablets|meds) (?:\w+ )?(?:saved|stockpiled|hoarded|stashed|collected|put aside)|"
                      r"(?:a|such a|being a|feel like a|feeling like a|just a) burden(?= (?:to|on) (?:everyone|my family|"
                      r"them|people|my kids|everybody|my parents|my partner|my wife|my husband))")),
    ("no point", R(r"(?:not|no|never|lost|without|what is|can not|cannot|is there)(?: [^ .]+){0,4} (?:the )?(?:point|reason|"
                   r"will|desire) (?:in|of|to|for) (?:living|live|life|being alive|going on|go on|carrying on|carry on|"
                   r"existing|exist|stay alive|staying alive|being here|wake up|waking up)|"
                   r"(?:survive|hold on|hang on|make it|last|keep going|stay alive|stick around|live) (?:until|till|to|"
                   r"through) "
                   r"(?:[^ .]+ ){1,6}?(?:then|and then|after that|after which) (?:i can|i will|i am allowed to|i get to|"
                   r"i am|i will be|i can be) (?:finally )?(?:rest|go|stop|leave|be free|be at peace|be done|let go|out|"
                   r"gone|done|free|at peace|we will see|i will see|i will decide|we shall see)|"
                   r"(?:survive|hold on|hang on|make it|last|keep going|stay alive|live) (?:until|till) (?:[^ .]+ ){1,6}?"
                   r"(?:then|and then) (?:we|i) (?:will|shall) see" + END + r"|"
                   r"(?:nobody|no one|noone) (?:would|will) (?:even |really |ever )?(?:notice|care|miss me|miss)"
                   r"(?: \w+){0,2} if i (?:died|disappeared|was gone|were gone|vanished|was dead|killed myself|"
                   r"was not here)|(?:just |to )?survive(?= (?:today|tonight|this week|the night|the weekend|\.|$)| ?$)|"
                   r"let go (?:for good|forever|permanently)|give up for good|stop fighting for good|"
                   r"(?:tired|sick) of fighting(?= (?:\.|,|$)| ?$)|(?:go|going|went|stand|standing|walk|walking|sit|"
                   r"sitting|lie|lying|wait|waiting) (?:to|on|at|near|by|down to) the (?:train )?(?:tracks|railway line|"
                   r"rail line|level crossing)|"
                   r"(?:not much|nothing|very little) (?:left (?:for me )?to do|(?:left )?(?:for me )?to live for)"
                   r"(?: now| any more)?"
                   + END + r"|(?:not much|nothing) left for me(?= (?:\.|,|now|here|$)| ?$)|"
                   r"(?:keep|keeping|kept|put|putting|set|setting|save|saving|hide|hiding) (?:\w+ ){0,3}?(?:pills|tablets|"
                   r"meds|opioid|benzo|paracetamol|painkillers|insulin) (?:aside|by|away|back) (?:in case|for when|for if)|"
                   r"in case (?:it all|things|everything|it|life) (?:gets?|becomes?) too (?:much|hard)|"
                   r"(?:decided|decide|decision) (?:that )?i am (?:done|out|finished)|if (?:things|it|life|nothing) "
                   r"(?:\w+ ){0,3}?(?:get|gets|changes?|improves?) (?:better )?(?:\w+ ){0,4}?(?:i am done|i will end it|"
                   r"i am out|that is it|i will go|i am going)|what (?:the point is|is the point)(?= (?:\.|,|$| of (?:it all|"
                   r"anything|living|life|going on|trying|me))| ?$)|"
                   r"(?:pills|tablets|overdose|attempt|od) (?:[^ .]+ ){0,14}?(?:doing|do|try|trying) it again|"
                   r"(?:count|counting|counted) (?:my |the |all my )?(?:pills|tablets|paracetamol|painkillers)|"
                   r"(?:bridge|tracks|river|sea|edge|cliff|roof|drop|water) (?:\w+ )?(?:calling|calls|pulling|pulls|"
                   r"is calling) (?:me|to me)|"
                   r"bleed out|bleeding out|(?:walk|walking|go|going|wade|wading) into the (?:sea|ocean|river|lake|water) "
                   r"(?:and|to) (?:keep walking|not come back|never come back|do not come back|disappear)|"
                   r"(?:will not|do not) (?:need|have) to worry (?:after|any more after|once) (?:this|that|next|the end)|"
                   r"way out (?:is|would be|will be) (?:to )?(?:die|death|dying|suicide|ending it|killing myself|"
                   r"not being here)|(?:without )?joining (?:him|her|them|my \w+)(?= (?:in heaven|\.|,|$)| ?$)|"
                   r"(?:then|and then|and) (?:bow|check|clock|tap) out" + END + r"|"
                   r"(?:tried|try|trying|attempt|attempted|attempting) to (?:overdose|kill myself|end it|end my life|hang)|"
                   r"(?:fantasi\w+|thinking|thoughts|dream\w*|imagin\w+|picturing) (?:about|of) (?:crashing|jumping|"
                   r"stepping in front|driving into|driving off|drowning|hanging|overdosing|not waking)|"
                   r"(?:voice|voices) (?:\w+ )?(?:telling|tell|tells|told) me to (?:jump|die|kill myself|end it|end my life)|"
                   r"(?:when|after|once) i am not (?:here|around|alive)(?: any more)?(?= (?:\.|,|$)| ?$)|"
                   r"(?<!climbing )(?<!skipping )(?<!tow )(?:the|a|my) rope(?! (?:swing|ladder|course|bridge|climb|"
                   r"access|for (?:climbing|the boat|skipping|the swing)|skipping|walk))|"
                   r"(?:letters|notes) (?:to|for) each of my|(?:look|looking|looked|search|searching|google|googling|"
                   r"research|researching) (?:up )?(?:the )?(?:tallest|highest) (?:buildings?|bridges?|cliffs?|"
                   r"car parks?|points?)|(?:easy|easier) for (?:everyone|my family|them|the kids|my kids) (?:after|"
                   r"afterwards|when i am gone)" + END + r"|burden (?:\w+ ){0,4}?(?:permanently|for good|forever)|"
                   r"keep myself safe(?= (?:tonight|today|this weekend|this week|from myself|until|till|when the urges|"
                   r"\.|,|$)| ?$)|"
                   r"(?:reasons?|a reason) (?:to stay|to live|to keep going|for living|to stay alive|to stay here|"
                   r"not to (?:do it|end it|die))|(?:not|never|do not|will not) act on (?:my|the|these|those|this) "
                   r"(?:plan|plans|thoughts|urges|feelings)|the edge of (?:the|a) (?:platform|bridge|roof|cliff|building|"
                   r"balcony|tracks)|(?:my|the) last (?:few )?(?:days|weeks|months)(?! (?:at|of|in|before|on|with|"
                   r"working|off|holiday))(?= (?:alive|on earth|here|count|\.|,|and|$)| ?$)|"
                   r"(?:wish|wishing|hope|hoping|pray|praying) (?:that )?i (?:would |could |will |might )?(?:just )?"
                   r"(?:die(?! (?:my|her|his|the|your) hair)|was dead|"
                   r"were dead|not wake|never wake|would not wake|did not wake|not exist|could disappear)|"
                   r"(?:brave|courage|guts|nerve|strength) (?:enough )?to (?:jump|do it|go through with it|end it|"
                   r"finally do it|take the pills|let go for good)(?= (?:\.|,|this|tonight|soon|$)| ?$)|"
                   r"(?:hurting|killing|harming|hurt|harm) myself or (?:worse|something worse|end it|kill myself)|"
                   r"(?:stay|staying|keep myself|keeping myself|remain) alive|"
                   r"i (?:have|got|bought|kept|keep) (?:the|my|enough|all the|some) (?:pills|tablets|meds|rope)"
                   r"(?: \w+){0,2} (?:right here|here|ready|saved|next to me|with me|in my (?:room|bag|drawer|car))|"
                   r"(?:without|not|never) (?:doing|do|try|trying) (?:anything|something)(?: stupid| silly| drastic|"
                   r"(?= (?:\.|,|tonight|today|this weekend|$)| ?$))|"
                   r"(?:do not|does not|never) want to live (?:\w+ ){0,3}?(?:or at all|at all)|"
                   r"(?:family|kids|children|wife|husband|everyone|everybody|partner|parents|mum|dad) (?:\w+ ){0,3}?"
                   r"(?:go on|carry on|move on|be fine|be ok|be okay|cope|manage|be happier|be better) without me|"
                   r"(?:drive|driving|crash|crashing|steer|steering) (?:my car |the car )?(?:into|off) (?:a|the) (?:wall|"
                   r"tree|bridge|cliff|lorry|truck|river|sea|barrier|pillar)|"
                   r"(?:(?:the|my|this) (?:pain|hurt|suffering)|it all|everything|this|life) to (?:go away|disappear|"
                   r"be over|end|stop) (?:forever|for good|"
                   r"permanently)|"
                   r"(?:ready|want|wanna|wish|long|longing|time|waiting) to (?:join|be with) (?:her|him|them|my \w+)"
                   r"(?= (?:again|in heaven|soon|\.|,|and|$)| ?$)|"
                   r"(?:would not|do not|does not|wouldnt) (?:mind|care) (?:if i (?:died|die|was dead|did not wake|"
                   r"never woke|was gone|got hit)|dying|not waking)|"
                   r"if i (?:died|was gone|were gone|disappeared|was dead|killed myself) (?:\w+ ){0,3}?(?:nobody|no one|"
                   r"noone) would (?:care|notice|miss)|(?:nobody|no one) would (?:miss me|notice if i (?:was|were) gone|"
                   r"care if i (?:died|was gone))|(?:be|are|is|would be) (?:fine|ok|okay|better) without me|"
                   r"give up on (?:life|living|everything|myself)(?= (?:\.|,|and|$)| ?$)|"
                   r"(?:neck|do|top) myself(?: in)?(?! (?:up|out|proud|a favour|a favor|justice|some good))|"
                   r"(?:check|clock|tap) out (?:for good|permanently|early|of life|of this life)|easy way out|"
                   r"(?:relieved|happier|better|easier|fine|glad|lighter) if i (?:just )?(?:died|was dead|were dead|was gone|"
                   r"vanished|"
                   r"were gone|did not exist|was not here|was not around|disappeared|killed myself)|"
                   r"(?:goal|aim|plan|target|wish) (?:is )?(?:to )?(?:be dead|die|be gone|not be here|not be alive|end it|"
                   r"end my life)|be dead (?:by|before) |"
                   r"permanent solution|not be a (?:problem|burden) (?:\w+ ){0,3}?(?:any more|much longer|for long)|"
                   r"(?:how many|enough) (?:pills|tablets|paracetamol|sleeping pills) (?:\w+ ){0,3}?(?:to die|it takes|"
                   r"would|to end)|(?:buy|bought|get|getting) (?:a )?rope(?! (?:for|to) (?:climbing|the boat|skipping|"
                   r"the swing))")),
    ("not be here", R(r"(?:not|never) (?:\w+ ){0,3}?(?:be|being) (?:here|around|alive) (?:much|for much|for) longer|"
                      r"(?:not|never) (?:be|being) (?:here|alive|around)(?= (?:any more|much longer|for much longer|"
                      r"for long|by (?:my|next|the end|christmas|\d)|for (?:christmas|my birthday|new year|next year|"
                      r"my \w+ birthday)|soon|\.|,|$)| ?$)|stop existing|cease to exist|"
                      r"(?:no|nothing|not any) (?:reason|point|will) (?:to|in) (?:live|living|go on|going on|"
                      r"be alive|being alive|stay alive)|nothing (?:left )?to live for|not worth (?:living|it any more)|"
                      r"life (?:is|is not) not worth|can not (?:go on|do this any more|do life)|"
                      r"(?:tired|sick|done) (?:of|with) (?:living|being alive|life|existing)(?! (?:admin|insurance|"
                      r"coach|skills|style|choices|plans|goals|as|in))|done living|"
                      r"give up on (?:life|living)|(?:leave|leaving) this world")),
    ("be gone", R(r"(?:(?<=^ )|(?<=\. )|(?<=, )|(?<=i )|(?<=me )|(?<=myself ))(?:" + I_GAP + r"){0,3}"
                  r"(?:be gone|be dead|disappear|vanish)(?! (?:\w+ ){0,5}?(?:traffic|rush hour|starts|opens|gets busy|"
                  r"gets dark|wake up|wakes up|arrive|arrives)| (?:from|for|to|on|out|at|away|abroad|overseas|home|by \d|in \d|\d|"
                  r"with|a|the|all day|most|till|until|when|into|in the|off|early|before (?:work|school|\d)))"
                  r"(?:(?= (?:\.|,|before|by|soon|forever|for good|permanently|for ever|from this world|im|i am|"
                  r"and never|$)| ?$))")),
    ("goodbye", R(r"(?:say|saying|said) (?:my )?(?:goodbye|goodbyes|bye) (?:properly |to everyone |for good )?to "
                  r"(?:everyone|everybody|my family|my kids|the world|all|my friends|my mum|my dad|my children|"
                  r"the people i love|everyone i love|people i love)(?! (?:at|and|when|in|on|from))|"
                  r"(?:goodbye|farewell) (?:letter|letters|note|notes|messages|videos|texts|text|emails|posts|video)(?! to (?:my )?(?:ex|old|former|"
                  r"younger|past|eating|ed|anxiety|depression|addiction|drinking|smoking|job|career|house|home|"
                  r"childhood|inner|teen|self|body|fear))|"
                  r"(?:when|after|once) i am (?:gone|dead)" + END + r"|(?:plan|planning|planned|picture|picturing|"
                  r"imagine|imagining) my (?:own )?funeral|(?:for|at|music for|songs for|playlist for) my (?:own )?"
                  r"funeral|(?<!thank you )(?<!thanks )(?<!christmas )"
                  r"(?:letters|notes) (?:for|to) (?:everyone|everybody|my family|my kids|the kids|my children|my parents|"
                  r"my wife|my husband|the people i love)(?! (?:for (?:their|christmas|birthdays)|at christmas|about "
                  r"(?:the move|my news|the wedding)))|(?:saying|say|said|started saying) "
                  r"(?:my )?goodbyes(?! (?:at|to (?:everyone )?at|before (?:i|we) (?:move|leave)))")),
    ("affairs", R(r"affairs (?:in order|sorted|straight|tidy|settled)|sort(?:ed|ing)? (?:out )?(?:all )?my affairs")),
    ("give away", R(r"(?:give|giving|gave) away (?:all|everything|most|my (?:belongings|possessions|things|stuff|"
                    r"pets|cat|dog))|(?:give|giving) my (?:belongings|possessions) away|(?:get rid of|getting rid of|"
                    r"sell|selling|sort out) (?:all )?(?:of )?my (?:belongings|possessions)|"
                    r"(?:give|giving|gave|given|rehome|rehoming|rehomed|find a home for|find a new home for) (?:my|the) "
                    r"(?:dog|cat|pets|pet|"
                    r"animals|rabbit|hamster)(?: away)?(?= to| (?:\w+ ){0,2}?(?:first|before|after))|"
                    r"(?:give|giving|gave|leave|leaving|sort out who gets) {g14}(?:will not|do not|would not) "
                    r"(?:be needing|need) (?:them|it|any of (?:it|them)|anything|my \w+)")),
    ("method", R(r"(?:jump|jumping|throw myself) (?:off|from|in front of) (?:a|the|this|that) (?:bridge|building|roof|"
                 r"cliff|train|car|bus|tower|balcony|multi storey|car park|motorway|overpass)|"
                 r"(?:step|stepping|walk|walking) in front of (?:a|the) (?:train|bus|car|lorry|truck)|"
                 r"(?:slit|slitting|cut|cutting|slash) my (?:wrist|wrists|throat)(?! (?:guard|band|watch))|"
                 r"(?:stockpil\w*|hoard\w*|save up|saving up|collecting|been collecting|stashing|stash|gathering) "
                 r"(?:my |the |all my |enough |up )?(?:pills|tablets|meds|paracetamol|painkillers|sleeping pills)"
                 r"(?! (?:from|at) (?:the )?(?:pharmacy|chemist|doctor|surgery|hospital))")),
    ("last", R(r"(?:be|is) my (?:last|final) (?:birthday|christmas)" + END + r"|my final goodbye")),
]
SELF_HARM_P = [
    ("noun*", R(r"self (?:harm|harming|harmed|harms|injury|injure|injuring|injured|mutilation|mutilate|"
                r"mutilating|hurt|hurting)|(?:cutting|self harm|sh) scars|"
                r"sh|the (?:cutting|burning|self harm)(?! (?:board|edge|room|garden|tool|tools|phase|season|diet|cycle|"
                r"plan|program|programme|prep|stage|bulk))|"
                r"(?:hide|hiding|cover|covering|conceal|concealing) (?:up )?(?:my |the )?(?:new )?(?:scars|marks|cuts|"
                r"burns|wounds)(?! (?:from (?:acne|surgery|my operation)|on my face from))|"
                r"(?:punch|punching|punched) (?:walls|the wall|a wall|the walls|doors)")),
    ("hurt self", R(r"(?:cut|cuts|cutting|burn|burns|burning|burnt|burned|hit|hits|hitting|punch|punching|punched|"
                    r"scratch|scratching|bite|biting|bang|banging|carve|carving|stab|stabbing|hurt|hurts|hurting|harm|"
                    r"harms|harming|injure|injuring|mutilate|mutilating|bruise|bruising|bleed|bleeding|slap|slapping|"
                    r"choke|choking|strangle|strangling|beat|beating) " + SELF +
                    r"(?! (?:some|slack|a break|off|loose|free|short|in on|out|a piece|a slice|a deal|up|shaving|"
                    r"cooking|on (?:the|a|an|my \w+ (?:oven|iron|pan|kettle|stove))|by accident|accidentally|at|"
                    r"in the (?:gym|kitchen|garden|game|match|process)|during|playing|running|lifting|training|doing|"
                    r"with (?:work|exercise|the)|out of|over|laughing|into|while|when (?:cooking|running)|"
                    r"in the foot|of (?:sleep|rest|fun|joy|time|company|love|attention|sunlight)|"
                    r"by (?!cutting|burning|scratching|hitting|punching|overdosing|starving|banging|biting|taking|"
                    r"slamming|carving|not eating)))")),
    ("body", R(r"(?:slice|slicing|sliced|slash|slashing|slit|slitting) my (?:wrist|wrists|arm|arms|leg|legs|thigh|thighs|"
               r"skin|stomach)|myself with (?:a|the|my) (?:razor|blade|blades|lighter|knife|scissors|compass|sharpener)|"
               r"(?:cut|cuts|cutting|burn|burning|scratch|scratching|carve|carving|bang|banging) my (?:wrist|wrists|"
               r"arm|arms|leg|legs|thigh|thighs|skin|stomach|body|hips|head)(?! (?:hair|against|on|when|while|in the|"
               r"cooking|at|accidentally|by accident|shaving|with the))|"
               r"make (?:myself|me|it) bleed|(?:until|till) (?:i|it|they|my \w+) (?:bleed|bleeds|bruise|bruises|scar|"
               r"scars|is raw|are raw)|"
               r"(?:hide|hiding|throw away|get rid of|bin|give away|keep|keeping) (?:my|the|all my) (?:blades|"
               r"razors|razor blades)(?! (?:for shaving|sharp))|"
               r"(?:blade|blades|razor|razors|razor blade|razor blades|sharpener|lighter)(?= (?:\w+ ){0,8}?(?:urge|urges|"
               r"relapse|clean)| (?:when|whenever|every time) i (?:get|feel|am|panic))|"
               r"(?:urge|urges) (?:\w+ ){0,6}?(?:blade|blades|razor|razors)|"
               r"(?:swap|swapping|replace|replacing|instead of|put away|putting away) (?:the |my |a )?(?:razor|blade|"
               r"blades|razors|lighter)(?! (?:for (?:an electric|a new)|blades))|"
               r"(?:wear|wearing) (?:long )?sleeves (?:\w+ ){0,3}?(?:hide|cover)|"
               r"(?:dig|digging|dug) my (?:nails|fingernails) into my|"
               r"(?:hit|hitting|bang|banging|slam|slamming|smash|smashing|punch|punching|bite|biting|scratch|scratching|"
               r"pinch|pinching|"
               r"carve|carving|"
               r"burn|burning|cut|cutting) (?:\w+ ){0,2}?(?:into |on |in )?my (?:own )?(?:head|face|arms?|legs?|"
               r"wrists?|skin|thighs?|stomach|body)(?= (?:\w+ ){0,6}?(?:less|when i|whenever|every time|till|until|"
               r"again|times a|on purpose|if i)|(?: \w+){0,4} $)")),
    ("use on myself", R(r"(?:use|using) (?:it|them|a \w+|the \w+) on myself|"
                        r"(?:stub|stubbing|stubbed|put|putting) (?:\w+ )?(?:cigarettes|cigarette|cigs|fags|fag) out on my|"
                        r"(?:the |my |new |fresh )?(?:cuts|burns|scars|marks) on my (?:arms|arm|legs|leg|wrists|wrist|thighs|"
                        r"thigh|stomach|body|hips)|(?:cut|cutting) (?:less )?(?:deep|deeper|"
                        r"deeply)|(?:keep|keeping) (?:my )?(?:new )?(?:scars|cuts|marks) (?:covered|hidden)")),
    ("instead", R(r"instead of (?:\w+ )?myself(?= (?:\.|,|when|$)| ?$)|instead of (?:cutting|burning|self harming|sh|"
                  r"hurting myself|harming myself|scratching)(?! (?:down|back|"
                  r"out|corners|people|my hair|the))|(?:voice|voices) (?:\w+ )?(?:telling|tell|tells|told) me to "
                  r"(?:cut|hurt myself|burn|harm myself)")),
    ("hurt body", R(r"(?:hurt|hurting|harm|harming|punish|punishing|damage|damaging) my (?:own )?(?:body|arms?|legs?|skin|"
                    r"wrists?|thighs?|face|head|stomach)(?= (?:\w+ ){0,3}?when i (?:feel |am |get )?(?:numb|sad|upset|"
                    r"angry|anxious|stressed|overwhelmed|low|empty|bad|panicky|worthless|ashamed|guilty|rejected))")),
    ("stop cutting", R(r"(?:" + NEG + r"|urges? to|urge to|want to|tempted to|clean from|relapse|relapsed) "
                       r"(?:into )?(?:cutting|burning|cut|burn|self harming)"
                       r"(?= (?:\.|,|and|for|by|less|any more|again|completely|every|as|when|this|till|until|"
                       r"before|entirely|altogether|more|than|once|twice|\d+|one|two|three|tonight|today|on|if|"
                       r"unless|$)| ?$)|only (?:cut|burn|cutting|burning)(?= (?:when|on|if|once|twice|at|\d+|one|"
                       r"two|$)| ?$)|"
                       r"(?:started|start|starting|begun|began) (?:\w+ )?(?:cutting|burning|self harming)(?! (?:down|back|"
                       r"out|the|my hair|carbs|class|corners|people|off|up|ties|costs|sugar|\w+ (?:hair|grass|hedge)))|"
                       r"(?:cutting|burning|self harming) again(?! (?:the|my|your|our|it|down|back))|"
                       r"(?:cut|cutting|burn|burning) (?:less|fewer times|again)(?= (?:\.|,|and|than|often|per|a week|"
                       r"each|every|times|this|by|from|until|till|\d+|$)| ?$)")),
    ("overdose*", R(r"(?:overdose|overdosing|overdosed|overdoses)(?! on (?!(?:my |the |all )?(?:pills|tablets|meds|"
                    r"paracetamol|painkillers|insulin|drugs|opioid|benzo|sleeping|something|anything|it)))|"
                    r"(?:take|taking|took) (?:too many|all (?:of )?my|a (?:bunch|load|handful|lot) of|loads of|lots of|a whole "
                    r"(?:box|packet|bottle) of) (?:pills|tablets|meds|paracetamol|painkillers|sleeping pills|insulin)|"
                    r"(?:swallow|down) (?:all|a handful of|a bunch of) (?:my )?(?:pills|tablets|meds)")),
]
EATING_P = [
    ("starve", R(r"(?:starve|starving|starved) (?:myself|me|my self|for|until|to lose|all day|so i|\d)"
                 r"(?! of (?:sleep|rest|fun|joy|time|company|love|attention|sunlight|oxygen|friends))|"
                 r"(?:water|dry|juice|liquid) fast(?:ing)?|(?:fast|fasting) (?:for )?(?:\d+|two|three|four|five|"
                 r"several|a few|multiple|ten|seven) (?:whole |full )?(?:days|weeks)|"
                 r"fast (?:every|on) (?:other|alternate)|"
                 r"(?:eat|eating|food) (?:nothing|as little as (?:i can|possible)|only every other day|once every)|"
                 r"(?:not|stop|no|zero) (?:eat|eating|food) (?:for (?:\d+|a|one|two|three|several|a few|the|whole) "
                 r"(?:days?|weeks?|whole|entire|full)|at all|all day|completely|entirely|"
                 r"anything(?! (?:after|before|past|late|between|sugary|sweet|fried|processed|from|with|i|that|"
                 r"unhealthy|junk|in|at|on|out))|"
                 r"until (?:dinner|tomorrow|the evening|evening|night|\d|i (?:lose|weigh|reach|hit|am thin)))|"
                 r"(?:no|zero) food (?:on|for|until|till|all|at all|during|today|this week|except|before \d)|"
                 r"(?:only|just|nothing but) (?:water|black coffee|diet coke|coffee|tea) (?:till|until|for|all day|"
                 r"til)|without (?:eating|food)(?= (?:anything|for|at all|solid|\.|,|$)| ?$)|"
                 r"(?:not|stop|no) (?:eating|eat|food) (?:and|or) (?:drinking|drink|water)|"
                 r"(?:eat|eating|have) only (?:one|1|an|a single|half a) (?:small )?(?:meal|apple|thing|piece)|"
                 r"one (?:small )?meal a day|(?:only )?(?:let|allow|allowing|letting) myself (?:to )?eat (?:only )?"
                 r"(?:on|if|when|after|once)|earn (?:my )?(?:food|meals|dinner|lunch|breakfast)|"
                 r"(?:hide|hiding) (?:my )?(?:weight loss|not eating|how little i eat|my eating)|"
                 r"(?:stop|not) (?:making|forcing) me (?:to )?eat|my lowest weight|ugw|"
                 r"(?:throw|throwing) up less|sauna (?:\w+ ){0,3}?make weight|"
                 r"(?:restrict|restricting|restricted|limit|limiting) (?:my )?(?:food|eating|calories|intake|meals)|"
                 r"(?:only|just) (?:have|drink|eat) (?:a )?(?:black coffee|coffee|water|diet coke|tea|juice|broth) "
                 r"(?:for|instead of) (?:breakfast|lunch|dinner|meals)|"
                 r"(?:2[4-9]|[3-9]\d|\d\d\d) hours without (?:food|eating)|(?:days|a day|\d+ days|two days|three days) "
                 r"without (?:food|eating)|"
                 r"size (?:0|00|zero|double zero|xxs)|(?:thighs|legs) (?:do not|never|will not|to not|not) touch|(?:eat|eating) (?:only )?once (?:a|per|every) (?:day|other day)|"
                 r"liquid diet|only (?:eat|let myself eat|allow myself to eat) (?:on|at) (?:weekends|weekdays|\w+days)|"
                 r"(?:eat|eating|have) (?:only )?(?:\d+|one|a|an|half a) (?:rice cakes?|apples?|bananas?|yoghurts?|"
                 r"yogurts?|crackers?|biscuits?|pieces? of fruit|boiled eggs?|eggs?) (?:a|per|each) day|(?:fast|fasting|starve|starving|not eat|not eating|stop eating) (?:\w+ ){0,2}?(?:until|till) "
                 r"i (?:pass out|faint|collapse|black out)|(?:one|1) meal (?:every|per) (?:two|2|three|3|other|few) days|(?:only|just) (?:eat|eating) (?:fruit|lettuce|salad|rice cakes|apples|veg)"
                 r"(?: \w+){0,3} (?:to lose|until|till|so i)|"
                 r"(?:throw|throwing|threw) up (?:only|less|on (?:weekends|weekdays)|every|(?:\d+|one|two|three) times|"
                 r"once a|twice a)|back to (?:throwing up|purging|restricting|starving)|"
                 r"(?:only|just) (?:eat|eating|have) (?:one|1|an|a single|half a) (?:meal|apple|"
                 r"thing|piece|bite|rice cake|yoghurt|yogurt|banana|small meal)|"
                 r"one meal a day|only (?:eat|drink) (?:black coffee|diet coke|coffee|broth|juice)|"
                 r"(?:stop|not) eating(?= (?:\.|,|for|until|till|to lose|completely|entirely|altogether|"
                 r"after (?:breakfast|lunch)|$)| ?$)")),
    ("skip", R(r"(?:skip|skipping|miss|missing|cut out|cutting out|drop|dropping) (?:all |my |every |most )?"
               r"(?:meals|meal|dinner|dinners|lunch|lunches|breakfast|breakfasts|eating|food|a meal)"
               r"(?! (?:and (?:eat|have)|to (?:go|get|study|work|meet|see)|at (?:the|work|school)))")),
    ("insulin", R(r"(?:skip|skipping|miss|missing|less|reduce|reducing|cut|cutting|stop|stopping|restrict|restricting|"
                  r"not take|not taking|lower|leave out|leaving out|under ?dose|underdosing|half|halve) "
                  r"(?:\w+ ){0,3}?insulin")),
    ("purge*", R(r"purge|purging|purged|bulimia|anorexia|pro ana|thinspo|eating disorder|ed recovery|"
                 r"(?:throw|throwing|threw) up (?:after|my food|what|food|meals|everything i|dinner|lunch|when i eat)|"
                 r"(?:make|making|made) (?:myself|me) (?:sick|throw up|vomit|puke)|(?:vomit|vomiting|puke|puking|being sick) "
                 r"(?:after (?:eating|meals|i eat|food|dinner|lunch)|my food|what i eat|when i eat)|chew and spit|"
                 r"laxatives|diet pills|diuretics|water pills|appetite (?:suppressants?|pills)|fat burners|slimming "
                 r"pills|diet teas?|detox teas?|thigh gap|see my (?:ribs|hip bones|hipbones|collarbones|"
                 r"collar bones|spine)|(?:burn|burning|run|running|exercise|exercising|work|working|walk|walking|cycle|swim|"
                 r"sweat|gym) off (?:every|all|everything|whatever|what)(?: single)?(?: calorie| calories| i eat| i ate)?|"
                 r"compensate for (?:eating|food|every)|(?:spit|spitting|spat) (?:out )?(?:my |the |all my )?(?:food|"
                 r"meals|dinner|lunch)")),
]
# Very low calorie targets, extreme loss rates and underweight targets (parsed numbers).
CALORIE_RE = R(r"(\d+) calories|calories (?:\w+ )?(?:below|under|less than|at|to|of|max|maximum) (\d+)|"
               r"(\d+) (?:a|per) day (?:max|maximum|limit|tops|or less|or under)|"
               r"(?:under|below|less than|no more than|only|at most|max) (\d+) (?:a day|per day|every day|each day|"
               r"daily)")
CALORIE_OK_RE = re.compile(r" (?:burn|burns|burning|burned|burnt|walk|walking|exercise|run|running|cycle|swim|steps|"
                           r"workout|activity|snack|snacks|treat|treats|dessert|breakfast|lunch|meal|drink|drinks|"
                           r"more|extra|deficit|surplus) ")
LOSS_RE = R(r"(?:lose|losing|drop|dropping|shed|shedding|lost|get rid of) (?:at least |about |around |another |over )?"
            r"(\d+(?:\.\d+)?|a|one|two|three|four|five|six|ten|half a) (?:whole )?(kg|lb|stone)")
RATE_RE = R(r"(\d+(?:\.\d+)?|a|one|two|half a) (kg|lb|stone) (?:a|per|each|every) (day|week|month)")
DURATION_RE = R(r"(\d+|a|one|two|three|four|five|six|ten|this|next) (days?|weeks?|months?|fortnight|weekend)")
TARGET_WEIGHT_RE = R(r"(?:get|getting|down|weigh|weighing|reach|be|under|below|to|less than|weight of) (?:to |down to |under |"
                     r"below |less than )?(\d+(?:\.\d+)?) (kg|lb|stone)|bmi (?:\w+ ){0,3}?(\d+(?:\.\d+)?)")
LIFT_RE = re.compile(r" (?:lift|lifting|deadlift|squat|bench|press|carry|carrying|backpack|weights|baby|dog|cat|"
                     r"suitcase|bag|luggage|rucksack|bar|barbell|dumbbell|kettlebell) ")
HARD_SUB = (r"(?:alcohol|drinking|drink|drinks|benzo|opioid|sleeping pills|sleeping tablets|painkillers|"
            r"pain killers|pain meds|gear)")
WITHDRAWAL_P = [
    # Detoxing alone implies dependence: no heaviness needed.
    ("home detox", R(r"(?:home|solo|self) detox|detox (?:\w+ ){0,3}?(?:at home|alone|by myself|on my own|myself)|"
                     r"detox myself|(?:dry|drying) (?:myself )?out (?:at home|alone|by myself|on my own)")),
    ("cold turkey", R(r"cold turkey")),
    ("stop", R(r"(?:stop|stopping|quit|quitting|give up|giving up|come off|coming off|get off|getting off|go off|"
               r"kick|kicking|cut out|be off|ditch|pack in|packing in|no more|never|be clean|get clean|clean from|"
               r"detox|detoxing|detox from|sober|sobriety|just stop|throw|throwing|bin|flush|chuck|chucking|dump|"
               r"dumping|get rid of|getting rid of) (?:\w+ ){0,4}?" + HARD_SUB +
               r"|" + HARD_SUB + r" (?:\w+ ){0,12}?(?:just )?(?:stop|quit|come off|get off|kick|give up|throw (?:them|it) "
               r"(?:all )?out|throwing (?:them|it) (?:all )?out|never (?:taking|take|touch|drink|drinking) "
               r"(?:another|again|any)|stop (?:them|it) all|clean)")),
]
# Heavy or long use, or stopping all at once: either makes stopping suddenly dangerous.
HEAVY_RE = R(r"(?:\d+|a|one|two|three|four|five|half a|a whole|full) (?:bottle|bottles|litre|litres|liter|liters|"
             r"fifth|fifths|handle|handles|box|boxes|case|cases|crate|crates|slab|slabs) (?:of \w+ )?(?:a|per|every|"
             r"each) (?:day|night)|"
             r"(?:\d\d|eight|nine|ten|twelve|fifteen|twenty) (?:drinks|alcohol) (?:a|per|every|each) (?:day|night)|"
             r"(?:drink|drinking) (?:in|every) (?:the )?morning|morning drink|(?:drink|drinking|alcohol|drinks) "
             r"(?:\w+ ){0,3}?before (?:lunch|noon|midday|breakfast|work)|(?<!protein )shakes|shaky|"
             r"hands shake|shaking hands|withdrawals?|dts|alcoholic|heavy (?:drinker|drinking)|drink(?:ing)? heavily|"
             r"all day|(?:for|since|in) (?:\w+ ){0,2}?(?:years|a decade|decade)|"
             r"(?:\d+|two|three|four|five|six|ten|many|several|a few) (?:years|months)|"
             r"addicted|addiction|dependent|dependence|dependency|hooked|more than prescribed|"
             r"(?:drink|drinking|use|using) (?:from )?(?:when|as soon as) i wake|from the moment i wake")
SOFT_DRINK_RE = re.compile(r" (?:coffee|tea|coke|cola|soda|fizzy|energy|water|juice|pop|milk|caffeine|protein|diet|"
                           r"squash|pepsi|red bull|monster|lattes|latte|smoothies?|sugary) ")
HARD_RE = re.compile(r" (?:alcohol|alcoholic|benzo|opioid|drunk|hungover|hangover|hangovers|sober|sobriety|"
                     r"sleeping pills|sleeping tablets|painkillers|pain killers|gear) ")
MEDICATION_P = [
    ("stop meds", R(r"(?:(?:stop|stopping|stopped|quit|quitting|come off|coming off|get off|getting off|be off|"
                    r"being off|go off|going off|wean (?:myself )?off|weaning (?:myself )?off|ditch|ditching|skip|"
                    r"skipping|halve|halving|half|double|doubling|lower|lowering|reduce|reducing|cut down on|cutting down on|"
                    r"cut|cutting|decrease|decreasing|taper|tapering|throw away|flush|no longer (?:take|need)|"
                    r"not take|not taking|stop taking|give up|giving up|drop|dropping|adjust|adjusting|swap|swapping|"
                    r"replace|replacing|take half|take less of|take more of|take extra|stretch out|ration|"
                    r"rationing) (?:\w+ ){0,3}?|"
                    r"(?:up|upping|increase|increasing|change|changing|switch|switching|bin|off|without|free of|"
                    r"free from|no more|off all|off all my) (?:my |the |all my |all )?(?:\w+ )?)"
                    r"(?:meds|insulin|dose|dosage|pills|tablets|prescription)"
                    r"(?! (?:on time|as prescribed|reminder|alarm|box|organiser|organizer|from the|at the|with water|"
                    r"with food))|"
                    r"(?:meds|medication) free|(?:pills|tablets|meds) (?:down the (?:toilet|drain|sink)|in the bin)")),
    ("pretend!", R(r"pretend (?:to take|i take|i am taking|that i take|to swallow)|(?:take|taking) (?:twice|double|"
                   r"triple|more than) (?:my |the )?(?:prescribed )?(?:amount|dose|dosage)|only take (?:my )?(?:meds|pills|"
                   r"tablets) (?:when|if) i (?:feel|am|remember|want)|"
                   r"(?:take|taking|use|using|borrow|borrowing) (?:my )?(?:mums|dads|friends|sisters|brothers|partners|"
                   r"husbands|wifes|someone elses|other peoples|a friends|somebody elses) (?:\w+ )?(?:meds|pills|tablets|"
                   r"prescription)")),
    # "I think the lithium dulls me, so I will stop it": the medicine named, then stopped.
    ("stop it", R(r"(?:stop|stopping|quit|quitting|come off|coming off|get off|ditch|ditching|skip|skipping|bin|"
                  r"throw out|flush) (?:taking )?(?:it|them)(?! (?:from|happening|ruining|getting|taking over|affecting|"
                  r"controlling|being|going|spiraling|spiralling|running|stopping))|"
                  r"(?:then|and) (?:just )?stop" + END + r"|stretch (?:them|it) out")),
]
MED_OK_RE = R(r"(?:stop|not|never|no more|less|fewer|quit|avoid) (?:\w+ )?(?:forgetting|forget|missing|miss|"
              r"skipping|skip|running out)|remember|reminder|alarm|routine|pill box|dosette|blister pack|"
              r"take (?:my )?(?:meds|pills|tablets|insulin) (?:every|on time|daily|each|regularly|consistently)|"
              r"(?:pick up|collect|order|renew|get) (?:my )?(?:prescription|repeat|meds|pills|tablets)|"
              r"the pill|birth control|contraceptive|contraception|sleeping pills|vitamin|vitamins|supplements|"
              r"paracetamol|ibuprofen|caffeine pills")
VIOLENCE_P = [
    ("hurt them", R(r"(?:kill|killing|murder|murdering|hurt|hurting|harm|harming|stab|stabbing|shoot|shooting|"
                    r"punch|punching|hit|hitting|slap|slapping|kick|kicking|strangle|strangling|choke|choking|"
                    r"poison|poisoning|attack|attacking|batter|battering|beat up|beating up|smack|smacking|"
                    r"thump|thumping|unalive|glass|headbutt|spank|spanking) " + PEOPLE +
                    r"(?! (?:up|a text|a message|an email|a line|with kindness|at (?:chess|cards|tennis|golf|"
                    r"football|fifa|a game|games|pool|darts|monopoly|scrabble)|feelings|by (?:lying|being|my "
                    r"words|saying|not|ignoring)|emotionally|with my words|with words|s feelings|in (?:chess|a game)|"
                    r"out|off|again with words|know|knowing|with a pillow|with pillows))")),
    ("beat up", R(r"(?:beat|beating|smash|smashing) " + PEOPLE + r" (?:up|senseless|to death|to a pulp|black and blue|"
                  r"s face|s head)|(?:smash|smashing|break|breaking|punch|punching) (?:his|her|their) (?:face|head|"
                  r"legs|neck|nose|jaw|teeth|skull)|run " + PEOPLE + r" over|"
                  r"(?:burn|burning) (?:his|her|their) (?:house|flat|car) down|(?:burn|burning) down (?:his|her|their|"
                  r"my \w+s|\w+s) (?:house|flat|car|home|shop)|(?:set|setting) fire to (?:his|her|their|my \w+s|\w+s) "
                  r"(?:house|flat|car|home|shop)|slash (?:his|her|their) tyres|"
                  r"(?:run|running|ran) " + PEOPLE + r" (?:over|down)|"
                  r"(?:break|broke|breaking|smash|smashed|smashing) (?:his|her|their|(?:my |the |his |her )?\w+s|zname) "
                  r"(?:nose|jaw|face|legs|"
                  r"arm|arms|ribs|teeth|neck|skull)|put " + PEOPLE + r" in (?:hospital|the hospital|a coma|the ground|"
                  r"a wheelchair|intensive care)|(?:make sure|ensure) (?:\w+ ){1,7}?(?:never|not) (?:walks?|talks?|"
                  r"works?|sees?|wakes?) again|(?:what|things) (?:i would|i will|i am going to|i could|i want to|i "
                  r"would like to) do to (?:" + PEOPLE + r"|each of them)|use (?:it|them|a \w+) on " + PEOPLE + r"|"
                  r"(?:gets|get) what is coming to (?:him|her|them)|(?:hands|hand|fingers) (?:around|round|on) "
                  r"(?:his|her|their|" + PEOPLE + r") (?:neck|throat)|(?:push|pushing|shove|shoving) (?:people|someone|"
                  r"somebody|strangers|" + PEOPLE + r") (?:onto|in front of|off|under) (?:the |a )?(?:tracks|train|road|"
                  r"platform|bridge|cliff|stairs|bus|traffic)|(?:get|buy|bought|getting|buying) (?:a|my) "
                  r"(?:gun|firearm|weapon|machete)(?! (?:licence|license|for (?:hunting|clay|the range|shooting club))|"
                  r" (?:\w+ ){0,3}?(?:licence|license|hunting|range|club|clay))|(?:fantasi\w+|dream\w*|imagin\w+|"
                  r"picturing) about " + PEOPLE + r" (?:dying|dead|getting hurt|being killed|being hurt|suffering)|"
                  r"(?:shake|shaking|shook) (?:my|the|our) (?:baby|toddler|son|daughter|kid|child|newborn|little one)|"
                  r"(?:threaten|threatening|threatened) " + PEOPLE +
                  r" with (?:a|my|the) (?:knife|gun|weapon|bat|hammer|machete|blade)|"
                  r"(?:beat|beating|hit|hitting|punch|punching|kick|kicking|hurt|hurting|batter|battering) {g8}"
                  r"(?:until|till) (?:he|she|they) (?:can not|cannot|is not able to|are not able to|bleeds|bleed|dies|"
                  r"die|is dead|stops breathing)(?: walk| move| breathe| see| stand| talk)?|(?:carry|carrying|bring|bringing|take|taking|"
                  r"keep|keeping) a (?:knife|blade|weapon|gun|machete|bat|hammer) (?:\w+ ){0,4}?(?:to (?:use|hurt|scare|"
                  r"threaten|stab|get)|so i can (?:use|hurt|scare|threaten|stab|get)|in case (?:i see|he|she|they))|(?:a visit|a lesson|something) (?:he|she|they) "
                  r"(?:will not|would not|will never|would never) forget|(?:throw|throwing|threw) (?:things|stuff|"
                  r"objects|plates|punches|\w+) at " + PEOPLE + r"|(?:shake|shaking|shook) (?:the baby|my baby|"
                  r"her|him) (?:harder|too hard|hard)|"
                  r"(?:scared|afraid|frightened|worried) (?:of )?what i (?:will|might|could|am going to|would) do"
                  r"(?! (?:with|about|if i fail|next|for work|after))")),
    ("revenge", R(r"revenge(?! (?:bedtime|sleep|procrastination|shopping|spending|body|travel|dress|glow))|"
                  r"get back at|get even with|make " + PEOPLE + r" (?:pay|suffer|bleed|scared|afraid|sorry|regret)|"
                  r"teach " + PEOPLE + r" a lesson|(?:want|wish|hope) " + PEOPLE + r" (?:dead|to die|to suffer)|"
                  r"see " + PEOPLE + r" (?:suffer|bleed|die|in pain|hurt|beg)|(?:he|she|they|zname|" + PEOPLE + r") (?:deserves|deserve) to "
                  r"(?:die|suffer|be hurt|bleed)|wish (?:he|she|they) (?:was|were) dead|"
                  r"(?:scared|afraid|worried|frightened) (?:that )?i (?:will|might|could|am going to) (?:hurt|kill|"
                  r"harm|attack|snap and hurt)(?! myself| me)|(?:thoughts|urges|images|fantasies|fantasy|"
                  r"intrusive thoughts) (?:of|about) (?:hurting|killing|harming|attacking|stabbing)(?! myself| me)")),
]
ABUSE_P = [
    ("hurts me", R(ABUSER + r" (?:\w+ ){0,3}?(?:hits|hit|beats|kicks|kicked|slaps|slapped|punches|punched|chokes|"
                   r"choked|strangles|strangled|shoves|shoved|threatens|threatened|rapes|raped|abuses|abused|bruises|"
                   r"bruised|hitting|beating|kicking|threatening|strangling|choking|attacks|attacked|locks|locked|"
                   r"tracks|tracking|spies on|hurt me|hurts me|hurting me|physically hurt|has hurt|grabs|grabbed|"
                   r"grabbing) (?:me|my(?! feelings))(?! (?:up|with a pillow|at (?:chess|cards|tennis|golf|games|"
                   r"everything)|to it|in a race|out|off|in on|a|an|some|coffee|lunch|food|drink))|"
                   r"(?:him|her) (?:hit|hurt|beat|kick|slap|punch|choke|strangle|grab|push|shove) (?:me|my mum|mum|us)|"
                   r"(?:stop|prevent|keep) (?:" + ABUSER + r"|him|her|them) (?:from )?(?:hurting|hitting|beating|"
                   r"kicking|slapping|punching|choking|strangling|attacking|threatening) (?:me|us|mum|my mum|my \w+)|"
                   r"(?:throws|throwing|threw) (?:things|stuff|plates|\w+) at (?:me|us)|"
                   r"(?:cover|covering|hide|hiding) (?:up )?(?:the |my )?bruises|bruises (?:he|she|they) (?:leaves|left|"
                   r"gave|gives)|(?:has gone|goes|went|gone|comes|came) for me with|flinch|flinching|"
                   r"have me deported|if i (?:tell|told) (?:anyone|someone|anybody|the police|people)|"
                   r"(?:nobody|no one) (?:else )?(?:would|will|could) (?:ever )?(?:want|love|have) me|"
                   r"(?:says|said|tells me|calls me|calling me) (?:i am |im )?(?:worthless|disgusting|useless|nothing|"
                   r"pathetic)|"
                   r"(?:kill|hurt|hit|beat) me if|threat(?:en|ens|ened)? to (?:kill|hurt|hit|take the kids|"
                   r"leave me with nothing|throw me out)")),
    ("placate", R(r"so (?:that )?" + ABUSER + r" (?:\w+ ){0,2}?(?:does not|will not|would not|do not|did not|"
                  r"can not|never|not|no longer|stops?) (?:\w+ ){0,2}?(?:hurt|hurts|hit|hits|beat|kick|slap|punch|shove|"
                  r"push|choke|strangle|kill|threaten|rape|attack|lose his temper|lose her temper|lash out|"
                  r"get violent|turn violent|punish me|take it out on|have to hit|lose it (?:on|at) (?:us|me)|"
                  r"lock|locks|locking|throw|throws|throwing|grab|grabs|grabbing|kick me out|calling me|hurting|"
                  r"go for me|come for me|come after me|kick off|have a go at me|"
                  r"hitting|beating|kicking|slapping|punching|choking|strangling|attacking|threatening|raping)|"
                  r"so (?:that )?" + ABUSER + r" (?:\w+ ){0,2}?(?:is not|does not get|will not be|will not get|"
                  r"can not be|not) (?:violent|aggressive|rough)|"
                  r"so (?:that )?" + ABUSER + r" (?:\w+ )?(?:can not|will not|could not|cannot) (?:get in|come in|"
                  r"get to me|find me|reach me|hurt me|touch me)|"
                  r"(?:scared|afraid|frightened|terrified) (?:to go|of going) home|"
                  r"so (?:that )?(?:my )?(?:he|she|" + PARTNER + r") (?:\w+ ){0,2}?(?:does not|will not|would not|do not|"
                  r"can not|never|not) (?:get|gets) (?:angry|mad|cross|upset|jealous)|"
                  r"so (?:that )?" + ABUSER + r" (?:\w+ )?(?:lets|let|will let|allows) me (?:eat|sleep|see|leave|go out|use|"
                  r"have|out)|(?:obey|obeying) (?:" + ABUSER + r"|him|her)|survive (?:living|being) "
                  r"(?:with|at home)|(?:ask|asking) (?:my )?(?:" + PARTNER + r"|him|her) (?:for )?permission|"
                  r"walk(?:ing)? on (?:egg shells|eggshells)(?! (?:less )?(?:around|with) (?:my |the |our )?(?:\w+ )?"
                  r"(?:teen|teenager|teenagers|son|daughter|kid|kids|child|children|toddler|students|class|boss|"
                  r"manager|colleagues|team|customers))|"
                  r"(?:stop|not|never|avoid) (?:making|upsetting|provoking|angering|setting off|triggering|annoying) "
                  r"(?:" + ABUSER + r"|him|her) (?:\w+ ){0,3}?(?:so|or|because|before) (?:\w+ ){0,2}?"
                  r"(?:hurt|hit|beat|kick|slap|punch|kill|violent)")),
    ("secret", R(r"(?:" + PARTNER + r"|he|she) (?:\w+ )?(?:will not|does not|can not|never|would not) "
                  r"(?:find out|know where i|know about|notice)")),
    ("afraid", R(r"(?:scared|afraid|frightened|terrified) of (?:" + ABUSER + r"|him|her)(?! (?:leaving|reaction|"
                 r"disappointment|judg\w*|opinion|thinking|being|finding|knowing|getting|s reaction|s opinion))|"
                 r"(?:scared|afraid|frightened|terrified) (?:that )?(?:" + ABUSER + r") (?:will|might|is going to|"
                 r"would|could) (?:hurt|hit|kill|beat|find me|take the kids|attack)|fear for my (?:life|safety)|"
                 r"(?:leave|leaving|escape|escaping|get away from|getting away from|run away from|move out)"
                 r" (?:\w+ ){0,3}?(?:without (?:him|her|them) (?:knowing|finding out)|in secret|secretly|"
                 r"before (?:he|she|they) (?:finds?|gets?|comes?|notices?)|safely from|where (?:he|she|they) "
                 r"can not find)|(?:hide|hiding|save|saving|stash|stashing) (?:\w+ ){0,2}?(?:money|cash|bag|"
                 r"passport|documents) (?:\w+ ){0,3}?(?:in secret|secretly|without (?:him|her|them) knowing|"
                 r"so (?:he|she|they) (?:does not|will not|can not) (?:find|know|see|take))|"
                 r"(?:hide|hiding) from (?:my |the )?(?:" + INTIMATE + r"|him|her)|"
                 r"(?:what|things) (?:he|she|they) (?:did|does|has done|have done|keeps doing|is doing|still does) to me|"
                 r"(?:safe place|somewhere safe|safe house) (?:\w+ ){0,3}?(?:away from|from) (?:my |the )?(?:" + INTIMATE +
                 r"|him|her)|(?:give|hand over) (?:him|her|them) (?:all )?my (?:wages|money|salary|benefits)|"
                 r"(?:will not|does not|would not|did not|never) (?:let|lets) me (?:see (?:my )?(?:kids|children|son|"
                 r"daughter|friends|family|mum|"
                 r"dad|sister|sisters|brother)|have (?:money|my own money|a phone|my phone|a bank|my own (?:bank|phone|"
                 r"car|friends|account))|work|leave the house|"
                 r"leave|go out alone|drive|talk to)|"
                 r"(?:takes|took|keeps|kept|controls|controlled|checks|checked|reads|goes through|went through|tracks|"
                 r"monitors|smashed|smashes|broke|breaks) (?:all )?(?:my|the|our|of my|of our) (?:money|wages|bank card|bank|phone|"
                 r"messages|texts|location|passport|bank statements|statements|emails|spending|receipts)|"
                 r"(?:escape|escaping|get away from|getting away from) (?:from )?(?:my |the )?(?:controlling |abusive |"
                 r"violent |cruel )?(?:" + INTIMATE +
                 r"|him|her|abuser|home)(?! (?:for|on|to))|(?:my|the) abuser")),
    ("threatens me", R(r"(?:threatens|threatening|threatened|stalks|stalking|stalked|harasses|harassing|harassed|"
                       r"intimidates|intimidating|hits|hitting|beats|beating) (?:me|us)(?! (?:with a "
                       r"(?:disciplinary|warning|fine|lawsuit|bad review)|at (?:chess|cards|games|tennis|golf)|up))|"
                       r"(?:turns?|turning|keeps turning) up at my (?:house|home|work|flat|door|school)|"
                       r"(?:isolates|isolated|isolating|cuts|cut|cutting) me (?:off )?from (?:my )?(?:friends|family|"
                       r"everyone|people)|(?:forces|forced|pressures|pressured|makes|made) me (?:into |to )?(?:have sex|"
                       r"sleep with|do sexual|sex)|(?:checks|tracks|monitors) (?:where|who) i|"
                       r"(?:pinned|pins|pinning|dragged|drags|dragging|held|holds|holding) me (?:down|against|to the|by)|"
                       r"(?:he|she|" + PARTNER + r") (?:\w+ )?(?:gets|got|becomes|became|is|was) (?:rough|violent|physical) "
                       r"(?:with me|when|if)|"
                       r"(?:push|pushes|pushing|pushed|shove|shoves|shoving|throws|throwing) me (?:around|about|over|"
                       r"down|against|into)|"
                       r"(?:scared|afraid|frightened|terrified|nervous) (?:\w+ ){0,2}?when " + ABUSER + r" (?:\w+ )?(?:shouts|"
                       r"drinks|gets angry|comes home|is angry|yells|screams|loses|throws|hits|raises|is drunk|"
                       r"gets drunk|kicks off)|" + ABUSER + r" (?:\w+ ){0,2}?(?:throws|throwing|threw|smashes|smashing|"
                       r"smashed|breaks|breaking) (?:things|stuff|plates|objects|furniture|my things)")),
    ("controls me", R(r"(?:" + ABUSER + r"|him|her) (?:\w+ ){0,2}?(?:reading|checking|tracking|going through|"
                      r"controlling|taking|monitoring) (?:all )?my (?:money|wages|bank card|phone|messages|texts|location|"
                      r"passport|emails)|(?:comes|come|coming|came|gets|getting) into my (?:room|bed|bedroom)(?= at night|"
                      r" when| while| after)|" + ABUSER + r" (?:\w+ )?(?:touches|touched|touching) me")),
    ("save secret", R(r"(?:save|saving) (?:up )?(?:in secret|secretly)")),
    ("injuries", R(r"(?:hide|hiding|cover|covering) (?:up )?(?:my |the )?(?:injuries|black eye|black eyes|bruising)|"
                   r"so (?:my )?(?:" + PARTNER + r"|he|she) (?:does not|will not|would not|do not) get in (?:trouble|"
                   r"prison|jail)")),
    ("bruises", R(r"(?:ask|asks|asking|asked|notice|notices) about "
                  r"(?:my|the) (?:bruises|marks|black eye)|(?:cover|covering) for (?:my )?" + INTIMATE + r" (?:when|so)")),
    ("if i leave", R(r"(?:he|she|they|" + ABUSER + r") (?:will|would|is going to|threatens to|threatened to) "
                     r"(?:\w+ ){1,4}?if i (?:leave|go|tell|report|call the police|try to leave)|"
                     r"(?:scared|afraid|frightened|terrified|panic|panicking|shaking) (?:\w+ ){0,4}?(?:hear|see) "
                     r"(?:his|her) (?:car|key|keys|voice|footsteps|truck|van)")),
    ("passport back", R(r"(?:get|take|getting|taking) (?:my |our )?(?:passport|documents|papers|bank card|cards|phone|"
                        r"money|keys|car keys|visa) back (?:from|off) (?:my |the )?(?:" + INTIMATE + r"|him|her)")),
    ("secret partner", R(r"without (?:him|her|them) (?:knowing|finding out|seeing|noticing)")),
    ("abuse*", R(r"domestic (?:abuse|violence)|abusive (?:relationship|husband|wife|partner|boyfriend|girlfriend|"
                 r"ex|dad|father|mum|mother|parents|home|marriage)|coercive control|controlling (?:husband|wife|"
                 r"partner|boyfriend|girlfriend|relationship|marriage)|(?:he|she) is violent|gets violent|"
                 r"marital rape|(?:a|the|womens|women s) refuge(?! (?:for (?:animals|dogs|cats|wildlife|birds)|centre "
                 r"for animals))|refuge (?:place|space|bed|room)|(?:he|she) (?:does not|will not) like me (?:going out|seeing|having)")),
]

PATTERNS = {SUICIDE: SUICIDE_P, SELF_HARM: SELF_HARM_P, EATING: EATING_P, WITHDRAWAL: WITHDRAWAL_P,
            MEDICATION: MEDICATION_P, VIOLENCE: VIOLENCE_P, ABUSE: ABUSE_P}


def _vocabulary(rx):
    """The literal words a compiled pattern can match: its pre-filter."""
    src = re.sub(r"\(\?<?[!=][^()]*(?:\([^()]*\)[^()]*)*\)", " ", rx.pattern)  # drop look-arounds
    return set(re.findall(r"[a-z]+", re.sub(r"\\[a-z]", " ", src)))


# Trigger words per category: its patterns run only when one of these occurs.
TRIGGERS = {cat: set().union(*(_vocabulary(rx) for _, rx in pats)) for cat, pats in PATTERNS.items()}
_NUMBER_WORDS = {"calories", "kg", "lb", "stone", "bmi", "max", "maximum", "limit", "tops", "under", "below", "less",
                 "most", "only"}
TRIGGERS[EATING] |= _NUMBER_WORDS
# Words common in every goal: too unspecific to start a category's patterns.
_WEAK = set("""a an the to of for in on at by and or so i me my is am are be not no it all with from this that
his her their our he she they them him up off out one two three just will would do does did as than any more less
over into before after until till when while every each day days week weeks night""".split())
for _cat in TRIGGERS:
    TRIGGERS[_cat] -= _WEAK
VOCAB = set().union(*TRIGGERS.values()) | _WEAK
# Every medication or withdrawal pattern names one of these words (a medicine,
# a substance, detox, cold turkey): a much tighter pre-filter than their whole vocabulary.
TRIGGERS[MEDICATION] = {"meds", "insulin", "dose", "dosage", "pills", "tablets", "prescription", "pretend"}
TRIGGERS[WITHDRAWAL] = {"alcohol", "alcoholic", "drinking", "drink", "drinks", "benzo", "opioid", "sleeping",
                        "painkillers", "pain", "gear", "detox", "dry", "drying", "turkey", "sober", "sobriety"}
