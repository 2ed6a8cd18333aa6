"""Train the safety screen's learned risk detector and write generator/smart/risk_weights.py.

    python -m generator.train_safety [--check] [--grid] [-v] [--designs joint] [--jobs 2] [--whys] [--why-rows] [--augment W]
                                                               (part of make train)

Dev-only (scikit-learn, requirements-dev.lock); the shipped screen reads the
weights with the standard library alone (smart/risk.py, smart/learned.py).

Why cross-validation by *author*: each risk set was written by one person, and
goals by one person echo each other (their phrasings, their near-misses). The
question that matters is "what happens with the next writer nobody has seen?",
so every figure here holds out one author's goals at a time:

* dev (dev.yaml, blind author 1), blind3 (blind author 2), test (blind author 3:
  the former held-out set, measured once at recall 0.861 / 6.1% false alarms;
  trained on since), probes (cases.yaml and probe2-14.yaml: the previous
  engineer, one author, not blind), blind4 to blind8 (five more blind authors,
  when present; blind6-8 first measured by the lead on the six-group screen at
  pooled 0.748 / 6.3%, trained on since), r3, r4a, r4b, r5a, r5b (heldout_*.yaml: rounds 3-5's
  held-out sets, five more blind authors, each measured once, trained on since round 6) and t6a, t6b
  (train_t6*.yaml: two blind authors who wrote training data for round 6), t7a, t7b, t7c (train_t7*.yaml:
  three more for round 7), r6a, r6b, r7a, r7b (heldout_r6*.yaml, heldout_r7*.yaml: rounds 6 and 7's
  held-out sets, four more blind authors, each measured twice, trained on since round 8) and t8a to t8d
  (train_t8*.yaml: four blind authors who wrote training data for round 8), r8a, r8b (heldout_r8*.yaml: round
  8's held-out sets, each measured twice, trained on since round 9), r9a, r9b (heldout_r9*.yaml: round 9's
  held-out sets, each measured three times, trained on since round 11), r10a, r10b (heldout_r10*.yaml: round
  10's held-out sets, each measured twice, trained on since round 11) and t11a to t11f (train_t11*.yaml: six
  blind authors who wrote training data for round 11), r11a, r11b (heldout_r11*.yaml: round 11's held-out
  sets, each measured twice, trained on since round 13), t12a to t12f (train_t12*.yaml: six blind authors who
  wrote training data for round 12, trained on since round 13) and r12a, r12b (heldout_r12*.yaml: round 12's
  held-out sets, each measured twice, trained on since round 13), r13a, r13b, r14a, r14b (heldout_r13*.yaml,
  heldout_r14*.yaml: rounds 13 and 14's held-out sets, each measured twice, trained on since round 15) and t14a
  to t14c (train_t14*.yaml: three blind authors who wrote training data for round 14, trained on since round
  15), r15a, r15b (heldout_r15*.yaml: round 15's held-out sets, each measured twice, trained on since round
  16), r16a to r18b (heldout_r16*.yaml to heldout_r18*.yaml: rounds 16-18's held-out sets, round 16's measured
  twice, 17 and 18's once each by two screens, trained on since round 19); near-misses may say
  ``near: <category>`` instead of ``category``;
* ordinary goals, all negatives, in three groups: the SMART corpus's a_*.yaml,
  its b_*.yaml, and the other SMART sets (../shared/smart-goals/dev.yaml,
  tests/smart/cases*.yaml). tests/smart/heldout.yaml is never read.

The rules (safety_rules.py) were written while reading dev and the probes, so
on those folds the rules' own figures are in-sample; every other author (UNSEEN: blind3, test,
blind4 to blind8, r3 to r5b, t6a to t7c) is an unseen-author fold, where the comparison is honest.

Three designs are compared on the same folds:

* "or" (the earlier design): the rules decide first; a model over the canonical
  words (word, word-pair, word-piece features) only adds flags, at the lowest
  threshold where it adds false alarms on <= 1% of near-misses;
* "joint": one model reads the same words *plus the rule features* (which
  patterns fired, which take-backs removed them, the whole-text context, the
  rules' decision: safety_rules.features), and its risk head alone decides, so
  it can also overrule a rule that fires on a near-miss. Its threshold is the
  lowest log-odds where false alarms on near-misses stay <= FA_TARGET;
* "hybrid" (round 13): the joint model at the joint threshold, plus a lower *rule floor*: a goal a rule
  found is flagged from the floor up, so the model overrules a rule only when it is fairly sure (the
  joint model alone let "I want to kill my boss" through to the caution tier). The floor is the lowest
  log-odds at which those rule findings add false alarms on <= OR_MAX_ADDED (1%) of near-misses, ordinary
  goals flagged still <= MAX_ORDINARY_FLAGS (choose_floor, nested like the threshold). It reuses the
  joint design's fits, and ships as a joint detector with a ``floor`` (risk.Detector.floor).

Both read each goal whole and, when it has more than one sentence, each sentence alone, and take the
highest log-odds (SENTENCES, risk.sentences); every sentence of a near-miss or ordinary goal is a
negative training row.

The caution tier's threshold (ORDINARY_BUDGET) is chosen the same way, nested, for the shipped design:
the lowest log-odds at which ordinary goals that lose praise (flagged OR caution) stay <= 5%.

Each author is a fold (leave-one-author-out); ``--folds K`` puts whole authors in K folds instead
(author_folds), for when the pair fits below grow too many (round 12: 50 groups, 1,225 pair fits, a run
stopped unfinished after 117 CPU-minutes; ten folds: 45, under 5 minutes). Both thresholds are chosen *nested*:
for the held-out fold, on the other folds' out-of-fold scores (each scored by a model trained without it),
never on the held-out fold itself; ordinary goals flagged stay <= MAX_ORDINARY_FLAGS (1.5%) throughout.
``--designs joint`` cross-validates the joint design alone (half the fits; round 11 did, since "or" lost to
it in rounds 9 and 10's full runs: 0.833 / 6.8% against 0.885 / 3.3% in round 10); ``--jobs N`` spreads the
fits over N forked processes (the same fits, the same weights). ``--whys`` only chooses the why threshold
again for the weights that ship (below); ``--why-rows`` makes the whys training rows too (WHY_ROWS, below).
The shipped design is the one with the better recall minus half the false-alarm rate,
pooled over the unseen-author folds; its threshold is the same choice over all
out-of-fold scores, its weights fitted on everything.
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
import zlib
from pathlib import Path

from generator import train
from generator.smart import risk, safety

ROOT = Path(__file__).resolve().parents[1]
SAFETY_DIR = ROOT / "tests" / "smart" / "safety"
CORPUS = ROOT / "tests" / "smart" / "corpus"
ORDINARY_EXTRA = [ROOT.parent / "shared" / "smart-goals" / "dev.yaml", ROOT / "tests" / "smart" / "cases.yaml",
                  ROOT / "tests" / "smart" / "cases_blind.yaml", ROOT / "tests" / "smart" / "cases_patterns.yaml"]
OUT = ROOT / "generator" / "smart" / "risk_weights.py"
# Hashed feature buckets: 2**16 (was 2**13). Round 10 (issue 12, a research helper's study, 29 unseen writers,
# semi-nested author CV: each held-out author's thresholds chosen on the other authors' out-of-fold scores):
# at 2**13 the ~85,000 feature strings share 8,192 buckets ten to one (unrelated words and pieces share a
# weight); recall minus half the false alarms rose with every bit (13: 0.821, 14: 0.851, 15: 0.865,
# 16: 0.875) at the same budgets, and at 16 bits for every one of the 29 unseen writers. The weights' size
# grows with the buckets used, hence MIN_AUTHORS below.
BITS = 16
# A feature (bucket) is learned only when goals of at least MIN_AUTHORS groups (authors, or the ordinary
# goals' groups) among the training rows have it; the rest weigh 0 and are not stored. One writer's own
# phrasing is what the detector should not learn, and at 2**16 buckets it bounds risk_weights.py: 21,521
# buckets used instead of ~47,000, 236 KB of weights plus the CV table (about 261 KB; 304 KB at 3 groups,
# ~530 KB with every feature). Same study: 16 bits, every feature 0.892 recall / 3.4% false alarms (0.875);
# at least 2 groups 0.889 / 3.3% (0.873); 3 groups 0.888 / 3.3% (0.871); 4 groups 0.889 / 3.3% (0.873),
# 24 of 1,576 ordinary goals flagged; 13 bits (the shipped design) 0.838 / 3.3% (0.821), 27 of 1,576.
MIN_AUTHORS = 4
# Author groups of the risk sets, in order (a goal found in two files counts in the first).
AUTHORS = (("dev", ("dev.yaml",)), ("blind3", ("blind3.yaml",)), ("test", ("test.yaml",)),
           ("probes", ("cases.yaml", "probe*.yaml")), ("blind4", ("blind4.yaml",)), ("blind5", ("blind5.yaml",)),
           ("blind6", ("blind6.yaml",)), ("blind7", ("blind7.yaml",)), ("blind8", ("blind8.yaml",)),
           ("r3", ("heldout_r3.yaml",)), ("r4a", ("heldout_r4a.yaml",)), ("r4b", ("heldout_r4b.yaml",)),
           ("r5a", ("heldout_r5a.yaml",)), ("r5b", ("heldout_r5b.yaml",)),
           ("t6a", ("train_t6a.yaml",)), ("t6b", ("train_t6b.yaml",)),
           ("t7a", ("train_t7a.yaml",)), ("t7b", ("train_t7b.yaml",)), ("t7c", ("train_t7c.yaml",)),
           ("r6a", ("heldout_r6a.yaml",)), ("r6b", ("heldout_r6b.yaml",)),
           ("r7a", ("heldout_r7a.yaml",)), ("r7b", ("heldout_r7b.yaml",)),
           ("t8a", ("train_t8a.yaml",)), ("t8b", ("train_t8b.yaml",)), ("t8c", ("train_t8c.yaml",)),
           ("t8d", ("train_t8d.yaml",)), ("r8a", ("heldout_r8a.yaml",)), ("r8b", ("heldout_r8b.yaml",)),
           ("r9a", ("heldout_r9a.yaml",)), ("r9b", ("heldout_r9b.yaml",)),
           ("r10a", ("heldout_r10a.yaml",)), ("r10b", ("heldout_r10b.yaml",)),
           ("t11a", ("train_t11a.yaml",)), ("t11b", ("train_t11b.yaml",)), ("t11c", ("train_t11c.yaml",)),
           ("t11d", ("train_t11d.yaml",)), ("t11e", ("train_t11e.yaml",)), ("t11f", ("train_t11f.yaml",)),
           ("r11a", ("heldout_r11a.yaml",)), ("r11b", ("heldout_r11b.yaml",)),
           ("t12a", ("train_t12a.yaml",)), ("t12b", ("train_t12b.yaml",)), ("t12c", ("train_t12c.yaml",)),
           ("t12d", ("train_t12d.yaml",)), ("t12e", ("train_t12e.yaml",)), ("t12f", ("train_t12f.yaml",)),
           ("r12a", ("heldout_r12a.yaml",)), ("r12b", ("heldout_r12b.yaml",)),
           ("r13a", ("heldout_r13a.yaml",)), ("r13b", ("heldout_r13b.yaml",)),
           ("t14a", ("train_t14a.yaml",)), ("t14b", ("train_t14b.yaml",)), ("t14c", ("train_t14c.yaml",)),
           ("r14a", ("heldout_r14a.yaml",)), ("r14b", ("heldout_r14b.yaml",)),
           ("r15a", ("heldout_r15a.yaml",)), ("r15b", ("heldout_r15b.yaml",)),
           ("r16a", ("heldout_r16a.yaml",)), ("r16b", ("heldout_r16b.yaml",)),
           ("r17a", ("heldout_r17a.yaml",)), ("r17b", ("heldout_r17b.yaml",)),
           ("r18a", ("heldout_r18a.yaml",)), ("r18b", ("heldout_r18b.yaml",)))
# Authors whose goals the rules were never tuned on: the honest folds.
# (every author but the two the rules were written against: the list grows with AUTHORS, never apart from it)
IN_SAMPLE = ("dev", "probes")
UNSEEN = tuple(name for name, _ in AUTHORS if name not in IN_SAMPLE)
C_GRID = (0.5, 1.0, 2.0)
NEAR_GRID = (1.0, 2.0, 4.0)
C_DEFAULT = 1.0
NEAR_DEFAULT = 2.0
# Risky suicide goals weigh twice any other risky goal in the risk head (before the classes are balanced).
# Suicide is the category a new writer's goals were most often missed in (author CV, fourteen unseen
# writers pooled: 0.676 caught at weight 1); at 2 it is 0.706, and the screen as a whole 0.780 / 6.1%
# false alarms against 0.777 / 6.0% (recall minus half the false alarms 0.750 against 0.746; ordinary
# goals flagged 6 either way). One value tried, chosen before its figures; a small gain, kept by that rule.
SUICIDE_WEIGHT = 2.0
# The near-miss limit when a threshold is chosen. Round 9: 5% (was 2.5%, the 3% with room): in a
# research helper's study (semi-nested, same folds) the ordinary-goal budget below, not this limit, set the
# joint design's threshold, and raising this limit alone changed nothing; train_safety's own CV ran only with
# both changed. The false alarms measured on unseen writers are what is reported, and they fell.
FA_TARGET = 0.05
OR_MAX_ADDED = 0.01  # the "or" design: the model may add false alarms on at most 1% of near-misses
# Ordinary goals (the SMART corpus) that may get the support panel: at most 1.5%, about 1 in 67.
# Round 9 (a research helper's stacking study, then train_safety's own nested CV, 27 unseen writers): at 0.6%
# the threshold of the "joint" design sat where it caught 0.725 with 1.6% false alarms, and "or" shipped
# (0.789 / 6.5%, 8 of 1,576 ordinary goals flagged); at 1.5% "joint" catches 0.823 with 2.9% false alarms
# and flags 17 of 1,576: more risky goals met with help AND fewer near-misses, for 9 more ordinary goals.
# Why not 0.2% (the first choice): that budget, not the near-miss limits, set every threshold, and by
# author cross-validation it cost the unseen writers' risky goals more than it saved: at 0.2% the
# shipped "or" screen caught 0.706 with 5.9% false alarms; at 0.6% "joint" catches 0.736 with 2.6%
# (7 of 1,578 ordinary goals flagged instead of 1). A support panel shown to an ordinary goal is calm
# and costs little; a risky goal given SMART feedback is the harm this screen exists to prevent.
MAX_ORDINARY_FLAGS = 0.015
# The caution tier (safety.assess): below the flag threshold but at or above a lower log-odds, a goal keeps
# its SMART breakdown without praise. Its threshold is the lowest log-odds at which the ordinary goals that
# lose praise (flagged OR caution) stay <= 5%, about 1 in 20. Why 5%: an ordinary goal in the tier loses
# only its warm words (the breakdown and suggestions stay, plus one calm line about help), while a risky
# goal the screen misses is otherwise cheered on; 5% is the most a person writing everyday goals should
# see that line, about once in a worksheet's worth of goals, before it reads as noise.
ORDINARY_BUDGET = 0.05
# The person's "why" (check_goal's second text) is screened by the same rules and model at its own log-odds
# (risk.Detector.why_threshold), never below the goal's. Why: reasons are short, first-person and about
# feelings, and at the goal's threshold the round-10 screen flagged 58 of 400 blind ordinary whys; training on
# whys as a fourth ordinary group made the joint design worse (README, round 10). The why threshold is the
# lowest log-odds at which the ordinary whys of the why sets (WHYS_DIR: blind (goal, why) pairs, risky and not,
# and ordinary whys alone) flagged stay <= WHY_BUDGET, the false-alarm target. Without WHY_ROWS the whys
# are never training rows of the model, so their scores are out of sample for it; with it (shipped since round
# 16) each why is scored by a model that never saw its set (below). The threshold is chosen on those scores, so
# the figures on them are an upper bound, and each why set held out in turn (threshold from the others) is
# printed beside them.
# Below the why threshold, a why at or above its caution line (why_caution) takes the goal's praise away (the
# caution tier) without the support panel: the lowest log-odds, at least the goal's flag threshold, at which
# ordinary whys losing praise (flagged or caution) stay <= ORDINARY_BUDGET, the goal's caution-tier rule. Why:
# at the 3% budget alone, round 11's held-out (goal, why) pairs (whys_wC, measured once) were shown help for
# 0.721 of the risky ones, against 0.864 when the why was read at the goal's threshold: the panel's false
# alarms fell, but more risky reasons were cheered on.
WHYS_DIR = SAFETY_DIR / "whys"
WHY_BUDGET = 0.03
# --why-rows (issue 12, round 16's experiment): the whys of the why sets are also training rows, each set its own
# group ("why:<set>") in the same author folds: a risky pair's why is a positive (with the pair's category), an
# ordinary why a negative (kind "why": never a near-miss or an ordinary goal, so the goal thresholds and every goal
# figure are chosen and counted on goals alone, as without it). Each why (and its pair's goal) is then scored by
# the outer model of its set's fold, one that never saw that set, and the why threshold and caution line are
# chosen on those out-of-fold margins (choose_why_threshold), as the goal thresholds are. Off: the rows,
# the fits and the weights are exactly those without the option.
# Measured (author CV, 10 folds, make train's command; shipped before it: goals hybrid 0.860 / 3.24% false alarms,
# whys held out pooled 0.831 recall / 3.15% ordinary whys flagged): weight 1, goals 0.878 / 3.66%, whys 0.879 /
# 3.15% (caught by the why alone 0.794 -> 0.852); weight 0.5, goals 0.877 / 3.65%, whys 0.871 / 3.27%. The whys
# gain, and the goals' recall, but the goal threshold falls (1.75 -> 1.43 / 1.34: the ordinary-goal budget binds
# lower) and their false alarms rise 0.4 points on author CV. On by default since round 16: on round 18's blind
# held-out sets, which nothing was tuned on (weight 1, by a rule written before the look: help shown minus half
# the false alarms must gain 2), goals recall 0.834 -> 0.859 at the same 5.6% false alarms, pairs 0.829 -> 0.886
# at 8.7% -> 8.1% (README, "Round 16, third step").
WHY_ROWS = True
# With WHY_ROWS, a why row weighs WHY_ROW_WEIGHT times a goal of its class (before the classes are balanced).
WHY_ROW_WEIGHT = 1.0
WEIGHTS = {"why": WHY_ROW_WEIGHT}  # as run (--why-weight)
# The sentence reader (risk.sentences): the risk head also reads each sentence of a goal alone and the
# highest log-odds counts; in training every sentence of a near-miss or ordinary goal is one more negative
# row (a risky goal's sentences are not rows: most of a backstory is not the risk). Why: risk told in one
# sentence of a long backstory was diluted in the whole text's features. Author CV, fourteen unseen
# writers pooled, rules OR model: see README ("The sentence reader").
SENTENCES = True
# --augment W (issue 12, round 19): each risky goal and near-miss of the risk sets gets one derived row, in the
# SAME author group (so author CV never leaks), weighing W times its source (augment): "messy" (lower case, no
# punctuation or apostrophes, text-speak swaps, now and then a dropped letter) or "spliced" (the whole text
# placed in a numbered chore list or a short backstory of ordinary goals of one SMART corpus group, smart:*);
# the label stays the source's (a near-miss spliced stays a near-miss), and a long risky goal is only ever
# moved whole (nothing guesses which of its sentences is the risk). Derived rows are kind "derived": never
# scored, never counted in a figure or a threshold (only the original rows are held out and counted), never in
# the fingerprint; a fit that holds out the SMART group a spliced row's context came from drops that row too.
# 0 (the default): no derived rows, the rows, fits and weights exactly those without the option.
# Measured (round 19, author CV, 10 folds, make train's command, 27,802 goals in 79 groups, unseen authors pooled,
# hybrid): rounds 16-18's held-out sets as authors alone (step 1, shipped) 0.877 recall / 3.4% false alarms (joint
# 0.866 / 2.4%), 15/1569 ordinary goals flagged, thresholds 1.597 / floor -0.712; with --augment 0.3 (21,500
# derived rows: 10,371 messy, 11,129 spliced) 0.850 / 2.7% (joint 0.830 / 1.7%), 16/1569, thresholds 2.462 /
# floor -0.331, weights 472,845 B. Recall minus half the false alarms 0.860 against 0.837: lower recall at the
# same budgets. The spliced risky rows teach the ordinary goals of their context as risk, the ordinary-goal budget
# (MAX_ORDINARY_FLAGS) then binds higher and the goal threshold rises 1.60 -> 2.46; recall fell on every round
# 16-18 author (r18b 0.809 -> 0.752). Off by default. Not run for lack of time: weight 0.6, and messy rows alone.
AUGMENT = 0.0
AUGMENT_SPLICE_MAX_WORDS = 60  # longer goals are already backstories: only made messy
CATS = safety.CATEGORIES
DESIGNS = ("or", "joint", "hybrid")


def load(path: Path) -> list[dict]:
    data = train.read_yaml(path) or []
    return [r for r in data if isinstance(r, dict) and isinstance(r.get("text"), str)]


def _files(pattern: str) -> list[Path]:
    found = [Path(p) for p in glob.glob(str(SAFETY_DIR / pattern))]
    return sorted(found, key=lambda p: (len(p.name), p.name))


def author_sets() -> list[tuple[str, list[Path]]]:
    """[(author group, its risk set files)] for the files present."""
    out = []
    for name, patterns in AUTHORS:
        paths = [p for pat in patterns for p in _files(pat)]
        if paths:
            out.append((name, paths))
    return out


def risk_sets() -> list[Path]:
    return [p for _, paths in author_sets() for p in paths]


def ordinary_groups() -> list[tuple[str, list[Path]]]:
    a = sorted(Path(p) for p in glob.glob(str(CORPUS / "a_*.yaml")))
    b = sorted(Path(p) for p in glob.glob(str(CORPUS / "b_*.yaml")))
    return [("smart:a", a), ("smart:b", b), ("smart:other", [p for p in ORDINARY_EXTRA if p.exists()])]


def ordinary_sets() -> list[Path]:
    return [p for _, paths in ordinary_groups() for p in paths]


def rows(with_whys: bool | None = None) -> list[dict]:
    """Every goal once (first file wins), with its author group, kind and labels; with ``with_whys`` (default
    WHY_ROWS) then every why of the why sets not already a row (kind "why", group "why:<set>")."""
    out, seen = [], set()
    for kind, groups in (("risk", author_sets()), ("ordinary", ordinary_groups())):
        for group, paths in groups:
            for p in paths:
                for r in load(p):
                    key = " ".join(r["text"].lower().split())
                    if key in seen:
                        continue
                    seen.add(key)
                    risky = bool(r.get("risk")) if kind == "risk" else False
                    out.append({"text": r["text"], "group": group, "file": p.name, "kind": kind, "risk": risky,
                                "category": r.get("category") if risky else None})
    if WHY_ROWS if with_whys is None else with_whys:
        for w in why_rows():
            key = " ".join(w["why"].lower().split())
            if key in seen:
                continue
            seen.add(key)
            out.append({"text": w["why"], "group": "why:" + w["group"], "file": w["group"] + ".yaml", "kind": "why",
                        "risk": w["risk"], "category": w["category"]})
    return out


# Text-speak swaps of the "messy" derived rows (whole words, lower case, after apostrophes are dropped).
MESSY_SWAPS = (("going to", "gonna"), ("want to", "wanna"), ("got to", "gotta"), ("you", "u"), ("your", "ur"),
               ("youre", "ur"), ("are", "r"), ("because", "cos"), ("tonight", "2nite"), ("today", "2day"),
               ("tomorrow", "2moro"), ("to", "2"), ("for", "4"), ("before", "b4"), ("please", "pls"),
               ("people", "ppl"), ("really", "rly"), ("though", "tho"), ("through", "thru"), ("with", "w"),
               ("without", "w/o"), ("and", "n"), ("okay", "ok"), ("thanks", "thx"), ("probably", "prob"), ("something", "smth"), ("anyone", "ne1"), ("be", "b"), ("see", "c"),
               ("about", "abt"), ("every", "evry"), ("week", "wk"), ("minutes", "mins"), ("night", "nite"))


def _rng(text: str, salt: str):
    import random

    return random.Random(zlib.crc32((salt + "\x00" + text).encode("utf-8")))


def messy(text: str) -> str:
    """``text`` as typed in a hurry: lower case, no punctuation or apostrophes, some text-speak, now and then a
    dropped letter (seeded by the text: the same row every run)."""
    import re

    rng = _rng(text, "messy")
    t = re.sub(r"[\u2019'`]", "", text.lower())
    t = re.sub(r"[^\w\s/]", " ", t)
    t = " " + " ".join(t.split()) + " "
    for a, b in MESSY_SWAPS:
        if rng.random() < 0.6:
            t = t.replace(" " + a + " ", " " + b + " ")
    words = t.split()
    long_ = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if long_ and rng.random() < 0.5:
        i = rng.choice(long_)
        j = rng.randrange(1, len(words[i]) - 1)
        words[i] = words[i][:j] + words[i][j + 1:]
    return " ".join(words)


def _context_pool(data) -> dict[str, list[str]]:
    """{smart group: its short ordinary goals (3-20 words, one sentence)}: the splices' context."""
    pool: dict[str, list[str]] = {}
    for r in data:
        if r["kind"] == "ordinary" and r["group"].startswith("smart:") and 3 <= len(r["text"].split()) <= 20 \
                and "\n" not in r["text"]:
            pool.setdefault(r["group"], []).append(" ".join(r["text"].split()).rstrip("."))
    return pool


