"""The CLI runs scenarios into HDF5 files that h5py and xarray read as labelled data."""
from pathlib import Path
import subprocess

import h5py
import numpy as np
import pytest
import pandas as pd
import xarray as xr

FLAGSHIP = "scenarios/syria-2016-17.yaml"
FJ = "scenarios/examples/friedkin-johnsen-1999.yaml"


def test_friedkin_johnsen_reference_case_from_the_cli(run_cli, tmp_path):
    out = tmp_path / "fj.h5"
    r = run_cli("run", FJ, "-o", out)
    assert r.returncode == 0, r.stderr
    with h5py.File(out, "r") as f:
        final = f["position"][0, -1, :, 0]
    # Friedkin & Johnsen (1999): x* ≈ (60.02, 59.98, 75, 74.99)/100.
    np.testing.assert_allclose(final, [0.6002, 0.5998, 0.75, 0.7499], atol=1e-3)


@pytest.fixture(scope="module")
def flagship_1000(run_cli, tmp_path_factory):
    out = tmp_path_factory.mktemp("flagship") / "r.h5"
    r = run_cli("run", FLAGSHIP, "-o", out, "--replicates", 1000, "--threads", 2)
    assert r.returncode == 0, r.stderr
    return out, r.stdout


def test_flagship_opens_in_xarray_with_named_dims_and_dates(flagship_1000):
    path, _ = flagship_1000
    with xr.open_dataset(path, engine="h5netcdf") as ds:
        ds.load()
    assert ds["position"].dims == ("replicate", "time", "actor", "dimension")
    assert ds["influence"].dims == ("replicate", "time", "actor", "actor_j")
    assert ds["capability"].dims == ("replicate", "time", "actor")
    assert ds["forecast"].dims == ("replicate", "time", "dimension")
    assert ds.sizes["replicate"] == 1000
    assert ds.sizes["time"] == 90
    assert ds["time"].dtype.kind == "M"
    assert str(ds["time"].values[0])[:10] == "2016-12-01"
    assert str(ds["time"].values[-1])[:10] == "2017-02-28"
    actors = list(ds["actor"].values)
    for a in ["russia", "iran", "assad", "jaysh_al_islam", "hezbollah", "turkey", "islamic_state", "jfs"]:
        assert a in actors
    assert list(ds["dimension"].values) == ["assad_future", "militia_presence", "ceasefire_scope",
                                            "state_character", "settlement"]
    # Selection by label works because coordinates are strings, not bytes.
    russia = ds["position"].sel(actor="russia", dimension="ceasefire_scope")
    assert russia.shape == (1000, 90)
    # Invariants of the model on everything that was written.
    assert float(ds["position"].min()) >= 0.0 and float(ds["position"].max()) <= 1.0
    np.testing.assert_allclose(ds["influence"].sum("actor_j"), 1.0, atol=1e-12)
    np.testing.assert_allclose(ds["salience"].sum("dimension"), 1.0, atol=1e-12)
    assert ds.attrs["replicates"] == 1000
    assert ds.attrs["scenario_sha256"] and len(ds.attrs["scenario_sha256"]) == 64


def test_flagship_provenance_and_events_with_h5py(flagship_1000, root):
    path, stdout = flagship_1000
    with h5py.File(path, "r") as f:
        assert f.attrs["scenario"] == (root / FLAGSHIP).read_text()
        assert f.attrs["seed"] == 20170206
        assert "--replicates 1000" in f.attrs["command_line"]
        assert f.attrs["created"].endswith("Z")
        assert f["position"].compression == "gzip"
        assert f["position"].chunks[0] == 1
    with xr.open_dataset(path, engine="h5netcdf", group="events") as ev:
        ev.load()
    assert ev["date"].dtype.kind == "M"
    table = ev.to_dataframe()
    scheduled = ["unsc-veto-aleppo", "moscow-declaration", "nationwide-ceasefire", "velayati-hezbollah-stays",
                 "lavrov-russia-saved-damascus", "lavrov-secular-syria", "lavrov-armed-factions", "khamis-tehran-deals",
                 "astana-talks", "alloush-on-russia", "ansari-rejects-withdrawal", "ansari-weak-and-lowly", "geneva-talks"]
    once = table[table.name.isin(scheduled) & (table.type != "violation")]
    # Every scheduled event is applied exactly once in every replicate, on its date.
    assert (once.groupby(["replicate", "name"]).size() == 1).all()
    assert len(once) == len(scheduled) * 1000
    first = once[once.replicate == 0].set_index("name").date
    assert str(first["khamis-tehran-deals"])[:10] == "2017-01-18"
    assert str(first["astana-talks"])[:10] == "2017-01-24"  # resolved on its last day
    assert {"veto", "declaration", "ceasefire", "statement", "warning", "deal", "negotiation", "shock"} <= set(table.type)
    # The summary table: each dimension with its median and 5–95 % band, and the wall time.
    assert "Forecast at 2017-02-28" in stdout
    for dim in ["assad_future", "militia_presence", "ceasefire_scope", "state_character", "settlement"]:
        assert dim in stdout
    assert "Wall time:" in stdout


def read_arrays(path):
    with h5py.File(path, "r") as f:
        return {k: f[k][...] for k in f if isinstance(f[k], h5py.Dataset) and f[k].ndim >= 2}


def test_same_bits_for_any_thread_count_and_same_seed(run_cli, tmp_path):
    outs = {}
    for name, extra in {"t1": ["--threads", 1], "t2": ["--threads", 2], "again": ["--threads", 2],
                        "other": ["--threads", 2, "--seed", 99]}.items():
        outs[name] = tmp_path / f"{name}.h5"
        r = run_cli("run", FLAGSHIP, "-o", outs[name], "--replicates", 40, *extra)
        assert r.returncode == 0, r.stderr
    a, b, c, d = (read_arrays(outs[n]) for n in ["t1", "t2", "again", "other"])
    assert set(a) == set(b) and "position" in a
    for k in a:
        assert np.array_equal(a[k], b[k]), k
        assert np.array_equal(a[k], c[k]), k
    assert not np.array_equal(a["position"], d["position"])


