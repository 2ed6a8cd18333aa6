"""Train the safety screen's learned risk detector and write generator/smart/risk_weights.py.

    python -m generator.train_safety [--check] [--history]      (part of make train)

Dev-only (scikit-learn, requirements-dev.lock); the shipped screen reads the
weights with the standard library alone (smart/risk.py, smart/learned.py).

Why leave-one-set-out: every risk set here was written in one sitting by one
writer, and goals inside a set echo each other. Cross-validating by goal would
score the model on near-copies of what it trained on; holding out a whole set
asks the real question, "what happens on the next set nobody has seen?".

Data, each file one group:
* risk sets: tests/smart/safety/dev.yaml, cases.yaml, probe*.yaml and
  blind3.yaml (risky goals and their
  near-misses);
* ordinary goals, all negatives: the SMART corpus (tests/smart/corpus/a_*.yaml,
  b_*.yaml) and the other SMART sets (../shared/smart-goals/dev.yaml,
  tests/smart/cases*.yaml). tests/smart/heldout.yaml is never read.

For each group k a model is trained without k and scores k (out-of-fold
log-odds). The threshold for group k is then chosen on the *other* groups'
out-of-fold scores (nested, so no set picks its own threshold): the lowest
log-odds at which the model adds false alarms (near-misses the rules let
pass) on at most 1% of near-misses and the combined screen flags at most 0.2%
of ordinary goals. Why 1% and not the issue's 3%: the rules alone already
raise about 5% false alarms on sets they never saw (their first
measurements), so the model's share has to be small. The shipped threshold
is the same choice over all groups.

The rules' own figures on these sets are in-sample (safety.py was tuned on all
of them). ``--history`` also scores, for each probe set, the rules as they
were in git *before* that set was written (the commit that added the set, its
parent's safety.py), alone and combined with the model trained without that
set: the honest by-set comparison.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import glob
import json
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import yaml

from generator import train
from generator.smart import risk, safety

ROOT = Path(__file__).resolve().parents[1]
SAFETY_DIR = ROOT / "tests" / "smart" / "safety"
CORPUS = ROOT / "tests" / "smart" / "corpus"
ORDINARY_EXTRA = [ROOT.parent / "shared" / "smart-goals" / "dev.yaml", ROOT / "tests" / "smart" / "cases.yaml",
                  ROOT / "tests" / "smart" / "cases_blind.yaml", ROOT / "tests" / "smart" / "cases_patterns.yaml"]
OUT = ROOT / "generator" / "smart" / "risk_weights.py"
BITS = 13
C_GRID = (0.5, 1.0, 2.0, 4.0)
# The rules alone already raise about 5% false alarms on sets they never saw (their first
# measurements), so the model may add at most 1% more on the held-out sets' near-misses.
MAX_FALSE_ALARMS = 0.01
MAX_ORDINARY_FLAGS = 0.002
CATS = safety.CATEGORIES


def load(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [r for r in data if isinstance(r, dict) and isinstance(r.get("text"), str)]


def risk_sets() -> list[Path]:
    names = ["dev.yaml", "cases.yaml"] + sorted((p.name for p in SAFETY_DIR.glob("probe*.yaml")),
                                                key=lambda n: int(n[5:-5]))
    names.append("blind3.yaml")
    return [SAFETY_DIR / n for n in names]


def ordinary_sets() -> list[Path]:
    out = [Path(p) for name in ("a_*.yaml", "b_*.yaml") for p in sorted(glob.glob(str(CORPUS / name)))]
    return out + [p for p in ORDINARY_EXTRA if p.exists()]


def rows() -> list[dict]:
    """Every goal once (first file wins), with its group, kind and labels."""
    out, seen = [], set()
    for kind, paths in (("risk", risk_sets()), ("ordinary", ordinary_sets())):
        for p in paths:
            for r in load(p):
                key = " ".join(r["text"].lower().split())
                if key in seen:
                    continue
                seen.add(key)
                risky = bool(r.get("risk")) if kind == "risk" else False
                out.append({"text": r["text"], "group": p.name if kind == "risk" else "smart/" + p.name,
                            "kind": kind, "risk": risky, "category": r.get("category") if risky else None})
    return out


def matrix(data: list[dict]):
    from scipy.sparse import csr_matrix

    indptr, indices = [0], []
    for r in data:
        r["canon"] = safety.Canon(r["text"])
        indices.extend(sorted(risk.buckets(risk.strings(r["canon"].words), BITS)))
        indptr.append(len(indices))
    return csr_matrix(([1.0] * len(indices), indices, indptr), shape=(len(data), 1 << BITS))


def _classifier(c, balanced=False):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, solver="liblinear", random_state=0, max_iter=2000,
                              class_weight="balanced" if balanced else None)


def fit(X, data, idx, c):
    """{head: (bias, weights)} trained on rows idx: the risk head and one head per category (risky rows)."""
    import numpy as np

    idx = np.asarray(idx)
    y = np.array([int(data[i]["risk"]) for i in idx])
    clf = _classifier(c, balanced=True).fit(X[idx], y)
    heads = {risk.RISK: (float(clf.intercept_[0]), clf.coef_[0])}
    risky = idx[y == 1]
    for cat in CATS:
        yc = np.array([int(data[i]["category"] == cat) for i in risky])
        clf = _classifier(c).fit(X[risky], yc)
        heads["cat:" + cat] = (float(clf.intercept_[0]), clf.coef_[0])
    return heads


def detector(heads, threshold, version=""):
    used, quantised = train.quantise(heads, BITS)
    data = {"bits": BITS, "version": version, "used": used, "heads": quantised,
            "threshold": round(float(threshold), 4), "categories": list(CATS)}
    return data, risk.Detector(json.loads(json.dumps(data)))


def out_of_fold(X, data, c):
    """Per row: (risk log-odds, category) from the quantised model trained without the row's group."""
    groups = sorted({r["group"] for r in data})
    margins, cats = [0.0] * len(data), [None] * len(data)
    for g in groups:
        train = [i for i, r in enumerate(data) if r["group"] != g]
        _, det = detector(fit(X, data, train, c), 0.0)
        for i, r in enumerate(data):
            if r["group"] == g:
                m, idx = det.margin(r["canon"].words)
                margins[i], cats[i] = m, det.category(idx)
    return margins, cats