def spliced(text: str, pool: dict[str, list[str]]) -> tuple[str, str]:
    """(``text`` placed whole among 2-4 ordinary goals of one SMART group, that group): a numbered chore list
    or a short backstory, the text's place drawn (seeded by the text)."""
    rng = _rng(text, "spliced")
    group = rng.choice(sorted(pool))
    others = rng.sample(pool[group], rng.randint(2, 4))
    parts = list(others)
    parts.insert(rng.randint(0, len(parts)), " ".join(text.split()).rstrip("."))
    form = rng.randrange(3)
    if form == 0:
        return " ".join(f"{n}) {p}" for n, p in enumerate(parts, 1)), group
    if form == 1:
        return "\n".join(f"- {p}" for p in parts), group
    lead = rng.choice(("This year I want to sort my life out.", "Things have been a lot lately.",
                       "My counsellor asked me to write my goals down.", "Here is my plan for the next few months.",
                       "Bit of background: work is busy and money is tight.", "New start, new list."))
    return lead + " " + " ".join(p[:1].upper() + p[1:] + "." for p in parts), group


def augment(data: list[dict], weight: float) -> list[dict]:
    """``data`` plus one derived row per risky goal and near-miss of the risk sets (AUGMENT): "messy" or
    "spliced" (half each, drawn by the text; long goals only messy), same group, label and category, weighing
    ``weight``. A spliced row keeps its context's SMART group as ``ctx`` (fits holding that group out drop it)."""
    if weight <= 0:
        return data
    pool = _context_pool(data)
    seen = {" ".join(r["text"].lower().split()) for r in data}
    out = list(data)
    for r in data:
        if r["kind"] != "risk":
            continue
        ctx = None
        if len(r["text"].split()) <= AUGMENT_SPLICE_MAX_WORDS and pool and _rng(r["text"], "kind").random() < 0.5:
            text, ctx = spliced(r["text"], pool)
        else:
            text = messy(r["text"])
        key = " ".join(text.lower().split())
        if not text.strip() or key in seen:
            continue
        seen.add(key)
        out.append({"text": text, "group": r["group"], "file": r["file"], "kind": "derived", "risk": r["risk"],
                    "category": r["category"], "near": not r["risk"], "weight": weight,
                    "ctx": frozenset((ctx,)) if ctx else frozenset(), "how": "spliced" if ctx else "messy"})
    return out


