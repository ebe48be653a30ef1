"""Loading diplosim HDF5 results. What is asked for (the whole file, or some
variables and replicates) is read into memory and the file closed at once, so
a notebook never holds a lock that would stop the next run from writing."""
import contextlib
import difflib
import glob
import itertools
import os
import warnings

import h5py
import numpy as np
import pandas as pd
import xarray as xr

from .damage import check_readable
from .memory import available_memory, human_bytes
from .selection import describe, labels, require

FORMAT_VERSION = 1


class DiplosimFileError(ValueError):
    """The file is not a diplosim result, or has a format this reader does not know."""


def _missing_hint(path):
    """Where a missing result was looked for (a notebook's working folder is the
    notebook's own, which a relative path easily forgets) and the closest name
    beside it, or that its folder does not exist; as the CLI says it."""
    hints = []
    absolute = os.path.normpath(os.path.abspath(path))
    if absolute != path:
        hints.append(f"looked for at {absolute!r}")
    folder, name = os.path.split(path)
    if not os.path.isdir(folder or "."):
        hints.append(f"its folder {folder!r} does not exist")
    elif len(name) >= 3:  # a name of a letter or two is close to too much for a guess to help
        with os.scandir(folder or ".") as entries:  # a huge folder is not worth the wait
            names = [entry.name for entry in itertools.islice(entries, 5000)]
        close = difflib.get_close_matches(name, names, n=1)
        if close:
            hints.append(f"did you mean {os.path.join(folder, close[0])!r}?")
    return f" ({'; '.join(hints)})" if hints else ""


def _check(path, kind=None):
    if not isinstance(path, (str, bytes, os.PathLike)):
        raise TypeError(f"expected a result file's path; got {describe(path)}"
                        + (", which is open already: use it as it is" if isinstance(path, (xr.Dataset, pd.DataFrame))
                           else ""))
    path = os.fsdecode(os.fspath(path))  # a bytes path too: xarray and the messages want text
    if not os.path.exists(path):
        # diplosim writes under a temporary name and renames the result into place when it is complete.
        writing = sorted(glob.glob(glob.escape(path) + ".partial-*"))
        if writing:
            raise FileNotFoundError(f"no such diplosim result: {path!r} yet: a run is still writing it (or was "
                                    f"killed while it did), as {os.path.basename(writing[0])!r}; the result takes "
                                    "its name when the run completes")
        raise FileNotFoundError(f"no such diplosim result: {path!r}{_missing_hint(path)}")
    if os.path.isdir(path):
        raise DiplosimFileError(f"{path!r} is a folder; expected a result file (.h5) written by diplosim")
    if not os.path.isfile(path):
        raise DiplosimFileError(f"{path!r} is not a regular file (a device or a pipe); expected a result file (.h5)")
    if not h5py.is_hdf5(path):
        raise DiplosimFileError(f"{path!r} is not an HDF5 file; expected a result file (.h5) written by diplosim")
    check_readable(path, DiplosimFileError)
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        if "unable to lock file" in str(e):  # HDF5's lock: a writer holds the file (h5py "r+"/"a" elsewhere)
            raise DiplosimFileError(f"{path!r}: another process has it open for writing; close it there and read "
                                    f"again (HDF5 says: {e})") from e
        # diplosim renames a result into place only once it is complete, so this is a copy or a damaged file.
        raise DiplosimFileError(f"{path!r} starts as an HDF5 file but its structure cannot be read (truncated or "
                                f"damaged, e.g. copied while it was written); expected a complete result file "
                                f"(HDF5 says: {e})") from e
    with f:
        if "diplosim_format_version" not in f.attrs:
            raise DiplosimFileError(f"{path!r} is not a diplosim result (no diplosim_format_version attribute)")
        version = int(f.attrs["diplosim_format_version"])
        if version != FORMAT_VERSION:
            raise DiplosimFileError(
                f"{path!r} has diplosim format version {version}; this reader reads {FORMAT_VERSION} "
                f"(written by diplosim {f.attrs.get('diplosim_version', '?')})")
        found = f.attrs.get("kind", "run")
        if kind and found != kind:
            raise DiplosimFileError(f"{path!r} is a diplosim {found} file, not a {kind} file; {_reader_for(found)}")
    return path


def _reader_for(kind):
    """What reads a file of this kind, for the error that says it was opened with the wrong function."""
    if kind in ("sweep", "sweep-shard"):
        return "read it with open_sweep(path) (a table) or open_sweep_dataset(path)"
    return "read it with open_run(path), events(path) or actions(path)"


