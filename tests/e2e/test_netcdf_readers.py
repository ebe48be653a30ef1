"""Files are readable by netCDF-C as well as by h5py/xarray: Debian 12's ncdump
(netCDF-C 4.9.0) dumps a run with every variable and both tables, and a sweep.
(Tables store strings as netCDF char arrays: netCDF-C before 4.9.1 crashes on
arrays of fixed-length HDF5 strings.)"""
import subprocess


def ncdump(path):
    return subprocess.run(["ncdump", str(path)], capture_output=True, text=True, timeout=300)


def test_ncdump_reads_a_run_with_every_variable_and_both_tables(run_cli, tmp_path):
    out = tmp_path / "run.h5"
    r = run_cli("run", "scenarios/syria-2016-17.yaml", "-o", out, "-r", 2, "-q")
    assert r.returncode == 0, r.stderr
    d = ncdump(out)
    assert d.returncode == 0, d.stderr[-2000:]
    for text in ("group: events", "group: actions", "char type(event, type_strlen)", '"nationwide-ceasefire"', '"attend"',
                 "double affinity(replicate, time, actor, actor_j)"):
        assert text in d.stdout, text


def test_ncdump_reads_a_sweep(run_cli, tmp_path):
    out = tmp_path / "sweep.h5"
    r = run_cli("sweep", "tests/sweeps/sobol.yaml", "-o", out, "-q")
    assert r.returncode == 0, r.stderr
    d = ncdump(out)
    assert d.returncode == 0, d.stderr[-2000:]
    assert "summary(point, outcome, statistic)" in d.stdout