def originals(data: list[dict]) -> list[dict]:
    """The rows that are held out, scored and counted: all but the derived ones (augment)."""
    return [r for r in data if r["kind"] != "derived"]


def matrices(data: list[dict]):
    """(words-only matrix, words + rule features matrix, sentences); each row also keeps its Canon,
    the rules' finding and the rule features. ``sentences``: (matrix of each sentence's word features,
    the row each sentence belongs to), for the goals of more than one sentence (risk.sentences)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    out = []
    for joint in (False, True):
        indptr, indices = [0], []
        for r in data:
            if "canon" not in r:
                r["canon"] = safety.Canon(r["text"])
                r["found"], r["feats"] = safety.features(r["canon"])
            strings = risk.all_strings(r["canon"].words, r["feats"] if joint else ())
            indices.extend(sorted(risk.buckets(strings, BITS)))
            indptr.append(len(indices))
        out.append(csr_matrix(([1.0] * len(indices), indices, indptr), shape=(len(data), 1 << BITS)))
    indptr, indices, owner = [0], [], []
    for i, r in enumerate(data):
        for part in risk.sentences(r["canon"].words) if SENTENCES else ():
            indices.extend(sorted(risk.buckets(risk.strings(part), BITS)))
            indptr.append(len(indices))
            owner.append(i)
    out.append((csr_matrix(([1.0] * len(indices), indices, indptr), shape=(len(owner), 1 << BITS)),
                np.array(owner, dtype=int)))
    return out


def scores(X, sentences, rows_, bias, w):
    """The risk head's log-odds for ``rows_``: the whole text's, or the highest of it and its sentences'."""
    import numpy as np

    rows_ = np.asarray(rows_, dtype=int)
    out = X[rows_] @ w + bias
    S, owner = sentences
    if len(owner):
        best = np.full(X.shape[0], -np.inf)
        np.maximum.at(best, owner, S @ w + bias)
        out = np.maximum(out, best[rows_])
    return out


