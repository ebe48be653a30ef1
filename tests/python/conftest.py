import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))


@pytest.fixture(scope="session")
def diplosim_bin():
    path = os.environ.get("DIPLOSIM_BIN")
    if not path or not os.access(path, os.X_OK):
        pytest.fail("DIPLOSIM_BIN must name the built diplosim executable (ctest sets it)")
    return path


@pytest.fixture(scope="session")
def flagship(diplosim_bin, tmp_path_factory):
    """A flagship result written by the CLI in this test session."""
    out = tmp_path_factory.mktemp("reader") / "syria.h5"
    subprocess.run([diplosim_bin, "run", "scenarios/syria-2016-17.yaml", "-o", str(out), "-r", "20", "-q"],
                   cwd=ROOT, check=True)
    return out