def test_more_threads_than_cores_get_a_note_and_the_same_bits(run_cli, tmp_path):
    import os
    many = os.cpu_count() + 1
    r = run_cli("run", FLAGSHIP, "-o", tmp_path / "many.h5", "--replicates", 3, "--threads", many)
    assert r.returncode == 0, r.stderr
    usable = len(os.sched_getaffinity(0))
    cores = (f"this machine's {os.cpu_count()} cores" if usable == os.cpu_count()
             else f"the {usable} core{'s' * (usable > 1)} this process may run on (its CPU affinity)")
    assert f"note: --threads {many} is more than {cores}" in r.stderr, r.stderr
    assert run_cli("run", FLAGSHIP, "-o", tmp_path / "one.h5", "--replicates", 3, "--threads", 1).returncode == 0
    a, b = read_arrays(tmp_path / "many.h5"), read_arrays(tmp_path / "one.h5")
    assert all(np.array_equal(a[k], b[k]) for k in a)
    r = run_cli("run", FLAGSHIP, "-o", tmp_path / "quiet.h5", "--replicates", 3, "--threads", many, "-q")
    assert r.returncode == 0 and r.stderr == ""


def test_threads_default_to_the_cores_this_process_may_run_on(run_cli, tmp_path):
    # Pinned to one CPU (as taskset, Slurm's --cpus-per-task with binding, or
    # mpirun's binding of a rank does), a run starts one thread, not one per
    # core of the machine; the refused estimate says how many it planned.
    import os
    one_cpu = min(os.sched_getaffinity(0))
    pin = lambda: os.sched_setaffinity(0, {one_cpu})  # noqa: E731
    r = run_cli("run", FLAGSHIP, "-o", tmp_path / "r.h5", "--max-memory", "1M", preexec_fn=pin)
    assert r.returncode == 2 and "are held at once with --threads 1:" in r.stderr, r.stderr
    r = run_cli("run", FLAGSHIP, "-o", tmp_path / "r.h5", "-r", 3, "--threads", 2, preexec_fn=pin)
    assert r.returncode == 0, r.stderr
    assert "note: --threads 2 is more than the 1 core this process may run on (its CPU affinity)" in r.stderr
    if os.cpu_count() > 1:  # unpinned, the same estimate plans one thread per core
        r = run_cli("run", FLAGSHIP, "-o", tmp_path / "u.h5", "--max-memory", "1M")
        assert f"are held at once with --threads {len(os.sched_getaffinity(0))}:" in r.stderr, r.stderr


def test_record_and_every_choose_variables_and_stride(run_cli, tmp_path):
    out = tmp_path / "small.h5"
    # Spaces after the commas are fine (they used to be "unknown variable ' forecast'").
    r = run_cli("run", FLAGSHIP, "-o", out, "--replicates", 3, "--record", "position, forecast", "--every", 7)
    assert r.returncode == 0, r.stderr
    with xr.open_dataset(out, engine="h5netcdf") as ds:
        ds.load()
    assert {"position", "forecast"} <= set(ds.data_vars)
    assert "affinity" not in ds.data_vars and "influence" not in ds.data_vars
    days = (ds["time"].values - ds["time"].values[0]).astype("timedelta64[D]").astype(int)
    assert list(days) == list(range(0, 89, 7)) + [89]


def test_record_keeps_the_scenarios_stride_and_every_keeps_its_variables(run_cli, root, tmp_path):
    # Each option overrides its own setting: --record used to reset the
    # scenario's record.every to 1 as well.
    scenario = tmp_path / "weekly.yaml"
    scenario.write_text(f"extend: {root / FLAGSHIP}\nrecord: {{variables: [position, events], every: 7}}\n")
    def recorded(*options):
        out = tmp_path / "r.h5"
        r = run_cli("run", scenario, "-o", out, "-r", 2, "--force", "-q", *options)
        assert r.returncode == 0, r.stderr
        with xr.open_dataset(out, engine="h5netcdf") as ds:
            return {v for v in ds.data_vars if "replicate" in ds[v].dims and "time" in ds[v].dims}, ds.sizes["time"]
    assert recorded() == ({"position"}, 14)  # days 0, 7, …, 84 and the last, 89
    assert recorded("--record", "forecast") == ({"forecast"}, 14)
    assert recorded("--every", "30") == ({"position"}, 4)
    assert recorded("--record", "forecast", "--every", "1") == ({"forecast"}, 90)


def test_record_refuses_a_variable_the_scenario_cannot_have(run_cli, tmp_path):
    # The flagship has no agent populations: the file used to leave the variable out silently.
    r = run_cli("run", FLAGSHIP, "-o", tmp_path / "x.h5", "-r", 2, "--record", "position, population_mean")
    assert r.returncode == 2
    assert "--record population_mean: this scenario has no agent populations" in r.stderr
    assert not (tmp_path / "x.h5").exists()
    # `all` records what exists.
    assert run_cli("run", FLAGSHIP, "-o", tmp_path / "y.h5", "-r", 2, "--record", "all", "-q").returncode == 0


def test_record_names_the_tables_too(run_cli, tmp_path):
    bare, with_events = tmp_path / "bare.h5", tmp_path / "events.h5"
    assert run_cli("run", FLAGSHIP, "-o", bare, "-r", 2, "--record", "forecast").returncode == 0
    assert run_cli("run", FLAGSHIP, "-o", with_events, "-r", 2, "--record", "forecast,events").returncode == 0
    with h5py.File(bare) as f, h5py.File(with_events) as g:
        assert "events" not in f and "actions" not in f
        assert "events" in g and "actions" not in g and len(g["events/type"]) > 0
        assert np.array_equal(f["forecast"][...], g["forecast"][...])  # what is recorded never changes the run
    r = run_cli("info", bare)
    assert r.returncode == 0 and "events:" not in r.stdout and "actions:" not in r.stdout
    r = run_cli("info", with_events)
    assert r.returncode == 0 and "events:" in r.stdout and "actions:" not in r.stdout


