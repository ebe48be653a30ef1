"""Read diplosim results into xarray and pandas, and plot them.

    import diplosim as ds
    run = ds.open_run("syria.h5")          # xarray.Dataset: replicate, time, actor, dimension
    ev = ds.events("syria.h5")             # pandas.DataFrame of the events table
    ds.fan_chart(run, "position", dimension="militia_presence", actors=["russia", "iran"])
"""
from .reader import (
    FORMAT_VERSION,
    DiplosimFileError,
    actions,
    events,
    open_run,
    open_sweep,
    open_sweep_dataset,
    provenance,
)
from .analysis import divergence, rank_correlations, survival
from .plots import divergence_heatmap, event_timeline, fan_chart, influence_network, population_chart, sensitivity_bars

__all__ = [
    "FORMAT_VERSION", "DiplosimFileError", "open_run", "open_sweep", "open_sweep_dataset", "events", "actions", "provenance",
    "divergence", "survival", "rank_correlations", "fan_chart", "divergence_heatmap", "influence_network", "event_timeline", "sensitivity_bars",
    "population_chart",
]
__version__ = "0.1.0"