def _classifier(c):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, solver="liblinear", random_state=0, max_iter=2000)


def _weights(data, idx, near_weight):
    """Per-row sample weights: near-misses count near_weight times an ordinary goal, a risky suicide goal
    SUICIDE_WEIGHT times another risky goal, and the risky class weighs as much as all the negatives
    together (balanced)."""
    import numpy as np

    raw = np.array([(SUICIDE_WEIGHT if data[i]["category"] == "suicide" else 1.0) if data[i]["risk"]
                    else near_weight if data[i]["kind"] == "risk" or data[i].get("near") else 1.0 for i in idx])
    if any(data[i]["kind"] == "derived" for i in idx):
        raw *= np.array([data[i]["weight"] if data[i]["kind"] == "derived" else 1.0 for i in idx])
    if WEIGHTS["why"] != 1.0:
        raw *= np.array([WEIGHTS["why"] if data[i]["kind"] == "why" else 1.0 for i in idx])
    risky = np.array([data[i]["risk"] for i in idx])
    raw[risky] *= raw[~risky].sum() / max(raw[risky].sum(), 1.0)
    return raw * len(idx) / raw.sum()


def shared(X, data, idx):
    """X restricted (by a diagonal of 0s and 1s, to multiply on the right) to the buckets that goals of at
    least MIN_AUTHORS groups among rows ``idx`` have (MIN_AUTHORS): the rest are learned as 0."""
    import numpy as np
    from scipy.sparse import csr_matrix, diags

    idx = np.asarray(idx)
    names = sorted({data[i]["group"] for i in idx})
    column = np.array([names.index(data[i]["group"]) for i in idx])
    by_group = csr_matrix((np.ones(len(idx)), (np.arange(len(idx)), column)), shape=(len(idx), len(names)))
    seen = np.asarray(((X[idx].T @ by_group) > 0).sum(axis=1)).ravel()
    return diags((seen >= MIN_AUTHORS).astype(float))


