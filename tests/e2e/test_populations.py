"""Agent populations end to end: scenarios with generated and edge-list networks
run from the CLI, record population summaries, and stay bit-identical across
thread counts."""
import csv
import pathlib
import re
import subprocess

import h5py
import numpy as np
import pytest
import xarray as xr

COMMUNITIES = "scenarios/variants/with-communities.yaml"
TOWNS = "scenarios/examples/two-towns.yaml"


def test_validate_lists_populations(run_cli):
    r = run_cli("validate", COMMUNITIES)
    assert r.returncode == 0, r.stderr
    assert "population: ghouta_communities, 10000 agents behind jaysh_al_islam (model small_world" in r.stdout
    assert "200000 links, sparse" in r.stdout
    r = run_cli("validate", TOWNS)
    assert "population: residents, 12 agents behind council (edges from two-towns-edges.csv; 62 links, dense)" in r.stdout


def test_edge_list_from_a_spreadsheet_counts_only_real_links(run_cli, root, tmp_path):
    # Saved by a spreadsheet: byte-order mark, CRLF line ends; ten of the twelve agents have no link.
    (tmp_path / "two-towns-edges.csv").write_bytes(b"\xef\xbb\xbffrom,to,weight\r\n0,1,1\r\n1,2,0.5\r\n")
    scenario = tmp_path / "towns.yaml"
    scenario.write_text((root / TOWNS).read_text())
    r = run_cli("validate", scenario)
    assert r.returncode == 0, r.stderr
    assert "(edges from two-towns-edges.csv; 2 links, sparse)" in r.stdout


def test_large_populations_record_summaries_and_are_thread_independent(run_cli, tmp_path):
    one, two = tmp_path / "t1.h5", tmp_path / "t2.h5"
    for out, threads in ((one, 1), (two, 2)):
        r = run_cli("run", COMMUNITIES, "-o", out, "-r", 3, "-t", threads, "--record", "forecast,population_mean,population_std")
        assert r.returncode == 0, r.stderr
    with xr.open_dataset(one, engine="h5netcdf") as ds:
        ds.load()
    assert ds["population_mean"].dims == ("replicate", "time", "population", "dimension")
    assert list(ds["population"].values) == ["ghouta_communities", "government_constituency"]
    assert list(ds["population_actor"].values) == ["jaysh_al_islam", "assad"]
    assert list(ds["population_size"].values) == [10000, 20000]
    mean = ds["population_mean"]
    assert ((mean >= 0) & (mean <= 1)).all()
    assert (ds["population_std"] >= 0).all()
    with h5py.File(one) as f, h5py.File(two) as g:
        for name in ("population_mean", "population_std", "forecast"):
            assert np.array_equal(f[name][...], g[name][...]), name


def test_building_a_large_network_is_announced_unless_quiet(run_cli, root, tmp_path):
    # Half a million agents and more take seconds to build: the wait is named.
    # The flagship's small populations (10,000 and 20,000 agents) say nothing.
    big = tmp_path / "big.yaml"
    big.write_text(f"extend: {root / COMMUNITIES}\n"
                   "overrides: {populations.ghouta_communities.size: 500000, "
                   "populations.ghouta_communities.network: {model: small_world, degree: 2, rewire: 0.1, seed: 1}}\n")
    r = run_cli("validate", big)
    assert r.returncode == 0, r.stderr
    assert ("note: building the network of population 'ghouta_communities' (500000 agents; model small_world, "
            "degree 2, rewire 0.1, seed 1)…") in r.stderr, r.stderr
    assert "government_constituency' (" not in r.stderr
    # Quiet, the load says nothing (the run is then refused for its size, which is quicker than running it).
    r = run_cli("run", big, "-o", tmp_path / "b.h5", "-r", 1, "-q", "--max-output", "1K")
    assert r.returncode == 2 and "the output would hold about" in r.stderr, r.stderr
    assert "building the network" not in r.stderr
    r = run_cli("validate", COMMUNITIES)
    assert r.returncode == 0 and "building the network" not in r.stderr, r.stderr


def test_residents_drift_toward_their_council_and_converge(run_cli, tmp_path):
    out = tmp_path / "towns.h5"
    assert run_cli("run", TOWNS, "-o", out).returncode == 0
    with xr.open_dataset(out, engine="h5netcdf") as ds:
        mean = ds["population_mean"].sel(population="residents", dimension="reform").values[0]
        sd = ds["population_std"].sel(population="residents", dimension="reform").values[0]
    council = 0.8
    # The council holds still; residents average each other and listen a little to it.
    assert abs(mean[-1] - council) < abs(mean[0] - council)
    assert sd[-1] < 0.5 * sd[0]
    # Friedkin–Johnsen converges: the last month barely moves.
    assert abs(mean[-1] - mean[-30]) < 1e-6