def open_run(path, variables=None, replicates=None):
    """The run's state variables as an xarray.Dataset with dims replicate, time
    (datetime64), actor, actor_j, dimension (and ceasefire), actor and dimension
    names as coordinates, and the provenance as attributes.

    A large result need not be read whole: `variables` (a name or a list, e.g.
    ["position", "forecast"]) and `replicates` (a number, a list of numbers or a
    slice, e.g. slice(0, 100)) read only that part, and only that part is held
    in memory. A selection that would not fit in the memory this process may
    still take is refused with that advice, rather than ending the notebook's
    process."""
    names = None if variables is None else [variables] if isinstance(variables, str) else list(variables)
    return open_part(path, names, "open_run", replicates=replicates)


def open_part(path, names, purpose, optional=(), replicates=None):
    """The run's variables `names` (all when None), and those of `optional` it
    recorded, with the labels, read alone: what a function given a result's path
    needs of it. A name the run lacks is the error `require` gives for `purpose`."""
    path = _check(path, "run")
    with _cftime_fallback_is_quiet(), _open(path) as whole:
        part = whole
        if names is not None:
            require(whole, names, purpose)
            chosen = list(names) + [n for n in optional if n in whole and n not in names]
            # The labels (actor names, poles, populations) have no replicate axis and come along.
            part = whole[chosen + [v for v in whole.data_vars if "replicate" not in whole[v].dims and v not in chosen]]
        if replicates is not None:
            part = part.isel(replicate=_replicate_positions(replicates, part.sizes.get("replicate", 0)))
        _check_fits(path, part)
        return part.load()


def _replicate_positions(replicates, count):
    """Positions along the replicate axis (replicate k is at position k); a single
    number keeps the axis, with one replicate on it."""
    if isinstance(replicates, slice):
        # An empty selection would reach the statistics as an axis of length 0.
        if not range(count)[replicates]:
            raise ValueError(f"replicates={replicates!r} selects none of this run's replicates (0 to {count - 1})")
        return replicates
    single = isinstance(replicates, (int, np.integer)) or not hasattr(replicates, "__iter__")
    chosen = [replicates] if single or isinstance(replicates, str) else list(replicates)
    if not chosen:
        raise ValueError(f"replicates=[] selects none of this run's replicates (0 to {count - 1})")
    for r in chosen:
        if isinstance(r, bool) or not isinstance(r, (int, np.integer)) or not 0 <= r < count:
            raise ValueError(f"no replicate {r!r} in this run (replicates 0 to {count - 1}; "
                             "give a number, a list of numbers or a slice)")
    # The same replicate twice would count twice in every median and band.
    twice = sorted({int(r) for r in chosen if chosen.count(r) > 1})
    if twice:
        which = f"replicate {twice[0]} is" if len(twice) == 1 else f"replicates {', '.join(map(str, twice))} are"
        raise ValueError(f"{which} listed more than once in replicates=; expected each at most once")
    return chosen