def fit_risk(X, data, idx, c, near_weight, sentences, keep=None):
    """The risk head on rows ``idx`` plus, as negatives, every sentence of their near-misses and
    ordinary goals (``sentences``, from matrices), over the buckets ``keep`` (default: shared(X, data, idx))."""
    import numpy as np
    from scipy.sparse import vstack

    idx = np.asarray(idx)
    S, owner = sentences
    inside = np.zeros(len(data), dtype=bool)
    inside[idx] = True
    negative = np.array([k for k, i in enumerate(owner) if inside[i] and not data[i]["risk"]], dtype=int)
    rows_ = np.concatenate([idx, owner[negative]]).astype(int)
    Xr = vstack([X[idx], S[negative]]).tocsr() if len(negative) else X[idx]
    y = np.array([int(data[i]["risk"]) for i in rows_])
    keep = shared(X, data, idx) if keep is None else keep
    clf = _classifier(c).fit(Xr @ keep, y, sample_weight=_weights(data, rows_, near_weight))
    return float(clf.intercept_[0]), clf.coef_[0]


def fit(X, data, idx, c, near_weight, sentences):
    """{head: (bias, weights)}: the risk head and one head per category (on the risky rows)."""
    import numpy as np

    idx = np.asarray(idx)
    keep = shared(X, data, idx)
    heads = {risk.RISK: fit_risk(X, data, idx, c, near_weight, sentences, keep)}
    risky = np.array([i for i in idx if data[i]["risk"]])
    for cat in CATS:
        yc = np.array([int(data[i]["category"] == cat) for i in risky])
        clf = _classifier(c).fit(X[risky] @ keep, yc)
        heads["cat:" + cat] = (float(clf.intercept_[0]), clf.coef_[0])
    return heads


def detector(heads, threshold, design, version="", caution=None):
    used, quantised = train.quantise(heads, BITS)
    data = {"bits": BITS, "version": version, "used": used, "heads": quantised, "design": design,
            "threshold": round(float(threshold), 4), "categories": list(CATS), "sentences": SENTENCES}
    if caution is not None:
        data["caution"] = round(float(caution), 4)
    return data, risk.Detector(json.loads(json.dumps(data)))


def choose_floor(data, margins, keep, threshold):
    """The hybrid design's rule floor: the lowest log-odds (at most ``threshold``) at which the goals a rule
    found, below ``threshold``, add false alarms on <= OR_MAX_ADDED of near-misses over rows ``keep``, with
    ordinary goals flagged still <= MAX_ORDINARY_FLAGS."""
    near = [i for i in keep if data[i]["kind"] == "risk" and not data[i]["risk"]]
    ordinary = [i for i in keep if data[i]["kind"] == "ordinary"]
    ruled = [r["found"] is not None for r in data]
    for v in sorted({round(float(margins[i]), 4) for i in keep if ruled[i] and margins[i] < threshold} | {threshold}):
        added = sum(1 for i in near if ruled[i] and v <= margins[i] < threshold) / max(len(near), 1)
        of = sum(1 for i in ordinary if margins[i] >= threshold or (ruled[i] and margins[i] >= v)) / max(len(ordinary), 1)
        if added <= OR_MAX_ADDED and of <= MAX_ORDINARY_FLAGS:
            return v
    return threshold


def choose_threshold(data, margins, design, keep):
    if design == "hybrid":
        t = _choose_threshold(data, margins, "joint", keep)
        return (t, choose_floor(data, margins, keep, t))
    return _choose_threshold(data, margins, design, keep)


def _choose_threshold(data, margins, design, keep):
    """The lowest log-odds at which, over rows ``keep``, the design's false alarms stay within
    its limit ("or": the model's added share <= 1%; "joint": all <= FA_TARGET) and the screen
    flags <= 0.2% of ordinary goals."""
    near = [i for i in keep if data[i]["kind"] == "risk" and not data[i]["risk"]]
    ordinary = [i for i in keep if data[i]["kind"] == "ordinary"]
    ruled = [r["found"] is not None for r in data]
    for t in sorted({round(float(margins[i]), 4) for i in keep} | {50.0}):
        if design == "or":
            fa = sum(1 for i in near if not ruled[i] and margins[i] >= t) / max(len(near), 1)
            of = sum(1 for i in ordinary if ruled[i] or margins[i] >= t) / max(len(ordinary), 1)
            ok = fa <= OR_MAX_ADDED
        else:
            fa = sum(1 for i in near if margins[i] >= t) / max(len(near), 1)
            of = sum(1 for i in ordinary if margins[i] >= t) / max(len(ordinary), 1)
            ok = fa <= FA_TARGET
        if ok and of <= MAX_ORDINARY_FLAGS:
            return t
    return 50.0


def choose_caution(data, margins, design, keep, threshold):
    """The caution tier's threshold: the lowest log-odds (at most ``threshold``) at which, over rows
    ``keep``, the ordinary goals that lose praise (flagged at ``threshold`` OR at or above it) stay
    <= ORDINARY_BUDGET. Found by counting down the ordinary goals' own margins (monotone)."""
    ordinary = [i for i in keep if data[i]["kind"] == "ordinary"]
    allowed = int(ORDINARY_BUDGET * len(ordinary))
    flagged = flags(data, margins, threshold, design)
    if design == "hybrid":
        threshold = threshold[0]
    spent = sum(1 for i in ordinary if flagged[i])
    rest = sorted((margins[i] for i in ordinary if not flagged[i]), reverse=True)
    room = allowed - spent
    if room < 0 or not rest:
        return threshold
    if room >= len(rest):
        return min(threshold, round(float(rest[-1]), 4))
    # Ties at the boundary would overspend: sit just above the first goal that does not fit.
    return min(threshold, round(float(rest[room]), 4) + 1e-4)


def quiet(data, margins, caution, hit):
    """Per row: the goal gets no praise (flagged, or in the caution tier at its caution threshold)."""
    return [hit[i] or margins[i] >= (caution[i] if isinstance(caution, list) else caution) for i in range(len(data))]


def flags(data, margins, threshold, design):
    """Per row (flagged, category) for a design at a threshold (per row: a list of thresholds)."""
    out = []
    for i, r in enumerate(data):
        t = threshold[i] if isinstance(threshold, list) else threshold
        ruled = r["found"] is not None
        if design == "hybrid":
            t, v = t
            hit = margins[i] >= t or (ruled and margins[i] >= v)
        else:
            model = margins[i] >= t
            hit = (ruled or model) if design == "or" else model
        out.append(hit)
    return out


# The fits of one cross-validation, for worker processes (forked: they read it, never pickle it).
_CV = {}
# Per design, the outer folds of the last cross-validation: (its groups, its detector, its threshold, its caution
# threshold), for scoring the whys out of fold (--why-rows).
FOLD_DETECTORS: dict[str, list] = {}


def _fit_without(groups):
    """The risk head fitted on every row whose group is not in ``groups`` (a worker's job)."""
    X, data, c, near_weight, sentences = _CV["args"]
    return fit_risk(X, data, _training(data, groups), c, near_weight, sentences)


def _training(data, groups):
    """The rows a fit holding out ``groups`` learns from: not of those groups, nor spliced with their goals."""
    return [i for i, r in enumerate(data) if r["group"] not in groups and not (r.get("ctx") and r["ctx"] & groups)]


def _fit_all_without(groups):
    """Every head (risk and categories) fitted on the rows whose group is not in ``groups`` (a worker's job)."""
    X, data, c, near_weight, sentences = _CV["args"]
    return fit(X, data, _training(data, groups), c, near_weight, sentences)


# Outer folds of whole authors (--folds). The nested thresholds fit the risk head once per PAIR of folds: with
# one author a fold that was 861 fits for round 11's 42 groups (about 20 minutes on two cores) and 1,225 for
# round 12's 50 (stopped unfinished after 117 CPU-minutes); ten folds make 45 pair fits and 10 outer fits,
# and every author is still scored by a model that never saw it (each fit learns from fewer authors).
def author_folds(data: list[dict], k: int | None = None) -> list[frozenset]:
    """The author groups in ``k`` folds of about equal size (most goals first, each to the smallest fold so
    far; ties by name): the same folds for the same data. ``k`` None: each author its own fold."""
    sizes: dict[str, int] = {}
    for r in originals(data):  # derived rows follow their group: the folds are those without them
        sizes[r["group"]] = sizes.get(r["group"], 0) + 1
    if k is None or k >= len(sizes):
        return [frozenset((g,)) for g in sorted(sizes)]
    folds: list[list[str]] = [[] for _ in range(k)]
    load = [0] * k
    for g in sorted(sizes, key=lambda g: (-sizes[g], g)):
        i = min(range(k), key=lambda i: (load[i], i))
        folds[i].append(g)
        load[i] += sizes[g]
    return [frozenset(f) for f in folds]


