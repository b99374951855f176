"""config_keys_read: every registered deck key is read by some module (a key nobody reads would be accepted
and silently ignored).

Usage: check_keys_read.py memflex outdir deck [deck ...]

Runs `memflex run deck -protocol_type dc -config_read_log F` for each deck (DC: one bias point; every key is
read while the run is set up, whatever the protocol), and compares the union of the logs with the registered
keys (`memflex run -help -help_format names`). The decks cover the mechanisms (none, ecm, vcm, phase_change) and every
layer of a stack. Fails (exit 1) naming each key no run read, or when a run fails."""
import os, re, subprocess, sys

exe, out, decks = sys.argv[1], sys.argv[2], sys.argv[3:]
env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
r = subprocess.run([exe, "run", "-help", "-help_format", "names"], env=env, capture_output=True, text=True)
keys = [l for l in r.stdout.split("\n") if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", l)]
read, fails = set(), []
os.makedirs(out, exist_ok=True)
for d in decks:
    name = os.path.splitext(os.path.basename(d))[0]
    log = os.path.join(out, name + ".keys")
    r = subprocess.run([exe, "run", d, "-protocol_type", "dc", "-output_dir", os.path.join(out, name), "-output_overwrite", "1", "-config_read_log", log], env=env, capture_output=True, text=True)
    if r.returncode:
        fails.append("%s: run failed (exit %d): %s" % (d, r.returncode, (r.stdout + r.stderr)[-500:]))
        continue
    got = set(open(log).read().split())
    print("%s: %d keys read" % (name, len(got)))
    read |= got
unread = [k for k in keys if k not in read]
print("%d registered keys, %d read by at least one run" % (len(keys), len(set(keys) & read)))
if len(keys) < 100:
    fails.append("only %d registered keys listed by -help_format names" % len(keys))
fails += ["key '%s' is registered but no module read it" % k for k in unread]
print("\n".join(fails) if fails else "PASSED")
sys.exit(1 if fails else 0)
