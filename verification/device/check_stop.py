#!/usr/bin/python3
"""device_run_stops_early: a window whose fields cannot be solved ends the protocol, not the run's outputs.

The fast cell is run with a Newton solver that cannot converge (one iteration, no load-step cuts or
sub-steps: -et_snes_max_it 1 -et_max_load_cuts 0), so the first window that needs more than one Newton
iteration fails with PETSC_ERR_NOT_CONVERGED. Requirements (issue 6 + the bad-input rules of the guide): a
non-zero exit; the solver's own message on the terminal; summary.json written (atomically) with
electrothermal.stopped_early = true and stopped_at_V = the source voltage of that window; timeseries.csv with
exactly the points before it (the count run.log reports); run.log says the protocol stopped.
Usage: check_stop.py memflex deck outdir [options]"""
import csv, json, os, re, subprocess, sys

exe, deck, out = sys.argv[1:4]
env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
r = subprocess.run([exe, "run", deck, "-output_dir", out, "-output_overwrite", "1"] + sys.argv[4:], env=env, capture_output=True, text=True)
text = r.stdout + r.stderr
fails = []
if r.returncode == 0: fails.append("the run exited with 0 although a window failed")
if "electro-thermal" not in text or "did not converge" not in text and "failed" not in text:
    fails.append("the solver's message is missing from the output")
with open(os.path.join(out, "summary.json")) as f:
    et = json.load(f)["electrothermal"]
with open(os.path.join(out, "timeseries.csv")) as f:
    rows = list(csv.DictReader(l for l in f if not l.startswith("#")))
log = open(os.path.join(out, "run.log")).read()
m = re.search(r"V = ([-+0-9.]+) V: the fields could not be solved in this window .* outputs cover the (\d+) points before it", log)
if not et.get("stopped_early"): fails.append("summary.json: stopped_early is not true")
if not m: fails.append("run.log does not report the stopped protocol")
else:
    V_stop, n_before = float(m.group(1)), int(m.group(2))
    print("stopped at V_s = %+.3f V after %d points; summary stopped_at_V = %s; %d time-series rows" % (V_stop, n_before, et.get("stopped_at_V"), len(rows)))
    if et.get("stopped_at_V") is None or abs(et["stopped_at_V"] - V_stop) > 1e-12: fails.append("stopped_at_V %s != %g V of run.log" % (et.get("stopped_at_V"), V_stop))
    if len(rows) != n_before or n_before < 1: fails.append("timeseries.csv has %d rows, run.log says %d points before the stop" % (len(rows), n_before))
if fails:
    sys.exit("FAILED: " + "; ".join(fails))
print("PASSED")
