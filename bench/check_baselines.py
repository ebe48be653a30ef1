#!/usr/bin/python3
"""The ratios of `make bench` mean something only if each baseline computes what
the engine computes. This checks both, without timing anything: the bare Eigen
loop (diplosim_bench compares it with the engine at start-up, to 1e-12) and the
NumPy baseline (on the inputs `diplosim_bench --export` writes, to 1e-9).

Usage: check_baselines.py DIPLOSIM_BENCH
"""
import json
import pathlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent


def main():
    bench = sys.argv[1]
    # A filter that matches no case: only the start-up check of the bare loop runs.
    r = subprocess.run([bench, "--benchmark_filter=^$"], capture_output=True, text=True)
    print(r.stdout, r.stderr, sep="", end="")
    if r.returncode != 0 or "engine vs bare loop" not in r.stdout + r.stderr:
        print("check_baselines: the bare loop does not reproduce the engine", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        inputs = pathlib.Path(tmp) / "inputs.json"
        subprocess.run([bench, "--export", str(inputs)], check=True)
        r = subprocess.run(["/usr/bin/python3", str(HERE / "numpy_baseline.py"), str(inputs), "1"],
                           capture_output=True, text=True)
    if r.returncode != 0:
        print(r.stderr, end="", file=sys.stderr)
        print("check_baselines: the NumPy baseline does not reproduce the engine", file=sys.stderr)
        return 1
    diff = json.loads(r.stdout)["max_difference"]
    print(f"check: engine vs NumPy, largest difference in the end state: {diff:.3g} (limit 1e-9)")
    return 0 if diff <= 1e-9 else 1


if __name__ == "__main__":
    sys.exit(main())
