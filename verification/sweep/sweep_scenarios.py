#!/usr/bin/python3
"""End-to-end sweep scenarios with the analytic test device (verification/sweep/sweep_test_device.c).

Each case states its requirement; every check compares exact values (the device is closed-form and the
sweep must reproduce it bit for bit on any number of ranks), so no tolerance is needed except in `bench`,
which measures and asserts nothing about timing.

  serial_vs_mpi  the table of a 2-rank sweep (1 and 2 ranks per point) equals the serial one, and both
                 sub-communicators took points (dynamic assignment)
  stop_resume    a sweep stopped after 2 points per group (2 ranks) and resumed completes; every point ran
                 exactly once; the table equals the serial one; resuming without -sweep_restart is refused
  kill_resume    a serial sweep killed with SIGKILL midway resumes; finished points are not recomputed, the
                 table has each point exactly once and equals the uninterrupted one; same with mpiexec -n 2
  failures       bad values, declared failures and a collective divergence on a 2-rank sub-communicator are
                 recorded with their messages and the rest completes; -sweep_retry_failed reruns only them
  bad_input      a changed study or deck is refused on resume with a message naming the change; a damaged
                 result.json is recomputed; ranks not divisible by ranks_per_point and a foreign folder fail
  examples       inputs/studies/*.yaml expand to the documented point counts; the 32-seed ensemble runs and
                 postproc/plot_sweep.py draws its PNGs
  bench          throughput of a 16-point CPU-bound sweep on 1 vs 2 ranks (printed, not asserted)
"""
import argparse, csv, json, os, re, shutil, signal, subprocess, sys, time

ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           OMPI_MCA_rmaps_base_oversubscribe="1", OMPI_MCA_btl_vader_single_copy_mechanism="none")
A = None
FAILS = []


def check(cond, msg):
    if not cond:
        FAILS.append(msg)
        print("FAIL:", msg, flush=True)


def cmd(study, np=1, args=(), ):
    base = [A.exe, study] + list(args)
    if np > 1:
        return [A.mpiexec, "-n", str(np), "--oversubscribe"] + base
    return base  # singleton MPI: a single process we can kill for real


