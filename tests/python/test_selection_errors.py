"""The analysis and plot functions fail with messages that say what to do:
a variable --record left out, a misspelt name, a date outside the run, an
axis that needs choosing. Each case used to be a bare xarray KeyError, a
silent edge value or matplotlib's 'too many values to unpack'."""
import re
import subprocess

import matplotlib
import numpy as np
import pytest

import diplosim as dp
from diplosim.analysis import pairwise_divergence
from diplosim.selection import RECORDABLE

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def sparse_run(diplosim_bin, root, tmp_path_factory):
    """Positions and forecasts only, every 7th day."""
    out = tmp_path_factory.mktemp("sparse") / "sparse.h5"
    subprocess.run([diplosim_bin, "run", "scenarios/syria-2016-17.yaml", "-o", str(out), "-r", "3", "-q",
                    "--record", "position,forecast", "--every", "7"], cwd=root, check=True)
    return dp.open_run(out)


def test_the_python_list_of_variables_is_the_cli_list(diplosim_bin, root, tmp_path):
    done = subprocess.run([diplosim_bin, "run", "scenarios/syria-2016-17.yaml", "-o", str(tmp_path / "x.h5"),
                           "--record", "no-such-variable"], cwd=root, capture_output=True, text=True)
    assert done.returncode == 2
    listed = re.search(r"list of: (.*), events, actions, or a group:", done.stderr).group(1).split(", ")
    assert tuple(listed) == RECORDABLE


def test_a_variable_left_out_by_record_names_the_option(sparse_run):
    for call in (lambda: dp.divergence(sparse_run, "russia", "iran"),
                 lambda: pairwise_divergence(sparse_run, "2017-01-10"),
                 lambda: dp.divergence_heatmap(sparse_run, "2017-01-10"),
                 lambda: dp.fan_chart(sparse_run, "salience", dimension="settlement")):
        with pytest.raises(ValueError, match="needs salience, which this run did not record; .*--record"):
            call()
    with pytest.raises(ValueError, match="needs influence, capability, which this run did not record"):
        dp.influence_network(sparse_run, "2017-01-10")
    with pytest.raises(ValueError, match="needs ceasefire_state"):
        dp.survival(sparse_run, "nationwide-ceasefire")


def test_misspelt_names_get_a_did_you_mean(flagship):
    run = dp.open_run(flagship)
    with pytest.raises(ValueError, match="no actor 'irn' in this run; did you mean 'iran'"):
        dp.divergence(run, "russia", "irn")
    with pytest.raises(ValueError, match="no dimension 'setlement' .*did you mean 'settlement'"):
        dp.divergence(run, "russia", "iran", ["militia_presence", "setlement"])
    with pytest.raises(ValueError, match="no ceasefire 'nationwide' .*did you mean 'nationwide-ceasefire'"):
        dp.survival(run, "nationwide")
    with pytest.raises(ValueError, match="no actor 'IRAN' in this run; did you mean 'iran'"):
        dp.divergence(run, "russia", "IRAN")
    with pytest.raises(ValueError, match="no actor 'turky' .*did you mean 'turkey'"):
        dp.fan_chart(run, "position", dimension="settlement", actors=["russia", "turky"])
    with pytest.raises(ValueError, match="diplosim has no variable 'positon'; did you mean 'position'"):
        dp.fan_chart(run, "positon")


def test_a_label_given_as_the_variable_names_its_axis(flagship, sparse_run):
    # fan_chart(run, 'settlement') reads as "the fan chart of settlement"; the
    # variable comes first, so the label needs to move to its own argument.
    for run in (flagship, dp.open_run(flagship), sparse_run):
        with pytest.raises(ValueError, match="'settlement' is one of this run's dimensions, not a variable"):
            dp.fan_chart(run, "settlement")
        with pytest.raises(ValueError, match="'iran' is one of this run's actors, not a variable"):
            dp.fan_chart(run, "iran")
    with pytest.raises(ValueError, match="'nationwide-ceasefire' is one of this run's ceasefires"):
        dp.fan_chart(flagship, "nationwide-ceasefire")
    with pytest.raises(ValueError, match="did you mean 'position'") as raised:
        dp.fan_chart(flagship, "positon")
    assert "not a variable" not in str(raised.value)