def test_record_groups_choose_actor_level_variables_matrices_or_tables(run_cli, root, tmp_path):
    light, full = tmp_path / "light.h5", tmp_path / "full.h5"
    assert run_cli("run", FLAGSHIP, "-o", light, "-r", 20, "--record", "actors,tables", "-q").returncode == 0
    assert run_cli("run", FLAGSHIP, "-o", full, "-r", 20, "-q").returncode == 0
    actor_level = {"position", "anchor", "salience", "capability", "forecast", "ceasefire_state"}
    matrices = {"affinity", "dependency", "influence", "hostility", "support"}
    with h5py.File(light) as f, h5py.File(full) as g:
        assert actor_level <= set(f) and not matrices & set(f)
        assert "events" in f and "actions" in f
        for name in actor_level:  # the same values as in the full record
            assert np.array_equal(f[name][...], g[name][...]), name
        assert np.array_equal(f["actions/action"][...], g["actions/action"][...])
    assert light.stat().st_size * 3 < full.stat().st_size  # 20 replicates: 1.2 MB against 4.4 MB
    only = tmp_path / "matrices.h5"
    assert run_cli("run", FLAGSHIP, "-o", only, "-r", 2, "--record", "matrices", "-q").returncode == 0
    with h5py.File(only) as f:
        assert matrices <= set(f) and not actor_level & set(f) and "events" not in f
    # Like `all`, a group records what the scenario has: Friedkin–Johnsen has no ceasefire.
    fj = tmp_path / "fj.h5"
    assert run_cli("run", FJ, "-o", fj, "-r", 2, "--record", "actors", "-q").returncode == 0
    with h5py.File(fj) as f:
        assert "position" in f and "ceasefire_state" not in f and "affinity" not in f
    # A scenario's record.variables takes the groups too.
    scenario = tmp_path / "light.yaml"
    scenario.write_text(f"extend: {Path(root) / FLAGSHIP}\nrecord: {{variables: [actors, events]}}\n")
    from_file = tmp_path / "from-file.h5"
    assert run_cli("run", scenario, "-o", from_file, "-r", 2, "-q").returncode == 0
    with h5py.File(from_file) as f:
        assert "position" in f and "influence" not in f and "events" in f and "actions" not in f
    r = run_cli("run", FLAGSHIP, "-o", tmp_path / "x.h5", "--record", "actor")
    assert r.returncode == 2 and "or a group: actors, matrices, tables, all" in r.stderr
    assert "did you mean 'actors'?" in r.stderr


def test_set_overrides_a_value_by_path(run_cli, tmp_path):
    base, changed = tmp_path / "base.h5", tmp_path / "changed.h5"
    assert run_cli("run", FLAGSHIP, "-o", base, "-r", 2, "--record", "capability").returncode == 0
    r = run_cli("run", FLAGSHIP, "-o", changed, "-r", 2, "--record", "capability",
                "--set", "actors.russia.capability.military=0.1")
    assert r.returncode == 0, r.stderr
    with h5py.File(base) as f, h5py.File(changed) as g:
        actors = [a.decode() if isinstance(a, bytes) else a for a in f["actor"][:]]
        i = actors.index("russia")
        # c = 0.5·military + 0.2·economic + 0.3·diplomatic (the scenario's weights)
        assert f["capability"][0, 0, i] - g["capability"][0, 0, i] == pytest.approx(0.5 * (0.90 - 0.1))
        assert "actors.russia.capability.military=0.1" in g.attrs["command_line"]
        assert "military: 0.1" in g.attrs["scenario_resolved"]


def test_the_recorded_command_line_gives_the_same_words_to_a_shell(run_cli, tmp_path, diplosim_bin):
    # Words a shell would split, glob or run (';', '*', a line break) used to be
    # recorded bare; a line break is now written $'\n', never raw.
    title = "a;b *\nSBATCH\n'c' \\ \t$(id)"
    out = tmp_path / "odd name;*.h5"
    args = ["run", FLAGSHIP, "-o", str(out), "-r", "1", "--record", "forecast", "--set", f"metadata.title={title}"]
    r = run_cli(*args)
    assert r.returncode == 0, r.stderr
    with h5py.File(out) as f:
        line = f.attrs["command_line"]
    assert "\n" not in line, line
    assert line.startswith(str(diplosim_bin) + " ")
    # The same words back, program aside, from the shell that reads the line.
    words = subprocess.run(["bash", "-c", "printf '%s\\0'" + line[len(str(diplosim_bin)):]], capture_output=True,
                           text=True, check=True).stdout
    assert words.split("\0")[:-1] == args


def test_existing_result_is_never_overwritten_without_force(run_cli, tmp_path):
    out = tmp_path / "keep.h5"
    out.write_bytes(b"precious")
    r = run_cli("run", FJ, "-o", out)
    assert r.returncode == 2
    assert "already exists; use --force" in r.stderr
    assert out.read_bytes() == b"precious"
    r = run_cli("run", FJ, "-o", out, "--force")
    assert r.returncode == 0, r.stderr
    assert h5py.is_hdf5(out)
    assert list(tmp_path.iterdir()) == [out]  # no temporary left behind


def test_an_input_is_never_replaced_even_with_force(run_cli, root, tmp_path):
    """`run s.yaml -o s.yaml --force` replaced the scenario with its own result."""
    import shutil
    for name in ("eu-emissions-1994.yaml", "eu-emissions-1994.csv"):
        shutil.copy(root / "scenarios" / "examples" / name, tmp_path / name)
    scenario, table = tmp_path / "eu-emissions-1994.yaml", tmp_path / "eu-emissions-1994.csv"
    before = {p: p.read_bytes() for p in (scenario, table)}
    for target in (scenario, table, tmp_path / "." / table.name):
        r = run_cli("run", scenario, "-o", target, "--force")
        assert r.returncode == 2, r.stderr
        assert f"output file '{target}' is an input this command reads" in r.stderr
        assert "--force replaces earlier results, never inputs" in r.stderr
    assert all(p.read_bytes() == text for p, text in before.items())
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in before)


