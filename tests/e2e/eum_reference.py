"""An independent implementation of the `eum` protocol, written from the DESIGN
appendix (Scholz, Calbert & Smith 2011) without reference to the C++ engine.
Used by the tests to check the engine's rounds, moves and risk exponents.
"""


def run(c, x, s, rounds=10, probability="scholz", compromise_choice="scholz", Q=1.0):
    n = len(x)
    x = list(map(float, x))
    delta = max(x) - min(x)
    trace = [{"round": 0, "mean": mean(c, x, s), "median": median(c, x, s, delta), "moves": []}]
    for t in range(1, rounds + 1):
        r = risk(c, x, s, delta, probability, Q)
        moves, new = [], list(x)
        for i in range(n):
            conf, comp, cap = [], [], []
            for j in range(n):
                if j == i or x[j] == x[i]:
                    continue
                e_ij = eu(c, x, s, delta, r, r[i], i, j, probability, Q)
                e_ji = eu(c, x, s, delta, r, r[i], j, i, probability, Q)
                if e_ji > e_ij > 0:
                    conf.append(j)
                elif e_ji > 0 > e_ij:
                    if e_ji > abs(e_ij):
                        to = x[i] + (x[j] - x[i]) * abs(e_ij / e_ji)
                        key = ((abs(e_ij) * x[i] + abs(e_ji) * x[j]) / (abs(e_ij) + abs(e_ji))
                               if compromise_choice == "scholz" else abs(to - x[i]))
                        comp.append((key, j, to))
                    else:
                        cap.append(j)
            if conf:
                j = min(conf, key=lambda j: (abs(x[j] - x[i]), j))
                moves.append((i, "confrontation", j, x[j]))
            elif comp:
                key, j, to = min(comp, key=lambda k: (k[0], k[1]))
                moves.append((i, "compromise", j, to))
            elif cap:
                j = min(cap, key=lambda j: (abs(x[j] - x[i]), j))
                moves.append((i, "capitulation", j, x[j]))
        for i, kind, j, to in moves:
            new[i] = to
        x = new
        trace.append({"round": t, "mean": mean(c, x, s), "median": median(c, x, s, delta), "moves": moves})
    return trace


def mean(c, x, s):
    w = [ci * si for ci, si in zip(c, s)]
    return sum(wi * xi for wi, xi in zip(w, x)) / sum(w)


def vote(c, x, s, delta, k, a, b, rk):
    return c[k] * s[k] * ((abs(x[k] - b) / delta) ** rk - (abs(x[k] - a) / delta) ** rk)


def median(c, x, s, delta):
    n = len(x)
    for a in sorted(set(x)):
        if all(sum(vote(c, x, s, delta, k, a, b, 1.0) for k in range(n)) >= 0 for b in set(x) if b != a):
            return a
    raise AssertionError("no Condorcet winner")


def prob(c, x, s, delta, r, i, j, probability):
    n = len(x)
    if x[i] == x[j]:
        return 0.0
    favour = sum(max(0.0, vote(c, x, s, delta, k, x[i], x[j], r[k])) for k in range(n))
    if probability == "scholz":
        total = sum(abs(vote(c, x, s, delta, k, x[a], x[b], r[k])) for a in range(n) for b in range(n) for k in range(n))
    else:
        total = sum(abs(vote(c, x, s, delta, k, x[i], x[j], r[k])) for k in range(n))
    return favour / total if total > 0 else 0.0


def eu(c, x, s, delta, r, rp, i, j, probability, Q):
    d = abs(x[i] - x[j]) / delta
    us = 2 - 4 * (0.5 - 0.5 * d) ** rp
    uf = 2 - 4 * (0.5 + 0.5 * d) ** rp
    usq = 2 - 4 * 0.5 ** rp
    p = prob(c, x, s, delta, r, i, j, probability)
    return s[j] * (p * us + (1 - p) * uf) + (1 - s[j]) * us - Q * usq


def risk(c, x, s, delta, probability="scholz", Q=1.0):
    n = len(x)
    ones = [1.0] * n
    danger = [sum(eu(c, x, s, delta, ones, 1.0, j, i, probability, Q) for j in range(n) if j != i) for i in range(n)]
    hi, lo = max(danger), min(danger)
    if hi == lo:
        return ones
    out = []
    for d in danger:
        R = (2 * d - hi - lo) / (hi - lo)
        out.append((1 - R / 3) / (1 + R / 3))
    return out


EU = {
    "Netherlands": (0.08, 4, 0.80), "Belgium": (0.08, 7, 0.40), "Luxembourg": (0.03, 4, 0.20),
    "Germany": (0.16, 4, 0.80), "France": (0.16, 10, 0.60), "Italy": (0.16, 10, 0.60), "UK": (0.16, 10, 0.90),
    "Ireland": (0.05, 7, 0.10), "Denmark": (0.05, 4, 1.00), "Greece": (0.08, 7, 0.70),
}
