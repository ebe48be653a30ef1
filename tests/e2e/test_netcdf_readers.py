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
                 "double affinity(replicate, time, actor, actor_j)",
                 # CF: flag_values is an array of the variable's own type (it was the string "0 1 2").
                 "ceasefire_state:flag_values = 0., 1., 2. ;",
                 'ceasefire_state:flag_meanings = "not_yet_in_force in_force collapsed" ;',
                 'string position:comment = "in each dimension\\\'s natural range'):
        assert text in d.stdout, text
    # Only UDUNITS strings in `units` (time's), which tools that parse units can read.
    assert sorted(line.strip() for line in d.stdout.splitlines() if ":units = " in line) == \
        ['string date:units = "days since 2016-12-01" ;'] * 2 + ['string time:units = "days since 2016-12-01" ;']


def test_ncdump_reads_a_sweep(run_cli, tmp_path):
    out = tmp_path / "sweep.h5"
    r = run_cli("sweep", "tests/sweeps/sobol.yaml", "-o", out, "-q")
    assert r.returncode == 0, r.stderr
    d = ncdump(out)
    assert d.returncode == 0, d.stderr[-2000:]
    assert "summary(point, outcome, statistic)" in d.stdout
    assert "byte status(point)" in d.stdout and "status:flag_values = 0b, 1b ;" in d.stdout