def choose_threshold(data, margins, ruled, keep):
    """The lowest log-odds at which, over rows `keep`, the model adds false alarms on <= 1% of
    near-misses and the combined screen flags <= 0.2% of ordinary goals."""
    near = [i for i in keep if data[i]["kind"] == "risk" and not data[i]["risk"]]
    ordinary = [i for i in keep if data[i]["kind"] == "ordinary"]
    for t in sorted({round(margins[i], 4) for i in keep} | {50.0}):
        fa = sum(1 for i in near if not ruled[i] and margins[i] >= t) / max(len(near), 1)  # the model's share
        of = sum(1 for i in ordinary if ruled[i] or margins[i] >= t) / max(len(ordinary), 1)
        if fa <= MAX_FALSE_ALARMS and of <= MAX_ORDINARY_FLAGS:
            return t
    return 50.0


def figures(data, rows_, flagged, category):
    risky = [i for i in rows_ if data[i]["risk"]]
    near = [i for i in rows_ if data[i]["kind"] == "risk" and not data[i]["risk"]]
    ordinary = [i for i in rows_ if data[i]["kind"] == "ordinary"]
    hits = [i for i in risky if flagged(i)]
    return {"risky": len(risky), "near": len(near), "ordinary": len(ordinary),
            "recall": len(hits) / max(len(risky), 1),
            "false_alarms": sum(1 for i in near if flagged(i)) / max(len(near), 1),
            "ordinary_flags": sum(1 for i in ordinary if flagged(i)),
            "category": sum(1 for i in hits if category(i) == data[i]["category"]) / max(len(hits), 1)}


def _line(name, f):
    return (f"  {name:<26} recall {f['recall']:.3f}  false alarms {100 * f['false_alarms']:.1f}%  "
            f"category {f['category']:.3f}  ordinary flagged {f['ordinary_flags']}/{f['ordinary']}")


