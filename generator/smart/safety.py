"""The safety screen: a goal that signals risk of harm is met with help, never
with SMART praise.  It runs before every other part of the checker.

Why it is built this way (not a list of bad words):

* People type as they talk: lowercase, typos, text-speak, slang and
  euphemisms ("kms", "unalive", "be gone", "better off without me").  The text
  is first turned into *canonical tokens*: contractions expanded, a small
  spelling/slang table, leetspeak ("su1c1de"), masked letters ("k*ll") and one
  edit of distance to a short risk lexicon.  Every canonical token remembers
  the span of the original word, so evidence points into the person's text.
* A risk is a *combination*: a harm concept, a target (myself / another
  person / me as the one being hurt) and a direction (want to, stop, less).
  "kill it at work", "smash my interview", "cut back on crisps" never form
  such a combination, so idioms fall away without a list of idioms.
* Explicit negative context takes back what a pattern found: a prescriber,
  GP or detox service named (medication and withdrawal), recovery told in the
  past tense with no current urge, someone else's story ("support my sister
  who self harms"), awareness and prevention work.
* Behind the patterns sit looser nets: one sentence holding the writer, a
  harm word and a word that makes it theirs (a wish, urges, relapse, a
  partner's violence towards "me"), with the idioms of those words excluded.
* Rules alone did not generalise (each new probe set's first measurement
  caught about two thirds of its risky goals), so a small learned detector
  (risk.py, trained by generator/train_safety.py) reads the same canonical
  words and flags what no pattern describes, at a threshold chosen by
  cross-validation by author (each writer's goals held out in turn).  A
  "joint" use, where the model also reads the rules' findings and decides
  alone, is compared with it on the same folds at every training.
* Cost: one tokenising pass (canonical words are remembered), then only the
  categories whose trigger words occur run their patterns, then one sum per
  head (per sentence too): about 0.16-0.18 ms of CPU per goal natively, the
  detector's share about 0.04-0.05 ms (``python -m bench.safety``; budget 0.3 ms).

* Unsure is not safe: by author cross-validation about one risky goal in
  four from an unseen writer still scores below the threshold, and ordinary
  SMART feedback praises it.  So a second, lower log-odds (``caution``,
  chosen by the same cross-validation under an ordinary-goal budget) marks a
  *caution* tier: the goal keeps its SMART breakdown, worded without praise,
  and the page shows a calm line pointing to help (``assess``).

The screen decides only whether to hold back praise and show help; it does not
diagnose anyone.  Stdlib only, relative imports: it ships to Pyodide as is.

The parts, each in its own module (this one is the entry: ``screen`` and the
names the rest of the checker, the trainer and the tests use):

* safety_categories.py: the seven categories, the messages, the result;
* safety_lexicon.py: spelling, slang and typo tables;
* safety_canon.py: canonical words with spans (``Canon``);
* safety_patterns.py: per-category patterns and their trigger words;
* safety_context.py: the take-backs (past, someone else, help named, idioms);
* safety_rules.py: patterns + take-backs + numeric checks + looser nets;
* safety_signals.py: indirect suicide constructions ("not here by christmas",
  "log off for good"), features of the learned detector, never a decision.

Disguised spellings are read before both halves (safety_canon.Canon): "k!ll",
"ki||", "$uicide", letters spelled out ("k i l l", "s.u.i.c.i.d.e"), held
letters ("diiiie"), short-word typos ("klil", "slef"), split slang ("sewer
slide", "un-alive") and a few emoji; evidence still points at what was typed.
"""

from . import risk
from .safety_canon import Canon
from .safety_categories import (
    ABUSE, CATEGORIES, EATING, MEDICATION, MESSAGES, SELF_HARM, SUICIDE, VIOLENCE, WITHDRAWAL, Safety, _merge)
from .safety_context import CURRENT_RE, PAST_STRONG_RE, _helped
from .safety_patterns import _WEAK
from .safety_rules import features, rules

# The names the checker, the trainer, the bench and the tests use (most are re-exported).
__all__ = ["ABUSE", "CATEGORIES", "CURRENT_RE", "Canon", "EATING", "MEDICATION", "MESSAGES", "PAST_STRONG_RE",
           "SELF_HARM", "SUICIDE", "Safety", "VIOLENCE", "WITHDRAWAL", "assess", "features", "learned", "rules",
           "assess_why", "screen", "screen_why"]


