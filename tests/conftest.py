"""Fixtures shared by every pytest suite under tests/ (e2e, python, cluster)."""
import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def diplosim_bin():
    path = os.environ.get("DIPLOSIM_BIN")
    if not path or not os.access(path, os.X_OK):
        pytest.fail("DIPLOSIM_BIN must name the built diplosim executable (ctest sets it)")
    return path


@pytest.fixture(scope="session")
def root():
    """The repository's root: the working directory of every CLI run in the tests."""
    return ROOT
