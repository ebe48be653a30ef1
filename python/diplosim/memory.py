"""How much memory this process may still take: the machine's available memory,
or less under a memory cgroup's limit (a container, a Slurm job, a notebook
server's own limit). The reader uses it to refuse, with advice, a result too
large to load whole, rather than have the kernel end the notebook's process."""
import os

_CGROUP_ROOT = "/sys/fs/cgroup"


def human_bytes(n):
    for unit in ("bytes", "KB", "MB", "GB", "TB"):
        if n < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000


def _read_number(path, key=None):
    """A file's number ('max' and unreadable files are None), or a keyed line's in a stat file."""
    try:
        with open(path) as f:
            if key is None:
                text = f.read().strip()
                return int(text) if text.isdigit() else None
            for line in f:
                fields = line.split()
                if len(fields) >= 2 and fields[0] == key and fields[1].isdigit():
                    return int(fields[1])
    except OSError:
        pass
    return None


def _cgroup_folders():
    """(folder, v2) for this process's memory cgroup and each folder above it."""
    try:
        with open("/proc/self/cgroup") as f:
            lines = [line.rstrip("\n").split(":", 2) for line in f if line.count(":") >= 2]
    except OSError:
        return []
    found = []
    for hierarchy, controllers, path in lines:
        if hierarchy == "0" and controllers == "":
            base, v2 = _CGROUP_ROOT, True
        elif "memory" in controllers.split(","):
            base, v2 = os.path.join(_CGROUP_ROOT, "memory"), False
        else:
            continue
        parts = [p for p in path.split("/") if p]
        for k in range(len(parts), -1, -1):
            found.append((os.path.join(base, *parts[:k]), v2))
    return found


def available_memory():
    """(bytes, where the figure comes from), or None when nothing says."""
    room = None
    meminfo = _read_number("/proc/meminfo", "MemAvailable:")
    if meminfo is not None:
        room = (meminfo * 1024, "this machine has available")
    unlimited = 1 << 60  # cgroup v1 writes "no limit" as a huge number
    for folder, v2 in _cgroup_folders():
        limit = _read_number(os.path.join(folder, "memory.max" if v2 else "memory.limit_in_bytes"))
        usage = _read_number(os.path.join(folder, "memory.current" if v2 else "memory.usage_in_bytes"))
        if limit is None or limit >= unlimited or usage is None:
            continue
        # Page cache the kernel can drop at once is room, as it is when the limit is enforced.
        reclaimable = _read_number(os.path.join(folder, "memory.stat"), "inactive_file" if v2 else "total_inactive_file")
        used = usage - min(usage, reclaimable or 0)
        left = limit - min(limit, used)
        if room is None or left < room[0]:
            room = (left, f"this process's memory cgroup leaves ({folder}: limit {human_bytes(limit)})")
    return room
