"""The runtime cache (assets._cached): a derived file is made once, even by builds running side by side."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from generator import assets

fcntl = pytest.importorskip("fcntl")


def _build(cache: str, marker: str, out: str) -> None:
    """A second build: asks the cache for the file; writes `marker` if it had to make it, `out` the content."""
    def make() -> bytes:
        Path(marker).write_text("made")
        return b"made by the second build"

    Path(out).write_bytes(assets._cached(Path(cache), "runtime.bin", [b"inputs"], make).read_bytes())


def _waiting_on(lock: Path) -> bool:
    """True when some process is blocked on a lock of this file (Linux's /proc/locks marks waiters with ->)."""
    inode = os.stat(lock).st_ino
    return any(line.split()[1] == "->" and line.split()[-3].endswith(f":{inode}")
               for line in Path("/proc/locks").read_text().splitlines())


def test_a_file_is_made_once_when_two_builds_want_it_at_once(tmp_path):
    if not Path("/proc/locks").exists():
        pytest.skip("/proc/locks is Linux's: the waiting build cannot be seen here")
    cache = tmp_path / "cache"
    # The first build holds the lock while it makes the file; the second starts meanwhile and must wait for it.
    with assets._lock(_lock_of(cache)):
        child = multiprocessing.get_context("spawn").Process(
            target=_build, args=(str(cache), str(tmp_path / "marker"), str(tmp_path / "out")))
        child.start()
        try:
            deadline = 600
            while not _waiting_on(_lock_of(cache)) and deadline:
                child.join(0.1)  # a positive signal: the second build is blocked on the lock
                assert child.exitcode is None, "the second build ended without waiting for the first"
                deadline -= 1
            assert deadline, "the second build never waited on the lock"
            _path_of(cache).write_bytes(b"made by the first build")
        except BaseException:
            child.kill()
            raise
    child.join(60)
    assert child.exitcode == 0
    assert not (tmp_path / "marker").exists(), "the second build made the file again"
    assert (tmp_path / "out").read_bytes() == b"made by the first build"


def test_a_missing_file_is_made_and_then_read(tmp_path):
    calls = []

    def make() -> bytes:
        calls.append(1)
        return b"x"

    a = assets._cached(tmp_path, "f.bin", [b"in"], make)
    b = assets._cached(tmp_path, "f.bin", [b"in"], make)
    c = assets._cached(tmp_path, "f.bin", [b"other"], make)
    assert a == b != c
    assert a.read_bytes() == c.read_bytes() == b"x"
    assert len(calls) == 2  # once per distinct inputs
    assert not list(tmp_path.glob("*.tmp"))


def _path_of(cache: Path) -> Path:
    """Where _cached keeps this test's file (the name it derives from the inputs)."""
    probe = cache.parent / "probe"
    assets._cached(probe, "runtime.bin", [b"inputs"], lambda: b"")
    return cache / next(probe.glob("*-runtime.bin")).name


def _lock_of(cache: Path) -> Path:
    cache.mkdir(parents=True, exist_ok=True)
    path = _path_of(cache)
    return path.with_name(path.name + ".lock")
