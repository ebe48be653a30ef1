"""The political model end to end: stylized facts of the seed on the flagship,
the eum protocol against an independent implementation, and the variants."""
import re

import h5py
import numpy as np
import pandas as pd
import pytest
import xarray as xr

import eum_reference as E
import stylized_facts as sf

FLAGSHIP = "scenarios/syria-2016-17.yaml"
REPLICATES = 500
RECORD = "position,salience,affinity,dependency,hostility,capability"


@pytest.fixture(scope="module")
def flagship_runs(run_cli, tmp_path_factory):
    d = tmp_path_factory.mktemp("facts")
    out = {}
    for name, path in {"base": FLAGSHIP, "break": "scenarios/variants/russia-breaks-with-iran.yaml"}.items():
        r = run_cli("run", path, "-o", d / f"{name}.h5", "-r", REPLICATES, "--threads", 2, "--record", RECORD)
        assert r.returncode == 0, r.stderr
        out[name] = xr.load_dataset(d / f"{name}.h5", engine="h5netcdf")
        out[name + "_stdout"] = r.stdout
    return out


def test_stylized_facts_of_the_seed(flagship_runs, capsys):
    base, variant = flagship_runs["base"], flagship_runs["break"]
    assert base.sizes["replicate"] >= 500
    shares = {
        "a: Russia–Iran divergence (militias, scope) ends above its 2016-12-20 level": sf.fact_a_divergence_grows(base),
        "b: Russia–Iran affinity positive at the end (both ways)": sf.fact_b_alliance_holds(base),
        "c: Jaysh al-Islam's affinity to Russia higher after Astana": sf.fact_c_jaysh_warms_to_russia(base),
    }
    covered, jihadists = sf.fact_d_ceasefire_cools_covered_not_jihadists(base)
    shares["d1: government–factions hostility lower in the two weeks after 2016-12-30"] = covered
    shares["d2: government–IS/JFS hostility not lower in those weeks"] = jihadists
    shares["e: Assad's dependency on or affinity to Iran up after the 2017-01-18 deals"] = sf.fact_e_deals_bind_iran_and_assad(base)
    shares["f: government military capability lower when Russia breaks with Iran"] = sf.fact_f_break_weakens_government(base, variant)
    with capsys.disabled():
        print(f"\nStylized facts over {base.sizes['replicate']} replicates:")
        for k, v in shares.items():
            print(f"  {v:6.1%}  {k}")
    thresholds = {"a": 0.80, "b": 0.90, "c": 0.75, "d1": 0.90, "d2": 0.90, "e": 0.90, "f": 0.80}
    for k, v in shares.items():
        assert v >= thresholds[k.split(":")[0]], f"{k}: {v:.1%}"


def test_summary_reports_agreement_and_ceasefire_shares(flagship_runs):
    out = flagship_runs["base_stdout"]
    assert re.search(r"astana-talks\s+\d+\.\d %", out)
    assert re.search(r"geneva-talks\s+\d+\.\d %", out)
    assert re.search(r"nationwide-ceasefire\s+\d+\.\d %", out)


def eum_rows(path):
    ev = xr.load_dataset(path, engine="h5netcdf", group="events").to_dataframe()
    ev = ev[ev.replicate == 0]
    means = ev[ev.type == "eum-mean"].value.tolist()
    medians = ev[ev.type == "eum-median"].value.tolist()
    moves = [(r.actors.split(",")[0], r.outcome.split(" ")[0], r.actors.split(",")[1], r.value,
              int(r.outcome.split(" ")[-1])) for r in ev[ev.type == "eum-move"].itertuples()]
    return means, medians, moves


