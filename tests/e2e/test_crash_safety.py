"""Crash-safe output: signals, kills, size limits and unwritable places never
leave a wrong or half-written result under the final name."""
import re
import resource
import signal
import socket
import subprocess
import time

import h5py

FLAGSHIP = "scenarios/syria-2016-17.yaml"


def long_run(diplosim_bin, root, out, *extra):
    return subprocess.Popen([diplosim_bin, "run", FLAGSHIP, "-o", str(out), "-r", "100000", "--threads", "2", *extra],
                            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_sigterm_stops_cleanly(diplosim_bin, root, tmp_path):
    out = tmp_path / "r.h5"
    p = long_run(diplosim_bin, root, out, "--record", "forecast")
    time.sleep(1.0)
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 143, err
    assert "interrupted (signal 15); no result written" in err
    assert not any(tmp_path.iterdir())


def test_a_signal_delivered_twice_at_once_still_stops_cleanly(diplosim_bin, root, tmp_path):
    """timeout(1) signals its child and then the child's process group: two SIGTERMs
    microseconds apart are one request, not a second that ends the process at once
    (which left a temporary file and no message in about one run in five)."""
    out = tmp_path / "r.h5"
    p = long_run(diplosim_bin, root, out, "--record", "forecast")
    time.sleep(1.0)
    p.send_signal(signal.SIGTERM)
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 143 and "interrupted (signal 15); no result written" in err, (p.returncode, err)
    assert not any(tmp_path.iterdir())
    # The same through the real timeout(1), at several moments of the run.
    for seconds in ("1.0", "1.4", "1.8", "2.2"):
        r = subprocess.run(["timeout", "--preserve-status", seconds, diplosim_bin, "run", FLAGSHIP, "-o", str(out),
                            "-r", "100000", "--record", "forecast"], cwd=root, capture_output=True, text=True)
        assert r.returncode == 143 and "no result written" in r.stderr, (seconds, r.returncode, r.stderr)
        assert not any(tmp_path.iterdir()), seconds


def test_sigkill_leaves_only_a_temporary_that_the_next_run_removes(diplosim_bin, root, tmp_path, run_cli):
    out = tmp_path / "r.h5"
    p = long_run(diplosim_bin, root, out, "--record", "forecast")
    time.sleep(1.0)
    p.send_signal(signal.SIGKILL)
    p.wait()
    left = list(tmp_path.iterdir())
    assert not out.exists()
    assert len(left) == 1 and ".partial-" in left[0].name  # at most a temporary file
    assert left[0].name == f"r.h5.partial-{socket.gethostname()}-{p.pid}", left[0].name
    r = run_cli("run", FLAGSHIP, "-o", out, "-r", 3)
    assert r.returncode == 0, r.stderr
    assert f"removing '{left[0]}', left by an interrupted run" in r.stderr
    assert list(tmp_path.iterdir()) == [out]
    with h5py.File(out) as f:
        assert f.attrs["replicates"] == 3


def test_a_temporary_from_another_machine_is_left_alone(run_cli, tmp_path):
    # On a folder other machines share (NFS, a cluster's scratch) a temporary
    # may belong to a run still writing elsewhere: its process number means
    # nothing here. This machine's own stale temporaries, and ones named as
    # earlier versions named them (no host), are removed as before.
    out = tmp_path / "r.h5"
    foreign = tmp_path / "r.h5.partial-node-17.cluster-4242"
    own = tmp_path / f"r.h5.partial-{socket.gethostname()}-999999998"
    legacy = tmp_path / "r.h5.partial-999999999"
    for f in (foreign, own, legacy):
        f.write_bytes(b"half a result")
    r = run_cli("run", FLAGSHIP, "-o", out, "-r", 2, "-q")
    assert r.returncode == 0, r.stderr
    assert (f"leaving '{foreign}': written by process 4242 on node-17.cluster, which this machine cannot check; "
            "remove it once that run has ended") in r.stderr, r.stderr
    assert f"removing '{own}'" in r.stderr and f"removing '{legacy}'" in r.stderr
    assert sorted(tmp_path.iterdir()) == sorted([out, foreign])


def test_a_signal_while_loading_ends_the_process_at_once(diplosim_bin, root, tmp_path):
    # Building a network of 2 million agents takes seconds; nothing polls for
    # signals while a scenario loads, so Ctrl-C must end the process there and
    # then (killed by the signal), not be remembered until the load is done.
    scenario = tmp_path / "slow.yaml"
    scenario.write_text("""calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions: {d: {low: a, high: b}}
actors:
  alpha: {capability: {military: 1}, position: {d: 0.2}}
populations:
  crowd: {actor: alpha, size: 2000000, network: {model: scale_free, links: 5}}
""")
    out = tmp_path / "r.h5"
    for command in (["validate", scenario], ["run", scenario, "-o", out, "-q"]):
        p = subprocess.Popen([diplosim_bin, *map(str, command)], cwd=root, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        time.sleep(0.5)
        assert p.poll() is None, "the scenario loaded before the signal; make its network larger"
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=60)
        assert p.returncode == -signal.SIGINT, (command[0], p.returncode, err)
    assert sorted(f.name for f in tmp_path.iterdir()) == ["slow.yaml"]  # nothing written, nothing left


def test_file_size_limit_gives_a_clear_error_and_no_file(diplosim_bin, root, tmp_path):
    out = tmp_path / "r.h5"
    limit = 2_000_000  # bytes; the full recording of 200 replicates is far larger

    def cap():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    r = subprocess.run([diplosim_bin, "run", FLAGSHIP, "-o", str(out), "-r", "200"], cwd=root, capture_output=True,
                       text=True, preexec_fn=cap, timeout=120)
    assert r.returncode == 1, r.stderr
    assert "(disk full or a file-size limit?); no file was left under that name" in r.stderr
    assert not any(tmp_path.iterdir())


def test_unwritable_place_gives_a_clear_error(run_cli):
    # /proc refuses new files even to root (plain folder permissions do not stop root).
    r = run_cli("run", FLAGSHIP, "-o", "/proc/diplosim-result.h5", "-r", 1)
    assert r.returncode == 2
    assert "cannot create '/proc/diplosim-result.h5.partial-" in r.stderr


def test_nan_at_run_time_names_actor_variable_and_date(run_cli, tmp_path):
    scenario = tmp_path / "overflow.yaml"
    # Valid numbers whose product overflows: c = 1e308 × 2 = inf.
    scenario.write_text("""calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions: {d: {low: a, high: b}}
actors:
  alpha: {capability: {military: 2}, position: {d: 0.2}}
  beta: {capability: {military: 1}, position: {d: 0.8}}
relations: {defaults: {affinity: 0.5}}
mechanisms: {capability_weights: {military: 1e308, economic: 0, diplomatic: 0}}
""")
    out = tmp_path / "r.h5"
    r = run_cli("run", scenario, "-o", out, "-r", 2)
    assert r.returncode == 1
    assert "run failed: non-finite capability for actor 'alpha' on 2020-01-02" in r.stderr
    assert not out.exists() and not any(p.name.startswith("r.h5") for p in tmp_path.iterdir())


def test_absurd_sizes_are_refused_up_front(run_cli, tmp_path):
    out = tmp_path / "r.h5"
    start = time.time()
    r = run_cli("run", FLAGSHIP, "-o", out, "-r", 10_000_000)
    assert r.returncode == 2 and time.time() - start < 10
    assert "the output would hold about 5.7 TB uncompressed" in r.stderr
    assert "--record position,forecast" in r.stderr and "--every 7" in r.stderr
    assert "--record actors,tables leaves out the actor × actor matrices" in r.stderr
    # The advice holds: the light record of the same run is estimated at under a third of the bytes.
    light = run_cli("run", FLAGSHIP, "-o", out, "-r", 10_000_000, "--record", "actors,tables")
    assert light.returncode == 2
    estimate = re.search(r"the output would hold about ([0-9.]+) TB uncompressed", light.stderr)
    assert estimate and float(estimate.group(1)) * 3 < 5.7, light.stderr
    r = run_cli("run", FLAGSHIP, "-o", out, "-r", 100, "--max-output", "1M")
    assert r.returncode == 2 and "the limit is 1.0 MB" in r.stderr
    r = run_cli("run", FLAGSHIP, "-o", out, "-r", 100, "--max-output", "lots")
    assert r.returncode == 2 and "--max-output: got 'lots'" in r.stderr
    # Recordings held in memory while they wait to be written: 11 actors, 5 dimensions, 1 ceasefire,
    # 90 time points: (3·55 + 11 + 5·121 + 5 + 1) doubles × 90 = 566,640 bytes a replicate; 2 threads
    # hold 2·8 + 2 = 18 (batches of 8 fit in 64 MB) as encoded chunks of at most that size, and each of
    # the 2 threads the values it records into, and its copy of the state (10 · 121 doubles):
    # (18 + 2) · 566,640 + 2 · 9,680 = 11.35 MB.
    r = run_cli("run", FLAGSHIP, "-o", out, "-r", 100, "--threads", 2, "--max-memory", "10M")
    assert r.returncode == 2, r.stderr
    assert "each replicate's recording takes about 566.6 KB in memory until it is written (11 actors" in r.stderr
    assert "18 are held at once with --threads 2: about 11.4 MB as encoded chunks, beside each thread's values " \
           "as it records them, more than the 10.0 MB of --max-memory" in r.stderr
    assert "--threads 1" in r.stderr and "--every 7" in r.stderr
    assert run_cli("run", FLAGSHIP, "-o", out, "-r", 100, "--threads", 1, "--max-memory", "10M").returncode == 0
    out.unlink()
    r = run_cli("run", FLAGSHIP, "-o", out, "--max-memory", "much")
    assert r.returncode == 2 and "--max-memory: got 'much'" in r.stderr
    assert not any(tmp_path.iterdir())
    sweep = tmp_path / "big.yaml"
    sweep.write_text(f"""scenario: {root_path()}/scenarios/syria-2016-17.yaml
parameters:
  actors.iran.susceptibility: {{uniform: [0.1, 0.5]}}
  actors.russia.susceptibility: {{uniform: [0.1, 0.5]}}
  actors.turkey.susceptibility: {{uniform: [0.1, 0.5]}}
sampler: {{method: grid, levels: 1000}}
outcomes:
  d: {{divergence: [russia, iran]}}
""")
    r = run_cli("sweep", sweep, "-o", out)
    assert r.returncode == 2 and "big.yaml:6:10: error: the design would have 1000000000 points; expected at most 1000000" in r.stderr



def test_large_recordings_are_estimated_held_once(run_cli, tmp_path):
    # Over 64 MB a replicate's values are freed as they are compressed, so the
    # estimate counts each replicate once, plus each worker's largest variable.
    n, days = 400, 91
    table = tmp_path / "t.csv"
    table.write_text("Actor,Power,Pstn1,Sal1\n" + "".join(f"a{i},{1 + i % 50},{i % 100},0.5\n" for i in range(n)))
    scenario = tmp_path / "wide.yaml"
    scenario.write_text("calendar: {start: 2020-01-01, end: 2020-04-01}\n"
                        "dimensions: {e: {low: low, high: high, range: [0, 100]}}\n"
                        "actors_from: {file: t.csv, dimensions: [e]}\n")
    times = days + 1
    per_replicate = (3 * n + n + 5 * n * n + 1) * 8 * times  # position, anchor, salience; capability; 5 N×N; forecast
    largest = n * n * 8 * times
    held, threads = 4, 2                                       # threads + 2 when a replicate alone passes 64 MB
    state = 10 * n * n * 8                                     # each worker's 10 dense actor × actor matrices
    total = held * per_replicate + threads * largest + threads * state
    r = run_cli("run", scenario, "-o", tmp_path / "w.h5", "-r", 6, "--threads", threads, "--max-memory", "1G")
    assert r.returncode == 2, r.stderr
    assert f"takes about {per_replicate / 1e6:.1f} MB in memory" in r.stderr, r.stderr
    assert (f"{held} are held at once with --threads 2, beside each thread's copy of the state "
            f"({state / 1e6:.1f} MB: {n} actors' dense actor × actor matrices): about {total / 1e9:.1f} GB (each once: its values are "
            "freed as they are compressed), more than the 1.0 GB of --max-memory") in r.stderr, r.stderr
    assert not (tmp_path / "w.h5").exists()

def test_each_threads_copy_of_a_large_actor_state_is_counted(run_cli, tmp_path):
    # 2,000 actors: 10 dense actor × actor matrices, 320 MB, which every worker
    # thread copies to simulate on. With only the forecast recorded, that state
    # is nearly all of a run's memory: two threads need 640 MB, one 320 MB.
    n = 2000
    scenario = tmp_path / "wide.yaml"
    scenario.write_text("calendar: {start: 2020-01-01, end: 2020-01-03}\ndimensions: {d: {low: a, high: b}}\nactors:\n" +
                        "".join(f"  a{i}: {{capability: {{military: 1}}, position: {{d: 0.5}}}}\n" for i in range(n)))
    out = tmp_path / "w.h5"
    r = run_cli("run", scenario, "-o", out, "-r", 2, "--threads", 2, "--record", "forecast", "--max-memory", "500M")
    assert r.returncode == 2, r.stderr
    assert "are held at once with --threads 2, beside each thread's copy of the state (320.0 MB: 2000 actors' " \
           "dense actor × actor matrices): about 640.0 MB" in r.stderr, r.stderr
    assert not out.exists()
    r = run_cli("run", scenario, "-o", out, "-r", 2, "--threads", 1, "--record", "forecast", "--max-memory", "500M", "-q")
    assert r.returncode == 0, r.stderr


def test_a_run_larger_than_the_free_disk_is_warned_of_before_it_starts(run_cli, tmp_path):
    # Twice the free space at 566,640 bytes a replicate (every variable of the
    # flagship, uncompressed): warned of, even with -q, before the run starts;
    # here the memory check then stops it, so nothing is written.
    import shutil
    replicates = 2 * shutil.disk_usage(tmp_path).free // 566_640 + 1
    r = run_cli("run", FLAGSHIP, "-o", tmp_path / "big.h5", "-r", replicates, "--max-output", "1000T",
                "--max-memory", "1M", "-q")
    assert r.returncode == 2, r.stderr
    assert "warning: the output may take up to " in r.stderr, r.stderr
    assert f" uncompressed, and the file system holding {tmp_path} has " in r.stderr, r.stderr
    assert "if the disk fills, the run stops with 'disk full' and leaves no result" in r.stderr
    assert not any(tmp_path.iterdir())
    r = run_cli("run", FLAGSHIP, "-o", tmp_path / "small.h5", "-r", 2, "-q")
    assert r.returncode == 0 and r.stderr == "", r.stderr


def test_a_memory_cgroup_limit_is_what_a_run_may_take(run_cli, tmp_path, memory_cgroup):
    # A container, a systemd unit or Slurm's cgroup plugin holds a process below
    # what the machine has free, and the kernel kills it at the limit. 1,000
    # actors: 80 MB of dense state per copy, which the loaded world already holds
    # once; two threads need two more copies (160 MB), more than a 200 MB cgroup
    # leaves, on a machine with gigabytes free.
    with open("/proc/meminfo") as f:
        available = next(int(line.split()[1]) * 1024 for line in f if line.startswith("MemAvailable:"))
    assert available > 1e9, "the refusal below must come from the cgroup, not the machine"
    sweep = wide_sweep(tmp_path)
    folder, join = memory_cgroup(200_000_000)
    out = tmp_path / "w.h5"
    r = run_cli("run", tmp_path / "wide.yaml", "-o", out, "-r", 2, "--threads", 2, "--record", "forecast",
                preexec_fn=join)
    assert r.returncode == 2, r.stderr
    assert "beside each thread's copy of the state (80.0 MB: 1000 actors' dense actor × actor matrices): " \
           "about 160.0 MB" in r.stderr, r.stderr
    assert f"this process's memory cgroup leaves ({folder}: limit 200.0 MB, " in r.stderr, r.stderr
    assert "or raise that cgroup's limit (the container's or job's memory)." in r.stderr  # not --max-memory
    assert not out.exists()
    r = run_cli("sweep", sweep, "-o", tmp_path / "s.h5", "--threads", 1, "-q", preexec_fn=join)
    assert r.returncode == 2, r.stderr
    assert f"with --threads 1, more than the " in r.stderr and f"memory cgroup leaves ({folder}: limit 200.0 MB" \
        in r.stderr, r.stderr
    # 3,000 actors' state (720 MB) is refused while loading, before it is allocated.
    wide_sweep(tmp_path, n=3000)
    r = run_cli("validate", tmp_path / "wide.yaml", preexec_fn=join)
    assert r.returncode == 2, r.stderr
    assert "3000 actors need about 720.0 MB for their state (10 dense actor × actor matrices), more than the " \
           in r.stderr and f"memory cgroup leaves ({folder}: limit 200.0 MB" in r.stderr, r.stderr
    wide_sweep(tmp_path)
    # Under a limit with room for both threads, the same run goes ahead.
    _, join_roomy = memory_cgroup(1_000_000_000)
    r = run_cli("run", tmp_path / "wide.yaml", "-o", out, "-r", 2, "--threads", 2, "--record", "forecast", "-q",
                preexec_fn=join_roomy)
    assert r.returncode == 0, r.stderr
    assert h5py.File(out)["forecast"].shape == (2, 3, 1)


def wide_sweep(folder, n=1000):
    """A 2-point sweep of a scenario with n actors and nothing else (1,000: 80 MB of
    dense actor × actor state per copy)."""
    (folder / "wide.yaml").write_text(
        "calendar: {start: 2020-01-01, end: 2020-01-03}\ndimensions: {d: {low: a, high: b}}\nactors:\n" +
        "".join(f"  a{i}: {{capability: {{military: 1}}, position: {{d: 0.5}}}}\n" for i in range(n)))
    sweep = folder / "sweep.yaml"
    sweep.write_text("diplosim_sweep: 1\nscenario: wide.yaml\n"
                     "parameters: {mechanisms.conflict.violation_rate: {uniform: [0.01, 0.1]}}\n"
                     "sampler: {method: random, points: 2}\nreplicates: 1\nseed: 1\noutcomes: {f: {forecast: d}}\n")
    return sweep


def test_a_sweep_counts_each_threads_copies_of_a_large_actor_state(run_cli, tmp_path):
    # Each sweep thread binds a point's own world and simulates on a copy of its
    # state, 160 MB a thread at 1,000 actors: two threads do not fit in 300 MB, one does.
    sweep = wide_sweep(tmp_path)
    out = tmp_path / "s.h5"
    r = run_cli("sweep", sweep, "-o", out, "--threads", 2, "--max-memory", "300M", "-q")
    assert r.returncode == 2, r.stderr
    assert ("a copy of its state to simulate on: 160.0 MB for 1000 actors' dense actor × actor matrices, so "
            "320.0 MB with --threads 2, more than the 300.0 MB of --max-memory.\n  Use --threads 1") in r.stderr, r.stderr
    assert not out.exists()
    r = run_cli("sweep", sweep, "-o", out, "--threads", 2, "--max-memory", "100M", "-q")
    assert r.returncode == 2 and "Even one thread needs more" in r.stderr, r.stderr
    r = run_cli("sweep", sweep, "-o", out, "--threads", 1, "--max-memory", "300M", "-q")
    assert r.returncode == 0, r.stderr
    assert out.exists()
    r = run_cli("sweep", sweep, "-o", out, "--force", "--max-memory", "lots")
    assert r.returncode == 2 and "--max-memory: got 'lots'" in r.stderr, r.stderr


def test_population_agents_are_counted_in_each_threads_state(run_cli, tmp_path):
    # 1,000,000 agents on 5 dimensions: 40 MB of positions and 40 MB of step workspace in every
    # copy of the state, against kilobytes for the 2 actors. A run's thread simulates on one copy
    # (measured: 78 MB more peak RSS for a second thread); a sweep's thread also holds its point's
    # world, with the agents' anchors: 2 · 80 + 40 = 200 MB (measured: 195 MB).
    dims = "".join(f"  d{k}: {{low: l, high: h}}\n" for k in range(5))
    scenario = tmp_path / "people.yaml"
    scenario.write_text("calendar: {start: 2020-01-01, end: 2020-01-03}\ndimensions:\n" + dims +
                        "actors:\n" + "".join(f"  {a}: {{capability: {{military: 1}}, position: {{" +
                                               ", ".join(f"d{k}: {x}" for k in range(5)) + "}}\n"
                                               for a, x in (("x", 0.2), ("y", 0.8))) +
                        "populations:\n  people: {actor: x, size: 1000000, "
                        "network: {model: small_world, degree: 4, rewire: 0.1, seed: 1}}\n")
    out = tmp_path / "r.h5"
    r = run_cli("run", scenario, "-o", out, "-r", 2, "--threads", 2, "--record", "forecast", "--max-memory", "150M")
    assert r.returncode == 2, r.stderr
    assert ("beside each thread's copy of the state (80.0 MB: 2 actors' dense actor × actor matrices and 1000000 "
            "agents' positions): about 160.0 MB") in r.stderr, r.stderr
    assert not out.exists()
    sweep = tmp_path / "sweep.yaml"
    sweep.write_text("diplosim_sweep: 1\nscenario: people.yaml\n"
                     "parameters: {mechanisms.conflict.violation_rate: {uniform: [0.01, 0.1]}}\n"
                     "sampler: {method: random, points: 2}\nreplicates: 1\nseed: 1\noutcomes: {f: {forecast: d0}}\n")
    r = run_cli("sweep", sweep, "-o", tmp_path / "s.h5", "--threads", 2, "--max-memory", "300M", "-q")
    assert r.returncode == 2, r.stderr
    assert ("200.0 MB for 2 actors' dense actor × actor matrices and 1000000 agents' positions, so 400.0 MB with "
            "--threads 2, more than the 300.0 MB of --max-memory.\n  Use --threads 1") in r.stderr, r.stderr
    assert not (tmp_path / "s.h5").exists()


def test_mpi_ranks_sharing_a_node_are_counted_together(diplosim_bin, root, mpi_env, tmp_path):
    # The same 160 MB a thread as above: one rank with one thread fits in 300 MB,
    # two ranks on this one node do not, and every rank stops (exit 2) with one message.
    sweep = wide_sweep(tmp_path)
    out = tmp_path / "s.h5"

    def mpirun(limit):
        return subprocess.run(["mpirun", "-n", "2", diplosim_bin, "sweep", str(sweep), "-o", str(out), "--threads", "1",
                               "--max-memory", limit, "-q"],
                              cwd=root, env=mpi_env, capture_output=True, text=True, timeout=300)

    r = mpirun("300M")
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr.count("diplosim: error:") == 1, r.stderr
    assert ("160.0 MB for 1000 actors' dense actor × actor matrices, so 320.0 MB with --threads 1 and 2 ranks on "
            "this node, more than the 300.0 MB of --max-memory.\n  Even one thread a rank needs more: start fewer "
            "ranks on a node") in r.stderr, r.stderr
    assert not out.exists()
    r = mpirun("400M")
    assert r.returncode == 0, r.stdout + r.stderr
    assert out.exists()


def root_path():
    import pathlib
    return pathlib.Path(__file__).resolve().parents[2]


def test_two_runs_to_one_output_never_replace_each_other(diplosim_bin, root, tmp_path):
    """Both runs find the output free when they start; without --force the one that finishes second must not put
    its result in place of the first's (seeds differ, so the file tells which one it holds)."""
    out = tmp_path / "r.h5"
    runs = [subprocess.Popen([diplosim_bin, "run", FLAGSHIP, "-o", str(out), "-r", "400", "--seed", str(seed),
                              "--threads", "1", "-q"], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for seed in (1, 2)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in runs]
    won = [i for i, (code, _) in enumerate(results) if code == 0]
    assert len(won) == 1, results
    code, err = results[1 - won[0]]
    # Usually both pass the first check and the second finds the file at its rename; a late start is refused at once.
    assert (code == 1 and "appeared while this command wrote its result" in err) or \
        (code == 2 and "already exists" in err), results
    with h5py.File(out) as f:
        assert int(f.attrs["seed"]) == won[0] + 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.h5"]


def test_a_damaged_result_is_named_so_not_a_crash(run_cli, tmp_path, damaged_copy):
    # A result altered after it was written (a bad copy, a failing disk) can crash
    # the HDF5 library itself. The commands that read results read in a child
    # process first; a crash there is reported as the file's damage, exit 2.
    sweep = tmp_path / "s.h5"
    assert run_cli("sweep", "tests/sweeps/small.yaml", "-o", sweep, "--quiet").returncode == 0
    damaged = damaged_copy(sweep, tmp_path / "damaged.h5")
    r = run_cli("info", damaged)
    assert r.returncode == 2, r.stderr
    assert f"error: '{damaged}' is damaged: the HDF5 library crashed reading it (Segmentation fault)" in r.stderr
    assert "Copy it again from where it was made, or make it again" in r.stderr and r.stdout == ""
    before = damaged.read_bytes()
    for args in (["analyze", damaged], ["merge", damaged, "-o", tmp_path / "m.h5"]):
        r = run_cli(*args)
        assert r.returncode == 2 and "error:" in r.stderr and str(damaged) in r.stderr, (args, r.stderr)
    assert damaged.read_bytes() == before and not (tmp_path / "m.h5").exists()
    # The sound file reads as before, through the same child.
    r = run_cli("info", sweep)
    assert r.returncode == 0 and "kind:            sweep" in r.stdout, r.stderr
