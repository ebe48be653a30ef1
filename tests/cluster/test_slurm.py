"""A sweep submitted to a real single-node Slurm as a job array of 4 shards plus
a dependent merge job, compared with the single-process run."""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import h5py
import numpy as np
import pytest

sys.path.insert(0, os.path.dirname(__file__))
from slurm_cluster import SlurmCluster  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
SWEEP = "tests/sweeps/small.yaml"


@pytest.fixture
def cluster():
    # munged refuses a socket folder inside a private (0700) tree such as pytest's tmp_path.
    root = tempfile.mkdtemp(prefix="diplosim-slurm-")
    os.chmod(root, 0o755)
    c = SlurmCluster(root)
    try:
        c.start()
    except RuntimeError as e:
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(str(e))  # never skipped: a cluster that cannot start is a failure, with its logs
    yield c
    c.stop()
    shutil.rmtree(root, ignore_errors=True)


def test_job_array_and_merge_match_the_single_process_run(cluster, diplosim_bin, tmp_path):
    binary = diplosim_bin
    # A --set must reach the array tasks, and a folder with a space and a quote
    # in its name must survive the script's shell words and #SBATCH lines, as
    # must a '%' (the start of a Slurm filename pattern: %u is the user's name).
    overrides = ["--set", "mechanisms.affinity.rate=0.05", "--set", "metadata.title=Bob's sweep"]
    single = tmp_path / "single.h5"
    subprocess.run([binary, "sweep", SWEEP, "-o", str(single), "--threads", "1", "--quiet", *overrides], cwd=ROOT,
                   check=True)
    results = tmp_path / "Bob's results"
    results.mkdir()
    out = results / "cluster 100%u.h5"
    script = subprocess.run([binary, "sweep", SWEEP, "-o", str(out), "--emit-slurm", "--shards", "4", *overrides],
                            cwd=ROOT, check=True, capture_output=True, text=True).stdout
    (tmp_path / "submit.sh").write_text(script)
    # sbatch passes the submitting environment to the tasks: a progress line per point rather than per minute.
    env = dict(cluster.env, DIPLOSIM_PROGRESS_INTERVAL="0.001")
    r = subprocess.run(["bash", str(tmp_path / "submit.sh")], cwd=tmp_path, env=env, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr + cluster.logs()
    words = r.stdout.split()
    array_job, merge_job = words[3], words[-1]
    cluster.wait([array_job, merge_job], timeout=300)
    logs = "\n".join(p.read_text() for p in results.glob("cluster 100%u.h5.*.log"))
    assert out.exists(), f"no merged file; job logs:\n{logs}\n{cluster.logs()}"
    with h5py.File(single) as a, h5py.File(out) as b:
        assert b.attrs["kind"] == "sweep"
        for k in ["design", "summary", "status", "point_seed", "forecast_median"]:
            assert np.array_equal(a[k][...], b[k][...], equal_nan=True), k
    for i in range(4):
        assert (results / f"cluster 100%u.h5.shard-{i}.h5").exists()
        log = (results / f"cluster 100%u.h5.shard-{i}.log").read_text()  # how far the task got, then what it wrote
        assert "progress: " in log and f"points × 4 replicates (lhs), shard {i}/4" in log, log
    assert "Wrote " in (results / "cluster 100%u.h5.merge.log").read_text()
    with h5py.File(single) as a, h5py.File(out) as b:
        assert "  affinity:\n    rate: 0.05\n" in b.attrs["scenario_resolved"]
        assert b.attrs["scenario_resolved"] == a.attrs["scenario_resolved"]
    # The merge (--dependency=afterok) started only after every array task had ended.
    def times(job, field):
        text = subprocess.run(["scontrol", "show", "job", job], env=cluster.env, capture_output=True, text=True).stdout
        return [w.split("=", 1)[1] for w in text.split() if w.startswith(field + "=")]
    ends = times(array_job, "EndTime")
    assert len(ends) == 4, ends
    assert times(merge_job, "StartTime")[0] >= max(ends)
    assert all(s == "COMPLETED" for s in times(array_job, "JobState") + times(merge_job, "JobState"))


def test_a_job_takes_only_the_memory_it_was_given(cluster, diplosim_bin, tmp_path):
    # Without the cgroup plugin nothing but diplosim's own check keeps a job
    # within --mem: 1,000 actors need 80 MB of state per thread beside the
    # loaded world, so a run with 2 threads is refused under --mem=100 (MiB)
    # and goes ahead under --mem=1000, each job checked against its own memory.
    n = 1000
    (tmp_path / "wide.yaml").write_text(
        "calendar: {start: 2020-01-01, end: 2020-01-03}\ndimensions: {d: {low: a, high: b}}\nactors:\n" +
        "".join(f"  a{i}: {{capability: {{military: 1}}, position: {{d: 0.5}}}}\n" for i in range(n)))
    jobs = {}
    for mem in [100, 1000]:
        run = f"{diplosim_bin} run wide.yaml -o w{mem}.h5 -r 2 --threads 2 --record forecast -q"
        r = subprocess.run(["sbatch", "--parsable", f"--mem={mem}", "-o", f"job{mem}.log", "--wrap", run],
                           cwd=tmp_path, env=cluster.env, capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stdout + r.stderr + cluster.logs()
        jobs[mem] = r.stdout.strip().split(";")[0]
    cluster.wait(list(jobs.values()), timeout=120)
    refused = (tmp_path / "job100.log").read_text()
    assert "about 160.0 MB" in refused and "this Slurm job has on this node (SLURM_MEM_PER_NODE=100)" in refused, \
        refused + cluster.logs()
    assert "or ask Slurm for more (--mem)." in refused, refused
    assert not (tmp_path / "w100.h5").exists()
    text = subprocess.run(["scontrol", "show", "job", jobs[100]], env=cluster.env, capture_output=True, text=True).stdout
    assert "ExitCode=2:0" in text.split(), text
    assert (tmp_path / "w1000.h5").exists(), (tmp_path / "job1000.log").read_text() + cluster.logs()
