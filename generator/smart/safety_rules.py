"""The safety screen's rules: each category's patterns with their take-backs, the numeric
checks for eating (calorie targets, loss rates, underweight targets), the
withdrawal judgement, and the looser one-sentence nets.

Why: a rule gives a precise category and evidence span for the phrasings it
knows, at almost no cost (only categories whose trigger words occur run their
patterns).  Rules alone do not generalise to new writers, so their findings are
also inputs to the learned detector (risk.py) rather than the whole decision.
Stdlib only.
"""

import re

from .safety_categories import ABUSE, CATEGORIES, EATING, MEDICATION, SELF_HARM, SUICIDE, WITHDRAWAL, _merge
from .safety_patterns import (
    CALORIE_OK_RE, CALORIE_RE, DURATION_RE, HARD_RE, HEAVY_RE, LIFT_RE, LOSS_RE, MED_OK_RE, PARTNER, PATTERNS, R,
    RATE_RE, SOFT_DRINK_RE, TARGET_WEIGHT_RE, TRIGGERS, WITHDRAWAL_P, _NUMBER_WORDS)
from .safety_context import (
    CURRENT_RE, DECIDED_RE, DENIED_RE, EAT_WORDS, FAST_OK_RE, FIRST_RE, GAME_RE, IDIOM_RE, JOB_RE, MOVING_RE,
    PAST_STRONG_RE, PROFESSIONAL_RE, SURPRISE_RE, THIRD_RE, UNWANTED_RE, _helped, _taken_back, _window)


_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "half a": 0.5}
_KG = {"kg": 1.0, "lb": 0.4536, "stone": 6.35}
_WEEKS = {"day": 1 / 7, "days": 1 / 7, "week": 1, "weeks": 1, "month": 4.35, "months": 4.35, "fortnight": 2,
          "weekend": 0.3}


def _number(value):
    if not value:
        return 1.0
    try:
        return float(value)
    except ValueError:
        return float(_NUMBERS.get(value, 1))


def _eating_numbers(canon):
    """Very low calorie targets, extreme loss rates and underweight targets."""
    out = []
    for m in CALORIE_RE.finditer(canon.text):
        n = float(next(g for g in m.groups() if g))
        sentence, before = _window(canon, m.start(), m.end(), 4, 3)
        if not 0 < n <= 1000 or CALORIE_OK_RE.search(before + canon.text[m.start():m.end() + 12]):
            continue
        if (m.group(3) or m.group(4)) and not EAT_WORDS.search(_window(canon, m.start(), m.end(), 14, 14)[0]):
            continue
        out.append(m)
    for m in LOSS_RE.finditer(canon.text):
        amount, unit = m.groups()
        kg = _number(amount) * _KG[unit]
        sentence, _ = _window(canon, m.start(), m.end(), 0, 14)
        rate = RATE_RE.search(sentence)
        if rate:
            per_week = _number(rate.group(1)) * _KG[rate.group(2)] / _WEEKS[rate.group(3)]
        else:
            d = DURATION_RE.search(sentence)
            per_week = kg / (_number(d.group(1)) * _WEEKS[d.group(2)]) if d and kg >= 2 else 0
        if per_week > 1.2:
            out.append(m)
    if not LIFT_RE.search(canon.text):
        for m in TARGET_WEIGHT_RE.finditer(canon.text):
            value, unit, bmi = m.groups()
            if bmi is not None:
                low = 5 < float(bmi) < 17.5
            else:
                low = 20 < float(value) * _KG[unit] < 45
            if low:
                out.append(m)
    return out


GRADUAL_RE = re.compile(r" (?:cut down|cutting down|cut back|cutting back|reduce|reducing|taper|tapering|slowly|"
                        r"gradually|fewer|less|wean|weaning|step down|bit by bit) ")
MEDS_RE = re.compile(r" (?:meds|insulin|dose|dosage|pills|tablets|prescription|prescribed) ")


