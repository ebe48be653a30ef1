import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))


@pytest.fixture(scope="session")
def flagship(diplosim_bin, tmp_path_factory):
    """A flagship result written by the CLI in this test session."""
    out = tmp_path_factory.mktemp("reader") / "syria.h5"
    subprocess.run([diplosim_bin, "run", "scenarios/syria-2016-17.yaml", "-o", str(out), "-r", "20", "-q"],
                   cwd=ROOT, check=True)
    return out
