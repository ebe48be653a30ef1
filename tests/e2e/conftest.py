"""Fixtures for the end-to-end tests: the real CLI, real files (diplosim_bin and
root come from tests/conftest.py)."""
import subprocess

import pytest


@pytest.fixture(scope="session")
def run_cli(diplosim_bin, root):
    def run(*args, timeout=600, **kwargs):
        return subprocess.run([diplosim_bin, *map(str, args)], capture_output=True, text=True,
                              timeout=timeout, cwd=root, **kwargs)
    return run

