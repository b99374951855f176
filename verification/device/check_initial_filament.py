#!/usr/bin/python3
"""device_initial_filament: the pre-formed filament of kmc.initial_filament_width / _gap (solver/coupler.c).

1. ECM fast cell (6 nm PEI-AgClO4, KMC spacing 0.5 nm, 1 nm FE cells, depth w = 10 nm), a bridged column
   1 nm wide: 2 x 12 = 24 metal sites, connected, gap 0. Read at 0.01 V (Joule heating < 0.1 K). The
   column is an ohmic conductor of sigma_f across L = 6 nm and 1 nm x w: R_f = L / (sigma_f 1 nm w) =
   6000 Ohm at sigma_f = 1e5 S/m (the two FE cells it straddles hold half of it each: same conductance).
   The electrodes' spreading resistance R_e is the same for any sigma_f, so it is measured with sigma_f =
   1e7 S/m (R_f = 60 Ohm) and removed: R(1e5) - R(1e7) = 5940 Ohm. Tolerance 0.5 %: the polymer host in
   parallel (1.2e9 Ohm, 5e-6 relative), the metal's TCR at < 0.1 K (4e-4) and the change of the current
   path in the electrodes (the filament dominates both runs) are below it.
3. A gap as thick as the layer is refused with an error naming the key.
2. VCM (NiO deck), 1.5 nm wide with a 1 nm gap below the top (reservoir) electrode: 3 columns x 10 layers
   = 30 vacancies grown from the bottom, gap 1 nm, not connected.
Usage: check_initial_filament.py memflex fast_deck nio_deck outdir"""
import sys

from devrun import run_device

exe, fast, nio, out = sys.argv[1:5]
fails = []
dc = ["-protocol_type", "dc", "-device_voltage", "0.01"]
R = {}
for sf in ("1e5", "1e7"):
    rows, s = run_device([exe, fast, out + "/ecm_" + sf] + dc + ["-kmc_initial_filament_width", "1e-9", "-kmc_map_sigma_filament", sf])
    k = s["kmc"]
    R[sf] = float(rows[-1]["R_Ohm"])
    print("ECM sigma_f %s S/m: %d metal sites, connected %s, gap %g m, R %.6g Ohm" % (sf, k["final_defects"], k["final_connected"], k["final_gap_m"], R[sf]))
    if k["final_defects"] != 24 or not k["final_connected"] or k["final_gap_m"] != 0:
        fails.append("ECM column: expected 24 connected metal sites with gap 0")
dR = R["1e5"] - R["1e7"]
print("R(1e5) - R(1e7) = %.6g Ohm, exact 5940 Ohm, rel. error %.2e" % (dR, dR / 5940 - 1))
if abs(dR / 5940 - 1) > 5e-3: fails.append("column resistance %.6g Ohm != 5940 Ohm (0.5 %%)" % dR)
rows, s = run_device([exe, nio, out + "/vcm"] + dc + ["-kmc_initial_filament_width", "1.5e-9", "-kmc_initial_filament_gap", "1e-9", "-kmc_vcm_initial_defects", "0"])
k = s["kmc"]
print("VCM: %d vacancies, connected %s, gap %g m" % (k["final_defects"], k["final_connected"], k["final_gap_m"]))
if k["final_defects"] != 30 or k["final_connected"] or abs(k["final_gap_m"] - 1e-9) > 1e-12:
    fails.append("VCM column: expected 30 vacancies, a 1 nm gap, not connected")
# bad input: a gap as thick as the layer is an error naming the key, not an empty or clipped column
import os, subprocess
env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
r = subprocess.run([exe, "run", nio, "-output_dir", out + "/bad", "-output_overwrite", "1"] + dc + ["-kmc_initial_filament_width", "1e-9", "-kmc_initial_filament_gap", "6e-9"], env=env, capture_output=True, text=True)
print("gap = layer thickness: exit %d, message names the key: %s" % (r.returncode, "kmc.initial_filament_gap" in r.stdout + r.stderr))
if r.returncode == 0 or "kmc.initial_filament_gap" not in r.stdout + r.stderr: fails.append("a gap as thick as the layer was not refused with a message naming kmc.initial_filament_gap")
if fails:
    sys.exit("FAILED: " + "; ".join(fails))
print("PASSED")
