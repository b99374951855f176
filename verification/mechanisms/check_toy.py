"""toy_mechanism: a mechanism registered from its test alone runs through the memflex command line.

Usage: check_toy.py toy_walk_exe memflex_exe deck plain_deck outdir

For seeds 1, 2, 3 (each must pass: the checks are deterministic consequences of the contract, not statistics):
  - the run exits 0; timeseries.csv has the mechanism's columns toy_carriers and toy_mean_height_m, and the
    coupler's events column; summary.json has the mechanism's numbers in its "kmc" section;
  - the carrier count is conserved (a walk with site exclusion creates and destroys nothing) and equals the
    summary's toy_final_carriers;
  - every frame holds the cell array toy_charge_density_C_per_m3; in the last frame its integral over the mesh
    times the lattice depth a (a 2D run's lattice is one site deep) is the carriers' charge z q N (to 1e-9:
    only round-off separates the two sums), and it is 0 outside the functional layer;
  - the fields reach the mechanism with the right sign: positive carriers drift down at +1 V (mean height
    below its as-deposited value) and up at -1 V (above its value at +1 V). The drift per window is many
    lattice spacings (docs/mechanisms.md), so a wrong sign cannot pass on any seed.
The plain memflex binary does not know the toy: its keys are unknown keys there, and kmc.mechanism toy_walk on
another deck (plain_deck) is one 'memflex: error:' line naming the registered mechanisms (exit != 0)."""
import csv, json, os, subprocess, sys
import vtk
from vtk.util.numpy_support import vtk_to_numpy

toy, memflex, deck, plain_deck, out = sys.argv[1:6]
env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
q, a, z = 1.602176634e-19, 0.5e-9, 1.0
fails = []


def frame_charge(path):
    rd = vtk.vtkXMLUnstructuredGridReader()
    rd.SetFileName(path)
    rd.Update()
    g = rd.GetOutput()
    cd = g.GetCellData()
    rho = cd.GetArray("toy_charge_density_C_per_m3")
    if rho is None:
        return None
    rho = vtk_to_numpy(rho)
    reg = vtk_to_numpy([cd.GetArray(i) for i in range(cd.GetNumberOfArrays()) if "region" in cd.GetArrayName(i)][0])
    size = vtk.vtkCellSizeFilter()
    size.SetInputData(g)
    size.Update()
    area = vtk_to_numpy(size.GetOutput().GetCellData().GetArray("Area"))
    outside = float(abs(rho[reg != 4]).max()) if (reg != 4).any() else 0.0
    return float((rho * area).sum()) * a, outside


for seed in (1, 2, 3):
    d = os.path.join(out, "seed%d" % seed)
    r = subprocess.run([toy, "run", deck, "-kmc_seed", str(seed), "-output_dir", d, "-output_overwrite", "1"], env=env, capture_output=True, text=True)
    if r.returncode:
        print(r.stdout[-3000:], r.stderr[-3000:])
        fails.append("seed %d: toy_walk run exited %d" % (seed, r.returncode))
        continue
    with open(os.path.join(d, "timeseries.csv")) as f:
        rows = list(csv.DictReader(l for l in f if not l.startswith("#")))
    s = json.load(open(os.path.join(d, "summary.json")))
    for col in ("toy_carriers", "toy_mean_height_m", "events"):
        if col not in rows[0]:
            fails.append("seed %d: no column %s in timeseries.csv" % (seed, col))
    if fails:
        break
    n = [int(float(x["toy_carriers"])) for x in rows]
    h = [float(x["toy_mean_height_m"]) for x in rows]
    V = [float(x["V_V"]) for x in rows]
    ip, im = V.index(max(V)), V.index(min(V))
    print("seed %d: carriers %d..%d, mean height %.3g nm at 0 V, %.3g nm at +1 V, %.3g nm at -1 V, events %s" % (seed, min(n), max(n), h[0] * 1e9, h[ip] * 1e9, h[im] * 1e9, rows[-1]["events"]))
    if min(n) != max(n) or n[0] <= 0:
        fails.append("seed %d: carrier count not conserved or zero: %s" % (seed, n))
    if s["kmc"].get("toy_final_carriers") != n[-1] or s["kmc"].get("mechanism") != "toy_walk":
        fails.append("seed %d: summary.json kmc section %s does not carry the toy's numbers" % (seed, s["kmc"]))
    if not (h[ip] < h[0] - 2 * a and h[im] > h[ip] + 2 * a):
        fails.append("seed %d: carriers did not drift with the field (heights %g, %g, %g m)" % (seed, h[0], h[ip], h[im]))
    frames = sorted(x for x in os.listdir(d) if x.startswith("fields_") and x.endswith(".vtu"))
    if len(frames) != len(rows):
        fails.append("seed %d: %d frames for %d rows" % (seed, len(frames), len(rows)))
    res = frame_charge(os.path.join(d, frames[-1]))
    if res is None:
        fails.append("seed %d: no toy_charge_density_C_per_m3 in %s" % (seed, frames[-1]))
        continue
    Q, outside = res
    print("  last frame: integral of rho = %.6e C, z q N = %.6e C, |rho| outside the functional layer %g" % (Q, z * q * n[-1], outside))
    if abs(Q - z * q * n[-1]) > 1e-9 * z * q * n[-1] or outside != 0.0:
        fails.append("seed %d: charge density integral %g C != z q N = %g C, or nonzero outside (%g)" % (seed, Q, z * q * n[-1], outside))

def plain(deck_path, extra, expect):
    r = subprocess.run([memflex, "run", deck_path, "-output_dir", os.path.join(out, "plain"), "-output_overwrite", "1"] + extra, env=env, capture_output=True, text=True)
    msg = (r.stdout + r.stderr).strip()
    print("plain memflex: exit %d: %s" % (r.returncode, msg[-300:]))
    if r.returncode == 0 or "memflex: error:" not in msg or expect not in msg or "PETSC ERROR" in msg:
        fails.append("the plain memflex binary did not refuse with one error line containing %r" % expect)


plain(deck, [], "unknown key 'kmc.toy_fraction'")
plain(plain_deck, ["-kmc_mechanism", "toy_walk"], "kmc.mechanism 'toy_walk' is not a registered switching mechanism; registered: vcm, ecm, phase_change (or none)")

print("\n".join(fails) if fails else "PASSED")
sys.exit(1 if fails else 0)