def evaluate(X, data, c, veto_kinds=(), verbose=False):
    """Leave-one-set-out figures for rules, model and combined; returns (pooled figures, thresholds)."""
    margins, cats = out_of_fold(X, data, c)
    rule = [safety.rules(r["canon"]) for r in data]
    ruled = [x is not None for x in rule]
    vetoed = [_vetoed(r["canon"], cats[i], veto_kinds) for i, r in enumerate(data)]
    groups = sorted({r["group"] for r in data})
    thresh = {}
    for g in groups:
        keep = [i for i, r in enumerate(data) if r["group"] != g]
        thresh[g] = choose_threshold(data, margins, ruled, keep)
    everyone = list(range(len(data)))
    model_hit = [margins[i] >= thresh[data[i]["group"]] and not vetoed[i] for i in everyone]

    def rcat(i):
        return rule[i].category

    out = {
        "rules (in-sample)": figures(data, everyone, lambda i: ruled[i], rcat),
        "model alone (by set)": figures(data, everyone, lambda i: model_hit[i], lambda i: cats[i]),
        "combined (by set)": figures(data, everyone, lambda i: ruled[i] or model_hit[i],
                                     lambda i: rule[i].category if ruled[i] else cats[i]),
    }
    per_set = {}
    for g in groups:
        if not g.startswith("smart/"):
            rs = [i for i in everyone if data[i]["group"] == g]
            per_set[g] = (figures(data, rs, lambda i: ruled[i], rcat),
                          figures(data, rs, lambda i: model_hit[i], lambda i: cats[i]),
                          figures(data, rs, lambda i: ruled[i] or model_hit[i],
                                  lambda i: rule[i].category if ruled[i] else cats[i]), thresh[g])
    if verbose:
        for i in everyone:
            if model_hit[i] and not ruled[i] and not data[i]["risk"]:
                print(f"    model false alarm [{data[i]['group']}] {margins[i]:.2f} {data[i]['text'][:100]!r}")
    return out, per_set, margins, cats, ruled


def _vetoed(canon, category, kinds):
    """Whether a rule take-back would veto a model-only finding of this category."""
    if "helped" in kinds and category in (safety.MEDICATION, safety.WITHDRAWAL) and safety._helped(canon):
        return True
    if "past" in kinds and safety.PAST_STRONG_RE.search(canon.text) and not safety.CURRENT_RE.search(canon.text):
        return True
    return False


def history(X, data, c, margins, cats):
    """Per probe set: the rules as they were before the set was written, alone and OR the model trained
    without the set (threshold: nested choice, as in evaluate)."""
    print("by set, rules as first measured (safety.py before the set was written) and combined with the model "
          "trained without the set:")
    for path in risk_sets():
        rel = path.relative_to(ROOT)
        added = subprocess.run(["git", "log", "--diff-filter=A", "--format=%H", "--", str(rel)], cwd=ROOT,
                               capture_output=True, text=True).stdout.split()
        if not added:  # not committed yet: today's rules never saw it
            yield path.name, (ROOT / "generator" / "smart" / "safety.py").read_text(encoding="utf-8")
            continue
        old = subprocess.run(["git", "show", f"{added[-1]}^:generator/smart/safety.py"], cwd=ROOT,
                             capture_output=True, text=True)
        if old.returncode != 0:
            print(f"  {path.name}: no rules before it (first set)")
            continue
        yield path.name, old.stdout


def old_rules(source: str):
    """The screen function of an older safety.py, imported beside today's modules."""
    import shutil

    tmp = Path(tempfile.mkdtemp())
    pkg = tmp / "oldsmart"
    shutil.copytree(ROOT / "generator" / "smart", pkg, ignore=shutil.ignore_patterns("__pycache__"))
    (pkg / "safety.py").write_text(source, encoding="utf-8")
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    spec = importlib.util.spec_from_file_location("oldsmart", pkg / "__init__.py", submodule_search_locations=[str(pkg)])
    mod = importlib.util.module_from_spec(spec)
    sys.modules["oldsmart"] = mod
    spec.loader.exec_module(mod)
    old = importlib.import_module("oldsmart.safety")
    del sys.modules["oldsmart"], sys.modules["oldsmart.safety"]
    for k in [k for k in sys.modules if k.startswith("oldsmart")]:
        del sys.modules[k]
    return getattr(old, "rules", None) and (lambda t: old.rules(old.Canon(t))) or old.screen



def _rounded(f: dict) -> dict:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in f.items() if k != "category" or v}


