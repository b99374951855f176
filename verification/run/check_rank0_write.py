"""run_rank0_write_error_np2: a results file that rank 0 cannot write (here: a folder already stands where the
file goes) ends every rank with one 'memflex: error:' line naming the file and a non-zero exit, instead of
leaving rank 1 waiting in the next collective call (the test's timeout would catch a hang).

Usage: check_rank0_write.py mpiexec memflex deck outdir"""
import os, shutil, subprocess, sys

mpiexec, exe, deck, out = sys.argv[1:5]
env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
fails = []
for blocked in ("timeseries.csv", "summary.json.tmp"):
    d = os.path.join(out, blocked.replace(".", "_"))
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, blocked))
    try:
        r = subprocess.run([mpiexec, "-n", "2", "--oversubscribe", exe, "run", deck, "-protocol_type", "dc", "-output_dir", d, "-output_overwrite", "1"],
                           env=env, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        fails.append("%s blocked: the run hung (no error on every rank)" % blocked)
        continue
    msg = r.stdout + r.stderr
    lines = [l for l in msg.split("\n") if "memflex: error:" in l]
    print("%s blocked: exit %d, %d error line(s): %s" % (blocked, r.returncode, len(lines), lines[:1]))
    if r.returncode == 0 or len(lines) != 1 or blocked.split(".tmp")[0] not in lines[0] or "PETSC ERROR: #" in msg:
        fails.append("%s blocked: expected one error line naming it and a non-zero exit" % blocked)
print("\n".join(fails) if fails else "PASSED")
sys.exit(1 if fails else 0)
