#!/usr/bin/python3
"""device_ecm_retention: the retention protocol end to end on the fast ECM cell: pristine read, SET ramp to
protocol.program_voltage under the compliance, then a bake of log-spaced reads (no compliance) with the
failure criterion of MfRetentionFailureTime evaluated as the bake goes.
Asserts: the run succeeds; summary.json device.retention names the bake temperature, the pristine and the
programmed read; programming lowered R by more than 100x (the fast cell forms at 1.25-1.5 V: R 4.8e8 ->
~7e2 Ohm); the bake rows are reads (column read = 1) of cycle 1 at the read voltage with increasing time;
t_fail is either null (retained: the last bake row is still below the failure level) or a positive time
(failed: the run stopped at the row that crossed it).
Programming temperature (protocol.program_temperature, the CTest case: 300 K, bake 398.15 K): the pristine
read (first row) is at the programming temperature to 0.1 K and every bake row is at or above the oven's. With the lateral sink (kmc.ecm_lateral_sink) the filament decays by dissolution + out-diffusion:
the CTest case asserts a failure (0.02-0.2 s at 358-398 K in the retention study; the bake lasts 1 s).
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
Tb, Tp = ret["bake_temperature_K"], ret.get("program_temperature_K")
if Tp is not None and Tp < Tb:
    T0 = float(rows[0]["T_max_K"])  # the pristine read: 0.1 V on 4.8e8 Ohm heats by < 0.01 K
    print("programming at %.2f K: pristine read T_max %.3f K; bake rows T_max %.2f-%.2f K" % (Tp, T0, min(float(x["T_max_K"]) for x in bake), max(float(x["T_max_K"]) for x in bake)))
    if not abs(T0 - Tp) < 0.1: fails.append("the pristine read is at %.3f K, not at the programming temperature %.2f K" % (T0, Tp))
    if not all(float(x["T_max_K"]) >= Tb - 1e-6 for x in bake): fails.append("a bake row is below the oven temperature")
if "-kmc_ecm_lateral_sink" in sys.argv and tf is None:
    fails.append("with the lateral sink the filament must decay within the bake")
if fails:
    sys.exit("FAILED: " + "; ".join(fails))
print("PASSED")
