#!/usr/bin/python3
"""Statistics of filament-device studies run with `memflex sweep` (issue 6: physics a calibrated deck cannot fake).

  device_studies.py compliance  <sweep folder>   R_on vs I_cc (Ielmini 2011: slope -1), V_reset and I_reset vs I_cc
  device_studies.py rate        <sweep folder>   V_set vs sweep rate (log-linear slope)
  device_studies.py variability <sweep folder>   cycle-to-cycle and device-to-device mean/spread of V_set, V_reset, R_on, R_off
  device_studies.py retention   <sweep folder>   failure time vs bake temperature (Arrhenius fit of ln t_fail on 1/kT)
  device_studies.py bending     <sweep folder>   V_set/V_reset/R_on/R_off per bending radius, with the predicted shift

Every point folder (point_NNNN/) holds a memflex run: summary.json (device.cycles: per-cycle V_set, V_reset,
R_on, R_off from the run's metrics; with protocol.read the R's are the read pulses) and timeseries.csv.
The folder's results.csv names each point's parameters. Writes <folder>/<study>.json and a PNG; prints a table.
Fits are ordinary least squares (numpy.polyfit with its covariance); the 95 % interval is slope +- t(0.975, n-2) se.
"""
import csv, json, math, os, sys

import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

K_B_EV = 8.617333262e-5  # Boltzmann constant, eV/K (CODATA 2018, exact)

# two-sided 97.5 % Student t quantiles for 1..30 degrees of freedom (Abramowitz & Stegun table 26.10)
T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]


def t975(dof):
    return T975[dof - 1] if 1 <= dof <= len(T975) else 1.96


def num(text):
    """Leading number of a parameter text ('30 uA' -> 3e-5 with SI prefixes of the unit)."""
    s = str(text).strip().split()
    x = float(s[0])
    if len(s) > 1:
        u = s[1]
        pre = {"p": 1e-12, "n": 1e-9, "u": 1e-6, "µ": 1e-6, "m": 1e-3, "k": 1e3, "M": 1e6}
        if len(u) > 1 and u[0] in pre and u not in ("mm/s",) and not u.startswith("m^"):
            x *= pre[u[0]]
        if u == "C":
            x += 273.15
    return x


def load_points(folder):
    table = os.path.join(folder, "results.csv")
    if os.path.exists(table):
        with open(table, newline="") as f:
            rows = list(csv.DictReader(f))
    else:  # an interrupted sweep: the finished points' result.json files
        rows = []
        for d in sorted(os.listdir(folder)):
            rj = os.path.join(folder, d, "result.json")
            if d.startswith("point_") and os.path.exists(rj):
                with open(rj) as f:
                    res = json.load(f)
                rows.append(dict(res.get("parameters", {}), index=str(res["index"]), status=res.get("status", "failed")))
        if not rows:
            sys.exit("%s: no results.csv and no point_*/result.json (is this a `memflex sweep` output folder?)" % folder)
    pts = []
    for r in rows:
        if r.get("status", "ok") != "ok":
            continue
        d = os.path.join(folder, "point_%04d" % int(r.get("index", r.get("point"))))
        sj = os.path.join(d, "summary.json")
        if not os.path.exists(sj):
            continue
        with open(sj) as f:
            s = json.load(f)
        pts.append({"row": r, "summary": s, "dir": d})
    if not pts:
        sys.exit("%s: no finished points" % folder)
    return pts


def param(p, key):
    for k in (key, key.replace(".", "_")):
        if k in p["row"]:
            return num(p["row"][k])
    raise KeyError(key)


def cycles(p):
    return p["summary"].get("device", {}).get("cycles", []) or []


def fnum(x):
    return x is not None and isinstance(x, (int, float)) and math.isfinite(x)


def timeseries(p):
    with open(os.path.join(p["dir"], "timeseries.csv")) as f:
        lines = [l for l in f if not l.startswith("#")]
    rows = list(csv.DictReader(lines))
    return {k: np.array([float(r[k]) for r in rows]) for k in rows[0]}


