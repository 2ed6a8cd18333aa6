"""The labelled goal sets the SMART checker tests read (dev, fresh cases, blind
batch, and the cases probing the blind evaluator's error patterns)."""

from __future__ import annotations

import functools
import hashlib
import itertools
import os
import pickle

from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEV = ROOT.parent / "shared" / "smart-goals" / "dev.yaml"
CASES = HERE / "cases.yaml"
BLIND = HERE / "cases_blind.yaml"
PATTERNS = HERE / "cases_patterns.yaml"
# The safety screen's labelled risk sets: the blind dev set, the author's own
# fixtures, the author's probe sets (each measured once before tuning on it) and the
# third blind set (blind3.yaml; only the learned detector was trained on it), then the
# later blind authors' sets (SAFETY_LATER: test.yaml, blind4-8.yaml and rounds 3-5's held-out
# sets heldout_r*.yaml, each measured once, then trained on by the learned detector, and round 6's
# blind training sets train_t6*.yaml and round 7's train_t7*.yaml, rounds 6-7's held-out sets, trained on
# since round 8, round 8's train_t8*.yaml and its held-out sets, trained on since round 9, and rounds 9 and 10's held-out sets,
# trained on since round 11, beside round 11's train_t11*.yaml; the rules were never
# tuned on them).
SAFETY = (HERE / "safety" / "dev.yaml", HERE / "safety" / "cases.yaml",
          HERE / "safety" / "probe2.yaml", HERE / "safety" / "probe3.yaml", HERE / "safety" / "probe4.yaml",
          HERE / "safety" / "probe5.yaml", HERE / "safety" / "probe6.yaml", HERE / "safety" / "probe7.yaml",
          HERE / "safety" / "probe8.yaml", HERE / "safety" / "probe9.yaml",
          HERE / "safety" / "probe10.yaml", HERE / "safety" / "probe11.yaml",
          HERE / "safety" / "probe12.yaml", HERE / "safety" / "probe13.yaml",
          HERE / "safety" / "probe14.yaml", HERE / "safety" / "blind3.yaml",
          HERE / "safety" / "test.yaml", HERE / "safety" / "blind4.yaml", HERE / "safety" / "blind5.yaml",
          HERE / "safety" / "blind6.yaml", HERE / "safety" / "blind7.yaml", HERE / "safety" / "blind8.yaml",
          HERE / "safety" / "heldout_r3.yaml", HERE / "safety" / "heldout_r4a.yaml",
          HERE / "safety" / "heldout_r4b.yaml", HERE / "safety" / "heldout_r5a.yaml",
          HERE / "safety" / "heldout_r5b.yaml", HERE / "safety" / "train_t6a.yaml", HERE / "safety" / "train_t6b.yaml",
          HERE / "safety" / "train_t7a.yaml", HERE / "safety" / "train_t7b.yaml", HERE / "safety" / "train_t7c.yaml",
          HERE / "safety" / "heldout_r6a.yaml", HERE / "safety" / "heldout_r6b.yaml",
          HERE / "safety" / "heldout_r7a.yaml", HERE / "safety" / "heldout_r7b.yaml",
          HERE / "safety" / "train_t8a.yaml", HERE / "safety" / "train_t8b.yaml",
          HERE / "safety" / "train_t8c.yaml", HERE / "safety" / "train_t8d.yaml",
          HERE / "safety" / "heldout_r8a.yaml", HERE / "safety" / "heldout_r8b.yaml",
          HERE / "safety" / "heldout_r9a.yaml", HERE / "safety" / "heldout_r9b.yaml",
          HERE / "safety" / "heldout_r10a.yaml", HERE / "safety" / "heldout_r10b.yaml",
          *(HERE / "safety" / f"train_t11{s}.yaml" for s in "abcdef"),
          HERE / "safety" / "heldout_r11a.yaml", HERE / "safety" / "heldout_r11b.yaml",
          *(HERE / "safety" / f"train_t12{s}.yaml" for s in "abcdef"),
          HERE / "safety" / "heldout_r12a.yaml", HERE / "safety" / "heldout_r12b.yaml",
          HERE / "safety" / "heldout_r13a.yaml", HERE / "safety" / "heldout_r13b.yaml",
          HERE / "safety" / "train_t14a.yaml", HERE / "safety" / "train_t14b.yaml",
          HERE / "safety" / "train_t14c.yaml",
          HERE / "safety" / "heldout_r14a.yaml", HERE / "safety" / "heldout_r14b.yaml",
          HERE / "safety" / "heldout_r15a.yaml", HERE / "safety" / "heldout_r15b.yaml",
          HERE / "safety" / "heldout_r16a.yaml", HERE / "safety" / "heldout_r16b.yaml",
          HERE / "safety" / "heldout_r17a.yaml", HERE / "safety" / "heldout_r17b.yaml",
          HERE / "safety" / "heldout_r18a.yaml", HERE / "safety" / "heldout_r18b.yaml")
