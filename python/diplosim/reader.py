"""Loading diplosim HDF5 results. Files are read fully and closed at once, so a
notebook never holds a lock that would stop the next run from writing."""
import os
import warnings

import h5py
import pandas as pd
import xarray as xr

from .selection import labels

FORMAT_VERSION = 1


class DiplosimFileError(ValueError):
    """The file is not a diplosim result, or has a format this reader does not know."""


def _check(path, kind=None):
    path = os.fspath(path)
    if not os.path.exists(path):
        raise FileNotFoundError(f"no such diplosim result: {path!r}")
    if not h5py.is_hdf5(path):
        raise DiplosimFileError(f"{path!r} is not an HDF5 file")
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
            raise DiplosimFileError(f"{path!r} is a diplosim {found} file, not a {kind} file")
    return path


def open_run(path):
    """The run's state variables as an xarray.Dataset with dims replicate, time
    (datetime64), actor, actor_j, dimension (and ceasefire), actor and dimension
    names as coordinates, and the provenance as attributes."""
    path = _check(path, "run")
    return _load(path)


def _load(path, **kwargs):
    """xarray's load; dates outside numpy's datetime64[ns] range (before 1678
    or after 2261: historical scenarios) come back as cftime dates, which
    needs python3-cftime, instead of failing."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Unable to decode time axis into full numpy.datetime64")
        try:
            return xr.load_dataset(path, engine="h5netcdf", **kwargs)
        except ValueError as e:
            if "unable to decode time units" not in str(e):
                raise
            raise DiplosimFileError(f"{path!r} has dates outside numpy's datetime64[ns] range (1678 to 2261); "
                                    "reading them needs cftime (Debian: python3-cftime, which "
                                    "scripts/install-deps installs)") from e


def _table(path, group, dim):
    path = _check(path)
    with h5py.File(path, "r") as f:
        if group not in f:
            raise DiplosimFileError(f"{path!r} has no {group} table: the run did not record it "
                                    f"(add {group} to --record, or leave --record out to record everything)")
    ds = _load(path, group=group)
    df = ds.to_dataframe().reset_index(drop=True)
    return df.drop(columns=[dim], errors="ignore")


def events(path):
    """The events table: replicate, date, type, name, actors, outcome, value."""
    df = _table(path, "events", "event")
    return df[["replicate", "date", "type", "name", "actors", "outcome", "value"]]


def actions(path):
    """The actions table: replicate, date, actor, action, target."""
    df = _table(path, "actions", "decision")
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
    statistic = {"median": "q50"}.get(statistic, statistic)
    outcomes = labels(ds["summary"], "statistic", statistic, where="this sweep").to_pandas()
    outcomes.columns = list(ds["outcome"].values)
    extra = pd.DataFrame({k: ds[k].values for k in ["status", "error", "point_seed", "run_seconds"]},
                         index=ds["point"].values)
    out = table.join(outcomes).join(extra)
    out.index.name = "point"
    return out


def open_sweep_dataset(path):
    """The sweep file as an xarray.Dataset (dims point, parameter, outcome,
    statistic, and time, dimension with trajectories; Sobol tables if analysed)."""
    path = _check(path, None)
    with h5py.File(path, "r") as f:
        kind = f.attrs.get("kind", "run")
    if kind not in ("sweep", "sweep-shard"):
        raise DiplosimFileError(f"{path!r} is a diplosim {kind} file, not a sweep file")
    return _load(path)
