"""Checked selection from a run Dataset. xarray's own errors ("KeyError:
'salience'", "not all values found in index") do not say that a variable was
left out by --record, which names exist, or that a date lies outside the run;
these helpers do, so the analysis and plot functions fail the same clear way."""
import difflib
import os

import numpy as np
import pandas as pd
import xarray as xr

# The state variables `diplosim run --record` accepts (the events and actions
# tables aside); a test keeps this equal to the CLI's own list.
RECORDABLE = ("position", "anchor", "salience", "capability", "affinity", "dependency", "influence", "hostility",
              "support", "forecast", "ceasefire_state", "population_mean", "population_std")


# The columns by which a DataFrame is taken for diplosim.events' table.
_EVENT_COLUMNS = {"replicate", "date", "type", "name"}


def describe(value):
    """What a value passed to a diplosim function is, for the error that names it."""
    if isinstance(value, pd.DataFrame):
        if "outcomes" in value.attrs:
            return "a sweep's table (diplosim.open_sweep)"
        if {"actor", "action"} <= set(value.columns):
            return "the actions table (a pandas DataFrame)"
        if _EVENT_COLUMNS <= set(value.columns):
            return "the events table (a pandas DataFrame)"
        return "a pandas DataFrame"
    if isinstance(value, xr.DataArray):
        return f"one variable ({value.name or 'a DataArray'}), not the whole run"
    if isinstance(value, xr.Dataset):
        return f"a {_result_kind(value)}'s Dataset"
    return f"a {type(value).__name__}"


def _result_kind(ds):
    """'run' or 'sweep' for a Dataset read from a result file (its `kind` attribute)."""
    kind = ds.attrs.get("kind", "run")
    return "sweep" if str(kind).startswith("sweep") else "run"


def dataset(run, purpose, opener="open_run"):
    """The run (or sweep) Dataset: a result file's path is opened (a path used to
    fail as 'needs position, which this run did not record', since `in` on a
    string looks for a substring); anything else but a Dataset is named."""
    if isinstance(run, (str, os.PathLike)):
        from . import reader  # reader imports this module
        return getattr(reader, opener)(run)
    wanted = "sweep" if opener == "open_sweep_dataset" else "run"
    if not isinstance(run, xr.Dataset) or _result_kind(run) != wanted:
        raise TypeError(f"{purpose} takes a {wanted}'s Dataset (diplosim.{opener}(path)) or its file's path; "
                        f"got {describe(run)}")
    return run


def events_table(value, purpose):
    """The events table: a result file's path is read; a Dataset is named."""
    if isinstance(value, (str, os.PathLike)):
        from . import reader
        return reader.events(value)
    if not isinstance(value, pd.DataFrame) or not _EVENT_COLUMNS <= set(value.columns):
        raise TypeError(f"{purpose} takes the events table (diplosim.events(path)) or a result file's path; "
                        f"got {describe(value)}")
    return value


def _axis_labelled(run, name):
    """The axis (dimension, actor, ceasefire, population) that has `name` among
    its labels, or None."""
    for axis in ("dimension", "actor", "ceasefire", "population"):
        if axis in run.coords and name in [str(v) for v in run[axis].values]:
            return axis
    return None