SAFETY_LATER = SAFETY[SAFETY.index(HERE / "safety" / "test.yaml"):]


# libyaml's safe loader when PyYAML has it (as generator/loader.py): the same data, read about 4x faster
# (the Pyodide parity test reads ~6,400 goals; pure-Python parsing was a third of its time).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(path: Path) -> list[dict]:
    return [r for r in read_yaml(path) or [] if isinstance(r, dict)]


# Each YAML file is parsed once per test run (issue 18 section 4): the risk sets and the corpus are read by
# several tests in several files, here and through generator.train's reader (train_safety.rows(),
# train.datasets(), which tests/smart/conftest.py points at read_yaml): about 14 CPU-s of parsing for 2.5 s
# of distinct files. Keyed by the file's text, so an edited file, or a test's own, is parsed afresh; every
# caller gets its own copy (unpickled), as a parse would give. SHARED: a folder the xdist workers of this
# run share (set by tests/smart/conftest.py), where a file one worker parsed waits for the others.
_PARSED: dict[str, bytes] = {}
SHARED: list[Path] = []


def read_yaml(path) -> object:
    """The data of a YAML file, as generator.train.read_yaml gives it (libyaml's safe loader), parsed once a run."""
    text = Path(path).read_text(encoding="utf-8")
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if key not in _PARSED:
        kept = SHARED[0] / f"{key}.pickle" if SHARED else None
        if kept and kept.exists():  # another worker's parse of the same text
            _PARSED[key] = kept.read_bytes()
        else:
            _PARSED[key] = pickle.dumps(yaml.load(text, Loader=_LOADER), protocol=pickle.HIGHEST_PROTOCOL)
            if kept:
                part = kept.with_name(f"{kept.name}.{os.getpid()}")
                part.write_bytes(_PARSED[key])
                part.replace(kept)  # whole or absent to a reader
    return pickle.loads(_PARSED[key])


def iter_caution_goals():
    """Risky goals from the training sets (SAFETY, never held-out data) that the shipped screen puts
    in the caution tier (not flagged, but at or above the caution threshold), shortest first: found
    by the model, so a retraining moves the examples with it. Lazy: the screen reads the goals in that
    order only as far as a caller takes them (every xdist worker collects test_caution.py, which needs 20)."""
    from generator.smart import safety

    texts = {r["text"] for p in SAFETY for r in load(p) if r.get("risk") and isinstance(r.get("text"), str)}
    return (t for t in sorted(texts, key=lambda t: (len(t), t)) if safety.assess(t) == (None, True))


@functools.cache
def caution_goals(enough: int | None = None) -> tuple[str, ...]:
    """The first `enough` of iter_caution_goals() (all of them when None): the shortest in the band."""
    return tuple(itertools.islice(iter_caution_goals(), enough))


def spread(sets: list[list[dict]], budget: int, least: int = 4, label=lambda r: bool(r.get("risk"))) -> list[dict]:
    """About `budget` rows of `sets` (each a list of rows), for a test that need not read them all (issue 18):
    every set gives its share of the budget (in proportion to its size), and within a set each label (risky,
    not) its own share, at least `least` of each that the set holds. The rows of a share are spread evenly
    over the set, in file order, so a run reads the same rows every time, and a set added later takes its
    share from the others instead of growing the test."""
    total = sum(len(rows) for rows in sets)
    out = []
    for rows in sets:
        picked = []
        for value in (True, False):
            idx = [i for i, r in enumerate(rows) if label(r) == value]
            k = min(len(idx), max(least, round(budget * len(idx) / total)))
            picked += [idx[j * len(idx) // k] for j in range(k)]
        out += [rows[i] for i in sorted(picked)]
    return out
