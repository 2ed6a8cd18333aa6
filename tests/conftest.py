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


# The files that take longest (pytest --durations, summed per file, a clean-clone run at fc58c81 under load; issue 18 §4),
# longest first. Under `--dist loadfile` a file is one unit of work and xdist hands units out in collection
# order, one at a time as a worker runs low. Two rules shape the order:
# * The site build (about a minute) runs in whichever worker first needs `built_site`; the other worker
#   would wait on its lock. So the longest file that needs the site goes first (its worker builds), and
#   every file that never needs it (the checker's, most of the generator's) goes next, filling the other
#   worker while the build runs.
# * Then the long files, so the end of a run is short files filling in on both workers instead of one long
#   file running alone. (xdist's own order, most tests first, put the files with one or two long tests
#   last: make test turns it off with --no-loadscope-reorder.)
# Only an order: a file missing here, or a stale entry, costs time, never a result.
LONG_FIRST = [
    "tests/browser/test_first_visit.py",
    "tests/smart/test_parity.py",  # every parity set in one Node process (~30-35 s of CPU since round 14): the
    "tests/smart/test_safety_model.py",  # longest file without a browser, so it goes first while the site builds
    "tests/browser/test_lock.py",
    "tests/browser/test_offline.py",
    "tests/browser/test_transfer.py",
    "tests/browser/test_nothing_lost_form.py",
    "tests/browser/test_privacy.py",
    "tests/browser/test_new_worksheets.py",
    "tests/browser/test_checker.py",
    "tests/browser/test_filling.py",
    "tests/browser/test_exit.py",
    "tests/browser/test_xss.py",
    "tests/browser/test_storage.py",
    "tests/browser/test_tracker.py",
    "tests/browser/test_mygoals.py",
    "tests/browser/test_updates.py",
    "tests/browser/test_safety.py",
    "tests/generator/test_pdf.py",
    "tests/browser/test_nothing_lost_reload.py",
    "tests/browser/test_deploy.py",
    "tests/browser/test_nothing_lost_tabs.py",
    "tests/browser/test_lock_hardening.py",
    "tests/browser/test_erase_all.py",
]


def pytest_collection_modifyitems(config, items):
    def file_of(item) -> str:
        return item.nodeid.split("::", 1)[0]

    rank = {path: i for i, path in enumerate(LONG_FIRST)}
    needs_site = {file_of(item) for item in items if "built_site" in item.fixturenames}
    # Ties (files missing from LONG_FIRST) go by path: every xdist worker must pick the same builder, or
    # their orders differ and xdist stops ("Different tests were collected").
    builder = min(needs_site, key=lambda path: (rank.get(path, len(rank)), path), default=None)

    def order(item) -> tuple[int, int]:
        path = file_of(item)
        stage = 0 if path == builder else 1 if path not in needs_site else 2
        return stage, rank.get(path, len(rank))

    items.sort(key=order)  # stable: files stay whole


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
