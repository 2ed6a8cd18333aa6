"""The safety screen's seven categories, what the person reads for each, and the result object.

Why a module of its own: the category names and the messages are the screen's
contract with the page (feedback.js shows ``message``, sets ``data-safety`` to
``category``) and with ``check_goal``; the rules, the learned detector and the
tests all name them, so they sit apart from how a risk is found.  The wording
follows safe-messaging guidance (README, "Safety screen").  Stdlib only.
"""


SUICIDE = "suicide"
SELF_HARM = "self_harm"
EATING = "eating"
WITHDRAWAL = "substance_withdrawal"
MEDICATION = "medication"
VIOLENCE = "violence_to_others"
ABUSE = "abuse_victim"
# When several categories match, the first one here is shown (most urgent first).
CATEGORIES = (SUICIDE, VIOLENCE, ABUSE, SELF_HARM, EATING, WITHDRAWAL, MEDICATION)

# What the person reads.  Safe-messaging guidance (see README, "Safety
# screen"): speak to the person, no judgement, no method details, hope and
# help-seeking first, name the kind of help that fits.
HELP_PAGE = "The Getting help now page lists services where you live."
MESSAGES = {
    SUICIDE: (
        "What you wrote matters, and it sounds like things may be very hard right now. "
        "You don't have to carry this on your own: support is there, and feelings like this can ease with help. "
        "If you are thinking about ending your life, please reach out now to a crisis line or someone you trust, "
        "or call your emergency number if you might act on these thoughts. " + HELP_PAGE),
    SELF_HARM: (
        "What you wrote matters, and wanting things to change is a real step. "
        "You don't have to manage urges to hurt yourself alone: a crisis line can listen right now, "
        "and your GP or a therapist can help you find support that fits. "
        "If you are hurt or feel unsafe, call your emergency number. " + HELP_PAGE),
    EATING: (
        "What you wrote matters, and your health matters. "
        "Goals about not eating, fasting, purging or losing a lot of weight quickly can harm your body and mind, "
        "and support is there: an eating-disorder service or your GP can help you find a goal that looks after you. "
        + HELP_PAGE),
    WITHDRAWAL: (
        "What you wrote matters, and wanting to change your drinking or drug use is a real step. "
        "Stopping heavy drinking suddenly can be dangerous, and so can stopping benzodiazepines or opioids all at once: "
        "talk to a doctor or a drug and alcohol service first, and they can help you stop safely. " + HELP_PAGE),
    MEDICATION: (
        "What you wrote matters. Talk to your prescriber before changing medication: "
        "stopping or changing a dose on your own can bring back symptoms or cause withdrawal effects, "
        "and your prescriber can help you plan a change safely. " + HELP_PAGE),
    VIOLENCE: (
        "What you wrote matters, and it takes honesty to write it down. "
        "If you feel you might hurt someone, get urgent help now: call a crisis line, or your emergency number "
        "if someone is in danger. Your GP or a therapist can help you with these thoughts and feelings, "
        "and support is there for you. " + HELP_PAGE),
    ABUSE: (
        "What you wrote matters. It sounds like someone may be hurting, threatening or controlling you. "
        "That is not your fault, and you deserve to be safe. Domestic-abuse services can help in confidence, "
        "including keeping your phone and devices safe. Leaving can be the most dangerous time, and specialists "
        "can help you plan. If you are in danger now, call your emergency number. " + HELP_PAGE),
}


class Safety:
    """A screen result: the category, what to say, and the words that showed it."""

    __slots__ = ("category", "message", "evidence")

    def __init__(self, category, evidence):
        self.category = category
        self.message = MESSAGES[category]
        self.evidence = evidence

    def to_dict(self):
        return {"category": self.category, "message": self.message,
                "evidence": [[int(s), int(e)] for s, e in self.evidence]}


def _merge(category, spans):
    """A Safety whose evidence is these spans, sorted and merged where they touch."""
    merged = []
    for s, e in sorted(set(spans)):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return Safety(category, [tuple(x) for x in merged])