def _map(fn, items, jobs):
    """[fn(item) for item in items], in ``jobs`` forked processes when jobs > 1 (same results, same order)."""
    if jobs <= 1:
        return [fn(item) for item in items]
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return pool.map(fn, items, chunksize=1)


def cross_validate(Xs, data, c, near_weight, verbose=False, designs=DESIGNS, jobs=1, k=None):
    """Folds of whole authors (author_folds(data, k); k None: one author a fold): {design: (per-row flagged,
    per-row category, per-row threshold)} and the out-of-fold margins, each held-out fold's threshold chosen on
    the other folds' out-of-fold scores.
    ``jobs``: worker processes for the fits (each fit is the same whatever the number)."""
    import numpy as np

    folds = author_folds(data, k)
    fold_of = {g: n for n, f in enumerate(folds) for g in f}
    result = {}
    oof = {}
    FOLD_DETECTORS.clear()
    fitted = {}  # id(matrix) -> (pair fits, outer fits) of this call (one C, one near-miss weight): "hybrid" reuses joint's
    for design in designs:
        X = Xs[1] if design in ("joint", "hybrid") else Xs[0]
        margins, cats, thresh = [0.0] * len(data), [None] * len(data), [50.0] * len(data)
        caution = [50.0] * len(data)
        # The inner model without folds f and h is the one without h and f: fitted once per pair of folds.
        _CV["args"] = (X, data, c, near_weight, Xs[2])
        keys = [(f, h) for f in range(len(folds)) for h in range(f + 1, len(folds))]
        # "hybrid" reads the joint design's matrix: the same fits, made once.
        cached = fitted.get(id(X))
        if cached is None:
            cached = fitted[id(X)] = (dict(zip(keys, _map(_fit_without, [folds[f] | folds[h] for f, h in keys], jobs))),
                                     _map(_fit_all_without, folds, jobs))
        pairs, outer = cached
        _CV.clear()
        for f in range(len(folds)):
            rest = [i for i, r in enumerate(data) if fold_of[r["group"]] != f and r["kind"] != "derived"]
            inner = np.zeros(len(data))
            for h in range(len(folds)):
                if h == f:
                    continue
                bias, w = pairs[(min(f, h), max(f, h))]
                te = [i for i in rest if fold_of[data[i]["group"]] == h]
                inner[te] = scores(X, Xs[2], te, bias, w)
            t = choose_threshold(data, inner, design, rest)
            ct = choose_caution(data, inner, design, rest, t)
            _, det = detector(outer[f], t[0] if design == "hybrid" else t, design)
            FOLD_DETECTORS.setdefault(design, []).append((folds[f], det, t, ct))
            for i, r in enumerate(data):
                if fold_of[r["group"]] == f and r["kind"] == "derived":  # never scored: flagged by no threshold
                    margins[i], thresh[i], caution[i] = float("-inf"), t, ct
                elif fold_of[r["group"]] == f:
                    feats = r["feats"] if design in ("joint", "hybrid") else ()
                    m, idx = det.margin(r["canon"].words, feats)
                    margins[i], cats[i], thresh[i], caution[i] = m, det.category(idx), t, ct
        hit = flags(data, margins, thresh, design)
        category = [r["found"].category if r["found"] is not None else cats[i] for i, r in enumerate(data)]
        result[design] = (hit, category, thresh, quiet(data, margins, caution, hit), caution)
        oof[design] = margins
        if verbose:
            for i, r in enumerate(data):
                if hit[i] != r["risk"] and r["group"] in UNSEEN and r["kind"] != "derived":
                    kind = "false alarm" if hit[i] else "miss"
                    print(f"    {design} {kind} [{r['group']}] {margins[i]:.2f} {r['text'][:110]!r}")
    rule_hit = [r["found"] is not None for r in data]
    result["rules"] = (rule_hit, [r["found"].category if r["found"] else None for r in data], None, rule_hit, None)
    return result, oof


def figures(data, keep, hit, category, quiet_=None):
    """Recall, false alarms, ordinary goals flagged, category accuracy; with ``quiet_`` (per row: no
    praise, flagged or caution) also the no-praise shares of risky goals, near-misses and ordinary goals."""
    risky = [i for i in keep if data[i]["risk"]]
    near = [i for i in keep if data[i]["kind"] == "risk" and not data[i]["risk"]]
    ordinary = [i for i in keep if data[i]["kind"] == "ordinary"]
    hits = [i for i in risky if hit[i]]
    out = {"risky": len(risky), "near": len(near), "ordinary": len(ordinary),
           "recall": len(hits) / max(len(risky), 1),
           "false_alarms": sum(1 for i in near if hit[i]) / max(len(near), 1),
           "ordinary_flags": sum(1 for i in ordinary if hit[i]),
           "category": sum(1 for i in hits if category[i] == data[i]["category"]) / max(len(hits), 1)}
    if quiet_ is not None:
        out["no_praise"] = sum(1 for i in risky if quiet_[i]) / max(len(risky), 1)
        out["near_no_praise"] = sum(1 for i in near if quiet_[i]) / max(len(near), 1)
        out["ordinary_no_praise"] = sum(1 for i in ordinary if quiet_[i]) / max(len(ordinary), 1)
    return out


def table(data, result):
    """{row name: {design: figures}}: each author group held out, the unseen authors pooled, all
    authors pooled, and the ordinary goals (all held out by group too)."""
    groups = [g for g, _ in AUTHORS if any(r["group"] == g for r in data)]
    rows_ = {g: [i for i, r in enumerate(data) if r["group"] == g and r["kind"] != "derived"] for g in groups}
    rows_["unseen authors, pooled"] = [i for i, r in enumerate(data) if r["group"] in UNSEEN and r["kind"] != "derived"]
    rows_["all authors, pooled"] = [i for i, r in enumerate(data) if r["kind"] == "risk"]
    rows_["ordinary goals"] = [i for i, r in enumerate(data) if r["kind"] == "ordinary"]
    return {name: {d: figures(data, keep, *result[d][:2], result[d][3]) for d in ("rules", "or", "joint", "hybrid") if d in result}
            for name, keep in rows_.items()}


def print_caution(tab, design):
    """The caution tier of one design, per held-out fold: the share of risky goals that get no praise
    (flagged OR caution), and of near-misses and ordinary goals that lose it."""
    print(f"  caution tier ({design}; ordinary budget {100 * ORDINARY_BUDGET:.0f}%): no praise, by held-out author")
    print(f"  {'held out':<24} {'risky':>7} {'flagged':>8} {'near-misses':>12} {'ordinary':>9}")
    for name, by in tab.items():
        f = by[design]
        if name == "ordinary goals":
            print(f"  {name:<24} {'':>7} {'':>8} {'':>12} {100 * f['ordinary_no_praise']:8.1f}%")
            continue
        print(f"  {name:<24} {f['no_praise']:7.3f} {f['recall']:8.3f} {100 * f['near_no_praise']:11.1f}% {'':>9}")


def by_category(data, result, design, groups=UNSEEN):
    """{category: {"risky", "recall", "no_praise"}} over the risky goals of the held-out ``groups``
    (each scored by a model trained without its author): where a new writer's goals are missed."""
    hit, quiet_ = result[design][0], result[design][3]
    out = {}
    for cat in CATS:
        rows_ = [i for i, r in enumerate(data) if r["group"] in groups and r["risk"] and r["category"] == cat
                 and r["kind"] != "derived"]
        out[cat] = {"risky": len(rows_), "recall": round(sum(hit[i] for i in rows_) / max(len(rows_), 1), 4),
                    "no_praise": round(sum(quiet_[i] for i in rows_) / max(len(rows_), 1), 4)}
    return out


def print_by_category(cats, design):
    print(f"  unseen authors pooled, by category ({design}): risky goals, recall (flagged), no praise")
    for cat, f in cats.items():
        print(f"  {cat:<24} {f['risky']:>5} {f['recall']:8.3f} {f['no_praise']:8.3f}")