def test_eu_example_reproduces_published_figures_and_reference(run_cli, tmp_path):
    out = tmp_path / "eu.h5"
    r = run_cli("run", "scenarios/examples/eu-emissions-1994.yaml", "-o", out)
    assert r.returncode == 0, r.stderr
    means, medians, moves = eum_rows(out)
    # Published figures (Scholz et al.'s code), rounds 0–3, to 1e-4.
    np.testing.assert_allclose(means[:4], [7.389956, 7.461314, 7.552501, 7.590145], atol=1e-4)
    np.testing.assert_allclose(medians[:2], [7.0, 8.4159], atol=1e-4)
    round1 = [(a, k, b, round(v, 4)) for a, k, b, v, t in moves if t == 1]
    assert round1 == [("Belgium", "compromise", "France", 8.4159), ("Luxembourg", "confrontation", "Belgium", 7.0),
                      ("Ireland", "confrontation", "Luxembourg", 4.0)]
    movers = {a for a, _, _, _, t in moves if t <= 3}
    assert movers == {"Belgium", "Luxembourg", "Ireland"}  # everyone else holds still
    # All ten rounds against the independent implementation.
    names = list(E.EU)
    c, x, s = ([E.EU[n][k] for n in names] for k in range(3))
    ref = E.run(c, x, s, rounds=10)
    np.testing.assert_allclose(means, [t["mean"] for t in ref], atol=1e-9)
    np.testing.assert_allclose(medians, [t["median"] for t in ref], atol=1e-9)
    ref_moves = [(names[i], k, names[j], to, t["round"]) for t in ref for i, k, j, to in t["moves"]]
    assert [(a, k, b, t) for a, k, b, _, t in moves] == [(a, k, b, t) for a, k, b, _, t in ref_moves]
    np.testing.assert_allclose([m[3] for m in moves], [m[3] for m in ref_moves], atol=1e-9)
    # The CLI prints each round's mean and median and the moves.
    assert re.search(r"round 1\s+mean\s+7\.461314\s+median\s+8\.4159", r.stdout)
    assert "Belgium compromises with France (-> 8.4159)" in r.stdout
    assert "Luxembourg loses a confrontation to Belgium (-> 7.0000)" in r.stdout
    assert "Ireland loses a confrontation to Luxembourg (-> 4.0000)" in r.stdout


THREE_ACTOR_CASES = {
    # (capability, position, salience): found by search so that together they
    # exercise every offer rule and the no-offer case.
    "capitulation-and-confrontation": ([0.62, 0.36, 0.16], [0.85, 0.99, 0.09], [0.82, 0.47, 0.24]),
    "confrontation-and-compromise": ([0.31, 0.59, 0.43], [0.60, 0.63, 0.07], [0.11, 0.85, 0.33]),
    "no-offer": ([0.45, 0.42, 0.63], [0.58, 0.90, 0.68], [0.94, 0.87, 0.99]),
}


def eum_scenario(c, x, s, options="{}"):
    actors = "\n".join(
        f"  p{i}: {{capability: {{military: {c[i]}, economic: {c[i]}, diplomatic: {c[i]}}}, "
        f"position: {{issue: {x[i]}}}, intensity: {{issue: {s[i]}}}}}" for i in range(len(x)))
    return f"""calendar: {{start: 2000-01-01, end: 2000-01-02}}
dimensions: {{issue: {{low: a, high: b}}}}
actors:
{actors}
mechanisms: {{influence: {{noise: 0}}, affinity: {{enabled: false}}, conflict: {{enabled: false}}}}
events:
  - {{type: negotiation, name: talks, date: 2000-01-01, participants: [{", ".join(f"p{i}" for i in range(len(x)))}],
     agenda: [issue], protocol: eum, eum: {options}}}
"""


@pytest.mark.parametrize("case", sorted(THREE_ACTOR_CASES))
def test_three_actor_offer_rules_match_reference(run_cli, tmp_path, case):
    c, x, s = THREE_ACTOR_CASES[case]
    path = tmp_path / "three.yaml"
    path.write_text(eum_scenario(c, x, s, "{rounds: 1}"))
    r = run_cli("run", path, "-o", tmp_path / "three.h5")
    assert r.returncode == 0, r.stderr
    _, _, moves = eum_rows(tmp_path / "three.h5")
    ref = E.run(c, x, s, rounds=1)[1]["moves"]
    assert [(a, k, b) for a, k, b, _, _ in moves] == [(f"p{i}", k, f"p{j}") for i, k, j, _ in ref]
    np.testing.assert_allclose([m[3] for m in moves], [to for _, _, _, to in ref], atol=1e-12)


