"""Fixtures for the end-to-end tests: the real CLI, real files (diplosim_bin and
root come from tests/conftest.py)."""
import os
import subprocess

import pytest


@pytest.fixture(scope="session")
def run_cli(diplosim_bin, root):
    def run(*args, timeout=600, **kwargs):
        return subprocess.run([diplosim_bin, *map(str, args)], capture_output=True, text=True,
                              timeout=timeout, cwd=root, **kwargs)
    return run



@pytest.fixture(scope="session")
def mpi_env():
    """The environment for `mpirun` on this machine: as root, shared memory
    between ranks on loopback only, more ranks than cores allowed."""
    return dict(os.environ, OMPI_MCA_btl="self,vader", OMPI_MCA_btl_vader_single_copy_mechanism="none",
                OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1", OMPI_MCA_rmaps_base_oversubscribe="1")
