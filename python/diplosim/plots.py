"""Plots for diplosim results (matplotlib). Each function draws on `ax` (a new
figure's axes if None) and returns the axes."""
import textwrap

import numpy as np

from .analysis import pairwise_divergence
from .selection import at_date, dataset, day_text, labels, one_series_per_actor, plot_dates, require
from .selection import events_table as as_events_table


def _axes(ax, figsize=(8, 4), layout="constrained"):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt
    # Constrained layout keeps long actor names and slanted labels inside the figure.
    return plt.subplots(figsize=figsize, layout=layout)[1]


def _slant_dates(ax):
    """Date labels slanted so they do not overlap, as Figure.autofmt_xdate
    slants them, but without its subplots_adjust, which constrained layout
    (and a caller's own layout) would override."""
    for label in ax.get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")


def _day(da):
    """The recorded date a snapshot was taken at (the time point nearest the one asked for)."""
    return day_text(da["time"].values[()])


def fan_chart(run, variable="position", dimension=None, actors=None, actor_j=None, ax=None, bands=(0.5, 0.9)):
    """Median over replicates with central bands (default 50 % and 90 %; any
    number of shares in (0, 1), the wider paler) per actor, over time. `dimension` selects the issue for per-dimension variables,
    `actor_j` the partner for pairwise ones (affinity, hostility, …)."""
    bands = [bands] if isinstance(bands, (int, float)) else list(bands)
    if not all(isinstance(b, (int, float)) and not isinstance(b, bool) and 0 < b < 1 for b in bands):
        raise ValueError(f"fan_chart: bands are central shares of the replicates, each in (0, 1) (0.9: from the 5th "
                         f"to the 95th percentile); got {bands!r}")
    run = require(run, [variable], "fan_chart")
    da = run[variable]
    if dimension is not None:
        da = labels(da, "dimension", dimension)
    if actor_j is not None:
        da = labels(da, "actor_j", actor_j)
    one_series_per_actor(da, variable, {"dimension": "pass dimension=...", "actor_j": "pass actor_j=..."})
    names = list(da["actor"].values) if "actor" in da.dims else [None]
    if actors is not None:
        names = [actors] if isinstance(actors, str) else list(actors)  # one name, not its letters
        labels(da, "actor", names)
    ax = _axes(ax)
    for name in names:
        series = da.sel(actor=name) if name is not None else da
        t = plot_dates(series["time"].values)
        median = series.median("replicate")
        line, = ax.plot(t, median, label=name or variable)
        # Wide bands paler, narrow ones darker: 0.15 and 0.3 for the default two.
        for k, width in enumerate(sorted(bands, reverse=True)):
            alpha = 0.3 * (k + 1) / len(bands)
            lo = series.quantile(0.5 - width / 2, "replicate")
            hi = series.quantile(0.5 + width / 2, "replicate")
            ax.fill_between(t, lo, hi, color=line.get_color(), alpha=alpha, linewidth=0)
    title = variable + (f" — {dimension}" if dimension else "") + (f" toward {actor_j}" if actor_j else "")
    ax.set_title(title)
    ax.set_xlabel("date")
    if dimension is not None:
        _pole_label(ax, run, dimension)
    _legend(ax, len(names))
    _slant_dates(ax)
    return ax


# More entries than this crowd the plot inside the axes (and run off the figure).
_LEGEND_INSIDE = 12