def test_three_actor_cases_cover_every_rule():
    kinds, no_offer = set(), False
    for c, x, s in THREE_ACTOR_CASES.values():
        moves = E.run(c, x, s, rounds=1)[1]["moves"]
        kinds |= {k for _, k, _, _ in moves}
        no_offer |= len(moves) < 3
    assert kinds == {"confrontation", "compromise", "capitulation"} and no_offer


@pytest.mark.parametrize("options,ref", [
    ("{probability: pairwise, rounds: 3}", {"probability": "pairwise"}),
    ("{compromise_choice: nearest, rounds: 10}", {"compromise_choice": "nearest"}),
    ("{q: 0.5, rounds: 4}", {"Q": 0.5}),
])
def test_eum_options_match_reference(run_cli, tmp_path, options, ref):
    names = list(E.EU)
    c, x, s = ([E.EU[n][k] for n in names] for k in range(3))
    path = tmp_path / "eu.yaml"
    path.write_text(eum_scenario(c, [(v - 4) / 6 for v in x], s, options))
    assert run_cli("run", path, "-o", tmp_path / "eu.h5").returncode == 0
    means, medians, moves = eum_rows(tmp_path / "eu.h5")
    rounds = int(re.search(r"rounds: (\d+)", options).group(1))
    expected = E.run(c, [(v - 4) / 6 for v in x], s, rounds=rounds, **ref)
    np.testing.assert_allclose(means, [t["mean"] for t in expected], atol=1e-9)
    np.testing.assert_allclose(medians, [t["median"] for t in expected], atol=1e-9)
    assert len(moves) == sum(len(t["moves"]) for t in expected)


def test_variants(run_cli, tmp_path):
    def run(name):
        out = tmp_path / f"{name}.h5"
        r = run_cli("run", f"scenarios/variants/{name}.yaml", "-o", out, "-r", 100)
        assert r.returncode == 0, r.stderr
        return xr.load_dataset(out, engine="h5netcdf"), xr.load_dataset(out, engine="h5netcdf", group="events").to_dataframe(), \
            xr.load_dataset(out, engine="h5netcdf", group="actions").to_dataframe()

    ds, ev, _ = run("ceasefire-collapses-early")
    collapse = ev[(ev.type == "ceasefire") & (ev.outcome == "collapse")]
    assert collapse.replicate.nunique() == 100
    assert collapse.date.max() <= pd.Timestamp("2017-01-06")  # within its first week
    assert (ds["ceasefire_state"].isel(time=-1) == 2).all()

    _, ev, actions = run("factions-boycott-astana")
    astana = actions[actions.target == "astana-talks"]
    factions = astana[astana.actor.isin(["jaysh_al_islam", "southern_front"])]
    assert (factions.action == "boycott").all() and len(factions) == 200
    assert "alloush-on-russia" not in set(ev.name)

    ds, _, _ = run("iran-withdraws-militias")
    support = ds["support"].isel(time=-1).sel(actor_j="assad", actor=["hezbollah", "iran_militias"])
    # Baseline proxies give 0.3 each (plus surges); withdrawn, only rare softmax surges remain.
    assert float(support.mean()) < 0.05

    ds, ev, _ = run("russia-breaks-with-iran")
    end = ds["affinity"].isel(time=-1)
    assert float(end.sel(actor="russia", actor_j="iran").max()) < 0


def talks(protocol, extra="", agenda="x", participants="all"):
    """Three actors on two issues with different saliences; the forecast lies between their positions."""
    return ("calendar: {start: 2020-01-01, end: 2020-02-01}\n"
            "dimensions: {x: {low: a, high: b}, y: {low: c, high: d}}\n"
            "actors:\n"
            "  p: {capability: {military: 1}, position: {x: 0.3, y: 0.8}, salience: {x: 0.8, y: 0.2}}\n"
            "  q: {capability: {military: 2}, position: {x: 0.9, y: 0.2}, salience: {x: 0.3, y: 0.7}}\n"
            "  r: {capability: {military: 1}, position: {x: 0.5, y: 0.4}, salience: {x: 0.5, y: 0.5}}\n"
            "events:\n"
            f"  - {{type: negotiation, date: 2020-01-10, participants: {participants}, agenda: {agenda}, "
            f"protocol: {protocol}{extra}}}\n")


