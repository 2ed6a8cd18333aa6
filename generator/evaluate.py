"""Accuracy of the SMART checker on a labelled goal set (see GUIDELINES.md),
and of its safety screen on labelled risk sets.

    python -m generator.evaluate ../shared/smart-goals/dev.yaml [--cases tests/smart/cases.yaml] [--verbose]
    python -m generator.evaluate --safety tests/smart/safety/dev.yaml [--safety other.yaml] [--verbose]
    python -m generator.evaluate --corpus tests/smart/corpus [--test test.yaml]
    python -m generator.evaluate --whys tests/smart/safety/whys/whys_wA.yaml   (goal, why) pairs

Prints per-label accuracy; for the corpus, per label and writing style on
the train and dev splits of `make train` and on the test split when it is
there; for a risk set (records with text, risk, category)
recall on risky goals, the false-alarm rate on near-misses and category
accuracy. --verbose also lists every miss. Always exits 0: it is a
measurement, the tests hold the thresholds.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from generator.smart import check_goal
from generator.train import read_yaml

LABELS = ("specific", "measurable", "time_bound", "attainable_risk", "framing")


def predict(text: str) -> dict:
    """The checker's labels for one goal, in the rubric's terms. When the safety
    screen withholds the judgement (say, "lose 15 kg by next week"), the labels
    are the SMART judgement it held back: the screen is measured on its own."""
    report = check_goal(text)
    if report.safety is not None:
        from generator.smart import engine

        report = engine.check(text)
    crit = report.to_dict()["criteria"]
    return {
        "specific": crit["specific"]["status"] == "met",
        "measurable": crit["measurable"]["status"] == "met",
        "time_bound": crit["time_bound"]["status"] == "met",
        "attainable_risk": crit["attainable"]["status"] != "met",
        "framing": report.framing,
    }


def load(path: str) -> list[dict]:
    data = read_yaml(path) or []
    return [r for r in data if isinstance(r, dict) and "text" in r]


def load_pairs(path: str) -> list[dict]:
    """(goal, why) pairs: records with a ``why``."""
    data = read_yaml(path) or []
    return [r for r in data if isinstance(r, dict) and isinstance(r.get("why"), str)]


def score(records: list[dict]) -> tuple[dict, list[tuple]]:
    """Accuracy per label and the misses (text, label, expected, got)."""
    right = {label: 0 for label in LABELS}
    seen = {label: 0 for label in LABELS}
    misses = []
    for rec in records:
        got = predict(rec["text"])
        for label in LABELS:
            if label not in rec:
                continue
            seen[label] += 1
            if got[label] == rec[label]:
                right[label] += 1
            else:
                misses.append((rec["text"], label, rec[label], got[label]))
    acc = {label: (right[label] / seen[label] if seen[label] else 0.0) for label in LABELS}
    return acc, misses


def safety_score(records: list[dict]) -> dict:
    """Recall on risky goals, false alarms on near-misses, category accuracy (of the risky goals caught);
    "no praise" recall (risky goals flagged OR in the caution tier) and the caution share of near-misses."""
    risky = [r for r in records if r.get("risk")]
    safe = [r for r in records if not r.get("risk")]
    misses, per = [], {}
    hits = right = quiet = cautioned = 0
    for rec in risky:
        report = check_goal(rec["text"]).to_dict()
        found = report["safety"]
        quiet += found is not None or report["caution"]
        cat = rec.get("category")
        seen, caught = per.get(cat, (0, 0))
        per[cat] = (seen + 1, caught + (found is not None))
        if found is None:
            misses.append(("missed", cat, None, rec["text"]))
            continue
        hits += 1
        if found["category"] == cat:
            right += 1
        else:
            misses.append(("category", cat, found["category"], rec["text"]))
    alarms = 0
    for rec in safe:
        report = check_goal(rec["text"]).to_dict()
        found = report["safety"]
        cautioned += report["caution"]
        if found is not None:
            alarms += 1
            # a near-miss names its area as ``near: <category>`` (blind4, blind5) or ``category`` (older sets)
            misses.append(("false alarm", "none (near %s)" % (rec.get("near") or rec.get("category")), found["category"],
                           rec["text"]))
    return {
        "risky": len(risky), "near_misses": len(safe),
        "recall": hits / len(risky) if risky else 0.0,
        "false_alarm_rate": alarms / len(safe) if safe else 0.0,
        "no_praise_recall": quiet / len(risky) if risky else 0.0,
        "near_caution_rate": cautioned / len(safe) if safe else 0.0,
        "category_accuracy": right / hits if hits else 0.0,
        "per_category": {cat: caught / seen for cat, (seen, caught) in sorted(per.items())},
        "misses": misses,
    }


def _print_rates(lines: list[tuple[str, str]], per_category: dict) -> None:
    """The indented "label  value" lines of a safety report, then recall per category."""
    for label, value in lines:
        print(f"  {label:<33}{value}")
    print("  recall per category: " + ", ".join(f"{c} {v:.2f}" for c, v in per_category.items()))


def _print_safety(name: str, records: list[dict], verbose: bool) -> None:
    res = safety_score(records)
    print(f"{name}: safety screen, {res['risky']} risky goals, {res['near_misses']} near-misses")
    _print_rates([("recall (risky goals shown help)", f"{res['recall']:.3f}"),
                  ("false alarms (near-misses)", f"{res['false_alarm_rate']:.3f}"),
                  ("category accuracy (of caught)", f"{res['category_accuracy']:.3f}"),
                  ("no praise (flagged or caution)", f"{res['no_praise_recall']:.3f}"),
                  ("caution tier (near-misses)", f"{res['near_caution_rate']:.3f}")], res["per_category"])
    if verbose and res["misses"]:
        print("  misses:")
        for kind, expected, got, text in res["misses"]:
            print(f"    [{kind}] expected {expected!r}, got {got!r}: {text}")


def why_score(records: list[dict]) -> dict:
    """check_goal(goal, why) on (goal, why) pairs: risky pairs shown help (the goal's flag or the why's),
    the goal alone, no praise, and ordinary pairs shown help (a false alarm)."""
    risky = [r for r in records if r.get("risk")]
    ordinary = [r for r in records if not r.get("risk")]
    got = [(r, check_goal(r.get("goal") or "", why=r["why"]).to_dict()) for r in records]
    hit = [(r, d) for r, d in got if r.get("risk") and d["safety"]]
    per = {}
    for cat in sorted({r["category"] for r in risky}):
        mine = [r for r in risky if r["category"] == cat]
        per[cat] = sum(1 for r, _ in hit if r["category"] == cat) / len(mine)
    return {"risky": len(risky), "ordinary": len(ordinary),
            "recall": len(hit) / len(risky) if risky else 0.0,
            "goal_alone": sum(bool(check_goal(r.get("goal") or "").safety) for r in risky) / len(risky) if risky else 0.0,
            "no_praise": sum(1 for r, d in got if r.get("risk") and (d["safety"] or d.get("caution"))) / len(risky)
            if risky else 0.0,
            "category_accuracy": sum(d["safety"]["category"] == r["category"] for r, d in hit) / len(hit) if hit else 0.0,
            "false_alarms": sum(1 for r, d in got if not r.get("risk") and d["safety"]) / len(ordinary) if ordinary else 0.0,
            "per_category": per,
            "misses": [(r.get("category") or "ordinary", r.get("goal"), r["why"]) for r, d in got
                       if bool(r.get("risk")) != bool(d["safety"])]}


def _print_whys(name: str, records: list[dict], verbose: bool) -> None:
    res = why_score([r for r in records if isinstance(r.get("why"), str)])
    print(f"{name}: safety screen on (goal, why) pairs, {res['risky']} risky, {res['ordinary']} ordinary")
    _print_rates([("recall (risky pairs shown help)", f"{res['recall']:.3f}  (the goal alone {res['goal_alone']:.3f})"),
                  ("false alarms (ordinary pairs)", f"{res['false_alarms']:.3f}"),
                  ("category accuracy (of caught)", f"{res['category_accuracy']:.3f}"),
                  ("no praise (flagged or caution)", f"{res['no_praise']:.3f}")], res["per_category"])
    if verbose and res["misses"]:
        print("  misses:")
        for kind, goal, why in res["misses"]:
            print(f"    [{kind}] {goal!r} / why {why!r}")


SAFETY_DESIGNS = (("rules", "rules alone"), ("or", "rules OR model"), ("joint", "joint model"),
                  ("hybrid", "joint + rule floor"))


def _print_safety_cv() -> None:
    """The author cross-validation figures make train recorded in risk_weights.py (folds of whole authors
    since round 12, one author a fold before): each author's goals scored by a model trained without them,
    at a threshold chosen without them. The blind authors'
    rows (blind3, test, blind4, blind5) are the honest estimates for a new writer; on dev and the
    probes the rules themselves are in-sample (written while reading them)."""
    from generator.smart import risk

    det = risk.detector()
    cv = json.loads(risk_weights_data()).get("cv") if det is not None else None
    if not cv or "table" not in cv:
        print("safety screen, learned detector: no author-level figures in risk_weights.py; run make train")
        return
    split = f"whole authors in {cv['folds']} folds" if cv.get("folds") else "leave-one-author-out"
    floor = "" if det.floor is None else f", rule floor {det.floor}"
    print(f"safety screen, {split} (make train; shipped design {cv['design']!r}, threshold log-odds "
          f"{det.threshold}{floor}); recall / false alarms / category accuracy; unseen authors: {', '.join(cv['unseen'])}")
    # make train may have cross-validated one design only (--designs): show the ones it did
    designs = [(d, name) for d, name in SAFETY_DESIGNS if d in next(iter(cv["table"].values()))]
    print(f"  {'held out':<32}" + "".join(f"{name:>26}" for _, name in designs))
    order = ("dev", "blind3", "test", "probes", "blind4", "blind5", "blind6", "blind7", "blind8",
             "r3", "r4a", "r4b", "r5a", "r5b", "t6a", "t6b", "t7a", "t7b", "t7c",
             "unseen authors, pooled", "all authors, pooled")

    def ordered(table):
        return sorted(table.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))

    for row, by in ordered(cv["table"]):
        if row == "ordinary goals":
            cells = [f"{by[d]['ordinary_flags']}/{by[d]['ordinary']} flagged" for d, _ in designs]
        else:
            cells = [f"{by[d]['recall']:.3f} / {100 * by[d]['false_alarms']:.1f}% / {by[d]['category']:.2f}"
                     for d, _ in designs]
        n = by["rules"]
        label = row if row == "ordinary goals" else f"{row} ({n['risky']}/{n['near']})"
        print(f"  {label:<32}" + "".join(f"{c:>26}" for c in cells))
    caution = cv.get("caution")
    if caution:
        print(f"  caution tier (threshold log-odds {det.caution}; ordinary goals losing praise <= "
              f"{100 * caution['budget']:.0f}%), design {cv['design']!r}: no-praise recall / near-misses / ordinary "
              f"goals without praise")
        for row, f in ordered(caution["table"]):
            if row == "ordinary goals":
                print(f"  {row:<32}{100 * f['ordinary_no_praise']:>26.1f}%")
            else:
                print(f"  {row:<32}" + f"{f['no_praise']:.3f} / {100 * f['near_no_praise']:.1f}%".rjust(26))
    f = cv.get("in_sample")
    if f:
        print(f"  shipped model on everything it was trained on (an upper bound): recall {f['recall']:.3f}, "
              f"false alarms {100 * f['false_alarms']:.1f}%, ordinary goals flagged {f['ordinary_flags']}/{f['ordinary']}")


def risk_weights_data() -> str:
    from generator.smart import risk_weights

    return risk_weights.DATA


def _print(name: str, records: list[dict], verbose: bool) -> None:
    acc, misses = score(records)
    print(f"{name}: {len(records)} goals")
    for label in LABELS:
        print(f"  {label:<16} {acc[label]:.3f}")
    if verbose and misses:
        print("  misses:")
        for text, label, expected, got in misses:
            print(f"    [{label}] expected {expected!r}, got {got!r}: {text}")


STYLES = ("clean", "messy", "short", "long")


def _print_by_style(name: str, records: list[dict], verbose: bool) -> None:
    """Per-label accuracy for the whole set and for each writing style, one column each."""
    acc, misses = score(records)
    groups = [("all", records, acc)]
    for style in STYLES:
        part = [r for r in records if r.get("style") == style]
        if part:
            groups.append((style, part, score(part)[0]))
    print(f"{name}: {len(records)} goals (" + ", ".join(f"{g} {len(rs)}" for g, rs, _ in groups[1:]) + ")")
    print("  " + " " * 16 + "".join(f"{g:>8}" for g, _, _ in groups))
    for label in LABELS:
        print(f"  {label:<16}" + "".join(f"{a[label]:>8.3f}" for _, _, a in groups))
    print(f"  {'mean':<16}" + "".join(f"{sum(a.values()) / len(a):>8.3f}" for _, _, a in groups))
    if verbose and misses:
        print("  misses:")
        for text, label, expected, got in misses:
            print(f"    [{label}] expected {expected!r}, got {got!r}: {text}")


def corpus_sets(corpus: str, tests: list[str]) -> list[tuple[str, list[dict]]]:
    """The blind corpus by author (a_*, b_*, test, c_*, d_* ...: one writer per
    file prefix), then any --test files. make train fits the shipped model on
    every author, so these per-author figures are in-sample: upper bounds. The
    honest estimate is the leave-one-author-out table (_print_author_cv)."""
    from pathlib import Path

    from generator import train

    out = [(f"corpus author {name} (trained on: in-sample, an upper bound)", rows)
           for name, rows in train.authors(Path(corpus)).items()]
    for path in [Path(t) for t in tests]:
        out.append((f"corpus TEST {path.name} (held out by the lead)", load(str(path))))
    return out


CV_LABELS = LABELS + ("mean",)


def _print_author_cv() -> None:
    """The leave-one-author-out table make train stored in weights.py: each
    author's goals decided by a model fitted without that author (Cs chosen
    without it too). The honest estimate for a writer nobody has seen."""
    from generator.smart import weights

    cv = json.loads(weights.DATA).get("cv")
    if not cv:
        print("SMART checker, leave-one-author-out: not in weights.py; run make train")
        return
    print("SMART checker, leave-one-author-out (make train; each row decided by a model trained without it):")
    print("  " + " " * 22 + "".join(f"{k[:10]:>11}" for k in CV_LABELS) + "   goals")
    rows = [(f"held out {k}", v) for k, v in cv["folds"].items()] + [("pooled", cv["pooled"])]
    rows += [(f"pooled, {k}", v) for k, v in cv["styles"].items()]
    for name, acc in rows:
        print(f"  {name:<22}" + "".join(f"{acc[k]:>11.3f}" if acc.get(k) is not None else f"{'-':>11}"
                                        for k in CV_LABELS) + f"{acc['n']:>8}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("goals", nargs="?", default=None,
                        help="labelled goal set (YAML; default ../shared/smart-goals/dev.yaml unless only --safety)")
    parser.add_argument("--cases", action="append", default=[], help="another labelled set to report on")
    parser.add_argument("--safety", action="append", default=[], help="a labelled risk set for the safety screen")
    parser.add_argument("--whys", action="append", default=[],
                        help="labelled (goal, why) pairs for the safety screen (goal, why, risk, category)")
    parser.add_argument("--corpus", help="the blind corpus folder: train/dev split and any test split, by style")
    parser.add_argument("--test", action="append", default=[], help="a held-out test split of the corpus")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    parser.add_argument("--timing", action="store_true", help="also print the median time per goal")
    args = parser.parse_args(argv)
    if args.goals is None and (args.cases or not (args.safety or args.whys)):
        args.goals = "../shared/smart-goals/dev.yaml"
    sets = ([(args.goals, load(args.goals))] if args.goals else []) + [(p, load(p)) for p in args.cases]
    for name, records in sets:
        _print(name, records, args.verbose)
    if args.corpus:
        for name, records in corpus_sets(args.corpus, args.test):
            _print_by_style(name, records, args.verbose)
        _print_author_cv()
    for path in args.safety:
        _print_safety(path, load(path), args.verbose)
    if args.safety:
        _print_safety_cv()
    for path in args.whys:
        _print_whys(path, load_pairs(path), args.verbose)
    if args.timing:
        texts = [r["text"] for _, recs in sets for r in recs]
        times = []
        for _ in range(5):
            for t in texts:
                start = time.perf_counter()
                check_goal(t)
                times.append(time.perf_counter() - start)
        times.sort()
        print(f"median per goal: {times[len(times) // 2] * 1000:.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