def print_table(tab):
    names = {"rules": "rules alone", "or": "rules OR model", "joint": "joint model", "hybrid": "joint + rule floor"}
    shown = [d for d in names if d in next(iter(tab.values()))]
    print(f"  {'held out':<24} " + " | ".join(f"{names[d]:>22}" for d in shown))
    for name, by in tab.items():
        if name == "ordinary goals":
            print(f"  {name:<24} " + " | ".join(f"{by[d]['ordinary_flags']:>4}/{by[d]['ordinary']} flagged".rjust(22)
                                                for d in shown))
            continue
        n = by["rules"]
        cells = [f"{by[d]['recall']:.3f} {100 * by[d]['false_alarms']:4.1f}% cat {by[d]['category']:.2f}"
                 for d in shown]
        print(f"  {name + ' (%d/%d)' % (n['risky'], n['near']):<24} " + " | ".join(c.rjust(22) for c in cells))


# A miss counts twice a false alarm: a risky goal given SMART feedback is the harm this screen is for;
# a near-miss shown the support panel costs a moment's confusion. (With equal weights the two designs
# tie within 0.006 at the 0.6% budget, and the tie went to the one that overrules the rules and misses
# more: "joint", 0.736 / 2.6%, against "or", 0.770 / 6.6%, pooled over the unseen writers.)
FALSE_ALARM_WEIGHT = 0.5


def _score(f):
    return f["recall"] - FALSE_ALARM_WEIGHT * f["false_alarms"]


def _rounded(f: dict) -> dict:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in f.items()}


def why_rows() -> list[dict]:
    """The why sets: (goal, why) pairs (``goal`` and ``why``) and ordinary whys alone (``text``; items marked
    ``kind: goal`` are goals, not whys, and are skipped), each with its set's name as ``group``."""
    out = []
    for path in sorted(WHYS_DIR.glob("*.yaml")):
        for r in train.read_yaml(path) or []:
            if not isinstance(r, dict) or r.get("kind") == "goal":
                continue
            why = r.get("why", r.get("text"))
            if not isinstance(why, str):
                continue
            goal = r.get("goal") if isinstance(r.get("goal"), str) else None
            risky = bool(r.get("risk"))
            out.append({"goal": goal, "why": why, "risk": risky, "category": r.get("category") if risky else None,
                        "group": path.stem, "style": r.get("style")})
    return out


def _text_margin(det, design, text):
    """The risk head's log-odds for ``text`` as safety.assess computes it (the "or" design: +inf when a
    rule fires, since the rules decide first there)."""
    canon = safety.Canon(text)
    found, feats = safety.features(canon)
    if design not in ("joint", "hybrid"):
        return float("inf") if found is not None else det.margin(canon.words, ())[0]
    return det.margin(canon.words, feats)[0]


def _goal_flagged(text, margin, threshold, floor):
    """The goal is flagged at ``threshold`` (the hybrid's rule ``floor`` counted; None: no floor)."""
    if margin >= threshold:
        return True
    return floor is not None and margin >= floor and safety.rules(safety.Canon(text)) is not None


def _why_threshold(ordinary_margins, floor, budget=None):
    """The lowest log-odds >= ``floor`` at which <= ``budget`` (WHY_BUDGET) of ``ordinary_margins`` reach it."""
    import math
    allowed = math.floor((WHY_BUDGET if budget is None else budget) * len(ordinary_margins))
    above = sorted((m for m in ordinary_margins if m >= floor), reverse=True)
    if len(above) <= allowed:
        return floor
    # Just above the (allowed+1)-th highest ordinary why: that one and those below it are not flagged.
    return math.nextafter(above[allowed], math.inf)


def _why_figures(whys, threshold, caution=None):
    risky = [w for w in whys if w["risk"]]
    ordinary = [w for w in whys if not w["risk"]]
    caught = [w for w in risky if w["goal_hit"] or w["margin"] >= threshold]
    by_why = [w for w in risky if not w["goal_hit"] and w["margin"] >= threshold]
    caution = threshold if caution is None else caution
    return {"risky": len(risky), "ordinary": len(ordinary),
            "no_praise": sum(w["goal_hit"] or w["goal_caution"] or w["margin"] >= caution for w in risky) / len(risky)
            if risky else 0.0,
            "ordinary_no_praise": sum(w["margin"] >= caution for w in ordinary) / len(ordinary) if ordinary else 0.0,
            "recall": len(caught) / len(risky) if risky else 0.0,
            "recall_goal_alone": sum(w["goal_hit"] for w in risky) / len(risky) if risky else 0.0,
            "caught_by_why": len(by_why),
            "false_alarms": sum(w["margin"] >= threshold for w in ordinary) / len(ordinary) if ordinary else 0.0,
            "false_alarms_goal": sum(w["goal_hit"] for w in ordinary) / len(ordinary) if ordinary else 0.0}


def _score_whys_out_of_fold(whys, design):
    """--why-rows: each why and its pair's goal scored by the outer model of its set's fold (FOLD_DETECTORS,
    one that never saw the set), the goal flagged and cautioned at that fold's goal thresholds."""
    for w in whys:
        [(det, t, ct)] = [(d, t, ct) for groups, d, t, ct in FOLD_DETECTORS[design] if "why:" + w["group"] in groups]
        t, floor = t if design == "hybrid" else (t, None)
        w["margin"] = _text_margin(det, design, w["why"])
        goal = _text_margin(det, design, w["goal"]) if w["goal"] is not None else float("-inf")
        w["goal_hit"] = w["goal"] is not None and _goal_flagged(w["goal"], goal, t, floor)
        w["goal_caution"] = goal >= ct


def choose_why_threshold(det, design, verbose=False, out_of_fold=False):
    """((the why threshold, the why caution line), their figures) for detector ``det``: chosen on every why
    set, and each set's figures with them chosen on the others (printed). None when there are no why sets.
    ``out_of_fold`` (--why-rows, the whys are training rows): every why scored by its set's fold model
    (_score_whys_out_of_fold), not by ``det``."""
    whys = why_rows()
    if not whys:
        return None, {}
    if out_of_fold:
        _score_whys_out_of_fold(whys, design)
    else:
        for w in whys:
            w["margin"] = _text_margin(det, design, w["why"])
            goal = _text_margin(det, design, w["goal"]) if w["goal"] is not None else float("-inf")
            w["goal_hit"] = w["goal"] is not None and _goal_flagged(w["goal"], goal, det.threshold, det.floor)
            w["goal_caution"] = goal >= det.caution
    groups = sorted({w["group"] for w in whys})
    print(f"why threshold{' (whys scored out of fold)' if out_of_fold else ''}: {len(whys)} whys in {len(groups)} sets "
          f"({', '.join(groups)}), budget "
          f"{100 * WHY_BUDGET:.0f}% of ordinary whys; goal threshold {det.threshold:.3f}")
    print(f"  {'why set':26} {'flag':>6} {'caution':>7} {'risky':>6} {'recall':>7} {'goal alone':>10} "
          f"{'no praise':>9} {'ordinary':>8} {'flagged':>8} {'no praise':>9}")

    def row(name, f, t, ct):
        print(f"  {name:26} {t:6.3f} {ct:7.3f} {f['risky']:6d} {f['recall']:7.3f} {f['recall_goal_alone']:10.3f} "
              f"{f['no_praise']:9.3f} {f['ordinary']:8d} {100 * f['false_alarms']:7.1f}% "
              f"{100 * f['ordinary_no_praise']:8.1f}%")

    def choose(ordinary):
        t = _why_threshold(ordinary, det.threshold)
        return t, min(t, _why_threshold(ordinary, det.threshold, ORDINARY_BUDGET))

    held = []
    for g in groups:
        t, ct = choose([w["margin"] for w in whys if w["group"] != g and not w["risk"]])
        mine = [w for w in whys if w["group"] == g]
        held.append((mine, t, ct))
        row(g + " (held out)", _why_figures(mine, t, ct), t, ct)
    threshold, caution = choose([w["margin"] for w in whys if not w["risk"]])
    f = _why_figures(whys, threshold, caution)
    row("all (tuned on)", f, threshold, caution)
    row("all, at the goal threshold", _why_figures(whys, det.threshold), det.threshold, det.threshold)
    if verbose:
        for w in whys:
            if w["risk"] and not w["goal_hit"] and w["margin"] < threshold:
                print(f"    why missed ({w['group']}, {w['category']}, {w['margin']:.2f}): {w['goal']!r} / {w['why']!r}")
            if not w["risk"] and w["margin"] >= threshold:
                print(f"    ordinary why flagged ({w['group']}, {w['margin']:.2f}): {w['why']!r}")
    return (threshold, caution), {"budget": WHY_BUDGET, "caution_budget": ORDINARY_BUDGET, "all (tuned on)": _rounded(f),
                                  "held out": {mine[0]["group"]: _rounded(_why_figures(mine, t, ct))
                                               for mine, t, ct in held}}