def linfit(x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)
    if len(x) < 3:
        return None
    c, cov = np.polyfit(x, y, 1, cov=True)
    se = math.sqrt(cov[0, 0])
    return {"slope": c[0], "intercept": c[1], "se": se, "ci95": t975(len(x) - 2) * se, "n": len(x)}


def stats(v):
    v = np.asarray([x for x in v if fnum(x)], float)
    if len(v) == 0:
        return {"n": 0}
    return {"n": int(len(v)), "mean": float(v.mean()), "std": float(v.std(ddof=1)) if len(v) > 1 else float("nan"),
            "median": float(np.median(v)), "min": float(v.min()), "max": float(v.max())}


def save(folder, name, result, fig):
    path = os.path.join(folder, name + ".json")
    with open(path + ".tmp", "w") as f:
        json.dump(result, f, indent=1, default=float)
    os.replace(path + ".tmp", path)
    fig.tight_layout()
    fig.savefig(os.path.join(folder, name + ".png"), dpi=120)
    print("wrote %s and %s.png" % (path, os.path.join(folder, name)))


def reset_current(ts, cycle):
    """Peak |I| on the negative branch of a cycle (the current the filament carries when RESET starts), the
    bias and T_max of that row."""
    m = (ts["cycle"] == cycle) & (ts["V_V"] < 0)
    if not m.any():
        return float("nan"), float("nan"), float("nan")
    i = int(np.argmax(np.abs(ts["I_A"][m])))
    return float(np.abs(ts["I_A"][m][i])), float(ts["V_V"][m][i]), float(ts["T_max_K"][m][i])


