"""Words for the cases where the learned decision and the rules disagree.

The rules' messages quote the person's words and stay whenever the model
agrees with them (most goals). When the model, which has read far more
goals than the rules were written for, decides otherwise, the status
follows the model and the message below says so in the same voice: warm,
concrete, and still quoting what the rules found where that helps. In the
caution tier (safety.assess) the PLAIN wording replaces the warm one.
"""

from .attainable import within_reach
from .report import Criterion, MET, PARTIAL, MISSING, quote, say

# criterion -> (met message, not-met message, not-met suggestion). "{words}"
# becomes the quoted evidence; each message has a form without it.
OVERRIDES = {
    "specific": (
        ("You've named something concrete to do ({words}) and the situation it belongs to. That makes it easy "
         "to picture and easy to start.",
         "You've named something concrete to do and the situation it belongs to. That makes it easy to "
         "picture and easy to start."),
        ("You've made a start ({words}). What exactly would you do, and where, when or with whom? A step a "
         "friend could see you take is the easiest one to begin.",
         "What exactly would you do, and where, when or with whom? A step a friend could see you take is the "
         "easiest one to begin."),
        "For example: \u201ctext one friend on Sunday evenings\u201d rather than \u201cbe more social\u201d."),
    "measurable": (
        ("You'll be able to tell how you're doing: {words} gives you something to count or check.",
         "You'll be able to tell how you're doing: there's something here you can count or check."),
        ("The number here ({words}) describes the situation or the bar rather than something you could count "
         "as you go, so it doesn't yet show progress.",
         "It's not yet clear how you'd notice progress. What could you count, time or rate?"),
        "Add how often, how many or how long, for example \u201ctwice a week\u201d or \u201cfor 20 minutes\u201d."),
    "time_bound": (
        ("There's a time frame here ({words}), so you'll know when to look back and see how it went.",
         "There's a time frame here, so you'll know when to look back and see how it went."),
        ("You've said when ({words}), but not yet when you'll look back. An end point or review date gives you "
         "a moment to see how it went and celebrate.",
         "There's no time frame yet. When would you like to check how it's going?"),
        "Add a finish line, for example \u201c\u2026 for the next four weeks\u201d or \u201c\u2026 by the end of "
        "the month\u201d."),
}

# The caution tier's wording (report.say): the same shape as OVERRIDES' two messages, saying what is
# there and nothing about it being good. The suggestions stay.
PLAIN = {
    "specific": (
        ("Your goal names something to do ({words}) and the situation it belongs to.",
         "Your goal names something to do and the situation it belongs to."),
        ("Your goal mentions {words}. It does not yet say what exactly you would do, and where, when or with whom.",
         "It does not yet say what exactly you would do, and where, when or with whom.")),
    "measurable": (
        ("Your goal has something to count or check: {words}.",
         "Your goal has something to count or check."),
        OVERRIDES["measurable"][1]),
    "time_bound": (
        ("Your goal names a time frame ({words}).", "Your goal names a time frame."),
        ("Your goal says when ({words}), but not yet when you'll look back.",
         "There's no time frame yet. When would you like to check how it's going?")),
}


def follow(name, rule, met, text, hints=(), plain=False):
    """The rule's criterion when the model agrees; otherwise the model's
    status, worded from OVERRIDES with the rule's evidence quoted. hints are
    spans the model's own cues point at ("until exams", "twice"); when the
    model says met they are the evidence, since what the rules found there
    (a start, a rhythm) is exactly what they did not count."""
    if (rule.status == MET) == met:
        return rule
    yes, no, suggestion = OVERRIDES[name]
    if plain:
        yes, no = PLAIN[name]
    if met and hints:
        rule = Criterion(rule.status, rule.message, rule.suggestion, list(hints))
    words = quote(text, rule.evidence, 3) if rule.evidence else ""
    with_words, plain = yes if met else no
    msg = with_words.replace("{words}", words) if words else plain
    if met:
        return Criterion(MET, msg, None, rule.evidence)
    return Criterion(PARTIAL if words else MISSING, msg, suggestion, rule.evidence)


def attainable(rule, risk, confidence, plain=False):
    """Risk follows the model; with no risk, confidence speaks as before."""
    if (rule.status == MISSING) == risk:
        return rule
    if risk:
        return Criterion(MISSING, say(("This asks a lot in one go, so one off day could feel like failing even "
                                       "when you're doing well. Big changes usually come from a run of smaller "
                                       "steps.",
                                       "This asks a lot in one go. Big changes usually come from a run of "
                                       "smaller steps."), plain),
                         "Pick the part that matters most and a first step you're sure you can take; keep the "
                         "rest for later.", rule.evidence)
    return within_reach(confidence, plain)
