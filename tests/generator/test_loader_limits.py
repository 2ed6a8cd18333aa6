"""Hostile worksheet files fail fast with a file:line:col error, not minutes of work.

Each file is validated by the real CLI in a child process, whose CPU time and
peak memory come from the kernel (wait4), so a busy machine cannot make the
bounds pass or fail by chance: CPU seconds, not wall time.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import loader

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
CPU_SECONDS = 2.0
PEAK_MB = 200


def _generated(tmp: Path) -> dict[str, Path]:
    """Files too big to keep in the repository, written on the fly."""
    huge = tmp / "huge.yml"
    huge.write_text("id: huge\ntitle: Huge\nsummary: " + "x" * (loader.MAX_BYTES + 10) + "\n")
    wide = tmp / "wide.yml"  # under the byte limit, but far too many values
    wide.write_text("id: wide\ntitle: Wide\nsections:\n" + "- a\n" * 200_000)
    return {"huge.yml": huge, "wide.yml": wide}


# A fresh, small interpreter forks the CLI and reports what wait4 says of it. Forking the CLI from the
# test process itself would charge the child with the test process's own memory: Linux counts the
# pages a child shares after fork() in its peak (ru_maxrss), so a pytest worker grown to 230 MB by the
# tests before made every file "peak" at 230 MB.
LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:  # become the CLI, its output to /dev/null
    fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.execv(sys.executable, [sys.executable, "-m", "generator.cli", "validate", sys.argv[1]])
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


def _measure(path: Path) -> tuple[int, float, float]:
    """Exit code, CPU seconds and peak MB of `workbook validate path`."""
    done = subprocess.run([sys.executable, "-c", LAUNCHER, str(path)], capture_output=True, text=True, check=True)
    code, cpu, maxrss = done.stdout.split()
    return int(code), float(cpu), int(maxrss) / 1024


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    files = {p.name: p for p in sorted(HOSTILE.glob("*.yml"))}
    files.update(_generated(tmp_path_factory.mktemp("hostile")))
    return files


EXPECTED = {
    "billion_laughs.yml": r"billion_laughs\.yml:\d+:\d+: more than 50,000 values in all",
    "mapping_laughs.yml": r"mapping_laughs\.yml:\d+:\d+: more than 50,000 values in all",
    "deep_flow.yml": r"deep_flow\.yml:3:\d+: nested more than 40 levels deep",
    "deep_block.yml": r"deep_block\.yml:\d+:\d+: nested more than 40 levels deep",
    "huge.yml": r"huge\.yml:1:1: file is over 1,000,000 bytes",
    "wide.yml": r"wide\.yml:\d+:\d+: more than 50,000 values in all",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file_is_refused_with_a_located_message(hostile, name):
    _, problems = loader.load_file(hostile[name])
    assert len(problems) == 1
    assert re.search(EXPECTED[name], str(problems[0])), str(problems[0])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file_is_refused_cheaply(hostile, name):
    code, cpu, peak_mb = _measure(hostile[name])
    assert code == 1
    assert cpu < CPU_SECONDS, f"{name}: {cpu:.2f} s of CPU"
    assert peak_mb < PEAK_MB, f"{name}: {peak_mb:.0f} MB peak"


def test_aliases_within_the_limit_still_work(tmp_path):
    """Limits refuse abuse, not YAML: a modest alias is fine."""
    good = (Path(__file__).parent / "fixtures" / "all_kinds.yml").read_text("utf-8")
    assert "&" not in good
    text = good.replace("title:", "x-note: &note shared\ntitle:", 1)
    ws, problems = loader.parse(text, "all_kinds.yml")
    # The unknown key is reported as usual: the limit check let the file through.
    assert [p.message for p in problems] == ["unknown key 'x-note'"]
