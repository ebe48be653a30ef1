"""Shared fixtures for the end-to-end tests: the real CLI, real files."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def diplosim_bin():
    path = os.environ.get("DIPLOSIM_BIN")
    if not path or not os.access(path, os.X_OK):
        pytest.fail("DIPLOSIM_BIN must name the built diplosim executable (ctest sets it)")
    return path


@pytest.fixture(scope="session")
def run_cli(diplosim_bin):
    def run(*args, timeout=600, **kwargs):
        return subprocess.run([diplosim_bin, *map(str, args)], capture_output=True, text=True,
                              timeout=timeout, cwd=ROOT, **kwargs)
    return run


@pytest.fixture(scope="session")
def root():
    return ROOT
