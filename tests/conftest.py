"""Fixtures shared by every pytest suite under tests/ (e2e, python, cluster)."""
import os
import pathlib
import struct
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def diplosim_bin():
    path = os.environ.get("DIPLOSIM_BIN")
    if not path or not os.access(path, os.X_OK):
        pytest.fail("DIPLOSIM_BIN must name the built diplosim executable (ctest sets it)")
    return os.path.abspath(path)  # tests may run it from another folder


@pytest.fixture(scope="session")
def root():
    """The repository's root: the working directory of every CLI run in the tests."""
    return ROOT


@pytest.fixture
def damaged_copy():
    """A function that writes a copy of an HDF5 file whose global heap objects
    (the bytes of variable-length strings and of dimension-scale references)
    each claim a size of about 1.6 EB, the top byte of every object's size field
    set, and returns its path: HDF5 1.10 copies that many bytes when it reads
    one of them, and the reading process crashes."""
    def write(source, target):
        b = bytearray(pathlib.Path(source).read_bytes())
        changed = 0
        at = b.find(b"GCOL")
        while at >= 0:
            end = at + struct.unpack_from("<Q", b, at + 8)[0]  # the collection's size
            o = at + 16
            while o + 16 <= end:
                index, = struct.unpack_from("<H", b, o)
                size, = struct.unpack_from("<Q", b, o + 8)
                if index == 0:  # free space: the last entry
                    break
                b[o + 15] = 0x17
                changed += 1
                o += 16 + (size + 7) // 8 * 8
            at = b.find(b"GCOL", at + 4)
        assert changed > 0, f"no global heap object in {source}"
        pathlib.Path(target).write_bytes(b)
        return target
    return write


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
