"""Train the SMART checker's decision model and write generator/smart/weights.py.

    python -m generator.train [--check]      (make train)

Dev-only: needs scikit-learn (requirements-dev.lock); the shipped checker
reads the written weights with the standard library alone (smart/learned.py).

Data: the blind-labelled corpus (tests/smart/corpus/a_*.yaml, b_*.yaml),
split by a stable hash of the text into train (4/5) and dev (1/5), plus the
project's older sets (shared dev.yaml, tests/smart/cases*.yaml) as extra
training rows. tests/smart/heldout.yaml is never trained on. The lead's test
split is not read here. The same inputs give the same weights.py, byte for
byte (liblinear with a fixed seed, rows in file order).
"""

from __future__ import annotations

import argparse
import base64
import glob
import json
import sys
import zlib
from pathlib import Path

import yaml

from generator.smart import engine, features
from generator.smart.learned import BINARY, FRAMINGS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "smart" / "corpus"
EXTRA = [ROOT.parent / "shared" / "smart-goals" / "dev.yaml", ROOT / "tests" / "smart" / "cases.yaml",
         ROOT / "tests" / "smart" / "cases_blind.yaml", ROOT / "tests" / "smart" / "cases_patterns.yaml"]
OUT = ROOT / "generator" / "smart" / "weights.py"
BITS = 14
C_GRID = (0.1, 0.2, 0.4, 0.8, 1.6)
LABELS = BINARY + ("framing",)


def split_of(text: str) -> str:
    """'dev' for one goal in five, chosen by a stable hash of its text."""
    return "dev" if zlib.crc32(" ".join(text.lower().split()).encode("utf-8")) % 5 == 0 else "train"


def load(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [r for r in data if isinstance(r, dict) and isinstance(r.get("text"), str)]


def corpus(folder: Path = CORPUS) -> list[dict]:
    """The blind authors' files (a_*, b_*); any other file there is a test split and never read here."""
    rows = []
    for name in ("a_*.yaml", "b_*.yaml"):
        for p in sorted(glob.glob(str(folder / name))):
            rows += load(Path(p))
    return rows


def datasets(folder: Path = CORPUS) -> tuple[list[dict], list[dict]]:
    """(train, dev): corpus split by hash; older sets join train; duplicates by text dropped."""
    train, dev, seen = [], [], set()
    for r in corpus(folder):
        key = " ".join(r["text"].lower().split())
        if key in seen:
            continue
        seen.add(key)
        (dev if split_of(r["text"]) == "dev" else train).append(r)
    for p in EXTRA:
        if p.exists():
            for r in load(p):
                key = " ".join(r["text"].lower().split())
                if key not in seen and split_of(r["text"]) == "train":
                    seen.add(key)
                    train.append(r)
    return train, dev


def fingerprint(rows: list[dict], cs: dict) -> str:
    """A short digest of the training rows (texts and labels), the Cs and the bucket count:
    tests compare it with the shipped weights' version to catch a stale model."""
    keyed = sorted(repr([r["text"]] + [r.get(k) for k in LABELS]) for r in rows)
    return "%08x" % zlib.crc32(repr((keyed, sorted(cs.items()), BITS)).encode("utf-8"))


def matrix(rows: list[dict]):
    from scipy.sparse import csr_matrix

    indptr, indices = [0], []
    for r in rows:
        idx = features.hashed(engine.read(r["text"]).strings, BITS)
        indices.extend(idx)
        indptr.append(len(indices))
    return csr_matrix(([1.0] * len(indices), indices, indptr), shape=(len(rows), 1 << BITS))


def targets(rows: list[dict], head: str):
    """(row mask, 0/1 targets) for a head; rows missing the label are left out."""
    if head.startswith("framing:"):
        want = head.split(":", 1)[1]
        keep = [i for i, r in enumerate(rows) if r.get("framing") in FRAMINGS]
        return keep, [int(rows[i]["framing"] == want) for i in keep]
    keep = [i for i, r in enumerate(rows) if isinstance(r.get(head), bool)]
    return keep, [int(rows[i][head]) for i in keep]


HEADS = list(BINARY) + ["framing:" + f for f in FRAMINGS]


def _classifier(c):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, solver="liblinear", random_state=0, max_iter=1000)