def test_devices_and_pipes_are_never_replaced_even_with_force(run_cli, tmp_path):
    """The result lands by a rename: `-o /dev/null --force` as root replaced the
    device with a regular file. A copy of /dev/null's device node stands in."""
    import os
    import stat
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    link = tmp_path / "link-to-null"
    link.symlink_to("/dev/null")
    targets = [(pipe, "a named pipe"), (link, "a device")]
    if os.geteuid() == 0:  # making a device node needs root, as the bug did
        device = tmp_path / "null"
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        targets.append((device, "a device"))
    for target, kind in targets:
        r = run_cli("run", FJ, "-o", target, "--force")
        assert r.returncode == 2, r.stderr
        assert f"output path '{target}' is {kind}, which the result would replace" in r.stderr
    assert stat.S_ISFIFO(pipe.lstat().st_mode) and link.is_symlink()
    assert all(stat.S_ISCHR(t.stat().st_mode) for t, kind in targets if kind == "a device")
    r = run_cli("run", FJ, "-o", "-")
    assert r.returncode == 2 and "not a stream for standard output" in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(t.name for t, _ in targets)


def test_summary_folds_eum_rounds_without_moves(run_cli, tmp_path):
    # Two sides and a mediator: one confrontation settles it in round 1, and
    # rounds 2-10 change nothing, so they print as one line.
    scenario = tmp_path / "talks.yaml"
    scenario.write_text("""
calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions:
  control: {low: west, high: east, range: [-10, 10]}
  aid: {low: none, high: much}
actors:
  gna: {capability: {military: 0.4, economic: 0.5, diplomatic: 0.6}, position: {control: -8, aid: 0.6}}
  lna: {capability: {military: 0.6, economic: 0.3, diplomatic: 0.3}, position: {control: 8, aid: 0.5}}
  turkey: {capability: {military: 0.8, economic: 0.6, diplomatic: 0.6}, position: {control: -6, aid: 0.9}}
events:
  - {type: negotiation, name: geneva, date: 2020-01-10, participants: [gna, lna], mediators: [turkey],
     agenda: [control], protocol: eum}
""")
    r = run_cli("run", scenario, "-o", tmp_path / "t.h5", "-r", 2)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    start = lines.index("Expected-utility rounds: geneva, dimension control (replicate 0)")
    rounds = lines[start + 1:start + 6]
    assert rounds[0].startswith("  round 0 ") and rounds[1].startswith("  round 1 "), rounds
    assert "loses a confrontation to" in rounds[2], rounds
    assert rounds[3] == "  rounds 2-10  no moves; mean and median as in round 1", rounds
    assert not any(line.startswith("  round 5 ") for line in lines)


def test_summary_names_who_boycotted_the_eum_rounds(run_cli, tmp_path):
    # The rounds are bargained among those who came; a faction that stays away
    # (attend_bias -100: attendance probability e^-100) is named in the heading.
    scenario = tmp_path / "talks.yaml"
    scenario.write_text("""
calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions:
  control: {low: west, high: east}
actors:
  gna: {capability: {military: 0.4}, position: {control: 0.1}}
  lna: {capability: {military: 0.6}, position: {control: 0.9}}
  misrata: {capability: {military: 0.3}, position: {control: 0.2}, model: armed_opposition,
            parameters: {attend_bias: -100}}
  zintan: {capability: {military: 0.2}, position: {control: 0.7}, model: armed_opposition,
           parameters: {attend_bias: -100}}
events:
  - {type: negotiation, name: geneva, date: 2020-01-10, participants: [gna, lna, misrata, zintan],
     agenda: [control], protocol: eum}
""")
    r = run_cli("run", scenario, "-o", tmp_path / "t.h5", "-r", 2)
    assert r.returncode == 0, r.stderr
    assert ("Expected-utility rounds: geneva, dimension control (replicate 0; boycotted by misrata, zintan)"
            in r.stdout.splitlines()), r.stdout
    # The negotiations table names both, in every replicate (ties by id).
    assert r.stdout.splitlines()[r.stdout.splitlines().index("Negotiations (share of replicates)") + 2].endswith(
        "100.0 % (misrata 100.0 %, zintan 100.0 %)"), r.stdout
    # Without the actions table the run does not know who came, and says nothing of it.
    r = run_cli("run", scenario, "-o", tmp_path / "f.h5", "-r", 2, "--record", "forecast")
    assert r.returncode == 0, r.stderr
    assert "Expected-utility rounds: geneva, dimension control (replicate 0)" in r.stdout.splitlines(), r.stdout


def test_summary_traces_the_first_meeting_of_a_repeated_eum_negotiation(run_cli, tmp_path):
    # A repeating trigger holds the talks every week: 172 traces, 1,600 lines,
    # used to scroll the rest of the summary away. The first meeting is shown
    # and the others counted; the events table keeps them all.
    scenario = tmp_path / "weekly.yaml"
    scenario.write_text("""
calendar: {start: 2020-01-01, end: 2020-04-01, step: 7}
dimensions:
  control: {low: west, high: east}
  aid: {low: none, high: much}
actors:
  gna: {capability: {military: 0.4}, position: {control: 0.1, aid: 0.6}}
  lna: {capability: {military: 0.6}, position: {control: 0.9, aid: 0.5}}
  turkey: {capability: {military: 0.8}, position: {control: 0.2, aid: 0.9}}
relations: {pairs: [{between: [gna, lna], hostility: 0.5}]}
events:
  - type: trigger
    name: weekly
    date: 2020-01-15
    repeat: true
    when: {value: hostility.gna.lna, above: 0.0}
    then: [{type: negotiation, name: talks, participants: [gna, lna, turkey], agenda: [control, aid],
            protocol: eum}]
""")
    out = tmp_path / "w.h5"
    r = run_cli("run", scenario, "-o", out, "-r", 2)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert [line for line in lines if line.startswith("Expected-utility rounds:")] == [
        "Expected-utility rounds: talks, dimension control (replicate 0)",
        "Expected-utility rounds: talks, dimension aid (replicate 0)"]
    with h5py.File(out) as f:
        rows = f["events"]
        dates = {int(d) for d, t, rep in zip(rows["date"][()], rows["type"][()], rows["replicate"][()])
                 if rep == 0 and bytes(t).rstrip(b"\0") == b"eum-mean"}
    assert len(dates) > 2
    more = [line for line in lines if line.startswith("… talks met ")]
    assert len(more) == 1 and more[0].startswith(f"… talks met {len(dates) - 1} more times in replicate 0 (from "), more
    assert len(lines) < 60, r.stdout