def _matches(canon, category, words, trace=None):
    """The pattern matches of one category that the context does not take back.

    ``trace`` (a set, or None): records what fired, for the learned detector:
    "p:<cat>:<pattern>" for a pattern that matched, "x:<cat>:<pattern>" when a
    take-back removed a match, "h:<cat>" / "j:<cat>" / "o:<cat>" when help
    named, the writer's job or a safe medication wording removed the findings."""
    text = canon.text
    found = []
    direct = []
    for name, rx in PATTERNS[category]:
        for m in rx.finditer(text):
            if trace is not None:
                trace.add("p:%s:%s" % (category, name))
            if name.endswith("!"):
                direct.append(m)  # deception or secrecy about treatment: help named does not reassure
            elif category == WITHDRAWAL and name != "home detox":
                found.append(m)  # judged below, as a whole
            elif category == MEDICATION and name == "stop it" and not MEDS_RE.search(text):
                continue
            elif not _taken_back(canon, name, category, m):
                found.append(m)
            elif trace is not None:
                trace.add("x:%s:%s" % (category, name))
    if category == EATING and words & _NUMBER_WORDS:
        numbers = _eating_numbers(canon)
        if trace is not None and numbers:
            trace.add("p:eating:numbers")
        found += [m for m in numbers if not _taken_back(canon, "numbers", category, m)]
    if category == WITHDRAWAL:
        found = _withdrawal(canon, words, found)
    if category in (MEDICATION, WITHDRAWAL) and found and _helped(canon):
        found = _dropped(trace, "h:" + category)
    if category in (MEDICATION, WITHDRAWAL) and found and JOB_RE.search(text) and PROFESSIONAL_RE.search(text):
        found = _dropped(trace, "j:" + category)  # "I'm a pharmacist ... explaining how to come off antidepressants safely"
    if category == MEDICATION and found and MED_OK_RE.search(text):
        found = _dropped(trace, "o:" + category)
    return found + direct


def _dropped(trace, why):
    """No findings, noting why in the trace."""
    if trace is not None:
        trace.add(why)
    return []


WITHDRAWAL_PAST_RE = re.compile(r" (?:(?:\d+|two|three|four|five|six|ten|many|several|a few) (?:years|months) "
                                r"(?:\w+ ){0,3}?(?:clean|free|sober)|in recovery|recovered|used to|"
                                r"(?:clean|sober) (?:for|since) ) ")
STRONG_SUB_RE = re.compile(r" (?:benzo|opioid|gear) ")
BARE_STOP_RE = R(r"stop|quit|give up|come off|get off|kick it|be clean|get clean|get sober|go sober|"
                 r"(?:to|down to) (?:nothing|zero|none)|(?:give|giving) (?:it|them) up|(?:stop|quit|kick) it|"
                 r"pack it in|knock it on the head|(?:drink|drinking) nothing|no (?:alcohol|drink|drinks) at all|"
                 r"go dry|be dry|dry from|"
                 r"throw (?:them|it) (?:all )?out|throwing (?:them|it) (?:all )?out|never (?:taking|take) another")


def _withdrawal(canon, words, found):
    """Stopping a substance is a risk when it is benzodiazepines or opioids, or heavy or
    long use, or all at once; not when it is gradual (and help is checked by the caller)."""
    text = canon.text
    detox = [m for m in found if m.re is WITHDRAWAL_P[0][1].compiled()]
    hard = HARD_RE.search(text) or (words & {"drinking", "drink", "drinks"} and not SOFT_DRINK_RE.search(text))
    if detox or not hard:
        return detox
    if WITHDRAWAL_PAST_RE.search(text) and not re.search(r" (?:still|again|relapse|relapsed|relapsing|using|started) ",
                                                             text):
        return []
    if GRADUAL_RE.search(text) and " cold turkey " not in text:
        return []
    if not (HEAVY_RE.search(text) or STRONG_SUB_RE.search(text) or " cold turkey " in text):
        return []
    if not found:
        # "I drink a litre a day ... my goal is to just stop": the stop may sit in another sentence.
        found = [m for m in BARE_STOP_RE.finditer(text) if not _taken_back(canon, "stop", SUICIDE, m)]
    return found


# A second, looser net for suicide: in one sentence, the writer (I, me, my), a
# death word and a wish, plan or hopelessness word, with no idiom of dying.
WEAK_DEATH_RE = R(r"die|dying|dead|death|suicide|suicidal|not wake|never wake|end my life|not exist|"
                  r"kill myself|not be alive|gone forever|disappear forever")