def test_feedback_moves_the_actor_toward_its_population(run_cli, tmp_path):
    base, pulled = tmp_path / "base.h5", tmp_path / "pulled.h5"
    assert run_cli("run", TOWNS, "-o", base, "--record", "position").returncode == 0
    r = run_cli("run", TOWNS, "-o", pulled, "--record", "position", "--set", "populations.residents.feedback=0.05")
    assert r.returncode == 0, r.stderr
    with h5py.File(base) as f, h5py.File(pulled) as g:
        still = f["position"][0, -1, 0, 0]
        moved = g["position"][0, -1, 0, 0]
    assert still == 0.8  # susceptibility 0: nothing else moves the council
    assert moved < 0.8   # its residents (mean below 0.8) pull it down


def test_sweep_summarises_population_outcomes_as_run_records_them(run_cli, root, tmp_path):
    # A sweep over the council's pull, scoring the residents' mean and spread; a
    # point re-run with `run` (its seed and parameter values) records the same numbers.
    sweep = tmp_path / "towns-sweep.yaml"
    sweep.write_text(f"""
scenario: {root / TOWNS}
parameters:
  populations.residents.actor_pull: {{uniform: [0.0, 0.5]}}
  populations.residents.feedback: {{uniform: [0.0, 0.1]}}
sampler: {{method: lhs, points: 6}}
replicates: 2
outcomes:
  residents_mean: {{population_mean: [residents, reform]}}
  residents_spread: {{population_std: [residents, reform], at: 2020-02-01}}
""")
    out = tmp_path / "towns.h5"
    r = run_cli("sweep", sweep, "-o", out, "-q")
    assert r.returncode == 0, r.stderr
    with h5py.File(out) as f:
        names = [o.decode() if isinstance(o, bytes) else o for o in f["outcome"][:]]
        assert names == ["residents_mean", "residents_spread"]
        params = [p.decode() if isinstance(p, bytes) else p for p in f["parameter"][:]]
        summary, design, seeds = f["summary"][...], f["design"][...], f["point_seed"][...]
    means = summary[:, 0, 0]
    assert np.all((means >= 0) & (means <= 1)) and np.ptp(means) > 0  # the pull moves the residents
    for point in (0, 3):
        sets = []
        for p, v in zip(params, design[point]):
            sets += ["--set", "%s=%.17g" % (p, v)]
        run = tmp_path / f"point{point}.h5"
        r = run_cli("run", TOWNS, "-o", run, "-r", 2, "--seed", int(seeds[point]),
                    "--record", "population_mean,population_std", *sets)
        assert r.returncode == 0, r.stderr
        with xr.open_dataset(run, engine="h5netcdf") as ds:
            end_mean = ds["population_mean"].isel(time=-1, population=0, dimension=0).values
            feb_spread = ds["population_std"].sel(time="2020-02-01").isel(population=0, dimension=0).values
        assert summary[point, 0, 0] == pytest.approx(end_mean.mean(), abs=1e-12)
        assert summary[point, 1, 0] == pytest.approx(feb_spread.mean(), abs=1e-12)


def test_population_outcome_errors_name_the_place(run_cli, root, tmp_path):
    sweep = tmp_path / "bad.yaml"
    sweep.write_text(f"""scenario: {root / TOWNS}
parameters:
  populations.residents.feedback: {{uniform: [0.0, 0.1]}}
sampler: {{method: lhs, points: 2}}
outcomes:
  m: {{population_mean: [resident, reform]}}
""")
    r = run_cli("sweep", sweep, "-o", tmp_path / "x.h5")
    assert r.returncode == 2
    assert ("bad.yaml:6:25: error: unknown population 'resident' in outcome 'm'; expected the name of one of the "
            "scenario's populations (did you mean 'residents'?)") in r.stderr