def test_a_fan_chart_asks_for_the_axis_it_cannot_draw(flagship):
    run = dp.open_run(flagship)
    with pytest.raises(ValueError, match=r"position has one series per dimension; pass dimension=\.\.\. "
                                         r"\(one of: assad_future, militia_presence"):
        dp.fan_chart(run, "position")
    with pytest.raises(ValueError, match="affinity has one series per actor_j; pass actor_j="):
        dp.fan_chart(run, "affinity", actors=["iran"])
    with pytest.raises(ValueError, match="capability has no dimension axis"):
        dp.fan_chart(run, "capability", dimension="settlement")
    with pytest.raises(ValueError, match=r"run.sel\(ceasefire=...\)"):
        dp.fan_chart(run, "ceasefire_state")
    ax = dp.fan_chart(run.sel(ceasefire="nationwide-ceasefire"), "ceasefire_state")
    assert len(ax.lines) == 1
    with pytest.raises(ValueError, match="draws actor × actor variables .* position has axes"):
        dp.divergence_heatmap(run, "2017-01-10", variable="position")


def test_one_name_where_a_list_goes_is_a_list_of_one(flagship):
    # A string was iterated letter by letter ("no actor 'r'"), or selected away an axis.
    run = dp.open_run(flagship)
    assert dp.divergence(run, "russia", "iran", dimensions="settlement").equals(
        dp.divergence(run, "russia", "iran", dimensions=["settlement"]))
    ax = dp.fan_chart(run, "position", dimension="settlement", actors="russia")
    assert ax.get_legend_handles_labels()[1] == ["russia"]
    events = dp.events(flagship)
    one = dp.event_timeline(events, types="statement")
    assert one.get_yticklabels()[0].get_text() == "statement" and len(one.get_yticklabels()) == 1
    # What matches nothing, or is no statistic, says so rather than drawing nothing or raising AttributeError.
    with pytest.raises(ValueError, match=r"no events of type 'nope' in this table \(types: .*statement"):
        dp.event_timeline(events, types=["nope", "statement"])
    with pytest.raises(ValueError, match="replicate_stat 'mode' is not one of median, mean, min, max, std"):
        pairwise_divergence(run, "2017-01-15", replicate_stat="mode")


def test_dates_outside_the_run_are_errors_and_inside_pick_the_nearest_recorded_point(sparse_run, flagship):
    run = dp.open_run(flagship)
    with pytest.raises(ValueError, match=r"2018-01-01 is outside this run's recorded dates \(2016-12-01 to 2017-02-28\)"):
        pairwise_divergence(run, "2018-01-01")
    with pytest.raises(ValueError, match="outside"):
        dp.influence_network(run, "2016-11-30")
    # Recorded weekly: 2016-12-01, 12-08, …; the 10th is nearest the 8th, and the title says so.
    times = sparse_run["time"].values.astype("datetime64[D]")
    assert times[1] == np.datetime64("2016-12-08")
    ax = dp.divergence_heatmap(run.isel(time=slice(None, None, 7)), "2016-12-10T06:00", variable="affinity")
    assert ax.get_title() == "affinity on 2016-12-08"
    assert dp.influence_network(run, "2017-02-28").get_title().endswith("on 2017-02-28")
    # What is not a date says what a date looks like (numpy's errors did not).
    for bad in ("2017-13-45", "15/01/2017", 5, None, np.datetime64("NaT")):
        with pytest.raises(ValueError, match=r"is not a date.*expected 'YYYY-MM-DD' \(e.g. '2016-12-01'\)"):
            pairwise_divergence(run, bad)


def test_an_event_timeline_of_a_replicate_the_table_lacks_is_an_error(flagship):
    ev = dp.events(flagship)
    with pytest.raises(ValueError, match="no events for replicate 20 in this table \\(replicates 0 to 19\\)"):
        dp.event_timeline(ev, replicate=20)
    with pytest.raises(ValueError, match="the events table is empty"):
        dp.event_timeline(ev.iloc[0:0])


def test_a_variable_the_scenario_cannot_have_is_not_blamed_on_record(diplosim_bin, root, tmp_path):
    scenario = tmp_path / "calm.yaml"
    scenario.write_text("calendar: {start: 2020-01-01, end: 2020-01-20}\n"
                        "dimensions: {d: {low: a, high: b}}\n"
                        "actors:\n  x: {capability: {military: 1}, position: {d: 0.2}}\n"
                        "  y: {capability: {military: 1}, position: {d: 0.6}}\n")
    out = tmp_path / "calm.h5"
    subprocess.run([diplosim_bin, "run", str(scenario), "-o", str(out), "-r", "2", "-q"], check=True)
    run = dp.open_run(out)
    with pytest.raises(ValueError, match="survival needs ceasefire_state, but this run's scenario has no ceasefires"):
        dp.survival(run, "truce")
    with pytest.raises(ValueError, match="population_chart needs population_mean, but this run's scenario has no agent"):
        dp.population_chart(run, "d")


