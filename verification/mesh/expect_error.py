#!/usr/bin/python3
"""Bad-input check: run a command that must fail with exactly one error line naming the file/value.

usage: expect_error.py REGEX -- command [args...]
Passes when the command exits non-zero, prints exactly one non-empty line (stdout + stderr), and that
line matches REGEX. Anything else (success, a traceback, several lines, wrong message) fails."""
import re
import subprocess
import sys

def main():
    if "--" not in sys.argv or sys.argv.index("--") != 2:
        sys.exit("usage: expect_error.py REGEX -- command [args...]")
    regex, cmd = sys.argv[1], sys.argv[3:]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    lines = [l for l in (p.stdout + p.stderr).splitlines() if l.strip()]
    print("exit status:", p.returncode)
    for l in lines:
        print("output:", l)
    ok = True
    if p.returncode == 0:
        print("FAIL: the command succeeded; expected a non-zero exit")
        ok = False
    if len(lines) != 1:
        print("FAIL: expected exactly one line of output, got %d" % len(lines))
        ok = False
    if not lines or not re.search(regex, lines[0]):
        print("FAIL: the error line does not match %r" % regex)
        ok = False
    print("PASSED" if ok else "FAILED")
    sys.exit(0 if ok else 1)

if __name__ == "__main__":
    main()