def compliance(folder):
    pts = load_points(folder)
    by = {}
    for p in pts:
        icc = param(p, "device.compliance")
        ts = timeseries(p)
        for c in cycles(p):
            e = by.setdefault(icc, {"R_on": [], "V_reset": [], "I_reset": [], "V_peak": [], "T_peak": [], "no_set": 0})
            if not fnum(c["V_set_V"]):  # no SET in this cycle: its low read is not an LRS
                e["no_set"] += 1
                continue
            e["R_on"].append(c["R_on_Ohm"])
            e["V_reset"].append(c["V_reset_V"])
            ir, vp, tp = reset_current(ts, c["cycle"])
            e["I_reset"].append(ir)
            e["V_peak"].append(vp)
            e["T_peak"].append(tp)
    xs, ys, res = [], [], {"points": {}}
    print("%10s %6s %12s %12s %14s %12s %12s %10s" % ("I_cc [A]", "n", "R_on med", "V_reset", "I_reset/I_cc", "R_on*I_cc", "V(I_reset)", "T(I_reset)"))
    for icc in sorted(by):
        e = by[icc]
        ron = [r for r in e["R_on"] if fnum(r) and r > 0]
        for r in ron:
            xs.append(math.log10(icc))
            ys.append(math.log10(r))
        sr, sv, si = stats(ron), stats(e["V_reset"]), stats([i / icc for i in e["I_reset"]])
        sp, st = stats(e["V_peak"]), stats(e["T_peak"])
        res["points"][icc] = {"R_on": sr, "V_reset": sv, "I_reset_over_Icc": si, "V_at_I_reset": sp, "T_max_at_I_reset": st, "cycles_without_set": e["no_set"]}
        print("%10.3g %6d %12.4g %6.3f+-%-5.3f %8.3g+-%-5.3g %12.4g %12.3f %10.1f" % (icc, sr.get("n", 0), sr.get("median", float("nan")), sv.get("mean", float("nan")), sv.get("std", float("nan")),
                                                                   si.get("mean", float("nan")), si.get("std", float("nan")), sr.get("median", float("nan")) * icc,
                                                                   sp.get("median", float("nan")), st.get("median", float("nan"))))
    fit = linfit(xs, ys)
    res["log_R_on_vs_log_Icc"] = fit
    vr = [(math.log10(icc), v) for icc in by for v in by[icc]["V_reset"] if fnum(v)]
    res["V_reset_vs_log_Icc"] = linfit([a for a, _ in vr], [b for _, b in vr])
    if fit:
        print("log-log slope of R_on on I_cc: %.3f +- %.3f (95 %%, n = %d); Ielmini 2011: -1" % (fit["slope"], fit["ci95"], fit["n"]))
    # the same fit over every sub-range of compliance levels that spans at least a decade (the issue's
    # criterion is a slope of -1 +- 0.2 over at least a decade; a floor or an overshoot at one end shows here)
    res["subrange_fits"] = []
    levels = sorted({x for x in xs})
    for i, lo in enumerate(levels):
        for hi in levels[i + 1:]:
            if hi - lo < 1 - 1e-9 or (lo, hi) == (levels[0], levels[-1]):
                continue
            sel = [(x, y) for x, y in zip(xs, ys) if lo - 1e-12 <= x <= hi + 1e-12]
            f = linfit([a for a, _ in sel], [b for _, b in sel])
            if f:
                res["subrange_fits"].append(dict(f, I_cc_min=10 ** lo, I_cc_max=10 ** hi))
                print("  over %.3g-%.3g A: slope %.3f +- %.3f (95 %%, n = %d)" % (10 ** lo, 10 ** hi, f["slope"], f["ci95"], f["n"]))
    if res["V_reset_vs_log_Icc"]:
        f = res["V_reset_vs_log_Icc"]
        print("V_reset change per decade of I_cc: %.3f +- %.3f V (95 %%)" % (f["slope"], f["ci95"]))
    # I_reset (Ielmini: ~ I_cc, slope 1) and the bias of the current peak (RESET onset) against I_cc
    ir = [(math.log10(icc), math.log10(i), v) for icc in by for i, v in zip(by[icc]["I_reset"], by[icc]["V_peak"]) if fnum(i) and i > 0]
    res["log_I_reset_vs_log_Icc"] = linfit([a for a, _, _ in ir], [b for _, b, _ in ir])
    res["V_at_I_reset_vs_log_Icc"] = linfit([a for a, _, _ in ir], [v for _, _, v in ir])
    if res["log_I_reset_vs_log_Icc"]:
        f, g = res["log_I_reset_vs_log_Icc"], res["V_at_I_reset_vs_log_Icc"]
        print("log-log slope of I_reset on I_cc: %.3f +- %.3f (95 %%, n = %d); Ielmini 2011: 1" % (f["slope"], f["ci95"], f["n"]))
        print("bias of the current peak per decade of I_cc: %.3f +- %.3f V (95 %%)" % (g["slope"], g["ci95"]))
    fig, ax = plt.subplots(1, 2, figsize=(9, 3.8))
    ax[0].loglog([10 ** x for x in xs], [10 ** y for y in ys], "o", alpha=0.6)
    if fit:
        xx = np.linspace(min(xs), max(xs), 10)
        ax[0].loglog(10 ** xx, 10 ** (fit["intercept"] + fit["slope"] * xx), "-", label="slope %.2f" % fit["slope"])
        ax[0].legend()
    ax[0].set_xlabel("I_cc [A]")
    ax[0].set_ylabel("R_on (read) [Ohm]")
    ax[1].semilogx([10 ** a for a, _ in vr], [b for _, b in vr], "s", alpha=0.6)
    ax[1].set_xlabel("I_cc [A]")
    ax[1].set_ylabel("V_reset [V]")
    save(folder, "compliance", res, fig)


def rate(folder):
    pts = load_points(folder)
    xs, ys, res = [], [], {"points": []}
    for p in pts:
        r = param(p, "protocol.rate")
        cs = cycles(p)
        if cs and fnum(cs[0]["V_set_V"]):
            xs.append(math.log10(r))
            ys.append(cs[0]["V_set_V"])
            res["points"].append({"rate_V_per_s": r, "V_set_V": cs[0]["V_set_V"]})
    fit = linfit(xs, ys)
    res["V_set_vs_log10_rate"] = fit
    for r in sorted(set(xs)):
        v = [y for x, y in zip(xs, ys) if x == r]
        print("rate %8.3g V/s: V_set %s" % (10 ** r, " ".join("%.3f" % y for y in v)))
    if fit:
        print("dV_set/dlog10(rate) = %.4f +- %.4f V/decade (95 %%, n = %d)" % (fit["slope"], fit["ci95"], fit["n"]))
    fig, ax = plt.subplots(figsize=(4.5, 3.6))
    ax.semilogx([10 ** x for x in xs], ys, "o")
    if fit:
        xx = np.linspace(min(xs), max(xs), 10)
        ax.semilogx(10 ** xx, fit["intercept"] + fit["slope"] * xx, "-", label="%.3f V/decade" % fit["slope"])
        ax.legend()
    ax.set_xlabel("sweep rate [V/s]")
    ax.set_ylabel("V_set [V]")
    save(folder, "rate", res, fig)


