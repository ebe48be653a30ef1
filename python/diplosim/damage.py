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

_SOUND = set()  # (path, size, mtime) of files whose structure a child has read


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


def _limit_child(file_bytes):
    """Memory max(2 GB, 64 × the file) beyond what the child holds, CPU 60 s + 1 s per 10 MB."""
    with open("/proc/self/statm") as statm:
        held = int(statm.read().split()[0]) * os.sysconf("SC_PAGESIZE")
    room = max(2 << 30, 64 * file_bytes)
    resource.setrlimit(resource.RLIMIT_AS, (held + room, held + room))
    seconds = 60 + file_bytes // 10_000_000
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    return seconds


def check_readable(path, error):
    """Raises `error` (an exception class) naming `path` as damaged when reading
    its structure crashes the HDF5 library, or runs past the limits, in a child
    process; returns otherwise (an error the library reports is left to the
    read that follows). Where there is no fork (Windows), it returns at once."""
    st = os.stat(path)
    key = (os.path.realpath(path), st.st_size, st.st_mtime_ns)
    if key in _SOUND or not hasattr(os, "fork"):
        return
    seconds = 60 + st.st_size // 10_000_000
    pid = os.fork()
    if pid == 0:  # the child: never returns
        try:
            faulthandler.disable()  # its traceback of the crash would reach the parent's stderr (pytest's copy)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            _limit_child(st.st_size)
            _read_structure(path)
        except BaseException:
            pass  # an error the library reports: the parent's own read reports it
        os._exit(0)
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
    if not os.WIFSIGNALED(status):
        _SOUND.add(key)
        return
    sig = os.WTERMSIG(status)
    if sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL):
        return  # the user's interrupt, or the kernel's OOM killer: not the file's doing
    what = (f"the HDF5 library did not finish reading it in {seconds} s of CPU time" if sig == signal.SIGXCPU
            else f"the HDF5 library crashed reading it ({signal.strsignal(sig)})")
    raise error(f"{path!r} is damaged: {what}, as it does when a file's internal structure was altered after it was "
                "written (a copy gone wrong, a failing disk, an edit); it cannot be read. Copy it again from where "
                "it was made, or make it again")