def test_summary_tables_show_25_rows_and_count_the_rest(run_cli, tmp_path):
    # A script's scenario may hold hundreds of talks or triggers: each table shows
    # its first 25 rows, in file order, and says how many more there are.
    talks = "".join(f"  - {{type: negotiation, name: talks-{k:02d}, date: 2020-01-{k + 1:02d}, "
                    f"participants: [a, b], agenda: d}}\n" for k in range(30))
    triggers = "".join(f"  - {{type: trigger, name: rule-{k:02d}, date: 2020-01-02, when: {{value: hostility.a.b, "
                       f"above: 0.{k + 10}}}, then: [{{type: statement, actor: a, stance: {{d: 0.5}}}}]}}\n"
                       for k in range(26))
    scenario = tmp_path / "many.yaml"
    scenario.write_text("calendar: {start: 2020-01-01, end: 2020-03-01}\ndimensions: {d: {low: x, high: y}}\n"
                        "actors:\n  a: {capability: {military: 1}, position: {d: 0.2}}\n"
                        "  b: {capability: {military: 1}, position: {d: 0.6}}\n"
                        "relations: {pairs: [{between: [a, b], hostility: 0.3}]}\nevents:\n" + talks + triggers)
    r = run_cli("run", scenario, "-o", tmp_path / "m.h5", "-r", 2)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert [line.split()[0] for line in lines if line.startswith("  talks-")] == [f"talks-{k:02d}" for k in range(25)]
    assert "  … and 5 more negotiations (their rows are in the events table: diplosim.events(path) in Python)" in lines
    assert [line.split()[0] for line in lines if line.startswith("  rule-")] == [f"rule-{k:02d}" for k in range(25)]
    assert "  … and 1 more trigger (their rows are in the events table: diplosim.events(path) in Python)" in lines


def test_actors_decide_about_weekly_whatever_the_step(run_cli, tmp_path):
    # The default decision interval is the steps nearest a week: each step of a
    # weekly calendar, every second step of a 3-day one, every 7th of a daily one.
    def decision_dates(step, extra=""):
        scenario = tmp_path / f"s{step}{len(extra)}.yaml"
        scenario.write_text(f"""
calendar: {{start: 2020-01-01, end: 2020-04-01, step: {step}}}
dimensions: {{d: {{low: a, high: b}}}}
actors:
  gov: {{capability: {{military: 0.6}}, position: {{d: 0.2}}, model: incumbent_regime}}
  reb: {{capability: {{military: 0.4}}, position: {{d: 0.8}}, model: armed_opposition}}
relations: {{pairs: [{{between: [gov, reb], hostility: 0.5}}]}}
{extra}""")
        out = scenario.with_suffix(".h5")
        r = run_cli("run", scenario, "-o", out, "-r", 1)
        assert r.returncode == 0, r.stderr
        with h5py.File(out) as f:
            days = sorted(set(int(d) for d in f["actions"]["date"][:]))
        return np.diff(days), r.stderr
    for step, days_apart in ((1, 7), (3, 6), (7, 7), (30, 30)):
        gaps, _ = decision_dates(step)  # an actor that waits logs no action, so a gap may span two
        assert min(gaps) == days_apart and all(g % days_apart == 0 for g in gaps), (step, gaps)
        # validate says how often, in steps and days.
        every = "step" if step == days_apart else f"{days_apart // step} steps"
        summary = run_cli("validate", tmp_path / f"s{step}0.yaml").stdout.splitlines()
        assert f"  decisions:  2 of 2 actors have a model and decide every {every} ({days_apart} days)" in summary
    # A scenario's own interval still counts steps; written as the step's days, it gets a note.
    gaps, err = decision_dates(7, "mechanisms: {decisions: {interval: 7}}")
    assert min(gaps) == 49 and all(g % 49 == 0 for g in gaps), gaps
    assert "mechanisms.decisions.interval 7 counts steps, which with 7-day steps is one decision every 49 days" in err


def test_summary_names_five_boycotters_and_counts_the_rest(run_cli, tmp_path):
    factions = "".join(f"  f{k}: {{capability: {{military: 0.1}}, position: {{d: 0.{k}}}, model: armed_opposition, "
                       f"parameters: {{attend_bias: -100}}}}\n" for k in range(1, 9))
    scenario = tmp_path / "many.yaml"
    scenario.write_text("calendar: {start: 2020-01-01, end: 2020-02-01}\ndimensions: {d: {low: a, high: b}}\n"
                        "actors:\n  gov: {capability: {military: 1}, position: {d: 0.5}}\n" + factions +
                        "events:\n  - {type: negotiation, name: talks, date: 2020-01-10, participants: all, agenda: d}\n")
    r = run_cli("run", scenario, "-o", tmp_path / "many.h5", "-r", 3)
    assert r.returncode == 0, r.stderr
    row = next(l for l in r.stdout.splitlines() if l.startswith("  talks "))
    assert row.endswith("100.0 % (f1 100.0 %, f2 100.0 %, f3 100.0 %, f4 100.0 %, f5 100.0 % and 3 more)"), row


def test_free_text_with_line_breaks_keeps_the_summary_one_line_per_dimension(run_cli, tmp_path):
    scenario = tmp_path / "poles.yaml"
    scenario.write_text('calendar: {start: 2020-01-01, end: 2020-01-20}\n'
                        'dimensions:\n  d: {low: "war\\nand ruin", high: "peace\\tat last"}\n'
                        'actors:\n'
                        '  x: {capability: {military: 1}, position: {d: 0.3}, name: "two\\nlines"}\n'
                        '  y: {capability: {military: 1}, position: {d: 0.6}}\n')
    r = run_cli("run", scenario, "-o", tmp_path / "poles.h5", "-r", "2")
    assert r.returncode == 0, r.stderr
    rows = [line for line in r.stdout.splitlines() if line.startswith("  d ")]
    assert len(rows) == 1 and rows[0].endswith("war and ruin .. peace at last"), r.stdout
    with h5py.File(tmp_path / "poles.h5") as f:  # the stored labels keep their text
        assert f["dimension_low_pole"][0].decode() == "war\nand ruin"
        assert f["actor_name"][0].decode() == "two\nlines"