WEAK_WANT_RE = re.compile(
    r" (?:want|wanted|wanna|wish|wishing|wished|ready|plan|planning|hope|hoping|pray|praying|tired|done|point|"
    r"can not|any more|forever|for good|better off|burden|nobody|no one|relief|relieved|peace|escape|deserve|"
    r"urge|urges|thinking|thoughts|wonder|wondering|rather|easier|sometimes|keep|let me|just) ")
WEAK_IDIOM_RE = re.compile(
    r" (?:dying (?:for|to|of)|die (?:for|of|trying|laughing|happy|old|hard|my|her|his|the|young)|to die for|"
    r"(?:bored|scared|worried|worked|freezing|frozen|starving|tired) to death|death of|deaths? (?:in|from|rate)|"
    r"dead (?:tired|on|end|set|easy|good|serious|line|weight|lift|lifts|lifting|heat|battery|phone|plant|plants|"
    r"inside|to me|on my feet|beat)|deadline|before i die|dies someday|everyone dies|(?:afraid|scared|fear|terrified|"
    r"frightened|worry|worried|worrying|anxious|anxiety|panic|panicking) (?:of |about |that )?(?:\w+ ){0,3}?"
    r"(?:dying|death|die)|like i am (?:going to|gonna) die|dying (?:mum|dad|mother|father|nan|gran|grandad|"
    r"grandma|grandpa|friend|dog|cat|pet|phone|battery|plants?|relative|parent)|(?:his|her|their|\w+s) "
    r"(?:death|funeral|suicide)|near death|grim reaper|death metal|brain dead|walking dead|the dead|day of the dead|"
    r"undead|dead or alive|life or death|funeral (?:director|home|plan|planning|costs)|died|passed away) ")


def _weak_suicide(canon):
    """Spans of a sentence where the writer, a death word and a wish word meet."""
    found = []
    for m in WEAK_DEATH_RE.finditer(canon.text):
        sentence, before = _window(canon, m.start(), m.end(), 12, 8)
        if not (FIRST_RE.search(sentence) and WEAK_WANT_RE.search(sentence)):
            continue
        if WEAK_IDIOM_RE.search(sentence) or _taken_back(canon, "weak*", SUICIDE, m):
            continue
        found.append(m)
    return found


# Looser nets for self-harm and abuse, in one sentence: a harm word and a word
# that makes it the writer's own (urges, relapse, on purpose; a partner's
# violence towards me), with the everyday idioms of those words excluded.
WEAK_SH_RE = R(r"cut|cuts|cutting|burn|burns|burning|scratch|scratching|blade|blades|razor|razors|bleed|bleeding|"
               r"scars|bruises|hurt myself|harm myself|hurting myself|harming myself")
WEAK_SH_CONTEXT_RE = re.compile(r" (?:urge|urges|relapse|relapsed|relapsing|streak|days free|weeks free|months free|"
                                r"numb|on purpose|deserve it|punish myself|release|calm down|cope|coping|feel "
                                r"something|feel better|feel real) ")
WEAK_SH_IDIOM_RE = re.compile(
    r" (?:cut|cuts|cutting) (?:down|back|out|off|ties|corners|costs|the cord|my hair|carbs|sugar|it out|loose|in|up|"
    r"myself some|myself a|myself off|spending|screen|time|calories|caffeine|alcohol|smoking|meat)|(?:burn|burns|burning) "
    r"(?:out|bridges|calories|fat|off|the|candles|incense|a candle)|burnout|burnt out|burned out|"
    r"(?:urge|urges) to (?:smoke|vape|drink|eat|snack|check|scroll|binge|buy|spend|shop|gamble|text|call|quit) ")
