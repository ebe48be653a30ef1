"""Sweeps end to end: the same bits on threads, MPI ranks and shards; resume after
SIGKILL; designs from elsewhere; failure isolation; merge checks; Sobol analysis."""
import os
import random
import re
import resource
import signal
import subprocess
import time

import h5py
import numpy as np
import pytest

SMALL = "tests/sweeps/small.yaml"
ARRAYS = ["design", "summary", "status", "point_seed", "forecast_median", "point"]


def arrays(path, names=ARRAYS):
    with h5py.File(path, "r") as f:
        return {k: f[k][...] for k in names if k in f}


def same(a, b):
    assert set(a) == set(b)
    for k in a:
        if a[k].dtype.kind == "f":
            assert np.array_equal(a[k], b[k], equal_nan=True), k
        else:
            assert np.array_equal(a[k], b[k]), k


@pytest.fixture(scope="module")
def reference(run_cli, tmp_path_factory):
    out = tmp_path_factory.mktemp("sweep") / "ref.h5"
    r = run_cli("sweep", SMALL, "-o", out, "--threads", 1)
    assert r.returncode == 0, r.stderr
    assert "24 points × 4 replicates (lhs)" in r.stdout
    return out


def test_sweep_file_layout_and_provenance(reference, root):
    import xarray as xr
    with xr.open_dataset(reference, engine="h5netcdf") as ds:
        ds.load()
    assert ds["summary"].dims == ("point", "outcome", "statistic")
    assert list(ds["statistic"].values) == ["mean", "sd", "q05", "q50", "q95"]
    assert list(ds["outcome"].values) == ["ceasefire_holds", "divergence", "astana", "militias_feb"]
    assert ds["design"].dims == ("point", "parameter")
    assert ds["forecast_median"].dims == ("point", "time", "dimension")
    assert str(ds["time"].values[0])[:10] == "2016-12-01"
    assert ds.sizes["point"] == 24 and (ds["status"] == 0).all()
    assert ds.attrs["sweep"] == (root / SMALL).read_text()
    assert len(ds.attrs["sweep_sha256"]) == 64 and "moscow-declaration" in ds.attrs["scenario_resolved"]
    assert ds.attrs["kind"] == "sweep" and ds.attrs["replicates"] == 4 and ds.attrs["seed"] == 11
    assert (ds["run_seconds"] > 0).all()
    s = ds["summary"]
    assert (s.sel(statistic="q05") <= s.sel(statistic="q50") + 1e-12).all()
    assert (s.sel(statistic="q50") <= s.sel(statistic="q95") + 1e-12).all()
    # LHS: one point per stratum of each continuous parameter.
    for name, lo, hi, log in [("mechanisms.conflict.violation_rate", 0.005, 0.2, True), ("actors.iran.susceptibility", 0.1, 0.5, False)]:
        v = ds["design"].sel(parameter=name).values
        u = (np.log(v) - np.log(lo)) / (np.log(hi) - np.log(lo)) if log else (v - lo) / (hi - lo)
        assert sorted((u * 24).astype(int)) == list(range(24))


def test_point_seed_reproduces_the_point_with_run(reference, run_cli, tmp_path):
    with h5py.File(reference) as f:
        seed = int(f["point_seed"][5])
        values = f["design"][5]
        params = [p.decode() if isinstance(p, bytes) else p for p in f["parameter"][:]]
        mean_div = f["summary"][5, 1, 0]
    sets = []
    for p, v in zip(params, values):
        sets += ["--set", "%s=%.17g" % (p, v)]
    out = tmp_path / "point5.h5"
    r = run_cli("run", "scenarios/syria-2016-17.yaml", "-o", out, "-r", 4, "--seed", seed, "--record", "position,salience", *sets)
    assert r.returncode == 0, r.stderr
    import sys
    sys.path.insert(0, os.path.dirname(__file__))
    import stylized_facts as sf
    import xarray as xr
    ds = xr.load_dataset(out, engine="h5netcdf")
    div = sf.divergence(ds, "russia", "iran", ["militia_presence", "ceasefire_scope"]).isel(time=-1)
    assert float(div.mean()) == pytest.approx(mean_div, abs=1e-12)


def test_same_bits_with_two_threads(reference, run_cli, tmp_path):
    out = tmp_path / "t2.h5"
    assert run_cli("sweep", SMALL, "-o", out, "--threads", 2).returncode == 0
    same(arrays(reference), arrays(out))


