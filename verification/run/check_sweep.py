#!/usr/bin/python3
"""Check a `memflex sweep` over the bending radius of real device runs: every point done, and the
functional-layer strain scales as 1/R (linear elasticity: the imposed curvature 1/R is the only load, so
eps(5 mm)/eps(10 mm) = 2 up to solver round-off; 1e-6 leaves room for the direct solver's rounding)."""
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
if len(rows) != 2:
    sys.exit("FAIL: %d rows, expected 2" % len(rows))
for r in rows:
    if r.get("status") != "ok":
        sys.exit("FAIL: point %s status %s: %s" % (r.get("index"), r.get("status"), r.get("error")))
eps = {r["bending_radius"]: float(r["strain_functional_xx"]) for r in rows}
ratio = eps["5 mm"] / eps["10 mm"]
print("strain at 10 mm %.6e, at 5 mm %.6e, ratio %.9f" % (eps["10 mm"], eps["5 mm"], ratio))
if abs(ratio - 2.0) > 1e-6:
    sys.exit("FAIL: strain does not scale as 1/R")
print("PASS")