def test_summary_says_when_every_replicate_ends_at_the_same_forecast(run_cli, tmp_path):
    scenario = tmp_path / "calm.yaml"
    scenario.write_text('calendar: {start: 2020-01-01, end: 2020-03-01}\n'
                        'dimensions: {d: {low: war, high: peace}}\n'
                        'actors:\n'
                        '  x: {capability: {military: 1}, position: {d: 0.3}}\n'
                        '  y: {capability: {military: 1}, position: {d: 0.6}}\n')
    note = "(the same in all 5 replicates, to the last bit: chance did not move the forecast"
    calm = run_cli("run", scenario, "-o", tmp_path / "calm.h5", "-r", "5")
    assert calm.returncode == 0, calm.stderr
    assert note + "; mechanisms.influence.noise, the positions' daily shock, is 0)" in calm.stdout, calm.stdout
    with h5py.File(tmp_path / "calm.h5") as f:  # what the note claims, read back
        forecast = f["forecast"][:, -1, :]
    assert (forecast == forecast[0]).all()
    # With a daily shock the replicates part, and the note is not printed.
    noisy = run_cli("run", scenario, "-o", tmp_path / "noisy.h5", "-r", "5", "--set", "mechanisms.influence.noise=0.01")
    assert noisy.returncode == 0, noisy.stderr
    assert "to the last bit" not in noisy.stdout, noisy.stdout
    with h5py.File(tmp_path / "noisy.h5") as f:
        assert len(set(f["forecast"][:, -1, 0])) == 5
    two = run_cli("run", scenario, "-o", tmp_path / "two.h5", "-r", "2")
    assert two.returncode == 0 and "(the same in both replicates, to the last bit" in two.stdout, two.stdout
    # One replicate has nothing to compare with.
    one = run_cli("run", scenario, "-o", tmp_path / "one.h5", "-r", "1")
    assert one.returncode == 0 and "to the last bit" not in one.stdout, one.stdout


def test_summary_shows_ten_eum_moves_a_round_and_counts_the_rest(run_cli, tmp_path):
    """150 actors made 340 summary lines of moves; the events table keeps them all."""
    import random
    rng = random.Random(1)
    actors = [f"a{i}" for i in range(60)]
    lines = ["calendar: {start: 2020-01-01, end: 2020-01-10}", "dimensions: {d: {low: a, high: b}, e: {low: c, high: f}}",
             "actors:"]
    lines += [f"  {a}: {{capability: {{military: {rng.random():.3f}}}, "
              f"position: {{d: {rng.random():.3f}, e: {rng.random():.3f}}}}}" for a in actors]
    lines += ["events:", f"  - {{type: negotiation, name: talks, date: 2020-01-02, participants: [{', '.join(actors)}], "
                         "agenda: [d], protocol: eum}"]
    scenario = tmp_path / "crowd.yaml"
    scenario.write_text("\n".join(lines) + "\n")
    out = tmp_path / "crowd.h5"
    r = run_cli("run", scenario, "-o", out, "-r", 1, "--record", "forecast,events")
    assert r.returncode == 0, r.stderr
    import re
    blocks = re.split(r"\n  round (\d+) ", r.stdout)
    shown = {int(blocks[k]): blocks[k + 1] for k in range(1, len(blocks) - 1, 2)}
    import xarray as xr
    ev = xr.load_dataset(out, engine="h5netcdf", group="events").to_dataframe()
    moves = {}
    for o in ev[ev.type == "eum-move"].outcome:
        n = int(o.rsplit(" ", 1)[1])  # "confrontation in round N"
        moves[n] = moves.get(n, 0) + 1
    assert max(moves.values()) > 10  # the case this is about
    for n, count in moves.items():
        listed = shown[n].count(" loses a confrontation to ") + shown[n].count(" compromises with ") + \
            shown[n].count(" capitulates to ")
        assert listed == min(count, 10), (n, count, shown[n])
        assert (f"… and {count - 10} more moves (the events table has them all" in shown[n]) == (count > 10)


def test_a_scenario_seed_takes_the_range_of_seed_and_of_point_seeds(run_cli, tmp_path):
    """Point seeds fill 64 bits; run.seed stopped at 2^63 - 1, so a point with a
    larger seed could be rerun with --seed but not from a scenario."""
    top = 2**64 - 1
    a, b, c = tmp_path / "a.h5", tmp_path / "b.h5", tmp_path / "c.h5"
    common = ["-r", 2, "--record", "position,forecast"]
    assert run_cli("run", FLAGSHIP, "-o", a, *common, "--seed", top).returncode == 0
    r = run_cli("run", FLAGSHIP, "-o", b, *common, "--set", f"run.seed={top}")
    assert r.returncode == 0, r.stderr
    assert run_cli("run", FLAGSHIP, "-o", c, *common, "--seed", 1).returncode == 0
    x, y, z = read_arrays(a), read_arrays(b), read_arrays(c)
    assert all(np.array_equal(x[k], y[k]) for k in x)
    assert not np.array_equal(x["position"], z["position"])  # the seed is in use
    with h5py.File(b) as f:
        assert int(f.attrs["seed"]) == top
    r = run_cli("run", FLAGSHIP, "-o", tmp_path / "d.h5", "--set", f"run.seed={top + 1}")
    assert r.returncode == 2 and "run.seed must be a whole number from 0 to 18446744073709551615" in r.stderr


