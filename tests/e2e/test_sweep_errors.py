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
