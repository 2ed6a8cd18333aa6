"""``make bench``: speed and weight of the workbook, as ratios to baselines measured in the same run.

Each measurement lives in its own module (``checker``, ``feedback``, ``weight``,
``build``); ``__main__`` runs them, ``report`` prints the table and writes
``bench/results.json``. Nothing here is a test: no timing ever fails a build.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
DEV_SET = (ROOT / ".." / "shared" / "smart-goals" / "dev.yaml").resolve()
RESULTS = HERE / "results.json"
