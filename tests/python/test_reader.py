"""The notebook-side reader, on files the CLI wrote in this session."""
import os
import re
import subprocess
import sys

import h5py
import numpy as np
import pandas as pd
import pytest

import diplosim as dp


def run_scenario(diplosim_bin, tmp_path, name, text, replicates=2):
    """Writes `text` as NAME.yaml, runs it quietly into NAME.h5 and returns that path."""
    scenario = tmp_path / f"{name}.yaml"
    scenario.write_text(text)
    out = tmp_path / f"{name}.h5"
    subprocess.run([diplosim_bin, "run", str(scenario), "-o", str(out), "-r", str(replicates), "-q"], check=True)
    return out


def test_open_run_has_named_dims_coordinates_and_dates(flagship):
    run = dp.open_run(flagship)
    assert run["position"].dims == ("replicate", "time", "actor", "dimension")
    assert run["affinity"].dims == ("replicate", "time", "actor", "actor_j")
    assert run["ceasefire_state"].dims == ("replicate", "time", "ceasefire")
    assert run.sizes["replicate"] == 20 and run.sizes["time"] == 90
    assert np.issubdtype(run["time"].dtype, np.datetime64)
    assert str(run["time"].values[0])[:10] == "2016-12-01"
    assert run["actor"].dtype == object and "russia" in run["actor"].values
    assert list(run["ceasefire"].values) == ["nationwide-ceasefire"]
    assert run["position"].dtype == np.float64
    # Label-based selection works (coordinates are str, not bytes).
    assert run["position"].sel(actor="iran", dimension="militia_presence").shape == (20, 90)
    assert str(run["dimension_low_pole"].sel(dimension="settlement").values) == "military victory"


def test_events_and_actions_tables(flagship):
    ev = dp.events(flagship)
    assert list(ev.columns) == ["replicate", "date", "type", "name", "actors", "outcome", "value"]
    assert pd.api.types.is_datetime64_any_dtype(ev["date"])
    assert ev["replicate"].dtype.kind == "i" and ev["value"].dtype == np.float64
    assert set(ev.replicate) == set(range(20))
    khamis = ev[(ev.name == "khamis-tehran-deals") & (ev.replicate == 3)]
    assert len(khamis) == 1 and str(khamis.date.iloc[0])[:10] == "2017-01-18" and khamis.value.iloc[0] == 5
    act = dp.actions(flagship)
    assert list(act.columns) == ["replicate", "date", "actor", "action", "target"]
    assert {"warn", "broker", "offensive", "attend"} <= set(act.action)
    # Fixed-length UTF-8 columns come back as str (xarray honours _Encoding), not bytes.
    for table, columns in ((ev, ["type", "name", "actors", "outcome"]), (act, ["actor", "action", "target"])):
        for column in columns:
            assert all(isinstance(v, str) for v in table[column]), column


def test_a_table_that_was_not_recorded_is_a_clear_error(diplosim_bin, root, tmp_path):
    import subprocess
    out = tmp_path / "forecast-only.h5"
    subprocess.run([diplosim_bin, "run", "scenarios/syria-2016-17.yaml", "-o", str(out), "-r", "2", "-q",
                    "--record", "forecast,actions"], cwd=root, check=True)
    with pytest.raises(dp.DiplosimFileError, match="has no events table: the run did not record it"):
        dp.events(out)
    assert len(dp.actions(out)) > 0


def test_provenance_round_trip(flagship):
    p = dp.provenance(flagship)
    assert p["seed"] == 20170206 and p["replicates"] == 20
    assert p["diplosim_format_version"] == dp.FORMAT_VERSION
    assert p["kind"] == "run" and p["diplosim_version"]
    assert "moscow-declaration" in p["scenario"] and len(p["scenario_sha256"]) == 64
    import hashlib
    assert hashlib.sha256(p["scenario"].encode()).hexdigest() == p["scenario_sha256"]
    assert "-r 20" in p["command_line"]


def test_analysis_helpers_agree_with_direct_computation(flagship):
    run = dp.open_run(flagship)
    d = dp.divergence(run, "russia", "iran", ["militia_presence"])
    x = run["position"].sel(dimension="militia_presence")
    np.testing.assert_allclose(d.values, abs(x.sel(actor="russia") - x.sel(actor="iran")).values, atol=1e-12)
    surv = dp.survival(run, "nationwide-ceasefire")
    assert np.isnan(surv.sel(time="2016-12-15")) and 0 <= float(surv.isel(time=-1)) <= 1