def _check_fits(path, part):
    """Refuses a selection larger than the memory left, naming what would fit."""
    room = available_memory()
    need = sum(v.nbytes for v in part.variables.values())
    # Loading takes hardly more than the values (measured); the margin is the notebook's own work.
    if room is None or need <= 0.8 * room[0]:
        return
    sizes = sorted(((part[v].nbytes, v) for v in part.data_vars if "replicate" in part[v].dims), reverse=True)
    per_replicate = sum(v.nbytes for v in part.variables.values() if "replicate" in v.dims) / max(
        1, part.sizes.get("replicate", 1))
    # The advice aims below the refusal's line (70 % against 80 %): the room moves between this call and the
    # one that follows the advice (imports, page cache), and advice sized to the line exactly was itself
    # refused when it had shrunk by 0.3 MB (415 replicates advised at 294.1 MB, refused at 293.8 MB).
    fits = int(0.7 * room[0] // per_replicate) if per_replicate > 0 else 0
    raise DiplosimFileError(
        f"{path!r}: the selection holds {human_bytes(need)} of values, more than 80 % of the "
        f"{human_bytes(room[0])} {room[1]}; read part of it: open_run(path, variables=[...]) with some of "
        f"{', '.join(f'{name} {human_bytes(size)}' for size, name in sizes)}"
        + (f", or open_run(path, replicates=slice(0, {fits}))" if fits > 0 else ""))


@contextlib.contextmanager
def _cftime_fallback_is_quiet():
    """Dates outside numpy's datetime64[ns] range (before 1678 or after 2261:
    historical scenarios) come back as cftime dates; xarray warns of that while
    opening and again while loading, and the fallback is what is wanted."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Unable to decode time axis into full numpy.datetime64")
        yield


def _open(path, **kwargs):
    """xarray's lazy open (cftime dates where numpy's do not reach, which needs
    python3-cftime, instead of failing); callers hold _cftime_fallback_is_quiet."""
    try:
        return xr.open_dataset(path, engine="h5netcdf", **kwargs)
    except ValueError as e:
        if "unable to decode time units" not in str(e):
            raise
        raise DiplosimFileError(f"{path!r} has dates outside numpy's datetime64[ns] range (1678 to 2261); "
                                "reading them needs cftime (Debian: python3-cftime, which "
                                "scripts/install-deps installs)") from e


def _load(path, **kwargs):
    """The whole of a file (or of one group) in memory, the file closed again."""
    with _cftime_fallback_is_quiet(), _open(path, **kwargs) as ds:
        return ds.load()


def _table(path, group, dim, replicates):
    path = _check(path, "run")  # a sweep has no tables: say so, not that its run did not record them
    with h5py.File(path, "r") as f:
        if group not in f:
            raise DiplosimFileError(f"{path!r} has no {group} table: the run did not record it "
                                    f"(add {group} to --record, or leave --record out to record everything)")
        count = int(f.attrs.get("replicates", 0))
    with _cftime_fallback_is_quiet(), _open(path, group=group) as ds:
        if replicates is not None:
            chosen = _replicate_positions(replicates, count)
            chosen = range(count)[chosen] if isinstance(chosen, slice) else chosen
            ds = ds.isel({dim: np.flatnonzero(np.isin(ds["replicate"].values, list(chosen)))})
        df = ds.load().to_dataframe().reset_index(drop=True)
    return df.drop(columns=[dim], errors="ignore")


def events(path, replicates=None):
    """The events table: replicate, date, type, name, actors, outcome, value.
    `replicates` (a number, a list or a slice) keeps only their rows, read alone."""
    df = _table(path, "events", "event", replicates)
    return df[["replicate", "date", "type", "name", "actors", "outcome", "value"]]


def actions(path, replicates=None):
    """The actions table: replicate, date, actor, action, target (`replicates` as for events)."""
    df = _table(path, "actions", "decision", replicates)
    return df[["replicate", "date", "actor", "action", "target"]]


def provenance(path):
    """Root attributes: diplosim version, seed, replicates, scenario text and its
    hash, command line, creation time, …"""
    path = _check(path)
    with h5py.File(path, "r") as f:
        out = {}
        for k, v in f.attrs.items():
            out[k] = v.decode() if isinstance(v, bytes) else (v.item() if hasattr(v, "item") else v)
    return out


def open_sweep(path, statistic="mean"):
    """A sweep result as a pandas.DataFrame indexed by point: one column per
    parameter (its value), one per outcome (the chosen statistic over the
    point's replicates: mean, sd, q05, q50 (or median) or q95), plus `status`, `error`,
    `point_seed` and `run_seconds`. The full Dataset is `open_sweep_dataset`."""
    ds = open_sweep_dataset(path)
    table = ds["design"].to_pandas()
    table.columns = list(ds["parameter"].values)
    if not isinstance(statistic, str):
        raise TypeError(f"open_sweep: statistic is one of 'mean', 'sd', 'q05', 'q50' (or 'median'), 'q95'; "
                        f"got {statistic!r}")
    statistic = {"median": "q50"}.get(statistic, statistic)
    outcomes = labels(ds["summary"], "statistic", statistic, where="this sweep").to_pandas()
    outcomes.columns = list(ds["outcome"].values)
    extra = pd.DataFrame({k: ds[k].values for k in ["status", "error", "point_seed", "run_seconds"]},
                         index=ds["point"].values)
    out = table.join(outcomes).join(extra)
    out.index.name = "point"
    # Which columns are which, for functions given the table (rank_correlations).
    out.attrs.update(parameters=list(table.columns), outcomes=list(outcomes.columns), statistic=statistic)
    return out


def open_sweep_dataset(path):
    """The sweep file as an xarray.Dataset (dims point, parameter, outcome,
    statistic, and time, dimension with trajectories; Sobol tables if analysed)."""
    path = _check(path, None)
    with h5py.File(path, "r") as f:
        kind = f.attrs.get("kind", "run")
    if kind not in ("sweep", "sweep-shard"):
        raise DiplosimFileError(f"{path!r} is a diplosim {kind} file, not a sweep file; {_reader_for(kind)}")
    return _load(path)
