"""Relevant: read from the person's own "why", never from the goal itself.

A reason in their own terms is met; a reason that is only someone else's
pressure is partial; no reason yet gets a gentle prompt.
"""

import re

from .report import Criterion, MET, PARTIAL, MISSING, say
from .clauses import normalize

EXTERNAL_RE = re.compile(
    r"\b(?:says?|said|told me|tells me|wants? me|want(?:ed)? me|expects?|expected|made me|makes me|"
    r"is making me|nags?|nagging|insists?|thinks? i should|keeps? saying|suggested|recommended|"
    r"supposed to|meant to|have to|has to|had to|got to|should|must|ought to|everyone|everybody|"
    r"people think|they think|others|society|my (?:mum|mom|dad|parents?|partner|wife|husband|boss|"
    r"manager|doctor|gp|therapist|teacher|family|friends?)\b)")
PERSONAL_RE = re.compile(
    r"\b(?:i want|i'd like|i would like|i love|i like|i enjoy|i miss|i care|i value|i hate|i'm tired of|"
    r"i am tired of|i'm sick of|fed up|i feel|i felt|i wish|i hope|i need|matters? to me|important to me|"
    r"means a lot|for me|for myself|my own|so (?:that )?i|so i can|to be able|i'd be able|i'll be able|"
    r"i could|i can|i've always|i have always|i used to|i am proud|i'm proud|makes me (?:feel )?(?:happy|"
    r"calm|proud|better|good)|my health|my kids|my children|my family|my future|i'm scared|i am scared|"
    r"i'm worried|i am worried|i don't want|because i)\b")
UNSURE_RE = re.compile(r"^\W*(?:idk|i don't know|dunno|not sure|no idea|no reason|nothing|n/?a|none|\?+)\W*$")


def judge(an, context=None):
    """Judged from context.why alone: the goal's own words never make it relevant."""
    why = context.why if context is not None and isinstance(context.why, str) else ""
    norm = " ".join(normalize(why).split())
    if not re.search(r"[^\W_]", norm) or UNSURE_RE.match(norm):
        return Criterion(MISSING, "Why does this goal matter to you? A reason in your own words helps on the "
                                  "days it feels hard.",
                         "Try finishing the sentence \u201cThis matters to me because I\u2026\u201d, for "
                         "example \u201c\u2026 I want to enjoy Sunday dinners with my family again\u201d.", [])
    personal = PERSONAL_RE.search(norm)
    external = EXTERNAL_RE.search(norm)
    if external and not (personal and not re.search(r"\bbecause i (?:have|had|should|must|ought)\b", norm)):
        return Criterion(PARTIAL, "It sounds like this comes at least partly from someone else's wishes. "
                                  "That's very common. What would it give you, in your own life?",
                         "Add a reason of your own, for example \u201cso I have more energy to play with my "
                         "kids\u201d.", [])
    return Criterion(MET, say(("You've said why this matters to you in your own words. That reason can carry "
                               "you through the harder days.",
                               "You've said why this matters to you in your own words."),
                              getattr(context, "plain", False)), None, [])