def test_network_files_of_other_tools_run_as_the_csv_does(run_cli, root, tmp_path):
    # The two towns' links written as SNAP, NetworkX, Gephi and Matrix Market
    # would write them: every run records what the CSV run records, bit for bit.
    rows = list(csv.DictReader((root / "scenarios/examples/two-towns-edges.csv").open()))
    links = [(int(r["from"]), int(r["to"]), r["weight"]) for r in rows]
    assert all((b, a, w) in links for a, b, w in links)  # the CSV lists every link both ways
    once = [(a, b, w) for a, b, w in links if a < b]
    names = ["Douma", "Harasta", "Arbin", "Zamalka", "Kafr Batna", "Saqba",
             "Jobar", "Hamouria", "Ein Tarma", "Misraba", "Madyara", "Beit Sawa"]
    first_seen = list(dict.fromkeys(agent for a, b, _ in links for agent in (a, b)))
    assert first_seen == list(range(12))  # so names numbered by first appearance keep the CSV's numbers
    variants = {
        "snap": ("towns.txt", "# Undirected graph: two towns\n# FromNodeId\tToNodeId\tWeight\n"
                 + "".join(f"{a}\t{b}\t{w}\n" for a, b, w in links), "{edges: towns.txt}"),
        "undirected": ("once.txt", "".join(f"{a} {b} {w}\n" for a, b, w in once), "{edges: once.txt, directed: false}"),
        "gephi": ("gephi.csv", "Source,Target,Type,Id,Label,Weight\n"
                  + "".join(f'"{names[a]}","{names[b]}",Directed,{k},,{w}\n' for k, (a, b, w) in enumerate(links)),
                  "{edges: gephi.csv, ids: labels}"),
        "matrix market": ("towns.mtx", f"%%MatrixMarket matrix coordinate real symmetric\n% two towns\n12 12 {len(once)}\n"
                          + "".join(f"{b + 1} {a + 1} {w}\n" for a, b, w in once), "{edges: towns.mtx}"),
    }
    text = (root / TOWNS).read_text()
    assert "    size: 12\n    network: {edges: two-towns-edges.csv}\n" in text
    reference = tmp_path / "csv.h5"
    record = ["--record", "position,population_mean,population_std", "-r", 2]
    assert run_cli("run", TOWNS, "-o", reference, *record).returncode == 0
    for label, (name, content, network) in variants.items():
        (tmp_path / name).write_text(content)
        scenario = tmp_path / f"{name}.yaml"
        scenario.write_text(text.replace("    size: 12\n    network: {edges: two-towns-edges.csv}\n",
                                         f"    network: {network}\n"))  # the size comes from the file
        r = run_cli("validate", scenario)
        assert r.returncode == 0, (label, r.stderr)
        assert "residents, 12 agents behind council" in r.stdout, (label, r.stdout)
        assert "62 links" in r.stdout, (label, r.stdout)
        out = tmp_path / f"{name}.h5"
        r = run_cli("run", scenario, "-o", out, *record)
        assert r.returncode == 0, (label, r.stderr)
        with h5py.File(reference) as f, h5py.File(out) as g:
            for var in ("position", "population_mean", "population_std"):
                assert np.array_equal(f[var][...], g[var][...]), (label, var)


FOREIGN_NETWORKS = {
    # name: (file text, agents, links once converted)
    "karate.net": ('*Vertices 3\n1 "a"\n2 "b"\n3 "c"\n*Edges\n1 2\n2 3\n', 3, 2),
    "g.graphml": ('<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
                  '<graph edgedefault="directed"><node id="n0"/><node id="n1"/><node id="n2"/>\n'
                  '<edge source="n0" target="n1"/><edge source="n2" target="n1"/></graph></graphml>\n', 3, 2),
    "g.gml": ("graph [\n  directed 1\n  node [ id 0 ]\n  node [ id 1 ]\n  edge [ source 0 target 1 ]\n]\n", 2, 1),
    "g.json": ('{"directed": true, "multigraph": false, "graph": {}, "nodes": [{"id": 0}, {"id": 1}], '
               '"links": [{"source": 0, "target": 1}]}\n', 2, 1),
    "adjacency.csv": (",a,b,c\na,0,1,0\nb,0,0,1\nc,0,0,0\n", 3, 2),
}


@pytest.mark.parametrize("name", sorted(FOREIGN_NETWORKS))
def test_a_network_in_another_format_gets_a_conversion_that_works(run_cli, tmp_path, name):
    """The error names the format and a NetworkX command; the command, run as
    printed, writes an edge list that loads with the links of the original."""
    text, agents, links = FOREIGN_NETWORKS[name]
    (tmp_path / name).write_text(text)
    scenario = tmp_path / "s.yaml"
    template = ("calendar: {{start: 2020-01-01, end: 2020-02-01}}\ndimensions: {{d: {{low: a, high: b}}}}\n"
                "actors:\n  x: {{capability: {{military: 1}}, position: {{d: 0.5}}}}\n"
                "populations:\n  p: {{actor: x, network: {{edges: {edges}, ids: labels}}}}\n")
    scenario.write_text(template.format(edges=name))
    r = run_cli("validate", scenario)
    assert r.returncode == 2, r.stdout
    command = re.search(r'python3 -c "(.*)", and read that', r.stderr)
    assert command, r.stderr
    done = subprocess.run(["/usr/bin/python3", "-c", command.group(1)], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    converted = pathlib.Path(re.search(r"'([^']*-edges\.csv)'", command.group(1)).group(1))
    scenario.write_text(template.format(edges=converted.name))
    r = run_cli("validate", scenario)
    assert r.returncode == 0, r.stderr
    assert f"{agents} agents behind x (edges from {converted.name}, agents by name; {links} link" in r.stdout