def run(study, out, np=1, args=(), expect_ok=True, cwd=None):
    c = cmd(study, np, ["-sweep_output", out] + list(args))
    p = subprocess.run(c, cwd=cwd or A.work, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace", timeout=200)
    if expect_ok and p.returncode != 0:
        print(p.stdout)
        check(False, "command failed: " + " ".join(c))
    return p


def table(out):
    """results.csv without the machine-dependent wall_time_s column."""
    with open(os.path.join(out, "results.csv")) as f:
        rows = list(csv.reader(f))
    w = rows[0].index("wall_time_s")
    return [r[:w] + r[w + 1:] for r in rows]


def calls(out):
    path = os.path.join(out, "calls.log")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [int(l.strip().split("_")[1]) for l in f if l.strip()]


def done_points(out):
    return sorted(int(d.split("_")[1]) for d in os.listdir(out)
                  if d.startswith("point_") and os.path.exists(os.path.join(out, d, "result.json")))


def fresh(name):
    d = os.path.join(A.work, name)
    shutil.rmtree(d, ignore_errors=True)
    return d


def study(name):
    return os.path.join(A.studies, name)


GRID = None


def reference():
    """Serial, uninterrupted run of the grid study: the table every other run must reproduce."""
    global GRID
    if GRID is None:
        out = fresh("ref_serial")
        run(study("grid_fail.yaml"), out)
        GRID = table(out)
        check_grid_values(GRID)
    return GRID


def check_grid_values(t):
    h = t[0]
    rows = {int(r[0]): dict(zip(h, r)) for r in t[1:]}
    check(sorted(rows) == list(range(12)), "grid table must hold points 0..11 once each, got %s" % sorted(rows))
    failed = sorted(i for i, r in rows.items() if r["status"] == "failed")
    check(failed == [1, 4, 6, 7, 8, 10], "failed points %s, expected [1, 4, 6, 7, 8, 10]" % failed)
    for i in (6, 7, 8):
        check("expected a positive radius" in rows[i]["error"], "point %d error: %r" % (i, rows[i]["error"]))
    for i in (1, 4, 10):
        check("compliance current 0 A" in rows[i]["error"], "point %d error: %r" % (i, rows[i]["error"]))
    # exact closed forms of the test device: strain = h/(2R), R_on = 0.3 V / I_cc (12 printed digits)
    radius = {"20 mm": 20e-3, "5 mm": 5e-3, "2 mm": 2e-3}
    icc = {"1e-5 A": 1e-5, "1e-4 A": 1e-4}
    for i, r in rows.items():
        if r["status"] != "ok":
            continue
        check(float(r["strain"]) == float("%.12g" % (125e-6 / (2 * radius[r["bending_radius"]]))), "strain of point %d" % i)
        check(float(r["R_on_Ohm"]) == float("%.12g" % (0.3 / icc[r["device_compliance"]])), "R_on of point %d" % i)


def case_serial_vs_mpi():
    ref = reference()
    for rpp in (1, 2):
        out = fresh("np2_rpp%d" % rpp)
        p = run(study("grid_fail.yaml"), out, np=2, args=["-sweep_ranks_per_point", str(rpp), "-test_sleep", "0.05", "-test_work", "20000"])
        t = table(out)
        # work_checksum differs from the serial reference run (no -test_work there): compare it separately
        wc = t[0].index("work_checksum")
        check([r[:wc] + r[wc + 1:] for r in t] == [r[:wc] + r[wc + 1:] for r in ref], "2-rank table (ranks_per_point %d) differs from the serial one" % rpp)
        if rpp == 1:
            groups = set(re.findall(r"\(group (\d+)\)", p.stdout))
            check(groups == {"0", "1"}, "both sub-communicators must take points, saw groups %s" % groups)
            tw = t
        else:
            check(t == tw, "work checksum split over a 2-rank sub-communicator differs from 1 rank per point")
    # the same on the serial run with the same work
    out = fresh("np1_work")
    run(study("grid_fail.yaml"), out, args=["-test_work", "20000"])
    check(table(out) == tw, "serial table with work differs from the 2-rank one")
    with open(os.path.join(out, "results.json")) as f:
        j = json.load(f)
    check(j["npoints"] == 12 and j["ok"] == 6 and j["failed"] == 6 and [p["index"] for p in j["points"]] == list(range(12)),
          "results.json summary/order")


def case_stop_resume():
    ref = reference()
    out = fresh("stop")
    p = run(study("grid_fail.yaml"), out, np=2, args=["-sweep_stop_after", "2", "-test_calls_log", os.path.join(out, "calls.log")])
    check("stopped early" in p.stdout, "stop message missing")
    check(not os.path.exists(os.path.join(out, "results.csv")), "a stopped sweep must not write the table")
    check(len(done_points(out)) == 4, "2 groups x 2 points must be done, found %s" % done_points(out))
    p = run(study("grid_fail.yaml"), out, np=2, expect_ok=False)
    check(p.returncode != 0 and "add -sweep_restart" in p.stdout, "resuming without -sweep_restart must be refused:\n" + p.stdout[-800:])
    p = run(study("grid_fail.yaml"), out, np=2, args=["-sweep_restart", "-test_calls_log", os.path.join(out, "calls.log")])
    check("8 to run, 4 already done" in p.stdout, "resume must run the 8 missing points only")
    c = calls(out)
    check(sorted(c) == list(range(12)), "every point must run exactly once over stop + resume, calls: %s" % sorted(c))
    check(table(out) == ref, "resumed table differs from the uninterrupted serial one")


def wait_for(out, n, proc, timeout=60):
    t0 = time.time()
    while time.time() - t0 < timeout:
        if os.path.isdir(out) and len(done_points(out)) >= n:
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.02)
    return False


def kill_session(sid):
    """SIGKILL every process of the session started for the sweep: mpiexec puts each rank in its own process
    group, so killing the group of mpiexec alone would leave the ranks running."""
    victims = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open("/proc/%s/stat" % d) as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                if int(fields[3]) == sid:  # field 6 of stat: session id
                    victims.append(int(d))
            except (OSError, IndexError, ValueError):
                pass
    for pid in victims:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    return victims