def test_info_prints_the_scenario_as_written_and_as_run(run_cli, tmp_path):
    out = tmp_path / "variant.h5"
    variant = "scenarios/variants/iran-withdraws-militias.yaml"
    assert run_cli("run", variant, "-o", out, "-r", 2, "--record", "forecast").returncode == 0
    written = run_cli("info", out, "--scenario").stdout
    assert "extend: ../syria-2016-17.yaml" in written and "name: moscow-declaration" not in written
    resolved = run_cli("info", out, "--resolved").stdout
    assert "extend:" not in resolved and "name: moscow-declaration" in resolved  # the base's events, in place
    ansari = resolved[resolved.index("name: ansari-rejects-withdrawal"):]
    ansari = ansari[:ansari.index("\n  - type:")]
    assert "enabled: false" in ansari  # the variant's override, applied
    # Each is the stored text alone (the summary used to come first), so the
    # resolved one saved to a file runs again, to the same bits.
    with h5py.File(out) as f:
        assert written == f.attrs["scenario"] and resolved == f.attrs["scenario_resolved"]
    again = tmp_path / "again.yaml"
    again.write_text(resolved)
    assert run_cli("run", again, "-o", tmp_path / "again.h5", "-r", 2, "--record", "forecast").returncode == 0
    with h5py.File(out) as first, h5py.File(tmp_path / "again.h5") as second:
        assert np.array_equal(first["forecast"][()], second["forecast"][()])
    both = run_cli("info", out, "--scenario", "--resolved").stdout
    assert both == written + "\n" + resolved


