"""The six stylized facts of the seed analysis, measured on diplosim result files.

Each function takes xarray Datasets (loaded with engine="h5netcdf") and returns
the share of replicates in which the fact holds. The dates and actors are the
seed's (../shared/seed/russia-iran-warning-2017.txt).
"""
import numpy as np

OPPOSITION = ["jaysh_al_islam", "ahrar_al_sham", "southern_front"]
JIHADISTS = ["islamic_state", "jfs"]


def at(ds, var, date):
    """The variable at the start of `date` (the state recorded for that day)."""
    return ds[var].sel(time=np.datetime64(date))


def divergence(ds, a, b, dims, date=None):
    """Salience-weighted divergence: Σ_d w_d |x_ad − x_bd| / Σ_d w_d, w_d = (S_ad + S_bd)/2."""
    pos = ds["position"] if date is None else at(ds, "position", date)
    sal = ds["salience"] if date is None else at(ds, "salience", date)
    lo, hi = ds["dimension_range_low"], ds["dimension_range_high"]
    unit = (pos - lo) / (hi - lo)
    w = 0.5 * (sal.sel(actor=a) + sal.sel(actor=b)).sel(dimension=dims)
    gap = abs(unit.sel(actor=a) - unit.sel(actor=b)).sel(dimension=dims)
    return (w * gap).sum("dimension") / w.sum("dimension")


def share(mask):
    return float(np.asarray(mask, dtype=bool).mean())


def fact_a_divergence_grows(ds):
    dims = ["militia_presence", "ceasefire_scope"]
    start = divergence(ds, "russia", "iran", dims, "2016-12-20")
    end = divergence(ds, "russia", "iran", dims).isel(time=-1)
    return share(end > start)


def fact_b_alliance_holds(ds):
    end = ds["affinity"].isel(time=-1)
    return share((end.sel(actor="russia", actor_j="iran") > 0) & (end.sel(actor="iran", actor_j="russia") > 0))


def fact_c_jaysh_warms_to_russia(ds):
    before = at(ds, "affinity", "2017-01-23").sel(actor="jaysh_al_islam", actor_j="russia")
    after = at(ds, "affinity", "2017-01-25").sel(actor="jaysh_al_islam", actor_j="russia")
    return share(after > before)


def window_mean(ds, first, last, others):
    h = ds["hostility"].sel(actor="assad", actor_j=others)
    return h.sel(time=slice(np.datetime64(first), np.datetime64(last))).mean(["time", "actor_j"])


def fact_d_ceasefire_cools_covered_not_jihadists(ds):
    before_cov = window_mean(ds, "2016-12-16", "2016-12-29", OPPOSITION)
    after_cov = window_mean(ds, "2016-12-31", "2017-01-13", OPPOSITION)
    before_jih = window_mean(ds, "2016-12-16", "2016-12-29", JIHADISTS)
    after_jih = window_mean(ds, "2016-12-31", "2017-01-13", JIHADISTS)
    return share(after_cov < before_cov), share(after_jih >= before_jih)


def fact_e_deals_bind_iran_and_assad(ds):
    before, after = at(ds, "dependency", "2017-01-18"), at(ds, "dependency", "2017-01-19")
    a_before, a_after = at(ds, "affinity", "2017-01-18"), at(ds, "affinity", "2017-01-19")
    dep_up = after.sel(actor="assad", actor_j="iran") > before.sel(actor="assad", actor_j="iran")
    aff_up = a_after.sel(actor="assad", actor_j="iran") > a_before.sel(actor="assad", actor_j="iran")
    return share(dep_up | aff_up)


def fact_f_break_weakens_government(base, variant):
    def military(ds):
        # capability = Σ weights × components; the military component moves, the weights do not,
        # so comparing the end capability of the same replicate compares military strength.
        return ds["capability"].isel(time=-1).sel(actor="assad")
    return share(military(variant).values < military(base).values)
