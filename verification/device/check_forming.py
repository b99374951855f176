#!/usr/bin/python3
"""device_ecm_mnzno_forming: a Table 1 deck with a forming step (protocol.forming_voltage) end to end.

Requirements (issue 6, "a forming step"; "each run shows forming where needed, SET and RESET, a pinched
hysteresis"): the pristine cell forms in cycle 0 and the summary reports that voltage as V_form, apart from
V_set; every later cycle SETs at positive and RESETs at negative bias; the formed cell SETs below its forming
voltage (the filament's remnant shortens the gap; a formed cell that needed the forming voltage again would
mean the forming step changed nothing); the forming branch stays under device.forming_compliance and the
later SET branches under device.compliance (the source limits, to 1e-6 relative: the circuit root find's
tolerance); read pulses after each branch (2 per cycle) with R_off/R_on > 10 in every cycle (issue-6 bound);
pinched: |I(V = 0)| <= 1e-6 max|I|. The timeseries carries "# forming_cycle: 0" for memflex extract.
Usage: check_forming.py memflex deck outdir I_cc_form_A [options]"""
import sys

from devrun import not_pinched, run_device

I_form = float(sys.argv[4])
rows, summary = run_device(sys.argv[1:4] + ["-device_forming_compliance", "%g A" % I_form] + sys.argv[5:])
V = [float(x["V_V"]) for x in rows]
I = [float(x["I_A"]) for x in rows]
cyc = [int(float(x["cycle"])) for x in rows]
read = [float(x["read"]) == 1 for x in rows]
dev, fails = summary["device"], []
I_cc = float(summary["device"].get("compliance_A", "nan"))
ncyc = max(cyc) + 1
print("V_form %.3f V, V_set %.3f V, V_reset %.3f V, R_on %.4g Ohm, R_off %.4g Ohm (%d cycles)" % (dev["V_form_V"], dev["V_set_V"], dev["V_reset_V"], dev["R_on_Ohm"], dev["R_off_Ohm"], ncyc))
if not dev["switching_found"]: fails.append("no switching found")
if not dev["V_form_V"] > 0: fails.append("no forming voltage reported (V_form = %s)" % dev["V_form_V"])
for c in dev.get("cycles", []):
    k = c["cycle"]
    if k == 0: continue
    if not (c["V_set_V"] or 0) > 0: fails.append("cycle %d: no SET at positive bias (%s)" % (k, c["V_set_V"]))
    elif not c["V_set_V"] < dev["V_form_V"]: fails.append("cycle %d: SET at %.3f V, not below the forming voltage %.3f V" % (k, c["V_set_V"], dev["V_form_V"]))
    if not (c["V_reset_V"] or 0) < 0: fails.append("cycle %d: no RESET at negative bias (%s)" % (k, c["V_reset_V"]))
for c in dev.get("cycles", []):
    if not c["R_off_Ohm"] / c["R_on_Ohm"] > 10: fails.append("cycle %d: read R_off/R_on = %.3g <= 10" % (c["cycle"], c["R_off_Ohm"] / c["R_on_Ohm"]))
if dev["cycles_set"] != ncyc - 1: fails.append("cycles_set = %d: the forming SET must not count (expected %d)" % (dev["cycles_set"], ncyc - 1))
first_neg = next(i for i in range(len(V)) if V[i] < 0)
form = [abs(I[i]) for i in range(first_neg) if not read[i] and V[i] > 0 and cyc[i] == 0]
later = [abs(I[i]) for i in range(len(V)) if not read[i] and V[i] > 0 and cyc[i] > 0]
print("largest current: forming branch %.4g A (limit %.4g A), later SET branches %.4g A (limit %.4g A)" % (max(form), I_form, max(later), I_cc))
if not max(form) <= I_form * (1 + 1e-6): fails.append("forming branch exceeds device.forming_compliance")
if not max(later) <= I_cc * (1 + 1e-6): fails.append("a SET branch exceeds device.compliance")
if not max(later) > I_form * (1 + 1e-3): fails.append("later SET branches never exceed the forming compliance: was the forming limit applied everywhere?")
if sum(read) != 2 * ncyc: fails.append("expected %d read pulses, found %d" % (2 * ncyc, sum(read)))
fails += not_pinched(V, I)
with open(sys.argv[3] + "/timeseries.csv") as f:
    if "# forming_cycle: 0\n" not in f.read(4096): fails.append("timeseries.csv lacks the '# forming_cycle: 0' comment")
if fails:
    sys.exit("FAILED: " + "; ".join(fails))
print("PASSED")
