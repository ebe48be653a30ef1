#!/usr/bin/python3
"""The "what an analyst would write instead" baseline: the flagship's three
mechanisms (influence, affinity, conflict without violations) in NumPy, on the
inputs `diplosim_bench --export` writes. Checks its end state against the
engine's (1e-9) and prints the seconds per replicate-run.

Usage: numpy_baseline.py inputs.json [repeats]
"""
import json
import sys
import time

import numpy as np


def run(p, steps):
    X, U, S, A = (p[k].copy() for k in ["X", "U", "S", "A"])
    Dp, H, H0, G, Sup, Sup0, comps = (p[k].copy() for k in ["Dp", "H", "H0", "G", "Sup", "Sup0", "comps"])
    lam, m0, self_w, w = p["lambda"].ravel(), p["m0"].ravel(), p["self"].ravel(), p["weights"].ravel()
    q = p["params"]
    n = X.shape[0]
    activity = np.zeros(n)
    for _ in range(steps):
        c = comps @ w
        L = lam[:, None] * (1.0 - S) ** q["sigma"]
        R = (q["alpha_D"] * Dp + q["alpha_A"] * np.maximum(A, 0.0) + q["alpha_G"] * G) * (c / c.max())[None, :]
        np.fill_diagonal(R, 0.0)
        total = R.sum(axis=1)
        W = np.where(total[:, None] > 0, R * ((1.0 - self_w) / np.where(total > 0, total, 1.0))[:, None], 0.0)
        W[np.diag_indices(n)] = np.where(total > 0, self_w, 1.0)
        X = L * (W @ X) + (1.0 - L) * U
        delta = (S[:, None, :] * np.abs(X[:, None, :] - X[None, :, :])).sum(axis=2)
        target = 1.0 - 2.0 * delta - q["kappa_H"] * H
        newA = np.clip(A + q["rho"] * (target - A), -1.0, 1.0)
        np.fill_diagonal(newA, np.diag(A))
        A = newA
        H = H + q["kappa"] * (H0 - H)
        received = Sup.sum(axis=0)
        strength = comps[:, 0] * (1.0 + received)
        loss = q["attrition"] * (H @ strength) / (1.0 + received)
        comps[:, 0] = np.maximum(0.0, comps[:, 0] - loss + q["recovery"] * (m0 - comps[:, 0]))
        Sup = Sup + q["support_relaxation"] * (Sup0 - Sup)
        activity *= 0.7
    return X, A


def main():
    with open(sys.argv[1]) as f:
        raw = json.load(f)
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    p = {k: (np.array(v, dtype=float) if isinstance(v, list) else v) for k, v in raw.items()}
    X, A = run(p, raw["steps"])
    diff = max(np.abs(X - p["X_end"]).max(), np.abs(A - p["A_end"]).max())
    if diff > 1e-9:
        print(f"numpy baseline differs from the engine by {diff:.3g}", file=sys.stderr)
        return 1
    start = time.perf_counter()
    for _ in range(repeats):
        run(p, raw["steps"])
    seconds = (time.perf_counter() - start) / repeats
    print(json.dumps({"seconds_per_replicate": seconds, "max_difference": float(diff)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
