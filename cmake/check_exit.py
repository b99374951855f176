"""Run a test command and check its exit status as well as its output (CTest's PASS_REGULAR_EXPRESSION alone
ignores the exit code). Usage: check_exit.py --exit zero|nonzero [--regex RE] [--forbid RE] -- command ...
Passes when the exit status is as expected, the combined output matches RE (re.search, DOTALL) and does not
match --forbid."""
import re, subprocess, sys

args = sys.argv[1:]
sep = args.index("--")
opts, cmd = args[:sep], args[sep + 1:]
want, regex, forbid = None, None, None
for i in range(0, len(opts), 2):
    if opts[i] == "--exit": want = opts[i + 1]
    elif opts[i] == "--regex": regex = opts[i + 1]
    elif opts[i] == "--forbid": forbid = opts[i + 1]
r = subprocess.run(cmd, capture_output=True, text=True)
out = r.stdout + r.stderr
sys.stdout.write(out[-6000:])
fails = []
if want == "zero" and r.returncode != 0: fails.append("exit status %d, expected 0" % r.returncode)
if want == "nonzero" and r.returncode == 0: fails.append("exit status 0, expected an error exit")
if regex and not re.search(regex, out, re.S): fails.append("output does not match %r" % regex)
if forbid and re.search(forbid, out, re.S): fails.append("output matches the forbidden %r" % forbid)
print("\ncheck_exit: " + ("; ".join(fails) if fails else "ok (exit %d)" % r.returncode))
sys.exit(1 if fails else 0)
