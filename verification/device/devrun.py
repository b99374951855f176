"""Shared by the device checkers: run `memflex run` on a deck into a folder, return its time-series rows
(dicts of strings) and summary.json. A failed run exits the checker with the run's output."""
import csv, json, os, subprocess, sys


def run_device(argv, tail=4000):
    """argv = [memflex, deck, outdir, extra options...] as passed to the checker. The environment variable
    MF_DEVICE_MPIEXEC (e.g. "mpiexec -n 2") runs memflex on several ranks."""
    exe, deck, out = argv[:3]
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    launcher = os.environ.get("MF_DEVICE_MPIEXEC", "").split()
    r = subprocess.run(launcher + [exe, "run", deck, "-output_dir", out, "-output_overwrite", "1"] + list(argv[3:]), env=env, capture_output=True, text=True)
    sys.stdout.write(r.stdout[-tail:])
    if r.returncode:
        sys.stdout.write(r.stderr[-tail:])
        sys.exit("memflex run failed (exit %d)" % r.returncode)
    with open(os.path.join(out, "timeseries.csv")) as f:
        rows = list(csv.DictReader(l for l in f if not l.startswith("#")))
    with open(os.path.join(out, "summary.json")) as f:
        summary = json.load(f)
    return rows, summary


def not_pinched(V, I, t=None, rtol=1e-6):
    """Failures of the pinched-hysteresis check: every sample at V = 0 carries |I| <= rtol max|I| (the V = 0
    solve's current is the solver tolerance; a non-pinched loop would carry a sizeable current there)."""
    Imax = max(abs(x) for x in I)
    return ["not pinched: I = %g A at V = 0%s" % (I[k], " (t = %g s)" % t[k] if t else "") for k in range(len(V)) if V[k] == 0.0 and abs(I[k]) > rtol * Imax]
