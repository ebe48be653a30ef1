"""Malformed sweep files: exit code 2, a located message, no output."""
import pathlib

import pytest

from test_cli_errors import expectations

BAD = sorted((pathlib.Path(__file__).resolve().parents[1] / "sweeps" / "bad").glob("*.yaml"))


def test_catalogue_has_at_least_fifteen_files():
    assert len(BAD) >= 15


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_sweep_fails_cleanly(run_cli, tmp_path, root, path):
    out = tmp_path / "out.h5"
    rel = path.relative_to(root)
    r = run_cli("sweep", rel, "-o", out)
    assert r.returncode == 2, r.stderr
    expects, _ = expectations(path)
    assert expects
    for e in expects:
        needle = f"{rel}:{e}" if e[:1].isdigit() else e
        assert needle in r.stderr, f"expected {needle!r} in:\n{r.stderr}"
    assert not any(tmp_path.iterdir())


def test_a_set_on_a_swept_path_is_an_error(run_cli, tmp_path):
    """The sweep's value won at every point, so such a --set did nothing, silently."""
    for command in (["sweep", "tests/sweeps/small.yaml", "-o", tmp_path / "out.h5"],
                    ["validate", "tests/sweeps/small.yaml"]):
        r = run_cli(*command, "--set", "actors.iran.susceptibility=0.3")
        assert r.returncode == 2, r.stderr
        assert ("--set actors.iran.susceptibility=0.3:1:1: error: --set actors.iran.susceptibility would have no "
                "effect: the sweep varies 'actors.iran.susceptibility' at every point (tests/sweeps/small.yaml:") \
            in r.stderr, r.stderr
    r = run_cli("validate", "tests/sweeps/small.yaml", "--set", "actors.russia.susceptibility=0.3")
    assert r.returncode == 0, r.stderr
    assert not any(tmp_path.iterdir())
