#!/usr/bin/python3
"""Overlay of the simulated and the fitted (replayed) compact-model current: replay.csv -> replay.png.

Usage: /usr/bin/python3 plot_replay.py replay.csv replay.png
replay.csv is written by `memflex extract` (columns t_s, V_V, I_data_A, I_fit_A; '#' comment lines carry
the model name and the source)."""
import sys

import matplotlib

matplotlib.use("Agg")  # headless: CI and cluster nodes have no display
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: plot_replay.py replay.csv replay.png\n")
        return 2
    meta, rows = {}, []
    with open(argv[1]) as fh:
        for line in fh:
            if line.startswith("#"):
                if ":" in line:
                    k, v = line[1:].split(":", 1)
                    meta[k.strip()] = v.strip()
            elif line.strip():
                rows.append(line)
    d = np.genfromtxt(rows, delimiter=",", names=True)
    if d.size < 2:
        sys.stderr.write("plot_replay.py: %s has fewer than 2 rows\n" % argv[1])
        return 1
    v, idata, ifit = d["V_V"], d["I_data_A"], d["I_fit_A"]
    floor = 1e-3 * max(np.max(np.abs(idata)), 1e-30)
    rms_log = np.sqrt(np.mean((np.log(np.abs(ifit) + floor) - np.log(np.abs(idata) + floor)) ** 2))
    fig, ax = plt.subplots(1, 2, figsize=(10, 4))
    ax[0].plot(v, np.abs(idata), "k.", ms=2, label="simulated")
    ax[0].plot(v, np.abs(ifit), "r-", lw=1, label="fitted %s" % meta.get("model", "model"))
    ax[0].set_yscale("log")
    ax[0].set_xlabel("device voltage (V)")
    ax[0].set_ylabel("|I| (A)")
    ax[0].legend()
    ax[1].plot(d["t_s"], idata, "k.", ms=2, label="simulated")
    ax[1].plot(d["t_s"], ifit, "r-", lw=1, label="fitted")
    ax[1].set_xlabel("time (s)")
    ax[1].set_ylabel("I (A)")
    ax[1].set_title("rms log-current error %.3g" % rms_log)
    fig.suptitle(meta.get("source", ""), fontsize=8)
    fig.tight_layout()
    fig.savefig(argv[2], dpi=120)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
