"""Fixtures shared by every layer: the real site, built once per test run.

Under pytest-xdist (``make test`` runs ``-n 2``) every worker is its own
session, so a plain session fixture would build the site once per worker. The
workers share one build instead: the first to get the lock builds into the
run's shared temporary folder, and the others wait for it and reuse it (or its
failure).
"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

import pytest

from tests.sitebuild import build_site


def _build(dest: Path) -> dict:
    done = build_site(dest)
    return {"returncode": done.returncode, "stdout": done.stdout, "stderr": done.stderr}


def _shared_build(root: Path) -> tuple[Path, dict]:
    """Build into ``root/site`` once for all workers of this run; later callers read the recorded outcome."""
    dest, record = root / "site", root / "site.json"
    with open(root / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not record.exists():
            record.write_text(json.dumps(_build(dest)), encoding="utf-8")
    return dest, json.loads(record.read_text("utf-8"))


# The files that take longest (pytest --durations, summed per file; issue 18 §4), longest first. Under
# `--dist loadfile` a file is one unit of work and xdist hands units out in collection order; this puts
# the long ones first, so the end of a run is short files filling in on both workers instead of one long
# file running alone. (xdist's own order, most tests first, put the files with one or two long tests, such
# as test_parity and test_a11y, last: make test turns it off with --no-loadscope-reorder.) Only an order:
# a file missing here, or a stale entry, costs time, never a result. Files not listed keep their order.
LONG_FIRST = [
    "tests/smart/test_parity.py",
    "tests/browser/test_offline.py",
    "tests/browser/test_first_visit.py",
    "tests/browser/test_a11y.py",
    "tests/browser/test_checker.py",
    "tests/browser/test_safety.py",
    "tests/generator/test_pdf.py",
    "tests/browser/test_updates.py",
    "tests/browser/test_mygoals.py",
    "tests/browser/test_xss.py",
    "tests/browser/test_privacy.py",
    "tests/browser/test_deploy.py",
]


def pytest_collection_modifyitems(config, items):
    rank = {path: i for i, path in enumerate(LONG_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))  # stable: files stay whole


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real workbook, built with --strict once for the whole run (shared by xdist workers)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        dest, done = _shared_build(tmp_path_factory.getbasetemp().parent)
    else:
        dest = tmp_path_factory.mktemp("site")
        done = _build(dest)
    assert done["returncode"] == 0, f"mkdocs build --strict failed:\n{done['stdout']}\n{done['stderr']}"
    return dest