def fingerprint(data, c, threshold) -> str:
    keyed = sorted(repr((r["text"], r["risk"], r["category"])) for r in data)
    return "%08x" % zlib.crc32(repr((keyed, c, threshold, BITS)).encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report: do not write risk_weights.py")
    parser.add_argument("--history", action="store_true", help="also score each probe set with the rules before it")
    parser.add_argument("--grid", action="store_true", help="cross-validate every C of the grid (slow)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    data = rows()
    X = matrix(data)
    print(f"safety model: {len(data)} goals in {len({r['group'] for r in data})} sets "
          f"({sum(r['risk'] for r in data)} risky); leave-one-set-out")
    grid = C_GRID if args.grid else (C_DEFAULT,)
    best = None
    for c in grid:
        out, per_set, margins, cats, ruled = evaluate(X, data, c, verbose=args.verbose)
        print(f"C {c}:")
        for name, f in out.items():
            print(_line(name, f))
        score = out["combined (by set)"]["recall"]
        if best is None or score > best[0]:
            best = (score, c, out, per_set, margins, cats, ruled)
    _, c, out, per_set, margins, cats, ruled = best
    print("per set (rules in-sample | model by set | combined by set):")
    for g, (r, m, cb, t) in per_set.items():
        print(f"  {g:<14} {r['risky']:>3}/{r['near']:<3} rules {r['recall']:.3f} {100 * r['false_alarms']:4.1f}% | "
              f"model {m['recall']:.3f} {100 * m['false_alarms']:4.1f}% | combined {cb['recall']:.3f} "
              f"{100 * cb['false_alarms']:4.1f}%  (threshold {t:.2f})")
    if args.history:
        tot, firsts = [0.0] * 6, []
        for name, source in history(X, data, c, margins, cats):
            firsts.append(name)
            screen = old_rules(source)
            rs = [i for i, r in enumerate(data) if r["group"] == name]
            first = [screen(data[i]["text"]) for i in rs]
            _, _, _, t = per_set[name]
            risky = [k for k, i in enumerate(rs) if data[i]["risk"]]
            near = [k for k, i in enumerate(rs) if not data[i]["risk"]]
            rec_r = sum(first[k] is not None for k in risky) / len(risky)
            fa_r = sum(first[k] is not None for k in near) / len(near)
            both = [first[k] is not None or margins[i] >= t for k, i in enumerate(rs)]
            rec_c = sum(both[k] for k in risky) / len(risky)
            fa_c = sum(both[k] for k in near) / len(near)
            print(f"  {name:<14} rules first measured {rec_r:.3f} {100 * fa_r:4.1f}% | "
                  f"+ model without it {rec_c:.3f} {100 * fa_c:4.1f}%")
            tot = [a + b for a, b in zip(tot, (len(risky), len(near), rec_r * len(risky), fa_r * len(near),
                                               rec_c * len(risky), fa_c * len(near)))]
        n_r, n_n, r_r, f_r, r_c, f_c = tot
        first = {"risky": n_r, "near": n_n, "recall": r_r / n_r, "false_alarms": f_r / n_n}
        both = {"risky": n_r, "near": n_n, "recall": r_c / n_r, "false_alarms": f_c / n_n}
        print(f"  {'pooled':<14} rules first measured {r_r / n_r:.3f} {100 * f_r / n_n:4.1f}% | "
              f"+ model without it {r_c / n_r:.3f} {100 * f_c / n_n:4.1f}%  ({n_r:.0f} risky, {n_n:.0f} near-misses)")
    cv = {k: _rounded(f) for k, f in out.items()}
    if args.history:
        cv["rules first measured (by set)"] = _rounded(first)
        cv["combined, rules first measured (by set)"] = _rounded(both)
        cv["sets"] = len(firsts)
    everyone = list(range(len(data)))
    threshold = choose_threshold(data, margins, ruled, everyone)
    heads = fit(X, data, everyone, c)
    version = "%s-C%s" % (fingerprint(data, c, threshold), c)
    body, det = detector(heads, threshold, version)
    insample = figures(data, everyone, lambda i: ruled[i] or det.margin(data[i]["canon"].words)[0] >= threshold,
                       lambda i: None)
    cv["combined (in-sample, an upper bound)"] = _rounded(insample)
    body["cv"] = cv
    print(f"shipped: C {c}, threshold (log-odds) {threshold:.3f}; in-sample (an upper bound): "
          f"recall {insample['recall']:.3f}, false alarms {100 * insample['false_alarms']:.1f}%, "
          f"ordinary flagged {insample['ordinary_flags']}/{insample['ordinary']}")
    if args.check:
        return 0
    text = json.dumps(body, sort_keys=True, separators=(",", ":"))
    OUT.write_text('"""Trained weights for risk.py (the safety screen\'s learned detector), written by `make train`\n'
                   '(generator/train_safety.py).\n\nDo not edit by hand: retrain instead."""\n\nDATA = '
                   + json.dumps(text) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")
    return 0


C_DEFAULT = 1.0

if __name__ == "__main__":
    sys.exit(main())
