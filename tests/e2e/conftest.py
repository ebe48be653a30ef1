"""Fixtures for the end-to-end tests: the real CLI, real files (diplosim_bin and
root come from tests/conftest.py)."""
import os
import subprocess
import time

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


def _own_memory_cgroup():
    """This process's folder in the cgroup hierarchy holding the memory
    controller, and whether that hierarchy is v2, or None."""
    with open("/proc/self/cgroup") as f:
        lines = [line.rstrip("\n").split(":", 2) for line in f if line.count(":") >= 2]
    with open("/proc/self/mountinfo") as f:
        mounts = [line.split() for line in f]
    for v2 in (False, True):
        if v2:
            path = next((p for i, c, p in lines if i == "0" and c == ""), None)
        else:
            path = next((p for i, c, p in lines if "memory" in c.split(",")), None)
        if path is None:
            continue
        for fields in mounts:
            dash = fields.index("-")
            fstype, options = fields[dash + 1], fields[dash + 3].split(",")
            if fstype == ("cgroup2" if v2 else "cgroup") and (v2 or "memory" in options):
                root, mount_point = fields[3], fields[4].replace("\\040", " ")
                relative = path[len(root):] if root != "/" and path.startswith(root) else ("" if root != "/" else path)
                return os.path.join(mount_point, relative.lstrip("/")), v2
    return None


@pytest.fixture
def memory_cgroup():
    """make(limit_bytes) creates a child of this test's own memory cgroup with
    that limit and returns a preexec_fn that moves a child process into it; the
    folders are removed after the test. Skips where no memory cgroup can be made
    (not root, a read-only hierarchy, or a v2 parent without the memory controller)."""
    made = []

    def make(limit_bytes):
        found = _own_memory_cgroup()
        if found is None:
            pytest.skip("this process has no memory cgroup")
        parent, v2 = found
        folder = os.path.join(parent, f"diplosim-test-{os.getpid()}-{len(made)}")
        try:
            os.mkdir(folder)
        except OSError as e:
            pytest.skip(f"cannot make a memory cgroup under {parent}: {e}")
        made.append(folder)
        limit_file = os.path.join(folder, "memory.max" if v2 else "memory.limit_in_bytes")
        if not os.path.exists(limit_file):
            pytest.skip(f"{parent} does not delegate the memory controller")
        with open(limit_file, "w") as f:
            f.write(str(limit_bytes))

        def join():
            with open(os.path.join(folder, "cgroup.procs"), "w") as f:
                f.write(str(os.getpid()))
        return folder, join

    yield make
    for folder in made:
        for _ in range(50):  # empty once its processes have exited
            try:
                os.rmdir(folder)
                break
            except OSError:
                time.sleep(0.1)
