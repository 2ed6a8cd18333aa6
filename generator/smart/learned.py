"""Reads the trained decision model shipped in ``weights.py`` and scores goals.

The model is logistic regression (one head per yes/no label, three heads for
framing) over hashed feature buckets (see features.py). Weights are stored
as signed bytes with one scale per head, only for the buckets training ever
filled (a shared bitmap says which), so the whole model is under 100 KB of
base64 text, and scoring is an integer sum plus one multiply:
the same bits in CPython and in Pyodide. ``make train`` (generator/train.py)
writes ``weights.py``; nothing here needs numpy or scikit-learn.
"""

import base64
import json
from array import array

BINARY = ("specific", "measurable", "time_bound", "attainable_risk")
FRAMINGS = ("approach", "avoidance", "mixed")


class Model:
    """Heads by name: (bias, scale, signed-byte weights over 2**bits buckets)."""

    def __init__(self, data):
        self.bits = int(data["bits"])
        self.version = data.get("version", "")
        size = 1 << self.bits
        # Only the buckets some head uses are stored, in order; a bitmap says which.
        bitmap = base64.b64decode(data["used"])
        if len(bitmap) * 8 != size:
            raise ValueError("weights.py: the bucket bitmap has %d bits, expected %d" % (len(bitmap) * 8, size))
        used = [i for i in range(size) if bitmap[i >> 3] >> (i & 7) & 1]
        self.heads = {}
        for name, head in data["heads"].items():
            values = array("b")
            values.frombytes(base64.b64decode(head["w"]))
            if len(values) != len(used):
                raise ValueError("weights.py: head %r has %d weights, expected %d" % (name, len(values), len(used)))
            w = array("b", bytes(size))
            for i, v in zip(used, values):
                w[i] = v
            self.heads[name] = (float(head["bias"]), float(head["scale"]), w)

    def margin(self, name, idx):
        """The head's log-odds for the goal whose feature buckets are idx."""
        bias, scale, w = self.heads[name]
        return bias + scale * sum(map(w.__getitem__, idx))

    def decide(self, idx):
        """{label: bool} for the yes/no labels, plus "framing": the best of the three."""
        out = {name: self.margin(name, idx) >= 0.0 for name in BINARY}
        best, kind = None, FRAMINGS[0]
        for f in FRAMINGS:
            m = self.margin("framing:" + f, idx)
            if best is None or m > best:
                best, kind = m, f
        out["framing"] = kind
        return out


_MODEL = []


def model():
    """The shipped model, loaded once per process."""
    if not _MODEL:
        from . import weights  # generated; imported late so `make train` runs before it exists
        _MODEL.append(Model(json.loads(weights.DATA)))
    return _MODEL[0]


def preload():
    """Load the model now if it loads. A missing or unreadable weights.py (while
    `make train` replaces it) is not an import error: the first check raises it."""
    try:
        model()
    except (ImportError, ValueError, KeyError, TypeError):
        pass