def variability(folder):
    pts = load_points(folder)
    keys = [("V_set_V", False), ("V_reset_V", False), ("R_on_Ohm", True), ("R_off_Ohm", True)]
    res = {"devices": len(pts)}
    polarity, wrong = {"V_set_V": 1, "V_reset_V": -1}, {"V_set_V": 0, "V_reset_V": 0}
    ncyc = sum(1 for p in pts for c in cycles(p) if c["cycle"] > 0)
    fig, axs = plt.subplots(1, 4, figsize=(13, 3.4))
    for (k, logscale), ax in zip(keys, axs):
        per_dev = []
        for p in pts:
            # cycle 0 includes forming (pristine -> LRS): its V_set is the forming voltage, kept apart
            v = [c[k] for c in cycles(p) if c["cycle"] > 0 and fnum(c[k]) and (not logscale or c[k] > 0)]
            if k in polarity:  # a SET at negative (RESET at positive) bias is a different event: counted apart
                wrong[k] += sum(1 for x in v if x * polarity[k] <= 0)
                v = [x for x in v if x * polarity[k] > 0]
            per_dev.append([math.log10(x) for x in v] if logscale else v)
        allv = [x for d in per_dev for x in d]
        means = [np.mean(d) for d in per_dev if len(d)]
        within = [np.var(d, ddof=1) for d in per_dev if len(d) > 1]
        dof = [len(d) - 1 for d in per_dev if len(d) > 1]
        s = {"n_values": len(allv), "log10": logscale, "all": stats(allv),
             "cycle_to_cycle_std": float(math.sqrt(np.dot(within, dof) / sum(dof))) if dof else float("nan"),
             "device_to_device_std": float(np.std(means, ddof=1)) if len(means) > 1 else float("nan")}
        s["opposite_polarity_events"] = wrong.get(k, 0)
        s["cycles"] = ncyc
        res[k] = s
        print("%-10s %s n = %4d  mean %9.4g  std %8.3g  cycle-to-cycle std %8.3g  device-to-device std %8.3g" % (k, "(log10)" if logscale else "       ", len(allv), s["all"].get("mean", float("nan")), s["all"].get("std", float("nan")), s["cycle_to_cycle_std"], s["device_to_device_std"]))
        ax.hist(allv, bins=20)
        ax.set_xlabel(("log10 " if logscale else "") + k)
    print("cycles 1.. (after forming): %d; SET found at positive bias in %d, at negative bias in %d; RESET at negative bias in %d, at positive in %d" % (
        ncyc, res["V_set_V"]["n_values"], wrong["V_set_V"], res["V_reset_V"]["n_values"], wrong["V_reset_V"]))
    forming = [cycles(p)[0]["V_set_V"] for p in pts if cycles(p) and fnum(cycles(p)[0]["V_set_V"])]
    res["V_forming_V"] = stats(forming)
    print("forming (cycle 0) V_set: %s" % json.dumps(res["V_forming_V"]))
    save(folder, "variability", res, fig)