def choose_c(X, rows) -> dict:
    """Per head, the C with the best 5-fold cross-validated accuracy on the
    training rows (folds by another stable hash of the text than the dev split)."""
    import numpy as np

    folds = np.array([(zlib.crc32(r["text"].encode("utf-8")) >> 8) % 5 for r in rows])
    chosen = {}
    for head in HEADS:
        keep, y = targets(rows, head)
        keep, y = np.array(keep), np.array(y)
        best = None
        for c in C_GRID:
            right = 0
            for f in range(5):
                tr, te = folds[keep] != f, folds[keep] == f
                clf = _classifier(c).fit(X[keep[tr]], y[tr])
                right += int((clf.predict(X[keep[te]]) == y[te]).sum())
            if best is None or right > best[0]:
                best = (right, c)
        chosen[head] = best[1]
    return chosen


def fit(X, rows, cs: dict):
    heads = {}
    for head in HEADS:
        keep, y = targets(rows, head)
        clf = _classifier(cs[head]).fit(X[keep], y)
        heads[head] = (float(clf.intercept_[0]), clf.coef_[0])
    return heads


def quantise(heads, bits=BITS):
    """Signed bytes with one scale per head, stored only for the buckets some
    head uses (a shared bitmap says which): what learned.py reads."""
    import numpy as np

    qs, out = {}, {}
    for name, (bias, w) in heads.items():
        top = float(np.abs(w).max()) or 1.0
        scale = top / 127.0
        qs[name] = np.clip(np.rint(w / scale), -127, 127).astype(np.int8)
        out[name] = {"bias": round(bias, 6), "scale": float("%.9g" % scale)}
    used = np.zeros(1 << bits, dtype=bool)
    for q in qs.values():
        used |= q != 0
    for name, q in qs.items():
        out[name]["w"] = base64.b64encode(q[used].tobytes()).decode("ascii")
    bitmap = np.packbits(used, bitorder="little").tobytes()
    return base64.b64encode(bitmap).decode("ascii"), out


def accuracy(model, X, rows):
    """Per-label accuracy of the quantised model on rows."""
    right = {k: 0 for k in LABELS}
    seen = {k: 0 for k in LABELS}
    for i, r in enumerate(rows):
        got = model.decide(list(X[i].indices))
        for k in LABELS:
            if k in r and (k != "framing" or r[k] in FRAMINGS):
                seen[k] += 1
                right[k] += got[k] == r[k]
    return {k: right[k] / seen[k] if seen[k] else 0.0 for k in LABELS}


def build(heads, version):
    from generator.smart.learned import Model

    used, quantised = quantise(heads)
    data = {"bits": BITS, "version": version, "used": used, "heads": quantised}
    return data, Model(json.loads(json.dumps(data)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report: do not write weights.py")
    args = parser.parse_args(argv)
    train, dev = datasets()
    print(f"train {len(train)} goals, dev {len(dev)} goals (corpus split by crc32 of the text)")
    Xt, Xd = matrix(train), matrix(dev)
    cs = choose_c(Xt, train)
    print("C per head (5-fold CV on train): " + " ".join(f"{h} {c}" for h, c in cs.items()))
    version = "%s-C%s" % (fingerprint(train, cs), ",".join(str(cs[h]) for h in HEADS))
    data, model = build(fit(Xt, train, cs), version)
    acc = accuracy(model, Xd, dev)
    print("dev " + " ".join(f"{k} {v:.3f}" for k, v in acc.items()) + f"  mean {sum(acc.values()) / len(acc):.3f}")
    if args.check:
        return 0
    body = json.dumps(data, sort_keys=True, separators=(",", ":"))
    OUT.write_text('"""Trained weights for learned.py, written by `make train` (generator/train.py).\n\n'
                   'Do not edit by hand: retrain instead."""\n\nDATA = ' + json.dumps(body) + "\n",
                   encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
