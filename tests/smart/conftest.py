"""The SMART checker's tests share one parse of each YAML file (goalsets.read_yaml)."""

from __future__ import annotations

import os

import pytest

from generator import evaluate, train
from tests.smart import goalsets


@pytest.fixture(scope="session", autouse=True)
def each_yaml_file_parsed_once(tmp_path_factory):
    """generator.train's reader (train_safety.rows(), train.datasets(), evaluate's sets) reads through
    goalsets.read_yaml for the session: the same loader, each file's text parsed once in the run; the
    parses wait in a folder every xdist worker of the run shares (as the built site does)."""
    root = tmp_path_factory.getbasetemp()
    folder = (root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root) / "yaml"
    folder.mkdir(exist_ok=True)
    goalsets.SHARED[:] = [folder]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(train, "read_yaml", goalsets.read_yaml)
        patch.setattr(evaluate, "read_yaml", goalsets.read_yaml)
        yield
    goalsets.SHARED.clear()