def fingerprint(data, c, threshold) -> str:
    keyed = sorted(repr((r["text"], r["risk"], r["category"])) for r in data)
    return "%08x" % zlib.crc32(repr((keyed, c, threshold, BITS)).encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report: do not write risk_weights.py")
    parser.add_argument("--grid", action="store_true", help="cross-validate every C and near-miss weight (slow)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the unseen authors' misses and false alarms")
    parser.add_argument("--designs", default=",".join(DESIGNS),
                        help="the designs to cross-validate and choose from (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for the fits (the same fits)")
    parser.add_argument("--folds", type=int, default=None,
                        help="whole authors in this many folds (default: one author a fold)")
    parser.add_argument("--why-rows", action=argparse.BooleanOptionalAction, default=WHY_ROWS,
                        help="the why sets' whys are training rows too, each set its own group (default: %(default)s)")
    parser.add_argument("--whys", action="store_true",
                        help="only choose the why threshold again for the shipped weights (and write them)")
    parser.add_argument("--why-weight", type=float, default=WHY_ROW_WEIGHT,
                        help="with --why-rows, a why row's weight against a goal's (default: %(default)s)")
    parser.add_argument("--augment", type=float, default=AUGMENT,
                        help="derived rows (messy, spliced) of the risk sets' goals at this weight; 0: none "
                             "(default: %(default)s)")
    args = parser.parse_args(argv)
    WEIGHTS["why"] = args.why_weight
    if args.whys:
        return rechoose_whys(args)
    data = augment(rows(args.why_rows), args.augment)
    Xs = matrices(data)
    groups = sorted({r["group"] for r in data})
    split = f"whole authors in {len(author_folds(data, args.folds))} folds" if args.folds else "leave-one-author-out"
    derived = [r for r in data if r["kind"] == "derived"]
    print(f"safety model: {len(data) - len(derived)} goals ({sum(r['risk'] for r in originals(data))} risky) in "
          f"{len(groups)} groups ({', '.join(groups)}); {split}, thresholds chosen nested")
    if derived:
        print(f"augmented: {len(derived)} derived rows at weight {args.augment} "
              f"({sum(r['how'] == 'messy' for r in derived)} messy, {sum(r['how'] == 'spliced' for r in derived)} "
              f"spliced; {sum(r['risk'] for r in derived)} risky), never scored or counted")
    grid = [(c, n) for c in C_GRID for n in NEAR_GRID] if args.grid else [(C_DEFAULT, NEAR_DEFAULT)]
    best = None
    for c, near_weight in grid:
        designs = tuple(d for d in args.designs.split(",") if d in DESIGNS) or DESIGNS
        result, oof = cross_validate(Xs, data, c, near_weight, verbose=args.verbose, designs=designs, jobs=args.jobs,
                                     k=args.folds)
        tab = table(data, result)
        print(f"C {c}, near-miss weight {near_weight}: recall, false alarms, category accuracy by held-out author")
        print_table(tab)
        unseen = tab["unseen authors, pooled"]
        design = max(designs, key=lambda d: _score(unseen[d]))
        print_caution(tab, design)
        print_by_category(by_category(data, result, design), design)
        key = _score(unseen[design])
        if best is None or key > best[0]:
            best = (key, c, near_weight, design, tab, oof, by_category(data, result, design))
    _, c, near_weight, design, tab, oof, cats = best
    X = Xs[1] if design in ("joint", "hybrid") else Xs[0]
    everyone = list(range(len(data)))  # the fit's rows (derived ones too)
    scored = [i for i in everyone if data[i]["kind"] != "derived"]
    threshold = choose_threshold(data, oof[design], design, scored)
    caution = choose_caution(data, oof[design], design, scored, threshold)
    heads = fit(X, data, everyone, c, near_weight, Xs[2])
    version = "%s-C%s" % (fingerprint(originals(data), c, threshold), c)
    if design == "hybrid":
        # Shipped as a joint detector with a rule floor (risk.Detector.floor).
        body, _ = detector(heads, threshold[0], "joint", version, caution)
        body["floor"] = round(float(threshold[1]), 4)
        det = risk.Detector(json.loads(json.dumps(body)))
    else:
        body, det = detector(heads, threshold, design, version, caution)
    margins = [det.margin(r["canon"].words, r["feats"] if design in ("joint", "hybrid") else ())[0]
               if r["kind"] != "derived" else float("-inf") for r in data]
    hit = flags(data, margins, threshold, design)
    goals = [i for i in scored if data[i]["kind"] != "why"]
    insample = figures(data, goals, hit, [None] * len(data), quiet(data, margins, caution, hit))
    body["cv"] = {"design": design, "folds": args.folds and len(author_folds(data, args.folds)), "near_weight": near_weight, "suicide_weight": SUICIDE_WEIGHT,
                  "sentences": SENTENCES, "unseen": list(UNSEEN),
                  "table": {name: {d: _rounded(f) for d, f in by.items()} for name, by in tab.items()},
                  "in_sample": _rounded(insample), "by_category": cats,
                  "caution": {"budget": ORDINARY_BUDGET,
                              "table": {name: _rounded({k: by[design][k] for k in ("risky", "near", "ordinary", "no_praise",
                                                                                   "near_no_praise", "ordinary_no_praise")})
                                        for name, by in tab.items()}}}
    print(f"shipped: design {design!r}, C {c}, near-miss weight {near_weight}, threshold (log-odds) {threshold}; "
          f"in-sample (an upper bound): recall {insample['recall']:.3f}, false alarms "
          f"{100 * insample['false_alarms']:.1f}%, ordinary flagged {insample['ordinary_flags']}/{insample['ordinary']}")
    print(f"caution threshold (log-odds) {caution:.3f}; in-sample no praise: risky {insample['no_praise']:.3f}, "
          f"near-misses {100 * insample['near_no_praise']:.1f}%, ordinary {100 * insample['ordinary_no_praise']:.1f}%")
    why, why_cv = choose_why_threshold(det, design, verbose=args.verbose, out_of_fold=args.why_rows)
    if why is not None:
        body["why_threshold"], body["why_caution"] = (round(float(t), 4) for t in why)
        body["cv"]["whys"] = why_cv
    if args.why_rows:
        body["cv"]["why_rows"], body["cv"]["why_weight"] = True, WEIGHTS["why"]
    if derived:
        body["cv"]["augment"] = {"weight": args.augment, "rows": len(derived)}
    if args.check:
        return 0
    write(body)
    return 0


def rechoose_whys(args) -> int:
    """--whys: the shipped weights with the why threshold chosen again (the why sets changed, not the goals)."""
    from generator.smart import risk_weights
    body = json.loads(risk_weights.DATA)
    if body.get("cv", {}).get("why_rows"):
        print("the shipped weights were trained on the whys (--why-rows): their margins on them are in sample; "
              "retrain instead (make train)")
        return 1
    det = risk.Detector(body)
    why, why_cv = choose_why_threshold(det, body.get("design", "or"), verbose=args.verbose)
    if why is None:
        print("no why sets: nothing to choose")
        return 1
    body["why_threshold"], body["why_caution"] = (round(float(t), 4) for t in why)
    body.setdefault("cv", {})["whys"] = why_cv
    if not args.check:
        write(body)
    return 0


def write(body) -> None:
    text = json.dumps(body, sort_keys=True, separators=(",", ":"))
    OUT.write_text('"""Trained weights for risk.py (the safety screen\'s learned detector), written by `make train`\n'
                   '(generator/train_safety.py).\n\nDo not edit by hand: retrain instead."""\n\nDATA = '
                   + json.dumps(text) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    sys.exit(main())
