"""The package installs from its pyproject.toml as the README says, offline, into a virtual environment that sees
Debian's packages, and reads a result from outside the repository."""
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_package_installs_into_a_venv_and_reads_a_result(tmp_path, flagship):
    source = tmp_path / "src"
    shutil.copytree(ROOT / "python", source, ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120)
    # Debian registers its h5py as 'h5py.-debian-h5py-serial', so pip cannot see the 'h5py' the package needs:
    # --no-deps (Debian's packages are the dependencies), --no-build-isolation (Debian's setuptools builds it).
    r = subprocess.run([str(venv / "bin" / "pip"), "install", "--no-deps", "--no-build-isolation", "--no-index",
                        str(source)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    script = textwrap.dedent(f"""
        import diplosim
        assert "site-packages" in diplosim.__file__, diplosim.__file__
        run = diplosim.open_run({str(flagship)!r}, variables=["forecast"])
        print(dict(run.sizes)["replicate"], list(run["dimension"].values)[0])
    """)
    r = subprocess.run([str(venv / "bin" / "python"), "-c", script], cwd=tmp_path, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["20", "assad_future"], r.stdout