def retention(folder):
    pts = load_points(folder)
    xs, ys, res = [], [], {"points": []}
    for p in pts:
        T = p["summary"]["device"]["retention"]["bake_temperature_K"] if "retention" in p["summary"].get("device", {}) else param(p, "device.ambient_temperature")
        ret = p["summary"]["device"].get("retention", {})
        tf = ret.get("t_fail_s")
        if fnum(tf) and tf > 1e300:  # censored (older runs wrote PETSc's infinity as a number)
            tf = None
        res["points"].append({"T_K": T, "t_fail_s": tf, "R_programmed_Ohm": ret.get("R_programmed_Ohm"), "R_pristine_Ohm": ret.get("R_pristine_Ohm")})
        print("T = %7.2f K  R_prog %10.4g Ohm  t_fail %s" % (T, ret.get("R_programmed_Ohm") or float("nan"), "%.4g s" % tf if fnum(tf) else "none (censored or not programmed)"))
        if fnum(tf) and tf > 0:
            xs.append(1.0 / (K_B_EV * T))
            ys.append(math.log(tf))
    fit = linfit(xs, ys)
    res["ln_tfail_vs_inv_kT"] = fit
    if fit:
        print("Arrhenius: E_a = %.3f +- %.3f eV (95 %%, n = %d)" % (fit["slope"], fit["ci95"], fit["n"]))
    fig, ax = plt.subplots(figsize=(4.5, 3.6))
    ax.plot(xs, ys, "o")
    if fit:
        xx = np.linspace(min(xs), max(xs), 10)
        ax.plot(xx, fit["intercept"] + fit["slope"] * xx, "-", label="E_a = %.2f eV" % fit["slope"])
        ax.legend()
    ax.set_xlabel("1/kT [1/eV]")
    ax.set_ylabel("ln t_fail [s]")
    save(folder, "retention", res, fig)


def bending(folder):
    pts = load_points(folder)
    by = {}
    for p in pts:
        try:
            R = param(p, "bending.radius")
        except (KeyError, ValueError):
            R = float("inf")
        sign = p["row"].get("bending.sign", p["row"].get("bending_sign", "tensile"))
        e = by.setdefault((R, sign), {"V_set": [], "V_reset": [], "pred": p["summary"].get("device", {}).get("bending_prediction")})
        for c in cycles(p):
            e["V_set"].append(c["V_set_V"])
            e["V_reset"].append(c["V_reset_V"])
    res = {}
    keys = sorted(by, key=lambda k: (-k[0], k[1]))
    for k in keys:
        e = by[k]
        pred = e["pred"] or {}
        res["%g m %s" % k] = {"V_set": stats(e["V_set"]), "V_reset": stats(e["V_reset"]), "prediction": pred}
        print("R = %-8.3g m %-11s V_set %6.3f +- %-6.3f (n %d)  V_reset %6.3f +- %-6.3f  sigma_h %8.4g MPa  predicted dV_set %s" % (
            k[0], k[1], stats(e["V_set"]).get("mean", float("nan")), stats(e["V_set"]).get("std", float("nan")), stats(e["V_set"]).get("n", 0),
            stats(e["V_reset"]).get("mean", float("nan")), stats(e["V_reset"]).get("std", float("nan")), pred.get("sigma_h_sites_Pa", float("nan")) * 1e-6,
            "%+.3f .. %+.3f V" % (pred["dV_set_max_V"], pred["dV_set_min_V"]) if pred else "n/a"))
    fig, ax = plt.subplots(figsize=(5, 3.6))
    allv = [v for k in keys for v in by[k]["V_set"] if fnum(v)]
    for i, k in enumerate(keys):
        v = [x for x in by[k]["V_set"] if fnum(x)]
        ax.plot([i] * len(v), v, "o", alpha=0.7)
        if not v and allv:
            ax.text(i, float(np.mean(allv)), "no SET", ha="center", fontsize=8)
    ax.set_xticks(range(len(keys)))
    ax.set_xticklabels(["%g m\n%s" % k for k in keys], fontsize=8)
    ax.set_ylabel("V_set [V]")
    save(folder, "bending", res, fig)


def main(argv):
    studies = {"compliance": compliance, "rate": rate, "variability": variability, "retention": retention, "bending": bending}
    if len(argv) != 3 or argv[1] not in studies:
        sys.exit(__doc__)
    studies[argv[1]](argv[2])


if __name__ == "__main__":
    main(sys.argv)