def test_summary_tells_collapsed_and_never_in_force_ceasefires_from_holding_ones(run_cli, tmp_path):
    # A ceasefire a trigger never declared used to print as "0.0 %" still holding,
    # as if it had broken down. The shares printed are checked against the file,
    # and so are the triggers': how often each fired, and the median day it first did.
    scenario = tmp_path / "truces.yaml"
    scenario.write_text("""calendar: {start: 2020-01-01, end: 2020-04-01}
dimensions: {d: {low: a, high: b}}
actors:
  x: {capability: {military: 1}, position: {d: 0.2}}
  y: {capability: {military: 1}, position: {d: 0.8}}
relations:
  pairs: [{between: [x, y], hostility: 0.8}]
mechanisms:
  conflict: {violation_rate: 0.5, collapse_after: 2}
events:
  - {type: ceasefire, date: 2020-01-02, name: fragile, parties: [x, y]}
  - {type: trigger, date: 2020-01-02, name: never, when: {value: hostility.x.y, above: 50},
     then: [{type: ceasefire, name: unborn, parties: [x, y]}]}
  - {type: trigger, date: 2020-01-02, name: broken, when: {collapsed: fragile},
     then: [{type: statement, actor: x, stance: {d: 0.1}}]}
run: {replicates: 40, seed: 5}
""")
    out = tmp_path / "truces.h5"
    r = run_cli("run", scenario, "-o", out)
    assert r.returncode == 0, r.stderr
    with h5py.File(out, "r") as f:
        names = [n.decode() if isinstance(n, bytes) else str(n) for n in f["ceasefire"][:]]
        final = f["ceasefire_state"][:, -1, :]  # replicate × ceasefire, at the last time point
    lines = r.stdout.splitlines()
    header = lines.index("Ceasefires at 2020-04-01 (share of replicates)")
    assert lines[header + 1].split() == ["holding", "collapsed", "never", "in", "force"]
    for k, name in enumerate(names):
        row = next(l for l in lines[header + 2:] if l.split()[0] == name).replace("%", "").split()
        expected = [100 * np.mean(final[:, k] == status) for status in (1, 2, 0)]
        assert [float(v) for v in row[1:]] == pytest.approx(expected, abs=0.05), (name, row)
    unborn = names.index("unborn")
    assert (final[:, unborn] == 0).all()
    assert (final[:, names.index("fragile")] == 2).any()  # the collapsed column is exercised
    with xr.open_dataset(out, engine="h5netcdf", group="events") as ev:
        fired = ev.to_dataframe().query("type == 'trigger' and outcome == 'fired'")
    header = lines.index("Triggers (share of replicates)")
    assert lines[header + 1].split() == ["fired", "first", "fired", "(median", "date)"]
    rows = {l.split()[0]: l.replace("%", "").split()[1:] for l in lines[header + 2:header + 4]}
    first = fired[fired.name == "broken"].groupby("replicate").date.min().sort_values()
    assert len(first) > 0 and first.nunique() > 5, first  # fires on various days
    # The lower median of the first days: a day that occurred.
    expected = pd.Timestamp(first.iloc[(len(first) - 1) // 2]).strftime("%Y-%m-%d")
    assert rows["broken"] == [f"{100 * len(first) / 40:.1f}", expected], rows
    assert rows["never"] == ["0.0", "never"] and fired[fired.name == "never"].empty


def test_summary_counts_each_negotiation_once_a_replicate_and_says_when_it_was_not_held(run_cli, tmp_path):
    # A negotiation a repeating trigger holds used to count every meeting: "1565.0 %".
    scenario = tmp_path / "talks.yaml"
    scenario.write_text("""calendar: {start: 2020-01-01, end: 2020-04-01}
dimensions: {d: {low: a, high: b}}
actors:
  x: {capability: {military: 1}, position: {d: 0.2}}
  y: {capability: {military: 1}, position: {d: 0.8}}
  z: {capability: {military: 1}, position: {d: 0.5}, model: armed_opposition, parameters: {attend_bias: 0.5}}
events:
  - {type: trigger, date: 2020-01-02, name: apart, when: {divergence: [x, y], above: 0.05}, repeat: true,
     then: [{type: negotiation, name: rounds, participants: [x, y, z], agenda: [d]}]}
  - {type: trigger, date: 2020-01-02, name: never, when: {divergence: [x, y], above: 0.99},
     then: [{type: negotiation, name: unheld, participants: [x, y], agenda: [d]}]}
run: {replicates: 30, seed: 3}
""")
    out = tmp_path / "talks.h5"
    r = run_cli("run", scenario, "-o", out)
    assert r.returncode == 0, r.stderr
    with xr.open_dataset(out, engine="h5netcdf", group="events") as ev:
        table = ev.to_dataframe()
    with xr.open_dataset(out, engine="h5netcdf", group="actions") as ac:
        boycotts = ac.to_dataframe().query("action == 'boycott'")
    talks = table[table.type == "negotiation"]
    lines = r.stdout.splitlines()
    header = lines.index("Negotiations (share of replicates)")
    assert lines[header + 1].split() == ["agreement", "no", "agreement", "not", "held", "boycotted"]
    assert (talks[talks.name == "rounds"].groupby("replicate").size() > 1).any()  # it does meet repeatedly
    for name in ("rounds", "unheld"):
        mine = talks[talks.name == name]
        held = mine.replicate.nunique() / 30
        agreed = mine[mine.outcome == "agreement"].replicate.nunique() / 30
        # z stays away from some meetings: the replicates in which it did at least once.
        away = boycotts[boycotts.target == name].replicate.nunique() / 30
        row = next(l for l in lines[header + 2:] if l.split()[0] == name).replace("%", "").split()
        assert [float(v) for v in row[1:5]] == pytest.approx(
            [100 * agreed, 100 * (held - agreed), 100 * (1 - held), 100 * away], abs=0.05), (name, row)
        assert row[5:] == ([] if away == 0 else ["(z", f"{100 * away:.1f}", ")"]), row
    assert not boycotts[boycotts.target == "rounds"].empty  # the column is exercised
    assert "unheld" in r.stdout and talks[talks.name == "unheld"].empty
    # Without the actions table the run cannot know who stayed away, and has no such column.
    r = run_cli("run", scenario, "-o", tmp_path / "f.h5", "--record", "forecast,events")
    lines = r.stdout.splitlines()
    assert lines[lines.index("Negotiations (share of replicates)") + 1].split() == ["agreement", "no", "agreement",
                                                                                   "not", "held"]


def test_support_is_a_state_path_for_shocks_and_triggers(run_cli, tmp_path):
    # Deployments move support, but shocks and triggers could not name it.
    scenario = tmp_path / "airlift.yaml"
    scenario.write_text("""calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions: {d: {low: a, high: b}}
actors:
  x: {capability: {military: 1}, position: {d: 0.2}}
  y: {capability: {military: 1}, position: {d: 0.8}}
mechanisms:
  conflict: {support_relaxation: 0.1}
events:
  - {type: deployment, date: 2020-01-05, actor: x, to: y, support: 0.2}
  - {type: shock, date: 2020-01-10, name: airlift, set: {support.x.y: 0.6}}
  - {type: trigger, date: 2020-01-02, name: surge, when: {value: support.x.y, above: 0.5},
     then: [{type: shock, name: thanks, add: {affinity.y.x: 0.3}}]}
run: {replicates: 2, seed: 1}
""")
    out = tmp_path / "airlift.h5"
    r = run_cli("run", scenario, "-o", out, "--quiet")
    assert r.returncode == 0, r.stderr
    ds = xr.open_dataset(out, engine="h5netcdf")
    sup = ds["support"].sel(replicate=0, actor="x", actor_j="y").to_series()
    assert (sup[:"2020-01-09"] <= 0.2 + 1e-12).all() and sup["2020-01-06":"2020-01-09"].min() > 0.19
    # Time point d holds the state after day d − 1: the shock's day ends 2020-01-11, having
    # relaxed once toward the deployment's level, 0.6 − 0.1 (0.6 − 0.2); then 0.2 + 0.36 · 0.9^n.
    after = sup["2020-01-11":]
    assert sup.idxmax() == pd.Timestamp("2020-01-11")
    assert after.values == pytest.approx(0.2 + 0.36 * 0.9 ** np.arange(len(after)), abs=1e-12)
    assert (ds["support"].sel(actor="y", actor_j="x") == 0).all()  # one-way: not mirrored
    with h5py.File(out, "r") as f:
        kinds = [b"".join(row).decode() for row in f["events/type"][:]]
        names = [b"".join(row).decode() for row in f["events/name"][:]]
        dates = f["events/date"][:]
        reps = f["events/replicate"][:]
    fired = [d for k, n, d, rep in zip(kinds, names, dates, reps) if k == "trigger" and n == "surge" and rep == 0]
    assert fired == [9]  # days since 2020-01-01: the shock's day, once
    aff = ds["affinity"].sel(replicate=0, actor="y", actor_j="x").to_series()
    assert aff["2020-01-11"] - aff["2020-01-10"] > 0.25
    # Out of range and malformed, as for the other fields.
    bad = scenario.read_text().replace("support.x.y: 0.6", "support.x.y: -1")
    scenario.write_text(bad)
    r = run_cli("validate", scenario)
    assert r.returncode == 2 and "support.x.y" in r.stderr, r.stderr


def test_a_long_run_logs_its_progress_when_stderr_is_not_a_terminal(run_cli, tmp_path):
    """A Slurm job's log (no terminal) gets a plain line per interval; a short run's stays clean."""
    import os
    env = dict(os.environ, DIPLOSIM_PROGRESS_INTERVAL="0.2")
    r = run_cli("run", FLAGSHIP, "-o", tmp_path / "a.h5", "-r", 3000, "--record", "forecast", "-t", 1, env=env)
    assert r.returncode == 0, r.stderr
    lines = [line for line in r.stderr.splitlines() if line.startswith("progress: ")]
    assert len(lines) >= 2 and "\r" not in r.stderr, r.stderr
    done = [int(line.split()[1].split("/")[0]) for line in lines]
    assert done == sorted(done) and 0 < done[0] and done[-1] < 3000
    assert all(line.split()[1].endswith("/3000") and " replicates (" in line and "s to go" in line for line in lines)
    quiet = run_cli("run", FLAGSHIP, "-o", tmp_path / "q.h5", "-r", 3000, "--record", "forecast", "-t", 1, "-q",
                    env=env)
    assert quiet.returncode == 0 and quiet.stderr == "", quiet.stderr
    short = run_cli("run", FLAGSHIP, "-o", tmp_path / "s.h5", "-r", 50)  # the default interval is a minute
    assert short.returncode == 0 and "progress" not in short.stderr, short.stderr