def _legend(ax, entries):
    """The legend inside the axes where it hides least; with many entries, beside
    them in columns of at most 25, where constrained layout makes room for it."""
    if entries <= _LEGEND_INSIDE:
        ax.legend(fontsize=8, loc="best")
    else:
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0,
                  ncol=-(-entries // 25))


def _literal(text):
    """Free text (a pole's label) as matplotlib shows it as written: a pair of
    '$' would start mathtext, which typesets 'US$ 5 to $10' in italics and
    fails on '$x^$' when the figure is drawn."""
    return str(text).replace("$", r"\$")


def _pole_label(ax, run, dimension, fontsize=8):
    """Names the dimension's poles on the y axis, when the run recorded them, in
    as many lines as keep it within the axes' height: matplotlib cuts a label
    longer than the figure, and bbox_inches="tight" does not save it."""
    if "dimension_low_pole" in run:
        low = str(run["dimension_low_pole"].sel(dimension=dimension).values)
        high = str(run["dimension_high_pole"].sel(dimension=dimension).values)
        height = ax.get_window_extent().height * 72 / ax.figure.dpi  # points, before any layout shrinks it
        per_line = max(12, int(0.8 * height / (0.6 * fontsize)))  # a character is about 0.6 em wide
        lines = textwrap.wrap(f"{low}  ←→  {high}", per_line)  # counted as drawn, before '$' is escaped
        ax.set_ylabel("\n".join(_literal(line) for line in lines), fontsize=fontsize)


def population_chart(run, dimension, populations=None, ax=None):
    """Agent populations on one dimension over time: per population the median
    over replicates of its agents' mean position, a band of ± their standard
    deviation around it, and (dashed) the median position of the actor it is
    attached to. Needs a run that recorded population_mean and population_std
    (and position for the actor's line)."""
    run = require(run, ["population_mean", "population_std"], "population_chart", optional=["position"])
    mean = labels(run["population_mean"], "dimension", dimension).median("replicate")
    spread = labels(run["population_std"], "dimension", dimension).median("replicate")
    names = list(run["population"].values) if populations is None else \
        [populations] if isinstance(populations, str) else list(populations)
    labels(mean, "population", names)
    ax = _axes(ax)
    for name in names:
        m, sd = mean.sel(population=name), spread.sel(population=name)
        t = plot_dates(m["time"].values)
        line, = ax.plot(t, m, label=f"{name} (mean of agents)")
        ax.fill_between(t, m - sd, m + sd, color=line.get_color(), alpha=0.2, linewidth=0,
                        label=f"{name} ± 1 s.d. of agents")
        actor = str(run["population_actor"].sel(population=name).values)
        if "position" in run:
            ax.plot(t, run["position"].sel(actor=actor, dimension=dimension).median("replicate"),
                    linestyle="--", color=line.get_color(), label=f"{actor} (the actor {name} stand behind)")
    ax.set_title(f"populations — {dimension}")
    ax.set_xlabel("date")
    _pole_label(ax, run, dimension)
    _legend(ax, len(ax.get_legend_handles_labels()[1]))
    _slant_dates(ax)
    return ax


def divergence_heatmap(run, date, ax=None, variable="divergence"):
    """Actor × actor heatmap at a date: the salience-weighted divergence
    (`variable="divergence"`, default) or a pairwise state variable such as
    affinity or hostility (median over replicates)."""
    if variable == "divergence":
        m = pairwise_divergence(require(run, ["position", "salience"], "divergence_heatmap"), date)
        cmap, vmin, vmax = "viridis", 0, 1
    else:
        run = require(run, [variable], "divergence_heatmap")
        m = at_date(run[variable], date).median("replicate")
        if set(m.dims) != {"actor", "actor_j"}:
            raise ValueError(f"divergence_heatmap draws actor × actor variables (affinity, hostility, influence, "
                             f"…); {variable} has axes {', '.join(run[variable].dims)}")
        cmap = "RdBu" if variable == "affinity" else "viridis"
        vmin, vmax = (-1, 1) if variable == "affinity" else (None, None)
    ax = _axes(ax, (6, 5))
    actors = list(m["actor"].values)
    im = ax.imshow(m.values, cmap=cmap, vmin=vmin, vmax=vmax)
    # Every actor named while the names fit (a 7-point name takes about 9 points of
    # the axes' side, of which layout leaves about 3/4); else every k-th.
    box = ax.get_window_extent()
    side = 0.75 * min(box.width, box.height) * 72 / ax.figure.dpi
    every = max(1, int(np.ceil(len(actors) * 9 / side)))
    shown = list(range(0, len(actors), every))
    ax.set_xticks(shown, [actors[k] for k in shown], rotation=90, fontsize=7)
    ax.set_yticks(shown, [actors[k] for k in shown], fontsize=7)
    ax.set_title(f"{variable} on {_day(m)}")
    ax.figure.colorbar(im, ax=ax, shrink=0.8)
    return ax


# The size of the actors' names around the influence network.
_NAME_POINTS = 8


def influence_network(run, date, ax=None, threshold=0.05):
    """The influence network at a date (median W over replicates): an arrow
    i → j where i gives j's position weight ≥ `threshold`; width ∝ weight, node
    size ∝ capability. Uses networkx's layout when it is installed."""
    if not (isinstance(threshold, (int, float)) and 0 <= threshold <= 1):
        raise ValueError(f"influence_network: threshold is the least weight drawn as an arrow, in [0, 1]; "
                         f"got {threshold!r}")
    run = require(run, ["influence", "capability"], "influence_network")
    w = at_date(run["influence"], date).median("replicate")
    cap = at_date(run["capability"], date).median("replicate")
    actors = list(w["actor"].values)
    n = len(actors)
    try:
        import networkx as nx
        g = nx.DiGraph()
        g.add_nodes_from(actors)
        for i, a in enumerate(actors):
            for j, b in enumerate(actors):
                if i != j and w.values[i, j] >= threshold:
                    g.add_edge(a, b, weight=float(w.values[i, j]))
        pos = nx.circular_layout(g)
    except ImportError:
        angles = np.linspace(0, 2 * np.pi, n, endpoint=False)
        pos = {a: (np.cos(t), np.sin(t)) for a, t in zip(actors, angles)}
    # No layout engine: the plot has no axes to lay out, and its arrows (annotations
    # without text) made constrained layout give up with a warning.
    ax = _axes(ax, (6, 6), layout=None)
    # The ring has radius 1; each name sits just beyond its node, outward, and may
    # reach the figure's edge (this plot has no layout engine to move the axes). The
    # view spans ±reach: wide enough that the longest names at the ring's sides end
    # inside the figure (a character is about 0.6 em wide).
    to_points = 72 / ax.figure.dpi
    box, figure = ax.get_window_extent(), ax.figure.bbox
    side = min(box.width, box.height) * to_points
    cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
    room_x = min(cx - figure.x0, figure.x1 - cx) * to_points - 4  # points from the centre to the figure's edge
    room_y = min(cy - figure.y0, figure.y1 - cy) * to_points - 4
    gap = np.sqrt(1700.0) / 2 + 4  # the largest node's radius, and a little
    reach = 1.45
    for a in actors:
        x, y = pos[a]
        for along, extent, room in ((x, 0.6 * _NAME_POINTS * len(str(a)), room_x), (y, 1.2 * _NAME_POINTS, room_y)):
            if abs(along) > 0.1:
                left = room - gap - extent
                reach = max(reach, abs(along) * side / (2 * left) if left > 0 else np.inf)
    reach = min(reach, 4.0)  # names too long for any ring run off the figure rather than shrink it to a dot
    unit = side / (2 * reach)  # points per unit of the ring's radius
    # Node area ∝ capability, the largest no wider than 80 % of the nodes' spacing
    # on the ring, so that many actors do not overlap.
    largest = min(1700.0, (0.8 * 2 * np.pi * unit / max(n, 1)) ** 2)
    sizes = largest * (200 + 1500 * cap.values / max(float(cap.max()), 1e-12)) / 1700
    # A marker's size is its area in points², so its radius is √size / 2 points:
    # each arrow stops that far from its nodes, so no head hides under a large one.
    radius = {a: np.sqrt(size) / 2 for a, size in zip(actors, sizes)}
    for i, a in enumerate(actors):
        for j, b in enumerate(actors):
            weight = float(w.values[i, j])
            if i != j and weight >= threshold:
                # Bent a little, so that i → j and j → i are two arrows, not one line.
                ax.annotate("", xy=pos[b], xytext=pos[a],
                            arrowprops=dict(arrowstyle="-|>", lw=0.5 + 6 * weight, alpha=0.6,
                                            shrinkA=radius[a] + 2, shrinkB=radius[b] + 2, mutation_scale=12,
                                            connectionstyle="arc3,rad=0.12", color="0.2"))
    xs, ys = zip(*(pos[a] for a in actors))
    ax.scatter(xs, ys, s=sizes, zorder=3, color="tab:orange", edgecolor="k")
    # Names outside the ring, just beyond their node, where no node or arrow is.
    for a in actors:
        x, y = pos[a]
        out = (radius[a] + 4) / unit / max(float(np.hypot(x, y)), 1e-12)
        ax.text(x * (1 + out), y * (1 + out), a, fontsize=_NAME_POINTS, zorder=4,
                ha="left" if x > 0.1 else "right" if x < -0.1 else "center",
                va="bottom" if y > 0.1 else "top" if y < -0.1 else "center")
    ax.set_xlim(-reach, reach)
    ax.set_ylim(-reach, reach)
    ax.set_aspect("equal")
    ax.set_title(f"influence (who listens to whom) on {_day(w)}")
    ax.set_axis_off()
    return ax


# More names than this on one timeline overprint each other into a black band.
_MAX_ANNOTATED = 60


def event_timeline(events_table, ax=None, replicate=0, types=None, annotate=None):
    """Markers for the events of one replicate on a timeline (optionally on an
    existing time axis, e.g. a fan chart's, as vertical lines). `events_table`
    is `diplosim.events(path)` or the result file's path. Events are named
    beside their markers when there are at most 60 of them (`annotate=None`);
    True or False forces it either way."""
    events_table = as_events_table(events_table, "event_timeline")
    if events_table.empty:
        raise ValueError("the events table is empty: this run had no events to draw")
    if replicate not in set(events_table.replicate):
        raise ValueError(f"no events for replicate {replicate} in this table "
                         f"(replicates {events_table.replicate.min()} to {events_table.replicate.max()})")
    ev = events_table[events_table.replicate == replicate]
    skip = {"violation", "eum-mean", "eum-median", "eum-move"}
    if types is not None:
        types = [types] if isinstance(types, str) else list(types)
        unknown = sorted(set(types) - set(events_table.type))
        if unknown:  # an empty timeline would not say why
            raise ValueError(f"no events of type {', '.join(map(repr, unknown))} in this table (types: "
                             f"{', '.join(sorted(set(events_table.type)))})")
    ev = ev[~ev.type.isin(skip)] if types is None else ev[ev.type.isin(types)]
    ev = ev.drop_duplicates(["date", "name"])
    from matplotlib.collections import LineCollection
    from matplotlib.dates import date2num
    standalone = ax is None
    ax = _axes(ax, (10, 2.5))
    kinds = sorted(ev.type.unique())
    colours = {k: f"C{i % 10}" for i, k in enumerate(kinds)}
    dates = plot_dates(ev.date.values)
    types_of = ev.type.values
    # One artist per type, not per event: a file of event data holds thousands.
    for kind in kinds:
        mine = dates[types_of == kind]
        if standalone:
            ax.plot(mine, np.full(len(mine), kinds.index(kind)), "o", color=colours[kind], linestyle="none")
        else:
            # Full-height lines in axes units along y, added without touching the host plot's limits.
            ax.add_collection(LineCollection([[(x, 0), (x, 1)] for x in date2num(mine)],
                                             transform=ax.get_xaxis_transform(), colors=colours[kind],
                                             linewidths=0.8, alpha=0.6), autolim=False)
    if standalone and (annotate or (annotate is None and len(ev) <= _MAX_ANNOTATED)):
        for k, (name, kind, date) in enumerate(zip(ev.name.values, types_of, dates)):
            ax.annotate(name, (date, kinds.index(kind)), fontsize=6, rotation=30,
                        xytext=(3, 4 + 6 * (k % 3)), textcoords="offset points")
    if standalone:
        ax.set_yticks(range(len(kinds)), kinds, fontsize=7)
        ax.set_ylim(-0.5, len(kinds) - 0.5 + 0.8)
        ax.set_title(f"events (replicate {replicate})")
        _slant_dates(ax)
    return ax


# Path parts that say where a parameter lives, not which one it is.
_SECTIONS = {"actors", "events", "mechanisms", "populations", "parameters"}


def parameter_labels(paths):
    """Short labels for parameter paths: 'actors.farc.parameters.attend_bias' is
    'farc.attend_bias'. The full paths when two would read alike."""
    short = [".".join(part for part in str(p).split(".") if part not in _SECTIONS) or str(p) for p in paths]
    return short if len(set(short)) == len(short) else [str(p) for p in paths]


def sensitivity_bars(sweep, outcome, ax=None):
    """First-order and total Sobol indices of one outcome with their confidence
    intervals, from a sweep Dataset that `diplosim analyze` has processed (or
    the sweep file's path)."""
    sweep = dataset(sweep, "sensitivity_bars", opener="open_sweep_dataset")
    if "sobol_first" not in sweep:
        raise ValueError("no Sobol indices in this sweep: run `diplosim analyze FILE` first")
    analysed = [str(v) for v in sweep["outcome_analyzed"].values]
    if outcome not in analysed and outcome in [str(v) for v in sweep["outcome"].values]:
        raise ValueError(f"no Sobol indices for '{outcome}': diplosim analyze skipped it because some of the "
                         "sweep's points failed (their messages are in the 'error' variable)")
    labels(sweep["sobol_first"], "outcome_analyzed", outcome, where="this sweep")
    sel = dict(outcome_analyzed=outcome)
    params = list(sweep["parameter"].values)
    x = np.arange(len(params))
    ax = _axes(ax, (8, 3.5))
    for offset, name, label in [(-0.2, "sobol_first", "first-order S_i"), (0.2, "sobol_total", "total S_Ti")]:
        v = sweep[name].sel(**sel).values
        lo, hi = sweep[name + "_low"].sel(**sel).values, sweep[name + "_high"].sel(**sel).values
        # `analyze --bootstrap 0` estimates no intervals (NaN bounds): bars without error bars.
        err = [v - lo, hi - v] if np.isfinite(lo).any() else None
        ax.bar(x + offset, v, width=0.4, label=label, yerr=err, capsize=3)
    ax.set_xticks(x, parameter_labels(params), rotation=20, fontsize=7, ha="right")
    ax.axhline(0, color="k", lw=0.5)
    # Files analysed before the noise share was stored lack it; draw it where it is known.
    noise = float(sweep["sobol_noise_share"].sel(**sel)) if "sobol_noise_share" in sweep else float("nan")
    if np.isfinite(noise):
        ax.axhline(noise, color="0.4", lw=1, ls="--", label=f"replicate noise ({noise:.0%}): total indices' floor")
    ax.set_title(f"Sobol indices: {outcome}")
    ax.legend(fontsize=8)
    return ax