def require(run, names, purpose, optional=()):
    """The run Dataset, after checking that it recorded every variable in
    `names`, telling a variable --record left out from a name diplosim does not
    have. A result file's path is opened for `names` and those of `optional` it
    has, and nothing else: a plot of one variable need not read them all."""
    if isinstance(run, (str, os.PathLike)):
        from . import reader  # reader imports this module
        return reader.open_part(run, names, purpose, optional)
    run = dataset(run, purpose)
    for name in names:
        if name in run:
            continue
        if not isinstance(name, str):
            raise TypeError(f"{purpose}: a variable is named by a string; got {name!r} (variables: "
                            f"{', '.join(RECORDABLE)})")
        if name not in RECORDABLE:
            close = difflib.get_close_matches(name, RECORDABLE, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            if name in ("events", "actions"):  # recorded, but as tables beside the variables
                hint = f"; the {name} table is read with diplosim.{name}(path)"
            axis = _axis_labelled(run, name)
            if axis:  # a label in the variable's place: fan_chart(run, 'settlement')
                hint = f"; {name!r} is one of this run's {axis}s, not a variable (pass it as the {axis})"
            raise ValueError(f"{purpose}: diplosim has no variable {name!r}{hint} (variables: {', '.join(RECORDABLE)})")
    # Some variables exist only when the scenario has what they describe.
    for name, dim, what in (("ceasefire_state", "ceasefire", "ceasefires"),
                            ("population_mean", "population", "agent populations"),
                            ("population_std", "population", "agent populations")):
        if name in names and name not in run and dim not in run.dims:
            raise ValueError(f"{purpose} needs {name}, but this run's scenario has no {what}")
    missing = [n for n in names if n not in run]
    if missing:
        raise ValueError(f"{purpose} needs {', '.join(missing)}, which this run did not record; "
                         f"run it again with --record including {','.join(missing)} (or without --record)")
    return run


def labels(da, dim, wanted, where="this run"):
    """Select `wanted` (one label or a list) along `dim`, naming the valid
    labels and the nearest one when a label is unknown."""
    if dim not in da.dims:
        raise ValueError(f"{da.name or 'this variable'} has no {dim} axis (its axes: {', '.join(da.dims)})")
    known = [str(v) for v in da[dim].values]
    for w in ([wanted] if isinstance(wanted, str) else list(wanted)):
        if str(w) not in known:
            # Case first ('USA' for 'usa': difflib scores it as far), then spelling.
            close = [k for k in known if k.casefold() == str(w).casefold()] or \
                difflib.get_close_matches(str(w), known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(f"no {dim} {w!r} in {where}{hint} ({dim} is one of: {', '.join(known)})")
    return da.sel({dim: wanted})


def _cftime_dates(da):
    """True when the run's dates lie outside numpy's datetime64[ns] range
    (1678 to 2261), so xarray decoded them as cftime dates."""
    return da["time"].dtype == object


def _as_cftime(when):
    import cftime
    t = np.datetime64(when, "s").astype(object)  # datetime.datetime, any year 1-9999
    return cftime.DatetimeProlepticGregorian(t.year, t.month, t.day, t.hour, t.minute, t.second,
                                             has_year_zero=True)


def day_text(value):
    """YYYY-MM-DD of a time coordinate value (numpy or cftime)."""
    if hasattr(value, "strftime") and not isinstance(value, np.ndarray):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    return str(np.datetime64(value, "D"))


def plot_dates(values):
    """Dates matplotlib can draw: numpy's datetime64 as they are, cftime dates
    (runs before 1678 or after 2261) as datetime.datetime."""
    import datetime
    values = np.asarray(values)
    if values.dtype != object:
        return values
    return np.array([datetime.datetime(v.year, v.month, v.day) for v in values])


def at_date(da, date):
    """The recorded time point nearest to `date`, which must lie within the
    run's recorded window (nearest outside it would silently be the edge)."""
    times = da["time"].values
    # numpy's own errors ("Converting an integer to a NumPy datetime requires a
    # specified unit") do not say what a date should look like.
    if date is None or isinstance(date, (bool, int, float, np.integer, np.floating)):
        raise ValueError(f"{date!r} is not a date; expected 'YYYY-MM-DD' (e.g. '{day_text(times[0])}'), a "
                         "datetime.date or a numpy.datetime64")
    try:
        when = _as_cftime(date) if _cftime_dates(da) else np.datetime64(date)
    except ValueError as e:
        raise ValueError(f"{date!r} is not a date; expected 'YYYY-MM-DD' (e.g. '{day_text(times[0])}'), a "
                         f"datetime.date or a numpy.datetime64 ({e})") from None
    if isinstance(when, np.datetime64) and np.isnat(when):
        raise ValueError(f"{date!r} is not a date (not-a-time); expected 'YYYY-MM-DD' (e.g. '{day_text(times[0])}')")
    if when < times[0] or when > times[-1]:
        raise ValueError(f"{date} is outside this run's recorded dates ({day_text(times[0])} to {day_text(times[-1])})")
    return da.sel(time=when, method="nearest")


def one_series_per_actor(da, variable, hints):
    """Fail unless only replicate, time and actor axes are left, naming the
    argument that selects each extra axis (`hints`: axis -> argument)."""
    for dim in da.dims:
        if dim in ("replicate", "time", "actor"):
            continue
        choices = ", ".join(str(v) for v in da[dim].values)
        how = hints.get(dim, f"select one first, e.g. run.sel({dim}=...)")
        raise ValueError(f"{variable} has one series per {dim}; {how} (one of: {choices})")