def test_errors_on_missing_and_foreign_files(tmp_path, flagship):
    with pytest.raises(FileNotFoundError, match="no such diplosim result"):
        dp.open_run(tmp_path / "missing.h5")
    # Beside a result of a close name, or in a folder that is not there: said, as the CLI says it.
    (tmp_path / "syria.h5").write_bytes(b"")
    with pytest.raises(FileNotFoundError, match=re.escape(f"did you mean '{tmp_path / 'syria.h5'}'?")):
        dp.open_run(tmp_path / "Syria.h5")
    with pytest.raises(FileNotFoundError, match=re.escape(f"its folder '{tmp_path / 'results'}' does not exist")):
        dp.events(tmp_path / "results" / "syria.h5")
    (tmp_path / "syria.h5").unlink()
    # A run still writing it: the temporary it writes under says so.
    (tmp_path / "coming.h5.partial-host-123").write_bytes(b"")
    with pytest.raises(FileNotFoundError, match=r"coming.h5' yet: a run is still writing it \(or was killed while "
                                                r"it did\), as 'coming.h5.partial-host-123'"):
        dp.open_run(tmp_path / "coming.h5")
    (tmp_path / "text.h5").write_text("not hdf5")
    with pytest.raises(dp.DiplosimFileError, match="is not an HDF5 file"):
        dp.open_run(tmp_path / "text.h5")
    # A result cut short (a copy taken mid-transfer) is named as such, not left to h5py's errno text.
    (tmp_path / "cut.h5").write_bytes(flagship.read_bytes()[:100_000])
    with pytest.raises(dp.DiplosimFileError, match="truncated or damaged, e.g. copied while it was written"):
        dp.open_run(tmp_path / "cut.h5")
    # A file another process writes is not called damaged (the lock is per process: a child holds it).
    held = tmp_path / "held.h5"
    held.write_bytes(flagship.read_bytes())
    writer = subprocess.Popen([sys.executable, "-c", "import h5py, sys; f = h5py.File(sys.argv[1], 'r+'); "
                               "print('open', flush=True); sys.stdin.read()", str(held)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline() == "open\n"
        with pytest.raises(dp.DiplosimFileError, match="another process has it open for writing; close it there"):
            dp.open_run(held)
    finally:
        writer.communicate("")
    assert dp.open_run(held).sizes["replicate"] > 0
    with h5py.File(tmp_path / "foreign.h5", "w") as f:
        f["x"] = np.arange(3)
    with pytest.raises(dp.DiplosimFileError, match="is not a diplosim result"):
        dp.events(tmp_path / "foreign.h5")
    with pytest.raises(dp.DiplosimFileError, match="is a folder; expected a result file"):
        dp.open_run(tmp_path)
    with pytest.raises(dp.DiplosimFileError, match="is not a regular file"):
        dp.provenance("/dev/null")
    newer = tmp_path / "newer.h5"
    newer.write_bytes(flagship.read_bytes())
    with h5py.File(newer, "a") as f:
        f.attrs["diplosim_format_version"] = 99
    with pytest.raises(dp.DiplosimFileError, match="format version 99; this reader reads 1"):
        dp.open_run(newer)
    with pytest.raises(dp.DiplosimFileError, match=r"not a sweep file; read it with open_run\(path\)"):
        dp.open_sweep(flagship)
    with pytest.raises(dp.DiplosimFileError, match=r"not a run file; read it with open_sweep\(path\)"):
        dp.open_run(flagship.parent / "sweep.h5" if (flagship.parent / "sweep.h5").exists() else newer_sweep(tmp_path))


def test_plots_draw_on_real_results(flagship, tmp_path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    run, ev = dp.open_run(flagship), dp.events(flagship)
    for draw in [lambda: dp.fan_chart(run, "position", dimension="settlement", actors=["russia", "iran"]),
                 lambda: dp.fan_chart(run, "affinity", actors=["iran"], actor_j="russia"),
                 lambda: dp.divergence_heatmap(run, "2017-01-25"),
                 lambda: dp.divergence_heatmap(run, "2017-01-25", variable="hostility"),
                 lambda: dp.influence_network(run, "2017-01-25"),
                 lambda: dp.event_timeline(ev)]:
        ax = draw()
        out = tmp_path / "p.png"
        ax.figure.savefig(out)
        assert out.stat().st_size > 5000
        plt.close(ax.figure)
    ax = dp.fan_chart(run, "position", dimension="settlement", actors=["russia", "iran"])
    assert len(ax.lines) == 2 and len(ax.collections) == 4  # a median and two bands per actor
    # Any number of bands, each drawn (a third one used to be dropped), the wider paler.
    ax = dp.fan_chart(run, "position", dimension="settlement", actors=["russia"], bands=(0.5, 0.8, 0.95))
    assert [round(c.get_alpha(), 2) for c in ax.collections] == [0.1, 0.2, 0.3]
    series = run["position"].sel(actor="russia", dimension="settlement")
    widest = ax.collections[0].get_paths()[0].vertices[:, 1]
    assert widest.max() == pytest.approx(float(series.quantile(0.975, "replicate").max()))
    for bad in ((1.5,), (0.5, 0), (True,)):
        with pytest.raises(ValueError, match=r"fan_chart: bands are central shares of the replicates, each in \(0, 1"):
            dp.fan_chart(run, "position", dimension="settlement", bands=bad)
    with pytest.raises(ValueError, match=r"influence_network: threshold is the least weight drawn as an arrow"):
        dp.influence_network(run, "2017-01-25", threshold=-1)


def test_pole_labels_with_dollar_signs_are_drawn_as_written(diplosim_bin, tmp_path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    # Two '$' make matplotlib read mathtext: '$x^$' failed when the figure was drawn.
    out = run_scenario(diplosim_bin, tmp_path, "aid", "calendar: {start: 2020-01-01, end: 2020-01-10}\n"
                       "dimensions: {aid: {low: 'US$ 5bn, $x^', high: '$10bn \\\\alpha_$'}}\n"
                       "actors:\n  a: {capability: {military: 1}, position: {aid: 0.2}}\n")
    ax = dp.fan_chart(dp.open_run(out), dimension="aid")
    ax.figure.savefig(tmp_path / "aid.png")
    # What is drawn is the text as written, not typeset.
    label = ax.yaxis.label
    assert label.get_text().replace("\\$", "$") == "US$ 5bn, $x^  ←→  $10bn \\\\alpha_$"
    assert not matplotlib.cbook.is_math_text(label.get_text())
    plt.close(ax.figure)


def test_population_chart_draws_what_the_run_recorded(diplosim_bin, root, tmp_path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    out = tmp_path / "towns.h5"
    subprocess.run([diplosim_bin, "run", "scenarios/examples/two-towns.yaml", "-o", str(out), "-r", "3", "-q",
                    "--record", "position,population_mean,population_std"], cwd=root, check=True)
    run = dp.open_run(out)
    ax = dp.population_chart(run, "reform")
    assert len(ax.lines) == 2 and len(ax.collections) == 1  # agents' mean and the council; one band
    expected = run["population_mean"].sel(population="residents", dimension="reform").median("replicate").values
    assert np.array_equal(ax.lines[0].get_ydata(), expected)
    council = run["position"].sel(actor="council", dimension="reform").median("replicate").values
    assert np.array_equal(ax.lines[1].get_ydata(), council)
    # The legend says what the band is and whose line is dashed; the y axis names the poles.
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "residents (mean of agents)", "residents ± 1 s.d. of agents", "council (the actor residents stand behind)"]
    assert ax.get_ylabel() == "oppose  ←→  support"
    ax.figure.savefig(tmp_path / "p.png")
    assert (tmp_path / "p.png").stat().st_size > 5000
    plt.close(ax.figure)
    with pytest.raises(ValueError, match="population_std"):
        dp.population_chart(run.drop_vars("population_std"), "reform")
    # Given the path, it reads what it draws, the actor's position included.
    ax = dp.population_chart(out, "reform")
    assert len(ax.lines) == 2 and np.array_equal(ax.lines[1].get_ydata(), council)
    plt.close(ax.figure)


def test_plots_of_sixty_actors_keep_legend_and_nodes_apart_and_inside(diplosim_bin, tmp_path):
    # Sixty actors: the fan chart's legend of sixty lines ran off the figure and
    # constrained layout gave up (with a warning), cutting the dates; the
    # network's nodes, sized for a dozen, covered each other.
    import warnings
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    actors = "".join(f"  a{k:02d}: {{capability: {{military: {1 + k % 5}}}, position: {{d: 0.{k % 9 + 1}}}}}\n"
                     for k in range(60))
    out = run_scenario(diplosim_bin, tmp_path, "sixty", "calendar: {start: 2020-01-01, end: 2020-03-01, step: 7}\n"
                       "dimensions: {d: {low: a, high: b}}\nactors:\n" + actors)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = dp.fan_chart(out, "position", dimension="d")
        fig = ax.figure
        fig.canvas.draw()
        legend = ax.get_legend().get_window_extent()
        assert 0 <= legend.x0 and legend.x1 <= fig.bbox.width and 0 <= legend.y0 and legend.y1 <= fig.bbox.height
        assert len(ax.get_legend().get_texts()) == 60
        assert_tick_labels_inside_the_figure(ax)
        plt.close(fig)
        ax = dp.divergence_heatmap(out, "2020-02-01")  # names that do not fit are thinned, not overprinted
        ax.figure.canvas.draw()
        for names in (ax.get_yticklabels(), ax.get_xticklabels()):
            boxes = [label.get_window_extent() for label in names]
            assert 10 <= len(boxes) < 60 and not any(a.overlaps(b) for a, b in zip(boxes, boxes[1:]))
        plt.close(ax.figure)
        ax = dp.influence_network(out, "2020-02-01")
        fig = ax.figure
        fig.canvas.draw()
        nodes = ax.collections[0]
        radii = np.sqrt(nodes.get_sizes()) / 2 * fig.dpi / 72
        centres = ax.transData.transform(nodes.get_offsets())
        gaps = [np.hypot(*(centres[i] - centres[j])) - radii[i] - radii[j]
                for i in range(60) for j in range(i + 1, 60)]
        assert min(gaps) > 0
        plt.close(fig)


def test_long_pole_names_stay_inside_a_short_panel(diplosim_bin, tmp_path):
    # One line of poles longer than the panel was cut at the figure's top and
    # bottom, and savefig(bbox_inches="tight") does not save what is cut.
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    out = run_scenario(diplosim_bin, tmp_path, "poles",
        "calendar: {start: 2020-01-01, end: 2020-03-01}\n"
        "dimensions: {scope: {low: 'narrow: most armed factions excluded as terrorists by the guarantors', "
        "high: 'broad: every armed faction but the two designated groups covered by the truce'}}\n"
        "actors:\n  a: {capability: {military: 1}, position: {scope: 0.2}}\n"
        "  b: {capability: {military: 1}, position: {scope: 0.8}}\n")
    for height in (2.0, 3.0, 6.0):
        fig, ax = plt.subplots(figsize=(8, height))
        dp.fan_chart(out, "position", dimension="scope", ax=ax)
        fig.tight_layout()
        fig.canvas.draw()
        box = ax.yaxis.label.get_window_extent()
        assert 0 <= box.y0 and box.y1 <= fig.bbox.height and 0 <= box.x0, (height, box)
        assert " ".join(ax.get_ylabel().split()) == ("narrow: most armed factions excluded as terrorists by the "
                                                     "guarantors ←→ broad: every armed faction but the two "
                                                     "designated groups covered by the truce")
        plt.close(fig)


def assert_tick_labels_inside_the_figure(ax):
    """Every tick label drawn lies within the figure's pixels."""
    fig = ax.figure
    fig.canvas.draw()
    width, height = fig.canvas.get_width_height()
    # The labels drawn: those of ticks inside the view (matplotlib keeps a few beyond it, undrawn).
    (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
    drawn = [label for loc, label in zip(ax.get_xticks(), ax.get_xticklabels()) if x0 <= loc <= x1]
    drawn += [label for loc, label in zip(ax.get_yticks(), ax.get_yticklabels()) if y0 <= loc <= y1]
    for label in drawn:
        if label.get_text():
            box = label.get_window_extent()
            assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height, (label.get_text(), box)


def newer_sweep(tmp_path):
    """A tiny sweep file written by the CLI."""
    import os
    import subprocess
    out = tmp_path / "tiny-sweep.h5"
    subprocess.run([os.environ["DIPLOSIM_BIN"], "sweep", "tests/sweeps/sobol.yaml", "-o", str(out), "--quiet"],
                   cwd=os.path.join(os.path.dirname(__file__), "..", ".."), check=True)
    return out


def test_a_damaged_result_is_named_so_not_a_crash_of_the_notebook(tmp_path, damaged_copy):
    # The HDF5 library crashes on some files whose bytes were altered after they
    # were written, which would end the notebook's kernel; the reader reads a
    # file's structure in a child process first and names the file instead.
    sweep = newer_sweep(tmp_path)
    damaged = damaged_copy(sweep, tmp_path / "damaged.h5")
    script = (f"import diplosim\ntry:\n    diplosim.open_sweep({str(damaged)!r})\n"
              "except diplosim.DiplosimFileError as e:\n    print(e)\n")
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                       env={**os.environ, "PYTHONPATH": os.path.join(os.path.dirname(__file__), "..", "..", "python")})
    assert r.returncode == 0, (r.returncode, r.stderr)  # without the guard: killed by SIGSEGV
    assert f"'{damaged}' is damaged: the HDF5 library crashed reading it (Segmentation fault)" in r.stdout
    for read in (dp.open_sweep_dataset, dp.provenance):
        with pytest.raises(dp.DiplosimFileError, match="is damaged: the HDF5 library crashed reading it"):
            read(damaged)
    assert len(dp.open_sweep(sweep)) > 0  # the sound file, through the same guard


def test_a_read_of_a_files_structure_that_runs_out_of_its_memory_is_damage(tmp_path, flagship, monkeypatch):
    # A size field altered to ask for terabytes: the child's read hits its memory
    # limit, and the file is named damaged rather than read again without one.
    from diplosim import damage
    copy = tmp_path / "copy.h5"
    copy.write_bytes(flagship.read_bytes())
    monkeypatch.setattr(damage, "_read_structure", lambda path: bytearray(1 << 42))  # 4 TB
    with pytest.raises(dp.DiplosimFileError, match=r"is damaged: reading it asked for more than the .* that any sound "
                                                   r"file of its size needs"):
        dp.open_run(copy)
    monkeypatch.undo()
    assert dp.open_run(copy, variables="forecast").sizes["replicate"] > 0


def test_open_sweep_joins_parameters_and_outcomes(tmp_path):
    import os
    import subprocess
    out = newer_sweep(tmp_path)
    subprocess.run([os.environ["DIPLOSIM_BIN"], "analyze", str(out), "--bootstrap", "50"],
                   cwd=os.path.join(os.path.dirname(__file__), "..", ".."), check=True, capture_output=True)
    table = dp.open_sweep(out)
    assert len(table) == 32 * 5 and table.index.name == "point"
    assert {"actors.iran.susceptibility", "divergence", "affinity", "status", "point_seed"} <= set(table.columns)
    assert (table.status == 0).all()
    q95 = dp.open_sweep(out, statistic="q95")
    assert (q95["divergence"] >= table["divergence"] - 0.5).all()
    ds = dp.open_sweep_dataset(out)
    assert ds["summary"].dims == ("point", "outcome", "statistic")
    import matplotlib
    matplotlib.use("Agg")
    ax = dp.sensitivity_bars(ds, "divergence")
    assert len(ax.patches) == 2 * 3
    # Labels name the actor and the parameter, and stay inside the figure.
    assert [t.get_text() for t in ax.get_xticklabels()] == ["iran.susceptibility", "influence.deference_weight",
                                                            "russia.capability.military"]
    assert_tick_labels_inside_the_figure(ax)
    noise = float(ds["sobol_noise_share"].sel(outcome_analyzed="divergence"))
    assert 0 < noise < 1 and any(list(line.get_ydata()) == [noise, noise] for line in ax.lines)
    # Names that are not there say which are; "median" is q50.
    assert dp.open_sweep(out, statistic="median").equals(dp.open_sweep(out, statistic="q50"))
    with pytest.raises(TypeError, match=r"statistic is one of 'mean', 'sd', 'q05', 'q50' \(or 'median'\), 'q95'; got None"):
        dp.open_sweep(out, statistic=None)
    with pytest.raises(ValueError, match=r"no statistic 'q90' in this sweep; did you mean 'q95'\? "
                                         r"\(statistic is one of: mean, sd, q05, q50, q95\)"):
        dp.open_sweep(out, statistic="q90")
    with pytest.raises(ValueError, match="no outcome_analyzed 'divergense' in this sweep; did you mean 'divergence'"):
        dp.sensitivity_bars(ds, "divergense")


def test_plots_keep_long_actor_names_and_dates_inside_the_figure(diplosim_bin, tmp_path):
    # Twelve actors with long ids: the heatmap's slanted names and the timeline's
    # dates ran off the figure's edges before the plots used constrained layout.
    import subprocess
    import warnings
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    names = [f"stakeholder_number_{k:02d}" for k in range(12)]
    actors = "".join(f"  {n}: {{capability: {{military: 1}}, position: {{d: 0.{k % 9 + 1}}}}}\n"
                     for k, n in enumerate(names))
    out = run_scenario(diplosim_bin, tmp_path, "many", "calendar: {start: 2018-11-01, end: 2019-04-01, step: 7}\n"
                       "dimensions: {d: {low: a, high: b}}\nactors:\n" + actors +
                       "events:\n  - {type: statement, name: s, date: 2018-12-03, actor: stakeholder_number_00, "
                       "stance: {d: 0.5}}\n")
    run = dp.open_run(out)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a layout conflict (autofmt_xdate's subplots_adjust) warns
        axes = [dp.divergence_heatmap(run, date="2019-01-01"), dp.event_timeline(out),
                dp.fan_chart(run, "position", dimension="d", actors=names[:3])]
        for ax in axes:
            assert_tick_labels_inside_the_figure(ax)
            plt.close(ax.figure)
        # The network's names around the ring: the view widens for them (they ran off its sides).
        ax = dp.influence_network(run, "2019-01-01")
        ax.figure.canvas.draw()
        for text in ax.texts:
            if text.get_text():
                box = text.get_window_extent()
                assert 0 <= box.x0 and box.x1 <= ax.figure.bbox.width, (text.get_text(), box)
                assert 0 <= box.y0 and box.y1 <= ax.figure.bbox.height, (text.get_text(), box)
        plt.close(ax.figure)


def test_influence_network_shows_every_node_name_and_arrow_head(flagship):
    # Arrows stopped 12 points from a node's centre whatever its size, so heads
    # hid under large nodes; names sat across the nodes' lower edge, and nodes
    # on the ring were cut by the figure's edge.
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    ax = dp.influence_network(flagship, "2017-01-25")
    fig = ax.figure
    fig.canvas.draw()
    nodes = ax.collections[0]
    radii = np.sqrt(nodes.get_sizes()) / 2 * fig.dpi / 72  # marker area in points² → radius in pixels
    centres = ax.transData.transform(nodes.get_offsets())
    renderer = fig.canvas.get_renderer()
    figure_box = fig.bbox
    for (x, y), r in zip(centres, radii):
        assert figure_box.x0 <= x - r and x + r <= figure_box.x1 and figure_box.y0 <= y - r and y + r <= figure_box.y1
    names = [t for t in ax.texts if t.get_text()]
    assert len(names) == len(centres)
    for text in names:
        box = text.get_window_extent(renderer)
        assert figure_box.x0 <= box.x0 and box.x1 <= figure_box.x1
        for (x, y), r in zip(centres, radii):  # no name overlaps any node's disc
            nearest_x, nearest_y = min(max(x, box.x0), box.x1), min(max(y, box.y0), box.y1)
            assert np.hypot(x - nearest_x, y - nearest_y) >= r, text.get_text()
    arrows = [t for t in ax.texts if not t.get_text()]
    assert arrows
    for arrow in arrows:  # each head ends outside its target's disc
        head = arrow.arrow_patch.get_path().vertices
        tip = arrow.arrow_patch.get_transform().transform(head)
        target = ax.transData.transform(arrow.xy)
        k = int(np.argmin(np.hypot(*(centres - target).T)))
        assert np.hypot(*(tip - target).T).min() >= radii[k]
    plt.close(fig)


def test_event_timeline_draws_event_data_by_type_and_names_events_when_readable(diplosim_bin, tmp_path):
    # A file of event data: 300 statements and shocks. Drawn one artist per type
    # (it took a minute for 10,000 events, one artist each), named only on request.
    import subprocess
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    events = "".join(f"  - {{type: {'statement' if k % 2 else 'shock'}, name: e{k}, date: 2020-{1 + k % 12:02d}-"
                     f"{1 + k % 28:02d}, " + ("actor: x, stance: {d: 0.5}}\n" if k % 2 else "add: {hostility.x.y: 0.01}}\n")
                     for k in range(300))
    out = run_scenario(diplosim_bin, tmp_path, "data",
                       "calendar: {start: 2020-01-01, end: 2021-01-01}\ndimensions: {d: {low: a, high: b}}\n"
                       "actors:\n  x: {capability: {military: 1}, position: {d: 0.2}}\n"
                       "  y: {capability: {military: 1}, position: {d: 0.8}}\nevents:\n" + events, replicates=1)
    ev = dp.events(out)
    ax = dp.event_timeline(ev)
    assert len(ax.lines) == 2 and sum(len(line.get_xdata()) for line in ax.lines) == 300 and not ax.texts
    assert len(dp.event_timeline(ev, annotate=True).texts) == 300
    assert len(dp.event_timeline(ev[ev.name.isin(["e1", "e2"])]).texts) == 2  # few: named by default
    # On a host plot: one line collection per type, and the host's limits stay as they were.
    run = dp.open_run(out)
    host = dp.fan_chart(run, "position", dimension="d", actors=["x"])
    limits = host.get_xlim(), host.get_ylim()
    dp.event_timeline(ev, ax=host)
    assert (host.get_xlim(), host.get_ylim()) == limits
    assert sum(len(c.get_segments()) for c in host.collections[-2:]) == 300
    plt.close("all")


def test_parameter_labels_drop_section_words_unless_two_would_read_alike():
    from diplosim.plots import parameter_labels
    assert parameter_labels(["actors.farc.parameters.attend_bias", "events.talks.acceptance_slope",
                             "mechanisms.conflict.violation_rate", "populations.towns.feedback"]) == [
        "farc.attend_bias", "talks.acceptance_slope", "conflict.violation_rate", "towns.feedback"]
    # An actor and a population of one name: the full paths keep them apart.
    assert parameter_labels(["actors.x.susceptibility", "populations.x.susceptibility"]) == [
        "actors.x.susceptibility", "populations.x.susceptibility"]


def test_a_run_before_1678_reads_analyses_and_plots_with_cftime_dates(diplosim_bin, tmp_path):
    """numpy's datetime64[ns] ends at 1678 and 2261; xarray failed on a Thirty
    Years' War scenario ('unable to decode time units')."""
    import cftime
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    out = run_scenario(diplosim_bin, tmp_path, "bohemia",
        "calendar: {start: 1618-05-23, end: 1618-08-01, step: 7}\n"
        "dimensions: {d: {low: war, high: peace}}\n"
        "actors:\n"
        "  bohemia: {capability: {military: 1}, position: {d: 0.2}}\n"
        "  emperor: {capability: {military: 1}, position: {d: 0.6}}\n"
        "events:\n"
        "  - {type: statement, name: defenestration, date: 1618-05-23, actor: bohemia, stance: {d: 0.1}}\n"
        "  - {type: ceasefire, name: truce, date: 1618-06-10, parties: [bohemia, emperor]}\n", replicates=4)
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the cftime fallback is expected, not worth a warning
        run, ev = dp.open_run(out), dp.events(out)
    first = run["time"].values[0]
    assert isinstance(first, cftime.datetime) and (first.year, first.month, first.day) == (1618, 5, 23)
    assert run.sizes["time"] == 11
    assert {(d.year, d.month, d.day) for d in ev.date} >= {(1618, 5, 23), (1618, 6, 10)}
    from diplosim.analysis import pairwise_divergence
    m = pairwise_divergence(run, "1618-06-12")  # nearest recorded point: 1618-06-13
    x = dp.divergence(run, "bohemia", "emperor").isel(time=3).median("replicate")
    assert float(m.sel(actor="bohemia", actor_j="emperor")) == pytest.approx(float(x), abs=1e-12)
    with pytest.raises(ValueError, match=r"1700-01-01 is outside this run's recorded dates \(1618-05-23 to 1618-08-01\)"):
        pairwise_divergence(run, "1700-01-01")
    assert dp.divergence_heatmap(run, "1618-06-12", variable="affinity").get_title() == "affinity on 1618-06-13"
    for ax in (dp.fan_chart(run, dimension="d"), dp.influence_network(run, "1618-06-12"), dp.event_timeline(ev)):
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # e.g. a layout engine that gives up ("axes sizes collapsed to zero")
            ax.figure.savefig(tmp_path / "p.png")
        assert (tmp_path / "p.png").stat().st_size > 5000
        plt.close(ax.figure)
    ax = dp.fan_chart(run, dimension="d", actors=["bohemia"])
    assert ax.lines[0].get_xdata()[0].year == 1618


def test_a_selection_reads_part_of_a_result_and_equals_the_same_part_of_the_whole(flagship):
    whole = dp.open_run(flagship)
    part = dp.open_run(flagship, variables=["forecast", "position"], replicates=slice(2, 5))
    assert set(part.data_vars) - set(whole.data_vars) == set()
    assert "affinity" not in part and "actor_name" in part  # labels come along
    assert list(part["replicate"].values) == [2, 3, 4]
    for name in ("forecast", "position"):
        assert np.array_equal(part[name].values, whole[name].isel(replicate=slice(2, 5)).values)
    one = dp.open_run(flagship, variables="hostility", replicates=7)
    assert one.sizes["replicate"] == 1 and np.array_equal(one["hostility"].values,
                                                          whole["hostility"].sel(replicate=[7]).values)
    picked = dp.open_run(flagship, replicates=[0, 19])
    assert list(picked["replicate"].values) == [0, 19]
    with pytest.raises(ValueError, match="no replicate 20 in this run \\(replicates 0 to 19"):
        dp.open_run(flagship, replicates=[0, 20])
    # A selection of none, or with a replicate twice (which every median would count twice), is refused.
    with pytest.raises(ValueError, match=r"replicates=slice\(5, 2, None\) selects none of this run's replicates"):
        dp.open_run(flagship, replicates=slice(5, 2))
    with pytest.raises(ValueError, match=r"replicates=\[\] selects none"):
        dp.open_run(flagship, replicates=[])
    with pytest.raises(ValueError, match="replicate 3 is listed more than once in replicates=; expected each at most"):
        dp.open_run(flagship, replicates=[3, 1, 3])
    with pytest.raises(ValueError, match="no variable 'postion'; did you mean 'position'"):
        dp.open_run(flagship, variables=["postion"])
    # Odd arguments are named, not Python's "'float' object is not iterable".
    with pytest.raises(ValueError, match="no replicate 1.0 in this run"):
        dp.open_run(flagship, replicates=1.0)
    assert dp.open_run(os.fsencode(flagship), variables="forecast").equals(dp.open_run(flagship, variables="forecast"))
    with pytest.raises(FileNotFoundError, match="no such diplosim result: '/nonexistent.h5'"):
        dp.open_run(b"/nonexistent.h5")
    with pytest.raises(TypeError, match="a variable is named by a string; got 3"):
        dp.open_run(flagship, variables=["position", 3])
    with pytest.raises(ValueError, match=r"no variable 'events'; the events table is read with diplosim.events\(path\)"):
        dp.open_run(flagship, variables="events")
    # The tables take the same selection: the chosen replicates' rows, as the whole table holds them.
    for read in (dp.events, dp.actions):
        table, rows = read(flagship), read(flagship, replicates=slice(2, 5))
        expected = table[table.replicate.isin([2, 3, 4])].reset_index(drop=True)
        assert len(rows) > 0 and rows.equals(expected)
        assert read(flagship, replicates=19).equals(table[table.replicate == 19].reset_index(drop=True))
        with pytest.raises(ValueError, match="no replicate -1 in this run"):
            read(flagship, replicates=[-1])


def test_a_result_larger_than_the_memory_left_is_refused_with_what_would_fit(diplosim_bin, root, tmp_path,
                                                                             memory_cgroup):
    """Under a real memory cgroup limit: the whole file is refused with advice (the
    kernel would otherwise end the process), and the parts the advice names load."""
    out = tmp_path / "big.h5"
    subprocess.run([diplosim_bin, "run", "scenarios/syria-2016-17.yaml", "-o", str(out), "-r", "600", "-q"],
                   cwd=root, check=True)
    _, join = memory_cgroup(350_000_000)
    script = """
import re, sys
import diplosim as dp
path = sys.argv[1]
try:
    dp.open_run(path)
    print("loaded whole")
except dp.DiplosimFileError as e:
    print("refused:", e)
    n = int(re.search(r"replicates=slice\\(0, (\\d+)\\)", str(e)).group(1))
    print("fits:", n, dp.open_run(path, replicates=slice(0, n))["affinity"].sizes["replicate"])
print("forecast:", float(dp.open_run(path, variables=["forecast"])["forecast"].sum()))
"""
    r = subprocess.run([sys.executable, "-c", script, str(out)], capture_output=True, text=True, preexec_fn=join,
                       env=dict(os.environ, PYTHONPATH=str(root / "python")), timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith(f"refused: {str(out)!r}: the selection holds ") and "MB of values, more than 80 % of the" \
        in lines[0], lines[0]
    assert "this process's memory cgroup leaves" in lines[0] and "variables=[...]) with some of " in lines[0], lines[0]
    assert "forecast 2.2 MB" in lines[0], lines[0]  # 600 replicates × 90 days × 5 dimensions × 8 bytes
    fits = int(lines[1].split()[1])
    assert 50 < fits < 600 and lines[1] == f"fits: {fits} {fits}", lines
    # The part read under the limit is the part read without one.
    assert float(lines[2].split()[1]) == float(dp.open_run(out, variables=["forecast"])["forecast"].sum())


def _spearman(xs, ys):
    """Spearman's rho the textbook way: average ranks for ties, then Pearson's r."""
    def ranks(v):
        order = sorted(range(len(v)), key=lambda k: v[k])
        r = [0.0] * len(v)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
                j += 1
            for k in range(i, j + 1):
                r[order[k]] = (i + j) / 2 + 1
            i = j + 1
        return r
    a, b = ranks(xs), ranks(ys)
    ma, mb = sum(a) / len(a), sum(b) / len(b)
    cov = sum((p - ma) * (q - mb) for p, q in zip(a, b))
    return cov / (sum((p - ma) ** 2 for p in a) * sum((q - mb) ** 2 for q in b)) ** 0.5


def test_rank_correlations_of_an_lhs_sweep_match_spearman_by_hand(diplosim_bin, root, tmp_path):
    out = tmp_path / "lhs.h5"
    subprocess.run([diplosim_bin, "sweep", "tests/sweeps/small.yaml", "-o", str(out), "-q"], cwd=root, check=True)
    rho = dp.rank_correlations(out)
    table = dp.open_sweep(out)
    parameters = ["mechanisms.conflict.violation_rate", "actors.iran.susceptibility",
                  "events.nationwide-ceasefire.collapse_after"]
    outcomes = ["ceasefire_holds", "divergence", "astana", "militias_feb"]
    assert list(rho.index) == parameters and list(rho.columns) == outcomes
    ran = table[table.status == 0]
    assert len(ran) == 24
    for p in parameters:
        for o in outcomes:
            assert abs(rho.loc[p, o] - _spearman(list(ran[p]), list(ran[o]))) < 1e-12, (p, o)
    # The violation rate is what breaks the ceasefire: the strongest, negative link.
    assert rho.loc["mechanisms.conflict.violation_rate", "ceasefire_holds"] < -0.5
    # The same from the opened Dataset; and analyze points a non-sobol sweep here.
    assert rho.equals(dp.rank_correlations(dp.open_sweep_dataset(out)))
    # And from open_sweep's table (a TypeError before), with the table's own statistic.
    assert rho.equals(dp.rank_correlations(table))
    medians = dp.rank_correlations(dp.open_sweep(out, statistic="median"))
    ran_medians = dp.open_sweep(out, statistic="median").query("status == 0")
    assert abs(medians.loc["actors.iran.susceptibility", "divergence"] -
               _spearman(list(ran_medians["actors.iran.susceptibility"]), list(ran_medians["divergence"]))) < 1e-12
    with pytest.raises(TypeError, match=r"sensitivity_bars takes .* got a sweep's table \(diplosim.open_sweep\)"):
        dp.sensitivity_bars(table, "divergence")
    with pytest.raises(TypeError, match=r"rank_correlations takes .* got a list"):
        dp.rank_correlations([1, 2])
    r = subprocess.run([diplosim_bin, "analyze", str(out)], capture_output=True, text=True)
    assert r.returncode == 2 and "diplosim.rank_correlations(path)" in r.stderr, r.stderr


def test_a_function_given_a_path_reads_only_the_variables_it_needs(flagship):
    from diplosim.selection import require
    part = require(flagship, ["forecast"], "a test")
    assert "forecast" in part and "affinity" not in part and "position" not in part and "actor_name" in part
    assert np.array_equal(part["forecast"].values, dp.open_run(flagship)["forecast"].values)
    with pytest.raises(ValueError, match="a test: diplosim has no variable 'postion'; did you mean 'position'"):
        require(flagship, ["postion"], "a test")
    # The same figures from the path as from the opened run.
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    for draw in (lambda r: dp.fan_chart(r, "forecast", dimension="settlement"), lambda r: dp.divergence_heatmap(r, "2017-01-20"),
                 lambda r: dp.influence_network(r, "2017-01-20")):
        a, b = draw(flagship), draw(dp.open_run(flagship))
        assert [line.get_ydata().tolist() for line in a.lines] == [line.get_ydata().tolist() for line in b.lines]
        assert [im.get_array().tolist() for im in a.images] == [im.get_array().tolist() for im in b.images]
        plt.close("all")
