#!/usr/bin/python3
"""Read a memflex results folder back the way ParaView does (VTK's own XML readers) and check it.

usage: check_run.py RUN_DIR [--compare OTHER_RUN_DIR --rtol 1e-8]
Checks: summary.json parses and names the files; timeseries.csv has a header with units and one row per
protocol point; fields.pvd lists existing .vtu frames with increasing times; every frame has the mesh's
cell count, the expected point/cell arrays, finite values, region ids in 1..7 and T >= ambient - tolerance.
With --compare: the two runs' time series agree to rtol (np=1 vs np=2 consistency)."""
import csv, json, math, os, sys
import xml.etree.ElementTree as ET

def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)

def read_series(path):
    with open(path) as f:
        rows = [l for l in f if not l.startswith("#")]
    r = list(csv.reader(rows))
    return r[0], [[float(x) for x in row] for row in r[1:]]

def main(argv):
    run = argv[1]
    s = json.load(open(os.path.join(run, "summary.json")))
    for k in ("mesh", "stack", "electrothermal", "mechanics", "performance", "files"):
        if k not in s:
            fail("summary.json lacks '%s'" % k)
    head, rows = read_series(os.path.join(run, s["files"]["timeseries"]))
    for col in ("t_s", "V_V", "I_A", "R_Ohm", "T_max_K"):
        if col not in head:
            fail("timeseries.csv lacks column %s (has %s)" % (col, head))
    if len(rows) != s["protocol"]["points"]:
        fail("timeseries has %d rows, protocol %d points" % (len(rows), s["protocol"]["points"]))
    t = [r[head.index("t_s")] for r in rows]
    if any(b < a for a, b in zip(t, t[1:])):
        fail("time not increasing")
    import vtk
    from vtk.util.numpy_support import vtk_to_numpy
    pvd = ET.parse(os.path.join(run, s["files"]["fields"])).getroot()
    sets = pvd.findall("./Collection/DataSet")
    if not sets:
        fail("fields.pvd lists no frames")
    times = [float(d.get("timestep")) for d in sets]
    if times != sorted(times):
        fail("pvd times not increasing")
    ncell = s["mesh"]["cells"]
    T_amb = min(r[head.index("T_max_K")] for r in rows)
    for d in sets:
        path = os.path.join(run, d.get("file"))
        rd = vtk.vtkXMLUnstructuredGridReader()
        rd.SetFileName(path)
        rd.Update()
        g = rd.GetOutput()
        if g.GetNumberOfCells() != ncell:
            fail("%s: %d cells, mesh has %d" % (path, g.GetNumberOfCells(), ncell))
        pd, cd = g.GetPointData(), g.GetCellData()
        pnames = [pd.GetArrayName(i) for i in range(pd.GetNumberOfArrays())]
        cnames = [cd.GetArrayName(i) for i in range(cd.GetNumberOfArrays())]
        need_p = ["potential", "temperature"]
        need_c = ["region", "sigma_S_per_m", "electric_field", "current_density", "joule_power_density", "conductivity_S_per_m"]
        if s["mechanics"].get("bending_radius_m") is not None:
            need_p.append("displacement")
            need_c += ["von_mises", "hydrostatic_stress"]
        for n in need_p:
            if not any(n in x for x in pnames):
                fail("%s: no point array '%s' (has %s)" % (path, n, pnames))
        for n in need_c:
            if not any(n in x for x in cnames):
                fail("%s: no cell array '%s' (has %s)" % (path, n, cnames))
        for arrs, names in ((pd, pnames), (cd, cnames)):
            for n in names:
                a = vtk_to_numpy(arrs.GetArray(n))
                if not all(math.isfinite(x) for x in a.ravel()):
                    fail("%s: array %s has non-finite values" % (path, n))
        reg = vtk_to_numpy(cd.GetArray([x for x in cnames if "region" in x][0]))
        if reg.min() < 1 or reg.max() > 7:
            fail("%s: region ids outside 1..7" % path)
        T = vtk_to_numpy(pd.GetArray([x for x in pnames if "temperature" in x][0]))
        if T.min() < T_amb - 1.0:
            fail("%s: temperature %.3f K below ambient" % (path, T.min()))
    print("run %s: %d rows, %d frames of %d cells read back with VTK" % (run, len(rows), len(sets), ncell))
    if "--compare" in argv:
        other = argv[argv.index("--compare") + 1]
        rtol = float(argv[argv.index("--rtol") + 1]) if "--rtol" in argv else 1e-8
        h2, r2 = read_series(os.path.join(other, "timeseries.csv"))
        if h2 != head or len(r2) != len(rows):
            fail("time series differ in shape")
        # Column-wise relative difference |x - y| / max|column|: a zero-bias row's current is round-off
        # (1e-20 A next to 1e-14 A), so a pointwise relative measure would compare noise with noise.
        worst = 0.0
        for c, name in enumerate(head):
            if name in ("newton_its", "R_Ohm"):  # iteration counts differ; R = V/I is undefined at V = 0
                continue
            col = [(a[c], b[c]) for a, b in zip(rows, r2) if math.isfinite(a[c]) and math.isfinite(b[c])]
            scale = max([max(abs(x), abs(y)) for x, y in col] + [1e-300])
            for x, y in col:
                worst = max(worst, abs(x - y) / scale)
        print("largest relative difference to %s: %.3e (rtol %.1e)" % (other, worst, rtol))
        if worst > rtol:
            fail("runs differ by %.3e > %.1e" % (worst, rtol))
    print("PASS")

if __name__ == "__main__":
    main(sys.argv)