def test_same_bits_with_two_mpi_ranks(reference, diplosim_bin, root, mpi_env, tmp_path):
    out = tmp_path / "mpi.h5"
    r = subprocess.run(["mpirun", "-n", "2", diplosim_bin, "sweep", SMALL, "-o", str(out), "--threads", "1"],
                       cwd=root, env=mpi_env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "2 processes × 1 thread\n" in r.stdout
    same(arrays(reference), arrays(out))
    assert not list(tmp_path.glob("*.journal"))


def test_commands_that_do_not_use_mpi_refuse_several_ranks(reference, diplosim_bin, root, mpi_env, tmp_path):
    """Under mpirun -n 2, `run` ran the whole scenario in both ranks and both wrote the output (the second
    replacing the first without --force); merge and analyze likewise. Refused once, by rank 0, with no file."""
    for args in (["run", "scenarios/syria-2016-17.yaml", "-o", str(tmp_path / "r.h5"), "-r", "2"],
                 ["merge", str(reference), "-o", str(tmp_path / "m.h5")], ["analyze", str(reference)]):
        r = subprocess.run(["mpirun", "-n", "2", diplosim_bin, *args], cwd=root, env=mpi_env, capture_output=True,
                           text=True, timeout=300)
        assert r.returncode == 2, (args, r.stdout + r.stderr)
        assert r.stderr.count(f"error: '{args[0]}' does not share its work among MPI ranks") == 1, r.stderr
    assert not list(tmp_path.iterdir())


def test_shards_and_merge_give_the_same_bits(reference, run_cli, root, tmp_path):
    shards = []
    for i in range(3):
        shard = tmp_path / f"s{i}.h5"
        r = run_cli("sweep", SMALL, "--shard", f"{i}/3", "-o", shard, "--threads", 1)
        assert r.returncode == 0, r.stderr
        shards.append(shard)
        with h5py.File(shard) as f:
            assert f.attrs["kind"] == "sweep-shard" and list(f["point"][:]) == list(range(i, 24, 3))
    merged = tmp_path / "merged.h5"
    # What a merge killed by a signal leaves (no process has this PID): the next merge removes it.
    stale = tmp_path / "merged.h5.partial-999999999"
    stale.write_bytes(b"half a file")
    r = run_cli("merge", *shards, "-o", merged)
    assert r.returncode == 0, r.stderr
    assert f"removing '{stale}', left by an interrupted run" in r.stderr and not stale.exists()
    same(arrays(reference), arrays(merged))
    # info describes a shard and a sweep by what they hold, with no '?' for run-only attributes.
    shard_info, merged_info = run_cli("info", shards[1]).stdout, run_cli("info", merged).stdout
    assert "  shard:           1 of 3 (join them with diplosim merge)" in shard_info
    assert "  points here:     8" in shard_info and "  design points:   24" in shard_info
    assert "  replicates:      4 per point" in merged_info and "  sampler:         lhs" in merged_info
    assert "  parameters:      mechanisms.conflict.violation_rate, actors.iran.susceptibility," in merged_info
    assert "  outcomes:        ceasefire_holds" in merged_info and "  failed points:   0" in merged_info
    assert "?" not in shard_info + merged_info and "shard:" not in merged_info and "Sobol" not in merged_info
    assert run_cli("info", merged, "--scenario").stdout.endswith((root / SMALL).read_text())
    r = run_cli("analyze", shards[2])
    assert r.returncode == 2 and "is shard 2 of 3; expected the whole sweep: join the shards first" in r.stderr
    # Merging into one of the shards would replace an input.
    kept = shards[0].read_bytes()
    r = run_cli("merge", *shards, "-o", shards[0], "--force")
    assert r.returncode == 2 and "is an input this command reads" in r.stderr and shards[0].read_bytes() == kept
    # Checks: a missing shard, a duplicated shard, a shard of another sweep.
    r = run_cli("merge", shards[0], shards[1], "-o", tmp_path / "x.h5")
    assert r.returncode == 2 and "missing shard 2 of 3" in r.stderr
    r = run_cli("merge", shards[0], shards[0], shards[1], shards[2], "-o", tmp_path / "x.h5")
    assert r.returncode == 2 and "shard 0 is given twice" in r.stderr
    other = tmp_path / "other.h5"
    assert run_cli("sweep", SMALL, "--shard", "2/3", "-o", other, "--set", "actors.russia.capability.military=0.5").returncode == 0
    r = run_cli("merge", shards[0], shards[1], other, "-o", tmp_path / "x.h5")
    assert r.returncode == 2 and "comes from another sweep" in r.stderr
    r = run_cli("merge", reference, "-o", tmp_path / "x.h5")
    assert r.returncode == 2 and "is a whole sweep, not a shard" in r.stderr
    assert not (tmp_path / "x.h5").exists()


def test_an_output_that_holds_a_shard_or_sweep_says_so_and_keeps_it(reference, run_cli, tmp_path):
    # Every shard given one -o: the second is refused with the file it should
    # write, since --force would lose the first shard's points.
    out = tmp_path / "one.h5"
    assert run_cli("sweep", SMALL, "--shard", "0/3", "-o", out, "--threads", 1).returncode == 0
    kept = out.read_bytes()
    r = run_cli("sweep", SMALL, "--shard", "1/3", "-o", out, "--threads", 1)
    assert r.returncode == 2 and out.read_bytes() == kept
    assert (f"output file '{out}' already exists and holds shard 0/3 of this sweep; give each shard its own output, "
            f"e.g. -o {out}.shard-1.h5 (as --emit-slurm's script does), then merge them; or use --force to "
            "overwrite it (which loses it)") in r.stderr, r.stderr
    r = run_cli("sweep", SMALL, "--shard", "0/3", "-o", out, "--threads", 1)
    assert r.returncode == 2 and "holds this shard's finished result; use --force to run it again" in r.stderr
    r = run_cli("sweep", SMALL, "-o", reference, "--threads", 1)
    assert r.returncode == 2 and "holds this sweep's finished result; use --force to run it again" in r.stderr
    r = run_cli("sweep", SMALL, "-o", reference, "--set", "actors.russia.capability.military=0.5")
    assert r.returncode == 2 and "holds another sweep's result; use --force to overwrite it" in r.stderr
    # The last shard numbered from 1, as a Slurm array of 1-3 would give it.
    r = run_cli("sweep", SMALL, "--shard", "3/3", "-o", tmp_path / "three.h5")
    assert r.returncode == 2 and ("--shard: got '3/3'; expected i/n with 0 <= i < n, e.g. 0/4; shards count from 0, "
                                  "so 3 shards are 0/3 to 2/3 (a Slurm array of --array=0-2)") in r.stderr, r.stderr
    r = run_cli("sweep", SMALL, "--shard", "4/3", "-o", tmp_path / "three.h5")
    assert r.returncode == 2 and "count from 0" not in r.stderr and "expected i/n with 0 <= i < n" in r.stderr
    # A file that is no sweep result gets the plain refusal.
    text = tmp_path / "notes.h5"
    text.write_text("not a result")
    r = run_cli("sweep", SMALL, "-o", text)
    assert r.returncode == 2 and r.stderr.strip().endswith(f"output file '{text}' already exists; use --force to overwrite it")
    assert text.read_text() == "not a result"


def test_resume_after_sigkill_at_random_moments_gives_the_same_bits(run_cli, diplosim_bin, root, tmp_path):
    sweep = longer_sweep(root, tmp_path, replicates=24)
    straight = tmp_path / "straight.h5"
    started = time.monotonic()
    assert run_cli("sweep", sweep, "-o", straight, "--threads", 2, "--quiet").returncode == 0
    whole = time.monotonic() - started
    out = tmp_path / "killed.h5"
    journal = tmp_path / "killed.h5.journal"
    rng = random.Random(2026)
    kills = 0
    for attempt in range(30):
        args = [diplosim_bin, "sweep", sweep, "-o", str(out), "--threads", "2", "--quiet"]
        if attempt > 0:
            args.append("--resume")
        before = journal.stat().st_size if journal.exists() else 0
        p = subprocess.Popen(args, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # The random moment is counted from this attempt's first finished point, so every attempt gains one
        # however slow the machine is that minute (counted from the start, a loaded machine killed 30 attempts
        # before any had loaded the scenario).
        deadline = time.monotonic() + 60
        while p.poll() is None and time.monotonic() < deadline and \
                (journal.stat().st_size if journal.exists() else 0) <= max(before, 100):
            time.sleep(0.002)
        try:
            p.wait(timeout=rng.uniform(0.0, 0.3) * whole)
        except subprocess.TimeoutExpired:
            p.send_signal(signal.SIGKILL)
            p.wait()
            kills += 1
            if out.exists():  # killed after the final rename: the file must be complete
                with h5py.File(out) as f:
                    assert f.attrs["kind"] == "sweep" and len(f["status"]) == 24
            continue
        assert p.returncode == 0, p.stderr.read()
        break
    assert out.exists() and kills >= 3, f"only {kills} kills before the sweep finished"
    same(arrays(straight), arrays(out))
    assert not list(tmp_path.glob("*.journal")) and not list(tmp_path.glob("*.partial-*"))


def longer_sweep(root, tmp_path, replicates=150):
    """SMALL with more replicates, so a signal reliably lands mid-sweep."""
    text = (root / SMALL).read_text()
    text = text.replace("scenario: ../../scenarios/", f"scenario: {root}/scenarios/")
    text = re.sub(r"^replicates: \d+$", f"replicates: {replicates}", text, flags=re.M)
    path = tmp_path / "longer.yaml"
    path.write_text(text)
    return str(path)


def signal_once_started(proc, journal, sig):
    """Send sig as soon as the sweep has written its journal (it is running)."""
    deadline = time.monotonic() + 30
    while not journal.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)
    if proc.poll() is not None:
        pytest.fail("the sweep finished before the signal; make it longer")
    proc.send_signal(sig)


def run_limited(diplosim_bin, root, limit, *args):
    """diplosim under a file-size limit (RLIMIT_FSIZE), which stands in for a full disk."""

    def cap():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([diplosim_bin, *map(str, args)], cwd=root, capture_output=True, text=True, preexec_fn=cap,
                          timeout=300)


def test_a_full_disk_keeps_every_finished_point_for_resume(run_cli, diplosim_bin, root, tmp_path):
    """A file-size limit (RLIMIT_FSIZE) stands in for a full disk. Whether the journal cannot grow (3 KB: a few
    points in) or only the result cannot be written (20 KB: the journal of all 24 points is about 5 KB, the result
    36 KB), the sweep exits 1 (the run failed, not its inputs), says how to go on, and leaves no result and no
    temporary; --resume with room gives the same bits as a sweep that never ran out."""
    text = (root / SMALL).read_text().replace("scenario: ../../scenarios/", f"scenario: {root}/scenarios/")
    sweep = tmp_path / "no-trajectories.yaml"
    sweep.write_text(text.replace("trajectories: true", "trajectories: false"))
    straight = tmp_path / "straight.h5"
    assert run_cli("sweep", sweep, "-o", straight, "--quiet").returncode == 0
    result_failed = "no file was left under that name; every finished point is kept in its journal"
    for limit, failed_at in [(3_000, "cannot write journal"), (20_000, result_failed)]:
        out = tmp_path / f"limited-{limit}.h5"
        r = run_limited(diplosim_bin, root, limit, "sweep", sweep, "-o", out, "--threads", 2, "--quiet")
        assert r.returncode == 1, r.stderr
        assert failed_at in r.stderr and "--resume" in r.stderr, r.stderr
        assert not out.exists() and not list(tmp_path.glob(f"{out.name}.partial-*"))
        assert (tmp_path / f"{out.name}.journal").stat().st_size > 0
        r = run_cli("sweep", sweep, "-o", out, "--resume")
        assert r.returncode == 0, r.stderr
        resumed = int(re.search(r"reused (\d+) from an interrupted run", r.stdout).group(1))
        assert 0 < resumed <= 24 and (resumed == 24) == (limit == 20_000), r.stdout
        same(arrays(straight), arrays(out))
        assert not list(tmp_path.glob(f"{out.name}.journal"))


def test_analyze_and_merge_on_a_full_disk_leave_every_file_as_it_was(run_cli, diplosim_bin, root, tmp_path):
    """analyze writes its indices into a copy: a limit below the file's size stops the copy, one just above it the
    indices. Either way exit 1, the sweep's file unchanged to the byte and no temporary left. (HDF5 defers closing a
    file while any object in it is open and reports success, so this once replaced the sweep by a truncated copy
    and exited 0.) A merge that cannot write its result leaves no file either."""
    out = tmp_path / "sobol.h5"
    assert run_cli("sweep", "tests/sweeps/sobol.yaml", "-o", out, "--quiet").returncode == 0
    before = out.read_bytes()
    for limit in [len(before) // 2, len(before) + 512]:
        r = run_limited(diplosim_bin, root, limit, "analyze", out, "--bootstrap", 10)
        assert r.returncode == 1 and "(disk full or a file-size limit?)" in r.stderr, r.stderr
        assert f"'{out}' is unchanged" in r.stderr or "the file is unchanged" in r.stderr, r.stderr
        assert out.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["sobol.h5"]
    assert run_cli("analyze", out, "--bootstrap", 10).returncode == 0  # with room it stores them
    shards = [tmp_path / f"part-{i}.h5" for i in range(2)]
    for i, shard in enumerate(shards):
        assert run_cli("sweep", SMALL, "-o", shard, "--shard", f"{i}/2", "--quiet").returncode == 0
    merged = tmp_path / "merged.h5"
    r = run_limited(diplosim_bin, root, 20_000, "merge", *shards, "-o", merged)
    assert r.returncode == 1 and f"while writing '{merged}' (disk full or a file-size limit?)" in r.stderr, r.stderr
    assert not merged.exists() and not list(tmp_path.glob("merged.h5.partial-*"))


def test_a_plan_that_cannot_be_written_whole_leaves_no_file(run_cli, diplosim_bin, root, tmp_path):
    """--plan-only's design (160 KB for 2,000 points) under a 20 KB file-size limit: a C++ stream fails quietly,
    and unchecked it left the first 20 KB of the design under the final name with exit 0."""
    whole, cut = tmp_path / "whole.csv", tmp_path / "cut.csv"
    assert run_cli("sweep", "scenarios/sweeps/syria-2000.yaml", "--plan-only", "-o", whole, "--quiet").returncode == 0
    assert whole.stat().st_size > 40_000
    r = run_limited(diplosim_bin, root, 20_000, "sweep", "scenarios/sweeps/syria-2000.yaml", "--plan-only", "-o", cut)
    assert r.returncode == 1 and "(disk full or a file-size limit?); no file was left under" in r.stderr, r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["whole.csv"]


def test_leftover_journal_needs_resume_or_force(run_cli, diplosim_bin, root, tmp_path):
    sweep = longer_sweep(root, tmp_path)
    out = tmp_path / "half.h5"
    p = subprocess.Popen([diplosim_bin, "sweep", sweep, "-o", str(out), "--threads", "1", "--quiet"], cwd=root)
    signal_once_started(p, tmp_path / "half.h5.journal", signal.SIGKILL)
    p.wait()
    assert (tmp_path / "half.h5.journal").exists() and not out.exists()
    r = run_cli("sweep", sweep, "-o", out)
    assert r.returncode == 2 and "use --resume to continue it or --force to start over" in r.stderr
    r = run_cli("sweep", sweep, "-o", out, "--force", "--quiet")
    assert r.returncode == 0, r.stderr


def test_a_second_sweep_to_an_output_being_written_is_refused(run_cli, diplosim_bin, root, tmp_path):
    # By hand, or a Slurm task requeued while the first still runs: the second
    # would truncate and append to the same journal. The first holds its
    # journal's lock (a second sweep waits 3 s for it, then refuses); the kernel
    # drops it when the first is killed, so a resume started at once goes ahead.
    sweep = longer_sweep(root, tmp_path, replicates=3000)  # two 3 s waits for the lock fit in it with room
    out = tmp_path / "busy.h5"
    journal = tmp_path / "busy.h5.journal"
    p = subprocess.Popen([diplosim_bin, "sweep", sweep, "-o", str(out), "--threads", "1", "--quiet"], cwd=root)
    try:
        deadline = time.monotonic() + 60
        while not journal.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        header = journal.stat().st_size
        while journal.stat().st_size == header and time.monotonic() < deadline:  # a point finished
            time.sleep(0.01)
        for extra in (["--resume"], ["--force"]):
            r = run_cli("sweep", sweep, "-o", out, "--quiet", *extra)
            assert p.poll() is None, "the first sweep ended too soon; make it longer"
            assert r.returncode == 2, r.stderr
            assert (f"another sweep is writing this output: process {p.pid} holds the lock on its journal "
                    f"'{journal}'; wait for it to finish, or stop it and continue with --resume") in r.stderr, r.stderr
            assert journal.exists() and not out.exists()
    finally:
        p.kill()  # not waited for: the resume below starts while it may still be exiting
    r = run_cli("sweep", sweep, "-o", out, "--resume", "--threads", 2)
    p.wait()
    assert r.returncode == 0, r.stderr
    assert re.search(r"reused [1-9]\d* from an interrupted run", r.stdout), r.stdout
    with h5py.File(out) as f:
        assert (f["status"][...] == 0).all()


def test_sigint_saves_finished_points(run_cli, diplosim_bin, root, tmp_path):
    sweep = longer_sweep(root, tmp_path)
    out = tmp_path / "int.h5"
    p = subprocess.Popen([diplosim_bin, "sweep", sweep, "-o", str(out), "--threads", "1"], cwd=root,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    signal_once_started(p, tmp_path / "int.h5.journal", signal.SIGINT)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 130 and "continue with --resume" in err
    assert not out.exists()
    assert subprocess.run([diplosim_bin, "sweep", sweep, "-o", str(out), "--resume", "--quiet"], cwd=root).returncode == 0
    straight = tmp_path / "straight.h5"
    assert run_cli("sweep", sweep, "-o", straight, "--quiet").returncode == 0
    same(arrays(straight), arrays(out))


def test_sigterm_to_mpirun_saves_every_ranks_points(run_cli, diplosim_bin, root, mpi_env, tmp_path):
    """mpirun passes SIGTERM to its ranks: each saves the points it ran in its own journal and says how many (it
    used to print the whole sweep's count from its own: "4 of 24 points are saved" from each of two ranks that had
    8 between them); a resume with two ranks gives the same bits as a straight run."""
    sweep = longer_sweep(root, tmp_path, replicates=1500)
    out = tmp_path / "mpi.h5"
    p = subprocess.Popen(["mpirun", "-n", "2", diplosim_bin, "sweep", sweep, "-o", str(out), "--threads", "1"],
                         cwd=root, env=mpi_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    journals = [tmp_path / f"mpi.h5.rank-{r}.journal" for r in range(2)]
    deadline = time.monotonic() + 60
    while p.poll() is None and time.monotonic() < deadline:
        if all(j.exists() for j in journals) and min(j.stat().st_size for j in journals) > 1000:
            break  # each rank has written at least one point after its header
        time.sleep(0.02)
    assert p.poll() is None, "the sweep finished before the signal; make it longer"
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=120)
    said = re.findall(r"rank (\d) interrupted; the (\d+) points it ran are saved in its journal", err)
    assert said and all(int(n) >= 1 for _, n in said), err
    assert not out.exists() and all(j.exists() for j in journals)
    r = subprocess.run(["mpirun", "-n", "2", diplosim_bin, "sweep", sweep, "-o", str(out), "--threads", "1",
                        "--resume"], cwd=root, env=mpi_env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    reused = int(re.search(r"reused (\d+) from an interrupted run", r.stdout).group(1))
    assert reused >= sum(int(n) for _, n in said), (said, r.stdout)
    straight = tmp_path / "straight.h5"
    assert run_cli("sweep", sweep, "-o", straight, "--threads", 2, "--quiet").returncode == 0
    same(arrays(straight), arrays(out))
    assert not any(j.exists() for j in journals)


def test_a_sweeps_result_is_on_disk_before_its_journal_is_removed(diplosim_bin, root, tmp_path):
    # A power loss after the journal's removal must not find the result only in
    # the page cache: an empty file under its name, and the points gone with the
    # journal. strace shows the order of the calls that make it so.
    def traced(*args):
        trace = tmp_path / "trace.txt"
        r = subprocess.run(["strace", "-f", "-y", "-e", "trace=fsync,rename,renameat2,unlink,unlinkat", "-o", str(trace),
                            diplosim_bin, *map(str, args)], cwd=root, capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        return [line.split(None, 1)[1] for line in trace.read_text().splitlines() if "resumed" not in line]

    def first(calls, prefix, *parts):
        return next(k for k, c in enumerate(calls) if c.startswith(prefix) and all(p in c for p in parts))

    out = tmp_path / "s.h5"
    calls = traced("sweep", SMALL, "-o", out, "--threads", 2, "--quiet")
    synced = first(calls, "fsync(", f"<{out}.partial-")
    renamed = first(calls, "rename", ".partial-", f"{out.name}\"")
    folder = first(calls, "fsync(", f"<{tmp_path}>")
    removed = first(calls, "unlink", f"{out.name}.journal")
    assert synced < renamed < folder < removed, calls
    # analyze replaces the sweep with a copy holding the indices: the copy is on disk first.
    sobol = tmp_path / "sobol.h5"
    assert subprocess.run([diplosim_bin, "sweep", "tests/sweeps/sobol.yaml", "-o", sobol, "--quiet"], cwd=root).returncode == 0
    calls = traced("analyze", sobol, "--bootstrap", 20)
    assert first(calls, "fsync(", f"<{sobol}.partial-") < first(calls, "rename", ".partial-") < first(
        calls, "fsync(", f"<{tmp_path}>"), calls


def test_plan_only_and_design_from_csv(reference, run_cli, tmp_path):
    plan = tmp_path / "design.csv"
    stale = tmp_path / "design.csv.partial-999999999"  # left by a plan killed mid-write (no such process)
    stale.write_text("half a plan")
    r = run_cli("sweep", SMALL, "--plan-only", "-o", plan)
    assert r.returncode == 0, r.stderr
    assert not stale.exists()
    lines = plan.read_text().splitlines()
    assert lines[0] == "mechanisms.conflict.violation_rate,actors.iran.susceptibility,events.nationwide-ceasefire.collapse_after"
    assert len(lines) == 25
    design_text = plan.read_text()
    r = run_cli("sweep", SMALL, "--plan-only", "-o", "-")  # to standard output, the same text
    assert r.returncode == 0 and r.stdout == design_text, r.stderr
    # A sweep's result is HDF5: '-', a folder or a device is named as such before any point runs
    # (a folder used to read "already exists; use --force").
    for bad, said in (("-", "not a stream for standard output"), (tmp_path, "is a directory; expected a file name"),
                      ("/dev/null", "is a device, which the result would replace")):
        r = run_cli("sweep", SMALL, "-o", bad, "-q")
        assert r.returncode == 2 and said in r.stderr and "progress" not in r.stderr, r.stderr
    r = run_cli("sweep", SMALL, "--design", plan, "-o", plan, "--force")  # would replace the design it reads
    assert r.returncode == 2 and "is an input this command reads" in r.stderr and plan.read_text() == design_text
    out = tmp_path / "from-design.h5"
    r = run_cli("sweep", SMALL, "--design", plan, "-o", out)
    assert r.returncode == 0, r.stderr
    same(arrays(reference), arrays(out))
    with h5py.File(out) as f:
        assert f.attrs["sampler"].startswith("design:")
    # Columns in another order, as another tool might write them.
    rows = [l.split(",") for l in lines]
    swapped = tmp_path / "swapped.csv"
    swapped.write_text("\n".join(",".join([r[1], r[0], r[2]]) for r in rows) + "\n")
    out2 = tmp_path / "swapped.h5"
    assert run_cli("sweep", SMALL, "--design", swapped, "-o", out2).returncode == 0
    assert np.array_equal(arrays(out)["summary"], arrays(out2)["summary"], equal_nan=True)
    # pandas' to_csv without index=False: an unnamed first column of row numbers (it used
    # to be "column '' is not a parameter of the sweep").
    indexed = tmp_path / "indexed.csv"
    indexed.write_text("\n".join(("" if k == 0 else str(k - 1)) + "," + line for k, line in enumerate(lines)) + "\n")
    out3 = tmp_path / "indexed.h5"
    r = run_cli("sweep", SMALL, "--design", indexed, "-o", out3)
    assert r.returncode == 0, r.stderr
    assert np.array_equal(arrays(out)["summary"], arrays(out3)["summary"], equal_nan=True)
    bad = tmp_path / "bad.csv"
    bad.write_text("mechanisms.conflict.violation_rte,actors.iran.susceptibility,events.nationwide-ceasefire.collapse_after\n0.01,0.2,10\n")
    r = run_cli("sweep", SMALL, "--design", bad, "-o", tmp_path / "x.h5")
    assert r.returncode == 2 and "bad.csv:1:1: error: column 'mechanisms.conflict.violation_rte' is not a parameter" in r.stderr
    assert "did you mean 'mechanisms.conflict.violation_rate'" in r.stderr


def test_design_values_that_break_the_scenario_are_named_at_their_cells(run_cli, tmp_path):
    # A design from elsewhere can hold what no sampler draws: a share on the wrong scale,
    # a fraction where a count belongs. Each is said before the run at its own cell, and
    # the failing point's error names that cell rather than the sweep file's line.
    design = tmp_path / "d.csv"
    design.write_text("mechanisms.conflict.violation_rate,actors.iran.susceptibility,events.nationwide-ceasefire.collapse_after\n"
                      "0.01,0.3,10.5\n"
                      "0.02,1.4,10\n"
                      "0.03,0.3,20\n")
    r = run_cli("sweep", SMALL, "--design", design, "-o", tmp_path / "d.h5", "--threads", 2)
    assert r.returncode == 1 and "2 of 3 points failed" in r.stderr, r.stderr
    scale = (f"note: {design}:3:6: parameter 'actors.iran.susceptibility' at 1.4 (the column's highest value) gives "
             "an invalid scenario, so the points with it will fail: actor 'iran'.susceptibility out of range; got 1.4;")
    count = (f"note: {design}:2:10: parameter 'events.nationwide-ceasefire.collapse_after' at 10.5 (the column's first "
             "fractional value) gives an invalid scenario")
    assert scale in r.stderr and count in r.stderr and "must be an integer" in r.stderr, r.stderr
    assert r.stderr.index(scale) < r.stderr.index("2 of 3 points failed")
    assert "violation_rate" not in r.stderr  # its values all fit
    with h5py.File(tmp_path / "d.h5") as f:
        errors = [e.decode() for e in f["error"][:]]
        assert list(f["status"][:]) == [1, 1, 0]
    assert errors[0].startswith(f"invalid scenario for this point: {design}:2:10: error: ") and "integer" in errors[0]
    assert errors[1].startswith(f"invalid scenario for this point: {design}:3:6: error: ") and "got 1.4;" in errors[1]
    # Before a cluster submission too, where a failing point would cost a queued task.
    r = run_cli("sweep", SMALL, "--design", design, "-o", tmp_path / "s.h5", "--emit-slurm", "--shards", 3)
    assert r.returncode == 0 and scale in r.stderr and count in r.stderr and "#SBATCH" in r.stdout


def test_failed_points_are_recorded_and_the_sweep_goes_on(run_cli, tmp_path):
    out = tmp_path / "failing.h5"
    r = run_cli("sweep", "tests/sweeps/failing.yaml", "-o", out, "--threads", 2)
    assert r.returncode == 1
    assert "3 of 6 points failed" in r.stderr and "3 failed" in r.stdout
    # Said before the run, at the parameter's line, with the way out.
    note = ("note: tests/sweeps/failing.yaml:6:3: parameter 'actors.russia.salience.militia_presence' at 0.35 "
            "(1 of the 2 levels checked) gives an invalid scenario, so some points will fail: ")
    assert note in r.stderr and "salience of actor 'russia' sums to 1.15" in r.stderr and "--design" in r.stderr
    assert r.stderr.index(note) < r.stderr.index("3 of 6 points failed")
    v = run_cli("validate", "tests/sweeps/failing.yaml")
    assert v.returncode == 0 and "  note:       tests/sweeps/failing.yaml:6:3: parameter" in v.stdout
    with h5py.File(out) as f:
        status = f["status"][:]
        errors = [e.decode() if isinstance(e, bytes) else e for e in f["error"][:]]
        summary = f["summary"][...]
        design = f["design"][...]
    assert list(status) == [0, 0, 0, 1, 1, 1]  # the grid: salience 0.20 (valid) then 0.35
    assert all("salience of actor 'russia' sums to 1.15" in e for e in errors[3:]) and errors[:3] == ["", "", ""]
    assert np.isnan(summary[3:]).all() and np.isfinite(summary[:3]).all()
    assert list(design[:, 0]) == [0.2, 0.2, 0.2, 0.35, 0.35, 0.35]


def test_a_range_whose_ends_fit_gets_no_note(run_cli, tmp_path, root):
    for sweep in ("scenarios/sweeps/syria-sensitivity.yaml", "scenarios/sweeps/syria-lhs.yaml"):
        v = run_cli("validate", sweep)
        assert v.returncode == 0 and "note:" not in v.stdout, v.stdout
    # Both ends of a continuous range out: most points fail, and the note says so.
    sweep = tmp_path / "ends.yaml"
    sweep.write_text(
        f"scenario: {root}/scenarios/syria-2016-17.yaml\n"
        "parameters:\n  actors.iran.salience.militia_presence: {uniform: [0.1, 0.9]}\n"
        "sampler: {method: lhs, points: 4}\noutcomes:\n  f: {forecast: settlement}\n")
    v = run_cli("validate", sweep)
    assert v.returncode == 0 and "at 0.1 and 0.9 (both ends of its range) gives an invalid scenario, so most or all" in v.stdout


def test_a_fired_outcome_says_whether_a_trigger_fired_by_its_date(run_cli, tmp_path):
    # The trigger watches a hostility the sweep sets below or above its threshold.
    (tmp_path / "base.yaml").write_text(
        "calendar: {start: 2020-01-01, end: 2020-03-01}\n"
        "dimensions: {d: {low: a, high: b}}\n"
        "actors:\n  a: {capability: {military: 1}, position: {d: 0.2}}\n"
        "  b: {capability: {military: 1}, position: {d: 0.8}}\n"
        "relations: {pairs: [{between: [a, b], hostility: 0.2}]}\n"
        "events:\n  - type: trigger\n    name: clash\n    date: 2020-01-10\n"
        "    when: {value: hostility.a.b, above: 0.5}\n"
        "    then: [{type: statement, actor: a, stance: {d: 0.1}}]\n")
    sweep = tmp_path / "fired.yaml"
    sweep.write_text("scenario: base.yaml\nparameters:\n  relations.pairs.0.hostility: {levels: [0.2, 0.8]}\n"
                     "sampler: {method: grid}\nreplicates: 3\noutcomes:\n"
                     "  clash: {fired: clash}\n  early: {fired: clash, at: 2020-01-09}\n"
                     "  by_then: {fired: clash, at: 2020-01-11}\n")
    out = tmp_path / "fired.h5"
    r = run_cli("sweep", sweep, "-o", out)
    assert r.returncode == 0, r.stderr
    import xarray as xr
    with xr.open_dataset(out, engine="h5netcdf") as ds:
        assert list(ds["design"].values[:, 0]) == [0.2, 0.8]
        mean = ds["summary"].sel(statistic="mean")
        assert mean.sel(outcome="clash").values.tolist() == [0.0, 1.0]
        assert mean.sel(outcome="early").values.tolist() == [0.0, 0.0]  # before the trigger's date
        assert mean.sel(outcome="by_then").values.tolist() == [0.0, 1.0]
    sweep.write_text(sweep.read_text().replace("{fired: clash}", "{fired: clsh}"))
    r = run_cli("validate", sweep)
    assert r.returncode == 2
    assert "error: unknown trigger 'clsh' in outcome 'clash'; expected the name of a trigger event (did you mean " \
           "'clash'?)" in r.stderr, r.stderr


def test_analyze_stores_sobol_indices(run_cli, tmp_path, reference):
    out = tmp_path / "sobol.h5"
    assert run_cli("sweep", "tests/sweeps/sobol.yaml", "-o", out, "--threads", 2).returncode == 0
    assert "  Sobol analysis:  not yet: run diplosim analyze FILE" in run_cli("info", out).stdout
    r = run_cli("analyze", out, "--bootstrap", 200)
    assert r.returncode == 0, r.stderr
    assert "first-order S_i" in r.stdout and "actors.iran.susceptibility" in r.stdout
    import xarray as xr
    ds = xr.load_dataset(out, engine="h5netcdf")
    assert ds["sobol_first"].dims == ("outcome_analyzed", "parameter")
    assert list(ds["outcome_analyzed"].values) == ["divergence", "affinity"]
    assert "  Sobol analysis:  stored (sobol_first, sobol_total, sobol_noise_share)" in run_cli("info", out).stdout
    total = ds["sobol_total"]
    assert (total >= ds["sobol_total_low"] - 1e-12).all() and (total <= ds["sobol_total_high"] + 1e-12).all()
    # Iran's susceptibility dominates the divergence (see docs/sweeps.md).
    div = total.sel(outcome_analyzed="divergence")
    assert str(div.idxmax("parameter").values) == "actors.iran.susceptibility"
    assert ds.attrs["sobol_bootstrap_resamples"] == 200
    # The noise share, computed again from the stored per-point means and sds on
    # the A and B rows (points 0 … 2N − 1): mean(sd²) / replicates / var(means).
    n = 32
    for name in ("divergence", "affinity"):
        o = list(ds["outcome"].values).index(name)
        f, sd = ds["summary"].values[: 2 * n, o, 0], ds["summary"].values[: 2 * n, o, 1]
        expected = np.mean(sd ** 2) / 4 / np.var(f, ddof=1)
        stored = float(ds["sobol_noise_share"].sel(outcome_analyzed=name))
        assert stored == pytest.approx(expected, rel=1e-12)
        assert f"replicate noise: {100 * expected:.0f} % of the variance (sd² / 4 replicates per point)" in r.stdout
    # info gives the same share over every point that ran, for any sampler.
    summary, ok = ds["summary"].values, ds["status"].values == 0
    shares = [np.mean(summary[ok, o, 1] ** 2) / 4 / np.var(summary[ok, o, 0], ddof=1) for o in range(2)]
    assert (f"  replicate noise: divergence {100 * shares[0]:.0f} %, affinity {100 * shares[1]:.0f} % of each "
            "outcome's spread between points") in run_cli("info", out).stdout
    # No resamples, no intervals: printed without brackets and stored as NaN, not as zero-width ones.
    r = run_cli("analyze", out, "--bootstrap", 0)
    assert r.returncode == 0 and "no bootstrap, so no intervals: stored as NaN" in r.stdout and "[" not in r.stdout
    again = xr.load_dataset(out, engine="h5netcdf")
    assert np.array_equal(again["sobol_total"].values, ds["sobol_total"].values)
    assert np.isnan(again["sobol_total_low"].values).all() and np.isnan(again["sobol_first_high"].values).all()
    # An outcome that is one value on samples A and B has no variance to share out,
    # even where points of the A_B matrices differ; the message tells the two apart.
    import h5py
    import shutil
    edited = tmp_path / "edited.h5"
    shutil.copy(out, edited)
    with h5py.File(edited, "r+") as f:
        f["summary"][:, 0, 0] = 2.0  # divergence's mean: one value everywhere
        means = f["summary"][:, 1, 0]
        means[:] = 1.0
        means[2 * n + 5] = 0.5  # affinity's: one value but on one A_B point
        f["summary"][:, 1, 0] = means
    r = run_cli("analyze", edited, "--bootstrap", 0)
    assert r.returncode == 0, r.stderr
    assert "divergence: the same value (2) at every point; no variance to apportion" in r.stdout
    assert ("affinity: the same value (1) at all 64 points of samples A and B, whose variance the indices are shares "
            "of; indices undefined (stored as NaN). 1 of the other 96 points differ") in r.stdout
    r = run_cli("analyze", reference)
    assert r.returncode == 2 and "not a complete sobol sweep" in r.stderr
    r = run_cli("analyze", out, "--bootstrap", 100000000)  # hours of work: refused at once
    assert r.returncode == 2 and "--bootstrap = 100000000; expected 0 to 100000" in r.stderr, r.stderr


def test_emit_slurm_prints_a_filled_submit_script(run_cli, tmp_path, root):
    r = run_cli("sweep", SMALL, "-o", tmp_path / "out.h5", "--emit-slurm", "--shards", 3)
    assert r.returncode == 0, r.stderr
    s = r.stdout
    assert "#SBATCH --array=0-2" in s and "--dependency=afterok:${array_job}" in s
    assert f"--shard ${{SLURM_ARRAY_TASK_ID}}/3" in s and "--resume" in s
    assert str(root / SMALL) in s and str(tmp_path / "out.h5") in s and "@" not in s.replace("@vm", "")
    assert "merge" in s and ".shard-{0..2}.h5" in s
    # Each thread's memory, for the #SBATCH --mem line: twice the flagship's
    # 10 dense 11 × 11 matrices (a point's world and the copy simulated on).
    assert f"a copy of its state, {2 * 10 * 11 * 11 * 8 / 1000:.1f} KB beside" in s
    # What decides the sweep reaches the array tasks; what cannot work is refused here.
    design = tmp_path / "design.csv"
    assert run_cli("sweep", SMALL, "-o", design, "--plan-only").returncode == 0
    r = run_cli("sweep", SMALL, "-o", tmp_path / "out.h5", "--emit-slurm", "--design", design, "--set",
                "run.seed=3", "--profiles", "actors/profiles")
    assert r.returncode == 0, r.stderr
    assert f"--design '{design}'" in r.stdout and "--set 'run.seed=3'" in r.stdout
    assert f"--profiles '{root / 'actors/profiles'}'" in r.stdout
    r = run_cli("sweep", SMALL, "-o", tmp_path / "missing" / "out.h5", "--emit-slurm")
    assert r.returncode == 2 and "does not exist" in r.stderr and not r.stdout
    # More tasks than points would submit tasks that run nothing; --shard would be ignored.
    r = run_cli("sweep", SMALL, "-o", tmp_path / "out.h5", "--emit-slurm", "--shards", 25)
    assert r.returncode == 2 and "--shards 25 is more than the sweep's 24 points" in r.stderr and not r.stdout
    r = run_cli("sweep", SMALL, "-o", tmp_path / "out.h5", "--emit-slurm", "--shard", "1/3")
    assert r.returncode == 2 and "expected one or the other" in r.stderr and not r.stdout
    r = run_cli("sweep", "scenarios/sweeps/syria-2000.yaml", "-o", tmp_path / "out.h5", "--emit-slurm", "--shards",
                1500)
    assert r.returncode == 0 and "#SBATCH --array=0-1499" in r.stdout
    assert "needs a cluster whose MaxArraySize (slurm.conf; 1001 by default" in r.stderr, r.stderr


def test_emit_slurm_keeps_odd_paths_as_they_are(run_cli, tmp_path, root):
    # A path that holds a placeholder of the template stays as it is (filled
    # name by name, '@OUTPUT@' looped forever and '@SHARDS@' became '3').
    out = tmp_path / "@SHARDS@ @OUTPUT@ 100%u.h5"
    r = run_cli("sweep", SMALL, "-o", out, "--emit-slurm", "--shards", 3, timeout=30)
    assert r.returncode == 0, r.stderr
    assert f"-o '{out}'.shard-${{SLURM_ARRAY_TASK_ID}}.h5" in r.stdout
    assert f"merge '{out}'.shard-{{0..2}}.h5 -o '{out}'" in r.stdout
    # #SBATCH --output is a filename pattern, where %u is the user's name: the path's own % is doubled.
    pattern = str(out).replace("%", "%%")
    assert f'#SBATCH --output="{pattern}.shard-%a.log"' in r.stdout
    assert f'#SBATCH --output="{pattern}.merge.log"' in r.stdout
    # A line break in the sweep's path would end the script's comment and run the rest as a command.
    # In a job's words it would end the here-document sbatch reads at a line
    # 'SBATCH', and the submitting shell would run the next line.
    sweep = tmp_path / "odd\necho INJECTED\nSBATCH\necho INJECTED\n.yaml"
    sweep.write_text((root / SMALL).read_text().replace("scenario: ../../", f"scenario: {root}/"))
    r = run_cli("sweep", sweep, "-o", tmp_path / "out.h5", "--emit-slurm", "--shards", 2)
    assert r.returncode == 0, r.stderr
    generated = next(line for line in r.stdout.splitlines() if line.startswith("# Generated by"))
    assert "odd?echo INJECTED?SBATCH?echo INJECTED?.yaml -o" in generated and generated.endswith("--shards 2`;"), generated
    # Submitted through a stand-in sbatch that keeps each job script: the
    # submitting shell runs nothing of the path, and each job script parses.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "sbatch").write_text('#!/bin/sh\nn=$(ls "$JOBS" | wc -l)\ncat > "$JOBS/job-$n.sh"\necho "$n"\n')
    (bin_dir / "sbatch").chmod(0o755)
    jobs = tmp_path / "jobs"
    jobs.mkdir()
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}", JOBS=str(jobs))
    done = subprocess.run(["bash", "-c", r.stdout], env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0 and done.stdout == "submitted array job 0 (2 shards) and merge job 1\n", done
    # Each job's command gives the program the same words (printf in its place).
    env = dict(os.environ, SLURM_ARRAY_TASK_ID="1")
    for job, words in zip(sorted(jobs.iterdir()), (["sweep", str(sweep), "--shard", "1/2", "-o", f"{tmp_path}/out.h5.shard-1.h5"],
                                                  ["merge", f"{tmp_path}/out.h5.shard-0.h5"])):
        text = job.read_text()
        command = text[text.index("\nexec ") + len("\nexec "):]
        program = command.split()[0]
        given = subprocess.run(["bash", "-c", "printf '%s\\0' " + command[len(program):]], env=env, capture_output=True,
                               text=True, check=True).stdout.split("\0")
        assert given[:len(words)] == words, (text, given)
    # sbatch drops a backslash from a log's path, and then stops expanding %a: every task would write one log.
    r = run_cli("sweep", SMALL, "-o", tmp_path / "a\\b.h5", "--emit-slurm")
    assert r.returncode == 2 and "holds a backslash, which an #SBATCH line cannot carry" in r.stderr and not r.stdout
    r = run_cli("sweep", SMALL, "-o", tmp_path / 'a"b.h5', "--emit-slurm")
    assert r.returncode == 2 and "holds a '\"', which an #SBATCH line cannot carry" in r.stderr and not r.stdout


def test_validate_checks_sweeps_and_each_command_names_the_other_kind(run_cli, root):
    r = run_cli("validate", SMALL)
    assert r.returncode == 0, r.stderr
    assert "valid sweep" in r.stdout and "scenarios/syria-2016-17.yaml" in r.stdout and ".." not in r.stdout
    assert re.search(r"design: +\d+ points \(\w+\) × \d+ replicates = \d+ runs", r.stdout), r.stdout
    # A sweep handed to run, or a scenario handed to sweep: one message that says which command fits.
    r = run_cli("run", SMALL, "-o", "unused.h5")
    assert r.returncode == 2 and r.stderr.count("error:") == 1 and f"diplosim sweep {SMALL}" in r.stderr, r.stderr
    r = run_cli("sweep", "scenarios/syria-2016-17.yaml", "-o", "unused.h5")
    assert r.returncode == 2 and r.stderr.count("error:") == 1, r.stderr
    assert "diplosim run scenarios/syria-2016-17.yaml" in r.stderr, r.stderr
    # The 'diplosim_sweep: 1' line is optional: a sweep without it is still told by its keys.
    plain = "tests/sweeps/bad/unknown-negotiation.yaml"
    assert "diplosim_sweep" not in (root / plain).read_text()
    r = run_cli("run", plain, "-o", "unused.h5")
    assert r.returncode == 2 and r.stderr.count("error:") == 1 and f"diplosim sweep {plain}" in r.stderr, r.stderr
    r = run_cli("validate", plain)
    assert r.returncode == 2 and r.stderr.count("error:") == 1 and "unknown negotiation 'astana'" in r.stderr


def test_a_calendar_parameter_runs_when_outcomes_are_read_at_the_end(run_cli, root, tmp_path):
    # Only calendars whose outcomes and trajectories need no shared time index may be
    # swept (tests/sweeps/bad/calendar-with-a-dated-outcome.yaml is the other case):
    # each point's outcome is then its own end, which `run` reproduces.
    sweep = tmp_path / "horizon.yaml"
    sweep.write_text(f"""scenario: {root}/scenarios/syria-2016-17.yaml
parameters:
  calendar.step: {{levels: [1, 3]}}
sampler: {{method: grid}}
replicates: 2
seed: 4
outcomes:
  militias: {{forecast: militia_presence}}
""")
    out = tmp_path / "horizon.h5"
    r = run_cli("sweep", sweep, "-o", out)
    assert r.returncode == 0, r.stderr
    with h5py.File(out, "r") as f:
        seeds = f["point_seed"][:]
        summary = f["summary"][:]
    for point, step in enumerate((1, 3)):
        run = tmp_path / f"p{point}.h5"
        r = run_cli("run", "scenarios/syria-2016-17.yaml", "-o", run, "-r", 2, "--seed", int(seeds[point]),
                    "--set", f"calendar.step={step}", "--record", "forecast", "-q")
        assert r.returncode == 0, r.stderr
        with h5py.File(run, "r") as f:
            militias = f["forecast"][:, -1, 1] * 1.0
        assert summary[point, 0, 0] == pytest.approx(militias.mean(), abs=1e-12)


def test_a_sobol_base_size_that_is_not_a_power_of_two_gets_a_note(run_cli, root, tmp_path):
    text = (root / "tests/sweeps/sobol.yaml").read_text()
    assert "points: 32" in text
    odd = tmp_path / "odd.yaml"
    odd.write_text(text.replace("points: 32", "points: 33").replace("scenario: ../", f"scenario: {root}/tests/"))
    r = run_cli("validate", odd)
    assert r.returncode == 0, r.stderr
    assert "note:       sobol points N = 33 is not a power of two" in r.stdout and "N = 32 or 64" in r.stdout
    r = run_cli("validate", "tests/sweeps/sobol.yaml")
    assert r.returncode == 0 and "note:" not in r.stdout


def test_the_base_scenarios_notes_are_shown_for_its_sweep(run_cli, tmp_path):
    # One-issue nash from the forecast (a note on the scenario) swept over its acceptance slope.
    (tmp_path / "talks.yaml").write_text(
        "calendar: {start: 2020-01-01, end: 2020-02-01}\ndimensions: {x: {low: a, high: b}}\nactors:\n"
        "  p: {capability: {military: 1}, position: {x: 0.3}}\n  q: {capability: {military: 2}, position: {x: 0.9}}\n"
        "events:\n  - {name: talks, type: negotiation, date: 2020-01-10, participants: all, agenda: x, protocol: nash}\n")
    sweep = tmp_path / "sweep.yaml"
    sweep.write_text("scenario: talks.yaml\nparameters:\n  events.talks.acceptance_slope: {uniform: [1, 9]}\n"
                     "sampler: {method: lhs, points: 4}\nreplicates: 2\noutcomes:\n  agreed: {agreement: talks}\n")
    note = "talks.yaml:7:96: negotiation 'talks' bargains by nash from the forecast: "
    direct = run_cli("validate", tmp_path / "talks.yaml")
    assert note in direct.stdout, direct.stdout
    v = run_cli("validate", sweep)
    assert v.returncode == 0 and f"note:       {tmp_path}/{note}" in v.stdout, v.stdout
    r = run_cli("sweep", sweep, "-o", tmp_path / "s.h5")
    assert r.returncode == 0 and r.stderr.count(note) == 1, r.stderr
    q = run_cli("sweep", sweep, "-o", tmp_path / "q.h5", "-q")
    assert q.returncode == 0 and note not in q.stderr, q.stderr
    # The sweep the note warned of: no agreement at any point.
    import h5py
    with h5py.File(tmp_path / "s.h5") as f:
        names = [n.decode() if isinstance(n, bytes) else n for n in f["outcome"][:]]
        stats = [n.decode() if isinstance(n, bytes) else n for n in f["statistic"][:]]
        assert (f["summary"][:, names.index("agreed"), stats.index("mean")] == 0).all()
