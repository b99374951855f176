#!/usr/bin/python3
"""device_ecm_2d_bipolar_switching: run a small bipolar filament device and assert the physics firmly.

Requirements (issue 6): R_off/R_on > 10 at the read voltage; SET found at positive, RESET at negative bias
(bipolar ECM with the Ag anode on top); the I-V passes through the origin (pinched hysteresis: at V = 0 the
current is zero to solver precision, |I(0)| <= 1e-6 max|I|); the filament analysis sees a connected
filament after SET (gap 0) and the defect count falls again during RESET.
Usage: check_switching.py memflex deck outdir [options]"""
import math, sys

from devrun import run_device

rows, s = run_device(sys.argv[1:])
dev = s["device"]
fails = []
if not dev["switching_found"]:
    fails.append("no switching found")
else:
    ratio = dev["R_off_Ohm"] / dev["R_on_Ohm"]
    print("R_on %.4g Ohm, R_off %.4g Ohm, ratio %.3g, V_set %.3f V, V_reset %.3f V" % (dev["R_on_Ohm"], dev["R_off_Ohm"], ratio, dev["V_set_V"], dev["V_reset_V"]))
    if not ratio > 10: fails.append("R_off/R_on = %.3g <= 10" % ratio)
    if not dev["V_set_V"] > 0: fails.append("V_set = %g V is not positive" % dev["V_set_V"])
    if not dev["V_reset_V"] < 0: fails.append("V_reset = %g V is not negative" % dev["V_reset_V"])
Imax = max(abs(float(r["I_A"])) for r in rows)
for r in rows:
    if float(r["V_V"]) == 0.0 and abs(float(r["I_A"])) > 1e-6 * Imax:
        fails.append("not pinched: I = %g A at V = 0 (t = %s s)" % (float(r["I_A"]), r["t_s"]))
gaps = [float(r["gap_m"]) for r in rows]
if min(gaps) > 0: fails.append("the filament never bridged the electrolyte (smallest gap %g m)" % min(gaps))
if float(rows[-1]["gap_m"]) <= 0: fails.append("the filament is still connected at the end of the RESET branch")
if fails:
    sys.exit("FAILED: " + "; ".join(fails))
print("PASSED")
