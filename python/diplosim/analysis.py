"""Derived quantities analysts ask for, computed from a run Dataset."""
import pandas as pd
import xarray as xr

from .selection import at_date, dataset, labels, require


def unit_positions(run):
    """Positions rescaled from each dimension's natural range to [0, 1]."""
    run = require(run, ["position"], "unit_positions")
    lo, hi = run["dimension_range_low"], run["dimension_range_high"]
    return (run["position"] - lo) / (hi - lo)


def divergence(run, a, b, dimensions=None):
    """Salience-weighted divergence of actors a and b over time and replicates:
    Σ_d w_d |x_ad − x_bd| / Σ_d w_d with w_d = (S_ad + S_bd)/2 (the engine's
    trigger definition), on the unit scale."""
    run = require(run, ["position", "salience"], "divergence")
    x = unit_positions(run)
    s = run["salience"]
    if dimensions is not None:
        dimensions = [dimensions] if isinstance(dimensions, str) else list(dimensions)  # one name is a list of one
        x, s = labels(x, "dimension", dimensions), labels(s, "dimension", dimensions)
    w = 0.5 * (labels(s, "actor", a) + labels(s, "actor", b))
    return (w * abs(x.sel(actor=a) - x.sel(actor=b))).sum("dimension") / w.sum("dimension")


def survival(run, ceasefire):
    """Share of replicates in which `ceasefire` is in force at each time, among
    those where it has come into force (a survival curve from its start)."""
    run = require(run, ["ceasefire_state"], "survival")
    state = labels(run["ceasefire_state"], "ceasefire", ceasefire)
    started = (state > 0).any("time")
    holding = (state == 1).where(started).mean("replicate")
    return holding.where((state > 0).mean("replicate") > 0)


def pairwise_divergence(run, date, replicate_stat="median"):
    """Actor × actor_j matrix of divergence at a date (the nearest recorded
    one), reduced over replicates by `replicate_stat` (median, mean, min, max, std)."""
    stats = ("median", "mean", "min", "max", "std")
    if replicate_stat not in stats:
        raise ValueError(f"pairwise_divergence: replicate_stat {replicate_stat!r} is not one of {', '.join(stats)}")
    run = require(run, ["position", "salience"], "pairwise_divergence")
    x = at_date(unit_positions(run), date)
    s = at_date(run["salience"], date)
    xa, xb = x, x.rename(actor="actor_j")
    sa, sb = s, s.rename(actor="actor_j")
    w = 0.5 * (sa + sb)
    d = (w * abs(xa - xb)).sum("dimension") / w.sum("dimension")
    return getattr(d, replicate_stat)("replicate")


def rank_correlations(sweep):
    """Spearman rank correlation of each swept parameter with each outcome (its
    mean over the point's replicates), over the points that ran: a first look at
    which parameters move which outcomes, for any sampler. Sobol indices, which
    also separate interactions, need a sobol sweep and `diplosim analyze`.
    Takes a sweep file's path, its Dataset (open_sweep_dataset) or its table
    (open_sweep, whose statistic it then uses); returns a pandas DataFrame,
    parameters × outcomes (NaN where a column is constant)."""
    if isinstance(sweep, pd.DataFrame) and {"parameters", "outcomes"} <= set(sweep.attrs):
        ran = sweep[sweep["status"] == 0] if "status" in sweep else sweep
        design, outcomes = ran[sweep.attrs["parameters"]], ran[sweep.attrs["outcomes"]]
    else:
        ds = dataset(sweep, "rank_correlations", opener="open_sweep_dataset")
        ran = ds["status"].values == 0
        design = ds["design"].to_pandas()[ran]
        design.columns = list(ds["parameter"].values)
        outcomes = labels(ds["summary"], "statistic", "mean", where="this sweep").to_pandas()[ran]
        outcomes.columns = list(ds["outcome"].values)
    ranks_p, ranks_o = design.rank(), outcomes.rank()  # ties share their mean rank
    return ranks_p.apply(lambda p: ranks_o.corrwith(p)).T.rename_axis(index="parameter", columns="outcome")
