#!/usr/bin/python3
"""device_ecm_retention: the retention protocol end to end on the fast ECM cell: pristine read, SET ramp to
protocol.program_voltage under the compliance, then a bake of log-spaced reads (no compliance) with the
failure criterion of MfRetentionFailureTime evaluated as the bake goes.
Asserts: the run succeeds; summary.json device.retention names the bake temperature, the pristine and the
programmed read; programming lowered R by more than 100x (the fast cell forms at 1.25-1.5 V: R 4.8e8 ->
~7e2 Ohm); the bake rows are reads (column read = 1) of cycle 1 at the read voltage with increasing time;
t_fail is either null (retained: the last bake row is still below the failure level) or a positive time
(failed: the run stopped at the row that crossed it).
Usage: check_retention.py memflex deck outdir [options]"""
import math, sys

from devrun import run_device

rows, summary = run_device(sys.argv[1:], tail=3000)
dev = summary["device"]
fails = []
ret = dev.get("retention")
if not ret:
    sys.exit("FAILED: summary.json has no device.retention")
R0, Rp, tf = ret["R_pristine_Ohm"], ret["R_programmed_Ohm"], ret["t_fail_s"]
print("retention: T %.2f K, R pristine %.4g Ohm, programmed %.4g Ohm, t_fail %s" % (ret["bake_temperature_K"], R0, Rp, tf))
if not (R0 and Rp and Rp < 1e-2 * R0):
    fails.append("programming did not lower R by 100x (pristine %s, programmed %s)" % (R0, Rp))
bake = [x for x in rows if int(float(x["cycle"])) == 1]
if len(bake) < 2:
    fails.append("fewer than 2 bake rows")
if not all(float(x["read"]) == 1 and abs(float(x["V_V"]) - dev["read_voltage_V"]) < 1e-12 for x in bake):
    fails.append("bake rows must be reads at the read voltage")
t = [float(x["t_s"]) for x in bake]
if any(b <= a for a, b in zip(t, t[1:])):
    fails.append("bake times must increase")
level = math.exp(math.log(Rp) + 0.5 * math.log(R0 / Rp)) if R0 and Rp else float("nan")
R_last = abs(float(bake[-1]["Vdev_V"]) / float(bake[-1]["I_A"])) if bake and float(bake[-1]["I_A"]) != 0 else float("inf")
if tf is None:
    if not R_last < level: fails.append("t_fail is null but the last bake read %.4g Ohm is above the failure level %.4g Ohm" % (R_last, level))
elif not (tf > 0 and R_last >= level):
    fails.append("t_fail = %s but the last bake read %.4g Ohm is not at the failure level %.4g Ohm" % (tf, R_last, level))
if fails:
    sys.exit("FAILED: " + "; ".join(fails))
print("PASSED")