def screen(text):
    """A Safety when the text signals risk of harm, else None (``assess`` without the caution tier)."""
    return assess(text)[0]


def screen_why(text):
    """``screen`` for the person's answer to "why does this matter to you?": the same rules and
    detector, flagging at the detector's own threshold for whys (risk.Detector.why_threshold)."""
    return assess_why(text)[0]


def assess_why(text):
    """``assess`` for the person's why: flagged at the detector's why threshold, caution at its why
    caution line (risk.Detector.why_threshold, why_caution)."""
    model = risk.detector()
    if model is None:
        return assess(text)
    return assess(text, model.why_threshold, model.why_caution)


def assess(text, threshold=None, caution=None):
    """(Safety or None, caution): caution is True when the screen does not flag the text but the
    learned risk head's log-odds reach the detector's lower caution threshold, so the checker
    withholds praise (never True beside a Safety).

    With the shipped ("joint") detector the learned risk head decides, reading the
    canonical words *and* what the rules found and took back (safety_rules.features):
    it can add what no pattern describes and overrule a pattern on a near-miss.  A
    flagged goal keeps the rules' category and evidence when a rule fired.  With a rule
    floor (``model.floor``, trained as the "hybrid" design) a goal a rule found is flagged
    from that lower log-odds up, so the model overrules a rule only when it is fairly sure;
    a why is read at its own thresholds, without the floor.  With an
    "or" detector (the earlier design) the rules decide first and the model only adds.
    Without weights, the rules alone (and no caution tier).
    ``threshold``, ``caution``: the log-odds to flag at and the caution line (default the detector's,
    chosen on goals)."""
    if not text or not text.strip():
        return None, False
    canon = Canon(text)
    model = risk.detector()
    if model is None:
        return rules(canon), False
    # The rule floor is chosen on goals: a why is read at its own thresholds only.
    goal = threshold is None
    if threshold is None:
        threshold = model.threshold
    if caution is None:
        caution = model.caution
    if model.design != "joint":
        found = rules(canon)
        if found is not None:
            return found, False
        found, margin = _learned(canon, threshold=threshold)
        return found, found is None and margin >= caution
    found, feats = features(canon)
    if found is None:
        found, margin = _learned(canon, rule_features=feats, threshold=threshold)
        return found, found is None and margin >= caution
    margin = model.margin(canon.words, feats)[0]
    if margin >= threshold or (goal and model.floor is not None and margin >= model.floor):
        return found, False
    return None, margin >= caution


def learned(canon, veto=False, rule_features=None):
    """A Safety when the learned risk head's log-odds reach its cross-validated
    threshold (risk.py).  Evidence: the sentence holding the heaviest feature;
    category: the category head.  ``veto`` lets a prescriber or service named
    in the plan take back a medication or withdrawal finding, as the rules'
    take-back does; measured by set it removed no false alarm and lost true
    hits (generator/train_safety.py), so the shipped screen does not use it.
    ``rule_features``: the rules' features when the caller has them (a "joint"
    detector reads them; computed here when not given).
    A missing risk_weights.py means the rules alone."""
    return _learned(canon, veto, rule_features)[0]


def _learned(canon, veto=False, rule_features=None, threshold=None):
    """(``learned``'s answer, the risk head's log-odds); no detector: (None, -inf)."""
    model = risk.detector()
    if model is None:
        return None, float("-inf")
    if rule_features is None and model.design == "joint":
        rule_features = features(canon)[1]
    margin, idx = model.margin(canon.words, rule_features or ())
    if margin < (model.threshold if threshold is None else threshold):
        return None, margin
    category = model.category(idx)
    if veto and category in (MEDICATION, WITHDRAWAL) and _helped(canon):
        return None, margin
    # Evidence: the sentence holding the heaviest risk feature (one word would mislead: the
    # model weighs the whole sentence, not a word).
    i = model.evidence(idx, canon.words, _WEAK)
    if i is None:
        i = 0
    lo, hi = i, i
    while lo > 0 and canon.words[lo - 1] != ".":
        lo -= 1
    while hi + 1 < len(canon.words) and canon.words[hi + 1] != ".":
        hi += 1
    return _merge(category, [(canon.spans[lo][0], canon.spans[hi][1])]), margin