def outcomes_of(path):
    with h5py.File(path) as f:
        return {b"".join(row).decode() for row in f["events/outcome"][:]}


@pytest.mark.parametrize("agenda, participants, why", [
    ("x", "all", "is a point no proposal improves on for all of them, so with everyone at the table nash finds no zone"),
    ("[x, y]", "all", "is a point no proposal improves on for all of them, so with everyone at the table nash finds no"),
    ("x", "[p, q]", "on one dimension ('x') no proposal improves for every attendee on a status quo between their "
                    "positions, so whenever the forecast lies there nash finds no zone"),
])
def test_nash_from_the_forecast_gets_a_note_and_the_summary_says_no_zone(run_cli, tmp_path, agenda, participants,
                                                                         why):
    scenario = tmp_path / "nash.yaml"
    scenario.write_text(talks("nash", agenda=agenda, participants=participants))
    r = run_cli("validate", scenario)
    assert r.returncode == 0 and "nash.yaml:8:" in r.stdout and \
        "negotiation 'negotiation-2020-01-10-1' bargains by nash from the forecast: " in r.stdout, r.stdout
    assert why in r.stdout, r.stdout
    r = run_cli("run", scenario, "-o", tmp_path / "nash.h5", "-r", 4)
    assert r.returncode == 0 and why in r.stderr, r.stderr
    # The note's claim, as the run found it: no zone in any replicate, and the summary's column says so.
    assert outcomes_of(tmp_path / "nash.h5") == {"no-zone"}
    header = next(line for line in r.stdout.splitlines() if "no agreement" in line)
    row = next(line for line in r.stdout.splitlines() if line.startswith("  negotiation-2020-01-10-1"))
    assert header.split()[5:7] == ["no", "zone"] and row.split()[7:9] == ["100.0", "%"], r.stdout


def test_nash_from_a_status_quo_or_among_some_over_several_issues_gets_no_note(run_cli, tmp_path):
    scenario = tmp_path / "talks.yaml"
    for k, (protocol, extra, agenda, participants) in enumerate([
            ("nash", ", status_quo: {x: 0.0}", "x", "all"), ("nash", ", status_quo: {x: 0.0, y: 1.0}", "[x, y]", "all"),
            ("nash", "", "[x, y]", "[p, q]"), ("median", "", "x", "all"), ("eum", "", "x", "all")]):
        scenario.write_text(talks(protocol, extra, agenda, participants))
        r = run_cli("run", scenario, "-o", tmp_path / f"{k}.h5", "-r", 4)
        assert r.returncode == 0 and "note" not in r.stderr, (protocol, agenda, r.stderr)
        if extra:  # from outside the positions there is a zone
            assert "no-zone" not in outcomes_of(tmp_path / f"{k}.h5") and "no zone" not in r.stdout, r.stdout


def test_bench_bargaining_cases_search_rather_than_take_a_shortcut(run_cli, root, tmp_path):
    """make bench times nash through the CLI; a case without a zone would time the shortcut."""
    import sys
    sys.path.insert(0, str(root / "bench"))
    from run_bench import bargaining_scenario
    for protocol in ("median", "nash", "eum"):
        scenario = tmp_path / f"{protocol}.yaml"
        scenario.write_text(bargaining_scenario(protocol, 40))
        r = run_cli("run", scenario, "-o", tmp_path / f"{protocol}.h5", "-r", 1)
        assert r.returncode == 0 and "note" not in r.stderr, r.stderr
        with h5py.File(tmp_path / f"{protocol}.h5") as f:
            types = [b"".join(row).decode() for row in f["events/type"][:]]
            outcome = b"".join(f["events/outcome"][types.index("negotiation")]).decode()
        assert outcome != "no-zone", protocol
