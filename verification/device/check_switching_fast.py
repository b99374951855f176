#!/usr/bin/python3
"""device_ecm_2d_fast: the assertions of check_switching.py on a coarse sweep, with R_off taken from the
post-RESET state instead of the pristine first read.

Requirements (issue 6): SET found at positive and RESET at negative bias (summary.json device metrics);
R_off/R_on > 10 where R_on = |V/I| at the smallest positive bias of the down-ramp after SET (the LRS) and
R_off = |V/I| at the smallest negative bias of the return branch after v_min (the HRS that RESET left);
and the same ratio from the deck's two read pulses (0.1 V, no compliance) that summary.json reports.
The bound 10 is the issue-6 requirement; the slow run measures ~230 and this one ~1.4e5 (read pulses
1.8e5), so a pass is not marginal. Pinched origin: |I(V = 0)| <= 1e-6 max|I| (an ohmic/FE device has I = 0 at V = 0 up to the
solver tolerance; a non-pinched loop would carry ~I_cc there). The filament must bridge (gap 0) at some
point and be open (gap > 0) at the end.
Usage: check_switching_fast.py memflex deck outdir [options]"""
import sys

from devrun import not_pinched, run_device

rows, summary = run_device(sys.argv[1:])
t = [float(x["t_s"]) for x in rows]
V = [float(x["V_V"]) for x in rows]
I = [float(x["I_A"]) for x in rows]
gap = [float(x["gap_m"]) for x in rows]
dev = summary["device"]
fails = []
if not dev["switching_found"]:
    fails.append("no switching found")
else:
    print("summary: V_set %.3f V, V_reset %.3f V, R_on %.4g Ohm, R_off (first read) %.4g Ohm" % (dev["V_set_V"], dev["V_reset_V"], dev["R_on_Ohm"], dev["R_off_Ohm"]))
    if not dev["V_set_V"] > 0: fails.append("V_set = %g V is not positive" % dev["V_set_V"])
    if not dev["V_reset_V"] < 0: fails.append("V_reset = %g V is not negative" % dev["V_reset_V"])
    # read pulses (protocol.read): R_on/R_off of the summary are the reads after SET and after RESET, taken
    # without compliance, so R_on is the filament's own resistance and not V_read/I_cc of the source
    if not dev.get("read_pulses"): fails.append("the deck's read pulses are missing from the run")
    elif not dev["R_off_Ohm"] / dev["R_on_Ohm"] > 10: fails.append("read-pulse R_off/R_on = %.3g <= 10" % (dev["R_off_Ohm"] / dev["R_on_Ohm"]))
    reads = [i for i, x in enumerate(rows) if float(x.get("read", 0)) == 1]
    if len(reads) != 2: fails.append("expected 2 read pulses in the time series, found %d" % len(reads))
    elif not all(abs(float(rows[i]["V_V"]) - dev["read_voltage_V"]) < 1e-12 for i in reads): fails.append("read pulses not at the read voltage")
imax, imin = V.index(max(V)), V.index(min(V))
lrs = [i for i in range(imax, imin) if V[i] > 0 and V[i] < V[i - 1]]  # positive down-ramp, filament on
hrs = [i for i in range(imin + 1, len(V)) if V[i] < 0]               # negative return branch, after RESET
if not lrs or not hrs:
    fails.append("the sweep has no positive down-ramp or no negative return branch (check protocol)")
else:
    i_on, i_off = min(lrs, key=lambda i: V[i]), max(hrs, key=lambda i: V[i])
    R_on, R_off = abs(V[i_on] / I[i_on]), abs(V[i_off] / I[i_off])
    print("post-RESET: R_on %.4g Ohm at %+.2f V, R_off %.4g Ohm at %+.2f V, ratio %.3g" % (R_on, V[i_on], R_off, V[i_off], R_off / R_on))
    if not R_off / R_on > 10: fails.append("post-RESET R_off/R_on = %.3g <= 10" % (R_off / R_on))
fails += not_pinched(V, I, t)
if min(gap) > 0: fails.append("the filament never bridged the electrolyte (smallest gap %g m)" % min(gap))
if gap[-1] <= 0: fails.append("the filament is still connected at the end of the RESET branch")
if fails:
    sys.exit("FAILED: " + "; ".join(fails))
print("PASSED")
