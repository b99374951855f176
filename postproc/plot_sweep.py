#!/usr/bin/python3
"""Plots of a memflex sweep table (results.csv written by `memflex sweep`).

  plot_sweep.py results.csv --x bending_radius --y V_set_V [--group device_compliance]
        metric against a parameter, one line per value of --group   -> <y>_vs_<x>.png
  plot_sweep.py results.csv --hist V_set_V     histogram of a metric      -> <m>_hist.png
  plot_sweep.py results.csv --weibull V_set_V  Weibull probability plot   -> <m>_weibull.png
        median ranks F_i = (i - 0.3)/(n + 0.4) (Bernard), least-squares line of ln(-ln(1-F)) on ln|x|:
        slope = shape beta, scale eta = exp(-intercept/beta) (same convention as MfWeibullFit in mf_post)
Only rows with status ok and a finite value are used; parameter texts may carry units ("5 mm"), which are
kept in the axis label. PNGs go to --out (default: <folder of the table>/plots).
"""
import argparse, csv, math, os, re, sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

NUM = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


def read_table(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit("%s: no rows" % path)
    return rows


def value(text):
    """'5 mm' -> (5.0, 'mm'); '' or non-numeric -> (nan, '')."""
    m = NUM.match(text or "")
    if not m:
        return float("nan"), ""
    return float(m.group(1)), m.group(2)


def column(rows, name, path):
    if name not in rows[0]:
        sys.exit("%s: no column '%s' (columns: %s)" % (path, name, ", ".join(rows[0].keys())))


def ok_rows(rows):
    return [r for r in rows if r.get("status") == "ok"]


def plot_xy(rows, x, y, group, out, path):
    column(rows, x, path)
    column(rows, y, path)
    if group:
        column(rows, group, path)
    series = {}
    unit = ""
    for r in ok_rows(rows):
        xv, u = value(r[x])
        yv, _ = value(r[y])
        unit = unit or u
        if math.isfinite(xv) and math.isfinite(yv):
            series.setdefault(r[group] if group else "", []).append((xv, yv))
    if not series:
        sys.exit("no finite (%s, %s) pairs among the ok rows" % (x, y))
    fig, ax = plt.subplots(figsize=(5.5, 4))
    allx = []
    for g, pts in series.items():
        pts.sort()
        allx += [p[0] for p in pts]
        ax.plot([p[0] for p in pts], [p[1] for p in pts], "o-", label=("%s = %s" % (group, g)) if group else None)
    if min(allx) > 0 and max(allx) / min(allx) > 100:
        ax.set_xscale("log")
    ax.set_xlabel("%s%s" % (x, " (%s)" % unit if unit else ""))
    ax.set_ylabel(y)
    if group:
        ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    f = os.path.join(out, "%s_vs_%s.png" % (y, x))
    fig.savefig(f, dpi=120)
    plt.close(fig)
    print("wrote", f)


def finite_metric(rows, m, path):
    column(rows, m, path)
    v = [value(r[m])[0] for r in ok_rows(rows)]
    v = [a for a in v if math.isfinite(a)]
    if len(v) < 2:
        sys.exit("%s: fewer than 2 finite values of %s among the ok rows" % (path, m))
    return v


def plot_hist(rows, m, out, path):
    v = finite_metric(rows, m, path)
    n = len(v)
    mean = sum(v) / n
    std = math.sqrt(sum((a - mean) ** 2 for a in v) / (n - 1))
    fig, ax = plt.subplots(figsize=(5.5, 4))
    ax.hist(v, bins=max(5, int(round(math.sqrt(n)))), edgecolor="black")
    ax.set_xlabel(m)
    ax.set_ylabel("count")
    ax.set_title("%s: n = %d, mean %.4g, std %.3g (CV %.1f %%)" % (m, n, mean, std, 100 * std / abs(mean) if mean else float("nan")), fontsize=9)
    fig.tight_layout()
    f = os.path.join(out, "%s_hist.png" % m)
    fig.savefig(f, dpi=120)
    plt.close(fig)
    print("wrote", f, "(n = %d, mean %.6g, std %.6g)" % (n, mean, std))


def plot_weibull(rows, m, out, path):
    v = sorted(abs(a) for a in finite_metric(rows, m, path) if a != 0)
    n = len(v)
    F = [(i + 1 - 0.3) / (n + 0.4) for i in range(n)]
    X = [math.log(a) for a in v]
    Y = [math.log(-math.log(1 - f)) for f in F]
    mx, my = sum(X) / n, sum(Y) / n
    sxx = sum((a - mx) ** 2 for a in X)
    beta = sum((a - mx) * (b - my) for a, b in zip(X, Y)) / sxx
    eta = math.exp(mx - my / beta)
    fig, ax = plt.subplots(figsize=(5.5, 4))
    ax.plot(X, Y, "o", label="data (median ranks)")
    xs = [min(X), max(X)]
    ax.plot(xs, [beta * (a - math.log(eta)) for a in xs], "-", label="fit: beta = %.3g, eta = %.4g" % (beta, eta))
    ax.set_xlabel("ln |%s|" % m)
    ax.set_ylabel("ln(-ln(1 - F))")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    f = os.path.join(out, "%s_weibull.png" % m)
    fig.savefig(f, dpi=120)
    plt.close(fig)
    print("wrote", f, "(beta = %.6g, eta = %.6g)" % (beta, eta))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("table", help="results.csv of a sweep")
    ap.add_argument("--x", help="parameter column for the x axis")
    ap.add_argument("--y", help="metric column for the y axis")
    ap.add_argument("--group", help="parameter column: one line per value")
    ap.add_argument("--hist", help="metric column to histogram")
    ap.add_argument("--weibull", help="metric column for a Weibull plot")
    ap.add_argument("--out", help="folder for the PNGs")
    a = ap.parse_args()
    rows = read_table(a.table)
    out = a.out or os.path.join(os.path.dirname(os.path.abspath(a.table)), "plots")
    os.makedirs(out, exist_ok=True)
    if not (a.x and a.y) and not a.hist and not a.weibull:
        sys.exit("nothing to plot: give --x and --y, --hist or --weibull")
    if a.x or a.y:
        if not (a.x and a.y):
            sys.exit("--x and --y go together")
        plot_xy(rows, a.x, a.y, a.group, out, a.table)
    if a.hist:
        plot_hist(rows, a.hist, out, a.table)
    if a.weibull:
        plot_weibull(rows, a.weibull, out, a.table)


if __name__ == "__main__":
    main()
