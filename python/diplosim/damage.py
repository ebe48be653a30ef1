"""A guard against results whose bytes were altered after they were written
(a copy gone wrong, a failing disk, an edit). The HDF5 library trusts a file's
metadata, and such a file can crash it (a double free in H5DSis_scale, a
segmentation fault in H5HG_read), which would end the notebook's kernel with
no word about the file, or have it allocate gigabytes or read for ever. So the
reader first reads a file's structure in a forked child, with limits, as the
diplosim commands do (output/damage_probe.h)."""
import faulthandler
import os
import resource
import signal
import time

import h5py

from .memory import available_memory, human_bytes

_PROBED = set()  # (path, size, mtime) of files whose structure a child has read without a crash
_OUT_OF_ROOM = 4  # the child's exit status when its read ran out of the memory it may take


def _read_structure(path):
    """What the reader touches before the values: every attribute (dimension
    lists and references included, which live in the file's global heap), and
    the labels: the short 1-D datasets (names, poles, dates), whose strings
    live there too. Long columns (the tables') are values, and left alone."""
    with h5py.File(path, "r") as f:
        def visit(_, obj):
            dict(obj.attrs)
            if isinstance(obj, h5py.Dataset) and obj.ndim <= 1 and obj.size <= 10_000:
                obj[()]
        dict(f.attrs)
        f.visititems(visit)


def _memory_room(file_bytes):
    """What the child's read may allocate: far more than reading a sound file
    needs (64 × the file, 2 GB at least), but no more than is free."""
    room = max(2 << 30, 64 * file_bytes)
    available = available_memory()
    return min(room, available[0]) if available else room


def _limit_child(file_bytes, seconds):
    """The child's memory (beyond what it holds) and CPU time."""
    with open("/proc/self/statm") as statm:
        held = int(statm.read().split()[0]) * os.sysconf("SC_PAGESIZE")
    room = _memory_room(file_bytes)
    resource.setrlimit(resource.RLIMIT_AS, (held + room, held + room))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))


def check_readable(path, error):
    """Raises `error` (an exception class) naming `path` as damaged when reading
    its structure crashes the HDF5 library, or runs past the limits, in a child
    process; returns otherwise (an error the library reports is left to the
    read that follows). Where there is no fork (Windows), it returns at once."""
    st = os.stat(path)
    key = (os.path.realpath(path), st.st_size, st.st_mtime_ns)
    if key in _PROBED or not hasattr(os, "fork"):
        return
    seconds = 60 + st.st_size // 10_000_000
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 0
        try:
            faulthandler.disable()  # its traceback of the crash would reach the parent's stderr (pytest's copy)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            _limit_child(st.st_size, seconds)
            _read_structure(path)
        except MemoryError:
            status = _OUT_OF_ROOM  # the parent, without the limit, would take all there is
        except BaseException as e:
            # HDF5's own allocation failing under the limit; any other error the parent's read reports.
            status = _OUT_OF_ROOM if "memory allocation failed" in str(e) else 0
        os._exit(status)
    # A child that ends neither by itself nor by its CPU limit (a lock another of
    # the parent's threads held at the fork) is given up on after a wall-clock
    # margin; the read then goes ahead as it would have without the guard.
    deadline = time.monotonic() + 2 * seconds + 30
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return
        time.sleep(0.005)
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) != _OUT_OF_ROOM:
        _PROBED.add(key)
        return
    sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    if sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL):
        return  # the user's interrupt, or the kernel's OOM killer: not the file's doing
    if sig is None:
        what = f"reading it asked for more than the {human_bytes(_memory_room(st.st_size))} that any sound file of its size needs"
    elif sig == signal.SIGXCPU:
        what = f"the HDF5 library did not finish reading it in {seconds} s of CPU time"
    else:
        what = f"the HDF5 library crashed reading it ({signal.strsignal(sig)})"
    raise error(f"{path!r} is damaged: {what}; that happens when a file's internal structure was altered after it "
                "was written (a copy gone wrong, a failing disk, an edit), and it cannot be read. Copy it again from "
                "where it was made, or make it again")