def test_sensitivity_bars_of_an_outcome_analyze_skipped_says_why(diplosim_bin, tmp_path):
    (tmp_path / "base.yaml").write_text(
        "calendar: {start: 2020-01-01, end: 2020-01-10}\n"
        "dimensions: {d: {low: a, high: b}, e: {low: c, high: f}}\n"
        "actors:\n  x: {capability: {military: 1}, position: {d: 0.2, e: 0.4}, salience: {d: 0.5, e: 0.5}}\n"
        "  y: {capability: {military: 1}, position: {d: 0.6, e: 0.1}}\n")
    (tmp_path / "sweep.yaml").write_text(
        "scenario: base.yaml\n"
        "parameters:\n  actors.x.salience.d: {uniform: [0.3, 0.7]}\n  actors.y.position.d: {uniform: [0.4, 0.8]}\n"
        "sampler: {method: sobol, points: 4}\nreplicates: 1\noutcomes:\n  fd: {forecast: d}\n")
    out = tmp_path / "sweep.h5"
    done = subprocess.run([diplosim_bin, "sweep", str(tmp_path / "sweep.yaml"), "-o", str(out), "-q"])
    assert done.returncode == 1  # salience no longer sums to 1: the points fail
    subprocess.run([diplosim_bin, "analyze", str(out)], check=True, capture_output=True)
    ds = dp.open_sweep_dataset(out)
    with pytest.raises(ValueError, match="no Sobol indices for 'fd': diplosim analyze skipped it because some of "
                                         "the sweep's points failed"):
        dp.sensitivity_bars(ds, "fd")
    # A sweep where a run goes, and the other way round, is named as such (it was
    # "needs position, which this run did not record", "no Sobol indices" or KeyError 'status').
    for draw in (lambda: dp.fan_chart(ds, dimension="d"), lambda: dp.divergence(ds, "x", "y"),
                 lambda: dp.survival(ds, "truce")):
        with pytest.raises(TypeError, match=r"takes a run's Dataset \(diplosim.open_run\(path\)\) or its file's "
                                            r"path; got a sweep's Dataset"):
            draw()
    run = tmp_path / "run.h5"
    subprocess.run([diplosim_bin, "run", str(tmp_path / "base.yaml"), "-o", str(run), "-r", "1", "-q"], check=True)
    for use in (dp.rank_correlations, lambda r: dp.sensitivity_bars(r, "fd")):
        with pytest.raises(TypeError, match=r"takes a sweep's Dataset \(diplosim.open_sweep_dataset\(path\)\) or its "
                                            r"file's path; got a run's Dataset"):
            use(dp.open_run(run))
    # A sweep has no events table: said so, not "the run did not record it".
    with pytest.raises(dp.DiplosimFileError, match=r"is a diplosim sweep file, not a run file"):
        dp.events(out)


def test_a_result_path_works_where_a_dataset_or_table_goes_and_other_objects_are_named(flagship):
    # A path used to reach `"position" in run` on a string (a substring test) and fail
    # as "needs position, which this run did not record"; event_timeline fell over
    # with "'str' object has no attribute 'empty'".
    run = dp.open_run(flagship)
    for where in (str(flagship), flagship):  # str and pathlib.Path
        np.testing.assert_array_equal(dp.divergence(where, "russia", "iran").values,
                                      dp.divergence(run, "russia", "iran").values)
        assert dp.fan_chart(where, "position", dimension="militia_presence").get_title() == "position — militia_presence"
        assert len(dp.event_timeline(where).collections + dp.event_timeline(where).lines) > 0
    with pytest.raises(TypeError, match=r"fan_chart takes a run's Dataset \(diplosim.open_run\(path\)\) or its "
                                        r"file's path; got one variable \(position\), not the whole run"):
        dp.fan_chart(run["position"], "position")
    with pytest.raises(TypeError, match=r"survival takes a run's Dataset .*got the events table \(a pandas DataFrame\)"):
        dp.survival(dp.events(flagship), "ceasefire-2016-12-30")
    with pytest.raises(TypeError, match=r"event_timeline takes the events table \(diplosim.events\(path\)\) or a "
                                        r"result file's path; got a run's Dataset"):
        dp.event_timeline(run)
    with pytest.raises(TypeError, match=r"event_timeline takes the events table .*got the actions table"):
        dp.event_timeline(dp.actions(flagship))
    # The readers take paths: what is open already is named, not os.fspath's "expected str, bytes or os.PathLike".
    for opener in (dp.open_run, dp.events, dp.provenance, dp.open_sweep):
        with pytest.raises(TypeError, match=r"expected a result file's path; got a run's Dataset, which is open "
                                            r"already: use it as it is"):
            opener(run)