WEAK_ABUSE_RE = R(r"(?:he|she|" + PARTNER + r"|my dad|my mum|my stepdad|my father|my mother) (?:\w+ ){0,3}?"
                  r"(?:hit|hits|hitting|slapped|slaps|punched|punches|kicked|kicks|shoved|shoves|pushed|choked|chokes|"
                  r"strangled|threatened|threatens|hurt|hurts|raped|rapes|grabbed|bruised|beat|beats|beating)"
                  r"(?! (?:his|her|their|the|a|it|back|them|out|off|up|on|at|my (?:feelings|confidence|pride)))"
                  r"(?= (?:me|us|my|\.|,|and|again|when|if|$)| ?$)")


def _weak_nets(canon):
    """(category, spans) from the looser self-harm and abuse nets, or None."""
    for m in WEAK_ABUSE_RE.finditer(canon.text):
        sentence, before = _window(canon, m.start(), m.end(), 12, 8)
        if re.search(r" (?:never|not|no longer|nobody|no one) ", " " + m.group() + " "):
            continue
        if FIRST_RE.search(sentence) and not GAME_RE.search(sentence) and \
                not _taken_back(canon, "weak abuse", ABUSE, m) and \
                not re.search(r" (?:never|not|no longer|has not|did not|would not) (?:\w+ ){0,3}?$", before + " ".join(
                    canon.text[m.start():m.end()].split()[:1]) + " "):
            return ABUSE, [m]
    for m in WEAK_SH_RE.finditer(canon.text):
        sentence, _ = _window(canon, m.start(), m.end(), 12, 8)
        if FIRST_RE.search(sentence) and WEAK_SH_CONTEXT_RE.search(sentence) and \
                not WEAK_SH_IDIOM_RE.search(" " + canon.text[m.start():m.end() + 30]) and \
                not _taken_back(canon, "weak sh*", SELF_HARM, m):
            return SELF_HARM, [m]
    return None


def rules(canon, trace=None):
    """The patterns and nets alone: a Safety or None.

    With ``trace`` (a set), every category whose trigger words occur is judged,
    not only up to the first finding, and what fired is recorded ("f:<cat>" for
    a category found, "w:<cat>" for a looser net, plus _matches' entries): the
    learned detector's rule features.  The result is the same either way."""
    words = set(canon.words)
    weak = None
    first = None
    for category in CATEGORIES:
        if category == SELF_HARM and weak is None:
            weak = _weak_nets(canon) or ()
            if weak and trace is not None:
                trace.add("w:" + weak[0])
            if weak and weak[0] == ABUSE and first is None:
                first = _result(canon, ABUSE, weak[1])
                if trace is None:
                    return first
        if words.isdisjoint(TRIGGERS[category]):
            continue
        found = _matches(canon, category, words, trace)
        if not found and category == SUICIDE:
            found = _weak_suicide(canon)
            if found and trace is not None:
                trace.add("w:" + SUICIDE)
        if found:
            if trace is None:
                return _result(canon, category, found)
            trace.add("f:" + category)
            if first is None:
                first = _result(canon, category, found)
    if first is None and weak:
        first = _result(canon, *weak)
    return first


def _result(canon, category, found):
    """A Safety whose evidence is the matches' spans in the original text, merged."""
    return _merge(category, [canon.span(m.start(), m.end()) for m in found])


# Whole-text context the take-backs look at, as features of their own: the learned
# detector can then weigh "a pattern fired, but the text is told in the past" itself.
CONTEXT = (("past", PAST_STRONG_RE), ("current", CURRENT_RE), ("third", THIRD_RE), ("job", JOB_RE),
           ("professional", PROFESSIONAL_RE), ("decided", DECIDED_RE), ("idiom", IDIOM_RE), ("game", GAME_RE),
           ("moving", MOVING_RE), ("surprise", SURPRISE_RE), ("fast ok", FAST_OK_RE), ("gradual", GRADUAL_RE),
           ("denied", DENIED_RE), ("unwanted", UNWANTED_RE))


def features(canon):
    """(the rules' Safety or None, the set of rule features): what fired and was taken back
    (rules' trace), the whole-text context, help named, and the rules' own decision."""
    trace = set()
    found = rules(canon, trace)
    text = canon.text
    for name, rx in CONTEXT:
        if rx.search(text):
            trace.add("c:" + name)
    if _helped(canon):
        trace.add("c:helped")
    trace.add("r:none" if found is None else "r:" + found.category)
    return found, trace