def kill_and_resume(tag, np):
    ref = reference()
    out = fresh(tag)
    log = os.path.join(out, "calls.log")
    c = cmd(study("grid_fail.yaml"), np, ["-sweep_output", out, "-test_sleep", "0.3", "-test_calls_log", log])
    proc = subprocess.Popen(c, cwd=A.work, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    reached = wait_for(out, 4, proc)
    kill_session(proc.pid)
    proc.wait()
    time.sleep(0.3)
    check(reached, "%s: sweep did not reach 4 points before the kill" % tag)
    before = done_points(out)
    check(4 <= len(before) < 12, "%s: kill must land midway, %d points were done" % (tag, len(before)))
    check(not os.path.exists(os.path.join(out, "results.csv")), "%s: killed sweep has a table" % tag)
    p = run(study("grid_fail.yaml"), out, np=np, args=["-sweep_restart", "-test_calls_log", log])
    check(("%d to run, %d already done" % (12 - len(before), len(before))) in p.stdout, "%s: resume must skip the %d finished points" % (tag, len(before)))
    c = calls(out)
    for q in before:
        check(c.count(q) == 1, "%s: point %d finished before the kill but ran %d times" % (tag, q, c.count(q)))
    check(set(c) == set(range(12)), "%s: some point never ran" % tag)
    # at most one interrupted point per group ran twice (it was in flight at the kill)
    check(len(c) - 12 <= np, "%s: %d points ran twice, at most %d were in flight" % (tag, len(c) - 12, np))
    t = table(out)
    idx = [r[0] for r in t[1:]]
    check(len(idx) == len(set(idx)) == 12, "%s: duplicate or missing rows" % tag)
    check(t == ref, "%s: resumed table differs from the uninterrupted one" % tag)
    leftovers = [f for d, _, fs in os.walk(out) for f in fs if f.endswith(".tmp")]
    check(not leftovers, "%s: temporary files left after resume: %s" % (tag, leftovers))


def case_kill_resume():
    kill_and_resume("kill_serial", 1)
    kill_and_resume("kill_np2", 2)


def case_failures():
    out = fresh("collective")
    run(study("collective_fail.yaml"), out, np=2, args=["-sweep_ranks_per_point", "2"])
    t = table(out)
    rows = {int(r[0]): dict(zip(t[0], r)) for r in t[1:]}
    check([rows[i]["status"] for i in range(4)] == ["ok", "failed", "ok", "ok"], "collective failure statuses %s" % [rows[i]["status"] for i in range(4)])
    check("SNES diverged" in rows[1]["error"] and "SweepTestDeviceRun" in rows[1]["error"], "collective failure message: %r" % rows[1]["error"])
    # retry only the failed points: they run again, the others do not
    out = reference() and os.path.join(A.work, "ref_serial")
    log = os.path.join(out, "calls.log")
    if os.path.exists(log):
        os.remove(log)
    p = run(study("grid_fail.yaml"), out, args=["-sweep_restart", "-sweep_retry_failed", "-test_calls_log", log])
    check(sorted(calls(out)) == [1, 4, 6, 7, 8, 10], "retry_failed ran %s" % sorted(calls(out)))
    check(table(out) == reference(), "table after retrying the failed points changed")


def case_bad_input():
    out = fresh("changed")
    run(study("grid_fail.yaml"), out)
    # changed study: one value differs -> refused with the point, key and both values
    with open(study("grid_fail.yaml")) as f:
        text = f.read()
    changed = os.path.join(A.work, "grid_changed.yaml")
    with open(changed, "w") as f:
        f.write(text.replace("5 mm", "4 mm").replace("../../../inputs/default.yaml", A.deck))
    p = run(changed, out, args=["-sweep_restart"], expect_ok=False)
    check(p.returncode != 0 and "changed since the sweep started" in p.stdout and "point 3 had bending_radius = '5 mm'" in p.stdout,
          "changed study must be refused naming the change:\n" + p.stdout[-1000:])
    # changed deck
    deck = os.path.join(A.work, "deck_copy.yaml")
    shutil.copy(A.deck, deck)
    st = os.path.join(A.work, "grid_owndeck.yaml")
    with open(st, "w") as f:
        f.write(text.replace("../../../inputs/default.yaml", deck))
    out2 = fresh("changed_deck")
    run(st, out2, args=["-sweep_stop_after", "3"])
    with open(deck, "a") as f:
        f.write("\n# edited\n")
    p = run(st, out2, args=["-sweep_restart"], expect_ok=False)
    check(p.returncode != 0 and "deck" in p.stdout and "changed since the sweep started" in p.stdout, "changed deck must be refused:\n" + p.stdout[-1000:])
    # damaged result.json -> recomputed, nothing else
    out3 = os.path.join(A.work, "changed")
    with open(os.path.join(out3, "point_0005", "result.json"), "w") as f:
        f.write('{"index": 5, "status": "ok", "param')
    log = os.path.join(out3, "calls.log")
    p = run(study("grid_fail.yaml"), out3, args=["-sweep_restart", "-test_calls_log", log])
    check("point 5 will be recomputed" in p.stdout and calls(out3) == [5], "damaged result must be recomputed alone, calls %s" % calls(out3))
    check(table(out3) == reference(), "table after repairing point 5 differs")
    # ranks not divisible by ranks_per_point
    p = run(study("grid_fail.yaml"), fresh("rpp3"), np=2, args=["-sweep_ranks_per_point", "3"], expect_ok=False)
    check(p.returncode != 0 and "does not divide the 2 MPI ranks" in p.stdout, "ranks_per_point 3 on 2 ranks must fail:\n" + p.stdout[-600:])
    # a non-empty folder that is not a sweep
    foreign = fresh("foreign")
    os.makedirs(foreign)
    open(os.path.join(foreign, "notes.txt"), "w").close()
    p = run(study("grid_fail.yaml"), foreign, expect_ok=False)
    check(p.returncode != 0 and "holds no sweep manifest" in p.stdout, "foreign folder must be refused:\n" + p.stdout[-600:])


def case_examples():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ex = os.path.join(root, "inputs", "studies")
    expected = {"bending_compliance.yaml": 12, "variability_32seeds.yaml": 32}
    for name, n in expected.items():
        p = run(os.path.join(ex, name), fresh("dry_" + name), args=["-sweep_dry_run"], cwd=root)
        m = re.search(r"(\d+) points", p.stdout)
        check(m and int(m.group(1)) == n, "%s must expand to %d points: %s" % (name, n, p.stdout[:300]))
    out = fresh("variability")
    run(os.path.join(ex, "variability_32seeds.yaml"), out, np=2, cwd=root)
    t = table(out)
    check(len(t) == 33 and all(r[1] == "ok" for r in t[1:]), "variability ensemble must give 32 ok rows")
    png = os.path.join(out, "plots")
    p = subprocess.run(["/usr/bin/python3", os.path.join(root, "postproc", "plot_sweep.py"), os.path.join(out, "results.csv"),
                        "--x", "kmc_seed", "--y", "V_set_V", "--hist", "V_set_V", "--weibull", "V_set_V", "--out", png],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(p.stdout)
    check(p.returncode == 0, "plot_sweep.py failed")
    # the test device draws V_set from a Weibull law with shape 6: median-rank regression on n = 32 has a
    # standard error of about 0.2*6 on beta, so [3, 12] is a loose sanity bound (the seeds are fixed, so
    # the number is deterministic: measured 6.96)
    m = re.search(r"beta = ([0-9.eE+-]+)", p.stdout)
    check(m and 3 < float(m.group(1)) < 12, "Weibull shape from plot_sweep.py: %s" % (m.group(1) if m else "missing"))
    for f in ("V_set_V_vs_kmc_seed.png", "V_set_V_hist.png", "V_set_V_weibull.png"):
        path = os.path.join(png, f)
        check(os.path.exists(path) and os.path.getsize(path) > 5000, "missing or empty plot " + f)


def case_bench():
    """Two loads: 'cpu' burns -test_work xorshift iterations per point (scales only with free cores), 'sleep'
    waits 0.25 s per point (no CPU: isolates the scheduling overhead; ideal ratio exactly 2)."""
    for load, args in (("cpu", ["-test_work", str(A.work_per_point)]), ("sleep", ["-test_sleep", "0.25"])):
        res = {}
        for np in (1, 2):
            out = fresh("bench_%s_np%d" % (load, np))
            p = run(study("bench16.yaml"), out, np=np, args=args)
            m = re.search(r"finished \S+ in ([0-9.]+) s", p.stdout)
            res[np] = float(m.group(1)) if m else float("nan")
            groups = re.findall(r"\(group (\d+)\)", p.stdout)
            split = "/".join(str(groups.count(str(g))) for g in range(np))
            print("%-5s np %d: 16 points in %6.2f s -> %5.2f points/s (points per group %s)" % (load, np, res[np], 16 / res[np], split), flush=True)
        print("%-5s throughput ratio np2/np1 = %.2f" % (load, res[1] / res[2]), flush=True)
    with open("/proc/loadavg") as f:
        print("load average during the benchmark:", f.read().split()[:3])


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--exe", required=True)
    ap.add_argument("--mpiexec", required=True)
    ap.add_argument("--studies", required=True)
    ap.add_argument("--deck", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--case", required=True)
    ap.add_argument("--work-per-point", dest="work_per_point", type=int, default=1000000)
    A = ap.parse_args()
    A.deck = os.path.abspath(A.deck)
    os.makedirs(A.work, exist_ok=True)
    globals()["case_" + A.case]()
    if FAILS:
        print("%s: %d check(s) failed" % (A.case, len(FAILS)))
        sys.exit(1)
    print("%s: all checks passed" % A.case)
